"""Appearance stated in any phrasing, read from parses: "Her eyes are blue", "His hair, a deep grey,".

The lexicon (:func:`continuity.language.lexicon.appearance_in`) finds values written next to
their noun ("pale blue eyes", "red-haired"). Writers also state them as predicates
and appositions, and ages in words; this module reads those from the dependency
parse and says whose they are:

- *Her eyes are blue, unmistakably.* / *His hair is red.* / *Her hair, a deep grey,
  falls loose.*: a colour predicated of (or in apposition to) *hair*, *eyes* or
  *beard*, owned by the possessive on that noun.
- *Josephine has black hair, cut short.*: the subject of *has* owns the hair.
- *Billups is slight.* / *Billups, stocky in build, hunches* / *Steel's stocky
  frame*: a build word predicated of a character, in apposition to one, or
  modifying their *frame*, *build* or *figure*. Build words stay off elsewhere
  ("a slight smile").
- *Josephine is barely twenty* / *in her sixties* / *not yet twenty-one* /
  *well past sixty*: ages in words, said of a character.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from continuity.language.lexicon import BUILDS, EYE_COLOURS, HAIR_COLOURS, NUMBER_WORDS
from continuity.language.parse import Parse, Token

_NOUNS = {"hair": "hair", "eyes": "eyes", "eye": "eyes", "beard": "beard", "moustache": "beard", "mustache": "beard",
          "curls": "hair", "locks": "hair", "mane": "hair", "stubble": "beard"}
_BODY = {"frame", "build", "figure", "physique", "body", "bulk", "shoulders"}
_BUILD_WORDS = {**BUILDS, "slight": "slim", "slim": "slim", "thin": "slim", "bony": "slim", "stocky": "heavy",
                "fat": "heavy", "big": None, "heavy": "heavy", "solid": None}
_DECADES = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
            "eighties": 80, "nineties": 90, "teens": 10}
_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_AGE_RE = re.compile(
    r"(?:\bis|\bwas|,|\baged?)\s+(?:(?:barely|just|only|not yet|nearly|almost|well past|past|over|about|around|"
    r"pushing|at least|easily|maybe|perhaps|probably|no more than|no older than|at most)\s+)?"
    r"(?P<n>(?:" + _TENS + r")(?:[\s-](?:" + _UNITS + r"))?|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen)(?=\s*(?:,|\.|;|!|\band\b|\bbut\b|\byears\b|$))"
    r"|\bin (?:his|her|their) (?:(?P<q>early|mid|late)[\s-]?)?(?P<d>twenties|thirties|forties|fifties|sixties|"
    r"seventies|eighties|nineties|teens)\b",
    re.IGNORECASE,
)

Resolver = Callable[[str], "str | None"]


@dataclass(frozen=True)
class Look:
    """An appearance value read from a parse, with its owner and the writer's words."""

    character: str
    attribute: str
    value: str
    words: str
    start: int


def _colour(attribute: str, word: str) -> str | None:
    table = EYE_COLOURS if attribute == "eyes" else HAIR_COLOURS
    w = word.lower()
    if w in table:
        return table[w] or w
    return None


def _who(t: Token | None, resolve: Resolver) -> str | None:
    if t is None:
        return None
    if t.character:
        return t.character
    if t.lower in _PRONOUNS:
        return resolve(_PRONOUNS[t.lower])
    return None


def _owner_of_noun(parse: Parse, n: Token, resolve: Resolver) -> str | None:
    """Whose hair/eyes/frame: the possessive on it, or the subject of *has*/*with*."""
    for c in parse.children(n.i, "poss"):
        return _who(c, resolve)
    head = parse.head(n.i)
    if n.dep == "dobj" and head.lemma in ("have", "sport", "wear"):
        return _who(parse.subject(head), resolve)
    return None


_WET = frozenset("wet damp soaked sodden dripping drenched sopping plastered slick".split())


def _predicate_words(parse: Parse, n: Token) -> list[Token]:
    """Words said of noun ``n``: its modifiers, its appositions, and its predicate."""
    out = [c for c in parse.children(n.i, "amod", "compound", "appos", "nmod")]
    for a in parse.children(n.i, "appos"):
        out += parse.children(a.i, "amod", "compound")
    if n.dep in ("nsubj", "nsubjpass"):
        v = parse.head(n.i)
        for c in parse.children(v.i, "acomp", "attr", "oprd", "xcomp"):
            out.append(c)
            out += parse.children(c.i, "amod", "compound", "conj")
    # "eyes, cold and blue,": coordinated words are said of it too
    out += [k for w in list(out) for k in parse.children(w.i, "conj")]
    return out


