"""Who is whose brother, wife or daughter: read from the bible's words about each character.

"family: sister Eva" under Tomas makes Eva Tomas's sister, and so Tomas Eva's brother
(his gender from the script's pronouns). :func:`kin_of` answers "your brother" said to
Eva: the one character who is her brother. Nothing is guessed from surnames.
"""

from __future__ import annotations

import re

from continuity.story.context import Context

_FEMALE = {"sister": "sibling", "wife": "spouse", "mother": "parent", "mum": "parent", "mom": "parent",
           "daughter": "child", "aunt": "auncle", "niece": "nibling", "grandmother": "grandparent",
           "granddaughter": "grandchild"}
_MALE = {"brother": "sibling", "husband": "spouse", "father": "parent", "dad": "parent", "son": "child",
         "uncle": "auncle", "nephew": "nibling", "grandfather": "grandparent", "grandson": "grandchild"}
_INVERSE = {"sibling": "sibling", "spouse": "spouse", "parent": "child", "child": "parent", "auncle": "nibling",
            "nibling": "auncle", "grandparent": "grandchild", "grandchild": "grandparent"}
#: Words for a child that say no gender: "my kid's thirteen".
_EITHER = {"kid": "child", "child": "child"}
WORDS = {**_FEMALE, **_MALE, **_EITHER}
_REL_RE = re.compile(r"\b(?P<rel>" + "|".join(sorted(WORDS, key=len, reverse=True)) + r")s?\b,?\s+(?:of\s+)?"
                     r"(?P<name>[A-Z][a-z]+)", re.IGNORECASE)


def _relations(ctx: Context) -> set[tuple[str, str, str]]:
    """(a, kind, b): b is a's sibling, spouse, parent...: "family: sister Eva" under TOMAS gives (TOMAS, sibling, EVA)."""
    out: set[tuple[str, str, str]] = set()
    if not ctx.explicit_bible:
        return out
    for c in ctx.bible.characters:
        a = ctx.cue_of.get(c.name, c.name)
        texts = [str(v) for v in c.attributes.values()] + [c.description or "", c.notes or ""]
        for text in texts:
            for m in _REL_RE.finditer(text):
                b = ctx.cast.surface.get(m.group("name").upper())
                if b and b != a:
                    kind = WORDS[m.group("rel").lower()]
                    out.add((a, kind, b))
                    out.add((b, _INVERSE[kind], a))
    return out


def kin_of(ctx: Context, person: str, word: str) -> str | None:
    """The one character who is ``person``'s ``word`` ("brother"), by the bible, of the word's gender if known."""
    kind = WORDS.get(word.lower())
    if kind is None:
        return None
    gender = "f" if word.lower() in _FEMALE else None if word.lower() in _EITHER else "m"
    found = {b for a, k, b in ctx.shared("kin", lambda: _relations(ctx)) if a == person and k == kind and
             (gender is None or ctx.cast.gender.get(b) in (None, gender))}
    return found.pop() if len(found) == 1 else None


__all__ = ["WORDS", "kin_of"]
