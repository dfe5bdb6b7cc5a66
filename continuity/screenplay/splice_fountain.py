"""Where a Fountain line's text lives in the file: :func:`locate` builds its :class:`Target`.

It retraces the reader (:mod:`continuity.screenplay.readers.fountain`) with positions:
line ends and control characters, boneyard and notes (markers that keep lines),
the blank-stripping, the forcing characters (``!``, ``@``, ``.``, ``~``, ``>``,
``<``, ``^``, ``#``, ``=``), emphasis (``*``, ``**``, ``***``, ``_`` and the
``\\*``/``\\_`` escapes) and, for a scene heading, blank collapsing and the
``#12#`` scene number. The line's text rebuilt this way must equal the parsed
one, else the line is refused (never guessed).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass

from continuity.errors import InputError
from continuity.screenplay.heading import SCENE_NUMBER_RE
from continuity.screenplay.model import Kind, Script
from continuity.screenplay.readers import fountain as reader
from continuity.screenplay.splice import Item, Replacement, Target, collapse_items, plan, strip_items

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_LINE_END_RE = re.compile(r"\r\n|\r|\n")
_MARKERS = "\x00\x01\x02"
_ESC = {"*": "\x03", "_": "\x04"}
_UNESC = {"\x03": "*", "\x04": "_"}


@dataclass
class Located:
    """A Fountain line found in the file.

    Attributes:
        target: its text mapped to ``str`` indices of the decoded file.
        kind: ``heading`` or the element kind's value.
        forced: for a heading, whether it is forced with ``.``.
    """

    target: Target
    kind: str
    forced: bool = False


class Source:
    """A decoded Fountain file and the reader's view of its lines, with positions."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.bom, self.codec = b"", "utf-8"
        for bom, codec in _BOMS:
            if data.startswith(bom):
                self.bom, self.codec = bom, codec
                break
        try:
            self.text = data[len(self.bom):].decode(self.codec)
        except UnicodeDecodeError as exc:
            raise InputError(f"not {self.codec.upper()} text (invalid byte at offset {exc.start})") from None
        # Raw line k (0-based): its span in self.text, line ends excluded.
        starts, ends = [0], []
        for m in _LINE_END_RE.finditer(self.text):
            ends.append(m.start())
            starts.append(m.end())
        ends.append(len(self.text))
        self.line_spans = list(zip(starts, ends))
        norm = reader._CONTROL_RE.sub("", reader._NEWLINE_RE.sub("\n", self.text))
        self.norm_starts = [0]
        for m in re.finditer("\n", norm):
            self.norm_starts.append(m.end())
        # Boneyard, then notes (found in the boneyard-free text), as the reader does.
        text, where = norm, None
        if "/*" in text:
            text, where = _replace_spans(text, reader._boneyard_spans(text), reader._BONE, reader._BONE, where)
        if "[[" in text:
            text, where = _replace_spans(text, reader._note_spans(text), reader._NOTE_START, reader._NOTE_CONT, where)
        self.marked, self.where = text, where
        self.marked_starts = [0]
        for m in re.finditer("\n", text):
            self.marked_starts.append(m.end())
        self.entries = [no for no, _, note in reader._preprocess(self.text) if note is None]
        self._entry_index = {no: i for i, no in enumerate(self.entries)}

    def line_chars(self, no: int) -> list[tuple[str, int | None]]:
        """Line ``no`` (1-based) after boneyard and notes: ``(char, index in self.text)``, None for markers."""
        k = no - 1
        a = self.marked_starts[k]
        b = self.marked_starts[k + 1] - 1 if k + 1 < len(self.marked_starts) else len(self.marked)
        s, e = self.line_spans[k]
        raw = self.text[s:e]
        kept = [i for i, ch in enumerate(raw) if not reader._CONTROL_RE.match(ch)]
        norm_start = self.norm_starts[k]
        out: list[tuple[str, int | None]] = []
        for t in range(a, b):
            ch = self.marked[t]
            n = t if self.where is None else self.where[t]
            out.append((ch, None if n is None or ch in _MARKERS else s + kept[n - norm_start]))
        return out

    def entry_after(self, first: int, offset: int) -> int:
        """The source line of the ``offset``-th line of a paragraph starting at line ``first``."""
        i = self._entry_index.get(first)
        if i is None or i + offset >= len(self.entries):
            raise InputError(f"line {first + offset}: cannot find it in the file")
        return self.entries[i + offset]

    def encode(self, text: str) -> bytes:
        """The file's bytes for a new decoded text (same BOM and codec)."""
        return self.bom + text.encode(self.codec)


