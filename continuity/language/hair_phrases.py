"""Hair words in set phrases: a knot that is hair, a strand twisted round a finger, hair put up, blades taken to it,
a beard's jaw, and a beard gone to fire rather than the razor. Read by :mod:`continuity.language.traits`."""

from __future__ import annotations

import re

from continuity.language.parse import Parse, Token
from continuity.language.lexicon import HAIR_COLOURS
from continuity.language.trait_grammar import _adj_owner, _colour_word
from continuity.language.trait_words import Trait

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


#: How far hair reaches, said after it: "ginger hair curling over his collar", "hair down to her waist".
_REACH_RE = re.compile(r"\s+(?:(?:still\s+)?(?:curling|falling|hanging|reaching|brushing|touching|spilling|tumbling|"
                       r"straggling|flowing|creeping|trailing|lying|resting|curls|falls|hangs|reaches|brushes|touches|"
                       r"spills|tumbles|straggles|flows|creeps|trails)\s+)?(?P<how>over|past|to|below|down\s+to|down|"
                       r"onto|on|at)\s+(?:his|her|their)\s+(?P<part>collar|shoulders|shoulder|waist|back|shoulder\s+"
                       r"blades|chin|jaw|jawline|ears|nape)\b", re.IGNORECASE)
_REACH = {"collar": "medium", "shoulders": "medium", "shoulder": "medium", "nape": "short", "chin": "short",
          "jaw": "short", "jawline": "short", "ears": "short", "waist": "long", "back": "long", "shoulder blades": "long"}


def hair_reach(text: str, end: int) -> tuple[str, str] | None:
    """``(length, words)`` for how far the hair ending at ``end`` reaches ("curling over his collar": medium), or None."""
    m = _REACH_RE.match(text, end)
    if m is None:
        return None
    part = " ".join(m.group("part").lower().split())
    length = _REACH[part]
    if part in ("shoulders", "shoulder", "collar") and m.group("how").lower() in ("past", "below", "down", "over"):
        length = "long"  # ("curling over his collar": long for the cropped boy he was)
    if part in ("ears", "nape", "chin", "jaw", "jawline") and m.group("how").lower() in ("past", "below"):
        return None  # "past her ears": longer than that, no more said
    return length, m.group(0).strip()


#: The person, not the hair, cut: "he's cropped close to the skull", "she is shorn to the scalp".
_PERSON_CROPPED_RE = re.compile(r"\b(?P<who>he|she|they)(?:'s|\s+is|\s+was|\s+has\s+been|'s\s+been|\s+are|'re)\s+"
                                r"(?:now\s+|already\s+)?(?P<w>cropped|shorn|buzzed|clipped|shaved)\s+(?:close|short|"
                                r"to\s+the\s+(?:skull|scalp|bone|wood)|down|bald|all\s+over)\b", re.IGNORECASE)


def person_cropped(parse: Parse) -> list[Trait]:
    """"When she's done, he's cropped close to the skull": his hair cut short, here."""
    out = []
    for m in _PERSON_CROPPED_RE.finditer(parse.text):
        gender = {"he": "m", "she": "f"}.get(m.group("who").lower())
        out.append(Trait("hair.length", "short", m.group(0), m.start(), None, gender, True, how="poss"))
    return out


def haired(parse: Parse, t: Token) -> list[Trait]:
    """"red-haired Kasia", "the redhead", "a blonde"."""
    low = t.lower
    colour = None
    if low.endswith("-haired"):
        colour = _colour_word(Token(t.i, low.rsplit("-haired", 1)[0], "", "", "", "", 0, 0, 0), HAIR_COLOURS)
    elif low.startswith("red"):
        colour = "red"
    elif low == "blonde":
        colour = "blonde"
    elif low == "brunette":
        colour = "brown"
    if not colour:
        return []
    head = parse.head(t.i)
    who, gender = None, None
    if head.character:
        who = head.character
    elif t.character:
        who = t.character
    elif head.pos == "NOUN" and head.i != t.i:
        return []  # "a grey-haired Turkish investigator": someone the cast does not name
    else:
        who, gender, _ = _adj_owner(parse, t)
    return [Trait("hair.colour", colour, t.text, t.start, who, gender, False, how="parse")]


#: What hair is worked into: "working Nell's long hair out of its ponytail and into two tight plaits".
def into_style(parse: Parse, t: Token) -> Token | None:
    """The hair token whose owner a style noun after "into" belongs to (the style is a change made here), or None."""
    if t.dep != "pobj" or parse.head(t.i).lower not in ("into", "in"):
        return None
    for w in parse.tokens[:t.i]:
        if w.lower in ("hair", "curls", "locks", "mane") and any(c.dep == "poss" for c in parse.children(w.i)):
            return w
    return None


#: A colour that is something on the hair: "plaits white with frost", "hair grey with plaster dust".
FROSTED_RE = re.compile(r"\s+with\s+(?:\w+\s+)?(?:frost|snow|ice|rime|flour|dust|plaster|chalk|paint|ash|soot|sawdust|"
                        r"salt|sand|cement|powder)\b", re.IGNORECASE)


__all__ = ["FROSTED_RE", "BLADES", "BURNT_RE", "FACE_PARTS", "PUT_UP", "STRAND_TWISTED_RE", "hair_knot", "hair_reach", "haired", "into_style", "person_cropped"]
