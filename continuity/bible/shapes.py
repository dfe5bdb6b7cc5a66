"""Bibles as people write them: the common shapes mapped onto the canonical one before validation.

A production's bible is rarely in our schema. Writers' rooms and designers write
``cast:`` or ``dramatis_personae:`` or ``CHARACTERS:``; a character as a list item
or as a mapping keyed by name; ``appearance:`` or ``looks:`` as a mapping or as
prose; ``age:`` at the top of a character; wardrobe as prose, a list, or named
looks (``everyday:``, ``for church:``); ``costume`` for wardrobe; a palette in
words. :func:`normalise` maps all of these onto the canonical sections
(``title``, ``characters``, ``locations``, ``props``, ``style``) and keeps what it
cannot place as notes, each with a warning that says what was done, so nothing a
writer wrote is silently lost and nothing is refused for its shape.

What is still refused: a key that looks like a misspelling of one we know
(``charcters:``, ``wardorbe:``), with a "did you mean"; and values of the wrong
kind where the shape leaves no doubt (a character name that is a list).

Line numbers follow the data: every value keeps the line it had in the file, so
an error in a moved value still names its own line.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from continuity.bible.carried import carried_props, thing_name
from continuity.bible.model import Bible, Style
from continuity.bible.sections import character_rows, day_table, is_group_of_people, section_kind
from continuity.errors import BibleError

_KEY_SPACE_RE = re.compile(r"[\s_\-]+")

TITLE_KEYS = {"title", "show", "production", "project", "film", "series", "working title", "name", "movie"}
CHARACTER_KEYS = {"characters", "character", "cast", "dramatis personae", "people", "persons", "who's who",
                  "whos who", "roles", "principals", "cast list", "characters and cast", "the cast", "the team",
                  "ensemble", "dossiers"}
LOCATION_KEYS = {"locations", "location", "places", "place", "settings", "sets", "set", "locales", "geography",
                 "world", "the world", "scenes and places"}
PROP_KEYS = {"props", "prop", "things", "properties", "objects", "key props", "items", "hand props", "action props",
             "kit", "kit and props", "vehicles", "picture cars"}
STYLE_KEYS = {"style", "visual style", "look of the film", "visuals", "style guide", "look and feel"}
_STYLE_FIELDS = {
    "palette": {"palette", "colour", "color", "colours", "colors", "colour palette", "color palette"},
    "aspect_ratio": {"aspect ratio", "aspect", "ratio", "aspect_ratio"},
    "tone": {"tone", "mood", "voice", "feel"},
}
_CANONICAL_TOP = {"title", "characters", "locations", "props", "style", "notes"}
#: Top-level fields of the model that need no mapping: read as written.
_PASS_THROUGH = set(Bible.model_fields) - _CANONICAL_TOP

_NAME_KEYS = {"name", "character", "cue", "id", "called", "label"}
_ALIAS_KEYS = {"aliases", "alias", "aka", "also known as", "nicknames", "nickname", "other names", "full name",
               "real name", "cover name", "cover", "false name", "known as", "names", "full names", "pseudonym",
               "goes by", "go by", "called", "preferred name", "nicknamed", "short name", "stage name", "answers to",
               "also called", "also known", "known to", "called by"}
#: Keys that give a character's name as the screen has it, an alias: "billing: ROZ PENN" under "rosalind_penn".
_BILLING_KEYS = {"billing", "billed as", "billed", "credited as", "credit", "screen name", "cue name", "name on screen"}
_DESCRIPTION_KEYS = {"description", "who", "bio", "biography", "background", "about", "summary", "role",
                     "occupation", "job", "profile", "desc", "character", "logline", "is", "particulars",
                     "details", "portrait", "sketch", "character sketch", "who they are", "position", "trade"}
_NOTE_KEYS = {"notes", "note", "comments", "comment", "continuity", "continuity notes", "remarks", "exit"}
_ATTRIBUTE_KEYS = {"attributes", "appearance", "looks", "look", "physical", "features", "physicality",
                   "hair and makeup", "hair and make-up", "makeup", "make-up", "face and body", "body"}
_WARDROBE_KEYS = {"wardrobe", "costume", "costumes", "clothes", "clothing", "outfit", "outfits", "wears", "dress",
                  "costume plot", "wardrobe notes", "what they wear", "rigs", "rig", "kit worn", "garb", "attire"}
_INTRO_KEYS = {"introduced scene": "introduced_scene", "introduced_scene": "introduced_scene",
               "introduced line": "introduced_line", "introduced_line": "introduced_line"}
_ITEM_KEYS = {"item", "garment", "what", "costume", "look", "description", "clothes", "outfit", "wears", "piece"}
_SCENES_KEYS = {"scenes", "scene", "in", "when", "sc", "range", "scene range"}
_DEFAULT_LOOKS = {"default", "everyday", "usual", "main", "regular", "basic", "normal", "always", "day to day",
                  "day-to-day", "standard", "only", "throughout", "all scenes"}
_SCENE_SPEC_RE = re.compile(
    r"^\s*(?:sc(?:enes?|s)?\.?\s*)?(?P<spec>\d+[A-Z]?(?:\s*(?:-|\u2013|\u2014|to|\.\.)\s*(?:\d+[A-Z]?)?)?"
    r"(?:\s*(?:,|and)\s*\d+[A-Z]?(?:\s*(?:-|\u2013|\u2014|to|\.\.)\s*(?:\d+[A-Z]?)?)?)*)\s*(?P<on>on(?:wards?)?|\+|-)?\s*$",
    re.IGNORECASE,
)
_ALLOWED = ("allowed: name, aliases, description, attributes, wardrobe, introduced_scene, introduced_line, notes "
            "(and their usual synonyms; any other key with a value is an attribute)")
_ALWAYS_RE = re.compile(r"^\s*(?:all|always|throughout|every scene|all scenes|\*)\s*$", re.IGNORECASE)


def norm_key(key: object) -> str:
    """A key as compared: lower case, underscores, hyphens and runs of spaces as one space."""
    return _KEY_SPACE_RE.sub(" ", str(key)).strip().lower()


@dataclass
class Shaped:
    """The result of :func:`normalise`: canonical data, its lines, and what was done."""

    data: dict[str, Any]
    lines: dict[tuple, int]
    warnings: list[str] = field(default_factory=list)


class _Mapper:
    """Builds the canonical document, carrying each value's line from its old key path."""

    def __init__(self, lines: dict[tuple, int], source: str) -> None:
        self.old = lines
        self.new: dict[tuple, int] = {}
        self.source = source
        self.warnings: list[str] = []
        #: fields read from departments, by the path of the character entry they belong to
        self.extras: dict[tuple, list[tuple[str, Any, tuple]]] = {}

    def line(self, path: tuple) -> int:
        for n in range(len(path), -1, -1):
            if _low(path[:n]) in self.old:
                return self.old[_low(path[:n])]
        return 1

    def carry(self, old: tuple, new: tuple) -> None:
        """Every line recorded under ``old`` (and below) now also answers for ``new``."""
        lo, ln = _low(old), _low(new)
        for key, value in self.old.items():
            if key[: len(lo)] == lo:
                self.new.setdefault(ln + key[len(lo):], value)
        self.new.setdefault(ln, self.line(old))

    def warn(self, path: tuple, message: str) -> None:
        self.warnings.append(f"{self.source}:{self.line(path)}: {message}")

    def refuse(self, path: tuple, message: str) -> BibleError:
        return BibleError(f"{self.source}:{self.line(path)}: {_format(path)}: {message}")