def _replace_spans(text: str, spans, first: str, rest: str, where: list | None):
    """The reader's span replacement, also returning each output character's index in the norm text."""
    out: list[str] = []
    mp: list[int | None] = []
    pos = 0
    for a, b in spans:
        out.append(text[pos:a])
        mp.extend(where[pos:a] if where is not None else range(pos, a))
        n = text.count("\n", a, b)
        out.append(first + ("\n" + rest) * n)
        mp.extend([None] * (1 + 2 * n))
        pos = b
    out.append(text[pos:])
    mp.extend(where[pos:] if where is not None else range(pos, len(text)))
    return "".join(out), mp


def _clean(chars: list[tuple[str, int | None]]) -> tuple[list[Item], list[tuple[int, int]]]:
    """The reader's ``_remove_markers`` on positioned characters; returns items and forbidden spans."""
    if all(i is not None for _, i in chars):
        return [Item(ch, i, i + 1) for ch, i in chars], []  # type: ignore[operator]
    parts: list[list[tuple[str, int]]] = [[]]
    forbidden: list[tuple[int, int]] = []
    in_marker = False
    for ch, i in chars:
        if i is None:
            if not in_marker:
                parts.append([])
                in_marker = True
            continue
        in_marker = False
        parts[-1].append((ch, i))
    # Everything between two pieces (the boneyard or note and its blanks) is off limits.
    for p, q in zip(parts, parts[1:]):
        left = p[-1][1] + 1 if p else None
        right = q[0][1] if q else None
        if left is not None and right is not None:
            forbidden.append((left, right))
        elif left is not None:
            forbidden.append((left, 1 << 62))
        elif right is not None:
            forbidden.append((0, right))
    pieces = [_rstrip(parts[0])] + [_lstrip(_rstrip(p)) for p in parts[1:-1]] + [_lstrip(parts[-1])]
    items: list[Item] = []
    n = 0
    for g, piece in enumerate(pieces):
        if not piece:
            continue
        if n:
            at = items[-1].end
            items.append(Item(" ", at, at, -1 - g))  # the joining space belongs to no piece
        items.extend(Item(ch, i, i + 1, g) for ch, i in piece)
        n += 1
    return items, forbidden


def _rstrip(p: list) -> list:
    while p and p[-1][0] in " \t":
        p = p[:-1]
    return p


def _lstrip(p: list) -> list:
    while p and p[0][0] in " \t":
        p = p[1:]
    return p


def strip_emphasis(items: list[Item]) -> tuple[list[Item], list[tuple[int, int, int, int]]]:
    """The reader's ``strip_emphasis`` on items; returns the items left and the delimiter pairs removed."""
    text = "".join(i.ch for i in items)
    if "*" not in text and "_" not in text:
        return items, []
    out: list[Item] = []
    k = 0
    while k < len(items):  # \* and \_ : the backslash joins the character's span
        it = items[k]
        if it.ch == "\\" and k + 1 < len(items) and items[k + 1].ch in _ESC:
            nxt = items[k + 1]
            out.append(Item(_ESC[nxt.ch], it.start, nxt.end, nxt.group))
            k += 2
            continue
        out.append(it)
        k += 1
    items = out
    pairs: list[tuple[int, int, int, int]] = []
    for rx in reader._EMPHASIS_RES:
        while True:
            s = "".join(i.ch for i in items)
            found = list(rx.finditer(s))
            if not found:
                break
            drop: set[int] = set()
            for m in found:
                a, b = m.start(), m.start(1)
                c, d = m.end(1), m.end()
                pairs.append((items[a].start, items[b - 1].end, items[c].start, items[d - 1].end))
                drop.update(range(a, b))
                drop.update(range(c, d))
            items = [it for k, it in enumerate(items) if k not in drop]
    return [Item(_UNESC.get(i.ch, i.ch), i.start, i.end, i.group) for i in items], pairs


