"""Continuity sheets: per character, looks and wardrobe by scene with costume changes; per prop, its story.

The script supervisor's classic report, built from the audit's own reading of the
script (:class:`continuity.audit.Context`), so a sheet and an audit never disagree
about who wears what:

- **Looks and wardrobe** are the context's observations (appearance values and
  coloured garments, each with the character it was resolved to).
- **Costume changes** are numbered per character in script order. A costume starts
  with the first garment stated; a new one starts when the text announces a change
  ("puts on", "changes into", "now"), or when a garment of the same slot (outer
  wear, top, legs...) is stated with another colour or kind outside the continuous
  span it was seen in. The same change inside a continuous span, unannounced, is
  not a costume change but a continuity error: the row says so (the wardrobe check
  reports it). Going back to an earlier costume's garment reuses its number.
- **Props** are the bible's props plus the objects characters act on in two or
  more scenes (:mod:`continuity.prop_story`): where each is seen, used, handed
  over, lost, destroyed, recovered.

Scene numbers are the script's own (else the index) and pages come from
:mod:`continuity.pages`, as in the audit's production positions.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from continuity.prop_story import PropSheet, Where, prop_sheets

if TYPE_CHECKING:
    from continuity.audit import Context
    from continuity.bible import Bible
    from continuity.model import Script
    from continuity.settings import Settings
    from continuity.text import Observation

log = logging.getLogger(__name__)

#: Garment kinds (``continuity.lexicon.GARMENTS`` values) worn one at a time: another colour or kind is a change.
SLOTS = {"coat": "outer", "jacket": "outer", "sweater": "top", "shirt": "top", "dress": "body", "suit": "body",
         "trousers": "legs", "skirt": "legs"}


@dataclass(frozen=True)
class Look:
    """An appearance value or a garment stated about a character.

    Attributes:
        attribute: ``hair``, ``eyes``, ``age``... or ``garment:<kind>``.
        value: the canonical value (a colour group for a garment).
        words: the writer's words (``green oilskin coat``).
        text: the sentence.
        where: scene, scene number, page, line.
        announced: the sentence announces a change ("puts on", "now"...).
        sentence: the sentence's id in the context (not in the JSON).
    """

    attribute: str
    value: str
    words: str
    text: str
    where: Where
    announced: bool
    sentence: int = -1

    @property
    def kind(self) -> str | None:
        """The garment kind, or None for an appearance value."""
        return self.attribute.split(":", 1)[1] if self.attribute.startswith("garment:") else None

    def to_dict(self) -> dict[str, Any]:
        """JSON form (stable keys)."""
        return {"attribute": self.attribute, "value": self.value, "words": self.words, **self.where.to_dict(),
                "announced": self.announced, "text": self.text}


@dataclass(frozen=True)
class Costume:
    """A numbered costume change.

    Attributes:
        change: its number (1, 2...).
        where: where it first starts.
        reason: why it is a new costume, in words.
        garments: the writer's words for what is seen worn in it, in order.
        scenes: scenes it is worn in (seen, or carried on within the story day).
    """

    change: int
    where: Where
    reason: str
    garments: tuple[str, ...]
    scenes: tuple[int, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON form (stable keys)."""
        return {"change": self.change, **self.where.to_dict(), "reason": self.reason,
                "garments": list(self.garments), "scenes": list(self.scenes)}


