"""Script text into Markdown and CSV cells, inert: every Markdown and CSV writer uses these.

A character name, a line of action or a file name comes from the script and is
written into reports that other programs open. In Markdown, a cue written
``<img src=x onerror=...>`` must not become live HTML in a CommonMark viewer, nor
``*``, ``[`` or ``|`` change the page; in a spreadsheet, a cell starting with
``=``, ``+``, ``-`` or ``@`` must not run as a formula.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

# Backslash escapes for the inline markup CommonMark and GFM know (emphasis, code,
# links and images, tables, strikethrough); < > & become entities, so no HTML tag,
# comment or autolink survives.
_MD_ESCAPES = {c: "\\" + c for c in "\\`*_[]|~"}
_MD_ESCAPES.update({"<": "&lt;", ">": "&gt;", "&": "&amp;", "\n": " ", "\r": " "})
_MD_TABLE = str.maketrans(_MD_ESCAPES)
# What starts a block when it begins a line: a heading, quote, list item, rule or setext underline.
_MD_BLOCK_START = re.compile(r"^(\s*)([#+=-]|\d+(?=[.)]))")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def md(text: Any) -> str:
    """``text`` as literal inline Markdown: it renders as itself, never as markup or HTML."""
    out = str(text).translate(_MD_TABLE)
    m = _MD_BLOCK_START.match(out)
    if m:
        if m.group(2)[0].isdigit():  # "12." or "12)": escape the punctuation after the digits
            end = m.end()
            out = out[:end] + "\\" + out[end:]
        else:
            out = out[: m.start(2)] + "\\" + out[m.start(2):]
    return out


def md_code(text: Any) -> str:
    """``text`` as a Markdown code span, whatever backticks it holds (HTML inside a span is inert)."""
    body = " ".join(str(text).splitlines())
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if body[:1] in ("`", " ") or body[-1:] in ("`", " ") else ""
    return f"{fence}{pad}{body}{pad}{fence}"


def csv_cell(value: Any) -> Any:
    """A CSV cell that a spreadsheet shows as text: a leading ``= + - @`` (or tab, CR) is quoted with ``'``."""
    if value is None:
        return ""
    if isinstance(value, str) and value.lstrip(" ")[:1] in _FORMULA_START and value.strip():
        return "'" + value
    return value


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any] | Mapping[str, Any]]) -> str:
    """A CSV table (header row first, ``\\n`` line ends); every cell through :func:`csv_cell`.

    A row is a sequence in ``header``'s order, or a mapping by column name (a
    missing column is empty).
    """
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for row in rows:
        cells = [row.get(k) for k in header] if isinstance(row, Mapping) else row
        w.writerow([csv_cell(v) for v in cells])
    return buf.getvalue()


__all__ = ["md", "md_code", "csv_cell", "csv_text"]
