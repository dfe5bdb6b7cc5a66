"""Final Draft (.fdx) reader, on the standard library's expat parser.

``Element.line`` is the 1-based index of the ``<Paragraph>`` in ``<Content>``,
counted depth-first in document order: the wrapper paragraph that holds a
``<DualDialogue>`` counts, then the paragraphs inside it. Paragraphs with no text
produce no element but still count. DOCTYPE and ENTITY declarations are refused
(no entity expansion at all), so "billion laughs" documents fail fast.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import xml.etree.ElementTree as ET
from typing import BinaryIO
from xml.parsers import expat

from continuity.errors import ParseError
from continuity.screenplay.heading import parse_cue, parse_heading
from continuity.screenplay.model import Element, Heading, Kind, Scene, Script

log = logging.getLogger(__name__)

_NEWLINE_RE = re.compile(r"\r\n?")
# Characters XML allows but the Fountain reader drops; dropped here too so that
# both formats read the same text.
_DROP_RE = re.compile("[\x7f\ufeff]")
_NUMBER_RE = re.compile(r"[\w.\-]+")
_MAX_NESTING = 20
_TITLE_PAIR_RE = re.compile(r"^([^:\n]{1,60}?)\s*:[ \t]*(.*)$", re.S)
_CREDIT_RE = re.compile(
    r"^(?:(?:original\s+)?(?:screenplay|teleplay|story|written|written\s+and\s+directed|"
    r"written\s*&\s*directed)\s+)?by$",
    re.I,
)
KNOWN_TITLE_KEYS = frozenset(
    {
        "title", "credit", "author", "authors", "source", "draft date", "date",
        "contact", "copyright", "notes", "revision", "format", "font", "episode",
    }
)

# Paragraph types -> kinds; anything else is read as action.
_KINDS = {
    "Action": Kind.ACTION,
    "General": Kind.ACTION,
    "Shot": Kind.ACTION,
    "Cast List": Kind.ACTION,
    "Character": Kind.CHARACTER,
    "Dialogue": Kind.DIALOGUE,
    "Parenthetical": Kind.PARENTHETICAL,
    "Transition": Kind.TRANSITION,
    "Lyrics": Kind.LYRIC,
    "New Act": Kind.SECTION,
    "End of Act": Kind.SECTION,
}
# Written by our writer for Fountain kinds that Final Draft has no paragraph type for,
# and for the exact key of each title page entry.
KIND_ATTR = "ContinuityKind"
KEY_ATTR = "ContinuityKey"
DEPTH_ATTR = "Depth"
_EXTRA_KINDS = {"note": Kind.NOTE, "synopsis": Kind.SYNOPSIS, "section": Kind.SECTION}
# Empty paragraphs of these kinds are blank lines in Final Draft: no element.
_SKIP_EMPTY = {Kind.ACTION, Kind.CHARACTER}
_SPEECH = {Kind.DIALOGUE, Kind.PARENTHETICAL, Kind.LYRIC}


def parse(stream: BinaryIO | bytes | str, *, source: str = "<string>") -> Script:
    """Parse a Final Draft document into a :class:`Script`.

    Args:
        stream: the XML as bytes, as text, or a binary stream to read it from.
        source: where it came from, for ``Script.source`` and error messages.

    Returns:
        The parsed script; ``Element.line`` is the 1-based paragraph index.

    Raises:
        ParseError: malformed XML (with its line), a DOCTYPE or ENTITY declaration,
            or a root element other than ``<FinalDraft>``.
    """
    data = stream if isinstance(stream, (bytes, str)) else stream.read()
    root = _parse_xml(data, source)
    if root.tag != "FinalDraft":
        raise ParseError(f"{source}: not a Final Draft document (root element is <{root.tag}>)")
    reader = _Reader(source)
    content = root.find("Content")
    if content is not None:
        reader.read(content)
    return Script(
        title_page=_title_page(root.find("TitlePage")),
        preamble=tuple(reader.preamble),
        scenes=tuple(reader.scenes),
        source=source,
        format="fdx",
    )


def _parse_xml(data: bytes | str, source: str) -> ET.Element:
    def refuse(*_args: object) -> None:
        raise _Refused()

    parser = expat.ParserCreate()
    builder = ET.TreeBuilder()
    parser.buffer_text = True
    parser.StartElementHandler = builder.start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        if isinstance(data, str):
            # expat reads str as UTF-8; drop a declaration that names another encoding.
            data = re.sub(r"^\ufeff?\s*<\?xml[^>]*\?>", "", data, count=1).encode("utf-8", "surrogatepass")
        parser.Parse(data, True)
        return builder.close()
    except _Refused:
        raise ParseError(
            f"{source}: line {parser.CurrentLineNumber}: DOCTYPE/ENTITY declarations are not allowed in .fdx"
        ) from None
    except expat.ExpatError as exc:
        raise ParseError(
            f"{source}: line {exc.lineno}: malformed XML: {expat.ErrorString(exc.code)}"
        ) from None
    except (ValueError, LookupError, UnicodeError) as exc:
        raise ParseError(f"{source}: cannot decode XML: {exc}") from None
    except AssertionError:
        # TreeBuilder on mismatched events; expat reports those first, but be safe.
        raise ParseError(f"{source}: malformed XML") from None


class _Refused(Exception):
    pass


def paragraph_text(par: ET.Element) -> str:
    """The text of a paragraph: its ``<Text>`` runs joined, each line stripped."""
    raw = "".join(t.text or "" for t in par.findall("Text"))
    if not raw:
        return ""
    lines = _NEWLINE_RE.sub("\n", _DROP_RE.sub("", raw)).split("\n")
    return "\n".join(line.strip() for line in lines).strip("\n")


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source
        self.preamble: list[Element] = []
        self.scenes: list[Scene] = []
        self.current = self.preamble
        self.heading: tuple[Heading, int] | None = None
        self.index = 0
        self.speaker: Element | None = None

    def read(self, content: ET.Element) -> None:
        for par in content:
            if par.tag == "Paragraph":
                self._paragraph(par, dual_cues=None)
        self._end_scene()

    def _paragraph(self, par: ET.Element, dual_cues: list[int] | None, depth: int = 0) -> None:
        self.index += 1
        no = self.index
        if par.get("StartsNewPage") == "Yes":
            self.current.append(Element(Kind.PAGE_BREAK, "", no))
        for dual in par.findall("DualDialogue"):
            if depth >= _MAX_NESTING:
                raise ParseError(f"{self.source}: paragraph {no}: <DualDialogue> nested too deeply")
            self.speaker = None
            cues: list[int] = []
            for inner in dual:
                if inner.tag == "Paragraph":
                    self._paragraph(inner, cues, depth + 1)
            self.speaker = None
        ptype = par.get("Type", "")
        text = paragraph_text(par)
        extra = par.get(KIND_ATTR)
        kind = _EXTRA_KINDS.get(extra or "") or _KINDS.get(ptype)
        if kind is None:
            if ptype == "Scene Heading":
                self._scene(par, text, no)
                return
            if ptype:
                log.debug("%s: paragraph %d: unknown type %r read as action", self.source, no, ptype)
            kind = Kind.ACTION
        if kind is Kind.ACTION and par.get("Alignment") == "Center":
            kind = Kind.CENTERED
        if not text and kind in _SKIP_EMPTY:
            self.speaker = None
            return
        if kind is Kind.CHARACTER:
            if text.endswith("^"):
                text, dual = text[:-1].rstrip(), True
            else:
                dual = False
            if dual_cues is not None:
                dual = dual or bool(dual_cues)
                dual_cues.append(no)
            name, exts, _ = parse_cue(text)
            self.speaker = Element(Kind.CHARACTER, text, no, character=name, extensions=exts, dual=dual)
            self.current.append(self.speaker)
            return
        if kind in _SPEECH and self.speaker is not None:
            sp = self.speaker
            self.current.append(Element(kind, text, no, character=sp.character, dual=sp.dual))
            return
        self.speaker = None
        if kind is Kind.SECTION:
            depth = par.get(DEPTH_ATTR, "1")
            self.current.append(Element(kind, text, no, depth=int(depth) if depth.isdigit() else 1))
        else:
            self.current.append(Element(kind, text, no))

    def _scene(self, par: ET.Element, text: str, no: int) -> None:
        self.speaker = None
        if not text:
            return
        self._end_scene()
        number = (par.get("Number") or "").strip()
        if number and _NUMBER_RE.fullmatch(number):
            # As if written "TEXT #NUMBER#": a "#..#" already in the text stays text.
            heading = parse_heading(f"{text} #{number}#")
        else:
            heading = parse_heading(text)
            if number:
                heading = dataclasses.replace(heading, number=number)
        self.heading = (heading, no)
        self.current = []

    def _end_scene(self) -> None:
        if self.heading is not None:
            heading, no = self.heading
            self.scenes.append(Scene(len(self.scenes) + 1, heading, no, tuple(self.current)))
            self.heading = None


def _title_page(page: ET.Element | None) -> tuple[tuple[str, str], ...]:
    """The title page: exact pairs where our writer marked the key, else a best effort.

    Unmarked paragraphs: the first is the title unless it reads ``Key: value`` with a
    known key; "written by" and the like is the credit and the next paragraph the
    author; later ``Key: value`` paragraphs are pairs; the rest is contact text.
    """
    if page is None:
        return ()
    pairs: list[tuple[str, str]] = []
    expect_author = False
    for par in page.iter("Paragraph"):
        text = paragraph_text(par)
        key = par.get(KEY_ATTR)
        if key is not None:
            pairs.append((key, text))
            expect_author = False
            continue
        if not text:
            continue
        m = _TITLE_PAIR_RE.match(text)
        if m and (pairs or m.group(1).strip().lower() in KNOWN_TITLE_KEYS):
            pairs.append((m.group(1).strip(), m.group(2).strip()))
            expect_author = False
        elif not pairs:
            pairs.append(("Title", text))
        elif _CREDIT_RE.match(" ".join(text.split())):
            pairs.append(("Credit", text))
            expect_author = True
        elif expect_author:
            pairs.append(("Author", text))
            expect_author = False
        elif pairs[-1][0] == "Contact":
            pairs[-1] = ("Contact", pairs[-1][1] + "\n" + text)
        else:
            pairs.append(("Contact", text))
    return tuple(pairs)
