"""The bible: canon for characters, locations, props and style, read from YAML.

A bible is validated with pydantic (unknown keys are errors); reading a file, with
the line of every key in its error messages, is :mod:`continuity.bible.load`, and
writing one is :mod:`continuity.bible.dump`.

Example::

    bible = continuity.bible.load.load_bible("bible.yaml")
    bible.character("Mara Quinn").attributes["hair"]   # 'red'
    [f.sentence for f in bible.facts()]                # "MARA's hair is red.", ...
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from dataclasses import dataclass
from typing import Annotated, Any, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import core_schema

from continuity.language.palette import colour_hex

_SPACE_RE = re.compile(r"\s+")
_RANGE_PART_RE = re.compile(r"^(\d+[A-Za-z]{0,3})(?:\s*(?:-|\u2013|\u2014|\.\.)\s*(\d+[A-Za-z]{0,3})?)?$")
_NUMBER_KEY_RE = re.compile(r"^(\d+)([A-Za-z]*)$")


def scene_key(number: object) -> tuple[int, str]:
    """The order of a scene number: ``4`` < ``4A`` < ``4B`` < ``5`` (a number the pattern does not fit sorts last)."""
    m = _NUMBER_KEY_RE.match(str(number).strip())
    return (int(m.group(1)), m.group(2).upper()) if m else (10**9, str(number))
_HEX_RE = re.compile(r"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_RATIO_RE = re.compile(r"^\s*(\d+(?:\.\d+)?|\.\d+)\s*(?:[:/x\u00d7]\s*(\d+(?:\.\d+)?|\.\d+)\s*)?$")
# Same separators as heading.py, so "LIGHTHOUSE -- LANTERN ROOM" matches a heading.
_LOC_SEP_RE = re.compile(r"\s+[-\u2013\u2014]+\s+|\s*,\s+|\s+--\s*|\s*/\s+")


class _Located(ValueError):
    """A validation error that knows the key path (below its field) it is about."""

    def __init__(self, message: str, loc: tuple[str | int, ...] = ()) -> None:
        super().__init__(message)
        self.loc = loc


# -- scene ranges -------------------------------------------------------------------


@dataclass(frozen=True)
class SceneRange:
    """A set of scenes by their numbers, written like ``"1-4, 7, 9-"`` (``9-``: 9 on), ``"1-4A"``, ``"12-"``.

    The numbers are the script's own scene numbers (``4A`` sits between ``4`` and
    ``5``); a script that numbers no scenes is numbered by their order. Spans are
    sorted and merged, so equal sets compare equal. The default is every scene
    (``"1-"``).
    """

    spans: tuple[tuple[int | str, int | str | None], ...] = ((1, None),)

    @classmethod
    def all(cls) -> SceneRange:
        """Every scene."""
        return cls()

    @classmethod
    def parse(cls, value: Any) -> SceneRange:
        """Parse a range spec: ``"1-4, 7, 9-"``, ``"all"``, an int or a list of them.

        Raises:
            ValueError: the spec is empty, malformed, backwards or not positive.
        """
        if isinstance(value, SceneRange):
            return value
        if isinstance(value, bool) or value is None:
            raise ValueError(f"invalid scene range {value!r}: expected e.g. \"1-4, 7, 9-\" or a scene number")
        if isinstance(value, int):
            return cls._of([_span(value, value, value)])
        if isinstance(value, str):
            return cls._of(_parse_spec(value))
        if isinstance(value, (list, tuple)):
            if not value:
                raise ValueError("empty scene list")
            spans: list[tuple[int, int | None]] = []
            for item in value:
                if isinstance(item, bool) or not isinstance(item, (int, str)):
                    raise ValueError(f"invalid scene {item!r} in list: expected scene numbers")
                spans.extend([_span(item, item, item)] if isinstance(item, int) else _parse_spec(item))
            return cls._of(spans)
        raise ValueError(f"invalid scene range: expected text like \"1-4, 7\", got {_type_name(value)}")

    @classmethod
    def _of(cls, spans: list[tuple[int | str, int | str | None]]) -> SceneRange:
        merged: list[tuple[int | str, int | str | None]] = []
        far = (math.inf, "")
        for start, end in sorted(spans, key=lambda s: (scene_key(s[0]), far if s[1] is None else scene_key(s[1]))):
            if merged:
                pstart, pend = merged[-1]
                touching = pend is None or scene_key(start) <= scene_key(pend) or (
                    isinstance(start, int) and isinstance(pend, int) and start <= pend + 1)
                if touching:
                    longer = None if pend is None or end is None else max(pend, end, key=scene_key)
                    merged[-1] = (pstart, longer)
                    continue
            merged.append((start, end))
        return cls(tuple(merged))

    @property
    def is_all(self) -> bool:
        """True when the range covers every scene."""
        return self.spans == ((1, None),)

    def contains(self, scene_index: int, number: str | None = None) -> bool:
        """Whether a scene is in the range: by its own ``number`` (``"4A"``) when given, else by its 1-based index."""
        key = scene_key(number if number is not None else scene_index)
        return any(scene_key(start) <= key and (end is None or key <= scene_key(end)) for start, end in self.spans)

    def describe(self) -> str:
        """Words for sentences: ``"scenes 1 to 4 and 7"``, ``"scene 9 onwards"``, ``"every scene"``."""
        if self.is_all:
            return "every scene"
        parts = []
        for start, end in self.spans:
            parts.append(f"{start} onwards" if end is None else str(start) if start == end else f"{start} to {end}")
        single = len(self.spans) == 1 and self.spans[0][0] == self.spans[0][1]
        joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        return ("scene " if single or (len(parts) == 1 and self.spans[0][1] is None) else "scenes ") + joined

    def __str__(self) -> str:
        return ", ".join(f"{s}-" if e is None else str(s) if s == e else f"{s}-{e}" for s, e in self.spans)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.parse, serialization=core_schema.plain_serializer_function_ser_schema(str)
        )


def _span(raw: object, start: int | str, end: int | str | None) -> tuple[int | str, int | str | None]:
    if scene_key(start)[0] < 1 or (end is not None and scene_key(end)[0] < 1):
        raise ValueError(f"invalid scene range {raw!r}: scenes are numbered from 1")
    if end is not None and scene_key(end) < scene_key(start):
        raise ValueError(f"invalid scene range {raw!r}: {start}-{end} runs backwards")
    return start, end


def _bound(token: str) -> int | str:
    """``"12"`` -> 12, ``"4a"`` -> ``"4A"``."""
    return int(token) if token.isdigit() else token.upper()


def _parse_spec(spec: str) -> list[tuple[int, int | None]]:
    text = spec.strip()
    if text.lower() in ("all", "*"):
        return [(1, None)]
    if not text:
        raise ValueError("empty scene range")
    spans = []
    for part in text.split(","):
        m = _RANGE_PART_RE.match(part.strip())
        if not m:
            raise ValueError(f"invalid scene range {spec!r}: expected e.g. \"1-4, 7, 9-\" or \"1-4A\"")
        start = _bound(m.group(1))
        end = start if m.group(1) == part.strip() else (_bound(m.group(2)) if m.group(2) else None)
        spans.append(_span(spec, start, end))
    return spans


# -- value coercion (before validators) -----------------------------------------------


def _type_name(value: object) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (list, tuple)):
        return "a list"
    return type(value).__name__


def _as_text(value: object) -> str:
    """Text from YAML scalars: numbers and dates become text, lists and mappings do not."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float, _dt.date)):
        return value.isoformat() if isinstance(value, _dt.date) else str(value)
    raise ValueError(f"expected text, got {_type_name(value)}")