@dataclass(frozen=True)
class SceneEntry:
    """One row of a character's sheet: a scene they are in.

    Attributes:
        costume: the costume change in effect, or None when no garment is known yet.
        costume_seen: whether a garment of that costume is stated in this scene (else
            it is carried on from earlier in the same story day).
        notes: costume changes and unannounced wardrobe changes, in words.
    """

    scene: int
    scene_number: str
    page: str | None
    heading: str
    story_day: int | None
    costume: int | None
    costume_seen: bool
    looks: tuple[Look, ...] = ()
    wardrobe: tuple[Look, ...] = ()
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON form (stable keys)."""
        return {"scene": self.scene, "scene_number": self.scene_number, "page": self.page, "heading": self.heading,
                "story_day": self.story_day, "costume": self.costume, "costume_seen": self.costume_seen,
                "looks": [x.to_dict() for x in self.looks], "wardrobe": [x.to_dict() for x in self.wardrobe],
                "notes": list(self.notes)}


@dataclass(frozen=True)
class CharacterSheet:
    """A character's continuity sheet: canon, costume changes, and every scene they are in."""

    name: str
    canon: tuple[tuple[str, str], ...]
    canon_wardrobe: tuple[tuple[str, str], ...]
    costumes: tuple[Costume, ...]
    scenes: tuple[SceneEntry, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON form (stable keys)."""
        return {"name": self.name, "canon": dict(self.canon),
                "canon_wardrobe": [{"item": i, "scenes": s} for i, s in self.canon_wardrobe],
                "costumes": [c.to_dict() for c in self.costumes], "scenes": [e.to_dict() for e in self.scenes]}


@dataclass(frozen=True)
class Sheets:
    """Every character's and every tracked prop's sheet for one script."""

    script: str
    format: str
    bible: str | None
    scene_count: int
    characters: tuple[CharacterSheet, ...]
    props: tuple[PropSheet, ...]

    def to_dict(self) -> dict[str, Any]:
        """The JSON of ``studio sheets --json`` (stable keys)."""
        return {"script": self.script, "format": self.format, "bible": self.bible, "scenes": self.scene_count,
                "characters": [c.to_dict() for c in self.characters], "props": [p.to_dict() for p in self.props]}


def context_for(script: Script, bible: Bible | None = None, *, settings: Settings | None = None,
                explicit: bool | None = None) -> Context:
    """The audit's reading of ``script`` (as :func:`continuity.audit.run` builds it), for sheets and extraction.

    Args:
        script: the parsed screenplay.
        bible: the canon; None uses the script's own first descriptions, as the audit does.
        settings: embedder and cache folder; default :meth:`Settings.load`.
        explicit: whether ``bible`` is a user's bible (default: when one is given).
    """
    from continuity.audit import Context
    from continuity.embedding import Collection, make_embedder
    from continuity.extract import extract_bible
    from continuity.parse import Parser
    from continuity.settings import Settings

    settings = settings or Settings.load()
    cache = settings.cache_dir if settings.cache else None
    if explicit is None:
        explicit = bible is not None
    return Context(script, bible if bible is not None else extract_bible(script), explicit,
                   Collection(make_embedder(settings.embedder, settings.model_dir), cache), parser=Parser(cache))


def build_sheets(ctx: Context, *, bible_source: str | None = None) -> Sheets:
    """The continuity sheets of ``ctx``'s script (see the module docstring)."""
    from continuity.breakdown import one_liner
    from continuity.pages import pagination

    script = ctx.script
    pages = pagination(script)
    rows = one_liner(script, pages=pages)
    looks = looks_by_character(ctx, pages)
    present: dict[str, set[int]] = defaultdict(set)
    for r in rows:
        for name in r.cast:
            present[name].add(r.scene.index)
    for name, items in looks.items():
        present[name].update(x.where.scene for x in items)
    order = _first_seen(present, looks)
    sheets = []
    for name in order:
        timeline = costume_timeline(ctx, looks.get(name, []))
        sheets.append(_character_sheet(ctx, name, rows, present[name], looks.get(name, []), timeline))
    return Sheets(script.source, script.format, bible_source, len(script.scenes), tuple(sheets),
                  tuple(prop_sheets(ctx, pages)))


def looks_by_character(ctx: Context, pages=None) -> dict[str, list[Look]]:
    """The context's observations as :class:`Look` rows, per character, in script order."""
    from continuity.prop_story import where

    if pages is None:
        from continuity.pages import pagination

        pages = pagination(ctx.script)
    out: dict[str, list[Look]] = defaultdict(list)
    for obs in ctx.observations:
        if obs.sentence.scene <= 0:
            continue
        out[obs.character].append(_look(ctx, obs, pages, where))
    return dict(out)


def _look(ctx: Context, obs: Observation, pages, where) -> Look:
    return Look(obs.attribute, obs.value, obs.words, obs.sentence.text, where(ctx, obs.sentence, pages), obs.change,
                obs.sentence.id)


# -- costume changes -----------------------------------------------------------------------


@dataclass
class _Worn:
    """A costume while it is being read: its number and what is seen in it."""

    change: int
    where: Where
    reason: str
    sentence: int
    slots: dict[str, Look] = field(default_factory=dict)
    garments: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class CostumeTimeline:
    """A character's costumes and, per garment look, the costume it belongs to.

    Attributes:
        costumes: the numbered changes, in order of first wearing.
        switches: ``(scene, change, reason)`` each time the costume in effect changes, in order.
        of_look: per garment look (by identity), its costume number.
        notes: per look, an unannounced change the wardrobe check reports.
    """

    costumes: tuple[Costume, ...]
    switches: tuple[tuple[int, int, str], ...]
    of_look: dict[int, int]
    notes: dict[int, str]


def costume_timeline(ctx: Context, looks: list[Look]) -> CostumeTimeline:
    """Number a character's costume changes from their garment looks (see the module docstring)."""
    worn: list[_Worn] = []
    current: _Worn | None = None
    switches: list[tuple[int, int, str]] = []
    of_look: dict[int, int] = {}
    notes: dict[int, str] = {}
    scenes: dict[int, set[int]] = defaultdict(set)
    last: dict[str, Look] = {}  # the last garment seen in each slot, in any costume
    for g in (x for x in looks if x.kind):
        slot = SLOTS.get(g.kind, g.kind)
        if current is None:
            current = _start(worn, g, "first costume seen", switches)
        else:
            before = current.slots.get(slot) or last.get(slot)
            same = before is not None and _same(before, g)
            if g.announced and not same and g.sentence != current.sentence:
                current = _switch(worn, g, slot, f"the script announces a change: {g.words}", switches)
            elif before is not None and not same:
                if not g.announced and _continuous(ctx, before.where.scene, g.where.scene):
                    notes[id(g)] = (f"{g.words} here but {before.words} in scene {before.where.scene_number} with no "
                                    f"change announced: a continuity error, not a costume change")
                else:
                    current = _switch(worn, g, slot, f"{before.words} becomes {g.words}", switches)
        if id(g) not in notes:
            last[slot] = g
            current.slots[slot] = g
            if g.words not in current.garments:
                current.garments.append(g.words)
        of_look[id(g)] = current.change
        scenes[current.change].add(g.where.scene)
    costumes = tuple(
        Costume(w.change, w.where, w.reason, tuple(w.garments), tuple(sorted(scenes[w.change])))
        for w in worn
    )
    return CostumeTimeline(costumes, tuple(switches), of_look, notes)


def _same(a: Look, b: Look) -> bool:
    return a.kind == b.kind and a.value == b.value


def _start(worn: list[_Worn], g: Look, reason: str, switches: list[tuple[int, int, str]]) -> _Worn:
    w = _Worn(len(worn) + 1, g.where, reason, g.sentence)
    worn.append(w)
    switches.append((g.where.scene, w.change, reason))
    return w


def _switch(worn: list[_Worn], g: Look, slot: str, reason: str, switches: list[tuple[int, int, str]]) -> _Worn:
    """A new costume from ``g`` on, or an earlier one again when ``g`` was seen in it."""
    for w in worn:
        if slot in w.slots and _same(w.slots[slot], g):
            switches.append((g.where.scene, w.change, f"back in Change {w.change} ({g.words})"))
            w.sentence = g.sentence
            return w
    return _start(worn, g, reason, switches)


def _continuous(ctx: Context, a: int, b: int) -> bool:
    """Whether scenes ``a`` and ``b`` are one continuous span of story time."""
    if a == b:
        return True
    if a < 1 or b < 1:
        return False
    return ctx.spans[a - 1] == ctx.spans[b - 1]


def in_effect(timeline: CostumeTimeline, scene: int) -> int | None:
    """The costume number in effect at the start of ``scene`` (after its own first switch, if any)."""
    change = None
    for s, c, _ in timeline.switches:
        if s > scene:
            break
        change = c
    return change


def costume_ranges(timeline: CostumeTimeline, looks: list[Look]) -> list[tuple[str, list[tuple[int, int | None]]]]:
    """Wardrobe by scene range: each garment and the spans of the costume stretches it is seen in.

    A stretch runs from one costume switch to the scene before the next; the last one
    is open-ended. A look that is an unannounced change (a continuity error) is left out.
    Returns ``(item, spans)`` in order of first sight, ``item`` in the writer's most
    frequent words for that colour and kind.
    """
    stretches = []
    for k, (scene, change, _) in enumerate(timeline.switches):
        end = timeline.switches[k + 1][0] - 1 if k + 1 < len(timeline.switches) else None
        if end is not None and end < scene:
            end = scene  # two switches in one scene: the stretch is that scene
        stretches.append((scene, end, change))
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for g in (x for x in looks if x.kind and id(x) not in timeline.notes):
        key = (g.kind, g.value)
        entry = found.setdefault(key, {"words": defaultdict(int), "spans": []})
        entry["words"][g.words.lower()] += 1
        for start, end, change in stretches:
            if change == timeline.of_look.get(id(g)) and start <= g.where.scene and (end is None or g.where.scene <= end):
                if (start, end) not in entry["spans"]:
                    entry["spans"].append((start, end))
                break
    out = []
    for entry in found.values():
        words = max(entry["words"].items(), key=lambda kv: (kv[1], len(kv[0])))[0]
        if entry["spans"]:
            out.append((words, entry["spans"]))
    return out


# -- per character --------------------------------------------------------------------------


def _first_seen(present: dict[str, set[int]], looks: dict[str, list[Look]]) -> list[str]:
    def key(name: str) -> tuple[int, int, str]:
        first_look = min((x.where.line for x in looks.get(name, [])), default=10**9)
        return (min(present[name], default=10**9), first_look, name)

    return sorted((n for n in present if present[n]), key=key)


def _character_sheet(ctx: Context, name: str, rows, scenes: set[int], looks: list[Look],
                     timeline: CostumeTimeline) -> CharacterSheet:
    bible_name = next((b for b, cue in ctx.cue_of.items() if cue == name), name)
    ch = ctx.bible.character(bible_name)
    canon = tuple(sorted(ch.attributes.items())) if ch else ()
    canon_wardrobe = tuple((w.item, str(w.scenes)) for w in ch.wardrobe) if ch else ()
    by_scene: dict[int, list[Look]] = defaultdict(list)
    for x in looks:
        by_scene[x.where.scene].append(x)
    entries = []
    last_seen: tuple[int, int] | None = None  # (scene, change) of the last garment seen
    carried: dict[int, set[int]] = defaultdict(set)
    for r in rows:
        index = r.scene.index
        if index not in scenes:
            continue
        here = by_scene.get(index, [])
        garments = [x for x in here if x.kind]
        seen = [timeline.of_look[id(g)] for g in garments if id(g) in timeline.of_look]
        change, costume_seen = (seen[-1], True) if seen else (None, False)
        if change is None and last_seen is not None and _same_day(ctx, last_seen[0], index):
            change = last_seen[1]
            carried[change].add(index)
        notes = [f"Change {c}: {why}" if not why.startswith("back") else why[0].upper() + why[1:]
                 for s, c, why in timeline.switches if s == index and (c > 1 or why.startswith("back"))]
        notes += [timeline.notes[id(g)] for g in garments if id(g) in timeline.notes]
        if seen:
            last_seen = (index, seen[-1])
        entries.append(SceneEntry(
            index, r.number, r.page, r.scene.heading.text, r.story_day, change, costume_seen,
            tuple(x for x in here if not x.kind), tuple(garments), tuple(notes),
        ))
    costumes = tuple(
        Costume(c.change, c.where, c.reason, c.garments, tuple(sorted(set(c.scenes) | carried[c.change])))
        for c in timeline.costumes
    )
    return CharacterSheet(name, canon, canon_wardrobe, costumes, tuple(entries))


def _same_day(ctx: Context, a: int, b: int) -> bool:
    """Whether a costume seen in scene ``a`` is still worn in scene ``b``: same story day and period."""
    if _continuous(ctx, a, b):
        return True
    da, db = ctx.story_days[a - 1], ctx.story_days[b - 1]
    return da is not None and da == db and ctx.period(a) == ctx.period(b)


__all__ = [
    "SLOTS", "Look", "Costume", "SceneEntry", "CharacterSheet", "Sheets", "CostumeTimeline", "context_for",
    "build_sheets", "looks_by_character", "costume_timeline", "costume_ranges", "in_effect",
]
