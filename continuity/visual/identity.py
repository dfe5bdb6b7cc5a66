"""Who a character looks like in a scene: figure preset, hair and wardrobe colours.

:func:`identity_for` is the one place that reads looks and wardrobe for drawing
and for checking drawings: today from the bible (attributes, wardrobe by scene
range) and from the script's costume timeline (:mod:`continuity.story.costume`,
through :func:`costumes_from_story`); a later story-state layer replaces those
two readings here and nowhere else.

An :class:`Identity` holds a :class:`Figure` (height, build and head size from the
bible's attributes, in the spirit of Storyboarder's character presets), the hair
colour, a beard, and the garments worn, each with its colour. Colours are named
by the writer's words and drawn from :data:`COLOUR_RGB`; skin stays one neutral
tone for everyone. Nothing here depends on the light: a character's colours are
the same in every panel until the bible or the script records a costume change.

Example::

    costumes = costumes_from_story(ctx)               # optional: the script's costumes
    ident = identity_for("MARA", 3, bible, costumes)
    ident.torso, ident.head_colour                    # (52, 112, 64), (170, 66, 34)
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from continuity.language.lexicon import (
    BUILDS,
    COLOUR_GROUP,
    age_range,
    colour_word,
    garment_kind,
)

if TYPE_CHECKING:
    from continuity.bible.model import Bible
    from continuity.story.context import Context

RGB = tuple[int, int, int]

#: One sRGB colour per colour word of the lexicon; a word not listed takes its family's.
COLOUR_RGB: dict[str, RGB] = {
    "red": (178, 40, 36), "scarlet": (200, 36, 30), "crimson": (160, 22, 46), "maroon": (112, 30, 38),
    "burgundy": (118, 26, 48), "pink": (228, 132, 164), "orange": (228, 118, 34), "yellow": (234, 194, 38),
    "mustard": (200, 158, 40), "gold": (212, 168, 58), "green": (50, 112, 62), "olive": (110, 112, 48),
    "khaki": (168, 152, 100), "teal": (28, 120, 122), "blue": (44, 84, 168), "navy": (34, 44, 84),
    "turquoise": (40, 172, 170), "purple": (106, 56, 132), "violet": (128, 72, 170), "lavender": (180, 160, 214),
    "brown": (110, 72, 44), "tan": (182, 140, 94), "beige": (212, 192, 156), "camel": (192, 150, 100),
    "black": (34, 34, 36), "white": (236, 236, 230), "cream": (238, 228, 198), "ivory": (240, 234, 214),
    "grey": (128, 128, 126), "silver": (186, 188, 192), "charcoal": (60, 62, 66),
    "rust": (168, 82, 40), "copper": (184, 110, 60), "bronze": (160, 112, 52), "peach": (240, 170, 130),
    "coral": (236, 112, 90), "magenta": (200, 40, 140), "indigo": (62, 50, 130), "cobalt": (30, 70, 170),
    "sky-blue": (120, 170, 220), "lime": (150, 200, 60), "mint": (160, 220, 180), "lemon": (240, 220, 80),
}
#: Family colours, for words without their own entry and for naming a measured colour.
FAMILY_RGB: dict[str, RGB] = {
    "red": COLOUR_RGB["red"], "yellow": COLOUR_RGB["yellow"], "green": COLOUR_RGB["green"],
    "blue": COLOUR_RGB["blue"], "purple": COLOUR_RGB["purple"], "brown": COLOUR_RGB["brown"],
    "white": COLOUR_RGB["white"], "grey": COLOUR_RGB["grey"], "pink": COLOUR_RGB["pink"],
    "orange": COLOUR_RGB["orange"], "black": COLOUR_RGB["black"],
}
HAIR_RGB: dict[str, RGB] = {
    "red": (172, 64, 30), "blonde": (222, 186, 108), "brown": (96, 64, 40), "black": (30, 26, 26),
    "dark": (54, 42, 34), "grey": (170, 170, 166),
}
SKIN: RGB = (204, 186, 168)  # one neutral skin tone for everyone
UNKNOWN_HAIR: RGB = (84, 78, 72)
UNKNOWN_LEGS: RGB = (64, 64, 68)
# Garments nobody states are drawn in neutral greys, one per character (by name), so figures stay apart.
_UNKNOWN_TOPS: tuple[RGB, ...] = ((116, 116, 112), (146, 140, 132), (94, 98, 104), (132, 126, 118))
#: Where a garment kind is worn (costume.SLOTS plus the kinds drawn on their own).
SLOTS = {"coat": "outer", "jacket": "outer", "sweater": "top", "shirt": "top", "dress": "body", "suit": "body",
         "trousers": "legs", "skirt": "legs", "hat": "hat", "scarf": "scarf", "shoes": "shoes", "vest": "top"}
_WORD_RE = re.compile(r"[a-z]+(?:-[a-z]+)?")


@dataclass(frozen=True)
class Figure:
    """A character's figure preset.

    Attributes:
        height: standing height relative to an adult's (a child of 9 is about 0.66).
        build: width of shoulders, torso and limbs (slim 0.84, heavy 1.24).
        head: head size relative to the body's head unit (children's heads are larger).
    """

    height: float = 1.0
    build: float = 1.0
    head: float = 1.0


@dataclass(frozen=True)
class Garment:
    """A garment as drawn: where it is worn, the writer's words, its colour and where that comes from.

    Attributes:
        slot: ``outer``, ``top``, ``body``, ``legs``, ``hat``, ``scarf``, ``shoes``...
        kind: the lexicon's garment kind (``coat``, ``sweater``...).
        words: as written (``green oilskin coat``).
        colour: the colour word, or None when the words name none.
        rgb: the colour drawn (a neutral grey when ``colour`` is None).
        source: a bible path (``characters.MARA.wardrobe[0]``), ``script line 19`` or ``shot 3B``.
    """

    slot: str
    kind: str
    words: str
    colour: str | None
    rgb: RGB
    source: str


@dataclass(frozen=True)
class Identity:
    """How one character is drawn in one scene."""

    name: str
    figure: Figure
    hair: RGB
    hair_words: str | None
    beard: RGB | None
    garments: tuple[Garment, ...]
    skin: RGB = SKIN

    def garment(self, *slots: str) -> Garment | None:
        """The first garment worn in one of ``slots``, in the order given."""
        for slot in slots:
            for g in self.garments:
                if g.slot == slot:
                    return g
        return None

    @property
    def torso_garment(self) -> Garment | None:
        """What the torso shows: the outer layer, else the top, else a dress or suit."""
        return self.garment("outer", "top", "body")

    @property
    def torso(self) -> RGB:
        """The colour of torso and arms."""
        g = self.torso_garment
        return g.rgb if g else _UNKNOWN_TOPS[_stable(self.name) % len(_UNKNOWN_TOPS)]

    @property
    def legs(self) -> RGB:
        """The colour of the legs (trousers or skirt, a dress, else a dark neutral)."""
        g = self.garment("legs", "body")
        return g.rgb if g else UNKNOWN_LEGS

    @property
    def head_colour(self) -> RGB:
        """What the top of the head shows: a hat, else the hair."""
        g = self.garment("hat")
        return g.rgb if g else self.hair

    @property
    def key(self) -> tuple:
        """Everything drawn in colour: equal keys draw the same figure."""
        return (self.figure, self.hair, self.beard, tuple(sorted((g.slot, g.rgb) for g in self.garments)))

    def describe(self) -> str:
        """``red hair, green oilskin coat`` (what the colours come from)."""
        parts = [f"{self.hair_words} hair"] if self.hair_words else []
        parts += [g.words for g in self.garments]
        return ", ".join(parts) or "nothing stated"


@dataclass(frozen=True)
class ScriptCostumes:
    """What the script says each character wears and looks like, read once.

    Attributes:
        stretches: per character, ``(first scene, garments)`` for each stretch of a
            costume, in script order; a stretch lasts until the next one starts.
        looks: per character, the first value the script gives each appearance
            attribute (``hair``, ``beard``, ``build``, ``age``), with its line.
    """

    stretches: dict[str, tuple[tuple[int, tuple[Garment, ...]], ...]]
    looks: dict[str, dict[str, tuple[str, int]]]

    @classmethod
    def empty(cls) -> ScriptCostumes:
        """No script: the bible alone."""
        return cls({}, {})


def costumes_from_story(ctx: Context) -> ScriptCostumes:
    """The script's costumes and looks from the story's reading (the costume timeline).

    Each costume change of :func:`continuity.story.costume.costume_timeline` becomes a
    stretch from the scene where it takes effect; an unannounced change inside a
    continuous span is the wardrobe check's error, not a costume, so it is not drawn.
    """
    from continuity.story.costume import costume_timeline, looks_by_character

    stretches: dict[str, tuple[tuple[int, tuple[Garment, ...]], ...]] = {}
    looks: dict[str, dict[str, tuple[str, int]]] = {}
    for name, rows in looks_by_character(ctx).items():
        timeline = costume_timeline(ctx, rows)
        lines = {c.change: c.where.line for c in timeline.costumes}
        worn = {c.change: c.garments for c in timeline.costumes}
        out = []
        for scene, change, _ in timeline.switches:
            garments = tuple(g for g in (_garment(w, f"script line {lines[change]}") for w in worn[change]) if g)
            if out and out[-1][0] == scene:
                out[-1] = (scene, garments)
            else:
                out.append((scene, garments))
        stretches[name] = tuple(out)
        first: dict[str, tuple[str, int]] = {}
        for look in rows:
            if not look.kind and not look.where.flashback:
                first.setdefault(look.attribute, (look.value, look.where.line))
        looks[name] = first
    return ScriptCostumes(stretches, looks)


def identity_for(character: str, scene: int, bible: Bible | None = None,
                 costumes: ScriptCostumes | None = None) -> Identity:
    """How ``character`` looks in ``scene`` (1-based index): the one reading of looks and wardrobe.

    The bible comes first: its attributes (hair, beard, build, age, height) and the
    wardrobe items whose scene range holds ``scene``. The script's costume in effect
    then fills the slots the bible leaves empty: the stretch that started last at or
    before ``scene``, or the first one for scenes before it (a character is drawn in
    their first known costume until a change is recorded). The script's first stated
    looks fill attributes the bible does not give.
    """
    name = character.upper()
    entry = bible.character(name) if bible is not None else None
    if entry is not None:
        name = entry.name
    script = costumes or ScriptCostumes.empty()
    seen = script.looks.get(name) or script.looks.get(character.upper()) or {}
    attrs = {k: (v, f"characters.{name}.attributes.{k}") for k, v in (entry.attributes.items() if entry else ())}
    for k, (v, line) in seen.items():
        attrs.setdefault(k, (v, f"script line {line}"))

    garments: list[Garment] = []
    if entry is not None:
        for i, w in enumerate(entry.wardrobe):
            if w.scenes.contains(scene):
                g = _garment(w.item, f"characters.{name}.wardrobe[{i}]")
                if g and all(x.slot != g.slot for x in garments):
                    garments.append(g)
    stretch = _stretch_at(script.stretches.get(name) or script.stretches.get(character.upper()) or (), scene)
    for g in stretch:
        if all(x.slot != g.slot for x in garments):
            garments.append(g)

    hair_value = attrs.get("hair", (None, ""))[0]
    hair, hair_words = _hair(hair_value)
    beard_value = attrs.get("beard", (None, ""))[0]
    beard = _hair(beard_value)[0] if beard_value and beard_value not in ("no", "none", "clean-shaven") else None
    return Identity(name, figure_of({k: v for k, (v, _) in attrs.items()}), hair, hair_words, beard,
                    tuple(sorted(garments, key=lambda g: list(SLOTS.values()).index(g.slot)
                                 if g.slot in SLOTS.values() else 99)))


def with_wardrobe(identity: Identity, text: str, source: str) -> Identity:
    """``identity`` wearing what ``text`` names (``"red coat, black trousers"``) in place of the same slots."""
    worn = [g for g in (_garment(part.strip(), source) for part in re.split(r"[,;]| and ", text)) if g]
    if not worn:
        return identity
    slots = {g.slot for g in worn}
    kept = [g for g in identity.garments if g.slot not in slots and not (g.slot == "outer" and "top" in slots)]
    return replace(identity, garments=tuple(worn + kept))


def figure_of(attributes: dict[str, str]) -> Figure:
    """A figure preset from appearance attributes (``age``, ``build``, ``height``)."""
    height, build, head = 1.0, 1.0, 1.0
    age = age_range(str(attributes.get("age", "")).lower().replace("'", ""))
    if age is not None:
        years = (age[0] + age[1]) / 2
        if years < 13:
            height = round(min(0.92, 0.42 + 0.027 * years), 3)
            head = round(1.0 + 0.03 * (13 - years), 3)
        elif years < 16:
            height = 0.94
    word = str(attributes.get("build", "")).lower()
    group = BUILDS.get(word, word)
    build = {"slim": 0.84, "heavy": 1.24, "muscular": 1.14}.get(group, 1.0)
    if word in ("lanky", "rangy", "willowy", "gangly"):
        height = round(height * 1.05, 3)
    tall = str(attributes.get("height", "")).lower()
    if "tall" in tall:
        height = round(height * 1.06, 3)
    elif "short" in tall or "small" in tall:
        height = round(height * 0.93, 3)
    return Figure(height, build, head)


def colour_rgb(word: str) -> RGB | None:
    """The colour drawn for a colour word (``navy``, ``rust-red``...), or None."""
    w = word.lower()
    if w in COLOUR_RGB:
        return COLOUR_RGB[w]
    parts = [p for p in w.split("-") if p in COLOUR_GROUP]
    if not parts and w not in COLOUR_GROUP:
        return None
    last = parts[-1] if parts else w
    return COLOUR_RGB.get(last) or FAMILY_RGB.get(COLOUR_GROUP[last])


def _garment(words: str, source: str) -> Garment | None:
    kind = garment_kind(words)
    if kind is None:
        return None
    colour = colour_word(words)
    rgb = colour_rgb(colour) if colour else None
    slot = SLOTS.get(kind, kind)
    neutral = {"legs": UNKNOWN_LEGS, "shoes": (44, 40, 38)}.get(slot, (120, 118, 112))
    return Garment(slot, kind, words.strip(), colour, rgb or neutral, source)


def _hair(value: str | None) -> tuple[RGB, str | None]:
    if not value:
        return UNKNOWN_HAIR, None
    v = value.lower()
    if v == "bald":
        return SKIN, "bald"
    for w in _WORD_RE.findall(v):
        if w in HAIR_RGB:
            return HAIR_RGB[w], value
        rgb = colour_rgb(w)
        if rgb:
            return rgb, value
    return UNKNOWN_HAIR, value


def _stretch_at(stretches: tuple[tuple[int, tuple[Garment, ...]], ...], scene: int) -> tuple[Garment, ...]:
    current: tuple[Garment, ...] = stretches[0][1] if stretches else ()
    for start, garments in stretches:
        if start > scene:
            break
        current = garments
    return current


def _stable(text: str) -> int:
    return hashlib.md5(text.encode()).digest()[0]


__all__ = [
    "Figure", "Garment", "Identity", "ScriptCostumes", "identity_for", "costumes_from_story", "with_wardrobe",
    "figure_of", "colour_rgb", "COLOUR_RGB", "FAMILY_RGB", "HAIR_RGB", "SKIN", "SLOTS",
]
