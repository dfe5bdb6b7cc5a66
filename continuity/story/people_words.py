"""Word tables and small readings of :mod:`continuity.story.people`: clothes said to be other ones, a trait's
clause, a bible key's time, a beard taken off in the same breath, what is only imagined."""

from __future__ import annotations

import re

from continuity.language import traits as tr

#: Dressed in other clothes: "in clean jeans", "in a dry jersey", "in borrowed overalls".
#: ("in a clean grey coat" alone, the same night, is the slip: the other clothes must be said to be other)
IN_FRESH_RE = re.compile(r"\bin\s+(?:(?:a|an|his|her|their|some|clean|dry)\s+)*(?:fresh|borrowed|spare|"
                          r"someone\s+else's|[A-Z][a-z]+'s)\b|\bin\s+(?:(?:a|an|his|her|their|some|clean|dry)\s+)*"
                          r"(?:[\w-]+\s+){0,2}?[\w-]+\s+(?:borrowed|lent)\s+from\b")


ON_THE_PART_RE = re.compile(r"\b(?:over|on|across|to)\s+the\s+(?:left|right)\b", re.IGNORECASE)


DATED_KEY_RE = re.compile(r"\s*\b(?:until|till|up to|before|through|from|after|since|in)\b.*$", re.IGNORECASE)


HAIR_WORDS_RE = re.compile(r"\b(?:hair|braids?|plaits?|ponytail|curls|locks|fringe|bun|mane|beard)\b", re.IGNORECASE)


def clause_of(text: str, start: int, words: str) -> str:
    """The words of a trait with the clause before them ("her braid still dark and damp" for "damp")."""
    return text[text.rfind(",", 0, max(0, start)) + 1: max(0, start) + len(words)]


def undated(key: str | None) -> str | None:
    """"hair until scene 11" is about hair: the key without the time it holds for."""
    if not key:
        return key
    return DATED_KEY_RE.sub("", key).strip() or key


#: Words after a beard that take it off in the same breath: "the beard and takes it off", ", then shaves it away".
TAKEN_OFF_AFTER_RE = re.compile(r"[^.;]{0,40}?\b(?:takes?|shaves?|scrapes?|cuts?|hacks?|razors?|strips?)\s+"
                                 r"(?:it|them|the lot|the whole thing|all of it)\s+(?:off|away|clean)\b", re.IGNORECASE)


MOUSTACHE_ONLY_RE = re.compile(r"\b(?:moustache|mustache|tache)\b", re.IGNORECASE)
MORE_HAIR_RE = re.compile(r"\b(?:beard|bearded|goatee|stubble|whiskers|sideburns|chops|bristles?|scene|sc|until|from|"
                           r"grows?|growing|shaves?|shaved|sometimes|later)\b", re.IGNORECASE)


def as_change(t: tr.Trait) -> tr.Trait:
    return tr.Trait(t.key, t.value, t.words, t.start, t.owner, t.pronoun, True, t.negated, t.how)


def imagined(text: str, at: int) -> bool:
    """Whether ``at`` falls in a clause of what is not there: "as if looking for the moustache", "misses her braid"."""
    if at < 0:
        return False
    clause = re.split(r"[.;!?]|\s--?\s", text[:at])[-1]
    return bool(IMAGINED_RE.search(clause))


IMAGINED_RE = re.compile(r"\b(?:as if|as though|looking for|feels? for|misses|missing|reaches? for (?:the|a) "
                          r"(?:ghost|memory))\b", re.IGNORECASE)



#: Glasses the bible has on at all times: "always worn", "never without them" (not "off only to sleep").
ALWAYS_ON_RE = re.compile(r"\b(?:always|never without|at all times|constantly)\b(?![^.;]*\b(?:except|but|off|unless)\b)",
                          re.IGNORECASE)


__all__ = ["ALWAYS_ON_RE", "DATED_KEY_RE", "HAIR_WORDS_RE", "IMAGINED_RE", "IN_FRESH_RE", "MORE_HAIR_RE", "MOUSTACHE_ONLY_RE", "ON_THE_PART_RE", "TAKEN_OFF_AFTER_RE", "as_change", "clause_of", "imagined", "undated"]
