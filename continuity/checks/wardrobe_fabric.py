"""Wardrobe by what it is made of: a leather jacket in the bible is not a denim jacket on the page.

Part of the wardrobe check (:mod:`continuity.checks.wardrobe`), read the same way
as colours: against the bible, a garment is flagged only when every garment of
that kind the bible gives the character for the scene (any look) names a fabric,
and none can be the one written; within a scene or a continuous span, the same
kind of garment on the same character keeps its fabric. A sentence that changes
clothes (:data:`continuity.story.sentences.CHANGE_RE`), a flashback and a look
put on for the scene are canon.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from continuity.bible.model import SceneRange
from continuity.checks.findings import Evidence, Finding
from continuity.language.fabrics import FABRICS, fabrics_conflict, garments_made
from continuity.story.context import Context
from continuity.story.sentences import CHANGE_RE

_FABRIC_GATE = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, FABRICS), key=len, reverse=True)) + r"|jeans)\b",
                          re.IGNORECASE)


@dataclass(frozen=True)
class _Listed:
    character: str
    kind: str
    fabric: str | None
    words: str
    scenes: SceneRange
    look: str | None
    text: str
    path: str


def _bible(ctx: Context) -> list[_Listed]:
    out = []
    for c in ctx.bible.characters:
        name = ctx.cue_of.get(c.name, c.name)
        for i, w in enumerate(c.wardrobe):
            for made in garments_made(w.item):
                out.append(_Listed(name, made.kind, made.fabric, made.words, w.scenes, w.look, w.item,
                                   f"characters.{c.name}.wardrobe[{i}]"))
    return out


def check(ctx: Context, in_force) -> Iterator[Finding]:
    """Yield findings for a garment's fabric against the bible and across continuous time.

    ``in_force(ctx, listed, scene)``: whether a look named by story days is worn in the scene.
    """
    listed = _bible(ctx)
    seen: dict[tuple, tuple] = {}
    for s in ctx.sentences:
        if s.kind != "action" or s.scene <= 0 or not _FABRIC_GATE.search(s.text):
            continue
        change = bool(CHANGE_RE.search(s.text))
        for made in garments_made(s.text):
            if made.fabric is None:
                continue
            who, put_on = ctx.reader.wearer(s, made.start, made.start + len(made.words), made.kind)
            if not who:
                continue
            character = who[0]
            scene = s.scene
            reported = False
            mine = [b for b in listed if b.character == character and b.kind == made.kind and in_force(ctx, b, scene)
                    and (b.look is not None or b.scenes.contains(scene, ctx.scene_number(scene)))]
            if mine and not change and not put_on and not ctx.is_flashback(scene) and all(
                    b.fabric is not None and fabrics_conflict(b.fabric, made.fabric) for b in mine):
                reported = True
                first = mine[0]
                plain = all(b.look is None for b in mine)
                where = f"for {first.scenes.describe()}" if plain else \
                    "in every look it gives " + character
                yield _finding(s, made, who,
                               f"{character} wears {made.words!r} here, but the bible has {first.words!r} "
                               f"({first.fabric}) {where}",
                               Evidence(first.text, bible=first.path), "error" if plain else "warning")
            key = (ctx.spans[scene - 1], character, made.kind)
            before = seen.get(key)
            if before is None or change or put_on:
                seen[key] = (made, s)
                continue
            if not reported and fabrics_conflict(before[0].fabric, made.fabric):
                old, where_s = before
                when = "in this scene" if where_s.scene == scene else \
                    f"in scene {ctx.scene_number(where_s.scene)}, with no time passing since"
                yield _finding(s, made, who,
                               f"{character}'s {made.kind} is {made.fabric} here ({made.words!r}), but "
                               f"{old.fabric} ({old.words!r}) {when}",
                               Evidence(where_s.text, line=where_s.line, scene=where_s.scene), "error")


def _finding(s, made, who: tuple[str, str], message: str, evidence: Evidence, severity: str) -> Finding:
    return Finding(category="wardrobe", severity=severity, scene=s.scene, line=s.line, message=message, text=s.text,
                   character=who[0], subject=f"{who[0]}.fabric:{made.kind}", evidence=(evidence,),
                   extra=(("garment", made.words), ("resolved_by", who[1])))


__all__ = ["check"]
