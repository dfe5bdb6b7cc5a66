"""Hair put up says it is long; a beard half gone under the razor is being shaved off."""

from __future__ import annotations

from checkutil import messages

CUT = """
INT. KITCHEN - DAY

TEO (19) sits still. PIP (14) takes the kitchen scissors to his long black curls. They fall to the floor. What is left is a rough short crop.

TEO
Well?

INT. BOAT - NIGHT

Teo sits on the step by the stove, {hair}, his hands in his lap.

TEO
Cold.
"""


def test_curls_knotted_at_the_crown_after_a_haircut_are_flagged():
    found = messages(CUT.format(hair="curls knotted at his crown"), None, ["appearance"], "long")
    assert found and "TEO's hair is long here" in found[0]
    assert messages(CUT.format(hair="curls cropped close"), None, ["appearance"]) == []


SHAVE = """
INT. WASHROOM - DAY

CAL (30) stands at the sink, a full red beard, razor in hand. Half of the red beard is already gone in pale stripes.

CAL
Done soon.

EXT. GATE - DUSK

Cal waits by the gatepost, {face}.

CAL
Evening.
"""


def test_a_beard_half_gone_under_the_razor_is_gone_for_good():
    found = messages(SHAVE.format(face="tugging at his red beard"), None, ["appearance"], "beard")
    assert found and "CAL has a beard here" in found[0]
    assert messages(SHAVE.format(face="rubbing his bare jaw"), None, ["appearance"]) == []


def test_a_beard_half_gone_to_fire_is_still_a_beard():
    burnt = SHAVE.replace("razor in hand. Half of the red beard is already gone in pale stripes.",
                          "his face black with soot. Half of the red beard is gone, singed away.")
    assert messages(burnt.format(face="tugging at his red beard"), None, ["appearance"]) == []