def _low(path: tuple) -> tuple:
    return tuple(p if isinstance(p, int) else " ".join(str(p).split()).lower() for p in path)


def _format(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _close(key: str, known: set[str]) -> str | None:
    """A known key that ``key`` looks like a misspelling of (not an equal one)."""
    # A short word one letter off another is as likely a word of its own ("ring" is no typo of "rig").
    hits = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.84 if len(key) > 4 else 0.9)
    return hits[0] if hits and hits[0] != key else None


def _prose(value: Any) -> str:
    """Text as the writer wrote it (line breaks kept); other values as :func:`_text` gives them."""
    return value.strip() if isinstance(value, str) else _text(value)


def _text(value: Any) -> str:
    """Any YAML value as prose: lists joined with "; ", mappings as "key: value" pairs."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return "; ".join(t for t in (_text(v) for v in value) if t)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_text(v)}" if _text(v) else str(k) for k, v in value.items())
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return " ".join(str(value).split())


# -- the document ----------------------------------------------------------------------------


def normalise(data: dict[str, Any], lines: dict[tuple, int], source: str) -> Shaped:
    """Map a bible in any common shape onto the canonical sections.

    Sections are placed by their names, by the words of their names, or by what
    they hold (:func:`continuity.bible.sections.section_kind`); a section of
    sections (``art_department: {sets: ...}``) is opened; departments keyed by
    character (``hair_and_makeup: {Delia: ...}``, ``costume: {Delia: {looks: ...}}``)
    are read into those characters; a table of story days becomes ``story_days``.

    Args:
        data: the YAML document (a mapping).
        lines: the line of every key path in ``data`` (lower-cased keys).
        source: the file name for messages.

    Raises:
        BibleError: a key that looks like a misspelling of a known one, or a value
            whose shape cannot be read.
    """
    m = _Mapper(lines, source)
    out: dict[str, Any] = {}
    notes: list[str] = []
    placed = [(kind, raw_key, value, path) for raw_key, value, path in _sections(m, data, ())
              for kind in [_kind(raw_key, value)]]
    m.extras = _departments(m, placed, notes)
    # "story_year: 2025": the year of days the bible dates without one
    story_year = next((int(str(v).strip()) for _, k, v, _ in placed
                       if norm_key(k) in ("story year", "year") and re.fullmatch(r"\s*(?:1[89]|20|21)\d\d\s*", str(v))), None)
    for kind, raw_key, value, path in placed:
        if kind == "pass":
            out[raw_key] = value  # a canonical section the model reads as it is (story_days...)
            m.carry(path, (raw_key,))
        elif kind == "title":
            out["title"] = _text(value)
            m.carry(path, ("title",))
        elif kind in ("characters", "locations", "props"):
            read = _character if kind == "characters" else _place
            out.setdefault(kind, []).extend(_entities(m, value, path, kind, read, len(out.get(kind, []))))
            if norm_key(raw_key) not in _SECTION_KEYS[kind]:
                m.warn(path, f"read {_format(path)!r} as {kind}")
        elif kind == "days":
            table, dates, summary = day_table(value, story_year)
            days = out.setdefault("story_days", {})
            for scene, day in table.items():
                days.setdefault(scene, day)
            if dates:
                out.setdefault("story_dates", {}).update({d: w for d, w in dates.items()
                                                          if d not in out["story_dates"]})
            m.carry(path, ("story_days",))
            m.warn(path, f"read {_format(path)!r} as story days: " + ("; ".join(summary) or "no scenes given"))
            notes.append(f"{raw_key}: {_text(value)}")
        elif kind == "style":
            _style(m, value, path, out.setdefault("style", {}), notes)
        elif kind == "style field":
            _style(m, {raw_key: value}, path[:-1], out.setdefault("style", {}), notes)
        elif kind == "department":
            continue  # read into the characters by _departments
        elif kind == "notes":
            notes.append(_prose(value))
        else:
            close = _close(norm_key(raw_key), _KNOWN_TOP)
            if close and (isinstance(value, (list, dict)) or close in TITLE_KEYS):
                raise m.refuse(path, f"unknown key {raw_key!r} (did you mean {close!r}?)")
            notes.append(f"{raw_key}: {_text(value)}")
            m.warn(path, f"kept {_format(path)!r} as notes (the checks do not read it)")
    for entry, path in carried_props(out.get("characters", []), out.get("props", [])):
        # "props: black Leica camera on a brown leather strap" under a character: a prop of the bible's
        at = ("props", len(out.setdefault("props", [])))
        out["props"].append(entry)
        line = m.new.get(_low(path), 1)
        for part in ((), ("name",), ("description",), ("notes",), ("aliases",)):
            m.new.setdefault(_low((*at, *part)), line)
    if notes:
        out["notes"] = "\n".join(n for n in notes if n)
    return Shaped(out, m.new, m.warnings)


_SECTION_KEYS = {"characters": CHARACTER_KEYS, "locations": LOCATION_KEYS, "props": PROP_KEYS}
_KNOWN_TOP = TITLE_KEYS | CHARACTER_KEYS | LOCATION_KEYS | PROP_KEYS | STYLE_KEYS | _CANONICAL_TOP | {
    k for ks in _STYLE_FIELDS.values() for k in ks}


def known_section(key: Any) -> bool:
    """Whether a key names a section by one of its usual names."""
    k = norm_key(key)
    return k in CHARACTER_KEYS | LOCATION_KEYS | PROP_KEYS | STYLE_KEYS or k in ("story days", "notes")


def _sections(m: _Mapper, data: dict[str, Any], path: tuple):
    """``(key, value, path)`` for each section, opening sections of sections (``art_department: {sets: ...}``)."""
    for raw_key, value in data.items():
        if value is None or value == "" or value == [] or value == {}:
            continue
        key = norm_key(raw_key)
        if isinstance(value, dict) and raw_key not in _PASS_THROUGH and (
                (key in TITLE_KEYS and not known_section(key))
                or (not known_section(key) and section_kind(raw_key, value, known_section) == "nest")):
            yield from _sections(m, value, (*path, raw_key))  # "production: {title: ...}", "art_department: {sets: ...}"
            continue
        yield raw_key, value, (*path, raw_key)


def _kind(raw_key: Any, value: Any) -> str | None:
    """How :func:`normalise` reads a section (None: kept as notes)."""
    key = norm_key(raw_key)
    if raw_key in _PASS_THROUGH:
        if raw_key == "story_days" and isinstance(value, (dict, list)) and section_kind("story days", value) == "days":
            return "days"  # days written as a table of days, not scene: D5
        return "pass"
    if key in TITLE_KEYS and isinstance(value, (str, int, float)):
        return "title"
    for kind, keys in _SECTION_KEYS.items():
        if key in keys:
            return kind
    if key in STYLE_KEYS:
        return "style"
    if any(key in keys for keys in _STYLE_FIELDS.values()):
        return "style field"
    if key == "notes":
        return "notes"
    if _place_like(value):
        return "locations"
    kind = section_kind(raw_key, value, known_section)
    if kind in ("looks", "wardrobe") and (isinstance(value, dict) or character_rows(value)):
        return "department"
    if kind == "palette":
        return "style field"
    return kind if kind in ("characters", "locations", "props", "days") else None


def _departments(m: _Mapper, placed: list, notes: list[str]) -> dict[tuple, list[tuple[str, Any, tuple]]]:
    """Fields of departments keyed by character, as extra fields of those characters' entries.

    ``hair_and_makeup: {Delia: {hair: ..., marks: ...}}`` gives Delia's entry those
    attributes; ``costume: {Delia: {looks: {...}, continuity: ...}}`` her wardrobe and
    notes. A key that names no one character ("turnouts:", "KFD_helmets:") is kept
    as notes.
    """
    entries: list[tuple[tuple, set[str]]] = []  # (the entry's path, its names' words)
    dry = _Mapper(m.old, m.source)
    dry.extras = {}
    for kind, _, value, path in placed:
        if kind != "characters":
            continue
        items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
        for k, item in items:
            name = str(k) if isinstance(value, dict) else None
            try:
                entry = _character(dry, name, item, (*path, k), ("characters", 0))
            except BibleError:
                continue
            if entry:
                entries.append(((*path, k), _name_words(entry["name"], *entry.get("aliases", []))))
    extras: dict[tuple, list[tuple[str, Any, tuple]]] = {}
    for kind, raw_key, value, path in placed:
        if kind != "department":
            continue
        looks = section_kind(raw_key, value) == "looks"
        rows = ([(who, fields, (*path, i)) for who, fields, i in character_rows(value)] if isinstance(value, list)
                else [(who, fields, (*path, who)) for who, fields in value.items()])
        for who, fields, kpath in rows:
            words = _name_words(str(who))
            hits = [p for p, names in entries if words and words <= names]
            if len(hits) != 1:
                notes.append(f"{raw_key}: {who}: {_text(fields)}")
                m.warn(kpath, f"kept {_format(kpath)!r} as notes (it names no one character)")
                continue
            into = extras.setdefault(hits[0], [])
            if not isinstance(fields, dict):
                into.append(("appearance" if looks else "wardrobe", fields, kpath))
                continue
            for k, v in fields.items():
                nk = norm_key(k)
                if nk in _NOTE_KEYS or looks:
                    into.append((str(k), v, (*kpath, k)))
                elif nk in _WARDROBE_KEYS or nk in ("looks", "look", "outfits", "rigs", "rig"):
                    into.append(("wardrobe", v, (*kpath, k)))
                else:
                    into.append(("wardrobe", {k: v}, (*kpath, k)))
    return extras


def _name_words(*names: str) -> set[str]:
    """The words of names, without titles and ranks: ``Capt. Delia Marchetti`` -> {delia, marchetti}."""
    return {w for n in names for w in re.split(r"[\s/\"\u201c\u201d]+", n.lower().replace(".", " "))
            if w and w not in _TITLES and len(w) > 1}


def _place_like(value: Any) -> bool:
    """A mapping of upper-case names to prose: how a bible lists the sets of one place."""
    if not isinstance(value, dict) or len(value) < 2:
        return False
    keys = [str(k) for k in value]
    upper = sum(k.isupper() for k in keys)
    prose = sum(isinstance(v, str) and len(v.split()) >= 3 for v in value.values())
    return upper >= 0.8 * len(keys) and prose >= 0.8 * len(keys)


def _entities(m: _Mapper, value: Any, path: tuple, section: str, read, offset: int) -> list[dict[str, Any]]:
    """A section's entries from a list (of mappings or names) or a mapping keyed by name."""
    out: list[dict[str, Any]] = []
    if value is None:
        return out
    if isinstance(value, list):
        for i, item in enumerate(value):
            entry = read(m, None, item, (*path, i), (section, offset + len(out)))
            if entry is not None:
                out.append(entry)
        return out
    if isinstance(value, dict):
        for name, item in value.items():
            if section == "characters" and is_group_of_people(item):
                # "people: {the_kitchen: {nadia_rossi: {age: 38, ...}}}": a group, then its people
                out.extend(_entities(m, item, (*path, name), section, read, offset + len(out)))
                continue
            parts = _subplaces(str(name), item) if section == "locations" else [(str(name), item, ())]
            for part, body, sub in parts:
                entry = read(m, part, body, (*path, name, *sub), (section, offset + len(out)))
                if entry is not None:
                    out.append(entry)
        return out
    if isinstance(value, str):
        m.warn(path, f"kept {path[-1]!r} as a note: expected a list or a mapping of {section}")
        return out
    raise m.refuse(path, f"expected a list or a mapping of {section}")


