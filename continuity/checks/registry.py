"""The registry of checks: their names, in the order an audit runs them.

Adding a check: write ``continuity/checks/<name>.py`` with
``def check(ctx: Context) -> Iterator[Finding]`` and add one line below.
"""

from __future__ import annotations

from continuity.checks import address, appearance, location, name, prop, prop_look, timeline, voice, wardrobe


def _props(ctx):
    """Props: lost or destroyed then used (prop), and looks that contradict their canon (prop_look)."""
    yield from prop.check(ctx)
    yield from prop_look.check(ctx)


CHECKS = {
    "appearance": appearance.check,
    "wardrobe": wardrobe.check,
    "prop": _props,
    "name": name.check,
    "address": address.check,
    "timeline": timeline.check,
    "location": location.check,
    "voice": voice.check,
}
