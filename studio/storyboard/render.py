"""Storyboard panels: a schematic previsualisation of one shot, drawn with Pillow.

A :class:`Renderer` turns a :class:`~continuity.visual.shots.Shot` into the *picture* (the
frame at the bible's aspect ratio); :func:`compose_panel` adds the caption strip.
:class:`SchematicRenderer` is the default: a blocking diagram the way a storyboard
artist's first pass looks (toned background, silhouettes sized by shot size, placed
and turned by the blocking, name labels, camera-movement arrows). Another backend
(an image model, say) only has to implement ``render``.

Everything is deterministic: no randomness, no clock, Pillow's built-in font
(Aileron), so the same shot list gives the same pixels.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PIL import Image, ImageDraw, ImageFilter

from continuity.visual.shots import Shot, ShotList
from studio.storyboard.caption import (  # noqa: F401  (caption helpers re-exported)
    INK,
    caption_height,
    caption_texts,
    compose_panel,
    fit,
    font,
    plain,
    wrap,
)

if TYPE_CHECKING:
    from continuity.bible.model import Bible

DEFAULT_ASPECT = 1.85
DEFAULT_WIDTH = 960
DEFAULT_PALETTE = ("#1e242b", "#444e59", "#77828d", "#b3bcc4", "#e2e6ea", "#c0883c")
_SS = 2  # supersampling factor for shapes (antialiasing by downscaling)
_TIME_BAND = {"NIGHT": "night", "DAWN": "twilight", "DUSK": "twilight", "EVENING": "twilight"}
# Full-figure height (fraction of frame height) and where the top of the head sits.
# None for the top: the figure stands on the ground (wide shots).
_FRAMING = {
    "EWS": (0.13, None), "WS": (0.42, None), "MLS": (1.2, 0.10), "MS": (2.1, 0.10),
    "MCU": (2.9, 0.10), "CU": (4.6, 0.08), "ECU": (9.0, -0.22),
}
_HORIZON = {"eye-level": 0.55, "high": 0.33, "low": 0.78, "ground": 0.9, "dutch": 0.55, "pov": 0.52, "ots": 0.55}
_POSITION_X = {"left": 0.28, "centre": 0.5, "right": 0.72}
_TOPDOWN_HEAD = {"EWS": 0.035, "WS": 0.07, "MLS": 0.1, "MS": 0.13, "MCU": 0.17, "CU": 0.22, "ECU": 0.34}


# -- context and interface ------------------------------------------------------------------------


@dataclass(frozen=True)
class PanelContext:
    """What a renderer needs besides the shot: the list, the bible's style, the size.

    Attributes:
        shots: the whole shot list (scene headings, neighbouring shots).
        index: the shot's 0-based position in ``shots.shots``.
        palette: the style palette as ``#rrggbb`` (the bible's, else a neutral one).
        aspect_ratio: picture width / height (the bible's, else 1.85).
        width: picture width in pixels.
        bible: the bible, for per-location colours (a location attribute ``palette``).
    """

    shots: ShotList
    index: int
    palette: tuple[str, ...] = DEFAULT_PALETTE
    aspect_ratio: float = DEFAULT_ASPECT
    width: int = DEFAULT_WIDTH
    bible: Bible | None = None

    @classmethod
    def build(cls, shots: ShotList, index: int, bible: Bible | None = None, width: int = DEFAULT_WIDTH) -> PanelContext:
        """A context from a bible's style (palette, aspect ratio) or the defaults."""
        style = bible.style if bible is not None else None
        palette = tuple(style.palette) if style is not None and style.palette else DEFAULT_PALETTE
        ratio = style.aspect_ratio if style is not None and style.aspect_ratio else DEFAULT_ASPECT
        return cls(shots=shots, index=index, palette=palette, aspect_ratio=ratio, width=width, bible=bible)

    @property
    def height(self) -> int:
        """Picture height in pixels (aspect ratio clamped to 0.5-4)."""
        ratio = min(4.0, max(0.5, self.aspect_ratio))
        return max(2, round(self.width / ratio))

    def palette_for(self, location: str | None) -> tuple[str, ...]:
        """The location's own colours (bible location attribute ``palette``), else the style palette."""
        from continuity.visual.checks import palette_for

        colours, path = palette_for(self.bible, location)
        return tuple(colours) if path != "style.palette" else self.palette


class Renderer(Protocol):
    """Draws the picture of one shot: an RGB image of ``context.width`` x ``context.height``."""

    def render(self, shot: Shot, context: PanelContext) -> Image.Image:
        """Return the shot's picture (no caption)."""
        ...


# -- colours --------------------------------------------------------------------------------------


def _norm_hex(h: str) -> str:
    h = h.lower().lstrip("#")
    return "#" + ("".join(c * 2 for c in h) if len(h) == 3 else h)


def _rgb(h: str) -> tuple[int, int, int]:
    h = _norm_hex(h)
    return int(h[1:3], 16), int(h[3:5], 16), int(h[5:7], 16)


def _lab(rgb: tuple[int, int, int]) -> tuple[float, float, float]:
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


def _mix(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> tuple[int, int, int]:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))  # type: ignore[return-value]


