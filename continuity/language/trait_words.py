"""The trait reader's vocabulary: hair, faces, bodies, sides, states and changes, and the :class:`Trait` it reads.

A closed vocabulary only for what is closed (colours, sides, lengths, states); see :mod:`continuity.language.traits`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from continuity.language.lexicon import BUILDS, GARMENTS, WordGate

#: ``gender -> character`` for a pronoun ("he" -> "m"); None when unknown.
Resolver = Callable[[str], "str | None"]


HAIR_NOUNS = {
    "hair": None, "curls": None, "curl": None, "locks": None, "mane": None, "head": None,
    "ponytail": "ponytail", "pony-tail": "ponytail", "braid": "braid", "braids": "braid", "plait": "braid",
    "plaits": "braid", "pigtails": "pigtails", "bunches": "pigtails", "bun": "bun", "chignon": "bun",
    "knot": "knots", "knots": "knots", "topknot": "knots", "bob": "bob", "crop": "crop", "pixie": "pixie",
    "fringe": "fringe", "bangs": "fringe", "dreadlocks": "dreadlocks", "dreads": "dreadlocks", "mohawk": "mohawk",
    "afro": "afro", "quiff": "quiff", "buzzcut": "crop", "buzz": "crop", "crewcut": "crop", "cornrows": "braid",
    "strand": None, "strands": None, "wisp": None, "wisps": None, "tendril": None, "tendrils": None,
}
#: Hair nouns that are hair only with a colour only hair has ("an ash-blonde strand", not "a red strand of wool").
STRANDS = frozenset({"strand", "strands", "wisp", "wisps", "tendril", "tendrils"})
HAIR_ONLY_COLOURS = frozenset("blonde blond platinum auburn brunette ginger mousy sandy greying graying copper chestnut "
                              "flaxen peroxide bleached tawny titian".split())


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
         "scar": None, "tattoo": None, "piercing": None, "stud": "ear", "earring": "ear", "ring": "hand", "band": "hand",
         "stitches": None, "strips": None, "steri-strips": None, "limp": "leg", "patch": "eye", "eyepatch": "eye", "bruise": None, "burn": None,
         "cut": None, "gash": None, "graze": None, "split": None, "tape": None, "birthmark": None, "brace": None, "aid": "ear",
         "hearing-aid": "ear", "earpiece": "ear", "monocle": "eye"}


BODY = {"wrist": "wrist", "wrists": "wrist", "arm": "arm", "arms": "arm", "forearm": "arm", "forearms": "arm",
        "elbow": "arm", "shoulder": "arm", "hand": "hand", "hands": "hand", "palm": "hand", "palms": "hand",
        "finger": "hand", "fingers": "hand", "thumb": "hand", "knuckles": "hand", "leg": "leg", "legs": "leg",
        "knee": "leg", "ankle": "leg", "foot": "leg", "shin": "leg", "thigh": "leg", "eye": "eye", "eyes": "eye",
        "eyebrow": "eye", "brow": "eye", "eyelid": "eye", "cheek": "face", "cheekbone": "face",
        "temple": "face", "jaw": "face", "chin": "face", "ear": "ear", "nostril": "nose", "neck": "neck",
        "face": "face", "lip": "face", "forehead": "face", "side": None}


SIDES = {"left": "left", "right": "right"}


#: Things that mark an injured limb, and the limb each part belongs to: a sling on the
#: left arm and a bandage on the right hand contradict each other.
_FRESH = {"burn", "cut", "gash", "graze", "stitches", "wound"}


INJURY_THINGS = {"sling", "cast", "splint", "bandage", "patch", "brace"}


LIMB = {"wrist": "arm", "arm": "arm", "hand": "arm", "leg": "leg", "eye": "eye"}


INJURY_WORDS = {"cut", "burned", "burnt", "broken", "fractured", "sprained", "injured", "crushed", "bandaged",
                "bound", "wounded", "slashed", "gashed", "strapped", "splinted", "lame", "useless", "game", "bad", "gammy",
                "bum", "dodgy", "braced", "busted", "wrecked"}


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


MUD_NOUNS = {"mud", "muck", "peat", "dirt", "silt", "clay", "mire", "sludge", "slurry", "bog"}


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
    #: a guess), ``handled`` (hair someone handles as "the" or "that" hair: nobody's by
    #: the grammar, and not the subject's) or ``none``.
    how: str = "none"


_PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}


_PEOPLE_NOUNS = re.compile(r"^(?:man|woman|girl|boy|men|women|lady|guy|kid|child|stranger|figure|person|someone)$")


_GATE_WORDS = (set(HAIR_NOUNS) | set(FACIAL) | set(SIDED) | set(BODY) | set(STATES) | set(HEIGHTS) | set(GIRTHS)
               | {"eyes", "eye", "glasses", "spectacles", "bifocals", "specs", "horn-rims", "eyepatch", "cropped", "shorn", "buzzed", "clean-shaven", "beardless", "bald", "redhead", "blonde", "brunette",
                  "haired", "eyed", "dye", "dyes", "dyed", "shaves", "shaved"} | set(GARMENTS))


GATE_RE = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, _GATE_WORDS), key=len, reverse=True)) + r")\b",
                     re.IGNORECASE)
#: ``GATE_RE.search(text)``, as a set of words first (the alternation is slow over a feature's sentences).
names_a_trait_word = WordGate(_GATE_WORDS)
