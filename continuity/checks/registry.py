"""The registry of checks: their names, in the order an audit runs them.

Adding a check: write ``continuity/checks/<name>.py`` with
``def check(ctx: Context) -> Iterator[Finding]`` and add one line below.
"""

from __future__ import annotations

from continuity.checks import appearance, location, looks, name, prop, prop_look, timeline, voice, wardrobe


def _appearance(ctx):
    """Appearance: looks, sides and the body's state against the state in force (looks), and ages (appearance)."""
    yield from appearance.check(ctx)
    yield from looks.looks(ctx)


def _wardrobe(ctx):
    """Wardrobe: garments that change within continuous time or against the bible, and garments' states."""
    yield from wardrobe.check(ctx)
    yield from looks.garment_states(ctx)


def _props(ctx):
    """Props: lost or destroyed then used (prop), and looks that contradict their canon (prop_look)."""
    yield from prop.check(ctx)
    yield from prop_look.check(ctx)


CHECKS = {
    "appearance": _appearance,
    "wardrobe": _wardrobe,
    "prop": _props,
    "name": name.check,
    "timeline": timeline.check,
    "location": location.check,
    "voice": voice.check,
}
