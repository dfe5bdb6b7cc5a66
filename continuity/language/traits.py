"""What a sentence says a person looks like or is in: traits read from a dependency parse.

One reader for the script's sentences and the bible's prose alike, so a bible that
says "dark auburn, long, worn in a single braid down her back" and a script line
that says "her two green knots" are compared dimension by dimension:

- **Hair**: colour, length (short / medium / long) and style (braid, ponytail,
  bun, knots...), from any hair noun ("curls", "pixie cut", "bob") and its
  modifiers, predicates and appositions. A style implies a length: a ponytail is
  not short hair.
- **Eyes**: colour; an eye's side and state (swollen, black, blind).
- **Facial hair**: a beard or moustache there or not ("clean-shaven" says none).
- **Body**: build (slim / heavy / muscular: girth) and height (tall / short), two
  different dimensions.
- **Sides**: a thing worn or borne on one side: a watch on a wrist, a sling, a
  bandage, a cast, a scar, a tattoo, a limp, a black eye ("his left arm in its
  navy sling", "the watch on his right wrist", "favouring his left leg").
- **States** of a garment or of the body: wet or dry, muddy or clean, stained or
  spotless, bandaged or bare.
- **Changes**: a verb that changes a trait on screen (dye, cut, shave, towel off,
  bandage...) marks the trait as an event rather than a statement.

Owners are tokens: a possessive, the subject of *has*/*wears*, the noun a phrase is
set off against; the caller resolves pronouns (:data:`Resolver`). A closed
vocabulary is used only for what is closed: colours, sides, lengths, states.
"""

from __future__ import annotations

import re

from continuity.language.body_traits import (
    BANDAGE_VERBS,
    GARMENT_PARTS,
    SPILL_VERBS,
    STAIN_NOUNS,
    _bandage_it,
    _body_part,
    _elliptic_side,
    _fading_bruise,
    _garment_state,
    _person_state,
    _sided,
    _spill,
    _stain,
    misread_compound,
)
from continuity.language.build_traits import _body_words, _limp
from continuity.language.glasses import GLASSES as _GLASSES
from continuity.language.glasses import glasses as _glasses
from continuity.language.lexicon import EYE_COLOURS, HAIR_COLOURS
from continuity.language.parse import Parse, Token
from continuity.language.side_phrases import side_phrases
from continuity.language import state_phrases
from continuity.language.hair_phrases import (BLADES, BURNT_RE, FACE_PARTS, PUT_UP, STRAND_TWISTED_RE, hair_knot,
                                             hair_reach, haired as _haired, into_style, person_cropped, FROSTED_RE)
from continuity.language.trait_grammar import (
    _absolute_noun,
    _adj_owner,
    _after_determiner,
    _bald_head,
    _change,
    _colour_of,
    _colour_word,
    _comes_away,
    _dedupe,
    _left,
    _mods,
    _next_is,
    _of_something,
    _other_noun_between,
    _owner_any,
    _prev,
    _turns_to,
    _words,
)
from continuity.language.trait_words import (  # the vocabulary, read as traits.X elsewhere
    BODY,
    CHANGE_VERBS,
    FACIAL,
    GARMENT_WORDS,
    GATE_RE,
    GIRTHS,
    HAIR_NOUNS,
    HAIR_ONLY_COLOURS,
    HEIGHTS,
    INJURY_THINGS,
    INJURY_VERBS,
    INJURY_WORDS,
    LENGTHS,
    LIMB,
    MUD_NOUNS,
    SIDED,
    SIDES,
    STATES,
    STRANDS,
    STYLE_LENGTH,
    WET_NOUNS,
    Resolver,
    Trait,
    names_a_trait_word,
)
from continuity.language.water_traits import (
    INTO_WATER_GATE,
    INTO_WATER_VERBS,
    PULLED_IN,
    WATERS,
    in_the_water,
    into_water,
    out_of_water,
    stained_by,
)


def may_state_traits(text: str) -> bool:
    """A cheap gate before parsing: the text names a hair, body or state word."""
    return names_a_trait_word(text) or _NOT_A_DROP_RE.search(text) is not None or INTO_WATER_GATE.search(text) is not None \
        or state_phrases.GATE.search(text) is not None


