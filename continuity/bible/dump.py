"""Writing a bible: tidy YAML with empty fields left out, read back equal by :func:`continuity.bible.load.parse_bible`."""

from __future__ import annotations

import math
from typing import Any

import yaml

from continuity.bible.model import Bible, Character, Location, Prop

_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_YamlDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump_bible(bible: Bible) -> str:
    """The bible as tidy YAML (empty fields left out); :func:`parse_bible` reads it back equal."""
    data: dict[str, Any] = {}
    if bible.title:
        data["title"] = bible.title
    if bible.notes:
        data["notes"] = bible.notes
    for section in ("characters", "locations", "props"):
        items = [_entity_data(e) for e in getattr(bible, section)]
        if items:
            data[section] = items
    style = {k: v for k, v in (
        ("palette", _Flow(bible.style.palette)),
        ("aspect_ratio", _ratio_out(bible.style.aspect_ratio)),
        ("tone", bible.style.tone),
        ("notes", bible.style.notes),
        ("tense", bible.style.tense),
        ("camera_directions", bible.style.camera_directions),
        ("heading_forms", list(bible.style.heading_forms)),
        ("tone_examples", list(bible.style.tone_examples)),
        ("tone_check", bible.style.tone_check),
    ) if v or v is False}
    if style:
        data["style"] = style
    if bible.story_days:
        data["story_days"] = dict(bible.story_days)
    if bible.story_dates:
        data["story_dates"] = dict(bible.story_dates)
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def _ratio_out(ratio: float | None) -> float | str | None:
    """``16/9`` as ``"16:9"`` rather than 1.7777777777777777; other ratios as numbers."""
    if ratio is None or len(repr(ratio)) <= 6 or not math.isfinite(ratio * 32):
        return ratio  # (a ratio so large that 32 of it is infinite has no n:d form)
    return next((f"{n}:{d}" for d in range(2, 33) for n in (round(ratio * d),) if n / d == ratio), ratio)


class _Flow(list):
    """A list written in flow style (``[a, b]``)."""


class _FlowDict(dict):
    """A mapping written in flow style (``{a: b}``)."""


class _Dumper(_YamlDumper):  # type: ignore[misc, valid-type]
    pass


_Dumper.add_representer(_Flow, lambda d, v: d.represent_sequence(_SEQ_TAG, list(v), flow_style=True))
_Dumper.add_representer(_FlowDict, lambda d, v: d.represent_mapping(_MAP_TAG, dict(v), flow_style=True))


def _entity_data(e: Character | Location | Prop) -> dict[str, Any]:
    d: dict[str, Any] = {"name": e.name}
    if e.aliases:
        d["aliases"] = _Flow(e.aliases)
    if e.description:
        d["description"] = e.description
    if e.attributes:
        d["attributes"] = _FlowDict(e.attributes)
    if isinstance(e, Character):
        if e.wardrobe:
            items = []
            for w in e.wardrobe:
                item: dict[str, Any] = {"item": w.item}
                if not w.scenes.is_all:
                    item["scenes"] = str(w.scenes)
                if w.notes:
                    item["notes"] = w.notes
                if w.look:
                    item["look"] = w.look
                items.append(_FlowDict(item))
            d["wardrobe"] = items
        if e.introduced_scene is not None:
            d["introduced_scene"] = e.introduced_scene
        if e.introduced_line is not None:
            d["introduced_line"] = e.introduced_line
    if e.notes:
        d["notes"] = e.notes
    return d


__all__ = ["dump_bible"]
