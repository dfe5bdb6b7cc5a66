"""Loading and saving screenplay files: format by extension or content, decoding.

Text is UTF-8 (with or without a BOM) or UTF-16/UTF-32 with a BOM; anything else
is refused with an :class:`InputError` naming the file. A ``.fdx`` file whose XML
declaration names another encoding (``ISO-8859-1``...) is left to the XML parser.
"""

from __future__ import annotations

import codecs
import logging
import re
from pathlib import Path

from continuity.errors import InputError, ParseError
from continuity.model import Script
from continuity.readers import fdx as fdx_reader
from continuity.readers import fountain as fountain_reader
from continuity.serialize import script_to_dict
from continuity.writers import fdx as fdx_writer
from continuity.writers import fountain as fountain_writer

log = logging.getLogger(__name__)

__all__ = ["load_script", "save_script", "read_bytes", "decode_text", "script_to_dict"]

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
    source = str(path)
    data = read_bytes(path)
    suffix = Path(path).suffix.lower()
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


def read_bytes(path: str | Path, what: str = "screenplay") -> bytes:
    """Read a whole file, turning OS failures into one-line :class:`InputError`.

    Args:
        path: the file.
        what: what the file should be, for the message about a directory.
    """
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(f"{path}: is a directory, not a {what} file")
        return p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a {what} file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None


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
