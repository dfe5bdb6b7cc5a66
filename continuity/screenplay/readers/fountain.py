"""Fountain 1.1 reader (https://fountain.io/syntax).

A small one-pass, line-based parser that keeps the 1-based source line of every
element. Boneyard (``/* */``) and notes (``[[ ]]``) are first replaced by marker
characters that keep the line structure, so line numbers after a multi-line
boneyard stay right; lines that held nothing but boneyard or notes are then dropped
(they neither split nor join paragraphs). See docs/DESIGN-parsers.md for the rules
and the few places where this reader is more lenient than the spec.
"""

from __future__ import annotations

import re
from typing import TextIO

from continuity.screenplay.heading import is_heading, parse_cue, parse_heading
from continuity.screenplay.model import Element, Heading, Kind, Scene, Script

# Control characters (but tab, LF, CR), lone surrogates, non-characters and BOMs
# are dropped: XML cannot hold most of them, and \x00-\x04 serve as markers here.
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufeff\ufffe\uffff]")
_NEWLINE_RE = re.compile(r"\r\n?")
_BONE, _NOTE_CONT, _NOTE_START = "\x00", "\x01", "\x02"
_MARKER_RE = re.compile(r"[\x00-\x02]+")

_TITLE_KEY_RE = re.compile(r"^([^\s:][^:]{0,59}?)[ \t]*:(.*)$")
KNOWN_TITLE_KEYS = frozenset(
    {
        "title", "credit", "author", "authors", "source", "draft date", "date",
        "contact", "copyright", "notes", "revision", "format", "font", "episode",
    }
)
_PAGE_BREAK_RE = re.compile(r"^={3,}$")
_TRANSITION_RE = re.compile(r"^.+ TO:$")
_PAREN_RE = re.compile(r"\([^()]*\)")
_SECTION_RE = re.compile(r"^(#+)(.*)$")

_ESCAPE_RE = re.compile(r"\\([*_])")
_ESCAPED = {"*": "\x03", "_": "\x04"}
# The content of a span cannot hold its own delimiter, so a failed match stops at
# the next delimiter: linear time even on long lines full of unmatched markers.
_EMPHASIS_RES = (
    re.compile(r"\*\*\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*\*\*"),
    re.compile(r"\*\*(?=[^\s*])((?:[^*\n]|\*(?!\*))+?)(?<=[^\s*])\*\*"),
    re.compile(r"\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*"),
    re.compile(r"(?<!\w)_(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?!\w)"),
)
_UNESCAPE = str.maketrans({"\x03": "*", "\x04": "_"})

# Entries of the pre-processed line list: (line number, text, note text or None).
_Entry = tuple[int, str, str | None]


def parse(stream: TextIO | str, *, source: str = "<string>") -> Script:
    """Parse Fountain text into a :class:`Script`.

    Any text is accepted: lines that match no other element are action.

    Args:
        stream: the Fountain text, or a text stream to read it from.
        source: where the text came from, stored in ``Script.source``.

    Returns:
        The parsed script; ``Element.line`` is the 1-based source line.
    """
    text = stream if isinstance(stream, str) else stream.read()
    entries = _preprocess(text)
    title_page, start = _title_page(entries)
    return _Body(entries, start, title_page, source).run()


def strip_emphasis(text: str) -> str:
    """Remove Fountain emphasis (``*``, ``**``, ``***``, ``_``); ``\\*`` gives ``*``."""
    if "*" not in text and "_" not in text:
        return text
    text = _ESCAPE_RE.sub(lambda m: _ESCAPED[m.group(1)], text)
    for rx in _EMPHASIS_RES:
        prev = None
        while prev != text:
            prev, text = text, rx.sub(r"\1", text)
    return text.translate(_UNESCAPE)


def is_title_start(line: str) -> bool:
    """True when ``line``, as the first line of a file, opens a title page."""
    m = _TITLE_KEY_RE.match(line.strip())
    if not m:
        return False
    key = m.group(1)
    if key.lower() in KNOWN_TITLE_KEYS:
        return True
    return any(c.islower() for c in key) and not is_heading(line) and not is_transition(line)