#: What names a prop or a place in a list of them: "- item: Viktor's cigarette case".
_THING_NAME_KEYS = {"item", "thing", "prop", "object", "place", "location", "set", "title"}
_PLACE_FIELDS = {"exterior", "interior", "outside", "inside", "overall", "general", "address", "where"}


def _subplaces(name: str, item: Any) -> list[tuple[str, Any, tuple]]:
    """A place and the places inside it: ``Station 14: {exterior: ..., kitchen: ..., bunk room: ...}``.

    When most keys of a place's mapping are not fields (description, notes...) and
    hold prose, each is its own location, ``STATION 14 - KITCHEN``, as headings
    write it; the place keeps its exterior and its fields.
    """
    if not isinstance(item, dict):
        return [(name, item, ())]
    fields = {k for k in item if norm_key(k) in _DESCRIPTION_KEYS | _NOTE_KEYS | _ALIAS_KEYS | _PLACE_FIELDS
              | {"look", "looks", "appearance", "features", "dressing", "set dressing", "attributes", "name"}}
    rooms = [k for k in item if k not in fields and isinstance(item[k], str) and len(item[k].split()) >= 3]
    if len(rooms) < 2 or len(rooms) < 0.6 * len(item):
        return [(name, item, ())]
    own = {("description" if norm_key(k) in _PLACE_FIELDS else k): v for k, v in item.items() if k not in rooms}
    def plain(key: str) -> str:  # "tillman_house", "living_room": keys written as identifiers
        return key.replace("_", " ").strip() if "_" in key and " " not in key.strip() else key
    return [(name, own or None, ())] + [(f"{plain(name)} - {plain(k)}", item[k], (k,)) for k in rooms]


