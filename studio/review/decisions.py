"""Review decisions in an audit: findings dismissed in the store or marked in the script.

A finding a person dismissed (``studio findings dismiss``, the review page) or
marked in a Fountain script with a note on its paragraph,
``[[continuity: intended]]`` (a reason may follow: ``[[continuity: intended,
contact lenses]]``), is hidden from ``studio audit``'s report and exit status;
the report says how many, and ``--show-dismissed`` lists them, marked.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from pathlib import Path

from continuity.checks.findings import Finding, Report
from continuity.screenplay.model import Script

log = logging.getLogger(__name__)

MARKER_RE = re.compile(r"\[\[\s*continuity\s*:\s*intended\b[^\]]*\]\]", re.I)


def marked_lines(text: str) -> set[int]:
    """Lines of the paragraphs (blank-line separated) that hold an intended marker."""
    marked: set[int] = set()
    para: list[int] = []
    hit = False
    for no, line in enumerate(text.splitlines() + [""], start=1):
        if line.strip():
            para.append(no)
            hit = hit or bool(MARKER_RE.search(line))
            continue
        if hit:
            marked.update(para)
        para, hit = [], False
    return marked


def inline_intended(script: Script, path: str | Path) -> set[int]:
    """Lines a ``[[continuity: intended]]`` note covers; Fountain files only."""
    if script.format != "fountain":
        return set()
    from continuity.screenplay.io import decode_text, read_bytes

    text = decode_text(read_bytes(path), str(path))
    return marked_lines(text) if "[[" in text else set()


def season_intended(report: Report) -> dict[int, set[int]]:
    """For a season report, the lines each Fountain episode marks ``[[continuity: intended]]``, by episode."""
    from continuity.screenplay.io import decode_text, read_bytes

    out: dict[int, set[int]] = {}
    for ep in report.episodes:
        if ep.format != "fountain":
            continue
        text = decode_text(read_bytes(ep.script), ep.script)
        out[ep.number] = marked_lines(text) if "[[" in text else set()
    return out


def dismissed_ids(project: str | Path) -> set[str]:
    """Ids of the findings dismissed in the project's store (none without a store)."""
    from studio.review.store import DB_NAME, Store

    root = Path(project)
    if not (root / DB_NAME).is_file():
        return set()

    with Store.open(root, create=False) as store:
        return {f["id"] for f in store.findings(status="dismissed")}


def apply(report: Report, *, dismissed: set[str], intended_lines: set[int] = frozenset(),
          intended_by_episode: dict[int, set[int]] | None = None) -> Report:
    """Move dismissed and marked findings from ``findings`` to ``hidden``.

    Args:
        report: the audit.
        dismissed: ids dismissed in the store.
        intended_lines: the marked lines of a single script.
        intended_by_episode: in a season, each episode's marked lines (its own numbering).
    """
    keep: list[Finding] = []
    hidden: list[Finding] = list(report.hidden)
    for f in report.findings:
        marked = intended_by_episode.get(f.episode, set()) if intended_by_episode is not None else intended_lines
        if f.id in dismissed:
            hidden.append(replace(f, status="dismissed"))
        elif f.line in marked:
            hidden.append(replace(f, status="intended"))
        else:
            keep.append(f)
    if len(keep) == len(report.findings):
        return report
    log.info("%d finding%s hidden by review decisions", len(hidden), "" if len(hidden) == 1 else "s")
    return replace(report, findings=tuple(keep), hidden=tuple(hidden))


__all__ = ["MARKER_RE", "marked_lines", "inline_intended", "season_intended", "dismissed_ids", "apply"]
