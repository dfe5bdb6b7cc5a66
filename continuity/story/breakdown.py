"""The one-liner and the breakdown: per scene, its number, heading, time, story day, pages, cast and elements.

What a first AD's one-line schedule and a day-out-of-days start from: scene numbers
as the script gives them (else the index), the time of day and the story day
(:mod:`continuity.story.time`), where the scene starts and how long it is in eighths
of a page (:mod:`continuity.screenplay.pages`), and who is on screen, heard or only
mentioned (:mod:`continuity.story.presence`). The breakdown adds, per scene, what
:func:`scene_elements` reads: extras, props, vehicles, costume changes and physical
states.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from continuity.screenplay.model import Scene, Script
from continuity.screenplay.pages import (
    Pagination,
    eighths_text,
    pagination,
    scene_number,
)
from continuity.story.presence import Presence, SceneCast, read_presence
from continuity.story.props import prop_sheets
from continuity.story.time import SceneTime, StoryTime, read_time
from continuity.story.time_words import WEEKDAYS

if TYPE_CHECKING:
    from continuity.story.context import Context
from continuity.story.dress import Dress
from continuity.story.people import People


@dataclass(frozen=True)
class SceneRow:
    """One line of the one-liner."""

    scene: Scene
    number: str
    when: SceneTime
    page: str | None
    eighths: int | None
    who: SceneCast

    @property
    def time(self) -> str | None:
        """The resolved time of day."""
        return self.when.time

    @property
    def story_day(self) -> str:
        """``D3``, ``N3`` or ``FB2``."""
        return self.when.story_day

    @property
    def cast(self) -> tuple[str, ...]:
        """Who is on screen, speaking or not."""
        return self.who.present

    def to_dict(self) -> dict:
        """The JSON form of ``studio scenes --json``.

        ``story_day`` is the industry notation (it was a bare number before story time
        existed: ``day`` is that number now, null in a flashback); ``time`` is resolved
        through CONTINUOUS, SAME and LATER (the heading's own word is ``heading_time``);
        ``cast`` is ``present``. ``date`` is ISO 8601 (``--11-08`` when the year is not given).
        """
        sc = self.scene
        w = self.when
        return {
            "scene": sc.index,
            "line": sc.line,
            "number": sc.heading.number,
            "heading": sc.heading.text,
            "setting": sc.heading.setting,
            "location": sc.heading.location,
            "time": w.time,
            "story_day": w.story_day,
            "speakers": list(sc.speakers),
            "scene_number": self.number,
            "effective_time": w.time_class,
            "page": self.page,
            "eighths": self.eighths,
            "pages": eighths_text(self.eighths) if self.eighths else None,
            "cast": list(self.who.present),
            "heading_time": sc.heading.time,
            "time_source": w.time_source,
            "why_no_time": w.why_no_time,
            "day": w.day,
            "flashback": w.flashback,
            "day_source": w.day_source,
            "continues": w.continues,
            "date": w.date.isoformat() if w.date else (f"--{w.month_day[0]:02d}-{w.month_day[1]:02d}" if w.month_day else None),
            "weekday": WEEKDAYS[w.weekday].title() if w.weekday is not None else None,
            "present": list(self.who.present),
            "speaking": list(self.who.speaking),
            "heard": list(self.who.heard),
            "mentioned": list(self.who.mentioned),
        }


def one_liner(script: Script, *, pages: Pagination | None = None, story: StoryTime | None = None,
              presence: Presence | None = None, fixes: dict[str, str] | None = None) -> list[SceneRow]:
    """The scene rows of ``script``, in order.

    Args:
        script: the parsed screenplay.
        pages: its pagination (computed when not given).
        story: its story time (read when not given, with ``fixes``).
        presence: who is in each scene (read when not given).
        fixes: ``story_days`` fixes, scene number -> ``D5`` (see :func:`continuity.story.time.read_time`).
    """
    pages = pages or pagination(script)
    presence = presence or read_presence(script)
    story = story or read_time(script, presence, fixes)
    rows = []
    for scene in script.scenes:
        ext = pages.scene(scene.index)
        rows.append(SceneRow(scene, scene_number(scene), story.of(scene.index), ext.page if ext else None,
                             ext.eighths if ext else None, presence.of(scene.index)))
    return rows


def untimed(rows: list[SceneRow]) -> list[SceneRow]:
    """Scenes with no time of day, even after reading continuations, the action and the scenes around."""
    return [r for r in rows if r.time is None]


# -- the breakdown: the one-liner plus what each department needs per scene -----------------------

_VEHICLES = ("car", "cars", "truck", "pickup", "pickup truck", "van", "sedan", "jeep", "suv", "bus", "taxi", "limo",
             "limousine", "motorcycle", "motorbike", "scooter", "bicycle", "tractor", "ambulance", "police car",
             "squad car", "cruiser", "helicopter", "helo", "boat", "ferry", "plane", "airplane", "chevy", "chevrolet",
             "cadillac", "mazda", "lexus", "land rover", "landcruiser", "land cruiser", "volkswagen", "vw", "gti",
             "porsche", "mustang", "convertible", "station wagon", "hearse", "rv", "camper", "lorry", "coupe",
             "rental car", "getaway car", "sports car", "patrol car", "fire engine", "fire engines")
_VEHICLE_RE = re.compile(
    r"(?<!\bas )(?<!\blike )\b(?:a|an|the|his|her|their|its|my|your|[A-Z][a-z]+'s)\s+"
    r"((?:(?!(?:of|the|a|an|in|on|with|and|to|from|at|by|into)\b)[A-Za-z0-9][\w-]*\s+){0,3}?(?:"
    + "|".join(sorted((re.escape(v) for v in _VEHICLES), key=len, reverse=True))
    + r"))\b(?!\s+(?:door|seat|keys?|radio|hook|bed|window|horn|engine|park|ride|trip|ticket))(?!-)",
    re.IGNORECASE,
)
_STATE_RE = re.compile(
    r"\b(soaked(?: through)?|drenched|dripping|sopping|wet|muddy|mud-caked|mud to the \w+|bloody|bloodied|blood down [\w ]+|"
    r"bleeding|bandaged|bandage|bruised|bruises?|black eye|split lip|scab|sling|stitches|scratched up|sunburnt|sunburned|"
    r"sweat-soaked|sweating|filthy|covered in [\w ]+|burn(?:ed|t)? (?:hand|arm|face)|limp(?:s|ing)?|tear-streaked|"
    r"chicken pox|calamine lotion|buzz cut|shoeless|barefoot)\b",
    re.IGNORECASE,
)
_STATE_SKIP_RE = re.compile(r"\b(?:wet (?:bar|suit|nurse)|dripping (?:tap|faucet))\b", re.IGNORECASE)


@dataclass(frozen=True)
class SceneElements:
    """What one scene needs besides its cast, each a tuple of short descriptions in script order.

    Attributes:
        background: extras, the groups the action introduces (``SOLDIERS``, ``CROWD``).
        props: the props of the continuity sheets seen or used in the scene.
        vehicles: picture cars and other vehicles the action names (``black pickup``).
        wardrobe: costume changes that start here (``MARA: Change 2, grey wool sweater``).
        makeup: makeup, hair and physical states (``TEO: soaked through``).
    """

    background: tuple[str, ...] = ()
    props: tuple[str, ...] = ()
    vehicles: tuple[str, ...] = ()
    wardrobe: tuple[str, ...] = ()
    makeup: tuple[str, ...] = ()


def scene_elements(ctx: Context, pages: Pagination | None = None) -> dict[int, SceneElements]:
    """The breakdown's element columns per scene (index -> :class:`SceneElements`): the one place they come from.

    Each column is read from the story layer: extras from :mod:`continuity.story.presence`,
    props from the prop reading (:func:`continuity.story.props.prop_sheets`),
    wardrobe changes from the dress events (:mod:`continuity.story.dress`: what goes
    on and off, with its side), makeup and physical states from the people
    (:mod:`continuity.story.people`: injuries and the side they are on, bandages,
    wet, mud, blood), vehicles from their words in the action.
    """
    pages = pages or pagination(ctx.script)
    props: dict[int, dict[str, None]] = {}
    for sheet in prop_sheets(ctx, pages):
        for e in sheet.entries:
            props.setdefault(e.where.scene, {}).setdefault(sheet.name, None)
    wardrobe: dict[int, dict[str, None]] = {}
    for e in Dress.of(ctx).changes():
        verb = {"on": "puts on", "off": "takes off", "wears": "in", "state": "gets"}.get(e.kind, e.kind)
        side = f" ({e.side})" if e.side else ""
        wardrobe.setdefault(e.scene, {}).setdefault(f"{e.character}: {verb} {e.item}{side}", None)
    vehicles: dict[int, dict[str, None]] = {}
    makeup: dict[int, dict[str, None]] = {}
    for s in ctx.sentences:
        if s.scene <= 0 or s.kind != "action":
            continue
        for m in _VEHICLE_RE.finditer(s.text):
            vehicles.setdefault(s.scene, {}).setdefault(" ".join(m.group(1).split()).lower(), None)
    # makeup and physical states: injuries with their side, bandages, wet, mud and blood, from the story's people
    for st in People.of(ctx).statements:
        scene = st.sentence.scene
        if st.key.startswith("side.injury.") or st.key.startswith("side.scar") or st.key == "side.eye":
            what = st.key.removeprefix("side.").replace("injury.", "injured ").replace(".", " ")
            makeup.setdefault(scene, {}).setdefault(f"{st.character}: {what} ({st.value})", None)
        elif st.key.startswith("state.") and st.value not in ("clean", "dry", "bare", "bare-one"):
            what = st.key.rsplit(".", 1)[-1]
            label = {"wet": "wet", "dirt": "muddy", "stain": "stained", "bandage": st.value.replace("-", " "),
                     "bruise": "bruised"}.get(what, st.value)
            makeup.setdefault(scene, {}).setdefault(f"{st.character}: {label}", None)
    out = {}
    for scene in ctx.script.scenes:
        i = scene.index
        cast = ctx.presence.of(i)
        out[i] = SceneElements(
            tuple(cast.background) if cast else (), tuple(props.get(i, {})), tuple(vehicles.get(i, {})),
            tuple(wardrobe.get(i, {})), tuple(makeup.get(i, {})),
        )
    return out


def _state_owner(ctx: Context, s, start: int) -> str | None:
    """The character a physical state at ``start`` belongs to: the one named before it, else the pronoun's."""
    named = [m for m in ctx.reader.mentions(s) if m.end <= start and not m.possessive] or \
        [m for m in ctx.reader.mentions(s) if m.end <= start]
    if named:
        return named[-1].character
    m = re.search(r"\b(he|she|him|her|his)\b", s.text[:start], re.IGNORECASE)
    if m:
        gender = "m" if m.group(1).lower() in ("he", "him", "his") else "f"
        return ctx.reader.previous_named(s, gender)
    return None


@dataclass(frozen=True)
class BreakdownRow:
    """A scene of the breakdown: its one-liner row and its elements."""

    row: SceneRow
    elements: SceneElements


def breakdown(ctx: Context, *, pages: Pagination | None = None) -> list[BreakdownRow]:
    """The breakdown of ``ctx``'s script: one row per scene with cast, extras, props, vehicles, wardrobe, makeup."""
    pages = pages or pagination(ctx.script)
    rows = one_liner(ctx.script, pages=pages, story=ctx.story, presence=ctx.presence)
    elements = scene_elements(ctx, pages)
    return [BreakdownRow(r, elements.get(r.scene.index, SceneElements())) for r in rows]


__all__ = ["SceneRow", "one_liner", "untimed", "SceneElements", "scene_elements", "BreakdownRow", "breakdown"]
