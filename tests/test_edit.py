"""continuity.screenplay.edit: replacing the text at a source line, and listing lines."""

from __future__ import annotations

import pytest

from continuity.errors import InputError
from continuity.screenplay.lines import replace_text, source_lines, text_at
from continuity.screenplay.model import Kind
from continuity.screenplay.readers import fountain
from continuity.screenplay.writers import fountain as fountain_writer

TEXT = """INT. KITCHEN - DAY

Mara makes tea.
Tom watches her.

MARRA
Morning.
(beat)
Again.

TOM
Hi.
"""


@pytest.fixture
def script():
    return fountain.parse(TEXT, source="x.fountain")


def _write(script) -> str:
    import io

    buf = io.StringIO()
    fountain_writer.write(script, buf)
    return buf.getvalue()


def test_source_lines_split_multi_line_elements(script):
    rows = source_lines(script)
    assert rows[0] == (1, "heading", "INT. KITCHEN - DAY")
    assert (3, "action", "Mara makes tea.") in rows and (4, "action", "Tom watches her.") in rows
    assert [r[0] for r in rows] == sorted(r[0] for r in rows)
    assert text_at(script, 4) == "Tom watches her." and text_at(script, 99) is None


def test_replace_one_line_of_a_multi_line_action(script):
    out = replace_text(script, 4, "Tom stares at her.")
    action = out.scenes[0].elements[0]
    assert action.text == "Mara makes tea.\nTom stares at her."
    assert script.scenes[0].elements[0].text == "Mara makes tea.\nTom watches her."  # the original is untouched


def test_replace_cue_renames_its_speech(script):
    out = replace_text(script, 6, "MARA (CONT'D)")
    els = out.scenes[0].elements
    cue = next(e for e in els if e.kind is Kind.CHARACTER)
    assert (cue.character, cue.extensions) == ("MARA", ("CONT'D",))
    assert {e.character for e in els if e.kind in (Kind.DIALOGUE, Kind.PARENTHETICAL) and e.line < 11} == {"MARA"}
    text = _write(out)
    assert "MARA (CONT'D)\nMorning.\n(beat)\nAgain." in text and "MARRA" not in text


def test_replace_heading_is_reparsed(script):
    out = replace_text(script, 1, "INT. KITCHEN - NIGHT")
    assert out.scenes[0].heading.time == "NIGHT"


def test_replace_dialogue_line(script):
    out = replace_text(script, 12, "Hello.")
    assert text_at(out, 12) == "Hello."


@pytest.mark.parametrize("line, text, message", [(2, "x", "nothing to edit"), (3, "  ", "empty"), (3, "a\nb", "one line")])
def test_bad_edits_raise_input_error(script, line, text, message):
    with pytest.raises(InputError, match=message):
        replace_text(script, line, text)
