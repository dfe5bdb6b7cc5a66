"""Traits of the body and of what is worn: sides, injuries, bandages, stains, wet or dry, build and height.

Read by :func:`continuity.language.traits.read`; internal to it.
"""

from __future__ import annotations

import re

from continuity.language.parse import Parse, Token
from continuity.language.trait_grammar import (
    _adj_owner,
    _change,
    _left,
    _mods,
    _owner_any,
    _subject_owner,
    _window_side,
    _words,
)
from continuity.language.side_phrases import arm_in_gear, wrist_raised
from continuity.language.trait_words import (
    _DRESSINGS,
    _FRESH,
    _PEOPLE_NOUNS,
    BODY,
    GARMENT_WORDS,
    HAIR_NOUNS,
    INJURY_THINGS,
    INJURY_VERBS,
    INJURY_WORDS,
    LIMB,
    MUD_NOUNS,
    SIDED,
    SIDES,
    STATES,
    Trait,
)

_FADING_RE = re.compile(
    r"\bbruise\s+(?:round|around|under|over|on|about)\s+(?P<poss>his|her|[A-Z][a-z]+'s)\s+(?:(?P<side>left|right)\s+)?"
    r"eye\b[^.;]{0,80}?\b(?:yellow-green|yellowing|yellow|fading|faded|faint|healing|healed|almost gone)\b")


def _fading_bruise(parse: Parse) -> list[Trait]:
    """"The bruise round his left eye is turning a sickly yellow-green": the bruise is fading."""
    m = _FADING_RE.search(parse.text)
    if m is None:
        return []
    poss = m.group("poss")
    gender = {"his": "m", "her": "f"}.get(poss.lower())
    tok = parse.at(m.start("poss"))
    who = tok.character if tok is not None and gender is None else None
    target = f"eye.{m.group('side')}" if m.group("side") else "eye"
    return [Trait(f"state.{target}.bruise", "fading", m.group(0), m.start(), who, gender, False,
                  how="poss")]


BANDAGE_VERBS = {"bandage", "bind", "wrap", "dress", "strap", "tape", "splint"}


SPILL_VERBS = {"spill", "splash", "slop", "tip", "pour", "splatter", "spatter", "dribble", "throw"}


STAIN_NOUNS = {"wine", "coffee", "tea", "blood", "paint", "soup", "gravy", "ink", "beer", "sauce", "juice", "oil"}


_PUT_ON = {"pull", "put", "slip", "change", "shrug", "don", "zip", "button", "wriggle", "swap", "borrow"}


_STRANDS = frozenset("strand strands lock locks wisp wisps tendril tendrils hank".split())
#: Parts of a garment a state is said of: "the whole front of his white shirt is soaked".
GARMENT_PARTS = frozenset("front back collar sleeve sleeves cuff cuffs hem lapel lapels knees seat".split())
_BLOODY_AFTER_RE = re.compile(r"\s+(?:through\s+)?(?:red|crimson|scarlet|dark red|with blood|in blood)\b", re.IGNORECASE)


