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
from collections.abc import Callable
from dataclasses import dataclass

from continuity.language.lexicon import BUILDS, COLOUR_GROUP, EYE_COLOURS, GARMENTS, HAIR_COLOURS
from continuity.language.parse import Parse, Token

#: ``gender -> character`` for a pronoun ("he" -> "m"); None when unknown.
Resolver = Callable[[str], "str | None"]

HAIR_NOUNS = {
    "hair": None, "curls": None, "curl": None, "locks": None, "mane": None, "head": None,
    "ponytail": "ponytail", "pony-tail": "ponytail", "braid": "braid", "braids": "braid", "plait": "braid",
    "plaits": "braid", "pigtails": "pigtails", "bunches": "pigtails", "bun": "bun", "chignon": "bun",
    "knot": "knots", "knots": "knots", "topknot": "knots", "bob": "bob", "crop": "crop", "pixie": "pixie",
    "fringe": "fringe", "bangs": "fringe", "dreadlocks": "dreadlocks", "dreads": "dreadlocks", "mohawk": "mohawk",
    "afro": "afro", "quiff": "quiff", "buzzcut": "crop", "crewcut": "crop", "cornrows": "braid",
}
#: A style that needs hair of some length; a crop or a bob is short hair.
STYLE_LENGTH = {"ponytail": "long", "braid": "long", "pigtails": "long", "bun": "long", "knots": "long",
                "dreadlocks": "long", "bob": "short", "crop": "short", "pixie": "short", "mohawk": "short"}
LENGTHS = {
    **dict.fromkeys(["long", "waist-length", "flowing", "shoulder-grazing"], "long"),
    **dict.fromkeys(["shoulder-length", "medium", "mid-length", "collar-length"], "medium"),
    **dict.fromkeys(["short", "cropped", "close-cropped", "chin-length", "shorn", "buzzed", "shaved", "shaven",
                     "jaw-length", "ear-length", "crew-cut", "pixie", "boyish", "clipped"], "short"),
}
FACIAL = {"beard": "beard", "moustache": "moustache", "mustache": "moustache", "stubble": "beard",
          "goatee": "beard", "whiskers": "beard", "side-whiskers": "beard", "sideburns": "beard",
          "mutton-chops": "beard"}
#: Words for height alone: "big", "little" and "small" say size, age or importance as often.
HEIGHTS = {**dict.fromkeys(["tall", "towering", "lofty", "gangly", "lanky", "long-legged", "statuesque"], "tall"),
           **dict.fromkeys(["short", "tiny", "diminutive", "petite", "squat", "stumpy", "pint-sized", "undersized",
                            "elfin"], "short")}
GIRTHS = {**BUILDS, "slight": "slim", "slim": "slim", "thin": "slim", "bony": "slim", "lean": "slim",
          "skinny": "slim", "wiry": "slim", "rangy": "slim", "heavy": "heavy", "fat": "heavy", "stocky": "heavy",
          "bulky": "heavy", "broad": None, "solid": None, "big": None, "huge": None}
#: Things worn or borne on one side, and the body part each sits on when none is said.
SIDED = {"watch": "wrist", "wristwatch": "wrist", "bracelet": "wrist", "sling": "arm", "cast": "arm",
         "splint": "arm", "bandage": None, "bandages": None, "dressing": None, "gauze": None, "plaster": None,
         "scar": None, "tattoo": None, "piercing": None, "stud": "ear", "earring": "ear", "ring": "hand",
         "stitches": None, "limp": "leg", "patch": "eye", "eyepatch": "eye", "bruise": None, "burn": None,
         "cut": None, "gash": None, "graze": None, "birthmark": None, "brace": None}
BODY = {"wrist": "wrist", "wrists": "wrist", "arm": "arm", "arms": "arm", "forearm": "arm", "forearms": "arm",
        "elbow": "arm", "shoulder": "arm", "hand": "hand", "hands": "hand", "palm": "hand", "palms": "hand",
        "finger": "hand", "fingers": "hand", "thumb": "hand", "knuckles": "hand", "leg": "leg", "legs": "leg",
        "knee": "leg", "ankle": "leg", "foot": "leg", "shin": "leg", "thigh": "leg", "eye": "eye", "eyes": "eye",
        "eyebrow": "eyebrow", "brow": "eyebrow", "eyelid": "eye", "cheek": "face", "cheekbone": "face",
        "temple": "face", "jaw": "face", "chin": "face", "ear": "ear", "nostril": "nose", "neck": "neck",
        "face": "face", "lip": "face", "forehead": "face", "side": None}
SIDES = {"left": "left", "right": "right"}
#: Things that mark an injured limb, and the limb each part belongs to: a sling on the
#: left arm and a bandage on the right hand contradict each other.
_FRESH = {"burn", "cut", "gash", "graze", "stitches", "wound"}
INJURY_THINGS = {"sling", "cast", "splint", "bandage", "patch", "brace"}
LIMB = {"wrist": "arm", "arm": "arm", "hand": "arm", "leg": "leg", "eye": "eye"}
INJURY_WORDS = {"cut", "burned", "burnt", "broken", "fractured", "sprained", "injured", "crushed", "bandaged",
                "bound", "wounded", "slashed", "gashed", "strapped", "splinted", "lame", "useless", "game"}
_DRESSINGS = {"dressing", "bandage", "bandages", "sling", "cast", "splint", "gauze", "plaster", "brace", "strapping"}
INJURY_VERBS = {"graze", "nick", "scald", "scrape", "gouge", "cut", "burn", "break", "fracture", "sprain", "injure", "crush", "bandage", "bind", "wound", "slash",
                "gash", "strap", "splint", "dress", "wrap", "tape"}
