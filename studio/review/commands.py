"""``studio findings ...`` and ``studio review``: the review from the terminal and in the browser.

Registered in :mod:`studio.cli`. Web libraries are imported inside
:func:`review_command` only, so other commands start fast.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Any

import typer

from studio.review.store import STATUS_FILTERS

findings_app = typer.Typer(
    help="Review stored findings from the terminal (after 'studio audit ... --store').", no_args_is_help=True
)

_PROJECT = typer.Option(Path("."), "--project", "-p", help="The project folder (holds .studio/findings.db).")
_AS = typer.Option(None, "--as", help="Who decides (default: the local user name).")
_JSON = typer.Option(False, "--json", help="Print JSON.")
#: The keys of a finding in ``--json`` output (stable).
JSON_KEYS = (
    "id", "status", "category", "severity", "scene", "line", "character", "subject", "message", "text",
    "evidence", "evidence_key", "first_seen_audit", "last_seen_audit", "scene_number", "page",
)


class ExportFormat(str, Enum):
    csv = "csv"
    markdown = "markdown"
    html = "html"


def _project(root: Path):
    from studio.review.actions import Project

    _need_store(root, "--project {}")
    return Project(root, create=False)


def _need_store(root: Path, hint: str) -> None:
    """Refuse a folder without a store, naming a store one level down when there is one."""
    from continuity.errors import InputError
    from studio.review.store import DB_NAME, no_store_message

    if root.is_dir() and not (root / DB_NAME).is_file():
        raise InputError(no_store_message(root, hint))


def _public(f: dict[str, Any]) -> dict[str, Any]:
    from studio.review.export import page_of, scene_label

    out = {**{k: f.get(k) for k in JSON_KEYS}, "scene_number": scene_label(f), "page": page_of(f) or None}
    if f.get("episode") is not None:  # a season's finding: its episode and that episode's file
        out.update(episode=f["episode"], script=f["script"])
    return out


def _episode(f: dict[str, Any]) -> str:
    return f"episode {f['episode']}, " if f.get("episode") is not None else ""


def _emit(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def _check_status(status: str | None) -> str | None:
    """The status to filter on: None for no filter (none given, or ``all``)."""
    from continuity.errors import InputError

    if status and status not in STATUS_FILTERS:
        raise InputError(f"unknown status {status!r}: use one of {', '.join(STATUS_FILTERS)}")
    return None if status == "all" else status


@findings_app.command("list")
def list_findings(
    status: str | None = typer.Option(None, "--status", "-s", help=f"Only this status: {'|'.join(STATUS_FILTERS)}."),
    category: str | None = typer.Option(None, "--category", "-c", help="Only this category (appearance, wardrobe...)."),
    severity: str | None = typer.Option(None, "--severity", help="Only this severity (error, warning, info)."),
    character: str | None = typer.Option(None, "--character", help="Only findings about this character."),
    project: Path = _PROJECT,
    as_json: bool = _JSON,
) -> None:
    """List stored findings by scene.

    Run from the folder above a project, it names the project folder to pass
    with --project.

    Examples:

      studio findings list --status open --project my-film

      studio findings list --status all --json
    """
    status = _check_status(status)
    with _project(project) as p:
        items = p.store.findings(
            status=status, category=category, severity=severity, character=character.upper() if character else None
        )
    if as_json:
        _emit({"findings": [_public(f) for f in items]})
        return
    from studio.review.export import page_of, scene_label

    for f in items:
        page = page_of(f)
        typer.echo(
            f"{f['id'][:8]}  {f['status']:9} {f['severity']:7} {f['category']:10} "
            f"{_episode(f)}scene {scene_label(f):>4} {'p. ' + page if page else '':>7} line {f['line']:>5}  {f['message']}"
        )
    if not items:
        typer.echo("no findings")


@findings_app.command("show")
def show(
    finding_id: str = typer.Argument(..., help="A finding id or a unique prefix of one."),
    project: Path = _PROJECT,
    as_json: bool = _JSON,
) -> None:
    """Show one finding with its evidence and decision history.

    Example:

      studio findings show a8b9fd9e
    """
    with _project(project) as p:
        f = p.finding(finding_id)
        history = p.store.decisions(f["id"])
    if as_json:
        _emit({**_public(f), "decisions": [{k: v for k, v in d.items() if k != "finding_id"} for d in history]})
        return
    from studio.review.export import evidence_where, page_of, scene_label

    page = page_of(f)
    typer.echo(f"{f['id']}  [{f['status']}] {f['severity']} {f['category']}, {_episode(f)}scene {scene_label(f)}, "
               f"{'p. ' + page + ', ' if page else ''}line {f['line']}")
    typer.echo(f"  {f['message']}")
    if f["text"]:
        typer.echo(f"  here: {f['text']}")
    for e in f["evidence"]:
        where = f"bible {e['bible']}" if e.get("bible") else evidence_where(e)
        typer.echo(f"  evidence ({where}): {e['text']}")
    for d in history:
        why = f": {d['reason']}" if d["reason"] else ""
        typer.echo(f"  {d['at']} {d['who']}: {d['action']} ({d['status_before']} -> {d['status_after']}){why}")


def _decided(out, as_json: bool) -> None:
    if as_json:
        _emit({"id": out.finding, "status": out.status, "message": out.message})
    else:
        typer.echo(f"{out.finding[:8]}: {out.message}")


@findings_app.command("confirm")
def confirm(
    finding_id: str = typer.Argument(..., help="A finding id or a unique prefix of one."),
    reason: str | None = typer.Option(None, "--reason", "-r", help="Why (optional)."),
    who: str | None = _AS,
    project: Path = _PROJECT,
    as_json: bool = _JSON,
) -> None:
    """Confirm a finding: it is a real continuity error.

    Example:

      studio findings confirm a8b9fd9e --reason "wig continuity"
    """
    from studio.review import actions

    with _project(project) as p:
        _decided(actions.confirm(p, finding_id, actions.who_or_default(who), reason), as_json)


@findings_app.command("dismiss")
def dismiss(
    finding_id: str = typer.Argument(..., help="A finding id or a unique prefix of one."),
    reason: str = typer.Option(..., "--reason", "-r", help="Why it is not an error (required)."),
    who: str | None = _AS,
    project: Path = _PROJECT,
    as_json: bool = _JSON,
) -> None:
    """Dismiss a false alarm; it stays dismissed across re-audits unless its evidence changes.

    Example:

      studio findings dismiss 1aea68ac --reason "the door is repainted in scene 8"
    """
    from studio.review import actions

    with _project(project) as p:
        _decided(actions.dismiss(p, finding_id, reason, actions.who_or_default(who)), as_json)


@findings_app.command("reopen")
def reopen(
    finding_id: str = typer.Argument(..., help="A finding id or a unique prefix of one."),
    reason: str | None = typer.Option(None, "--reason", "-r", help="Why (optional)."),
    who: str | None = _AS,
    project: Path = _PROJECT,
    as_json: bool = _JSON,
) -> None:
    """Open a confirmed, dismissed or fixed finding again.

    Example:

      studio findings reopen 1aea68ac
    """
    from studio.review import actions

    with _project(project) as p:
        _decided(actions.reopen(p, finding_id, actions.who_or_default(who), reason), as_json)


@findings_app.command("fix")
def fix(
    finding_id: str = typer.Argument(..., help="A finding id or a unique prefix of one."),
    text: str = typer.Option(..., "--text", "-t", help="The new text of the flagged sentence (what 'findings show' prints after 'here:')."),
    paragraph: bool = typer.Option(False, "--paragraph", help="--text is the new text of the flagged sentence's whole line (paragraph)."),
    who: str | None = _AS,
    project: Path = _PROJECT,
    as_json: bool = _JSON,
) -> None:
    """Change the flagged sentence in the script and re-check at once.

    --text replaces the sentence 'findings show' prints; the other sentences of its
    paragraph stay. With --paragraph it replaces the whole line. A --text that holds
    the whole line without --paragraph is refused, so no sentence is dropped by
    mistake. Only that text changes in the file; everything else stays
    byte-identical, and a backup of the file as it was is written first.

    Examples:

      studio findings fix 5345f558 --text MARA

      studio findings fix a8b9fd9e --text "Mara pushes her red hair out of her eyes."
    """
    from studio.review import actions

    with _project(project) as p:
        _decided(actions.fix(p, finding_id, text, actions.who_or_default(who), whole_line=paragraph), as_json)


@findings_app.command("add-to-bible")
def add_to_bible(
    finding_id: str = typer.Argument(..., help="A finding id or a unique prefix of one."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Apply it even when it would flag new findings."),
    who: str | None = _AS,
    project: Path = _PROJECT,
    as_json: bool = _JSON,
) -> None:
    """Record a deliberate change in the bible, in place (a backup is kept), and re-check.

    Wardrobe: the garment from this scene on; appearance (against the script's own
    canon): the attribute for the whole script; name: the cue as an alias;
    location: the feature's new value. The bible keeps its comments and layout.
    When the change would flag new findings (an appearance set for the whole
    script contradicting its first description), they are listed and nothing is
    changed unless --yes is given.

    Example:

      studio findings add-to-bible 83c4a667
    """
    from continuity.errors import InputError
    from studio.review import actions

    with _project(project) as p:
        try:
            out = actions.add_to_bible(p, finding_id, actions.who_or_default(who), confirmed=yes)
        except actions.NeedsConfirmation as exc:
            raise InputError(f"{exc} (add --yes to apply it anyway)") from None
        _decided(out, as_json)


@findings_app.command("export")
def export(
    fmt: ExportFormat = typer.Option(..., "--format", "-f", help="csv, markdown or html."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write here instead of stdout."),
    status: str | None = typer.Option(None, "--status", "-s", help=f"Only this status: {'|'.join(STATUS_FILTERS)}."),
    project: Path = _PROJECT,
) -> None:
    """Export a continuity report of the stored findings and decisions.

    Example:

      studio findings export --format html --out continuity.html
    """
    from studio.review import export as render

    status = _check_status(status)
    with _project(project) as p:
        items = p.store.findings(status=status)
        decisions = p.store.decisions()
        last = p.store.last_audit()
    if fmt is ExportFormat.csv:
        text = render.to_csv(items, decisions)
    elif fmt is ExportFormat.markdown:
        text = render.to_markdown(items, decisions, last)
    else:
        text = render.to_html(items, decisions, last)
    if out is None:
        sys.stdout.write(text)
        return
    from continuity.errors import InputError

    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write {out}: {exc.strerror or exc}") from None
    from continuity.language.words import plural

    typer.echo(f"wrote {out} ({plural(len(items), 'finding')})", err=True)


def review_command(
    project_dir: Path = typer.Argument(Path("."), help="The project folder (where 'studio audit --store' ran)."),
    port: int = typer.Option(0, "--port", help="Port on 127.0.0.1 (default: a free one)."),
    who: str | None = _AS,
    no_browser: bool = typer.Option(False, "--no-browser", help="Do not open a web browser."),
) -> None:
    """Serve the review page on 127.0.0.1, protected by a random token in the printed URL.

    The link's token is exchanged once for a session cookie and is invalid after
    that; the session ends after 2 hours without a request, and after 12 hours in
    any case. Confirm, dismiss (with a reason), fix a line or add a deliberate change to the
    bible; keys j/k move, c confirms, d dismisses, f fixes. Ctrl-C stops it.

    Example:

      studio review my-film --port 8765
    """
    from studio.review.app import SESSION_IDLE, SESSION_MAX, make_server

    _need_store(project_dir, "'studio review {}'")
    server, sock, url = make_server(project_dir, port, who=who)
    typer.echo(f"Review page: {url}")
    typer.echo(f"The link works once, in one browser (its session ends after {SESSION_IDLE // 3600} hours idle, or "
               f"{SESSION_MAX // 3600} hours); run 'studio review' again for a new one. Press Ctrl-C to stop.", err=True)
    if not no_browser:
        import webbrowser

        try:
            webbrowser.open(url)
        except Exception:  # no browser available: the printed URL is enough
            pass
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()


def record_and_summarise(report, script: Path, bible: Path | None, project: Path | None) -> str:
    """Record an audit in the project's store (``studio audit --store``); returns the diff summary."""
    from studio.review.actions import Project

    with Project(project if project is not None else script.resolve().parent) as p:
        return p.record(report, script, bible).summary()
