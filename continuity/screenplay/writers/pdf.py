"""Screenplay PDF writer: industry format, from :func:`continuity.screenplay.pages.layout`.

US Letter, Courier 12 (the PDF standard font, so nothing is embedded), 1.5 inch
left margin, 1 inch top, 55 rows a page, page numbers ``2.`` at the top right from
page 2, scene numbers on both sides of every heading (the script's own, else the
index), ``(MORE)`` and ``NAME (CONT'D)`` where a speech crosses a page, and a title
page when the script has one. The file is written by hand (a few hundred bytes of
PDF syntax per page), deterministically: no dates, the same script gives the same
bytes. Courier covers Windows-1252; other characters are transliterated
(accents dropped) or printed as ``?``.
"""

from __future__ import annotations

import unicodedata
import zlib
from typing import BinaryIO

from continuity.screenplay.model import Script
from continuity.screenplay.pages import ROWS_PER_PAGE, LaidPage, layout

PAGE_W, PAGE_H = 612, 792  # US Letter, in points
LEFT = 108.0  # 1.5 in
TOP = 72.0  # 1 in
CHAR = 7.2  # Courier 12: 10 characters to the inch
LEAD = 12.0  # 6 rows to the inch
_ASCENT = 9.0  # baseline below the top of a row
LEFT_NUMBER_X = 72.0  # scene numbers: 1.0 in from the left edge...
RIGHT_NUMBER_X = 561.6  # ...and 7.8 in
PAGE_NUMBER_RIGHT = 540.0  # "12." ends at 7.5 in, 0.5 in from the top


def write(script: Script, out: BinaryIO) -> None:
    """Write ``script`` as a screenplay PDF to the binary stream ``out``."""
    pages = layout(script, rows_per_page=ROWS_PER_PAGE)
    streams: list[bytes] = []
    if script.title_page:
        streams.append(_title_stream(script))
    for page in pages:
        streams.append(_page_stream(page))
    out.write(_document(streams, script.title or "Screenplay"))


def text_document(text: str, title: str) -> bytes:
    """Plain text as a PDF: Courier 10 on US Letter, 90 columns, 62 rows a page.

    Used for reports (``studio audit --format pdf``); lines are wrapped, never cut.
    """
    import textwrap

    rows: list[str] = []
    for line in text.splitlines():
        indent = len(line) - len(line.lstrip(" "))
        rows.extend(
            textwrap.wrap(line, 90, subsequent_indent=" " * min(indent + 2, 30), break_long_words=True) or [""]
        )
    per_page = 62
    streams = []
    for start in range(0, max(1, len(rows)), per_page):
        parts = [b"/F1 10 Tf\n"]
        for k, line in enumerate(rows[start : start + per_page]):
            if line.strip():
                parts.append(_text(72.0, PAGE_H - 54 - 10 - k * 11.0, line))
        number = f"{start // per_page + 1}."
        parts.append(_text(PAGE_W - 72 - len(number) * 6.0, 30.0, number))
        streams.append(b"".join(parts))
    return _document(streams, title)


def _baseline(row: int) -> float:
    """The baseline of 1-based body row ``row``, from the bottom of the page."""
    return PAGE_H - TOP - (row - 1) * LEAD - _ASCENT


def _text(x: float, y: float, text: str) -> bytes:
    return b"BT 1 0 0 1 %.2f %.2f Tm (" % (x, y) + _escape(text) + b") Tj ET\n"


def _page_stream(page: LaidPage) -> bytes:
    parts = [b"/F1 12 Tf\n"]
    if page.number > 1:
        label = f"{page.number}."
        parts.append(_text(PAGE_NUMBER_RIGHT - len(label) * CHAR, PAGE_H - 36 - _ASCENT, label))
    for r, row in enumerate(page.rows, start=1):
        if row is None or not row.text:
            continue
        y = _baseline(r)
        parts.append(_text(LEFT + row.indent * CHAR, y, row.text))
        if row.number:
            parts.append(_text(LEFT_NUMBER_X, y, row.number))
            parts.append(_text(RIGHT_NUMBER_X, y, row.number))
    return b"".join(parts)


def _title_stream(script: Script) -> bytes:
    """Title, credit, author and source centred; contact bottom left; date bottom right."""
    parts = [b"/F1 12 Tf\n"]
    centre = {"title", "credit", "author", "authors", "source"}
    row = 20
    left_rows: list[str] = []
    right_rows: list[str] = []
    for key, value in script.title_page:
        k = key.lower()
        lines = [ln for ln in value.split("\n") if ln.strip()] or [""]
        if k in centre:
            if k == "title":
                lines = [ln.upper() for ln in lines]
            for ln in lines:
                width = len(ln) * CHAR
                parts.append(_text((PAGE_W - width) / 2, _baseline(row), ln))
                row += 1
            row += 1
        elif k in ("draft date", "date", "revision"):
            right_rows.extend(lines)
        else:
            left_rows.extend(lines)
    for rows, right in ((left_rows, False), (right_rows, True)):
        start = ROWS_PER_PAGE - len(rows) + 1
        for k, ln in enumerate(rows):
            x = (PAGE_W - 72 - len(ln) * CHAR) if right else LEFT
            parts.append(_text(x, _baseline(start + k), ln))
    return b"".join(parts)


def _escape(text: str) -> bytes:
    data = _to_cp1252(text)
    return data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _to_cp1252(text: str) -> bytes:
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1252")
            continue
        except UnicodeEncodeError:
            pass
        plain = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        try:
            out += plain.encode("cp1252") if plain else b"?"
        except UnicodeEncodeError:
            out += b"?"
    return bytes(out)


def _document(streams: list[bytes], title: str) -> bytes:
    """Assemble catalog, page tree, font, pages and info into a PDF file."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    tree = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>")
    kids = []
    for stream in streams:
        packed = zlib.compress(stream, 9)
        content = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream")
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 %d 0 R >> >> "
                b"/Contents %d 0 R >>" % (tree, PAGE_W, PAGE_H, font, content)
            )
        )
    info = add(b"<< /Title (" + _escape(title) + b") /Producer (continuity studio) >>")
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % tree
    objects[tree - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids)
    )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, catalog, info, xref
    )
    return bytes(out)


__all__ = ["write", "text_document"]