def _person_state(parse: Parse, w: Token, state: tuple[str, str] | None = None) -> list[Trait]:
    """A person wet, muddy or stained all over: "soaked, her arms folded", "plastered with mud", "Both men are soaked"."""
    head = parse.head(w.i)
    if w.dep == "amod" and head.dep == "attr" and parse.head(head.i).lemma == "be":
        # "Her hair is a dry white-blonde fuzz": said of the hair the clause is about
        said = parse.subject(parse.head(head.i))
        if said is not None and said.lower in HAIR_NOUNS and said.lower != "head":
            head = said
    elif w.dep == "amod" and head.pos == "NOUN":
        # "her hair a dry white-blonde fuzz": the same, with no verb
        said = next((c for c in parse.children(head.i, "nsubj") if c.i < head.i), None)
        if said is not None and said.lower in HAIR_NOUNS and said.lower != "head":
            head = said
    if w.dep == "amod" and STATES.get(w.lower, ("",))[0] == "wet" and (head.lower in HAIR_NOUNS and head.lower != "head" or (
            head.lower in _STRANDS and any(o.lower == "hair" for p in parse.children(head.i, "prep") if p.lower == "of"
                                           for o in parse.children(p.i, "pobj")))):
        # "She tucks a dry strand of hair behind her ear", "pushes her wet hair back": wet or dry is the person's
        who, gender, how = _owner_any(parse, head)
        dim, value = state or STATES[w.lower]
        return [Trait(f"state.clothes.{dim}", value, _words(parse, w, head), w.start, who, gender,
                      _change(parse, w, f"state.x.{dim}"), how=how)]
    if head.lower.split()[-1] in GARMENT_WORDS or head.lower in BODY or head.lower in HAIR_NOUNS:
        return []  # a garment's or a body part's own state is read with it
    if w.dep == "amod" and head.lower in GARMENT_PARTS:
        # "pushes up the clean grey sleeve of his hoodie": the hoodie's state
        garment = next((o for p in parse.children(head.i, "prep") if p.lower == "of" for o in parse.children(p.i, "pobj")
                        if o.lower.split()[-1] in GARMENT_WORDS), None)
        if garment is None:
            return []
        who, gender, how = _owner_any(parse, garment)
        dim, value = state or STATES[w.lower]
        if dim == "clean":
            dim, value = "stain", "clean"
        return [Trait(f"state.clothes.{dim}", value, _words(parse, w, garment), w.start, who, gender,
                      _change(parse, w, f"state.x.{dim}"), how=how)]
    opens = w.i > 0 and (parse.tokens[w.i - 1].text == "," or (
        w.i > 2 and parse.tokens[w.i - 1].lower == "and" and parse.tokens[w.i - 3].text == ","))  # ", warm and dry,"
    set_off = opens and re.match(
        r"(?:\s+and\s+[a-z-]+)?\s*[,.;]", parse.text[w.end:]) is not None and (
        parse.tokens[0].character is not None or parse.tokens[0].pos == "PROPN" or
        parse.tokens[0].lower in ("he", "she", "they")) and \
        parse.tokens[0].dep in ("nsubj", "nsubjpass")  # "Rosa sits on the workbench, dry and clean,"
    if w.dep == "amod" and head.pos == "NOUN" and not (head.character or _PEOPLE_NOUNS.match(head.lower)) and \
            not set_off:
        return []  # "a wet road"
    dim, value = state or STATES[w.lower]
    # "Priya's jumpsuit is soaked through", "Her jeans are dry": what is said to be wet is someone's garment
    said_of = parse.subject(w) if w.pos == "VERB" else parse.subject(head) if w.dep == "acomp" else None
    if said_of is not None and said_of.lower in GARMENT_PARTS:
        # "the whole front of his white shirt is soaked": the shirt's
        said_of = next((o for p in parse.children(said_of.i, "prep") if p.lower == "of"
                        for o in parse.children(p.i, "pobj")), said_of)
    if said_of is not None and (said_of.lower.split()[-1] in GARMENT_WORDS or said_of.lower in BODY
                                or said_of.lower in HAIR_NOUNS):
        who, gender, how = _owner_any(parse, said_of, own_body=False)
        change = _change(parse, w, f"state.x.{dim}")
        out = [Trait(f"state.clothes.{dim}", value, _words(parse, said_of, w), min(said_of.start, w.start), who,
                     gender, change, how=how)]
        if dim == "wet" and _BLOODY_AFTER_RE.match(parse.text[w.end:]):
            # "soaked red with it", "soaked with blood": stained, not only wet
            out.append(Trait("state.clothes.stain", "stained", _words(parse, said_of, w), min(said_of.start, w.start),
                             who, gender, change, how=how))
        return out
    who, gender, tok = _adj_owner(parse, w)
    how = "parse"
    if tok is None:
        who, gender, tok = _subject_owner(parse, w)
        how = "subject" if tok is not None else "none"
    return [Trait(f"state.clothes.{dim}", value, w.text, w.start, who, gender, _change(parse, w, f"state.x.{dim}"),
                  how=how)]