def read(parse: Parse, *, about_one: bool = False) -> list[Trait]:
    """Every trait the parse states, with owners where the parse names them.

    Args:
        parse: the sentence.
        about_one: the text is all about one person (a bible's description): words
            with no owner in the grammar ("Heavy, completely bald") are theirs.
    """
    out: list[Trait] = []
    for t in parse.tokens:
        low = t.lower
        if low in STRANDS and STRAND_TWISTED_RE.search(parse.text):
            out += _hair(parse, t)  # "twists a long brown strand round her finger": hair, whatever its colour
            continue
        if low in STRANDS | {"buzz"} and not any(p in HAIR_ONLY_COLOURS for w in parse.tokens[max(0, t.i - 4):t.i]
                                                for p in w.lower.split("-")) and not _next_is(parse, t, "cut"):
            continue  # "a red strand of wool", "the buzz of the needle" (but "her platinum buzz")
        if low in ("knot", "knots") and not hair_knot(parse, t):
            continue  # "checking knots" on a rope, "a knot in his stomach"
        if low in ("bearded", "whiskered", "stubbled") and t.dep == "amod" and parse.head(t.i).lower in FACE_PARTS:
            # "Teo rubs his bearded jaw": a beard on him
            who, gender, how = _owner_any(parse, parse.tokens[t.head])
            out.append(Trait("beard", "stubble" if low == "stubbled" else "yes", _words(parse, t, parse.tokens[t.head]),
                             t.start, who, gender, False, how=how))
            continue
        if low in HAIR_NOUNS and t.pos in ("NOUN", "PROPN", "ADJ", "VERB") and (low != "head" or _bald_head(parse, t)):
            if t.pos != "VERB" or _after_determiner(parse, t) or (
                    t.i > 0 and parse.tokens[t.i - 1].lower in HAIR_COLOURS and t.lower != "head"):
                out += _hair(parse, t)  # ("ginger plaits dripping", "plaits" read as a verb)
        elif low in ("eyes", "eye") and t.pos in ("NOUN", "PROPN"):
            out += _eyes(parse, t)
        elif low in FACIAL and t.pos in ("NOUN", "PROPN", "ADJ"):
            out += _facial(parse, t)
        elif low in SIDED and (t.pos in ("NOUN", "PROPN") or _after_determiner(parse, t) or
                               misread_compound(parse, t) or _absolute_noun(parse, t)):
            out += _sided(parse, t)
        elif low in BODY and t.pos == "NOUN":
            out += _body_part(parse, t)
        elif low in _GLASSES and t.pos in ("NOUN", "PROPN") and (
                low in ("glasses", "spectacles", "specs", "bifocals") or about_one or
                any(w.lower in ("his", "her", "their", "glasses", "spectacles", "specs")
                    for w in parse.tokens[max(0, t.i - 6):t.i])):
            # ("his spare gold wire frames", "a pair of glasses, thin gold wire frames"; not "the wire frames of the
            # bunks")
            out += _glasses(parse, t, about_one)
        elif _garment_word(low.split()[-1]) and t.pos in ("NOUN", "PROPN", "ADJ"):
            out += _garment_state(parse, t)  # the audit parses a garment's words as one token ("white shirt")
        if low == "clean-shaven" or (low == "shaven" and _prev(parse, t, "clean")) or low == "beardless":
            who, gender, _ = _adj_owner(parse, t)
            if who is None and gender is None and low == "beardless":
                who, gender, _ = _owner_any(parse, t)  # "rubs his smooth, beardless chin"
            out.append(Trait("beard", "none", t.text, t.start, who, gender, False, False))
            if low != "beardless":
                out.append(Trait("moustache", "none", t.text, t.start, who, gender, False, False))
        elif (low in HEIGHTS or low in GIRTHS) and (t.pos == "ADJ" or about_one and t.i == 0):
            out += _body_words(parse, t, about_one)
        elif low.endswith("-haired") or low in ("redhead", "redheaded", "red-headed", "blonde", "brunette"):
            out += _haired(parse, t)
        elif low in ("limp", "limps", "limping", "favour", "favours", "favouring", "favor", "favors", "favoring"):
            out += _limp(parse, t)
        if low in STATES and STATES[low][0] in ("wet", "dirt", "stain") and t.pos in ("ADJ", "VERB", "ADV") and \
                not _of_something(parse, t):  # ("looks for something dry to wipe them on": not her)
            out += _person_state(parse, t)
        elif low in STATES and t.dep == "amod" and parse.head(t.i).lower in GARMENT_PARTS:
            out += _person_state(parse, t)  # "the clean grey sleeve of his hoodie"
        elif low in ("plastered", "caked", "covered", "smeared", "spattered", "splattered", "streaked") and any(
                w.lower in MUD_NOUNS for w in parse.subtree(t.i)):
            out += _person_state(parse, t, ("dirt", "dirty"))
        elif (low == "plastered" or low == "slicked" and _SLICKED_WET_RE.search(parse.text[t.end:t.end + 30])) and \
                (subj := parse.subject(t)) is not None and subj.lower in HAIR_NOUNS:
            # ("slicked flat to her skull" by the rain; not "slicked back", a style)
            # "her hair is plastered flat" (with no mud): wet
            who, gender, how = _owner_any(parse, subj)
            out.append(Trait("state.clothes.wet", "wet", _words(parse, subj, t), subj.start, who, gender,
                             True, how=how))
        if t.pos == "VERB" and t.lemma in BANDAGE_VERBS:
            out += _bandage_it(parse, t)
        if t.pos == "VERB" and t.lemma in SPILL_VERBS:
            out += _spill(parse, t)
        elif t.pos == "VERB" and t.lemma in _WIPE_VERBS:
            out += _wiped_onto(parse, t)
        elif low in STAIN_NOUNS and (t.dep in ("nsubj", "compound", "dobj", "ROOT", "attr") or (
                t.dep == "pobj" and parse.head(t.i).lower == "of" and parse.head(parse.head(t.i).i).dep == "nsubj")):
            # ("a bright line of blood opens on her cheekbone", "there is blood on his face")
            out += _stain(parse, t)
        if low in _MATTER and (t.dep in ("nsubj", "nsubjpass") or t.dep == "compound" and parse.head(t.i).pos == "NOUN"
                               and parse.head(t.i).lower[:-1] in _MATTER_VERBS):  # ("black powder smears across")
            out += _matter_on(parse, t)
        if t.pos == "VERB" and t.lemma in INTO_WATER_VERBS:
            out += into_water(parse, t)
        elif t.pos == "VERB" and (t.lemma == "tread" or t.lower == "treads" or t.lemma in PULLED_IN):
            # (not "swims laps in the pool": one in swimwear is wet by the costume, not a state carried on)
            out += in_the_water(parse, t)
        if low in SIDES and (t.dep in ("nsubj", "nsubjpass", "appos", "npadvmod", "ROOT", "dep", "dobj", "conj")
                             or t.i > 0 and parse.tokens[t.i - 1].lower == "the"):  # "the right bandaged"
            out += _elliptic_side(parse, t)
    out += _fading_bruise(parse)
    out += _not_a_drop(parse)
    out += _the_other_one(parse)
    out += _lost_finger(parse)
    out += out_of_water(parse)
    out += stained_by(parse, out)
    out += side_phrases(parse)
    out += state_phrases.read(parse) + person_cropped(parse)
    return sorted(_dedupe(out), key=lambda t: t.start)  # in the sentence's order: "surfaces ..., her suit dry"


