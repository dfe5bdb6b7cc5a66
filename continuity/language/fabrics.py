"""What a garment is made of: "a black leather jacket", "his denim jacket", "the tweed cap".

A closed vocabulary of fabrics, each under the name of the stuff it is ("woollen"
and "cashmere" are wool), and the pairs that are one stuff in other words: a
flannel shirt may be wool or cotton, a sheepskin coat is leather, a waxed jacket
is oilskin or canvas. Two fabrics conflict when neither is the other and they are
not such a pair: denim is not leather, corduroy is not linen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from continuity.language.lexicon import GARMENTS

#: Fabric words, by the stuff they name.
FABRICS: dict[str, str] = {
    **dict.fromkeys(["leather", "leathern", "patent-leather"], "leather"),
    "suede": "suede",
    "denim": "denim",
    **dict.fromkeys(["wool", "woollen", "woolen", "woolly", "cashmere", "merino", "lambswool", "mohair", "angora",
                     "tweed", "tweedy", "herringbone", "boiled-wool"], "wool"),
    **dict.fromkeys(["corduroy", "cord", "cords"], "corduroy"),
    "linen": "linen",
    **dict.fromkeys(["cotton", "calico", "seersucker", "chambray", "poplin", "gingham", "madras"], "cotton"),
    **dict.fromkeys(["silk", "silken", "chiffon", "crepe", "taffeta", "organza"], "silk"),
    "satin": "satin",
    **dict.fromkeys(["velvet", "velour", "velveteen", "crushed-velvet"], "velvet"),
    **dict.fromkeys(["fleece", "polar-fleece"], "fleece"),
    **dict.fromkeys(["nylon", "polyester", "gore-tex", "goretex", "ripstop"], "nylon"),
    **dict.fromkeys(["pvc", "vinyl", "plastic", "rubber", "rubberised", "rubberized"], "plastic"),
    **dict.fromkeys(["oilskin", "waxed", "wax", "waxed-cotton"], "oilskin"),
    "canvas": "canvas",
    "flannel": "flannel",
    **dict.fromkeys(["fur", "faux-fur", "mink", "fox-fur"], "fur"),
    **dict.fromkeys(["sheepskin", "shearling"], "sheepskin"),
    "lace": "lace",
    **dict.fromkeys(["lycra", "spandex", "neoprene"], "lycra"),
    "terry": "terry",
    "straw": "straw",
    "felt": "felt",
}

#: Stuffs that may be one another in other words.
_ONE_STUFF = {frozenset(p) for p in (
    ("flannel", "wool"), ("flannel", "cotton"), ("denim", "cotton"), ("canvas", "cotton"), ("oilskin", "canvas"),
    ("oilskin", "cotton"), ("sheepskin", "leather"), ("sheepskin", "suede"), ("sheepskin", "wool"),
    ("suede", "leather"), ("satin", "silk"), ("fleece", "nylon"), ("lace", "cotton"), ("lace", "silk"),
    ("velvet", "cotton"), ("velvet", "silk"), ("corduroy", "cotton"), ("terry", "cotton"), ("lycra", "nylon"),
    ("plastic", "nylon"), ("oilskin", "plastic"), ("felt", "wool"),
)}

#: Words that end a garment's noun phrase looking back from its noun: "a wool hat and a leather jacket".
_STOP = {"and", "or", "with", "of", "in", "on", "over", "under", "from", "to", "by", "at", "for", "into", "the", "a",
         "an", "his", "her", "their", "its", "my", "your", "our", "is", "are", "was", "were", "but", "as", "than",
         "into", "onto", "off", "out", "patches", "patch", "trim", "trimmed", "lined", "collar", "collared", "elbow"}
_GARMENT_RE = re.compile(r"\b(?P<g>" + "|".join(sorted(map(re.escape, GARMENTS), key=len, reverse=True)) + r")\b",
                         re.IGNORECASE)
#: Garments whose noun says their stuff: jeans are denim.
_MADE_OF = {"jeans": "denim", "oilskin": "oilskin", "oilskins": "oilskin", "fleece": "fleece", "cords": "corduroy",
            "leathers": "leather", "tweeds": "tweed", "denims": "denim"}
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'\-]*")


@dataclass(frozen=True)
class Made:
    """A garment named with what it is made of, or None: kind (``jacket``), fabric (``leather``), the words."""

    kind: str
    fabric: str | None
    words: str
    start: int


def garments_made(text: str) -> list[Made]:
    """Every garment ``text`` names, each with the fabric its own noun phrase gives ("black leather jacket")."""
    out = []
    for m in _GARMENT_RE.finditer(text):
        noun = m.group("g").lower()
        if _GARMENT_RE.match(text, m.end() + 1) and text[m.end():m.end() + 1] in (" ", "-"):
            continue  # "an oilskin coat": the coat is the garment
        before = text[max(0, m.start() - 60):m.start()]
        clause = re.split(r"[,;:.!?()\u2014]", before)[-1]
        words = _WORD_RE.findall(clause)[-3:]
        kept: list[str] = []
        for w in reversed(words):
            if w.lower() in _STOP:
                break
            kept.insert(0, w)
        # (a hyphenated word is not read: "a denim-blue jacket" is a colour, "leather-and-wool" two stuffs)
        own = noun.split()[:-1] or [_MADE_OF.get(noun, "")]  # "leather jacket" is one garment word, with its stuff in it
        fabric = next((FABRICS[w.lower()] for w in reversed(kept + own) if w.lower() in FABRICS), None)
        start = m.start() - (len(" ".join(kept)) + 1 if kept else 0)
        out.append(Made(GARMENTS.get(noun, noun), fabric, text[max(start, 0):m.end()], max(start, 0)))
    return out


def fabrics_conflict(a: str, b: str) -> bool:
    """Whether two fabrics (as :data:`FABRICS` names them) cannot be one stuff."""
    return a != b and frozenset((a, b)) not in _ONE_STUFF


__all__ = ["FABRICS", "Made", "garments_made", "fabrics_conflict"]
