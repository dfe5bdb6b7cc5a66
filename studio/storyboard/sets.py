"""Sets and light on a panel: tones from the palette by time of day, rooms, exteriors and their features.

Tones come from the palette only (so a panel's set passes the palette check): for
each element a palette colour is chosen by target lightness, a hash of the location
choosing between equally good ones. An interior is a back wall with side walls and
a floor line, and the features its set has (:class:`~continuity.visual.staging.SetDressing`):
a door, a window, a stove, a shelf, stairs, a lighthouse lens, a bed, a table.
An exterior is sky, horizon and ground, with the sea and a tower on the skyline
when the set has them, and the sun or the moon placed by the time of day. Features
grow with the shot size (:data:`continuity.visual.layout.SET_ZOOM`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from PIL import Image, ImageDraw

from continuity.visual.layout import HORIZON, SET_ZOOM

if TYPE_CHECKING:
    from continuity.visual.shots import Shot
    from continuity.visual.staging import SetDressing

RGB = tuple[int, int, int]
DEFAULT_PALETTE = ("#1e242b", "#444e59", "#77828d", "#b3bcc4", "#e2e6ea", "#c0883c")
_TIME_BAND = {"NIGHT": "night", "DAWN": "twilight", "DUSK": "twilight", "EVENING": "twilight"}
# Where each wall feature stands along the back wall (fraction of the frame width at WS), in this order.
_WALL_SLOTS = {"door": 0.2, "window": 0.74, "stove": 0.88, "shelf": 0.47, "stairs": 0.06, "bed": 0.6}


def norm_hex(h: str) -> str:
    """``#abc`` -> ``#aabbcc``, lower case."""
    h = h.lower().lstrip("#")
    return "#" + ("".join(c * 2 for c in h) if len(h) == 3 else h)


def rgb_of(h: str) -> RGB:
    """``#rrggbb`` -> (r, g, b)."""
    h = norm_hex(h)
    return int(h[1:3], 16), int(h[3:5], 16), int(h[5:7], 16)


def lab(rgb: RGB) -> tuple[float, float, float]:
    """CIELAB (D65) of an sRGB colour."""
    def lin(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (lin(c) for c in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def mix(a: RGB, b: RGB, t: float) -> RGB:
    """``a`` moved a fraction ``t`` toward ``b``."""
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))  # type: ignore[return-value]


@dataclass(frozen=True)
class Tones:
    """The colours of one panel's set and light."""

    sky: RGB
    horizon: RGB
    ground: RGB
    ground_far: RGB
    figure: RGB
    outline: RGB
    face: RGB
    accent: RGB
    plate: RGB
    window: RGB
    warm: RGB
    band: str = "day"

    @property
    def night(self) -> bool:
        """Whether it is night (figures get a light rim instead of a dark outline)."""
        return self.band == "night"


