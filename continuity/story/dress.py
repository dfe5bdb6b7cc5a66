"""What each character puts on, takes off and gets into, scene by scene: the costume plot's events.

Read from the action with the same parses the audit uses, one event per garment
or accessory a sentence dresses someone in or out of:

- ``on``: *puts on*, *pulls on*, *shrugs the oilskin on*, *changes into*, *straps
  her watch onto her left wrist*, *back in the oilskin*;
- ``off``: *takes off*, *shrugs off*, *peels off*, *strips off*, *hangs the parka over
  her chair*, *unwinds the scarf*;
- ``wears``: *in a borrowed yellow rain slicker*, *wearing a white shirt and tie*:
  a statement, which is a change only when the garment is new for the character;
- ``state``: soaked, muddied, bloodied, cleaned up (from :mod:`continuity.story.people`).

The wearer is the one the verb's object is put on ("sets it on her head", "round
Nora's shoulders"), else the verb's subject, else the character the sentence is
about. Sides come with the item ("onto her left wrist", "her right arm in a sling").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from continuity.language.lexicon import WordGate, colour_of
from continuity.language.traits import GARMENT_WORDS, SIDES
from continuity.story.people import People
from continuity.story.wearing import UP_TO_RE

if TYPE_CHECKING:
    from continuity.language.parse import Parse, Token
    from continuity.story.context import Context
    from continuity.story.sentences import Sentence

ACCESSORIES = {"glasses", "spectacles", "specs", "sunglasses", "watch", "wristwatch", "ring", "earrings", "necklace",
               "chain", "locket", "bracelet", "sling", "mask", "badge", "lanyard", "wig", "eyepatch", "waders",
               "slicker", "pajamas", "pyjamas", "nightgown", "nightie", "costume", "gown", "veil", "backpack",
               "studs", "pearls", "earring", "brooch", "pendant", "cufflinks"}
ITEMS = {**GARMENT_WORDS, **{a: a for a in ACCESSORIES}}
_ON_PARTS = {"on", "into", "onto", "in"}
_OFF_PARTS = {"off", "out", "from"}
_ON_VERBS = {"don", "wear", "button", "zip", "lace", "buckle", "strap", "wrap", "loop", "knot", "tie", "belt"}
_OFF_VERBS = {"remove", "unwind", "unbutton", "unzip", "unlace", "doff", "shed", "strip", "peel", "unknot", "untie"}
_MOVE_VERBS = {"put", "pull", "slip", "shrug", "drag", "throw", "tug", "yank", "take", "get", "climb", "wriggle",
               "change", "step", "ease", "haul", "jam", "push", "draw", "tear", "kick"}
_HANG = {"hang", "drape", "drop", "fold", "toss", "sling", "lay", "set", "pile", "throw"}
_GARMENT_PARTS = {"sleeve", "sleeves", "collar", "hem", "pocket", "pockets", "lapel", "lapels", "cuff", "cuffs",
                  "hood", "buttons", "button", "zip", "zipper", "brim", "front", "tail", "tails", "belt"}
_STATE_WORDS = {"wet": "soaked", "dry": "dry", "dirty": "muddy", "clean": "clean", "stained": "stained"}
#: Whether a sentence names a garment or an accessory (a set of words, not one long alternation).
_names_an_item = WordGate(ITEMS)


@dataclass(frozen=True)
class DressEvent:
    """One thing a sentence does to what a character wears.

    Attributes:
        character: the wearer.
        scene: 1-based scene index.
        sentence: the sentence.
        kind: ``on``, ``off``, ``wears`` or ``state``.
        item: the item as the writer names it ("oilskin", "reading glasses", "clothes").
        side: ``left``/``right`` when the item is worn on one side.
        words: the writer's words.
    """

    character: str
    scene: int
    sentence: Sentence
    kind: str
    item: str
    side: str | None
    words: str


class Dress:
    """Every character's dress events over the script (see the module docstring)."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    @classmethod
    def of(cls, ctx: Context) -> Dress:
        """The dress events of this reading, built once and shared."""
        return ctx.shared("dress", lambda: cls(ctx))

    @cached_property
    def events(self) -> list[DressEvent]:
        """Every dress event, in script order."""
        ctx = self.ctx
        chosen = [s for s in ctx.sentences if s.kind == "action" and s.scene > 0 and _names_an_item(s.text)]
        out: list[DressEvent] = []
        for s, parse in zip(chosen, ctx.parse_many(chosen)):
            last_item = None
            for t in parse.tokens:
                word = t.lower.split()[-1]
                if word in ("it", "them") and last_item is not None and t.dep in ("dobj", "nsubjpass", "nsubj"):
                    event = _event(ctx, s, parse, t, item=last_item)  # "pulls a pair of glasses..., and puts them on"
                    if event is not None and event.kind in ("on", "off"):
                        out.append(event)
                    continue
                if word not in ITEMS or t.pos not in ("NOUN", "PROPN", "ADJ", "VERB"):
                    continue
                last_item = t.text.lower()
                if word in ("glasses", "ring", "chain", "watch", "costume", "gown", "mask") and not _worn(parse, t):
                    continue  # "two glasses of wine", "the chain of command"
                event = _event(ctx, s, parse, t)
                if event is not None:
                    out.append(event)
        out += _fragments(ctx, out)
        for st in People.of(ctx).statements:
            if st.key.startswith("state.clothes.") and st.sentence.scene > 0:
                out.append(DressEvent(st.character, st.sentence.scene, st.sentence, "state",
                                      _STATE_WORDS.get(st.value, st.value), None, st.trait.words))
        out.sort(key=lambda e: (e.sentence.id, e.sentence.text.find(e.words)))
        return _dedupe(out)

    def changes(self) -> list[DressEvent]:
        """The events that change how a character looks: on, off, state, and a garment new to them."""
        seen: dict[str, set[str]] = {}
        last: dict[tuple[str, str], tuple[str, object]] = {}  # (character, kind) -> (item as written, day)
        appeared: set[str] = set()
        out = []
        for e in self.events:
            kinds = seen.setdefault(e.character, set())
            item = _kind(e.item)
            day = self.ctx.day_key(e.scene)
            before = last.get((e.character, item))
            last[(e.character, item)] = (e.item.split()[-1], day)
            if e.kind == "wears":
                # a garment new to them, or another of its kind on another day (jeans after scrub pants)
                new = e.character in appeared and (item not in kinds or (
                    before is not None and before[0] != e.item.split()[-1] and before[1] != day))
                kinds.add(item)
                appeared.add(e.character)
                if new:
                    out.append(e)
                continue
            kinds.add(item)
            appeared.add(e.character)
            out.append(e)
        return out


