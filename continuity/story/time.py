"""Story time: each scene's story day (D1, N1, D2..., FB1 for the past) and time of day.

Read once per script from headings, cards before a heading (transitions, centred
text, ``FLASHBACK:``), supers inside a scene, the opening of the action and who is
in the scene (:mod:`continuity.story.presence`):

* **Time of day** is the heading's (``PRE-DAWN`` and ``MAGIC HOUR`` kept as
  written). ``CONTINUOUS``, ``SAME``, ``LATER`` and ``INTERCUT`` take the time of the
  scene they continue (in the same thread: a ``MOMENTS LATER`` after a flashback
  continues the scene before it), unless the action shows the light change (dawn
  breaking). A heading without a time reads the opening of its action (``Dark
  road.``, ``The same morning.``, a clock), then the card before it (``THAT
  NIGHT``), then carries the time of the scene before. A dream between falling
  asleep and waking has none, and says so.
* **Story days** count the main story: a new day when a card, super or heading
  says so (``THE NEXT MORNING`` +1, ``TWO DAYS LATER`` +2, ``A FEW DAYS LATER`` +3,
  ``A WEEK LATER`` +7), when a date or weekday moves the calendar (``FRIDAY,
  NOVEMBER 8`` four days after ``MONDAY, NOVEMBER 4``), or when the time of day
  goes round (NIGHT, then DAY; dawn breaking in a CONTINUOUS scene). A night after
  midnight keeps its day. ``N`` marks the night side (NIGHT, EVENING, PRE-DAWN).
* **Flashbacks** (and flash-forwards, dreams, told stories) sit outside the count:
  ``FLASHBACK``/``DREAM``/``STORY`` in a heading, a ``FLASHBACK:`` card, a super
  ``TWENTY YEARS EARLIER``, a year older than the story's, a younger self (``YOUNG
  MARA``, ``Will (6)`` for a man already seen at 29). They last until ``END FLASHBACK``, ``BACK
  TO PRESENT``, ``(PRESENT)``, a ``BACK TO:`` card, a continuation of the present
  scene, or a scene whose cast belongs to the present. Each distinct past day is
  its own ``FB`` number in order of first appearance; going back to a past day
  already seen (the same place at the same time of day, after an insert) reuses
  its number.
* **Fixes**: a ``story_days`` map (script scene number -> ``D5``) sets a scene's day;
  the scenes after it count on from there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from continuity.screenplay.heading import normalise_time
from continuity.screenplay.model import Kind, Script
from continuity.story.presence import Presence, read_presence, scene_bodies
from continuity.story.time_scene import (
    PastDay,
    from_calendar,
    heading_time,
    is_continuous,
    last_action,
    loc_tokens,
    opening,
    own_cards,
    revisit,
    told,
    trailing_cards,
    unlinked,
)
from continuity.story.time_words import (
    BACK_TO_RE,
    FB_CLOSE_RE,
    FB_OPEN_RE,
    DateSaid,
    Jump,
    backwards,
    card_text,
    clock_hour,
    date_in,
    falls_asleep,
    fb_qualified,
    is_night_side,
    jump_in,
    later_same_day,
    light,
    light_cue,
    main_qualified,
    now_said,
    day_answered,
    time_of_hour,
    wakes,
)

_MARKERS = ("CONTINUOUS", "SAME", "LATER")
DAY_RE = re.compile(r"^(?P<k>D|N|FB)(?P<n>\d{1,4})$")


@dataclass(frozen=True)
class SceneTime:
    """Where a scene sits in story time.

    Attributes:
        index: the scene's 1-based index.
        story_day: ``D3``, ``N3`` (the night side of day 3) or ``FB2`` (the second
            distinct past day, a flashback, flash-forward, dream or told story).
        day: the main story day (None in a flashback).
        flashback: the FB number (None in the main story).
        time: the time of day, resolved (``DAY``, ``NIGHT``, ``PRE-DAWN``...), or None.
        time_source: how the time was found (``heading``, ``continues scene 4``...).
        why_no_time: when ``time`` is None, why.
        day_source: why the day is what it is (``SUPER 'TWO DAYS LATER'``, ``night to day``...).
        continues: the scene this one continues (CONTINUOUS, SAME, LATER), if any.
        span: an id shared by scenes linked by CONTINUOUS/SAME (no time passes).
        date: the calendar date of the day, when the script gives a dated day and its year.
        month_day: ``(month, day)`` of the day, when a dated day is stated (year or not).
        weekday: the day of the week (0 = Monday) when known.
        fixed: the day was set by a ``story_days`` fix.
        after: the scene this one follows in its own thread (the main story, or the past).
        elapsed: hours since ``after`` when the script says (``TEN MINUTES LATER``: about 0.1-0.4).
        elapsed_words: the words that say so; elapsed_line: the line a finding about them goes on (a SUPER's
            own line, else the heading's).
        pinned: the day was said (a card, super, date, a night ending), not assumed from nothing said.
    """

    index: int
    story_day: str
    day: int | None
    flashback: int | None
    time: str | None
    time_source: str
    why_no_time: str | None = None
    day_source: str = ""
    continues: int | None = None
    span: int = 0
    date: date | None = None
    weekday: int | None = None
    month_day: tuple[int, int] | None = None
    fixed: bool = False
    after: int | None = None
    elapsed: tuple[float, float] | None = None
    elapsed_words: str | None = None
    elapsed_line: int | None = None
    pinned: bool = False

    @property
    def is_flashback(self) -> bool:
        """Outside the main story count."""
        return self.flashback is not None

    @property
    def time_class(self) -> str | None:
        """The canonical time of day (``PRE-DAWN`` is ``DAWN``, ``MAGIC HOUR`` is ``DUSK``)."""
        return normalise_time(self.time) if self.time else None


@dataclass(frozen=True)
class Said:
    """A calendar or clock statement in the script: a super, a card or a line of dialogue."""

    scene: int
    line: int
    text: str
    where: str  # "super", "card", "heading", or "now" (a line saying which day it is: dialogue or action)
    date: DateSaid | None = None
    jump: Jump | None = None


@dataclass(frozen=True)
class StoryTime:
    """Story time for a whole script (``scenes[i]`` is scene ``i + 1``)."""

    scenes: tuple[SceneTime, ...]
    said: tuple[Said, ...] = ()
    years: dict = field(default_factory=dict)

    def of(self, index: int) -> SceneTime | None:
        """The scene with this 1-based index."""
        return self.scenes[index - 1] if 1 <= index <= len(self.scenes) else None


def parse_day(value: str) -> tuple[str, int] | None:
    """``"D5"`` -> ``("D", 5)``, ``"fb2"`` -> ``("FB", 2)``; None when it is not a story day."""
    m = DAY_RE.match(value.strip().upper())
    return (m.group("k"), int(m.group("n"))) if m else None


@dataclass
class _State:
    mode: str = "main"  # "main" or "fb"
    day: int = 0
    fb: int | None = None
    kind: str | None = None  # what put the current flashback run outside the count
    run_cast: set[str] = field(default_factory=set)
    last_main: int | None = None  # index of the last main scene
    last_fb: int | None = None
    prev_fb: int | None = None  # the FB number before the current one


def read_time(script: Script, presence: Presence | None = None, fixes: dict[str, str] | None = None,
              bible_dates: dict[str, str] | None = None) -> StoryTime:
    """Place every scene of ``script`` in story time.

    Args:
        script: the parsed screenplay.
        presence: who is in each scene (read here when not given).
        fixes: user fixes, ``{scene number: "D5"}`` (the script's own numbers, else the index).
        bible_dates: the bible's calendar, ``{"D1": "2024-03-08"}``: it dates every main day
            (before any date the script states).
    """
    presence = presence or read_presence(script)
    scenes = scene_bodies(script)
    fixes = {str(k).strip().upper(): v for k, v in (fixes or {}).items()}
    out: list[SceneTime] = []
    said: list[Said] = []
    st = _State()
    days: list[PastDay] = []
    main_seen: set[str] = set()
    anchor: tuple[str, int | None, int | None, int] | None = None  # (mode, day, fb, scene) to go BACK TO
    calendar: list[tuple[int, DateSaid]] = []
    known_days = bible_days(bible_dates)
    has_present = any(main_qualified(s.heading.qualifiers) for s in scenes)
    years = [s.heading.year for s in scenes if s.heading.year]
    super_years = []
    for s in scenes:
        for _, t in own_cards(s):
            d = date_in(t)
            if d and d.year:
                super_years.append(d.year)
    max_year = max(years + super_years) if years or super_years else None
    seen_age: dict[str, int] = {}  # each character's oldest age stated so far: younger than that is going back
    prev_cards = trailing_cards(script.preamble)
    prev_dream = False
    last_time: str | None = None
    times_by_index: dict[int, str | None] = {}
    for i, scene in enumerate(scenes):
        h = scene.heading
        cast = presence.of(scene.index)
        present = set(cast.present) if cast else set()
        before = prev_cards
        prev_cards = trailing_cards(scene)
        own = own_cards(scene)
        # -- what the scene says about time ---------------------------------------------------------
        jump: Jump | None = None
        jump_where = ""
        jump_line = scene.line  # (a super's own line; a card's or the heading's is the heading's)
        dates: list[tuple[DateSaid, str, int]] = []
        for t in before:
            j = jump_in(t)
            if j and jump is None:
                jump, jump_where = j, f"the card {t!r}"
            d = date_in(t)
            if d:
                dates.append((d, f"the card {t!r}", scene.line))
                said.append(Said(scene.index, scene.line, t, "card", d, j))
            elif j:
                said.append(Said(scene.index, scene.line, t, "card", None, j))
        for el, t in own:
            j = jump_in(t)
            if j and jump is None:
                jump, jump_where, jump_line = j, f"SUPER {t!r}", el.line
            d = date_in(t)
            if d:
                dates.append((d, f"SUPER {t!r}", el.line))
            if d or j:
                said.append(Said(scene.index, el.line, t, "super", d, j))
        hj = jump_in(h.text)
        if hj is not None and (jump is None or hj.days is not None):
            jump, jump_where, jump_line = hj, f"the heading's {hj.words!r}", scene.line
            said.append(Said(scene.index, scene.line, h.text, "heading", None, hj))
        nows: list[tuple[DateSaid, str, int]] = []
        first_action = True
        asked = None
        for el in scene.elements:
            if el.kind is Kind.DIALOGUE:
                now = now_said(el.text, "dialogue") or day_answered(el.text, asked)
                asked = el.text
                if now:
                    nows.append((now, "dialogue", el.line))
                    said.append(Said(scene.index, el.line, el.text, "now", now, None))
            elif el.kind is Kind.ACTION and card_text(el) is None:
                now = now_said(el.text, "action") if first_action else None
                first_action = False
                if now:
                    nows.append((now, "action", el.line))
                    said.append(Said(scene.index, el.line, el.text, "now", now, None))
        # A short stated lapse: the heading's, a card's or super's, else the action's first words ("Ten minutes later,").
        elapsed = elapsed_words = elapsed_line = None
        if jump is not None and jump.hours is not None:
            elapsed, elapsed_words = jump.hours, jump.words
            elapsed_line = jump_line
        else:
            lead = next((el for el in scene.elements if el.kind is Kind.ACTION and card_text(el) is None), None)
            lj = jump_in(lead.text[:40]) if lead is not None else None
            if lj is not None and lj.hours is not None and lead.text[:40].lower().startswith(lj.words.lower()):
                # (a finding about it goes on the heading, whose time it contradicts)
                elapsed, elapsed_words, elapsed_line = lj.hours, lj.words, scene.line
        # -- main story or the past ---------------------------------------------------------------
        fb_kind = None
        marked = fb_qualified(h.qualifiers, h.location)
        if marked:
            fb_kind = marked
        elif any(FB_OPEN_RE.match(t) for t in before):
            fb_kind = "card"
        elif jump is not None and jump.backward:
            fb_kind = "earlier"
        elif h.year and (has_present or (max_year and h.year < max_year)):
            fb_kind = f"year {h.year}"
        elif any(d.year and max_year and d.year < max_year for d, _, _ in dates):
            fb_kind = "year"
        dream = False
        if fb_kind is None and i > 0 and heading_time(scene) is None and falls_asleep(last_action(scenes[i - 1])) and (
                i + 1 < len(scenes) and wakes(opening(scenes[i + 1], 1))):
            fb_kind, dream = "dream", True
        if fb_kind is None and i > 0 and st.mode == "main" and told(scenes[i - 1], scene, presence):
            fb_kind = "told"
        if fb_kind is None and cast is not None:
            if cast.young:
                fb_kind = "young"
            elif any(seen_age.get(w, 0) - a >= 10 for w, a, _ in cast.ages):
                fb_kind = "age"
        to_main = main_qualified(h.qualifiers) or any(FB_CLOSE_RE.match(t) for t in before)
        back = any(BACK_TO_RE.match(t) for t in before)
        fix = fixes.get(str(h.number or scene.index).upper())
        fixed = parse_day(fix) if fix else None
        if fixed and fixed[0] != "FB" and marked:
            fixed = None  # "(FLASHBACK)" in the heading outweighs a bible's day range that spans the scene
        day_jump = jump is not None and (jump.days or 0) >= 1
        continuation = (is_continuous(scene) or h.time == "LATER") and not day_jump
        mode = st.mode
        if fixed:
            mode = "fb" if fixed[0] == "FB" else "main"
        elif to_main:
            mode = "main"
        elif fb_kind:
            mode = "fb"
        elif back and anchor is not None:
            mode = anchor[0]
        elif st.mode == "fb":
            if prev_dream or st.kind == "flashback":  # a heading marks each flashback scene; an unmarked one is back
                mode = "main"
            elif continuation and st.last_main is not None and (
                    loc_tokens(scene) & loc_tokens(scenes[st.last_main - 1]) or h.location == scenes[st.last_main - 1].heading.location):
                mode = "main"
            elif st.kind not in ("flashback", "story", "period", "card", "earlier"):
                ours = present & main_seen - st.run_cast
                theirs = present & st.run_cast
                if (len(ours) >= 2 and len(ours) >= len(theirs)) or (ours and not theirs):
                    mode = "main"
        # The scene this one continues: the last one in the same thread.
        prev_same = (st.last_main if mode == "main" else st.last_fb) if i else None
        if back and anchor is not None and not fb_kind and not to_main:
            prev_same = anchor[3]
        continues = prev_same if continuation and prev_same else None
        # -- time of day ------------------------------------------------------------------------
        own_time = heading_time(scene)
        src = "heading"
        why = None
        inherited = times_by_index.get(prev_same) if prev_same else None
        start = opening(scene)
        if own_time is not None:
            time = own_time
        elif (h.time in _MARKERS or "INTERCUT" in h.text.upper()) and not day_jump:
            time, src = inherited, f"continues scene {_num(scenes, prev_same)}" if prev_same else "heading"
            cue = light_cue(start)
            # "LATER" may be hours; "MOMENTS LATER" is the same light, whatever the action says
            later = h.time == "LATER" and not is_continuous(scene)
            if cue and (later or (cue[0] == "DAWN" and is_night_side(inherited))):
                time, src = cue[0], f"the action: {cue[1]!r}"
            clock = clock_hour(start, normalise_time(inherited) if inherited else None)
            if clock and h.time == "LATER":
                time, src = time_of_hour(clock[0]), f"the clock: {clock[1]!r}"
            if time is None:
                why = "it continues a scene whose time is unknown"
        elif dream:
            time, why = None, "a dream: no time of day is stated"
        else:
            cue = light_cue(start)
            clock = clock_hour(start, normalise_time(inherited or last_time) if (inherited or last_time) else None)
            if cue:
                time, src = cue[0], f"the action: {cue[1]!r}"
            elif clock:
                time, src = time_of_hour(clock[0]), f"the clock: {clock[1]!r}"
            elif jump is not None and jump.part:
                time, src = jump.part, jump_where
            elif jump is not None and (jump.days or 0) >= 1 and mode == "main":
                time, src = "DAY", f"assumed: {jump_where} starts a new day and no time of day is given"
            elif inherited is not None:
                time, src = inherited, f"carried from scene {_num(scenes, prev_same)}"
            elif i and last_time is not None:
                time, src = last_time, f"carried from scene {_num(scenes, i)}"
            else:
                time, why = None, "neither the heading nor the action gives a time of day"
        if time is None and why is None:
            why = "no time of day is given"
        # -- the day ------------------------------------------------------------------------------
        prev_time = times_by_index.get(prev_same) if prev_same else None
        day_src = ""
        fb = None
        day: int | None = None
        if mode == "main":
            if fixed:
                day, day_src = fixed[1], "fixed by story_days"
            elif st.last_main is None and not st.day:
                day, day_src = 1, "the first scene of the story"
            else:
                day = st.day
                anchor_day = from_calendar(calendar, dates, st.day)
                if st.mode == "fb" and back and anchor and anchor[0] == "main" and anchor[1]:
                    day = anchor[1]
                if anchor_day is not None:
                    day, day_src = anchor_day, f"the date in {dates[0][1]}"
                elif jump is not None and jump.days is not None and not jump.backward:
                    day, day_src = st.day + int(round(jump.days)), jump_where
                elif backwards(prev_time, time) and (not continuation or (is_night_side(prev_time) and not is_night_side(time))):
                    # (a continuous scene turns the day only when the night ends on screen)
                    day, day_src = st.day + 1, f"{(prev_time or '').lower()} to {(time or '').lower()}"
                else:
                    day_src = "same day"
                    # Nothing said the day changed; a character or the action saying which day it is moves it on.
                    moved = from_calendar(calendar, [(n, w, ln) for n, w, ln in nows if n.weekday is not None], st.day)
                    # (not when the day plainly goes on, dusk to night: then the line is the slip)
                    # (nor to a date the bible's calendar of story days leaves out: "it's only Thursday" on its Monday)
                    if moved is not None and st.day < moved <= st.day + 6 and not later_same_day(prev_time, time) and (
                            known_days is None or moved in known_days):
                        day, day_src = moved, f"the weekday said in the scene ({nows[0][0].words!r})"
                        calendar.append((day, nows[0][0]))
            for d, _, _ in dates:
                calendar.append((day, d))
            letter = "N" if is_night_side(time) else "D"
            story_day = f"{letter}{day}" if not fixed else f"{fixed[0]}{fixed[1]}"
            st.day = day
        else:
            number = None
            opened = ""
            if fixed:
                number, day_src = fixed[1], "fixed by story_days"
            else:
                same_run = st.mode == "fb" and (fb_kind is None or fb_kind == st.kind)
                if back and anchor is not None and anchor[0] == "fb" and not fb_kind:
                    number, day_src = anchor[2], "back to the scene before the insert"
                else:
                    current = next((d for d in days if d.number == st.fb), None)
                    explicit = fb_kind in ("flashback", "card") or bool(prev_cards and any(BACK_TO_RE.match(t) for t in prev_cards))
                    # A-B-A: one scene at another time of day, then back where we were.
                    aba = (current is not None and current.scenes == 1 and same_run and current.opened == "light"
                           and st.prev_fb is not None)
                    again = None
                    if not (jump or dates):
                        if explicit:
                            again = revisit(days, scene, time, exclude=st.fb if same_run else None)
                        elif aba:
                            again = revisit([d for d in days if d.number == st.prev_fb], scene, time, exclude=None)
                    if again is not None:
                        number, day_src = again.number, "the same past day as before"
                    elif same_run and current is not None:
                        if continuation:
                            number, day_src = current.number, "continuous"
                        elif jump is not None and (jump.days or 0) >= 1:
                            number, day_src = None, jump_where
                        elif backwards(prev_time, time):
                            number, day_src, opened = None, f"{(prev_time or '').lower()} to {(time or '').lower()}", "light"
                        elif unlinked(scenes[st.last_fb - 1], scene, presence) and h.time == "DAY" == scenes[st.last_fb - 1].heading.time:
                            number, day_src = None, "another place and other people, nothing says the same day"
                        else:
                            number, day_src = current.number, "same past day"
                    if number is None and not day_src:
                        day_src = f"a flashback ({fb_kind or st.kind or 'continued'})"
            if number is None:
                number = (max((d.number for d in days), default=0)) + 1
            rec = next((d for d in days if d.number == number), None)
            if rec is None:
                rec = PastDay(number, opened=opened)
                days.append(rec)
            rec.places.append(loc_tokens(scene))
            if time:
                rec.times.add(normalise_time(time) or time)
            rec.scenes += 1
            fb = number
            story_day = f"FB{number}"
        # -- bookkeeping --------------------------------------------------------------------------
        if mode == "fb":
            if st.mode != "fb":
                st.run_cast = set()
                anchor = ("main", st.day, None, st.last_main or 0)
            elif fb_kind in ("flashback", "card") and st.fb != fb:
                anchor = anchor if anchor and anchor[0] == "main" else ("fb", None, st.fb, st.last_fb or 0)
            st.run_cast |= present | set(cast.heard if cast else ())
            st.kind = fb_kind or st.kind
            if st.fb != fb:
                st.prev_fb = st.fb if st.mode == "fb" else None
            st.fb = fb
            st.last_fb = scene.index
        else:
            main_seen |= present
            st.last_main = scene.index
            anchor = ("main", day, None, scene.index)
        if mode == "fb" and fb_kind is None and not back:
            # A scene carried in the past is a possible anchor for a later BACK TO.
            if not any(BACK_TO_RE.match(t) for t in prev_cards):
                anchor = ("fb", None, fb, scene.index)
        st.mode = mode
        prev_dream = dream
        for who, age, _ in (cast.ages if cast else ()):
            seen_age[who] = max(seen_age.get(who, 0), age)
        times_by_index[scene.index] = time
        if time is not None:
            last_time = time
        pinned = bool(day_src) and day_src != "same day"
        if day_src == "same day" and prev_same:
            # the pinned day going on: a continuous scene, or dusk to night, is still that day
            before = next((o for o in reversed(out) if o.index == prev_same), None)
            pinned = before is not None and before.pinned and (bool(continuation) or later_same_day(prev_time, time))
        out.append(SceneTime(scene.index, story_day, day if mode == "main" else None, fb, time, src, why, day_src,
                             continues, 0, fixed=bool(fixed), after=prev_same, elapsed=elapsed,
                             elapsed_words=elapsed_words, elapsed_line=elapsed_line, pinned=pinned))
    out = _with_spans(scenes, out)
    out = _with_calendar(out, _bible_calendar(bible_dates) + calendar)
    return StoryTime(tuple(out), tuple(said), {"max": max_year})


def _num(scenes, index: int | None) -> str:
    if not index:
        return "?"
    s = scenes[index - 1]
    return s.heading.number or str(s.index)


def _with_spans(scenes, times: list[SceneTime]) -> list[SceneTime]:
    parent = list(range(len(times) + 1))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for t, scene in zip(times, scenes):
        if t.continues and is_continuous(scene):
            parent[find(t.index)] = find(t.continues)
    ids: dict[int, int] = {}
    out = []
    for t in times:
        root = find(t.index)
        ids.setdefault(root, len(ids))
        out.append(replace(t, span=ids[root]))
    return out


def _bible_calendar(dates: dict[str, str] | None) -> list[tuple[int, DateSaid]]:
    """The bible's first dated main day as a calendar statement (the rest follow from it)."""
    for label, iso in sorted((dates or {}).items(), key=lambda kv: int(kv[0][1:]) if kv[0][1:].isdigit() else 0):
        try:
            when = date.fromisoformat(iso)
        except ValueError:
            continue
        if label[:1] == "D" and label[1:].isdigit():
            return [(int(label[1:]), DateSaid(when.weekday(), when.month, when.day, when.year,
                                              f"the bible's {label}, {when.isoformat()}"))]
    return []


def bible_days(dates: dict[str, str] | None) -> dict[int, date] | None:
    """The main days the bible's calendar dates, by day number counted from its first, when it dates three or more."""
    dated = []
    for label, iso in (dates or {}).items():
        try:
            dated.append((int(label[1:]), date.fromisoformat(iso)))
        except ValueError:
            continue
    if len(dated) < 3 or not all(label[:1] == "D" for label in dates):
        return None
    first_n, first = min(dated)
    return {first_n + (when - first).days: when for _, when in dated}


def _with_calendar(times: list[SceneTime], calendar: list[tuple[int, DateSaid]]) -> list[SceneTime]:
    """Dates and weekdays of main days, counted from the first day whose date or weekday is stated.

    A date without a year still gives every other day's month and day (``month_day``);
    the weekday comes from the year when one is known, else from a stated weekday.
    """
    full = next(((d, k) for d, k in calendar if k.month and k.day), None)
    wd = next(((d, k) for d, k in calendar if k.weekday is not None), None)
    out = []
    for t in times:
        when = weekday = month_day = None
        if t.day is not None and full is not None:
            d0, k = full
            try:
                shifted = date(k.year or 2001, k.month, k.day) + timedelta(days=t.day - d0)
            except ValueError:
                shifted = None
            if shifted is not None:
                month_day = (shifted.month, shifted.day)
                if k.year:
                    when, weekday = shifted, shifted.weekday()
        if t.day is not None and weekday is None and wd is not None:
            weekday = (wd[1].weekday + t.day - wd[0]) % 7
        out.append(replace(t, date=when, weekday=weekday, month_day=month_day))
    return out


def light_of(t: SceneTime | None) -> str | None:
    """``light``/``dark`` for a scene's time of day (see :func:`continuity.story.time_words.light`)."""
    return light(t.time) if t else None


__all__ = ["SceneTime", "StoryTime", "Said", "read_time", "bible_days", "is_continuous", "parse_day", "light_of", "DAY_RE"]
