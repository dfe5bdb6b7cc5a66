"""Reading frames: PNG and JPEG stills checked by content and size before decoding.

Every problem with one file is a :class:`FrameError` naming it, so a batch can
report the file and go on. The type is read from the first bytes, not the name;
width and height come from the PNG IHDR or the JPEG SOF header and anything over
:data:`MAX_PIXELS` is refused before a pixel is decoded (Pillow's own
decompression-bomb guard stays on behind that). Large JPEGs are decoded at a
reduced DCT scale, since the checks only need a thumbnail.
"""

from __future__ import annotations

import json
import re
import struct
import warnings
from pathlib import Path
from typing import Sequence

import numpy as np

from continuity.errors import InputError
from continuity.visual.shots import Shot, ShotList

MAX_PIXELS = 40_000_000
MAX_FILE_BYTES = 300 * 1024 * 1024
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".jpe", ".jfif")
OTHER_IMAGE_SUFFIXES = (".gif", ".bmp", ".tif", ".tiff", ".webp", ".heic", ".heif", ".avif", ".exr", ".dpx", ".tga", ".ppm")
FRAME_KEY = "studio:frame"  # PNG text chunk: the picture box of a storyboard panel, "x0,y0,x1,y1"
DEFAULT_MAX_SIDE = 512
_NUMBER_TOKEN_RE = re.compile(r"[^A-Za-z0-9]+")
_SHOT_PREFIX_RE = re.compile(r"^(?:SHOT|SH)(?=\d)")
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"GIF8", "GIF"), (b"BM", "BMP"),
    (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"), (b"RIFF", "WEBP"), (b"%PDF", "PDF"),
)


class FrameError(InputError):
    """One image could not be used (corrupt, empty, too large, not PNG/JPEG)."""


def sniff(head: bytes) -> str | None:
    """The image format named by a file's first bytes (``PNG``, ``JPEG``, ``GIF``...), or None."""
    for magic, name in _MAGIC:
        if head.startswith(magic):
            if name == "WEBP" and head[8:12] != b"WEBP":
                continue
            return name
    return None


def load_frame(path: str | Path, max_side: int = DEFAULT_MAX_SIDE) -> np.ndarray:
    """Read a PNG or JPEG as RGB uint8, at most ``max_side`` px on its longest side (see :func:`read_frame`)."""
    return read_frame(path, max_side)[0]


