"""Running seasons and scripts: the local engine, and the driver every engine shares.

The driver (:func:`run_units`) works in two rounds. First every episode of every
season (and every single script of a library) is one job: read, embedded and
parsed wherever the engine runs it. Then each season whose episodes are all in
gets one cross-episode job over the combined script, seeded with its episodes'
vectors and parses. The driver is the one writer of the caches: it stores a single
script's and a cross pass's new vectors and parses as they come in, and the
episodes' once the first round is over (merged in story order), so that no
episode job reads what another wrote during the run.

:class:`LocalEngine` runs jobs in this process (one worker), or in worker
processes (``spawn``), up to the cores, each loading the models once. Ray runs
the same jobs in actors (:mod:`continuity.season.ray_engine`). The result does
not depend on the engine: an episode's job sees the caches as they were before
the run, its vectors are merged in story order (the first episode's win), and
the cross-episode pass reads exactly those.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing import get_context
from typing import Protocol

from continuity.bible.model import Bible
from continuity.checks.findings import Report
from continuity.checks.registry import CHECKS
from continuity.errors import InputError, StudioError
from continuity.season.manifest import SeasonSpec
from continuity.season.work import CrossJob, EpisodeJob, Result, ScriptJob, Tools, Writer, merge_seeds
from continuity.settings import Settings

log = logging.getLogger(__name__)

Job = EpisodeJob | CrossJob | ScriptJob


class Engine(Protocol):
    """Runs jobs somewhere and yields their results as they finish (in any order)."""

    workers: int

    def map(self, jobs: list[Job]) -> Iterator[Result]: ...

    def close(self) -> None: ...


def cores() -> int:
    """The CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


_TOOLS: Tools | None = None


def _start_worker(settings: Settings, threads: int) -> None:
    """A worker process's start: its share of the cores, and the models, loaded once."""
    global _TOOLS
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(threads)
    try:
        import torch

        torch.set_num_threads(threads)
    except ImportError:  # pragma: no cover - NumPy encodes then
        pass
    _TOOLS = Tools(settings)
    _TOOLS.load()


def _run_job(job: Job) -> Result:
    assert _TOOLS is not None, "worker not started"
    return run_safely(_TOOLS, job)


def run_safely(tools: Tools, job: Job) -> Result:
    """Run a job; a user error (a script that cannot be read...) comes back as the result's ``error``."""
    try:
        return tools.run(job)
    except StudioError as exc:
        return Result(job.unit, getattr(job, "number", None), stats={"error": str(exc)})


@contextmanager
def _main_not_rerun():
    """Keep spawned workers from running ``__main__`` again.

    A spawned process imports the parent's ``__main__`` by its path; a console
    script without an ``if __name__ == "__main__"`` guard would run the whole
    command again in every worker. Workers need nothing from ``__main__`` (every
    job and function lives in this package), so its path is hidden while they start.
    """
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    if main is None or getattr(main, "__spec__", None) is not None or path is None:
        yield
        return
    del main.__file__
    try:
        yield
    finally:
        main.__file__ = path


