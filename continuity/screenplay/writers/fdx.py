"""Final Draft (.fdx) writer.

:func:`write` takes a *binary* stream and writes UTF-8 XML; :func:`dumps` returns
the same document as a ``str``. The document re-parses with
:mod:`continuity.screenplay.readers.fdx` to the same model (paragraph indexes aside):

* page breaks become ``StartsNewPage="Yes"`` on the next paragraph (an empty
  Action paragraph when none follows);
* a dual cue and the speech before it are wrapped in ``<DualDialogue>``;
* Fountain-only kinds use Final Draft types plus attributes that Final Draft
  ignores: notes and synopses are ``General`` paragraphs with
  ``ContinuityKind="note"``/``"synopsis"``, sections ``New Act`` with ``Depth``,
  and title page paragraphs carry their key in ``ContinuityKey``;
* an empty Action paragraph ends a run of speech where the next dialogue or lyric
  has no speaker.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import BinaryIO

from continuity.screenplay.model import Element, Kind, Script
from continuity.screenplay.readers.fdx import DEPTH_ATTR, KEY_ATTR, KIND_ATTR

# Characters XML 1.0 cannot hold.
_XML_BAD_RE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_TYPES = {
    Kind.ACTION: "Action",
    Kind.CENTERED: "Action",
    Kind.CHARACTER: "Character",
    Kind.DIALOGUE: "Dialogue",
    Kind.PARENTHETICAL: "Parenthetical",
    Kind.TRANSITION: "Transition",
    Kind.LYRIC: "Lyrics",
    Kind.SECTION: "New Act",
    Kind.NOTE: "General",
    Kind.SYNOPSIS: "General",
}
_SPEECH = (Kind.DIALOGUE, Kind.PARENTHETICAL, Kind.LYRIC)


def write(script: Script, out: BinaryIO) -> None:
    """Write ``script`` as a Final Draft document (UTF-8 bytes) to the binary stream ``out``."""
    out.write(dumps(script).encode("utf-8"))


def dumps(script: Script) -> str:
    """Return ``script`` as a Final Draft XML document."""
    root = ET.Element("FinalDraft", DocumentType="Script", Template="No", Version="1")
    builder = _Builder(ET.SubElement(root, "Content"))
    for el in script.preamble:
        builder.element(el)
    for scene in script.scenes:
        text = " ".join(_clean(scene.heading.text).split())
        if text:  # an empty heading cannot be read back: its elements join the scene before
            attrs = {"Number": _clean(scene.heading.number)} if scene.heading.number else {}
            builder.paragraph("Scene Heading", text, attrs)
        for el in scene.elements:
            builder.element(el)
    builder.finish()
    if script.title_page:
        page = ET.SubElement(ET.SubElement(root, "TitlePage"), "Content")
        for key, value in script.title_page:
            par = ET.SubElement(page, "Paragraph", {"Type": "Action", KEY_ATTR: _clean(key)})
            ET.SubElement(par, "Text").text = _text(value)
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8" standalone="no" ?>\n' + body + "\n"


def _clean(text: str) -> str:
    return _XML_BAD_RE.sub("", text)


def _text(text: str) -> str:
    """Paragraph text as the reader gives it back: each line stripped, no edge newlines."""
    lines = _clean(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.strip() for line in lines).strip("\n")


class _Builder:
    """Appends paragraphs, tracking what the reader will see as the current speaker."""

    def __init__(self, content: ET.Element) -> None:
        self.content = content
        self.page_breaks = 0
        # The speaker the reader will attach dialogue to: (name, dual) or None.
        self.speaker: tuple[str | None, bool] | None = None
        # The last top-level speech group that a dual cue may pair with.
        self.group: list[ET.Element] | None = None
        self.dual: ET.Element | None = None  # the open <DualDialogue>

    def element(self, el: Element) -> None:
        kind = el.kind
        if kind in (Kind.ACTION, Kind.CHARACTER) and not _text(el.text):
            return  # the reader skips empty action and cue paragraphs
        if kind is Kind.PAGE_BREAK:
            if self.page_breaks:
                self._blank()
            self.page_breaks = 1
            return
        if kind is Kind.CHARACTER:
            self._cue(el)
            return
        if kind in _SPEECH:
            if self.speaker is not None and (el.character, el.dual) != self.speaker:
                self._blank()
            par = self.paragraph(_TYPES[kind], el.text, keep_speech=True)
            if self.group is not None and self.dual is None:
                self.group.append(par)
            return
        attrs: dict[str, str] = {}
        if kind is Kind.CENTERED:
            attrs["Alignment"] = "Center"
        elif kind in (Kind.NOTE, Kind.SYNOPSIS):
            attrs[KIND_ATTR] = kind.value
        elif kind is Kind.SECTION and el.depth > 1:
            attrs[DEPTH_ATTR] = str(el.depth)
        self.paragraph(_TYPES.get(kind, "Action"), el.text, attrs)

    def _cue(self, el: Element) -> None:
        text = el.text
        if el.dual and (text.endswith("^") or (self.dual is None and self.group is None)):
            text += " ^"  # the reader takes a trailing caret as the dual mark
        if el.dual and self.dual is None and self.group is not None:
            # Wrap the speech before this cue and this cue's speech in <DualDialogue>.
            wrapper = ET.Element("Paragraph")
            self.dual = ET.SubElement(wrapper, "DualDialogue")
            index = list(self.content).index(self.group[0])
            for par in self.group:
                self.content.remove(par)
                self.dual.append(par)
            self.content.insert(index, wrapper)
        elif not el.dual:
            self.dual = None
        self.group = None
        self.paragraph("Character", text, keep_speech=True)
        if self.dual is None and not el.dual:
            self.group = [self.content[-1]]
        self.speaker = (el.character, el.dual)

    def paragraph(
        self, ptype: str, text: str, attrs: dict[str, str] | None = None, *, keep_speech: bool = False
    ) -> ET.Element:
        """Append a paragraph (into the open dual wrapper for speech)."""
        if not keep_speech:
            self.speaker = None
            self.group = None
            self.dual = None
        parent = self.dual if (keep_speech and self.dual is not None) else self.content
        par = ET.SubElement(parent, "Paragraph", {"Type": ptype, **(attrs or {})})
        if self.page_breaks:
            par.set("StartsNewPage", "Yes")
            self.page_breaks = 0
        ET.SubElement(par, "Text").text = _text(text)
        return par

    def _blank(self) -> None:
        """An empty Action paragraph: ends a speech run, or carries a page break."""
        self.paragraph("Action", "")

    def finish(self) -> None:
        if self.page_breaks:
            self._blank()