def _split_entry(m: _Mapper, name: str | None, item: Any, path: tuple, new: tuple) -> tuple[str | None, dict]:
    """The entry's name and its fields, whatever the entry's shape."""
    if isinstance(item, dict):
        fields = dict(item)
        if name is not None and new and new[0] == "characters":
            # "miriam_hale: {name: Dr. Miriam Hale, ...}": the entry names itself; its key is only a handle
            for k in list(fields):
                if norm_key(k) == "name" and isinstance(fields[k], str) and fields[k].strip():
                    name = _text(fields.pop(k))
                    m.carry((*path, k), (*new, "name"))
                    break
        if name is None:
            keys = _NAME_KEYS | (_THING_NAME_KEYS if new and new[0] in ("props", "locations") else set())
            # ("- id: sam / name: Sam Duquesne / cue: SAM": the name, not the handle; the cue is an alias)
            named = sorted((k for k in fields if norm_key(k) in keys and isinstance(fields[k], (str, int, float))),
                           key=lambda k: norm_key(k) in ("id", "cue", "label"))
            if named:
                k = named[0]
                name = _text(fields.pop(k))
                m.carry((*path, k), (*new, "name"))
                if norm_key(k) not in ("id", "cue", "label"):
                    for handle in [h for h in fields if norm_key(h) == "id"]:
                        fields.pop(handle)  # a key for the entry, no name of the character's
        return name, fields
    if isinstance(item, str):
        if name is None:
            head, sep, rest = item.partition(":")
            if sep and len(head.split()) <= 4:
                return head.strip(), {"description": rest.strip()}
            named = thing_name(item) if new and new[0] == "props" and len(item.split()) >= 3 else None
            if named:  # "- small black notebook with an elastic band": a notebook, described
                return named[0], {"description": item.strip(), **({"aliases": named[1]} if named[1] else {})}
            return item.strip(), {}
        return name, {"description": item}
    if item is None:
        return name, {}
    if name is not None and isinstance(item, list):
        return name, {"description": _text(item)}
    raise m.refuse(path, "expected a mapping (name: ..., description: ...) or a name")