@dataclass(frozen=True)
class _Tones:
    sky: tuple[int, int, int]
    horizon: tuple[int, int, int]
    ground: tuple[int, int, int]
    ground_far: tuple[int, int, int]
    figure: tuple[int, int, int]
    outline: tuple[int, int, int]
    face: tuple[int, int, int]
    accent: tuple[int, int, int]
    plate: tuple[int, int, int]
    window: tuple[int, int, int]


def _tones(palette: tuple[str, ...], time: str | None, interior: bool, seed: int) -> _Tones:
    cols = [(_rgb(h), _lab(_rgb(h))) for h in palette] or [(_rgb(h), _lab(_rgb(h))) for h in DEFAULT_PALETTE]

    def chroma(lab: tuple[float, float, float]) -> float:
        return math.hypot(lab[1], lab[2])

    def pick(target: float, chroma_weight: float = 0.35, spread: float = 6.0) -> tuple[int, int, int]:
        scored = sorted((abs(lab[0] - target) + chroma_weight * chroma(lab), i) for i, (_, lab) in enumerate(cols))
        near = [i for s, i in scored if s <= scored[0][0] + spread]
        return cols[near[seed % len(near)]][0]

    def lightness(rgb: tuple[int, int, int]) -> float:
        return _lab(rgb)[0]

    band = _TIME_BAND.get(time or "", "day")
    warm = max(cols, key=lambda c: (c[1][2] + 0.5 * c[1][1]) if 35 < c[1][0] < 85 else -1e9)[0]
    accent = max(cols, key=lambda c: chroma(c[1]))
    accent_rgb = accent[0] if chroma(accent[1]) >= 15 else (214, 92, 52)
    plate = min(cols, key=lambda c: c[1][0])[0]
    plate = _mix(plate, (0, 0, 0), 0.35)
    if band == "night":
        sky = pick(8)
        horizon = _mix(sky, pick(25), 0.5)
        ground = pick(20)
        window = _mix(sky, (0, 0, 0), 0.2)
        if interior:
            sky, horizon = pick(18), pick(24)
            ground = _mix(pick(14), (0, 0, 0), 0.15)
    elif band == "twilight":
        sky = pick(45)
        horizon = warm
        ground = pick(24)
        window = warm
        if interior:
            sky = horizon = pick(42)
            ground = _mix(pick(30), (0, 0, 0), 0.15)
    else:
        sky = pick(82)
        horizon = _mix(sky, (255, 255, 255), 0.18)
        ground = pick(58)
        window = _mix(pick(90), (255, 255, 255), 0.25)
        if interior:
            sky = horizon = pick(68)
            ground = pick(52)
    back = (lightness(sky), lightness(horizon), lightness(ground))
    if band == "night":  # figures picked out lighter than the dark, rim-lit
        figure = pick(max(back) + 16, chroma_weight=0.6, spread=3)
        if lightness(figure) < max(back) + 10:
            figure = _mix(figure, (255, 255, 255), 0.25)
        outline = _mix(figure, (255, 255, 255), 0.35)
        face = _mix(figure, (255, 255, 255), 0.22)
    else:  # dark silhouettes against sky and ground
        figure = pick(min(back) - 24, chroma_weight=0.6, spread=3)
        if lightness(figure) > min(back) - 14:
            figure = _mix(figure, (0, 0, 0), 0.35)
        outline = _mix(figure, (0, 0, 0), 0.55)
        face = _mix(figure, (255, 255, 255), 0.25)
    return _Tones(sky, horizon, ground, _mix(ground, horizon, 0.35), figure, outline, face, accent_rgb, plate, window)


