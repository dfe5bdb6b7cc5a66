"""What one scene says about time: its cards, supers, opening, last words, place; and the calendar.

The helpers :func:`continuity.story.time.read_time` reads each scene with, kept
apart from its loop: cards before a heading and supers inside a scene, the
opening of the action (light, clocks), the speech a scene ends on (a story told
into a flashback), the place words of a heading (a past day gone back to), and
dates counted from a dated day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from continuity.screenplay.heading import normalise_time
from continuity.screenplay.model import Element, Kind, Scene
from continuity.story.presence import Presence
from continuity.story.time_words import (
    DateSaid,
    card_text,
    is_super,
    tells_of_the_past,
    time_phrase,
)

_MARKERS = ("CONTINUOUS", "SAME", "LATER")
_CONTINUOUS_RE = re.compile(
    r"\b(CONTINUOUS|CONTINUED|SAME(?: TIME)?|MOMENTS? LATER|SECONDS? LATER|A MOMENT LATER|INTERCUT)\b"
)
_LOC_STOP = frozenset({"THE", "A", "AN", "AT", "OF", "IN", "ON", "BACK", "TO", "AND", "OUTSIDE", "INSIDE", "FRONT",
                       "NEAR", "BY", "ROOM", "HOUSE", "INT", "EXT", "OLD", "NEW", "LITTLE", "BIG", "VARIOUS"})


def is_continuous(scene: Scene) -> bool:
    """The heading says no time passed since the previous scene (CONTINUOUS, SAME, MOMENTS LATER, INTERCUT)."""
    text = " ".join((scene.heading.text.upper(), *scene.heading.qualifiers))
    return scene.heading.time in ("CONTINUOUS", "SAME") or bool(_CONTINUOUS_RE.search(text))


def trailing_cards(scene_or_elements) -> list[str]:
    """Cards after a scene's last speech or action paragraph: they belong to the next scene."""
    elements = scene_or_elements.elements if isinstance(scene_or_elements, Scene) else scene_or_elements
    out: list[str] = []
    for el in reversed(elements):
        if el.kind in (Kind.NOTE, Kind.SECTION, Kind.SYNOPSIS, Kind.PAGE_BREAK):
            continue
        t = card_text(el)
        if t is None or is_super(el):
            break
        out.append(t)
    return list(reversed(out))


def own_cards(scene: Scene) -> list[tuple[Element, str]]:
    """Supers inside a scene, and cards before its last paragraph: they belong to the scene itself."""
    trailing = len(trailing_cards(scene))
    body = scene.elements[: len(scene.elements) - trailing] if trailing else scene.elements
    out = []
    leading = True
    for el in body:
        if el.kind in (Kind.NOTE, Kind.SECTION, Kind.SYNOPSIS, Kind.PAGE_BREAK):
            continue
        t = card_text(el)
        if is_super(el) or el.kind is Kind.CENTERED or (leading and t and el.kind is Kind.ACTION):
            # ("CUT TO:" / "THREE WEEKS LATER" / heading: the card after the cut opens this scene)
            if t:
                out.append((el, t))
        leading = leading and t is not None
    return out


def opening(scene: Scene, n: int = 2) -> str:
    """The first ``n`` action paragraphs of a scene (where light and time are set)."""
    parts = [el.text for el in scene.elements if el.kind is Kind.ACTION and not is_super(el) and card_text(el) is None]
    return " ".join(parts[:n])


def last_action(scene: Scene) -> str:
    for el in reversed(scene.elements):
        if el.kind is Kind.ACTION and card_text(el) is None:
            return el.text
        if el.kind in (Kind.DIALOGUE, Kind.CHARACTER):
            return ""
    return ""


def loc_tokens(scene: Scene) -> frozenset[str]:
    words = re.findall(r"[A-Z][A-Z']+", scene.heading.location.upper())
    return frozenset(w.removesuffix("'S") for w in words if w.removesuffix("'S") not in _LOC_STOP and len(w) > 2)


def heading_time(scene: Scene) -> str | None:
    """The time of day the heading itself names (None for CONTINUOUS, SAME, LATER or none)."""
    h = scene.heading
    for q in h.qualifiers:
        p = time_phrase(q)
        if p and p not in ("DAY", "NIGHT", "MORNING", "AFTERNOON", "EVENING", "DAWN", "DUSK"):
            return p
    if h.time and h.time not in _MARKERS:
        return h.time
    if h.setting is None and h.location:  # a forced heading: "LATER THAT NIGHT" may be all it says
        p = time_phrase(h.location)
        return p
    return None


