"""Sides said in phrases the dependency reading misses: a ring by its stone, a cracked lens, a corner of the mouth.

Each is a ``side.*`` trait with the side and the possessive pronoun that owns it:

- "the diamond on his right little finger" (a ring named by its stone): ``side.ring``;
- "the cracked right lens", "his left lens is starred" (a spectacle lens): ``side.lens``;
- "a butterfly bandage at the right corner of her mouth", "split lip at the LEFT corner of
  her mouth" (an injury at a corner of the mouth): ``side.injury.mouth``;
- "a square of white dressing stuck above his left eyebrow" (a dressing by the eye, said of
  a portion of it): ``side.injury.eye``.
"""

from __future__ import annotations

import re

from continuity.language.parse import Parse, Token
from continuity.language.trait_words import BODY, SIDED, SIDES, Trait

_PRONOUN = {"his": "m", "her": "f"}

_RING_RE = re.compile(r"\b(?:diamond|signet|sapphire|ruby|emerald|opal|garnet)\s+(?:ring\s+)?on\s+(?P<p>his|her)\s+"
                      r"(?P<s>left|right)\s+(?:(?:little|ring|index|middle|pinkie|pinky)\s+)?(?:finger|hand|pinkie|pinky)\b",
                      re.IGNORECASE)
_LENS_RE = re.compile(r"\b(?:cracked|broken|starred|shattered|smashed|split|taped)\s+(?P<s>left|right)\s+lens\b|"
                      r"\b(?P<s2>left|right)\s+lens\s+(?:is\s+|was\s+|now\s+)?(?:cracked|broken|starred|shattered|smashed)\b",
                      re.IGNORECASE)
_MOUTH_RE = re.compile(r"\b(?:at|on|in|to)\s+the\s+(?P<s>left|right)\s+corner\s+of\s+(?P<p>his|her|the)\s+"
                       r"(?:mouth|lips?)\b", re.IGNORECASE)
_HURT_RE = re.compile(r"\b(?:split|cut|bandage|butterfly|scab|stitch\w*|bloody|bleeding|swollen|graze|plaster|sore|"
                      r"blister|gash|wound)\b", re.IGNORECASE)
_BROW_RE = re.compile(r"\b(?:dressing|plaster|bandage|stitches|gauze|steri-strips?|butterfly\s+stitches)\b[^.;]{0,25}?"
                      r"\b(?:above|over|across|through|on|under|below)\s+(?P<p>his|her)\s+(?P<s>left|right)\s+"
                      r"(?:eyebrow|brow|eye)\b", re.IGNORECASE)


#: A hand said to be the dressed one: "Mags's right hand is bulky in its glove where the gauze is".
_DRESSED_HAND_RE = re.compile(r"\b(?P<p>his|her|[A-Z][a-z]+(?:'s|\u2019s))\s+(?P<s>left|right)\s+(?:hand|palm)\b[^.;]{0,40}?"
                              r"\b(?:where\s+the\s+(?:gauze|bandage|dressing|strapping|stitches)\s+(?:is|are)\b|in\s+its\s+"
                              r"(?:bandage|gauze|dressing|strapping)\b)")


#: "with her good left hand": the other hand is the hurt one.
_GOOD_HAND_RE = re.compile(r"\b(?P<p>his|her)\s+good\s+(?P<s>left|right)\s+(?:hand|arm)\b", re.IGNORECASE)
_OTHER_SIDE = {"left": "right", "right": "left"}


def side_phrases(parse: Parse) -> list[Trait]:
    """The sided traits of the phrases above in ``parse``'s text."""
    text = parse.text
    out: list[Trait] = []
    for m in _RING_RE.finditer(text):
        out.append(_trait("side.ring", m, m.group("s"), m.group("p")))
    for m in _LENS_RE.finditer(text):
        out.append(_trait("side.lens", m, m.group("s") or m.group("s2"), _pronoun_near(text, m.start())))
    if _HURT_RE.search(text):
        for m in _MOUTH_RE.finditer(text):
            out.append(_trait("side.injury.mouth", m, m.group("s"), m.group("p")))
    for m in _BROW_RE.finditer(text):
        out.append(_trait("side.injury.eye", m, m.group("s"), m.group("p")))
    for m in _GOOD_HAND_RE.finditer(text):
        out.append(_trait("side.injury.arm", m, _OTHER_SIDE[m.group("s").lower()], m.group("p")))
    for m in _DRESSED_HAND_RE.finditer(text):
        trait = _trait("side.injury.arm", m, m.group("s"), m.group("p"))
        named = next((t.character for t in parse.tokens if t.start == m.start("p") and t.character), None)
        out.append(Trait(trait.key, trait.value, trait.words, trait.start, named, trait.pronoun, False,
                         how="poss" if named or trait.pronoun else "none"))
    return out


