"""The registry of checks: their names, in the order an audit runs them.

Adding a check: write ``continuity/checks/<name>.py`` with
``def check(ctx: Context) -> Iterator[Finding]`` and add one line below. A check
that runs only when the bible asks for it also goes in :data:`ON_REQUEST`, with a
``requested(bible) -> bool``; an audit leaves it out (and out of the report's
``checks``) otherwise.
"""

from __future__ import annotations

from continuity.checks import (
    address,
    appearance,
    dressing,
    entrances,
    handover,
    lettering,
    location,
    looks,
    markings,
    name,
    prop,
    prop_look,
    prop_owned,
    prop_parts,
    spoken_of,
    style,
    timeline,
    timeline_ages,
    timeline_calendar,
    timeline_deaths,
    timeline_jumps,
    timeline_pasts,
    timeline_roles,
    timeline_weekdays,
    timeline_years,
    voice,
    wardrobe,
    wardrobe_off,
)


def _appearance(ctx):
    """Appearance: looks, sides and the body's state against the state in force (looks), and ages (appearance)."""
    yield from appearance.check(ctx)
    yield from looks.looks(ctx)


def _wardrobe(ctx):
    """Wardrobe: garments that change within continuous time or against the bible, and garments' states."""
    yield from wardrobe.check(ctx)
    yield from looks.garment_states(ctx)
    yield from handover.garments(ctx)
    yield from wardrobe_off.check(ctx)


def _location(ctx):
    """Locations: features in conflicting colours (location), sets against their bible and repaints (dressing), and
    lettering given again with a word slipped (lettering)."""
    yield from location.check(ctx)
    yield from dressing.check(ctx)
    yield from lettering.check(ctx)


def _props(ctx):
    """Props: lost or destroyed then used (prop), looks that contradict their canon (prop_look, prop_owned, prop_parts),
    markings."""
    yield from prop.check(ctx)
    yield from prop_look.check(ctx)
    yield from prop_owned.check(ctx)
    yield from prop_parts.check(ctx)
    yield from markings.check(ctx)
    yield from handover.things(ctx)


def _address(ctx):
    """Names: a character called by a name not theirs (address), named before their entrance or at work where they
    are not (entrances), or spoken of in the third person to their face (spoken_of)."""
    yield from address.check(ctx)
    yield from entrances.check(ctx)
    yield from spoken_of.check(ctx)


def _timeline(ctx):
    """Time: light against the time of day (timeline), lapses and weekdays (timeline_calendar), a weekday
    said with a date (timeline_weekdays), stated jumps
    (timeline_jumps), ages (timeline_ages), younger selves
    (timeline_pasts), years told in speech (timeline_years),
    ages said of a role (timeline_roles), years since a death (timeline_deaths)."""
    yield from timeline.check(ctx)
    yield from timeline_calendar.check(ctx)
    yield from timeline_weekdays.check(ctx)
    yield from timeline_jumps.check(ctx)
    yield from timeline_ages.check(ctx)
    yield from timeline_pasts.check(ctx)
    yield from timeline_years.check(ctx)
    yield from timeline_roles.check(ctx)
    yield from timeline_deaths.check(ctx)


CHECKS = {
    "appearance": _appearance,
    "wardrobe": _wardrobe,
    "prop": _props,
    "name": name.check,
    "address": _address,
    "timeline": _timeline,
    "location": _location,
    "voice": voice.check,
    "style": style.check,
}
#: Checks that run only when the bible asks for them: name -> requested(bible).
ON_REQUEST = {"style": style.requested}


def default_checks(bible) -> list[str]:
    """The checks an audit runs when none are named: every registered one the bible does not leave off."""
    return [n for n in CHECKS if n not in ON_REQUEST or ON_REQUEST[n](bible)]
