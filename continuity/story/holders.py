"""Who holds each thing: hand-overs between the cast, and someone then wearing or using what they gave away.

A thing passes from one character to another on screen: *hands it back to him*,
*sets it on her head*, *puts it round Nora's shoulders*, *presses it back into
Gerald's palm*, *She hands over her own black one. Odile slings it round her
shoulders*. From then on the giver does not have it, until it is handed back; a
line where the giver wears it, takes it off or uses it as their own ("her black
coat", "pulls off his flat cap") is a slip, within the same story day.

Things are told apart by their noun and colour ("the green coat" is not "the black
one"). The reading is by position and parse, like the rest of the story layer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from continuity.language.lexicon import COLOUR_GROUP
from continuity.story.dress import ITEMS, Dress

if TYPE_CHECKING:
    from continuity.language.parse import Parse, Token
    from continuity.story.context import Context
    from continuity.story.sentences import Sentence

#: Things that change hands often enough to track, beyond what is worn.
THINGS = {**ITEMS, **{w: w for w in ("penknife", "knife", "key", "keys", "letter", "pen", "phone", "torch",
                                      "flask", "card", "envelope", "photo", "photograph", "book", "notebook",
                                      "compass", "lighter", "wallet", "purse", "bag", "case", "box")}}
#: Words before a thing that say it is one of several: giving it away leaves the giver one.
_ANOTHER = {"spare", "extra", "another", "second", "other", "backup", "spare-", "old", "new"}
_GIVE = {"give", "hand", "pass", "press", "toss", "throw", "lend", "offer", "slip", "slide", "return", "tuck", "put", "set",
         "drape", "sling", "loop", "wrap", "fling", "push", "lay", "hold", "extend", "ease", "thread", "fit"}
#: Said over a thing held out, it is a gift: the giver does not have it after.
_GIFT_RE = re.compile(r"\b(?:take it|keep it|it'?s yours|yours now|for you|i want you to have (?:it|this)|a present)\b",
                      re.IGNORECASE)
_ONTO = {"on", "onto", "round", "around", "over", "into", "to", "across", "in"}
#: Things given for good: jewellery and keepsakes are not lent for an evening like a coat.
_KEEPSAKES = {"studs", "pearls", "earring", "earrings", "brooch", "pendant", "cufflinks", "ring", "necklace", "locket",
              "bracelet", "watch", "chain"}
_BODY = {"head", "shoulders", "shoulder", "neck", "palm", "palms", "hand", "hands", "lap", "arms", "fist", "fingers",
         "finger", "wrist", "arm", "throat", "ear", "ears", "lapel"}
_PRON = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}


@dataclass(frozen=True)
class Handover:
    """A thing that passed from ``giver`` to ``taker`` in a sentence."""

    thing: str
    colour: str | None
    giver: str
    taker: str
    sentence: Sentence
    words: str
    kept: bool = False  # given for good: "Take it." said over the offer


@dataclass(frozen=True)
class Misheld:
    """A character wearing or using a thing they handed over (and did not get back)."""

    character: str
    thing: str
    words: str
    sentence: Sentence
    handover: Handover


class Holders:
    """Hand-overs of things between the cast, and uses of them by the wrong hands (see the module docstring)."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    @classmethod
    def of(cls, ctx: Context) -> Holders:
        """The holders of this reading, built once and shared."""
        return ctx.shared("holders", lambda: cls(ctx))

    @cached_property
    def handovers(self) -> list[Handover]:
        """Every hand-over the action states, in order."""
        ctx = self.ctx
        rx = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, THINGS), key=len, reverse=True)) + r"|it|one|them)\b",
                        re.IGNORECASE)
        chosen = [s for s in ctx.sentences if s.kind == "action" and s.scene > 0 and rx.search(s.text)
                  and re.search(r"\b(?:gives?|hands?|pass|presses|tosses|throws|lends|puts?|sets?|drapes?|slings?|"
                                r"loops?|wraps?|tucks?|returns?|slips?|slides?|lays?|holds?|offers?|takes?|accepts?|"
                                r"push(?:es)?|eases?|threads?|fits?)\b",
                                s.text, re.IGNORECASE)]
        out: list[Handover] = []
        last: dict[int, tuple[str, str | None]] = {}  # paragraph -> the last thing named
        pending: dict[int, tuple] = {}  # paragraph -> a thing handed over with no taker yet
        offered: dict[int, tuple] = {}  # scene -> a thing held out to whoever takes it
        for s, parse in zip(chosen, ctx.parse_many(chosen)):
            for t in parse.tokens:
                word = t.lower.split()[-1]
                thing = None
                if word in THINGS:
                    if _another(parse, t):  # "throws him her spare coat": not the one she has on
                        last.pop(s.element, None)
                        continue
                    thing = (THINGS[word], _colour(parse, t))
                    last[s.element] = thing
                elif word == "it" and s.scene in offered and self._taken(s, parse, t, offered[s.scene], out):
                    offered.pop(s.scene)
                    continue
                elif word in ("it", "one", "them") and s.element in last:
                    thing = last[s.element]
                    if word == "one":
                        colour = _colour(parse, t)
                        thing = (thing[0], colour or thing[1])
                        last[s.element] = thing  # "her own black one ... slings it": it is the black one
                if thing is None:
                    continue
                if any(m.lower in _ANOTHER for m in parse.children(t.i, "amod", "det", "compound")):
                    continue  # "her spare oilskin", "another coat": the giver keeps her own
                verbs = [a for a in parse.ancestors(t.i)[:3] if a.pos == "VERB"]
                verb = next((v for v in verbs if v.lemma in _GIVE), verbs[0] if verbs else None)
                if verb is None or verb.lemma not in _GIVE or not (
                        t.dep in ("dobj", "nsubjpass", "pobj") or t.dep == "nsubj" and t.i > verb.i):
                    continue  # ("Odile slings it round her shoulders": the small parser makes "it" a subject)
                giver = _person(ctx, s, parse.subject(verb))
                taker = _taker(ctx, s, parse, verb)
                if verb.lemma in ("hold", "extend"):
                    # "holds it out on his open palm": whoever takes it in this scene has it (held anywhere else,
                    # "holds the cap over Tom's head", it is still the holder's)
                    if giver and taker in (None, giver) and _offers(parse, verb):
                        offered[s.scene] = (thing, giver, s, s.text[verb.start:t.end])
                    continue
                if giver and taker is None and verb.lemma in ("hand", "give", "pass", "offer", "return"):
                    pending[s.element] = (thing, giver, s, s.text[verb.start:t.end])
                    continue
                if giver and pending.get(s.element) and pending[s.element][0] == thing and taker in (None, giver):
                    # "She hands over her own black one. Odile slings it round her shoulders."
                    _, first, s0, words = pending.pop(s.element)
                    if giver != first:
                        out.append(Handover(thing[0], thing[1], first, giver, s0, words))
                    continue
                if giver and taker and giver != taker:
                    out.append(Handover(thing[0], thing[1], giver, taker, s, s.text[verb.start:t.end]))
            # "She hands over her own black one. Odile slings it round her shoulders": read with the next sentence
        return out

    def _taken(self, s: Sentence, parse: Parse, t: Token, offer: tuple, out: list[Handover]) -> bool:
        """"Kit takes it.": the thing held out goes to whoever takes it (recorded in ``out``)."""
        thing, giver, s0, words = offer
        verb = parse.head(t.i)
        if verb is not None and t.dep == "pobj" and verb.lower in ("in", "into"):
            verb = parse.head(verb.i)  # "Lottie wraps herself up in it"
            took = verb is not None and verb.lemma in ("wrap", "bundle", "huddle", "snuggle", "burrow")
        else:
            # "Kit takes it."; "He puts it on.", "She shrugs it on": the one who puts it on took it
            took = verb is not None and t.dep == "dobj" and (verb.lemma in ("take", "accept") or (
                verb.lemma in ("put", "pull", "slip", "shrug", "throw", "drag", "button", "zip") and
                any(c.lower == "on" for c in parse.children(verb.i, "prt", "advmod", "prep"))))
        if not took or s.id - s0.id > 12:
            return False
        taker = _person(self.ctx, s, parse.subject(verb))
        if not taker or taker == giver:
            return False
        said = [x for x in self.ctx.sentences[s0.id + 1:s.id] if x.kind == "dialogue" and x.speaker == giver]
        out.append(Handover(thing[0], thing[1], giver, taker, s, f"{words} ... {s.text[verb.start:t.end]}",
                            kept=any(_GIFT_RE.search(x.text) for x in said)))
        return True

    def _thing_uses(self, h: Handover) -> list[tuple[str, str, Sentence]]:
        """(character, words, sentence) for each later line naming the giver's own thing: "his penknife"."""
        ctx = self.ctx
        rx = re.compile(r"\b(?:his|her|their|[A-Z][a-z]+(?:'s|\u2019s))\s+(?:[\w-]+\s+){0,3}?" + re.escape(h.thing) + r"\b")
        out = []
        for s in ctx.sentences[h.sentence.id + 1:]:
            if s.kind != "action" or s.scene <= 0:
                continue
            for m in rx.finditer(s.text):
                found = ctx.reader.owner(s, m.end() - len(h.thing), "object")
                if found is not None:
                    out.append((found[0], m.group(0), s))
        return out

    @cached_property
    def misheld(self) -> list[Misheld]:
        """Lines where someone wears or uses a thing they handed over earlier the same story day."""
        ctx = self.ctx
        holder: dict[tuple[str, str | None], Handover] = {}
        by_sentence: dict[int, list[Handover]] = {}
        for h in self.handovers:
            by_sentence.setdefault(h.sentence.id, []).append(h)
        out: list[Misheld] = []
        uses = sorted(Dress.of(ctx).events, key=lambda e: e.sentence.id)
        hs = sorted(self.handovers, key=lambda h: h.sentence.id)
        i = 0
        for e in uses:
            while i < len(hs) and hs[i].sentence.id <= e.sentence.id:
                h = hs[i]
                holder[(h.thing, h.colour)] = h
                if h.colour is not None:
                    holder.pop((h.thing, None), None)
                i += 1
            if e.kind == "state":
                continue
            thing = ITEMS.get(e.item.split()[-1], e.item.split()[-1])
            colour = next((COLOUR_GROUP[w] for w in re.findall(r"[a-z]+", e.words.lower()) if w in COLOUR_GROUP), None)
            h = holder.get((thing, colour)) or (holder.get((thing, None)) if colour is None else None)
            if h is None and colour is None:
                h = next((x for (k, _), x in holder.items() if k == thing), None)
            if h is None or h.sentence.id == e.sentence.id or e.character != h.giver:
                continue
            if ctx.day_key(h.sentence.scene) != ctx.day_key(e.scene) and not _for_good(h):
                continue
            if e.sentence.id > h.sentence.id and _taken_back(ctx, h, e):
                holder.pop((h.thing, h.colour), None)  # "wearing her denim jacket again; Callum gave it back"
                continue
            out.append(Misheld(e.character, thing, e.words, e.sentence, h))
            holder.pop((h.thing, h.colour), None)
        # things that are not worn ("his mother-of-pearl penknife"), given for good and never handed back
        for h in self.handovers:
            if h.thing in ITEMS or not h.kept:
                continue
            back = [x for x in self.handovers if x.thing == h.thing and x.giver == h.taker and x.sentence.id > h.sentence.id]
            for who, words, s in self._thing_uses(h):
                if back and s.id > back[0].sentence.id:
                    break
                if who == h.giver and not ctx.is_flashback(s.scene):
                    out.append(Misheld(who, h.thing, words, s, h))
                    break
        return out


