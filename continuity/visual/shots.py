"""Shot lists: the planned shots of a sequence, as `studio generate` writes them.

A shot list is JSON (documented in the README, "Shot lists")::

    {"version": 1, "title": "The Lighthouse",
     "scenes": {"1": {"heading": "EXT. ISLAND JETTY - DAY"}},
     "shots": [{"scene": 1, "number": "1A", "size": "EWS", "angle": "high",
                "movement": "static", "lens": 24, "duration": 5.0,
                "subjects": [{"name": "MARA", "position": "left", "facing": "right"}],
                "description": "A mail boat noses in.", "crosses_line": false}]}

The domain objects are the frozen dataclasses :class:`Shot`, :class:`Subject`,
:class:`SceneHeading` and :class:`ShotList`. Files are validated with pydantic
(unknown keys are errors); every error is one line naming the file, its line and
the key path, e.g. ``shots.json:14: shots[2].size: unknown shot size 'MEDUIM'``.

Example::

    shots = load_shots("run/shots.json")        # or the run folder itself
    for shot in shots.shots:
        print(shot.number, shot.size, shots.time_of(shot))
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from continuity.errors import StudioError

SIZES = ("ECU", "CU", "MCU", "MS", "MLS", "WS", "EWS")
ANGLES = ("eye-level", "high", "low", "overhead", "ground", "dutch", "pov", "ots")
MOVEMENTS = (
    "static", "pan left", "pan right", "tilt up", "tilt down", "dolly in", "dolly out",
    "push in", "pull out", "track left", "track right", "arc left", "arc right",
    "crane up", "crane down", "zoom in", "zoom out", "handheld", "steadicam",
)
POSITIONS = ("left", "centre", "right")
POSES = ("standing", "sitting", "lying", "kneeling", "running")
FACINGS = ("left", "right", "camera", "away")
SCHEMA_VERSION = 1
SHOTS_FILE = "shots.json"
_MARKERS = ("CONTINUOUS", "SAME", "LATER")
_CONTINUOUS_RE = re.compile(r"\b(?:CONTINUOUS|CONTINUED|SAME(?: TIME)?|MOMENTS? LATER|SECONDS? LATER|INTERCUT)\b")


class ShotListError(StudioError):
    """A shot list file is invalid; the message names the file, line and key."""


# -- the domain objects -----------------------------------------------------------------


@dataclass(frozen=True)
class Subject:
    """A character in frame: where on screen and which way they face.

    Attributes:
        name: as the character cue reads (upper case), e.g. ``MARA``.
        position: screen position, ``left``, ``centre`` or ``right``.
        facing: ``left`` or ``right`` (screen direction of their look or walk),
            ``camera`` or ``away``.
        pose: ``standing``, ``sitting``, ``lying``, ``kneeling`` or ``running``;
            None reads it from the action (:mod:`continuity.visual.staging`).
        wardrobe: what they wear in this shot when it differs from the bible and
            the script (``"red coat"``); None for what those give.
    """

    name: str
    position: str = "centre"
    facing: str = "camera"
    pose: str | None = None
    wardrobe: str | None = None


@dataclass(frozen=True)
class Shot:
    """One planned shot.

    Attributes:
        scene: 1-based scene index in the script.
        number: the shot's stable id (``"3A"``), unique in the list.
        size: ``ECU``, ``CU``, ``MCU``, ``MS``, ``MLS``, ``WS`` or ``EWS``.
        angle: ``eye-level``, ``high``, ``low``, ``overhead``, ``ground``, ``dutch``, ``pov``, ``ots``.
        movement: ``static``, ``pan left``, ``dolly in``, ``push in``... (see :data:`MOVEMENTS`).
        lens: focal length in mm, or None.
        duration: planned length in seconds, or None.
        subjects: the characters in frame, with screen position and facing.
        description: the first line of action the shot covers.
        dialogue: the first line of dialogue, e.g. ``MARA: Thursday!``, or None.
        location: where, when it differs from (or there is no) scene heading.
        time: time of day (``DAY``, ``NIGHT``...); None takes the scene heading's.
        crosses_line: the camera deliberately crosses the 180-degree line here.
        notes: free text for the crew.
    """

    scene: int
    number: str
    size: str
    angle: str = "eye-level"
    movement: str = "static"
    lens: int | None = None
    duration: float | None = None
    subjects: tuple[Subject, ...] = ()
    description: str = ""
    dialogue: str | None = None
    location: str | None = None
    time: str | None = None
    crosses_line: bool = False
    notes: str | None = None

    def subject(self, name: str) -> Subject | None:
        """The subject called ``name`` (any case), or None."""
        key = name.upper()
        return next((s for s in self.subjects if s.name == key), None)


@dataclass(frozen=True)
class SceneHeading:
    """What a shot list knows about a scene.

    Attributes:
        index: 1-based scene index.
        heading: the heading as written, e.g. ``EXT. CLIFF PATH - NIGHT``.
        time: time of day; from the heading unless given (may be ``CONTINUOUS``).
        location: the place; from the heading unless given.
        setting: ``INT``, ``EXT``, ``INT/EXT``... from the heading, or None.
    """

    index: int
    heading: str = ""
    time: str | None = None
    location: str | None = None
    setting: str | None = None


@dataclass(frozen=True)
class ShotList:
    """A sequence of shots, in cutting order, with optional scene headings."""

    shots: tuple[Shot, ...]
    title: str = ""
    scenes: tuple[SceneHeading, ...] = ()
    script: str | None = None

    def scene(self, index: int) -> SceneHeading | None:
        """The heading of scene ``index``, or None when the list has none."""
        return next((s for s in self.scenes if s.index == index), None)

    @property
    def scene_map(self) -> dict[int, SceneHeading]:
        """Scene headings by scene index."""
        return {s.index: s for s in self.scenes}

    def shot(self, number: str | int) -> Shot | None:
        """The shot with this number (any case), or None."""
        key = str(number).upper()
        return next((s for s in self.shots if s.number.upper() == key), None)

    def scene_time(self, index: int) -> str | None:
        """Scene ``index``'s time of day, inheriting through CONTINUOUS/SAME/LATER."""
        prev: str | None = None
        for heading in self.scenes:
            if heading.index > index:
                break
            time = prev if heading.time in _MARKERS else heading.time
            if heading.index == index:
                return time
            prev = time
        return None

    def time_of(self, shot: Shot) -> str | None:
        """The shot's time of day: its own, else its scene's (inherited through CONTINUOUS)."""
        if shot.time and shot.time not in _MARKERS:
            return shot.time
        return self.scene_time(shot.scene)

    def location_of(self, shot: Shot) -> str | None:
        """The shot's location: its own, else its scene heading's."""
        if shot.location:
            return shot.location
        heading = self.scene(shot.scene)
        return heading.location if heading else None

    def spans(self) -> dict[int, int]:
        """A continuous-span id per scene index: a scene headed CONTINUOUS or SAME (or MOMENTS
        LATER) shares the span of the scene before it; every other scene starts a new one."""
        out: dict[int, int] = {}
        span = 0
        indexes = sorted({h.index for h in self.scenes} | {s.scene for s in self.shots})
        for n, index in enumerate(indexes):
            heading = self.scene(index)
            text = " ".join(p for p in (heading.heading, heading.time or "") if p).upper() if heading else ""
            if n and not _CONTINUOUS_RE.search(text):
                span += 1
            out[index] = span
        return out

    def setting_of(self, shot: Shot) -> str | None:
        """``INT``/``EXT``... from the scene heading, or None."""
        heading = self.scene(shot.scene)
        return heading.setting if heading else None