def _bandage_it(parse: Parse, verb: Token) -> list[Trait]:
    """"picks glass out of her left forearm, then binds it": the limb named before the pronoun."""
    objs = [o for o in parse.children(verb.i, "dobj", "nsubj") if o.i > verb.i]
    if not objs or objs[0].lower not in ("it", "them"):
        return []
    for k in range(verb.i - 1, -1, -1):
        part = parse.tokens[k]
        if part.lower in BODY and LIMB.get(BODY[part.lower] or "") == "arm":
            side = next((SIDES[m.lower] for m in [*parse.children(part.i, "amod"), parse.tokens[k - 1]]
                         if m.lower in SIDES), None)
            who, gender, how = _owner_any(parse, part)
            return [Trait("state.arm.bandage", f"bandaged-{side}" if side else "bandaged",
                          _words(parse, part, verb), part.start, who, gender, True, how=how)]
    return []


def _spill(parse: Parse, verb: Token) -> list[Trait]:
    """"spills red wine down the front of Jonah's white shirt": the garment is stained from here."""
    sub = parse.subtree(verb.i)
    if not any(w.lower in STAIN_NOUNS for w in sub):
        return []
    for g in sub:
        if g.lower.split()[-1] in GARMENT_WORDS and g.i > verb.i:
            who, gender, how = _owner_any(parse, g, own_body=False)
            return [Trait("state.clothes.stain", "stained", _words(parse, verb, g), verb.start, who, gender, True,
                          how=how)]
    return []


_ONTO = {"down", "over", "onto", "on", "across", "into", "all"}


def _stain(parse: Parse, w: Token) -> list[Trait]:
    """"Red wine arcs ... straight down the front of Jonah's white shirt": wine goes onto a garment; "a line of
    blood opens on her right cheekbone": blood on the face (or a hand) from here."""
    for g in parse.tokens[w.i + 1 :]:
        part = BODY.get(g.lower)
        if part in ("face", "hand") and w.lower in ("blood", "gore") and g.pos == "NOUN":
            between = parse.tokens[w.i + 1 : g.i]
            if any(b.lower in _ONTO for b in between) and not any(b.text in (".", ";") for b in between):
                who, gender, how = _owner_any(parse, g, own_body=False)
                side = next((SIDES[m.lower] for m in parse.children(g.i, "amod", "compound") if m.lower in SIDES), None)
                target = f"hand.{side}" if part == "hand" and side else part
                return [Trait(f"state.{target}.stain", "stained", _words(parse, w, g), w.start, who, gender, True,
                              how=how)]
            return []
        if g.lower.split()[-1] in GARMENT_WORDS:
            between = parse.tokens[w.i + 1 : g.i]
            if any(b.lower in _ONTO for b in between) and not any(b.text in (".", ";") for b in between):
                who, gender, how = _owner_any(parse, g, own_body=False)
                return [Trait("state.clothes.stain", "stained", _words(parse, w, g), w.start, who, gender, True,
                              how=how)]
            return []
    return []


def _elliptic_side(parse: Parse, side: Token) -> list[Trait]:
    """"the right still bandaged", "the right one in plaster": a side standing for a limb named before."""
    nxt = parse.tokens[side.i + 1 : side.i + 5]
    state = next((w for w in nxt if STATES.get(w.lower, ("",))[0] == "bandage" and STATES[w.lower][1] == "bandaged"),
                 None)
    if state is None:
        return []
    who, gender, tok = _subject_owner(parse, side)
    words = _words(parse, side, state)
    return [Trait("state.arm.bandage", f"bandaged-{SIDES[side.lower]}", words, side.start, who, gender, False,
                  how="subject"),
            Trait("side.injury.arm", SIDES[side.lower], words, side.start, who, gender, False, how="subject")]


#: Words between a side and its part that say which one: "right index finger", "left little toe".
_WHICH = frozenset("index ring little middle big upper lower inner outer".split())