def tones(palette: tuple[str, ...], time: str | None, interior: bool, seed: int,
          walls: RGB | None = None, floor: RGB | None = None) -> Tones:
    """The panel's tones from the palette, the time of day, interior or not, and a location hash.

    ``walls``/``floor``: colours the set states; the palette colour nearest to each is used.
    """
    cols = [(rgb_of(h), lab(rgb_of(h))) for h in palette] or [(rgb_of(h), lab(rgb_of(h))) for h in DEFAULT_PALETTE]

    def chroma(c: tuple[float, float, float]) -> float:
        return math.hypot(c[1], c[2])

    def pick(target: float, chroma_weight: float = 0.35, spread: float = 6.0) -> RGB:
        scored = sorted((abs(c[0] - target) + chroma_weight * chroma(c), i) for i, (_, c) in enumerate(cols))
        near = [i for s, i in scored if s <= scored[0][0] + spread]
        return cols[near[seed % len(near)]][0]

    def nearest(rgb: RGB) -> RGB:
        want = lab(rgb)
        return min(cols, key=lambda c: (c[1][1] - want[1]) ** 2 + (c[1][2] - want[2]) ** 2 + 0.3 * (c[1][0] - want[0]) ** 2)[0]

    band = _TIME_BAND.get(time or "", "day")
    warm = max(cols, key=lambda c: (c[1][2] + 0.5 * c[1][1]) if 35 < c[1][0] < 85 else -1e9)[0]
    accent = max(cols, key=lambda c: chroma(c[1]))
    accent_rgb = accent[0] if chroma(accent[1]) >= 15 else (214, 92, 52)
    plate = mix(min(cols, key=lambda c: c[1][0])[0], (0, 0, 0), 0.35)
    if band == "night":
        sky = pick(8)
        horizon = mix(sky, pick(25), 0.5)
        ground = pick(20)
        window = mix(sky, (0, 0, 0), 0.2)
        if interior:
            sky, horizon = pick(18), pick(24)
            ground = mix(pick(14), (0, 0, 0), 0.15)
    elif band == "twilight":
        sky = pick(45)
        horizon = warm
        ground = pick(24)
        window = warm
        if interior:
            sky = horizon = pick(42)
            ground = mix(pick(30), (0, 0, 0), 0.15)
    else:
        sky = pick(82)
        horizon = mix(sky, (255, 255, 255), 0.18)
        ground = pick(58)
        window = mix(pick(90), (255, 255, 255), 0.25)
        if interior:
            sky = horizon = pick(68)
            ground = pick(52)
    if interior and walls is not None:  # the set's wall colour, kept within the palette and the light
        wall = mix(nearest(walls), sky, 0.35)
        sky = horizon = wall
    if floor is not None:
        ground = mix(nearest(floor), ground, 0.45)
    back = (lab(sky)[0], lab(horizon)[0], lab(ground)[0])
    if band == "night":
        figure = pick(max(back) + 16, chroma_weight=0.6, spread=3)
        if lab(figure)[0] < max(back) + 10:
            figure = mix(figure, (255, 255, 255), 0.25)
        outline = mix(figure, (255, 255, 255), 0.35)
        face = mix(figure, (255, 255, 255), 0.22)
    else:
        figure = pick(min(back) - 24, chroma_weight=0.6, spread=3)
        if lab(figure)[0] > min(back) - 14:
            figure = mix(figure, (0, 0, 0), 0.35)
        outline = mix(figure, (0, 0, 0), 0.55)
        face = mix(figure, (255, 255, 255), 0.25)
    return Tones(sky, horizon, ground, mix(ground, horizon, 0.35), figure, outline, face, accent_rgb, plate, window,
                 warm, band)


def draw_set(canvas: Image.Image, pad: int, shot: Shot, t: Tones, dressing: SetDressing | None, interior: bool,
             seed: int, time: str | None, S: int) -> dict[str, tuple[float, float, float, float]]:
    """Paint the background of ``canvas`` (sky or walls, ground or floor, features, sun or moon).

    Returns the boxes of furniture that props may rest on (``table``, ``shelf``), in canvas pixels.
    """
    draw = ImageDraw.Draw(canvas)
    cw, ch = canvas.size
    sw, sh = cw - 2 * pad, ch - 2 * pad
    surfaces: dict[str, tuple[float, float, float, float]] = {}
    if shot.angle == "overhead":
        draw.rectangle((0, 0, cw, ch), fill=t.ground)
        grid = mix(t.ground, t.outline, 0.18)
        step = sh / 6
        for k in range(-12, 13):
            x = cw / 2 + k * step
            draw.line((x, 0, x, ch), fill=grid, width=S)
            y = ch / 2 + k * step
            draw.line((0, y, cw, y), fill=grid, width=S)
        return surfaces
    hy = pad + sh * HORIZON.get(shot.angle, 0.55)
    top = max(1, round(hy))
    ramp = np.empty((ch, 3))  # the sky's gradient down to the horizon, then the ground's (as mix() rounds it)
    ts = (np.arange(top) / top) ** 1.6
    ramp[:top] = np.asarray(t.sky) + (np.asarray(t.horizon) - np.asarray(t.sky)) * ts[:, None]
    tg = np.arange(ch - top) / max(1, ch - top)
    ramp[top:] = np.asarray(t.ground_far) + (np.asarray(t.ground) - np.asarray(t.ground_far)) * tg[:, None]
    strip = Image.fromarray(np.round(ramp).astype(np.uint8)[:, None, :], "RGB")
    canvas.paste(strip.resize((cw, ch), Image.Resampling.NEAREST))
    zoom = SET_ZOOM.get(shot.size, 1.0)
    cx = pad + sw / 2

    def at(fx: float) -> float:  # a position across the set, as the shot size frames it
        return cx + (fx - 0.5) * sw * zoom

    features = dict(dressing.features) if dressing else {}
    if not interior:
        _exterior(draw, t, features, hy, pad, sw, sh, cw, ch, at, zoom, time, seed, S)
    else:
        _interior(draw, t, features, hy, pad, sw, sh, cw, at, zoom, seed, S, surfaces)
    line = mix(t.ground, t.outline, 0.35)
    draw.line((0, hy, cw, hy), fill=line, width=S * 2)
    vx = pad + sw * (0.5 + ((seed % 7) - 3) * 0.04)
    guide = mix(t.ground, t.outline, 0.16)
    for k in range(-6, 7):  # perspective guides on the floor / ground
        draw.line((vx, hy + S * 2, vx + k * sw * 0.28, ch), fill=guide, width=S)
    return surfaces


