"""What a season is: a ``series.yaml`` manifest, a folder of episodes, or scripts named in order.

A manifest (validated with pydantic; an error names the file, the line and the key)::

    title: The Salt Road
    bible: bible.yaml                 # the series bible, relative to this file
    episodes:
      - script: ep01.fountain
        title: Low Water
      - script: ep02.fountain
        gap_days: 3                   # three story days after episode 1 ends (default 1)
      - script: ep03.fdx
        continues: true               # picks up where episode 2 stops: no break in story time
      - ep04.fountain                 # a bare file name is an episode too

Episodes are numbered in order from 1 unless an entry gives ``number``. A folder
is a season of its scripts (``.fountain``, ``.spmd``, ``.fdx``, ``.pdf``) in natural
order (``ep2`` before ``ep10``), or of its ``series.yaml`` when it has one.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from continuity.errors import InputError, StudioError

#: The script files a folder's season (or a library) is made of.
SCRIPT_SUFFIXES = (".fountain", ".spmd", ".fdx", ".pdf")
#: The manifest's names in a folder.
MANIFEST_NAMES = ("series.yaml", "series.yml")
MANIFEST_SUFFIXES = (".yaml", ".yml")
#: The most episodes one season may hold.
MAX_EPISODES = 500


@dataclass(frozen=True)
class EpisodeSpec:
    """One episode: its script and what the manifest says about it."""

    path: str
    number: int
    title: str | None = None
    continues: bool = False
    gap_days: int = 1


@dataclass(frozen=True)
class SeasonSpec:
    """A season to audit.

    Attributes:
        episodes: in story order.
        title: the series' title.
        bible: the series bible's path, or None (the episodes' own first descriptions are canon).
        source: what reports call it: the manifest, the folder, or the scripts' names.
    """

    episodes: tuple[EpisodeSpec, ...]
    title: str | None = None
    bible: str | None = None
    source: str = ""

    def to_json(self) -> str:
        """The spec as JSON (what the findings store keeps to audit the season again)."""
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> SeasonSpec:
        """The spec :meth:`to_json` wrote."""
        d = json.loads(text)
        return cls(tuple(EpisodeSpec(**e) for e in d["episodes"]), d.get("title"), d.get("bible"), d.get("source", ""))


class _Episode(BaseModel):
    model_config = ConfigDict(extra="forbid")
    script: str = Field(min_length=1)
    title: str | None = None
    number: int | None = Field(default=None, ge=0)
    continues: bool = False
    gap_days: int | None = Field(default=None, ge=0)


class _Manifest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str | None = None
    bible: str | None = None
    episodes: list[_Episode | str] = Field(min_length=1, max_length=MAX_EPISODES)


def is_manifest(path: Path) -> bool:
    """Whether ``path`` names a manifest (by its extension)."""
    return path.suffix.lower() in MANIFEST_SUFFIXES


def natural_key(name: str) -> list:
    """A sort key that puts ``ep2`` before ``ep10``."""
    return [int(p) if p.isdigit() else p.lower() for p in re.split(r"(\d+)", name)]


def scripts_in(folder: Path) -> list[Path]:
    """The script files directly in ``folder``, in natural order."""
    try:
        found = [p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SCRIPT_SUFFIXES]
    except OSError as exc:
        raise InputError(f"{folder}: cannot list: {exc.strerror or exc}") from None
    return sorted(found, key=lambda p: natural_key(p.name))


def manifest_in(folder: Path) -> Path | None:
    """The folder's ``series.yaml`` (or ``.yml``), if it has one."""
    return next((folder / n for n in MANIFEST_NAMES if (folder / n).is_file()), None)


def season_of(paths: list[Path]) -> SeasonSpec:
    """The season that ``studio audit`` arguments name.

    Args:
        paths: one manifest, one folder, or two or more scripts in story order.

    Raises:
        InputError: nothing to audit, a missing file, a folder among several
            paths, or an invalid manifest.
    """
    if not paths:
        raise InputError("no scripts given: name the episodes, a folder, or a series.yaml")
    if len(paths) == 1 and paths[0].is_dir():
        folder = paths[0]
        manifest = manifest_in(folder)
        if manifest is not None:
            return load_manifest(manifest)
        scripts = scripts_in(folder)
        if not scripts:
            raise InputError(f"{folder}: a directory with no scripts in it ({', '.join(SCRIPT_SUFFIXES)}) and no series.yaml")
        return _numbered(scripts, str(folder))
    if len(paths) == 1 and is_manifest(paths[0]):
        return load_manifest(paths[0])
    for p in paths:
        if p.is_dir():
            raise InputError(f"{p}: a folder among several scripts; name either one folder or the scripts")
        if is_manifest(p):
            raise InputError(f"{p}: a manifest among several scripts; name either the manifest or the scripts")
        if not p.exists():
            raise InputError(f"{p}: no such file")
    if len(paths) > MAX_EPISODES:
        raise InputError(f"{len(paths)} scripts; a season holds at most {MAX_EPISODES}")
    return _numbered(paths, ", ".join(str(p) for p in paths))


