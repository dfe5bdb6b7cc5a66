"""Text with positions from a PDF (PDFium), grouped into lines; title pages.

Part of :mod:`continuity.screenplay.readers.pdf`: this module knows characters, lines and
pages; the reader classifies them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from continuity.errors import InputError
from continuity.screenplay.heading import is_heading

PAGE_NO_RE = re.compile(r"^(?:page\s+)?(\d{1,4}[A-Z]{0,3})\.?(?:\s*(?:of|/)\s*\d+)?$", re.I)
_CREDIT_RE = re.compile(r"^(?:(?:original\s+)?(?:screenplay|teleplay|story|written)(?:\s+and\s+directed)?\s+)?by$", re.I)
_SOURCE_RE = re.compile(r"^(?:story\s+by|based\s+on|adapted\s+from|from\s+the)\b", re.I)
_DATE_RE = re.compile(r"\b(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}|draft|revis)", re.I)
MAX_PAGES = 2000


@dataclass
class Char:
    """One character and its box (from the font's advance width)."""

    ch: str
    x0: float
    x1: float
    base: float  # from the top of the page
    size: float


@dataclass
class Line:
    """One printed line: its page, baseline and text, with its horizontal extent."""

    page: int
    base: float
    x0: float
    x1: float
    text: str
    gaps: list[tuple[int, float]] = field(default_factory=list)  # (char offset, x) of wide gaps
    row: int = 0
    number: str | None = None  # a scene number printed beside it


@dataclass
class PageText:
    """A page's size, its lines, whether it holds images, and its printed number."""

    width: float
    height: float
    lines: list[Line]
    has_images: bool = False
    label: str | None = None


# -- extraction -------------------------------------------------------------------


def extract(data: bytes, source: str) -> list[PageText]:
    """Every page's lines of text, with positions (points, from the page's top left).

    Raises:
        InputError: not a PDF PDFium can open, encrypted, or too many pages.
    """
    try:
        import pypdfium2 as pdfium
        import pypdfium2.raw as c
    except ImportError:  # pragma: no cover - a dependency
        raise InputError(f"{source}: reading PDF needs the pypdfium2 package (pip install pypdfium2)") from None
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        text = str(exc).lower()
        if "password" in text:
            raise InputError(f"{source}: the PDF is encrypted (password protected); save an unprotected copy") from None
        raise InputError(f"{source}: not a readable PDF ({exc})") from None
    try:
        n = len(doc)
        if n > MAX_PAGES:
            raise InputError(f"{source}: {n} pages; more than {MAX_PAGES} is not a screenplay")
        box = c.FS_RECTF()
        out: list[PageText] = []
        for i in range(n):
            page = doc[i]
            try:
                left, bottom, right, top = page.get_cropbox()
                tp = page.get_textpage()
                chars: list[Char] = []
                count = tp.count_chars()
                raw = tp.raw
                for k in range(count):
                    u = c.FPDFText_GetUnicode(raw, k)
                    if u <= 32 or u in (0xA0, 0xFEFF, 0xFFFE, 0xFFFF) or 0xD800 <= u <= 0xDFFF:
                        continue
                    if not c.FPDFText_GetLooseCharBox(raw, k, box):
                        continue
                    chars.append(
                        Char(chr(u), box.left - left, box.right - left, top - box.bottom, c.FPDFText_GetFontSize(raw, k))
                    )
                has_images = not chars and _has_images(page, c)
                tp.close()
                out.append(PageText(right - left, top - bottom, _lines(chars, i), has_images))
            finally:
                page.close()
        return out
    finally:
        doc.close()


def _has_images(page, c) -> bool:
    for k in range(c.FPDFPage_CountObjects(page.raw)):
        if c.FPDFPageObj_GetType(c.FPDFPage_GetObject(page.raw, k)) == c.FPDF_PAGEOBJ_IMAGE:
            return True
    return False


def _lines(chars: list[Char], page: int) -> list[Line]:
    """Group characters into lines by baseline and rebuild the word spaces."""
    if not chars:
        return []
    sizes = sorted(ch.size for ch in chars)
    body = sizes[len(sizes) // 2] or 12.0
    # Watermarks and stamps ("DRAFT" across the page) are far larger than the text.
    chars = [ch for ch in chars if ch.size <= body * 2.5 and ch.x1 >= ch.x0]
    chars.sort(key=lambda ch: (ch.base, ch.x0))
    groups: list[list[Char]] = []
    tol = body * 0.3
    for ch in chars:
        if groups and ch.base - groups[-1][0].base <= tol:
            groups[-1].append(ch)
        else:
            groups.append([ch])
    widths = sorted(ch.x1 - ch.x0 for ch in chars if ch.x1 > ch.x0)
    space = widths[len(widths) // 2] if widths else body * 0.6
    lines = []
    for g in groups:
        g.sort(key=lambda ch: ch.x0)
        parts: list[str] = []
        gaps: list[tuple[int, float]] = []
        prev: Char | None = None
        length = 0
        for ch in g:
            if prev is not None:
                if ch.ch == prev.ch and abs(ch.x0 - prev.x0) < space * 0.3:
                    continue  # text printed twice, slightly offset: fake bold
                gap = ch.x0 - prev.x1
                if gap > space * 0.45:
                    n = max(1, round(gap / space))
                    parts.append(" " * n)
                    length += n
                    if n >= 3:
                        gaps.append((length, ch.x0))
            parts.append(ch.ch)
            length += len(ch.ch)
            prev = ch
        base = sorted(ch.base for ch in g)[len(g) // 2]
        lines.append(Line(page, base, g[0].x0, g[-1].x1, "".join(parts), gaps))
    return lines


# -- title page ------------------------------------------------------------------------


def looks_like_title_page(page: PageText) -> bool:
    """No heading and mostly centred or corner text: a title page."""
    if not page.lines or any(is_heading(ln.text.strip()) for ln in page.lines):
        return False
    mid = page.width / 2
    centred = sum(1 for ln in page.lines if abs((ln.x0 + ln.x1) / 2 - mid) <= 0.06 * page.width)
    return len(page.lines) <= 40 and centred >= 1 and centred >= len(page.lines) * 0.3


def read_title_page(page: PageText) -> tuple[tuple[str, str], ...]:
    """Best effort: centred blocks are title, credit, author, source; corners are contact and date."""
    mid = page.width / 2
    lead = min(
        (b.base - a.base for a, b in zip(page.lines, page.lines[1:]) if b.base > a.base), default=12.0
    )
    blocks: list[list[Line]] = []
    lines: list[Line] = []
    for ln in page.lines:  # a contact and a date may share a row: split at wide gaps
        cuts = [0] + [o for o, _ in ln.gaps] + [len(ln.text)]
        xs = [ln.x0] + [x for _, x in ln.gaps]
        for k in range(len(cuts) - 1):
            part = ln.text[cuts[k] : cuts[k + 1]].strip()
            end = ln.x1 if k == len(cuts) - 2 else xs[k + 1] - 3 * lead
            lines.append(Line(ln.page, ln.base, xs[k], min(end, xs[k] + len(part) * lead * 0.6), part))
    for ln in lines:
        if PAGE_NO_RE.match(ln.text.strip()):
            continue
        if blocks and ln.base - blocks[-1][-1].base <= lead * 1.4 and _side(blocks[-1][-1], mid, page) == _side(ln, mid, page):
            blocks[-1].append(ln)
        else:
            blocks.append([ln])
    pairs: list[tuple[str, str]] = []
    expect_author = False
    for block in blocks:
        text = "\n".join(ln.text.strip() for ln in block)
        side = _side(block[0], mid, page)
        if side == "centre":
            if not pairs:
                pairs.append(("Title", text))
            elif _CREDIT_RE.match(" ".join(text.split())):
                pairs.append(("Credit", text))
                expect_author = True
                continue
            elif expect_author:
                pairs.append(("Author", text))
            elif _SOURCE_RE.match(text):
                pairs.append(("Source", text))
            else:
                pairs.append(("Notes", text))
        elif side == "right" and _DATE_RE.search(text):
            pairs.append(("Draft date", text))
        else:
            pairs.append(("Contact", text))
        expect_author = False
    return tuple(pairs)


def _side(ln: Line, mid: float, page: PageText) -> str:
    centre = (ln.x0 + ln.x1) / 2
    if abs(centre - mid) <= 0.06 * page.width:
        return "centre"
    return "left" if centre < mid else "right"


__all__ = ["Line", "PageText", "extract", "looks_like_title_page", "read_title_page", "PAGE_NO_RE"]
