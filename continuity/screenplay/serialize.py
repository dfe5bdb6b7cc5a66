"""A stable plain-data dump of a :class:`Script`, for golden files and debugging.

``script_to_dict`` gives only JSON types (dict, list, str, int, bool, None) with a
fixed key order; element fields that hold their default value are left out, so the
dump stays short. ``lines=False`` leaves out every line number (``line`` of scenes
and elements) and the source, which is how round trips are compared.
"""

from __future__ import annotations

import json
from typing import Any

from continuity.screenplay.model import Element, Heading, Scene, Script


def script_to_dict(script: Script, *, lines: bool = True) -> dict[str, Any]:
    """Return a JSON-ready dict of ``script``.

    Args:
        script: the script to dump.
        lines: include line numbers and ``source``; False to compare two scripts
            modulo positions (e.g. after a write and a re-parse).
    """
    out: dict[str, Any] = {}
    if lines:
        out["source"] = script.source
    out["format"] = script.format
    out["title_page"] = [[k, v] for k, v in script.title_page]
    out["preamble"] = [element_to_dict(e, lines=lines) for e in script.preamble]
    out["scenes"] = [_scene(s, lines) for s in script.scenes]
    return out


def element_to_dict(el: Element, *, lines: bool = True) -> dict[str, Any]:
    """Return a JSON-ready dict of one element (default-valued fields left out)."""
    d: dict[str, Any] = {"kind": el.kind.value, "text": el.text}
    if lines:
        d["line"] = el.line
    if el.character is not None:
        d["character"] = el.character
    if el.extensions:
        d["extensions"] = list(el.extensions)
    if el.dual:
        d["dual"] = True
    if el.depth:
        d["depth"] = el.depth
    return d


def heading_to_dict(h: Heading) -> dict[str, Any]:
    """Return a JSON-ready dict of a scene heading."""
    return {
        "text": h.text,
        "setting": h.setting,
        "location": h.location,
        "time": h.time,
        "qualifiers": list(h.qualifiers),
        "number": h.number,
    }


def _scene(s: Scene, lines: bool) -> dict[str, Any]:
    d: dict[str, Any] = {"index": s.index}
    if lines:
        d["line"] = s.line
    d["heading"] = heading_to_dict(s.heading)
    d["elements"] = [element_to_dict(e, lines=lines) for e in s.elements]
    return d


def dumps_json(script: Script, *, lines: bool = True) -> str:
    """``script_to_dict`` as indented JSON text ending in a newline."""
    return json.dumps(script_to_dict(script, lines=lines), indent=1, ensure_ascii=False) + "\n"