_SLICKED_WET_RE = re.compile(r"^\s+(?:flat|down\s+(?:to|on|against)|to\s+(?:his|her|their)\s+(?:skull|scalp|head|face))\b",
                             re.IGNORECASE)
_FINGER = r"(?:left|right)\s+(?:(?:index|middle|ring|little|pinkie|fore)\s+)?(?:finger|thumb|forefinger)\b"
_PART_OF = r"(?:top\s+joint|tip|end|top|first\s+joint|half)\s+of\s+(?:his|her|the)\s+"
#: "the stump of his right index finger", "the top joint of his left index finger is missing",
#: "missing the tip of her right thumb", "Top joint of the LEFT index finger missing since a press accident".
_LOST_FINGER_RE = re.compile(
    rf"\bstump\s+of\s+(?:his|her|the|a)\s+{_FINGER}|\b{_PART_OF}{_FINGER}(?=[^.;]{{0,24}}\bmissing\b)|"
    rf"\b(?:missing|lost)\s+(?:the\s+)?{_PART_OF}{_FINGER}|\b(?:his|her)\s+{_FINGER}\s+(?:is|was)\s+missing\b",
    re.IGNORECASE)


def _lost_finger(parse: Parse) -> list[Trait]:
    """A finger with a side that is missing, whole or in part: the hand it is lost from."""
    out = []
    for m in _LOST_FINGER_RE.finditer(parse.text):
        side = re.search(r"left|right", m.group(0), re.IGNORECASE).group(0).lower()
        finger = next((t for t in parse.tokens if m.start() <= t.start < m.end()
                       and t.lower in ("finger", "thumb", "forefinger")), None)
        if finger is None:
            continue
        who, gender, how = _owner_any(parse, finger)
        out.append(Trait("side.stump.hand", side, m.group(0), m.start(), who, gender, False, how=how))
    return out


