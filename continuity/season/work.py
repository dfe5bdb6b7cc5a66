"""The work of a season or a library, in units any worker can run: jobs in, results out.

- :class:`EpisodeJob`: read one episode (its file's bytes) and embed and parse it:
  the episode is audited on its own, which embeds every sentence and makes every
  dependency parse its reading needs. The result carries the parsed script and
  only what this worker computed itself (vectors and parses by cache key).
- :class:`CrossJob`: the cross-episode pass: the episodes combined into one
  script, the embeddings and parses seeded with what the episode jobs made, one
  audit over the whole, mapped back to each episode (:mod:`continuity.season.mapping`).
- :class:`ScriptJob`: a script that is no season (a library's single films): the
  whole audit.

A worker holds one :class:`Tools`: the sentence model and the parser, loaded once
and used for every job it runs. Workers only read the caches; they hand what they
computed back, and the one process that writes (:class:`Writer`) stores it, so
many workers never write one SQLite file at once.
"""

from __future__ import annotations

import logging
import os
import resource
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from continuity.audit import run
from continuity.bible.model import Bible
from continuity.checks.findings import Report
from continuity.errors import InputError, ParseError
from continuity.language.embedding import Collection, make_embedder
from continuity.language.parse import Parser, load_pipeline
from continuity.reports.positions import locate
from continuity.screenplay.model import Script
from continuity.screenplay.season import EpisodeMeta, combine
from continuity.season.manifest import SeasonSpec
from continuity.season.mapping import to_season
from continuity.settings import Settings
from continuity.story.splitting import sentences_of

log = logging.getLogger(__name__)

Vectors = dict[bytes, np.ndarray]
Parses = dict[bytes, list]


@dataclass(frozen=True)
class EpisodeJob:
    """Read, embed and parse one episode.

    Attributes:
        unit: the season it belongs to (a library has many).
        number: the episode's number.
        name: its file (messages, :attr:`Script.source`).
        data: the file's bytes (read by the driver, so a worker needs no shared disk).
        bible: the series bible, or None.
        checks: the checks to run, or None for the default.
    """

    unit: int
    number: int
    name: str
    data: bytes
    bible: Bible | None = None
    checks: tuple[str, ...] | None = None


@dataclass(frozen=True)
class ScriptJob:
    """Audit one script that is not part of a season."""

    unit: int
    name: str
    data: bytes
    bible: Bible | None = None
    bible_source: str | None = None
    checks: tuple[str, ...] | None = None


@dataclass(frozen=True)
class CrossJob:
    """The cross-episode pass over a season whose episodes are read and embedded."""

    unit: int
    spec: SeasonSpec
    scripts: tuple[Script, ...]
    vectors: Vectors = field(default_factory=dict)
    parses: Parses = field(default_factory=dict)
    bible: Bible | None = None
    bible_source: str | None = None
    checks: tuple[str, ...] | None = None


@dataclass
class Result:
    """What a job gives back.

    Attributes:
        unit, number: the job's season (or script) and episode (None for a pass or a script).
        script: the parsed script (episode jobs).
        report: the audit (cross and script jobs).
        vectors, parses: what this worker computed itself, for the one writer.
        stats: ``scenes``, ``sentences``, ``texts`` (embedded, cached or not), ``encoded``,
            ``parsed``, ``findings``, ``seconds``, ``rss_mb`` (the worker's peak memory), ``pid``.
    """

    unit: int
    number: int | None = None
    script: Script | None = None
    report: Report | None = None
    vectors: Vectors = field(default_factory=dict)
    parses: Parses = field(default_factory=dict)
    stats: dict = field(default_factory=dict)


def script_from_bytes(data: bytes, name: str) -> Script:
    """Parse a script's bytes as :func:`continuity.api.load_script` reads its file."""
    from continuity.screenplay import io

    if Path(name).suffix.lower() == ".pdf" or data.startswith(b"%PDF-"):
        from continuity.screenplay.readers import pdf

        if not pdf.is_pdf(data):
            raise InputError(f"{name}: not a PDF file (it does not start with %PDF-)")
        script = pdf.parse(data, source=name)
        if not script.scenes and not script.preamble:
            raise ParseError(f"{name}: empty script (no scene headings and no other elements)")
        return script
    return io.parse_bytes(data, name)


