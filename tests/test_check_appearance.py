from __future__ import annotations

from checkutil import audit_text, where

BIBLE = """
characters:
  - name: MARA
    aliases: [Mara Quinn]
    attributes: {hair: red, eyes: green}
"""


def test_conflict_with_bible_is_an_error_with_bible_evidence():
    r = audit_text(
        """
        INT. KITCHEN - DAY

        Mara pushes her blonde hair out of her eyes.
        """,
        BIBLE,
        ["appearance"],
    )
    [f] = r.findings
    assert (f.scene, f.line, f.severity, f.character) == (1, 3, "error", "MARA")
    assert f.evidence[0].bible == "characters.MARA.attributes.hair"


def test_synonym_is_not_a_conflict():
    r = audit_text("INT. KITCHEN - DAY\n\nMara ties back her auburn hair.\n", BIBLE, ["appearance"])
    assert r.findings == ()


def test_conflict_across_scenes_without_bible():
    r = audit_text(
        """
        INT. DOCK - DAY

        ELI VANCE (60s), grey beard, pale blue eyes, coils a rope.

        ELI
        Tide's turning.

        INT. KITCHEN - NIGHT

        Eli's brown eyes narrow.
        """,
        None,
        ["appearance"],
    )
    [f] = r.findings
    assert (f.scene, f.line, f.severity) == (2, 10, "warning")
    assert f.evidence[0].line == 3 and f.evidence[0].scene == 1


def test_flashback_ages_and_announced_changes_are_not_errors():
    r = audit_text(
        """
        INT. HOUSE - DAY

        MARA (30s), red hair, sits alone.

        MARA
        Quiet.

        INT. HOUSE - FLASHBACK - DAY

        Mara, 9, blonde hair in braids, runs past.

        INT. HOUSE - NIGHT

        Mara's hair, now dyed blonde, is wet.
        """,
        None,
        ["appearance"],
    )
    assert where(r, severity="error") == [] and where(r, severity="warning") == []
    # the dye job on screen is the new canon: nothing to report (issue 19's traps)
    assert list(r.findings) == []


def test_pronoun_resolves_to_matching_gender():
    r = audit_text(
        """
        INT. HOUSE - DAY

        MARA (30s), red hair, wiry. She waits for TOM (20s).

        TOM
        Hello.

        MARA
        Hi.

        Tom walks in. He shakes his head. He sits. His hands shake.

        Mara looks at Tom. She rubs her blonde hair.
        """,
        None,
        ["appearance"],
    )
    assert [(f.character, f.line) for f in r.findings] == [("MARA", 13)]


def test_value_of_someone_else_introduced_in_the_sentence_is_not_ours():
    # Big Fish: "Josephine spots a stunning ASIAN WOMAN (50)" is not Josephine's age;
    # and "WOMAN" from a cue like TELLER WOMAN is not a name.
    r = audit_text(
        """
        INT. HOUSE - DAY

        His wife JOSEPHINE (28) pushes past him.

        JOSEPHINE
        Phone.

        TELLER WOMAN
        Next.

        INT. HOUSE - DAY

        Josephine spots a stunning ASIAN WOMAN (50) behind them. Josephine waves at a woman, 60s.
        """,
        None,
        ["appearance"],
    )
    assert r.findings == ()


def test_value_before_a_capitalised_introduction_belongs_to_it():
    r = audit_text(
        """
        EXT. SWAMP - NIGHT

        Red-headed ZACKY PRICE is 10.

        ZACKY
        Run!

        Zacky pushes his blonde hair out of his eyes.
        """,
        None,
        ["appearance"],
    )
    assert [(f.character, f.line, f.severity) for f in r.findings] == [("ZACKY", 8, "warning")]
