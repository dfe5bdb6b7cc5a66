"""The style check: each rule of the bible's style section, on only when the bible asks."""

from __future__ import annotations

import pytest
from checkutil import audit_text
from conftest import EXAMPLE

from continuity.bible.load import parse_bible

RULES = """\
style:
  tense: present
  camera_directions: no
  heading_forms: ["INT. PLACE - TIME", "EXT. PLACE - TIME"]
"""


def _style(report):
    return [(f.extra and dict(f.extra)["rule"], f.severity, f.text) for f in report.findings if f.category == "style"]


def test_off_unless_the_bible_asks():
    body = "Int. kitchen - night\n\nWe see Mara. She walked in.\n"
    plain = audit_text(body, "style:\n  tone: grey\n")
    assert "style" not in plain.checks and _style(plain) == []
    asked = audit_text(body, RULES)
    assert "style" in asked.checks
    assert {r for r, _, _ in _style(asked)} == {"tense", "camera_directions", "heading_forms"}


def test_tense_flags_past_action_only():
    body = """
    INT. KITCHEN - NIGHT

    Mara walked to the window.

    Tom sits. He stares at the door.

    Pencilled inside the cover: a name.

    She says "it was never yours" and turns away.

    The kettle boils while the rain fell.

    TOM
    I was there.
    """
    found = _style(audit_text(body, RULES, ["style"]))
    assert found == [("tense", "warning", "Mara walked to the window.")]


def test_past_tense_scripts_can_ask_for_past():
    body = "INT. KITCHEN - NIGHT\n\nMara walked to the window.\n\nTom sits down.\n"
    found = _style(audit_text(body, "style:\n  tense: past\n", ["style"]))
    assert found == [("tense", "warning", "Tom sits down.")]


def test_camera_directions_when_not_allowed():
    body = """
    INT. KITCHEN - NIGHT

    We see Mara at the stove.

    CLOSE ON the brass compass.

    The camera slowly pans to the door.

    Mara sees the door open.

    CUT TO:

    EXT. PIER - DAY

    Gulls.
    """
    report = audit_text(body, RULES.replace('heading_forms: ["INT. PLACE - TIME", "EXT. PLACE - TIME"]', ""), ["style"])
    words = [dict(f.extra)["words"] for f in report.findings]
    assert words == ["We see", "CLOSE ON", "The camera slowly pans"]
    assert all("camera direction" in f.message and f.evidence[0].bible == "style.camera_directions"
               for f in report.findings)
    allowed = audit_text(body, "style:\n  camera_directions: yes\n", ["style"])
    assert allowed.findings == ()


@pytest.mark.parametrize("heading, ok", [
    ("INT. KITCHEN - NIGHT", True),
    ("INT. LIGHTHOUSE - LANTERN ROOM - DAY (FLASHBACK)", True),
    ("EXT. PIER - MOMENTS LATER", True),
    ("Int. kitchen - night", False),
    ("EXT. PIER", False),
    ("INT. KITCHEN - BANANA", False),
    ("INT./EXT. CAR - DAY", False),
])
def test_heading_forms(heading, ok):
    body = f"{heading}\n\nMara waits.\n"
    found = _style(audit_text(body, 'style:\n  heading_forms: ["INT. PLACE - TIME", "EXT. PLACE - TIME"]\n', ["style"]))
    assert (found == []) is ok
    if not ok:
        (f,) = audit_text(body, 'style:\n  heading_forms: ["INT. PLACE - TIME"]\n', ["style"]).findings
        assert heading in f.message and "'INT. PLACE - TIME'" in f.message and f.line == 1


def test_tone_outliers_are_info():
    sea = ["Rain lashes the grey sea against the black rocks.", "The grey sea heaves against the black rocks below.",
           "Black rocks and grey sea under the rain.", "The rain drives the grey sea onto the rocks.",
           "Grey rain on a grey sea, black rocks beneath.", "The sea breaks white on the black rocks in the rain.",
           "A grey sea under black rain batters the rocks.", "The rocks stand black against the grey sea and rain.",
           "Quarterly synergies leverage deliverables across stakeholder verticals.",
           "Rain on the rocks, and the grey sea beyond."]
    body = "EXT. CLIFF - NIGHT\n\n" + "\n\n".join(sea) + "\n"
    bible = "style:\n  tone: grey sea, black rocks, rain\n  tone_examples: [Rain lashes the grey sea.]\n  tone_check: yes\n"
    found = _style(audit_text(body, bible, ["style"]))
    assert found == [("tone", "info", sea[8])]
    assert _style(audit_text(body, bible.replace("tone_check: yes", "tone_check: no"), ["style"])) == []


def test_the_example_keeps_every_rule():
    """The bundled script is in the present tense, with no camera directions and standard headings."""
    from continuity.api import audit, load_script
    from continuity.settings import Settings

    text = (EXAMPLE / "bible.yaml").read_text() + RULES.replace("style:\n", "") + "  tone_check: yes\n"
    bible = parse_bible(text)
    assert bible.style.rules == ("tense", "camera_directions", "heading_forms", "tone")
    report = audit(load_script(EXAMPLE / "script.fountain"), bible, checks=["style"],
                   settings=Settings(embedder="hashing", cache=False))
    assert [f for f in report.findings if f.severity != "info"] == []


def test_bible_style_rules_are_validated_and_written_back():
    from continuity.bible.dump import dump_bible
    from continuity.errors import StudioError

    bible = parse_bible(RULES + "  tone_examples: [The sea, grey.]\n  tone_check: yes\n")
    assert bible.style.tense == "present" and bible.style.camera_directions is False
    assert parse_bible(dump_bible(bible)) == bible
    for bad, message in (("tense: future", "invalid tense"), ('heading_forms: ["INT. X"]', "has no PLACE"),
                         ("camera_directions: maybe", "expected yes or no")):
        with pytest.raises(StudioError, match=message):
            parse_bible(f"style:\n  {bad}\n")
