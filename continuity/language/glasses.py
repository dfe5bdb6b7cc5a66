"""Glasses as a trait: the family of a frame ("wire-rimmed", "tortoiseshell"), and that someone wears them at all.

Split from :mod:`continuity.language.traits`, which calls :func:`glasses` for a glasses noun.
"""

from __future__ import annotations

import re

from continuity.language.parse import Parse, Token
from continuity.language.trait_grammar import _owner_any
from continuity.language.trait_words import Trait

GLASSES = frozenset({"glasses", "spectacles", "specs", "bifocals", "frames", "rims", "horn-rims"})
#: A frame's make, as its family: "wire-rimmed" and "gold wire" are metal; "tortoiseshell", "horn-rimmed" are not.
FRAMES = {**dict.fromkeys(("wire", "wire-rimmed", "wire-rim", "wire-framed", "gold-rimmed", "steel-rimmed",
                           "metal-rimmed", "silver-rimmed", "gold-framed", "metal-framed", "steel-framed", "metal"),
                          "wire"),
          **dict.fromkeys(("tortoiseshell", "tortoise-shell", "horn-rimmed", "horn-rim", "horn-rims", "horn",
                           "plastic", "plastic-framed", "acetate", "bakelite"), "shell"),
          "rimless": "rimless"}
#: A pair that is not the usual one: a change on screen, not a slip.
_NEW_PAIR_RE = re.compile(r"\b(?:new|spare|spares|replacement|borrowed|second|backup|cheap|drugstore|chemist)\b",
                          re.IGNORECASE)
#: Another kind of pair beside the usual one: not compared.
#: Glasses that are no one's spectacles: sunglasses, goggles, a drink.
_NOT_SPECTACLES_RE = re.compile(r"\b(?:sun|safety|swimming|ski|3-?d|opera|magnifying|shot|wine|beer|water)\b",
                                re.IGNORECASE)
_OTHER_PAIR_RE = re.compile(r"\b(?:reading|sun|safety|swimming|ski|3-?d|opera|magnifying|shot|wine|beer|water)\b",
                            re.IGNORECASE)


#: Where glasses sit on a face, after a bare "glasses" set off by a comma.
_WORN_AT_RE = re.compile(r"\s+(?:(?:almost|nearly|halfway|right|low|high|perched|pushed|slipping|sliding|slid|"
                         r"shoved|riding|balanced)\s+)*(?:on|up|down|at|to)\b", re.IGNORECASE)
_NOT_ON_RE = re.compile(r"\b(?:crack(?:s|ed)?|bent|broken|snap(?:s|ped)?|smash(?:es|ed)?|shatter(?:s|ed)|folded|"
                        r"case|pocket(?:s|ed)?|wash(?:es|ed)? up|crush(?:es|ed)?|trod(?:den)? on)\b", re.IGNORECASE)


def glasses(parse: Parse, t: Token, about_one: bool = False) -> list[Trait]:
    """"her wire-rimmed glasses", "round tortoiseshell frames": the frame's family (see :data:`FRAMES`)."""
    words = [parse.tokens[j] for j in range(max(0, t.i - 6), t.i)]
    cut = max((k + 1 for k, w in enumerate(words) if w.text in (",", ";", ":", "(", ".", "and", "with") or
               w.pos == "VERB" and w.lower not in FRAMES and not w.lower.endswith("-rimmed")), default=0)
    words = words[cut:]
    while words and (words[0].pos in ("DET", "PRON", "ADP", "AUX") or words[0].dep in ("poss", "case")):
        words = words[1:]
    family = next((FRAMES[w.lower] for w in reversed(words) if w.lower in FRAMES), None)
    if family is None and t.lower in FRAMES:
        family = FRAMES[t.lower]  # "heavy black horn-rims"
    if family is None:
        return _glasses_worn(parse, t, about_one)
    who, gender, how = _owner_any(parse, t)
    start = words[0].start if words else t.start
    if _OTHER_PAIR_RE.search(parse.text[start:t.start]) or _NOT_ON_RE.search(parse.text):
        return []  # "her wire reading glasses": another pair; "one lens cracked in a star": a thing, not a look
    change = bool(_NEW_PAIR_RE.search(parse.text[max(0, start - 40):t.start]))  # "a spare pair of glasses, thin ..."
    return [Trait("glasses.frame", family, parse.text[start:t.end], start, who, gender, change, how=how)]


def _glasses_worn(parse: Parse, t: Token, about_one: bool = False) -> list[Trait]:
    """Someone's glasses with no frame said ("wipes the melt from his glasses"): they wear glasses. "No glasses",
    said in a bible's words, is that they wear none."""
    if t.lower not in ("glasses", "spectacles", "specs", "bifocals", "eyeglasses"):
        return []
    if about_one and any(c.lower == "no" for c in parse.children(t.i, "det")):
        return [Trait("glasses.worn", "none", parse.text[parse.tokens[t.i - 1].start:t.end], t.start, None, None, False,
                      how="none")]
    owner = next((c for c in parse.children(t.i, "poss")), None)
    if owner is None and t.i > 0 and parse.tokens[t.i - 1].text == "," and _WORN_AT_RE.match(parse.text, t.end) \
            and not any(c.dep == "det" for c in parse.children(t.i)):
        owner = t  # "Temi bends close, glasses almost on the paper": the subject's, on her nose
    if owner is None or _NOT_ON_RE.search(parse.text) or _NOT_SPECTACLES_RE.search(parse.text[max(0, t.start - 30):t.start]):
        return []  # (only glasses someone has: "her glasses", "Nell's glasses"; reading glasses are glasses worn)
    who, gender, how = _owner_any(parse, t)
    if owner is t and how != "subject":
        return []
    change = bool(_NEW_PAIR_RE.search(parse.text[max(0, t.start - 40):t.start]))
    without = re.search(r"\bwithout\s+$", parse.text[:owner.start]) if owner is not t else None
    if without:  # "squinting without his glasses": he has none on
        return [Trait("glasses.worn", "none", parse.text[without.start():t.end], owner.start, who, gender, change,
                      how=how)]
    return [Trait("glasses.worn", "yes", parse.text[owner.start:t.end], owner.start, who, gender, change, how=how)]


__all__ = ["FRAMES", "GLASSES", "glasses"]
