"""Figures and props on a panel: each character in their own preset and colours, posed, holding things.

A figure is a list of coloured polygons in head units (see
:mod:`continuity.visual.layout`), one list per pose and facing, mapped to pixels
by the subject's :class:`~continuity.visual.layout.Placement`. Colours come from
the character's :class:`~continuity.visual.identity.Identity` and never from the
light: hair (or a hat) on the head, the outer garment (else the top) on torso and
arms, trousers or a skirt on the legs, one neutral skin tone. The whole figure is
first drawn grown by the outline width in the outline colour, then filled part by
part, so it has one clean outline and no inner seams.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from continuity.visual.identity import SKIN

if TYPE_CHECKING:
    from PIL import ImageDraw

    from continuity.visual.identity import Identity
    from continuity.visual.layout import Placement
    from continuity.visual.staging import Prop

RGB = tuple[int, int, int]
Part = tuple[str, list[tuple[float, float]]]  # (role, local points)
SHOES: RGB = (44, 40, 38)
WOOD: RGB = (132, 100, 66)


def _ell(cx: float, cy: float, rx: float, ry: float, n: int = 24) -> list[tuple[float, float]]:
    return [(cx + rx * math.cos(2 * math.pi * i / n), cy + ry * math.sin(2 * math.pi * i / n)) for i in range(n)]


def _mirror(pts: list[tuple[float, float]]) -> list[tuple[float, float]]:
    return [(-x, y) for x, y in pts]


def _scale_x(pts: list[tuple[float, float]], b: float) -> list[tuple[float, float]]:
    return [(x * b, y) for x, y in pts]


_BEANIE_WORDS = ("wool", "woollen", "woolen", "beanie", "knit", "knitted", "bobble", "cap", "bonnet")


def _hat(k: float, top: float, cx: float, brim: bool) -> list[tuple[float, float]]:
    """A hat over the top of the head: a dome pulled down to the brow, with a brim unless it is a knitted one."""
    dome = [(x, y) for x, y in _ell(cx, top + 0.4 * k, 0.45 * k, 0.48 * k) if y <= top + 0.4 * k]
    if not brim:
        return [*dome, (cx + 0.45 * k, top + 0.42 * k), (cx - 0.45 * k, top + 0.42 * k)]
    return [*dome, (cx + 0.62 * k, top + 0.36 * k), (cx + 0.62 * k, top + 0.46 * k), (cx - 0.62 * k, top + 0.46 * k),
            (cx - 0.62 * k, top + 0.36 * k)]


def _head_parts(frontal: bool, camera: bool, k: float, beard: bool, hat: str | None, scarf: bool) -> list[Part]:
    """Neck, head (in hair colour), the face in skin, a beard, a hat; head unit ``k`` grown about the chin.

    ``hat``: the hat's words (a woollen hat or a cap has no brim), or None.
    """
    top = 1 - k
    brim = hat is not None and not any(w in hat.lower() for w in _BEANIE_WORDS)
    parts: list[Part] = []
    if scarf:
        parts.append(("scarf", [(-0.36, 1.0), (0.36, 1.0), (0.42, 1.36), (-0.42, 1.36)]))
    if frontal:
        parts.append(("skin", [(-0.15, 0.8), (0.15, 0.8), (0.17, 1.25), (-0.17, 1.25)]))
        parts.append(("hair", _ell(0, top + 0.5 * k, 0.39 * k, 0.5 * k)))
        if camera:
            parts.append(("skin", _ell(0, top + 0.6 * k, 0.3 * k, 0.38 * k)))
            if beard:  # from the ears round the jaw, open at the mouth
                parts.append(("beard", [(-0.31 * k, top + 0.56 * k), (-0.17 * k, top + 0.8 * k), (0, top + 0.76 * k),
                                        (0.17 * k, top + 0.8 * k), (0.31 * k, top + 0.56 * k), (0.25 * k, top + 1.0 * k),
                                        (0, top + 1.1 * k), (-0.25 * k, top + 1.0 * k)]))
        if hat:
            parts.append(("hat", _hat(k, top, 0.0, brim)))
        return parts
    parts.append(("skin", [(-0.13, 0.8), (0.17, 0.8), (0.19, 1.3), (-0.15, 1.3)]))
    parts.append(("hair", _ell(0.03 * k, top + 0.5 * k, 0.41 * k, 0.5 * k)))
    parts.append(("skin", _ell(0.16 * k, top + 0.58 * k, 0.27 * k, 0.4 * k)))
    parts.append(("skin", [(0.38 * k, top + 0.42 * k), (0.56 * k, top + 0.6 * k), (0.38 * k, top + 0.68 * k)]))
    if beard:  # along the jaw from below the ear to the chin
        parts.append(("beard", [(-0.08 * k, top + 0.52 * k), (0.1 * k, top + 0.74 * k), (0.3 * k, top + 0.84 * k),
                                (0.44 * k, top + 0.86 * k), (0.38 * k, top + 1.06 * k), (0.12 * k, top + 1.12 * k),
                                (-0.12 * k, top + 0.86 * k)]))
    if hat:
        parts.append(("hat", _hat(k, top, 0.03 * k, brim)))
    return parts


def figure_parts(p: Placement, ident: Identity) -> list[Part]:
    """The figure's coloured parts in local units, back to front, for its pose and facing."""
    b, k = p.figure.build, p.figure.head
    frontal = p.facing in ("camera", "away") or p.pose == "lying"
    outer = ident.garment("outer")
    skirt = ident.garment("legs") if ident.garment("legs") and ident.garment("legs").kind == "skirt" else None
    dress = ident.garment("body") if ident.garment("body") and ident.garment("body").kind == "dress" else None
    hat = ident.garment("hat")
    head = _head_parts(frontal, p.facing == "camera" or p.pose == "lying", k, ident.beard is not None,
                       hat.words if hat else None, ident.garment("scarf") is not None)
    coat_end = 5.0 if outer and outer.kind == "coat" else 3.75 if outer else None
    parts: list[Part] = []
    if frontal:
        torso = _scale_x([(-0.55, 1.12), (0.55, 1.12), (1.0, 1.38), (0.8, 3.5), (-0.8, 3.5), (-1.0, 1.38)], b)
        arm = _scale_x([(-1.0, 1.4), (-0.76, 1.5), (-0.84, 3.9), (-1.13, 3.9), (-1.2, 1.62)], b)
        hand = _ell(-0.985 * b, 4.02, 0.17, 0.19, 12)
        if p.pose == "sitting":
            legs = [("legs", _scale_x([(-0.74, 3.35), (0.74, 3.35), (0.8, 4.0), (-0.8, 4.0)], b)),
                    ("legs", _scale_x([(-0.72, 3.9), (-0.08, 3.9), (-0.18, 5.45), (-0.62, 5.45)], b)),
                    ("legs", _mirror(_scale_x([(-0.72, 3.9), (-0.08, 3.9), (-0.18, 5.45), (-0.62, 5.45)], b))),
                    ("shoes", _scale_x([(-0.66, 5.4), (-0.12, 5.4), (-0.1, 5.6), (-0.7, 5.6)], b)),
                    ("shoes", _mirror(_scale_x([(-0.66, 5.4), (-0.12, 5.4), (-0.1, 5.6), (-0.7, 5.6)], b)))]
            parts.append(("chair", [(-1.15, 3.55), (1.15, 3.55), (1.15, 3.9), (-1.15, 3.9)]))
            parts.append(("chair", [(-1.1, 3.9), (-0.95, 3.9), (-0.95, 5.6), (-1.1, 5.6)]))
            parts.append(("chair", [(0.95, 3.9), (1.1, 3.9), (1.1, 5.6), (0.95, 5.6)]))
            coat_end = min(coat_end, 3.95) if coat_end else None
        elif p.pose == "kneeling":
            leg = _scale_x([(-0.72, 3.35), (-0.04, 3.35), (-0.12, 5.3), (-0.62, 5.3)], b)
            legs = [("legs", leg), ("legs", _mirror(leg)),
                    ("legs", _scale_x([(-0.7, 5.1), (-0.05, 5.1), (-0.05, 5.5), (-0.7, 5.5)], b)),
                    ("legs", _mirror(_scale_x([(-0.7, 5.1), (-0.05, 5.1), (-0.05, 5.5), (-0.7, 5.5)], b)))]
            coat_end = min(coat_end, 4.6) if coat_end else None
        elif p.pose == "running":
            legs = [("legs", _scale_x([(-0.72, 3.35), (-0.04, 3.35), (-0.2, 7.0), (-0.62, 7.0)], b)),
                    ("legs", _scale_x([(0.04, 3.35), (0.72, 3.35), (0.72, 4.6), (0.1, 4.6)], b)),
                    ("legs", _scale_x([(0.12, 4.4), (0.68, 4.4), (0.6, 6.1), (0.2, 6.1)], b)),
                    ("shoes", _scale_x([(-0.64, 6.9), (-0.18, 6.9), (-0.16, 7.2), (-0.7, 7.2)], b))]
            arm = _scale_x([(-1.0, 1.4), (-0.76, 1.5), (-0.6, 2.9), (-0.9, 3.1), (-1.2, 1.62)], b)
            hand = _ell(-0.72 * b, 3.1, 0.17, 0.19, 12)
        else:
            leg = _scale_x([(-0.72, 3.35), (-0.04, 3.35), (-0.14, 7.3), (-0.58, 7.3)], b)
            shoe = _scale_x([(-0.62, 7.25), (-0.12, 7.25), (-0.1, 7.5), (-0.68, 7.5)], b)
            legs = [("legs", leg), ("legs", _mirror(leg)), ("shoes", shoe), ("shoes", _mirror(shoe))]
        parts += legs
        if dress or skirt:
            parts.append(("legs" if skirt else "torso", _scale_x([(-0.8, 3.3), (0.8, 3.3), (1.05, 5.3), (-1.05, 5.3)], b)))
        if coat_end:
            parts.append(("torso", _scale_x([(-0.82, 3.3), (0.82, 3.3), (0.92, coat_end), (-0.92, coat_end)], b)))
        parts += [("torso", torso), ("arm", arm), ("arm", _mirror(arm)), ("skin", hand), ("skin", _mirror(hand))]
        return parts + head
    # profile, facing +x (mirrored by the placement for "left")
    torso = _scale_x([(-0.45, 1.2), (0.4, 1.2), (0.58, 1.55), (0.48, 3.45), (-0.48, 3.45), (-0.58, 1.5)], b)
    arm = [(-0.12, 1.35), (0.22, 1.35), (0.3, 3.85), (-0.02, 3.9)]
    hand = _ell(0.14, 4.0, 0.16, 0.18, 12)
    if p.pose == "sitting":
        parts += [("chair", [(-0.75, 1.9), (-0.55, 1.9), (-0.55, 4.05), (-0.75, 4.05)]),
                  ("chair", [(-0.75, 3.8), (1.0, 3.8), (1.0, 4.05), (-0.75, 4.05)]),
                  ("chair", [(-0.72, 4.05), (-0.58, 4.05), (-0.58, 5.6), (-0.72, 5.6)]),
                  ("chair", [(0.82, 4.05), (0.96, 4.05), (0.96, 5.6), (0.82, 5.6)])]
        parts += [("legs", [(-0.45 * b, 3.2), (0.3, 3.2), (1.75, 3.35), (1.75, 3.85), (-0.45 * b, 3.85)]),
                  ("legs", [(1.42, 3.6), (1.85, 3.6), (1.8, 5.4), (1.45, 5.4)]),
                  ("shoes", [(1.4, 5.35), (2.1, 5.4), (2.1, 5.6), (1.4, 5.6)])]
        arm = [(-0.12, 1.35), (0.22, 1.35), (1.0, 3.05), (0.78, 3.3)]
        hand = _ell(0.98, 3.25, 0.16, 0.18, 12)
        coat_end = min(coat_end, 3.85) if coat_end else None
    elif p.pose == "kneeling":
        parts += [("legs", [(0.45, 4.95), (0.85, 5.05), (0.6, 5.5), (-1.3, 5.5), (-1.3, 5.12)]),
                  ("legs", [(-0.42 * b, 3.3), (0.3 * b, 3.3), (0.88, 5.0), (0.42, 5.3)]),
                  ("shoes", [(-1.55, 5.15), (-1.25, 5.15), (-1.25, 5.5), (-1.55, 5.5)])]
        coat_end = min(coat_end, 4.4) if coat_end else None
    elif p.pose == "running":
        torso = [(x + 0.22 * (3.45 - y) / 2.25, y) for x, y in torso]  # leaning into the run
        parts += [("legs", [(-0.45, 3.25), (0.05, 3.3), (-0.6, 5.0), (-0.95, 4.8)]),
                  ("legs", [(-0.95, 4.75), (-0.6, 5.0), (-1.55, 6.25), (-1.8, 6.0)]),
                  ("shoes", [(-1.85, 5.95), (-1.55, 6.2), (-1.75, 6.45), (-2.05, 6.2)]),
                  ("legs", [(-0.1, 3.2), (0.38, 3.3), (1.2, 4.6), (0.85, 4.82)]),
                  ("legs", [(0.85, 4.5), (1.2, 4.62), (0.7, 6.95), (0.38, 6.85)]),
                  ("shoes", [(0.36, 6.85), (1.05, 6.95), (1.05, 7.2), (0.36, 7.2)])]
        arm = [(0.05, 1.4), (0.38, 1.45), (0.95, 2.7), (0.7, 2.9)]
        hand = _ell(0.9, 2.85, 0.16, 0.18, 12)
        parts.append(("torso", [(-0.1, 1.4), (0.2, 1.4), (-0.5, 2.9), (-0.78, 2.7)]))
    else:
        parts += [("legs", [(-0.45 * b, 3.3), (0.05, 3.3), (-0.3, 7.3), (-0.7, 7.3)]),
                  ("shoes", [(-0.72, 7.25), (-0.28, 7.25), (-0.2, 7.5), (-0.8, 7.5)]),
                  ("legs", [(-0.1, 3.3), (0.4 * b, 3.3), (0.55, 7.3), (0.2, 7.3)]),
                  ("shoes", [(0.18, 7.25), (0.6, 7.25), (0.88, 7.4), (0.88, 7.55), (0.18, 7.55)])]
    if dress or skirt:
        parts.append(("legs" if skirt else "torso", [(-0.52 * b, 3.3), (0.5 * b, 3.3), (0.7 * b, 5.2), (-0.7 * b, 5.2)]))
    if coat_end:
        parts.append(("torso", [(-0.52 * b, 3.3), (0.5 * b, 3.3), (0.6 * b, coat_end), (-0.64 * b, coat_end)]))
    parts += [("torso", torso), ("torso", arm), ("skin", hand)]  # no seam: a profile's arm lies over the torso's core
    return parts + head