#: States of a garment or the body: value -> its dimension.
STATES = {
    **dict.fromkeys(["wet", "soaked", "drenched", "sodden", "dripping", "sopping", "soaking", "rain-soaked",
                     "waterlogged", "damp", "streaming", "saturated", "soaked-through"], ("wet", "wet")),
    **dict.fromkeys(["dry", "bone-dry"], ("wet", "dry")),
    **dict.fromkeys(["muddy", "mud-caked", "mud-spattered", "mud-streaked", "mud-smeared", "filthy", "grimy"],
                    ("dirt", "dirty")),
    **dict.fromkeys(["bloody", "bloodied", "blood-stained", "bloodstained", "blood-soaked", "stained",
                     "wine-stained", "splattered", "spattered"], ("stain", "stained")),
    **dict.fromkeys(["spotless", "pristine", "immaculate", "crisp", "unstained", "freshly-laundered",
                     "laundered"], ("stain", "clean")),
    **dict.fromkeys(["clean"], ("clean", "clean")),
    **dict.fromkeys(["bandaged", "bound", "strapped", "taped", "dressed", "splinted", "wrapped"],
                    ("bandage", "bandaged")),
    **dict.fromkeys(["bare", "unmarked", "unbandaged", "smooth", "unhurt", "unscathed", "uninjured"],
                    ("bandage", "bare")),
    **dict.fromkeys(["swollen", "puffed", "puffy", "shut", "closed", "purple", "plum-purple", "black"],
                    ("bruise", "swollen")),
    **dict.fromkeys(["fading", "faded", "yellow-green", "yellowing", "healing", "healed"], ("bruise", "fading")),
}
GARMENT_WORDS = {**GARMENTS, **{w: w for w in (
    "fleece", "thermal", "top", "jersey", "tunic", "cloak", "cape", "kimono", "nightgown", "nightdress", "leggings",
    "socks", "sock", "scrubs", "tracksuit", "turtleneck", "roll-neck", "polo-neck", "jumpsuit", "boiler-suit",
    "dungarees", "smock", "kilt", "sari", "overcoat", "mac", "puffer", "gilet", "bodywarmer", "tights",
    "stockings", "slippers", "trainers", "loafers", "brogues", "headscarf", "bandana", "balaclava", "hood")}}
MUD_NOUNS = {"mud", "muck", "peat", "dirt", "silt"}
WET_NOUNS = {"rain", "water", "seawater", "spray"}
#: Verbs that change a trait on screen, by the dimension they change.
CHANGE_VERBS = {
    "hair.colour": {"dye", "bleach", "colour", "color", "tint", "henna", "streak", "rinse", "fade"},
    "hair.length": {"cut", "chop", "crop", "trim", "hack", "shave", "shear", "buzz", "snip", "clip", "saw", "lop"},
    "beard": {"shave", "grow", "trim"},
    "moustache": {"shave", "grow", "trim"},
    "wet": {"towel", "dry", "soak", "drench", "change", "wring", "douse", "splash", "rain"},
    "dirt": {"wash", "clean", "scrub", "wipe", "rinse", "sponge", "change", "hose", "mud", "splatter", "cake"},
    "stain": {"spill", "splash", "stain", "wash", "change", "sponge", "launder", "blot", "scrub", "soak", "dab"},
    "bandage": {"bandage", "bind", "wrap", "dress", "strap", "tape", "splint", "unwrap", "unbandage", "remove"},
    "bruise": {"punch", "hit", "strike", "slam", "fade", "heal"},
    "glasses": {"remove", "take", "pull", "put", "push", "wipe", "fold", "pocket", "don", "lose", "break"},
}


@dataclass(frozen=True)
class Trait:
    """One thing a text says about a person's looks or state.

    Attributes:
        key: what it is about: ``hair.colour``, ``hair.length``, ``hair.style``,
            ``eyes.colour``, ``beard``, ``moustache``, ``build``, ``height``,
            ``side.<thing>`` (``side.watch``, ``side.sling``...), ``state.<target>.<dim>``
            (``state.shirt.stain``, ``state.hand.bandage``).
        value: the value in a closed vocabulary (``red``, ``long``, ``left``, ``wet``...).
        words: the writer's words.
        start: offset of the words in the text.
        owner: the owner as a character name, when the parse names one.
        pronoun: the owner's pronoun gender (``m``/``f``) when the owner is a pronoun.
        change: the text changes this trait (an on-screen event), not only states it.
        negated: the text says the value is absent ("no moustache").
    """

    key: str
    value: str
    words: str
    start: int
    owner: str | None = None
    pronoun: str | None = None
    change: bool = False
    negated: bool = False
    #: how the owner was found: ``poss`` (a possessive on the thing), ``parse`` (the
    #: grammar: subject of *has*, an apposition), ``subject`` (the clause's subject,
    #: a guess) or ``none``.
    how: str = "none"


_PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}
_PEOPLE_NOUNS = re.compile(r"^(?:man|woman|girl|boy|men|women|lady|guy|kid|child|stranger|figure|person|someone)$")
_GATE_WORDS = (set(HAIR_NOUNS) | set(FACIAL) | set(SIDED) | set(BODY) | set(STATES) | set(HEIGHTS) | set(GIRTHS)
               | {"eyes", "eye", "glasses", "spectacles", "clean-shaven", "bald", "redhead", "blonde", "brunette",
                  "haired", "eyed", "dye", "dyes", "dyed", "shaves", "shaved"} | set(GARMENTS))