_MARKED_EYE = r"milky|blind|bad|dead|glass|clouded|cloudy|sightless|ruined|white|scarred|lazy|false|useless|weak"
_ONE_EYE_RE = re.compile(rf"\b(?:the|his|her|that)\s+(?:(?P<marked>{_MARKED_EYE})|(?P<good>good|sound|seeing))\s+"
                         r"(?P<side>left|right)\s+one\b", re.IGNORECASE)


def _the_other_one(parse: Parse) -> list[Trait]:
    """"bring his good eye round to her, the milky right one turned away": "one" stands for the eye named before."""
    eye = next((t for t in parse.tokens if t.lower in ("eye", "eyes")), None)
    m = _ONE_EYE_RE.search(parse.text)
    if eye is None or m is None or eye.start > m.start():
        return []
    side = m.group("side").lower()
    if m.group("good"):
        side = "left" if side == "right" else "right"  # "his good right one": the marked eye is the left
    who, gender, how = _owner_any(parse, eye)
    return [Trait("side.eye", side, m.group(0), m.start(), who, gender, False, how=how)]


_NOT_A_DROP_RE = re.compile(r"\bnot (?:an?|one) (?:single )?(?P<n>mark|drop|spot|stain|speck|smear|trace|fleck)"
                            r"(?: of (?P<of>[a-z]+))? on (?P<on>him|her|it|them)\b", re.IGNORECASE)


def _not_a_drop(parse: Parse) -> list[Trait]:
    """"not a drop of river on him" (dry), "not a drop of blood on him", "his white shirt, not a mark on it" (clean)."""
    out: list[Trait] = []
    for m in _NOT_A_DROP_RE.finditer(parse.text):
        of = (m.group("of") or "").lower()
        # "not a drop on her boots": of water, unless the drop is said to be of something else
        water = of in WATERS or of in ("rain", "spray") or (not of and m.group("n").lower() == "drop")
        dim, value = ("wet", "dry") if water else ("stain", "clean")
        on = m.group("on").lower()
        who = gender = None
        how = "poss"
        if on in ("him", "her"):
            gender = "m" if on == "him" else "f"
        else:
            garment = next((t for t in reversed(parse.tokens) if t.end <= m.start()
                            and t.lower.split()[-1] in GARMENT_WORDS), None)
            if garment is None:
                continue
            who, gender, how = _owner_any(parse, garment)
        out.append(Trait(f"state.clothes.{dim}", value, m.group(0), m.start(), who, gender, False, how=how))
    return out


_MEASURES = frozenset("inch inches foot feet centimetres centimeters cm length lengths hank hanks".split())


def _length_of_hair_falls(parse: Parse, t: Token) -> tuple[Token, Token] | None:
    """"Twelve inches of hair drops", "a foot of hair falls away": ``(measure, verb)`` when a length of the
    hair at ``t`` is the subject of a verb of coming away."""
    if t.dep != "pobj" or t.lower not in ("hair", "locks", "curls"):
        return None
    of = parse.head(t.i)
    measure = parse.head(of.i) if of.lower == "of" else None
    if measure is None or measure.lower not in _MEASURES or measure.dep != "nsubj":
        return None
    verb = parse.head(measure.i)
    return (measure, verb) if verb.pos == "VERB" and _comes_away(parse, verb) else None