#: A garment dropped in a fragment: "Then the white T-shirt, wrung and dropped."
_DROPPED_RE = re.compile(r"\b(?:the|his|her|their)\s+(?P<g>(?:[\w-]+\s+){0,2}?(?P<n>[\w-]+))\s*,\s+(?:[a-z]+\s+and\s+)?"
                         r"(?:wrung|dropped|peeled\s+off|stripped\s+off|tossed|kicked\s+off|shed|discarded|dumped|"
                         r"balled\s+up)\b", re.IGNORECASE)
#: Another of the kind just named put on: "He pulls on the black one."
_ONE_ON_RE = re.compile(r"\b(?P<who>he|she|[A-Z][a-z]+)\s+(?:pulls|puts|slips|tugs|drags|shrugs|wriggles)\s+on\s+"
                        r"(?:the|a|another)\s+(?P<c>[a-z-]+)\s+one\b")


#: A ring or bracelet of his or hers, named: "her moonstone ring" (not "her ring finger", "his ring of keys").
_JEWEL_NAMED_RE = re.compile(r"\b(?P<p>[Hh]is|[Hh]er)\s+(?:[\w-]+\s+){0,2}?(?P<j>ring|bracelet|bangle|locket|brooch)\b"
                             r"(?!\s+(?:finger|of|binder|road|box|tone|master|leader|side)\b|-)")
_GARMENT_NAMED_RE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, GARMENT_WORDS), key=len, reverse=True)) + r")\b",
                               re.IGNORECASE)