def hand_point(p: Placement) -> tuple[float, float]:
    """Where a held prop goes, in pixels: in front of the body at the hand."""
    if p.overhead:
        a = math.radians({"right": 0.0, "camera": 90.0, "left": 180.0, "away": 270.0}[p.facing])
        return p.x + math.cos(a) * 1.6 * p.h, p.top + math.sin(a) * 1.6 * p.h
    if p.facing in ("left", "right") and p.pose != "lying":
        local = {"sitting": (1.05, 3.0), "running": (0.95, 2.7)}.get(p.pose, (0.45, 3.55))
    else:
        local = {"sitting": (0.55, 3.2), "running": (0.75, 3.0)}.get(p.pose, (0.62 * p.figure.build, 3.5))
    return p.point(*local)


def colours_for(ident: Identity, chair: tuple[int, int, int] = WOOD) -> dict[str, tuple[int, int, int]]:
    """The colour of each part role for ``ident``."""
    hat = ident.garment("hat")
    scarf = ident.garment("scarf")
    return {"hair": ident.hair, "skin": SKIN, "torso": ident.torso, "legs": ident.legs, "shoes": SHOES,
            "beard": ident.beard or ident.hair, "hat": hat.rgb if hat else ident.hair,
            "scarf": scarf.rgb if scarf else ident.torso, "chair": chair, "arm": ident.torso}


