"""The ``studio`` command line."""

from __future__ import annotations

import json
import logging
import sys
from enum import Enum
from pathlib import Path

import typer

from continuity.errors import StudioError

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


class Severity(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


def _stderr():
    from rich.console import Console

    return Console(stderr=True, highlight=False)


@app.callback()
def _main(verbose: bool = typer.Option(False, "--verbose", "-v", help="Log what happens (to stderr).")) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


@app.command()
def audit(
    script: Path = typer.Argument(..., help="A screenplay: .fountain or .fdx."),
    bible: Path | None = typer.Option(None, "--bible", "-b", help="The bible (YAML). Without it, the script's own first descriptions are canon."),
    fmt: Format = typer.Option(Format.text, "--format", "-f", help="Report format."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write the report to this file instead of stdout."),
    fail_on: Severity = typer.Option(Severity.error, "--fail-on", help="Exit 1 when a finding is at least this severe."),
    checks: str | None = typer.Option(None, "--checks", help="Comma-separated checks to run (default: all)."),
    store: bool = typer.Option(False, "--store", help="Record the findings in the project's store (.studio/findings.db) and print what changed."),
    project: Path | None = typer.Option(None, "--project", help="The project folder for --store (default: the script's folder)."),
) -> None:
    """Audit a screenplay for continuity errors, against a bible if given.

    Exit status: 0 clean, 1 findings at or above --fail-on, 2 bad input.

    Examples:

      studio audit assets/examples/lighthouse/script.fountain --bible assets/examples/lighthouse/bible.yaml

      studio audit draft.fdx --format json --out audit.json --fail-on warning

      studio audit draft.fountain --bible bible.yaml --store     then: studio review
    """
    from continuity import report as render
    from continuity.api import audit as run_audit
    from continuity.api import load_bible, load_script
    from continuity.findings import severity_at_least

    err = _stderr()
    parsed = load_script(script)
    canon = load_bible(bible) if bible else None
    selected = [c.strip() for c in checks.split(",") if c.strip()] if checks else None
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
    if fmt is Format.text and out is None:
        from rich.console import Console

        render.print_text(report, Console(highlight=False, soft_wrap=True))
    else:
        text = {
            Format.text: render.to_text,
            Format.json: render.to_json,
            Format.markdown: render.to_markdown,
            Format.html: render.to_html,
        }[fmt](report)
        if out is None:
            sys.stdout.write(text)
        else:
            _write(out, text)
            err.print(f"wrote {out} ({len(report.findings)} findings)")
    if store:
        from studio.review.commands import record_and_summarise

        err.print(f"store: {record_and_summarise(report, script, bible, project)}")
    if fail_on is not Severity.never and any(severity_at_least(f.severity, fail_on.value) for f in report.findings):
        raise typer.Exit(1)


@bible_app.command("extract")
def bible_extract(
    script: Path = typer.Argument(..., help="A screenplay: .fountain or .fdx."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write the bible here instead of stdout."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of YAML."),
) -> None:
    """Bootstrap a bible from a script: characters, locations, props.

    Characters come from cues and their introductions (a name in CAPITALS with a
    description), locations from scene headings, props from things mentioned
    with "the" repeatedly. Edit the result, then pass it to `studio audit --bible`.

    Example:

      studio bible extract pilot.fountain --out bible.yaml
    """
    from continuity.api import load_script
    from continuity.extract import extract_bible

    bible = extract_bible(load_script(script))
    text = json.dumps(bible.model_dump(mode="json", exclude_none=True), indent=2) + "\n" if as_json else bible.to_yaml()
    if out is None:
        sys.stdout.write(text)
    else:
        _write(out, text)
        _stderr().print(
            f"wrote {out}: {len(bible.characters)} characters, {len(bible.locations)} locations, {len(bible.props)} props"
        )


@bible_app.command("check")
def bible_check(
    bible: Path = typer.Argument(..., help="A bible (YAML)."),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON summary."),
) -> None:
    """Validate a bible and summarise it; errors name the key and line.

    Example:

      studio bible check bible.yaml
    """
    from continuity.api import load_bible

    b = load_bible(bible)
    summary = {
        "bible": str(bible),
        "title": b.title,
        "characters": [c.name for c in b.characters],
        "locations": [loc.name for loc in b.locations],
        "props": [p.name for p in b.props],
        "facts": len(b.facts()),
    }
    if as_json:
        sys.stdout.write(json.dumps(summary, indent=2) + "\n")
    else:
        typer.echo(
            f"{bible}: valid. {len(b.characters)} characters, {len(b.locations)} locations, "
            f"{len(b.props)} props, {summary['facts']} facts."
        )


@app.command()
def scenes(
    script: Path = typer.Argument(..., help="A screenplay: .fountain or .fdx."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List the scenes of a script: index, line, heading, time, speakers.

    Example:

      studio scenes draft.fdx --json
    """
    from continuity.api import load_script
    from continuity.timeline import story_days

    s = load_script(script)
    days = story_days(s.scenes)
    rows = [
        {
            "scene": sc.index,
            "line": sc.line,
            "number": sc.heading.number,
            "heading": sc.heading.text,
            "setting": sc.heading.setting,
            "location": sc.heading.location,
            "time": sc.heading.time,
            "story_day": day,
            "speakers": list(sc.speakers),
        }
        for sc, day in zip(s.scenes, days)
    ]
    if as_json:
        sys.stdout.write(json.dumps({"script": str(script), "scenes": rows}, indent=2) + "\n")
        return
    for r in rows:
        typer.echo(f"{r['scene']:>4}  line {r['line']:>5}  {r['heading']}  [{', '.join(r['speakers'])}]")


@app.command()
def convert(
    source: Path = typer.Argument(..., help="Input screenplay (.fountain or .fdx)."),
    target: Path = typer.Argument(..., help="Output file; its extension picks the format."),
) -> None:
    """Convert a screenplay between Fountain and Final Draft.

    Example:

      studio convert draft.fountain draft.fdx
    """
    from continuity.io import load_script, save_script

    save_script(load_script(source), target)
    _stderr().print(f"wrote {target}")


# -- commands defined in their own modules (heavy imports stay inside them) -------
from studio.mcp_server import mcp_command  # noqa: E402
from studio.review.commands import findings_app, review_command  # noqa: E402
from studio.storyboard.commands import audit_frames_command, storyboard_command  # noqa: E402
from studio.generate_cmd import generate_command  # noqa: E402
from studio.doctor import doctor_command  # noqa: E402

app.add_typer(findings_app, name="findings")
app.command("review")(review_command)
app.command("storyboard")(storyboard_command)
app.command("audit-frames")(audit_frames_command)
app.command("mcp")(mcp_command)
app.command("generate")(generate_command)
app.command("doctor")(doctor_command)


def _bench_app() -> typer.Typer:
    from studio.bench import bench_app

    return bench_app


try:  # the benchmark module is optional at import time (it pulls in the crew lazily)
    app.add_typer(_bench_app(), name="bench")
except ImportError:  # pragma: no cover
    pass


def _write(path: Path, text: str) -> None:
    from continuity.errors import InputError

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from exc


def main() -> None:
    """Entry point: run the CLI, turning user errors into a message and exit 2."""
    try:
        rc = app(standalone_mode=False)
    except StudioError as exc:
        from rich.markup import escape

        _stderr().print(f"[bold red]error:[/bold red] {escape(str(exc))}", highlight=False, soft_wrap=True)
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        sys.exit(130)
    except Exception as exc:  # click usage errors come through here in non-standalone mode
        import click

        if isinstance(exc, click.ClickException) or (hasattr(exc, "show") and hasattr(exc, "exit_code")):
            exc.show()  # typer bundles its own click: its usage errors are not click's classes
            sys.exit(exc.exit_code if isinstance(getattr(exc, "exit_code", None), int) else 2)
        raise
    sys.exit(rc if isinstance(rc, int) else 0)


if __name__ == "__main__":
    main()