_ANOTHER = {"spare", "extra", "second", "another", "other", "backup"}


def _another(parse: Parse, t: Token) -> bool:
    """The thing is said to be another one than the usual ("her spare coat", "another key")."""
    words = [p for w in parse.tokens[max(0, t.i - 4) : t.i + 1] for p in w.lower.split()]
    return any(w in _ANOTHER for w in words)


def _offers(parse: Parse, verb: Token) -> bool:
    """"holds it out", "offers it", "extends it": held out to someone not named."""
    return verb.lemma in ("offer", "extend") or (verb.lemma == "hold" and any(
        c.lower == "out" for c in parse.children(verb.i, "prt", "advmod", "prep")))


def _for_good(h: Handover) -> bool:
    """A hand-over that holds past its day: a gift ("gives her the watch") or a keepsake laid in a palm."""
    return h.kept or h.thing in _KEEPSAKES or bool(re.match(r"gives?\b", h.words, re.IGNORECASE))


def _taken_back(ctx: Context, h: Handover, e) -> bool:
    """The giver has it back in the sentence itself ("takes his cap back and puts it on", "wearing it again")."""
    return bool(re.search(r"\b(?:back|again|takes? (?:it|the \w+) (?:back|from)|returned|returns)\b", e.sentence.text,
                          re.IGNORECASE))


