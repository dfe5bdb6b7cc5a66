"""Text on panels: the built-in font, fitting and wrapping, and the caption strip.

Pillow's built-in scalable font (Aileron, Pillow >= 10.1) is used so panels look
the same on every machine without a system font; it covers ASCII and a little
more, so :func:`plain` transliterates the rest (José -> Jose). Every string drawn
is fitted or wrapped to its box, never past it.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from continuity.visual.shots import Shot, ShotList

PAPER = (246, 244, 239)
INK = (29, 29, 29)
GREY = (105, 105, 105)
BODY_LINES = 3  # lines of action and dialogue under the picture

_REPLACE = {
    "\u2014": "-", "\u2013": "-", "\u2012": "-", "\u2010": "-", "\u2011": "-", "\u2192": "->", "\u2190": "<-",
    "\u00df": "ss", "\u00e6": "ae", "\u00c6": "AE", "\u0153": "oe", "\u0152": "OE", "\u00f8": "o",
    "\u00d8": "O", "\u0142": "l", "\u0141": "L", "\u0111": "d", "\u0110": "D", "\u00a0": " ",
    "\u201e": '"', "\u201a": "'", "\u2032": "'", "\u2033": '"', "\u00d7": "x",
}
_SUPPORTED = set(map(chr, range(32, 127))) | set("\u00a9\u00ab\u00b0\u00b1\u00b4\u00b7\u00bb\u2018\u2019\u201c\u201d\u2026\u2039\u203a\u2044\u2122")


def plain(text: str) -> str:
    """Text the built-in font can draw: accents dropped (José → Jose), others as ``?``."""
    out = []
    for ch in text:
        if ch in _SUPPORTED:
            out.append(ch)
            continue
        if ch in _REPLACE:
            out.append(_REPLACE[ch])
            continue
        if ch in "\n\t\r":
            out.append(" ")
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        out.append(base if base and all(c in _SUPPORTED for c in base) else "?")
    return "".join(out)


@lru_cache(maxsize=64)
def font(size: int, path: str | None = None) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """Pillow's built-in scalable font (Aileron) at ``size`` px, or a TTF file."""
    if path:
        return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


def fit(text: str, fnt, max_width: float) -> str:
    """``text`` cut with an ellipsis so it fits in ``max_width`` pixels."""
    if fnt.getlength(text) <= max_width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fnt.getlength(text[:mid].rstrip() + "\u2026") <= max_width:
            lo = mid
        else:
            hi = mid - 1
    return (text[:lo].rstrip() + "\u2026") if lo else ""


def wrap(text: str, fnt, max_width: float, max_lines: int) -> list[str]:
    """Greedy word wrap into at most ``max_lines`` lines, each within ``max_width`` pixels.

    Words wider than a line are broken; text that does not fit ends in an ellipsis.
    """
    if max_lines <= 0:
        return []
    words = text.split()
    lines: list[str] = []
    current = ""
    i = 0
    while i < len(words):
        word = words[i]
        trial = f"{current} {word}" if current else word
        if fnt.getlength(trial) <= max_width:
            current = trial
            i += 1
            continue
        if not current:  # a single word wider than the line: break it
            lo, hi = 1, len(word)
            while lo < hi:
                mid = (lo + hi + 1) // 2
                lo, hi = (mid, hi) if fnt.getlength(word[:mid]) <= max_width else (lo, mid - 1)
            current, words[i] = word[:lo], word[lo:]
        lines.append(current)
        current = ""
        if len(lines) == max_lines:
            rest = " ".join(words[i:])
            lines[-1] = fit(lines[-1] + " " + rest, fnt, max_width) if rest else lines[-1]
            return lines
    if current:
        lines.append(current)
    return lines


# -- the caption strip ----------------------------------------------------------------------------


def _caption_fonts(width: int, font_path: str | None):
    k = width / 960
    return font(max(10, round(26 * k)), font_path), font(max(8, round(19 * k)), font_path), font(max(9, round(22 * k)), font_path)


def caption_height(width: int, font_path: str | None = None) -> int:
    """Height of the caption strip under a picture ``width`` pixels wide."""
    head, sub, body = _caption_fonts(width, font_path)
    pad = max(4, round(12 * width / 960))
    lh = sum(body.getmetrics())
    return pad * 2 + sum(head.getmetrics()) + 4 + sum(sub.getmetrics()) + 6 + BODY_LINES * lh


def _fmt_duration(seconds: float | None) -> str | None:
    if seconds is None:
        return None
    return f"{seconds:.1f}s" if seconds < 60 else f"{int(seconds // 60)}m{seconds % 60:04.1f}s"


def caption_texts(shot: Shot, shots: ShotList) -> tuple[str, str, str, str, str | None]:
    """(shot id, technical line, heading line, description, dialogue) for the caption."""
    ident = f"SC {shot.scene}  SHOT {shot.number}"
    tech = [shot.size, shot.angle.upper(), f"{shot.lens}mm" if shot.lens else None, _fmt_duration(shot.duration)]
    if shot.movement != "static":
        tech.append(shot.movement.upper())
    heading = shots.scene(shot.scene)
    where = heading.heading if heading and heading.heading else " - ".join(
        p for p in (shots.location_of(shot), shots.time_of(shot)) if p
    )
    if shot.time and heading and shot.time != heading.time:
        where = f"{where} ({shot.time})" if where else shot.time
    who = ", ".join(s.name for s in shot.subjects)
    line2 = "  |  ".join(p for p in (where, who, "CROSSES THE LINE" if shot.crosses_line else "") if p)
    return ident, "  \u00b7  ".join(t for t in tech if t), line2, shot.description, shot.dialogue


def compose_panel(picture: Image.Image, shot: Shot, shots: ShotList, font_path: str | None = None) -> Image.Image:
    """The picture with its caption strip below: scene and shot, size, angle, lens,
    duration, movement, heading, subjects, then the action and dialogue, wrapped."""
    W, H = picture.size
    text_of = (lambda t: t) if font_path else plain
    head, sub, body = _caption_fonts(W, font_path)
    pad = max(4, round(12 * W / 960))
    panel = Image.new("RGB", (W, H + caption_height(W, font_path)), PAPER)
    panel.paste(picture.convert("RGB"), (0, 0))
    draw = ImageDraw.Draw(panel)
    ident, tech, line2, description, dialogue = (text_of(t) if t else t for t in caption_texts(shot, shots))
    inner = W - 2 * pad
    y = H + pad
    ident = fit(ident, head, inner * 0.5)
    draw.text((pad, y), ident, font=head, fill=INK)
    room = inner - head.getlength(ident) - 3 * pad
    tech = fit(tech, sub, room)
    ha = sum(head.getmetrics())
    draw.text((W - pad - sub.getlength(tech), y + ha - sum(sub.getmetrics())), tech, font=sub, fill=INK)
    y += ha + 4
    draw.text((pad, y), fit(line2, sub, inner), font=sub, fill=GREY)
    y += sum(sub.getmetrics()) + 6
    lh = sum(body.getmetrics())
    quoted = dialogue or ""
    desc_lines = wrap(description, body, inner, BODY_LINES - (1 if quoted else 0)) if description else []
    dia_lines = wrap(quoted, body, inner, BODY_LINES - len(desc_lines)) if quoted else []
    for text in desc_lines:
        draw.text((pad, y), text, font=body, fill=INK)
        y += lh
    for text in dia_lines:
        draw.text((pad, y), text, font=body, fill=GREY)
        y += lh
    return panel


__all__ = ["plain", "font", "fit", "wrap", "caption_height", "caption_texts", "compose_panel", "BODY_LINES"]
