"""What the checks understood from a bible's prose: one line per value, for ``studio bible check``.

A writer's bible is prose ("Auburn. SD1: one thick braid to mid-back ... SD2 (scene
13): cuts the braid off"); the checks read it with the same parser as the script.
This report says what they took from each value, in the words of the dimension
and with the scenes a later look holds for, so a writer can see at once what will
be checked and what will not::

    characters.NINA SZABO.attributes.hair: hair colour auburn; hair length long; from sc. 13: hair length short
    characters.RUTH.wardrobe[1]: green cardigan (look: office)
    locations.THE MILL - LOFT.description: no window
    props.tannery coin.description: colour silver
    story_dates: D1 = 2024-03-08 (Friday)

Values the checks take nothing from are listed apart (``unread``), so nothing is
silently ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from continuity.checks.prop_look import bible_looks
from continuity.checks.wardrobe import bible_garments
from continuity.language.lexicon import normalise_age
from continuity.story.context import Context
from continuity.story.people import People
from continuity.story.places import Places

_KEY_WORDS = {
    "hair.colour": "hair colour", "hair.length": "hair length", "hair.style": "hair style", "eyes.colour": "eye colour",
    "beard": "beard", "beard.colour": "beard colour", "moustache": "moustache", "build": "build", "height": "height",
}
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class Reading:
    """What the checks understood from one bible value.

    Attributes:
        path: the value's key path (``characters.NORA.attributes.hair``).
        understood: each thing read, in words (``hair colour auburn``, ``from sc. 9: hair length short``).
    """

    path: str
    understood: tuple[str, ...]


def read_values(ctx: Context) -> tuple[list[Reading], list[str]]:
    """Every bible value the checks read something from, and the paths of the prose values they read nothing from."""
    found: dict[str, list[str]] = {}

    def add(path: str | None, what: str) -> None:
        if path and what not in found.setdefault(path, []):
            found[path].append(what)

    for c in ctx.bible.characters:
        for key in ("age", "born"):
            if c.attributes.get(key):
                add(f"characters.{c.name}.attributes.{key}",
                    f"age {normalise_age(c.attributes[key])}" if key == "age" else f"born {c.attributes[key]}")
    for facts in People.of(ctx).canon.values():
        for f in facts:
            add(f.path, _fact_words(f))
    for w in bible_garments(ctx):
        add(w.path, f"{w.colour} {w.kind}" + (f" (look: {w.look})" if w.look else "")
            + ("" if w.scenes.is_all else f" (scenes {w.scenes})"))
    places = Places.of(ctx)
    for a in places.absent:
        add(a.path, f"no {a.feature}")
    for fx in places.fixtures:
        add(fx.path, f"{fx.kind} {fx.noun} (a fixture of the set)")
    for name, (look, path) in bible_looks(ctx).items():
        parts = [f"colour {look.colour}" if look.colour else "", f"material {look.material}" if look.material else ""]
        add(path, ", ".join(p for p in parts if p))
    for day, iso in sorted(ctx.bible.story_dates.items(), key=lambda kv: (kv[0][:1] == "F", int(kv[0].lstrip("DFB")))):
        add("story_dates", f"{day} = {iso} ({_WEEKDAYS[date.fromisoformat(iso).weekday()]})")
    if ctx.bible.story_days:
        by_day: dict[str, list[str]] = {}
        for scene, day in ctx.bible.story_days.items():
            by_day.setdefault(day, []).append(scene)
        for day, scenes in by_day.items():
            add("story_days", f"{day}: scene{'s' if len(scenes) > 1 else ''} {', '.join(scenes)}")
    readings = [Reading(path, tuple(words)) for path, words in found.items() if words]
    return readings, [p for p in _prose_paths(ctx) if p not in found]


def _fact_words(f) -> str:
    parts = f.key.split(".")
    if parts[0] == "side":  # side.scar.eyebrow = left: "scar on the left eyebrow"
        what = f"{parts[1]} on the {f.value} {parts[2] if len(parts) > 2 else 'side'}"
    elif parts[0] == "state":  # state.arm.bandage = bandaged-right
        what = f"{' '.join(parts[1:])} {f.value}"
    else:
        what = f"{_KEY_WORDS.get(f.key, f.key.replace('.', ' '))} {f.value}"
    if f.source == "bible-later":
        return f"from sc. {f.first}: {what}" if f.first else f"a later look: {what}"
    return f"{what} (until sc. {f.last})" if f.last else what


def _prose_paths(ctx: Context) -> list[str]:
    """The key paths of the bible's prose values a check could read: descriptions, attributes, wardrobe."""
    out: list[str] = []
    for c in ctx.bible.characters:
        if c.description:
            out.append(f"characters.{c.name}.description")
        out += [f"characters.{c.name}.attributes.{k}" for k in c.attributes]
        out += [f"characters.{c.name}.wardrobe[{i}]" for i in range(len(c.wardrobe))]
    for loc in ctx.bible.locations:
        if loc.description:
            out.append(f"locations.{loc.name}.description")
    for p in ctx.bible.props:
        if p.description:
            out.append(f"props.{p.name}.description")
    return out


def readings_text(readings: list[Reading]) -> list[str]:
    """One line per value: ``path: what; what``."""
    return [f"{r.path}: {'; '.join(r.understood)}" for r in readings]


__all__ = ["Reading", "read_values", "readings_text"]
