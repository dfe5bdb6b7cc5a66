"""Wardrobe taken off: a garment a character took off (or hung up) and is then wearing, with no time passing.

Reads the dress events of :class:`continuity.story.dress.Dress`. Within one scene
or a span of scenes linked by CONTINUOUS/SAME, a garment that came off ("shrugs the
sodden coat off", "drapes the flannel over the radiator") is not on again until a
line puts it on ("pulls the coat back on", "shrugs into it"). A line that has the
character wearing it before then ("climbs in, her turnout coat still buckled to the
chin") is flagged, with the line it came off in as evidence. Another garment of that
kind in another colour is another garment (the colour checks read it); accessories
(glasses, rings, a watch) are left out: writers put them back on without a word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from continuity.checks.findings import Evidence, Finding
from continuity.language.lexicon import COLOUR_GROUP, GARMENTS
from continuity.story.context import Context
from continuity.story.dress import ITEMS, Dress, DressEvent
from continuity.story.holders import Holders

#: Parts and bits of a garment: a hood pulled down is not the jacket taken off.
_NOT_WHOLE = frozenset({"hood", "sleeve", "sleeves", "collar", "gloves", "mittens", "boots", "shoes", "socks", "sock",
                        "hat", "cap", "beanie", "helmet", "scarf", "tie", "apron"})


def check(ctx: Context) -> Iterator[Finding]:
    """Yield a finding for each garment worn again in continuous time after it came off."""
    off: dict[tuple[str, str], DressEvent] = {}
    swapped: dict[tuple[str, str], tuple[DressEvent, DressEvent]] = {}  # taken off, and another put on for it
    for e in Dress.of(ctx).events:
        if e.kind == "state" or ctx.is_flashback(e.scene):
            continue
        word = e.item.split()[-1]
        kind = GARMENTS.get(word)
        if kind is None or word in _NOT_WHOLE:
            continue
        key = (e.character, kind)
        if e.kind == "on":
            was = off.pop(key, None)
            if was is not None and _colours(was.words) and _colours(e.words) and not _same_one(was, e):
                swapped[key] = (was, e)  # "Then the white T-shirt, wrung and dropped. He pulls on the black one."
            elif key in swapped and _same_one(swapped[key][0], e):
                del swapped[key]  # the old one back on
        elif e.kind == "off":
            off[key] = e
        elif e.kind == "wears":
            was = off.get(key)
            if was is None and key in swapped:
                old, new = swapped[key]
                if ctx.day_key(old.scene) != ctx.day_key(e.scene) or _same_one(new, e):
                    continue
                if _colours(e.words) & _colours(old.words):
                    del swapped[key]
                    yield _finding(ctx, e, old, word, kind,
                                   f"in scene {ctx.scene_number(old.scene)}, and put on {new.words.split(' on ', 1)[-1]!r} "
                                   f"for it the same day")
                continue
            if was is None or ctx.spans[was.scene - 1] != ctx.spans[e.scene - 1] or not _same_one(was, e):
                continue
            if _handed_over(ctx, was, e, kind):
                continue  # given to someone in between: the hand-overs' finding (checks.handover)
            off.pop(key)
            where = "in this scene" if was.scene == e.scene else \
                f"in scene {ctx.scene_number(was.scene)}, with no time passing since"
            yield _finding(ctx, e, was, word, kind, where)


def _finding(ctx: Context, e: DressEvent, was: DressEvent, word: str, kind: str, where: str) -> Finding:
    return Finding(
        category="wardrobe", severity="error", scene=e.scene, line=e.sentence.line,
        message=(f"{e.character} wears the {word} here ({e.words!r}), but took it off ({was.words!r}) "
                 f"{where}, and has not put it back on"),
        text=e.sentence.text, character=e.character, subject=f"{e.character}.garment:{kind}",
        evidence=(Evidence(was.sentence.text, line=was.sentence.line, scene=was.scene),),
        extra=(("attribute", f"garment:{kind}"), ("value", "on"), ("expected", "off")),
    )


def _handed_over(ctx: Context, was: DressEvent, now: DressEvent, kind: str) -> bool:
    return any(h.giver == was.character and was.sentence.id <= h.sentence.id <= now.sentence.id and
               GARMENTS.get(h.thing, ITEMS.get(h.thing, h.thing)) in (kind, h.thing) for h in Holders.of(ctx).handovers)


def _colours(words: str) -> set[str]:
    return {COLOUR_GROUP[w] for w in re.findall(r"[a-z]+", words.lower()) if w in COLOUR_GROUP}


def _same_one(was: DressEvent, now: DressEvent) -> bool:
    """Whether the garment worn can be the one taken off: no colour said of either, or a colour in common."""
    a, b = _colours(was.words) | _colours(was.item), _colours(now.words) | _colours(now.item)
    return not a or not b or bool(a & b)
