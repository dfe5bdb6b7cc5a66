"""Hair words in set phrases: a knot that is hair, a strand twisted round a finger, hair put up, blades taken to it,
a beard's jaw, and a beard gone to fire rather than the razor. Read by :mod:`continuity.language.traits`."""

from __future__ import annotations

import re

from continuity.language.parse import Parse, Token

#: A strand handled the way only hair is: "twists a long brown strand round her finger", "tucks a strand behind her ear".
STRAND_TWISTED_RE = re.compile(r"\b(?:twist|wind|wound|coil|curl|tuck|push|brush|blow|sweep|wrap|twirl)\w*\s+(?:a|the|one|"
                                r"her|his|their)\s+(?:[\w-]+\s+){0,3}(?:strand|wisp|tendril)s?\s+(?:round|around|behind|"
                                r"from|off|out of|back)\b", re.IGNORECASE)
FACE_PARTS = frozenset("jaw jaws chin cheek cheeks face lip".split())


def hair_knot(parse: Parse, t: Token) -> bool:
    """A knot that is hair: "her knot", "a knot at her crown", "hair in a knot", "a top knot"."""
    before = parse.tokens[max(0, t.i - 3):t.i]
    if any(w.lower in ("his", "her", "their", "top", "tight", "loose", "messy", "bun") or w.character for w in before):
        return True
    return bool(re.search(r"\b(?:hair|curls|locks|crown|nape|plaits?|braids?|dreads|dreadlocks)\b", parse.text,
                          re.IGNORECASE))


#: What cuts hair when taken to it.
BLADES = frozenset("scissors shears clippers razor knife blade".split())
#: Participles that put hair up, and the style they make.
PUT_UP = {"knotted": "knots", "braided": "braid", "plaited": "braid", "piled": "bun", "twisted": "knots"}


#: Gone to fire, not a razor: "half of it gone, singed away", "gone in the flames".
BURNT_RE = re.compile(r"[\s,]*(?:\w+\s+){0,3}?(?:singed|burnt|burned|scorched|in\s+the\s+(?:flames?|fire))\b",
                       re.IGNORECASE)


__all__ = ["BLADES", "BURNT_RE", "FACE_PARTS", "PUT_UP", "STRAND_TWISTED_RE", "hair_knot"]
