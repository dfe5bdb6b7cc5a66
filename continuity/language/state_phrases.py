"""States said in set phrases the grammar readers miss: blood from a nose, a wave that soaks someone,
"bone dry" after a comma, a body "spotless", not a drop of blood down a shirt.

Each gives a :class:`~continuity.language.trait_words.Trait` like the others: a change
when something happens on screen ("Blood sprays from Daniel's nose", "A wave soaks
Nadia to the skin"), a statement when the line only says how someone is ("Nadia comes
in, bone dry", "her cheek and hands spotless", "Not a drop of blood down the front of
his navy T-shirt").
"""

from __future__ import annotations

import re

from continuity.language.parse import Parse, Token
from continuity.language.trait_words import BODY, GARMENT_WORDS, Trait

_POSS = r"(?P<poss>his|her|their|[A-Z][a-z]+(?:'s|\u2019s))"
#: "Blood sprays from Daniel's nose", "blood trickling down her chin".
_BLOOD_FROM_RE = re.compile(
    r"\bblood\s+(?:sprays?|spraying|pours?|pouring|streams?|streaming|runs?|running|trickles?|trickling|drips?|"
    r"dripping|gushes|gushing|spurts?|spurting|flows?|flowing|wells?|welling|seeps?|seeping|oozes?|oozing|sheets?)\s+"
    r"(?:from|out\s+of|down|over)\s+" + _POSS + r"\s+(?:[a-z-]+\s+)?(?P<part>nose|mouth|lips?|brow|forehead|cheek|"
    r"ear|scalp|chin|face|temple|eyebrow)\b", re.IGNORECASE)
#: "A wave soaks Nadia to the skin", "The spray drenches him".
_SOAK = frozenset("soak drench douse saturate swamp".split())
#: "Nadia comes in, bone dry.", "Benny falls down the ladder, blue-lipped, bone dry.": a state after a comma, of the one the clause is about.
_AFTER_COMMA_RE = re.compile(
    r"^(?P<name>[A-Z][a-z]+)(?:\s+(?:[a-z]+\s+){0,3}?[a-z]+)?(?:,\s+(?:[a-z-]+\s+){0,2}[a-z-]+)?,\s+"
    r"(?:still\s+|completely\s+|perfectly\s+|now\s+)?"
    r"(?P<st>bone[- ]dry|dry as a bone|dry|soaked(?:\s+through)?|drenched|dripping|sodden|spotless|muddy|filthy|"
    r"mud-caked)\s*(?:[.,;]|$)")  # ("Dez, dry as a bone, boots clean": the name alone before it too)
_AFTER_COMMA = {"dry": ("wet", "dry"), "soaked": ("wet", "wet"), "drenched": ("wet", "wet"), "dripping": ("wet", "wet"),
                "sodden": ("wet", "wet"), "spotless": ("stain", "clean"), "muddy": ("dirt", "dirty"),
                "filthy": ("dirt", "dirty"), "mud-caked": ("dirt", "dirty")}
_PARTS = "|".join(sorted((w for w, v in BODY.items() if v in ("face", "hand")), key=len, reverse=True))
#: "her cheek and hands spotless", "his face and white collar still clean".
_BODY_STATE_RE = re.compile(
    rf"\b(?P<poss>his|her|their)\s+(?P<parts>(?:(?:both\s+)?(?:{_PARTS})(?:\s*,\s*|\s+and\s+(?:both\s+)?)?){{1,3}})"
    r"(?:[a-z-]+\s+){0,2}?(?:still\s+|now\s+|quite\s+)?(?P<st>spotless|clean|unmarked|bloody|bloodied|muddy|filthy)\b",
    re.IGNORECASE)
_BODY_STATES = {"spotless": (("stain", "clean"), ("dirt", "clean")), "clean": (("stain", "clean"), ("dirt", "clean")),
                "unmarked": (("stain", "clean"),), "bloody": (("stain", "stained"),),
                "bloodied": (("stain", "stained"),), "muddy": (("dirt", "dirty"),), "filthy": (("dirt", "dirty"),)}
