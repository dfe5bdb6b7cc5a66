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
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING

from continuity.language.lexicon import COLOUR_GROUP
from continuity.story.dress import ITEMS, Dress
from continuity.story.kin import WORDS as KIN_WORDS
from continuity.story.object_words import ATTACHED, FROM_BEFORE_RE, PART_AFTER_RE

if TYPE_CHECKING:
    from continuity.language.parse import Parse, Token
    from continuity.story.context import Context
    from continuity.story.sentences import Sentence

#: Things that change hands often enough to track, beyond what is worn.
THINGS = {**ITEMS, **{w: w for w in ("penknife", "knife", "key", "keys", "letter", "pen", "phone", "torch",
                                      "flask", "card", "envelope", "photo", "photograph", "book", "notebook",
                                      "compass", "lighter", "wallet", "purse", "bag", "case", "box", "lamp", "lantern",
                                      "coin", "medal", "medallion", "amulet", "rosary", "crucifix")}}
#: The verbs of a hand-over as words (the gate before the regular expressions below).
_GIVE_FORMS = frozenset("give gives hand hands pass presses tosses throw throws lend lends put puts set sets drape drapes "
                        "sling slings loop loops wrap wraps tuck tucks return returns slip slips slide slides lay lays "
                        "hold holds offer offers take takes accept accepts push pushes ease eases thread threads fit "
                        "fits settle settles fasten fastens clasp clasps drop drops place places".split())
#: Words before a thing that say it is one of several: giving it away leaves the giver one.
_ANOTHER = {"spare", "extra", "another", "second", "other", "backup", "spare-", "old", "new"}
_GIVE = {"give", "hand", "pass", "press", "toss", "throw", "lend", "offer", "slip", "slide", "return", "tuck", "put", "set",
         "drape", "sling", "loop", "wrap", "fling", "push", "lay", "hold", "extend", "ease", "thread", "fit", "settle",
         "fasten", "clasp", "drop", "place"}
#: Said over a thing held out, it is a gift: the giver does not have it after.
_GIFT_RE = re.compile(r"\b(?:take it|keep it|it'?s yours|yours now|for you|i want you to have (?:it|this)|a present|"
                      r"for the road|hang on to it|hold on to it|you keep it|it was always yours|a gift)\b",
                      re.IGNORECASE)