GATE_RE = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, _GATE_WORDS), key=len, reverse=True)) + r")\b",
                     re.IGNORECASE)


def may_state_traits(text: str) -> bool:
    """A cheap gate before parsing: the text names a hair, body or state word."""
    return GATE_RE.search(text) is not None


def _owner(parse: Parse, t: Token) -> tuple[str | None, str | None, Token | None]:
    """Whose this noun is: ``(character, pronoun gender, owner token)``."""
    for c in parse.children(t.i, "poss"):
        return c.character, _PRONOUNS.get(c.lower) if not c.character else None, c
    head = parse.head(t.i)
    # "Kasia's hair": the possessive marks the head noun (spaCy attaches 's to the name)
    if t.dep in ("dobj", "attr") and head.lemma in ("have", "sport", "wear", "grow", "keep"):
        subj = parse.subject(head)
        if subj is not None:
            return subj.character, _PRONOUNS.get(subj.lower) if not subj.character else None, subj
    if t.dep == "pobj" and head.lower == "with":
        person = parse.head(head.i)
        if person.character or person.lower in _PRONOUNS:
            return person.character, _PRONOUNS.get(person.lower) if not person.character else None, person
        if _PEOPLE_NOUNS.match(person.lower):
            return None, None, person
    # "his left arm in its navy sling": the thing sits on a body part that has the owner
    if t.dep == "pobj" and head.dep == "prep":
        part = parse.head(head.i)
        if part.lower in BODY:
            return _owner(parse, part)
    return None, None, None


def _mods(parse: Parse, t: Token) -> list[Token]:
    """Words said of noun ``t``: modifiers, appositions, predicates, and words coordinated with them."""
    out = [c for c in parse.children(t.i, "amod", "compound", "nmod", "appos", "acl", "nummod")]
    for a in parse.children(t.i, "appos"):
        out += parse.children(a.i, "amod", "compound")
    subject = t
    if t.dep == "pobj" and parse.head(t.i).lower == "of":
        whole = parse.head(parse.head(t.i).i)
        if whole.lower in _PART_NOUNS and whole.dep in ("nsubj", "nsubjpass"):
            subject = whole  # "Every strand of her hair is now teal": said of the hair
    if subject.dep in ("nsubj", "nsubjpass"):
        v = parse.head(subject.i)
        for c in parse.children(v.i, "acomp", "attr", "oprd", "xcomp", "advmod"):
            out.append(c)
            out += parse.children(c.i, "amod", "compound", "conj", "advmod")
    out += [k for w in list(out) for k in parse.children(w.i, "conj", "amod")]
    # "hair, long, in a braid": adjectives set off after the noun can hang from its head
    if t.dep in ("dobj", "pobj", "appos", "nsubj", "attr", "ROOT", "npadvmod"):
        for c in parse.children(t.i):
            if c.pos == "ADJ" and c not in out:
                out.append(c)
    return out


#: Nouns for some or all of a thing: what is said of them is said of it.
_PART_NOUNS = frozenset("strand strands lock locks inch inches each every all most rest bit half tips ends length "
                        "wisp wisps".split())
_STOP_LEFT = {"DET", "PRON", "ADP", "AUX", "CCONJ", "SCONJ", "PUNCT", "PART", "VERB"}


def _left(parse: Parse, t: Token) -> tuple[list[Token], Token | None]:
    """The words right before noun ``t`` in its phrase ("her two green knots": two, green), and its possessor.

    Read by position, not only by the parse: the small model often attaches these
    words elsewhere. Adjectival participles ("bandaged", "knotted") count.
    """
    mods: list[Token] = []
    j = t.i - 1
    while j >= 0:
        w = parse.tokens[j]
        if w.pos in ("ADJ", "NOUN", "PROPN", "NUM", "ADV") and not w.character and w.lower not in _PRONOUNS:
            mods.append(w)
        elif w.tag in ("VBN", "VBG") and (w.lower in STATES or w.lower in LENGTHS or w.lower.endswith("ed")):
            mods.append(w)
        elif w.text == "-" and mods:
            pass
        elif w.text == "," and mods and j > 0 and parse.tokens[j - 1].pos == "ADJ" and mods[-1].pos == "ADJ":
            pass  # "bare, steady hands": adjectives in a row
        else:
            break
        j -= 1
    owner = None
    if j >= 0:
        w = parse.tokens[j]
        if w.lower in ("his", "her", "their", "its") or w.character or w.tag == "POS":
            owner = w if w.tag != "POS" else (parse.tokens[j - 1] if j > 0 else None)
    return list(reversed(mods)), owner


def _subject_owner(parse: Parse, t: Token) -> tuple[str | None, str | None, Token | None]:
    """The subject of the clause, as the owner of a part of the body nobody else is said to own."""
    verb = parse.clause_verb(t.i)
    subj = parse.subject(verb) if verb is not None else None
    if subj is not None and (subj.character or subj.lower in ("he", "she")):
        return subj.character, _PRONOUNS.get(subj.lower) if not subj.character else None, subj
    return None, None, None


def _tok_owner(tok: Token | None) -> tuple[str | None, str | None]:
    if tok is None:
        return None, None
    return tok.character, (_PRONOUNS.get(tok.lower) if not tok.character else None)