def _numbered(scripts: list[Path], source: str) -> SeasonSpec:
    return SeasonSpec(tuple(EpisodeSpec(str(p), i + 1) for i, p in enumerate(scripts)), source=source)


def load_manifest(path: str | Path) -> SeasonSpec:
    """Read and validate a ``series.yaml``; paths in it are relative to its folder.

    Raises:
        InputError: ``"<file>:<line>: <key path>: <problem>"``: invalid YAML, an
            unknown key, a missing script, two episodes with one number...
    """
    from continuity.bible.load import read_yaml
    from continuity.screenplay.io import decode_text, read_bytes

    path = Path(path)
    text = decode_text(read_bytes(path, "manifest"), str(path))
    try:
        data, lines = read_yaml(text, str(path))
    except StudioError as exc:
        raise InputError(str(exc)) from None
    if not isinstance(data, dict):
        raise InputError(f"{path}:1: expected a mapping at top level (title:, bible:, episodes:)")
    try:
        m = _Manifest.model_validate(data)
    except ValidationError as exc:
        raise InputError(_describe(exc, lines, str(path))) from None
    base = path.parent

    def line(*loc) -> int:
        return lines.get(tuple(p if isinstance(p, int) else str(p).lower() for p in loc), 1)

    episodes: list[EpisodeSpec] = []
    seen: dict[int, int] = {}
    for i, entry in enumerate(m.episodes):
        e = _Episode(script=entry) if isinstance(entry, str) else entry
        where = f"{path}:{line('episodes', i)}: episodes[{i}]"
        script = base / e.script
        if not script.is_file():
            raise InputError(f"{where}.script: {e.script} is not a file (paths are relative to {base or '.'})")
        if e.continues and e.gap_days:
            raise InputError(f"{where}: an episode that continues the last has no gap_days")
        if i == 0 and e.continues:
            raise InputError(f"{where}.continues: the first episode has nothing to continue")
        number = e.number if e.number is not None else (episodes[-1].number + 1 if episodes else 1)
        if number in seen:
            raise InputError(f"{where}.number: episode {number} again (episodes[{seen[number]}] has it)")
        seen[number] = i
        episodes.append(EpisodeSpec(str(script), number, e.title, e.continues,
                                    e.gap_days if e.gap_days is not None else (0 if e.continues else 1)))
    bible = None
    if m.bible:
        bible_path = base / m.bible
        if not bible_path.is_file():
            raise InputError(f"{path}:{line('bible')}: bible: {m.bible} is not a file (paths are relative to {base or '.'})")
        bible = str(bible_path)
    return SeasonSpec(tuple(episodes), m.title, bible, str(path))


def _describe(exc: ValidationError, lines: dict[tuple, int], source: str) -> str:
    """The first validation error as ``file:line: key.path: problem``."""
    err = exc.errors()[0]
    loc = tuple(p for p in err.get("loc", ()) if p not in ("_Episode", "str"))
    norm = tuple(p if isinstance(p, int) else str(p).lower() for p in loc)
    line = next((lines[norm[:n]] for n in range(len(norm), -1, -1) if norm[:n] in lines), 1)
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    kind = err.get("type", "")
    if kind == "extra_forbidden":
        model = _Episode if "episodes" in loc else _Manifest
        msg = f"unknown key {loc[-1]!r}; allowed: {', '.join(model.model_fields)}"
    elif kind == "missing":
        msg = "required key is missing"
    else:
        msg = " ".join(str(err.get("msg", "invalid value")).split())
    return f"{source}:{line}: {path or '(top level)'}: {msg}"


__all__ = ["EpisodeSpec", "SeasonSpec", "SCRIPT_SUFFIXES", "MANIFEST_NAMES", "is_manifest", "natural_key",
           "scripts_in", "manifest_in", "season_of", "load_manifest"]
