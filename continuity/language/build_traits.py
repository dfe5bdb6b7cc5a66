"""The body as a whole: build and height words ("stocky", "tall"), and a limp with its side.

Split from :mod:`continuity.language.body_traits`; :mod:`continuity.language.traits` calls these.
"""

from __future__ import annotations

from continuity.language.parse import Parse, Token
from continuity.language.trait_grammar import _adj_owner, _owner, _words
from continuity.language.trait_words import (
    _PRONOUNS,
    FACIAL,
    GARMENT_WORDS,
    GIRTHS,
    HAIR_NOUNS,
    HEIGHTS,
    SIDES,
    Trait,
)


def _body_words(parse: Parse, adj: Token, about_one: bool = False) -> list[Trait]:
    head = parse.head(adj.i)
    while head.dep == "compound" and head.head != head.i:  # "short black bob": black is bob's
        head = parse.head(head.i)
    if adj.dep == "amod" and head.i != adj.i and (head.lower in HAIR_NOUNS or head.lower in FACIAL and adj.i < head.i or
                                                  head.lower.split()[-1] in GARMENT_WORDS):
        return []  # "Nora, short black bob, sits": the bob is short, not Nora ("a short ginger beard": the beard)
    who, gender, owner_tok = _adj_owner(parse, adj)
    if owner_tok is None and not (about_one and adj.dep in ("ROOT", "amod", "conj", "nsubj", "dep", "npadvmod")
                                  and (adj.dep != "amod" or not parse.head(adj.i).pos == "NOUN")):
        return []
    out = []
    low = adj.lower
    girth = GIRTHS.get(low)
    if girth:
        out.append(Trait("build", girth, adj.text, adj.start, who, gender, False))
    height = HEIGHTS.get(low)
    if height and not (low in ("big", "huge", "enormous") and owner_tok is not None and owner_tok.lower in _PRONOUNS):
        out.append(Trait("height", height, adj.text, adj.start, who, gender, False))
    return out


def _limp(parse: Parse, t: Token) -> list[Trait]:
    """"favouring his left leg", "limping on her right leg", "his limp (right leg)"."""
    for c in [*parse.children(t.i, "dobj"), *[p for prep in parse.children(t.i, "prep")
                                               for p in parse.children(prep.i, "pobj")]]:
        if c.lower in ("leg", "foot", "knee", "ankle", "hip"):
            for m in parse.children(c.i, "amod", "compound"):
                if m.lower in SIDES:
                    who, gender, _ = _owner(parse, c)
                    if who is None and gender is None:
                        subj = parse.subject(t) if t.pos == "VERB" else None
                        if subj is not None:
                            who, gender = subj.character, _PRONOUNS.get(subj.lower)
                    return [Trait("side.injury.leg", SIDES[m.lower], _words(parse, t, c), t.start, who, gender, False,
                                  how="parse")]
    return []