_ONTO = {"on", "onto", "round", "around", "over", "into", "to", "across", "in"}
#: Things given for good: jewellery and keepsakes are not lent for an evening like a coat.
_KEEPSAKES = {"studs", "pearls", "earring", "earrings", "brooch", "pendant", "cufflinks", "ring", "necklace", "locket",
              "bracelet", "watch", "chain", "medal", "medallion", "amulet", "talisman", "rosary", "crucifix"}
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
        things = self.things
        rx = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, things), key=len, reverse=True)) + r"|it|one|them)\b",
                        re.IGNORECASE)
        # (a set of words first: the alternation of every thing's word is slow to run over a feature's sentences)
        pieces = {p for k in things for p in re.findall(r"[a-z]+", k.lower())}
        action = [(s, set(re.findall(r"[a-z]+", s.text.lower()))) for s in ctx.sentences
                  if s.kind == "action" and s.scene > 0]
        chosen = [s for s, words in action if words & _GIVE_FORMS and (words & pieces or words & {"it", "one", "them"})
                  and rx.search(s.text)
                  and re.search(r"\b(?:gives?|hands?|pass|presses|tosses|throws|lends|puts?|sets?|drapes?|slings?|"
                                r"loops?|wraps?|tucks?|returns?|slips?|slides?|lays?|holds?|offers?|takes?|accepts?|"
                                r"push(?:es)?|eases?|threads?|fits?|settles?|fastens?|clasps?|drops?|places?)\b",
                                s.text, re.IGNORECASE)]
        out: list[Handover] = []
        last: dict[int, tuple[str, str | None]] = {}  # paragraph -> the last thing named
        last_in_scene: dict[int, tuple[int, tuple[str, str | None]]] = {}  # scene -> (sentence id, the last thing)
        pending: dict[int, tuple] = {}  # paragraph -> a thing handed over with no taker yet
        offered: dict[int, tuple] = {}  # scene -> a thing held out to whoever takes it
        seen = {s.id for s in chosen}
        named_things = [(s, ms[-1]) for s, words in action if s.id not in seen and words & pieces
                        for ms in [[m for m in rx.finditer(s.text) if m.group(0).lower() in things
                                    and not PART_AFTER_RE.match(s.text, m.end())]] if ms]
        k = 0
        for s, parse in zip(chosen, ctx.parse_many(chosen)):
            while k < len(named_things) and named_things[k][0].id < s.id:
                # a thing named in a line that hands nothing over: "pulls out the silver Zippo"
                s1, m = named_things[k]
                word = m.group(0).lower()
                colour = next((COLOUR_GROUP[w] for w in reversed(re.findall(r"[a-z]+", s1.text[:m.start()].lower())[-3:])
                               if w in COLOUR_GROUP), None)
                last_in_scene[s1.scene] = (s1.id, (things[word], colour))
                last.pop(s1.element, None)
                k += 1
            for t in parse.tokens:
                word = t.lower.split()[-1]
                thing = None
                if word in things:
                    if PART_AFTER_RE.match(s.text, t.end):
                        continue  # "out of his jacket pocket": the pocket, not the jacket
                    if FROM_BEFORE_RE.search(s.text, 0, t.start):
                        continue  # "takes the silver pocket watch from his waistcoat": where it came from
                    if s.element in last and last[s.element][0] in ATTACHED.get(word, ()):
                        continue  # "takes the pocket watch ..., unhooks the chain, and holds it out": the watch
                    if _another(parse, t):  # "throws him her spare coat": not the one she has on
                        last.pop(s.element, None)
                        continue
                    thing = (things[word], _colour(parse, t))
                    last[s.element] = thing
                    last_in_scene[s.scene] = (s.id, thing)
                elif word == "it" and s.scene in offered and self._taken(s, parse, t, offered[s.scene], out):
                    offered.pop(s.scene)
                    continue
                elif word in ("it", "them") and s.element not in last and s.scene in last_in_scene and \
                        s.id - last_in_scene[s.scene][0] <= 8 and not any(
                            w.dep in ("dobj", "pobj") and w.pos == "NOUN" for w in parse.tokens[:t.i]):
                    # (not past a thing of its own sentence: "takes the blue velvet pouch ... and puts it in Kit's
                    # palm" is the pouch)
                    # "...pulls out the silver Zippo. Hesitates. // Then she presses it into his palm."
                    thing = last_in_scene[s.scene][1]
                elif word in ("it", "one", "them") and s.element in last:
                    nouns = [w for w in parse.tokens[:t.i] if w.pos == "NOUN"]
                    if word == "one" and nouns and nouns[-1].lower.split()[-1] not in things:
                        continue  # "with two coffees and hands him one": one of the coffees
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
                if verbs and verb is not verbs[0] and verbs[0].lemma in ("pull", "put", "wear", "tug", "draw", "zip"):
                    continue  # "tosses her his hoodie, and she pulls it on over her damp shirt": the shirt stays hers
                if verb is None or verb.lemma not in _GIVE or not (
                        t.dep in ("dobj", "nsubjpass", "pobj") or t.dep == "nsubj" and t.i > verb.i):
                    continue  # ("Odile slings it round her shoulders": the small parser makes "it" a subject)
                giver = _person(ctx, s, parse.subject(verb)) or _elided_subject(ctx, s, parse, verb)
                taker = _taker(ctx, s, parse, verb)
                if verb.lemma in ("hold", "extend"):
                    # "holds it out on his open palm": whoever takes it in this scene has it (held anywhere else,
                    # "holds the cap over Tom's head", it is still the holder's)
                    if giver and _offers(parse, verb, up=True):
                        # ("holds it up to her": held out to her, hers once she takes it)
                        offered[s.scene] = (thing, giver, s, s.text[verb.start:t.end])
                    continue
                if giver and taker is None and verb.lemma in ("hand", "give", "pass", "offer", "return"):
                    if any(c.lower in ("round", "around") and not parse.children(c.i, "pobj")
                           for c in parse.children(verb.i)):
                        continue  # "cuts it into three and hands it round": shared out, nobody holds it
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
        for thing, giver, s0, words in pending.values():
            # "Hands it over. // Jonah signs.": the next one to act in the scene took it
            taker = self._next_actor(s0, giver)
            if taker is None and re.search(r"\bback\b", s0.text, re.IGNORECASE):
                # "Pell gives the cap back.": to whoever gave it to him
                taker = next((h.giver for h in reversed(out) if h.thing == thing[0] and h.taker == giver
                              and h.sentence.id < s0.id), None)
            if taker:
                out.append(Handover(thing[0], thing[1], giver, taker, s0, words))
        for thing, giver, s0, words in offered.values():
            # "Pip holds the windlass out to her grandmother. // MAGS: Keep it. It's yours now.": held out to be
            # given back and refused, it is the holder's for good, from the one who refused it
            refused = self._refused(s0, giver)
            if refused:
                out.append(Handover(thing[0], thing[1], refused.speaker, giver, refused, refused.text, kept=True))
        once = {(h.thing, h.giver, h.taker, h.sentence.id): h for h in reversed(out)}  # ("the coin ... over it")
        return [replace(h, kept=True) if not h.kept and self._said_for_good(h) else h
                for h in sorted(once.values(), key=lambda h: h.sentence.id)]

    @cached_property
    def things(self) -> dict[str, str]:
        """The things tracked: the usual ones, and each bible prop by its own noun ("zippo", "dragoon")."""
        out = dict(THINGS)
        if self.ctx.explicit_bible:
            for p in self.ctx.bible.props:
                for name in (p.name, *p.aliases):
                    words = re.findall(r"[a-z]+", name.replace("_", " ").lower())
                    if words and len(words[-1]) >= 4 and words[-1] not in COLOUR_GROUP:
                        word = words[-1]
                        # ("windlasses: {mags_red: ..., franks_plain: ...}": each one is a windlass)
                        one = word[:-2] if word.endswith(("sses", "shes", "ches", "xes")) else \
                            word[:-1] if word.endswith("s") and not word.endswith("ss") else word
                        out.setdefault(word, word)
                        out.setdefault(one, one)
        return out

    def _next_actor(self, s0: Sentence, giver: str) -> str | None:
        """The first other character who is the subject of an action in the next few sentences of the scene."""
        ctx = self.ctx
        for s in ctx.sentences[s0.id + 1:s0.id + 4]:
            if s.scene != s0.scene:
                return None
            if s.kind != "action":
                continue
            parse = ctx.parse_many([s])[0]
            root = next((t for t in parse.tokens if t.dep == "ROOT"), None)
            who = _person(ctx, s, parse.subject(root)) if root is not None else None
            if who and who != giver:
                return who
        return None

    def _refused(self, s0: Sentence, holder: str) -> Sentence | None:
        """The line that answers a thing held out with "Keep it." (the next one spoken in the scene, not by the holder)."""
        for s in self.ctx.sentences[s0.id + 1:s0.id + 8]:
            if s.scene != s0.scene:
                return None
            if s.kind == "dialogue" and s.speaker and s.speaker != holder:
                return s if _GIFT_RE.search(s.text) else None
        return None

    def _said_for_good(self, h: Handover) -> bool:
        """The giver says it is a gift in the lines around it ("Keep it.", "For the road.", "You take it.")."""
        at = h.sentence.id
        near = [*self.ctx.sentences[max(0, at - 8):at], *self.ctx.sentences[at + 1:at + 8]]
        return any(s.scene == h.sentence.scene and s.kind == "dialogue" and s.speaker == h.giver
                   and _GIFT_RE.search(s.text) for s in near)

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
        # ("She looks at it. Puts it on.": the subject the fragment leaves out)
        taker = _person(self.ctx, s, parse.subject(verb)) or _elided_subject(self.ctx, s, parse, verb)
        if not taker or taker == giver:
            return False
        said = [x for x in self.ctx.sentences[s0.id + 1:s.id] if x.kind == "dialogue" and x.speaker == giver]
        out.append(Handover(thing[0], thing[1], giver, taker, s, f"{words} ... {s.text[verb.start:t.end]}",
                            kept=any(_GIFT_RE.search(x.text) for x in said)))
        return True

    def _thing_uses(self, h: Handover) -> list[tuple[str, str, Sentence]]:
        """(character, words, sentence) for each later line naming the giver's own thing: "his penknife"."""
        ctx = self.ctx
        nouns = "|".join(map(re.escape, [h.thing, *self._also_called(h)]))
        rx = re.compile(r"\b(?:his|her|their|[A-Z][a-z]+(?:'s|\u2019s))\s+(?:[\w'\u2019-]+\s+){0,3}?(?i:" + nouns + r")\b")
        worn = re.compile(r"\bthe\s+(?:[\w.-]+\s+){0,2}?(?i:" + nouns + r")\s+(?:on its chain\s+)?"
                          r"(?:at|on|round|around)\s+(?P<p>his|her)\s+(?:throat|neck|wrist|finger|chest|lapel)\b")
        out = []
        for s in ctx.sentences[h.sentence.id + 1:]:
            if s.kind != "action" or s.scene <= 0:
                continue
            after = ctx.sentences[s.id + 1] if s.id + 1 < len(ctx.sentences) else None
            if _NOT_THERE_RE.search(s.text) or after is not None and after.element == s.element and \
                    _NOT_THERE_RE.search(after.text):
                continue  # "reaches for the medal at her throat, out of habit. It isn't there."
            for m in rx.finditer(s.text):
                found = ctx.reader.owner(s, m.end() - len(h.thing), "object")
                cast = ctx.presence.of(s.scene)
                if found is not None and cast is not None and found[0] not in cast.present:
                    # "Tess lights a cigarette with Roz's silver Zippo" (Roz long dead): the one using it has it
                    found = self._user(s, m.end() - len(h.thing)) or found
                if found is None and m.group(0).split()[0].lower() in _PRON:
                    # "She flops onto her back, her father's brass lamp clanking against her hip"
                    who = _by_pronoun(ctx, s, m.group(0).split()[0].lower())
                    found = (who,) if who else None
                if found is not None:
                    out.append((found[0], m.group(0), s))
            for m in worn.finditer(s.text):
                # "kisses the St. Christopher at his throat": worn by whoever the pronoun is
                who = _by_pronoun(ctx, s, m.group("p").lower())
                if who:
                    out.append((who, m.group(0), s))
        return out

    def _introduced_colours(self, who: str, thing: str, before: int) -> set[str]:
        """The colour a character's thing was last given in a line about them: "WALT KEMPER (61) ... a red Cincinnati
        Reds cap pulled low over his eyes"."""
        ctx = self.ctx
        words = "|".join(re.escape(w) for w, v in ITEMS.items() if v == thing) or re.escape(thing)
        rx = re.compile(r"\b((?:[\w-]+\s+){1,3})(?:" + words + r")\b", re.IGNORECASE)
        for s in reversed(ctx.sentences[max(0, before - 400):before]):  # (bounded: a long script is read once)
            if s.kind != "action":
                continue
            for m in rx.finditer(s.text):
                if ctx.reader.previous_named(s, None, include_self=True) != who:
                    break
                found = {COLOUR_GROUP[w] for w in re.findall(r"[a-z]+", m.group(1).lower()) if w in COLOUR_GROUP}
                if found:
                    return found
        return set()

    def _also_called(self, h: Handover) -> list[str]:
        """Another noun the scene gives the thing before it changes hands: "a coin: a silver dollar"."""
        rx = re.compile(r"\b(?:a|an|the)\s+(?i:" + re.escape(h.thing) + r")\s*[:,\u2014]+\s*(?:a|an|the)\s+"
                        r"(?:[\w-]+\s+){0,2}?(?P<n>[a-z]{3,})\b(?=\s*[,.;:]|\s*$)")
        return [m.group("n") for s in self.ctx.sentences[max(0, h.sentence.id - 20):h.sentence.id + 1]
                if s.scene == h.sentence.scene and s.kind == "action" for m in rx.finditer(s.text)
                if m.group("n") != h.thing]

    def _user(self, s: Sentence, at: int) -> tuple[str] | None:
        """The subject of the verb a thing at offset ``at`` depends on."""
        parse = self.ctx.parse_many([s])[0]
        tok = next((t for t in parse.tokens if t.start <= at < t.end), None)
        if tok is None:
            return None
        for a in parse.ancestors(tok.i)[:4]:
            if a.pos == "VERB":
                who = _person(self.ctx, s, parse.subject(a))
                return (who,) if who else None
        return None

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
            if h is None and colour is not None and (thing, None) in holder:
                # "pulls off the brown cardigan ... holds it out" then "buttoned into the brown cardigan": the one
                # given was the one she had on
                given = holder[(thing, None)]
                # (the last time it was named with a colour: "takes off his Reds cap" names none)
                worn = [x for x in uses if x.character == given.giver and x.sentence.id <= given.sentence.id and
                        ITEMS.get(x.item.split()[-1], x.item.split()[-1]) == thing and
                        any(w in COLOUR_GROUP for w in re.findall(r"[a-z]+", x.words.lower()))]
                said = set(re.findall(r"[a-z]+", e.words.lower())) - set(COLOUR_GROUP) - _PLAIN_WORDS - {thing}
                had = {COLOUR_GROUP[w] for w in re.findall(r"[a-z]+", worn[-1].words.lower()) if w in COLOUR_GROUP} \
                    if worn else self._introduced_colours(given.giver, thing, given.sentence.id)
                if colour in had or said & set(re.findall(r"[a-z]+", given.words.lower())):
                    h = given  # (or named by the same word: "drapes the corduroy jacket", "her mustard corduroy jacket")
            if h is None or h.sentence.id == e.sentence.id or e.character != h.giver:
                continue
            if ctx.day_key(h.sentence.scene) != ctx.day_key(e.scene) and not _for_good(h) and not any(
                    x.character == h.taker and x.kind != "state" and h.sentence.id < x.sentence.id < e.sentence.id
                    and ctx.day_key(x.scene) != ctx.day_key(h.sentence.scene)
                    and ITEMS.get(x.item.split()[-1], x.item.split()[-1]) == thing for x in uses):
                continue  # (lent for the day; not when the one it was given to still has it on a later day)
            if e.sentence.id > h.sentence.id and _taken_back(ctx, h, e):
                holder.pop((h.thing, h.colour), None)  # "wearing her denim jacket again; Callum gave it back"
                continue
            out.append(Misheld(e.character, thing, e.words, e.sentence, h))
            holder.pop((h.thing, h.colour), None)
        # things that are not worn ("his mother-of-pearl penknife"), given for good and never handed back
        reported = {(m.character, m.thing, m.sentence.id) for m in out}
        for h in self.handovers:
            if h.thing in ITEMS and h.thing not in _KEEPSAKES:
                continue  # (a watch or a ring given for good is also read where it is only named: "his pocket watch")
            for_good = h.kept or h.thing in _KEEPSAKES or re.match(r"(?:fasten|clasp)", h.words)
            back = [x for x in self.handovers if x.thing == h.thing and x.giver == h.taker and x.sentence.id > h.sentence.id]
            for who, words, s in self._thing_uses(h):
                if back and s.id > back[0].sentence.id:
                    break
                if who == h.giver and not ctx.is_flashback(s.scene) and (for_good or self._lent_away(h, words, s)):
                    if (who, h.thing, s.id) not in reported:
                        out.append(Misheld(who, h.thing, words, s, h))
                    break
        return out

    def _lent_away(self, h: Handover, words: str, s: Sentence) -> bool:
        """A thing lent ("Hold that. I want it back.") that its giver has, the same day, away from the one holding it.

        Only the bible's prop of that noun, named by its own description ("her father's brass lamp" for "Luis's old
        BRASS carbide lamp"), counts: "her helmet lamp" is another lamp.
        """
        ctx = self.ctx
        cast = ctx.presence.of(s.scene)
        if cast is None or h.taker in cast.present or ctx.day_key(h.sentence.scene) != ctx.day_key(s.scene):
            return False
        said = [w for w in re.findall(r"[a-z]+", words.lower()) if w not in ("his", "her", "their", "s", h.thing)]
        for p in ctx.bible.props if ctx.explicit_bible else ():
            text = " ".join([p.name, *p.aliases, p.description or ""]).lower()
            if h.thing in re.findall(r"[a-z]+", p.name.lower()) and said and \
                    all(w in re.findall(r"[a-z]+", text) or w in KIN_WORDS or ctx.cast.surface.get(w.upper())
                        for w in said):
                return True
        return False


