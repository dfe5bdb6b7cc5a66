"""Storyboard panels: a schematic previsualisation of one shot, drawn with Pillow.

A :class:`Renderer` turns a :class:`~continuity.visual.shots.Shot` into the *picture* (the
frame at the bible's aspect ratio); :func:`compose_panel` adds the caption strip.
:class:`SchematicRenderer` is the default: a storyboard artist's first pass drawn
from the bible. The set and the light come from the scene (an interior's walls,
floor line and features, or sky, horizon and ground; the time of day within the
palette, :mod:`studio.storyboard.sets`); each character is drawn in their own figure
preset and colours, in the pose the action gives, holding the props it names
(:mod:`studio.storyboard.figures`); then name tags, prop labels and camera-move
arrows (:mod:`studio.storyboard.movement`). What to draw is planned first, as a
:class:`~continuity.visual.board.Board`, which the identity check rebuilds to
read the panels back. Another backend (an image model, say) only has to
implement ``render``.

Everything is deterministic: no randomness, no clock, Pillow's built-in font
(Aileron), so the same shot list gives the same pixels.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PIL import Image, ImageDraw, ImageFilter

from continuity.visual.board import Board, BoardShot
from continuity.visual.identity import SKIN
from continuity.visual.layout import HORIZON, INSERT_UNIT, Placement
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
from studio.storyboard.figures import (
    PROP_HEIGHT,
    WOOD,
    draw_figure,
    draw_prop,
    hand_point,
)
from studio.storyboard.movement import draw_movement, vignette
from studio.storyboard.sets import DEFAULT_PALETTE, Tones, draw_set, draw_table, tones

if TYPE_CHECKING:
    from continuity.bible.model import Bible

DEFAULT_ASPECT = 1.85
DEFAULT_WIDTH = 960
_SS = 2  # supersampling factor for shapes (antialiasing by downscaling)
_PALM_RE = re.compile(r"\b(?:palm|hand|hands|fingers)\b", re.IGNORECASE)


# -- context and interface ------------------------------------------------------------------------


@dataclass(frozen=True)
class PanelContext:
    """What a renderer needs besides the shot: the list, the bible's style, the size, the plan.

    Attributes:
        shots: the whole shot list (scene headings, neighbouring shots).
        index: the shot's 0-based position in ``shots.shots``.
        palette: the style palette as ``#rrggbb`` (the bible's, else a neutral one).
        aspect_ratio: picture width / height (the bible's, else 1.85).
        width: picture width in pixels.
        bible: the bible, for per-location colours (a location attribute ``palette``).
        board: the planned board (identities, poses, props, sets); None plans it from
            ``shots`` and ``bible`` alone.
    """

    shots: ShotList
    index: int
    palette: tuple[str, ...] = DEFAULT_PALETTE
    aspect_ratio: float = DEFAULT_ASPECT
    width: int = DEFAULT_WIDTH
    bible: Bible | None = None
    board: Board | None = None

    @classmethod
    def build(cls, shots: ShotList, index: int, bible: Bible | None = None, width: int = DEFAULT_WIDTH,
              board: Board | None = None) -> PanelContext:
        """A context from a bible's style (palette, aspect ratio) or the defaults."""
        style = bible.style if bible is not None else None
        palette = tuple(style.palette) if style is not None and style.palette else DEFAULT_PALETTE
        ratio = style.aspect_ratio if style is not None and style.aspect_ratio else DEFAULT_ASPECT
        return cls(shots=shots, index=index, palette=palette, aspect_ratio=ratio, width=width, bible=bible, board=board)

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

    def planned(self, shot: Shot) -> BoardShot:
        """The board entry for ``shot`` (planned here when the context carries no board)."""
        board = self.board
        if board is not None:
            found = board.items[self.index] if 0 <= self.index < len(board.items) else None
            if found is not None and found.shot == shot:
                return found
            found = board.of(shot)
            if found is not None:
                return found
        single = ShotList(shots=(shot,), title=self.shots.title, scenes=self.shots.scenes)
        return Board.build(single, self.bible).items[0]


@dataclass(frozen=True)
class Panel:
    """A rendered shot: the full panel image, its picture box and its file name."""

    shot: Shot
    index: int
    image: Image.Image
    frame: tuple[int, int, int, int]
    filename: str

    @property
    def picture(self) -> Image.Image:
        """The picture alone, without the caption strip."""
        return self.image.crop(self.frame)


class Renderer(Protocol):
    """Draws the picture of one shot: an RGB image of ``context.width`` x ``context.height``."""

    def render(self, shot: Shot, context: PanelContext) -> Image.Image:
        """Return the shot's picture (no caption)."""
        ...


# -- the schematic renderer -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Label:
    text: str
    x: float  # centre, picture pixels
    y: float  # the top of what it names (head or prop)
    room: float  # the size of what it names, for spacing
    beside: tuple[float, float] | None = None  # (left, right) of a head, to sit beside it when there is no room above
    small: bool = False
    behind: int = 1  # the side behind the face (-1 left, 1 right), where a tag beside the head goes first


@dataclass(frozen=True)
class SchematicRenderer:
    """The default renderer: a schematic storyboard panel of the shot.

    Attributes:
        font_path: a TTF to draw labels with (default: Pillow's built-in Aileron,
            which covers ASCII; other characters are transliterated).
    """

    font_path: str | None = None

    def render(self, shot: Shot, context: PanelContext) -> Image.Image:
        """Draw the shot's picture: ``context.width`` x ``context.height`` RGB."""
        W, H = context.width, context.height
        plan = context.planned(shot)
        location = context.shots.location_of(shot) or ""
        seed = hashlib.md5(location.encode()).digest()[0]
        setting = context.shots.setting_of(shot) or ""
        interior = setting.startswith("INT") and "EXT" not in setting
        dressing = plan.staging.set
        time = context.shots.time_of(shot)
        t = tones(context.palette_for(location), time, interior, seed,
                  dressing.walls if dressing else None, dressing.floor if dressing else None)
        S = _SS
        sw, sh = W * S, H * S
        tilt = 8.0 if shot.angle == "dutch" else 0.0
        pad = round(0.25 * max(sw, sh)) if tilt else 0
        canvas = Image.new("RGB", (sw + 2 * pad, sh + 2 * pad), t.sky)
        surfaces = draw_set(canvas, pad, shot, t, dressing, interior, seed, time, S)
        if tilt:
            canvas = canvas.rotate(tilt, resample=Image.Resampling.BICUBIC).crop((pad, pad, pad + sw, pad + sh))
            surfaces = {}
        if shot.size in ("MCU", "CU", "ECU") and shot.angle != "overhead":
            # out-of-focus background: blurred at a quarter size (4x faster, looks the same)
            small = canvas.reduce(4).filter(ImageFilter.BoxBlur(max(1, round(sw * 0.0015))))
            canvas = small.resize(canvas.size, Image.Resampling.BILINEAR)
        draw = ImageDraw.Draw(canvas)
        placements = plan.placements(sw, sh)
        table = dressing.colour("table") if dressing and dressing.has("table") else None
        has_table = bool(dressing and dressing.has("table") and interior)
        sitters = [p for p in placements if p.pose == "sitting" and not p.overhead]
        if has_table and not sitters and shot.angle != "overhead" and shot.size in ("EWS", "WS", "MLS"):
            # the table in the room, behind everyone
            zoom = {"EWS": 0.8, "WS": 1.0, "MLS": 1.35}[shot.size]
            hy = sh * HORIZON.get(shot.angle, 0.55)
            surfaces["table"] = draw_table(draw, t, table, sw * 0.5, hy + sh * 0.04 * zoom, sh * 0.6 * zoom,
                                           sh * 0.13 * zoom, S)
        labels: list[_Label] = []
        clear = [tuple(v / S for v in b) for p in placements
                 for b in (p.box((-0.45 * p.figure.head, 1 - p.figure.head), (0.45 * p.figure.head, 1.0))
                           if not p.overhead else p.head_box(), p.torso_box())]
        line_w = lambda p: max(p.h * (0.12 if p.overhead else 0.045), S * 1.5)  # noqa: E731
        for p in placements:
            draw_figure(draw, p, plan.identities[p.name], t.outline, line_w(p), chair=table or WOOD)
            x0, y0, x1, _ = p.box((-0.45 * p.figure.head, 1 - p.figure.head), (0.45 * p.figure.head, 1 - p.figure.head))
            behind = -1 if p.facing == "right" else 1
            labels.append(_Label(p.name, p.x / S, p.head_top / S, p.h / S, (x0 / S, x1 / S), behind=behind))
        if has_table and sitters and shot.angle != "overhead":
            # sitting at the table: the table in front of them, its top at their lap
            y = min(p.point(0, 3.5)[1] for p in sitters)
            xs = [p.x for p in sitters]
            w = max(xs) - min(xs) + 4.2 * max(p.h for p in sitters)
            surfaces["table"] = draw_table(draw, t, table, (max(xs) + min(xs)) / 2, y, w,
                                           max(p.floor for p in sitters) - y, S)
        labels += self._props(draw, plan, placements, surfaces, t, sw, sh, S)
        tags = draw_movement(draw, shot, t, sw, sh)
        if shot.angle == "pov":
            vignette(canvas, t)
        picture = canvas.reduce(S)
        self._labels(picture, labels, tags, t, W, H, clear)
        ImageDraw.Draw(picture).rectangle((0, 0, W - 1, H - 1), outline=INK, width=max(1, W // 480))
        return picture

    # props

    def _props(self, draw, plan: BoardShot, placements: list[Placement], surfaces, t: Tones, sw: int, sh: int,
               S: int) -> list[_Label]:
        """Draw the props where the line puts them, or an insert's object; return their labels."""
        labels: list[_Label] = []
        shot = plan.shot
        if not shot.subjects:
            if shot.size not in ("ECU", "CU", "MCU"):
                return labels
            u = sh * INSERT_UNIT[shot.size]
            cx, cy = sw / 2, sh * 0.56
            prop = plan.staging.insert
            if prop is None:  # an insert without a named object: a generic block
                box = [(cx - u * 0.75, cy - u * 0.5), (cx + u * 0.75, cy - u * 0.5), (cx + u * 0.75, cy + u * 0.5),
                       (cx - u * 0.75, cy + u * 0.5)]
                draw.polygon(box, fill=t.outline)
                draw.line([*box, box[0], box[1]], fill=t.outline, width=max(2, round(u * 0.03)), joint="curve")
                inner = [(x + (cx - x) * 0.04, y + (cy - y) * 0.06) for x, y in box]
                draw.polygon(inner, fill=t.figure)
                return [_Label("INSERT", cx / S, (cy - u * 0.5) / S, u / 6 / S)]
            if _PALM_RE.search(shot.description or ""):  # an open palm under it
                draw.ellipse((cx - u * 0.7, cy - u * 0.25, cx + u * 0.7, cy + u * 0.75), fill=t.outline)
                draw.ellipse((cx - u * 0.66, cy - u * 0.21, cx + u * 0.66, cy + u * 0.71), fill=SKIN)
            x0, y0, x1, y1 = draw_prop(draw, prop, cx, cy, u, t.outline, max(2, u * 0.03))
            return [_Label(prop.name.upper(), cx / S, y0 / S, (y1 - y0) / S, small=True)]
        by_name = {p.name: p for p in placements}
        for prop in plan.staging.props:
            if prop.holder and prop.holder in by_name:
                p = by_name[prop.holder]
                cx, cy = hand_point(p)
                u = min(p.h, sh * 0.4)
                if cy + 0.3 * u > sh * 0.94 and not p.overhead:  # a close shot: held up into the frame, beside the body
                    side = p.direction if p.facing in ("left", "right") else -1.0
                    cx = p.x + side * (0.5 * p.figure.build + 0.62) * u
                    cy = sh * 0.8
            elif prop.between and all(n in by_name for n in prop.between):
                a, b = (by_name[n] for n in prop.between[:2])
                (ax, ay), (bx, by_) = hand_point(a), hand_point(b)
                cx, cy, u = (ax + bx) / 2, min((ay + by_) / 2, sh * 0.8), (a.h + b.h) / 2
            elif prop.surface and shot.size in ("EWS", "WS", "MLS", "MS") and not any(p.overhead for p in placements):
                owner = placements[0]
                u = owner.h
                half = PROP_HEIGHT.get(prop.shape, 0.6) / 2 * u
                if prop.surface in surfaces:
                    x0, y, x1, _ = surfaces[prop.surface]
                    cx = min(max(owner.x + 1.2 * u, x0 + u), x1 - u)
                    cy = y - half
                else:
                    cx = owner.x + (1.6 if owner.x < sw / 2 else -1.6) * u * owner.figure.build
                    cy = owner.floor - half
                if cy + half > sh:  # the floor is out of frame
                    continue
            else:
                continue
            x0, y0, x1, y1 = draw_prop(draw, prop, cx, cy, u, t.outline, max(S * 1.0, u * 0.04))
            labels.append(_Label(prop.name, cx / S, y1 / S, (y1 - y0) / S, small=True))
        return labels

    # labels

    def _labels(self, picture: Image.Image, labels: list[_Label], tags, t: Tones, W: int, H: int,
                clear: list[tuple[float, ...]] = ()) -> None:
        """Name tags over the figures, prop labels under the props, then movement tags; no two overlap if avoidable.

        ``clear``: boxes no label may cover (each figure's head and torso, where the identity check reads colours).
        """
        size = max(10, round(min(H * 0.05, W * 0.022)))
        fnt = font(size, self.font_path)
        small = font(max(9, round(size * 0.8)), self.font_path)
        text_of = (lambda s: s) if self.font_path else plain
        overlay = Image.new("RGBA", picture.size, (0, 0, 0, 0))
        draw = ImageDraw.Draw(overlay)
        pad = max(2, size // 4)
        margin = max(3, W // 160)
        placed: list[tuple[float, float, float, float]] = [tuple(b) for b in clear]  # type: ignore[misc]

        def free(bx: float, y: float, bw: float, bh: float) -> bool:
            return (margin <= bx and bx + bw <= W - margin and margin <= y and y + bh <= H - margin
                    and not any(bx < p[2] and p[0] < bx + bw and y < p[3] and p[1] < y + bh for p in placed))

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
        small_h = sum(small.getmetrics()) + pad
        for lab in sorted((x for x in labels if not x.small), key=lambda a: a.x):
            label = fit(text_of(lab.text), fnt, W * 0.4)
            bw = fnt.getlength(label) + 2 * pad
            y = lab.y - box_h - max(2, lab.room * 0.15)
            bx = lab.x - bw / 2
            if y < margin and lab.beside is not None:  # no room above the head: beside it, at eye level
                gap = max(3, lab.room * 0.25)
                right, left = lab.beside[1] + gap, lab.beside[0] - gap - bw
                y = min(max(lab.y + lab.room * 0.3, margin), H - box_h - margin)
                first, second = (right, left) if lab.behind > 0 else (left, right)
                bx = first if free(first, y, bw, box_h) or not free(second, y, bw, box_h) else second
            bx, y = place(bx, y, bw, box_h)
            draw.rounded_rectangle((bx, y, bx + bw, y + box_h), radius=pad, fill=(*t.plate, 220))
            draw.text((bx + pad, y + pad - lift + 1), label, font=fnt, fill=(245, 245, 240, 255))
        for lab in (x for x in labels if x.small):
            label = fit(text_of(lab.text), small, W * 0.3)
            bw = small.getlength(label) + 2 * pad
            y = lab.y + 2
            if y + small_h > H - margin:
                y = lab.y - lab.room - small_h - 2
            bx, y = place(lab.x - bw / 2, y, bw, small_h)
            draw.rounded_rectangle((bx, y, bx + bw, y + small_h), radius=pad, fill=(250, 248, 240, 215))
            draw.text((bx + pad, y + pad // 2), label, font=small, fill=(*INK, 255))
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
            draw.rounded_rectangle((bx, by, bx + bw, by + bh), radius=pad, fill=(*t.plate, 210))
            draw.text((bx + pad, by + pad // 2), label, font=small, fill=(*t.accent, 255))
        picture.paste(Image.alpha_composite(picture.convert("RGBA"), overlay).convert("RGB"))


__all__ = [
    "Panel", "PanelContext", "Renderer", "SchematicRenderer", "DEFAULT_ASPECT", "DEFAULT_PALETTE", "DEFAULT_WIDTH",
    # the caption side, re-exported for convenience
    "compose_panel", "caption_height", "caption_texts", "wrap", "fit", "plain", "font",
]
