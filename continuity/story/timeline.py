"""Story time: effective time of day per scene, continuous spans, story days."""

from __future__ import annotations

import re

from continuity.screenplay.model import Scene

LIGHT = {"DAY", "MORNING", "AFTERNOON"}
DARK = {"NIGHT"}
_INHERIT = {"CONTINUOUS", "SAME", "LATER"}
_CONTINUOUS_RE = re.compile(
    r"\b(CONTINUOUS|CONTINUED|SAME(?: TIME)?|MOMENTS? LATER|SECONDS? LATER|A MOMENT LATER|INTERCUT)\b"
)
_NEW_DAY_RE = re.compile(
    r"\b(NEXT (?:DAY|MORNING|NIGHT|EVENING|AFTERNOON)|DAYS? LATER|WEEKS? LATER|MONTHS? LATER|YEARS? LATER|"
    r"THE FOLLOWING (?:DAY|MORNING)|ANOTHER DAY|TOMORROW)\b"
)


def light(time: str | None) -> str | None:
    """``light`` for daytime, ``dark`` for night, None for dawn/dusk/evening/unknown."""
    if time in LIGHT:
        return "light"
    if time in DARK:
        return "dark"
    return None


def is_continuous(scene: Scene) -> bool:
    """The heading says no time passed since the previous scene."""
    return scene.heading.time in ("CONTINUOUS", "SAME") or bool(
        _CONTINUOUS_RE.search(" ".join((scene.heading.text.upper(), *scene.heading.qualifiers)))
    )


def effective_times(scenes: tuple[Scene, ...] | list[Scene]) -> list[str | None]:
    """Each scene's time of day, inheriting through CONTINUOUS, SAME and LATER."""
    out: list[str | None] = []
    prev: str | None = None
    for scene in scenes:
        t = scene.heading.time
        if t in _INHERIT or t is None:
            t = prev if (t is not None or is_continuous(scene)) else None
        out.append(t)
        if t is not None:
            prev = t
    return out


def story_days(scenes: tuple[Scene, ...] | list[Scene]) -> list[int | None]:
    """A story-day number per scene of the main timeline (None for flashbacks).

    A new day starts when the heading says so (``NEXT MORNING``, ``DAYS LATER``) or
    when time goes from night (or evening) back to morning/day without a
    continuity marker.
    """
    times = effective_times(scenes)
    days: list[int | None] = []
    day = 1
    prev: str | None = None
    for scene, t in zip(scenes, times):
        if scene.heading.is_flashback:
            days.append(None)
            continue
        text = " ".join((scene.heading.text.upper(), *scene.heading.qualifiers))
        if days and (
            _NEW_DAY_RE.search(text)
            or (prev in ("NIGHT", "EVENING", "DUSK") and t in ("DAWN", "MORNING", "DAY") and not is_continuous(scene))
        ):
            day += 1
        days.append(day)
        if t is not None:
            prev = t
    return days


def continuous_spans(scenes: tuple[Scene, ...] | list[Scene]) -> list[int]:
    """A span id per scene: consecutive scenes linked by CONTINUOUS/SAME share one."""
    spans: list[int] = []
    span = 0
    for i, scene in enumerate(scenes):
        if i and not is_continuous(scene):
            span += 1
        spans.append(span)
    return spans
