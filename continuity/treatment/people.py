"""Who the bible's characters are to a reader: the names they answer to, their ages and builds, their kin.

:class:`People` is what the reader checks (:mod:`continuity.treatment.reader`) know of
the cast: every form of every name as prose writes it ("Nell", "Nell Macrae",
"Macrae"), the age and build the bible gives, and the family ties the bible's
descriptions state ("Nell's grandson, seventeen" makes RORY the grandchild of NELL).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from continuity.bible.model import Bible

#: Kin words -> (what the described is, what the owner is to them).
KIN = {
    **dict.fromkeys(["grandson", "granddaughter", "grandchild"], ("grandchild", "grandparent")),
    **dict.fromkeys(["grandmother", "grandfather", "grandma", "grandpa", "gran", "granny", "grandparent", "nan"],
                    ("grandparent", "grandchild")),
    **dict.fromkeys(["son", "daughter", "child", "boy", "girl"], ("child", "parent")),
    **dict.fromkeys(["mother", "father", "mum", "mom", "dad", "mam", "parent"], ("parent", "child")),
    **dict.fromkeys(["brother", "sister", "twin", "sibling"], ("sibling", "sibling")),
    **dict.fromkeys(["wife", "husband", "spouse", "partner", "fiancé", "fiancee", "fiance", "girlfriend", "boyfriend"],
                    ("spouse", "spouse")),
    **dict.fromkeys(["nephew", "niece"], ("nibling", "aunt or uncle")),
    **dict.fromkeys(["aunt", "uncle", "auntie"], ("aunt or uncle", "nibling")),
    **dict.fromkeys(["cousin"], ("cousin", "cousin")),
}
#: Ties within which romance is never what the bible means.
BLOOD = {"grandchild", "grandparent", "child", "parent", "sibling", "nibling", "aunt or uncle"}
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
                 "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
                 "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_DECADES = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
            "eighties": 80, "nineties": 90, "teens": 13}
_AGE_RE = re.compile(r"\b(\d{1,3})(s)?\b|\b(" + "|".join(sorted([*_NUMBER_WORDS, *_DECADES], key=len, reverse=True))
                     + r")\b", re.IGNORECASE)


def age_span(text: str) -> tuple[int, int] | None:
    """The ages a phrase allows: ``"17"`` (17, 17), ``"60s"`` or ``"sixties"`` (60, 69), ``"seventy"`` (70, 70)."""
    m = _AGE_RE.search(str(text))
    if not m:
        return None
    if m.group(1):
        n = int(m.group(1))
        return (n, n + 9) if m.group(2) else (n, n)
    word = m.group(3).lower()
    if word in _DECADES:
        n = _DECADES[word]
        return (n, n + 6 if word == "teens" else n + 9)
    return (_NUMBER_WORDS[word], _NUMBER_WORDS[word])


@dataclass(frozen=True)
class Person:
    """One character as a reader meets them.

    Attributes:
        name: the cue name (``NELL``).
        forms: the names prose calls them by, title case, longest first (``Nell Macrae``, ``Macrae``, ``Nell``).
        age: the bible's age, as written (``60s``), or "".
        build: the bible's build (``stocky``), or "".
    """

    name: str
    forms: tuple[str, ...]
    age: str = ""
    build: str = ""

    @property
    def ages(self) -> tuple[int, int] | None:
        """The ages the bible allows them."""
        return age_span(self.age) if self.age else None


@dataclass(frozen=True)
class People:
    """The bible's characters and the ties between them (see the module docstring)."""

    persons: tuple[Person, ...] = ()
    #: ``(a, b, what a is to b)``: ``("RORY", "NELL", "grandchild")``, and the inverse.
    ties: tuple[tuple[str, str, str], ...] = ()

    @classmethod
    def of(cls, bible: Bible | None) -> People:
        """The people of ``bible`` (no one without one)."""
        if bible is None:
            return cls()
        persons = []
        for ch in bible.characters:
            forms: list[str] = [ch.name.title()]
            for alias in ch.aliases:
                forms.append(alias.title() if alias.isupper() else alias)
                parts = alias.split()
                if len(parts) > 1 and parts[0].upper() not in ("YOUNG", "OLD", "MR", "MRS", "MS", "DR", "MISS"):
                    forms += [parts[0].title(), parts[-1].title()]
            persons.append(Person(name=ch.name, forms=tuple(sorted(dict.fromkeys(forms), key=len, reverse=True)),
                                  age=str(ch.attributes.get("age", "") or ""),
                                  build=str(ch.attributes.get("build", "") or "").lower()))
        people = cls(persons=tuple(persons))
        ties: list[tuple[str, str, str]] = []
        for ch in bible.characters:
            for owner, word in people._kin_in(ch.description or ""):
                if owner == ch.name:
                    continue
                mine, theirs = KIN[word]
                ties += [(ch.name, owner, mine), (owner, ch.name, theirs)]
        return cls(persons=people.persons, ties=tuple(dict.fromkeys(ties)))

    def _kin_in(self, text: str) -> list[tuple[str, str]]:
        """``(owner, kin word)`` for each "Nell's grandson" in ``text``."""
        out = []
        for p in self.persons:
            for form in p.forms:
                rx = re.compile(rf"(?<![\w'-]){re.escape(form)}['\u2019]s\s+(?:\w+\s+)?(?P<kin>{'|'.join(KIN)})\b",
                                re.IGNORECASE)
                out += [(p.name, m.group("kin").lower()) for m in rx.finditer(text)]
        return out

    def person(self, name: str) -> Person | None:
        """The person whose cue name is ``name``."""
        return next((p for p in self.persons if p.name == name), None)

    def forms(self) -> dict[str, str]:
        """Every name form (lower case) -> the cue name it belongs to (a form two people share is left out)."""
        out: dict[str, str] = {}
        shared: set[str] = set()
        for p in self.persons:
            for f in p.forms:
                key = f.lower()
                if key in out and out[key] != p.name:
                    shared.add(key)
                out.setdefault(key, p.name)
        return {k: v for k, v in out.items() if k not in shared}

    def who(self, word: str) -> str | None:
        """The cue name a name form belongs to."""
        return self.forms().get(word.lower())

    def tie(self, a: str, b: str) -> str | None:
        """What ``a`` is to ``b`` by the bible (``grandchild``), or None when it says nothing."""
        return next((kind for x, y, kind in self.ties if x == a and y == b), None)

    def has_ties(self, name: str) -> bool:
        """Whether the bible states any family tie of ``name``."""
        return any(x == name for x, _, _ in self.ties)


__all__ = ["BLOOD", "KIN", "People", "Person", "age_span"]
