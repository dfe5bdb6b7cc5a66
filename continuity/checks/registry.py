"""The registry of checks: their names, in the order an audit runs them.

Adding a check: write ``continuity/checks/<name>.py`` with
``def check(ctx: Context) -> Iterator[Finding]`` and add one line below.
"""

from __future__ import annotations

from continuity.checks import (
    appearance,
    location,
    name,
    prop,
    prop_look,
    timeline,
    timeline_ages,
    timeline_calendar,
    voice,
    wardrobe,
)


def _props(ctx):
    """Props: lost or destroyed then used (prop), and looks that contradict their canon (prop_look)."""
    yield from prop.check(ctx)
    yield from prop_look.check(ctx)


def _timeline(ctx):
    """Time: light against the time of day (timeline), lapses and weekdays (timeline_calendar), ages (timeline_ages)."""
    yield from timeline.check(ctx)
    yield from timeline_calendar.check(ctx)
    yield from timeline_ages.check(ctx)


CHECKS = {
    "appearance": appearance.check,
    "wardrobe": wardrobe.check,
    "prop": _props,
    "name": name.check,
    "timeline": _timeline,
    "location": location.check,
    "voice": voice.check,
}
