"""Fixed story days kept beside a script: ``draft.story.yaml`` next to ``draft.fountain``.

The file holds one mapping, the script's own scene numbers to story days::

    story_days:
      12: D5      # scene 12 is day 5; the scenes after it count on from there
      4A: FB2

The same ``story_days`` key may sit in the bible; the sidecar wins where both name
a scene. Values are checked as the bible checks them (``D<n>``, ``N<n>``, ``FB<n>``).
"""

from __future__ import annotations

from pathlib import Path

import yaml

from continuity.bible.model import _story_days
from continuity.errors import InputError
from continuity.screenplay.io import decode_text, read_bytes

SUFFIX = ".story.yaml"


def sidecar_for(script_path: str | Path) -> Path:
    """The sidecar a script's fixes live in: ``draft.fountain`` -> ``draft.story.yaml``."""
    p = Path(script_path)
    return p.with_name(p.stem + SUFFIX)


def load_story_days(path: str | Path) -> dict[str, str]:
    """The ``story_days`` mapping of a sidecar file (scene number -> ``D5``).

    Raises:
        InputError: the file cannot be read, is not YAML, or holds something other
            than ``story_days`` with valid days.
    """
    source = str(path)
    text = decode_text(read_bytes(path, "story days file"), source)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        raise InputError(f"{source}{where}: not valid YAML ({getattr(exc, 'problem', None) or exc})") from None
    if data is None:
        return {}
    if not isinstance(data, dict) or set(data) - {"story_days"}:
        raise InputError(f"{source}: expected one key, story_days (scene number: D5), e.g. 'story_days: {{12: D5}}'")
    try:
        return _story_days(data.get("story_days"))
    except ValueError as exc:
        raise InputError(f"{source}: story_days: {exc}") from None


def story_days_beside(script_path: str | Path | None) -> dict[str, str]:
    """The fixes in the sidecar next to a script, or nothing when there is none."""
    if not script_path:
        return {}
    p = sidecar_for(script_path)
    return load_story_days(p) if p.is_file() else {}


__all__ = ["SUFFIX", "sidecar_for", "load_story_days", "story_days_beside"]