def _character(m: _Mapper, name: str | None, item: Any, path: tuple, new: tuple) -> dict[str, Any] | None:
    name, fields = _split_entry(m, name, item, path, new)
    if name is None and isinstance(item, dict):
        role = _role_name(fields)
        if role:
            name, fields = role, {k: v for k, v in fields.items() if norm_key(k) not in _ROLE_KEYS}
        else:
            # "- who: 'VERA HOLT, 41, ...'": the name the prose opens with
            name = _name_in_prose(fields)
            if name:
                m.warn(path, f"read the character's name {name!r} from its description (no name: key)")
    if not name or not name.strip():
        raise m.refuse(path, "a character needs a name (name: ...)" if name is None else "name is empty")
    if "_" in name and " " not in name.strip():
        name = name.replace("_", " ").strip()  # a key written as an identifier: "nadia_rossi"
    aliases: list[str] = []
    nick = _NICKNAME_RE.search(name)
    if nick:  # 'Lt. Andre "Hook" Pallister': Hook is what they call him
        aliases.append(nick.group(1) or nick.group(2))  # (or in single quotes: "Elliot 'Eli' Brandt")
        name = " ".join(_NICKNAME_RE.sub(" ", name).split())
    out: dict[str, Any] = {"name": name}
    m.new.setdefault(_low((*new, "name")), m.line(path))
    attributes: dict[str, str] = {}
    description: list[str] = []
    derived: list[str] = []  # prose under the writer's own keys ("who:", "bio:"): names and ages are read from it
    notes: list[str] = []
    wardrobe: list[dict[str, Any]] = []
    items = [(k, v, (*path, k)) for k, v in fields.items()] + m.extras.get(path, [])
    for raw_key, value, kpath in items:
        key = norm_key(raw_key)
        if _AGE_KEY_RE.match(key):
            key = raw_key = "age"  # "age_in_1852", "age as of SD1"
        if key in _ALIAS_KEYS | _BILLING_KEYS or (key in ("cue", "cue name", "speaks as") and isinstance(value, str)):
            if not aliases:
                m.carry(kpath, (*new, "aliases"))
            aliases.extend(_aliases(value, full=key in ("full name", "full names", "real name")))
        elif key in _INTRO_KEYS:
            out[_INTRO_KEYS[key]] = value
            m.carry(kpath, (*new, _INTRO_KEYS[key]))
        elif key in _DESCRIPTION_KEYS and isinstance(value, (str, int, float, list)):
            description.append(_prose(value))
            if key != "description":
                derived.append(_prose(value))
        elif key in _NOTE_KEYS:
            notes.append(_prose(value))
        elif key in _WARDROBE_KEYS:
            wardrobe.extend(_wardrobe(m, value, kpath, (*new, "wardrobe"), len(wardrobe)))
        elif key in _ATTRIBUTE_KEYS:
            if isinstance(value, dict):
                for k, v in value.items():
                    _attribute(m, attributes, str(k), v, (*kpath, k), new)
            elif value is not None:
                _attribute(m, attributes, "looks" if key in ("looks", "look", "appearance") else key, value, kpath, new)
        elif isinstance(value, dict):
            close = _close(key, _WARDROBE_KEYS | _ATTRIBUTE_KEYS | _ALIAS_KEYS)
            if close:
                raise m.refuse(kpath, f"unknown key {raw_key!r} (did you mean {close!r}?); {_ALLOWED}")
            for k, v in value.items():
                _attribute(m, attributes, f"{key} {norm_key(k)}", v, (*kpath, k), new)
        else:
            close = _close(key, _WARDROBE_KEYS | _ATTRIBUTE_KEYS | _ALIAS_KEYS | _DESCRIPTION_KEYS)
            if close and close not in ("look", "looks") and key not in ("age", "job"):
                raise m.refuse(kpath, f"unknown key {raw_key!r} (did you mean {close!r}?); {_ALLOWED}")
            _attribute(m, attributes, key, value, kpath, new)
    parts = [d.strip() for d in description if d.strip()]
    text = " ".join(d if d[-1:] in ".!?;:" or i == len(parts) - 1 else d + "." for i, d in enumerate(parts))
    told = " ".join(derived)
    aliases.extend(_names_in_description(name, told))
    if "age" not in attributes and _AGE_IN_DESCRIPTION_RE.search(told):
        attributes["age"] = _AGE_IN_DESCRIPTION_RE.search(told).group(1)
    if "born" not in attributes and _BORN_RE.search(told):
        attributes["born"] = _BORN_RE.search(told).group(1)
    if aliases:
        out["aliases"] = list(dict.fromkeys(a for a in aliases if a.upper() != name.upper()))
    if description:
        out["description"] = text
    if attributes:
        out["attributes"] = attributes
    if wardrobe:
        out["wardrobe"] = wardrobe
    if notes:
        out["notes"] = " ".join(n for n in notes if n)
    return out


