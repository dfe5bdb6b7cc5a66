"""What a bible's sections are, when the writer names them in her own words.

:mod:`continuity.bible.shapes` knows the usual names of sections (``cast``,
``locations``, ``props``); bibles kept by departments or written like a ledger use
others: ``persons_of_the_drama``, ``goods_and_chattels``, ``the_camp_and_thereabouts``,
``almanac``, ``hair_and_makeup``, ``art_department: {sets: ...}``. A section is read
here by the words of its key and, failing those, by what its entries hold:

- :func:`section_kind`: ``characters``, ``locations``, ``props``, ``days``, a
  department keyed by character (``looks`` for hair and make-up, ``wardrobe`` for
  costume), ``palette``, or ``nest`` (a mapping of sections: ``art_department``);
- :func:`day_table`: story days written as a table of days ("SD1: covers scenes 1-9
  and 11", "- day: Sunday, date: 23 May 1852, scenes: 5 to 9") as the canonical
  ``story_days`` (scene number -> ``D5``), numbered by their dates where they have them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

_STOP = {"the", "and", "of", "a", "an", "our", "in", "on", "for", "list", "key", "main", "&"}
_WORDS = {
    "characters": {"cast", "casting", "characters", "character", "persons", "person", "people", "personae",
                   "dramatis", "roles", "players", "principals", "ensemble", "who", "speaking", "featured"},
    "locations": {"locations", "location", "places", "place", "sets", "settings", "camp", "thereabouts", "geography",
                  "world", "town", "sites", "site", "stops", "venues", "haunts", "spots", "interiors", "exteriors", "map", "scenery", "environments"},
    "props": {"props", "prop", "things", "goods", "chattels", "objects", "items", "kit", "gear", "vehicles", "car", "tin",
              "vehicle", "cars", "beasts", "animals", "livestock", "horses", "belongings", "possessions", "weapons",
              "guns", "artefacts", "artifacts", "stuff", "property", "effects"},
    "days": {"almanac", "calendar", "days", "chronology", "diary", "story", "timeline", "continuity days"},
    "looks": {"hair", "makeup", "make", "up", "hmu", "prosthetics", "hmua", "sfx", "injuries", "wounds", "marks",
              "scars", "appearance", "appearances"},
    "wardrobe": {"costume", "costumes", "wardrobe", "clothes", "clothing", "outfits", "rigs", "dress"},
    "palette": {"palette", "colours", "colors", "colour", "color", "swatches"},
}
_DAY_KEYS = {"story days", "story_days", "days", "almanac", "calendar", "chronology", "story calendar", "day by day",
             "days of the story", "story timeline"}
_SCENE_FIELDS = {"scenes", "scene", "covers", "sc", "scs", "in scenes", "scene range", "range"}
_DATE_FIELDS = {"date", "when", "on", "calendar"}
_LABEL_FIELDS = {"day", "label", "name", "story day", "id"}
#: Nouns that name places: a mapping of such names to prose is a list of locations.
PLACE_NOUNS = frozenset("""
room rooms house home flat apartment street road lane avenue square store shop bar pub saloon tavern inn hotel
motel diner cafe restaurant kitchen hall hallway office station church chapel farm barn field yard garden tent camp
claim pool creek river lake sea beach shore harbour harbor dock pier quay trail path track bridge city town village
hill mountain valley wood woods forest cabin cottage shed garage basement cellar attic roof bedroom bathroom
parlour parlor study library school classroom hospital ward clinic prison cell jail court courthouse bank mine
mill factory warehouse tannery laundromat arbor arbour lighthouse boathouse ferry train car carriage compartment
platform airport terminal corridor stairwell landing porch deck cemetery graveyard park market plaza alley
roadhouse jetty bay wharf marina stop lookout checkpoint highway motorway depot workshop gym club ballroom arena
stadium hut shack lodge ranch homestead cliff cliffs cove island port beach dunes village hamlet suburb estate
""".split())
_MONTHS = {m: i for i, m in enumerate(("january february march april may june july august september october "
                                        "november december").split(), 1)}
_MONTH = r"(" + "|".join(_MONTHS) + r"|[a-z]{3})"
_DATE_RES = (
    re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"\b\.?(?:,?\s+(\d{4})\b)?", re.IGNORECASE),
    re.compile(r"\b" + _MONTH + r"\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4})\b)?", re.IGNORECASE),
)
_ISO_RE = re.compile(r"\b(\d{4})-(\d\d)-(\d\d)\b")
_RANGE_RE = re.compile(r"(\d+)\s*(?:-|\u2013|\u2014|to|through|thru)\s*(\d+)|(\d+)")
_FLASHBACK_RE = re.compile(r"\b(?:flash\s*-?backs?|fb\d*|the past|memory|memories|dream)\b", re.IGNORECASE)


def key_words(key: str) -> set[str]:
    """The words of a section key, without the little ones: ``goods_and_chattels`` -> {goods, chattels}."""
    return {w for w in re.split(r"[\s_\-/&,.:()']+", str(key).lower()) if w and w not in _STOP}


def section_kind(key: str, value: Any, known: Callable[[str], bool] = lambda k: False) -> str | None:
    """What an unknown top-level section holds (see the module docstring), or None.

    The key's words decide when they name one kind; otherwise its entries do: a
    mapping of place names to prose is locations, a mapping of sections is a nest.
    ``known(key)`` says whether a key is a section :mod:`continuity.bible.shapes`
    knows by name (for nests).
    """
    words = key_words(key)
    low = " ".join(str(key).lower().replace("_", " ").split())
    if low in _DAY_KEYS and _is_day_table(value):
        return "days"
    hits = {kind for kind, ws in _WORDS.items() if words & ws}
    if "days" in hits and not _is_day_table(value):
        hits.discard("days")
    if isinstance(value, dict) and any(isinstance(v, (list, dict)) and _is_day_table(v) for v in value.values()):
        return "nest"  # "story_calendar: {year: 2022, days: [...]}" (or "days: {Day 1: ...}"): open it, the days are inside
    if hits and "days" not in hits and isinstance(value, list) and _is_calendar(value):
        return "days"  # the key's words say camp, the rows are dated days
    if hits == {"looks", "wardrobe"}:
        hits = {"looks"}  # "hair, make-up and dress" is about faces
    if not hits & {"looks", "wardrobe"} and _is_people(value):
        return "characters"  # "the_kerrigans: {Danny: {age: 24, face: ...}}": people, whatever the group is called
    if len(hits) == 1:
        kind = hits.pop()
        if kind in ("characters", "locations", "props") and not _entity_list(value):
            return None  # "things_that_change_on_purpose: [sentences]" is notes, not props
        return kind
    if _is_day_table(value):
        return "days"
    if _is_place_list(value):
        return "locations"
    if isinstance(value, dict) and any(known(k) and isinstance(v, (dict, list)) for k, v in value.items()):
        return "nest"
    return None


#: Fields only a person's entry has: a mapping of names to entries with them is a cast.
_PERSON_FIELDS = {"age", "born", "full name", "real name", "played by", "actor", "actress", "date of birth", "dob",
                  "occupation", "job", "nationality", "birthday", "pronouns"}


def _is_people(value: Any) -> bool:
    """A mapping of names to entries most of which have a field only people have (age, born, full name)."""
    if not isinstance(value, dict) or not value:
        return False
    entries = [v for v in value.values() if isinstance(v, dict)]
    if len(entries) < 0.8 * len(value):
        return False
    people = sum(any(_norm(k) in _PERSON_FIELDS for k in e) for e in entries)
    return people >= max(1, 0.6 * len(entries))


def is_group_of_people(value: Any) -> bool:
    """A group of a cast ("the_kitchen: {nadia: {age: 38}, seun: {...}}"): people, and no person's fields of its own."""
    if not isinstance(value, dict) or any(_norm(k) in _PERSON_FIELDS for k in value):
        return False
    return _is_people(value)


