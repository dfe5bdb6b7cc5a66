"""Someone in the water, and so wet: falling or wading in, pulled in, treading water, coming up out of it.

Each reading is a ``state.clothes.wet`` trait marked as a change ("He pitches forward
into the black water", "pulls her in fully clothed", "June treads water", "Nadia's head
breaks the surface of a narrow pool, and she hauls herself out"): whoever it is, is wet
from here, and a dry suit in the same continuous time is a slip.
"""

from __future__ import annotations

import re

from continuity.language.parse import Parse, Token
from continuity.language.trait_words import MUD_NOUNS, Trait

#: Going into water: whoever does it comes out wet ("He pitches forward into the black water").
INTO_WATER_VERBS = frozenset("fall pitch plunge tumble topple dive jump slip go wade sink drop crash splash".split())
WATERS = frozenset("water river lake sea creek stream pool pond canal harbour harbor surf waves ocean bay brook "
                    "current rapids shallows millpond reservoir tide".split())


INTO_WATER_GATE = re.compile(r"\b(?:into|in)\s+(?:the\s+)?(?:[a-z-]+\s+)?(?:" + "|".join(sorted(WATERS | MUD_NOUNS)) + r")\b|"
                              r"\bplunges? in\b|\btreads? water\b|\b(?:pulls?|drags?|pushes|shoves?|"
                              r"throws?|tips?|knocks?|hauls?|yanks?) (?:him|her|them|[A-Z][a-z]+) in\b|\bbreaks? the surface\b|\bsurfaces\b|"
                             r"\bout\s+of\s+(?:the\s+)?(?:[a-z-]+\s+)?(?:" + "|".join(sorted(WATERS)) + r")\b", re.IGNORECASE)


#: Verbs that put someone else in the water: "pulls her in fully clothed", "shoves him into the canal".
PULLED_IN = frozenset("pull drag push shove throw tip knock haul yank".split())


def in_the_water(parse: Parse, v: Token) -> list[Trait]:
    """Someone in the water ("June treads water") or pulled into it ("pulls her in")."""
    if v.lemma in PULLED_IN:
        ins = [c for c in parse.children(v.i, "prt", "advmod", "prep") if c.lower in ("in", "into")]
        if not ins or (ins[0].lower == "into" and not any(o.lemma in WATERS or o.lower in WATERS
                                                         for o in parse.children(ins[0].i, "pobj"))):
            return []
        if ins[0].lower == "in" and not re.search(r"\b(?:fully clothed|with a splash|SPLASH|water|creek|river|lake|pool|"
                                                  r"sea|canal|pond)\b", parse.text, re.IGNORECASE):
            return []  # "pulls her in for a hug"
        person = next((o for o in parse.children(v.i, "dobj") if o.character or o.lower in ("him", "her", "them")),
                      None)
    else:
        if v.lower.startswith("tread") and not any(o.lower == "water" for o in parse.children(v.i, "dobj")):
            return []
        person = parse.subject(v)
        if person is None and v.i > 0 and (parse.tokens[v.i - 1].character or parse.tokens[v.i - 1].pos == "PROPN"):
            person = parse.tokens[v.i - 1]  # "June treads water." (the small parser loses the subject)
    if person is None or not (person.character or person.pos == "PROPN" or
                              person.lower in ("he", "she", "him", "her")):
        return []
    who = person.character
    gender = {"he": "m", "him": "m", "she": "f", "her": "f"}.get(person.lower)
    return [Trait("state.clothes.wet", "wet", v.text, v.start, who, gender, True, how="subject")]


