"""Reading shot lists: JSON validated with pydantic, errors naming file, line and key.

The JSON is decoded with the standard library, validated by the pydantic models
below (unknown keys are errors, values are normalised: ``close-up`` is ``CU``,
``Push-In`` is ``push in``, ``center`` is ``centre``), then turned into the frozen
dataclasses of :mod:`continuity.visual.shots`. The line of a bad key is found by a small
walk over the (already valid) JSON text, so a message reads
``shots.json:14: shots[2].size: unknown shot size 'MEDUIM' (did you mean 'MS'?)...``.
"""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path
from typing import Annotated, Any, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError

from continuity.errors import InputError
from continuity.screenplay.heading import normalise_time, parse_heading
from continuity.visual.shots import (
    ANGLES,
    FACINGS,
    MOVEMENTS,
    POSES,
    POSITIONS,
    SCHEMA_VERSION,
    SHOTS_FILE,
    SIZES,
    SceneHeading,
    Shot,
    ShotList,
    ShotListError,
    Subject,
)

_SIZE_ALIASES = {
    "EXTREME CLOSE UP": "ECU", "XCU": "ECU", "BCU": "ECU", "BIG CLOSE UP": "ECU",
    "CLOSE UP": "CU", "CLOSEUP": "CU", "CLOSE": "CU",
    "MEDIUM CLOSE UP": "MCU", "MEDIUM CLOSE": "MCU",
    "MEDIUM": "MS", "MID": "MS", "MEDIUM SHOT": "MS", "MID SHOT": "MS", "M": "MS",
    "MEDIUM LONG": "MLS", "MEDIUM WIDE": "MLS", "MWS": "MLS", "COWBOY": "MLS", "MEDIUM LONG SHOT": "MLS",
    "WIDE": "WS", "WIDE SHOT": "WS", "LS": "WS", "LONG": "WS", "LONG SHOT": "WS", "FULL": "WS", "FS": "WS",
    "EXTREME WIDE": "EWS", "EXTREME LONG": "EWS", "ELS": "EWS", "XWS": "EWS", "XLS": "EWS",
    "ESTABLISHING": "EWS",
}
_ANGLE_ALIASES = {
    "eye level": "eye-level", "eye": "eye-level", "eyelevel": "eye-level", "neutral": "eye-level",
    "high angle": "high", "low angle": "low",
    "birds eye": "overhead", "bird's eye": "overhead", "top": "overhead", "top down": "overhead",
    "worms eye": "ground", "worm's eye": "ground", "ground level": "ground",
    "dutch angle": "dutch", "dutch tilt": "dutch", "canted": "dutch",
    "point of view": "pov", "over the shoulder": "ots", "over shoulder": "ots",
}
_MOVEMENT_ALIASES = {
    "none": "static", "locked off": "static", "locked": "static", "fixed": "static",
    "pull back": "pull out", "truck left": "track left", "truck right": "track right",
    "dolly left": "track left", "dolly right": "track right",
    "boom up": "crane up", "boom down": "crane down", "hand held": "handheld",
}
_POSITION_ALIASES = {"center": "centre", "middle": "centre", "screen left": "left", "screen right": "right"}
_FACING_ALIASES = {
    "screen left": "left", "screen right": "right", "front": "camera", "towards camera": "camera",
    "toward camera": "camera", "lens": "camera", "back": "away", "away from camera": "away",
}
_POSE_ALIASES = {
    "stand": "standing", "standing up": "standing", "sit": "sitting", "seated": "sitting", "lie": "lying",
    "lying down": "lying", "kneel": "kneeling", "crouching": "kneeling", "run": "running",
}
_NUMBER_RE = re.compile(r"^[A-Za-z0-9]{1,16}$")
_SEP_RE = re.compile(r"[\s_\-]+")
_SPACE_RE = re.compile(r"\s+")
_MAX_SHOTS = 5000


