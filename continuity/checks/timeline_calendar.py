"""Timeline, part two: time that cannot have passed, and days of the week that do not add up.

1. **Relative transitions.** A scene that says how long after the scene before it
   comes (``TEN MINUTES LATER``, ``An hour later.`` opening the action) and names a
   time of day: the hours that time of day covers must be reachable from the
   previous scene's in that lapse (``HOURS`` in :mod:`continuity.story.time_words`).
   DUSK, then ten minutes later DAWN, cannot be; DAWN, then an hour later NIGHT,
   cannot be. A clock read in the scene before ("the kitchen clock says twenty to four",
   "Quarter past two.") narrows its hours to that one. The finding sits on the card
   that states the lapse when one closes the scene before ("> TEN MINUTES LATER <"),
   else on the heading, and cites the scene before.
2. **Weekdays and dates.** (A weekday said with a date that falls on another day is
   :mod:`continuity.checks.timeline_weekdays`'s.) Story time (:mod:`continuity.story.time`) counts the
   days from the first dated day (a super or card: ``MONDAY 10 OCTOBER 2039``,
   ``SATURDAY.``). A line that says which day it is now (``It's Thursday``, ``this
   morning, Thursday, the thirteenth of May``, an action that opens ``Saturday
   morning.``) must agree with that count on a day the script pinned down (a jump
   such as ``THREE DAYS LATER``, a date, a night that ended). A super whose weekday
   is not its date's in its year is flagged too. The finding sits on the spoken
   line; for the action's own words it sits on the jump that moved the count.
3. **Countdowns.** A line that counts the days to come ("In six days, Nora.", "nine
   days to go") on a dated day of the main story, when the script dates exactly one
   day ahead (a super or card: ``SATURDAY, OCTOBER 12``, within two months): the
   count must reach that day. The finding sits on the spoken line and cites the
   dated day it misses and the day the count starts from.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from continuity.checks.findings import Evidence, Finding
from continuity.story.context import Context
from continuity.story.time import Said, SceneTime, bible_days
from continuity.story.time_words import HOURS, MONTHS, WEEKDAYS, number


def check(ctx: Context) -> Iterator[Finding]:
    """Yield findings for impossible lapses, weekdays and dates that break the count, and countdowns."""
    yield from _lapses(ctx)
    yield from _calendar(ctx)
    yield from _countdowns(ctx)
    yield from _relative_days(ctx)


# -- relative transitions -----------------------------------------------------------------------


def _window(time_class: str) -> tuple[float, float] | None:
    return HOURS.get(time_class)


def _reachable(before: tuple[float, float], lapse: tuple[float, float], after: tuple[float, float]) -> bool:
    """Whether a time in ``after`` can follow one in ``before`` by ``lapse`` hours (round the clock allowed)."""
    lo, hi = before[0] + lapse[0], before[1] + lapse[1]
    return any(after[0] + 24 * k <= hi and lo <= after[1] + 24 * k for k in (-1, 0, 1, 2))


def _lapses(ctx: Context) -> Iterator[Finding]:
    scenes = ctx.script.scenes
    for t in ctx.story.scenes:
        if t.elapsed is None or t.after is None or t.time_source not in ("heading",):
            continue
        prev = ctx.story.of(t.after)
        if prev is None or not prev.time_class or not t.time_class:
            continue
        a, b = _window(prev.time_class), _window(t.time_class)
        clock = last_clock(ctx, prev.index, prev.time_class)
        if clock is not None:
            a = (clock[0], clock[0])  # "the kitchen clock says twenty to four" in the scene before
        new_day = _new_day_said(prev, t)
        if a is None or b is None or (_reachable(a, t.elapsed, b) and new_day is None):
            continue
        scene, before = scenes[t.index - 1], scenes[prev.index - 1]
        words = t.elapsed_words or ""
        was = f"{prev.time_class}" if clock is None else f"{clock[1]!r}, {prev.time_class}"
        if _reachable(a, t.elapsed, b):
            yield Finding(
                category="timeline", severity="error", scene=t.index,
                line=_card_line(scenes, t.index, words) or t.elapsed_line or scene.line,
                message=(f"{words!r} after scene {ctx.scene_number(prev.index)} ({prev.time_class}), but this "
                         f"{t.time_class} scene is on the next story day ({new_day})"),
                text=scene.heading.text, subject=f"scene {t.index} time",
                evidence=(Evidence(before.heading.text, line=before.line, scene=before.index),
                          Evidence(scene.heading.text, line=scene.line, scene=t.index)),
                extra=(("cue", words),),
            )
            continue
        evidence = (Evidence(before.heading.text, line=before.line, scene=before.index),) if clock is None else (
            Evidence(clock[2].text, line=clock[2].line, scene=prev.index),)
        yield Finding(
            category="timeline",
            severity="error",
            scene=t.index,
            line=_card_line(scenes, t.index, words) or t.elapsed_line or scene.line,  # (a super's own line)
            message=(f"{t.time_class} here, but {words!r} after scene {ctx.scene_number(prev.index)} "
                     f"({was}): {prev.time_class if clock is None else 'that hour'} does not turn "
                     f"{t.time_class} that soon"),
            text=scene.heading.text,
            subject=f"scene {t.index} time",
            evidence=(*evidence, Evidence(scene.heading.text, line=scene.line, scene=t.index)),
            extra=(("cue", words),),
        )


def _new_day_said(prev: SceneTime, t: SceneTime) -> str | None:
    """What says a lapse of minutes or an hour or two crosses into another story day, or None.

    The bible's story days (or a date or weekday said) put the scenes on different days, and the later
    one is not a night scene (one night may run past midnight): Friday NIGHT, then "TEN MINUTES LATER",
    then Saturday DAWN cannot be.
    """
    if t.elapsed is None or t.elapsed[1] > 3 or t.day is None or prev.day is None or t.day == prev.day:
        return None
    if t.time_class in ("NIGHT", None) or prev.is_flashback or t.is_flashback:
        return None
    if t.fixed and prev.fixed:
        return "so the bible's story days have it"
    if t.day_source.startswith(("the date in", "the weekday said")):
        return f"by {t.day_source}"
    return None


def _card_line(scenes, index: int, words: str) -> int | None:
    """The line of a card that closes the scene before ("> TEN MINUTES LATER <") and says ``words``."""
    if index < 2 or not words:
        return None
    for el in reversed(scenes[index - 2].elements[-3:]):
        if words.lower() in el.text.lower():
            return el.line
    return None


_HOUR_WORDS = {w: i + 1 for i, w in enumerate("one two three four five six seven eight nine ten eleven twelve".split())}
_PAST = {"quarter past": 0.25, "quarter after": 0.25, "half past": 0.5, "twenty past": 1 / 3, "ten past": 1 / 6,
         "five past": 1 / 12, "quarter to": -0.25, "twenty to": -1 / 3, "ten to": -1 / 6, "five to": -1 / 12}
_TIME = (r"(?P<part>(?:a )?(?:quarter|half|twenty|ten|five) (?:past|to|after) )?"
         r"(?P<h>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})(?::(?P<m>\d{2}))?"
         r"(?: o'clock)?")
#: A clock read in the action ("the kitchen clock says twenty to four"), or a line that is only the time
#: ("Quarter past two."), or "it's ten past three".
_CLOCK_SAID_RE = re.compile(r"\b(?:clock|watch|display)\w*(?: [\w']+){0,3}? (?:says|reads|shows|said|read|showed)\s+"
                            + _TIME + r"\b|(?:^|[.!?]\s+)(?:it's |it is )?" + _TIME.replace("(?P<part>", "(?P<part2>")
                            .replace("(?P<h>", "(?P<h2>").replace("(?P<m>", "(?P<m2>") + r"\s*[.!]", re.IGNORECASE)


def last_clock(ctx: Context, scene_index: int, time_class: str) -> tuple[float, str, object] | None:
    """The hour the last clock time said in a scene gives (morning or evening by the scene's time of day), the words,
    and the sentence; None when the scene says none."""
    found = None
    for s in ctx.sentences:
        if s.scene != scene_index:
            continue
        for m in _CLOCK_SAID_RE.finditer(s.text):
            h = m.group("h") or m.group("h2")
            hour = _HOUR_WORDS.get(h.lower()) if not h.isdigit() else int(h)
            if hour is None or not 1 <= hour <= 12:
                continue
            part = (m.group("part") or m.group("part2") or "").lower().removeprefix("a ").strip()
            minutes = int(m.group("m") or m.group("m2") or 0) / 60
            value = hour + _PAST.get(part, 0.0) + minutes
            # morning or evening, by the scene's time of day: two at NIGHT is 2 a.m., four in the DAY is 4 p.m.
            if time_class == "NIGHT":
                value += 12 if hour >= 7 and hour != 12 else 24 if hour == 12 else 0
            elif time_class in ("DAY", "AFTERNOON", "DUSK", "EVENING"):
                value += 12 if hour <= 6 or time_class in ("DUSK", "EVENING") and hour != 12 else 0
            found = (value, m.group(0).strip(" .!"), s)
    return found


# -- weekdays and dates -------------------------------------------------------------------------


def day_words(weekday: int | None, month_day: tuple[int, int] | None) -> str:
    parts = []
    if weekday is not None:
        parts.append(WEEKDAYS[weekday].title())
    if month_day is not None:
        parts.append(f"{month_day[1]} {MONTHS[month_day[0] - 1].title()}")
    return " ".join(parts)


def _anchor(ctx: Context) -> Said | None:
    """The first super or card of the main story that dates its day: what the count starts from."""
    for s in ctx.story.said:
        t = ctx.story.of(s.scene)
        if s.where in ("super", "card") and s.date is not None and t is not None and not t.is_flashback \
                and (s.date.weekday is not None or s.date.day is not None):
            return s
    return None


def _jump_of(ctx: Context, t: SceneTime) -> Said | None:
    """The card, super or heading in a scene that moved the day count."""
    return next((s for s in ctx.story.said if s.scene == t.index and s.jump is not None and s.jump.days), None)


def _calendar(ctx: Context) -> Iterator[Finding]:
    anchor = _anchor(ctx)
    year = story_year(ctx)
    if year is None:
        yield from _odd_weekday(ctx)
    for s in ctx.story.said:
        t = ctx.story.of(s.scene)
        if t is None or t.is_flashback or s.date is None:
            continue
        d = s.date
        if s.where in ("super", "card") and d.weekday is not None and d.month and d.day and (d.year or year):
            yield from _self_contradiction(ctx, s, t, d.year or year)
            continue
        if s.where in ("super", "card") and t.fixed and d.weekday is not None and t.weekday is not None \
                and d.weekday != t.weekday and d.day is None:
            yield _super_off_bible(ctx, s, t)
            continue
        if s.where != "now" or not (t.pinned or _off_calendar(ctx, d, t)):
            continue
        wrong_weekday = d.weekday is not None and t.weekday is not None and d.weekday != t.weekday
        wrong_date = d.day is not None and t.month_day is not None and (
            d.day != t.month_day[1] or (d.month is not None and d.month != t.month_day[0]))
        scene = ctx.script.scenes[t.index - 1]
        if not (wrong_weekday or wrong_date) or _another_real_day(d, t, year) and (
                _asked_when(scene, s.line) or re.search(r"(?:^|[.!?]\s+)" + re.escape(d.words) +
                                          r"(?:,\s+[A-Z][a-z]+)?\s*[.!]", s.text)
                and not _asked_today(scene, s.line) and _days_off(d, t, year) > 3):
            # ("When's delivery?" / "Friday the twenty-fifth.": a day to come, and a Friday it is; "Saturday the
            # nineteenth. Regional qualifiers at Whitcombe.", eleven days off: a date announced, not today's;
            # "Friday the fifteenth, Devon.": a deadline)
            continue
        jump = _jump_of(ctx, t)
        if jump is not None and _loose(jump) and _a_day_off(d, t):
            continue  # "ONE WEEK LATER", then "Friday the nineteenth" on the count's Saturday: a week, roughly
        spoken = any(el.line == s.line and el.kind.value == "dialogue" for el in scene.elements)
        where_line, where_text = (s.line, s.text) if spoken or jump is None else (jump.line, jump.text)
        expected = day_words(t.weekday if d.weekday is not None else None, t.month_day if d.day is not None else None)
        how = f"{jump.jump.words!r} makes it" if jump is not None else f"story day {t.story_day} is"
        evidence = []
        if anchor is not None:
            evidence.append(Evidence(anchor.text, line=anchor.line, scene=anchor.scene))
        if jump is not None and where_line != jump.line:
            evidence.append(Evidence(jump.text, line=jump.line, scene=jump.scene))
        if where_line != s.line:
            evidence.append(Evidence(s.text, line=s.line, scene=s.scene))
        start = f", counting from {anchor.text!r}" if anchor is not None else ""
        yield Finding(
            category="timeline",
            severity="error",
            scene=t.index,
            line=where_line,
            message=f"{d.words!r} says {day_words(d.weekday, (d.month or 0, d.day) if d.day and d.month else None) or d.words}"
                    f"{' the ' + _ordinal(d.day) if d.day and not d.month else ''}, but {how} {expected}{start}",
            text=where_text,
            subject=f"scene {t.index} day",
            evidence=tuple(evidence),
            extra=(("cue", d.words),),
        )


def _super_off_bible(ctx: Context, s: Said, t: SceneTime) -> Finding:
    """A super or card naming a weekday on a scene the bible's story days date to another ("SUPER: Thursday")."""
    return Finding(
        category="timeline", severity="error", scene=t.index, line=s.line,
        message=(f"the {s.where} says {s.date.words!r}, but the bible's story days put scene "
                 f"{ctx.scene_number(t.index)} on {day_words(t.weekday, t.month_day)} (story day {t.story_day})"),
        text=s.text, subject=f"scene {t.index} day",
        evidence=(Evidence(f"{day_words(t.weekday, t.month_day)}: scene {ctx.scene_number(t.index)}",
                           bible="story days"),),
        extra=(("cue", s.date.words),),
    )


def _off_calendar(ctx: Context, d, t: SceneTime) -> bool:
    """A weekday said to be today that none of the bible's dated story days in the week from the scene's has."""
    days = bible_days(ctx.bible.story_dates)
    if days is None or t.day is None or d.weekday is None:
        return False
    near = [when for n, when in days.items() if t.day <= n <= t.day + 6]
    return bool(near) and all(when.weekday() != d.weekday for when in near)


def _loose(jump: Said) -> bool:
    """A jump counted in weeks, months or years: "ONE WEEK LATER" is seven days give or take one."""
    return bool(re.search(r"\b(?:WEEKS?|MONTHS?|YEARS?|FORTNIGHT)\b", jump.jump.words, re.IGNORECASE))


def _a_day_off(d, t: SceneTime) -> bool:
    """Whether a weekday or date said is one day either side of the count's."""
    if d.weekday is not None and t.weekday is not None and (d.weekday - t.weekday) % 7 not in (0, 1, 6):
        return False
    if d.day is not None and t.month_day is not None and abs(d.day - t.month_day[1]) > 1:
        return False
    return d.weekday is not None or d.day is not None


_REL = r"(?P<rel>the day after tomorrow|the day before yesterday|tomorrow|yesterday)"
_WD = r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
#: A day named from today and by its weekday together: "The funeral's tomorrow. Friday, ten o'clock", "The porters
#: come on Saturday. The day after tomorrow.", "tomorrow's Friday".
_RELATIVE_RES = (
    re.compile(rf"\b{_REL}(?:'s)?\s*[.,;:\u2014-]+\s*(?:on\s+|that's\s+)?{_WD}\b(?!\s+(?:week|next|after))", re.IGNORECASE),
    re.compile(rf"\b(?:on\s+)?{_WD}\s*[.,;:\u2014-]+\s*(?:that's\s+)?{_REL}\s*[.!?]", re.IGNORECASE),
    re.compile(rf"\b{_REL}(?:'s|\s+is)\s+{_WD}\b", re.IGNORECASE),
    re.compile(rf"\b{_WD}(?:'s|\s+is)\s+{_REL}\b", re.IGNORECASE),
)
_OFFSETS = {"the day after tomorrow": 2, "the day before yesterday": -2, "tomorrow": 1, "yesterday": -1}


def _relative_days(ctx: Context) -> Iterator[Finding]:
    """A day said both from today and by its weekday, in a scene whose weekday the count knows: they must agree."""
    for s in ctx.sentences:
        t = ctx.story.of(s.scene) if s.scene > 0 else None
        if s.kind != "dialogue" or t is None or t.is_flashback or t.weekday is None or not t.pinned:
            continue
        nxt = ctx.sentences[s.id + 1] if s.id + 1 < len(ctx.sentences) else None
        joined = f"{s.text} {nxt.text}" if nxt is not None and nxt.element == s.element else s.text
        for rx in _RELATIVE_RES:
            m = rx.search(joined)
            if m is None or m.start() >= len(s.text):
                continue
            said = WEEKDAYS.index(m.group("wd").lower())
            rel = m.group("rel").lower()
            expected = (t.weekday + _OFFSETS[rel]) % 7
            if said != expected:
                yield Finding(
                    category="timeline", severity="error", scene=s.scene, line=s.line,
                    message=f"{m.group(0).strip(' .')!r} makes {rel} a {WEEKDAYS[said].title()}, but this is story "
                            f"day {t.story_day}, a {WEEKDAYS[t.weekday].title()}, so {rel} is a "
                            f"{WEEKDAYS[expected].title()}",
                    text=s.text, subject=f"scene {t.index} day", evidence=(), extra=(("cue", m.group(0)),),
                )
            break




_COUNT = (r"(?P<n>\d{1,2}|(?:twenty|thirty|forty|fifty)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|"
          r"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|ten|two|three|four|five|six|"
          r"seven|eight|nine)")
#: "In six days", "only nine days", "nine days to go", "six more days till the wedding".
_COUNTDOWN_RE = re.compile(
    r"\b(?:in|only|just)\s+" + _COUNT + r"\s+(?:more\s+)?days\b(?!\s+(?:ago|later|before|after|earlier|since))"
    r"|\b" + _COUNT.replace("?P<n>", "?P<m>") + r"\s+(?:more\s+)?days\s+(?:to go|away|left|till|until|from now)\b",
    re.IGNORECASE)


def _countdowns(ctx: Context) -> Iterator[Finding]:
    """A spoken count of days to come that misses the one day ahead the script dates."""
    dated = [s for s in ctx.story.said if s.where in ("super", "card") and s.date is not None and s.date.month
             and s.date.day and (t := ctx.story.of(s.scene)) is not None and not t.is_flashback]
    if not dated:
        return
    year = story_year(ctx) or 2001
    for s in ctx.sentences:
        if s.kind != "dialogue" or s.scene <= 0:
            continue
        m = _COUNTDOWN_RE.search(s.text)
        t = ctx.story.of(s.scene)
        if m is None or t is None or t.is_flashback or not t.pinned or t.month_day is None:
            continue
        if _how_fast(ctx, s, m):
            continue
        n = number(m.group("n") or m.group("m"))
        try:
            today = date(year, *t.month_day)
        except ValueError:
            continue
        ahead = {}
        for d in dated:
            try:
                when = date(year, d.date.month, d.date.day)
            except ValueError:
                continue
            if when < today:
                when = when.replace(year=year + 1)
            if 0 < (when - today).days <= 60:
                ahead.setdefault(when, d)
        if n is None or len(ahead) != 1:
            continue
        when, target = next(iter(ahead.items()))
        gap = (when - today).days
        if n == gap:
            continue
        reached = date.fromordinal(today.toordinal() + n)
        yield Finding(
            category="timeline",
            severity="warning",
            scene=s.scene,
            line=s.line,
            message=f"{m.group(0)!r} from {day_words(today.weekday(), t.month_day)} is "
                    f"{day_words(reached.weekday(), (reached.month, reached.day))}, but {target.text!r} "
                    f"(scene {ctx.scene_number(target.scene)}) is {gap} days away",
            text=s.text,
            subject=f"scene {s.scene} countdown",
            evidence=(Evidence(target.text, line=target.line, scene=target.scene),),
            extra=(("cue", m.group(0)),),
        )


def _how_fast(ctx: Context, s, m: re.Match) -> bool:
    """"Three thousand, one hundred and twelve signatures. In four days.": how long a count took, not days to come
    (the line is only the phrase, after a count in the same speech)."""
    if not re.fullmatch(r"(?:in|only|just)\s+[\w\s-]+?\s+days[.!]?", s.text.strip(), re.IGNORECASE) or s.id == 0:
        return False
    before = ctx.sentences[s.id - 1]
    return before.element == s.element and bool(re.search(
        r"\b(?:\d[\d,]*|hundred|hundreds|thousand|thousands|million|dozen)\b", before.text, re.IGNORECASE))


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 11 <= n % 100 <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def story_year(ctx: Context) -> int | None:
    """The year of the main story: a super or card that gives one, else the bible's dated story days."""
    for s in ctx.story.said:
        t = ctx.story.of(s.scene)
        if s.where in ("super", "card") and s.date is not None and s.date.year and t is not None and not t.is_flashback:
            return s.date.year
    years = {v[:4] for d, v in (ctx.bible.story_dates or {}).items() if str(v)[:4].isdigit() and d.startswith("D")}
    return int(years.pop()) if len(years) == 1 else None


def _odd_weekday(ctx: Context) -> Iterator[Finding]:
    """With no year, the supers' weekdays must fit one calendar: "Monday, March 3", "Tuesday, March 4" and
    "Wednesday, March 5", then "Thursday, March 7" (a Friday in that week)."""
    dated = []
    for s in ctx.story.said:
        t = ctx.story.of(s.scene)
        d = s.date
        if s.where not in ("super", "card") or d is None or t is None or t.is_flashback or d.year or \
                d.weekday is None or not d.month or not d.day or (d.month, d.day) == (2, 29):
            continue
        try:
            shift = (d.weekday - date(2001, d.month, d.day).weekday()) % 7
        except ValueError:
            continue
        dated.append((shift, s, t))
    votes: dict[int, int] = {}
    for shift, _, _ in dated:
        votes[shift] = votes.get(shift, 0) + 1
    if len(votes) < 2:
        return
    best = max(votes, key=votes.get)
    if votes[best] < 2 or sorted(votes.values())[-2] == votes[best]:
        return
    fits = next(s for shift, s, _ in dated if shift == best)
    for shift, s, t in dated:
        if shift == best:
            continue
        d = s.date
        real = (date(2001, d.month, d.day).weekday() + best) % 7
        yield Finding(
            category="timeline", severity="error", scene=t.index, line=s.line,
            message=f"{d.words!r} does not fit the calendar the other supers keep: counting from {fits.date.words!r}, "
                    f"{d.day} {MONTHS[d.month - 1].title()} is a {WEEKDAYS[real].title()}, not a "
                    f"{WEEKDAYS[d.weekday].title()}",
            text=s.text, subject=f"scene {t.index} day",
            evidence=(Evidence(fits.text, line=fits.line, scene=fits.scene),),
            extra=(("cue", d.words),),
        )


_WHEN_RE = re.compile(r"\bwhen(?:'s| is| are| do| does| will)\b|\bwhat day (?:is|does|will) (?!it\b)|\b(?:due|deadline|"
                      r"till|until|by|next|will|'ll|going to)\b", re.IGNORECASE)


def _asked_when(scene, line: int) -> bool:
    """The date answers "When's ...?" or says a day to come ("due", "till", "next"), not what day it is now."""
    before = [el for el in scene.elements if el.line <= line and el.kind.value == "dialogue"][-2:]
    return any(_WHEN_RE.search(el.text) for el in before)


def _asked_today(scene, line: int) -> bool:
    """The date answers "What day is it?": today's, whatever real day it names."""
    before = [el for el in scene.elements if el.line < line and el.kind.value == "dialogue"][-1:]
    return any(re.search(r"\bwhat(?:'s|\s+is)?\s+(?:day|the date|today)\b|\bwhich day\b", el.text, re.IGNORECASE)
               for el in before)


def _days_off(d, t: SceneTime, year: int | None) -> int:
    """How many days from today the real day ``d`` names is (0 when it names none)."""
    if d.weekday is None or d.day is None or year is None or t.month_day is None:
        return 0
    today = date(year, *t.month_day)
    for month in [d.month] if d.month else [t.month_day[0], t.month_day[0] % 12 + 1]:
        try:
            said = date(year + (1 if month < t.month_day[0] else 0), month, d.day)
        except ValueError:
            continue
        if said.weekday() == d.weekday:
            return abs((said - today).days)
    return 0


def _another_real_day(d, t: SceneTime, year: int | None) -> bool:
    """A weekday with a date, both said, that are one real day of the story's month (or the next) other than
    today's: "Friday the twenty-fifth" in an October where the 25th is a Friday."""
    if d.weekday is None or d.day is None or year is None or t.month_day is None:
        return False
    months = [d.month] if d.month else [t.month_day[0], t.month_day[0] % 12 + 1]
    for month in months:
        try:
            if date(year + (1 if month < t.month_day[0] else 0), month, d.day).weekday() == d.weekday:
                return (month, d.day) != tuple(t.month_day)
        except ValueError:
            continue
    return False


def _self_contradiction(ctx: Context, s: Said, t: SceneTime, year: int) -> Iterator[Finding]:
    """A super whose weekday is not its date's weekday in its year (its own, else the story's)."""
    d = s.date
    try:
        real = date(year, d.month, d.day).weekday()
    except ValueError:
        return
    if real == d.weekday:
        return
    yield Finding(
        category="timeline",
        severity="error",
        scene=t.index,
        line=s.line,
        message=f"{d.words!r}: {d.day} {MONTHS[d.month - 1].title()} {year} was a {WEEKDAYS[real].title()}, "
                f"not a {WEEKDAYS[d.weekday].title()}",
        text=s.text,
        subject=f"scene {t.index} day",
        evidence=(),
        extra=(("cue", d.words),),
    )


__all__ = ["check"]
