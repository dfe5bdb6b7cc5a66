"""Wardrobe: a garment that changes colour within a scene or a continuous span.

Within one scene, or across scenes linked by CONTINUOUS/SAME/MOMENTS LATER, the
same kind of garment on the same character must keep its colour. Against the
bible, a garment of the kind listed for a scene range must match its colour.
Changes announced in the text ("puts on", "changes into") reset the canon.
"""

from __future__ import annotations

from collections.abc import Iterator

from continuity.checks.findings import Evidence, Finding, observation_finding
from continuity.language.lexicon import colour_of, colour_word, colours_conflict, garment_kind
from continuity.story.context import Context


def check(ctx: Context) -> Iterator[Finding]:
    """Yield wardrobe findings."""
    seen: dict[tuple[int, str, str], object] = {}  # (span, character, kind) -> observation
    bible_items = []
    for c in ctx.bible.characters:
        for i, w in enumerate(c.wardrobe):
            kind, colour = garment_kind(w.item), colour_of(w.item)
            if kind and colour:
                bible_items.append((ctx.cue_of.get(c.name, c.name), kind, colour, w, f"characters.{c.name}.wardrobe[{i}]"))
    for obs in ctx.observations:
        if not obs.attribute.startswith("garment:"):
            continue
        kind = obs.attribute.split(":", 1)[1]
        scene = obs.sentence.scene
        if scene == 0:
            continue
        reported = False
        for name, bkind, bcolour, item, path in bible_items:
            if name == obs.character and bkind == kind and item.scenes.contains(scene, ctx.scene_number(scene)) and bcolour != obs.value:
                reported = True
                yield _finding(
                    obs,
                    f"{obs.character} wears {obs.words!r} here, but the bible has "
                    f"{item.item!r} for scenes {item.scenes}",
                    Evidence(item.item, bible=path),
                    "error",
                )
        key = (ctx.spans[scene - 1], obs.character, kind)
        first = seen.get(key)
        sanctioned = any(
            name == obs.character and bkind == kind and bcolour == obs.value and item.scenes.contains(scene, ctx.scene_number(scene))
            for name, bkind, bcolour, item, _ in bible_items
        )
        # A change the bible records for this scene (a deliberate costume change) is canon.
        if first is None or obs.change or sanctioned:
            seen[key] = obs
            continue
        if not reported and colours_conflict(colour_word(first.words) or first.value, colour_word(obs.words) or obs.value):
            where = "in this scene" if first.sentence.scene == scene else (
                f"in scene {ctx.scene_number(first.sentence.scene)}, with no time passing since"
            )
            noun = obs.words.split()[-1].lower()
            plural = noun.endswith("s") and not noun.endswith("ss")
            yield _finding(
                obs,
                f"{obs.character}'s {noun} {'are' if plural else 'is'} {obs.words.split()[0].lower()} here "
                f"({obs.words!r}), but {first.words.split()[0].lower()} ({first.words!r}) {where}",
                Evidence(first.sentence.text, line=first.sentence.line, scene=first.sentence.scene),
                "error",
            )


def _finding(obs, message: str, evidence: Evidence, severity: str) -> Finding:
    return observation_finding(obs, "wardrobe", severity, message, evidence, (("garment", obs.words),))