def draw_figure(draw: ImageDraw.ImageDraw, p: Placement, ident: Identity, outline: RGB, width: float,
                chair: RGB = WOOD) -> None:
    """Draw one figure: the outline pass over every part, then each part in its colour."""
    colours = colours_for(ident, chair)
    if p.overhead:
        polys = overhead_parts(p, ident)
    else:
        polys = [(role, [p.point(x, y) for x, y in pts]) for role, pts in figure_parts(p, ident)]
    w = max(2, round(width))
    for _, pts in polys:
        draw.polygon(pts, fill=outline)
        draw.line([*pts, pts[0], pts[1]], fill=outline, width=w, joint="curve")
    seam = max(1, round(w * 0.45))
    for role, pts in polys:
        draw.polygon(pts, fill=colours[role])
        if role == "arm":  # the sleeve's edge, a shade darker, so an arm reads against the body
            draw.line([*pts, pts[0]], fill=tuple(round(c * 0.7) for c in colours[role]), width=seam, joint="curve")


def overhead_parts(p: Placement, ident: Identity) -> list[tuple[str, list[tuple[float, float]]]]:
    """A figure seen from above: legs (sitting or lying), shoulders in the torso colour, the head, a nose."""
    a = math.radians({"right": 0.0, "camera": 90.0, "left": 180.0, "away": 270.0}[p.facing])
    ux, uy = math.cos(a), math.sin(a)
    px, py = -uy, ux
    r, cx, cy = p.h, p.x, p.top

    def ell(ox: float, oy: float, along: float, across: float) -> list[tuple[float, float]]:
        return [(cx + ux * (ox + along * math.cos(t)) + px * (oy + across * math.sin(t)),
                 cy + uy * (ox + along * math.cos(t)) + py * (oy + across * math.sin(t)))
                for t in (2 * math.pi * i / 28 for i in range(28))]

    parts: list[tuple[str, list[tuple[float, float]]]] = []
    if p.pose == "sitting":
        parts.append(("legs", ell(1.5 * r, 0, 0.95 * r, 1.9 * r * p.figure.build)))
    elif p.pose == "lying":
        parts.append(("legs", ell(-3.2 * r, 0, 2.0 * r, 0.95 * r * p.figure.build)))
    parts.append(("torso", ell(0, 0, 0.9 * r, 2.2 * r * p.figure.build)))
    nose = [(cx + ux * 1.55 * r, cy + uy * 1.55 * r), (cx + ux * 0.6 * r + px * 0.55 * r, cy + uy * 0.6 * r + py * 0.55 * r),
            (cx + ux * 0.6 * r - px * 0.55 * r, cy + uy * 0.6 * r - py * 0.55 * r)]
    parts.append(("skin", nose))
    parts.append(("hat" if ident.garment("hat") else "hair", ell(0, 0, r * p.figure.head, r * p.figure.head)))
    return parts