def _window_side(parse: Parse, t: Token) -> tuple[str | None, str | None, Token | None, Token | None]:
    """Side and body part by position: "left arm in its sling", "watch on his right wrist".

    Returns ``(side, part, side token, part token)``.
    """
    toks = parse.tokens
    # after: thing [on|through|across|over|around|at] [his|her|the] [adjs] side part
    for j in range(t.i + 1, min(len(toks), t.i + 7)):
        w = toks[j]
        if w.lower in BODY and j > 0 and toks[j - 1].lower in SIDES:
            between = toks[t.i + 1 : j - 1]
            if all(b.pos in ("ADP", "DET", "PRON", "ADJ", "ADV") for b in between):
                return SIDES[toks[j - 1].lower], BODY[w.lower], toks[j - 1], w
            break
        if w.pos in ("VERB", "PUNCT", "CCONJ") and w.text not in ("-",):
            break
    # before: side part [in|on|with] [its|his|a] [adjs] thing
    for j in range(t.i - 1, max(-1, t.i - 8), -1):
        w = toks[j]
        if w.lower in BODY and j > 0 and toks[j - 1].lower in SIDES:
            between = toks[j + 1 : t.i]
            if between and all(b.pos in ("ADP", "DET", "PRON", "ADJ", "NOUN", "ADV") or b.lower in ("its",)
                               for b in between) and any(b.pos == "ADP" for b in between):
                return SIDES[toks[j - 1].lower], BODY[w.lower], toks[j - 1], w
            break
        if w.pos in ("VERB", "AUX", "PUNCT", "CCONJ") and w.text not in ("-",) and w.lower not in ("its",):
            break
    return None, None, None, None


def _other_noun_between(parse: Parse, t: Token, m: Token) -> bool:
    """A word said after noun ``t`` but past another noun ("hair, blue eyes": blue is the eyes')."""
    lo, hi = sorted((t.i, m.i))
    return any(w.pos in ("NOUN", "PROPN") for w in parse.tokens[lo + 1 : hi + 1] if w.i != m.i) or \
        (m.i + 1 < len(parse.tokens) and parse.tokens[m.i + 1].pos == "NOUN" and m.i > t.i)


def _comes_away(parse: Parse, verb: Token) -> bool:
    """"comes away", "falls off", "drops to the lino": what the verb's subject does is leave."""
    if verb.lemma not in ("come", "fall", "drop", "go", "tumble", "slide", "peel"):
        return False
    words = {c.lower for c in parse.children(verb.i, "prt", "advmod", "prep")}
    return bool(words & {"away", "off", "down", "to"}) or verb.lemma == "drop"


def _words(parse: Parse, a: Token, b: Token) -> str:
    start, end = min(a.start, b.start), max(a.end, b.end)
    return parse.text[start:end]


def _colour_word(w: Token, table: dict[str, str | None]) -> str | None:
    low = w.lower
    if low in table:
        return table[low] or low
    parts = [p for p in low.split("-") if p]
    for p in reversed(parts):
        if p in table:
            return table[p] or p
        if p in COLOUR_GROUP:
            return COLOUR_GROUP[p]
    if low in COLOUR_GROUP:
        return COLOUR_GROUP[low]
    return None


def _turns_to(parse: Parse, t: Token, verb: Token | None) -> tuple[str, Token] | None:
    """``(colour, word)`` when hair noun ``t`` goes, turns or becomes a colour ("hair going black")."""
    becoming = [c for c in parse.children(t.i, "acl", "relcl") if c.lemma in ("go", "turn", "become", "fade")]
    if verb is not None and t.dep == "nsubj" and verb.lemma in ("go", "turn", "become", "fade"):
        becoming.append(verb)
    for v in becoming:
        for w in parse.subtree(v.i):
            if w.i != t.i and w.i > v.i:
                col = _colour_word(w, HAIR_COLOURS)
                if col:
                    return col, w
    return None