#: Words near a thing that make it another one than the usual ("her spare coat", "another key").
_ANOTHER_WORDS = {"spare", "extra", "second", "another", "other", "backup"}
#: Words of a hand-over or a use that do not tell one thing from another.
_PLAIN_WORDS = frozenset("the a an his her their its and on in over of with to at old own new".split())


def _elided_subject(ctx: Context, s: Sentence, parse: Parse, verb: Token) -> str | None:
    """The subject a fragment leaves out ("Lucas produces a pen. Uncaps it. Hands it over."): the paragraph's."""
    if verb.i != 0 and not (verb.i == 1 and parse.tokens[0].lower in ("then", "and", "now")):
        return None
    for prev in reversed(ctx.sentences[max(0, s.id - 3):s.id]):
        if prev.element != s.element:
            return None
        p = ctx.parse_many([prev])[0]
        root = next((t for t in p.tokens if t.dep == "ROOT"), None)
        who = _person(ctx, prev, p.subject(root)) if root is not None else None
        if who:
            return who
    return None


def _another(parse: Parse, t: Token) -> bool:
    """The thing is said to be another one than the usual ("her spare coat", "another key")."""
    words = [p for w in parse.tokens[max(0, t.i - 4) : t.i + 1] for p in w.lower.split()]
    return any(w in _ANOTHER_WORDS for w in words)