def _entity_list(value: Any) -> bool:
    """Entries with names: a mapping, a list of mappings, or of names ("Tom's shotgun: hangs in the tent")."""
    if isinstance(value, dict):
        return True
    if not isinstance(value, list) or not value:
        return False
    for v in value:
        if isinstance(v, str):
            head, sep, _ = v.partition(":")
            if len((head if sep else v).split()) > 4:
                return False
        elif not isinstance(v, dict):
            return False
    return True


def _is_place_list(value: Any) -> bool:
    """A mapping of names with place nouns ("The Coyle claim", "Pike's store") to prose."""
    if not isinstance(value, dict) or len(value) < 2:
        return False
    placed = sum(bool(key_words(k) & PLACE_NOUNS) for k in value)
    return placed >= 0.5 * len(value)


_SCENES_FIRST_RE = re.compile(r"^\s*(?:sc(?:enes?|s)?\.?\s*)(\d+[^:;]*)[:;]?", re.IGNORECASE)


def _rows(value: Any) -> list[tuple[str, dict[str, Any]]]:
    """A day table's rows as ``(label, fields)``; ``"Saturday 8 May": "sc. 7-9 and 11: boathouse..."`` too."""
    rows: list[tuple[str, dict[str, Any]]] = []
    items = value.items() if isinstance(value, dict) else (("", v) for v in value) if isinstance(value, list) else ()
    for label, v in items:
        if isinstance(v, dict) and not label and len(v) == 1:
            (key, inner), = v.items()
            if isinstance(inner, dict):
                rows.append((str(key), inner))  # "- flashback: {scene: 13, year: 1979}": a row named by its key
                continue
            if _aside(v):
                label, v = key, inner  # "- jump: TWO WEEKS LATER": an aside, unless it gives scenes ("- Monday: sc 1-4")
        if isinstance(v, dict):
            rows.append((str(label), v))
        elif isinstance(v, str) and label and _SCENES_FIRST_RE.match(v):
            rows.append((str(label), {"scenes": _SCENES_FIRST_RE.match(v).group(1), "date": str(label), "note": v}))
    return rows