def _side_of(parse: Parse, t: Token) -> tuple[str | None, str | None, Token | None, Token | None]:
    """The side and body part a thing sits on: its own left/right, or its body part's.

    Returns ``(side, part class, side token, part token)``.
    """
    for m in parse.children(t.i, "amod", "compound"):
        if m.lower in SIDES:
            return SIDES[m.lower], SIDED.get(t.lower) or BODY.get(t.lower), m, None
    # "the watch on his right wrist", "a scar through his left eyebrow"
    found, sideless = _part_after(parse, t)
    if found:
        return found
    # "the old burn shines on her right forearm", "a scar runs down his left cheek": the place its verb gives
    # "On the little finger of his right hand sits a heavy gold signet ring": the small parser reads
    # "ring" as a verb after "signet", so the phrase's head stands for it
    anchor = parse.head(t.i) if misread_compound(parse, t) else t
    head = parse.head(anchor.i)
    if (anchor.dep == "nsubj" or (anchor is not t and anchor.dep == "dobj")) and head.pos == "VERB":
        found, _ = _part_after(parse, head)
        if found:
            return found
    # "a pale scar splits his left eyebrow", "scar splitting his LEFT eyebrow": the part its verb acts on
    verbs = [head] if anchor.dep == "nsubj" and head.pos == "VERB" else []
    verbs += [c for c in parse.children(t.i, "acl") if c.pos == "VERB"]
    for v in verbs:
        for part in parse.children(v.i, "dobj"):
            side = next((m for m in parse.children(part.i, "amod", "compound") if m.lower in SIDES), None)
            if part.lower in BODY and side is not None:
                return SIDES[side.lower], BODY[part.lower], side, part
    # "his left arm in its navy sling"
    if t.dep == "pobj" and head.dep == "prep":
        part = parse.head(head.i)
        if part.lower in BODY:
            for m in parse.children(part.i, "amod", "compound"):
                if m.lower in SIDES:
                    return SIDES[m.lower], BODY[part.lower], m, part
    # "a tattoo, inside of the left forearm", "burn, back of the right hand": the side and part that follow it,
    # before a verb or another thing with a side
    # ("the beige hearing aid tucked behind his right ear": a participle that says where it sits; "her right index
    # finger": a word that says which finger)
    for j in range(t.i + 1, min(len(parse.tokens) - 1, t.i + 14)):
        w = parse.tokens[j]
        if w.text in (".", ";", "!", "?") or (w.pos in ("VERB", "AUX") and w.tag != "VBN") or w.lower in SIDED:
            break
        nxt = parse.tokens[j + 2] if parse.tokens[j + 1].lower in _WHICH and j + 2 < len(parse.tokens) else \
            parse.tokens[j + 1]
        if w.lower in SIDES and nxt.lower in BODY:
            return SIDES[w.lower], BODY[nxt.lower], w, nxt
    return sideless or (None, None, None, None)


def _unprefixed(lemma: str) -> str:
    """ "re-wrap", "rebandage": the verb done again is the verb ("wrap", "bandage")."""
    for prefix in ("re-", "re"):
        if lemma.startswith(prefix) and lemma[len(prefix):] in BANDAGE_VERBS | INJURY_VERBS:
            return lemma[len(prefix):]
    return lemma


def misread_compound(parse: Parse, t: Token) -> bool:
    """A noun the parser took for a verb after the noun it compounds with ("signet ring", "gold watch")."""
    return t.pos == "VERB" and t.dep == "acl" and t.i > 0 and parse.head(t.i).i == t.i - 1 and \
        parse.tokens[t.i - 1].pos in ("NOUN", "PROPN")