def _type_name(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected text, got {_type_name(value)}")
    return _SPACE_RE.sub(" ", value).strip()


def _opt_text(value: object) -> str | None:
    if value is None:
        return None
    return _text(value) or None


def _choice(kind: str, canon: tuple[str, ...], aliases: dict[str, str], upper: bool = False):
    lookup = {c.upper() if upper else c: c for c in canon}

    def parse(value: object) -> str:
        if not isinstance(value, str):
            raise ValueError(f"expected text naming the {kind}, got {_type_name(value)}")
        key = _SEP_RE.sub(" ", value.replace("'", "")).strip()
        key = key.upper() if upper else key.lower()
        if key in lookup:
            return lookup[key]
        hyphen = key.replace(" ", "-")
        if hyphen in lookup:
            return lookup[hyphen]
        for alias, target in aliases.items():
            if key == _SEP_RE.sub(" ", alias.replace("'", "")).strip():
                return target
        close = difflib.get_close_matches(key, [*lookup, *aliases], n=1, cutoff=0.6)
        hint = f" (did you mean {aliases.get(close[0], lookup.get(close[0]))!r}?)" if close else ""
        raise ValueError(f"unknown {kind} {value!r}{hint}; expected one of {', '.join(canon)}")

    return parse


def _number(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ValueError(f"expected a shot number like \"3A\" or 12, got {_type_name(value)}")
    text = str(value).strip()
    if not _NUMBER_RE.match(text):
        raise ValueError(f"invalid shot number {value!r}: use letters and digits only, e.g. \"3A\"")
    return text


def _scene_index(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        else:
            raise ValueError(f"expected a scene number (1, 2...), got {_type_name(value)}")
    if value < 1:
        raise ValueError(f"scene numbers start at 1, got {value}")
    return value


def _lens(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, str) and value.strip().lower().endswith("mm"):
        value = value.strip()[:-2].strip()
        value = int(value) if value.isdigit() else value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"expected a focal length in mm (a whole number like 35), got {value!r}")
    if not 4 <= value <= 2000:
        raise ValueError(f"focal length {value} mm is out of range (4 to 2000)")
    return value


def _duration(value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"expected a duration in seconds (a number), got {_type_name(value)}")
    value = float(value)
    if not 0 < value <= 3600:
        raise ValueError(f"duration must be between 0 and 3600 seconds, got {value:g}")
    return value


def _time(value: object) -> str | None:
    if value is None:
        return None
    text = _text(value)
    canon = normalise_time(text) if text else None
    if not canon:
        raise ValueError(f"unknown time of day {value!r}; expected DAY, NIGHT, DAWN, DUSK, MORNING...")
    return canon


def _bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {value!r}")
    return value


def _upper_name(value: object) -> str:
    name = _text(value).upper()
    if not name:
        raise ValueError("name is empty")
    return name


def _list(value: object) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError(f"expected a list, got {_type_name(value)}")
    return value


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Text = Annotated[str, BeforeValidator(_text)]
OptText = Annotated[Union[str, None], BeforeValidator(_opt_text)]


class SubjectModel(_Model):
    """Validates one subject of a shot."""

    name: Annotated[str, BeforeValidator(_upper_name)]
    position: Annotated[str, BeforeValidator(_choice("screen position", POSITIONS, _POSITION_ALIASES))] = "centre"
    facing: Annotated[str, BeforeValidator(_choice("facing", FACINGS, _FACING_ALIASES))] = "camera"
    pose: Annotated[Union[str, None], BeforeValidator(
        lambda v: None if v is None else _choice("pose", POSES, _POSE_ALIASES)(v))] = None
    wardrobe: OptText = None


class ShotModel(_Model):
    """Validates one shot."""

    scene: Annotated[int, BeforeValidator(_scene_index)]
    number: Annotated[str, BeforeValidator(_number)]
    size: Annotated[str, BeforeValidator(_choice("shot size", SIZES, _SIZE_ALIASES, upper=True))]
    angle: Annotated[str, BeforeValidator(_choice("camera angle", ANGLES, _ANGLE_ALIASES))] = "eye-level"
    movement: Annotated[str, BeforeValidator(_choice("camera movement", MOVEMENTS, _MOVEMENT_ALIASES))] = "static"
    lens: Annotated[Union[int, None], BeforeValidator(_lens)] = None
    duration: Annotated[Union[float, None], BeforeValidator(_duration)] = None
    subjects: Annotated[list[SubjectModel], BeforeValidator(_list)] = []
    description: Annotated[str, BeforeValidator(lambda v: "" if v is None else _text(v))] = ""
    dialogue: OptText = None
    location: Annotated[Union[str, None], BeforeValidator(lambda v: None if v is None else (_text(v).upper() or None))] = None
    time: Annotated[Union[str, None], BeforeValidator(_time)] = None
    crosses_line: Annotated[bool, BeforeValidator(_bool)] = False
    notes: OptText = None


class SceneModel(_Model):
    """Validates one entry of the ``scenes`` map."""

    heading: Text = ""
    time: Annotated[Union[str, None], BeforeValidator(_time)] = None
    location: Annotated[Union[str, None], BeforeValidator(lambda v: None if v is None else (_text(v).upper() or None))] = None


class ShotListModel(_Model):
    """Validates a whole shot list file."""

    version: int = SCHEMA_VERSION
    title: Annotated[str, BeforeValidator(lambda v: "" if v is None else _text(v))] = ""
    script: OptText = None
    scenes: dict[str, SceneModel] = {}
    shots: Annotated[list[ShotModel], BeforeValidator(_list)]


# -- reading ------------------------------------------------------------------------------------


def load_shots(path: str | Path) -> ShotList:
    """Read a shot list: a JSON file, or a run folder holding ``shots.json``.

    Raises:
        InputError: the file is missing, unreadable or not UTF-8.
        ShotListError: invalid JSON or an invalid shot list; names the line and key.
    """
    p = Path(path)
    if p.is_dir():
        candidate = p / SHOTS_FILE
        if not candidate.is_file():
            raise InputError(f"{path}: a folder without {SHOTS_FILE}; give a run folder or a shot-list JSON file")
        p = candidate
    from continuity.screenplay.io import decode_text, read_bytes

    return parse_shots(decode_text(read_bytes(p, "shot-list"), str(p)), source=str(p))


def parse_shots(text: str, *, source: str = "<string>") -> ShotList:
    """Parse and validate shot-list JSON.

    Raises:
        ShotListError: ``"<source>:<line>: <key path>: <problem>"`` on one line.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ShotListError(f"{source}:{exc.lineno}: invalid JSON: {exc.msg} (column {exc.colno})") from None
    except RecursionError:
        raise ShotListError(f"{source}: invalid JSON: nested too deeply") from None
    return from_data(data, source=source, text=text)


def from_data(data: Any, *, source: str = "<data>", text: str | None = None) -> ShotList:
    """Validate already-decoded JSON data (``text``, when given, supplies line numbers)."""
    def fail(loc: tuple, msg: str) -> ShotListError:
        line = _line_of(text, loc) if text is not None else None
        where = f"{source}:{line}" if line else source
        return ShotListError(f"{where}: {_format_path(loc)}: {msg}")

    if not isinstance(data, dict):
        raise fail((), f"expected an object with a \"shots\" list, got {_type_name(data)}")
    if isinstance(data.get("shots"), list) and len(data["shots"]) > _MAX_SHOTS:
        raise fail(("shots",), f"too many shots ({len(data['shots'])}; at most {_MAX_SHOTS})")
    try:
        model = ShotListModel.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        first = errors[0]
        more = len(errors) - 1
        suffix = f" (and {more} more error{'s' if more != 1 else ''})" if more else ""
        raise fail(tuple(first.get("loc", ())), _describe(first) + suffix) from None
    if model.version != SCHEMA_VERSION:
        raise fail(("version",), f"unsupported shot-list version {model.version} (this studio reads {SCHEMA_VERSION})")
    if not model.shots:
        raise fail(("shots",), "the shot list has no shots")

    scenes: list[SceneHeading] = []
    for key, sm in model.scenes.items():
        try:
            index = _scene_index(key)
        except ValueError as exc:
            raise fail(("scenes", key), str(exc)) from None
        parsed = parse_heading(sm.heading) if sm.heading else None
        scenes.append(
            SceneHeading(
                index=index,
                heading=sm.heading,
                time=sm.time or (parsed.time if parsed else None),
                location=sm.location or (parsed.location or None if parsed else None),
                setting=parsed.setting if parsed else None,
            )
        )
    scenes.sort(key=lambda s: s.index)
    known = {s.index for s in scenes}

    shots: list[Shot] = []
    seen: dict[str, int] = {}
    for i, sm in enumerate(model.shots):
        key = sm.number.upper()
        if key in seen:
            raise fail(("shots", i, "number"), f"shot number {sm.number!r} is used twice (also shots[{seen[key]}])")
        seen[key] = i
        if known and sm.scene not in known:
            raise fail(("shots", i, "scene"), f"scene {sm.scene} is not in \"scenes\" ({', '.join(map(str, sorted(known)))})")
        names: set[str] = set()
        for j, subj in enumerate(sm.subjects):
            if subj.name in names:
                raise fail(("shots", i, "subjects", j, "name"), f"{subj.name} is in the shot twice")
            names.add(subj.name)
        shots.append(
            Shot(
                scene=sm.scene, number=sm.number, size=sm.size, angle=sm.angle, movement=sm.movement,
                lens=sm.lens, duration=sm.duration,
                subjects=tuple(Subject(s.name, s.position, s.facing, s.pose, s.wardrobe) for s in sm.subjects),
                description=sm.description, dialogue=sm.dialogue, location=sm.location, time=sm.time,
                crosses_line=sm.crosses_line, notes=sm.notes,
            )
        )
    return ShotList(shots=tuple(shots), title=model.title, scenes=tuple(scenes), script=model.script)


def _describe(error: dict) -> str:
    kind = error.get("type", "")
    value = error.get("input")
    loc = tuple(error.get("loc", ()))
    exc = (error.get("ctx") or {}).get("error")
    if kind == "value_error" and exc is not None:
        return " ".join(str(exc).split())
    if kind == "extra_forbidden":
        key = str(loc[-1]) if loc else "?"
        allowed = _allowed_keys(loc[:-1])
        close = difflib.get_close_matches(key, allowed, n=1)
        return f"unknown key {key!r}" + (f" (did you mean {close[0]!r}?)" if close else "") + (
            f"; allowed: {', '.join(allowed)}" if allowed else ""
        )
    if kind == "missing":
        return "required key is missing"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected an object, got {_type_name(value)}"
    if kind == "list_type":
        return f"expected a list, got {_type_name(value)}"
    if kind.startswith("string"):
        return f"expected text, got {_type_name(value)}"
    if kind.startswith("int"):
        return f"expected a whole number, got {value!r}"
    return " ".join(str(error.get("msg", "invalid value")).split())


def _allowed_keys(loc: tuple) -> list[str]:
    strs = [p for p in loc if isinstance(p, str)]
    if not strs:
        return list(ShotListModel.model_fields)
    if strs[-1] == "subjects":
        return list(SubjectModel.model_fields)
    if strs[-1] == "shots":
        return list(ShotModel.model_fields)
    if strs[0] == "scenes":
        return list(SceneModel.model_fields)
    return []


def _format_path(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _line_of(text: str, loc: tuple) -> int | None:
    """The 1-based line of the deepest key/item of ``loc`` found in the JSON ``text``."""
    try:
        lines = _json_lines(text)
    except (ValueError, IndexError, RecursionError):
        return None
    for n in range(len(loc), -1, -1):
        if loc[:n] in lines:
            return lines[loc[:n]]
    return None


_WS_RE = re.compile(r"[ \t\n\r]*")


def _json_lines(text: str) -> dict[tuple, int]:
    """Map each key path of valid JSON ``text`` to the line where its key or item starts."""
    from json.decoder import scanstring

    decoder = json.JSONDecoder()
    lines: dict[tuple, int] = {}

    def line_at(i: int) -> int:
        return text.count("\n", 0, i) + 1

    def skip(i: int) -> int:
        return _WS_RE.match(text, i).end()

    def walk(i: int, path: tuple) -> int:
        i = skip(i)
        lines.setdefault(path, line_at(i))
        ch = text[i]
        if ch == "{":
            i = skip(i + 1)
            if text[i] == "}":
                return i + 1
            while True:
                key, end = scanstring(text, i + 1)
                lines[(*path, key)] = line_at(i)
                i = skip(end)
                i = walk(i + 1, (*path, key))  # past ':'
                i = skip(i)
                if text[i] == "}":
                    return i + 1
                i = skip(i + 1)  # past ','
        if ch == "[":
            i = skip(i + 1)
            if text[i] == "]":
                return i + 1
            n = 0
            while True:
                lines[(*path, n)] = line_at(skip(i))
                i = skip(walk(i, (*path, n)))
                n += 1
                if text[i] == "]":
                    return i + 1
                i += 1
        _, end = decoder.raw_decode(text, i)
        return end

    walk(0, ())
    return lines


__all__ = ["load_shots", "parse_shots", "from_data", "ShotModel", "SubjectModel", "SceneModel", "ShotListModel"]
