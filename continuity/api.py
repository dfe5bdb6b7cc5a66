"""The Python API: the one path the CLI (and later agents and MCP) go through.

Example::

    from continuity.api import load_script, load_bible, audit
    report = audit(load_script("pilot.fountain"), load_bible("bible.yaml"))
    for f in report.findings:
        print(f.severity, f.scene, f.line, f.message)
"""

from __future__ import annotations

from pathlib import Path

from continuity.bible import Bible, load_bible
from continuity.embedding import make_embedder
from continuity.findings import Finding, Report
from continuity.io import load_script
from continuity.model import Script
from continuity.settings import Settings


def audit(
    script: Script,
    bible: Bible | None = None,
    *,
    settings: Settings | None = None,
    checks: list[str] | None = None,
    bible_source: str | Path | None = None,
    progress=None,
) -> Report:
    """Audit ``script`` against ``bible`` (or its own first descriptions when None).

    Args:
        script: a parsed screenplay (see :func:`load_script`).
        bible: the canon (see :func:`load_bible`).
        settings: cache folder and embedder; default :meth:`Settings.load`.
        checks: run only these checks (names from ``continuity.checks.CHECKS``).
        bible_source: the bible's path, shown in reports.
        progress: optional ``callback(done, total)`` while new sentences are encoded.
    """
    from continuity.audit import run

    settings = settings or Settings.load()
    return run(
        script,
        bible,
        embedder=make_embedder(settings.embedder, settings.model_dir),
        cache_dir=settings.cache_dir if settings.cache else None,
        checks=checks,
        bible_source=str(bible_source) if bible_source else None,
        progress=progress,
    )


__all__ = ["audit", "load_script", "load_bible", "Report", "Finding", "Script", "Bible"]
