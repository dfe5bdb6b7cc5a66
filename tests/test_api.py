"""The Python API: check_passage, bible_lookup, parse_script_text."""

from __future__ import annotations

import pytest
from conftest import EXAMPLE

from continuity.api import (
    audit,
    bible_lookup,
    check_passage,
    findings_to_dict,
    load_bible,
    load_script,
    parse_script_text,
)
from continuity.errors import InputError, ParseError


@pytest.fixture(autouse=True)
def _hashing(monkeypatch):
    monkeypatch.setenv("STUDIO_EMBEDDER", "hashing")


@pytest.fixture(scope="module")
def script():
    return load_script(EXAMPLE / "script.fountain")


@pytest.fixture(scope="module")
def bible():
    return load_bible(EXAMPLE / "bible.yaml")


def _last_line(script) -> int:
    return max(e.line for _, e in script.elements())


NEW_SCENE = """\
INT. KEEPER'S COTTAGE - KITCHEN - NIGHT

Mara sits by the stove. She shakes out her blonde hair.

MARA
Where did you put the kettle?
"""


def test_passage_contradicting_the_bible_is_found_and_only_the_passage_is_reported(script, bible):
    assert audit(script, bible).findings  # the example has planted errors of its own
    findings = check_passage(NEW_SCENE, bible, script=script)
    assert [(f.category, f.subject, f.severity) for f in findings] == [("appearance", "MARA.hair", "error")]
    f = findings[0]
    assert f.scene == len(script.scenes) + 1
    assert f.text == "She shakes out her blonde hair."
    assert f.evidence[0].bible == "characters.MARA.attributes.hair"
    # Lines continue the script's numbering; passage_line is the line within the text.
    d = f.to_dict()
    assert d["passage_line"] == 3
    assert f.line == _last_line(script) + 1 + 3


def test_clean_passage_gives_nothing(script, bible):
    clean = "INT. KEEPER'S COTTAGE - KITCHEN - NIGHT\n\nMara sits by the stove in her grey wool sweater.\n"
    assert check_passage(clean, bible, script=script) == []


def test_passage_without_heading_continues_the_last_scene(script, bible):
    findings = check_passage("Mara pushes her blonde hair back.", bible, script=script)
    assert [(f.scene, f.to_dict()["passage_line"]) for f in findings] == [(len(script.scenes), 1)]


def test_passage_without_script_or_heading_is_checked_against_the_bible(bible):
    findings = check_passage("Mara pushes her blonde hair back.", bible)
    assert [(f.scene, f.line, f.subject) for f in findings] == [(1, 1, "MARA.hair")]


def test_passage_contradicting_the_script_cites_the_script_line(script):
    # No bible: the script's own first descriptions are canon (Eli's eyes: blue, scene 1).
    findings = check_passage("EXT. ISLAND JETTY - DAY\n\nEli squints, his brown eyes watering.\n", script=script)
    eyes = [f for f in findings if f.subject == "ELI.eyes"]
    assert eyes and eyes[0].evidence[0].scene == 1
    assert eyes[0].evidence[0].line < _last_line(script)


def test_first_line_with_a_colon_is_not_a_title_page(bible):
    findings = check_passage("Mara turns: nothing there. She pushes her blonde hair back.", bible)
    assert [f.subject for f in findings] == ["MARA.hair"]


def test_findings_to_dict_counts_severities(script, bible):
    d = findings_to_dict(check_passage(NEW_SCENE, bible, script=script))
    assert d["summary"] == {"error": 1, "warning": 0, "info": 0}
    assert d["findings"][0]["subject"] == "MARA.hair"


@pytest.mark.parametrize("text", ["", "   \n", "/* all boneyard */"])
def test_empty_passage_is_an_input_error(bible, text):
    with pytest.raises(InputError):
        check_passage(text, bible)


def test_unknown_check_is_an_input_error(bible):
    with pytest.raises(InputError, match="bogus"):
        check_passage("Mara waits.", bible, checks=["bogus"])


def test_parse_script_text_fountain_and_fdx():
    s = parse_script_text("INT. LAB - NIGHT\n\nMara waits.\n")
    assert [sc.heading.location for sc in s.scenes] == ["LAB"] and s.source == "<text>"
    fdx = (
        '<?xml version="1.0"?><FinalDraft><Content>'
        '<Paragraph Type="Scene Heading"><Text>INT. LAB - NIGHT</Text></Paragraph>'
        '<Paragraph Type="Action"><Text>Mara waits.</Text></Paragraph></Content></FinalDraft>'
    )
    assert parse_script_text(fdx, "fdx").scenes[0].heading.time == "NIGHT"


def test_parse_script_text_errors():
    with pytest.raises(InputError, match="pdf"):
        parse_script_text("INT. LAB - DAY", "pdf")
    with pytest.raises(ParseError):
        parse_script_text("   ")


@pytest.mark.parametrize("name", ["MARA", "mara quinn", "  Mara   Quinn "])
def test_bible_lookup_character_by_name_or_alias(bible, name):
    d = bible_lookup(bible, name)
    assert d["kind"] == "character" and d["name"] == "MARA" and d["aliases"] == ["Mara Quinn"]
    assert d["attributes"]["hair"] == "red"
    assert d["wardrobe"][1] == {
        "item": "grey wool sweater", "scenes": "6-", "when": "scene 6 onwards",
        "notes": "changed into at the cottage after the storm soaks her; the oilskin dries by the stove",
    }
    paths = [f["path"] for f in d["facts"]]
    assert "characters.MARA.attributes.hair" in paths and "characters.MARA.wardrobe[0]" in paths
    assert all(p.startswith("characters.MARA.") for p in paths)  # not YOUNG MARA's


def test_bible_lookup_location_and_prop(bible):
    loc = bible_lookup(bible, "lighthouse -- lantern room")
    assert loc["kind"] == "location" and loc["attributes"]["door"] == "blue"
    assert "locations.LIGHTHOUSE - LANTERN ROOM.attributes.door" in [f["path"] for f in loc["facts"]]
    prop = bible_lookup(bible, "the compass")
    assert prop["kind"] == "prop" and prop["name"] == "brass compass"
    assert [f["path"] for f in prop["facts"]] == ["props.brass compass"]


def test_bible_lookup_location_lists_enclosing_places():
    from continuity.bible.load import parse_bible

    b = parse_bible("locations:\n  - name: LIGHTHOUSE\n  - name: LIGHTHOUSE - LANTERN ROOM\n")
    assert bible_lookup(b, "LIGHTHOUSE - LANTERN ROOM")["part_of"] == ["LIGHTHOUSE"]


def test_bible_lookup_unknown_name_lists_close_names(bible):
    with pytest.raises(InputError, match=r"'Marra'.*did you mean MARA"):
        bible_lookup(bible, "Marra")
    with pytest.raises(InputError, match="empty name"):
        bible_lookup(bible, "  ")
