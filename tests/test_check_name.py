from __future__ import annotations

from checkutil import audit_text

from continuity.checks.name import near_miss


def test_near_miss_rules():
    assert near_miss("MARRA", "MARA")
    assert not near_miss("YOUNG MARA", "MARA")
    assert not near_miss("GUARD 2", "GUARD 1")
    assert not near_miss("TOM", "TIM")  # first letters match but... distance 1 on 3 letters is allowed
    assert not near_miss("MARA", "MARA")


SCRIPT = """
INT. KITCHEN - DAY

MARA
One.

ELI
Two.

MARA
Three.

MARRA
Four.

MARA
Five.

JONAS
Six.
"""


def test_misspelt_cue_without_bible():
    r = audit_text(SCRIPT, None, ["name"])
    [f] = r.findings
    assert (f.line, f.severity, f.character, f.subject) == (12, "error", "MARA", "MARRA")


def test_with_bible_unknown_speakers_are_info():
    bible = """
    characters:
      - name: MARA
      - name: ELI
    """
    r = audit_text(SCRIPT, bible, ["name"])
    got = {(f.subject, f.severity) for f in r.findings}
    assert got == {("MARRA", "error"), ("JONAS", "info")}
    marra = next(f for f in r.findings if f.subject == "MARRA")
    assert marra.evidence[0].bible == "characters.MARA"


def test_a_plural_cue_is_not_a_misspelling():
    from continuity.checks.name import near_miss

    for many, one in (("NURSES", "NURSE"), ("GIRLS", "GIRL"), ("STUDENTS", "STUDENT"), ("POLICEMEN", "POLICEMAN"),
                      ("WITCHES", "WITCH")):
        assert not near_miss(many, one) and not near_miss(one, many)
    assert near_miss("HESTOR", "HESTER")