def _change(parse: Parse, t: Token, key: str) -> bool:
    """Whether the clause around noun ``t`` changes ``key`` on screen."""
    verbs = CHANGE_VERBS.get(key.split(".")[0] if key.startswith(("hair", "beard", "moustache")) else key, set())
    if key.startswith("hair."):
        verbs = CHANGE_VERBS.get(key, set()) | (CHANGE_VERBS["hair.length"] if key == "hair.style" else set())
    if key.startswith("state."):
        verbs = CHANGE_VERBS.get(key.rsplit(".", 1)[-1], set())
    for a in [t, *parse.ancestors(t.i)][:4]:
        # "towels it dry", "dried", not the bare state word itself ("sits dry and tidy")
        if a.lemma in verbs and (a.pos == "VERB" or (a.pos == "ADJ" and a.lower.endswith("ed"))):
            return True
        if a.lower == "now" or any(c.lower == "now" for c in parse.children(a.i, "advmod")):
            return True
    return False


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
        if low in HAIR_NOUNS and t.pos in ("NOUN", "PROPN", "ADJ", "VERB") and (low != "head" or _bald_head(parse, t)):
            if t.pos != "VERB" or _after_determiner(parse, t):
                out += _hair(parse, t)
        elif low in ("eyes", "eye") and t.pos in ("NOUN", "PROPN"):
            out += _eyes(parse, t)
        elif low in FACIAL and t.pos in ("NOUN", "PROPN", "ADJ"):
            out += _facial(parse, t)
        elif low in SIDED and (t.pos in ("NOUN", "PROPN") or _after_determiner(parse, t)):
            out += _sided(parse, t)
        elif low in BODY and t.pos == "NOUN":
            out += _body_part(parse, t)
        elif low.split()[-1] in GARMENT_WORDS and t.pos in ("NOUN", "PROPN", "ADJ"):
            out += _garment_state(parse, t)  # the audit parses a garment's words as one token ("white shirt")
        if low == "clean-shaven" or (low == "shaven" and _prev(parse, t, "clean")):
            who, gender, _ = _adj_owner(parse, t)
            out.append(Trait("beard", "none", t.text, t.start, who, gender, False, False))
            out.append(Trait("moustache", "none", t.text, t.start, who, gender, False, False))
        elif (low in HEIGHTS or low in GIRTHS) and (t.pos == "ADJ" or about_one and t.i == 0):
            out += _body_words(parse, t, about_one)
        elif low.endswith("-haired") or low in ("redhead", "redheaded", "red-headed", "blonde", "brunette"):
            out += _haired(parse, t)
        elif low in ("limp", "limps", "limping", "favour", "favours", "favouring", "favor", "favors", "favoring"):
            out += _limp(parse, t)
        if low in STATES and STATES[low][0] in ("wet", "dirt", "stain") and t.pos in ("ADJ", "VERB", "ADV"):
            out += _person_state(parse, t)
        elif low in ("plastered", "caked", "covered", "smeared", "spattered", "splattered", "streaked") and any(
                w.lower in MUD_NOUNS for w in parse.subtree(t.i)):
            out += _person_state(parse, t, ("dirt", "dirty"))
        if t.pos == "VERB" and t.lemma in BANDAGE_VERBS:
            out += _bandage_it(parse, t)
        if t.pos == "VERB" and t.lemma in SPILL_VERBS:
            out += _spill(parse, t)
        elif low in STAIN_NOUNS and t.dep in ("nsubj", "compound", "dobj", "ROOT"):
            out += _stain(parse, t)
        if low in SIDES and (t.dep in ("nsubj", "nsubjpass", "appos", "npadvmod", "ROOT", "dep", "dobj", "conj")
                             or t.i > 0 and parse.tokens[t.i - 1].lower == "the"):  # "the right bandaged"
            out += _elliptic_side(parse, t)
    out += _fading_bruise(parse)
    return _dedupe(out)


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


def _person_state(parse: Parse, w: Token, state: tuple[str, str] | None = None) -> list[Trait]:
    """A person wet, muddy or stained all over: "soaked, her arms folded", "plastered with mud", "Both men are soaked"."""
    head = parse.head(w.i)
    if head.lower.split()[-1] in GARMENT_WORDS or head.lower in BODY or head.lower in HAIR_NOUNS:
        return []  # a garment's or a body part's own state is read with it
    if w.dep == "amod" and head.pos == "NOUN" and not (head.character or _PEOPLE_NOUNS.match(head.lower)):
        return []  # "a wet road"
    who, gender, tok = _adj_owner(parse, w)
    how = "parse"
    if tok is None:
        who, gender, tok = _subject_owner(parse, w)
        how = "subject" if tok is not None else "none"
    dim, value = state or STATES[w.lower]
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
    """"Red wine arcs ... straight down the front of Jonah's white shirt": wine goes onto a garment."""
    for g in parse.tokens[w.i + 1 :]:
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
    return [Trait("state.arm.bandage", f"bandaged-{SIDES[side.lower]}", _words(parse, side, state), side.start, who,
                  gender, False, how="subject")]


def _after_determiner(parse: Parse, t: Token) -> bool:
    """A word used as a noun: a determiner or possessive opens its phrase ("its navy sling")."""
    mods, owner = _left(parse, t)
    first = parse.tokens[(mods[0].i if mods else t.i) - 1] if (mods[0].i if mods else t.i) > 0 else None
    return owner is not None or (first is not None and first.pos == "DET")


def _dedupe(traits: list[Trait]) -> list[Trait]:
    seen: set[tuple] = set()
    out = []
    for x in traits:
        k = (x.key, x.value, x.start, x.owner, x.pronoun)
        if k not in seen:
            seen.add(k)
            out.append(x)
    return out


def _prev(parse: Parse, t: Token, word: str) -> bool:
    """Whether the word before ``t`` is ``word`` (across a hyphen: "clean - shaven")."""
    i = t.i - 1
    if i > 0 and parse.tokens[i].text == "-":
        i -= 1
    return i >= 0 and parse.tokens[i].lower.strip("-") == word


def _bald_head(parse: Parse, t: Token) -> bool:
    return any(m.lower in ("bald", "shaved", "shaven") for m in parse.children(t.i, "amod", "compound"))


def _is_verb_use(parse: Parse, t: Token) -> bool:
    return t.pos == "VERB"