def is_transition(line: str) -> bool:
    """True for a natural transition line: upper case, ending in ``TO:`` (no trailing space)."""
    s = line.lstrip()
    return bool(_TRANSITION_RE.match(s)) and s == s.upper()


def is_cue(line: str) -> bool:
    """True when ``line`` reads as a character cue (the name part is all upper case)."""
    st = line.strip()
    if st.endswith("^"):
        st = st[:-1].rstrip()
    name = _PAREN_RE.sub("", st)
    if st[:1] in ("!", "@", "#", "=", "~", ">", ".") or not name.strip():
        return False
    if is_transition(line) or is_heading(st):
        return False
    return any(c.isupper() for c in name) and not any(c.islower() for c in name)


def _preprocess(text: str) -> list[_Entry]:
    """Normalise line ends, remove boneyard and notes, keep line numbers."""
    text = _CONTROL_RE.sub("", _NEWLINE_RE.sub("\n", text))
    if "/*" in text:
        text = _replace_spans(text, _boneyard_spans(text), _BONE, _BONE)
    notes: list[str] = []
    if "[[" in text:
        spans = _note_spans(text)
        notes = [_note_text(text[a + 2 : b - 2]) for a, b in spans]
        text = _replace_spans(text, spans, _NOTE_START, _NOTE_CONT)

    # (number, cleaned text, is ghost, note starts on this line)
    lines: list[tuple[int, str, bool, int]] = []
    for i, raw in enumerate(text.split("\n"), start=1):
        if _BONE in raw or _NOTE_CONT in raw or _NOTE_START in raw:
            clean = _remove_markers(raw)
            lines.append((i, clean, not clean.strip(), raw.count(_NOTE_START)))
        else:
            lines.append((i, raw, False, 0))

    out: list[_Entry] = []
    note_iter = iter(notes)
    k = 0
    while k < len(lines):
        if not lines[k][1].strip() and not lines[k][2]:
            out.append((lines[k][0], lines[k][1], None))
            k += 1
            continue
        end = k
        while end < len(lines) and (lines[end][2] or lines[end][1].strip()):
            end += 1
        block = lines[k:end]
        standalone = all(ghost for _, _, ghost, _ in block)
        for no, clean, ghost, starts in block:
            found = [next(note_iter) for _ in range(starts)]
            if standalone:
                out.extend((no, "", note) for note in found)
            elif not ghost:
                out.append((no, clean, None))
        k = end
    return out


def _remove_markers(line: str) -> str:
    """Drop markers and the blanks around them: one space between words, none at the ends."""
    parts = _MARKER_RE.split(line)
    pieces = [parts[0].rstrip(" \t")] + [p.strip(" \t") for p in parts[1:-1]] + [parts[-1].lstrip(" \t")]
    return " ".join(p for p in pieces if p)


def _boneyard_spans(text: str) -> list[tuple[int, int]]:
    """``/* ... */`` spans (may hold blank lines); an unclosed ``/*`` is text.

    An escaped ``\\*/`` does not close a boneyard: it is a literal asterisk.
    """
    spans = []
    pos = 0
    while (start := text.find("/*", pos)) >= 0:
        end = text.find("*/", start + 2)
        while end > 0 and text[end - 1] == "\\":
            end = text.find("*/", end + 2)
        if end < 0:
            break
        spans.append((start, end + 2))
        pos = end + 2
    return spans


def _note_spans(text: str) -> list[tuple[int, int]]:
    """``[[ ... ]]`` spans; a note may span lines but not a blank line."""
    spans = []
    pos = 0
    while (start := text.find("[[", pos)) >= 0:
        end = text.find("]]", start + 2)
        if end < 0:
            break
        blank = text.find("\n\n", start + 2, end)
        if blank >= 0:
            pos = blank  # every "[[" before the blank line fails the same way
            continue
        spans.append((start, end + 2))
        pos = end + 2
    return spans