def _fragments(ctx: Context, events: list[DressEvent]) -> list[DressEvent]:
    """Dress events in fragments the parse does not hang on a verb: a garment "wrung and dropped", "the black one"
    pulled on after it (of the kind just named)."""
    out = []
    last: tuple[int, str] | None = None  # (element, the garment last named)
    for s in ctx.sentences:
        if s.kind != "action" or s.scene <= 0:
            continue
        for m in _GARMENT_NAMED_RE.finditer(s.text):
            last = (s.element, m.group(1).lower())
        m = _DROPPED_RE.search(s.text)
        if m and m.group("n").lower() in GARMENT_WORDS:
            # ("He peels off the soaked denim jacket ... Then the white T-shirt, wrung and dropped.": his too)
            before = [e for e in events if e.sentence.element == s.element and e.sentence.id < s.id and e.kind == "off"]
            who = before[-1].character if before else ctx.reader.previous_named(s, None, include_self=True)
            if who:
                out.append(DressEvent(who, s.scene, s, "off", m.group("g").lower(), None, m.group(0)))
        for m in _JEWEL_NAMED_RE.finditer(s.text):
            # "her moonstone ring tapping on the dials" (which the small parser makes a verb): on her
            if any(e.sentence.id == s.id and _kind(e.item) == _kind(m.group("j").lower()) for e in events):
                continue
            who = ctx.reader.previous_named(s, "m" if m.group("p").lower() == "his" else "f", include_self=True)
            if who:
                out.append(DressEvent(who, s.scene, s, "wears", m.group("j").lower(), None, m.group(0)))
        m = _ONE_ON_RE.search(s.text)
        if m and last is not None and last[0] == s.element and colour_of(m.group("c")):
            gender = {"he": "m", "she": "f"}.get(m.group("who").lower())
            who = ctx.reader.previous_named(s, gender, include_self=True) if gender else \
                ctx.cast.surface.get(m.group("who").upper())
            if who:
                out.append(DressEvent(who, s.scene, s, "on", f"{m.group('c').lower()} {last[1]}", None, m.group(0)))
    return out


def _kind(item: str) -> str:
    return ITEMS.get(item.split()[-1], item.split()[-1])


def _dedupe(events: list[DressEvent]) -> list[DressEvent]:
    seen: set[tuple] = set()
    out = []
    for e in events:
        k = (e.sentence.id, e.character, e.kind, _kind(e.item))
        if k not in seen:
            seen.add(k)
            out.append(e)
    return out


def _worn(parse: Parse, t: Token) -> bool:
    """A word that is worn here: a possessive on it, a dressing verb over it, or "reading"/"wire-rimmed" before it."""
    if any(c.dep == "poss" for c in parse.children(t.i)):
        return True
    if t.i > 0 and parse.tokens[t.i - 1].lower in ("reading", "wire-rimmed", "horn-rimmed", "half-moon", "dark",
                                                   "wedding", "engagement", "signet", "diver's", "her", "his"):
        return True
    nxt = [w.lower for w in parse.tokens[t.i + 1:t.i + 6]]
    if nxt[:1] in (["on"], ["at"]) and set(nxt) & {"hand", "finger", "wrist", "nose", "face", "neck", "throat", "ear",
                                                  "ears", "head"}:
        return True  # "turns the moonstone ring on her right hand"
    verb = _verb(parse, t)
    return verb is not None and (verb.lemma in _ON_VERBS | _OFF_VERBS | _MOVE_VERBS)


def _verb(parse: Parse, t: Token) -> Token | None:
    """The verb that does something to the item: a dressing verb up the tree first ("takes her reading glasses
    off", which the small parser reads with "reading" as a verb), else the nearest verb."""
    verbs = [a for a in parse.ancestors(t.i)[:4] if a.pos in ("VERB", "AUX")]
    dressing = _ON_VERBS | _OFF_VERBS | _MOVE_VERBS | _HANG
    return next((v for v in verbs if v.lemma in dressing), verbs[0] if verbs else None)


