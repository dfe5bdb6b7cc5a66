"""Editing a script: the text at a source line, in the model and in the file's own bytes.

:func:`edit_source` is what the review's "Fix line" and ``studio findings fix``
use: it changes the text of one line *in the original bytes* and nothing else
(see :mod:`continuity.splice`), then reads the result back and refuses it unless
it parses to exactly the intended script. :func:`source_lines` lists the
script's text line by line (a Final Draft paragraph is one line), which is how
the review page shows a finding's context; :func:`replace_text` is the same
edit on the model alone.

Example::

    edit = edit_source(path.read_bytes(), 376, "MARA", source=str(path))
    edit.old, edit.new          # ('MARRA', 'MARA'); edit.data is the whole new file
"""

from __future__ import annotations

import dataclasses
import unicodedata
from dataclasses import dataclass, replace

from continuity.errors import InputError, StudioError
from continuity.heading import parse_cue, parse_heading
from continuity.model import Element, Kind, Scene, Script

_SPEECH = (Kind.DIALOGUE, Kind.PARENTHETICAL, Kind.LYRIC)
#: The longest replacement text accepted (characters).
MAX_TEXT_CHARS = 65_536


@dataclass(frozen=True)
class SourceEdit:
    """A surgical edit of a script file.

    Attributes:
        data: the whole file after the edit; outside the edited text it is
            byte-identical to the original.
        old: the line's text before, as :func:`source_lines` shows it.
        new: the line's text after.
        script: ``data`` parsed.
    """

    data: bytes
    old: str
    new: str
    script: Script


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


def edit_source(data: bytes, line: int, new_text: str, *, source: str) -> SourceEdit:
    """Change the text at ``line`` of a script file, in its own bytes.

    Only the words that change are replaced; encoding, line endings and all
    markup (Fountain emphasis, boneyard, notes, forcing characters, indentation;
    Final Draft runs with their styles, and everything outside the paragraph)
    stay byte-identical. Where the text as typed would read differently (a ``*``
    that would start emphasis, an action line that would become a heading), it
    is escaped or forced (``!``, ``@``) as Fountain allows. The result must parse
    to exactly the intended script, or nothing is returned.

    Args:
        data: the file's bytes.
        line: the line as :func:`source_lines` numbers it (an FDX paragraph index).
        new_text: the line's new text (one line).
        source: the file name; its extension picks the format, as in
            :func:`continuity.io.load_script`.

    Raises:
        InputError: nothing editable at ``line``; the new text is empty, the same
            or invalid; the line's text cannot be mapped to the file exactly; or
            the edit would change more than that line's text.
    """
    from continuity import splice_fdx, splice_fountain
    from continuity.io import parse_bytes

    new = clean_text(new_text)
    script = parse_bytes(data, source)
    found = find_line(script, line)
    if found is None:
        raise InputError(f"nothing to edit at line {line} of {source}")
    forced = False
    if script.format == "fdx":
        located = splice_fdx.locate(data, script, line)
        display, cands = located.target.display, splice_fdx.candidates(data, located, new)
    else:
        src = splice_fountain.Source(data)
        floc = splice_fountain.locate(src, script, line)
        forced = floc.forced
        display, cands = floc.target.display, splice_fountain.candidates(src, floc, new)
    if new == display:
        raise InputError(f"line {line} already reads {new!r}; nothing to change")
    became = None
    for candidate, true_text in cands:
        try:
            parsed = parse_bytes(candidate, source)
            expected = _expected(script, found, true_text, forced)
        except StudioError:
            continue
        if parsed == expected:
            return SourceEdit(candidate, display, new, parsed)
        if became is None:
            now = find_line(parsed, line)
            became = _kind(now) if now is not None else ""
    was = _kind(found)
    why = f"it would read as {_a(became)} instead of {_a(was)}" if became and became != was else (
        "it would change how the lines around it read"
    )
    raise InputError(f"line {line}: {new!r} cannot be written there as typed: {why}; edit the file by hand")


def _kind(found) -> str:
    _, el, _ = found
    return "scene heading" if el is None else el.kind.value.replace("_", " ")


def _a(kind: str) -> str:
    return ("an " if kind[:1] in "aeiou" else "a ") + kind


def _expected(script: Script, found, text: str, forced: bool) -> Script:
    """The script the edit must read back as."""
    scene, el, offset = found
    if el is None:
        number = scene.heading.number
        from continuity.readers.fdx import _NUMBER_RE

        suffix = f" #{number}#" if number and _NUMBER_RE.fullmatch(number) else ""
        heading = parse_heading(text + suffix, forced=forced)
        if number and heading.number != number:
            heading = dataclasses.replace(heading, number=number)
        return _with_scene(script, replace(scene, heading=heading))
    if script.format == "fdx":
        full = text
    else:
        parts = el.text.split("\n")
        parts[offset] = text
        full = "\n".join(parts)
    return _with_element(script, scene, el, full)
