"""What each crew task returns: pydantic models (the ``output_pydantic`` of every task).

They are validated input from a model, so every string and list is bounded
(``max_length``): the JSON schema pydantic derives carries ``maxLength`` and
``maxItems``, which the embedded model's grammar enforces while it writes.
Nothing downstream reads free text: :func:`scene_from_draft` and
:func:`shots_from_plan` turn these into the domain model (:mod:`continuity.screenplay.model`,
:mod:`continuity.visual.shots`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, create_model

from continuity.screenplay.heading import parse_heading
from continuity.screenplay.model import Element, Heading, Kind, Scene
from continuity.visual.shots import ANGLES, FACINGS, MOVEMENTS, POSITIONS, SIZES, Shot, Subject

SETTINGS = ("INT", "EXT", "INT/EXT")
TIMES = ("DAY", "NIGHT", "DAWN", "DUSK", "MORNING", "AFTERNOON", "EVENING", "CONTINUOUS", "LATER")
TRANSITIONS = ("CUT TO:", "DISSOLVE TO:", "MATCH CUT TO:", "SMASH CUT TO:", "FADE OUT.")

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=30)]
Short = Annotated[str, StringConstraints(strip_whitespace=True, max_length=160)]

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SPACES_RE = re.compile(r"[ \t]+")
_DASHES_RE = re.compile(r"[\s-]*-[\s-]*")
_NAME_JUNK_RE = re.compile(r"[^A-Z0-9 .'\-]")


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


# -- writer -------------------------------------------------------------------------


class PlannedScene(_Out):
    """One scene of the outline."""

    setting: Literal[SETTINGS] = Field(description="INT, EXT or INT/EXT")  # type: ignore[valid-type]
    location: Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=40)] = Field(
        description="the place as a scene heading writes it, from the bible when it is there")
    time: Literal[TIMES] = Field(description="time of day")  # type: ignore[valid-type]
    characters: list[Name] = Field(default_factory=list, max_length=6, description="who is in the scene (bible names)")
    summary: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=400)] = Field(
        description="what happens, in one or two sentences")


class Outline(_Out):
    """The writer's scene outline of a treatment."""

    title: Annotated[str, StringConstraints(strip_whitespace=True, max_length=80)] = ""
    scenes: list[PlannedScene] = Field(min_length=1, max_length=24)


class Line(_Out):
    """One line of a scene: action (no character) or a speech."""

    kind: Literal["action", "dialogue"]
    character: Annotated[str, StringConstraints(strip_whitespace=True, max_length=30)] = Field(
        default="", description="the speaker (dialogue only), as the bible names them")
    parenthetical: Annotated[str, StringConstraints(strip_whitespace=True, max_length=40)] = ""
    text: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]


class SceneDraft(_Out):
    """A written scene: its lines in order (the heading comes from the scene's facts).

    Code assembles it from :class:`ScenePieces`; it is what the run stores and writes.
    """

    lines: list[Line] = Field(min_length=1, max_length=40)


ActionText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=200)]
SpeechText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=160)]


class ScenePieces(_Out):
    """A scene in small pieces: one action line per beat of the treatment, and what each character says.

    Code assembles the Fountain scene from them (:func:`studio.generation.pieces.assemble`).
    """

    action: list[ActionText] = Field(min_length=1, max_length=12,
                                     description="one present-tense action line per beat, in the beats' order")
    dialogue: dict[str, list[SpeechText]] = Field(default_factory=dict,
                                                  description="per character, what they say out loud")


class PieceFixes(_Out):
    """Replacements for the pieces of a scene that failed a check, in the order they were listed."""

    action: list[ActionText] = Field(default_factory=list, max_length=12)
    dialogue: dict[str, list[SpeechText]] = Field(default_factory=dict)


class ActionBeat(_Out):
    """One action line: what the camera sees for one beat of the treatment."""

    text: ActionText


class Speech(_Out):
    """One line a character says out loud, in their own voice (short: a small model rambles)."""

    line: Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=120)]


# -- shot planner -------------------------------------------------------------------


class PlannedSubject(_Out):
    """A character in frame."""

    name: Name
    position: Literal[POSITIONS] = "centre"  # type: ignore[valid-type]
    facing: Literal[FACINGS] = "camera"  # type: ignore[valid-type]


