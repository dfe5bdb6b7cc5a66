"""Editing a script file: the text of one line changed in the file's own bytes.

:func:`edit_source` is what the review's "Fix line" and ``studio findings fix``
use: it changes the text of one line *in the original bytes* and nothing else
(see :mod:`continuity.screenplay.splice`), then reads the result back and refuses it unless
it parses to exactly the intended script (:func:`continuity.screenplay.lines.replace_text`
is the intended edit on the model).

Example::

    edit = edit_source(path.read_bytes(), 376, "MARA", source=str(path))
    edit.old, edit.new          # ('MARRA', 'MARA'); edit.data is the whole new file
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, replace

from continuity.errors import InputError, StudioError
from continuity.screenplay.heading import parse_heading
from continuity.screenplay.lines import _with_element, _with_scene, clean_text, find_line
from continuity.screenplay.model import Script


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
            :func:`continuity.screenplay.io.load_script`.

    Raises:
        InputError: nothing editable at ``line``; the new text is empty, the same
            or invalid; the line's text cannot be mapped to the file exactly; or
            the edit would change more than that line's text.
    """
    from continuity.screenplay import splice_fdx, splice_fountain
    from continuity.screenplay.io import parse_bytes

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
        from continuity.screenplay.readers.fdx import _NUMBER_RE

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
