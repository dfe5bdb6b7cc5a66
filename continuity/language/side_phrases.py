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

from continuity.language.parse import Parse
from continuity.language.trait_words import Trait

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
    return out


def _pronoun_near(text: str, at: int) -> str | None:
    """The possessive pronoun closest to ``at`` in the sentence ("Behind the cracked right lens, his eye")."""
    found = [(abs(m.start() - at), m.group(0).lower()) for m in re.finditer(r"\b(?:his|her)\b", text, re.IGNORECASE)]
    return min(found)[1] if found else None


def _trait(key: str, m: re.Match, side: str, pronoun: str | None) -> Trait:
    gender = _PRONOUN.get((pronoun or "").lower())
    return Trait(key, side.lower(), m.group(0), m.start(), None, gender, False, how="poss" if gender else "none")


__all__ = ["side_phrases"]
