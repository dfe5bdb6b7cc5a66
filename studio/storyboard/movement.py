"""Camera moves on a panel: arrows for pans, tilts, tracks, dollies, arcs and cranes; a handheld squiggle.

Every mark is drawn in the palette's accent colour with a dark edge, so it reads on
any background; the text tags they return are placed with the name labels.
"""

from __future__ import annotations

import math

from PIL import Image, ImageDraw, ImageFilter

from continuity.visual.shots import Shot
from studio.storyboard.sets import Tones, mix

_SS = 2


def arrow(draw: ImageDraw.ImageDraw, pts: list[tuple[float, float]], colour, edge, width: float) -> None:
    """A polyline arrow ending at ``pts[-1]``, with a dark edge for contrast on any background."""
    (x0, y0), (x1, y1) = pts[-2], pts[-1]
    ang = math.atan2(y1 - y0, x1 - x0)
    head = width * 3.2
    base = (x1 - math.cos(ang) * head, y1 - math.sin(ang) * head)
    tri = [(x1, y1), (base[0] + math.sin(ang) * head * 0.6, base[1] - math.cos(ang) * head * 0.6),
           (base[0] - math.sin(ang) * head * 0.6, base[1] + math.cos(ang) * head * 0.6)]
    shaft = [*pts[:-1], base]
    for c, extra in ((edge, width * 0.6), (colour, 0)):
        draw.line(shaft, fill=c, width=round(width + extra), joint="curve")
        draw.polygon(tri, fill=c, outline=c if extra else None, width=round(extra / 2) if extra else 1)
        if extra:
            draw.line([*tri, tri[0]], fill=c, width=round(extra), joint="curve")



def draw_movement(draw: ImageDraw.ImageDraw, shot: Shot, tones: Tones, sw: int, sh: int) -> list[tuple[str, float, float, str]]:
    """Draw the camera move's arrow; return text tags (text, x, y, anchor: e/w/n/s/c) in picture pixels."""
    mv = shot.movement
    if mv == "static":
        return []
    wd = max(3.0, sh * 0.012)
    col, edge = tones.accent, mix(tones.accent, (0, 0, 0), 0.6)
    name = mv.split()[0].upper()
    if mv in ("pan left", "pan right", "track left", "track right"):
        y = sh * (0.1 if mv.startswith("pan") else 0.9)
        a, b = sw * 0.36, sw * 0.64
        pts = [(a, y), (b, y)] if mv.endswith("right") else [(b, y), (a, y)]
        if mv.startswith("track"):
            for dy in (-wd * 2.2, wd * 2.2):
                draw.line((a, y + dy, b, y + dy), fill=edge, width=max(2, round(wd * 0.35)))
        arrow(draw, pts, col, edge, wd)
        return [(name, a / _SS, y / _SS, "e")] if mv.endswith("right") else [(name, b / _SS, y / _SS, "w")]
    if mv in ("tilt up", "tilt down", "crane up", "crane down"):
        x = sw * (0.94 if mv.startswith("tilt") else 0.06)
        a, b = sh * 0.28, sh * 0.72
        arrow(draw, [(x, b), (x, a)] if mv.endswith("up") else [(x, a), (x, b)], col, edge, wd)
        return [(name, x / _SS, b / _SS, "s")] if mv.endswith("up") else [(name, x / _SS, a / _SS, "n")]
    if mv in ("dolly in", "push in", "zoom in", "dolly out", "pull out", "zoom out"):
        inward = mv.endswith(" in")
        ix, iy = sw * 0.2, sh * 0.2
        inner = (ix, iy, sw - ix, sh - iy)
        dash = max(6, round(sh * 0.03))
        x0, y0, x1, y1 = inner
        for k in range(int((x1 - x0) // (2 * dash)) + 1):
            xa = x0 + 2 * dash * k
            for yy in (y0, y1):
                draw.line((xa, yy, min(xa + dash, x1), yy), fill=col, width=round(wd * 0.5))
        for k in range(int((y1 - y0) // (2 * dash)) + 1):
            ya = y0 + 2 * dash * k
            for xx in (x0, x1):
                draw.line((xx, ya, xx, min(ya + dash, y1)), fill=col, width=round(wd * 0.5))
        for (ox, oy), (px, py) in (((sw * 0.05, sh * 0.07), (x0, y0)), ((sw * 0.95, sh * 0.07), (x1, y0)),
                                   ((sw * 0.05, sh * 0.93), (x0, y1)), ((sw * 0.95, sh * 0.93), (x1, y1))):
            mx, my = ox + (px - ox) * 0.15, oy + (py - oy) * 0.15
            nx, ny = ox + (px - ox) * 0.85, oy + (py - oy) * 0.85
            arrow(draw, [(mx, my), (nx, ny)] if inward else [(nx, ny), (mx, my)], col, edge, wd * 0.8)
        return [(mv.upper(), x0 / _SS, (y0 + sh * 0.06) / _SS, "w")]
    if mv in ("arc left", "arc right"):
        cx, cy, rx, ry = sw / 2, sh * 0.74, sw * 0.3, sh * 0.16
        ts = [math.pi * (0.08 + 0.84 * k / 24) for k in range(25)]
        pts = [(cx - rx * math.cos(t), cy + ry * math.sin(t)) for t in ts]
        if mv == "arc left":
            pts.reverse()
        arrow(draw, pts, col, edge, wd)
        return [("ARC", cx / _SS, (cy + ry) / _SS, "c")]
    # handheld, steadicam: a wavy line in the top right corner
    n = 14
    x0, x1, y = sw * 0.72, sw * 0.95, sh * 0.09
    amp = sh * (0.022 if mv == "handheld" else 0.012)
    pts = [(x0 + (x1 - x0) * k / n, y + (amp if k % 2 else -amp) * (1 if mv == "handheld" else math.sin(k))) for k in range(n + 1)]
    draw.line(pts, fill=edge, width=round(wd * 1.5), joint="curve")
    draw.line(pts, fill=col, width=round(wd * 0.8), joint="curve")
    return [(mv.upper(), (x0 + x1) / 2 / _SS, (y + amp) / _SS, "s")]

def vignette(canvas: Image.Image, tones: Tones) -> None:
    """Darken the corners (a point-of-view shot)."""
    mask = Image.new("L", canvas.size, 0)
    w, h = canvas.size
    ImageDraw.Draw(mask).ellipse((-w * 0.08, -h * 0.12, w * 1.08, h * 1.12), fill=255)
    mask = mask.filter(ImageFilter.BoxBlur(max(2, round(h * 0.06))))
    dark = Image.new("RGB", canvas.size, mix(tones.plate, (0, 0, 0), 0.3))
    canvas.paste(Image.composite(canvas, dark, mask))


__all__ = ["draw_movement", "arrow", "vignette"]
