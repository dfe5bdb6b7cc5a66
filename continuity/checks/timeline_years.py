"""Timeline, part four: years told in dialogue that do not add up.

People date their past in speech: "I walked in that door in 1987, twenty-four years
old", "Thirty-seven years I've been in this building", "Carver Bowl. February 2009."
These are read as they are said and checked against each other and the story's year
(the main story's dated supers, else the bible's dated days):

1. **A duration beside a year.** In one speech, a count of years ("Twenty-eight years in
   a coffee can", "five years ago", "for twenty years") and a year in the same or the
   next sentence ("Eighty-seven.", "since 2016", "in '91") must meet at the story's
   year, give or take one.
2. **An age in a year.** "I was twenty-four when I walked in here, in '91" dates the
   speaker's birth. Every such dating of one person, the bible's age, and the age the
   script introduces them at must agree (a year's slack each, for birthdays); the one
   that disagrees with the bible, else the later one, is the slip.
3. **A named past dated twice.** "Carver Bowl. Eleven years ago last February." and,
   elsewhere, "Carver Bowl. February 2009." (a place or event of two or more capitalised
   words, with a year beside it): the two must give the same year.

Flashbacks are skipped: their "now" is not the story's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from continuity.checks.findings import Evidence, Finding
from continuity.checks.timeline_ages import AGE_NUMBER, bible_age, main_year, stated_ages
from continuity.language.lexicon import NUMBER_WORDS
from continuity.story.context import Context
from continuity.story.time_words import number

_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_TWO_DIGITS = rf"(?:(?:{_TENS})(?:[\s-](?:{_UNITS}))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|" \
              rf"eighteen|nineteen|oh[\s-](?:{_UNITS}))"
_YEAR_RES = (
    re.compile(r"(?<![\d$£€,.])(?P<y4>(?:1[89]|20)\d\d)(?![\d,]|s\b|'s\b)"),
    re.compile(r"(?<![\w'])['\u2019](?P<y2>\d\d)(?![\d'\u2019]|s\b)"),
    re.compile(rf"\b(?P<c>eighteen|nineteen|twenty)[\s-]+(?P<r>{_TWO_DIGITS}|hundred)\b", re.IGNORECASE),
    re.compile(rf"\b(?:in|of|since|from|back in)\s+(?P<t>(?:{_TENS})(?:[\s-](?:{_UNITS}))?|oh[\s-](?:{_UNITS}))\b"
               rf"(?![\s-]+(?:years?|minutes?|hours?|days?|weeks?|months?|dollars?|bucks|percent|per\b|of\b|"
               r"thousand|hundred|million))", re.IGNORECASE),
)
#: A year said alone as a sentence: "Eighty-seven."
_FRAGMENT_RE = re.compile(rf"^\s*(?P<t>(?:{_TENS})(?:[\s-](?:{_UNITS}))?|oh[\s-](?:{_UNITS}))\s*[.!]\s*$", re.IGNORECASE)
_COUNT = rf"(?P<n>\d{{1,3}}|(?:{_TENS})(?:[\s-](?:{_UNITS}))?|{_UNITS}|ten|eleven|twelve|thirteen|fourteen|fifteen|" \
         r"sixteen|seventeen|eighteen|nineteen|a hundred)"
_DURATION_RE = re.compile(rf"(?P<pre>\b(?:for|been|spent|all|these|past|last)\s+|^\s*){_COUNT}\s+years?\b"
                          r"(?P<ago>\s+ago)?(?!\s*(?:old|of age|from now|later|younger|older|earlier|apart|between|"
                          r"in prison|inside|to life|to serve|probation))", re.IGNORECASE)
_PERFECT_RE = re.compile(r"\b(?:I've|I have|we've|we have|you've|you have|he's|she's|it's|they've|has|have|now|still)\b",
                         re.IGNORECASE)
_AGO_RE = re.compile(rf"\b{_COUNT}\s+years?\s+ago\b", re.IGNORECASE)
_I_WAS_RE = re.compile(rf"\bI was\s+(?:only\s+|just\s+)?{AGE_NUMBER}(?:\s+years?\s+old)?"
                       r"(?=\s*[.!,;]|\s+(?:when|the\s+(?:day|year|night|summer|winter|spring|autumn|first|last)|in|and|that)\b)",
                       re.IGNORECASE)
#: "Nineteen eighty-two, the year I turned thirty."
_TURNED_RE = re.compile(rf"\b(?:the year|when|the day)\s+I\s+turned\s+{AGE_NUMBER}\b", re.IGNORECASE)
_I_AGED_RE = re.compile(rf"\bI\b[^.!?]*?,\s+{AGE_NUMBER}[\s-]+years?[\s-]+old\b", re.IGNORECASE)
_PROPER_RE = re.compile(r"\b(?P<p>[A-Z][a-z]+(?:\s+(?:of\s+the\s+|of\s+)?[A-Z][a-z]+)+)\b")
_MONTHS = frozenset("january february march april may june july august september october november december monday "
                    "tuesday wednesday thursday friday saturday sunday".split())


@dataclass(frozen=True)
class _Year:
    year: int
    words: str


def years_in(text: str, now: int | None, *, fragments: bool = False) -> list[_Year]:
    """The calendar years ``text`` names: "1987", "'91", "Nineteen sixty-one", "in sixty-nine", "since oh-two"."""
    out: list[_Year] = []
    pivot = now or 2030  # a year said in two digits is the last such year up to now: "'44" in 1998 is 1944
    for rx in _YEAR_RES:
        for m in rx.finditer(text):
            g = m.groupdict()
            if g.get("y4"):
                year = int(g["y4"])
            elif g.get("y2"):
                year = _last_up_to(int(g["y2"]), pivot)
            elif g.get("c"):
                rest = g["r"].lower().replace("oh", "").strip(" -")
                tail = 0 if rest == "hundred" else number(rest)
                century = {"eighteen": 1800, "nineteen": 1900, "twenty": 2000}[g["c"].lower()]
                if tail is None or (century == 2000 and not g["r"].lower().startswith(("oh", "ten", "eleven", "twelve",
                                                                                       "thirteen", "fourteen", "fifteen",
                                                                                       "sixteen", "seventeen", "eighteen",
                                                                                       "nineteen", "twenty"))):
                    continue  # "twenty-five" is a number, not a year
                year = century + tail
            else:
                year = _two_words(g["t"], pivot)
                if year is None:
                    continue
            if not any(y.words == m.group(0) for y in out):
                out.append(_Year(year, m.group(0).strip()))
    if fragments:
        m = _FRAGMENT_RE.match(text)
        if m and (year := _two_words(m.group("t"), pivot)) is not None:
            out.append(_Year(year, m.group("t")))
    return out


def _two_words(words: str, pivot: int) -> int | None:
    """ "sixty-nine" -> 1969, "oh-two" -> 2002 (a year said in two words)."""
    low = words.lower()
    if low.startswith("oh"):
        n = NUMBER_WORDS.get(low[2:].strip(" -"))
        return _last_up_to(n, pivot) if n is not None else None
    n = number(low)
    if n is None or n < 20:
        return None
    return _last_up_to(n, pivot)


def _last_up_to(two: int, now: int) -> int:
    """The year ending in ``two`` (0-99) at or before ``now``: 44 in 1998 is 1944, 91 in 2024 is 1991."""
    century = now // 100 * 100
    return century + two if two <= now % 100 else century - 100 + two


def check(ctx: Context) -> Iterator[Finding]:
    """Yield findings for durations, ages and named pasts whose years do not add up."""
    now = main_year(ctx)
    speeches: dict[int, list] = {}
    for s in ctx.sentences:
        if s.kind == "dialogue" and s.scene > 0 and not ctx.is_flashback(s.scene):
            speeches.setdefault(s.element, []).append(s)
    if now is not None:
        yield from _durations(ctx, speeches, now)
        yield from _named_pasts(ctx, speeches, now)
    yield from _births(ctx, speeches, now)


def _durations(ctx: Context, speeches: dict[int, list], now: int) -> Iterator[Finding]:
    """A count of years beside a year, in one speech, that does not reach the story's year."""
    for sentences in speeches.values():
        for i, s in enumerate(sentences):
            for m in _DURATION_RE.finditer(s.text):
                n = number(m.group("n"))
                if n is None or n < 2 or (m.group("pre").strip().lower() == "for" and not _PERFECT_RE.search(s.text)):
                    continue  # "He came through every January for thirty years": a span in the past, not to now
                near = [x for x in sentences[max(0, i - 1):i + 2]]
                years = {y.year: (y, x) for x in near for y in years_in(x.text, now, fragments=True)
                         if y.year <= now}
                if not years and i == 0 and not any(years_in(x.text, now) for x in sentences):
                    # "SINCE 1961" on the sign, then "Seventy years this store stood here."
                    before = _action_before(ctx, s)
                    years = {y.year: (y, before) for y in years_in(before.text, now) if y.year <= now}
                if len(years) != 1:
                    continue
                (year, (said, where)), = years.items()
                if abs(now - n - year) <= 1:
                    continue
                recount = number(said.words.lower())
                if recount is not None and abs(recount - n) <= 2:
                    continue  # "Forty years I've had that fiddle. Forty-one.": the count said again, not a year
                words = m.group(0).strip()
                yield Finding(
                    category="timeline", severity="warning", scene=s.scene, line=s.line,
                    message=f"{words!r} and {said.words!r} do not meet: {n} years "
                            f"{'before' if m.group('ago') else 'from'} {year if not m.group('ago') else now} is "
                            f"{year + n if not m.group('ago') else now - n}, but the story is in {now}",
                    text=s.text, character=s.speaker, subject=f"{s.speaker} years",
                    evidence=(Evidence(where.text, line=where.line, scene=where.scene),),
                    extra=(("cue", words),),
                )
                break