def _collapse(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()


def _name(value: object) -> str:
    name = _collapse(_as_text(value))
    if not name:
        raise ValueError("name is empty")
    return name


def _upper_name(value: object) -> str:
    return _name(value).upper()


def _location_name(value: object) -> str:
    name = _loc_key(_name(value))
    if not name:
        raise ValueError("name is empty")
    return name


def _opt_text(value: object) -> str | None:
    if value is None:
        return None
    text = _as_text(value).strip()
    return text or None


def _names(value: object) -> list[str]:
    if value is None:
        return []
    items = [value] if isinstance(value, (str, int, float)) and not isinstance(value, bool) else value
    if not isinstance(items, list):
        raise ValueError(f"expected a list of names, got {_type_name(value)}")
    out: list[str] = []
    for i, item in enumerate(items):
        try:
            name = _name(item)
        except ValueError as exc:
            raise _Located(str(exc), (i,)) from None
        if name not in out:
            out.append(name)
    return out


def _attributes(value: object) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValueError(f"expected a mapping of attribute: value, got {_type_name(value)}")
    out: dict[str, str] = {}
    for raw_key, raw in value.items():
        key = _collapse(str(raw_key)).lower()
        if not key:
            raise _Located("empty attribute name", (raw_key,))
        if key in out:
            raise _Located(f"duplicate attribute {key!r} (attribute names ignore case)", (raw_key,))
        if raw is None:
            raise _Located(f"attribute {key!r} has no value", (raw_key,))
        try:
            text = _collapse(_as_text(raw))
        except ValueError as exc:
            raise _Located(str(exc), (raw_key,)) from None
        if not text:
            raise _Located(f"attribute {key!r} has no value", (raw_key,))
        out[key] = text
    return out


def _list_or_empty(value: object) -> object:
    return [] if value is None else value


def _palette(value: object) -> list[str]:
    """Colours as hex (``#0b1d3a``) or as words (``"lemon, brick, cobalt"``): hex out, words the colour names.

    A word that names no colour ("bubblegum", "warm streetlight") is left out;
    prose is split at commas and semicolons.
    """
    if value is None:
        return []
    if isinstance(value, str):
        value = [p for p in re.split(r"[,;/]|\band\b", value) if p.strip()]
        prose = True
    else:
        prose = False
    if not isinstance(value, list):
        raise ValueError(f"expected a list of colours like \"#0b1d3a\" or colour words, got {_type_name(value)}")
    out = []
    for i, item in enumerate(value):
        try:
            text = _as_text(item).strip()
        except ValueError:
            hint = " (# starts a comment in YAML: quote colours)" if item is None else ""
            raise _Located(f"expected a colour like \"#0b1d3a\", got {_type_name(item)}{hint}", (i,)) from None
        m = _HEX_RE.match(text)
        if m and (text.startswith("#") or not text.isalpha()):
            digits = m.group(1).lower()
            out.append("#" + ("".join(c * 2 for c in digits) if len(digits) == 3 else digits))
            continue
        named = colour_hex(text)
        if named:
            out.append(named)
        elif not prose:
            raise _Located(f"invalid colour {text!r}: expected \"#rgb\", \"#rrggbb\" or a colour word", (i,))
    return list(dict.fromkeys(out))


def _aspect_ratio(value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError("invalid aspect ratio: expected a number like 2.39 or \"16:9\"")
    if isinstance(value, (int, float)):
        ratio = float(value)
    elif isinstance(value, str):
        m = _RATIO_RE.match(value)
        if not m:
            raise ValueError(f"invalid aspect ratio {value!r}: expected a number like 2.39 or \"16:9\"")
        num, den = float(m.group(1)), float(m.group(2) or 1)
        if den == 0:
            raise ValueError(f"invalid aspect ratio {value!r}: divides by zero")
        ratio = num / den
    else:
        raise ValueError(f"invalid aspect ratio: expected a number like 2.39, got {_type_name(value)}")
    if not math.isfinite(ratio) or ratio <= 0:
        raise ValueError(f"invalid aspect ratio {value!r}: must be a positive number")
    return ratio


Name = Annotated[str, BeforeValidator(_name)]
UpperName = Annotated[str, BeforeValidator(_upper_name)]
OptText = Annotated[Union[str, None], BeforeValidator(_opt_text)]
Names = Annotated[list[str], BeforeValidator(_names)]
Attributes = Annotated[dict[str, str], BeforeValidator(_attributes)]
Index = Annotated[Union[int, None], Field(ge=1)]


# -- the models -----------------------------------------------------------------------


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class WardrobeItem(_Model):
    """A garment a character wears, in a range of scenes (every scene by default).

    ``look`` names one of several looks a character has ("for church", "when off
    shift"): another look is not a wardrobe error, it is the other look.
    """

    item: Annotated[str, BeforeValidator(_name)]
    scenes: SceneRange = Field(default_factory=SceneRange.all)
    notes: OptText = None
    look: OptText = None


class Character(_Model):
    """A character, named as their cue appears in the script (upper case).

    ``introduced_scene``/``introduced_line`` say where the character first appears
    (set by ``bible extract``; 1-based scene index and source line).
    """

    name: UpperName
    aliases: Names = []
    description: OptText = None
    attributes: Attributes = {}
    wardrobe: Annotated[list[WardrobeItem], BeforeValidator(_list_or_empty)] = []
    introduced_scene: Index = None
    introduced_line: Index = None
    notes: OptText = None


class Location(_Model):
    """A place as scene headings name it, e.g. ``LIGHTHOUSE - LANTERN ROOM``.

    The name is normalised like a heading's location: upper case, parts joined by
    ``" - "`` (``Lighthouse -- lantern room`` and ``LIGHTHOUSE, LANTERN ROOM`` too).
    """

    name: Annotated[str, BeforeValidator(_location_name)]
    aliases: Names = []
    description: OptText = None
    attributes: Attributes = {}
    notes: OptText = None


class Prop(_Model):
    """An object that matters to continuity, e.g. ``brass compass``."""

    name: Name
    aliases: Names = []
    description: OptText = None
    attributes: Attributes = {}
    notes: OptText = None


def _tense(value: object) -> str | None:
    if value is None:
        return None
    text = _as_text(value).strip().lower()
    if text not in ("present", "past"):
        raise ValueError(f"invalid tense {value!r}: expected \"present\" or \"past\"")
    return text


def _yes_no(value: object) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    text = _as_text(value).strip().lower()
    if text in ("yes", "true", "allowed", "allow", "on"):
        return True
    if text in ("no", "false", "not allowed", "forbidden", "off"):
        return False
    raise ValueError(f"expected yes or no, got {value!r}")


def _heading_forms(value: object) -> list[str]:
    items = _names(value)
    for i, form in enumerate(items):
        if "PLACE" not in form:
            raise _Located(f"heading form {form!r} has no PLACE: write it like \"INT. PLACE - TIME\"", (i,))
    return items


class Style(_Model):
    """The look and voice of the piece, and the rules the script's style is checked against.

    ``tense``, ``camera_directions``, ``heading_forms`` and ``tone_check`` each turn
    on one rule of the ``style`` check; without them the check does not run.
    """

    palette: Annotated[list[str], BeforeValidator(_palette)] = []
    aspect_ratio: Annotated[Union[float, None], BeforeValidator(_aspect_ratio)] = None
    tone: OptText = None
    notes: OptText = None
    #: Action lines are written in this tense (``present`` or ``past``).
    tense: Annotated[Union[str, None], BeforeValidator(_tense)] = None
    #: False: camera directions ("we see", "CLOSE ON", "the camera pans") are not allowed in action.
    camera_directions: Annotated[Union[bool, None], BeforeValidator(_yes_no)] = None
    #: The forms a scene heading may take, e.g. ``INT. PLACE - TIME`` (PLACE and TIME are placeholders).
    heading_forms: Annotated[list[str], BeforeValidator(_heading_forms)] = []
    #: Lines that sound like the piece, for the tone rule (with ``tone``).
    tone_examples: Names = []
    #: True: action lines far from the tone (``tone`` and ``tone_examples``) are reported, as info.
    tone_check: Annotated[Union[bool, None], BeforeValidator(_yes_no)] = None

    @property
    def rules(self) -> tuple[str, ...]:
        """The style rules this bible asks for (``tense``, ``camera_directions``, ``heading_forms``, ``tone``)."""
        out = []
        if self.tense:
            out.append("tense")
        if self.camera_directions is False:
            out.append("camera_directions")
        if self.heading_forms:
            out.append("heading_forms")
        if self.tone_check and (self.tone or self.tone_examples):
            out.append("tone")
        return tuple(out)


@dataclass(frozen=True)
class Fact:
    """One piece of canon as a sentence, for embedding alignment and reports.

    Attributes:
        path: stable key path, e.g. ``characters.MARA.attributes.hair``.
        kind: ``character``, ``location``, ``prop`` or ``style``.
        subject: the character/location/prop name, or ``style``.
        attribute: ``hair``, ``description``, ``wardrobe``, ``prop``, ``palette``...
        value: the value as written in the bible.
        sentence: a natural sentence stating the fact.
    """

    path: str
    kind: str
    subject: str
    attribute: str
    value: str
    sentence: str


_STORY_DAY_RE = re.compile(r"^(?:D|N|FB)\d{1,4}$")


def _story_days(value: object) -> dict[str, str]:
    """``{12: "d5", "4A": "FB2"}`` -> ``{"12": "D5", "4A": "FB2"}``; anything else is refused with the key."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValueError(f"expected a mapping of scene numbers to story days (12: D5), got {_type_name(value)}")
    out: dict[str, str] = {}
    for k, v in value.items():
        day = str(v).strip().upper() if isinstance(v, (str, int)) and not isinstance(v, bool) else ""
        if not _STORY_DAY_RE.match(day):
            raise _Located(f"story day {v!r} for scene {k}: expected D<n>, N<n> or FB<n> (e.g. D5)", (str(k),))
        out[str(k).strip().upper()] = day
    return out


def _story_dates(value: object) -> dict[str, str]:
    """``{D1: 2024-03-08, FB1: 1999-08-14}`` -> ISO strings: the calendar date of story days and flashbacks."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValueError(f"expected a mapping of story days to dates (D1: 2024-03-08), got {_type_name(value)}")
    out: dict[str, str] = {}
    for k, v in value.items():
        day = str(k).strip().upper()
        if not re.match(r"^(?:D|FB)\d{1,4}$", day):
            raise _Located(f"story date key {k!r}: expected a story day, D<n> or FB<n> (e.g. D1)", (str(k),))
        try:
            when = v if isinstance(v, _dt.date) else _dt.date.fromisoformat(str(v).strip())
        except ValueError:
            raise _Located(f"story date {v!r} for {day}: expected a date, YYYY-MM-DD", (str(k),)) from None
        out[day] = when.isoformat()
    return out


class Bible(_Model):
    """The canon: characters, locations, props and style."""

    title: OptText = None
    notes: OptText = None
    characters: Annotated[list[Character], BeforeValidator(_list_or_empty)] = []
    locations: Annotated[list[Location], BeforeValidator(_list_or_empty)] = []
    props: Annotated[list[Prop], BeforeValidator(_list_or_empty)] = []
    style: Annotated[Style, BeforeValidator(lambda v: {} if v is None else v)] = Field(default_factory=Style)
    #: Fixed story days: the script's scene number -> ``D5``, ``N5`` or ``FB2`` (see ``continuity.story.time``).
    story_days: Annotated[dict[str, str], BeforeValidator(_story_days)] = {}
    #: Calendar dates of story days and flashbacks: ``D1`` -> ``2024-03-08`` (a bible's table of dated days).
    story_dates: Annotated[dict[str, str], BeforeValidator(_story_dates)] = {}

    @model_validator(mode="after")
    def _unique_names(self) -> Bible:
        for section, items, key in (
            ("characters", self.characters, _char_key),
            ("locations", self.locations, _loc_key),
            ("props", self.props, _prop_key),
        ):
            owner: dict[str, int] = {}
            for i, item in enumerate(items):
                k = key(item.name)
                if k in owner:
                    raise _Located(f"duplicate name {item.name!r}: {section}[{owner[k]}] has it already", (section, i, "name"))
                owner[k] = i
            for i, item in enumerate(items):
                for j, alias in enumerate(item.aliases):
                    k = key(alias)
                    if owner.setdefault(k, i) != i:
                        other = items[owner[k]].name
                        raise _Located(
                            f"alias {alias!r} is already the name or an alias of {other} ({section}[{owner[k]}])",
                            (section, i, "aliases", j),
                        )
        return self

    @classmethod
    def empty(cls) -> Bible:
        """A bible with nothing in it."""
        return cls()

    # -- lookups -----------------------------------------------------------------
    def character(self, name: str) -> Character | None:
        """The character whose name or alias is ``name`` (any case), or None."""
        k = _char_key(name)
        return next((c for c in self.characters if k in {_char_key(n) for n in (c.name, *c.aliases)}), None)

    def location(self, name: str) -> Location | None:
        """The location whose name or alias is ``name`` (any case, any heading separator, "the" or not)."""
        k = _loc_key(name)
        exact = next((loc for loc in self.locations if k in {_loc_key(n) for n in (loc.name, *loc.aliases)}), None)
        if exact is not None:
            return exact
        bare = _bare_loc(k)
        found = next((loc for loc in self.locations
                      if bare in {_bare_loc(_loc_key(n)) for n in (loc.name, *loc.aliases)}), None)
        if found is not None:
            return found
        # "marrow_dining_room" (a key written as an identifier) is the heading's "MARROW - DINING ROOM"
        flat = _flat_loc(bare)
        return next((loc for loc in self.locations
                     if flat in {_flat_loc(_bare_loc(_loc_key(n))) for n in (loc.name, *loc.aliases)}), None)

    def locations_for(self, heading_location: str) -> list[Location]:
        """Locations that a heading's location falls under, most specific first.

        ``LIGHTHOUSE - LANTERN ROOM`` gives the bible's ``LIGHTHOUSE - LANTERN ROOM``
        (if any), then ``LIGHTHOUSE`` (if any).
        """
        parts = _loc_key(heading_location).split(" - ")
        out: list[Location] = []
        for n in range(len(parts), 0, -1):
            loc = self.location(" - ".join(parts[:n]))
            if loc is not None and loc not in out:
                out.append(loc)
        return out

    def prop(self, name: str) -> Prop | None:
        """The prop whose name or alias is ``name`` (any case, ``the`` ignored), or None."""
        k = _prop_key(name)
        return next((p for p in self.props if k in {_prop_key(n) for n in (p.name, *p.aliases)}), None)

    # -- facts -------------------------------------------------------------------
    def facts(self) -> list[Fact]:
        """Every fact of the canon, in file order, each with a stable path."""
        out: list[Fact] = []
        for c in self.characters:
            base = f"characters.{c.name}"
            if c.description:
                desc = _sentence_text(c.description)
                out.append(Fact(f"{base}.description", "character", c.name, "description", c.description, f"{c.name}, {desc}."))
            for attr, value in c.attributes.items():
                out.append(Fact(f"{base}.attributes.{attr}", "character", c.name, attr, value,
                                _attribute_sentence(c.name, attr, value)))
            for i, w in enumerate(c.wardrobe):
                when = "" if w.scenes.is_all else f" in {w.scenes.describe()}"
                out.append(Fact(f"{base}.wardrobe[{i}]", "character", c.name, "wardrobe", w.item,
                                f"{c.name} wears {_with_article(w.item)}{when}."))
        for loc in self.locations:
            base = f"locations.{loc.name}"
            if loc.description:
                out.append(Fact(f"{base}.description", "location", loc.name, "description", loc.description,
                                f"{loc.name}: {_sentence_text(loc.description)}."))
            for attr, value in loc.attributes.items():
                out.append(Fact(f"{base}.attributes.{attr}", "location", loc.name, attr, value,
                                f"In {loc.name}, the {attr.replace('_', ' ')} is {value}."))
        for p in self.props:
            base = f"props.{p.name}"
            desc = f": {_sentence_text(p.description)}" if p.description else ""
            out.append(Fact(base, "prop", p.name, "prop", p.name, f"The {p.name}{desc}."))
            for attr, value in p.attributes.items():
                out.append(Fact(f"{base}.attributes.{attr}", "prop", p.name, attr, value,
                                f"The {attr.replace('_', ' ')} of the {p.name} is {value}."))
        s = self.style
        if s.palette:
            value = ", ".join(s.palette)
            out.append(Fact("style.palette", "style", "style", "palette", value, f"The colour palette is {value}."))
        if s.aspect_ratio is not None:
            value = f"{s.aspect_ratio:.2f}:1"
            out.append(Fact("style.aspect_ratio", "style", "style", "aspect_ratio", value, f"The aspect ratio is {value}."))
        if s.tone:
            out.append(Fact("style.tone", "style", "style", "tone", s.tone, f"The tone is {_sentence_text(s.tone)}."))
        return out


def _char_key(name: str) -> str:
    return _collapse(name).upper()


def _loc_key(name: str) -> str:
    return " - ".join(p.strip(" .-") for p in _LOC_SEP_RE.split(_collapse(name).upper()) if p.strip(" .-"))


def _bare_loc(key: str) -> str:
    """A location key without a leading "THE" in any part: ``THE COYLE CLAIM`` is ``COYLE CLAIM``."""
    return " - ".join(p[4:] if p.startswith("THE ") else p for p in key.split(" - "))


def _flat_loc(key: str) -> str:
    """A location key as bare words: ``NADIA'S APARTMENT - PILSEN`` and ``NADIAS_APARTMENT_PILSEN`` agree."""
    return " ".join(re.sub(r"[^A-Z0-9]+", " ", key.upper().replace("'", "")).split())


def _prop_key(name: str) -> str:
    key = _collapse(name).lower()
    return key[4:] if key.startswith("the ") else key


def _attribute_sentence(name: str, attr: str, value: str) -> str:
    words = attr.replace("_", " ")
    if value.lower() in ("yes", "true", "no", "none", "false"):
        return f"{name} has {'no ' if value.lower() in ('no', 'none', 'false') else ''}{words}."
    verb = "are" if words.endswith("s") and not words.endswith("ss") else "is"
    return f"{name}'s {words} {verb} {value}."


def _sentence_text(text: str) -> str:
    return _collapse(text).rstrip(".!? ")


def _with_article(item: str) -> str:
    words = item.split()
    first = words[0].lower()
    if first in {"a", "an", "the", "his", "her", "their", "its", "my", "your", "our", "some"} or first.endswith("'s"):
        return item
    last = words[-1].lower()
    if last.endswith("s") and not last.endswith(("ss", "us")):
        return item  # plural: "boots"
    return ("an " if first[:1] in "aeiou" else "a ") + item


__all__ = [
    "Bible", "Character", "Location", "Prop", "Style", "WardrobeItem", "SceneRange", "Fact",
]
