"""Fountain writer: canonical Fountain that the reader parses back to the same model.

Every element is separated from the next by a blank line, except the lines of one
speech (cue, dialogue, parentheticals, lyrics). Elements that would read as
something else are forced (``!`` action, ``.`` heading, ``@`` cue, ``>``
transition) and emphasis characters are escaped (``\\*``, ``\\_``), so the model
survives (line numbers aside). A few things Fountain cannot express are written as
closely as it can (see docs/DESIGN-parsers.md): dialogue without a cue is written
as action, and a multi-line parenthetical, synopsis or transition is joined on one line.
"""

from __future__ import annotations

import re
from typing import TextIO

from continuity.screenplay.heading import is_heading
from continuity.screenplay.model import Element, Kind, Script
from continuity.screenplay.readers.fountain import is_cue, is_title_start, is_transition

_ESCAPE_RE = re.compile(r"([*_])")
_SPEECH = (Kind.DIALOGUE, Kind.PARENTHETICAL, Kind.LYRIC)
# A line starting with one of these is not plain action anywhere in a paragraph.
_LINE_MARKERS = ("!", "#", "=", "~", ">")
# ...and these only at the start of a paragraph.
_START_MARKERS = _LINE_MARKERS + ("@", ".")


def write(script: Script, out: TextIO) -> None:
    """Write ``script`` as Fountain text to the text stream ``out``."""
    out.write(dumps(script))


def dumps(script: Script) -> str:
    """Return ``script`` as Fountain text (ends with a newline)."""
    blocks: list[list[str]] = []
    if script.title_page:
        blocks.append(_title_page(script.title_page))
    blocks.extend(_elements(list(script.preamble)))
    for scene in script.scenes:
        h = scene.heading
        text = _escape(" ".join(h.text.split()))
        if text:  # an empty heading cannot be written: its elements join the scene before
            line = text if is_heading(text) and not text.startswith(".") else ". " + text
            if h.number:
                line += f" #{h.number}#"
            blocks.append([line])
        blocks.extend(_elements(list(scene.elements)))
    if not blocks:
        return ""
    if not script.title_page and is_title_start(blocks[0][0]):
        blocks.insert(0, [])  # a leading blank line: not a title page
    return "\n\n".join("\n".join(b) for b in blocks) + "\n"


def _escape(text: str) -> str:
    return _ESCAPE_RE.sub(r"\\\1", text)


def _one_line(text: str) -> str:
    return " ".join(p.strip() for p in text.split("\n") if p.strip())


def _title_page(pairs: tuple[tuple[str, str], ...]) -> list[str]:
    lines = []
    for key, value in pairs:
        values = [_escape(v.strip()) for v in value.split("\n") if v.strip()]
        if len(values) == 1:
            lines.append(f"{key}: {values[0]}")
        else:
            lines.append(f"{key}:")
            lines.extend("    " + v for v in values)
    return lines


def _elements(elements: list[Element]) -> list[list[str]]:
    """Turn elements into blocks of lines; a block is followed by a blank line."""
    blocks: list[list[str]] = []
    i = 0
    while i < len(elements):
        el = elements[i]
        if el.kind is Kind.CHARACTER:
            j = i + 1
            while (
                j < len(elements)
                and elements[j].kind in _SPEECH
                and elements[j].character == el.character
                and elements[j].character is not None
                and elements[j].dual == el.dual
            ):
                j += 1
            blocks.append(_speech(el, elements[i + 1 : j]))
            i = j
            continue
        lines = _element(el)
        if lines:  # an empty action has nothing to write
            blocks.append(lines)
        i += 1
    return blocks


def _speech(cue: Element, speech: list[Element]) -> list[str]:
    # Drop what writes nothing, then merge neighbours that would read back as one.
    parts: list[tuple[Kind, str]] = []
    for el in speech:
        text = _norm(el.text)
        if el.kind is not Kind.LYRIC and not text:
            continue
        if parts and el.kind is parts[-1][0] and el.kind is not Kind.PARENTHETICAL:
            parts[-1] = (el.kind, _norm(parts[-1][1] + "\n" + text))
        else:
            parts.append((el.kind, text))
    lines: list[str] = []
    for kind, text in parts:
        if kind is Kind.PARENTHETICAL:
            lines.append(_escape(_one_line(text)))
        elif kind is Kind.LYRIC:
            lines.extend("~" + _escape(t) for t in text.split("\n"))
        else:
            for p in _lines(text):
                if p.startswith("~"):  # cannot stay dialogue: written as the lyric it reads as
                    p = "~" + p[1:].strip()
                lines.append(p or "  ")
    text = _escape(_one_line(cue.text))
    if not lines or not is_cue(text) or text.endswith("^"):
        text = "@" + text
    return [text + (" ^" if cue.dual else "")] + lines


def _norm(text: str) -> str:
    """Text as the reader gives it back: lines stripped, no leading or trailing empty lines."""
    return "\n".join(t.strip() for t in text.split("\n")).strip("\n")


def _element(el: Element) -> list[str]:
    kind = el.kind
    if kind is Kind.LYRIC:
        return ["~" + _escape(t) for t in _norm(el.text).split("\n")]
    if kind is Kind.ACTION or kind in _SPEECH:
        # Dialogue or a parenthetical without a cue can only be action in Fountain.
        return _action(el.text)
    if kind is Kind.TRANSITION:
        text = _escape(_one_line(el.text))
        plain = is_transition(text) and not text.startswith(_START_MARKERS) and not is_heading(text)
        if not plain and text.endswith("<"):
            # Unreachable from the readers: it could only be read back as centered.
            inner = text[:-1].strip()
            return [f"> {inner} <" if inner else "> <"]
        return [text if plain else "> " + text]
    if kind is Kind.CENTERED:
        return [f"> {_escape(t)} <" if t else "> <" for t in _norm(el.text).split("\n")]
    if kind is Kind.NOTE:
        text = _norm(el.text)
        while "]]" in text:  # cannot be written inside a note
            text = text.replace("]]", "] ]")
        lines = [t.strip() or "  " for t in text.split("\n")]
        lines[0] = "[[" + lines[0].strip()
        last = lines[-1].rstrip()
        lines[-1] = last + (" ]]" if last.endswith("]") else "]]")
        return lines
    if kind is Kind.SECTION:
        return ["#" * max(el.depth, 1) + " " + _escape(_one_line(el.text))]
    if kind is Kind.SYNOPSIS:
        return ["= " + _escape(_one_line(el.text))]
    if kind is Kind.PAGE_BREAK:
        return ["==="]
    return _action(el.text)


def _lines(text: str) -> list[str]:
    """Escaped, stripped lines of ``text`` without leading or trailing empty ones."""
    parts = [_escape(t.strip()) for t in text.split("\n")]
    while parts and not parts[-1]:
        parts.pop()
    k = 0
    while k < len(parts) and not parts[k]:
        k += 1
    return parts[k:]


def _action(text: str) -> list[str]:
    parts = _lines(text)
    out = []
    for k, line in enumerate(parts):
        if not line:
            out.append("  ")
        elif k == 0 and _action_start_needs_force(line, multi=len(parts) > 1):
            out.append("!" + line)
        elif k > 0 and line.startswith(_LINE_MARKERS):
            out.append("!" + line)
        else:
            out.append(line)
    return out


def _action_start_needs_force(line: str, *, multi: bool) -> bool:
    if line.startswith(_START_MARKERS):
        return True
    if is_heading(line) or is_transition(line):
        return True
    return multi and is_cue(line)