@dataclass
class PastDay:
    """A past day (an FB number) as seen so far."""

    number: int
    places: list[frozenset[str]] = field(default_factory=list)
    times: set[str] = field(default_factory=set)
    scenes: int = 0
    opened: str = ""  # "light" when a change of light began it


def last_speech(scene: Scene) -> Element | None:
    """The speech a scene ends on (cards after it aside), or None when it ends on action."""
    for el in reversed(scene.elements):
        if el.kind is Kind.DIALOGUE:
            return el
        if el.kind in (Kind.CHARACTER, Kind.PARENTHETICAL, Kind.NOTE, Kind.SECTION, Kind.SYNOPSIS, Kind.PAGE_BREAK):
            continue
        if card_text(el) is not None and not is_super(el):
            continue
        return None
    return None


def told(prev: Scene, scene: Scene, presence: Presence) -> bool:
    """A scene that a story told at the end of the scene before shows: the teller narrates the past,
    and the new place is named in the telling, or the teller is only heard over it."""
    speech = last_speech(prev)
    if speech is None or not tells_of_the_past(speech.text) or is_continuous(scene):
        return False
    words = {w.upper().removesuffix("'S") for w in re.findall(r"[A-Za-z']+", speech.text)}
    if loc_tokens(scene) & words:
        return True
    here, before = presence.of(scene.index), presence.of(prev.index)
    if here is None or before is None or not speech.character:
        return False
    return speech.character in here.heard and not (set(before.present) - {speech.character}) & set(here.present)


def unlinked(a: Scene, b: Scene, presence: Presence) -> bool:
    """Two scenes of the past with nothing to tie them to one day: no place and no one in common but the lead."""
    if loc_tokens(a) & loc_tokens(b):
        return False
    pa, pb = presence.of(a.index), presence.of(b.index)
    common = set(pa.present if pa else ()) & set(pb.present if pb else ())
    return len(common) <= 1


def revisit(days: list[PastDay], scene: Scene, time: str | None, exclude: int | None) -> PastDay | None:
    """An earlier past day with this place and this time of day (an insert went back to it)."""
    places = loc_tokens(scene)
    t = normalise_time(time) if time else None
    if not places or t is None:
        return None
    for d in days:
        if d.number == exclude:
            continue
        if t in d.times and any(p and (places <= p or p <= places) for p in d.places):
            return d
    return None


def _agrees(k: DateSaid, before: list[tuple[int, DateSaid]]) -> bool:
    """Whether a dated day's weekday fits its date as counted from the dated days before it."""
    if k.weekday is None or not (k.month and k.day):
        return True
    for _, e in before:
        if e.weekday is None or not (e.month and e.day):
            continue
        year = k.year or e.year or 2001
        try:
            delta = (date(year, k.month, k.day) - date(e.year or year, e.month, e.day)).days
        except ValueError:
            continue
        if (e.weekday + delta) % 7 != k.weekday:
            return False
    return True


def from_calendar(calendar: list[tuple[int, DateSaid]], dates: list[tuple[DateSaid, str, int]], day: int) -> int | None:
    """The story day a stated date or weekday puts a scene on, from an earlier dated day."""
    if not dates or not calendar:
        return None
    d = dates[0][0]
    for i in range(len(calendar) - 1, -1, -1):
        known_day, k = calendar[i]
        if not _agrees(k, calendar[:i]):
            continue  # a day whose weekday and date disagree with the days before it ("Friday, June 15")
        if d.month and d.day and k.month and k.day:
            year = d.year or k.year or 2001
            try:
                delta = (date(year, d.month, d.day) - date(k.year or year, k.month, k.day)).days
            except ValueError:
                continue
            if delta < 0 and not d.year:
                delta = (date(year + 1, d.month, d.day) - date(year, k.month, k.day)).days
            known = k.weekday if k.weekday is not None else (
                date(k.year or year, k.month, k.day).weekday() if d.year or k.year else None)
            if d.weekday is not None and known is not None and delta >= 0 and (known + delta) % 7 != d.weekday:
                # "Friday, June 15" after "Thursday, June 13": one of the two is a slip; the day is the nearer of
                # the two readings
                delta = min(delta, (d.weekday - known) % 7)
            return known_day + delta
        if d.weekday is not None and k.weekday is not None and d.month is None:
            base = known_day + (d.weekday - k.weekday) % 7
            while base < day:
                base += 7
            return base
    return None




__all__ = ["is_continuous", "trailing_cards", "own_cards", "opening", "last_action", "loc_tokens", "heading_time",
           "PastDay", "last_speech", "told", "unlinked", "revisit", "from_calendar"]
