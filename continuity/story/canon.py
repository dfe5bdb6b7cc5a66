"""A bible from the story: :func:`extract_canon`, behind ``studio bible extract``.

It starts from :func:`continuity.bible.extract.extract_bible` (the introductions)
and completes it from the one reading of the story: wardrobe by scene range, key
props from object events, looks the introductions did not state, and ages that
change over the story kept as notes rather than canon.
"""

from __future__ import annotations

from continuity.bible.extract import extract_bible
from continuity.bible.model import (
    Bible,
    Prop,
    SceneRange,
    WardrobeItem,
    _prop_key,
)
from continuity.screenplay.model import Script


def extract_canon(script: Script, *, settings=None) -> Bible:
    """:func:`extract_bible`, completed from what the audit itself reads in the script.

    - **Wardrobe** per scene range: each character's garments as the audit resolves
      them, one item per colour and kind, over the stretches of the costume change
      it is seen in (:func:`continuity.story.costume.costume_ranges`): ``green oilskin coat``
      for ``1-5``, ``grey wool sweater`` for ``6-``. An unannounced change inside a
      continuous span is a continuity error, not canon, and is left out.
    - **Props**: the objects characters act on in two or more scenes
      (:func:`continuity.story.props.key_props`), not every noun after "the".
    - **Attributes** the introduction did not give: the first value the script
      states about the character outside flashbacks (``bald``, ``braids``, ``7``).

    Loads the sentence model and the parser (as an audit does); the pure
    :func:`extract_bible` is what an audit without a bible uses.
    """
    from continuity.story.context import context_for
    from continuity.story.costume import costume_ranges, costume_timeline, looks_by_character
    from continuity.story.props import key_props

    base = extract_bible(script)
    ctx = context_for(script, base.model_copy(update={"props": []}), settings=settings, explicit=False)
    looks = looks_by_character(ctx)
    characters = []
    for c in base.characters:
        mine = looks.get(ctx.cue_of.get(c.name, c.name), [])
        attributes = dict(c.attributes)
        for x in mine:
            if not x.kind and not x.announced and not x.where.flashback:
                attributes.setdefault(x.attribute, x.value)
        notes = [c.notes] if c.notes else []
        for attr, seen in _changing(attributes, mine, c.introduced_scene).items():
            # Will is 3, then 5, then 29: a story across years, not one canon value to hold him to
            del attributes[attr]
            notes.append(f"{attr} changes over the story: " + ", ".join(f"{v} (scene {n})" for v, n in seen))
        wardrobe = [
            WardrobeItem(item=item, scenes=SceneRange.parse(", ".join(f"{a}-" if b is None else f"{a}-{b}" for a, b in spans)))
            for item, spans in costume_ranges(costume_timeline(ctx, mine), mine)
        ]
        characters.append(c.model_copy(update={"attributes": attributes, "wardrobe": wardrobe,
                                                "notes": "; ".join(notes) or None}))
    props: list[Prop] = []
    used: set[str] = set()
    for name, aliases in key_props(ctx):
        if _prop_key(name) in used:
            continue
        kept = [a for a in aliases if _prop_key(a) not in used and _prop_key(a) != _prop_key(name)]
        used.update(_prop_key(p) for p in (name, *kept))
        props.append(Prop(name=name, aliases=kept))
    return base.model_copy(update={"characters": characters, "props": props})


def _changing(attributes: dict[str, str], looks: list, intro: int | None) -> dict[str, list[tuple[str, str]]]:
    """Ages the script states with conflicting values outside flashbacks (a story across years):
    ``{"age": [(value, scene number), ...]}`` in script order, one entry per value.

    Only ages: a head of red hair that turns blonde once is a continuity error to
    report, not a second canon value; ages that run 3, 5, 17, 29 are a life story.
    """
    from continuity.language.lexicon import values_conflict

    out: dict[str, list[tuple[str, str]]] = {}
    for attr in ("age",):
        if attr not in attributes:
            continue
        seen: list[tuple[str, str]] = [(attributes[attr], str(intro or "?"))]
        for x in looks:
            if x.attribute == attr and not x.where.flashback and all(v != x.value for v, _ in seen):
                seen.append((x.value, str(x.where.scene_number or x.where.scene)))
        values = [v for v, _ in seen]
        if any(values_conflict(attr, a, b) for i, a in enumerate(values) for b in values[i + 1:]):
            out[attr] = seen
    return out


__all__ = ["extract_canon"]