_AGE_IN_DESCRIPTION_RE = re.compile(r"^[^.;]{0,60}?,\s*(\d{1,2})\b(?![\d:/]|\.\d|\s*(?:am|pm|years? (?:ago|earlier|later)))")
_BORN_RE = re.compile(r"\bborn\b[^.;]{0,40}?\b(1[5-9]\d\d|20\d\d)\b", re.IGNORECASE)
_POSES_RE = re.compile(r"\b(?i:poses as|posing as|passes as|passing as|goes by|known as|calls? (?:himself|herself|themselves)|"
                       r"alias|a\\.k\\.a\\.?|aka)\s+[\"\u201c']?((?:[A-Z][\w.-]*(?:\s|(?=['\"\u201d,.;)]|$))){1,4})")


def _names_in_description(name: str, text: str) -> list[str]:
    """Names a description gives: a full name it opens with ("Nora Bernadette Quinlan, 33"), a false name."""
    out = []
    lead = _LEAD_NAME_RE.match(text.split(",")[0].split("(")[0]) if text else None
    words = {w.upper() for w in name.split()}
    if lead:
        full = " ".join(lead.group(1).split()).rstrip(".")
        parts = full.split()
        if 2 <= len(parts) <= 5 and {p.upper().strip(".") for p in parts} & words and all(p[:1].isupper() for p in parts):
            out.append(full)
            plain = [p for p in parts if p.lower().strip(".") not in _TITLES]
            if len(plain) >= 3:
                out.append(f"{plain[0]} {plain[-1]}")
    for m in _POSES_RE.finditer(text):
        found = m.group(1).strip(" .,;:'\"")
        if found and found[:1].isupper():
            out.append(found)
    return out


_CAPS_NAME_RE = re.compile(r"\b([A-Z][A-Z'\-]+(?:\s+[A-Z][A-Z'\-]+){0,2})\b")
_NICKNAME_RE = re.compile(r"\s(?:[\"\u201c]([A-Z][\w' .-]{0,20})[\"\u201d]|['\u2018]([A-Z][\w .-]{0,20})['\u2019])\s")
_AGE_KEY_RE = re.compile(r"^age(?: (?:in \d{4}|as of .{1,20}|at (?:the )?start|now|today|on sd ?1|on day 1))?$")
_ROLE_KEYS = {"role", "part", "character", "plays"}


def _role_name(fields: dict) -> str | None:
    """A name given as the entry's role ("- role: Capt. Delia Marchetti"): short, every word capitalised."""
    for k, v in fields.items():
        if norm_key(k) in _ROLE_KEYS and isinstance(v, str):
            words = v.split()
            if 1 <= len(words) <= 6 and not re.search(r"[,;:()]", v) and all(
                    w[:1].isupper() or w[:1] in "\"\u201c" for w in words):
                return " ".join(words)
    return None


def _name_in_prose(fields: dict) -> str | None:
    """A character's name from the prose of an entry that has no name key: its first name in CAPITALS,
    else the name its description opens with ("Vera Holt, 41, ...")."""
    for k, v in fields.items():
        if norm_key(k) in _DESCRIPTION_KEYS | _NOTE_KEYS and isinstance(v, str) and v.strip():
            caps = _CAPS_NAME_RE.search(v)
            if caps and len(caps.group(1)) >= 3:
                return caps.group(1)
            lead = _LEAD_NAME_RE.match(v.split(",")[0].split("(")[0])
            if lead and 1 <= len(lead.group(1).split()) <= 3:
                return " ".join(lead.group(1).split())
    return None


