"""Windows boarded over on screen, and glazed again: what light can come through them.

"Plywood is nailed over the front window now", "The long window is now a long blank
rectangle of raw wood", "nail raw pine planks across it": from that line on, the
building's window is boarded, until the script gives it glass again ("New plate glass
in the front window", "a brand-new long window", a glazier). Read once per audit;
the set-dressing check then holds "Noon sun pours through the big front window" in
that span against it.

A building is the part of a heading that two headings share ("EXT. FRONT STREET -
CLARION OFFICE" and "INT. CLARION OFFICE - PRESS ROOM"). Only windows named with the
definite article count ("the front window", "its window"); "the upstairs window" or
"the back window" is another window.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from continuity.story.context import Context
    from continuity.story.sentences import Sentence

_WINDOW = r"(?:window|windowpane|pane|glass|frame|hole|it)"
#: Boards over a window: "Plywood is nailed over the front window", "nail raw pine planks across it".
_BOARDED_RE = re.compile(
    r"\b(?:plywood|planks?|boards?|boarded|boarding|hardboard|chipboard|board(?:s|ed)?\s+up)\b[^.;]{0,60}?"
    rf"\b(?:over|across|on|in|up)\s+(?:the\s+|its\s+|that\s+)?(?:[a-z-]+\s+){{0,3}}{_WINDOW}\b|"
    r"\bwindows?\b[^.;]{0,40}\b(?:boarded|blank rectangle of (?:raw )?wood|plywood)\b", re.IGNORECASE)
#: Glass again: "New plate glass in the front window", "a brand-new long window", "the glazier".
_GLAZED_RE = re.compile(
    r"\b(?:new|brand-new|fresh|replacement)\s+(?:plate[\s-]+)?(?:glass|pane|panes|window|windows|(?:[a-z-]+\s+)?window)\b|"
    r"\bre-?glaz\w*|\bglaziers?\b|\b(?:plywood|boards?|planks?)\s+(?:comes?|came|is|are)\s+(?:down|off)\b|"
    r"\b(?:takes?|pulls?|prises?|prys?|pries)\s+(?:down|off)\s+the\s+(?:plywood|boards?|planks?)\b", re.IGNORECASE)
#: Light coming through a window: "Sunlight pours through the gold-leaf lettering on the front window".
LIGHT_THROUGH_RE = re.compile(
    r"\b(?:sun|sunlight|sunshine|sunrise|sunset|daylight|light|moonlight|moon|dawn|glare|beams?|rays?)\b"
    r"[^.;]{0,40}?\b(?:through|in\s+through|in\s+at)\s+(?:the|its)\s+(?P<mods>(?:[a-z-]+\s+){0,6}?)window\b",
    re.IGNORECASE)
#: Words before "window" that make it another window than the boarded one.
OTHER_WINDOW = frozenset("""upstairs downstairs back rear side kitchen bedroom bathroom attic upper top second other
car truck taxi bus van cab train skylight office""".split())
#: A sentence about the boards themselves: "Through a crack at the plywood's edge: a blade of sunrise".
ABOUT_BOARDS_RE = re.compile(r"\b(?:plywood|boards?|boarded|planks?|cracks?|gaps?|chinks?|slats?)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Boarded:
    """A building's window boarded from one line until it is glazed again (or the end of the script)."""

    building: frozenset[str]
    sentence: Sentence
    until: int | None  # the id of the sentence that glazes it again


def building(ctx: Context, scene_index: int) -> frozenset[str]:
    """The parts of a scene's heading that name where it is ("CLARION OFFICE", "FRONT ROOM")."""
    scene = ctx.scene(scene_index)
    if scene is None:
        return frozenset()
    return frozenset(p.strip() for p in scene.heading.location.upper().split(" - ") if len(p.strip()) > 2)


def boarded(ctx: Context) -> list[Boarded]:
    """Every window boarded over in the script's action, with the line that glazes it again. Read once."""
    return ctx.shared("boarded_windows", lambda: _boarded(ctx))


def _boarded(ctx: Context) -> list[Boarded]:
    events: list[tuple[str, Sentence]] = []
    for s in ctx.sentences:
        if s.kind != "action" or s.scene <= 0 or ctx.is_flashback(s.scene):
            continue
        if _GLAZED_RE.search(s.text):
            events.append(("glazed", s))
        elif _BOARDED_RE.search(s.text):
            events.append(("boarded", s))
    out: list[Boarded] = []
    for i, (kind, s) in enumerate(events):
        if kind != "boarded":
            continue
        where = building(ctx, s.scene)
        if any(b.building & where and (b.until is None or b.until > s.id) for b in out):
            continue  # still boarded from before
        until = next((g.id for k, g in events[i + 1:] if k == "glazed" and building(ctx, g.scene) & where), None)
        out.append(Boarded(where, s, until))
    return out


def boarded_at(ctx: Context, s: Sentence) -> Boarded | None:
    """The boarding in force for the building of sentence ``s`` (after the scene that boards it), if any."""
    where = building(ctx, s.scene)
    for b in boarded(ctx):
        if b.building & where and b.sentence.scene < s.scene and (b.until is None or s.id < b.until):
            return b
    return None


__all__ = ["ABOUT_BOARDS_RE", "Boarded", "LIGHT_THROUGH_RE", "OTHER_WINDOW", "boarded", "boarded_at", "building"]
