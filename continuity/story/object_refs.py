"""Objects named in a sentence: what a noun or an ``it`` refers to, and when two mentions are one thing.

:func:`object_ref` reads the object a token names (its head noun, modifiers, owner;
a pronoun through its antecedent), :func:`main_object` the one a following ``it``
most likely means, and :func:`same_object` whether two references can name one
object. :mod:`continuity.story.objects` reads what happens to them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from continuity.language.lexicon import COLOUR_GROUP
from continuity.language.parse import Parse, Token
from continuity.story.object_words import (
    INDEFINITE,
    NOT_PROPS,
    OBJECT_PRONOUNS,
    REMAINS_NOUN,
    SPECIFIC_WITH_DEFINITE,
)


@dataclass(frozen=True)
class ObjectRef:
    """An object named in a sentence.

    Attributes:
        head: the head noun's lemma (``globe``).
        modifiers: compound nouns before it (``("snow",)``).
        adjectives: adjectives on it (colours, materials).
        owner: the cast member named as its owner (``Will's phone``), if any.
        words: the writer's words for it (``the snow globe``, ``It``).
        indefinite: named as a new one (``a``, ``another``, ``new``...).
        plural: a plural noun (for the message's grammar).
        token: its token index in the sentence.
        possessed: named with an owner, a name or a pronoun (``her phone``): portable.
        exact: only a mention with the same modifiers names it.
    """

    head: str
    modifiers: tuple[str, ...]
    adjectives: tuple[str, ...]
    owner: str | None
    words: str
    indefinite: bool
    plural: bool
    token: int
    possessed: bool = False
    exact: bool = False  # only a mention with the same modifiers is it ("the RSVP card" posted in its envelope)

    @property
    def name(self) -> str:
        """The object's name: modifiers and head (``snow globe``)."""
        return " ".join((*self.modifiers, self.head))


#: Nouns for one kind of thing, as one head: "her mobile" is the phone she lost.
SAME_THING = {"mobile": "phone", "cellphone": "phone", "smartphone": "phone", "handset": "phone",
              "iphone": "phone", "telephone": "phone", "automobile": "car", "motorcar": "car", "pistol": "gun",
              "revolver": "gun", "handgun": "gun"}


def object_ref(parse: Parse, i: int, antecedent: ObjectRef | _Antecedents | None = None,
               props: frozenset[str] = frozenset()) -> ObjectRef | None:
    """The object named by token ``i`` (a noun, or a pronoun resolved to ``antecedent``).

    ``props``: names the bible lists as props (lower case): a capitalised one is a thing
    ("his brass Zippo", "the Graflex"), not a person.
    """
    t = parse.tokens[i]
    if t.lower in OBJECT_PRONOUNS and t.pos == "PRON":
        if isinstance(antecedent, _Antecedents):
            antecedent = antecedent.at(i)
        if antecedent is None:
            return None
        return ObjectRef(antecedent.head, antecedent.modifiers, antecedent.adjectives, antecedent.owner, t.text,
                         False, antecedent.plural, i, antecedent.possessed)
    if t.pos not in ("NOUN", "PROPN") or t.character is not None:
        return None
    nxt = parse.tokens[i + 1] if i + 1 < len(parse.tokens) else None
    if nxt is not None and nxt.lower in COLOUR_GROUP and t.lower not in COLOUR_GROUP and nxt.pos in ("ADJ", "NOUN"):
        return None  # "a deep bottle green", "sea blue": a colour, not a thing
    if nxt is not None and nxt.lower in props and t.lower not in props and t.dep != "poss":
        return object_ref(parse, i + 1, antecedent, props)  # "his brass Zippo", parsed with "brass" as the noun
    if t.text[:1].isupper() and not t.text.isupper() and (t.i > 0 or t.pos == "PROPN") and t.lower not in props:
        # "the Beast", "the Colonel", "Milo drops..." (someone outside the cast): a name, not a prop
        return None
    head = t.lemma if t.lemma and t.lemma.isalpha() else t.lower
    last = t.lower.split()[-1] if t.lower.split() else ""
    if head == "jacket" and last.isalpha() and last not in ("jacket", "jackets"):
        head = last[:-1] if t.tag == "NNS" and last.endswith("s") else last  # a garment parsed as one noun
    head = SAME_THING.get(fold_accents(head), fold_accents(head))  # ("épée" is the bible's "epee")
    if (head in NOT_PROPS and not _figure(parse, i, head)) or len(head) < 3:
        return None
    mods, adjs, owner, indefinite = [], [], None, False
    # "her spare key", "the other glove": one particular thing; "a spare key", "her new phone": another one
    definite = any((c.dep == "det" and c.lower in ("the", "this", "that")) or c.dep == "poss" for c in parse.children(i))
    for c in parse.children(i):
        if c.dep == "compound" and c.i < i and c.pos in ("NOUN", "PROPN") and c.character is None:
            mods.append(c.lower)
        elif c.dep in ("amod", "nmod") and c.i < i:
            adjs.append(c.lower)
            if c.lower in INDEFINITE and not (c.lower in SPECIFIC_WITH_DEFINITE and definite):
                indefinite = True
        elif c.dep == "poss" and c.character:
            owner = c.character
        elif c.dep == "det" and c.lower in INDEFINITE:
            indefinite = True
    # "wearing a blue dress and hat": the coordinated noun shares the first one's article.
    if t.dep == "conj" and any(c.dep == "det" and c.lower in INDEFINITE for c in parse.children(t.head)):
        indefinite = True
    if any(c.dep == "nummod" for c in parse.children(i)) and not any(
            c.dep in ("det", "poss") and c.lower not in INDEFINITE for c in parse.children(i)):
        indefinite = True  # "two letters" (but "the letter one last time" is the letter)
    possessed = any(c.dep == "poss" for c in parse.children(i))
    words, plural = parse.phrase(i), t.tag in ("NNS", "NNPS")
    if nxt is not None and f"{t.lower} {nxt.lower}" in props and nxt.pos in ("NOUN", "PROPN", "VERB"):
        # "the silver USB stick", parsed with "USB" as the noun and "stick" as a clause: the prop's own two words
        mods.append(t.lower)
        head = SAME_THING.get(nxt.lemma if nxt.lemma and nxt.pos != "VERB" else nxt.lower, nxt.lower)
        words, plural = f"{words} {nxt.text}", nxt.tag in ("NNS", "NNPS")
    return ObjectRef(head, tuple(mods), tuple(adjs), owner, words, indefinite, plural, i, possessed)


#: What a figure is made as: "a plastic hula girl", "the china baby", "a tin man" are things, not people.
_FIGURE_MAKERS = frozenset("plastic wooden wood china porcelain tin rubber toy hula stuffed clay ceramic paper cardboard "
                           "brass bronze stone marble glass plaster bobblehead cutout cut-out wax cement concrete".split())


_FIGURE_HEADS = frozenset("man woman boy girl lady guy baby child kid".split())


def _figure(parse: Parse, i: int, head: str) -> bool:
    """Whether a person noun names a figure of one ("the hula girl" on the dashboard)."""
    return head in _FIGURE_HEADS and any(
        c.dep in ("compound", "amod", "nmod") and c.i < i and c.lower in _FIGURE_MAKERS for c in parse.children(i))


def main_object(parse: Parse, props: frozenset[str] = frozenset()) -> ObjectRef | None:
    """The object a following ``it`` most likely means: a direct object first, then a subject.

    A sentence without a verb ("On the dash, a bare patch of old glue.") is about its head noun.
    """
    for deps in (("ROOT",), ("dobj",), ("nsubjpass", "nsubj"), ("pobj",)):
        for t in parse.tokens:
            if t.dep in deps:
                # "pulls out his phone, orange case, ...", parsed with the case for the object and the phone
                # hanging on it: the phone
                t = next((c for c in parse.children(t.i, "nmod") if 0 < c.i < t.i and parse.tokens[c.i + 1].text == ","
                          and parse.tokens[c.i - 1].lower in ("his", "her", "their", "its", "the")), t)
                ref = object_ref(parse, t.i, props=props)
                if ref is not None and not is_body_part_place(ref):
                    return ref
    return None


#: Where a thing is, not a thing: a following "it" never means them ("flips it off his thumb ... It drops").
_HOLDING_PLACES = frozenset("pocket hand palm lap table floor shelf thumb finger fingertip fist knuckle wrist arm "
                            "forearm knee mouth lip tooth teeth cheek ear neck shoulder chest".split())


def is_body_part_place(ref: ObjectRef) -> bool:
    return ref.head in _HOLDING_PLACES


class _Antecedents:
    """``it`` means the nearest object before it in the sentence, else the one before the sentence."""

    def __init__(self, parse: Parse, before: ObjectRef | None, props: frozenset[str] = frozenset()):
        self.parse, self.before, self.props = parse, before, props

    def at(self, i: int) -> ObjectRef | None:
        # "A truck rolls over the pen, crushing it": *it* is never its own verb's subject.
        verb = self.parse.clause_verb(i)
        skip: set[int] = set()
        # "A gust tears the beanie off his head and flings it": nor the subject its verb shares by coordination
        while verb is not None:
            subj = self.parse.subject(verb)
            if subj is not None:
                skip.add(subj.i)
            verb = self.parse.head(verb.i) if verb.dep == "conj" and verb.head != verb.i else None
        found = self._find(i, ("dobj", "nsubj", "nsubjpass"), skip)
        return found or self.before or self._find(i, ("pobj",), skip)

    def _find(self, i: int, deps: tuple[str, ...], skip: set[int]) -> ObjectRef | None:
        for t in reversed(self.parse.tokens[:i]):
            if t.dep in deps and t.lower not in OBJECT_PRONOUNS and t.i not in skip:
                ref = object_ref(self.parse, t.i, props=self.props)
                if ref is not None and not is_body_part_place(ref) and ref.head not in ("fist", "palm", "grip"):
                    return ref
        return None


def antecedents_in(parse: Parse, before: ObjectRef | None, props: frozenset[str] = frozenset()) -> _Antecedents:
    return _Antecedents(parse, before, props)


def absent(parse: Parse, ref: ObjectRef) -> bool:
    """Whether the sentence speaks of the thing's absence or its remnants, not of the thing
    ("no phone", "without his phone", "where the clock was", "what is left of it")."""
    t = parse.tokens[ref.token]
    if any(c.lower == "no" for c in parse.children(t.i, "det")):
        return True  # "comes back with scratched shins and no phone": its absence
    if t.dep == "pobj":
        prep = parse.head(t.i)
        if prep.lower == "of" and parse.head(prep.i).lemma in REMAINS_NOUN | {"what"}:
            return True
    if t.dep == "pobj" and parse.head(t.i).lower == "without":
        return True  # "without his phone" (but "without a scratch" says nothing of it)
    if t.dep in ("nsubj", "nsubjpass") and _where_it_was(parse, parse.head(t.i)):
        return True  # "a patch of old glue where the hula girl used to be": its place, not it
    if _STILL_GONE_RE.match(parse.text, t.end):
        return True  # "his watch cap still at the bottom of the Bay": where it was lost, still
    low = parse.text.lower()
    return bool(re.search(r"\b(what(?:'s| is| was) left of|remains of|no sign of)\b", low))


#: Words after a thing that say it is still where it went: "still at the bottom of the Bay", "still missing".
_STILL_GONE_RE = re.compile(r"\s*(?:(?:is|was|are|were|lies|lying|sits)\s+)?(?:still\s+|now\s+)?(?:at the bottom of|"
                            r"lost\b|gone\b|missing\b|somewhere\s+(?:in|under|out|at)\b|under the (?:ice|water|waves)|"
                            r"in the (?:sea|bay|river|lake|harbour|harbor|drift|deep|culvert)\b)", re.IGNORECASE)


def _where_it_was(parse: Parse, v: Token) -> bool:
    """A clause of where something used to be: "where the clock was", "where the hula girl used to be"."""
    where = any(c.lower == "where" for c in parse.children(v.i, "advmod"))
    past = v.lower == "used" or v.tag in ("VBD", "VBN") or any(
        c.lower in ("used", "had", "once") for c in parse.children(v.i, "aux", "advmod"))
    return where and past


_PLACED = frozenset("behind on at by over above beside near under against".split())


def fixed_somewhere(parse: Parse, ref: ObjectRef) -> bool:
    """An unowned thing named by where it stands ("the phone behind the bar", "the clock over the door"):
    the place's own, not a character's lost one."""
    if ref.possessed or ref.owner or ref.words.lower() in OBJECT_PRONOUNS:
        return False
    toks = parse.tokens
    j = ref.token + 1
    if j >= len(toks) or toks[j].lower not in _PLACED:
        return False
    for x in toks[j + 1:j + 5]:  # (by position: the parse often hangs the place on the verb)
        if x.pos in ("NOUN", "PROPN") and x.dep != "poss":  # (past "the glazier's" to the desk)
            return x.character is None and x.lemma in _STATIONS
    return False


#: Where a place keeps its own things: "the phone behind the bar", "the phone on the glazier's desk".
_STATIONS = frozenset("bar desk counter wall reception kiosk booth switchboard dresser mantelpiece mantel sideboard "
                      "hallway hall landing till register".split())


def same_object(a: ObjectRef, b: ObjectRef) -> bool:
    """Whether two references can name one object (``the globe`` and ``the snow globe``).

    One table is not "tables": nouns must agree in number (a pronoun takes its antecedent's).
    """
    if a.head != b.head:
        return False
    if a.plural != b.plural and not a.head.endswith("s"):
        return False  # (a head that keeps its s, "thermos", "compass", is tagged either way)
    # a colour the parser made a compound ("the orange bottle") is a colour, not a kind of bottle
    ma = {m for m in a.modifiers if m not in COLOUR_GROUP}
    mb = {m for m in b.modifiers if m not in COLOUR_GROUP}
    if ma and mb and ma != mb:
        return False
    if (a.exact or b.exact) and ma != mb:
        return False
    if a.owner and b.owner and a.owner != b.owner:
        return False
    if (set(a.adjectives) ^ set(b.adjectives)) & SPECIFIC_WITH_DEFINITE:
        return False  # "his torch" is not "his spare torch", nor "the glove" "the other glove"
    ca = {COLOUR_GROUP[x] for x in (*a.adjectives, *a.modifiers) if x in COLOUR_GROUP}
    cb = {COLOUR_GROUP[x] for x in (*b.adjectives, *b.modifiers) if x in COLOUR_GROUP}
    return not (ca and cb and ca != cb)


def fold_accents(word: str) -> str:
    """A word without its accents: "épée" -> "epee", "café" -> "cafe"."""
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))

