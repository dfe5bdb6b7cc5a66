"""The audit: read a script once, run every registered check, collect findings."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from continuity.bible.extract import extract_bible
from continuity.checks.findings import Finding, Report, SceneInfo
from continuity.checks.registry import CHECKS, default_checks
from continuity.errors import InputError
from continuity.language.embedding import Collection, Embedder
from continuity.language.parse import Parser
from continuity.screenplay.model import Script
from continuity.screenplay.season import episode_of
from continuity.story.context import Context

if TYPE_CHECKING:
    from continuity.bible.model import Bible

log = logging.getLogger(__name__)


def run(
    script: Script,
    bible: Bible | None = None,
    *,
    embedder: Embedder | None = None,
    cache_dir: str | None = None,
    checks: list[str] | None = None,
    bible_source: str | None = None,
    progress=None,
    story_days: dict[str, str] | None = None,
    collection: Collection | None = None,
    parser: Parser | None = None,
) -> Report:
    """Audit a script against a bible (or against its own first descriptions).

    Args:
        script: the parsed screenplay.
        bible: the canon; None extracts one from the script.
        embedder: the sentence model (default: all-MiniLM-L6-v2).
        cache_dir: where embeddings are cached; None disables the cache.
        checks: names of the checks to run (default: all registered, ``style`` only when the bible asks).
        bible_source: path of the bible, for the report.
        progress: optional ``callback(done, total)`` while sentences are encoded.
        story_days: fixed story days, scene number -> ``D5`` (over the bible's own ``story_days``).
        collection: the embeddings to use instead of a new one over ``embedder`` and
            ``cache_dir`` (a season's, seeded with its episodes' vectors).
        parser: the dependency parser to use instead of a new one over ``cache_dir``.

    Returns:
        The report, findings sorted by scene and line.
    """
    if collection is None:
        if embedder is None:
            from continuity.language.minilm import MiniLM

            embedder = MiniLM()
        collection = Collection(embedder, cache_dir, progress)
    explicit = bible is not None
    if bible is None:
        bible = extract_bible(script)
    if parser is None:
        parser = Parser(cache_dir)
        parser.preload()
    ctx = Context(script, bible, explicit, collection, bible_source, parser=parser,
                  options={"story_days": dict(story_days or {})})
    names = checks or default_checks(bible if explicit else None)
    unknown = [n for n in names if n not in CHECKS]
    if unknown:
        raise InputError(f"unknown check(s): {', '.join(unknown)} (known: {', '.join(CHECKS)})")
    findings: dict[tuple[int | None, str], Finding] = {}
    said: dict[tuple, tuple[int | None, str]] = {}  # one slip two checks report on one line: one finding
    for name in names:
        for f in CHECKS[name](ctx):
            # In a season the same text in two episodes is two findings (see continuity.season).
            ep = episode_of(script, f.scene)
            key = (ep.number if ep else None, f.id)
            value = dict(f.extra).get("value")
            same = (key[0], f.category, f.line, f.character, (f.subject or "").rsplit(".", 1)[-1].lower(),
                    str(value).lower()) if value else None
            if same in said and said[same] != key:
                # ("the door is red here, but the bible has green" and "... but it was green in episode 1")
                first = findings[said[same]]
                more = tuple(e for e in f.evidence if e not in first.evidence)
                findings[said[same]] = replace(first, evidence=first.evidence + more)
                continue
            findings.setdefault(key, f)
            if same:
                said.setdefault(same, key)
    ordered = sorted(findings.values(), key=lambda f: (f.scene, f.line, f.category, f.id))
    scenes = tuple(
        SceneInfo(s.index, s.line, s.heading.text, t.time_class, t.story_day, day=t.day)
        for s, t in zip(script.scenes, ctx.story.scenes)
    )
    log.info("embeddings: %s", ctx.collection.stats)
    return Report(script.source, script.format, scenes, tuple(ordered), bible_source, tuple(names))


__all__ = ["run"]