def _attribute(m: _Mapper, attributes: dict[str, str], key: str, value: Any, path: tuple, new: tuple) -> None:
    text = _text(value)
    if not text:
        return
    key = norm_key(key)
    if key in attributes:
        attributes[key] = f"{attributes[key]}; {text}"
    else:
        attributes[key] = text
        m.carry(path, (*new, "attributes", key))


def _place(m: _Mapper, name: str | None, item: Any, path: tuple, new: tuple) -> dict[str, Any] | None:
    """A location or a prop: name, aliases, description (prose), attributes, notes."""
    name, fields = _split_entry(m, name, item, path, new)
    if not name or not name.strip():
        raise m.refuse(path, "an entry needs a name (name: ...)" if name is None else "name is empty")
    if new and new[0] in ("props", "locations") and "_" in name and " " not in name.strip():
        name = name.replace("_", " ").strip()  # a key written as an identifier: "lenas_water_bottle"
    out: dict[str, Any] = {"name": name}
    m.new.setdefault(_low((*new, "name")), m.line(path))
    description: list[str] = []
    attributes: dict[str, str] = {}
    notes: list[str] = []
    aliases: list[str] = []
    for raw_key, value in fields.items():
        key = norm_key(raw_key)
        kpath = (*path, raw_key)
        if key in _ALIAS_KEYS:
            if not aliases:
                m.carry(kpath, (*new, "aliases"))
            aliases.extend(_aliases(value))
        elif key in _DESCRIPTION_KEYS or key in ("look", "looks", "appearance", "features", "dressing",
                                                  "set dressing", "what", "what it is", "looks like"):
            if isinstance(value, dict):
                for k, v in value.items():
                    _attribute(m, attributes, str(k), v, (*kpath, k), new)
            else:
                description.append(_prose(value))
        elif key in _NOTE_KEYS:
            notes.append(_prose(value))
        elif key == "attributes" and isinstance(value, dict):
            for k, v in value.items():
                _attribute(m, attributes, str(k), v, (*kpath, k), new)
        else:
            _attribute(m, attributes, key, value, kpath, new)
    if aliases:
        out["aliases"] = list(dict.fromkeys(a for a in aliases if a.lower() != name.lower()))
    if description:
        out["description"] = " ".join(d for d in description if d)
    if attributes:
        out["attributes"] = attributes
    if notes:
        out["notes"] = " ".join(n for n in notes if n)
    return out


_QUOTED_RE = re.compile(r"[\"\u201c']([A-Z][^\"\u201d']{1,40})[\"\u201d']")
_LEAD_NAME_RE = re.compile(r"^\s*((?:[A-Z][\w.'\u00c0-\u017f-]*\s*){1,5})")
_TITLES = {"mr", "mrs", "ms", "miss", "dr", "sir", "lady", "lord", "captain", "capt", "professor", "prof", "the",
           "brigadier", "colonel", "major", "sergeant", "detective", "inspector", "father", "sister", "uncle", "aunt"}


def _aliases(value: Any, *, full: bool = False, item: bool = False) -> list[str]:
    """Names in an alias value: a list of names, or prose ("Jan Novák (Czech passport) -- used by...").

    An item of a list is a name as written, however long, unless it reads as prose
    (a comma, a bracket, a dash).
    """
    if isinstance(value, list):
        out = []
        for v in value:
            out.extend(_aliases(v, full=full, item=True))
        return out
    text = _text(value)
    if not text:
        return []
    if "," not in text and "(" not in text and " -- " not in text and (item or len(text.split()) <= 4):
        if not full:
            return [text]  # a name as written ("MARA V.O.", "Dr. Voss")
        names = [text.strip()]
    else:
        names = [q.strip() for q in _QUOTED_RE.findall(text)]
        lead = _LEAD_NAME_RE.match(re.sub(r"\([^)]*\)", " ", text.split(",")[0].split(" -- ")[0]))
        if lead and not names:  # 'Books as "Peter Hale"': the quoted name, not the verb before it
            names.insert(0, " ".join(lead.group(1).split()))
    out = []
    for n in names:
        n = n.strip(" .,;:'\"")
        if not n:
            continue
        out.append(n)
        words = [w for w in n.replace(".", " ").split() if w.lower() not in _TITLES]
        if full and len(words) >= 2:
            out.append(" ".join(words))
    return list(dict.fromkeys(out))


def _scene_spec(text: str) -> str | None:
    """A scene range written as people do ("sc. 1-6", "13 on", "always") in our spec, or None."""
    if _ALWAYS_RE.match(text):
        return "1-"
    m = _SCENE_SPEC_RE.match(text)
    if not m:
        return None
    spec = re.sub(r"\s*(?:to|\.\.|\u2013|\u2014)\s*", "-", m.group("spec"))
    spec = re.sub(r"\s*and\s*", ", ", spec)
    if m.group("on") and not spec.endswith("-"):
        spec += "-"
    return spec


