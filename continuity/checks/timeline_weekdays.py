"""Timeline, part seven: a weekday said with a date of the story's year that falls on another day.

"Friday night, October fourth" in a story whose October 4 is a Saturday; "Fourth of
November. Sunday." when the fourth is a Monday; "till Tuesday the thirty-first" (this
month's, or the next's); "by the twenty-fifth. That's a week on Thursday." The year is
the main story's (:func:`continuity.checks.timeline_calendar.story_year`); a date well
after the scene's own is last year's. Supers and cards are read with the count in
:mod:`continuity.checks.timeline_calendar`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from continuity.checks.findings import Finding
from continuity.checks.timeline_calendar import day_words, story_year
from continuity.story.context import Context
from continuity.story.time_words import MONTHS, WEEKDAYS


def check(ctx: Context) -> Iterator[Finding]:
    """Yield a warning for each weekday said with a date it does not fall on."""
    yield from _weekday_dates(ctx)


_ORDINAL_DAYS = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split())}
_WEEKDAY_DATE_RE = re.compile(
    r"\b(?P<wd>" + "|".join(WEEKDAYS) + r")(?:\s+(?:night|morning|evening|afternoon))?,?\s+(?:the\s+)?"
    r"(?:(?P<mon>" + "|".join(MONTHS) + r")\s+(?:the\s+)?(?P<d>\d{1,2}(?:st|nd|rd|th)?|(?:twenty-|thirty-)?"
    r"(?:" + "|".join(_ORDINAL_DAYS) + r")|thirtieth|thirty-first)|(?P<d2>\d{1,2}(?:st|nd|rd|th)?)\s+(?:of\s+)?"
    r"(?P<mon2>" + "|".join(MONTHS) + r"))\b(?!,?\s+\d{4})", re.IGNORECASE)


#: A weekday with a day of the month and no month: "till Tuesday the thirty-first".
_WEEKDAY_THE_RE = re.compile(
    r"\b(?P<wd>" + "|".join(WEEKDAYS) + r")(?:\s+(?:night|morning|evening|afternoon))?,?\s+the\s+(?P<d>\d{1,2}(?:st|nd|rd|th)|"
    r"(?:twenty-|thirty-)?(?:" + "|".join(_ORDINAL_DAYS) + r")|thirtieth|thirty-first)\b"
    # (the day said alone: not "Saturday, the sixth round", "the sixth of March")
    r"(?=\s*(?:[.,;:!?)\"']|$)|\s+(?:at|in|and|or|then|so|when|we|I|you|he|she|they|it|is|was|will|if|but)\b)",
    re.IGNORECASE)
#: A day of the month, then its weekday said of it: "by the twenty-fifth. That's a week on Thursday."
_DAY_THEN_WEEKDAY_RE = re.compile(
    r"\bthe\s+(?P<d>\d{1,2}(?:st|nd|rd|th)|(?:twenty-|thirty-)?(?:" + "|".join(_ORDINAL_DAYS) + r")|thirtieth|"
    r"thirty-first)\b[^.!?;]{0,20}[.!?;,]?\s+(?:that's|that is|it's|it is|which is|which'll be)\s+(?:a\s+)?"
    r"(?:week\s+on\s+|next\s+|this\s+coming\s+|this\s+)?(?P<wd>" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)

_DAY_WORD = r"(?:\d{1,2}(?:st|nd|rd|th)?|(?:twenty-|thirty-)?(?:" + "|".join(_ORDINAL_DAYS) + r")|thirtieth|thirty-first)"
#: A weekday, then its day of the month as the next sentence: "The interview's next Wednesday. The nineteenth."
_WEEKDAY_THEN_THE_RE = re.compile(
    r"\b(?P<wd>" + "|".join(WEEKDAYS) + r")\s*[.!]\s+(?:the\s+)?(?P<d>" + _DAY_WORD + r")\s*[.!]", re.IGNORECASE)
#: A date with its month, then its weekday said of it: "Twenty-fifth of January. My birthday. A Friday, this year."
_DATE_THEN_A_WEEKDAY_RE = re.compile(
    r"\b(?:the\s+)?(?:(?P<d>" + _DAY_WORD + r")\s+(?:of\s+)?(?P<mon>" + "|".join(MONTHS) + r")|(?P<mon2>" + "|".join(MONTHS)
    + r")\s+(?:the\s+)?(?P<d2>" + _DAY_WORD + r"))\b(?!,?\s+\d{4})[^?]{0,40}?[.!;,]\s+(?:it's\s+|that's\s+|it\s+falls\s+on\s+)?"
    r"(?:on\s+)?a\s+(?P<wd>" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)


#: A date and then its weekday alone: "Fourth of November. Sunday. Attendance tonight: us."
_DATE_THEN_WEEKDAY_RE = re.compile(
    r"\b(?:the\s+)?(?:(?P<d>" + _DAY_WORD + r")\s+(?:of\s+)?(?P<mon>" + "|".join(MONTHS) + r")|(?P<mon2>" + "|".join(MONTHS)
    + r")\s+(?:the\s+)?(?P<d2>" + _DAY_WORD + r"))\b(?!,?\s+\d{4})\s*[.,;:]\s+(?P<wd>" + "|".join(WEEKDAYS)
    + r")\b(?=\s*[.,;!])", re.IGNORECASE)


def _day_number(word: str) -> int | None:
    w = word.lower()
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", w)
    if m:
        return int(m.group(1))
    if w in ("thirtieth",):
        return 30
    if w == "thirty-first":
        return 31
    tens, _, unit = w.rpartition("-")
    return (20 if tens == "twenty" else 30 if tens == "thirty" else 0) + _ORDINAL_DAYS.get(unit, 0) or None


def _weekday_dates(ctx: Context) -> Iterator[Finding]:
    """A weekday said with a date of the story's year that falls on another day ("Friday night, October fourth",
    in a story whose October 4 is a Saturday). A date after the scene's own is last year's."""
    year = story_year(ctx)
    if year is None:
        return
    for s in ctx.sentences:
        t = ctx.story.of(s.scene) if s.scene > 0 else None
        if t is None or t.is_flashback or t.month_day is None or re.match(r"\s*(?:SUPER|TITLE|CARD)\b", s.text):
            continue  # (a super's own weekday and date are read with the count)
        said_days = [(m, MONTHS.index((m.group("mon") or m.group("mon2")).lower()) + 1,
                      _day_number(m.group("d") or m.group("d2"))) for m in _WEEKDAY_DATE_RE.finditer(s.text)]
        nxt = ctx.sentences[s.id + 1] if s.id + 1 < len(ctx.sentences) else None
        joined = f"{s.text} {nxt.text}" if nxt is not None and nxt.element == s.element else s.text
        for m in _WEEKDAY_THE_RE.finditer(s.text):  # ("till Tuesday the thirty-first": this month's, or the next's)
            day = _day_number(m.group("d"))
            if day is not None:  # (a day or three back is this month's too: "Friday the nineteenth" on the 20th)
                said_days.append((m, t.month_day[0] if day >= t.month_day[1] - 3 else t.month_day[0] % 12 + 1, day))
        for m in _WEEKDAY_THEN_THE_RE.finditer(joined):  # ("The interview's next Wednesday. The nineteenth.")
            day = _day_number(m.group("d"))
            if day is not None and m.start() < len(s.text):
                said_days.append((m, t.month_day[0] if day >= t.month_day[1] - 3 else t.month_day[0] % 12 + 1, day))
        for m in _DAY_THEN_WEEKDAY_RE.finditer(joined):  # ("... by the twenty-fifth. That's a week on Thursday.")
            day = _day_number(m.group("d"))
            if day is not None:  # no month said: this month's, or next month's when the day has passed
                said_days.append((m, t.month_day[0] if day >= t.month_day[1] else t.month_day[0] % 12 + 1, day))
        ahead = [x.text for x in ctx.sentences[s.id: s.id + 3] if x.element == s.element]
        for m in [*_DATE_THEN_A_WEEKDAY_RE.finditer(" ".join(ahead)), *_DATE_THEN_WEEKDAY_RE.finditer(" ".join(ahead))]:
            if m.start() >= len(s.text):
                continue  # (the next sentence's own)
            said_days.append((m, MONTHS.index((m.group("mon") or m.group("mon2")).lower()) + 1,
                              _day_number(m.group("d") or m.group("d2"))))
        for m, month, day in said_days:
            said = WEEKDAYS.index(m.group("wd").lower())
            if day is None:
                continue
            try:
                when, today = date(year, month, day), date(year, *t.month_day)
                if (when - today).days > 31:
                    when = date(year - 1, month, day)  # a date well after today's is last year's
            except ValueError:
                continue
            when_year = when.year
            if when.weekday() == said:
                continue
            yield Finding(
                category="timeline", severity="warning", scene=s.scene, line=s.line,
                message=f"{m.group(0)!r} says {WEEKDAYS[said].title()}, but {day_words(None, (month, day))} "
                        f"{when_year} is a {WEEKDAYS[when.weekday()].title()}",
                text=s.text, subject=f"{month}-{day} weekday", evidence=(),
                extra=(("cue", m.group(0)),),
            )