def _parts(parse: Parse, verb: Token) -> set[str]:
    words = {c.lower for c in parse.children(verb.i, "prt", "prep", "advmod")}
    nxt = parse.tokens[verb.i + 1].lower if verb.i + 1 < len(parse.tokens) else ""
    return words | {nxt}


def _event(ctx: Context, s: Sentence, parse: Parse, t: Token, item: str | None = None) -> DressEvent | None:
    verb = _verb(parse, t)
    kind = None
    after_words = [w.lower for w in parse.tokens[t.i + 1 : t.i + 4]]
    if item is None and ("back" in after_words[:2] and "on" in after_words[:3]):
        kind = "on"  # "the red scarf back on"
    elif item is None and after_words[:1] in (["on"], ["at"], ["in"]) and any(
            w.lower in ("nose", "head", "wrist", "finger", "face", "neck", "shoulders", "ears", "ear", "throat",
                        "lapel", "earlobes", "hand") for w in parse.tokens[t.i + 1 : t.i + 7]):
        kind = "wears"  # "reading glasses on the end of her nose", "pearl studs at her ears"
    elif item is None and _LOOSE_ON_BODY_RE.match(s.text, t.end):
        kind = "wears"  # "red scarf loose at his throat", "the red scarf wound twice round her neck"
    # "Steps out of the sweatpants and into the scrub pants": the words right before each garment say which way
    before = [w.lower for w in parse.tokens[max(0, t.i - 4):t.i] if w.pos not in ("DET", "ADJ", "PRON", "NOUN", "PROPN")]
    if item is None and kind is None and parse.head(t.i).lower == "with" and (
            any(c.dep == "acl" and c.lemma in _FASTENED for c in parse.children(t.i)) or UP_TO_RE.match(s.text, t.end)
            or re.match(r"\s+(?:still\s+)?(?:on|buttoned|zipped|done up|buckled)\b", s.text[t.end:])):
        kind = "wears"  # "climbs in with her soaked turnout coat still buckled to the chin": not put on here
    if verb is not None and kind is None and before[-1:] in (["into"], ["onto"]) and verb.lemma in _MOVE_VERBS:
        kind = "on"
    elif verb is not None and kind is None and before[-2:] == ["out", "of"] and verb.lemma in _MOVE_VERBS:
        kind = "off"
    if verb is not None and (verb.lemma in _SEE_VERBS or verb.lemma == "take" and "in" in _parts(parse, verb)
                             and t.i > verb.i):
        return None  # "Hazel takes in the white shirt, the flannels, the shoes": she looks at his clothes
    if verb is not None and kind is None:
        parts = _parts(parse, verb)
        # "shrugging the oilskin on": a particle after the object
        after = {w.lower for w in parse.tokens[t.i + 1 : t.i + 3]}
        if _off_a_peg(parse, verb):
            pass  # "takes a pair of dungarees off a hook": from a hook, not off anyone
        elif verb.lemma in _OFF_VERBS or (verb.lemma in _MOVE_VERBS and (parts | after) & _OFF_PARTS and
                                           not (parts | after) & {"into", "onto"}):
            kind = "off"
        elif verb.lemma in _HANG and t.dep in ("dobj", "nsubjpass") and _hung_up(parse, verb):
            kind = "off"  # "hangs it on the nail by the door"
        elif verb.lemma in _ON_VERBS or (verb.lemma in _MOVE_VERBS and (parts | after) & _ON_PARTS) or (
                verb.lemma == "change" and "into" in parts):
            kind = "on"
    if kind is None:
        head = parse.head(t.i)
        part_of = parse.head(head.i) if head.lower == "of" else None
        if verb is not None and verb.lemma in _DISPOSE:
            return None  # "He feeds the trench coat in, then the scarf": into the stove, not on anyone
        if head.lower in ("in", "wearing") or (verb is not None and verb.lemma in ("wear", "sport")):
            kind = "wears"
        elif t.dep == "conj" and head.lower.split()[-1] in ITEMS and parse.head(head.i).lower in ("in", "wearing"):
            kind = "wears"  # "drives in her navy uniform and her mustard corduroy jacket"
        elif part_of is not None and part_of.lower in _GARMENT_PARTS:
            kind = "wears"  # "pushes up the sleeve of her black coat"
        elif (t.dep == "appos" and head.character and any(c.dep == "poss" for c in parse.children(t.i))) or any(
                c.dep == "acl" and c.lemma in _FASTENED for c in parse.children(t.i)):
            kind = "wears"  # "Roo, her denim jacket buttoned to the chin, hugs herself"
        elif UP_TO_RE.match(s.text, t.end):
            kind = "wears"  # "the navy scarf up to his chin"
        elif head.lower == "back" or any(w.lower == "back" for w in parse.tokens[max(0, t.i - 4) : t.i]) and \
                head.lower == "in":
            kind = "on"
        elif t.lower.split()[-1] in _JEWELLERY and any(c.dep == "poss" and c.lower in ("his", "her") for c in
                                                        parse.children(t.i)) and (verb is None or verb.i > t.i):
            kind = "wears"  # "her moonstone ring tapping on the dials": a ring of hers is on her
    if kind is None:
        return None
    who = _wearer(ctx, s, parse, t, verb)
    if who is None:
        return None
    side = _side(parse, t)
    start = min(t.start, verb.start) if verb is not None and kind != "wears" else t.start
    end = max(t.end, verb.end) if verb is not None and kind != "wears" else t.end
    return DressEvent(who, s.scene, s, kind, item or t.text.lower(), side, s.text[start:end])


