"""``studio audit`` for a season (several episodes, a folder, a series.yaml) and for a library (``--library``).

The command itself is in :mod:`studio.cli`; this module runs a season or a
library on the chosen engine (this machine's processes, or Ray with ``--ray``),
records in the findings store (the one writer) and prints the reports.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from continuity.errors import InputError
from studio.console import stderr_console

log = logging.getLogger(__name__)


def _progress(label: str):
    """A progress callback on stderr when it is a terminal, and a context to close it."""
    from contextlib import nullcontext

    err = stderr_console()
    if not err.is_terminal:
        return nullcontext(None)
    from rich.progress import BarColumn, Progress, TextColumn

    class _Bar:
        def __enter__(self) -> Callable[[int, int], None]:
            self.bar = Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                                console=err, transient=True)
            self.bar.__enter__()
            task = self.bar.add_task(label, total=None)
            return lambda done, total: self.bar.update(task, completed=done, total=total)

        def __exit__(self, *exc: object) -> None:
            self.bar.__exit__(*exc)

    return _Bar()


def engine_for(workers: int | None, ray: str | None):
    """The engine ``--workers`` and ``--ray`` (or ``STUDIO_RAY_ADDRESS``) ask for."""
    from continuity.api import make_engine
    from continuity.settings import Settings

    settings = Settings.load()
    return make_engine(settings, workers=workers, ray_address=ray or settings.ray_address or None)


def audit_season(paths: list[Path], bible: Path | None, *, checks: list[str] | None, workers: int | None,
                 ray: str | None, store: bool, project: Path | None):
    """Audit the season ``paths`` name; returns the report (decisions applied) and the season's project folder.

    Raises:
        InputError: a bad manifest, an episode that cannot be read...
    """
    from continuity.api import audit_season as run_season
    from continuity.api import load_bible, load_season
    from studio.review import decisions

    spec = load_season(paths)
    bible_path = bible if bible is not None else (Path(spec.bible) if spec.bible else None)
    canon = load_bible(bible_path) if bible_path else None
    root = project if project is not None else _season_root(paths)
    from continuity.language.words import plural

    label = f"Reading and embedding {plural(len(spec.episodes), 'episode')}"
    with engine_for(workers, ray) as engine, _progress(label) as progress:
        report = run_season(spec, canon, checks=checks, bible_source=bible_path, engine=engine, progress=progress)
    if store:
        from studio.review.actions import Project

        with Project(root) as p:
            named = Path(spec.source) if spec.source and Path(spec.source).exists() else Path(spec.episodes[0].path)
            stderr_console().print(f"store: {p.record(report, named, bible_path, season=spec).summary()}")
    report = decisions.apply(report, dismissed=decisions.dismissed_ids(root),
                             intended_by_episode=decisions.season_intended(report))
    return report, root


def _season_root(paths: list[Path]) -> Path:
    """The project folder of a season: the folder named, the manifest's folder, or the first episode's."""
    first = paths[0]
    return first.resolve() if first.is_dir() else first.resolve().parent


def audit_library(folder: Path, *, checks: list[str] | None, workers: int | None, ray: str | None,
                  store: bool) -> dict:
    """Audit every series and script under ``folder``; returns the summary (see :func:`continuity.season.library.summary`).

    With ``store``, each series and script is recorded in the store of its own
    folder, here, one after another (the one writer).
    """
    from continuity.season.library import audit_library as run_library
    from continuity.season.library import summary
    from continuity.settings import Settings

    with engine_for(workers, ray) as engine, _progress(f"Auditing the library {folder.name}") as progress:
        results, wall = run_library(folder, engine, Settings.load(), checks=checks, progress=progress)
        kind = "ray" if type(engine).__name__ == "RayEngine" else ("processes" if engine.workers > 1 else "this process")
        workers_used = engine.workers
    if store:
        _record_library(results)
    return summary(str(folder), results, wall_seconds=wall, engine=kind, workers=workers_used)


def _record_library(results) -> None:
    from studio.review.actions import Project

    err = stderr_console()
    for r in results:
        if r.report is None:
            continue
        u = r.unit
        if u.spec is None:
            root = Path(u.script).resolve().parent
            with Project(root) as p:
                diff = p.record(r.report, Path(u.script), u.bible_source)
        else:
            root = Path(u.spec.source).resolve().parent
            with Project(root) as p:
                diff = p.record(r.report, Path(u.spec.source), u.bible_source, season=u.spec)
        err.print(f"store {root}: {diff.summary()}", soft_wrap=True)


def library_format(fmt: str | None, out: Path | None) -> str:
    """The summary's format: text, JSON, Markdown or HTML, from ``--format`` or ``--out``'s extension."""
    from continuity.season.library import SUMMARY_FORMATS

    chosen = fmt or "text"
    if chosen not in SUMMARY_FORMATS:
        raise InputError(f"the library summary is written as {', '.join(SUMMARY_FORMATS)}, not {chosen}"
                         + (f" (--out {out})" if out else ""))
    return chosen


__all__ = ["audit_season", "audit_library", "engine_for", "library_format"]
