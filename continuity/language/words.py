"""Small grammar helpers for messages: counts with the right noun form, and "a"/"an".

Every message that puts a number before a noun goes through :func:`plural`, so
"1 finding" and "2 findings" are both right; ``tests/test_grammar.py`` checks the
sources for counts that do not.
"""

from __future__ import annotations

import re

# Irregular and -y plurals the messages use; anything else takes "s" (or "es").
_IRREGULAR = {"person": "people", "child": "children", "property": "properties", "entry": "entries",
              "category": "categories", "story": "stories", "analysis": "analyses", "index": "indexes"}
_SIBILANT_RE = re.compile(r"(?:s|x|z|ch|sh)$")
_VOWEL_SOUND_RE = re.compile(r"^(?:[aei]|o(?!ne\b|nce\b)|u(?!ni|se|su|tr|ro)|hour|honest|heir)", re.IGNORECASE)


def plural_of(noun: str) -> str:
    """The plural of ``noun`` (the last word of a phrase): ``prop`` -> ``props``, ``costume change`` -> ``costume changes``."""
    head, _, last = noun.rpartition(" ")
    low = last.lower()
    if low in _IRREGULAR:
        word = _IRREGULAR[low]
    elif low.endswith("y") and len(low) > 1 and low[-2] not in "aeiou":
        word = last[:-1] + "ies"
    elif _SIBILANT_RE.search(low):
        word = last + "es"
    else:
        word = last + "s"
    return f"{head} {word}" if head else word


def plural(n: int, noun: str, plural_form: str | None = None) -> str:
    """``1 finding``, ``0 findings``, ``2 findings`` (``plural_form`` when the plural is irregular)."""
    return f"{n} {noun if n == 1 else (plural_form or plural_of(noun))}"


def noun(n: int, singular: str, plural_form: str | None = None) -> str:
    """The noun alone, agreeing with ``n``: for ``f"{n} {noun(n, 'finding')} hidden"``."""
    return singular if n == 1 else (plural_form or plural_of(singular))


def article(word: str) -> str:
    """``a`` or ``an`` for ``word`` by its sound: ``an appearance``, ``a wardrobe``, ``an hour``, ``a user``."""
    return "an" if _VOWEL_SOUND_RE.match(word.strip()) else "a"


def with_article(word: str) -> str:
    """``an appearance finding``."""
    return f"{article(word)} {word}"


__all__ = ["plural", "plural_of", "noun", "article", "with_article"]