def _replace_spans(text: str, spans: list[tuple[int, int]], first: str, rest: str) -> str:
    """Replace each span by marker ``first``, then ``rest`` on each further line it covers."""
    if not spans:
        return text
    out = []
    pos = 0
    for a, b in spans:
        out.append(text[pos:a])
        out.append(first + ("\n" + rest) * text.count("\n", a, b))
        pos = b
    out.append(text[pos:])
    return "".join(out)


def _soft(entries: list[_Entry], i: int) -> bool:
    """A run of two-space lines at ``i`` followed by text: empty lines in a paragraph."""
    j = i + 1
    while j < len(entries) and entries[j][2] is None and entries[j][1] == "  ":
        j += 1
    return j < len(entries) and entries[j][2] is None and bool(entries[j][1].strip())


def _note_text(content: str) -> str:
    parts = []
    for line in content.split("\n"):
        if _BONE in line:
            line = line.replace(_BONE, "")
            if not line.strip():
                continue
        parts.append(line.strip())
    return "\n".join(parts).strip()


def _title_page(entries: list[_Entry]) -> tuple[tuple[tuple[str, str], ...], int]:
    """Read the title page at the top; return its pairs and the first body entry."""
    if not entries or entries[0][2] is not None or not is_title_start(entries[0][1]):
        return (), 0
    pairs: list[tuple[str, list[str]]] = []
    i = 0
    while i < len(entries) and entries[i][2] is None and entries[i][1].strip():
        line = entries[i][1]
        m = None if i and line[:1].isspace() else _TITLE_KEY_RE.match(line.strip())
        if m:
            pairs.append((m.group(1), [m.group(2).strip()]))
        else:
            pairs[-1][1].append(line.strip())
        i += 1
    page = tuple(
        (key, "\n".join(strip_emphasis(v) for v in values if v)) for key, values in pairs
    )
    return page, i