class PlannedShot(_Out):
    """One shot of a scene."""

    size: Literal[SIZES]  # type: ignore[valid-type]
    angle: Literal[ANGLES] = "eye-level"  # type: ignore[valid-type]
    movement: Literal[MOVEMENTS] = "static"  # type: ignore[valid-type]
    lens: int = Field(default=35, ge=12, le=300, description="focal length in mm")
    duration: float = Field(default=4.0, ge=0.5, le=120, description="seconds")
    subjects: list[PlannedSubject] = Field(default_factory=list, max_length=4)
    description: Short = ""


class ShotPlan(_Out):
    """The shots of one scene, in cutting order."""

    shots: list[PlannedShot] = Field(min_length=1, max_length=12)


# -- editor -------------------------------------------------------------------------


class EditEntry(_Out):
    """The editor's plan for one scene."""

    scene: int = Field(ge=1, le=24, description="the scene's number in the outline")
    target_seconds: int = Field(ge=5, le=900)
    transition: Literal[TRANSITIONS] = "CUT TO:"  # type: ignore[valid-type]
    note: Short = ""


class EditPlan(_Out):
    """Order, pacing and transitions against a target runtime."""

    scenes: list[EditEntry] = Field(min_length=1, max_length=24)


# -- continuity supervisor -----------------------------------------------------------


class RevisionNote(_Out):
    """One instruction to the writer, quoting the evidence."""

    finding: Annotated[str, StringConstraints(strip_whitespace=True, max_length=16)] = Field(
        description="the id of the finding it answers")
    quote: Annotated[str, StringConstraints(strip_whitespace=True, max_length=240)] = Field(
        description="the words of the scene or the bible that show the problem, verbatim")
    instruction: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=240)]


class RevisionNotes(_Out):
    """The continuity supervisor's notes on a scene."""

    notes: list[RevisionNote] = Field(default_factory=list, max_length=8)


# -- into the domain model ----------------------------------------------------------


def clean_text(text: str) -> str:
    """Model text made safe for a screenplay line: no control characters, single spaces."""
    text = _CONTROL_RE.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n".join(_SPACES_RE.sub(" ", part).strip() for part in text.split("\n")).strip()


def clean_name(name: str) -> str:
    """A speaker's name as a character cue writes it (upper case, no markup)."""
    return " ".join(_NAME_JUNK_RE.sub(" ", clean_text(name).upper()).split())


def heading_for(scene: PlannedScene) -> Heading:
    """The scene heading an outline scene asks for, e.g. ``INT. FERRY - CAR DECK - NIGHT``."""
    setting = "INT./EXT." if scene.setting == "INT/EXT" else f"{scene.setting}."
    location = " ".join(_NAME_JUNK_RE.sub(" ", clean_text(scene.location).upper()).split())
    location = _DASHES_RE.sub(" - ", location).strip(" -") or "UNKNOWN"
    heading = parse_heading(f"{setting} {location} - {scene.time}")
    assert heading is not None, (setting, location)
    return heading


def scene_from_draft(index: int, heading: Heading, draft: SceneDraft) -> Scene:
    """The domain scene for a draft (line numbers are set when the script is written out)."""
    elements: list[Element] = []
    seen: set[tuple[str, str]] = set()
    for line in draft.lines:
        text = clean_text(line.text)
        speaker = clean_name(line.character) if line.kind == "dialogue" else ""
        if not text or (speaker, text.lower()) in seen:
            continue  # small models repeat a line word for word; once is enough
        seen.add((speaker, text.lower()))
        if not speaker:
            elements.append(Element(Kind.ACTION, text, 0))
            continue
        elements.append(Element(Kind.CHARACTER, speaker, 0, character=speaker))
        paren = clean_text(line.parenthetical).strip("() ")
        if paren:
            elements.append(Element(Kind.PARENTHETICAL, f"({paren})", 0, character=speaker))
        elements.append(Element(Kind.DIALOGUE, text, 0, character=speaker))
    return Scene(index=index, heading=heading, line=0, elements=tuple(elements))


def shots_from_plan(scene: int, plan: ShotPlan, *, time: str | None = None) -> list[Shot]:
    """Domain shots ``<scene>A``, ``<scene>B``... for a scene's plan."""
    out: list[Shot] = []
    for i, shot in enumerate(plan.shots):
        out.append(Shot(
            scene=scene,
            number=f"{scene}{_letters(i)}",
            size=shot.size,
            angle=shot.angle,
            movement=shot.movement,
            lens=shot.lens,
            duration=round(shot.duration, 1),
            subjects=tuple(
                Subject(name=clean_name(s.name), position=s.position, facing=s.facing)
                for s in _unique_subjects(shot.subjects)
            ),
            description=clean_text(shot.description),
        ))
    return out


