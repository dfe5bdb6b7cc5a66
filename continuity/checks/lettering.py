"""Lettering: words on a sign, a plaque or a door, given again with one word or number changed.

Signs are written in capitals ("Stone letters overhead: PUBLIC BATHS 1911.", "the gold
leaf on the window: K. DOBROWSKI & SON"). A later run of capitals of the same number of
words that differs from an earlier one in exactly one of them, by a slip rather than a
new word (a number with one or two digits changed, a word one letter away), contradicts
it: "PUBLIC BATHS 1921" after "PUBLIC BATHS 1911". A sentence that changes lettering on
screen ("paints", "scrapes off", "new sign", "letters") since the first resets it.
Character introductions ("IRIS KEANE (58)") and the cast's names are not lettering.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from rapidfuzz.distance import DamerauLevenshtein

from continuity.checks.findings import Evidence, Finding
from continuity.story.context import Context

#: Two or more words in capitals (digits, "&", initials and apostrophes allowed).
_RUN_RE = re.compile(r"(?<![\w'])((?:[A-Z0-9][A-Z0-9.'&\u2019-]*|&)(?:[ \t]+(?:[A-Z0-9][A-Z0-9.'&\u2019-]*|&|--|\u2014)){1,8})"
                     r"(?![\w'])")
#: What redoes lettering on screen.
_RELETTER_RE = re.compile(r"\b(?:(?:re)?paint(?:s|ing)|scrap(?:es|ing|ed off)|re-?letter\w*|stencils|stencilling|"
                          r"new sign|(?:re-?)?gild(?:s|ing)|chalks|chalking|rubs? out|cross(?:es)? out|corrects|fixes|"
                          r"replaces|rewrites|engraves|engraving|letters? (?:it|them|the)|lettering (?:it|them|the))\b",
                          re.IGNORECASE)
_CALENDAR = frozenset("january february march april may june july august september october november december jan feb "
                      "mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday "
                      "am pm a.m p.m".split())
_SCORE_RE = re.compile(r"\b(?:score\w*|points?|tally|jam|period|quarter|inning\w*|lap\w*|odds|counter|meter|"
                       r"display|clock|timer|readout|ticker|gauge|dial)\b", re.IGNORECASE)
_NOT_SIGN = re.compile(r"^(?:SUPER|TITLE|INSERT|CARD|INTERCUT|FLASHBACK|BACK TO|CUT TO|FADE|MONTAGE|END|CONTINUOUS|"
                       r"LATER|MOMENTS|V\.O|O\.S|CONT'D)\b")


@dataclass(frozen=True)
class _Run:
    words: tuple[str, ...]
    text: str
    sentence: object


def check(ctx: Context) -> Iterator[Finding]:
    """Yield a finding for lettering given again with one word or number slipped."""
    cast = {w for form in ctx.cast.surface for w in form.split()}
    seen: list[_Run] = []
    reported: set[str] = set()
    for s in ctx.sentences:
        if s.kind != "action" or s.scene <= 0 or ctx.is_flashback(s.scene):
            continue
        if _RELETTER_RE.search(s.text):
            seen = [r for r in seen if not _shares(r, s.text)]  # redone on screen: what it says now is new
        for m in _RUN_RE.finditer(s.text):
            text = m.group(1).strip(" -\u2014")
            words = tuple(w.strip(".,;:!?") for w in text.split() if w not in ("--", "\u2014") and w.strip(".,;:!?"))
            letters = sum(c.isalpha() for c in text)
            if len(words) < 2 or letters < 5 or _NOT_SIGN.match(text) or re.match(r"\s*\(", s.text[m.end():]):
                continue  # ("IRIS KEANE (58)": an introduction)
            if all(w.strip(".,'") in cast for w in words if w != "&"):
                continue
            if any(w.lower() in _CALENDAR for w in words) or _SCORE_RE.search(s.text):
                continue  # ("5 NOVEMBER.", a date card; "HELLCATS 162" on a scoreboard: numbers that move on)
            run = _Run(words, text, s)
            for old in seen:
                slip = _one_slip(old.words, words)
                if slip is None or text in reported:
                    continue
                if words[-1] == slip[0] and re.fullmatch(r"\d{1,2}|[IVX]{1,4}", slip[0]) and \
                        re.fullmatch(r"\d{1,2}|[IVX]{1,4}", slip[1]):
                    continue  # "SUNSET RIDERS — 3" after "— 1": reels of a series, each numbered
                reported.add(text)
                yield Finding(
                    category="location", severity="error", scene=s.scene, line=s.line,
                    message=(f"the lettering reads {text!r} here, but {old.text!r} in scene "
                             f"{ctx.scene_number(old.sentence.scene)} ({slip[0]!r} for {slip[1]!r})"),
                    text=s.text, subject=f"lettering {old.text}",
                    evidence=(Evidence(old.sentence.text, line=old.sentence.line, scene=old.sentence.scene),),
                    extra=(("attribute", "lettering"), ("value", text), ("expected", old.text)),
                )
                break
            if not any(r.words == words for r in seen):
                seen.append(run)


def _one_slip(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, str] | None:
    """``(new, old)`` when ``b`` is ``a`` with one word slipped: a number with a digit or two changed, or a word of
    four letters or more one letter away."""
    if len(a) != len(b) or a == b:
        return None
    diff = [(x, y) for x, y in zip(a, b) if x != y]
    if len(diff) != 1:
        return None
    old, new = (w.strip(".,;:!?'") for w in diff[0])
    if old.isdigit() and new.isdigit():
        if len(old) == len(new) and sum(p != q for p, q in zip(old, new)) <= 2:
            return new, old
        return None
    if old.isalpha() and new.isalpha() and min(len(old), len(new)) >= 4 and old[0] == new[0] and \
            DamerauLevenshtein.distance(old, new) == 1:
        return new, old
    return None


def _shares(run: _Run, text: str) -> bool:
    """The sentence names the lettering itself: most of its words ("scrapes '& SON' off the glass" is the sign's)."""
    words = [w.strip(".,;:!?'") for w in run.words if len(w.strip(".,;:!?'")) >= 2]
    upper = set(re.findall(r"[A-Z0-9&'.-]+", text))
    return sum(w in upper for w in words) >= max(1, (len(words) + 1) // 2) or \
        bool(re.search(r"\b(?:the|a|new)\s+(?:\w+\s+)?(?:sign|lettering|letters|plaque)\b", text, re.IGNORECASE)
             and sum(w in upper for w in words) >= 1 and len(words) <= 2)