class LocalEngine:
    """Jobs in this process (``workers=1``) or in up to ``workers`` processes, at most one per core.

    Args:
        settings: what every worker uses (embedder, cache folder).
        workers: processes; None for one per core.
    """

    def __init__(self, settings: Settings, workers: int | None = None) -> None:
        n = cores()
        asked = workers if workers is not None else n
        if asked < 1:
            raise InputError(f"--workers must be at least 1, not {asked}")
        if asked > n:
            log.info("%d workers asked, %d cores: using %d", asked, n, n)
        self.workers = min(asked, n)
        self.settings = settings
        self._tools: Tools | None = None
        self._pool: ProcessPoolExecutor | None = None

    def map(self, jobs: list[Job]) -> Iterator[Result]:
        """Run ``jobs``; results as they finish."""
        if self.workers == 1:
            if self._tools is None:
                self._tools = Tools(self.settings)
            for job in jobs:
                yield run_safely(self._tools, job)
            return
        if self._pool is None:
            threads = max(1, cores() // self.workers)
            self._pool = ProcessPoolExecutor(self.workers, mp_context=get_context("spawn"),
                                             initializer=_start_worker, initargs=(self.settings, threads))
        with _main_not_rerun():  # workers start (spawn) as jobs are submitted
            pending: set[Future] = {self._pool.submit(_run_job, job) for job in jobs}
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                yield fut.result()

    def close(self) -> None:
        """Stop the worker processes."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# -- the driver -------------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    """One thing to audit: a season, or a single script.

    Attributes:
        spec: the season (None for a single script).
        script: the single script's path (None for a season).
        bible: the canon (the series bible, or the script's own), or None.
        bible_source: the bible's path, for reports.
    """

    spec: SeasonSpec | None = None
    script: str | None = None
    bible: Bible | None = None
    bible_source: str | None = None

    @property
    def name(self) -> str:
        """What the summary calls it."""
        return self.script if self.spec is None else (self.spec.source or "season")


@dataclass
class UnitResult:
    """A unit's audit, or why it could not be audited.

    Attributes:
        unit: what was audited.
        report: the report (a season report for a season), or None after an error.
        error: the one-line reason it failed, or None.
        seconds: worker time spent on it (all its jobs).
        stats: each job's statistics (see :class:`continuity.season.work.Result`).
    """

    unit: Unit
    report: Report | None = None
    error: str | None = None
    seconds: float = 0.0
    stats: list[dict] = field(default_factory=list)


def check_names(checks: Iterable[str] | None) -> tuple[str, ...] | None:
    """The checks asked for, validated before any job is sent.

    Raises:
        InputError: an unknown check name.
    """
    if not checks:
        return None
    names = tuple(dict.fromkeys(checks))
    unknown = [n for n in names if n not in CHECKS]
    if unknown:
        raise InputError(f"unknown check(s): {', '.join(unknown)} (known: {', '.join(CHECKS)})")
    return names


def _read(path: str) -> bytes:
    from continuity.screenplay.io import read_bytes

    return read_bytes(path)


def run_units(
    units: list[Unit],
    engine: Engine,
    settings: Settings,
    *,
    checks: Iterable[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    writer: Writer | None = None,
) -> list[UnitResult]:
    """Audit every unit with ``engine``; the caches are written here only.

    Args:
        units: seasons and single scripts.
        engine: where the jobs run.
        settings: the cache folder this process writes.
        checks: the checks to run (default: all).
        progress: ``callback(done, total)`` after each job.
        writer: the one writer of the caches (default: a new one over ``settings``;
            its ``written`` counts what it stored and the seconds it took).

    Returns:
        One result per unit, in the order given; a unit that failed carries ``error``.
    """
    names = check_names(checks)
    writer = writer or Writer(settings)
    results = [UnitResult(u) for u in units]
    jobs: list[Job] = []
    for i, u in enumerate(units):
        try:
            if u.spec is None:
                jobs.append(ScriptJob(i, u.script or "", _read(u.script or ""), u.bible, u.bible_source, names))
            else:
                jobs.extend(EpisodeJob(i, e.number, e.path, _read(e.path), u.bible, names) for e in u.spec.episodes)
        except StudioError as exc:
            results[i].error = str(exc)
    jobs = [j for j in jobs if results[j.unit].error is None]
    seasons = sum(1 for r in results if r.unit.spec is not None and r.error is None)
    total, done = len(jobs) + seasons, 0
    episodes: dict[int, list[Result]] = {}
    for res in engine.map(jobs):
        done += 1
        # An episode's vectors and parses are stored only once every episode job is done:
        # each episode job then reads the caches as they were before the run, whichever
        # engine ran it and in whatever order, so the cross pass gets the same inputs.
        _account(results[res.unit], res, writer if res.report is not None else None)
        if "error" not in res.stats:
            if res.report is not None:
                results[res.unit].report = res.report
            else:
                episodes.setdefault(res.unit, []).append(res)
        if progress is not None:
            progress(done, total)
    cross: list[Job] = []
    for i, r in enumerate(results):
        if r.unit.spec is None or r.error is not None:
            continue
        order = {e.number: k for k, e in enumerate(r.unit.spec.episodes)}
        got = sorted(episodes.pop(i, []), key=lambda x: order[x.number])
        scripts = tuple(x.script for x in got if x.script is not None)
        vectors, parses = merge_seeds(got)
        writer.save(Result(i, vectors=vectors, parses=parses))
        cross.append(CrossJob(i, r.unit.spec, scripts, vectors, parses, r.unit.bible, r.unit.bible_source, names))
    for res in engine.map(cross):
        done += 1
        _account(results[res.unit], res, writer)
        if "error" not in res.stats:
            results[res.unit].report = res.report
        if progress is not None:
            progress(done, total)
    return results


def _account(target: UnitResult, res: Result, writer: Writer | None) -> None:
    if writer is not None:
        writer.save(res)
    target.seconds += float(res.stats.get("seconds", 0.0))
    target.stats.append({"episode": res.number, **res.stats})
    if "error" in res.stats and target.error is None:
        target.error = res.stats["error"]


def audit_season(
    spec: SeasonSpec,
    bible: Bible | None = None,
    *,
    settings: Settings | None = None,
    checks: Iterable[str] | None = None,
    bible_source: str | None = None,
    engine: Engine | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Audit a season as one story: the episodes in parallel, then one cross-episode pass.

    Args:
        spec: the season (see :func:`continuity.season.manifest.season_of`).
        bible: the series bible, or None.
        settings: embedder and caches; default :meth:`Settings.load`.
        checks: the checks to run (default: all).
        bible_source: the bible's path, for the report.
        engine: where the work runs (default: this process).
        progress: ``callback(done, total)`` after each job.

    Returns:
        The season report (:attr:`Report.episodes` set; findings in each episode's numbering).

    Raises:
        StudioError: an episode cannot be read, or an unknown check.
    """
    settings = settings or Settings.load()
    own = engine is None
    engine = engine or LocalEngine(settings, 1)
    try:
        t0 = time.perf_counter()
        [result] = run_units([Unit(spec, bible=bible, bible_source=bible_source)], engine, settings,
                             checks=checks, progress=progress)
        log.info("season %s: %.1f s wall, %.1f s in workers", spec.source, time.perf_counter() - t0, result.seconds)
    finally:
        if own:
            engine.close()
    if result.error is not None:
        raise InputError(result.error)
    assert result.report is not None
    return result.report


__all__ = ["Engine", "LocalEngine", "run_safely", "Unit", "UnitResult", "run_units", "audit_season", "check_names", "cores"]