def _aside(row: Any) -> bool:
    """A list's row of one key that is no field of a day ("- jump: TWO WEEKS LATER", "- note: ...")."""
    if not isinstance(row, dict) or len(row) != 1:
        return False
    (key, inner), = row.items()
    return not isinstance(inner, dict) and _norm(key) not in _SCENE_FIELDS | _DATE_FIELDS | _LABEL_FIELDS | _DAY_FIELDS


def _is_day_table(value: Any) -> bool:
    """Days with their scenes: ``SD1: {covers: scenes 1-9}``, ``- {day: Sunday, scenes: 5 to 9}``, ``"8 May": "sc. 7-9: ..."``."""
    entries = list(value.values()) if isinstance(value, dict) else [v for v in value if not _aside(v)] \
        if isinstance(value, list) else []
    dicts = [fields for _, fields in _rows(value)]
    if len(dicts) >= 2 and len(dicts) >= 0.7 * len(entries) and all(not isinstance(e, dict) for e in entries):
        return True  # "Saturday 8 May": "sc. 7-9 and 11: ..."
    if not dicts or len(dicts) < 0.8 * len(entries):
        return False
    if any(_norm(k) in _WHO_FIELDS for e in dicts for k in e):
        return False  # "- character: Claire / scenes: 1-11 / look: ...": a department's rows, not days
    if sum(any(_norm(k) in _SCENE_FIELDS for k in e) for e in dicts) >= 0.8 * len(dicts):
        # a list's rows must say which day they are ("- scene: 5 / change: door repainted" is a log of changes)
        # ("- flashback: {scene: 13, year: 1979}" is a day of the past)
        return isinstance(value, dict) or sum(any(_norm(k) in _DAY_FIELDS for k in e) or bool(_FLASHBACK_RE.search(label))
                                              for label, e in _rows(value)) >= 0.8 * len(dicts)
    return _is_calendar(value)


#: Fields that name a row's day.
_DAY_FIELDS = {"day", "story day", "sd", "date", "weekday", "when", "day number", "days", "story date"}


#: Fields that say whose a row is: such rows are a department's, not the story's days.
_WHO_FIELDS = {"character", "who", "person", "actor", "cast", "name"}


def _is_calendar(value: Any) -> bool:
    """A calendar without scene numbers ("- date: Mon 2 Mar 1987 / what: the dawn run"): rows with dates, no names."""
    dicts = [fields for _, fields in _rows(value)]
    if len(dicts) < 2 or any(_norm(k) in _WHO_FIELDS for e in dicts for k in e):
        return False
    dated = sum(any(_norm(k) in _DATE_FIELDS and _has_date(v) for k, v in e.items()) for e in dicts)
    return dated >= 0.8 * len(dicts)