# -- writing ----------------------------------------------------------------------------------------


def shot_to_dict(shot: Shot) -> dict:
    """The JSON form of one shot (every key written, in the documented order)."""
    return {
        "scene": shot.scene,
        "number": shot.number,
        "size": shot.size,
        "angle": shot.angle,
        "movement": shot.movement,
        "lens": shot.lens,
        "duration": shot.duration,
        "subjects": [_subject_dict(s) for s in shot.subjects],
        "description": shot.description,
        "dialogue": shot.dialogue,
        "location": shot.location,
        "time": shot.time,
        "crosses_line": shot.crosses_line,
        "notes": shot.notes,
    }


def _subject_dict(s: Subject) -> dict:
    d: dict[str, Any] = {"name": s.name, "position": s.position, "facing": s.facing}
    if s.pose:
        d["pose"] = s.pose
    if s.wardrobe:
        d["wardrobe"] = s.wardrobe
    return d


def to_dict(shots: ShotList) -> dict:
    """The JSON form of a shot list; :func:`from_data` reads it back equal."""
    scenes = {}
    for s in shots.scenes:
        entry: dict[str, Any] = {"heading": s.heading}
        if s.time:
            entry["time"] = s.time
        if s.location:
            entry["location"] = s.location
        scenes[str(s.index)] = entry
    out: dict[str, Any] = {"version": SCHEMA_VERSION, "title": shots.title}
    if shots.script:
        out["script"] = shots.script
    out["scenes"] = scenes
    out["shots"] = [shot_to_dict(s) for s in shots.shots]
    return out


def dumps(shots: ShotList) -> str:
    """The shot list as JSON text: one key per line, scenes and subjects one per line."""
    def j(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    data = to_dict(shots)
    out = ["{"]
    for key in ("version", "title", "script"):
        if key in data:
            out.append(f"  {j(key)}: {j(data[key])},")
    scenes = [f"    {j(k)}: {j(v)}" for k, v in data["scenes"].items()]
    out.append('  "scenes": {' + ("\n" + ",\n".join(scenes) + "\n  }," if scenes else "},"))
    out.append('  "shots": [')
    for n, shot in enumerate(data["shots"]):
        lines = []
        for key, value in shot.items():
            if key == "subjects" and value:
                items = ",\n".join(f"        {j(v)}" for v in value)
                lines.append(f'      "subjects": [\n{items}\n      ]')
            else:
                lines.append(f"      {j(key)}: {j(value)}")
        out.append("    {\n" + ",\n".join(lines) + "\n    }" + ("," if n < len(data["shots"]) - 1 else ""))
    out.append("  ]")
    out.append("}")
    return "\n".join(out) + "\n"


# Reading and validating shot lists: continuity.visual.shots_json.


__all__ = [
    "Shot", "Subject", "SceneHeading", "ShotList", "ShotListError",
    "SIZES", "ANGLES", "MOVEMENTS", "POSITIONS", "FACINGS", "POSES",
    "to_dict", "dumps", "shot_to_dict",
]
