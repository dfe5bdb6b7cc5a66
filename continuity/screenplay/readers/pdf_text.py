"""Text with positions from a PDF (PDFium), grouped into lines; title pages.

Part of :mod:`continuity.screenplay.readers.pdf`: this module knows characters, lines and
pages; the reader classifies them.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from continuity.errors import InputError
from continuity.screenplay.heading import is_heading
from continuity.settings import Settings

PAGE_NO_RE = re.compile(r"^(?:page\s+)?(\d{1,4}[A-Z]{0,3})\.?(?:\s*(?:of|/)\s*\d+)?$", re.I)
_CREDIT_RE = re.compile(r"^(?:(?:original\s+)?(?:screenplay|teleplay|story|written)(?:\s+and\s+directed)?\s+)?by$", re.I)
_SOURCE_RE = re.compile(r"^(?:story\s+by|based\s+on|adapted\s+from|from\s+the)\b", re.I)
_DATE_RE = re.compile(r"\b(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}|draft|revis)", re.I)


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
#
# PDFium runs in a child process (``python -m continuity.screenplay.readers.pdf_text``)
# with an address-space and CPU limit, under a wall-clock deadline. A page's content
# stream is compressed: 45 KB of PDF can inflate to millions of characters, and PDFium
# builds its text page whole (gigabytes, then an abort that kills the process) before
# any of it can be counted. So the limits are checked as each page is read, and what
# PDFium itself cannot bound (one page's memory and time) ends the child, not us: the
# user gets one line naming the page and the setting to raise, and exit status 2.


@dataclass(frozen=True)
class Limits:
    """What reading one PDF may cost (see docs/DESIGN.md, "Input limits"); the defaults are the settings'."""

    pages: int = Settings.pdf_max_pages
    page_chars: int = Settings.pdf_max_page_chars
    chars: int = Settings.pdf_max_chars
    mb: float = Settings.pdf_max_mb
    seconds: float = Settings.pdf_timeout

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Limits:
        """The limits of ``settings`` (default: :meth:`Settings.load`)."""
        s = settings or Settings.load()
        return cls(s.pdf_max_pages, s.pdf_max_page_chars, s.pdf_max_chars, s.pdf_max_mb, s.pdf_timeout)


_CHILD = "continuity.screenplay.readers.pdf_text"
_PROJECT_ROOT = str(Path(__file__).resolve().parents[3])


def extract(data: bytes, source: str, limits: Limits | None = None) -> list[PageText]:
    """Every page's lines of text, with positions (points, from the page's top left).

    Read by PDFium in a child process bounded by ``limits`` (default: the settings').

    Raises:
        InputError: not a PDF PDFium can open, encrypted, too many pages or too much
            text, or reading it went over its memory or time limit.
    """
    limits = limits or Limits.from_settings()
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (_PROJECT_ROOT, env.get("PYTHONPATH", "")) if p)
    args = json.dumps({"source": source, **asdict(limits)})
    try:
        done = subprocess.run([sys.executable, "-m", _CHILD, args], input=data, capture_output=True, env=env,
                              timeout=limits.seconds, close_fds=True)
        out, err, code = done.stdout, done.stderr, done.returncode
    except subprocess.TimeoutExpired as exc:
        out, err, code = exc.stdout or b"", exc.stderr or b"", None
    except OSError as exc:
        raise InputError(f"{source}: cannot start the PDF reader ({exc.strerror or exc})") from None
    pages: list[PageText] = []
    total: int | None = None
    for raw in out.splitlines():
        try:
            item = json.loads(raw)
        except ValueError:
            break  # cut off mid-line by the kill
        if "error" in item:
            raise InputError(item["error"])
        if "pages" in item:
            total = item["pages"]
        else:
            pages.append(_page_from_json(item, len(pages)))
    where = f"page {len(pages) + 1}" + (f" of {total}" if total else "")
    if code is None or code == -signal.SIGXCPU:
        raise InputError(
            f"{source}: reading the PDF took over {limits.seconds:g} s (stopped at {where}); a screenplay reads in "
            "seconds: this file is damaged or built to exhaust readers (STUDIO_PDF_TIMEOUT raises the limit)")
    if code != 0 or total is None or len(pages) != total:
        tail = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        if code < 0 or b"MemoryError" in err:
            raise InputError(
                f"{source}: reading {where} needed more than {limits.mb:g} MB of memory and was stopped: its compressed "
                "text expands far beyond a screenplay page's (a decompression bomb) or the file is damaged; nothing was "
                "read (STUDIO_PDF_MAX_MB raises the limit)")
        raise InputError(f"{source}: the PDF reader failed ({tail[0][:200] or f'exit status {code}'})")
    return pages


def _page_from_json(item: dict, index: int) -> PageText:
    lines = [Line(index, base, x0, x1, text, [(o, x) for o, x in gaps]) for base, x0, x1, text, gaps in item["lines"]]
    return PageText(item["width"], item["height"], lines, item["images"])


def _page_to_json(page: PageText) -> dict:
    return {"width": page.width, "height": page.height, "images": page.has_images,
            "lines": [[ln.base, ln.x0, ln.x1, ln.text, ln.gaps] for ln in page.lines]}


def _read_pages(data: bytes, source: str, limits: Limits) -> Iterator[dict]:
    """In the child: ``{"pages": n}``, then each page as it is read (see :func:`_page_to_json`).

    Raises:
        InputError: not a PDF PDFium can open, encrypted, or over a page, page-text or text limit.
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
        if n > limits.pages:
            raise InputError(f"{source}: {n:,} pages; the limit is {limits.pages:,}, far beyond a screenplay "
                             "(STUDIO_PDF_MAX_PAGES raises it)")
        yield {"pages": n}
        box = c.FS_RECTF()
        seen = 0
        for i in range(n):
            page = doc[i]
            try:
                left, bottom, right, top = page.get_cropbox()
                tp = page.get_textpage()
                count = tp.count_chars()
                if count > limits.page_chars:
                    raise InputError(
                        f"{source}: page {i + 1} holds {count:,} characters; a screenplay page holds a few thousand, "
                        f"the limit is {limits.page_chars:,} (STUDIO_PDF_MAX_PAGE_CHARS raises it)")
                seen += count
                if seen > limits.chars:
                    raise InputError(
                        f"{source}: more than {limits.chars:,} characters of text by page {i + 1} of {n}, beyond any "
                        "screenplay (STUDIO_PDF_MAX_CHARS raises the limit)")
                chars: list[Char] = []
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
                yield _page_to_json(PageText(right - left, top - bottom, _lines(chars, i), has_images))
            finally:
                page.close()
    finally:
        doc.close()


def _child_main() -> None:
    """The child process: limits first, then the PDF from stdin, pages to stdout as JSON lines."""
    args = json.loads(sys.argv[1])
    source = args.pop("source")
    limits = Limits(**args)
    try:
        import resource

        cap = int(limits.mb * 1024 * 1024)
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        cpu = int(limits.seconds) + 1
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ImportError, ValueError, OSError):  # pragma: no cover - not POSIX: the deadline still holds
        pass
    data = sys.stdin.buffer.read()
    out = sys.stdout
    try:
        for item in _read_pages(data, source, limits):
            out.write(json.dumps(item, ensure_ascii=False) + "\n")
            out.flush()
    except InputError as exc:
        out.write(json.dumps({"error": str(exc)}, ensure_ascii=False) + "\n")
        out.flush()


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


__all__ = ["Limits", "Line", "PageText", "extract", "looks_like_title_page", "read_title_page", "PAGE_NO_RE"]


if __name__ == "__main__":
    _child_main()