def _wardrobe(m: _Mapper, value: Any, path: tuple, new: tuple, offset: int) -> list[dict[str, Any]]:
    """Wardrobe items from a list, a mapping of named looks or scene ranges, or prose."""
    out: list[dict[str, Any]] = []

    def add(item: dict[str, Any], old: tuple) -> None:
        m.carry(old, (*new, offset + len(out)))
        out.append(item)

    if value is None:
        return out
    if isinstance(value, str):
        add({"item": value}, path)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            if isinstance(v, dict):
                item = _wardrobe_item(m, v, (*path, i))
                if item:
                    add(item, (*path, i))
            elif v is not None:
                add({"item": _text(v)}, (*path, i))
    elif isinstance(value, dict):
        fields = _ITEM_KEYS | _SCENES_KEYS | {"notes", "note", "name", "for", "occasion"}
        # ("street: camel-hair coat, ..., costume: Edgardo's black velvet doublet": two looks, one named "costume")
        if any(norm_key(k) in _ITEM_KEYS for k in value) and not any(isinstance(v, dict) for v in value.values()) \
                and all(norm_key(k) in fields for k in value):
            item = _wardrobe_item(m, value, path)
            if item:
                add(item, path)
            return out
        for look, v in value.items():
            spec = _scene_spec(str(look))
            for text in (v if isinstance(v, list) else [v]):
                if isinstance(text, dict):
                    item = _wardrobe_item(m, text, (*path, look))
                else:
                    item = {"item": _text(text)} if _text(text) else None
                if not item:
                    continue
                if spec and "scenes" not in item:
                    item["scenes"] = spec
                elif norm_key(look) not in _DEFAULT_LOOKS and not spec:
                    item["look"] = str(look)
                add(item, (*path, look))
    else:
        raise m.refuse(path, "expected wardrobe as text, a list or a mapping of looks")
    return out


def _wardrobe_item(m: _Mapper, value: dict[str, Any], path: tuple) -> dict[str, Any] | None:
    item: dict[str, Any] = {}
    extra: list[str] = []
    for k, v in value.items():
        key = norm_key(k)
        if key in _ITEM_KEYS and "item" not in item:
            item["item"] = _text(v)
        elif key in _SCENES_KEYS:
            if isinstance(v, (int, list)):
                item["scenes"] = v
            else:
                spec = _scene_spec(_text(v))
                if spec:
                    item["scenes"] = spec
                else:
                    extra.append(f"scenes: {_text(v)}")
                    m.warn((*path, k), f"kept the scenes {_text(v)!r} as a note (not a scene range)")
        elif key in ("notes", "note"):
            extra.insert(0, _text(v))
        elif key in ("look", "name", "for", "occasion"):
            item["look"] = _text(v)
        else:
            extra.append(f"{k}: {_text(v)}")
    if "item" not in item:
        return None
    if extra:
        item["notes"] = "; ".join(e for e in extra if e)
    return item


def _style(m: _Mapper, value: Any, path: tuple, style: dict[str, Any], notes: list[str]) -> None:
    if value is None:
        return
    if isinstance(value, str):
        style["notes"] = _join(style.get("notes"), value)
        return
    if not isinstance(value, dict):
        raise m.refuse(path, "expected the style as a mapping (palette, aspect_ratio, tone, notes)")
    for raw_key, v in value.items():
        if v is None or v == "" or v == [] or v == {}:
            continue
        key = norm_key(raw_key)
        if raw_key in Style.model_fields and raw_key not in ("palette", "aspect_ratio", "tone", "notes"):
            style[raw_key] = v  # the style rules the model reads as they are (tense, heading_forms...)
            m.carry((*path, raw_key), ("style", raw_key))
            continue
        placed = next((f for f, keys in _STYLE_FIELDS.items() if key in keys), None)
        if placed == "palette" and not _palette_like(v):
            style["notes"] = _join(style.get("notes"), f"{raw_key}: {_text(v)}")
            m.carry((*path, raw_key), ("style", "notes"))
            m.warn((*path, raw_key), f"kept {_format((*path, raw_key))!r} as style notes (a palette in prose, not a list of colours)")
        elif placed in ("palette", "aspect_ratio"):
            style[placed] = v
            m.carry((*path, raw_key), ("style", placed))
        elif placed == "tone":
            style["tone"] = _join(style.get("tone"), v if isinstance(v, str) else _text(v), " ")
            m.carry((*path, raw_key), ("style", "tone"))
        elif key == "notes":
            style["notes"] = _join(style.get("notes"), v if isinstance(v, str) else _text(v))
            m.carry((*path, raw_key), ("style", "notes"))
        else:
            style["notes"] = _join(style.get("notes"), f"{raw_key}: {_text(v)}")
            m.carry((*path, raw_key), ("style", "notes"))


def _palette_like(value: Any) -> bool:
    """A palette for the model to read (colours, colour words, a line of them), not prose or a mapping of notes.

    Anything else that is not a mapping goes to the model too, which names what is wrong with it.
    """
    if isinstance(value, dict):
        return False
    items = value if isinstance(value, list) else [value]
    for v in items:
        if isinstance(v, dict):
            return False
        if isinstance(v, str) and any(len(part.split()) > 4 for part in re.split(r"[,;]", v)):
            return False
    return True


def _join(old: str | None, new: str, sep: str = "\n") -> str:
    return new if not old else f"{old}{sep}{new}"


__all__ = ["Shaped", "normalise", "norm_key"]