def _offers(parse: Parse, verb: Token, up: bool = False) -> bool:
    """"holds it out", "offers it", "extends it": held out (with ``up``, "holds it up to her" too)."""
    parts = {c.lower for c in parse.children(verb.i, "prt", "advmod", "prep")}
    return verb.lemma in ("offer", "extend") or (verb.lemma == "hold" and (
        "out" in parts or up and "up" in parts and bool(re.search(r"\bup to (?:him|her|them|[A-Z])", parse.text))))


def _for_good(h: Handover) -> bool:
    """A hand-over that holds past its day: a gift ("gives her the watch") or a keepsake laid in a palm."""
    return h.kept or h.thing in _KEEPSAKES or bool(re.match(r"gives?\b", h.words, re.IGNORECASE))


def _taken_back(ctx: Context, h: Handover, e) -> bool:
    """The giver has it back in the sentence itself ("takes his cap back and puts it on", "wearing it again")."""
    # (not "his cap pushed back on his head", "leans back": a posture)
    text = _POSTURE_BACK_RE.sub(" ", e.sentence.text)
    return bool(re.search(r"\b(?:back|again|takes? (?:it|the \w+) (?:back|from)|returned|returns)\b", text, re.IGNORECASE))


#: A thing reached for and not there: its absence, not a use.
_NOT_THERE_RE = re.compile(r"\b(?:(?:isn't|is not|wasn't|was not|aren't|are not)\s+there|out of habit|finds? nothing|"
                           r"(?:it|they)(?:'s|'re| is| are) gone|nothing there)\b", re.IGNORECASE)