def read_frame(path: str | Path, max_side: int = DEFAULT_MAX_SIDE) -> tuple[np.ndarray, bool]:
    """Read a PNG or JPEG as RGB uint8, at most ``max_side`` px on its longest side, and whether it is a panel.

    The type is decided by content, not by the extension; the size is read from the
    header and refused above :data:`MAX_PIXELS` before anything is decoded. A
    storyboard panel is cropped to its picture (the ``studio:frame`` PNG text chunk);
    the flag says whether the file is one.

    Raises:
        FrameError: a one-line reason naming the file.
    """
    from PIL import Image

    p = Path(path)
    try:
        size = p.stat().st_size
        if not p.is_file():
            raise FrameError(f"{p}: not a regular file")
        if size == 0:
            raise FrameError(f"{p}: empty file (0 bytes)")
        if size > MAX_FILE_BYTES:
            raise FrameError(f"{p}: file too large ({size / 2**20:.0f} MiB; at most {MAX_FILE_BYTES // 2**20} MiB)")
        with p.open("rb") as fh:
            head = fh.read(16)
    except FileNotFoundError:
        raise FrameError(f"{p}: no such file") from None
    except PermissionError:
        raise FrameError(f"{p}: permission denied") from None
    except OSError as exc:
        raise FrameError(f"{p}: cannot read: {exc.strerror or exc}") from None
    kind = sniff(head)
    if kind not in ("PNG", "JPEG"):
        what = f"a {kind} file" if kind else "not an image"
        raise FrameError(f"{p}: {what}; expected PNG or JPEG (checked by content, not by the name)")
    dims = _header_size(p, kind)
    if dims is not None and dims[0] * dims[1] > MAX_PIXELS:
        w, h = dims
        raise FrameError(f"{p}: image too large ({w}x{h}, {w * h / 1e6:.0f} megapixels; at most {MAX_PIXELS / 1e6:.0f})")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            im = Image.open(p, formats=[kind])
        with im:
            w, h = im.size
            if w <= 0 or h <= 0:
                raise FrameError(f"{p}: image has no pixels ({w}x{h})")
            if w * h > MAX_PIXELS:
                raise FrameError(
                    f"{p}: image too large ({w}x{h}, {w * h / 1e6:.0f} megapixels; at most {MAX_PIXELS / 1e6:.0f})"
                )
            box = _frame_box(im.info.get(FRAME_KEY), w, h)
            if kind == "JPEG":
                im.draft("RGB", (max_side, max_side))  # decode at a reduced scale: much faster
            im.load()
            if box is not None and im.size != (w, h):
                fx, fy = im.size[0] / w, im.size[1] / h
                box = (round(box[0] * fx), round(box[1] * fy), round(box[2] * fx), round(box[3] * fy))
            frame = im.crop(box) if box is not None else im
            frame = _to_rgb(frame)
            factor = -(-max(frame.size) // max_side)  # ceil
            if factor > 1:
                frame = frame.reduce(factor)
            return np.asarray(frame, dtype=np.uint8), box is not None
    except FrameError:
        raise
    except Image.DecompressionBombError as exc:
        raise FrameError(f"{p}: image too large ({exc})") from None
    except (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError, MemoryError) as exc:
        msg = " ".join(str(exc).split()) or type(exc).__name__
        raise FrameError(f"{p}: corrupt or truncated {kind} ({msg})") from None


def _header_size(path: Path, kind: str) -> tuple[int, int] | None:
    """Width and height from a PNG IHDR or a JPEG SOF marker, without decoding; None if not found."""
    with path.open("rb") as fh:
        data = fh.read(24 if kind == "PNG" else 1 << 16)
    if kind == "PNG":
        return struct.unpack(">II", data[16:24]) if len(data) >= 24 and data[12:16] == b"IHDR" else None
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker == 0xFF:
            i += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            i += 2
            continue
        (length,) = struct.unpack(">H", data[i + 2:i + 4])
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            h, w = struct.unpack(">HH", data[i + 5:i + 9])
            return w, h
        i += 2 + length
    return None


def _to_rgb(im):
    if im.mode in ("I", "I;16", "I;16B", "I;16L", "F"):
        arr = np.asarray(im, dtype=np.float64)
        top = 65535.0 if im.mode.startswith("I") and arr.max() > 255 else 255.0
        from PIL import Image

        return Image.fromarray(np.clip(arr / top * 255, 0, 255).astype(np.uint8)).convert("RGB")
    return im.convert("RGB")


def _frame_box(value: object, w: int, h: int) -> tuple[int, int, int, int] | None:
    if not isinstance(value, str):
        return None
    try:
        x0, y0, x1, y1 = (int(v) for v in value.split(","))
    except ValueError:
        return None
    if 0 <= x0 < x1 <= w and 0 <= y0 < y1 <= h:
        return x0, y0, x1, y1
    return None


def list_images(folder: str | Path) -> tuple[list[Path], list[tuple[str, str]]]:
    """The PNG/JPEG files of a folder (by name, not recursive), and errors for other image types.

    A single file is accepted as well. Other files (PDF, HTML, JSON...) are ignored.

    Raises:
        InputError: the folder does not exist.
    """
    p = Path(folder)
    if p.is_file():
        return [p], []
    if not p.is_dir():
        raise InputError(f"{folder}: no such folder")
    images, errors = [], []
    for child in sorted(p.iterdir(), key=lambda c: c.name):
        if child.name.startswith(".") or child.is_dir():
            continue
        suffix = child.suffix.lower()
        if suffix in IMAGE_SUFFIXES:
            images.append(child)
        elif suffix in OTHER_IMAGE_SUFFIXES:
            errors.append((str(child), f"{child}: unsupported image type {suffix}; convert it to PNG or JPEG"))
    return images, errors


def match_frames(paths: Sequence[Path], shots: ShotList | None, mapping: dict[str, str] | None = None) -> list[Shot | None]:
    """The shot each image shows: from ``mapping`` (file name -> shot number), else its name.

    A name matches when one of its parts (split at anything but letters and digits;
    a ``shot``/``sh`` prefix and leading zeros ignored) is a shot number; the last
    such part wins, so ``012_3A.png`` and ``scene3-shot3A-v2.jpg`` are shot 3A.

    Raises:
        InputError: ``mapping`` names a shot that is not in the list.
    """
    if shots is None:
        return [None] * len(paths)
    numbers: dict[str, Shot] = {}
    for s in shots.shots:
        numbers.setdefault(s.number.upper(), s)
        if s.number.isdigit():
            numbers.setdefault(s.number.lstrip("0") or "0", s)
    out: list[Shot | None] = []
    for p in paths:
        if mapping:
            number = mapping.get(p.name, mapping.get(str(p)))
            if number is not None:
                shot = shots.shot(number)
                if shot is None:
                    raise InputError(f"frame map: {p.name} is mapped to shot {number!r}, which is not in the shot list")
                out.append(shot)
                continue
        found = None
        for token in reversed(_NUMBER_TOKEN_RE.split(p.stem.upper())):
            token = _SHOT_PREFIX_RE.sub("", token)
            if not token:
                continue
            found = numbers.get(token) or (numbers.get(token.lstrip("0") or "0") if token.isdigit() else None)
            if found:
                break
        out.append(found)
    return out


def load_frame_map(path: str | Path) -> dict[str, str]:
    """Read a frame map: a JSON object ``{"IMG_0412.jpg": "3A", ...}``.

    Raises:
        InputError: unreadable, invalid JSON or not an object of text/number values.
    """
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{p}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{p}: cannot read: {exc}") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{p}:{exc.lineno}: invalid JSON: {exc.msg}") from None
    if not isinstance(data, dict) or not all(
        isinstance(v, (str, int)) and not isinstance(v, bool) for v in data.values()
    ):
        raise InputError(f"{p}: expected a JSON object mapping image file names to shot numbers")
    return {str(k): str(v) for k, v in data.items()}


__all__ = [
    "FrameError", "MAX_PIXELS", "IMAGE_SUFFIXES", "FRAME_KEY", "sniff", "load_frame", "read_frame", "list_images",
    "match_frames", "load_frame_map",
]
