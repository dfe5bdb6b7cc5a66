"""What a prop looks like, and when two looks of it disagree.

A look is a colour (as written), a material family, and a material that shows a colour
of its own ("steel", "jade"). Two looks disagree on colour, on material, or on the wood
they name (a walnut box is not a mahogany one); a canon's metal shows its colour against
a colour said later, not the other way round (a bell the bible calls red may be brass,
painted).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from continuity.language.lexicon import colour_group, colours_conflict, wood_named


@dataclass(frozen=True)
class Look:
    """What a prop is said to look like: its colour (as written) and material family, with the words."""

    colour: str | None
    material: str | None
    words: str
    metal: str | None = None  # the material word as written, when it shows a colour of its own (steel, jade)


#: The colour a material shows when nothing else is said of it ("a steel watch" is not a gold one).
MATERIAL_COLOURS = {"steel": "grey", "stainless": "grey", "iron": "grey", "tin": "grey", "aluminium": "grey",
                    "aluminum": "grey", "chrome": "grey", "pewter": "grey", "zinc": "grey", "silver": "grey",
                    "brass": "gold", "gold": "gold", "bronze": "brown", "copper": "brown", "jade": "green",
                    "ebony": "black", "ivory": "white", "mahogany": "brown", "walnut": "brown", "oak": "brown",
                    "mother-of-pearl": "white", "pearl": "white", "bone": "white"}


def wood_of(look: Look) -> str | None:
    """The one wood a look names ("walnut with maple inlay": walnut, the first)."""
    return wood_named(look.words)


def _colours_in(words: str) -> set[str]:
    """The colour families a look's words name ("red and green tartan": red, green)."""
    return {g for w in re.findall(r"[a-z]+", words.lower()) if (g := colour_group(w))}


def looks_conflict(a: Look, b: Look) -> str | None:
    """Which of colour, material or wood differs (None when they agree or cannot be compared)."""
    if a.colour and b.colour and colours_conflict(a.colour, b.colour):
        ours, theirs = _colours_in(a.words), _colours_in(b.words)
        if not ((len(ours) > 1 or len(theirs) > 1) and ours & theirs):
            return "colour"  # ("a tartan thermos, red and green" against "red and green tartan": one of its colours)
    if a.material and b.material and a.material != b.material:
        return "material"
    if a.material == b.material == "wood" and wood_of(a) and wood_of(b) and wood_of(a) != wood_of(b) and \
            wood_of(b) not in a.words.lower():
        return "wood"
    # "gold watch" against a bible's "steel diver's watch": the canon's material shows a colour. Not the other
    # way round: a bell the bible calls red may well be brass, painted.
    shown = MATERIAL_COLOURS.get(a.metal or "")
    if shown and b.colour and not a.colour and colours_conflict(shown, b.colour):
        return "colour"
    # two metals of their own colours: a brass lighter is not a chrome one
    if a.metal and b.metal and not a.colour and not b.colour and a.metal in MATERIAL_COLOURS and \
            b.metal in MATERIAL_COLOURS and colours_conflict(MATERIAL_COLOURS[a.metal], MATERIAL_COLOURS[b.metal]):
        return "colour"
    # a canon "silver" or "gold" is the metal's own colour: a brass coin is not a silver one
    if a.colour and a.colour.lower() in MATERIAL_COLOURS and b.metal and not b.colour and \
            colours_conflict(MATERIAL_COLOURS[a.colour.lower()], MATERIAL_COLOURS.get(b.metal, b.metal)):
        return "colour"
    return None


__all__ = ["MATERIAL_COLOURS", "Look", "looks_conflict", "wood_of"]
