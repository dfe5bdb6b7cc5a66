"""Hand-overs: a character wearing or using a thing they handed to someone else earlier the same story day
(or any day before, for a gift or a keepsake).

Reads :class:`continuity.story.holders.Holders`. A garment or an accessory (jewellery,
glasses) is the wardrobe's (category ``wardrobe``), anything else a prop's (category
``prop``); the evidence is the hand-over line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from continuity.checks.findings import Evidence, Finding
from continuity.language.traits import GARMENT_WORDS
from continuity.story.context import Context
from continuity.story.dress import ACCESSORIES, ITEMS
from continuity.story.holders import Holders


def check(ctx: Context) -> Iterator[Finding]:
    """Yield hand-over findings."""
    for m in Holders.of(ctx).misheld:
        h = m.handover
        garment = m.thing in GARMENT_WORDS.values() or m.thing in GARMENT_WORDS or m.thing in ACCESSORIES
        yield Finding(
            category="wardrobe" if garment else "prop", severity="error",
            scene=m.sentence.scene, line=m.sentence.line,
            message=f"{m.character} has the {_noun(m)} here ({m.words!r}), but {m.character} gave it to {h.taker} "
                    f"in scene {ctx.scene_number(h.sentence.scene)} ({h.words!r})",
            text=m.sentence.text, character=m.character, subject=f"{m.character}.{m.thing}",
            evidence=(Evidence(h.sentence.text, line=h.sentence.line, scene=h.sentence.scene),),
            extra=(("attribute", "holder"), ("value", m.character), ("expected", h.taker)),
        )


def garments(ctx: Context) -> Iterator[Finding]:
    return (f for f in check(ctx) if f.category == "wardrobe")


def things(ctx: Context) -> Iterator[Finding]:
    return (f for f in check(ctx) if f.category == "prop")


def _noun(m) -> str:
    """The thing as the line names it ("cardigan"), when its word is one kind of the tracked thing ("sweater")."""
    words = re.findall(r"[a-z]+", m.words.lower())
    return next((w for w in reversed(words) if ITEMS.get(w) == m.thing), m.thing)