def _named_pasts(ctx: Context, speeches: dict[int, list], now: int) -> Iterator[Finding]:
    """ "Carver Bowl. Eleven years ago." against "Carver Bowl. February 2009." said elsewhere."""
    dated: dict[str, list[tuple[int, object, str]]] = {}
    sentences = [s for s in ctx.sentences if s.scene > 0]
    for i, s in enumerate(sentences):
        pair = [x for x in sentences[i:i + 2] if x.element == s.element]
        for p in _proper(s.text, ctx):
            for x in pair:
                for y in years_in(x.text, now):
                    dated.setdefault(p, []).append((y.year, x, y.words))
    for speech in speeches.values():
        for i, s in enumerate(speech):
            for m in _AGO_RE.finditer(s.text):
                n = number(m.group("n"))
                if n is None:
                    continue
                names = {p for x in speech[max(0, i - 1):i + 1] for p in _proper(x.text, ctx)}
                for p in names:
                    other = [(y, x, w) for y, x, w in dated.get(p, ()) if x.element != s.element]
                    if not other:
                        continue
                    year, x, w = other[0]
                    if abs(now - n - year) <= 1:
                        continue
                    yield Finding(
                        category="timeline", severity="warning", scene=s.scene, line=s.line,
                        message=f"{p}, {m.group(0).strip()!r}, is {now - n} in a story set in {now}, but line "
                                f"{x.line} dates {p} to {year} ({w!r})",
                        text=s.text, character=s.speaker, subject=f"{p} year",
                        evidence=(Evidence(x.text, line=x.line, scene=x.scene),),
                        extra=(("cue", m.group(0).strip()),),
                    )
                    break