def _adj_owner(parse: Parse, adj: Token) -> tuple[str | None, str | None, Token | None]:
    """Who an adjective describes: "X is tall", "X, tiny beside the clock,", "a tall man", "tall Honoria"."""
    head = parse.head(adj.i)
    if adj.dep in ("acomp", "attr", "oprd") and head.lemma in ("be", "look", "seem", "remain", "stay", "stand",
                                                              "appear", "grow"):
        subj = parse.subject(head)
        if subj is not None:
            return subj.character, _PRONOUNS.get(subj.lower) if not subj.character else None, subj
    if adj.dep in ("amod", "appos", "conj", "advcl", "acl", "npadvmod", "dep", "ROOT", "acomp") and head.i != adj.i:
        if head.character or head.lower in _PRONOUNS:
            return head.character, _PRONOUNS.get(head.lower) if not head.character else None, head
        if head.pos in ("NOUN",) and _PEOPLE_NOUNS.match(head.lower):
            # "Dressler is a wiry little man": the man is the subject of the clause
            if head.dep in ("attr", "appos") and head.head != head.i:
                verb = parse.head(head.i)
                subj = parse.subject(verb) if verb.pos in ("AUX", "VERB") else verb
                if subj is not None and (subj.character or subj.lower in ("he", "she")):
                    return subj.character, _PRONOUNS.get(subj.lower) if not subj.character else None, subj
            return None, None, head
        if head.dep in ("appos",) and parse.head(head.i).character:
            who = parse.head(head.i)
            return who.character, None, who
    prev = parse.tokens[adj.i - 1] if adj.i > 0 else None
    before = parse.tokens[adj.i - 2] if adj.i > 1 else None
    if prev is not None and prev.text == "," and before is not None and before.character:
        return before.character, None, before
    return None, None, None


def _owner_any(parse: Parse, t: Token, *, own_body: bool = True) -> tuple[str | None, str | None, str]:
    """The owner by the parse, else by position (a possessive right before), else the clause's subject.

    Returns ``(character, pronoun gender, how)``; see :attr:`Trait.how`.
    """
    who, gender, tok = _owner(parse, t)
    if tok is not None:
        return who, gender, "poss" if tok.dep == "poss" or tok.tag == "POS" else "parse"
    # "those brown eyes of hers": the owner after the noun
    m = re.match(r"\s+of\s+(hers|his)\b", parse.text[t.end:])
    if m:
        return None, "f" if m.group(1).lower() == "hers" else "m", "poss"
    _, left_owner = _left(parse, t)
    if left_owner is not None:
        return (*_tok_owner(left_owner), "poss")
    who, gender, tok = _adj_owner(parse, t)
    if tok is not None:
        return who, gender, "parse"
    if own_body:
        who, gender, tok = _subject_owner(parse, t)
        if tok is not None:
            return who, gender, "subject"
    return None, None, "none"


def _colour_of(words: list[Token], table: dict[str, str | None]) -> tuple[str, Token] | None:
    """The most specific colour among ``words``: "dark auburn" is auburn, "fair" only when alone."""
    found = [(c, w) for w in words if (c := _colour_word(w, table))]
    if not found:
        return None
    specific = [x for x in found if x[1].lower not in ("dark", "light", "fair", "pale", "deep")]
    return (specific or found)[-1]


def _hair(parse: Parse, t: Token) -> list[Trait]:
    who, gender, how = _owner_any(parse, t)
    out: list[Trait] = []
    style = HAIR_NOUNS.get(t.lower)
    left, _ = _left(parse, t)
    for m in [*left, *parse.children(t.i, "compound", "amod")]:
        if m.lower in ("pixie", "crew", "buzz"):
            style = "pixie" if m.lower == "pixie" else "crop"
        elif m.lower in HAIR_NOUNS and HAIR_NOUNS[m.lower]:
            style = HAIR_NOUNS[m.lower]
    if any(m.pos == "NOUN" and m.lower not in HAIR_NOUNS and not _colour_word(m, HAIR_COLOURS)
           and m.lower not in LENGTHS for m in left):
        return []  # "paper curls", "smoke curls": not hair
    verb = next((a for a in parse.ancestors(t.i)[:2] if a.pos == "VERB"), None)
    if t.dep == "nsubj" and verb is not None and _comes_away(parse, verb):
        # "The ponytail comes away in four ragged bites."
        return [Trait("hair.length", "short", _words(parse, t, verb), t.start, who, gender, True, how=how)]
    cut = verb is not None and verb.lemma in CHANGE_VERBS["hair.length"] and t.dep in ("dobj", "pobj", "nsubjpass")
    if cut:
        # "hacks off her ponytail", "cuts Kasia's hair": the hair is short from here
        result = [w for c in parse.children(verb.i, "prep", "prt", "advmod", "xcomp", "oprd")
                  for w in [c, *parse.subtree(c.i)] if w.lower in HAIR_NOUNS and HAIR_NOUNS[w.lower]]
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
    if any(STATES.get(m.lower, ("",))[0] == "wet" for m in mods):
        keep = [m for m in keep if m.lower not in ("dark", "darker", "darkened")]  # "wet and dark": wet hair darkens
    # the words right before the noun first ("grey hair, blue eyes": grey), then what the grammar says of it
    colour = _colour_of([m for m in keep if m in left], HAIR_COLOURS) or _colour_of(
        [m for m in keep if m not in left and not _other_noun_between(parse, t, m)], HAIR_COLOURS)
    for m in mods if style != "fringe" else ():
        length = LENGTHS.get(m.lower)
        if length:
            out.append(Trait("hair.length", length, _words(parse, m, t), min(m.start, t.start), who, gender,
                             _change(parse, t, "hair.length"), how=how))
    dyed = verb is not None and verb.lemma in CHANGE_VERBS["hair.colour"] or any(
        m.lemma in CHANGE_VERBS["hair.colour"] or m.lower in ("dyed", "bleached", "hennaed") for m in mods)
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
    if style:
        out.append(Trait("hair.style", style, t.text, t.start, who, gender, _change(parse, t, "hair.style"), how=how))
        if style in STYLE_LENGTH and not any(x.key == "hair.length" for x in out):
            out.append(Trait("hair.length", STYLE_LENGTH[style], t.text, t.start, who, gender,
                             _change(parse, t, "hair.length"), how=how))
    return out