# -- geometry -------------------------------------------------------------------------------------


def _ellipse(cx: float, cy: float, rx: float, ry: float, n: int = 28) -> list[tuple[float, float]]:
    return [(cx + rx * math.cos(2 * math.pi * k / n), cy + ry * math.sin(2 * math.pi * k / n)) for k in range(n)]


def _figure_parts(cx: float, top: float, h: float, facing: str) -> tuple[list[list[tuple[float, float]]], list[tuple[float, float]] | None]:
    """Polygons of a standing figure (head height ``h``) and its face patch, in pixels."""

    def at(pts: list[tuple[float, float]], d: float = 1.0) -> list[tuple[float, float]]:
        return [(cx + d * x * h, top + y * h) for x, y in pts]

    if facing in ("left", "right"):
        d = 1.0 if facing == "right" else -1.0
        parts = [
            at([(-0.45, 3.3), (0.05, 3.3), (-0.3, 7.5), (-0.7, 7.5)], d),  # back leg
            at([(-0.1, 3.3), (0.4, 3.3), (0.55, 7.35), (0.85, 7.4), (0.85, 7.55), (0.2, 7.55)], d),  # front leg
            at([(-0.45, 1.2), (0.4, 1.2), (0.58, 1.55), (0.48, 3.45), (-0.48, 3.45), (-0.58, 1.5)], d),  # torso
            at([(-0.13, 0.8), (0.17, 0.8), (0.19, 1.3), (-0.15, 1.3)], d),  # neck
            at([(-0.12, 1.35), (0.22, 1.35), (0.3, 3.85), (-0.02, 3.9)], d),  # arm
            _ellipse(cx + d * 0.03 * h, top + 0.5 * h, 0.41 * h, 0.5 * h),  # head
            at([(0.36, 0.38), (0.6, 0.6), (0.36, 0.7)], d),  # nose
        ]
        face = _ellipse(cx + d * 0.2 * h, top + 0.54 * h, 0.2 * h, 0.3 * h)
        return parts, face
    parts = [
        at([(-0.72, 3.35), (-0.04, 3.35), (-0.14, 7.5), (-0.58, 7.5)]),
        at([(0.04, 3.35), (0.72, 3.35), (0.58, 7.5), (0.14, 7.5)]),
        at([(-0.55, 1.12), (0.55, 1.12), (1.0, 1.38), (0.8, 3.5), (-0.8, 3.5), (-1.0, 1.38)]),
        at([(-0.15, 0.8), (0.15, 0.8), (0.17, 1.25), (-0.17, 1.25)]),
        at([(-1.0, 1.4), (-0.76, 1.5), (-0.84, 3.9), (-1.13, 3.9), (-1.2, 1.62)]),
        at([(1.0, 1.4), (0.76, 1.5), (0.84, 3.9), (1.13, 3.9), (1.2, 1.62)]),
        _ellipse(cx, top + 0.5 * h, 0.39 * h, 0.5 * h),
    ]
    face = _ellipse(cx, top + 0.56 * h, 0.26 * h, 0.33 * h) if facing == "camera" else None
    return parts, face