def looks(parse: Parse, resolve: Resolver) -> list[Look]:
    """Appearance values the parse states, with owners (None-owned ones are dropped)."""
    out: list[Look] = []
    for n in parse.tokens:
        attribute = _NOUNS.get(n.lower)
        if attribute:
            owner = _owner_of_noun(parse, n, resolve)
            if owner is None:
                continue
            said = _predicate_words(parse, n)
            if attribute == "eyes" and n.lower == "eye" and any(
                    c.lower in ("left", "right", "black", "purple", "swollen", "bruised") for c in said):
                continue  # "the bruise round his left eye gone almost black", "her black eye": a bruise, not a colour
            wet = any(w.lower in _WET for w in [*said, *parse.tokens])  # (or the sentence: "both drenched, her hair ...")
            for w in said:
                if wet and w.lower in ("dark", "darker", "darkened"):
                    continue  # "hair hangs wet and dark": wet hair darkens, whatever its colour
                value = _colour(attribute, w.text)
                if value:
                    out.append(Look(owner, attribute, value, parse.text[min(n.start, w.start):max(n.end, w.end)],
                                    min(n.start, w.start)))
                    break
        elif n.lower in _BODY:
            owner = _owner_of_noun(parse, n, resolve)
            for w in _predicate_words(parse, n) if owner else ():
                value = _BUILD_WORDS.get(w.lower)
                if value:
                    out.append(Look(owner, "build", value, parse.text[min(n.start, w.start):max(n.end, w.end)],
                                    min(n.start, w.start)))
                    break
        elif _BUILD_WORDS.get(n.lower) and n.pos == "ADJ":
            owner = _build_owner(parse, n, resolve)
            if owner:
                out.append(Look(owner, "build", _BUILD_WORDS[n.lower], n.text, n.start))
    return out


def _build_owner(parse: Parse, adj: Token, resolve: Resolver) -> str | None:
    """Who a build adjective describes: "X is slight", "X, stocky in build,", "slight and slow-moving"."""
    head = parse.head(adj.i)
    if adj.dep in ("acomp", "attr") and head.lemma in ("be", "look", "seem", "remain", "stay"):
        return _who(parse.subject(head), resolve)
    if adj.dep in ("amod", "appos", "conj", "advcl", "acl") and (head.character or head.lower in _PRONOUNS):
        return _who(head, resolve)
    # "Billups, slight and slow-moving, fills the doorway": set off by commas right after the name
    prev = parse.tokens[adj.i - 1] if adj.i > 0 else None
    before = parse.tokens[adj.i - 2] if adj.i > 1 else None
    if prev is not None and prev.text == "," and before is not None and before.character:
        return before.character
    return None


def ages(text: str, parse: Parse, resolve: Resolver) -> list[Look]:
    """Ages in words said of a character: "is barely twenty", "in her sixties", ", not yet twenty-one,"."""
    out = []
    for m in _AGE_RE.finditer(text):
        if m.group("d"):
            decade = _DECADES[m.group("d").lower()]
            value = f"{decade}s"
            owner_tok = next((t for t in parse.tokens if t.start >= m.start() and t.lower in ("his", "her", "their")), None)
            who = _who(owner_tok, resolve) if owner_tok is not None else None
            if who is not None and _someone_else_before(parse, m.start()):
                who = None  # "the DRIVER, a man in his forties": his is the man's
            if who is None:
                who = _subject_before(parse, m.start(), resolve)
        else:
            words = re.split(r"[\s-]+", m.group("n").lower())
            value = str(sum(NUMBER_WORDS.get(w, 0) for w in words))
            who = _subject_before(parse, m.start(), resolve)
        if who:
            words = re.sub(r"^(?:,\s*|(?:is|was|aged?)\s+)", "", m.group(0), flags=re.IGNORECASE)
            out.append(Look(who, "age", value, words, m.start()))
    return out


def _someone_else_before(parse: Parse, start: int) -> bool:
    """A person other than the cast right before ``start`` in its clause ("a man", "the DRIVER,")."""
    for t in reversed([t for t in parse.tokens if t.end <= start][-6:]):
        if t.character or t.lower in ("he", "she"):
            return False
        if t.pos in ("NOUN", "PROPN") and (_PERSON_RE.match(t.lower) or (t.text.isupper() and len(t.text) > 2)):
            return True
    return False


def _subject_before(parse: Parse, start: int, resolve: Resolver) -> str | None:
    """The character the age is said of: the nearest name or subject pronoun before it in its clause."""
    for t in reversed([t for t in parse.tokens if t.end <= start]):
        if t.character or t.lower in ("he", "she"):
            return _who(t, resolve)
        if t.pos == "VERB" and t.lemma not in ("be", "look", "seem"):
            return None
        if t.pos in ("NOUN", "PROPN") and (_PERSON_RE.match(t.lower) or (t.text.isupper() and len(t.text) > 2)):
            return None  # "the DRIVER, a man in his forties": someone else the age is said of
    return None


_PERSON_RE = re.compile(r"^(?:man|woman|men|women|girl|boy|lady|guy|kid|child|stranger|figure|driver|officer|"
                        r"guard|nurse|doctor|waiter|waitress|priest|soldier|clerk|cop|person|people)$")