def _hair(parse: Parse, t: Token) -> list[Trait]:
    if any(c.lower == "no" for c in parse.children(t.i, "det")):
        return []  # "the choppy pixie cut, no bun": what she no longer has
    who, gender, how = _owner_any(parse, t)
    out: list[Trait] = []
    style = HAIR_NOUNS.get(t.lower)
    left, _ = _left(parse, t)
    for m in [*left, *parse.children(t.i, "compound", "amod")]:
        if m.lower in ("pixie", "crew", "buzz"):
            style = "pixie" if m.lower == "pixie" else "crop"
        elif m.lower in HAIR_NOUNS and HAIR_NOUNS[m.lower]:
            style = HAIR_NOUNS[m.lower]
    if style is None:
        # "curls knotted at his crown", "her hair piled up in a clip": put up, so long enough to put up
        done = next((c for c in parse.children(t.i, "acl", "amod") if c.lower in PUT_UP and c.i > t.i), None)
        if done is not None and (done.lower != "piled" or any(x.lower == "up" for x in parse.children(done.i))):
            style = PUT_UP[done.lower]
    if any(m.pos == "NOUN" and m.lower not in HAIR_NOUNS and not _colour_word(m, HAIR_COLOURS)
           and m.lower not in LENGTHS for m in left):
        return []  # "paper curls", "smoke curls": not hair
    # ("and saws through the braid": the small parser may make a cutting verb a noun in a list of verbs)
    verb = next((a for a in parse.ancestors(t.i)[:2] if a.pos == "VERB" or (
        a.dep in ("conj", "ROOT") and a.lemma in CHANGE_VERBS["hair.length"] and a.lower.endswith("s"))), None)
    if t.dep == "nsubj" and verb is not None and _comes_away(parse, verb):
        # "The ponytail comes away in four ragged bites."
        return [Trait("hair.length", "short", _words(parse, t, verb), t.start, who, gender, True, how=how)]
    cut_off = _length_of_hair_falls(parse, t)
    if cut_off is not None:
        # "Twelve inches of black hair drops into Dotty's hand", "a foot of hair falls to the floor"
        return [Trait("hair.length", "short", _words(parse, cut_off[0], cut_off[1]), cut_off[0].start, who, gender,
                      True, how=how)]
    cut = verb is not None and verb.lemma in CHANGE_VERBS["hair.length"] and t.dep in ("dobj", "pobj", "nsubjpass")
    if not cut and verb is not None and verb.lemma in ("take", "put") and t.dep == "pobj" and \
            parse.head(t.i).lower == "to" and any(o.lower in BLADES for o in parse.children(verb.i, "dobj")):
        cut = True  # "takes the kitchen scissors to his long black curls"
    if cut:
        # "hacks off her ponytail", "cuts Kasia's hair": the hair is short from here
        result = [w for c in parse.children(verb.i, "prep", "prt", "advmod", "xcomp", "oprd")
                  if c.dep != "prep" or c.lower in ("into", "to")  # ("saws through the braid": the braid is cut)
                  for w in [c, *parse.subtree(c.i)] if w.lower in HAIR_NOUNS and HAIR_NOUNS[w.lower] and w.i != t.i]
        out.append(Trait("hair.length", "short", _words(parse, verb, t), min(verb.start, t.start), who, gender, True, how=how))
        for r in result:
            out.append(Trait("hair.style", HAIR_NOUNS[r.lower], r.text, r.start, who, gender, True, how=how))
        return out
    turned = _turns_to(parse, t, verb)
    if turned is not None:
        # "her chestnut hair going black", "his hair turns grey": the new colour, changed on screen
        c, w = turned
        return [Trait("hair.colour", c, _words(parse, t, w), t.start, who, gender, True, how=how)]
    mods = [*left, *_mods(parse, t)]
    keep = [m for m in mods if m.lower != "fair" or t.lower in ("hair", "curls", "locks", "mane")]
    if any(STATES.get(m.lower, ("",))[0] == "wet" for m in [*mods, *parse.tokens]) or _DARK_WITH_WET_RE.search(parse.text):
        # "wet and dark", "they're both drenched, her long hair a dark rope": wet hair darkens
        keep = [m for m in keep if m.lower not in ("dark", "darker", "darkened")]
    # the words right before the noun first ("grey hair, blue eyes": grey), then what the grammar says of it
    colour = _colour_of([m for m in keep if m in left], HAIR_COLOURS) or _colour_of(
        [m for m in keep if m not in left and not _other_noun_between(parse, t, m)], HAIR_COLOURS)
    for m in mods if style != "fringe" else ():
        length = LENGTHS.get(m.lower)
        if length:
            out.append(Trait("hair.length", length, _words(parse, m, t), min(m.start, t.start), who, gender,
                             _change(parse, t, "hair.length"), how=how))
    reach = hair_reach(parse.text, t.end) if not any(x.key == "hair.length" for x in out) else None
    if reach:  # "ginger hair curling over his collar"
        out.append(Trait("hair.length", reach[0], f"{t.text} {reach[1]}", t.start, who, gender, False, how=how))
    if colour and colour[1].i + 2 < len(parse.tokens) and parse.tokens[colour[1].i + 1].text == "-":
        # "a white-blonde fuzz": a blonde, the first word only shading it
        after = parse.tokens[colour[1].i + 2]
        shade = _colour_word(after, HAIR_COLOURS)
        if shade:
            colour = (shade, after)
    dyed = verb is not None and verb.lemma in CHANGE_VERBS["hair.colour"] or any(
        m.lemma in CHANGE_VERBS["hair.colour"] or m.lower in ("dyed", "bleached", "hennaed") for m in mods)
    if colour and FROSTED_RE.match(parse.text, colour[1].end):
        colour = None  # "Nell's two plaits are white with frost": frost on them
    if colour:
        c, m = colour
        out.append(Trait("hair.colour", c, _words(parse, m, t), min(m.start, t.start), who, gender,
                         dyed or _change(parse, t, "hair.colour"), how=how))
    elif dyed and verb is not None:
        for c in parse.subtree(verb.i):
            col = _colour_word(c, HAIR_COLOURS) if c.i != t.i else None
            if col:
                out.append(Trait("hair.colour", col, _words(parse, verb, c), min(verb.start, c.start), who, gender,
                                 True, how=how))
                break
    if t.lower == "head" and any(m.lower in ("bald", "shaved", "shaven") for m in mods):
        out.append(Trait("hair.length", "short", t.text, t.start, who, gender, _change(parse, t, "hair.length"), how=how))
    worked = into_style(parse, t) if style else None
    if worked is not None:  # "working Nell's hair ... into two tight plaits": hers, done here
        (who, gender, how), start = _owner_any(parse, worked), worked.start
    if style:
        out.append(Trait("hair.style", style, t.text, start if worked is not None else t.start, who, gender,
                         worked is not None or _change(parse, t, "hair.style"), how=how))
        if style in STYLE_LENGTH and not any(x.key == "hair.length" for x in out):
            out.append(Trait("hair.length", STYLE_LENGTH[style], t.text, start if worked is not None else t.start, who,
                             gender,
                             _change(parse, t, "hair.length"), how=how))
    return out


