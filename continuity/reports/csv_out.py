"""CSV for spreadsheets: one writer, with cells that could run as formulas made inert.

A cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return
before one) is read by Excel, LibreOffice and Google Sheets as a formula, so a
line of dialogue like ``=HYPERLINK(...)`` could run when a crew member opens the
export. Such a cell gets a leading apostrophe, which spreadsheets show as text.
Every CSV this project writes goes through :func:`csv_text`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A cell value that no spreadsheet runs as a formula (``None`` is empty)."""
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in _FORMULA_START:
        return "'" + value
    return value


def csv_text(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> str:
    """CSV with a header row of ``columns``, then one line per row (missing keys are empty)."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(columns), lineterminator="\n", extrasaction="ignore")
    w.writeheader()
    for r in rows:
        w.writerow({k: safe_cell(r.get(k)) for k in columns})
    return buf.getvalue()


__all__ = ["safe_cell", "csv_text"]
