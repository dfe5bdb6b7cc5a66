"""Names in dialogue: who a line speaks to, who a speaker says she is, and names spelt wrong.

Pure string functions shared by the generation verifier's reader checks
(:mod:`continuity.treatment.reader`) and the audit's address check
(:mod:`continuity.checks.address`):

- :func:`vocatives`: the names a line calls someone by ("Nell, please.", "Hold it still, June.");
- :func:`self_names`: the names a speaker gives herself ("I'm Rory.", "My name is Tam.");
- :func:`misspelling_of`: the name a word is a slip of ("Norah" for Nora, "Cicely" for Cecily),
  judged by edit distance with a vowel for a vowel counting half;
- :func:`near_miss`: whether a cue is a misspelling of a known cue (``MARRA`` for ``MARA``);
- :class:`NameIndex`: the known names a word may be a slip of, found without a scan of them all.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from rapidfuzz.distance import DamerauLevenshtein, Levenshtein

_NAME = r"[A-Z][a-z]+(?:['\-][A-Za-z]+)?"
#: A name that opens a line or a sentence and is followed by a comma, or a call ("Rory!").
_VOCATIVE_START_RE = re.compile(rf"(?:^|[.!?]\s+|\b(?:Oh|Ah|Hey|Please|Yes|No|Well|Look|Listen|Come on|Thanks|Thank you),?\s+)"
                                rf"(?P<name>{_NAME})(?=\s*(?:,|!|\?|\.\.\.|\s*$))")
#: A name that closes a clause after a comma: "Hold it still, June." "Thank you, Mr. Hale."
_VOCATIVE_END_RE = re.compile(rf",\s+(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+)?(?P<name>{_NAME})(?=\s*(?:[.!?;]|$|,\s+[a-z]))")
_SELF_RE = re.compile(rf"\b(?:I'm|I am|I’m|[Mm]y name is|[Mm]y name's|[Cc]all me|[Ii]t's me,?|[Tt]his is)\s+(?P<name>{_NAME})\b")
_VOWELS = set("aeiouy")
#: Capitalised words that are not names when they open a line with a comma.
_NOT_NAMES = {"Yes", "No", "Oh", "Ah", "Well", "Look", "Listen", "Please", "Hey", "Okay", "Ok", "So", "Now", "Then",
              "Right", "Sorry", "Thanks", "Sure", "Fine", "Good", "God", "Christ", "Jesus", "Here", "There", "Still",
              "Wait", "Stop", "Come", "Go", "Hello", "Hi", "Aye", "Och", "Mm", "Hmm", "Honestly", "Maybe", "Anyway",
              "Besides", "Later", "Again", "Today", "Tonight", "Tomorrow", "Yesterday", "Enough", "Quiet", "Easy",
              "Careful", "Steady", "Together", "Once", "Twice", "Also", "Actually", "Really", "Seriously", "Just",
              "Otherwise", "Sometimes", "Perhaps", "Sir", "Madam", "Ma'am", "Mum", "Mom", "Dad",
              "Gran", "Grandma", "Granny", "Grandpa", "Son", "Love", "Darling", "Dear", "Mate", "Lad", "Lass",
              "Boss", "Captain", "Skipper", "Doctor", "Nurse", "Officer", "Everyone", "Everybody", "Nobody", "Anyone",
              "Someone", "Somebody", "Nothing", "Everything", "Something", "Always", "Never", "Not", "But", "And",
              "Or", "If", "When", "Because", "After", "Before", "Until", "Since", "Too", "Very"}


def vocatives(text: str) -> list[tuple[str, int]]:
    """``(name, offset)`` for each capitalised word a line calls someone by.

    A word opening the line or a sentence and followed by a comma, ``!`` or ``?``
    ("Nell, please.", "Rory!", "June? Are you there?"; a name alone with ``?`` at the
    end of the line asks about someone), or closing a clause after a comma ("Hold it
    still, June."). Common words in those places ("Yes,", "Look,", ", please") are not names.
    """
    out: dict[int, str] = {}
    for rx in (_VOCATIVE_START_RE, _VOCATIVE_END_RE):
        for m in rx.finditer(text):
            name = m.group("name")
            after = text[m.end("name"):].strip()
            before = re.split(r"[.!?]\s+", text[: m.start("name")])[-1].strip(" ,")
            if name in _NOT_NAMES or (after.startswith("?") and not after[1:].strip() and not before):
                continue  # "Nak?" alone asks about someone, it does not call them
            if re.match(r",\s+to\s+(?:his|her|their|my|your|the)?\s*(?:friends|family|mates|pals|mum|mom|dad|kids)\b",
                        text[m.end("name"):], re.IGNORECASE):
                continue  # "Eleanor Okafor ... Nell, to her friends.": what she is called, not a call
            out.setdefault(m.start("name"), name)
    return [(name, at) for at, name in sorted(out.items())]


def self_names(text: str) -> list[str]:
    """The names a speaker gives herself: "I'm Rory", "my name is Tam", "call me Nell", "it's me, Nell"."""
    return [m.group("name") for m in _SELF_RE.finditer(text) if m.group("name") not in _NOT_NAMES]


def name_distance(a: str, b: str) -> float:
    """Edit distance between two names, case-blind, a vowel written for another vowel counting half."""
    a, b = a.lower(), b.lower()
    ops = Levenshtein.editops(a, b)
    cost = 0.0
    for op in ops:
        if op.tag == "replace" and a[op.src_pos] in _VOWELS and b[op.dest_pos] in _VOWELS:
            cost += 0.5
        else:
            cost += 1.0
    return cost


def misspelling_of(word: str, forms: Iterable[str], *, short_slips: bool = False) -> str | None:
    """The one name of ``forms`` that ``word`` is a slip of, or None.

    A slip keeps the first letter and is at most one edit away (two vowel-for-vowel
    swaps count as one: "Cicely" for "Cecily"); a name of three letters only takes an
    added letter ("Theo" for "Teo"). A word that extends or shortens a name is a
    nickname ("Claude" for "Claudette", "Dan" for "Daniel"), not a slip; a word that is
    itself one of the names is no slip; nor is a slip that fits two names. With
    ``short_slips`` (generated text, where a name has no nicknames the bible does not
    give), one letter short is a slip too ("Edi" for "Edie"). One letter
    added at the end is a slip ("Norah" for "Nora", "Tomasz" for "Tomas") unless it
    makes a pet name or a plural ("Jony", "Nells").
    """
    low = word.lower()
    hits = set()
    names = {f.lower(): f for f in forms if f}
    if low in names:
        return None
    for key, form in names.items():
        if len(key) < 3 or key[0] != low[0]:
            continue
        if key.startswith(low):
            if len(key) - len(low) == 1 and len(low) >= 3 and (short_slips or key[-1] == key[-2]):
                hits.add(form)  # "Fin" for "Finn": a doubled letter dropped is a slip, not a nickname
            continue
        if low.startswith(key) and (len(low) - len(key) > 1 or (low[-1] in "ys" and not key.endswith("s"))):
            continue  # ("Nells" is a plural; "Agness" doubles the s that "Agnes" ends in)
        if len(key) == 3:
            if len(low) == 4 and name_distance(low, key) == 1 and len(Levenshtein.editops(low, key)) == 1:
                hits.add(form)
            continue
        if name_distance(low, key) <= 1.0:
            hits.add(form)
    return hits.pop() if len(hits) == 1 else None


def _max_edits(name: str) -> int:
    return 1 if len(name) < 8 else 2


def _sound(name: str) -> str:
    """A name as it is said, roughly: ks/cks/x, ph/f, ck/k, z/s, eau/o alike, a final vowel-ce as s, doubled
    letters once, a silent final e dropped and a final ie, ey or ee said as y (MALONE and MALLON, DOTTIE and DOTTY), a long
    a written a-e, ai or ay alike (QUADE and QUAID)."""
    s = name.upper()
    for a, b in (("CKS", "X"), ("KS", "X"), ("PH", "F"), ("CK", "K"), ("Z", "S"), ("EAU", "O")):
        s = s.replace(a, b)
    s = re.sub(r"(?<=[AEIOU])CE$", "S", s)  # HOLLACE and HOLLIS
    s = re.sub(r"(?<![AEIO])A([^AEIOUYW])E$", r"AI\1", s).replace("AY", "AI")  # QUADE and QUAID, GRAYSON/GRAISON
    s = re.sub(r"(.)\1+", r"\1", s)
    if len(s) > 4:
        s = re.sub(r"(?<=[^AEIOUY\s])E$", "", s)
    if len(s) > 3:
        s = re.sub(r"(?:IE|EY|EE)$", "Y", s)
    return s


def sounds_alike(name: str, known: str) -> bool:
    """Two different spellings said the same, with the same first letter (ROS and ROZ)."""
    return name != known and name[:1] == known[:1] and _sound(name) == _sound(known)


def near_miss(name: str, known: str) -> bool:
    """Whether ``name`` looks like a misspelling of ``known`` (and is not it)."""
    if name == known or len(name) < 3 or len(known) < 4:
        return False
    a, b = name.split(), known.split()
    if len(a) != len(b):
        return False  # "YOUNG EDWARD" is another character, not a typo
    d = DamerauLevenshtein.distance(name, known)
    if d > _max_edits(known) and name[0] == known[0] and (_sound(name) == _sound(known) or len(known) >= 5 and (
            name_distance(_sound(name), _sound(known)) <= 0.5)):
        return True  # FELIKS for FELIX, STEPHAN for STEFAN, HOLLACE for HOLLIS: spelt another way, said (nearly) the same
    if d == 0 or d > _max_edits(known):
        return False
    if _plural_pair(name, known):
        return False  # NURSES are not a misspelling of NURSE
    # Digits or a different first letter usually mean another person (GUARD 1/2).
    if re.sub(r"\D", "", name) != re.sub(r"\D", "", known):
        return False
    return name[0] == known[0]


class NameIndex:
    """Names bucketed by first letter and length: slip candidates without a scan of them all.

    Every slip test here (:func:`near_miss`, :func:`misspelling_of`) needs the same
    first letter and at most two edits, so a length within two: only five buckets are
    compared, and a bible of 60,000 names costs a look-up, not 60,000 comparisons, per word.
    """

    def __init__(self, names: Iterable[str]) -> None:
        self._buckets: dict[tuple[str, int], list[tuple[int, str]]] = {}
        for i, name in enumerate(names):
            self._buckets.setdefault((name[:1].upper(), len(name)), []).append((i, name))

    def near(self, name: str, test: Callable[[str, str], bool] = lambda a, b: near_miss(a, b)) -> list[str]:
        """The names ``test(name, known)`` accepts (by default :func:`near_miss`), in the order they were given."""
        first = name[:1].upper()
        hits = [(i, known) for n in range(len(name) - 2, len(name) + 3)
                for i, known in self._buckets.get((first, n), ()) if test(name, known)]
        return [known for _, known in sorted(hits)]


def _plural_pair(a: str, b: str) -> bool:
    """Whether one name is the other's plural: GIRL/GIRLS, NURSE/NURSES, POLICEMAN/POLICEMEN."""
    from continuity.language.words import plural_of

    one, many = sorted((a.lower(), b.lower()), key=len)
    if plural_of(one) == many or (one + "s" == many and not one.endswith("s")):  # AGNESS is no plural of AGNES
        return True
    return len(a) == len(b) and {a[-3:].lower(), b[-3:].lower()} == {"man", "men"} and a[:-3] == b[:-3]


__all__ = ["NameIndex", "misspelling_of", "name_distance", "near_miss", "self_names", "vocatives"]