def _part_after(parse: Parse, t: Token) -> tuple[tuple | None, tuple | None]:
    """A body part with a side in a phrase under ``t`` ("on his right wrist"): ``(with its side, without one)``."""
    sideless: tuple | None = None
    for prep in parse.children(t.i, "prep"):
        for part in parse.children(prep.i, "pobj"):
            if part.lower in BODY:
                mods = parse.children(part.i, "amod", "compound")
                # ("the RIGHT little finger", with "RIGHT" hung on "little")
                for m in [*mods, *(k for c in mods for k in parse.children(c.i, "amod", "advmod"))]:
                    if m.lower in SIDES:
                        return (SIDES[m.lower], BODY[part.lower], m, part), sideless
                # "on the little finger of his right hand": the side of the part it belongs to
                for of in parse.children(part.i, "prep"):
                    if of.lower != "of":
                        continue
                    for whole in parse.children(of.i, "pobj"):
                        if whole.lower in BODY:
                            for m in parse.children(whole.i, "amod", "compound"):
                                if m.lower in SIDES:
                                    return (SIDES[m.lower], BODY[whole.lower], m, whole), sideless
                sideless = sideless or (None, BODY[part.lower], None, part)
    return None, sideless


_WOUND_ROUND_RE = re.compile(r"\b(?P<d>bandage|dressing|gauze|strapping|sling|splint|tourniquet)\b[^.;,]{0,30}?"
                             r"\b(?:round|around|over|on|onto)\s+(?:and\s+(?:round|around)\s+)?"
                             r"(?:his|her|their|[A-Z][\w'-]*(?:'s|\u2019s))\s+(?:(?:left|right)\s+)?$", re.IGNORECASE)


#: Words for a sided thing, as the thing it is: a dressing is a bandage, steri-strips too.
_THINGS_AS = {"wristwatch": "watch", "bandages": "bandage", "eyepatch": "patch", "dressing": "bandage", "band": "ring",
              "gauze": "bandage", "plaster": "bandage", "split": "cut", "tape": "bandage", "strips": "bandage",
              "steri-strips": "bandage"}


def _sided(parse: Parse, t: Token) -> list[Trait]:
    if t.lower == "band" and not (t.i > 0 and parse.tokens[t.i - 1].lower in _RING_BANDS):
        return []  # ("a plain gold wedding band", not "the band plays", "a rubber band")
    side, part, side_tok, part_tok = _side_of(parse, t)
    if side is None:
        side, part, side_tok, part_tok = _window_side(parse, t)
    if side is None:
        side, part, side_tok, part_tok = wrist_raised(parse, t)
    if side is None:
        side, part, side_tok, part_tok = arm_in_gear(parse, t)
    if side is None:
        side, part, side_tok, part_tok = _hand_before(parse, t)
    if side is None:
        return []
    who, gender, how = _owner_any(parse, part_tok) if part_tok is not None else _owner_any(parse, t)
    if who is None and gender is None:
        who, gender, how = _owner_any(parse, t)
    thing = _THINGS_AS.get(t.lower, t.lower)
    if thing == "burn" and any(m.lower in _OLD_MARK for m in _left(parse, t)[0]):
        thing = "scar"  # "the old burn on her forearm" is the burn scar the bible gives
    if thing in INJURY_THINGS:
        key = f"side.injury.{LIMB.get(part or SIDED.get(thing) or '', part or 'body')}"
    elif thing in ("scar", "tattoo", "piercing", "birthmark", "burn", "cut", "gash", "graze", "bruise", "stitches"):
        key = f"side.{thing}.{part or 'body'}"
    else:
        key = f"side.{thing}"
    # "She slides the ring onto Nora's right ring finger": put on here, a change (another ring, or this one moved)
    put_on = thing in ("ring", "watch", "bracelet", "patch", "aid") and _PUT_ONTO_RE.search(parse.text) is not None
    out = [Trait(key, side, _words(parse, side_tok, t), min(side_tok.start, t.start), who, gender, put_on, how=how)]
    if thing in _FRESH and LIMB.get(part or ""):
        # a fresh wound is where its dressing goes: a bandage on the other arm contradicts it
        out.append(Trait(f"side.injury.{LIMB[part]}", side, out[0].words, out[0].start, who, gender, False, how=how))
    return out