_GARMENT = "|".join(sorted(map(re.escape, (w for w in GARMENT_WORDS if " " not in w)), key=len, reverse=True))
#: "Not a drop of blood down the front of the navy T-shirt", "not a speck of mud on her jeans".
_NOT_A_DROP_ON_RE = re.compile(
    r"\bnot (?:an?|one) (?:single )?(?P<n>mark|drop|spot|stain|speck|smear|trace|fleck)(?: of (?P<of>[a-z]+))?\s+"
    r"(?:on|down|across|anywhere on)\s+(?:the\s+(?:front|back|sleeves?|collar)\s+of\s+)?(?P<det>his|her|their|the)\s+"
    rf"(?:[\w-]+\s+){{0,2}}?(?P<g>{_GARMENT})\b", re.IGNORECASE)
_HAIR_OR_GARMENT = rf"(?:hair|braid|plait|plaits|ponytail|beard|{_GARMENT})"
#: "her bone-dry braid", "his dry overalls" (where the small parser makes the noun a verb).
_POSS_WET_RE = re.compile(rf"\b(?P<poss>his|her)\s+(?:[a-z]+\s+)?(?P<st>bone[- ]dry|soaked|sodden|dripping)\s+"
                          rf"(?:[\w-]+\s+)?{_HAIR_OR_GARMENT}\b", re.IGNORECASE)
#: "Otto drops through it to his chest" (the ice giving way), "she goes through the ice".
_THROUGH_ICE_RE = re.compile(r"\b(?P<who>[A-Z][a-z]+|he|she|He|She)\s+(?:falls?|drops?|goes|plunges?|crashes|breaks|"
                             r"plummets?|sinks?)\s+(?:straight\s+|right\s+)?through\s+(?:it|the\s+(?:[a-z]+\s+)?"
                             r"(?:ice|surface|crust))\b(?=[^.]*\b(?:water|ice|lake|river|chest|waist|neck|shoulders)\b)")
#: "He slides out onto the ice like a seal onto a beach, streaming, and lies there."
_STREAMING_RE = re.compile(r"^(?P<who>He|She)\s+[^,.;]{3,80},\s+(?P<st>streaming|dripping|soaked(?:\s+through)?|"
                           r"drenched|sodden)\s*(?:[.,;]|$)")
#: "snow packed into his collar ..., caked white to the waist".
_SNOW_RE = re.compile(r"\b(?:snow|slush)\s+(?:packed|caked|crusted|plastered|stuffed|jammed)\s+(?:into|in|on|over|"
                      r"down)\s+(?P<poss>his|her)\b(?!\s+(?:moustache|mustache|beard|eyebrows?|brows?|lashes|hair|"
                      r"stubble)\b)|\bcaked\s+(?:white\s+)?with\s+snow\b", re.IGNORECASE)
#: A cheap gate before parsing.
GATE = re.compile(r"\bblood\b|\bdry as a bone\b|\bwater\s+(?:pouring|streaming|running|gushing|sluicing|cascading)\b|\b(?:soak|drench|douse|saturat|swamp)\w*\b|\bbone[- ]dry\b|\bnot (?:an?|one) (?:single )?"
                  r"(?:mark|drop|spot|stain|speck|smear|trace|fleck)\b|\b(?:spotless|clean|unmarked|filthy)\b|, dry\b|"
                  r"\bthrough (?:it|the (?:[a-z]+ )?(?:ice|surface|crust))\b|, (?:streaming|dripping)\b|"
                  r"\b(?:snow|slush) (?:packed|caked|crusted|plastered|stuffed|jammed)\b|\bcaked (?:white )?with snow\b",
                  re.IGNORECASE)


#: "water pouring out of his sleeves", "seawater streaming from her hair": wet through.
_WATER_OUT_OF_RE = re.compile(r"\b(?:sea)?water\s+(?:pouring|streaming|running|gushing|sluicing|cascading)\s+"
                              r"(?:out\s+of|from|off|down)\s+(?P<poss>his|her)\s+(?:[a-z]+\s+)?(?:sleeves?|clothes|"
                              r"hair|boots|coat|jacket|trousers|jeans|overalls|oilskins?|collar|cuffs|skirt|dress|shirt)\b",
                              re.IGNORECASE)


