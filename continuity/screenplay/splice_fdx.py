"""Where a Final Draft paragraph's text lives in the file: :func:`locate` builds its :class:`Target`.

The document is read once more with expat, recording the byte offset of every
piece of character data, so each character of a paragraph's text maps to the
bytes it came from (an entity such as ``&amp;`` is one atomic span). Only the
``<Text>`` runs directly in the paragraph count, as in the reader
(:mod:`continuity.screenplay.readers.fdx`); a change replaces characters inside those runs
and keeps every run, attribute (``Style``, ``Font``, ``RevisionID``...) and
everything else in the file as it was. Inserted text is escaped for XML and
encoded in the document's own encoding (characters it cannot hold become
character references).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.parsers import expat

from continuity.errors import InputError, ParseError
from continuity.screenplay.heading import SCENE_NUMBER_RE
from continuity.screenplay.model import Kind, Script
from continuity.screenplay.readers.fdx import _NUMBER_RE
from continuity.screenplay.splice import Item, Target, collapse_items, plan, strip_items

_DECL_RE = re.compile(rb"^\s*<\?xml[^>]*\bencoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
_DROP = "\x7f\ufeff"


@dataclass
class _Paragraph:
    number: str | None = None
    runs: int = 0
    items: list[Item] = field(default_factory=list)
    complex: bool = False  # CDATA or elements inside <Text>: not mapped


@dataclass
class Located:
    """A paragraph found in the file: its text mapped to byte offsets, and how to write into it."""

    target: Target
    kind: str
    codec: str


def _codec(data: bytes) -> str:
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return codec
    m = _DECL_RE.match(data)
    if m:
        try:
            return codecs.lookup(m.group(1).decode("ascii")).name
        except LookupError:
            raise InputError(f"unknown encoding {m.group(1).decode('ascii')!r} in the XML declaration") from None
    return "utf-8"


def paragraphs(data: bytes, codec: str, only: int | None = None) -> dict[int, _Paragraph]:
    """Every counted ``<Paragraph>`` of ``<Content>`` by index, with its text's characters and byte spans.

    With ``only``, the characters of that paragraph alone are recorded (the others
    are counted), which keeps one edit of a long script fast.

    Raises:
        ParseError: malformed XML, or a DOCTYPE/ENTITY declaration.
    """
    parser = expat.ParserCreate()
    parser.buffer_text = False
    stack: list[str] = []
    counted: list[_Paragraph | None] = []  # per open element: the paragraph it belongs to, when counted
    out: dict[int, _Paragraph] = {}
    state = {"content": 0, "pending": None, "text_children": 0, "in_text": None, "cdata": False}

    def close_pending() -> None:
        pending = state["pending"]
        if pending is None:
            return
        state["pending"] = None
        par, run, chunk, start = pending
        end = parser.CurrentByteIndex
        try:
            same = data[start:end] == chunk.encode(codec)
        except UnicodeError:
            same = False
        if same:
            pos = start
            for ch in chunk:
                n = len(ch.encode(codec))
                par.items.append(Item(ch, pos, pos + n, run))
                pos += n
        else:  # an entity, a character reference, a normalised line end: one atomic span
            par.items.extend(Item(ch, start, end, run) for ch in chunk)

    def start(name: str, attrs: dict[str, str]) -> None:
        close_pending()
        parent = stack[-1] if stack else None
        owner = counted[-1] if counted else None
        mine: _Paragraph | None = None
        if name == "Content" and parent == "FinalDraft" and len(stack) == 1 and not state["content"]:
            state["content"] = 1
        elif name == "Paragraph" and (
            (parent == "Content" and state["content"] == 1 and len(stack) == 2)
            or (parent == "DualDialogue" and len(stack) >= 2 and stack[-2] == "Paragraph" and counted[-2] is not None)
        ):
            mine = _Paragraph(number=attrs.get("Number"))
            index = len(out) + 1
            out[index] = mine
            if only is not None and index != only:
                mine.complex = True  # not recorded
        if state["in_text"] is not None:
            state["in_text"].complex = True
        if name == "Text" and parent == "Paragraph" and owner is not None and stack and counted[-1] is owner:
            owner.runs += 1
            state["in_text"] = owner
            mine = None
            counted.append(None)
            stack.append(name)
            return
        stack.append(name)
        counted.append(mine)

    def end(name: str) -> None:
        close_pending()
        stack.pop()
        counted.pop()
        if name == "Content" and state["content"] == 1 and len(stack) == 1:
            state["content"] = 2
        if name == "Text":
            state["in_text"] = None

    def chars(chunk: str) -> None:
        close_pending()
        par = state["in_text"]
        if par is None or par.complex or not stack or stack[-1] != "Text":
            return
        if state["cdata"]:
            par.complex = True
        state["pending"] = (par, par.runs, chunk, parser.CurrentByteIndex)

    def other(*_args: object) -> None:
        close_pending()

    def cdata_start() -> None:
        close_pending()
        state["cdata"] = True

    def cdata_end() -> None:
        close_pending()
        state["cdata"] = False

    def refuse(*_args: object) -> None:
        raise ParseError("DOCTYPE/ENTITY declarations are not allowed in .fdx")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    parser.CommentHandler = other
    parser.ProcessingInstructionHandler = other
    parser.StartCdataSectionHandler = cdata_start
    parser.EndCdataSectionHandler = cdata_end
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise ParseError(f"line {exc.lineno}: malformed XML: {expat.ErrorString(exc.code)}") from None
    return out


def _paragraph_items(items: list[Item]) -> list[Item]:
    """The reader's ``paragraph_text`` on items: drops, line ends, per-line strip, outer newlines."""
    items = [i for i in items if i.ch not in _DROP]
    norm: list[Item] = []
    k = 0
    while k < len(items):
        it = items[k]
        if it.ch == "\r":
            if k + 1 < len(items) and items[k + 1].ch == "\n":
                nxt = items[k + 1]
                norm.append(Item("\n", it.start, nxt.end, it.group))
                k += 2
                continue
            norm.append(Item("\n", it.start, it.end, it.group))
        else:
            norm.append(it)
        k += 1
    lines: list[list[Item]] = [[]]
    breaks: list[Item] = []
    for it in norm:
        if it.ch == "\n":
            breaks.append(it)
            lines.append([])
        else:
            lines[-1].append(it)
    out: list[Item] = []
    for n, line in enumerate(lines):
        if n:
            out.append(breaks[n - 1])
        out.extend(strip_items(line))
    while out and out[0].ch == "\n":
        out.pop(0)
    while out and out[-1].ch == "\n":
        out.pop()
    return out


