"""The ``studio`` command line."""

from __future__ import annotations

import json
import logging
import sys
from enum import Enum
from pathlib import Path

import typer

from continuity.errors import StudioError
from studio.console import stderr_console, write_output

app = typer.Typer(
    help="Continuity studio: keep a screenplay consistent with its bible.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
bible_app = typer.Typer(help="Create and check bibles.", no_args_is_help=True)
app.add_typer(bible_app, name="bible")


class Format(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"
    html = "html"
    pdf = "pdf"


class Severity(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


@app.callback()
def _main(verbose: bool = typer.Option(False, "--verbose", "-v", help="Log what happens (to stderr).")) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


@app.command()
def audit(
    scripts: list[Path] | None = typer.Argument(None, help="A screenplay (.fountain, .fdx, .pdf); or a season: its episodes in story order, a folder of them, or a series.yaml.", show_default=False),
    bible: Path | None = typer.Option(None, "--bible", "-b", help="The bible (YAML); for a season, the series bible (default: the manifest's). Without one, the scripts' own first descriptions are canon."),
    fmt: Format | None = typer.Option(None, "--format", "-f", help="Report format (default: from --out's extension, else text)."),
    as_json: bool = typer.Option(False, "--json", help="The JSON report (same as --format json)."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write the report to this file (.txt .json .md .html .pdf) instead of stdout."),
    fail_on: Severity = typer.Option(Severity.error, "--fail-on", help="Exit 1 when a finding is at least this severe."),
    checks: str | None = typer.Option(None, "--checks", help="Comma-separated checks to run (default: all)."),
    store: bool = typer.Option(False, "--store", help="Record the findings in the project's store (.studio/findings.db) and print what changed."),
    project: Path | None = typer.Option(None, "--project", help="The project folder of the store (default: the script's folder; a season's folder)."),
    show_dismissed: bool = typer.Option(False, "--show-dismissed", help="List dismissed and intended findings too, marked (they still do not fail)."),
    workers: int | None = typer.Option(None, "--workers", "-w", min=1, help="A season's or library's episodes are read and embedded in this many processes (default: one per core)."),
    ray: str | None = typer.Option(None, "--ray", help="Run a season's or library's per-episode work on this Ray cluster: local, auto, host:port or ray://host:port (default: STUDIO_RAY_ADDRESS; needs the ray extra)."),
    library: Path | None = typer.Option(None, "--library", help="Audit every series (a folder with series.yaml) and script under this folder; print one summary table."),
) -> None:
    """Audit a screenplay, or a season of episodes, for continuity errors, against a bible if given.

    Findings carry the script's own scene numbers (else the scene's place in the
    script) and the page they fall on (a PDF's own pages; otherwise a standard
    55-line page). Findings dismissed in the project's store, or marked in a
    Fountain script with a note [[continuity: intended]] in their paragraph, are
    hidden and do not fail; --show-dismissed lists them.

    A season (several scripts, a folder, or a series.yaml) is read as one story
    against one series bible: looks, props, names and places carry over from
    episode to episode; wardrobe and time of day start afresh with each episode
    unless the manifest says it continues the last. Each finding names its
    episode, scene and line. Episodes are read and embedded in parallel
    (--workers, or a Ray cluster with --ray), then checked in one pass.

    Exit status: 0 clean, 1 findings at or above --fail-on, 2 bad input.

    Examples:

      studio audit assets/examples/lighthouse/script.fountain --bible assets/examples/lighthouse/bible.yaml

      studio audit draft.pdf --out audit.html --fail-on warning

      studio audit draft.fountain --bible bible.yaml --store     then: studio review

      studio audit assets/examples/harbour/series.yaml --workers 2

      studio audit ep01.fountain ep02.fdx ep03.fountain --bible series-bible.yaml --json

      studio audit --library scripts/ --ray auto --out library.md
    """
    from continuity.checks.findings import severity_at_least
    from continuity.errors import InputError
    from continuity.reports import render

    if as_json:
        if fmt is not None and fmt is not Format.json:
            raise InputError(f"--json does not match --format {fmt.value}; drop one")
        fmt = Format.json
    selected = [c.strip() for c in checks.split(",") if c.strip()] if checks else None
    err = stderr_console()
    if library is not None:
        _audit_library(library, scripts, fmt, out, fail_on, selected, store, project, workers, ray)
        return
    if not scripts:
        raise InputError("no script given: name a screenplay, a season's episodes, a folder or a series.yaml "
                         "(or --library FOLDER)")
    fmt = _report_format(fmt, out)
    if len(scripts) > 1 or scripts[0].is_dir() or scripts[0].suffix.lower() in (".yaml", ".yml"):
        from studio.season_cmd import audit_season as run_season

        report, _ = run_season(scripts, bible, checks=selected, workers=workers, ray=ray, store=store, project=project)
    else:
        report = _audit_one(scripts[0], bible, selected, store, project, err)
    if fmt == "text" and out is None:
        from rich.console import Console

        render.print_text(report, Console(highlight=False, soft_wrap=True), show_hidden=show_dismissed)
    else:
        data = render.render(report, fmt, show_hidden=show_dismissed)
        if out is None:
            if isinstance(data, bytes):
                sys.stdout.buffer.write(data)
            else:
                sys.stdout.write(data)
        else:
            write_output(out, data)
            hidden = f", {len(report.hidden)} dismissed (hidden)" if report.hidden else ""
            n = len(report.findings)
            err.print(f"wrote {out} ({n} finding{'' if n == 1 else 's'}{hidden})")
    if fail_on is not Severity.never and any(severity_at_least(f.severity, fail_on.value) for f in report.findings):
        raise typer.Exit(1)


def _audit_one(script: Path, bible: Path | None, selected: list[str] | None, store: bool, project: Path | None, err):
    """One screenplay's audit, recorded when asked, with the review decisions applied."""
    from continuity.api import audit as run_audit
    from continuity.api import load_bible, load_script
    from studio.review import decisions

    parsed = load_script(script)
    canon = load_bible(bible) if bible else None
    if err.is_terminal:
        from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

        with Progress(
            TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
            TimeRemainingColumn(), console=err, transient=True,
        ) as bar:
            task = bar.add_task(f"Embedding new sentences of {script.name}", total=None)
            report = run_audit(
                parsed, canon, checks=selected, bible_source=bible,
                progress=lambda done, total: bar.update(task, completed=done, total=total),
            )
    else:
        report = run_audit(parsed, canon, checks=selected, bible_source=bible)
    if store:
        from studio.review.commands import record_and_summarise

        err.print(f"store: {record_and_summarise(report, script, bible, project)}")
    return decisions.apply(
        report,
        dismissed=decisions.dismissed_ids(project if project is not None else script.resolve().parent),
        intended_lines=decisions.inline_intended(parsed, script),
    )


def _audit_library(folder: Path, scripts: list[Path] | None, fmt: Format | None, out: Path | None, fail_on: Severity,
                   selected: list[str] | None, store: bool, project: Path | None, workers: int | None,
                   ray: str | None) -> None:
    """``studio audit --library FOLDER``: the summary table; exit 1 on findings, 2 when a script could not be audited."""
    from continuity.errors import InputError
    from studio.season_cmd import audit_library, library_format

    if scripts:
        raise InputError("--library takes a folder: name no scripts with it")
    if project is not None:
        raise InputError("--project does not apply to --library: each series and script is recorded in its own folder")
    from continuity.season.library import render_summary

    chosen = library_format(fmt.value if fmt else (_report_format(None, out) if out else None), out)
    summary = audit_library(folder, checks=selected, workers=workers, ray=ray, store=store)
    text = render_summary(summary, chosen)
    if out is None:
        sys.stdout.write(text)
    else:
        write_output(out, text)
        from continuity.language.words import plural

        stderr_console().print(f"wrote {out} ({plural(summary['scripts'], 'script')}, "
                               f"{plural(summary['findings'], 'finding')})")
    if summary["failed"]:
        failed = [r for r in summary["rows"] if r["error"]]
        raise InputError(f"{len(failed)} of {len(summary['rows'])} could not be audited; first: {failed[0]['error']}")
    rank = {"error": ("error",), "warning": ("error", "warning"), "info": ("error", "warning", "info")}
    if fail_on is not Severity.never and any(summary["summary"][s] for s in rank[fail_on.value]):
        raise typer.Exit(1)


def _report_format(fmt: Format | None, out: Path | None) -> str:
    """The report format: --format, else --out's extension, else text; a mismatch is an error."""
    from continuity.errors import InputError
    from continuity.reports.render import EXTENSIONS

    if out is None:
        return fmt.value if fmt else "text"
    by_ext = EXTENSIONS.get(out.suffix.lower())
    if by_ext is None and not out.suffix and fmt is not None:
        return fmt.value  # "--format json --out /dev/null": no extension to contradict it
    if by_ext is None:
        known = ", ".join(sorted(EXTENSIONS))
        what = f"extension {out.suffix!r}" if out.suffix else "no extension"
        raise InputError(f"--out {out}: {what} names no report format; use one of {known} (or --format)")
    if fmt is not None and fmt.value != by_ext:
        raise InputError(f"--format {fmt.value} does not match --out {out} ({by_ext}); drop one or make them agree")
    return by_ext


@bible_app.command("extract")
def bible_extract(
    script: Path = typer.Argument(..., help="A screenplay: .fountain, .fdx or .pdf."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write the bible here (.yaml/.yml, or .json) instead of stdout."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of YAML."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing --out file (a backup copy is kept beside it)."),
) -> None:
    """Bootstrap a bible from a script: characters, looks, wardrobe, locations, props.

    Characters come from cues and their introductions (a name in CAPITALS with a
    description: "bald", "braids", "7 year-old" and the like become attributes),
    locations from scene headings. Wardrobe and props come from the same reading
    as `studio audit`: each character's garments by scene range (one range per
    costume change), and the objects characters act on in two or more scenes.
    An existing --out file is never overwritten without --force, and with it a
    copy is kept first (bible.yaml.bak-<UTC time>). Edit the result, then pass it
    to `studio audit --bible`.

    Examples:

      studio bible extract pilot.fountain --out bible.yaml

      studio bible extract pilot.pdf --out bible.yaml --force

      studio bible extract pilot.fdx --json
    """
    from continuity.api import load_script
    from continuity.bible.dump import dump_bible
    from continuity.errors import InputError
    from continuity.language.words import plural
    from continuity.story.canon import extract_canon

    if out is not None:
        by_ext = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}.get(out.suffix.lower())
        if by_ext is None:
            what = f"extension {out.suffix!r}" if out.suffix else "no extension"
            raise InputError(f"--out {out}: {what} names no bible format; use .yaml, .yml or .json")
        if as_json and by_ext != "json":
            raise InputError(f"--json does not match --out {out} (YAML); drop one or make them agree")
        as_json = by_ext == "json"
        if (out.exists() or out.is_symlink()) and not force:
            raise InputError(f"{out} exists; pass --force to overwrite it (a backup copy is kept)")
        if out.exists() and not out.is_file():
            raise InputError(f"{out} is not a file")
    parsed = load_script(script)
    err = stderr_console()
    if err.is_terminal:
        with err.status(f"Reading {script.name}: characters, wardrobe and props..."):
            bible = extract_canon(parsed)
    else:
        bible = extract_canon(parsed)
    text = json.dumps(bible.model_dump(mode="json", exclude_none=True), indent=2) + "\n" if as_json else dump_bible(bible)
    if out is None:
        sys.stdout.write(text)
        return
    saved = None
    if out.exists() or out.is_symlink():  # --force: keep the old bytes, then replace atomically (never through a link)
        from studio.review import safe_io

        data, before = safe_io.read(out, "bible")
        saved = safe_io.backup(out, data, out.parent, before.st_mode & 0o777)
        safe_io.replace(out, text.encode("utf-8"), before, out.parent)
    else:
        write_output(out, text)
    kept = f"; the old file is kept as {saved.name}" if saved else ""
    err.print(
        f"wrote {out}: {plural(len(bible.characters), 'character')}, {plural(len(bible.locations), 'location')}, "
        f"{plural(len(bible.props), 'prop')}{kept}", soft_wrap=True
    )


@bible_app.command("check")
def bible_check(
    bible: Path = typer.Argument(..., help="A bible (YAML)."),
    script: Path | None = typer.Option(None, "--script", "-s", help="Also check the bible against this screenplay."),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON summary."),
) -> None:
    """Validate a bible, say how its shape was read, and what the checks understood from each value.

    Every section placed under another name, and every key kept as notes, is a
    warning with its line. Then one line per value the checks read something from
    ("characters.NORA.attributes.hair: hair colour auburn; hair length long"), and
    the values they read nothing from. With --script, also warn about bible
    characters who never speak or appear in it, and show which cue each bible
    character speaks under (a bible may say "Dev Kapoor" where the script cues DEV).

    Examples:

      studio bible check bible.yaml

      studio bible check bible.yaml --script draft.fountain --json
    """
    from continuity.bible.load import read_bible
    from continuity.screenplay.model import Script
    from continuity.screenplay.io import decode_text, read_bytes
    from continuity.reports.bible_reading import read_values, readings_text
    from continuity.story.context import context_for

    b, shape_warnings = read_bible(decode_text(read_bytes(bible, "bible"), str(bible)), source=str(bible))
    summary = {
        "bible": str(bible),
        "title": b.title,
        "characters": [c.name for c in b.characters],
        "locations": [loc.name for loc in b.locations],
        "props": [p.name for p in b.props],
        "facts": len(b.facts()),
    }
    warnings: list[str] = list(shape_warnings)
    parsed = Script(source="(no script)")
    if script is not None:
        from continuity.api import load_script
        from continuity.story.context import absent_characters, cue_map

        parsed = load_script(script)
        summary["cues"] = cue_map(b, parsed)
        summary["absent"] = absent_characters(b, parsed)
        warnings += [f"{name} never speaks or appears in {script}" for name in summary["absent"]]
    readings, unread = read_values(context_for(parsed, b, explicit=True))
    summary["warnings"] = warnings
    summary["understood"] = {r.path: list(r.understood) for r in readings}
    summary["unread"] = unread
    if as_json:
        sys.stdout.write(json.dumps(summary, indent=2) + "\n")
    else:
        from continuity.language.words import plural

        typer.echo(
            f"{bible}: valid. {plural(len(b.characters), 'character')}, {plural(len(b.locations), 'location')}, "
            f"{plural(len(b.props), 'prop')}, {plural(summary['facts'], 'fact')}."
        )
        for w in warnings:
            stderr_console().print(f"[yellow]warning:[/yellow] {w}", highlight=False, soft_wrap=True)
        if readings:
            typer.echo("\nWhat the checks read from it:")
            for line in readings_text(readings):
                typer.echo(f"  {line}")
        if unread:
            typer.echo(f"\nRead nothing from {plural(len(unread), 'value')} (kept, not checked): " + ", ".join(unread))


@app.command()
def scenes(
    script: Path = typer.Argument(..., help="A screenplay: .fountain, .fdx or .pdf."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    days: Path | None = typer.Option(None, "--days", help="Fixed story days (YAML: story_days: {12: D5}); default: SCRIPT's .story.yaml beside it."),
    bible: Path | None = typer.Option(None, "--bible", "-b", help="A bible whose story_days fixes to use."),
) -> None:
    """The one-liner: each scene's number, heading, time, story day, pages and who is in it.

    Scene numbers are the script's own (#12A# in Fountain, Number= in FDX,
    printed in a PDF), else the scene's place in the script. Story days are D1,
    N1 (the night of day 1), D2... and FB1, FB2 for flashbacks, flash-forwards,
    dreams and told stories; time of day is resolved through CONTINUOUS, SAME
    and LATER, and for a heading without one from the action or the scenes
    around it (each such scene is listed as info, with how it was resolved or
    why it could not be). Pages: where the scene starts and its length in
    eighths, the blank at the foot of a page counted, so the scenes add up to
    the script's length. Cast: who is on screen (speaking or not); --json adds
    who is only heard and who is only mentioned.

    A day you fix stays fixed: put `story_days: {12: D5}` (the script's scene
    numbers) in SCRIPT.story.yaml beside the script, in --days FILE or in the
    bible; the scenes after a fixed one count on from it.

    Examples:

      studio scenes draft.fountain

      studio scenes draft.pdf --json
    """
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from continuity.api import load_bible, load_script
    from continuity.bible.story_days import load_story_days, story_days_beside
    from continuity.language.words import noun, plural
    from continuity.screenplay.pages import eighths_text
    from continuity.story.breakdown import one_liner

    s = load_script(script)
    fixes = dict(load_bible(bible).story_days) if bible else {}
    fixes.update(load_story_days(days) if days else story_days_beside(script))
    rows = one_liner(s, fixes=fixes)
    notes = []
    for r in rows:
        if r.scene.heading.time is not None and r.time is not None:
            continue
        if r.time is None:
            message = f"no time of day: {r.when.why_no_time}"
        else:
            message = f"the heading gives no time of day; {r.time} ({r.when.time_source})"
        notes.append({"severity": "info", "scene": r.scene.index, "scene_number": r.number, "message": message})
    if as_json:
        data = {"script": str(script), "scenes": [r.to_dict() for r in rows], "info": notes}
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    for col, justify in (("sc", "right"), ("heading", "left"), ("time", "left"), ("day", "left"),
                         ("page", "right"), ("pages", "right"), ("cast", "left"), ("heard", "left")):
        table.add_column(col, justify=justify, overflow="fold")
    for r in rows:
        table.add_row(
            escape(r.number), escape(r.scene.heading.text), r.time or "-", r.story_day,
            r.page or "", r.to_dict()["pages"] or "", escape(", ".join(r.who.present)), escape(", ".join(r.who.heard)),
        )
    console = Console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 160)
    console.print(table)
    total = sum(r.eighths or 0 for r in rows)
    n = len(rows)
    console.print(f"\n{plural(n, 'scene')}, {eighths_text(total) if total else 0} {noun(2 if total != 8 else 1, 'page')}.")
    untimed = [r for r in rows if r.time is None]
    if untimed:
        which = ", ".join(r.number for r in untimed[:20]) + (" ..." if len(untimed) > 20 else "")
        console.print(f"info: {plural(len(untimed), 'scene')} with no time of day ({noun(len(untimed), 'scene')} {which}); --json says why")
    inferred = len(notes) - len(untimed)
    if inferred:
        console.print(f"info: {plural(inferred, 'heading')} without a time of day, resolved from the action or the scenes around (--json lists them)")


@app.command()
def convert(
    source: Path = typer.Argument(..., help="Input screenplay (.fountain, .fdx or .pdf)."),
    target: Path = typer.Argument(..., help="Output file: .fountain, .fdx or .pdf (its extension picks the format)."),
) -> None:
    """Convert a screenplay between Fountain, Final Draft and PDF.

    A PDF is written in industry format: Courier 12, standard margins, scene
    numbers (the script's own, else counted), (MORE) and (CONT'D) where a speech
    crosses a page. Any other output extension is refused; nothing is written.

    Examples:

      studio convert draft.fountain draft.fdx

      studio convert draft.fdx draft.pdf

      studio convert draft.pdf draft.fountain
    """
    from continuity.api import SAVE_FORMATS, load_script, save_script
    from continuity.errors import InputError

    if target.suffix.lower() not in SAVE_FORMATS:  # before reading: refuse at once
        known = ", ".join(sorted(SAVE_FORMATS))
        what = f"extension {target.suffix!r}" if target.suffix else "no extension"
        raise InputError(f"{target}: {what} names no screenplay format; use one of {known}")
    fmt = save_script(load_script(source), target)
    stderr_console().print(f"wrote {target} ({fmt})")


# -- commands defined in their own modules (heavy imports stay inside them) -------
from studio.bench.commands import bench_app  # noqa: E402
from studio.breakdown_cmd import breakdown_command  # noqa: E402
from studio.doctor import doctor_command  # noqa: E402
from studio.generation.commands import generate_command  # noqa: E402
from studio.mcp.server import mcp_command  # noqa: E402
from studio.review.commands import findings_app, review_command  # noqa: E402
from studio.sheets_cmd import sheets_command  # noqa: E402
from studio.storyboard.commands import audit_frames_command, storyboard_command  # noqa: E402

app.add_typer(findings_app, name="findings")
app.command("review")(review_command)
app.command("storyboard")(storyboard_command)
app.command("audit-frames")(audit_frames_command)
app.command("mcp")(mcp_command)
app.command("generate")(generate_command)
app.command("doctor")(doctor_command)
app.command("sheets")(sheets_command)
app.command("breakdown")(breakdown_command)
app.add_typer(bench_app, name="bench")


def main() -> None:
    """Entry point: run the CLI, turning user errors into a message and exit 2."""
    try:
        rc = app(standalone_mode=False)
    except StudioError as exc:
        from rich.markup import escape

        stderr_console().print(f"[bold red]error:[/bold red] {escape(str(exc))}", highlight=False, soft_wrap=True)
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        sys.exit(130)
    except MemoryError:  # numpy's _ArrayMemoryError is one; exit 1 would read as "findings found"
        _out_of_memory()
    except Exception as exc:  # click usage errors come through here in non-standalone mode
        if _is_allocation_error(exc):
            _out_of_memory()
        import click

        if isinstance(exc, click.ClickException) or (hasattr(exc, "show") and hasattr(exc, "exit_code")):
            exc.show()  # typer bundles its own click: its usage errors are not click's classes
            sys.exit(exc.exit_code if isinstance(getattr(exc, "exit_code", None), int) else 2)
        raise
    sys.exit(rc if isinstance(rc, int) else 0)


def _is_allocation_error(exc: BaseException) -> bool:
    """torch's CPU allocator fails with a RuntimeError, not a MemoryError."""
    return isinstance(exc, RuntimeError) and "can't allocate memory" in str(exc)


def _out_of_memory() -> None:
    """One line and exit 2 for a process that ran out of memory (no traceback, no rich: memory is short)."""
    try:
        from continuity.settings import Settings

        cap = f" (now {Settings.load().max_input_mb:g} MB)"
    except Exception:  # noqa: BLE001 - a bad setting must not hide the real cause
        cap = ""
    sys.stderr.write(
        "error: out of memory: the input is too large for this machine's memory; use a smaller script or bible "
        f"(split it by episode or act), or lower STUDIO_MAX_INPUT_MB{cap} so that such a file is refused up front\n")
    sys.exit(2)


if __name__ == "__main__":
    main()