def character_rows(value: Any) -> list[tuple[str, dict[str, Any], int]]:
    """A department kept as rows naming their character ("- character: Claire / scenes: 1-11 / look: ...").

    Returns ``(character, fields, index)`` per row, the row's scenes folded into its
    other keys ("look (scenes 1-11)"), so that each value is dated as the key says;
    ``[]`` when the value is not such a list.
    """
    if not isinstance(value, list) or not value or not all(isinstance(v, dict) for v in value):
        return []
    out = []
    for i, row in enumerate(value):
        who = next((str(v) for k, v in row.items() if _norm(k) in _WHO_FIELDS and isinstance(v, str)), None)
        if who is None:
            return []
        scenes = next((str(v) for k, v in row.items() if _norm(k) in _SCENE_FIELDS), None)
        fields = {(f"{k} (scenes {scenes})" if scenes else str(k)): v for k, v in row.items()
                  if _norm(k) not in _WHO_FIELDS and _norm(k) not in _SCENE_FIELDS}
        out.append((who, fields, i))
    return out


def _has_date(value: Any) -> bool:
    """A date, or a day and month without a year ("Mon 9 Mar"), or a bare year ("1971")."""
    if parse_date(value, 2000) is not None:
        return True
    return bool(re.fullmatch(r"\s*(?:1[5-9]|20)\d\d\s*", str(value)))


def _norm(key: Any) -> str:
    return " ".join(str(key).lower().replace("_", " ").replace("-", " ").split())


def scene_numbers(value: Any) -> list[str]:
    """Scene numbers from ``1 to 4``, ``[10]``, ``"scenes 1-9 and 11 (0645 Friday ...)"``."""
    if isinstance(value, bool):
        return []
    if isinstance(value, int):
        return [str(value)]
    if isinstance(value, list):
        return [n for v in value for n in scene_numbers(v)]
    if isinstance(value, dict):  # "scenes: {6: MORNING, 7: CONTINUOUS}": the scenes with their times
        return [n for k in value for n in scene_numbers(k)]
    text = re.sub(r"\([^)]*\)", " ", str(value))  # "(0645 Friday to about 0315 Saturday)" is not scenes
    text = re.split(r"[;:]|,\s*(?=[a-z]{3,})", text)[0]  # "scene 10, the Riverside Tannery fire"
    # "Room 414", "Practice Room 3", "Cabin 7": a number in a name is not a scene
    text = re.sub(r"\b(?!(?:[Ss]cenes?|[Ss]cs?|SCENES?|SCS?)\b)[A-Z][A-Za-z]+\.?\s+(?:No\.?\s*|#)?\d+[A-Z]?\b", " ", text)
    out: list[str] = []
    for m in _RANGE_RE.finditer(text):
        if m.group(3):
            out.append(m.group(3))
        else:
            a, b = int(m.group(1)), int(m.group(2))
            if 0 < b - a < 400:
                out += [str(n) for n in range(a, b + 1)]
    return out


