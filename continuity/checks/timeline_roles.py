"""Timeline, part five: an age said of someone by what they do ("a caretaker who's seventy-four"), or by a look.

People are often talked about by their job or their part in the story, not their name:
"It's a concrete drum with one member of staff and a caretaker who's seventy-four",
"Groom, thirty-eight, no allergies", "the seventy-year-old night porter". When the
bible gives exactly one character that role (``role: Caretaker and projector mechanic``,
``role: groom``), the age is theirs and must agree with the bible's age (or the age the
script introduces them at), as :mod:`continuity.checks.timeline_ages` checks it.

An age the action gives as what a look takes in ("She looks at him: twenty-six and earnest
as a dog.") is the one looked at's. Flashbacks are skipped, and so is an age said of another
time ("who was seventy-four").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from continuity.checks.findings import Finding
from continuity.checks.timeline_ages import AGE_NUMBER, against, main_year, stated_ages
from continuity.story.context import Context
from continuity.story.kin import WORDS as KIN_WORDS
from continuity.story.onlookers import looked_at
from continuity.story.time_words import number

#: Bible keys that say what a character does.
_ROLE_KEYS = frozenset("role job occupation position trade profession work title part".split())
#: Words of a role that name no role of their own.
_NOT_ROLES = frozenset("""and the a an of at in on for with from to by his her their our former retired head senior
junior chief assistant deputy local new old young owner runs works working part time full main man woman men women
girl lady person people child kid teen teenager gentleman fellow twenties thirties forties fifties sixties seventies
eighties nineties years aged late early""".split()) | frozenset(KIN_WORDS)
_AGE = AGE_NUMBER


def check(ctx: Context) -> Iterator[Finding]:
    """Yield findings for ages said of a character by their role that contradict what is known of them."""
    roles = _roles(ctx)
    present_year = main_year(ctx)
    known = stated_ages(ctx)
    yield from _looked_at_ages(ctx, known, present_year)
    if not roles:
        return
    pattern = _patterns(roles)
    for s in ctx.sentences:
        if s.scene <= 0 or ctx.is_flashback(s.scene) or s.kind not in ("dialogue", "action"):
            continue
        for rx in pattern:
            for m in rx.finditer(s.text):
                who = roles.get(m.group("role").lower().rstrip("s"))
                age = number(m.group("n"))
                if who is None or age is None or not 16 <= age <= 110:
                    continue
                if s.speaker == who:
                    continue
                yield from against(ctx, s.scene, s.line, s.text, m.group(0).strip(" ,.;"), who, age, known,
                                   present_year)


#: "She looks at him: twenty-six and earnest as a dog.": the age of the one looked at.
_LOOKED_AGE_RE = re.compile(rf"\b(?:looks?|stares?|glances?|studies|takes?\s+in|sizes?\s+up)\s+(?:up\s+)?(?:at\s+)?"
                            rf"(?:him|her|[A-Z][a-z]+)(?:\s+up)?\s*:\s*{_AGE}(?=\s+and\b|\s*[,.;])", re.IGNORECASE)


def _looked_at_ages(ctx: Context, known: dict, present_year: int | None) -> Iterator[Finding]:
    """An age given as what a look takes in, in the action: the one looked at's."""
    for s in ctx.sentences:
        if s.kind != "action" or s.scene <= 0 or ctx.is_flashback(s.scene):
            continue
        for m in _LOOKED_AGE_RE.finditer(s.text):
            seen, whom = looked_at(ctx, s, m.end())
            age = number(m.group("n"))
            if seen and whom and age is not None and 3 <= age <= 110:
                yield from against(ctx, s.scene, s.line, s.text, m.group(0)[m.group(0).index(":") + 1:].strip(),
                                   whom, age, known, present_year)


def _roles(ctx: Context) -> dict[str, str]:
    """Role word -> the one character (by cue) the bible gives it; words two characters share are left out."""
    if not ctx.explicit_bible:
        return {}
    seen: dict[str, set[str]] = {}
    for ch in ctx.bible.characters:
        cue = ctx.cue_of.get(ch.name, ch.name)
        said = [str(v) for k, v in ch.attributes.items() if k.lower().replace("_", " ").split()[-1:] and
                k.lower().replace("_", " ").split()[-1] in _ROLE_KEYS]
        # a description that opens with the role: "Caretaker and projector mechanic", "The groom; a vet"
        lead = re.split(r"[;,(.:]|\s+(?:who|whose|with|since)\s+", ch.description or "", maxsplit=1)[0]
        if len(lead.split()) <= 6:
            said.append(lead)
        for value in said:
            for word in re.findall(r"[a-z]+", re.split(r"[;(.]", value, maxsplit=1)[0].lower()):
                if len(word) >= 4 and word not in _NOT_ROLES:
                    seen.setdefault(word.rstrip("s"), set()).add(cue)
    return {w: next(iter(c)) for w, c in seen.items() if len(c) == 1}


def _patterns(roles: dict[str, str]) -> tuple[re.Pattern, ...]:
    words = "|".join(sorted((re.escape(w) for w in roles), key=len, reverse=True))
    role = rf"(?P<role>(?:{words})s?)"
    return (
        # "a caretaker who's seventy-four", "the caretaker, seventy-four,"
        re.compile(rf"\b(?:a|an|the|our|your|my|their)\s+(?:[a-z-]+\s+)?{role}(?:\s+who(?:'s|\u2019s| is)\s+|,\s+)"
                   rf"(?:only\s+|nearly\s+|almost\s+|just\s+)?{_AGE}(?=\s*[,.;!?]|\s+and\b|[\s-]+years?[\s-]+old\b)",
                   re.IGNORECASE),
        # "Groom, thirty-eight, no allergies": a list read out
        re.compile(rf"(?:^|[.!?:]\s+){role},\s+{_AGE}(?=\s*[,.;])", re.IGNORECASE),
        # "a seventy-four-year-old caretaker"
        re.compile(rf"\b(?:a|an|the|our|your|my|their)\s+{_AGE}[\s-]+years?[\s-]+old\s+(?:[a-z-]+\s+)?{role}\b",
                   re.IGNORECASE),
    )