def read(parse: Parse) -> list[Trait]:
    """The states of the set phrases in the module docstring."""
    out: list[Trait] = []
    text = parse.text
    for m in _BLOOD_FROM_RE.finditer(text):
        who, gender = _poss(parse, m.group("poss"), m.start("poss"))
        out.append(Trait("state.face.stain", "stained", m.group(0), m.start(), who, gender, True, how="poss"))
    for v in parse.tokens:
        if v.pos == "VERB" and v.lemma in _SOAK:
            for o in parse.children(v.i, "dobj"):
                if o.character or o.lower in ("him", "her", "them"):
                    out.append(Trait("state.clothes.wet", "wet", text[v.start:o.end], v.start, o.character or None,
                                     _gender(o.lower), True, how="object"))
    m = _AFTER_COMMA_RE.match(text)
    if m:
        name = _token_at(parse, m.start("name"))
        if name is not None and name.character:
            word = m.group("st").lower().replace("bone-", "").replace("bone ", "").split()[0]  # ("dry as a bone": dry)
            dim, value = _AFTER_COMMA[word]
            out.append(Trait(f"state.clothes.{dim}", value, m.group("st"), m.start("st"), name.character, None, False,
                             how="subject"))
    for m in _BODY_STATE_RE.finditer(text):
        parts = {BODY[w.lower()] for w in re.findall(r"[a-z]+", m.group("parts"), re.IGNORECASE) if w.lower() in BODY}
        gender = _gender(m.group("poss").lower())
        for part in sorted(parts):
            for dim, value in _BODY_STATES[m.group("st").lower()]:
                out.append(Trait(f"state.{part}.{dim}", value, m.group(0), m.start(), None, gender, False, how="poss"))
    for m in _POSS_WET_RE.finditer(text):
        word = m.group("st").lower()
        value = "dry" if word.endswith("dry") else "wet"
        out.append(Trait("state.clothes.wet", value, m.group(0)[len(m.group("poss")):].strip(), m.start("st"), None,
                         _gender(m.group("poss").lower()), False, how="poss"))
    for m in _THROUGH_ICE_RE.finditer(text):
        who, gender = _subject(parse, m.group("who"), m.start("who"))
        out.append(Trait("state.clothes.wet", "wet", m.group(0), m.start(), who, gender, True, how="subject"))
    m = _STREAMING_RE.match(text)
    if m:
        out.append(Trait("state.clothes.wet", "wet", m.group("st"), m.start("st"), None,
                         _gender(m.group("who").lower()), False, how="subject"))
    for m in _SNOW_RE.finditer(text):
        gender = _gender(m.group("poss").lower()) if m.group("poss") else None
        out.append(Trait("state.clothes.wet", "wet", m.group(0), m.start(), None, gender, False,
                         how="poss" if gender else "none"))
    for m in _WATER_OUT_OF_RE.finditer(text):
        out.append(Trait("state.clothes.wet", "wet", m.group(0), m.start(), None, _gender(m.group("poss").lower()), True,
                         how="poss"))
    for m in _NOT_A_DROP_ON_RE.finditer(text):
        of = (m.group("of") or "").lower()
        water = of in ("water", "rain", "spray", "river", "sea") or (not of and m.group("n").lower() == "drop")
        dim, value = ("wet", "dry") if water else ("dirt", "clean") if of in ("mud", "dirt", "muck") else ("stain", "clean")
        det = m.group("det").lower()
        out.append(Trait(f"state.clothes.{dim}", value, m.group(0), m.start(), None,
                         _gender(det) if det != "the" else None, False, how="poss" if det != "the" else "near"))
    return out


def _gender(word: str) -> str | None:
    return {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}.get(word)


def _subject(parse: Parse, word: str, start: int) -> tuple[str | None, str | None]:
    """The one a subject word names: a character, or a pronoun's gender."""
    t = _token_at(parse, start)
    if t is not None and t.character:
        return t.character, None
    return None, _gender(word.lower())


def _token_at(parse: Parse, start: int) -> Token | None:
    return next((t for t in parse.tokens if t.start == start), None)


def _poss(parse: Parse, word: str, start: int) -> tuple[str | None, str | None]:
    """The owner a possessive names: a character's name, or a pronoun's gender."""
    t = _token_at(parse, start)
    if t is not None and t.character:
        return t.character, None
    return None, _gender(word.lower())


__all__ = ["GATE", "read"]