def parse_date(value: Any, year: int | None = None) -> dt.date | None:
    """A date as bibles write one: a YAML date, ``2024-03-08``, ``Saturday, 22 May 1852``, ``May 22, 1852``.

    A date without a year ("Sat 5 Oct") takes ``year`` (the year of the day before it in a table).
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "")
    iso = _ISO_RE.search(text)
    if iso:
        try:
            return dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError:
            pass
    for n, rx in enumerate(_DATE_RES):
        for m in rx.finditer(text):
            day, month, y = (m.group(1), m.group(2), m.group(3)) if n == 0 else (m.group(2), m.group(1), m.group(3))
            month = _month(month)
            if month and (y or year):
                try:
                    return dt.date(int(y) if y else year, month, int(day))
                except ValueError:
                    continue
    return None


def _month(word: str) -> int | None:
    w = word.lower()
    return _MONTHS.get(w) or next((n for name, n in _MONTHS.items() if name.startswith(w) and len(w) >= 3), None)


def day_table(value: Any, year: int | None = None) -> tuple[dict[str, str], dict[str, str], list[str]]:
    """Canonical story days (scene -> ``D5``/``FB1``) and dates (``D1`` -> ISO) from a table of days, and what was read.

    A day whose label or text says flashback is an ``FB`` day, numbered in order.
    The story's days are numbered by their dates when every one has a date (22 May
    is D1, 23 May D2, 5 June D15), else in the order given. ``year``: the story's year,
    when the bible gives it apart from the days ("story_year: 2025", "date: Monday, March 3").
    """
    rows = _rows(value)
    if year is None and isinstance(value, dict):
        # "calendar: {year: 2025, day_1: {date: Monday 3 March, ...}}": the table's own year
        year = next((int(str(v).strip()) for k, v in value.items() if _norm(k) in ("year", "story year")
                     and re.fullmatch(r"\s*(?:1[89]|20|21)\d\d\s*", str(v))), None)
    read: list[tuple[str, bool, dt.date | None, list[str]]] = []
    for label, fields in rows:
        scenes: list[str] = []
        date = raw_date = None
        for k, v in fields.items():
            nk = _norm(k)
            if nk in _SCENE_FIELDS:
                scenes += scene_numbers(v)
            elif nk in _DATE_FIELDS and date is None:
                raw_date = v
                date = parse_date(v, year)
            elif nk in ("dates", "date range", "span") and date is None and isinstance(v, str):
                # "dates: 2022-02-20 to 2022-02-25" (a montage over days): from its first day
                raw_date = re.split(r"\s+(?:to|until|till|through|-|\u2013)\s+", v.strip(), maxsplit=1)[0]
                date = parse_date(raw_date, year)
            elif nk in _LABEL_FIELDS and not label:
                label = str(v)
        if date is None and raw_date is None and label:
            raw_date = label
            date = parse_date(label, year)  # "Day 1 - Thursday, June 6": the row's label dates it
        # ("- flashback:" with its date and scenes under it: a key with no value of its own names the row;
        # "- flashback: 1987" names it too)
        text = " ".join([label] + [str(v) for v in fields.values() if isinstance(v, (str, int))] +
                        [str(k) for k, v in fields.items() if v is None or v == "" or _FLASHBACK_RE.search(str(k))])
        # ("Day 2 - Friday" whose beats end "Flashback to July 1998" is day 2 with a flashback in it)
        numbered = re.match(r"\s*(?:(?:day|d|sd|story[\s_]+day)[\s_-]*)?\d+\b", label, re.IGNORECASE) is not None
        back = bool(_FLASHBACK_RE.search(label if numbered else text)) or label.strip().upper() in ("FB", "FLASHBACK")
        if back:
            date = parse_date(raw_date)  # a past takes no year from the story's days
        elif date is not None:
            year = date.year
        read.append((label, back, date, scenes))
    out: dict[str, str] = {}
    dates: dict[str, str] = {}
    main = [r for r in read if not r[1]]
    dated = bool(main) and all(r[2] is not None for r in main) and all(
        a[2] <= b[2] for a, b in zip(main, main[1:]))  # dates in story order, or they are not the story's count
    first = min(r[2] for r in main) if dated else None
    n_fb = 0
    order = 0
    summary: list[str] = []
    for label, back, date, scenes in read:
        if back:
            n_fb += 1
            day = f"FB{n_fb}"
            if date is not None:
                dates.setdefault(day, date.isoformat())
        elif dated:
            day = f"D{(date - first).days + 1}"
            dates.setdefault(day, date.isoformat())
        else:
            order += 1
            day = f"D{order}"
        for s in scenes:
            if back:
                out[s] = day  # a flashback inside a day's scenes ("day 3: scenes 13-16"; "flashback: scene 15")
            else:
                out.setdefault(s, day)
        if scenes:
            summary.append(f"{label or day} = {day} (scenes {_spans(scenes)})")
    return out, dates, summary


def _spans(scenes: list[str]) -> str:
    nums = sorted({int(s) for s in scenes if s.isdigit()})
    parts: list[str] = []
    for n in nums:
        if parts and parts[-1][1] == n - 1:
            parts[-1] = (parts[-1][0], n)
        else:
            parts.append((n, n))
    return ", ".join(f"{a}" if a == b else f"{a}-{b}" for a, b in parts)


__all__ = ["PLACE_NOUNS", "character_rows", "day_table", "key_words", "parse_date", "scene_numbers", "section_kind"]