#: Verbs of looking at what someone has on: the looker wears none of it.
_SEE_VERBS = frozenset({"eye", "clock", "notice", "study", "regard", "survey", "inspect", "appraise", "scan", "admire"})
#: What is worn, not carried: a ring of hers named is a ring on her.
_JEWELLERY = frozenset("ring rings bracelet bangle necklace pendant locket brooch earrings earring studs".split())
#: Verbs that put a thing away for good: what they act on is not being worn.
_DISPOSE = frozenset({"feed", "burn", "throw", "toss", "stuff", "shove", "bin", "dump", "drop", "bury", "incinerate",
                      "sink", "fling", "hurl"})
#: How a garment on someone is done up: "her jacket buttoned to the chin", "his collar turned up".
_FASTENED = frozenset({"button", "zip", "fasten", "belt", "cinch", "tuck", "roll", "turn", "knot", "tie", "lace"})


def _off_a_peg(parse: Parse, verb: Token) -> bool:
    """"takes the coat off a hook", "pulls a jumper from the drawer": taken from a place, so not off a body."""
    for prep in parse.children(verb.i, "prep"):
        if prep.lower in ("off", "from", "out"):
            for p in parse.children(prep.i, "pobj"):
                if p.lower not in _BODY_PARTS and not p.character and p.lower not in ("him", "her", "them") \
                        and p.lower.split()[-1] not in ITEMS:  # ("pulls off his flat cap": the parser's preposition)
                    return True
    return False


_BODY_PARTS = frozenset({"head", "shoulders", "shoulder", "neck", "back", "arms", "arm", "feet", "foot", "legs", "hips",
                         "wrist", "finger", "face", "nose", "ears", "body", "chest", "waist", "hands", "hand"})


def _hung_up(parse: Parse, verb: Token) -> bool:
    """"hangs it on the nail", "drapes the parka over her chair": a garment put away, so taken off."""
    return any(c.lower in ("on", "over", "up", "across", "onto") for c in parse.children(verb.i, "prep", "prt"))