class _Body:
    """The state machine that turns body lines into elements and scenes."""

    def __init__(
        self, entries: list[_Entry], start: int, title_page: tuple[tuple[str, str], ...], source: str
    ) -> None:
        self.entries = entries
        self.start = start
        self.title_page = title_page
        self.source = source
        self.preamble: list[Element] = []
        self.scenes: list[Scene] = []
        self.heading: tuple[Heading, int] | None = None
        self.current: list[Element] = self.preamble
        # The open paragraph: kind, first line, lines, and the cue when in dialogue.
        self.kind: Kind | None = None
        self.first = 0
        self.lines: list[str] = []
        self.cue: Element | None = None

    def run(self) -> Script:
        entries = self.entries
        n = len(entries)
        prev_blank = True
        for i in range(self.start, n):
            no, raw, note = entries[i]
            if note is not None:
                self._close_block()
                self._emit(Element(Kind.NOTE, note, no))
                prev_blank = True
                continue
            st = raw.strip()
            nxt_blank = i + 1 >= n or (entries[i + 1][2] is None and not entries[i + 1][1].strip())
            if not st:
                if raw == "  " and (self.cue is not None or self.kind is Kind.ACTION) and _soft(entries, i):
                    # Two spaces: an empty line inside dialogue or action.
                    if self.kind in (Kind.DIALOGUE, Kind.ACTION):
                        self.lines.append("")
                    continue
                self._close_block()
                prev_blank = True
                continue
            if self.cue is not None:
                self._dialogue_line(st, no)
                continue
            prev_blank = self._line(raw, st, no, prev_blank, nxt_blank)
        self._close_block()
        self._end_scene()
        return Script(
            title_page=self.title_page,
            preamble=tuple(self.preamble),
            scenes=tuple(self.scenes),
            source=self.source,
            format="fountain",
        )

    def _line(self, raw: str, st: str, no: int, prev_blank: bool, nxt_blank: bool) -> bool:
        """Handle one non-blank line outside dialogue; return the new ``prev_blank``."""
        c = st[0]
        if c == "!":
            self._add(Kind.ACTION, st[1:].strip(), no)
            return False
        if c == "=" and _PAGE_BREAK_RE.match(st):
            self._single(Element(Kind.PAGE_BREAK, "", no))
            return True
        if c == "#":
            m = _SECTION_RE.match(st)
            assert m is not None
            text = strip_emphasis(m.group(2).strip())
            self._single(Element(Kind.SECTION, text, no, depth=len(m.group(1))))
            return True
        if c == "=":
            self._single(Element(Kind.SYNOPSIS, strip_emphasis(st[1:].strip()), no))
            return True
        if c == "~":
            self._add(Kind.LYRIC, st[1:].strip(), no)
            return False
        if c == ">":
            if len(st) > 1 and st.endswith("<"):
                self._add(Kind.CENTERED, st[1:-1].strip(), no)
            else:
                self._single(Element(Kind.TRANSITION, strip_emphasis(st[1:].strip()), no))
            return False
        if prev_blank and self.kind is None:
            if c == "@" and st[1:].strip(" \t^"):
                self._start_cue(st[1:].lstrip(), no)
                return False
            if c == "." and not st.startswith("..") and st[1:].strip():
                self._start_scene(st[1:].strip(), no, forced=True)
                return False
            if is_heading(st):
                self._start_scene(st, no, forced=False)
                return False
            if nxt_blank and is_transition(raw):
                self._single(Element(Kind.TRANSITION, strip_emphasis(st), no))
                return False
            if not nxt_blank and is_cue(st):
                self._start_cue(st, no)
                return False
        self._add(Kind.ACTION, st, no)
        return False

    def _dialogue_line(self, st: str, no: int) -> None:
        if st.startswith("(") and st.endswith(")"):
            self._flush()
            cue = self.cue
            assert cue is not None
            self._emit(
                Element(Kind.PARENTHETICAL, strip_emphasis(st), no, character=cue.character, dual=cue.dual)
            )
        elif st.startswith("~"):
            self._add(Kind.LYRIC, st[1:].strip(), no)
        else:
            self._add(Kind.DIALOGUE, st, no)

    def _start_cue(self, text: str, no: int) -> None:
        self._close_block()
        if text.endswith("^"):
            text, dual = text[:-1].rstrip(), True
        else:
            dual = False
        text = strip_emphasis(text)
        name, exts, _ = parse_cue(text)
        self.cue = Element(Kind.CHARACTER, text, no, character=name, extensions=exts, dual=dual)
        self._emit(self.cue)

    def _start_scene(self, text: str, no: int, *, forced: bool) -> None:
        self._close_block()
        self._end_scene()
        self.heading = (parse_heading(strip_emphasis(text), forced=forced), no)
        self.current = []

    def _end_scene(self) -> None:
        if self.heading is not None:
            heading, no = self.heading
            self.scenes.append(Scene(len(self.scenes) + 1, heading, no, tuple(self.current)))
            self.heading = None

    def _add(self, kind: Kind, line: str, no: int) -> None:
        """Append a line to the open paragraph of ``kind``, opening one if needed."""
        if self.kind is not kind:
            self._flush()
            self.kind, self.first, self.lines = kind, no, []
        self.lines.append(line)

    def _single(self, el: Element) -> None:
        self._close_block()
        self._emit(el)

    def _flush(self) -> None:
        if self.kind is None:
            return
        text = strip_emphasis("\n".join(self.lines).strip("\n"))
        kind, self.kind = self.kind, None
        if kind is Kind.ACTION and not text.strip():
            return
        cue = self.cue
        if cue is not None:
            self._emit(Element(kind, text, self.first, character=cue.character, dual=cue.dual))
        else:
            self._emit(Element(kind, text, self.first))

    def _close_block(self) -> None:
        self._flush()
        self.cue = None

    def _emit(self, el: Element) -> None:
        self.current.append(el)
