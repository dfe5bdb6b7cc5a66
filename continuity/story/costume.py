"""Looks and costumes over the script: what each character is seen with, and when a costume changes.

- **Looks and wardrobe** are the context's observations (appearance values and
  coloured garments, each with the character it was resolved to), as :class:`Look`.
- **Costume changes** are numbered per character in script order. A costume starts
  with the first garment stated; a new one starts when the text announces a change
  ("puts on", "changes into", "now"), or when a garment of the same slot (outer
  wear, top, legs...) is stated with another colour or kind outside the continuous
  span it was seen in. The same change inside a continuous span, unannounced, is
  not a costume change but a continuity error (the wardrobe check reports it).
  Going back to an earlier costume's garment reuses its number.

The sheets (:mod:`continuity.reports.sheets`) and bible extraction
(:mod:`continuity.story.canon`) both read costumes from here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from continuity.story.props import Where

if TYPE_CHECKING:
    from continuity.story.context import Context
    from continuity.story.sentences import Observation


#: Garment kinds (``continuity.language.lexicon.GARMENTS`` values) worn one at a time: another colour or kind is a change.
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


def looks_by_character(ctx: Context, pages=None) -> dict[str, list[Look]]:
    """The context's observations as :class:`Look` rows, per character, in script order."""
    from continuity.story.props import where

    if pages is None:
        from continuity.screenplay.pages import pagination

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


__all__ = [
    "SLOTS", "Look", "Costume", "CostumeTimeline", "looks_by_character", "costume_timeline", "costume_ranges",
    "in_effect",
]
