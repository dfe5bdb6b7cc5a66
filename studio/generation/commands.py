"""``studio generate``: the command, its progress display and its summary."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any

import typer


def generate_command(
    treatment: Path | None = typer.Argument(None, help="The treatment (Markdown or plain text); omit with --resume."),
    bible: Path | None = typer.Option(None, "--bible", "-b", help="The continuity bible (YAML)."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Run folder to write (default runs/<run id>)."),
    llm: str | None = typer.Option(None, "--llm", help="embedded (default), provider/model, or fake. Env: STUDIO_LLM."),
    max_attempts: int = typer.Option(3, "--max-attempts", min=0, max=10, help="Revisions per scene before it goes to review."),
    max_llm_calls: int | None = typer.Option(None, "--max-llm-calls", min=1, help="Stop cleanly after this many LLM calls."),
    max_seconds: float | None = typer.Option(None, "--max-seconds", min=1, help="Stop cleanly after this many seconds."),
    resume: str | None = typer.Option(None, "--resume", help="Continue an interrupted or stopped run (its id or a prefix)."),
    runtime: int = typer.Option(300, "--runtime", min=10, help="Target runtime in seconds for the editor."),
    project: Path = typer.Option(Path(".studio"), "--project", help="Where runs are persisted (flows.db)."),
    fdx: bool = typer.Option(False, "--fdx", help="Also write script.fdx (Final Draft)."),
    no_verify: bool = typer.Option(False, "--no-verify", help="Accept every first answer (for comparison only)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress, only the run folder."),
    as_json: bool = typer.Option(False, "--json", help="Print the run summary as JSON (stable keys)."),
) -> None:
    """Turn a treatment into a screenplay, shot list and continuity report.

    First, code reads the facts of every scene from the treatment (one paragraph
    per scene) and the bible: place, time of day, characters, props, wardrobe and
    beats; the scene headings are built from them. Then a crew of agents writes
    each scene as small pieces (an action line per beat, each character's lines),
    which code assembles and checks against the bible and the facts; failing
    pieces go back to the writer (at most --max-attempts times), then code repairs
    them from the treatment, and what is still wrong is marked needs_review for a
    person. Progress is saved after every step: an interrupted or budget-stopped
    run continues with --resume RUN_ID, into the folder it began in. The run id,
    its folder and the command that continues it are printed first (on stderr);
    a folder that holds other work is refused. Exit status: 0 complete, 3 stopped
    by the budget (resumable), 1 the run failed, 2 bad input.

    Examples:

        studio generate assets/examples/ferry/treatment.md --bible assets/examples/ferry/bible.yaml

        studio generate treatment.md -b bible.yaml --llm openai/gpt-4o-mini --max-llm-calls 200

        studio generate --resume 3f2a91c0
    """
    from studio.generation.progress import ProgressView
    from studio.generation.runs import RunOptions, run_generate

    if treatment is None and not resume:
        raise typer.BadParameter("give a TREATMENT file, or --resume RUN_ID", param_hint="TREATMENT")
    if treatment is not None and resume:
        raise typer.BadParameter("give either a TREATMENT or --resume, not both", param_hint="--resume")
    options = RunOptions(
        treatment=treatment, bible=bible, out=out, llm=llm, max_attempts=max_attempts,
        max_llm_calls=max_llm_calls, max_seconds=max_seconds, resume=resume, project=project,
        runtime=runtime, verify=not no_verify, fdx=fdx,
    )
    if logging.getLogger().getEffectiveLevel() > logging.INFO:
        logging.getLogger("crewai").setLevel(logging.CRITICAL)  # its own retries are ours to report
    show = None if quiet else ProgressView(only_start=as_json)  # --json: the start line only, on stderr
    try:
        if show is not None:
            with show:
                result = run_generate(options, progress=show.event)
        else:
            result = run_generate(options)
    finally:
        if show is not None:
            show.close()
    summary = result.summary()
    if as_json:
        sys.stdout.write(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    elif quiet:
        sys.stdout.write(f"{result.out}\n")
    else:
        print_summary(summary)
    if result.status == "stopped":
        raise typer.Exit(3)


def print_summary(summary: dict[str, Any]) -> None:
    """The run's table and where its files are."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from continuity.language.words import plural

    console = Console()
    table = Table(title=f"{summary['title']} ({summary['run_id'][:8]}, {summary['status']})")
    for col in ("scene", "heading", "status", "writer calls", "fixed", "for review", "shots"):
        table.add_column(col, justify="right" if col in ("scene", "writer calls", "fixed", "for review", "shots") else "left")
    for s in summary["scenes"]:
        style = {"approved": "green", "needs_review": "yellow"}.get(s["status"], "dim")
        table.add_row(str(s["number"]), s["heading"], f"[{style}]{s['status']}[/{style}]", str(s["attempts"]),
                      str(s["fixed"]), str(s["needs_review"]), str(s["shots"]) if s["shots_status"] == "done" else s["shots_status"])
    console.print(table)
    done = (f"{plural(summary['findings_fixed'], 'finding')} fixed, {summary['needs_review']} for review; "
            f"{plural(summary['calls'], 'LLM call')}, {summary['seconds']:.1f} s. Wrote {summary['out']}/")
    console.print(escape(done), soft_wrap=True)
    if summary["status"] == "stopped":  # soft_wrap: the resume command is never broken across lines
        console.print(escape(f"Stopped ({summary['stopped']}). Continue with: {summary['resume']}"), soft_wrap=True)
