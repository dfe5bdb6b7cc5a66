"""The Python API: the one path the CLI, our agents and the MCP server go through.

Example::

    from continuity.api import audit, bible_lookup, check_passage, load_bible, load_script

    script, bible = load_script("pilot.fountain"), load_bible("bible.yaml")
    report = audit(script, bible)
    for f in report.findings:
        print(f.severity, f.scene, f.line, f.message)

    # What a writer agent calls before handing a new scene off:
    for f in check_passage("INT. KITCHEN - NIGHT\\n\\nMara shakes out her blonde hair.", bible, script=script):
        print(f.message)                  # MARA's hair is 'blonde' here, but the bible says 'red'

    bible_lookup(bible, "Mara Quinn")["attributes"]   # {'hair': 'red', ...}

Every failure the caller can cause raises a :class:`~continuity.errors.StudioError`
subclass with a one-line message.
"""

from __future__ import annotations

import difflib
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Iterable

from continuity.bible.load import load_bible
from continuity.bible.model import Bible, Character, Location, Prop
from continuity.checks.findings import SEVERITIES, Finding, Report
from continuity.errors import InputError, ParseError, StudioError
from continuity.language.embedding import make_embedder
from continuity.screenplay.model import Element, Heading, Scene, Script
from continuity.settings import Settings

__all__ = [
    "audit", "audit_season", "load_season", "make_engine", "check_passage", "bible_lookup", "parse_script_text", "findings_to_dict", "load_script", "load_bible",
    "save_script", "script_costumes",
    "Report", "Finding", "Script", "Bible", "Settings", "StudioError",
]

SCRIPT_FORMATS = ("fountain", "fdx")
PDF_SUFFIXES = frozenset({".pdf"})
#: The heading given to a passage without one when there is no script to continue.
UNPLACED_HEADING = Heading(text="UNPLACED PASSAGE", setting=None, location="UNPLACED PASSAGE")


def audit(
    script: Script,
    bible: Bible | None = None,
    *,
    settings: Settings | None = None,
    checks: list[str] | None = None,
    bible_source: str | Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    story_days: dict[str, str] | None = None,
) -> Report:
    """Audit ``script`` against ``bible`` (or its own first descriptions when None).

    Args:
        script: a parsed screenplay (see :func:`load_script`, :func:`parse_script_text`).
        bible: the canon (see :func:`load_bible`).
        settings: cache folder and embedder; default :meth:`Settings.load`.
        checks: run only these checks (names from ``continuity.checks.registry.CHECKS``).
        bible_source: the bible's path, shown in reports.
        progress: optional ``callback(done, total)`` while new sentences are encoded.
        story_days: fixed story days (scene number -> ``D5``); None reads the sidecar
            beside the script (``draft.story.yaml``, see :mod:`continuity.bible.story_days`).

    Returns:
        The report; findings and scenes carry production positions (scene
        number, page, line on the page; see :func:`continuity.reports.positions.locate`).

    Raises:
        InputError: an unknown check name.
    """
    from continuity.audit import run
    from continuity.bible.story_days import story_days_beside
    from continuity.reports.positions import locate

    settings = settings or Settings.load()
    if story_days is None:
        story_days = story_days_beside(script.source if script.source and Path(script.source).is_file() else None)
    report = run(
        script,
        bible,
        embedder=make_embedder(settings.embedder, settings.model_dir, settings.embed_precision),
        cache_dir=settings.cache_dir if settings.cache else None,
        checks=checks,
        bible_source=str(bible_source) if bible_source else None,
        progress=progress,
        story_days=story_days,
    )
    return locate(report, script)


def load_season(paths: list[str | Path]):
    """The season that paths name: one ``series.yaml``, one folder, or the episodes in story order.

    Returns:
        A :class:`continuity.season.manifest.SeasonSpec`.

    Raises:
        InputError: nothing named, a missing file, or an invalid manifest (file, line and key).
    """
    from continuity.season.manifest import season_of

    return season_of([Path(p) for p in paths])


