"""The lines of a script as a user addresses them, and the same edit on the model.

:func:`source_lines` lists the script's text line by line (a Final Draft
paragraph is one line), which is how the review page shows a finding's context;
:func:`find_line` finds the element at a line; :func:`replace_text` changes one
line's text in the model alone. Editing the file's bytes is :mod:`continuity.screenplay.edit`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace

from continuity.errors import InputError
from continuity.screenplay.heading import parse_cue, parse_heading
from continuity.screenplay.model import Element, Kind, Scene, Script

_SPEECH = (Kind.DIALOGUE, Kind.PARENTHETICAL, Kind.LYRIC)


#: The longest replacement text accepted (characters).
MAX_TEXT_CHARS = 65_536


def source_lines(script: Script) -> list[tuple[int, str, str]]:
    """Every line of text in the script as ``(line, kind, text)``, in line order.

    ``kind`` is ``"heading"`` or an element kind's value. In a Fountain script a
    multi-line element gives one entry per line (``line``, ``line + 1``...); in a
    Final Draft script ``line`` is the paragraph index and a paragraph is one entry
    (a line break inside it is shown as a space).
    """
    out: list[tuple[int, str, str]] = []
    fdx = script.format == "fdx"

    def add(el: Element) -> None:
        if fdx:
            if el.kind is not Kind.PAGE_BREAK:
                out.append((el.line, el.kind.value, el.text.replace("\n", " ")))
            return
        for i, part in enumerate(el.text.split("\n")):
            out.append((el.line + i, el.kind.value, part))

    for el in script.preamble:
        add(el)
    for sc in script.scenes:
        out.append((sc.line, "heading", sc.heading.text))
        for el in sc.elements:
            add(el)
    out.sort(key=lambda t: t[0])
    return out


def text_at(script: Script, line: int) -> str | None:
    """The text at source ``line`` (one line of a multi-line element), or None."""
    for no, _, text in source_lines(script):
        if no == line:
            return text
    return None


def find_line(script: Script, line: int) -> tuple[Scene | None, Element | None, int] | None:
    """What is at ``line``: ``(scene, None, 0)`` for a heading, ``(scene, element, offset)``
    for an element (``offset``: the line within a multi-line Fountain element), or None.
    """
    fdx = script.format == "fdx"
    groups: list[tuple[Scene | None, tuple[Element, ...]]] = [(None, script.preamble)]
    groups += [(sc, sc.elements) for sc in script.scenes]
    for sc, elements in groups:
        if sc is not None and sc.line == line:
            return sc, None, 0
        for el in elements:
            if el.kind is Kind.PAGE_BREAK:
                continue
            if fdx:
                if el.line == line:
                    return sc, el, 0
            elif el.line <= line < el.line + el.text.count("\n") + 1:
                return sc, el, line - el.line
    return None


def clean_text(new_text: str) -> str:
    """The replacement text, stripped and checked.

    Raises:
        InputError: empty, more than one line, control characters, or too long.
    """
    new = (new_text or "").strip()
    if not new:
        raise InputError("the new text is empty")
    if "\n" in new or "\r" in new:
        raise InputError("the new text must be one line")
    if any(unicodedata.category(c) in ("Cc", "Cs") and c != "\t" for c in new):
        raise InputError("the new text has control characters")
    if len(new) > MAX_TEXT_CHARS:
        raise InputError(f"the new text is too long ({len(new):,} characters; the limit is {MAX_TEXT_CHARS:,})")
    return new


def replace_text(script: Script, line: int, new_text: str) -> Script:
    """A copy of ``script`` with the text at source ``line`` replaced by ``new_text`` (the model only).

    For a multi-line Fountain element only that line of its text changes; a Final
    Draft paragraph is replaced whole. A cue keeps its speech: the following
    dialogue and parentheticals take the new name. A scene heading is re-parsed.

    Raises:
        InputError: no heading or element is at ``line``, or ``new_text`` is empty
            or has a line break.
    """
    new = clean_text(new_text)
    found = find_line(script, line)
    if found is None:
        raise InputError(f"nothing to edit at line {line} of {script.source or 'the script'}")
    scene, el, offset = found
    if el is None:
        assert scene is not None
        heading = parse_heading(new.lstrip(".").strip() or new, forced=new.startswith("."))
        return _with_scene(script, replace(scene, heading=heading))
    if script.format == "fdx":
        text = new
    else:
        parts = el.text.split("\n")
        parts[offset] = new
        text = "\n".join(parts)
    return _with_element(script, scene, el, text)


def _with_scene(script: Script, scene: Scene) -> Script:
    scenes = tuple(scene if sc.index == scene.index else sc for sc in script.scenes)
    return replace(script, scenes=scenes)


def _with_element(script: Script, scene: Scene | None, el: Element, text: str) -> Script:
    """``script`` with ``el``'s text changed; a cue renames the speech that follows it."""
    elements = list(scene.elements if scene is not None else script.preamble)
    i = next(k for k, e in enumerate(elements) if e is el)
    if el.kind is Kind.CHARACTER:
        name, exts, _ = parse_cue(text)
        if not name:
            raise InputError(f"{text!r} is not a character cue")
        elements[i] = replace(el, text=text, character=name, extensions=exts)
        j = i + 1
        while j < len(elements) and elements[j].kind in _SPEECH and elements[j].character == el.character:
            elements[j] = replace(elements[j], character=name)
            j += 1
    else:
        elements[i] = replace(el, text=text)
    if scene is None:
        return replace(script, preamble=tuple(elements))
    return _with_scene(script, replace(scene, elements=tuple(elements)))