def _exterior(draw, t: Tones, features, hy, pad, sw, sh, cw, ch, at, zoom, time, seed, S) -> None:
    r = sh * 0.045 * min(zoom, 2.0)
    if time in ("DAWN", "DUSK", "EVENING"):  # a low sun on the horizon, left at dawn, right at dusk
        sx = at(0.16 if time == "DAWN" else 0.84)
        for k, a in ((3.2, 0.25), (2.0, 0.5)):
            draw.ellipse((sx - r * k, hy - r * k, sx + r * k, hy + r * k), fill=mix(t.horizon, t.warm, a))
        draw.ellipse((sx - r, hy - r, sx + r, hy + r), fill=mix(t.warm, (255, 255, 255), 0.35))
    elif time == "NIGHT":
        mx, my = at(0.82), pad + sh * 0.14
        draw.ellipse((mx - r * 0.7, my - r * 0.7, mx + r * 0.7, my + r * 0.7), fill=mix(t.sky, (255, 255, 255), 0.45))
    else:
        sx, sy = at(0.8), pad + sh * 0.1
        draw.ellipse((sx - r * 0.8, sy - r * 0.8, sx + r * 0.8, sy + r * 0.8), fill=mix(t.sky, (255, 255, 255), 0.6))
    if "tower" in features:
        tx = at(0.86 if seed % 2 else 0.14)
        th, tw = sh * 0.2 * zoom, sh * 0.035 * zoom
        body = mix(t.horizon, t.outline, 0.55)
        draw.polygon([(tx - tw, hy), (tx - tw * 0.7, hy - th), (tx + tw * 0.7, hy - th), (tx + tw, hy)], fill=body)
        draw.rectangle((tx - tw * 0.9, hy - th - tw * 0.9, tx + tw * 0.9, hy - th), fill=mix(body, t.warm, 0.25))
        draw.polygon([(tx - tw, hy - th - tw * 0.9), (tx, hy - th - tw * 1.8), (tx + tw, hy - th - tw * 0.9)], fill=body)
    if "sea" in features:
        shore = hy + sh * 0.09 * min(zoom, 2.0)
        sea = mix(t.ground_far, t.sky, 0.35)
        draw.rectangle((0, hy, cw, shore), fill=sea)
        wave = mix(sea, (255, 255, 255), 0.18)
        step = max(6.0, sh * 0.04)
        for i in range(3):
            y = hy + (shore - hy) * (0.3 + 0.25 * i)
            for k in range(int(cw // step) + 1):
                x = k * step + (i * step / 2)
                draw.line((x, y, x + step * 0.45, y), fill=wave, width=S)


def _interior(draw, t: Tones, features, hy, pad, sw, sh, cw, at, zoom, seed, S, surfaces) -> None:
    side = mix(t.sky, t.outline, 0.22)
    left, right = at(0.1), at(0.9)
    slope = 0.55
    if left > 0:  # side walls running back to the back wall
        draw.polygon([(0, 0), (left, 0), (left, hy), (0, hy + left * slope)], fill=side)
        draw.line((left, 0, left, hy), fill=mix(side, t.outline, 0.3), width=S * 2)
    if right < cw:
        draw.polygon([(right, 0), (cw, 0), (cw, hy + (cw - right) * slope), (right, hy)], fill=side)
        draw.line((right, 0, right, hy), fill=mix(side, t.outline, 0.3), width=S * 2)
    frame = mix(t.sky, t.outline, 0.45)
    flip = seed % 2 == 1
    wall_h = hy - pad
    for feature, colour in features.items():
        if feature not in _WALL_SLOTS and feature != "lens":
            continue
        fx = _WALL_SLOTS.get(feature, 0.5)
        fx = 1 - fx if flip else fx
        x = at(fx)
        if feature == "door":
            w, h = sh * 0.2 * zoom, sh * 0.48 * zoom
            fill = colour or mix(t.sky, t.outline, 0.3)
            draw.rectangle((x - w / 2, hy - h, x + w / 2, hy), fill=fill, outline=frame, width=S * 3)
            kx = x + w * 0.32 * (-1 if flip else 1)
            draw.ellipse((kx - S * 3, hy - h * 0.48 - S * 3, kx + S * 3, hy - h * 0.48 + S * 3), fill=t.outline)
        elif feature == "window":
            w, h = sh * 0.24 * zoom, min(sh * 0.26 * zoom, wall_h * 0.7)
            y1 = hy - sh * 0.2 * zoom
            draw.rectangle((x - w / 2, y1 - h, x + w / 2, y1), fill=t.window, outline=frame, width=S * 3)
            draw.line((x, y1 - h, x, y1), fill=frame, width=S * 3)
            draw.line((x - w / 2, y1 - h / 2, x + w / 2, y1 - h / 2), fill=frame, width=S * 2)
        elif feature == "stove":
            w, h = sh * 0.18 * zoom, sh * 0.2 * zoom
            body = colour or mix(t.ground, t.outline, 0.6)
            draw.rectangle((x - w / 2, hy - h, x + w / 2, hy + S * 2), fill=body, outline=t.outline, width=S * 2)
            draw.rectangle((x - w * 0.1, pad - sh, x + w * 0.1, hy - h), fill=body)
            draw.rectangle((x - w * 0.3, hy - h * 0.6, x + w * 0.3, hy - h * 0.25), fill=mix(body, t.warm, 0.55))
        elif feature == "shelf":
            w = sh * 0.36 * zoom
            for k, y in enumerate((hy - sh * 0.26 * zoom, hy - sh * 0.36 * zoom)):
                draw.rectangle((x - w / 2, y, x + w / 2, y + S * 3 * zoom), fill=colour or mix(t.sky, t.outline, 0.5))
            surfaces["shelf"] = (x - w / 2, hy - sh * 0.26 * zoom, x + w / 2, hy - sh * 0.26 * zoom)
        elif feature == "stairs":
            steps, w = 6, sh * 0.3 * zoom
            col = colour or mix(t.sky, t.outline, 0.55)
            for k in range(steps):
                y = hy - (k + 1) * sh * 0.075 * zoom
                xa = x + (k * w / steps) * (-1 if flip else 1)
                draw.rectangle((min(xa, xa + w / steps * (-1 if flip else 1)), y,
                                max(xa, xa + w / steps * (-1 if flip else 1)), y + sh * 0.075 * zoom), fill=col,
                               outline=mix(col, t.outline, 0.5), width=S)
        elif feature == "bed":
            w, h = sh * 0.5 * zoom, sh * 0.1 * zoom
            draw.rectangle((x - w / 2, hy - h, x + w / 2, hy + h * 0.3), fill=colour or mix(t.sky, (255, 255, 255), 0.3),
                           outline=frame, width=S * 2)
        elif feature == "lens":  # a lighthouse lens: a tall glass drum in a brass cage, behind the figures
            w, h = sh * 0.32 * zoom, sh * 0.46 * zoom
            glass = mix(t.window, t.sky, 0.4)
            cage = mix(t.warm, t.outline, 0.3)
            draw.rounded_rectangle((x - w / 2, hy - h - sh * 0.06 * zoom, x + w / 2, hy - sh * 0.06 * zoom),
                                   radius=w * 0.3, fill=glass, outline=cage, width=S * 3)
            for k in range(1, 4):
                yy = hy - sh * 0.06 * zoom - h * k / 4
                draw.line((x - w / 2, yy, x + w / 2, yy), fill=cage, width=S * 2)
            draw.rectangle((x - w * 0.3, hy - sh * 0.06 * zoom, x + w * 0.3, hy), fill=cage)


def draw_table(draw: ImageDraw.ImageDraw, t: Tones, colour: RGB | None, x: float, y: float, w: float, legs: float,
               S: int) -> tuple[float, float, float, float]:
    """A table whose top's front edge runs at ``y``, centred on ``x``; returns its top (a surface for props)."""
    top_h = max(S * 2.0, legs * 0.22)
    wood = colour or mix(t.ground, t.outline, 0.3)
    edge = mix(wood, t.outline, 0.5)
    for lx in (x - w * 0.44, x + w * 0.4):
        draw.rectangle((lx, y, lx + w * 0.04, y + legs), fill=mix(wood, t.outline, 0.25))
    draw.polygon([(x - w / 2, y), (x + w / 2, y), (x + w / 2 - w * 0.04, y - top_h), (x - w / 2 + w * 0.04, y - top_h)],
                 fill=wood, outline=edge)
    draw.rectangle((x - w / 2, y, x + w / 2, y + top_h * 0.6), fill=mix(wood, t.outline, 0.2))
    return x - w / 2, y - top_h, x + w / 2, y - top_h


__all__ = ["Tones", "tones", "draw_set", "draw_table", "mix", "lab", "rgb_of", "norm_hex", "DEFAULT_PALETTE"]