def into_water(parse: Parse, v: Token) -> list[Trait]:
    """Someone falling, plunging or wading into water: wet from here ("plunges in to the waist")."""
    into = [o for p in parse.children(v.i, "prep") if p.lower in ("into", "in")
            for o in parse.children(p.i, "pobj") if o.lemma in WATERS or o.lower in WATERS]
    waded = v.lemma in ("plunge", "wade", "dive", "jump") and any(
        c.lower == "in" for c in parse.children(v.i, "prt", "advmod", "prep"))
    # "sinks to his thighs in grey mud", "goes face down in the muck": muddy from here
    reach = [p for p in parse.children(v.i, "prep")] + [q for p in parse.children(v.i, "prep") if p.lower in ("to", "up")
                                                        for o in parse.children(p.i, "pobj")
                                                        for q in parse.children(o.i, "prep")]
    mud = [o for p in reach if p.lower in ("into", "in") for o in parse.children(p.i, "pobj") if o.lemma in MUD_NOUNS]
    if not into and not waded and not mud:
        return []
    subj = parse.subject(v)
    if (subj is None or not (subj.character or subj.lower in ("he", "she", "they"))) and v.dep == "conj":
        subj = parse.subject(parse.head(v.i))  # "She pitches sideways, ..., and goes into the lake"
    if subj is None or not (subj.character or subj.lower in ("he", "she", "they")):
        return []
    who, gender = (subj.character, None) if subj.character else (None, {"he": "m", "she": "f"}.get(subj.lower))
    if mud and not into and not waded:
        return [Trait("state.clothes.dirt", "dirty", _span(parse, v, mud[0]), v.start, who, gender, True, how="subject")]
    return [Trait("state.clothes.wet", "wet", v.text, v.start, who, gender, True, how="subject")]


def _span(parse: Parse, a: Token, b: Token) -> str:
    return parse.text[a.start:b.end]


#: Coming up out of water: "Nadia's head breaks the surface", "she hauls herself out of the pool", "He surfaces".
_OUT_OF_WATER_RE = re.compile(
    r"\b(?:breaks?|breaking)\s+the\s+surface\b|\bsurfaces\b|"
    r"\b(?:hauls?|drags?|pulls?|heaves?|climbs?|crawls?|scrambles?|clambers?)\s+(?:(?:him|her|them)sel(?:f|ves)\s+)?"
    r"out\s+of\s+(?:the\s+)?(?:[a-z-]+\s+)?(?:" + "|".join(sorted(WATERS)) + r")\b", re.IGNORECASE)


def out_of_water(parse: Parse) -> list[Trait]:
    """Someone coming up out of the water, wet: the subject of the clause that says it."""
    out: list[Trait] = []
    for m in _OUT_OF_WATER_RE.finditer(parse.text):
        if re.match(r"(?:breaks?|breaking)\s", m.group(0), re.IGNORECASE) and not _WATER_NEAR_RE.search(
                parse.text, m.end(), m.end() + 40):
            continue  # "the news breaks the surface calm": not water
        verb = next((t for t in parse.tokens if t.start == m.start()), None)
        if verb is None:
            continue
        subj = parse.subject(verb)
        if subj is not None and subj.lower == "head":
            # "Nadia's head breaks the surface": the one whose head it is
            subj = next((c for c in parse.children(subj.i, "poss")), subj)
        if subj is None or not (subj.character or subj.pos == "PROPN" or subj.lower in ("he", "she", "his", "her")):
            continue
        gender = {"he": "m", "his": "m", "she": "f", "her": "f"}.get(subj.lower)
        out.append(Trait("state.clothes.wet", "wet", m.group(0), m.start(), subj.character, gender, True,
                         how="subject"))
    return out


_WATER_NEAR_RE = re.compile(r"\bof\s+(?:the\s+|a\s+)?(?:[a-z-]+\s+)?(?:" + "|".join(sorted(WATERS)) + r")\b|^\W*$",
                            re.IGNORECASE)


__all__ = ["INTO_WATER_GATE", "INTO_WATER_VERBS", "PULLED_IN", "WATERS", "in_the_water", "into_water", "out_of_water"]


#: Liquids that leave a stain where they soak in ("a brown wave of coffee ... soaking the front of his white shirt").
_STAINING = frozenset("coffee wine tea ink paint blood juice soda cola beer gravy soup sauce ketchup grease oil "
                      "bleach dye".split())
_RAIN = frozenset("rain water sea river lake creek pool surf waves downpour storm spray puddle".split())


def stained_by(parse: Parse, traits: list[Trait]) -> list[Trait]:
    """A wetting by a staining liquid stains as well: the soaked shirt is a stained one after it dries."""
    words = {t.lower for t in parse.tokens} | {t.lemma for t in parse.tokens}
    if not words & _STAINING or words & _RAIN:
        return []
    return [Trait("state.clothes.stain", "stained", t.words, t.start, t.owner, t.pronoun, True, how=t.how)
            for t in traits if t.key == "state.clothes.wet" and t.value == "wet" and t.change]
