"""Parsing of scene headings and character cues, shared by every reader."""

from __future__ import annotations

import re
from functools import lru_cache

from continuity.screenplay.model import Heading

# INT. / EXT. / INT./EXT. / I/E / EST, with or without the dot, case-insensitive.
HEADING_RE = re.compile(
    r"^(?P<setting>INT\.?/EXT|INT\./EXT|EXT\.?/INT|I\.?/E|INT|EXT|EST)(?:\.|\s*-\s*|\s)\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
SCENE_NUMBER_RE = re.compile(r"\s*#(?P<num>[\w.\-]+)#\s*$")
_SEPARATOR_RE = re.compile(r"\s+[-\u2013\u2014]+\s+|\s*,\s+|\s+--\s*|\s*/\s+")
_BRACKETED_RE = re.compile(r"[\[(]([^\])\[(]*)[\])]")
_CUE_EXT_RE = re.compile(r"\(([^()]*)\)")

# Phrase (checked as a substring of the upper-cased time part) -> canonical time.
# Order matters: the first match wins.
_TIME_WORDS: tuple[tuple[str, str], ...] = (
    ("MOMENTS LATER", "LATER"),
    ("CONTINUOUS", "CONTINUOUS"),
    ("CONTINUED", "CONTINUOUS"),
    ("SAME TIME", "SAME"),
    ("SAME", "SAME"),
    ("MIDNIGHT", "NIGHT"),
    ("PRE-DAWN", "DAWN"),
    ("DAWN", "DAWN"),
    ("SUNRISE", "DAWN"),
    ("DAYBREAK", "DAWN"),
    ("MORNING", "MORNING"),
    ("NOON", "DAY"),
    ("AFTERNOON", "AFTERNOON"),
    ("MAGIC HOUR", "DUSK"),
    ("SUNSET", "DUSK"),
    ("DUSK", "DUSK"),
    ("TWILIGHT", "DUSK"),
    ("EVENING", "EVENING"),
    ("NIGHT", "NIGHT"),
    ("DAY", "DAY"),
    ("LATER", "LATER"),
)
_MARKERS = ("CONTINUOUS", "SAME", "LATER")
TIMES = tuple(sorted({canon for _, canon in _TIME_WORDS}))
_QUALIFIER_WORDS = ("FLASHBACK", "DREAM", "MEMORY", "FANTASY", "PRESENT", "INTERCUT", "MONTAGE", "SERIES OF SHOTS")
_YEAR_RE = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")


@lru_cache(maxsize=4096)
def normalise_time(text: str) -> str | None:
    """Map a time-of-day phrase (``MOMENTS LATER``, ``pre-dawn``) to a canonical time."""
    upper = text.upper()
    for phrase, canon in _TIME_WORDS:
        if re.search(rf"(?<![A-Z]){re.escape(phrase)}(?![A-Z])", upper):
            return canon
    return None


def is_heading(line: str) -> bool:
    """True when ``line`` reads as a scene heading (INT./EXT./EST./I/E...)."""
    return HEADING_RE.match(line.strip()) is not None


def parse_heading(text: str, *, forced: bool = False) -> Heading:
    """Parse a scene heading.

    Args:
        text: the heading line (a leading forcing ``.`` already removed).
        forced: the heading was forced in Fountain (``.KITCHEN``); it has no setting.

    Returns:
        The parsed heading. A heading that matches no pattern keeps its whole text
        as the location.
    """
    raw = " ".join(text.split())
    number = None
    m = SCENE_NUMBER_RE.search(raw)
    if m:
        number = m.group("num")
        raw = raw[: m.start()].rstrip()
    setting = None
    rest = raw
    m = HEADING_RE.match(raw)
    if m and not forced:
        setting = _canon_setting(m.group("setting"))
        rest = m.group("rest").strip()
    elif m and forced:
        setting = _canon_setting(m.group("setting"))
        rest = m.group("rest").strip()

    qualifiers: list[str] = []
    for year in _YEAR_RE.findall(rest):
        qualifiers.append(year)
    # Bracketed parts are qualifiers or times: "NIGHT [FLASHBACK]", "(PRESENT) DAY".
    bracketed = [b.strip().upper() for b in _BRACKETED_RE.findall(rest)]
    core = _BRACKETED_RE.sub(" ", rest)
    parts = [p.strip(" .-") for p in _SEPARATOR_RE.split(core) if p.strip(" .-")]
    time = None
    location_parts = list(parts)
    # The time of day is the last part that names one; earlier parts are the location.
    for i in range(len(parts) - 1, 0, -1):
        canon = normalise_time(parts[i])
        if canon:
            time = canon
            location_parts = parts[:i]
            qualifiers.extend(p.upper() for p in parts[i + 1 :])
            qualifiers.append(parts[i].upper()) if parts[i].upper() != canon else None
            # "DAY - CONTINUOUS": the time of day is DAY; CONTINUOUS qualifies it.
            if canon in _MARKERS and i > 1 and normalise_time(parts[i - 1]) not in (None, *_MARKERS):
                time = normalise_time(parts[i - 1])
                location_parts = parts[: i - 1]
                qualifiers.append(canon)
            break
    if time is None:
        # "INT HOUSE DAY": the time may be the last word without a separator.
        words = (location_parts[-1] if location_parts else "").split()
        if len(words) > 1 and normalise_time(words[-1]) and words[-1].upper() in {w for w, _ in _TIME_WORDS}:
            time = normalise_time(words[-1])
            location_parts[-1] = " ".join(words[:-1])
    for b in bracketed:
        canon = normalise_time(b)
        if canon and time is None:
            time = canon
        elif not _YEAR_RE.fullmatch(b):
            qualifiers.append(b)
    for q in list(qualifiers):
        for word in _QUALIFIER_WORDS:
            if word in q and word not in qualifiers:
                qualifiers.append(word)
    location = " - ".join(location_parts).upper() if location_parts else ""
    return Heading(
        text=raw,
        setting=setting,
        location=location,
        time=time,
        qualifiers=tuple(dict.fromkeys(q for q in qualifiers if q)),
        number=number,
    )


def _canon_setting(s: str) -> str:
    s = s.upper().replace(".", "")
    if s in ("INT/EXT", "EXT/INT", "I/E"):
        return "INT/EXT"
    return s


def parse_cue(text: str) -> tuple[str, tuple[str, ...], bool]:
    """Split a character cue into name, extensions and the dual-dialogue caret.

    ``"EDWARD (V.O.)(CONT'D)"`` gives ``("EDWARD", ("V.O.", "CONT'D"), False)``;
    ``"EVE ^"`` gives ``("EVE", (), True)``.
    """
    t = text.strip()
    dual = t.endswith("^")
    if dual:
        t = t[:-1].rstrip()
    if t.startswith("@"):
        t = t[1:]
    exts = tuple(e.strip().upper() for e in _CUE_EXT_RE.findall(t) if e.strip())
    name = " ".join(_CUE_EXT_RE.sub(" ", t).split())
    return name.upper(), exts, dual