def _eyes(parse: Parse, t: Token) -> list[Trait]:
    who, gender, how = _owner_any(parse, t)
    left, _ = _left(parse, t)
    mods = [*left, *_mods(parse, t)]
    if t.dep in ("nsubj", "nsubjpass"):
        mods.append(parse.head(t.i))
    out: list[Trait] = []
    side = next((SIDES[m.lower] for m in mods if m.lower in SIDES), None)
    if t.lower == "eyes" or not side:
        colour = _colour_of([m for m in left if m.lower not in ("black", "purple", "red", "bloodshot")], EYE_COLOURS)
        if colour:
            c, m = colour
            first = left[0] if m in left else m  # "pale blue eyes", as written
            out.append(Trait("eyes.colour", EYE_COLOURS.get(m.lower) or c, _words(parse, first, t),
                             min(first.start, t.start), who, gender, False, how=how))
    if side:
        marks = [m for m in mods if STATES.get(m.lower, ("",))[0] == "bruise" or m.lower in (
            "blind", "glass", "bruised", "bad", "dead", "milky", "cloudy", "black")]
        good = next((m for m in mods if m.lower in ("good", "seeing", "sound")), None)
        if not marks and good is not None and side in ("left", "right") and t.lower == "eye":
            # "the good left eye finds him": the marked eye is the other one
            other = "right" if side == "left" else "left"
            out.append(Trait("side.eye", other, _words(parse, good, t), min(good.start, t.start), who, gender, False,
                             how=how))
        if marks:
            m = marks[0]
            out.append(Trait("side.eye", side, _words(parse, m, t), min(m.start, t.start), who, gender, False, how=how))
            state = STATES.get(m.lower)
            if state and state[0] == "bruise":
                out.append(Trait(f"state.eye.{side}.bruise", state[1], _words(parse, m, t), min(m.start, t.start),
                                 who, gender, _change(parse, t, "state.eye.bruise"), how=how))
    return out


#: "Her plait is dark with rain": wet hair darkens; the dark is the water's, not the hair's colour.
_DARK_WITH_WET_RE = re.compile(r"\bdark(?:er|ened)?\s+with\s+(?:the\s+)?(?:rain|water|sweat|wet|spray|sea|river|"
                               r"snowmelt|damp)\b", re.IGNORECASE)