_POSTURE_BACK_RE = re.compile(r"\b(?:pushed|pushes|tipped|tips|tilted|tilts|shoved|swept|slicked|combed|tied|"
                              r"pulled|leans?|leaning|sits?|sat|lies|lying|lay|steps?|stepping|stands?|hangs?)\s+back\b",
                              re.IGNORECASE)


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
    return _by_pronoun(ctx, s, tok.lower) if tok.lower in _PRON else None


def _by_pronoun(ctx: Context, s: Sentence, word: str) -> str | None:
    """Who "he" or "her" is in ``s``: the last named of that gender, else the one of it in the scene."""
    gender = _PRON[word]
    found = ctx.reader.previous_named(s, gender, include_self=True)
    if found:
        return found
    # nobody named in the scene so far: the one of that gender the scene has in it
    cast = ctx.presence.of(s.scene)
    here = [c for c in (cast.present if cast else ()) if ctx.cast.gender.get(c) == gender]
    return here[0] if len(here) == 1 else None


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
                    return _person(ctx, s, owner) or _described(ctx, s, parse, owner, verb)
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
                if owner.tag == "POS" and k >= 2:
                    owner = toks[k - 2]
                if owner.character or owner.lower in _PRON:
                    return _person(ctx, s, owner)
                return _described(ctx, s, parse, owner, verb)
        break
    return None


