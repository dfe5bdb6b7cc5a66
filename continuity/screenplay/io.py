"""Loading and saving screenplay files: format by extension or content, decoding.

Text is UTF-8 (with or without a BOM) or UTF-16/UTF-32 with a BOM; anything else
is refused with an :class:`InputError` naming the file. A ``.fdx`` file whose XML
declaration names another encoding (``ISO-8859-1``...) is left to the XML parser.
"""

from __future__ import annotations

import codecs
import logging
import os
import re
import stat
import sys
from pathlib import Path

from continuity.errors import InputError, ParseError
from continuity.screenplay.model import Script
from continuity.screenplay.readers import fdx as fdx_reader
from continuity.screenplay.readers import fountain as fountain_reader
from continuity.screenplay.serialize import script_to_dict
from continuity.screenplay.writers import fdx as fdx_writer
from continuity.screenplay.writers import fountain as fountain_writer

log = logging.getLogger(__name__)

__all__ = ["load_script", "parse_bytes", "save_script", "read_bytes", "max_input_bytes", "decode_text", "script_to_dict"]

FOUNTAIN_SUFFIXES = frozenset({".fountain", ".spmd", ".txt"})
FDX_SUFFIXES = frozenset({".fdx"})
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_XML_DECL_ENCODING_RE = re.compile(rb"^\s*<\?xml[^>]*\bencoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
_FDX_SNIFF_RE = re.compile(r"^\s*<(?:\?xml\b|FinalDraft\b)")


def load_script(path: str | Path) -> Script:
    """Read a screenplay file, Fountain or Final Draft.

    The reader is chosen by extension (``.fountain``, ``.spmd``, ``.txt``: Fountain;
    ``.fdx``: Final Draft); any other file is Final Draft when it starts like XML
    (``<?xml`` or ``<FinalDraft``), else Fountain.

    Args:
        path: the file; ``Script.source`` is set to it as given.

    Raises:
        InputError: missing, a directory, unreadable, binary, or not in a supported
            encoding.
        ParseError: malformed Final Draft XML, or a script with nothing in it.
    """
    return parse_bytes(read_bytes(path), str(path))


def parse_bytes(data: bytes, source: str) -> Script:
    """Parse a screenplay file's bytes; the format is chosen as by :func:`load_script`.

    Args:
        data: the file's content.
        source: its name, for ``Script.source``, messages and the extension.

    Raises:
        InputError: binary, or not in a supported encoding.
        ParseError: malformed Final Draft XML, or a script with nothing in it.
    """
    suffix = Path(source).suffix.lower()
    text: str | None
    try:
        text = decode_text(data, source)
    except InputError:
        # A .fdx may declare a legacy encoding in its XML prolog; expat knows those.
        if suffix in FOUNTAIN_SUFFIXES or b"\x00" in data or not _XML_DECL_ENCODING_RE.match(data):
            raise
        text = None
    if suffix in FDX_SUFFIXES:
        fmt = "fdx"
    elif suffix in FOUNTAIN_SUFFIXES:
        fmt = "fountain"
    else:
        fmt = "fdx" if text is None or _FDX_SNIFF_RE.match(text[:4096]) else "fountain"
    if fmt == "fdx":
        script = fdx_reader.parse(data if text is None else text, source=source)
    else:
        script = fountain_reader.parse(text or "", source=source)
    if not script.scenes and not script.preamble:
        raise ParseError(f"{source}: empty script (no scene headings and no other elements)")
    log.debug("%s: %s, %d scenes", source, fmt, len(script.scenes))
    return script


def save_script(script: Script, path: str | Path) -> None:
    """Write ``script`` to ``path``: Final Draft for ``.fdx``, Fountain otherwise.

    Raises:
        InputError: the file cannot be written (missing folder, permissions...).
    """
    p = Path(path)
    try:
        if p.suffix.lower() in FDX_SUFFIXES:
            with open(p, "wb") as out:
                fdx_writer.write(script, out)
        else:
            with open(p, "w", encoding="utf-8", newline="\n") as out:
                fountain_writer.write(script, out)
    except OSError as exc:
        raise InputError(f"{path}: cannot write: {exc.strerror or exc}") from None


_open = os.open  # the one place files are opened for reading (tests replace it)


def max_input_bytes() -> int:
    """The size limit for one input file: ``max_input_mb`` of the settings, in bytes."""
    from continuity.settings import Settings

    mb = Settings.load().max_input_mb
    return int(mb * 1_000_000) if mb != float("inf") else sys.maxsize


def read_bytes(path: str | Path, what: str = "screenplay", *, limit: int | None = None) -> bytes:
    """Read a whole regular file, bounded, turning OS failures into one-line :class:`InputError`.

    The file is opened without blocking (a FIFO or a device never hangs us), and
    must be a regular file no larger than ``limit`` (default :func:`max_input_bytes`),
    checked from ``fstat`` before anything is read; a file that grows while being
    read is cut off at the limit and refused.

    Args:
        path: the file.
        what: what the file should be, for the messages.
        limit: the most bytes accepted.
    """
    limit = max_input_bytes() if limit is None else limit
    try:
        fd = _open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a {what} file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputError(f"{path}: is a directory, not a {what} file")
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"{path}: not a regular file (a pipe, socket or device); give a {what} file")
        if st.st_size > limit:
            raise InputError(_too_large(path, what, st.st_size, limit))
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise InputError(_too_large(path, what, total, limit))
        return b"".join(chunks)
    except BlockingIOError:
        raise InputError(f"{path}: not a regular file; give a {what} file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a {what} file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def _too_large(path: str | Path, what: str, size: int, limit: int) -> str:
    return (
        f"{path}: {what} file too large ({size:,} bytes; the limit is {limit:,}; "
        "set STUDIO_MAX_INPUT_MB to raise it)"
    )


def decode_text(data: bytes, source: str) -> str:
    """Decode file bytes: a UTF-8/16/32 BOM picks the codec, else strict UTF-8.

    Raises:
        InputError: NUL bytes without a BOM (a binary file) or bytes that do not
            decode; the message names ``source``.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(f"{source}: invalid {codec.upper()} text at byte {exc.start}") from None
            return text[1:] if text.startswith("\ufeff") else text
    if b"\x00" in data:
        raise InputError(f"{source}: looks like a binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{source}: not UTF-8 text (invalid byte at offset {exc.start}); save it as UTF-8"
        ) from None
