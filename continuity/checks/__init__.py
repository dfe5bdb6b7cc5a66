"""The registry of checks: one module each, one entry point ``check(ctx)``.

Adding a check: write ``continuity/checks/<name>.py`` with
``def check(ctx: Context) -> Iterator[Finding]`` and add one line below.
"""

from __future__ import annotations

from continuity.checks import appearance, location, name, prop, timeline, voice, wardrobe

CHECKS = {
    "appearance": appearance.check,
    "wardrobe": wardrobe.check,
    "prop": prop.check,
    "name": name.check,
    "timeline": timeline.check,
    "location": location.check,
    "voice": voice.check,
}