_DESCRIBED = {"girl": "f", "woman": "f", "lady": "f", "boy": "m", "man": "m", "lad": "m", "fellow": "m", "guy": "m"}


def _described(ctx: Context, s: Sentence, parse: Parse, owner: Token, verb: Token) -> str | None:
    """"drapes it around the girl's shoulders": the one other person of the scene the word fits."""
    gender = _DESCRIBED.get(owner.lemma) or _DESCRIBED.get(owner.lower)
    cast = ctx.presence.of(s.scene)
    if gender is None or cast is None:
        return None
    giver = _person(ctx, s, parse.subject(verb)) or _elided_subject(ctx, s, parse, verb)
    here = [c for c in cast.present if c != giver and ctx.cast.gender.get(c) == gender]
    old = {c.lower for c in parse.children(owner.i, "amod")} & {"old", "elderly", "young"}
    if len(here) > 1 and old:
        # "the old man's head": the one of them the script introduced at sixty or more (under thirty, for "young")
        ages = {who: age for scene in ctx.presence.scenes for who, age, _ in scene.ages}
        here = [c for c in here if c in ages and (ages[c] < 30 if "young" in old else ages[c] >= 60)]
    return here[0] if len(here) == 1 else None


__all__ = ["Holders", "Handover", "Misheld", "THINGS"]