def _unique_subjects(subjects: list[PlannedSubject]) -> list[PlannedSubject]:
    seen: set[str] = set()
    out = []
    for s in subjects:
        key = clean_name(s.name)
        if key and key not in seen:
            seen.add(key)
            out.append(s)
    return out


def _letters(i: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


# -- per-run constraints ------------------------------------------------------------
#
# The same models, narrowed for one run: names come from the bible (an enum in the JSON
# schema, so a grammar-constrained model cannot misspell them) and the outline's scene
# count from the treatment. Subclasses keep the base name, so isinstance checks and the
# schema title are unchanged.


@lru_cache(maxsize=64)
def outline_model(characters: tuple[str, ...], locations: tuple[str, ...], scenes: tuple[int, int]) -> type[Outline]:
    """:class:`Outline` whose names are the bible's and whose length is ``scenes`` (min, max)."""
    fields: dict[str, Any] = {}
    if characters:
        fields["characters"] = (list[Literal[characters]], Field(default_factory=list, max_length=6))  # type: ignore[valid-type]
    if locations:
        fields["location"] = (Literal[locations], Field(description="the place, as the bible names it"))  # type: ignore[valid-type]
    scene_model = create_model("PlannedScene", __base__=PlannedScene, **fields) if fields else PlannedScene
    return create_model("Outline", __base__=Outline,
                        scenes=(list[scene_model], Field(min_length=scenes[0], max_length=scenes[1])))  # type: ignore[valid-type]


def _dialogue_model(cast: tuple[str, ...], least: int) -> type[BaseModel]:
    """An object with one list of lines per name of ``cast`` (the names are the JSON keys)."""
    fields: dict[str, Any] = {
        f"c{i}": (list[SpeechText], Field(alias=name, min_length=least, max_length=2))
        for i, name in enumerate(cast)
    }
    return create_model("Dialogue", __base__=_Out, **fields)


@lru_cache(maxsize=256)
def pieces_model(beats: int, cast: tuple[str, ...]) -> type[ScenePieces]:
    """:class:`ScenePieces` with exactly ``beats`` action lines and lines for each of ``cast`` (0 to 2)."""
    fields: dict[str, Any] = {"action": (list[ActionText], Field(min_length=beats, max_length=beats))}
    if cast:
        fields["dialogue"] = (_dialogue_model(cast, 0), ...)
    return create_model("ScenePieces", __base__=ScenePieces, **fields)


@lru_cache(maxsize=256)
def fixes_model(beats: int, cast: tuple[str, ...]) -> type[PieceFixes]:
    """:class:`PieceFixes` with exactly ``beats`` action lines and one or two new lines for each of ``cast``."""
    fields: dict[str, Any] = {"action": (list[ActionText], Field(min_length=beats, max_length=beats))}
    if cast:
        fields["dialogue"] = (_dialogue_model(cast, 1), ...)
    return create_model("PieceFixes", __base__=PieceFixes, **fields)


@lru_cache(maxsize=256)
def beat_model(limit: int) -> type[ActionBeat]:
    """:class:`ActionBeat` whose line is at most ``limit`` characters (a rewrite need not outgrow its beat)."""
    text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=max(20, min(200, limit)))]
    return create_model("ActionBeat", __base__=ActionBeat, text=(text, ...))


def pieces_dict(value: BaseModel) -> dict[str, Any]:
    """``{"action": [...], "dialogue": {NAME: [...]}}`` of a (narrowed) pieces or fixes model."""
    data = value.model_dump(mode="json", by_alias=True)
    return {"action": list(data.get("action", [])),
            "dialogue": {str(k): list(v) for k, v in (data.get("dialogue") or {}).items()}}


@lru_cache(maxsize=256)
def shots_model(cast: tuple[str, ...]) -> type[ShotPlan]:
    """:class:`ShotPlan` that can frame only ``cast``."""
    if not cast:
        return ShotPlan
    subject = create_model("PlannedSubject", __base__=PlannedSubject, name=(Literal[cast], ...))  # type: ignore[valid-type]
    shot = create_model("PlannedShot", __base__=PlannedShot,
                        subjects=(list[subject], Field(default_factory=list, max_length=4)))  # type: ignore[valid-type]
    return create_model("ShotPlan", __base__=ShotPlan, shots=(list[shot], Field(min_length=1, max_length=12)))  # type: ignore[valid-type]
