"""Where each subject of a shot is in the frame: one geometry for drawing and for checking.

The storyboard renderer draws every figure where :func:`place_subjects` puts it,
and the identity check measures a character's colours in the boxes the same
function gives (:meth:`Placement.torso_box`, :meth:`Placement.head_box`), on our
own panels and on real stills alike. So what the renderer draws and what the
checker reads cannot drift apart.

A figure is built in *head units* ``h`` from the top of a standing adult's head
(``y = 0``) down to the feet (``y = 7.5``); the shot size fixes ``h`` and where the
head sits (:data:`FRAMING`), the blocking fixes ``x``, the pose the figure's
height (:data:`POSE_HEIGHT`), and the character's figure preset its height,
build and head size.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from continuity.visual.identity import Figure

if TYPE_CHECKING:
    from continuity.visual.shots import Shot

Box = tuple[float, float, float, float]

# Full-figure height (fraction of frame height) and where the top of the head sits.
# None for the top: the figure stands on the ground (wide shots).
FRAMING = {
    "EWS": (0.13, None), "WS": (0.42, None), "MLS": (1.2, 0.10), "MS": (2.1, 0.10),
    "MCU": (2.9, 0.10), "CU": (4.6, 0.08), "ECU": (9.0, -0.22),
}
HORIZON = {"eye-level": 0.55, "high": 0.33, "low": 0.78, "ground": 0.9, "dutch": 0.55, "pov": 0.52, "ots": 0.55}
POSITION_X = {"left": 0.28, "centre": 0.5, "right": 0.72}
TOPDOWN_HEAD = {"EWS": 0.035, "WS": 0.07, "MLS": 0.1, "MS": 0.13, "MCU": 0.17, "CU": 0.22, "ECU": 0.34}
#: Height of the figure in head units, from the top of the head to the floor, per pose.
POSE_HEIGHT = {"standing": 7.5, "sitting": 5.6, "kneeling": 5.5, "running": 7.2, "lying": 1.0}
#: Zoom of the set behind the figures per shot size (features grow as the camera closes in).
SET_ZOOM = {"EWS": 0.8, "WS": 1.0, "MLS": 1.35, "MS": 1.8, "MCU": 2.4, "CU": 3.2, "ECU": 4.5}
STANDING = 7.5
#: An insert's object (no one in frame): its head unit as a fraction of the frame height, per shot size.
INSERT_UNIT = {"ECU": 0.9, "CU": 0.62, "MCU": 0.46}


@dataclass(frozen=True)
class Placement:
    """One subject in the frame, in pixels of the frame it was placed in.

    Attributes:
        name: the subject's name.
        x: centre line of the figure (for ``lying``: of the body's length).
        top: where a standing adult's head top would be (the local origin, ``y = 0``).
        h: the head unit in pixels.
        facing: ``left``, ``right``, ``camera`` or ``away``.
        pose: ``standing``, ``sitting``, ``lying``, ``kneeling`` or ``running``.
        figure: the character's preset (build widens, head enlarges).
        overhead: seen from above (a disc for the head, an ellipse for the shoulders).
        floor: the floor line under the figure, in pixels (for props set down beside it).
    """

    name: str
    x: float
    top: float
    h: float
    facing: str
    pose: str
    figure: Figure
    overhead: bool = False
    floor: float = 0.0

    @property
    def direction(self) -> float:
        """+1 facing right (or the camera), -1 facing left."""
        return -1.0 if self.facing == "left" else 1.0

    def point(self, lx: float, ly: float) -> tuple[float, float]:
        """A local point (head units; ``x`` mirrored by the facing) in frame pixels; a lying figure turned."""
        d = self.direction if self.facing in ("left", "right") else 1.0
        if self.pose == "lying":
            # the figure turned a quarter onto the floor: head toward -d, the body's width upright
            return self.x + d * (ly - 3.75) * self.h, self.floor - 1.05 * self.h + lx * self.h
        return self.x + lx * d * self.h, self.top + ly * self.h

    @property
    def head_top(self) -> float:
        """The real top of the head in pixels (a larger head reaches higher)."""
        if self.overhead:
            return self.top - 1.0 * self.h
        return self.box((-0.4, 1 - self.figure.head), (0.4, 1 - self.figure.head))[1]

    def box(self, a: tuple[float, float], b: tuple[float, float]) -> Box:
        """The pixel box spanned by two local corners (any order, any turn)."""
        pts = [self.point(*a), self.point(*b), self.point(a[0], b[1]), self.point(b[0], a[1])]
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        return min(xs), min(ys), max(xs), max(ys)

    def torso_box(self) -> Box:
        """The core of the torso, where the garment worn over it shows and nothing else is drawn."""
        if self.overhead:
            px, py = self._across()
            cx, cy = self.x + px * 1.45 * self.h, self.top + py * 1.45 * self.h
            r = 0.32 * self.h
            return cx - r, cy - r, cx + r, cy + r
        frontal = self.facing in ("camera", "away") or self.pose == "lying"
        w = (0.5 if frontal else 0.26) * self.figure.build
        lean = 0.12 if self.pose == "running" else 0.0
        return self.box((lean - w, 1.32), (lean + w, 2.55))

    def head_box(self) -> Box:
        """The top of the head: the hair, or the hat worn over it."""
        k = self.figure.head
        if self.overhead:
            ux, uy = self._facing_vector()
            cx, cy = self.x - ux * 0.25 * self.h, self.top - uy * 0.25 * self.h
            r = 0.3 * self.h
            return cx - r, cy - r, cx + r, cy + r
        top = 1 - k
        if self.facing in ("left", "right") and self.pose != "lying":
            return self.box((-0.3 * k, top + 0.1 * k), (-0.1 * k, top + 0.38 * k))
        return self.box((-0.18 * k, top + 0.07 * k), (0.18 * k, top + 0.22 * k))

    def bounds(self) -> Box:
        """Everything the figure covers (arms, a chair, a coat's skirt), a little generously."""
        if self.overhead:
            r = 2.5 * self.h
            return self.x - r, self.top - r, self.x + r, self.top + r
        b = self.figure.build
        span = {"sitting": 1.9, "running": 1.7, "kneeling": 1.6}.get(self.pose, 1.3) * max(1.0, b)
        bottom = POSE_HEIGHT["standing" if self.pose == "lying" else self.pose]
        return self.box((-span, 1 - self.figure.head - 0.2), (span, bottom + 0.1))

    def _facing_vector(self) -> tuple[float, float]:
        a = math.radians({"right": 0.0, "camera": 90.0, "left": 180.0, "away": 270.0}[self.facing])
        return math.cos(a), math.sin(a)

    def _across(self) -> tuple[float, float]:
        ux, uy = self._facing_vector()
        return -uy, ux


def insert_box(shot: Shot, width: float, height: float) -> Box | None:
    """The box an insert's object fills (a close shot with no one in frame), or None."""
    if shot.subjects or shot.size not in INSERT_UNIT:
        return None
    u = height * INSERT_UNIT[shot.size]
    cx, cy = width / 2, height * 0.56
    return cx - 0.8 * u, cy - 0.62 * u, cx + 0.8 * u, cy + 0.8 * u


def place_subjects(shot: Shot, width: float, height: float, poses: dict[str, str] | None = None,
                   figures: dict[str, Figure] | None = None) -> list[Placement]:
    """Place every subject of ``shot`` in a ``width`` x ``height`` frame, in the shot's subject order."""
    if not shot.subjects:
        return []
    poses = poses or {}
    figures = figures or {}
    sw, sh = width, height
    body, top_rel = FRAMING[shot.size]
    overhead = shot.angle == "overhead"
    base = sh * (TOPDOWN_HEAD[shot.size] if overhead else body / STANDING)
    fig_w = base * (4.6 if overhead else 2.5)
    spacing = min(max(0.75 * fig_w, 0.045 * sw), 0.2 * sw)
    groups: dict[str, list[int]] = {}
    for i, s in enumerate(shot.subjects):
        groups.setdefault(s.position, []).append(i)
    xs: dict[int, float] = {}
    for pos, members in groups.items():
        n = len(members)
        for k, i in enumerate(members):
            x = sw * POSITION_X[pos] + (k - (n - 1) / 2) * spacing
            xs[i] = min(max(x, sw * 0.06), sw * 0.94)
    horizon = sh * HORIZON.get(shot.angle, 0.55)

    def tall(s) -> float:
        pose = poses.get(s.name, "standing")
        return POSE_HEIGHT["standing" if pose == "lying" else pose] * figures.get(s.name, Figure()).height

    tallest = max(tall(s) for s in shot.subjects)
    out = []
    for i, s in enumerate(shot.subjects):
        fig = figures.get(s.name, Figure())
        pose = poses.get(s.name, "standing")
        x, scale, top_off = xs[i], 1.0, 0.0
        if shot.angle == "ots" and s.facing == "away":  # the near shoulder in an over-the-shoulder
            scale, top_off = 1.55, 0.22
            x = sw * (0.1 if x < sw / 2 else 0.9)
        if overhead:
            out.append(Placement(s.name, x, sh * 0.55, base * scale * max(0.75, fig.height ** 0.5), s.facing, pose,
                                 fig, overhead=True, floor=sh * 0.55))
            continue
        if top_rel is None:
            h = base * scale * fig.height
            feet = min(sh * 0.93, max(horizon + sh * (0.05 if shot.size == "EWS" else 0.12), sh * 0.5))
            if shot.size == "EWS":
                feet = min(sh * 0.93, horizon + (sh - horizon) * 0.35)
            if pose == "lying":
                top = feet - STANDING * h
            else:
                top = feet - POSE_HEIGHT[pose] * h
        else:
            h = base * scale
            top = sh * (top_rel + top_off) + (tallest - tall(s)) * h
            feet = top + POSE_HEIGHT["standing" if pose == "lying" else pose] * h
        out.append(Placement(s.name, x, top, h, s.facing, pose, fig, floor=feet))
    return out


__all__ = ["Placement", "place_subjects", "insert_box", "INSERT_UNIT", "FRAMING", "HORIZON", "POSITION_X", "TOPDOWN_HEAD", "POSE_HEIGHT",
           "SET_ZOOM", "Box"]
