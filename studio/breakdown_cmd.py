"""``studio breakdown``: one row per scene for the 1st AD's scheduling tool (CSV by default).

Registered in :mod:`studio.cli`; the rows are :func:`continuity.story.breakdown.breakdown`,
the columns and formats :mod:`continuity.reports.breakdown`.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path

import typer


class BreakdownFormat(str, Enum):
    csv = "csv"
    json = "json"
    markdown = "markdown"
    html = "html"
    text = "text"


def breakdown_format(fmt: BreakdownFormat | None, out: Path | None, as_json: bool) -> str:
    """``--json``, else ``--format``, else ``--out``'s extension, else CSV; an extension that disagrees is refused.

    Raises:
        InputError: an unknown output extension, or options that disagree.
    """
    from continuity.errors import InputError
    from continuity.reports.breakdown import EXTENSIONS

    chosen = fmt.value if fmt else None
    if as_json:
        if chosen not in (None, "json"):
            raise InputError(f"--json and --format {chosen} disagree; give one of them")
        chosen = "json"
    if out is None:
        return chosen or "csv"
    by_ext = EXTENSIONS.get(out.suffix.lower())
    if by_ext is None:
        known = ", ".join(sorted(EXTENSIONS))
        what = f"extension {out.suffix!r}" if out.suffix else "no extension"
        raise InputError(f"--out {out}: {what} names no breakdown format; use one of {known} (or --format)")
    if chosen is not None and chosen != by_ext:
        raise InputError(f"--format {chosen} does not match --out {out} ({by_ext}); drop one or make them agree")
    return by_ext


def breakdown_command(
    script: Path = typer.Argument(..., help="A screenplay: .fountain, .fdx or .pdf."),
    bible: Path | None = typer.Option(None, "--bible", "-b", help="The bible (YAML): its props are tracked, its story_days fixes used."),
    fmt: BreakdownFormat | None = typer.Option(None, "--format", "-f", help="csv, json, markdown, html or text (default: from --out's extension, else csv)."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write to this file (.csv .json .md .html .txt) instead of stdout."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON (the same as --format json)."),
    days: Path | None = typer.Option(None, "--days", help="Fixed story days (YAML: story_days: {12: D5}); default: SCRIPT's .story.yaml beside it."),
) -> None:
    """The breakdown: one row per scene, ready to import into a scheduling tool.

    Columns (Movie Magic Scheduling's names): Scenes (the script's own numbers),
    Heading, I/E, Set, TOD, D/N, Script Day (D1, N1, FB1), Page, Pg(s) (eighths),
    Eighths, Cast Members (on screen, speaking or not), Off Screen (heard only),
    Background Actors, Props, Vehicles, Wardrobe (costume changes), Makeup/Hair
    (physical states: wet, bloody, bandaged...). Several items in a cell are
    separated by "; ". No CSV cell starts a spreadsheet formula.

    Examples:

      studio breakdown draft.fountain --out breakdown.csv

      studio breakdown draft.pdf --bible bible.yaml --format markdown
    """
    from continuity.api import load_bible, load_script
    from continuity.bible.story_days import load_story_days, story_days_beside
    from continuity.reports.breakdown import render
    from continuity.story.breakdown import breakdown
    from continuity.story.context import context_for
    from studio.console import stderr_console, write_output

    chosen = breakdown_format(fmt, out, as_json)
    parsed = load_script(script)
    canon = load_bible(bible) if bible else None
    fixes = load_story_days(days) if days else story_days_beside(script)
    ctx = context_for(parsed, canon)
    ctx.options["story_days"] = fixes
    err = stderr_console()
    if err.is_terminal:
        with err.status(f"Reading {script.name}: story time, cast, props and wardrobe..."):
            rows = breakdown(ctx)
    else:
        rows = breakdown(ctx)
    text = render(rows, chosen, str(script))
    if out is None:
        sys.stdout.write(text)
        return
    write_output(out, text)
    from continuity.language.words import plural

    err.print(f"wrote {out} ({plural(len(rows), 'scene')})", soft_wrap=True)


__all__ = ["BreakdownFormat", "breakdown_format", "breakdown_command"]