def _haired(parse: Parse, t: Token) -> list[Trait]:
    """"red-haired Kasia", "the redhead", "a blonde"."""
    low = t.lower
    colour = None
    if low.endswith("-haired"):
        colour = _colour_word(Token(t.i, low.rsplit("-haired", 1)[0], "", "", "", "", 0, 0, 0), HAIR_COLOURS)
    elif low.startswith("red"):
        colour = "red"
    elif low == "blonde":
        colour = "blonde"
    elif low == "brunette":
        colour = "brown"
    if not colour:
        return []
    head = parse.head(t.i)
    who, gender = None, None
    if head.character:
        who = head.character
    elif t.character:
        who = t.character
    elif head.pos == "NOUN" and head.i != t.i:
        return []  # "a grey-haired Turkish investigator": someone the cast does not name
    else:
        who, gender, _ = _adj_owner(parse, t)
    return [Trait("hair.colour", colour, t.text, t.start, who, gender, False, how="parse")]


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


def _facial(parse: Parse, t: Token) -> list[Trait]:
    who, gender, how = _owner_any(parse, t)
    key = FACIAL[t.lower]
    negated = any(c.lower in ("no", "without") for c in parse.children(t.i, "det", "neg")) or \
        parse.head(t.i).lower == "without" or bool(re.search(  # "pale where the beard was"
            r"\bwhere (?:the|his|her|a) (?:\w+ )?" + re.escape(t.text) + r" (?:was|were|used to be|had been)\b",
            parse.text, re.IGNORECASE))
    for a in parse.ancestors(t.i)[:2]:
        if a.lemma == "shave" or a.lower.startswith("shav") or (t.dep == "nsubj" and _comes_away(parse, a)):
            return [Trait(key, "none", _words(parse, a, t), min(a.start, t.start), who, gender, True, how=how)]
    out = [Trait(key, "none" if negated else "yes", t.text, t.start, who, gender, _change(parse, t, key), negated, how=how)]
    left, _ = _left(parse, t)
    colour = _colour_of([m for m in [*left, *_mods(parse, t)] if m.lower not in ("bald", "dark")], HAIR_COLOURS)
    if colour and not negated:
        c, m = colour
        out.append(Trait(f"{key}.colour", c, _words(parse, m, t), min(m.start, t.start), who, gender, False, how=how))
    return out


def _side_of(parse: Parse, t: Token) -> tuple[str | None, str | None, Token | None, Token | None]:
    """The side and body part a thing sits on: its own left/right, or its body part's.

    Returns ``(side, part class, side token, part token)``.
    """
    for m in parse.children(t.i, "amod", "compound"):
        if m.lower in SIDES:
            return SIDES[m.lower], SIDED.get(t.lower) or BODY.get(t.lower), m, None
    # "the watch on his right wrist", "a scar through his left eyebrow"
    sideless: tuple | None = None
    for prep in parse.children(t.i, "prep"):
        for part in parse.children(prep.i, "pobj"):
            if part.lower in BODY:
                for m in parse.children(part.i, "amod", "compound"):
                    if m.lower in SIDES:
                        return SIDES[m.lower], BODY[part.lower], m, part
                sideless = sideless or (None, BODY[part.lower], None, part)
    # "the old burn shines on her right forearm", "a scar runs down his left cheek": the place its verb gives
    head = parse.head(t.i)
    if t.dep == "nsubj" and head.pos == "VERB":
        for prep in parse.children(head.i, "prep"):
            for part in parse.children(prep.i, "pobj"):
                if part.lower in BODY:
                    for m in parse.children(part.i, "amod", "compound"):
                        if m.lower in SIDES:
                            return SIDES[m.lower], BODY[part.lower], m, part
    # "his left arm in its navy sling"
    if t.dep == "pobj" and head.dep == "prep":
        part = parse.head(head.i)
        if part.lower in BODY:
            for m in parse.children(part.i, "amod", "compound"):
                if m.lower in SIDES:
                    return SIDES[m.lower], BODY[part.lower], m, part
    # "a tattoo, inside of the left forearm", "burn, back of the right hand": the side and part that follow it,
    # before a verb or another thing with a side
    for j in range(t.i + 1, min(len(parse.tokens) - 1, t.i + 9)):
        w = parse.tokens[j]
        if w.text in (".", ";", "!", "?") or w.pos in ("VERB", "AUX") or w.lower in SIDED:
            break
        if w.lower in SIDES and parse.tokens[j + 1].lower in BODY:
            part = parse.tokens[j + 1]
            return SIDES[w.lower], BODY[part.lower], w, part
    return sideless or (None, None, None, None)


def _sided(parse: Parse, t: Token) -> list[Trait]:
    side, part, side_tok, part_tok = _side_of(parse, t)
    if side is None:
        side, part, side_tok, part_tok = _window_side(parse, t)
    if side is None:
        return []
    who, gender, how = _owner_any(parse, part_tok) if part_tok is not None else _owner_any(parse, t)
    if who is None and gender is None:
        who, gender, how = _owner_any(parse, t)
    thing = {"wristwatch": "watch", "bandages": "bandage", "eyepatch": "patch", "dressing": "bandage",
             "gauze": "bandage", "plaster": "bandage"}.get(t.lower, t.lower)
    if thing == "burn" and any(m.lower in _OLD_MARK for m in _left(parse, t)[0]):
        thing = "scar"  # "the old burn on her forearm" is the burn scar the bible gives
    if thing in INJURY_THINGS:
        key = f"side.injury.{LIMB.get(part or SIDED.get(thing) or '', part or 'body')}"
    elif thing in ("scar", "tattoo", "piercing", "birthmark", "burn", "cut", "gash", "graze", "bruise", "stitches"):
        key = f"side.{thing}.{part or 'body'}"
    else:
        key = f"side.{thing}"
    out = [Trait(key, side, _words(parse, side_tok, t), min(side_tok.start, t.start), who, gender, False, how=how)]
    if thing in _FRESH and LIMB.get(part or ""):
        # a fresh wound is where its dressing goes: a bandage on the other arm contradicts it
        out.append(Trait(f"side.injury.{LIMB[part]}", side, out[0].words, out[0].start, who, gender, False, how=how))
    return out