#: What runs off, cakes or streaks a person, and the state it leaves: "Water drips from her hair", "Mud cakes his
#: boots", "Blood streaks her cheek".
_MATTER = {**dict.fromkeys(("water", "rain", "rainwater", "seawater", "river", "lake", "snowmelt"), ("wet", "wet")),
           **dict.fromkeys(("mud", "muck", "dirt", "silt", "soot", "ash", "grime", "clay", "powder", "pigment", "flour",
                            "dust", "charcoal", "grease", "oil", "sawdust", "plaster"), ("dirt", "dirty")),
           **dict.fromkeys(("blood", "gore", "paint", "ink", "wine"), ("stain", "stained"))}
_MATTER_VERBS = frozenset("drip run stream pour trickle cake streak spatter splatter coat cover smear cling plaster "
                          "crust soak drench stain bead sheet dribble leak seep".split())


def _matter_on(parse: Parse, t: Token) -> list[Trait]:
    """Water, mud or blood as the subject of a verb that leaves it on someone's hair, body or clothes."""
    verb = parse.head(t.i)
    lemma = verb.lemma if verb.pos == "VERB" else verb.lower[:-1] if verb.dep in ("ROOT", "conj") and \
        verb.lower.endswith("s") else ""  # ("Water drips from her hair", "drips" tagged a noun)
    if lemma not in _MATTER_VERBS:
        return []
    targets = [*parse.children(verb.i, "dobj"),
               *(o for p in parse.children(verb.i) if p.lower in ("from", "off", "down", "on", "over", "onto", "into",
                                                                  "through", "in", "across")
                 for o in parse.children(p.i, "pobj"))]
    for g in targets:
        if not (g.lower in HAIR_NOUNS or g.lower in BODY or _garment_word(g.lower.split()[-1])):
            continue
        if not any(c.dep == "poss" for c in parse.children(g.i)):
            return []  # "water runs off the roof", "mud cakes the boots by the door"
        who, gender, how = _owner_any(parse, g, own_body=False)
        dim, value = _MATTER[t.lower]
        part = BODY.get(g.lower)
        target = part if dim != "wet" and part in ("face", "hand") else "clothes"
        return [Trait(f"state.{target}.{dim}", value, _words(parse, t, g), t.start, who, gender, True, how=how)]
    return []


_WIPE_VERBS = frozenset({"wipe", "smear", "rub", "smudge", "scrub"})
#: What wiped onto clothes leaves them dirty, or stained.
_WIPED_DIRT = frozenset({*MUD_NOUNS, "soot", "ash", "ashes", "grease", "oil", "grime", "dust", "muck", "charcoal"})
_WIPED_STAIN = frozenset({"blood", "paint", "wine", "ink", "sauce", "jam", "chocolate"})


def _wiped_onto(parse: Parse, verb: Token) -> list[Trait]:
    """"wipes the soot off her hand onto her jeans", "wipes her muddy hands on her jeans": the clothes are dirty now."""
    what = None
    for o in parse.children(verb.i, "dobj"):
        words = {o.lower, *(m.lower for m in parse.children(o.i, "amod", "compound"))}
        if words & _WIPED_DIRT or any(STATES.get(w, ("",))[0] == "dirt" for w in words):
            what = ("state.clothes.dirt", "dirty")
        elif words & _WIPED_STAIN or any(w in ("bloody", "bloodied", "painty", "inky") for w in words):
            what = ("state.clothes.stain", "stained")
    if what is None:
        return []
    for j in range(verb.i + 1, len(parse.tokens)):  # "onto her jeans", wherever the parse hangs it
        t = parse.tokens[j]
        if t.pos == "VERB" or t.text in (";", ":"):
            break
        if t.lower in ("onto", "on", "down", "across") and j + 1 < len(parse.tokens):
            garment = next((g for g in parse.tokens[j + 1:j + 4] if _garment_word(g.lower)), None)
            if garment is not None:
                who, gender, how = _owner_any(parse, garment)
                return [Trait(what[0], what[1], _words(parse, verb, garment), verb.start, who, gender, True, how=how)]
    return []


def _garment_word(word: str) -> bool:
    """A garment's noun, or its plural ("their dry coats")."""
    return word in GARMENT_WORDS or (word.endswith("s") and not word.endswith("ss") and word[:-1] in GARMENT_WORDS)



_GROWN_RE = re.compile(r"\b(?:grow|grows|grew|grown|growing|regrow\w*|fake|false|stick-on|glue[sd]?|new|now)\b",
                       re.IGNORECASE)


