"""Small, I/O-free edits of a parsed script: replace the text at a source line.

The review page and ``studio findings`` fix a flagged line through
:func:`replace_text`, then write the script with :func:`continuity.io.save_script`.
:func:`source_lines` lists the script's text line by line (headings and elements,
multi-line elements split), which is how the review page shows a finding's context
for Fountain and Final Draft alike.

Example::

    script = replace_text(script, 376, "MARA")      # fix a misspelt cue
    [t for _, _, t in source_lines(script)][:3]
"""

from __future__ import annotations

from dataclasses import replace

from continuity.errors import InputError
from continuity.heading import parse_cue, parse_heading
from continuity.model import Element, Kind, Scene, Script

_SPEECH = (Kind.DIALOGUE, Kind.PARENTHETICAL, Kind.LYRIC)


def source_lines(script: Script) -> list[tuple[int, str, str]]:
    """Every line of text in the script as ``(line, kind, text)``, in line order.

    ``kind`` is ``"heading"`` or an element kind's value; a multi-line element
    gives one entry per line (``line``, ``line + 1``...).
    """
    out: list[tuple[int, str, str]] = []

    def add(el: Element) -> None:
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


def replace_text(script: Script, line: int, new_text: str) -> Script:
    """A copy of ``script`` with the text at source ``line`` replaced by ``new_text``.

    For a multi-line element only that line of its text changes. A cue keeps its
    speech: the following dialogue and parentheticals take the new name. A scene
    heading is re-parsed.

    Raises:
        InputError: no heading or element is at ``line``, or ``new_text`` is empty
            or has a line break.
    """
    new = (new_text or "").strip()
    if not new:
        raise InputError("the new text is empty")
    if "\n" in new or "\r" in new:
        raise InputError("the new text must be one line")
    pre = _replace_in(script.preamble, line, new)
    if pre is not None:
        return replace(script, preamble=pre)
    scenes = list(script.scenes)
    for i, sc in enumerate(scenes):
        if sc.line == line:
            scenes[i] = _new_heading(sc, new)
            return replace(script, scenes=tuple(scenes))
        els = _replace_in(sc.elements, line, new)
        if els is not None:
            scenes[i] = replace(sc, elements=els)
            return replace(script, scenes=tuple(scenes))
    raise InputError(f"nothing to edit at line {line} of {script.source or 'the script'}")


def _new_heading(scene: Scene, text: str) -> Scene:
    heading = parse_heading(text.lstrip(".").strip() or text, forced=text.startswith("."))
    return replace(scene, heading=heading)


def _replace_in(elements: tuple[Element, ...], line: int, new: str) -> tuple[Element, ...] | None:
    for i, el in enumerate(elements):
        parts = el.text.split("\n")
        if not el.line <= line < el.line + len(parts):
            continue
        if el.kind is Kind.PAGE_BREAK:
            return None
        out = list(elements)
        if el.kind is Kind.CHARACTER:
            name, exts, _ = parse_cue(new)
            if not name:
                raise InputError(f"{new!r} is not a character cue")
            old = el.character
            out[i] = replace(el, text=new, character=name, extensions=exts)
            j = i + 1
            while j < len(out) and out[j].kind in _SPEECH and out[j].character == old:
                out[j] = replace(out[j], character=name)
                j += 1
            return tuple(out)
        parts[line - el.line] = new
        out[i] = replace(el, text="\n".join(parts))
        return tuple(out)
    return None
