"""Timeline, part eight: a younger self in a dated past, and a past told just before it is shown.

1. **A younger self in a dated past.** A flashback dated by a super or heading
   (``LOFOTEN, 1999.``) with ``YOUNG MAREN (9)`` in it, in a story whose present is dated
   (``MONDAY 10 OCTOBER 2039``) with ``MAREN (44)`` in it: 44 in 2039 is 4 in 1999, not 9.
   The finding sits on the line that dates the flashback.
2. **A told past.** ``I was twelve`` said just before a flashback that shows the speaker as
   ``YOUNG VERA (15)``.

Ages said in the present are :mod:`continuity.checks.timeline_ages`'s.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from continuity.checks.findings import Evidence, Finding
from continuity.checks.timeline_ages import (
    WAS_RE,
    base_name,
    bible_age,
    line_text,
    main_year,
    stated_ages,
)
from continuity.screenplay.model import Kind
from continuity.story.context import Context
from continuity.story.time_words import number


def check(ctx: Context) -> Iterator[Finding]:
    """Yield findings for younger selves that do not fit the present's ages and years."""
    yield from _dated_pasts(ctx, stated_ages(ctx), main_year(ctx))
    yield from _told_pasts(ctx)


def _dated_pasts(ctx: Context, known: dict, present_year: int | None) -> Iterator[Finding]:
    """A younger self in a dated flashback, against the present age and year (or the bible's birth year)."""
    for t in ctx.story.scenes:
        if not t.is_flashback:
            continue
        scene = ctx.script.scenes[t.index - 1]
        dated = [s for s in ctx.story.said if s.scene == t.index and s.date and s.date.year]
        year, where = (scene.heading.year, None) if scene.heading.year else (
            (dated[0].date.year, dated[0]) if dated else (None, None))
        if year is None:
            continue
        cast = ctx.presence.of(t.index)
        for who, age, line in (cast.ages if cast else ()):
            base = base_name(who)
            if base == who and who not in (cast.young_selves if cast else ()):
                continue
            expected, because, evidence = _expected_then(ctx, base, year, known, present_year)
            if expected is None or abs(expected - age) <= 1:
                continue
            at_line, at_text = (where.line, where.text) if where is not None else (scene.line, scene.heading.text)
            if _bible_year(ctx, t.story_day) == year or _year_told_elsewhere(ctx, year, at_line):
                # the bible dates this past too, or the script names the year elsewhere: the year holds,
                # the age is the slip
                at_line, at_text = line, line_text(ctx, t.index, line) or who
            yield Finding(
                category="timeline", severity="error", scene=t.index, line=at_line,
                message=f"{who} is {age} here, in {year}, but {because} makes {base} {expected} in {year}",
                text=at_text, character=base, subject=f"{base} age",
                evidence=(Evidence(line_text(ctx, t.index, line) or who, line=line, scene=t.index), *evidence),
                extra=(("cue", str(year)),),
            )


def _year_told_elsewhere(ctx: Context, year: int, dating_line: int) -> bool:
    """The script names ``year`` on a line other than the one that dates the flashback ("1995. I was twenty-two")."""
    word = re.compile(rf"(?<![\d'])(?:{year}|'{year % 100:02d})(?!\d)")
    return any(el.line + i != dating_line and word.search(text)
               for scene in ctx.script.scenes for el in scene.elements
               for i, text in enumerate(el.text.split("\n")))


def _bible_year(ctx: Context, story_day: str | None) -> int | None:
    """The year the bible's calendar gives a story day or flashback (``FB1``), if any."""
    iso = ctx.bible.story_dates.get(story_day or "") if ctx.explicit_bible else None
    return int(iso[:4]) if iso else None


def _expected_then(ctx: Context, name: str, year: int, known: dict, present_year: int | None):
    """The age ``name`` should be in ``year``: from the bible's birth year or age, else the script's present."""
    bible = bible_age(ctx, name, present_year)
    if bible is not None and present_year:
        (lo, hi), raw, path = bible
        return (lo + hi) // 2 - (present_year - year), f"the bible's {raw!r}", (Evidence(raw, bible=path),)
    stated = known.get(name)
    if stated is not None and present_year:
        age, scene, line = stated
        return age - (present_year - year), f"{name} at {age} in {present_year} (scene {ctx.scene_number(scene)})", (
            Evidence(line_text(ctx, scene, line) or name, line=line, scene=scene),)
    return None, "", ()


def _told_pasts(ctx: Context) -> Iterator[Finding]:
    """``I was twelve`` just before a flashback that shows the speaker at another age."""
    scenes = ctx.script.scenes
    for t in ctx.story.scenes:
        if not t.is_flashback or t.index < 2 or ctx.is_flashback(t.index - 1):
            continue
        cast = ctx.presence.of(t.index)
        selves = set(cast.young_selves) if cast else set()
        ages = {base_name(w): (a, ln, w if base_name(w) != w else f"YOUNG {w}") for w, a, ln in (cast.ages if cast else ())
                if base_name(w) != w or w in selves}
        if not ages:
            continue
        for el in scenes[t.index - 2].elements:
            if el.kind is not Kind.DIALOGUE or el.character not in ages:
                continue
            for m in WAS_RE.finditer(el.text):
                said = number(m.group("n"))
                shown, line, young = ages[el.character]
                if said is None or abs(said - shown) <= 1:
                    continue
                yield Finding(
                    category="timeline", severity="error", scene=t.index - 1, line=el.line,
                    message=f"{m.group(0).strip(' .!,;')!r}, but the flashback that follows shows {young} at {shown}",
                    text=el.text, character=el.character, subject=f"{el.character} age",
                    evidence=(Evidence(line_text(ctx, t.index, line) or young, line=line, scene=t.index),),
                    extra=(("cue", m.group(0).strip()),),
                )


__all__ = ["check"]
