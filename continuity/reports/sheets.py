"""Continuity sheets: per character, looks and wardrobe by scene with costume changes; per prop, its story.

The script supervisor's classic report, built from the audit's own reading of the
script (:class:`continuity.story.context.Context`), so a sheet and an audit never disagree
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
  more scenes (:mod:`continuity.story.props`): where each is seen, used, handed
  over, lost, destroyed, recovered.

Scene numbers are the script's own (else the index) and pages come from
:mod:`continuity.screenplay.pages`, as in the audit's production positions.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from continuity.story.costume import (
    Costume,
    CostumeTimeline,
    Look,
    _continuous,
    costume_timeline,
    looks_by_character,
)
from continuity.story.props import PropSheet, prop_sheets

if TYPE_CHECKING:
    from continuity.story.context import Context

log = logging.getLogger(__name__)


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
    story_day: str | None  # "D3", "N3", "FB2"
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


def build_sheets(ctx: Context, *, bible_source: str | None = None) -> Sheets:
    """The continuity sheets of ``ctx``'s script (see the module docstring)."""
    from continuity.screenplay.pages import pagination
    from continuity.story.breakdown import one_liner

    script = ctx.script
    pages = pagination(script)
    rows = one_liner(script, pages=pages, story=ctx.story, presence=ctx.presence)
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


# -- costume changes -----------------------------------------------------------------------


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
    da, db = ctx.day_key(a), ctx.day_key(b)
    return da is not None and da == db and ctx.period(a) == ctx.period(b)


__all__ = ["SceneEntry", "CharacterSheet", "Sheets", "build_sheets"]
