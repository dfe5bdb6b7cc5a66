"""Timeline, part six: how long someone has been dead, against the year the bible says they died.

Bibles date deaths ("status: died in Blackrake in 1999 aged 41", "late wife June (died
2019)", "was 21 when Luis died in 1999"). People in the story count the years since:
"Dad's been gone nine years", "Luis died twenty years ago", "ten years since June
passed", "He'd have been seventy this year". Each count must meet the story's year (its
dated supers, else the bible's dated days), give or take one.

Who is meant: a name; "Dad", "my father", "your mother" (the speaker's, or the one spoken
to's, by the bible's family words); or "he"/"she" when the bible has only one dead
character of that sex. Flashbacks are skipped: their "now" is not the story's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from continuity.checks.findings import Evidence, Finding
from continuity.checks.timeline_ages import AGE_NUMBER, main_year
from continuity.story.context import Context
from continuity.story.kin import kin_of
from continuity.story.time_words import number

_YEAR = r"(?P<y>(?:1[89]|20)\d\d)"
#: "died in Blackrake in 1999 aged 41", "(died 2019)", "d. 1983", "death: 3 March 1891".
_DIED_RE = re.compile(r"\b(?:died|d\.|death:?|deceased|killed|drowned|passed away)\b[^.;()]{0,40}?\b" + _YEAR +
                      r"(?:[^.;()]{0,20}?\baged?\s+(?P<age>\d{1,3}))?", re.IGNORECASE)
#: "when Luis died in 1999", "Frank died nine years ago (2015)": a death told in another's entry.
_NAMED_DIED_RE = re.compile(r"\b(?P<name>[A-Z][a-z]+)\s+(?:died|was killed|drowned)\b[^.;]{0,30}?\b" + _YEAR)
_COUNT = AGE_NUMBER
_WHO = r"(?P<who>[A-Z][a-z]+|(?:[Mm]y|[Yy]our|[Oo]ur)\s+(?:father|mother|dad|mum|mom|husband|wife|brother|sister|son|daughter))"
_SINCE_RES = (
    # "Dad's been gone nine years", "Frank has been dead for twenty years"
    re.compile(rf"\b{_WHO}(?:'s|\u2019s|\s+has|\s+had)\s+been\s+(?:gone|dead)\s+(?:for\s+|nearly\s+|almost\s+|over\s+)?"
               rf"{_COUNT}\s+years\b"),
    # "Luis died twenty years ago", "June passed nine years ago"
    re.compile(rf"\b{_WHO}\s+(?:died|passed|passed away|drowned|was killed)\s+(?:nearly\s+|almost\s+)?{_COUNT}\s+years\s+"
               r"ago\b"),
    # "ten years since June died"
    re.compile(rf"\b{_COUNT}\s+years\s+since\s+{_WHO}\s+(?:died|passed|went|drowned)\b", re.IGNORECASE),
)
#: "He'd have been seventy this year": the age the dead would be now.
_WOULD_BE_RE = re.compile(rf"\b(?P<who>[A-Z][a-z]+|He|She)(?:'d|\u2019d|\s+would)\s+have\s+been\s+{_COUNT}"
                          r"(?:\s+(?:this|next)\s+(?:year|month|week)|\s+today|\s+now)\b")
_KIN = {"dad": "father", "mum": "mother", "mom": "mother"}


def check(ctx: Context) -> Iterator[Finding]:
    """Yield findings for years since a death that do not meet the bible's year of it."""
    deaths = _deaths(ctx)
    year = main_year(ctx)
    if not deaths or year is None:
        return
    for s in ctx.sentences:
        if s.kind != "dialogue" or s.scene <= 0 or ctx.is_flashback(s.scene):
            continue
        for rx in _SINCE_RES:
            for m in rx.finditer(s.text):
                who = _who(ctx, s, m.group("who"), deaths)
                n = number(m.group("n"))
                if who is None or n is None:
                    continue
                died, _, raw, path = deaths[who]
                if abs((year - died) - n) > 1:
                    yield _finding(ctx, s, m.group(0), who, f"it {n} years since {who} died",
                                   f"the bible has {who} die in {died}, {year - died} years before {year}", raw, path)
        for m in _WOULD_BE_RE.finditer(s.text):
            who = _who(ctx, s, m.group("who"), deaths)
            n = number(m.group("n"))
            if who is None or n is None or deaths[who][1] is None:
                continue
            died, aged, raw, path = deaths[who]
            now = aged + (year - died)
            if abs(now - n) > 1:
                yield _finding(ctx, s, m.group(0), who, f"{who} {n} now",
                               f"the bible has {who} die in {died} aged {aged}, so {now} in {year}", raw, path)


