"""Names spelt another way but said the same: DOTTIE for DOTTY, Malone for Mallon, ROS for ROZ."""

from __future__ import annotations

from checkutil import audit_text

from continuity.language.names import near_miss, sounds_alike


def test_sounds_alike_spellings_are_near_misses():
    assert near_miss("DOTTIE", "DOTTY") and near_miss("MALONE", "MALLON")
    assert sounds_alike("ROS", "ROZ")
    assert not near_miss("JANE", "JAN") and not near_miss("ROSE", "ROS")


SCRIPT = """
    INT. SALON - DAY

    DOTTY (60) and ROZ (80) sit under the dryers.

    DOTTY
    Hold still.

    ROZ
    I am still.

    DOTTY
    You're not.

    ROZ
    Fine.

    DOTTY
    Better.

    ROZ
    Terry Mallon called.

    INT. SALON - LATER

    {cue}
    Done.

    ROZ
    {line}
    """


def test_a_cue_said_the_same_as_a_known_one_is_a_slip():
    found = [f.message for f in audit_text(SCRIPT.format(cue="DOTTIE", line="Thanks."), None, ["name"]).findings]
    assert "character cue 'DOTTIE' looks like a misspelling of 'DOTTY'" in found


def test_a_three_letter_cue_said_the_same():
    found = [f.message for f in audit_text(SCRIPT.format(cue="DOTTY", line="Thanks.").replace(
        "    ROZ\n    Thanks.", "    ROS\n    Thanks."), None, ["name"]).findings]
    assert "character cue 'ROS' looks like a misspelling of 'ROZ'" in found


def test_a_surname_in_dialogue_said_the_same():
    bible = "characters:\n  - name: Terry Mallon\n  - name: Dotty\n  - name: Roz\n"
    r = audit_text(SCRIPT.format(cue="DOTTY", line="A lovely night with Terry Malone."), bible, ["name", "address"])
    assert [f.line for f in r.findings if "'Malone'" in f.message] == [29]
    r = audit_text(SCRIPT.format(cue="DOTTY", line="A lovely night with Terry Mallon."), bible, ["name", "address"])
    assert not [f for f in r.findings if "Mallon" in f.message]