# -- props ----------------------------------------------------------------------------------------


def prop_shape(shape: str, cx: float, cy: float, u: float) -> list[list[tuple[float, float]]]:
    """Polygons of a prop of ``shape`` centred at (cx, cy), ``u`` pixels to a head unit."""
    def rect(w: float, h: float, x: float = 0.0, y: float = 0.0) -> list[tuple[float, float]]:
        return [(cx + x - w * u / 2, cy + y - h * u / 2), (cx + x + w * u / 2, cy + y - h * u / 2),
                (cx + x + w * u / 2, cy + y + h * u / 2), (cx + x - w * u / 2, cy + y + h * u / 2)]

    if shape == "disc":
        return [_ell(cx, cy, 0.3 * u, 0.3 * u), [(cx, cy - 0.24 * u), (cx + 0.05 * u, cy), (cx, cy + 0.05 * u),
                                                 (cx - 0.05 * u, cy)]]
    if shape == "lantern":
        return [rect(0.42, 0.62, 0, 0.08), rect(0.54, 0.1, 0, -0.28), rect(0.34, 0.12, 0, 0.44),
                [(cx - 0.16 * u, cy - 0.33 * u), (cx, cy - 0.56 * u), (cx + 0.16 * u, cy - 0.33 * u)]]
    if shape == "book":
        return [rect(0.72, 0.52), rect(0.06, 0.52)]
    if shape == "sheet":
        return [rect(0.46, 0.62)]
    if shape == "vessel":
        body = _ell(cx, cy + 0.1 * u, 0.3 * u, 0.36 * u)
        return [rect(0.26, 0.5, 0, -0.28), body, rect(0.4, 0.08, 0, -0.5)]
    if shape == "cup":
        return [[(cx - 0.17 * u, cy - 0.2 * u), (cx + 0.17 * u, cy - 0.2 * u), (cx + 0.13 * u, cy + 0.2 * u),
                 (cx - 0.13 * u, cy + 0.2 * u)], rect(0.1, 0.2, 0.21, 0)]
    if shape == "bag":
        return [rect(0.8, 0.9, 0, 0.05), rect(0.5, 0.16, 0, -0.42), rect(0.56, 0.3, 0, 0.22)]
    if shape == "device":
        return [rect(0.3, 0.5)]
    if shape == "bell":
        return [[(cx - 0.1 * u, cy - 0.3 * u), (cx + 0.1 * u, cy - 0.3 * u), (cx + 0.3 * u, cy + 0.2 * u),
                 (cx - 0.3 * u, cy + 0.2 * u)], _ell(cx, cy + 0.24 * u, 0.06 * u, 0.06 * u)]
    if shape == "stick":
        return [[(cx - 0.05 * u, cy - 0.7 * u), (cx + 0.05 * u, cy - 0.7 * u), (cx + 0.05 * u, cy + 0.7 * u),
                 (cx - 0.05 * u, cy + 0.7 * u)]]
    if shape == "plate":
        return [_ell(cx, cy, 0.38 * u, 0.1 * u)]
    if shape == "hat":
        return [[*[(x, y) for x, y in _ell(cx, cy, 0.28 * u, 0.26 * u) if y <= cy], (cx + 0.42 * u, cy),
                 (cx + 0.42 * u, cy + 0.07 * u), (cx - 0.42 * u, cy + 0.07 * u), (cx - 0.42 * u, cy)]]
    return [rect(0.5, 0.5)]


