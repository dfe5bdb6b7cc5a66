"""The words of story time: times of day, jumps, cards and supers, dates, weekdays, clocks.

A closed vocabulary, read the same way everywhere: :mod:`continuity.story.time` uses
it to place each scene in story time, :mod:`continuity.checks.timeline` to check
what the text says against that placement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from continuity.language.lexicon import NUMBER_WORDS
from continuity.screenplay.heading import normalise_time
from continuity.screenplay.model import Element, Kind

#: Hours (0-24, possibly wrapping past midnight) each time of day may cover.
HOURS: dict[str, tuple[float, float]] = {
    "DAWN": (4.5, 7.5), "MORNING": (5.5, 12.0), "DAY": (6.5, 19.0), "AFTERNOON": (12.0, 18.5),
    "DUSK": (16.5, 21.0), "EVENING": (17.0, 23.5), "NIGHT": (19.5, 28.5),
}
#: Order of the times of day within one story day (DAY spans morning and afternoon).
_RANK: dict[str, tuple[int, int]] = {
    "DAWN": (0, 0), "MORNING": (1, 1), "DAY": (1, 2), "AFTERNOON": (2, 2), "DUSK": (3, 3), "EVENING": (3, 4),
    "NIGHT": (5, 5),
}
#: Time-of-day phrases kept as written in ``time`` (the rest become their canonical word).
_KEPT = ("PRE-DAWN", "PREDAWN", "MAGIC HOUR", "DAY TO NIGHT", "NIGHT TO DAY", "SUNRISE", "SUNSET", "MIDNIGHT",
         "NOON", "TWILIGHT", "DAYBREAK", "EARLY MORNING", "LATE NIGHT", "LATE AFTERNOON", "EARLY EVENING")
_MARKERS = frozenset({"CONTINUOUS", "SAME", "LATER"})
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
_MONTH_RE = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_ORDINALS = {w: i for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split(), start=1)}
_ORDINALS |= {"twenty-" + w: 20 + i for w, i in list(_ORDINALS.items()) if i < 10}
_ORDINALS |= {"thirtieth": 30, "thirty-first": 31}
_ORDINAL_RE = "|".join(sorted((re.escape(w) for w in _ORDINALS), key=len, reverse=True))
_NUM_WORD_RE = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|"
                r"seven|eight|nine))?|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|ten|"
                r"one|two|three|four|five|six|seven|eight|nine|a couple of|a few|several|a|an|\d{1,3})")
_UNIT_DAYS = {"second": 0.0, "minute": 0.0, "hour": 0.0, "day": 1, "night": 1, "week": 7, "month": 30, "year": 365,
              "decade": 3650}
_UNIT_HOURS = {"second": 1 / 3600, "minute": 1 / 60, "hour": 1.0}
DURATION_RE = re.compile(
    rf"\b(?P<n>{_NUM_WORD_RE})\s+(?P<unit>second|minute|hour|day|night|week|month|year|decade)s?\s+"
    r"(?P<dir>later|earlier|before|ago|after|on)\b",
    re.IGNORECASE,
)
_MOMENTS_RE = re.compile(r"\b(?:moments?|a (?:bit|little|while|second|minute|moment)|seconds|minutes|shortly|soon)\s+"
                         r"(?:later|after)\b|\bmoments? later\b", re.IGNORECASE)
_NEXT_RE = re.compile(
    r"\b(?:the\s+)?(?:\[?next\]?|following)\s+(?P<part>morning|day|night|evening|afternoon|dawn)\b|\btomorrow\b|"
    r"\banother day\b|\bday after\b",
    re.IGNORECASE,
)
_THAT_RE = re.compile(r"\b(?:later\s+)?(?:that|this|the same)\s+(?P<part>morning|day|night|evening|afternoon|dawn|dusk)\b",
                      re.IGNORECASE)
_NEXT_SEASON_RE = re.compile(r"\b(?:the\s+)?next\s+(?P<what>year|spring|summer|autumn|fall|winter|" + _MONTH_RE + r")\b",
                             re.IGNORECASE)
#: Cards and heading words that open or close a flashback (or a dream, a flash-forward).
FB_OPEN_RE = re.compile(
    r"^(?:begin\s+|start\s+)?(?:flash[\s-]?back|flash[\s-]?forward|dream(?:\s+sequence)?|memory|fantasy|nightmare|"
    r"vision)(?:\s+to)?\s*[:.]?$|^(?:match\s+|smash\s+)?cut\s+to\s+flash[\s-]?(?:back|forward)[:.]?$",
    re.IGNORECASE,
)
FB_CLOSE_RE = re.compile(
    r"^(?:end(?:\s+of)?\s+(?:flash[\s-]?back|flash[\s-]?forward|dream(?:\s+sequence)?|memory|fantasy)|"
    r"back\s+to\s+(?:the\s+)?(?:present(?:\s+day)?|reality|now|today)|(?:the\s+)?present(?:\s+day)?|return\s+to\s+present)"
    r"\s*[:.]?$",
    re.IGNORECASE,
)
BACK_TO_RE = re.compile(r"^(?:\w+\s+)?(?:returning\s+)?back\s+to(?:\s+scene)?\s*[:.]?$|^return\s+to\s*[:.]?$",
                        re.IGNORECASE)
_FB_QUALIFIERS = ("FLASHBACK", "FLASH BACK", "FLASHFORWARD", "FLASH FORWARD", "FLASH-FORWARD", "DREAM", "MEMORY",
                  "FANTASY", "NIGHTMARE", "VISION", "PAST", "IMAGINED", "HALLUCINATION")
_MAIN_QUALIFIERS = ("PRESENT", "REALITY", "NOW", "TODAY")
_DECADE_RE = re.compile(r"'?\d0'?S\b|\b(?:19|20)\d0S\b")
_SUPER_RE = re.compile(r"^\s*(?:super(?:imposed?)?|title(?:\s+card)?|card|chyron|caption|subtitle|on[\s-]screen|"
                       r"graphic|insert\s+card)\s*(?:over)?\s*:\s*(?P<t>.+)$", re.IGNORECASE | re.DOTALL)
_CARD_WORDS_RE = re.compile(r"^[^a-z]*$")
_SLEEP_RE = re.compile(r"\b(?:eyes (?:close|flutter shut|drift shut)|falls? asleep|fell asleep|drifts? off|dozes?(?: off)?|"
                       r"nods? off|sleeps?|asleep)\b\W*$", re.IGNORECASE)
_WAKE_RE = re.compile(r"\b(?:jolts? awake|wakes?(?: up)?|woken|startles? awake|sits? bolt upright|snaps? awake|"
                      r"comes? to)\b", re.IGNORECASE)
#: A clock read as the time now: ``4:52``, ``2:40 by the microwave clock``, ``6:24 am``, ``1:00 pm``.
CLOCK_RE = re.compile(r"(?<![\w:$.])(?P<h>[0-2]?\d):(?P<m>[0-5]\d)(?:\s*(?P<ap>[ap])\.?\s?m\b\.?)?(?![\w:])", re.IGNORECASE)
_FUTURE_RE = re.compile(r"\b(?:tomorrow|tonight|next|until|till|by|at|before|after|meeting|appointment)\b", re.IGNORECASE)
#: Light read from the opening of a scene without a time in its heading.
_LIGHT_CUES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:the same|that|this|same) (?P<p>morning|afternoon|evening|night|dawn|dusk)\b", re.I), "PART"),
    (re.compile(r"\b(?:dawn (?:breaks|is breaking)|first light|daybreak|sunrise|the night is giving up|"
                r"sun (?:comes up|rises|is rising|clears))\b", re.I), "DAWN"),
    (re.compile(r"\b(?:after dark|full dark|dark(?:ened)? (?:road|street|sky|house|room|streets)|moonlight|moonlit|"
                r"starlight|in the dark|pitch[- ]dark|night sky|midnight|streetlights?)\b", re.I), "NIGHT"),
    (re.compile(r"\b(?:sunlight|sunshine|daylight|sun (?:on|through|shines|beats|blazes|barely)|high noon|noon|midday|"
                r"bright (?:day|morning|afternoon))\b", re.I), "DAY"),
)


def light(time: str | None) -> str | None:
    """``light`` for daytime, ``dark`` for night, None for dawn/dusk/evening/unknown."""
    t = normalise_time(time) if time else None
    if t in ("DAY", "MORNING", "AFTERNOON"):
        return "light"
    if t == "NIGHT":
        return "dark"
    return None


def is_night_side(time: str | None) -> bool:
    """Whether a time of day puts a scene on the night side of its day (``N3``): NIGHT, EVENING, PRE-DAWN."""
    if not time:
        return False
    up = time.upper()
    return normalise_time(up) in ("NIGHT", "EVENING") or up.replace("-", "") in ("PREDAWN",)


def backwards(prev: str | None, new: str | None) -> bool:
    """Whether ``new`` comes earlier in a day than ``prev``: the clock went round, a new day began.

    PRE-DAWN is the end of a night, never the start of a new day.
    """
    if not prev or not new:  # a scene with no time of day says nothing about the clock
        return False
    a, b = _RANK.get(normalise_time(prev) or ""), _RANK.get(normalise_time(new) or "")
    if a is None or b is None or (new and new.upper().replace("-", "") == "PREDAWN"):
        return False
    if prev and prev.upper().replace("-", "") == "PREDAWN":
        return b[0] <= 3  # pre-dawn, then dawn or any daylight: the night is over
    return b[1] < a[0]


def later_same_day(prev: str | None, new: str | None) -> bool:
    """Whether ``new`` comes strictly later in a day than ``prev`` (DUSK, then NIGHT): the same day going on."""
    if not prev or not new:
        return False
    a, b = _RANK.get(normalise_time(prev) or ""), _RANK.get(normalise_time(new) or "")
    return a is not None and b is not None and b[0] > a[1]


@lru_cache(maxsize=8192)
def time_phrase(text: str) -> str | None:
    """The time of day a heading part names, as written where the wording matters (``PRE-DAWN``), else canonical."""
    up = " ".join(text.upper().replace("[", " ").replace("]", " ").replace("(", " ").replace(")", " ").split())
    for kept in _KEPT:
        if re.search(rf"(?<![A-Z]){re.escape(kept)}(?![A-Z])", up):
            return "PRE-DAWN" if kept == "PREDAWN" else kept
    canon = normalise_time(up)
    return canon if canon not in _MARKERS else None


def number(word: str) -> int | None:
    """``two`` -> 2, ``twenty-one`` -> 21, ``a few`` -> 3 (a vague count reads as three), ``12`` -> 12."""
    w = " ".join(word.lower().replace("-", " ").split())
    if w.isdigit():
        return int(w)
    if w in ("a", "an", "one"):
        return 1
    if w == "a couple of":
        return 2
    if w in ("a few", "several"):
        return 3
    total = 0
    for part in w.split():
        if part not in NUMBER_WORDS:
            return None
        total += NUMBER_WORDS[part]
    return total or None


@dataclass(frozen=True)
class Jump:
    """A stated passage of time: ``days`` (None when under a day), ``hours`` for short ones, and the words."""

    days: float | None
    hours: tuple[float, float] | None
    backward: bool
    words: str
    part: str | None = None  # the time of day it names ("THE NEXT MORNING" -> MORNING)


@lru_cache(maxsize=8192)
def jump_in(text: str) -> Jump | None:
    """The passage of time a heading part, card or super states, or None.

    ``TWO DAYS LATER`` is +2 days, ``A FEW DAYS LATER`` +3, ``A WEEK LATER`` +7,
    ``THE NEXT MORNING`` +1 (morning), ``THAT NIGHT`` +0 (night), ``TEN MINUTES LATER``
    under an hour, ``TWENTY YEARS EARLIER`` backward.
    """
    m = DURATION_RE.search(text)
    if m:
        n = number(m.group("n"))
        unit = m.group("unit").lower()
        backward = m.group("dir").lower() in ("earlier", "before", "ago")
        if n is not None:
            if unit in _UNIT_HOURS:
                h = n * _UNIT_HOURS[unit]
                return Jump(None, (h * 0.5, h * 1.5 + 0.25), backward, m.group(0))
            return Jump(n * _UNIT_DAYS[unit], None, backward, m.group(0))
    m = _NEXT_RE.search(text)
    if m:
        part = (m.groupdict().get("part") or "").upper() or None
        return Jump(1, None, False, m.group(0), part)
    m = _NEXT_SEASON_RE.search(text)
    if m:
        return Jump(365, None, False, m.group(0))
    m = _THAT_RE.search(text)
    if m:
        return Jump(0, None, False, m.group(0), m.group("part").upper())
    m = _MOMENTS_RE.search(text)
    if m:
        return Jump(None, (0.0, 0.5), False, m.group(0))
    return None


@lru_cache(maxsize=8192)
def fb_qualified(qualifiers: tuple[str, ...], location: str) -> str | None:
    """What heading qualifiers (or the place) mark: ``flashback`` (a flashback, flash-forward, dream),
    ``story`` (a told story: ``[STORY]``), ``period`` (a decade: ``[MID/LATE '70'S]``), or None."""
    for q in qualifiers:
        up = q.upper()
        if "PRESENT" in up:
            continue
        if any(re.search(rf"(?<![A-Z]){w}(?![A-Z])", up) for w in _FB_QUALIFIERS):
            return "flashback"
        if re.search(r"(?<![A-Z])STORY(?![A-Z])", up):
            return "story"
        if _DECADE_RE.search(up):
            return "period"
    return "flashback" if any(w in location for w in ("FLASHBACK", "DREAM")) else None


@lru_cache(maxsize=8192)
def main_qualified(qualifiers: tuple[str, ...]) -> bool:
    """Whether heading qualifiers put the scene back in the present (``(PRESENT) DAY``, ``[REALITY]``)."""
    return any(any(re.search(rf"(?<![A-Z]){w}(?![A-Z])", q.upper()) for w in _MAIN_QUALIFIERS) for q in qualifiers)


@lru_cache(maxsize=8192)
def card_text(el: Element) -> str | None:
    """The words of a card: a transition, centred text, a super, or a short line all in capitals."""
    if el.kind in (Kind.TRANSITION, Kind.CENTERED):
        return " ".join(el.text.split())
    if el.kind is not Kind.ACTION:
        return None
    m = _SUPER_RE.match(el.text)
    if m:
        return " ".join(m.group("t").strip().strip("\"'\u201c\u201d").split()).rstrip(".").strip("\"'\u201c\u201d")
    t = " ".join(el.text.split())
    if len(t.split()) <= 6 and _CARD_WORDS_RE.match(t) and any(c.isalpha() for c in t):
        return t
    return None


@lru_cache(maxsize=8192)
def is_super(el: Element) -> bool:
    """Whether an action line is a super or title card (``SUPER: "TWO DAYS LATER"``)."""
    return el.kind is Kind.ACTION and _SUPER_RE.match(el.text) is not None


_TELLING_RE = re.compile(
    r"\b(?:(?:I|we|he|she|they|your (?:father|mother|dad|mom|grandfather|grandmother))\s+(?:was|were|had|did|went|came|"
    r"used to|never|got|met|left|saw|lived)|there was (?:one|this) time|when I was|back (?:then|when)|years ago|"
    r"once upon a time|the first time)\b",
    re.IGNORECASE,
)


def tells_of_the_past(text: str) -> bool:
    """Whether a speech narrates the past (``During the four weeks I was in the hospital``)."""
    return _TELLING_RE.search(text) is not None


def falls_asleep(text: str) -> bool:
    """Whether the text ends with someone falling asleep."""
    return _SLEEP_RE.search(text.strip()) is not None


def wakes(text: str) -> bool:
    """Whether the text has someone waking."""
    return _WAKE_RE.search(text) is not None


def clock_hour(text: str, hint: str | None = None) -> tuple[float, str] | None:
    """The hour of a clock read in the text (``4:52`` -> 4.87) and its words, or None.

    Without am/pm, the hour is read in the light of ``hint`` (the time of day around
    it): a small hour at night is after midnight. A clock time in a sentence about
    the future (``meeting at 3``, ``1:00 pm tomorrow``) is not the time now.
    """
    for m in CLOCK_RE.finditer(text):
        start = max(0, text.rfind(".", 0, m.start()))
        if _FUTURE_RE.search(text[start : m.start()]) or _FUTURE_RE.search(text[m.end() : m.end() + 12]):
            continue
        h, mins = int(m.group("h")), int(m.group("m"))
        if h > 24:
            continue
        ap = (m.group("ap") or "").lower()
        if ap == "p" and h < 12:
            h += 12
        elif ap == "a" and h == 12:
            h = 0
        elif not ap and h <= 12:
            if hint in ("NIGHT", "EVENING") and h >= 6 and h != 12:
                h += 12
            elif hint in ("AFTERNOON", "DUSK") and h < 8:
                h += 12
            elif hint in ("DAY",) and 1 <= h <= 6:
                h += 12
        return h + mins / 60, m.group(0)
    return None


def time_of_hour(hour: float) -> str:
    """The time of day an hour falls in: 0-4 NIGHT, 5-6 DAWN, 6-12 MORNING, 12-17 AFTERNOON, 17-19 EVENING, 19- NIGHT."""
    h = hour % 24
    if h < 5 or h >= 20:
        return "NIGHT"
    if h < 6.5:
        return "DAWN"
    if h < 12:
        return "MORNING"
    if h < 17.5:
        return "AFTERNOON"
    return "EVENING"


def light_cue(text: str) -> tuple[str, str] | None:
    """The time of day the opening of a scene shows (``Dark road.`` -> NIGHT), with its words."""
    for rx, what in _LIGHT_CUES:
        m = rx.search(text)
        if m:
            return (m.group("p").upper() if what == "PART" else what), m.group(0)
    return None


_WEEKDAY_RE = re.compile(r"\b(?P<w>" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)
#: An ordinal that is a day of the month stands alone: not "the sixth round", "the second floor".
_DAY_ALONE = (r"(?=\s*(?:[.,;:!?)\"'\u2019]|$)|\s+(?:of|at|in|on|and|or|then|so|when|we|I|you|he|she|they|it|is|was|"
              r"will|if|but|by|till|until|next|this|last)\b)")
_DATE_RES = (
    re.compile(rf"\b(?P<mon>{_MONTH_RE})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>(?:1[5-9]|20)\d\d))?", re.I),
    re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH_RE})\b\.?(?:,?\s+(?P<y>(?:1[5-9]|20)\d\d))?", re.I),
    re.compile(rf"\bthe\s+(?P<dw>{_ORDINAL_RE})(?:\s+of\s+(?P<mon>{_MONTH_RE}))?\b{_DAY_ALONE}", re.I),
    # "Friday, January twenty-sixth": a month and its day in words
    re.compile(rf"\b(?P<mon>{_MONTH_RE})\s+(?:the\s+)?(?P<dw>{_ORDINAL_RE})\b(?:,?\s+(?P<y>(?:1[5-9]|20)\d\d))?", re.I),
)
_YEAR_RE = re.compile(r"(?<![\w$#,.])(?P<y>(?:1[6-9]|20)\d\d)(?![\w,.]\d)")


@dataclass(frozen=True)
class DateSaid:
    """A calendar statement: any of weekday (0 = Monday), month, day, year; and the words."""

    weekday: int | None
    month: int | None
    day: int | None
    year: int | None
    words: str


def _month(word: str) -> int | None:
    w = word.lower()[:3]
    for i, m in enumerate(MONTHS, start=1):
        if m.startswith(w):
            return i
    return None


_WD = "|".join(WEEKDAYS)
_NOW_SPEECH_RES = (
    re.compile(rf"(?:^|[.!?;]\s+|,\s+)(?:(?:well|but|no|yes|wait|look|oh|hey|and|because|cos|'cause),?\s+)*"
               rf"(?:it's|it is|today is|today's|this is|still|happy)\s+(?:only\s+|just\s+|already\s+)?(?P<w>{_WD})\b",
               re.IGNORECASE),
    re.compile(rf"\b(?:this (?:morning|afternoon|evening)|today|tonight),?\s+(?P<w>{_WD})\b", re.IGNORECASE),
    # "Busiest Friday of the year and you lot shut the whole top half": today, so called
    re.compile(rf"(?:^|[.!?;]\s+)(?:the\s+)?(?:busiest|quietest|slowest|longest|worst|best|biggest)\s+(?P<w>{_WD})\s+of\s+"
               r"the\s+(?:year|season|month|winter|summer)\b(?!\s+(?:is|was|will))", re.IGNORECASE),
    re.compile(rf"^(?P<w>{_WD})[.,]?\s+the\s+(?:{_ORDINAL_RE}|\d{{1,2}}(?:st|nd|rd|th))\b{_DAY_ALONE}", re.IGNORECASE),
)
_THIS_DAY_OF_RE = re.compile(rf"\b(?:this|today,? the)\s+(?P<dw>{_ORDINAL_RE}|\d{{1,2}}(?:st|nd|rd|th))\s+(?:day\s+)?of\s+"
                             rf"(?P<mon>{'|'.join(MONTHS)})\b", re.IGNORECASE)
_NOW_ACTION_RE = re.compile(rf"^(?:later that |early |late |it is |it's )?(?P<w>{_WD})(?:\s+(?:morning|afternoon|evening|night))?[.,]",
                            re.IGNORECASE)


def now_said(text: str, kind: str) -> DateSaid | None:
    """The weekday (and date) a line says it is now, or None.

    In dialogue: ``It's Thursday``, ``Still Monday.``, ``this morning, Thursday, the
    thirteenth of May``, a speech that opens ``Thursday. The fourteenth.`` (a weekday
    alone, ``Friday. Four o'clock.``, is as often a plan as the day now). In action:
    a paragraph that opens ``Saturday morning.`` or ``Later that Sunday.``. Other
    weekdays (``on Saturday``, ``every Thursday``, ``Is it Friday?``) say nothing about now.
    """
    t = text.strip()
    dated = _THIS_DAY_OF_RE.search(t)
    if dated:  # "this twenty-fifth day of May": a document dated today
        day = _ORDINALS.get(dated.group("dw").lower()) or int(re.sub(r"\D", "", dated.group("dw")) or 0)
        if day:
            return DateSaid(None, _month(dated.group("mon")), day, None, dated.group(0))
    rxs = _NOW_SPEECH_RES if kind == "dialogue" else (_NOW_ACTION_RE,)
    for rx in rxs:
        m = rx.search(t)
        if not m:
            continue
        end = t.find("?", m.end())
        stop = re.search(r"[.!]", t[m.end():])
        if end != -1 and (stop is None or end < m.end() + stop.start()):
            continue  # a question: "Is it Friday?"
        rest = t[m.start(): m.end() + 60]
        said = date_in(rest)
        words = rest[: (said.words and rest.find(said.words) + len(said.words)) or len(m.group(0))] if said else m.group(0)
        return DateSaid(WEEKDAYS.index(m.group("w").lower()), said.month if said else None,
                        said.day if said else None, said.year if said else None, words.strip(" ,."))
    return None


_ASKS_DAY_RE = re.compile(r"\bwhat(?:'s|\s+is)?\s+(?:day|the date|today)\b|\bwhich day\b", re.IGNORECASE)
_BARE_WEEKDAY_RE = re.compile(rf"^\s*(?:it's\s+|it\s+is\s+)?(?P<w>{_WD})\b(?:\s+(?:morning|afternoon|evening|night))?"
                              r"\s*(?:[.!]|,\s*[A-Z])", re.IGNORECASE)


def day_answered(text: str, before: str | None) -> DateSaid | None:
    """A speech that answers "What day is it?" with a weekday ("Wednesday, Mr Munro."): the day now, or None."""
    if not before or not _ASKS_DAY_RE.search(before):
        return None
    m = _BARE_WEEKDAY_RE.match(text)
    if not m:
        return None
    return DateSaid(WEEKDAYS.index(m.group("w").lower()), None, None, None, m.group("w"))


@lru_cache(maxsize=8192)
def date_in(text: str) -> DateSaid | None:
    """A weekday and/or date in a super or card (``MONDAY, NOVEMBER 4``, ``12 November 2024``)."""
    wd = _WEEKDAY_RE.search(text)
    month = day = year = None
    words = wd.group(0) if wd else ""
    for rx in _DATE_RES:
        m = rx.search(text)
        if not m:
            continue
        gd = m.groupdict()
        if gd.get("mon"):
            month = _month(gd["mon"])
        if gd.get("d"):
            day = int(gd["d"])
        elif gd.get("dw"):
            day = _ORDINALS.get(gd["dw"].lower())
        if gd.get("y"):
            year = int(gd["y"])
        words = text[min(m.start(), wd.start()) if wd else m.start() : max(m.end(), wd.end()) if wd else m.end()]
        break
    if year is None:
        y = _YEAR_RE.search(text)
        if y:
            year = int(y.group("y"))
    if day is not None and not 1 <= day <= 31:
        day = None
    if wd is None and day is None and year is None:
        return None
    return DateSaid(WEEKDAYS.index(wd.group("w").lower()) if wd else None, month, day, year, words.strip(" ,.") or text)


__all__ = [
    "HOURS", "WEEKDAYS", "MONTHS", "CLOCK_RE", "DURATION_RE", "FB_OPEN_RE", "FB_CLOSE_RE", "BACK_TO_RE", "Jump",
    "DateSaid", "light", "is_night_side", "backwards", "time_phrase", "number", "jump_in", "fb_qualified",
    "main_qualified", "card_text", "is_super", "tells_of_the_past", "now_said", "day_answered", "falls_asleep", "wakes", "clock_hour", "time_of_hour", "light_cue",
    "date_in",
]