def _topdown_parts(cx: float, cy: float, r: float, facing: str) -> tuple[list[list[tuple[float, float]]], list[tuple[float, float]]]:
    """A figure seen from above: shoulders, head and a nose wedge pointing where they face."""
    angle = {"right": 0.0, "camera": 90.0, "left": 180.0, "away": 270.0}[facing]
    a = math.radians(angle)
    ux, uy = math.cos(a), math.sin(a)
    px, py = -uy, ux
    shoulders = [(cx + px * 2.2 * r * math.cos(t) + ux * 0.9 * r * math.sin(t),
                  cy + py * 2.2 * r * math.cos(t) + uy * 0.9 * r * math.sin(t))
                 for t in (2 * math.pi * k / 28 for k in range(28))]
    head = _ellipse(cx, cy, r, r)
    nose = [(cx + ux * 1.55 * r, cy + uy * 1.55 * r), (cx + ux * 0.6 * r + px * 0.55 * r, cy + uy * 0.6 * r + py * 0.55 * r),
            (cx + ux * 0.6 * r - px * 0.55 * r, cy + uy * 0.6 * r - py * 0.55 * r)]
    return [shoulders, nose, head], _ellipse(cx + ux * 0.35 * r, cy + uy * 0.35 * r, 0.45 * r, 0.45 * r)


def _draw_shape(draw: ImageDraw.ImageDraw, parts, face, tones: _Tones, width: float) -> None:
    w = max(2, round(width))
    for pts in parts:  # outline pass: every part grown by w/2, so the union has no inner seams
        draw.polygon(pts, fill=tones.outline)
        draw.line([*pts, pts[0], pts[1]], fill=tones.outline, width=w, joint="curve")
    for pts in parts:
        draw.polygon(pts, fill=tones.figure)
    if face:
        draw.polygon(face, fill=tones.face)


def _arrow(draw: ImageDraw.ImageDraw, pts: list[tuple[float, float]], colour, edge, width: float) -> None:
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


# -- the schematic renderer -----------------------------------------------------------------------