def make_engine(settings: Settings | None = None, *, workers: int | None = 1, ray_address: str | None = None):
    """Where a season's or a library's work runs: this process, local processes, or a Ray cluster.

    Args:
        settings: what the workers use; default :meth:`Settings.load`.
        workers: local processes (1: this process; None: one per core).
        ray_address: a Ray cluster's address (``auto``, ``host:port``, ``ray://host:port``,
            or ``local`` for a Ray instance on this machine). Ray is imported only then.

    Raises:
        InputError: Ray is not installed, or the cluster cannot be reached.
    """
    settings = settings or Settings.load()
    if ray_address:
        from continuity.season.ray_engine import RayEngine

        return RayEngine(settings, ray_address)
    from continuity.season.engine import LocalEngine

    return LocalEngine(settings, workers)


def audit_season(
    season,
    bible: Bible | None = None,
    *,
    settings: Settings | None = None,
    checks: list[str] | None = None,
    bible_source: str | Path | None = None,
    engine=None,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Audit a season's episodes as one story against one series bible.

    Every check runs across episode boundaries in story order: looks, props, names
    and places carry over; wardrobe and time of day start afresh with each episode
    unless the manifest says it continues the last. Findings name their episode and
    that episode's own scene, line and page; so does their evidence.

    Args:
        season: a :class:`continuity.season.manifest.SeasonSpec` (see :func:`load_season`).
        bible: the series bible; None reads canon from the episodes' own first descriptions.
        settings: embedder and caches; default :meth:`Settings.load`.
        checks: run only these checks.
        bible_source: the bible's path, shown in reports.
        engine: where the per-episode work runs (see :func:`make_engine`; default this process).
        progress: optional ``callback(done, total)`` after each episode (and the cross-episode pass).

    Returns:
        The season report: :attr:`Report.episodes` set, each finding with ``episode``.

    Raises:
        StudioError: an episode cannot be read, or an unknown check.
    """
    from continuity.season.engine import audit_season as run_season

    return run_season(season, bible, settings=settings, checks=checks,
                      bible_source=str(bible_source) if bible_source else None, engine=engine, progress=progress)


def script_costumes(script: Script, bible: Bible | None = None, *, settings: Settings | None = None):
    """What the script says each character wears, per stretch of scenes, for drawing storyboards.

    Reads the script as an audit does (sentences, owners, parses) and returns the
    costume timeline as :class:`continuity.visual.identity.ScriptCostumes`, for
    :func:`continuity.visual.identity.identity_for`.
    """
    from continuity.story.context import context_for
    from continuity.visual.identity import costumes_from_story

    return costumes_from_story(context_for(script, bible, settings=settings))


def load_script(path: str | Path) -> Script:
    """Read a screenplay file: Fountain, Final Draft (.fdx) or PDF.

    PDF is chosen by the ``.pdf`` extension or, for any other name, by content
    (the file starts with ``%PDF-``); see :mod:`continuity.screenplay.readers.pdf`. Everything
    else is parsed as :func:`continuity.screenplay.io.load_script` does (Fountain or FDX, by
    extension or content).

    Raises:
        InputError: missing, unreadable, binary, a PDF without a text layer...
        ParseError: malformed FDX, or a script with nothing in it.
    """
    from continuity.screenplay import io

    data = io.read_bytes(path)
    if Path(path).suffix.lower() in PDF_SUFFIXES or data.startswith(b"%PDF-"):
        return _load_pdf(data, str(path))
    return io.parse_bytes(data, str(path))


#: Output extensions and the format each writes.
SAVE_FORMATS = {".fountain": "fountain", ".spmd": "fountain", ".txt": "fountain", ".fdx": "fdx", ".pdf": "pdf"}


def save_script(script: Script, path: str | Path) -> str:
    """Write ``script`` in the format its extension names: Fountain, FDX or PDF.

    Returns:
        The format written (``"fountain"``, ``"fdx"`` or ``"pdf"``).

    Raises:
        InputError: an extension that names no screenplay format (nothing is
            written), or the file cannot be written.
    """
    from continuity.screenplay import io

    p = Path(path)
    fmt = SAVE_FORMATS.get(p.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(SAVE_FORMATS))
        what = f"extension {p.suffix!r}" if p.suffix else "no extension"
        raise InputError(f"{path}: {what} names no screenplay format; use one of {known}")
    if fmt != "pdf":
        io.save_script(script, p)
        return fmt
    from continuity.screenplay.writers import pdf

    try:
        with open(p, "wb") as out:
            pdf.write(script, out)
    except OSError as exc:
        raise InputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    return fmt


def _load_pdf(data: bytes, source: str) -> Script:
    from continuity.screenplay.readers import pdf

    if not pdf.is_pdf(data):
        raise InputError(f"{source}: not a PDF file (it does not start with %PDF-)")
    script = pdf.parse(data, source=source)
    if not script.scenes and not script.preamble:
        raise ParseError(f"{source}: empty script (no scene headings and no other elements)")
    return script


def parse_script_text(text: str, fmt: str = "fountain", *, source: str = "<text>") -> Script:
    """Parse screenplay text that is not in a file (Fountain or Final Draft XML).

    Args:
        text: the screenplay.
        fmt: ``"fountain"`` or ``"fdx"``.
        source: what reports call it (``Script.source``).

    Raises:
        InputError: an unknown ``fmt``.
        ParseError: malformed FDX, or text with nothing in it.
    """
    from continuity.screenplay.readers import fdx, fountain

    if fmt not in SCRIPT_FORMATS:
        raise InputError(f"unknown script format {fmt!r}: use 'fountain' or 'fdx'")
    script = fdx.parse(text, source=source) if fmt == "fdx" else fountain.parse(text, source=source)
    if not script.scenes and not script.preamble:
        raise ParseError(f"{source}: empty script (no scene headings and no other elements)")
    return script


def check_passage(
    text: str,
    bible: Bible | None = None,
    *,
    script: Script | None = None,
    settings: Settings | None = None,
    checks: list[str] | None = None,
) -> list[Finding]:
    """Check a new scene or paragraph against the bible and the script so far.

    The passage (Fountain) is appended to ``script``: its scenes are numbered after
    the script's, and text before its first scene heading (or all of it, when it
    has none) continues the script's last scene, inheriting its place and time.
    Without a script (or one with no scenes), such text forms one scene headed
    ``UNPLACED PASSAGE``, with no time of day. The combined script is audited and
    only the findings located in the passage are returned, so a writer agent
    learns what its new text contradicts; their evidence may be in the script.

    Lines continue the script's numbering as if the passage were appended to its
    file after one blank line: passage line ``k`` is ``last script line + 1 + k``.
    Each returned finding also carries ``passage_line`` (``k``, 1-based in
    ``text``) in ``to_dict()``. Without a script the two are equal.

    Args:
        text: Fountain text: one or more scenes, or paragraphs of one.
        bible: the canon; None takes the script's (and passage's) first
            descriptions as canon, as :func:`audit` does.
        script: the script so far, or None.
        settings: cache folder and embedder; default :meth:`Settings.load`.
        checks: run only these checks.

    Raises:
        InputError: an empty passage, or an unknown check name.
    """
    from continuity.screenplay.readers import fountain

    if not text.strip():
        raise InputError("the passage is empty")
    # A leading blank line keeps a first line like "Mara turns: nothing." from
    # being read as a title page, and lets a cue or heading open the passage.
    passage = fountain.parse("\n" + text, source="<passage>")
    if not passage.scenes and not passage.preamble:
        raise InputError("the passage has no screenplay text (only notes or boneyard?)")
    base = script or Script(source="<passage>")
    last = _last_line(base)
    offset = last + 1 if last else 0  # the blank line between script and passage
    shift = offset - 1  # the parse above numbered the passage from line 2

    def moved(els: tuple[Element, ...]) -> tuple[Element, ...]:
        return tuple(replace(e, line=e.line + shift) for e in els)

    scenes = list(base.scenes)
    if passage.preamble:
        if scenes:
            tail = scenes[-1]
            scenes[-1] = replace(tail, elements=tail.elements + moved(passage.preamble))
        else:
            els = moved(passage.preamble)
            scenes.append(Scene(1, UNPLACED_HEADING, els[0].line, els))
    for sc in passage.scenes:
        scenes.append(Scene(len(scenes) + 1, sc.heading, sc.line + shift, moved(sc.elements)))
    combined = replace(base, scenes=tuple(scenes))
    report = audit(combined, bible, settings=settings, checks=checks)
    return [
        replace(f, extra=(*f.extra, ("passage_line", f.line - offset)))
        for f in report.findings
        if f.line > offset
    ]


def findings_to_dict(findings: Iterable[Finding]) -> dict[str, Any]:
    """``{"summary": {"error": n, "warning": n, "info": n}, "findings": [...]}``.

    The JSON shape of :func:`check_passage`'s result that the MCP server and the
    CrewAI tools both return; each finding is :meth:`Finding.to_dict`.
    """
    items = list(findings)
    return {
        "summary": {s: sum(1 for f in items if f.severity == s) for s in SEVERITIES},
        "findings": [f.to_dict() for f in items],
    }


def _last_line(script: Script) -> int:
    lines = [0]
    lines.extend(e.line for e in script.preamble)
    for sc in script.scenes:
        lines.append(sc.line)
        lines.extend(e.line for e in sc.elements)
    return max(lines)


def bible_lookup(bible: Bible, name: str) -> dict[str, Any]:
    """Everything the bible says about a character, location or prop.

    ``name`` matches a name or alias in any case (characters first, then
    locations, then props).

    Returns:
        ``{"kind", "name", "aliases", "description", "attributes", "notes", "facts"}``
        where ``facts`` lists ``{"path", "attribute", "value", "sentence"}`` (the
        paths findings cite); characters add ``wardrobe`` (``{"item", "scenes",
        "when", "notes"}``), ``introduced_scene`` and ``introduced_line``;
        locations add ``part_of`` (enclosing bible locations, whose canon applies).

    Raises:
        InputError: an empty name, or no entry by that name (the message lists
            close names).
    """
    key = " ".join(name.split())
    if not key:
        raise InputError("empty name: give a character, location or prop name")
    entry: Character | Location | Prop | None = bible.character(key) or bible.location(key) or bible.prop(key)
    if entry is None:
        known = [n for e in (*bible.characters, *bible.locations, *bible.props) for n in (e.name, *e.aliases)]
        by_lower = {n.lower(): n for n in known}
        close = [by_lower[m] for m in difflib.get_close_matches(key.lower(), list(by_lower), n=5, cutoff=0.6)]
        hint = f"; did you mean {', '.join(close)}?" if close else (
            "; the bible is empty" if not known else f"; known: {', '.join(known[:20])}"
        )
        raise InputError(f"no character, location or prop named {key!r} in the bible{hint}")
    kind = "character" if isinstance(entry, Character) else "location" if isinstance(entry, Location) else "prop"
    out: dict[str, Any] = {
        "kind": kind,
        "name": entry.name,
        "aliases": list(entry.aliases),
        "description": entry.description,
        "attributes": dict(entry.attributes),
        "notes": entry.notes,
    }
    if isinstance(entry, Character):
        out["wardrobe"] = [
            {"item": w.item, "scenes": str(w.scenes), "when": w.scenes.describe(), "notes": w.notes}
            for w in entry.wardrobe
        ]
        out["introduced_scene"] = entry.introduced_scene
        out["introduced_line"] = entry.introduced_line
    elif isinstance(entry, Location):
        out["part_of"] = [loc.name for loc in bible.locations_for(entry.name) if loc.name != entry.name]
    out["facts"] = [
        {"path": f.path, "attribute": f.attribute, "value": f.value, "sentence": f.sentence}
        for f in bible.facts()
        if f.kind == kind and f.subject == entry.name
    ]
    return out