def _pronoun_near(text: str, at: int) -> str | None:
    """The possessive pronoun closest to ``at`` in the sentence ("Behind the cracked right lens, his eye")."""
    found = [(abs(m.start() - at), m.group(0).lower()) for m in re.finditer(r"\b(?:his|her)\b", text, re.IGNORECASE)]
    return min(found)[1] if found else None


def _trait(key: str, m: re.Match, side: str, pronoun: str | None) -> Trait:
    gender = _PRONOUN.get((pronoun or "").lower())
    return Trait(key, side.lower(), m.group(0), m.start(), None, gender, False, how="poss" if gender else "none")




def wrist_raised(parse: Parse, t: Token) -> tuple:
    """"raises her left wrist to her ear and listens to the watch tick": a watch (or a bracelet) in a sentence
    whose one wrist with a side is the one it is on, the wrist held by its owner's own pronoun."""
    none = (None, None, None, None)
    if SIDED.get(t.lower) != "wrist" or t.dep == "dobj":
        return none  # "takes off the watch", "straps the watch on": where it goes is said, or not
    toks = parse.tokens
    wrists = [w for w in toks[1:] if BODY.get(w.lower) == "wrist" and toks[w.i - 1].lower in SIDES]
    if len(wrists) != 1 or sum(w.lower in SIDES for w in toks) != 1:
        return none
    part = wrists[0]
    if not any(c.dep == "poss" and c.lower in ("his", "her", "their") for c in parse.children(part.i)):
        return none
    return SIDES[toks[part.i - 1].lower], "wrist", toks[part.i - 1], part


_GEAR = frozenset({"sling", "cast", "splint", "brace"})


def arm_in_gear(parse: Parse, t: Token) -> tuple:
    """"The navy sling holds his left arm against his chest", "His left arm rests in a navy sling": the arm a
    sling, cast or splint holds (not "the sling hung over the rail, ... with his left hand")."""
    none = (None, None, None, None)
    toks = parse.tokens
    if t.lower not in _GEAR or (t.lower == "cast" and t.i > 0 and toks[t.i - 1].lower in ("the", "whole", "full")):
        return none  # ("the cast takes a bow": a play's)
    for m in [*_GEAR_HOLDS_RE.finditer(parse.text), *_IN_GEAR_RE.finditer(parse.text)]:
        if m.start("gear") == t.start:
            side = next((x for x in toks if x.start == m.start("side")), None)
            part = next((x for x in toks if x.start == m.start("part")), None)
            if side is not None and part is not None:
                return SIDES[side.lower], BODY[part.lower], side, part
    return none


_ARM = r"(?P<part>arm|hand|wrist|forearm|elbow)"
_GEAR_HOLDS_RE = re.compile(r"\b(?P<gear>sling|cast|splint|brace)\s+(?:holds|cradles|supports|keeps|pins|carries|binds|"
                            r"straps|hugs|clamps|encases|locks)\s+(?:his|her|their|the)\s+(?P<side>left|right)\s+"
                            + _ARM + r"\b", re.IGNORECASE)
_IN_GEAR_RE = re.compile(r"\b(?P<side>left|right)\s+" + _ARM + r"\b[^.;,]{0,30}?\bin\s+(?:a|an|the|its|his|her)\s+"
                         r"(?:[\w-]+\s+){0,3}?(?P<gear>sling|cast|splint|brace)\b", re.IGNORECASE)


__all__ = ["arm_in_gear", "side_phrases", "wrist_raised"]