def _colour(parse: Parse, t: Token) -> str | None:
    for w in reversed(parse.tokens[max(0, t.i - 3) : t.i + 1]):
        for part in w.lower.split():
            for p in part.split("-"):
                if p in COLOUR_GROUP:
                    return COLOUR_GROUP[p]
    return None


def _person(ctx: Context, s: Sentence, tok: Token | None) -> str | None:
    if tok is None:
        return None
    if tok.character:
        return tok.character
    if tok.lower in _PRON:
        gender = _PRON[tok.lower]
        found = ctx.reader.previous_named(s, gender, include_self=True)
        if found:
            return found
        # nobody named in the scene so far: the one of that gender the scene has in it
        cast = ctx.presence.of(s.scene)
        here = [c for c in (cast.present if cast else ()) if ctx.cast.gender.get(c) == gender]
        return here[0] if len(here) == 1 else None
    return None


def _taker(ctx: Context, s: Sentence, parse: Parse, verb: Token) -> str | None:
    """Who gets it: "hands it back to him", "gives her the key", "sets it on her head", "into Gerald's palm"."""
    for c in parse.children(verb.i, "dative", "iobj"):
        who = _person(ctx, s, c)
        if who:
            return who
    for prep in parse.children(verb.i, "prep"):
        if prep.lower not in _ONTO:
            continue
        for p in parse.children(prep.i, "pobj"):
            if p.character or p.lower in _PRON:
                return _person(ctx, s, p)
            if p.lower in _BODY:
                owner = next((c for c in parse.children(p.i, "poss")), None)
                if owner is not None:
                    return _person(ctx, s, owner)
    # by position, where the parse attaches the words elsewhere: "puts it round Nora's shoulders",
    # "hands it back to him"
    toks = parse.tokens
    for j in range(verb.i + 1, min(len(toks), verb.i + 8)):
        w = toks[j]
        if w.text in (".", ";") or (w.pos == "VERB" and j > verb.i + 1 and w.lower not in _ONTO):
            break
        if w.lower not in _ONTO:
            continue
        for k in range(j + 1, min(len(toks), j + 4)):
            x = toks[k]
            if x.character and x.tag != "POS" and not x.text.endswith(("'s", "\u2019s")):
                return x.character
            if x.lower in ("him", "her", "them") and (k + 1 >= len(toks) or toks[k + 1].pos not in ("NOUN", "ADJ")):
                return _person(ctx, s, x)
            if x.lower in _BODY:
                owner = toks[k - 1]
                if owner.character or owner.lower in _PRON:
                    return _person(ctx, s, owner)
        break
    return None


__all__ = ["Holders", "Handover", "Misheld", "THINGS"]