#: How big a prop is drawn, in head units, per shape (its rough height, to rest it on a surface).
PROP_HEIGHT = {"disc": 0.6, "lantern": 1.1, "book": 0.52, "sheet": 0.62, "vessel": 1.0, "cup": 0.4, "bag": 1.0,
               "device": 0.5, "bell": 0.6, "stick": 1.4, "plate": 0.2, "hat": 0.3}


def draw_prop(draw: ImageDraw.ImageDraw, prop: Prop, cx: float, cy: float, u: float, outline: RGB,
              width: float) -> tuple[float, float, float, float]:
    """Draw a prop centred at (cx, cy); return its box (for its label)."""
    polys = prop_shape(prop.shape, cx, cy, u)
    w = max(2, round(width))
    for pts in polys:
        draw.polygon(pts, fill=outline)
        draw.line([*pts, pts[0], pts[1]], fill=outline, width=w, joint="curve")
    shade = tuple(round(c * 0.72) for c in prop.colour)
    for i, pts in enumerate(polys):
        draw.polygon(pts, fill=prop.colour if i == 0 else shade)
    xs = [x for pts in polys for x, _ in pts]
    ys = [y for pts in polys for _, y in pts]
    return min(xs), min(ys), max(xs), max(ys)


__all__ = ["figure_parts", "draw_figure", "overhead_parts", "hand_point", "colours_for", "draw_prop", "prop_shape",
           "PROP_HEIGHT"]
