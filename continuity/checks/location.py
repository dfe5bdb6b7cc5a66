"""Locations: a feature of a place described with conflicting attributes.

A location's features (``door: blue`` in the bible, or the first ``the blue door``
the script mentions in a scene there) must keep their colour in every scene at
that location. Only definite references count ("the red door", "its red door"):
"a red door" may be another door.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from continuity.audit import Context
from continuity.findings import Evidence, Finding
from continuity.lexicon import COLOUR_GROUP, COLOURS

FEATURES = (
    "door", "doors", "front door", "walls", "wall", "wallpaper", "curtains", "drapes", "shutters", "roof",
    "carpet", "rug", "sofa", "couch", "armchair", "table", "lamp", "lampshade", "fence", "gate", "shutters",
    "awning", "sign", "neon sign", "mailbox", "floor", "tiles", "ceiling", "bedspread", "tablecloth", "stairs",
    "staircase", "railing", "banister", "window frames", "trim", "paint", "porch", "mural",
)
_FEATURE_RE = re.compile(
    r"\b(?:the|its|this)\s+(?:(?:old|heavy|peeling|faded|battered|chipped|worn|iron|wooden|steel|rusted|rusty|painted|narrow|small|big|great)\s+){0,2}"
    r"(?P<c>" + "|".join(COLOURS) + r")\s+(?:(?:painted|iron|wooden|steel|metal|velvet|leather|brick)\s+)?"
    r"(?P<f>" + "|".join(sorted(map(re.escape, set(FEATURES)), key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)


def _feature(word: str) -> str:
    w = word.lower()
    return {"doors": "door", "front door": "door", "wall": "walls", "drapes": "curtains", "couch": "sofa",
            "staircase": "stairs", "banister": "railing"}.get(w, w)


def check(ctx: Context) -> Iterator[Finding]:
    """Yield location findings."""
    canon: dict[tuple[str, str], object] = {}
    for loc in ctx.bible.locations:
        for attr, value in loc.attributes.items():
            colour = COLOUR_GROUP.get(str(value).lower().split()[-1]) if str(value).strip() else None
            if colour:
                canon[(loc.name, _feature(attr))] = ("bible", colour, f"locations.{loc.name}.attributes.{attr}", value)
    for s in ctx.sentences:
        if s.kind != "action" or s.scene == 0:
            continue
        scene = ctx.scene(s.scene)
        for m in _FEATURE_RE.finditer(s.text):
            feature = _feature(m.group("f"))
            colour = COLOUR_GROUP.get(m.group("c").lower(), m.group("c").lower())
            places = [loc.name for loc in ctx.bible.locations_for(scene.heading.location)] or [scene.heading.location]
            for place in places:
                key = (place, feature)
                known = canon.get(key)
                if known is None:
                    if place == scene.heading.location:
                        canon[key] = ("script", colour, s)
                    continue
                if known[0] == "bible":
                    _, bcolour, path, raw = known
                    if bcolour != colour:
                        yield _finding(s, place, feature, colour, f"the bible has {raw!r}", Evidence(str(raw), bible=path), "error")
                    break
                _, first_colour, first = known
                if first_colour != colour and first.scene != s.scene:
                    yield _finding(
                        s, place, feature, colour, f"it was {first_colour} in scene {first.scene}",
                        Evidence(first.text, line=first.line, scene=first.scene), "warning",
                    )
                break


def _finding(s, place: str, feature: str, colour: str, why: str, evidence: Evidence, severity: str) -> Finding:
    return Finding(
        category="location",
        severity=severity,
        scene=s.scene,
        line=s.line,
        message=f"the {feature} at {place} is {colour} here, but {why}",
        text=s.text,
        subject=f"{place}.{feature}",
        evidence=(evidence,),
    )