def _wearer(ctx: Context, s: Sentence, parse: Parse, t: Token, verb: Token | None) -> str | None:
    # "sets it on her head", "puts it round Nora's shoulders", "loops it around hers"
    if verb is not None:
        for prep in parse.children(verb.i, "prep"):
            if prep.lower in ("on", "round", "around", "over", "onto"):
                for p in parse.children(prep.i, "pobj"):
                    owner = next((c for c in parse.children(p.i, "poss")), None) if p.lower not in ("hers", "his") \
                        else p
                    if owner is not None and p.lower in ("head", "shoulders", "neck", "hers", "his", "wrist",
                                                          "finger", "shoulder"):
                        who = _resolve(ctx, s, owner)
                        if who:
                            return who
        # "throws him a red flannel shirt": the one it is thrown to
        for c in parse.children(verb.i, "dative", "iobj"):
            who = _resolve(ctx, s, c)
            if who:
                return who
    # "Finn, in her denim jacket, rolls a cigarette": the one named before ", in" wears it; "her" owns it
    # ("Finn sits at the end of the bar in Roo's denim jacket": Finn)
    before = [m for m in ctx.reader.mentions(s) if not m.possessive and m.end <= t.start]
    head = parse.head(t.i)
    if before and (re.fullmatch(r",\s+(?:still\s+|now\s+|already\s+)?in\s+(?:his|her|their|[A-Z][\w']*'s)\s+"
                                r"(?:[\w-]+\s+){0,3}", s.text[before[-1].end:t.start]) or (
            t.dep == "pobj" and head is not None and head.lower == "in" and
            re.search(r"\bin\s+[A-Z][\w']*'s\s+(?:[\w-]+\s+){0,3}$", s.text[:t.start]))):
        return before[-1].character
    poss = next((c for c in parse.children(t.i, "poss")), None)
    up = UP_TO_RE.match(s.text, t.end)
    if up and poss is None:
        who = ctx.reader.previous_named(s, "m" if up.group(1).lower() == "his" else "f", include_self=True)
        if who:
            return who  # "he's in the camel one, the navy scarf up to his chin": his
    loose = _LOOSE_ON_BODY_RE.match(s.text, t.end) if poss is None and verb is None or poss is None and \
        verb is not None and verb.lemma not in _ON_VERBS | _MOVE_VERBS else None
    if loose:
        # "Tom at the dartboard, red scarf loose at his throat": whoever "his" is
        who = ctx.reader.previous_named(s, "m" if loose.group(1) == "his" else "f" if loose.group(1) == "her" else None,
                                        include_self=True)
        if who:
            return who
    on = _ON_BODY_RE.match(s.text, t.end)
    if poss is not None and poss.character and on:
        # "Walt's red Reds cap on his head" in a paragraph about Pell: Walt owns it, the one "his" means wears it
        who = ctx.reader.previous_named(s, "m" if on.group(1).lower() == "his" else "f")
        if who and who != poss.character:
            return who
    if poss is not None:
        who = _resolve(ctx, s, poss)
        if who:
            return who
    if verb is not None:
        subj = parse.subject(verb)
        if subj is not None:
            who = _resolve(ctx, s, subj)
            if who:
                return who
    mentions = [m for m in ctx.reader.mentions(s) if not m.possessive and m.end <= t.start]
    if mentions:
        return mentions[-1].character
    return ctx.reader.previous_named(s, None)


#: A garment, a word or three of how it sits, and the body under it: "loose at his throat", "wound twice round her
#: neck", "pulled low over his eyes".
_LOOSE_ON_BODY_RE = re.compile(
    r"\s+(?!(?:collar|sleeves?|hood|cuffs?|lapels?|pockets?|zip|buttons?|brim|front|tails?|belt|strap)\b)"
    r"(?:(?!and\b|but\b|then\b)[a-z]+\s+){1,3}(?:on|at|round|around|over|about|under)\s+(his|her|their)\s+"
    r"(?:[a-z]+\s+)?(?:neck|throat|shoulders?|head|wrists?|fingers?|ears|chin|eyes|brow|hips|waist|chest)\b")
_ON_BODY_RE = re.compile(r"\s+(?:on|round|around|over)\s+(his|her)\s+(?:head|shoulders?|neck|wrist|finger)\b",
                         re.IGNORECASE)


def _resolve(ctx: Context, s: Sentence, tok: Token) -> str | None:
    if tok.character:
        return tok.character
    gender = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}.get(tok.lower)
    if gender:
        return ctx.reader.previous_named(s, gender, include_self=True)
    return None


def _side(parse: Parse, t: Token) -> str | None:
    window = parse.tokens[max(0, t.i - 3) : t.i + 6]
    for w in window:
        if w.lower in SIDES:
            return SIDES[w.lower]
    return None


__all__ = ["Dress", "DressEvent", "ITEMS"]