_GONE_RE = re.compile(r"(?:\s+(?:is|was|has|had)|'s)?\s+(?:been\s+|now\s+|all\s+|already\s+)*(?:gone|no more|shaved off|"
                      r"shaven off)\b",
                      re.IGNORECASE)


def _facial(parse: Parse, t: Token) -> list[Trait]:
    who, gender, how = _owner_any(parse, t)
    key = FACIAL[t.lower]
    negated = any(c.lower in ("no", "without") for c in parse.children(t.i, "det", "neg")) or \
        parse.head(t.i).lower == "without" or bool(re.search(  # "pale where the beard was"
            r"\bwhere (?:the|his|her|a) (?:\w+ )?" + re.escape(t.text) + r" (?:was|were|used to be|had been)\b",
            parse.text, re.IGNORECASE))
    for a in parse.ancestors(t.i)[:2]:
        if re.search(r"[;.]", parse.text[min(a.start, t.start):max(a.end, t.end)]):
            continue  # "walrus moustache, worn since he was nineteen; shaved off (scene 20)": another clause's
        if (a.lemma == "shave" or a.lower.startswith("shav")) and any(
                c.dep == "neg" or c.lower in ("never", "not", "n't") for c in parse.children(a.i)):
            break  # "full black beard throughout -- never shaved": kept
        if a.lemma == "shave" or a.lower.startswith("shav") or (t.dep == "nsubj" and _comes_away(parse, a)):
            return [Trait(key, "none", _words(parse, a, t), min(a.start, t.start), who, gender, True, how=how)]
    of = parse.head(t.i) if t.dep == "pobj" else None
    if of is not None and of.lower == "of" and parse.head(of.i).dep in ("nsubj", "nsubjpass"):
        # "the last of the beard goes": gone; "a long stripe of beard falls away": going, not yet gone
        part, verb = parse.head(of.i), parse.head(parse.head(of.i).i)
        if _comes_away(parse, verb) or verb.lemma in ("go", "disappear", "vanish"):
            # ("Cal, razor in hand. Half of the burnt red beard is already gone": shaving it off, from here on;
            # not "half of it gone, singed away": what is left is still a beard)
            if part.lower in ("last", "rest", "remains", "remnants") or (
                    part.lower in ("half", "most", "much") and verb.lower == "gone" and not BURNT_RE.match(parse.text, verb.end)):
                return [Trait(key, "none", _words(parse, part, verb), part.start, who, gender, True, how=how)]
            return []
    gone = _GONE_RE.match(parse.text, t.start + len(t.text))
    if gone and of is not None and of.lower == "of" and BURNT_RE.match(parse.text, gone.end()):
        return []  # "Half of the red beard is gone, singed away": what is left is still a beard
    if gone:  # "The beard is gone.", "his moustache gone": shaved off, from here on
        return [Trait(key, "none", t.text + gone.group(0), t.start, who, gender, True, how=how)]
    value = "none" if negated else "stubble" if t.lower in ("stubble", "bristles", "five-o'clock") else "yes"
    change = _change(parse, t, key)
    if change and value != "none" and not _GROWN_RE.search(parse.text):
        change = False  # "his ginger beard freshly trimmed": trimmed, so there all along; only grown is new
    out = [Trait(key, value, t.text, t.start, who, gender, change, negated, how=how)]
    left, _ = _left(parse, t)
    # (not past a comma: "grey goatee, heavy through the shoulders, pale blue eyes"; nor a semicolon)
    mods = [m for m in _mods(parse, t) if not (m.start > t.end and re.search(r"[,;]", parse.text[t.end:m.start]))]
    colour = _colour_of([m for m in [*left, *mods] if m.lower not in ("bald", "dark")], HAIR_COLOURS)
    if colour and not negated:
        c, m = colour
        out.append(Trait(f"{key}.colour", c, _words(parse, m, t), min(m.start, t.start), who, gender, False, how=how))
    return out


__all__ = ['BODY', 'CHANGE_VERBS', 'FACIAL', 'GARMENT_WORDS', 'GATE_RE', 'GIRTHS', 'HAIR_NOUNS', 'HEIGHTS', 'INJURY_THINGS', 'INJURY_VERBS', 'INJURY_WORDS', 'LENGTHS', 'LIMB', 'MUD_NOUNS', 'Resolver', 'SIDED', 'SIDES', 'STATES', 'STYLE_LENGTH', 'Trait', 'WET_NOUNS', 'may_state_traits', 'read']
