"""Changes to hair told through a pronoun: "The left half of his beard is a ruin. He shaves the whole thing off."

The trait reader reads one sentence; a change whose object is *it*, *them* or *the
whole thing* names its hair in a sentence before. This module finds that noun in
the same paragraph (the sentences just before, in the same scene) and says what
the change makes of it: a beard or moustache shaved off is gone; a braid, a
ponytail or the hair cut off or hacked away is short.
"""

from __future__ import annotations

import re

from continuity.language import traits as tr
from continuity.language.parse import Parse

_SHAVE = {"shave"}
_CUT = {"cut", "chop", "hack", "saw", "lop", "shear", "snip", "crop"}
_REFERRING = {"it", "them", "thing", "lot"}
_GENDER = {"he": "m", "she": "f"}
#: A sentence that may change hair through a pronoun (a cheap test before parsing).
MAY_REFER_RE = re.compile(r"\b(?:shav|cut|chop|hack|saw|lop|shear|snip|crop|razor|clippers)\w*\b[^.]*?\b(?:it|them|thing|lot)\b",
                          re.IGNORECASE)
#: "draws the razor through it", "runs the clippers over them": a shave told by the tool.
_TOOLS = {"razor", "clippers", "blade", "shaver"}
_TOOL_VERBS = {"draw", "run", "take", "put", "drag", "pull", "scrape", "sweep"}
_NOUN_RE = re.compile(r"\b(beard|moustache|mustache|stubble|goatee|whiskers|sideburns|braid|braids|plait|plaits|"
                      r"ponytail|pony-tail|pigtails|hair|locks|mane|curls)\b", re.IGNORECASE)


def pronoun_changes(parse: Parse, before: list[str]) -> list[tr.Trait]:
    """Hair changed through a pronoun in ``parse``, its noun found in ``before`` (earlier sentences, nearest last)."""
    out: list[tr.Trait] = []
    for v in parse.tokens:
        if v.pos == "VERB" and v.lemma in _TOOL_VERBS and any(o.lower in _TOOLS for o in parse.children(v.i, "dobj")):
            out += _shaved_with(parse, v, before)
            continue
        if v.pos != "VERB" or v.lemma not in _SHAVE | _CUT:
            continue
        objs = [o for o in parse.children(v.i, "dobj") if o.lower in _REFERRING]
        if not objs:
            continue
        if v.lemma in _CUT and not {c.lower for c in parse.children(v.i, "prt", "advmod")} & {"off", "away", "short"}:
            continue  # "cuts it" (the cake, the rope): only "cuts it off" is a haircut
        noun = _antecedent(before)
        if noun is None:
            continue
        subj = parse.subject(v)
        owner = subj.character if subj is not None else None
        pronoun = _GENDER.get(subj.lower) if subj is not None and not owner else None
        words = parse.text[v.start:objs[-1].start + len(objs[-1].text)]
        how = "subject" if subj is not None else "none"
        facial = tr.FACIAL.get(noun)
        if facial and v.lemma in _SHAVE | {"cut", "trim"}:
            out.append(tr.Trait(facial, "none", words, v.start, owner, pronoun, True, how=how))
        elif not facial and v.lemma in _CUT:
            out.append(tr.Trait("hair.length", "short", words, v.start, owner, pronoun, True, how=how))
    return out


def _shaved_with(parse: Parse, v, before: list[str]) -> list[tr.Trait]:
    """"He looks at his moustache ..., then draws the razor through it": the moustache is gone."""
    for prep in parse.children(v.i, "prep"):
        if prep.lower not in ("through", "over", "across", "to"):
            continue
        for o in parse.children(prep.i, "pobj"):
            noun = o.lower if _NOUN_RE.fullmatch(o.lower) else (
                _antecedent([*before, parse.text[:v.start]]) if o.lower in _REFERRING else None)
            facial = tr.FACIAL.get(noun or "")
            if not facial:
                continue
            subj = parse.subject(v)
            owner = subj.character if subj is not None else None
            pronoun = _GENDER.get(subj.lower) if subj is not None and not owner else None
            return [tr.Trait(facial, "none", parse.text[v.start:o.end], v.start, owner, pronoun, True,
                             how="subject" if subj is not None else "none")]
    return []


def _antecedent(before: list[str]) -> str | None:
    """The hair word the nearest earlier sentence names, in its canonical spelling."""
    for text in reversed(before):
        found = _NOUN_RE.findall(text)
        if found:
            return found[-1].lower()
    return None
