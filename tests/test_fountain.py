"""Fountain reader and writer: golden files, line numbers, forcing and round trips.

Regenerate the expected JSON with ``STUDIO_REGEN_GOLDEN=1 pytest tests/test_fountain.py``.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from continuity.screenplay.model import Element, Heading, Kind, Scene, Script
from continuity.screenplay.readers import fdx as fdx_reader
from continuity.screenplay.readers import fountain
from continuity.screenplay.serialize import dumps_json, script_to_dict
from continuity.screenplay.writers import fdx as fdx_writer
from continuity.screenplay.writers import fountain as fountain_writer

FILES = Path(__file__).parent / "files" / "fountain"
SOURCES = sorted(FILES.glob("*.fountain"))
REGEN = os.environ.get("STUDIO_REGEN_GOLDEN") == "1"


def load(name: str) -> Script:
    path = FILES / name
    return fountain.parse(path.read_text(encoding="utf-8"), source=path.name)


def model(script: Script) -> dict:
    d = script_to_dict(script, lines=False)
    d.pop("format")
    return d


def elements(script: Script) -> list[Element]:
    return [el for _, el in script.elements()]


def find(script: Script, text: str) -> Element:
    return next(el for el in elements(script) if el.text.startswith(text))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
def test_golden(path: Path) -> None:
    script = fountain.parse(path.read_text(encoding="utf-8"), source=path.name)
    got = dumps_json(script)
    expected = path.with_suffix(".json")
    if REGEN or not expected.exists():
        expected.write_text(got, encoding="utf-8")
        if not REGEN:
            pytest.fail(f"{expected.name} was missing and has been written: review it")
    assert json.loads(got) == json.loads(expected.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
def test_round_trips(path: Path) -> None:
    script = fountain.parse(path.read_text(encoding="utf-8"))
    text = fountain_writer.dumps(script)
    again = fountain.parse(text)
    assert model(again) == model(script)
    assert fountain_writer.dumps(again) == text
    via_fdx = fdx_reader.parse(fdx_writer.dumps(script))
    assert model(via_fdx) == model(script)


def test_title_page() -> None:
    s = load("title_page.fountain")
    assert s.title == "THE LIGHTHOUSE KEEPER A Short Film"
    assert dict(s.title_page)["Contact"] == "Quill Pictures\n12 Harbour Road"
    assert dict(s.title_page)["Source"] == "based on a dream"
    assert [e.text for e in s.preamble] == ["FADE IN:"]
    assert s.preamble[0].line == 12
    assert s.scenes[0].line == 14


def test_headings() -> None:
    s = load("headings.fountain")
    assert [sc.heading.text for sc in s.scenes] == [
        "INT. KITCHEN - DAY",
        "ext. garden - night",
        "int house day",
        "EXT/INT. BARN - DUSK",
        "I/E. TRUCK - MOVING - CONTINUOUS",
        "EST. HARBOUR TOWN - DAWN",
        "INT. ATTIC - NIGHT (1979)",
        "UNDERWATER",
        "INT. CELLAR - DAY",
        "KITCHEN TABLE",
    ]
    assert [sc.line for sc in s.scenes] == [1, 5, 7, 9, 11, 13, 15, 17, 21, 28]
    assert [sc.index for sc in s.scenes] == list(range(1, 11))
    attic = s.scenes[6].heading
    assert (attic.number, attic.year, attic.time) == ("12A", 1979, "NIGHT")
    assert s.scenes[7].heading.setting is None  # forced
    assert s.scenes[9].heading.number == "7"
    # A heading line not preceded by a blank line is action.
    assert find(s, "EXT. YARD").kind is Kind.ACTION and find(s, "EXT. YARD").line == 22
    assert find(s, "... not a heading").kind is Kind.ACTION
    assert find(s, "INTERIOR DESIGN").kind is Kind.ACTION


def test_dialogue() -> None:
    s = load("dialogue.fountain")
    els = s.scenes[0].elements
    joe = els[2]
    assert (joe.kind, joe.character, joe.extensions, joe.line) == (Kind.CHARACTER, "JOE", ("O.S.",), 6)
    assert els[3].kind is Kind.PARENTHETICAL and els[3].character == "JOE"
    assert els[4].text == "Black. And pie.\nCherry, if you have it." and els[4].line == 8
    mavis = els[5]
    assert mavis.extensions == ("CONT'D", "V.O.") and mavis.character == "MAVIS"
    assert els[6].text == "We always have cherry.\n\nAlways."  # two spaces keep it going
    ng = find(s, "Dr. Ng")
    assert (ng.kind, ng.character, ng.line) == (Kind.CHARACTER, "DR. NG", 16)
    assert find(s, "Show-off.").character == "JOE"  # indented cue
    assert find(s, "R2D2").kind is Kind.CHARACTER
    assert find(s, "42 (O.S.)").kind is Kind.ACTION
    assert find(s, "LONELY CUE").kind is Kind.ACTION  # nothing follows it
    assert [e.kind for e in els[-4:]] == [Kind.CHARACTER, Kind.DIALOGUE, Kind.PARENTHETICAL, Kind.DIALOGUE]
    assert s.speakers == ("MAVIS", "JOE", "DR. NG", "R2D2")


def test_dual_dialogue() -> None:
    s = load("dual.fountain")
    duals = [(e.kind, e.character) for e in elements(s) if e.dual]
    assert duals == [
        (Kind.CHARACTER, "JERRY"),
        (Kind.PARENTHETICAL, "JERRY"),
        (Kind.DIALOGUE, "JERRY"),
        (Kind.CHARACTER, "BEA"),
        (Kind.DIALOGUE, "BEA"),
        (Kind.CHARACTER, "CLEO"),
        (Kind.DIALOGUE, "CLEO"),
    ]
    assert find(s, "JERRY").text == "JERRY"  # caret removed


def test_transitions_and_centered() -> None:
    s = load("transitions.fountain")
    kinds = {e.text: e.kind for e in elements(s)}
    assert kinds["CUT TO:"] is Kind.TRANSITION
    assert kinds["FADE OUT."] is Kind.TRANSITION  # forced with >
    assert kinds["SMASH CUT TO:"] is Kind.ACTION  # trailing spaces
    assert kinds["DISSOLVE TO:\nA line right below: so no transition above."] is Kind.ACTION
    assert kinds["THE END"] is Kind.CENTERED
    assert kinds["INTERMISSION\nTEN MINUTES"] is Kind.CENTERED
    assert kinds["FADE TO BLACK."] is Kind.ACTION
    assert find(s, "INTERMISSION").line == 22


def test_notes_and_boneyard_keep_line_numbers() -> None:
    s = load("notes_boneyard.fountain")
    els = s.scenes[0].elements
    assert (els[0].kind, els[0].text, els[0].line) == (Kind.NOTE, "Check the safe model with props.", 3)
    assert els[1].text == "A steel door. It swings open."
    after = find(s, "Line fourteen")
    assert after.line == 14  # after a boneyard of six lines with a blank line inside
    note = find(s, "A note")
    assert (note.kind, note.text, note.line) == (Kind.NOTE, "A note\nthat spans lines.", 16)
    assert find(s, "The guard").text == "The guard sleeps."
    assert find(s, "Zzz").text == "Zzz...\nFive more minutes."  # note-only line dropped
    assert find(s, "An unclosed").text == "An unclosed /* comment stays as text."
    assert find(s, "An unclosed").line == 28
    assert not any("cut" in e.text.lower() and "alarm" in e.text for e in elements(s))


def test_structure() -> None:
    s = load("structure.fountain")
    sections = [(e.text, e.depth, e.line) for e in elements(s) if e.kind is Kind.SECTION]
    assert sections == [("Act One", 1, 1), ("Sequence 1: Recruiting", 2, 5), ("Scene beat", 3, 11), ("ACT TWO", 1, 23)]
    assert [e.text for e in elements(s) if e.kind is Kind.SYNOPSIS] == ["The heist is planned.", "Rosa meets the crew."]
    assert [e.line for e in elements(s) if e.kind is Kind.PAGE_BREAK] == [15]
    lyrics = [(e.text, e.character) for e in elements(s) if e.kind is Kind.LYRIC]
    assert lyrics == [("Oh the road is long\nand the night is cold", "ROSA"), ("Humming, off key.", None)]
    assert [e.kind for e in s.preamble] == [Kind.SECTION, Kind.SYNOPSIS, Kind.SECTION]


def test_emphasis() -> None:
    s = load("emphasis.fountain")
    texts = [e.text for e in elements(s)]
    assert texts[0] == "Bold move, italic glance, both at once, underlined words."
    assert texts[1] == "Math: 2 * 3 * 4 = 24, and snake_case_name stays."
    assert texts[2] == "Escaped *stars* and _underscores_ survive."
    assert texts[3] == "NESTED TITLE"
    assert texts[-1] == "I never said that."


def test_action() -> None:
    s = load("action.fountain")
    els = s.scenes[0].elements
    assert els[0].text.split("\n") == [
        "A scarecrow.",
        "Indented with a tab.",
        "Indented with spaces.",
        "ALL CAPS LINE INSIDE ACTION.",
        "Then more.",
    ]
    assert [(e.kind, e.text, e.line) for e in els[1:4]] == [
        (Kind.ACTION, "INT. THIS IS ACTION, NOT A HEADING", 9),
        (Kind.ACTION, "LOUD NOISES\nStill action, forced.", 11),
        (Kind.ACTION, "CUT TO:", 14),
    ]
    assert len(s.scenes) == 1


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_endings(newline: str) -> None:
    raw = (FILES / "crlf.fountain").read_bytes().decode("utf-8")
    text = raw.replace("\r\n", "\n").replace("\n", newline)
    s = fountain.parse(text)
    assert [sc.line for sc in s.scenes] == [1, 10]
    assert s.scenes[0].elements[0].text == "A desk.\nA chair."
    assert [e.line for e in s.scenes[0].elements] == [3, 6, 7, 8]


def test_preamble_only_and_stream() -> None:
    s = fountain.parse(io.StringIO((FILES / "preamble_only.fountain").read_text()), source="x.fountain")
    assert s.scenes == () and s.source == "x.fountain" and s.format == "fountain"
    assert [e.kind for e in s.preamble][-1] is Kind.TRANSITION
    assert s.speakers == ("NARRATOR",)


@pytest.mark.parametrize("text", ["", "\n\n", "   \n\t\n", "\ufeff", "/* all boneyard */"])
def test_empty_inputs(text: str) -> None:
    s = fountain.parse(text)
    assert s.scenes == () and s.preamble == () and s.title_page == ()


def test_first_line_that_is_not_a_title_page() -> None:
    assert fountain.parse("FADE IN:\n\nINT. A - DAY\n").title_page == ()
    assert fountain.parse("CUT TO:\n\nx\n").preamble[0].kind is Kind.TRANSITION
    assert fountain.parse("Title: X\n\nINT. A - DAY\n").title_page == (("Title", "X"),)


def test_bom_and_controls_are_ignored() -> None:
    s = fountain.parse("\ufeffINT. A - DAY\n\nA\x00B\x07.\n")
    assert s.scenes[0].heading.text == "INT. A - DAY"
    assert s.scenes[0].elements[0].text == "AB."


# --- writer -------------------------------------------------------------------------


def _script(*els: Element, title=()) -> Script:
    return Script(
        title_page=title,
        scenes=(Scene(1, Heading("INT. ROOM - DAY", "INT", "ROOM", "DAY"), 1, tuple(els)),),
    )


def _written(script: Script) -> list[str]:
    text = fountain_writer.dumps(script)
    assert model(fountain.parse(text)) == model(script)
    return text.split("\n")


def test_writer_forces_action() -> None:
    lines = _written(
        _script(
            Element(Kind.ACTION, "INT. NOT A HEADING", 0),
            Element(Kind.ACTION, "SHOUTING\nthen words", 0),
            Element(Kind.ACTION, "CUT TO:", 0),
            Element(Kind.ACTION, "first\n# not a section\n= nor synopsis\n~ nor lyric\n> nor transition", 0),
            Element(Kind.ACTION, "!Bang", 0),
        )
    )
    for expected in ("!INT. NOT A HEADING", "!SHOUTING", "!CUT TO:", "!# not a section", "!!Bang"):
        assert expected in lines


def test_writer_forces_heading_cue_transition() -> None:
    script = Script(
        scenes=(
            Scene(1, Heading("KITCHEN", None, "KITCHEN"), 1, (
                Element(Kind.CHARACTER, "McDUCK", 0, character="MCDUCK"),
                Element(Kind.DIALOGUE, "Quack.", 0, character="MCDUCK"),
                Element(Kind.TRANSITION, "FADE OUT.", 0),
                Element(Kind.TRANSITION, "CUT TO:", 0),
            )),
            Scene(2, Heading("INT. HALL - DAY", "INT", "HALL", "DAY", number="4B"), 1),
        )
    )
    lines = _written(script)
    assert ". KITCHEN" in lines
    assert "@McDUCK" in lines
    assert "> FADE OUT." in lines and "CUT TO:" in lines
    assert "INT. HALL - DAY #4B#" in lines


def test_writer_escapes_emphasis_and_dual() -> None:
    lines = _written(
        _script(
            Element(Kind.ACTION, "2 * 3 and *stars* and snake_case", 0),
            Element(Kind.CHARACTER, "ANN", 0, character="ANN"),
            Element(Kind.DIALOGUE, "Hi.", 0, character="ANN"),
            Element(Kind.CHARACTER, "BO", 0, character="BO", dual=True),
            Element(Kind.DIALOGUE, "Yo.\n\nYo again.", 0, character="BO", dual=True),
            Element(Kind.CHARACTER, "LONE", 0, character="LONE"),
            Element(Kind.NOTE, "a *raw* note", 0),
            title=(("Title", "A _B_"), ("Contact", "line 1\nline 2")),
        )
    )
    assert r"2 \* 3 and \*stars\* and snake\_case" in lines
    assert "BO ^" in lines and "  " in lines
    assert "@LONE" in lines  # a cue with nothing to say must be forced
    assert lines[:4] == [r"Title: A \_B\_", "Contact:", "    line 1", "    line 2"]


def test_writer_guards_a_leading_key_line() -> None:
    script = Script(preamble=(Element(Kind.ACTION, "Note: this is action.", 0),))
    text = fountain_writer.dumps(script)
    assert text.startswith("\n")
    assert model(fountain.parse(text)) == model(script)


def test_write_to_stream() -> None:
    out = io.StringIO()
    fountain_writer.write(load("dual.fountain"), out)
    assert out.getvalue() == fountain_writer.dumps(load("dual.fountain"))
    assert fountain_writer.dumps(Script()) == ""