_OLD_MARK = frozenset("old healed faded shiny puckered white silvery ancient".split())


def _body_part(parse: Parse, t: Token) -> list[Trait]:
    """A body part with a side and a state: "her bandaged right arm", "two bare, steady hands"."""
    out: list[Trait] = []
    who, gender, how = _owner_any(parse, t)
    left, _ = _left(parse, t)
    mods = [*left, *_mods(parse, t)]
    if t.dep in ("nsubj", "nsubjpass"):
        mods.append(parse.head(t.i))
    side = next((SIDES[m.lower] for m in mods if m.lower in SIDES), None)
    part = BODY[t.lower]
    if part is None:
        return out
    limb = LIMB.get(part)
    # "grazes the outside of the left arm": the verb above the part's own noun phrase
    verb = next((a for a in parse.ancestors(t.i)[:4] if a.pos == "VERB"), None)
    hurt = [m for m in mods if m.lower in INJURY_WORDS] or ([verb] if verb is not None and verb.lemma in INJURY_VERBS
                                                            and t.dep in ("dobj", "nsubjpass", "pobj") else [])
    if not hurt and t.dep == "nsubj":
        # "His left hand is in a lighter dressing now": what the part is in
        head = parse.head(t.i)
        hurt = [o for p in parse.children(head.i, "prep") if p.lower == "in"
                for o in parse.children(p.i, "pobj") if o.lower in _DRESSINGS]
    if side and limb and hurt:
        out.append(Trait(f"side.injury.{limb}", side, _words(parse, hurt[0], t), min(hurt[0].start, t.start), who,
                         gender, False, how=how))
    if limb == "arm" and verb is not None and verb.lemma in ("bandage", "bind", "wrap", "dress", "strap", "tape",
                                                             "splint") and t.dep in ("dobj", "nsubjpass", "pobj"):
        value = f"bandaged-{side}" if side else "bandaged"
        out.append(Trait("state.arm.bandage", value, _words(parse, verb, t), min(verb.start, t.start), who, gender,
                         True, how=how))
    left_words, _ = _left(parse, t)
    for m in mods:
        state = STATES.get(m.lower)
        if state and state[0] == "clean" and m in left_words and part in ("hand", "face", "arm"):
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
    mods = [*left, *_mods(parse, t), *(m for m in _right(parse, t) if m not in left)]
    verb = parse.head(t.i)
    put_on = t.dep in ("dobj", "pobj") and (verb.lemma in _PUT_ON or parse.head(verb.i).lemma in _PUT_ON)
    for m in mods:
        state = STATES.get(m.lower)
        if not state or state[0] in ("bandage", "bruise") or (state[0] == "clean" and m not in left):
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
    if owner is None or owner.lower not in ("his", "her", "their"):
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


def _body_words(parse: Parse, adj: Token, about_one: bool = False) -> list[Trait]:
    who, gender, owner_tok = _adj_owner(parse, adj)
    if owner_tok is None and not (about_one and adj.dep in ("ROOT", "amod", "conj", "nsubj", "dep", "npadvmod")
                                  and (adj.dep != "amod" or not parse.head(adj.i).pos == "NOUN")):
        return []
    out = []
    low = adj.lower
    girth = GIRTHS.get(low)
    if girth:
        out.append(Trait("build", girth, adj.text, adj.start, who, gender, False))
    height = HEIGHTS.get(low)
    if height and not (low in ("big", "huge", "enormous") and owner_tok is not None and owner_tok.lower in _PRONOUNS):
        out.append(Trait("height", height, adj.text, adj.start, who, gender, False))
    return out


def _limp(parse: Parse, t: Token) -> list[Trait]:
    """"favouring his left leg", "limping on her right leg", "his limp (right leg)"."""
    for c in [*parse.children(t.i, "dobj"), *[p for prep in parse.children(t.i, "prep")
                                               for p in parse.children(prep.i, "pobj")]]:
        if c.lower in ("leg", "foot", "knee", "ankle", "hip"):
            for m in parse.children(c.i, "amod", "compound"):
                if m.lower in SIDES:
                    who, gender, _ = _owner(parse, c)
                    if who is None and gender is None:
                        subj = parse.subject(t) if t.pos == "VERB" else None
                        if subj is not None:
                            who, gender = subj.character, _PRONOUNS.get(subj.lower)
                    return [Trait("side.injury.leg", SIDES[m.lower], _words(parse, t, c), t.start, who, gender, False,
                                  how="parse")]
    return []


__all__ = ["Trait", "read", "may_state_traits", "GATE_RE", "Resolver", "HAIR_NOUNS", "STATES", "SIDED", "BODY", "LENGTHS",
           "STYLE_LENGTH", "GARMENT_WORDS", "GIRTHS", "HEIGHTS"]
