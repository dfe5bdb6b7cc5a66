"""Word tables and small readings of :mod:`continuity.checks.prop`'s losses: a thing found with the one who took
it, a negated use, papers there are many of, a thing of an hour, the last owner said of a noun.

``lost`` is a loss as that module keeps it (its ``sentence``, ``obj`` and ``event``).
"""

from __future__ import annotations

import re

from continuity.story.context import Context
from continuity.story.sentences import Sentence


def with_someone_else(ctx: Context, s: Sentence, lost) -> bool:
    """Whether a thing that went missing turns up with people none of whom were there when it went ("The red
    hatbox is gone." from the levered case, then "sits Lindqvist. On the seat beside him, the red leather hatbox")."""
    who = {m.character for m in ctx.reader.mentions(s)} | ({s.speaker} if s.speaker else set())
    prev = ctx.sentences[s.id - 1] if s.id > 0 else None
    if not who and prev is not None and prev.scene == s.scene:
        who = {m.character for m in ctx.reader.mentions(prev)} | ({prev.speaker} if prev.speaker else set())
    then = ctx.presence.of(lost.sentence.scene)
    around = " ".join(x.text for x in ctx.sentences[max(0, lost.sentence.id - 2):lost.sentence.id + 2]
                      if x.scene == lost.sentence.scene)
    return bool(who) and then is not None and not who & set(then.present) and bool(THEFT_RE.search(around))


#: A thing taken by someone unseen: "The lock has been levered ... The red hatbox is gone."
THEFT_RE = re.compile(r"\b(?:stolen|steals?|levered|forced|jimmied|prised|pried|broken into|burgle[sd]?|break-in|"
                       r"ransacked|thie[fv]\w*|someone (?:has )?(?:taken|took)|stands open|smashed open)\b", re.IGNORECASE)


def negated(parse, i: int) -> bool:
    """Whether the clause of the word at ``i`` is negated ("will not be going up", "never touches it")."""
    for a in parse.ancestors(i)[:3]:
        if a.pos in ("VERB", "AUX") and any(c.dep == "neg" for c in parse.children(a.i)):
            return True  # (not "his thermos, not a dent in it": the thing itself, whole)
    return False


#: Papers there are many of: a bare "the letter" just after "an envelope" is brought out is a new one.
PAPERS = frozenset("letter letters note notes page pages sheet sheets form forms receipt receipts ticket tickets "
                    "envelope envelopes telegram telegrams list leaflet leaflets flyer flyers".split())


NEW_PAPER_RE = re.compile(r"\b(?:an?|another|new|fresh|second)\s+(?:[\w-]+\s+){0,2}(?:envelope|letter|note|telegram|"
                           r"page|sheet|form|card)\b", re.IGNORECASE)


#: A thing of an hour or a day, a new one each time: "the three o'clock balloon", "the morning paper".
TIMED_THING_RE = re.compile(r"\b(?:\w+ o'clock|morning|evening|afternoon|noon|midday|dawn|dusk|daily|nightly|"
                             r"weekly|\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.))\s+(?:[\w-]+\s+)?\w+$", re.IGNORECASE)


def last_owner(ctx: Context, lost) -> str | None:
    """Whose the thing was last said to be before a loss that names no owner, within the scene before."""
    rx = re.compile(r"\b(?P<o>his|her|[A-Z][a-z]+(?:'s|\u2019s))\s+(?:[\w-]+\s+){0,3}?" + re.escape(lost.obj.head)
                    + r"(?:s|es)?\b", re.IGNORECASE)
    for x in reversed(ctx.sentences[max(0, lost.sentence.id - 30):lost.sentence.id + 1]):
        m = rx.search(x.text)
        if m is None:
            continue
        o = m.group("o")
        if o.lower() in ("his", "her"):
            return ctx.reader.previous_named(x, "m" if o.lower() == "his" else "f", include_self=True)
        return ctx.cast.surface.get(re.sub(r"(?:'s|\u2019s)$", "", o).upper())
    return None


__all__ = ["NEW_PAPER_RE", "PAPERS", "THEFT_RE", "TIMED_THING_RE", "last_owner", "negated", "with_someone_else"]