def _drop_prefix(items: list[Item], n: int = 1) -> list[Item]:
    return strip_items(items[n:])


def locate(source: Source, script: Script, line: int) -> Located:
    """The text of ``line`` (as :func:`continuity.screenplay.lines.source_lines` numbers it) in the file.

    Raises:
        InputError: nothing editable there, or the file's text at that line cannot
            be matched exactly to the parsed text.
    """
    from continuity.screenplay.lines import find_line

    found = find_line(script, line)
    if found is None:
        raise InputError(f"nothing to edit at line {line} of {script.source or 'the script'}")
    scene, el, offset = found
    if el is None:
        raw_no, kind, expected = scene.line, "heading", scene.heading.text
    else:
        if el.kind in (Kind.NOTE, Kind.PAGE_BREAK):
            raise InputError(f"line {line} is a {el.kind.value.replace('_', ' ')}; there is no text to fix")
        raw_no = source.entry_after(el.line, offset)
        kind, expected = el.kind.value, el.text.split("\n")[offset]
    items, forbidden = _clean(source.line_chars(raw_no))
    items = strip_items(items)
    if not items:
        raise InputError(f"line {line} is empty; there is no text to fix")
    first = items[0]
    head = first.ch
    force_at, force, forced = None, "", False
    pairs: list[tuple[int, int, int, int]] = []
    if kind == "heading":
        if head == "." and "".join(i.ch for i in items[:2]) != "..":
            items, forced = _drop_prefix(items), True
        items, pairs = strip_emphasis(items)
        items = collapse_items(items)
        m = SCENE_NUMBER_RE.search("".join(i.ch for i in items))
        if m:
            items = strip_items(items[: m.start()])
    else:
        k = Kind(kind)
        if k is Kind.ACTION:
            if head == "!":
                items = _drop_prefix(items)
            else:
                force_at, force = first.start, "!"
        elif k is Kind.CHARACTER:
            if head == "@":
                items = strip_items(items[1:])
            else:
                force_at, force = first.start, "@"
            if items and items[-1].ch == "^":
                items = strip_items(items[:-1])
        elif k in (Kind.LYRIC, Kind.SYNOPSIS) or (k is Kind.TRANSITION and head == ">"):
            items = _drop_prefix(items)
        elif k is Kind.CENTERED:
            items = strip_items(items[1:-1])
        elif k is Kind.SECTION:
            n = 0
            while n < len(items) and items[n].ch == "#":
                n += 1
            items = _drop_prefix(items, n)
        items, pairs = strip_emphasis(items)
    text = "".join(i.ch for i in items)
    if text != expected or not items:
        raise InputError(
            f"line {line}: the file's text there cannot be matched to the script exactly; edit it by hand"
        )
    target = Target(items, text, pairs, forbidden, False, kind, force_at, force)
    return Located(target, kind, forced)


def escape(text: str) -> str:
    """Fountain escapes for text that must read literally (``*`` and ``_``)."""
    return text.replace("*", "\\*").replace("_", "\\_")


def candidates(source: Source, located: Located, new: str) -> Iterator[tuple[bytes, str]]:
    """New file bytes, most faithful first: as typed, then escaped, then escaped and forced.

    Yields ``(data, true_text)``; the caller keeps the first that reads back as intended.
    """
    replacements, true_text = plan(located.target, new)
    variants = [str, escape]
    for render in variants:
        yield _splice(source, replacements, render), true_text
    t = located.target
    if t.force and t.force_at is not None:
        forced = [*replacements, Replacement(t.force_at, t.force_at, "\x00force")]
        yield _splice(source, forced, lambda s: t.force if s == "\x00force" else escape(s)), true_text


def _splice(source: Source, replacements, render) -> bytes:
    """Replace in the bytes, not in re-encoded text: nothing outside the spans can change."""
    data = source.data
    text = source.text
    out = data
    bom = len(source.bom)
    for r in sorted(replacements, key=lambda r: (r.start, r.end), reverse=True):
        a = bom + len(text[: r.start].encode(source.codec))
        b = a + len(text[r.start : r.end].encode(source.codec))
        out = out[:a] + render(r.text).encode(source.codec) + out[b:]
    return out


__all__ = ["Source", "Located", "locate", "candidates", "escape", "strip_emphasis"]
