"""Timeline, part five: stated jumps against the dates and story days around them.

- **A dated super after a jump** ("THREE WEEKS LATER", then "Monday, May 16") that lands on
  another date than the jump makes.
- **A jump against the bible's story days**: "TWO DAYS LATER" between two scenes the bible's
  calendar puts on one day (unless the jump lands on a day the bible has: its scene numbers may
  count an insert the script does not head).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from continuity.checks.findings import Evidence, Finding
from continuity.checks.timeline_calendar import (
    _card_line,
    _jump_of,
    _loose,
    day_words,
    story_year,
)
from continuity.story.context import Context

#: A jump said loosely: "A FEW DAYS LATER" is no count.
_VAGUE_RE = re.compile(r"\b(?:few|several|couple|some|many|later that|or so)\b", re.IGNORECASE)


def check(ctx: Context) -> Iterator[Finding]:
    """Yield findings for stated jumps that the dates or the bible's story days contradict."""
    yield from _jumped_supers(ctx)
    yield from _jumps_against_bible(ctx)


def _jumped_supers(ctx: Context) -> Iterator[Finding]:
    """A dated super after a stated jump ("THREE WEEKS LATER") that lands on another date than the jump makes."""
    year = story_year(ctx) or 2001
    main = [t for t in ctx.story.scenes if not t.is_flashback]
    for before, t in zip(main, main[1:]):
        jump = _jump_of(ctx, t)
        if jump is None or jump.jump.backward or before.month_day is None or _VAGUE_RE.search(jump.jump.words):
            continue
        days = jump.jump.days
        if days is None or days != int(days) or days < 1:
            continue
        for s in ctx.story.said:
            d = s.date
            if s.scene != t.index or s.where not in ("super", "card") or d is None or not (d.month and d.day):
                continue
            try:
                start = date(year, *before.month_day)
                said = date(d.year or year, d.month, d.day)
            except ValueError:
                continue
            expected = date.fromordinal(start.toordinal() + int(days))
            if said.replace(year=expected.year) == expected or abs((said - expected).days) > 366:
                continue
            if t.fixed and t.month_day == (said.month, said.day):
                continue  # the bible's own day for it ("ONE WEEK LATER" from an earlier day than the scene before)
            prev = next((x for x in ctx.story.said if x.scene == before.index and x.date is not None
                         and x.date.month and x.date.day), None)
            evidence = [Evidence(jump.text, line=jump.line, scene=jump.scene)]
            if prev is not None:
                evidence.append(Evidence(prev.text, line=prev.line, scene=prev.scene))
            yield Finding(
                category="timeline",
                severity="error",
                scene=t.index,
                line=s.line,
                message=f"{d.words!r} says {day_words(said.weekday(), (said.month, said.day))}, but "
                        f"{jump.jump.words!r} after {day_words(start.weekday(), before.month_day)} "
                        f"(scene {ctx.scene_number(before.index)}) makes it "
                        f"{day_words(expected.weekday(), (expected.month, expected.day))}",
                text=s.text,
                subject=f"scene {t.index} day",
                evidence=tuple(evidence),
                extra=(("cue", d.words),),
            )


def _jumps_against_bible(ctx: Context) -> Iterator[Finding]:
    """A stated jump ("TWO DAYS LATER") between two scenes the bible's story days put a different number of days apart."""
    main = [t for t in ctx.story.scenes if not t.is_flashback]
    named = {int(v[1:]) for v in ctx.bible.story_days.values() if v[:1] in "DN" and v[1:].isdigit()}
    for before, t in zip(main, main[1:]):
        if not (before.fixed and t.fixed) or before.day is None or t.day is None:
            continue
        jump = _jump_of(ctx, t)
        if jump is None or jump.jump.backward or _VAGUE_RE.search(jump.jump.words):
            continue
        days = jump.jump.days
        if days is None or days != int(days) or days < 1:
            continue
        apart = t.day - before.day
        if apart == days or (_loose(jump) and abs(apart - days) <= 1) or before.day + int(days) in named:
            continue  # (a day the bible has: its scene numbers may count an insert the script does not head)
        gap = "the same day as" if apart == 0 else f"{apart} day{'s' if abs(apart) != 1 else ''} after"
        line = (_card_line(ctx.script.scenes, t.index, jump.jump.words) if jump.where == "card" else None) or jump.line
        yield Finding(
            category="timeline", severity="error", scene=t.index, line=line,
            message=f"{jump.jump.words!r}, but the bible's story days put scene {ctx.scene_number(t.index)} "
                    f"({t.story_day}) {gap} scene {ctx.scene_number(before.index)} ({before.story_day})",
            text=jump.text, subject=f"scene {t.index} day", evidence=(),
            extra=(("cue", jump.jump.words),),
        )


__all__ = ["check"]