#: A hand named with its side, and after a comma what is on it: "lifts his left hand, the gold band dull".
_HAND_BEFORE_RE = re.compile(r"\b(?P<side>left|right)\s+(?P<part>hand|wrist|fist|arm)\s*,\s+(?:the|his|her|a|its)\s+"
                             r"(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


def _hand_before(parse: Parse, t: Token) -> tuple:
    """A ring, band, watch or bracelet said after a comma that follows the hand it is on (see _HAND_BEFORE_RE)."""
    if t.lower not in ("ring", "band", "watch", "wristwatch", "bracelet"):
        return None, None, None, None
    m = _HAND_BEFORE_RE.search(parse.text[:t.start])
    if m is None:
        return None, None, None, None
    side_tok = next((x for x in parse.tokens if x.start == m.start("side")), None)
    part_tok = next((x for x in parse.tokens if x.start == m.start("part")), None)
    if side_tok is None or part_tok is None:
        return None, None, None, None
    return m.group("side").lower(), BODY.get(part_tok.lower, part_tok.lower), side_tok, part_tok


_PUT_ONTO_RE = re.compile(r"\b(?:slides?|slid|slips?|slipped|puts?|pushes|pushed|places?|placed|eases?|eased|"
                          r"works?|worked|fastens?|fastened|buckles?|buckled|straps?|strapped)\b[^.;]{0,40}?\b(?:onto|on)\b",
                          re.IGNORECASE)
#: A band that is a ring: "her gold wedding band", "the plain band on his left hand".
_RING_BANDS = frozenset("wedding gold golden silver platinum plain signet thin wide titanium".split())


_OLD_MARK = frozenset("old healed faded shiny puckered white silvery ancient".split())


#: A part of the body that splits or bleeds of itself, and verbs that split it open.
_SPLIT_OPEN = frozenset({"split", "bleed", "burst"})
_SPLIT_IT = frozenset({"split", "bloody", "gash", "slash", "skin", "graze"})


#: How a hurt leg is rested: "lies with his left leg propped on a tackle bag".
_RESTED = frozenset({"propped", "elevated"})


def _bleeds(parse: Parse, verb: Token, lemma: str) -> bool:
    """A verb that says a part is hurt: "Blood wells from his left index finger", "a pink line healing on it"."""
    return lemma in ("bleed", "bleeding", "heal", "healing") or any(c.lower == "blood" for c in parse.children(verb.i, "nsubj"))


def _body_part(parse: Parse, t: Token) -> list[Trait]:
    """A body part with a side and a state: "her bandaged right arm", "two bare, steady hands"."""
    out: list[Trait] = []
    who, gender, how = _owner_any(parse, t)
    left, _ = _left(parse, t)
    mods = [*left, *_mods(parse, t)]
    toks = parse.tokens
    if t.i + 3 < len(toks) and toks[t.i + 1].text == "," and toks[t.i + 3].text in (",", ".", ";") and \
            toks[t.i + 2].lower in INJURY_WORDS:
        mods.append(toks[t.i + 2])  # "Her left hand, bandaged, rests beside her cup"
    said: list[Token] = []  # what the clause says the part is: "his face clean", "His face is clean"
    if t.dep in ("nsubj", "nsubjpass"):
        mods.append(parse.head(t.i))
        said = [parse.head(t.i), *parse.children(parse.head(t.i).i, "acomp")]
        mods += said[1:]
    side = next((SIDES[m.lower] for m in mods if m.lower in SIDES), None)
    part = BODY[t.lower]
    if part is None:
        return out
    limb = LIMB.get(part)
    # "grazes the outside of the left arm": the verb above the part's own noun phrase
    verb = next((a for a in parse.ancestors(t.i)[:4] if a.pos == "VERB"), None)
    lemma = _unprefixed(verb.lemma) if verb is not None else ""
    hurt = [m for m in mods if m.lower in INJURY_WORDS or (limb == "leg" and m.lower in _RESTED)] or (
        [verb] if verb is not None and (lemma in INJURY_VERBS or _bleeds(parse, verb, lemma))
        and t.dep in ("dobj", "nsubjpass", "pobj") else [])
    if not hurt and t.dep == "nsubj":
        # "His left hand is in a lighter dressing now": what the part is in
        head = parse.head(t.i)
        hurt = [o for p in parse.children(head.i, "prep") if p.lower == "in"
                for o in parse.children(p.i, "pobj") if o.lower in _DRESSINGS]
    # "winds a white bandage round and round his left palm", "winds white gauze round his palm" (clauses the small
    # parser cannot read): hurt there, and bandaged from here
    wound = _WOUND_ROUND_RE.search(parse.text[:t.start]) if limb == "arm" else None
    dressing = parse.at(wound.start("d")) if wound else None
    if dressing is not None:
        if not hurt and side:
            hurt = [dressing]
        out.append(Trait("state.arm.bandage", f"bandaged-{side}" if side else "bandaged", _words(parse, dressing, t),
                         dressing.start, who, gender, True, how=how))
    if side and limb and hurt:
        out.append(Trait(f"side.injury.{limb}", side, _words(parse, hurt[0], t), min(hurt[0].start, t.start), who,
                         gender, False, how=how))
    marked = next((m for m in mods if m.lower in ("scarred", "tattooed")), None)
    if side and marked is not None:
        # "Turns it over in her scarred right hand": the scar is on that hand
        thing = "scar" if marked.lower == "scarred" else "tattoo"
        out.append(Trait(f"side.{thing}.{part}", side, _words(parse, marked, t), min(marked.start, t.start), who,
                         gender, False, how=how))
    if limb == "arm" and verb is not None and lemma in BANDAGE_VERBS and t.dep in ("dobj", "nsubjpass", "pobj"):
        value = f"bandaged-{side}" if side else "bandaged"
        out.append(Trait("state.arm.bandage", value, _words(parse, verb, t), min(verb.start, t.start), who, gender,
                         True, how=how))
    if part in ("hand", "face") and verb is not None and (
            (verb.lemma in _SPLIT_OPEN and t.dep in ("nsubj", "nsubjpass")) or
            (verb.lemma in _SPLIT_IT and t.dep == "dobj")):
        # "Her knuckles split on his teeth", "splits his lip": blood on it from here
        target = f"{part}.{side}" if side else part
        out.append(Trait(f"state.{target}.stain", "stained", _words(parse, verb, t), min(verb.start, t.start), who,
                         gender, True, how=how))
    left_words, _ = _left(parse, t)
    for m in mods:
        state = STATES.get(m.lower)
        unhurt = state == ("bandage", "bare") and m.lower != "bare" and part in ("hand", "face")
        if state and (state[0] == "clean" or unhurt) and (m in left_words or m in said) and part in ("hand", "face", "arm"):
            # "grips the wheel with clean hands": no blood, no dirt
            target = f"{part}.{side}" if side else part
            for dim in ("stain", "dirt"):
                out.append(Trait(f"state.{target}.{dim}", "clean", _words(parse, m, t), min(m.start, t.start), who,
                                 gender, _change(parse, t, f"state.{part}.{dim}"), how=how))
            continue
        if not state or state[0] not in ("bandage", "bruise", "wet", "dirt", "stain"):
            continue
        if state[0] == "bruise" and part not in ("eye", "face"):
            continue
        if state[0] == "bandage":
            if limb != "arm":
                continue
            plural = t.lower.endswith("s")
            value = state[1] + (f"-{side}" if side else "" if state[1] == "bandaged" or plural else "-one")
            out.append(Trait("state.arm.bandage", value, _words(parse, m, t), min(m.start, t.start), who, gender,
                             _change(parse, t, "state.arm.bandage"), how=how))
            if state[1] == "bandaged" and side:
                out.append(Trait("side.injury.arm", side, _words(parse, m, t), min(m.start, t.start), who, gender,
                                 False, how=how))
            continue
        target = f"{part}.{side}" if side else part
        out.append(Trait(f"state.{target}.{state[0]}", state[1], _words(parse, m, t), min(m.start, t.start), who,
                         gender, _change(parse, t, f"state.{part}.{state[0]}"), how=how))
    if t.dep != "nsubj" and part in ("hand", "face", "arm"):
        # the small parser loses the clause ("when it stops breathing her hands and the front of her shirt
        # are red with its blood"): the words say it
        m = _RED_WITH_RE.match(parse.text[t.end:])
        if m:
            dim = "stain" if m.group(1).lower() == "blood" else "dirt"
            out.append(Trait(f"state.{part}.{dim}", "stained" if dim == "stain" else "dirty",
                             parse.text[t.start: t.end + m.end()], t.start, who, gender, False, how=how))
    if t.dep == "nsubj" and part in ("hand", "face", "arm"):
        # "her hands ... are red with its blood", "his face is black with mud"
        head = parse.head(t.i)
        for a in parse.children(head.i, "acomp", "attr", "oprd"):
            for prep in parse.children(a.i, "prep"):
                for p in parse.children(prep.i, "pobj") if prep.lower == "with" else ():
                    dim = "stain" if p.lemma == "blood" else "dirt" if p.lower in MUD_NOUNS else None
                    if dim:
                        out.append(Trait(f"state.{part}.{dim}", "stained" if dim == "stain" else "dirty",
                                         _words(parse, t, p), t.start, who, gender, False, how=how))
    return out


_RED_WITH_RE = re.compile(r"[^.;]{0,60}?\b(?:are|is)\s+(?:\w+\s+)?(?:red|slick|sticky|wet|black|dark|brown|covered|"
                          r"smeared|streaked|caked)\s+(?:in|with)\s+(?:\w+'?s?\s+)?(blood|mud|muck|dirt)\b", re.IGNORECASE)


def _garment_state(parse: Parse, t: Token) -> list[Trait]:
    """A garment's state: "a clean purple fleece", "his sodden red beanie", "the shirt is spotless"."""
    who, gender, how = _owner_any(parse, t)
    out: list[Trait] = []
    left, _ = _left(parse, t)
    right = _right(parse, t)
    mods = [*left, *_mods(parse, t), *(m for m in right if m not in left)]
    verb = parse.head(t.i)
    put_on = t.dep in ("dobj", "pobj") and (verb.lemma in _PUT_ON or parse.head(verb.i).lemma in _PUT_ON) and not any(
        c.lower in ("off", "out") for v in (verb, parse.head(verb.i)) for c in parse.children(v.i, "prt", "advmod", "prep")
    )  # ("shrugs off her dry denim jacket": taken off as it was)
    for m in mods:
        state = STATES.get(m.lower)
        if not state or state[0] in ("bandage", "bruise") or (state[0] == "clean" and m not in left and m not in right):
            continue
        dim, value = ("stain", "clean") if state[0] == "clean" else state
        out.append(Trait(f"state.clothes.{dim}", value, _words(parse, m, t), min(m.start, t.start), who, gender,
                         put_on or _change(parse, t, f"state.x.{dim}"), how=how))
        if state[0] == "clean":
            out.append(Trait("state.clothes.dirt", "clean", _words(parse, m, t), min(m.start, t.start), who, gender,
                             put_on or _change(parse, t, "state.x.dirt"), how=how))
    # "plastered with mud", "soaked with rain"
    for m in mods:
        for prep in parse.children(m.i, "prep", "agent"):
            for p in parse.children(prep.i, "pobj"):
                if p.lower in MUD_NOUNS:
                    out.append(Trait("state.clothes.dirt", "dirty", _words(parse, m, p), m.start, who, gender, False,
                                     how=how))
    return out


def _right(parse: Parse, t: Token) -> list[Token]:
    """State words right after a worn garment, however the parse hangs them ("his T-shirt bone-dry and crisp").

    Only in an absolute phrase, where a possessive names the wearer and no verb comes between.
    """
    _, owner = _left(parse, t)
    bare = owner is None and t.i > 0 and parse.tokens[t.i - 1].text == ","  # ", hoodie dry and ponytail neat"
    if not bare and (owner is None or owner.lower not in ("his", "her", "their")):
        return []
    out: list[Token] = []
    for w in parse.tokens[t.i + 1:t.i + 6]:
        if w.lower in STATES:
            out.append(w)
        elif w.lower in ("and", ",", "still", "now", "already", "completely", "perfectly", "quite", "entirely"):
            continue
        else:
            break
    return out