def _deaths(ctx: Context) -> dict[str, tuple[int, int | None, str, str]]:
    """Character (by cue) -> (year of death, age at death or None, the bible's words, their path)."""
    if not ctx.explicit_bible:
        return {}
    out: dict[str, tuple[int, int | None, str, str]] = {}
    told: dict[str, set[int]] = {}
    for c in ctx.bible.characters:
        cue = ctx.cue_of.get(c.name, c.name)
        fields = [(f"characters.{c.name}.attributes.{k}", str(v)) for k, v in c.attributes.items()] + \
            [(f"characters.{c.name}.description", c.description or ""), (f"characters.{c.name}.notes", c.notes or "")]
        for path, text in fields:
            for m in _NAMED_DIED_RE.finditer(text):
                other = ctx.cast.surface.get(m.group("name").upper())
                if other and other != cue:
                    told.setdefault(other, set()).add(int(m.group("y")))
                    out.setdefault(other, (int(m.group("y")), None, m.group(0), path))
            if _NAMED_DIED_RE.search(text) and not re.search(r"\b(?:died|d\.)\b", _NAMED_DIED_RE.sub("", text)):
                continue  # only someone else's death in this field
            m = _DIED_RE.search(text)
            if m and not re.search(r"\b(?:wife|husband|father|mother|son|daughter|brother|sister|parents?)\b",
                                   text[max(0, m.start() - 25):m.start()], re.IGNORECASE):
                # (not "late wife June Pruitt (died 2019)": hers)
                age = int(m.group("age")) if m.group("age") else None
                out[cue] = (int(m.group("y")), age, m.group(0), path)
                told.setdefault(cue, set()).add(int(m.group("y")))
    return {who: v for who, v in out.items() if len(told.get(who, {v[0]})) == 1}


def _who(ctx: Context, s, word: str, deaths: dict) -> str | None:
    """The dead character a word means: a name, a family word of the speaker's or the addressee's, he or she."""
    low = word.lower().split()
    if len(low) == 1 and low[0] in ("he", "she"):
        gender = "m" if low[0] == "he" else "f"
        dead = [w for w in deaths if ctx.cast.gender.get(w) == gender] or (
            list(deaths) if len(deaths) == 1 and ctx.cast.gender.get(next(iter(deaths))) is None else [])
        return dead[0] if len(dead) == 1 else None  # (the one dead man, or the one dead of no known sex)
    if len(low) == 1 and low[0] in ("dad", "mum", "mom"):
        who = kin_of(ctx, s.speaker, _KIN[low[0]]) if s.speaker else None
        return who if who in deaths else None
    if len(low) == 2:
        whose = s.speaker if low[0] in ("my", "our") else None
        who = kin_of(ctx, whose, _KIN.get(low[1], low[1])) if whose else None
        return who if who in deaths else None
    who = ctx.cast.surface.get(word.upper())
    return who if who in deaths else None


def _finding(ctx: Context, s, words: str, who: str, said: str, why: str, raw: str, path: str) -> Finding:
    return Finding(
        category="timeline", severity="error", scene=s.scene, line=s.line,
        message=f"{words!r} makes it {said}, but {why}",
        text=s.text, character=who, subject=f"{who} death", evidence=(Evidence(raw, bible=path),),
        extra=(("cue", words),),
    )