@dataclass(frozen=True)
class SchematicRenderer:
    """The default renderer: a schematic blocking diagram of the shot.

    Attributes:
        font_path: a TTF to draw labels with (default: Pillow's built-in Aileron,
            which covers ASCII; other characters are transliterated).
    """

    font_path: str | None = None

    def render(self, shot: Shot, context: PanelContext) -> Image.Image:
        """Draw the shot's picture: ``context.width`` x ``context.height`` RGB."""
        W, H = context.width, context.height
        location = context.shots.location_of(shot) or ""
        seed = hashlib.md5(location.encode()).digest()[0]
        setting = context.shots.setting_of(shot) or ""
        interior = setting.startswith("INT") and "EXT" not in setting
        tones = _tones(context.palette_for(location), context.shots.time_of(shot), interior, seed)
        S = _SS
        sw, sh = W * S, H * S
        tilt = 8.0 if shot.angle == "dutch" else 0.0
        pad = round(0.25 * max(sw, sh)) if tilt else 0
        canvas = Image.new("RGB", (sw + 2 * pad, sh + 2 * pad), tones.sky)
        draw = ImageDraw.Draw(canvas)
        self._background(canvas, pad, shot, tones, interior, seed, S)
        if tilt:
            canvas = canvas.rotate(tilt, resample=Image.Resampling.BICUBIC).crop((pad, pad, pad + sw, pad + sh))
            draw = ImageDraw.Draw(canvas)
        if shot.size in ("MCU", "CU", "ECU") and shot.angle != "overhead":
            # out-of-focus background: blurred at a quarter size (4x faster, looks the same)
            small = canvas.reduce(4).filter(ImageFilter.BoxBlur(max(1, round(sw * 0.0015))))
            canvas = small.resize(canvas.size, Image.Resampling.BILINEAR)
            draw = ImageDraw.Draw(canvas)
        anchors = self._figures(draw, shot, tones, sw, sh)
        tags = self._movement(draw, shot, tones, sw, sh)
        if shot.angle == "pov":
            self._vignette(canvas, tones)
            draw = ImageDraw.Draw(canvas)
        picture = canvas.reduce(S)
        self._labels(picture, shot, anchors, tags, tones, W, H)
        ImageDraw.Draw(picture).rectangle((0, 0, W - 1, H - 1), outline=INK, width=max(1, W // 480))
        return picture

    # background

    def _background(self, canvas: Image.Image, pad: int, shot: Shot, tones: _Tones, interior: bool, seed: int, S: int) -> None:
        draw = ImageDraw.Draw(canvas)
        cw, ch = canvas.size
        sw, sh = cw - 2 * pad, ch - 2 * pad
        if shot.angle == "overhead":
            draw.rectangle((0, 0, cw, ch), fill=tones.ground)
            grid = _mix(tones.ground, tones.outline, 0.18)
            step = sh / 6
            for k in range(-12, 13):
                x = cw / 2 + k * step
                draw.line((x, 0, x, ch), fill=grid, width=S)
                y = ch / 2 + k * step
                draw.line((0, y, cw, y), fill=grid, width=S)
            return
        hy = pad + sh * _HORIZON.get(shot.angle, 0.55)
        top = max(1, round(hy))
        sky = [_mix(tones.sky, tones.horizon, (y / top) ** 1.6) for y in range(top)]
        ground = [_mix(tones.ground_far, tones.ground, y / max(1, ch - top)) for y in range(ch - top)]
        strip = Image.new("RGB", (1, ch))
        strip.putdata(sky + ground)
        canvas.paste(strip.resize((cw, ch), Image.Resampling.NEAREST))
        line = _mix(tones.ground, tones.outline, 0.35)
        draw.line((0, hy, cw, hy), fill=line, width=S * 2)
        vx = pad + sw * (0.5 + ((seed % 7) - 3) * 0.04)
        guide = _mix(tones.ground, tones.outline, 0.16)
        for k in range(-6, 7):  # perspective guides on the floor / ground
            draw.line((vx, hy, vx + k * sw * 0.28, ch), fill=guide, width=S)
        if interior:
            left = pad + sw * (0.1 if seed % 2 else 0.64)
            top = pad + sh * 0.12
            bottom = min(hy - sh * 0.1, top + sh * 0.34)
            if bottom > top + sh * 0.08:
                frame = _mix(tones.sky, tones.outline, 0.45)
                draw.rectangle((left, top, left + sw * 0.22, bottom), fill=tones.window, outline=frame, width=S * 3)
                mid = left + sw * 0.11
                draw.line((mid, top, mid, bottom), fill=frame, width=S * 3)

    # figures

    def _figures(self, draw, shot: Shot, tones: _Tones, sw: int, sh: int) -> list[tuple[str, float, float, float]]:
        """Draw the silhouettes; return (name, x, top, head height) per subject, in picture pixels."""
        if not shot.subjects:
            if shot.size not in ("ECU", "CU", "MCU"):
                return []
            # an insert: a generic object block in the middle of the frame
            k = {"ECU": 0.5, "CU": 0.36, "MCU": 0.26}[shot.size]
            ow, oh = sh * k * 1.5, sh * k
            box = [(sw / 2 - ow / 2, sh * 0.56 - oh / 2), (sw / 2 + ow / 2, sh * 0.56 - oh / 2),
                   (sw / 2 + ow / 2, sh * 0.56 + oh / 2), (sw / 2 - ow / 2, sh * 0.56 + oh / 2)]
            _draw_shape(draw, [box], None, tones, max(oh * 0.03, _SS * 1.5))
            return [("INSERT", sw / 2 / _SS, (sh * 0.56 - oh / 2) / _SS, oh / 6 / _SS)]
        body, top_rel = _FRAMING[shot.size]
        groups: dict[str, list[int]] = {}
        for i, s in enumerate(shot.subjects):
            groups.setdefault(s.position, []).append(i)
        overhead = shot.angle == "overhead"
        h = sh * (_TOPDOWN_HEAD[shot.size] if overhead else body / 7.5)
        fig_w = h * (4.6 if overhead else 2.5)
        spacing = min(max(0.75 * fig_w, 0.045 * sw), 0.2 * sw)
        xs: dict[int, float] = {}
        for pos, members in groups.items():
            n = len(members)
            for k, i in enumerate(members):
                x = sw * _POSITION_X[pos] + (k - (n - 1) / 2) * spacing
                xs[i] = min(max(x, sw * 0.06), sw * 0.94)
        horizon = sh * _HORIZON.get(shot.angle, 0.55)
        anchors = []
        for i, s in enumerate(shot.subjects):
            x = xs[i]
            scale = 1.0
            top_off = 0.0
            if shot.angle == "ots" and s.facing == "away":  # the near shoulder in an over-the-shoulder
                scale, top_off = 1.55, 0.22
                x = sw * (0.1 if x < sw / 2 else 0.9)
            hh = h * scale
            if overhead:
                cy = sh * 0.55
                parts, face = _topdown_parts(x, cy, hh, s.facing)
                _draw_shape(draw, parts, face, tones, hh * 0.12)
                anchors.append((s.name, x / _SS, (cy - 2.4 * hh) / _SS, 2 * hh / _SS))
                continue
            if top_rel is None:
                feet = min(sh * 0.93, max(horizon + sh * (0.05 if shot.size == "EWS" else 0.12), sh * 0.5))
                if shot.size == "EWS":
                    feet = min(sh * 0.93, horizon + (sh - horizon) * 0.35)
                top = feet - 7.5 * hh
            else:
                top = sh * (top_rel + top_off)
            parts, face = _figure_parts(x, top, hh, s.facing)
            _draw_shape(draw, parts, face, tones, max(hh * 0.045, _SS * 1.5))
            anchors.append((s.name, x / _SS, top / _SS, hh / _SS))
        return anchors

    # camera movement

    def _movement(self, draw, shot: Shot, tones: _Tones, sw: int, sh: int) -> list[tuple[str, float, float, str]]:
        """Draw the movement arrow; return text tags (text, x, y, anchor: e/w/n/s/c) in picture pixels."""
        mv = shot.movement
        if mv == "static":
            return []
        wd = max(3.0, sh * 0.012)
        col, edge = tones.accent, _mix(tones.accent, (0, 0, 0), 0.6)
        name = mv.split()[0].upper()
        if mv in ("pan left", "pan right", "track left", "track right"):
            y = sh * (0.1 if mv.startswith("pan") else 0.9)
            a, b = sw * 0.36, sw * 0.64
            pts = [(a, y), (b, y)] if mv.endswith("right") else [(b, y), (a, y)]
            if mv.startswith("track"):
                for dy in (-wd * 2.2, wd * 2.2):
                    draw.line((a, y + dy, b, y + dy), fill=edge, width=max(2, round(wd * 0.35)))
            _arrow(draw, pts, col, edge, wd)
            return [(name, a / _SS, y / _SS, "e")] if mv.endswith("right") else [(name, b / _SS, y / _SS, "w")]
        if mv in ("tilt up", "tilt down", "crane up", "crane down"):
            x = sw * (0.94 if mv.startswith("tilt") else 0.06)
            a, b = sh * 0.28, sh * 0.72
            _arrow(draw, [(x, b), (x, a)] if mv.endswith("up") else [(x, a), (x, b)], col, edge, wd)
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
                _arrow(draw, [(mx, my), (nx, ny)] if inward else [(nx, ny), (mx, my)], col, edge, wd * 0.8)
            return [(mv.upper(), x0 / _SS, (y0 + sh * 0.06) / _SS, "w")]
        if mv in ("arc left", "arc right"):
            cx, cy, rx, ry = sw / 2, sh * 0.74, sw * 0.3, sh * 0.16
            ts = [math.pi * (0.08 + 0.84 * k / 24) for k in range(25)]
            pts = [(cx - rx * math.cos(t), cy + ry * math.sin(t)) for t in ts]
            if mv == "arc left":
                pts.reverse()
            _arrow(draw, pts, col, edge, wd)
            return [("ARC", cx / _SS, (cy + ry) / _SS, "c")]
        # handheld, steadicam: a wavy line in the top right corner
        n = 14
        x0, x1, y = sw * 0.72, sw * 0.95, sh * 0.09
        amp = sh * (0.022 if mv == "handheld" else 0.012)
        pts = [(x0 + (x1 - x0) * k / n, y + (amp if k % 2 else -amp) * (1 if mv == "handheld" else math.sin(k))) for k in range(n + 1)]
        draw.line(pts, fill=edge, width=round(wd * 1.5), joint="curve")
        draw.line(pts, fill=col, width=round(wd * 0.8), joint="curve")
        return [(mv.upper(), (x0 + x1) / 2 / _SS, (y + amp) / _SS, "s")]

    def _vignette(self, canvas: Image.Image, tones: _Tones) -> None:
        mask = Image.new("L", canvas.size, 0)
        w, h = canvas.size
        ImageDraw.Draw(mask).ellipse((-w * 0.08, -h * 0.12, w * 1.08, h * 1.12), fill=255)
        mask = mask.filter(ImageFilter.BoxBlur(max(2, round(h * 0.06))))
        dark = Image.new("RGB", canvas.size, _mix(tones.plate, (0, 0, 0), 0.3))
        canvas.paste(Image.composite(canvas, dark, mask))

    # labels

    def _labels(self, picture: Image.Image, shot: Shot, anchors, tags, tones: _Tones, W: int, H: int) -> None:
        """Name plates over the figures, then movement tags; no two boxes overlap if avoidable."""
        size = max(10, round(min(H * 0.05, W * 0.022)))
        fnt = font(size, self.font_path)
        small = font(max(9, round(size * 0.8)), self.font_path)
        text_of = (lambda t: t) if self.font_path else plain
        overlay = Image.new("RGBA", picture.size, (0, 0, 0, 0))
        draw = ImageDraw.Draw(overlay)
        pad = max(2, size // 4)
        margin = max(3, W // 160)
        placed: list[tuple[float, float, float, float]] = []

        def place(bx: float, y: float, bw: float, bh: float) -> tuple[float, float]:
            bx = min(max(bx, margin), W - bw - margin)
            for _ in range(len(placed) + 1):
                clash = next((p for p in placed if bx < p[2] and p[0] < bx + bw and y < p[3] and p[1] < y + bh), None)
                if clash is None:
                    break
                y = clash[3] + 2 if clash[3] + 2 + bh <= H - margin else clash[1] - bh - 2
            y = min(max(y, margin), H - bh - margin)
            placed.append((bx, y, bx + bw, y + bh))
            return bx, y

        lift = max(1, size // 6)  # the font's internal leading above capitals
        box_h = sum(fnt.getmetrics()) + 2 * pad - lift
        for name, x, top, hh in sorted(anchors, key=lambda a: a[1]):
            label = fit(text_of(name), fnt, W * 0.4)
            bw = fnt.getlength(label) + 2 * pad
            y = top - box_h - max(2, hh * 0.15)
            if y < margin:  # no room above the head: put the label on the chest
                y = min(max(top + hh * 1.7, H * 0.6), H - box_h - margin)
            bx, y = place(x - bw / 2, y, bw, box_h)
            draw.rounded_rectangle((bx, y, bx + bw, y + box_h), radius=pad, fill=(*tones.plate, 220))
            draw.text((bx + pad, y + pad - lift + 1), label, font=fnt, fill=(245, 245, 240, 255))
        gap = max(4, H * 0.02)
        bh = sum(small.getmetrics()) + pad
        for text, x, y, anchor in tags:
            label = fit(text_of(text), small, W * 0.3)
            bw = small.getlength(label) + 2 * pad
            bx, by = {
                "e": (x - gap - bw, y - bh / 2), "w": (x + gap, y - bh / 2),
                "s": (x - bw / 2, y + gap), "n": (x - bw / 2, y - gap - bh), "c": (x - bw / 2, y - bh / 2),
            }[anchor]
            bx, by = place(bx, by, bw, bh)
            draw.rounded_rectangle((bx, by, bx + bw, by + bh), radius=pad, fill=(*tones.plate, 210))
            draw.text((bx + pad, by + pad // 2), label, font=small, fill=(*tones.accent, 255))
        picture.paste(Image.alpha_composite(picture.convert("RGBA"), overlay).convert("RGB"))


__all__ = [
    "PanelContext", "Renderer", "SchematicRenderer", "DEFAULT_ASPECT", "DEFAULT_PALETTE", "DEFAULT_WIDTH",
    # the caption side, re-exported for convenience
    "compose_panel", "caption_height", "caption_texts", "wrap", "fit", "plain", "font",
]
