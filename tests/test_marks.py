"""Sides of marks and things worn on one side, read where the phrase alone does not say them: a mark shown
on a part whose side the sentence gives, a mark called by what it shows, a ring on a finger of a hand, a
possessive that means the one who has the cut, and a dressing laid on someone else."""

from __future__ import annotations

import textwrap

from checkutil import audit_text

from continuity.api import parse_script_text
from continuity.story.context import context_for
from continuity.story.people import People


def _lines(r):
    return [f.line for f in r.findings if f.category == "appearance"]


SCAR = """
    INT. HUT - NIGHT

    DANA (40) has a long ropy scar on her left forearm.

    INT. HUT - LATER

    Dana pushes up her {side} sleeve. The scar runs from wrist to elbow, pink and ropy.
    """


def test_a_sleeve_pushed_up_to_show_the_scar_puts_the_scar_on_that_arm():
    r = audit_text(SCAR.format(side="right"), None, ["appearance"])
    assert _lines(r) == [7]
    assert "right arm" in r.findings[0].message and "her right sleeve. The scar" in r.findings[0].message


def test_the_same_sleeve_is_no_finding():
    assert _lines(audit_text(SCAR.format(side="left"), None, ["appearance"])) == []


RING = """
    INT. OFFICE - DAY

    HALE (52) sits at the desk. On the little finger of his right hand sits a heavy gold signet ring.

    INT. HALL - NIGHT

    Marcus hands Hale the envelope. Hale takes it with his {side} hand, the onyx signet ring flashing.
    """


def test_a_ring_flashing_on_the_hand_that_takes_it_is_on_that_hand():
    r = audit_text(RING.format(side="left"), None, ["appearance"])
    assert _lines(r) == [7]
    assert "'his left hand, the onyx signet ring'" in r.findings[0].message


def test_a_ring_on_the_same_hand_is_no_finding():
    assert _lines(audit_text(RING.format(side="right"), None, ["appearance"])) == []


def test_an_unknown_ring_is_placed_on_no_one():
    text = RING.replace("On the little finger of his right hand sits a heavy gold signet ring.", "")
    assert _lines(audit_text(text.format(side="left"), None, ["appearance"])) == []


CLEF = """
    INT. LOBBY - DAY

    FELIX (28) runs a finger down a list.

    INT. PRACTICE ROOM - NIGHT

    He rolls up his sleeves; the treble clef flexes on his {side} forearm.
    """

CLEF_BIBLE = """
characters:
  felix:
    name: Felix
    marks:
      - treble clef tattoo, RIGHT forearm, slightly blurred
"""


def test_a_tattoo_called_by_what_it_shows_in_a_bible_list_keeps_its_side():
    r = audit_text(CLEF.format(side="left"), CLEF_BIBLE, ["appearance"])
    assert _lines(r) == [7]
    assert "tattoo" in r.findings[0].message
    assert _lines(audit_text(CLEF.format(side="right"), CLEF_BIBLE, ["appearance"])) == []


CUT = """
    INT. GYM - DAY

    FRANKIE (24) reels away. Blood sheets from a split over his left eyebrow.

    WALT (60) grabs his chin.

    FRANKIE
    Nothing.

    He closes the cut and lays a square of white tape over the left eyebrow.

    INT. ARENA - NIGHT

    BRENNAN (30) traps him on the ropes and lands a right hand that Frankie feels in his teeth. The cut over his {side} eye opens again.
    """


def test_his_cut_is_the_one_of_the_two_men_who_has_a_cut_there():
    r = audit_text(CUT.format(side="right"), None, ["appearance"])
    assert _lines(r) == [14]
    assert r.findings[0].message.startswith("FRANKIE's")


def test_the_cut_on_the_same_side_is_no_finding():
    assert _lines(audit_text(CUT.format(side="left"), None, ["appearance"])) == []


def test_a_dressing_laid_over_the_left_eyebrow_is_on_the_one_he_tends():
    ctx = context_for(parse_script_text(textwrap.dedent(CUT.format(side="left")).lstrip("\n")), None)
    found = {(st.sentence.line, st.character, st.key, st.value) for st in People.of(ctx).statements}
    assert (10, "FRANKIE", "side.injury.eye", "left") in found
    assert not any(who == "WALT" for _, who, key, _ in found if key.startswith("side."))