def locate(data: bytes, script: Script, line: int) -> Located:
    """The text of paragraph ``line`` in the file.

    Raises:
        InputError: no editable paragraph there, or its text cannot be mapped exactly.
    """
    from continuity.screenplay.lines import find_line

    found = find_line(script, line)
    if found is None:
        raise InputError(f"nothing to edit at paragraph {line} of {script.source or 'the script'}")
    scene, el, _ = found
    codec = _codec(data)
    par = paragraphs(data, codec, only=line).get(line)
    if par is None or par.complex:
        raise InputError(f"paragraph {line}: its text cannot be matched to the file exactly; edit it by hand")
    items = _paragraph_items(par.items)
    if el is None:
        kind, expected = "heading", scene.heading.text
        items = collapse_items(items)
        number = (par.number or "").strip()
        if not (number and _NUMBER_RE.fullmatch(number)):
            m = SCENE_NUMBER_RE.search("".join(i.ch for i in items))
            if m:
                items = strip_items(items[: m.start()])
        display = "".join(i.ch for i in items)
    else:
        if el.kind is Kind.PAGE_BREAK:
            raise InputError(f"paragraph {line} is a page break; there is no text to fix")
        kind, expected = el.kind.value, el.text
        if el.kind is Kind.CHARACTER and items and items[-1].ch == "^":
            items = strip_items(items[:-1])
        display = "".join(" " if i.ch == "\n" else i.ch for i in items)
    text = "".join(i.ch for i in items)
    if text != expected or not items:
        raise InputError(f"paragraph {line}: its text cannot be matched to the file exactly; edit it by hand")
    return Located(Target(items, display, split_groups=True, kind=kind), kind, codec)


def escape(text: str) -> str:
    """XML character data: ``&``, ``<`` and ``>`` escaped."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def candidates(data: bytes, located: Located, new: str) -> Iterator[tuple[bytes, str]]:
    """The new file bytes (one way only: escaped, in the document's encoding) and the new text."""
    replacements, true_text = plan(located.target, new)
    out = data
    for r in sorted(replacements, key=lambda r: (r.start, r.end), reverse=True):
        out = out[: r.start] + escape(r.text).encode(located.codec, "xmlcharrefreplace") + out[r.end :]
    yield out, true_text


__all__ = ["Located", "locate", "candidates", "escape", "paragraphs"]