def _proper(text: str, ctx: Context) -> set[str]:
    """Names of two capitalised words or more that are no character's and no date ("Carver Bowl")."""
    out = set()
    for m in _PROPER_RE.finditer(text):
        words = m.group("p").split()
        if any(w.lower() in _MONTHS for w in words) or ctx.cast.surface.get(m.group("p").upper()) or \
                any(ctx.cast.surface.get(w.upper()) for w in words):
            continue
        out.add(m.group("p"))
    return out


def _births(ctx: Context, speeches: dict[int, list], now: int | None) -> Iterator[Finding]:
    """A speaker's age in a year, against their other datings and their age now."""
    said: dict[str, list[tuple[int, object, str]]] = {}
    for sentences in speeches.values():
        for i, s in enumerate(sentences):
            who = s.speaker
            if not who:
                continue
            for m in [*_I_WAS_RE.finditer(s.text), *_I_AGED_RE.finditer(s.text), *_TURNED_RE.finditer(s.text)]:
                age = number(m.group("n"))
                near = sentences[max(0, i - 1):i + 2]
                years = {y.year for x in near for y in years_in(x.text, now)}
                if not years and i == 0:
                    years = {y.year for y in years_in(_action_before(ctx, s).text, now)}  # "BENJI R. '03." / "I was twelve."
                if age is None or len(years) != 1:
                    continue
                said.setdefault(who, []).append((years.pop() - age, s, m.group(0).strip(" ,.")))
    known = stated_ages(ctx) if now else {}
    for who, datings in said.items():
        anchor = None
        bible = bible_age(ctx, who, now) if now else None
        if bible is not None:
            (lo, hi), raw, path = bible
            anchor = (now - (lo + hi) // 2, f"the bible's {raw!r}", Evidence(raw, bible=path))
        elif who in known:
            age, scene, line = known[who]
            anchor = (now - age, f"{who} at {age} in {now}", Evidence(f"{who} ({age})", line=line, scene=scene))
        for k, (born, s, words) in enumerate(datings):
            against = anchor
            if against is None and k > 0:
                b0, s0, w0 = datings[0]
                against = (b0, f"{w0!r} at line {s0.line}", Evidence(s0.text, line=s0.line, scene=s0.scene))
            if against is None or abs(born - against[0]) <= 1:
                continue
            yield Finding(
                category="timeline", severity="error", scene=s.scene, line=s.line,
                message=f"{who}: {words!r} puts {who}'s birth in {born}, but {against[1]} puts it in {against[0]}",
                text=s.text, character=who, subject=f"{who} age",
                evidence=(against[2],),
                extra=(("cue", words),),
            )


@dataclass(frozen=True)
class _Action:
    """The action paragraph just before a speech, as evidence: its text, scene and line."""

    text: str
    scene: int
    line: int


def _action_before(ctx: Context, s) -> _Action:
    """The action paragraph just before a speech, in the same scene (empty when a speech comes between)."""
    scene = ctx.scene(s.scene)
    found = _Action("", s.scene, s.line)
    for el in scene.elements if scene else ():
        if el.line >= s.line:
            break
        if el.kind.name == "ACTION":
            found = _Action(el.text, s.scene, el.line)
        elif el.kind.name == "DIALOGUE":
            found = _Action("", s.scene, s.line)
    return found


__all__ = ["check", "years_in"]