def _rss_mb() -> float:
    """This process's peak resident memory, in MB."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


class Tools:
    """What one worker loads once and keeps: the sentence model and the parser.

    Args:
        settings: the embedder, the model folder and the cache folder (read only here).
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.embedder = make_embedder(settings.embedder, settings.model_dir, settings.embed_precision)
        if hasattr(self.embedder, "torch_threshold"):
            # A worker's torch is loaded once and kept, so its kernels win from an episode's
            # smaller batches on (0.8 s against NumPy's 1.7 s for 324 sentences).
            self.embedder.torch_threshold = 32
        self.cache_dir = settings.cache_dir if settings.cache else None

    def load(self) -> None:
        """Load the models now (a worker's start), not on its first job."""
        self.embedder.encode(["The models load once per worker."])
        try:
            load_pipeline()
        except InputError:  # reported when a job really parses
            log.debug("the parser is not installed", exc_info=True)

    def collection(self) -> Collection:
        """Embeddings that read the cache and never write it."""
        return Collection(self.embedder, self.cache_dir, write=False)

    def parser(self) -> Parser:
        """A parser that reads the cache and never writes it (spaCy itself is loaded once per process)."""
        return Parser(self.cache_dir, write=False)

    def run(self, job: EpisodeJob | CrossJob | ScriptJob) -> Result:
        """Run one job here."""
        t0 = time.perf_counter()
        if isinstance(job, EpisodeJob):
            out = self._episode(job)
        elif isinstance(job, CrossJob):
            out = self._cross(job)
        else:
            out = self._script(job)
        out.stats.update(seconds=round(time.perf_counter() - t0, 3), rss_mb=_rss_mb(), pid=os.getpid())
        return out

    def _episode(self, job: EpisodeJob) -> Result:
        script = script_from_bytes(job.data, job.name)
        coll, parser = self.collection(), self.parser()
        coll.embed([s.text for s in sentences_of(script)])  # every sentence, as the season's reading asks
        report = run(script, job.bible, collection=coll, parser=parser,
                     checks=list(job.checks) if job.checks else None)
        return Result(job.unit, job.number, script=script, vectors=coll.fresh, parses=parser.fresh,
                      stats=_stats(script, coll, parser, report))

    def _cross(self, job: CrossJob) -> Result:
        metas = [EpisodeMeta(e.number, e.title, e.continues, e.gap_days) for e in job.spec.episodes]
        combined = combine(job.scripts, metas, source=job.spec.source, title=job.spec.title)
        coll, parser = self.collection(), self.parser()
        coll.seed(job.vectors)
        parser.seed(job.parses)
        report = run(combined, job.bible, collection=coll, parser=parser, bible_source=job.bible_source,
                     checks=list(job.checks) if job.checks else None)
        season = to_season(report, combined, job.scripts, job.spec)
        return Result(job.unit, report=season, vectors=coll.fresh, parses=parser.fresh,
                      stats=_stats(combined, coll, parser, report))

    def _script(self, job: ScriptJob) -> Result:
        script = script_from_bytes(job.data, job.name)
        coll, parser = self.collection(), self.parser()
        report = run(script, job.bible, collection=coll, parser=parser, bible_source=job.bible_source,
                     checks=list(job.checks) if job.checks else None)
        return Result(job.unit, script=script, report=locate(report, script), vectors=coll.fresh,
                      parses=parser.fresh, stats=_stats(script, coll, parser, report))


def _stats(script: Script, coll: Collection, parser: Parser, report: Report) -> dict:
    return {"scenes": len(script.scenes), "sentences": len(sentences_of(script)), "texts": coll.stats["texts"],
            "encoded": coll.stats["encoded"], "parsed": parser.stats["parsed"], "findings": len(report.findings)}


class Writer:
    """The one process that writes the embedding and parse caches: workers hand it what they computed."""

    def __init__(self, settings: Settings) -> None:
        cache = settings.cache_dir if settings.cache else None
        self._coll = Collection(make_embedder(settings.embedder, settings.model_dir, settings.embed_precision), cache) if cache else None
        self._parser = Parser(cache) if cache else None
        self.written = {"vectors": 0, "parses": 0, "seconds": 0.0}

    def save(self, result: Result) -> None:
        """Store a result's new vectors and parses (nothing without a cache)."""
        if self._coll is None or self._parser is None:
            return
        t0 = time.perf_counter()
        self._coll.save(result.vectors)
        self._parser.save(result.parses)
        self.written["vectors"] += len(result.vectors)
        self.written["parses"] += len(result.parses)
        self.written["seconds"] += time.perf_counter() - t0


def merge_seeds(results: list[Result]) -> tuple[Vectors, Parses]:
    """The episodes' vectors and parses in one map each; the first episode's wins (story order)."""
    vectors: Vectors = {}
    parses: Parses = {}
    for r in results:
        for k, v in r.vectors.items():
            vectors.setdefault(k, v)
        for k, p in r.parses.items():
            parses.setdefault(k, p)
    return vectors, parses


__all__ = ["EpisodeJob", "CrossJob", "ScriptJob", "Result", "Tools", "Writer", "merge_seeds", "script_from_bytes"]
