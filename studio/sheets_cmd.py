"""``studio sheets``: the script supervisor's continuity sheets, per character and per prop.

Registered in :mod:`studio.cli`; the work is in :mod:`continuity.reports.sheets` and
:mod:`continuity.reports.sheets_render`.
"""

from __future__ import annotations

import logging
import sys
from enum import Enum
from pathlib import Path

import typer

log = logging.getLogger(__name__)


class SheetFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    html = "html"
    csv = "csv"
    json = "json"


def sheet_format(fmt: SheetFormat | None, out: Path | None, as_json: bool) -> str:
    """The sheet format: ``--json``, ``--format``, else ``--out``'s extension, else text.

    Raises:
        InputError: ``--out`` has an extension that names no sheet format, or the
            options disagree.
    """
    from continuity.errors import InputError
    from continuity.reports.sheets_render import EXTENSIONS

    chosen = fmt.value if fmt else None
    if as_json:
        if chosen not in (None, "json"):
            raise InputError(f"--json and --format {chosen} disagree; give one of them")
        chosen = "json"
    if out is None:
        return chosen or "text"
    by_ext = EXTENSIONS.get(out.suffix.lower())
    if by_ext is None:
        known = ", ".join(sorted(EXTENSIONS))
        what = f"extension {out.suffix!r}" if out.suffix else "no extension"
        raise InputError(f"--out {out}: {what} names no sheet format; use one of {known} (or --format)")
    if chosen is not None and chosen != by_ext:
        raise InputError(f"--format {chosen} does not match --out {out} ({by_ext}); drop one or make them agree")
    return by_ext


def sheets_command(
    script: Path = typer.Argument(..., help="A screenplay: .fountain, .fdx or .pdf."),
    bible: Path | None = typer.Option(None, "--bible", "-b", help="The bible (YAML): its props are always tracked, its canon is shown."),
    fmt: SheetFormat | None = typer.Option(None, "--format", "-f", help="text, markdown, html, csv or json (default: from --out's extension, else text)."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write the sheets to this file (.txt .md .html .csv .json) instead of stdout."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON (the same as --format json)."),
    costume_plot: bool = typer.Option(False, "--costume-plot", help="The costume plot instead: per character, each "
                                      "change numbered by story day and scene, with what goes on and off."),
) -> None:
    """Continuity sheets: per character, looks and wardrobe by scene with costume changes; per prop, its story.

    Built from the same reading as `studio audit`: the appearance and garment
    values it resolves to characters, and the object events its prop check reads.
    Costume changes are numbered per character (Change 1, 2...): a new one starts
    when the text announces a change ("puts on", "changes into") or a garment
    comes back in another colour or kind in a later stretch of story time; an
    unannounced change inside a continuous span is marked as a continuity error
    instead. Props: the bible's, plus the objects characters act on in two or
    more scenes, each with where it is seen, used, handed over, lost or
    destroyed. Scene numbers are the script's own, pages as `studio scenes`.

    Examples:

      studio sheets draft.fountain --bible bible.yaml

      studio sheets draft.pdf --out sheets.html

      studio sheets draft.fdx --format csv --out sheets.csv

      studio sheets draft.fountain --json

      studio sheets draft.fountain --costume-plot --out costume-plot.csv
    """
    from continuity.api import load_bible, load_script
    from continuity.reports.sheets import build_sheets
    from continuity.reports.sheets_render import render, summary
    from continuity.story.context import context_for
    from studio.console import stderr_console, write_output

    chosen = sheet_format(fmt, out, as_json)
    parsed = load_script(script)
    canon = load_bible(bible) if bible else None
    err = stderr_console()
    if costume_plot:
        from continuity.language.words import plural
        from continuity.reports import costume_plot as plot

        rows = plot.costume_plot(context_for(parsed, canon))
        text = plot.render(rows, chosen, title=script.name)
        if out is None:
            sys.stdout.write(text)
            return
        write_output(out, text)
        people = plural(len({r.character for r in rows}), "character")
        err.print(f"wrote {out} (costume plot: {people}, {plural(len(rows), 'scene row')})", soft_wrap=True)
        return
    if err.is_terminal:
        with err.status(f"Reading {script.name}: looks, wardrobe and props..."):
            sheets = build_sheets(context_for(parsed, canon), bible_source=str(bible) if bible else None)
    else:
        sheets = build_sheets(context_for(parsed, canon), bible_source=str(bible) if bible else None)
    text = render(sheets, chosen)
    if out is None:
        sys.stdout.write(text)
        return
    write_output(out, text)
    err.print(f"wrote {out} ({summary(sheets)})", soft_wrap=True)


__all__ = ["SheetFormat", "sheet_format", "sheets_command"]
