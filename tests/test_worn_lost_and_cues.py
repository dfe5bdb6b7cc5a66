"""More general readings from the blind sets' misses, each with its clean twin: windows gone black, bare glasses
after a comma, a cover name beside the real one, a lost cap worn again, and looks named by story days."""

from __future__ import annotations

from checkutil import audit_text, messages

from continuity.checks.wardrobe import look_days


def test_skylights_gone_black_are_night_in_a_day_scene():
    text = """
INT. BINDERY - DAY

NELL (58) folds the letter back along its own creases, exactly.

INT. BINDERY - MOMENTS LATER

The skylights are {} squares now. One lamp. The stove is roaring.
"""
    [f] = audit_text(text.format("black"), None, ["timeline"]).findings
    # on the light, citing the transition that says no time has passed and the scene it follows
    assert f.line == 7 and "MOMENTS LATER" in f.message and "skylights are black" in f.message
    assert f.evidence[0].line == 5 and f.evidence[1].scene == 1
    assert messages(text.format("grey"), None, ["timeline"], "skylights") == []


_GLASSES_BIBLE = """
characters:
  nell:
    age: 58
    notes: She binds books.
    glasses: steel half-moon reading glasses on a beaded chain
  temi:
    age: 24
    notes: She is the apprentice.
    glasses: none
"""


def test_bare_glasses_after_a_comma_are_the_subjects():
    text = """
INT. BINDERY - NIGHT

NELL (58) opens the sheet under the lamp. TEMI (24) fetches the tins.

{} bends close, glasses almost on the paper.
"""
    assert messages(text.format("Temi"), _GLASSES_BIBLE, ["appearance"], "TEMI has glasses")
    assert messages(text.format("Nell"), _GLASSES_BIBLE, ["appearance"], "glasses") == []


def test_the_real_name_wins_over_a_cover_name_that_also_speaks():
    bible = """
characters:
  nell:
    age: 58
    notes: She binds books.
  giles_penrose:
    alias: Peter Ashdown (gives this name in sc.1; cue ASHDOWN until unmasked)
    age: 46
    eyes: pale blue
    facial_hair: clean-shaven, always
"""
    text = """
INT. BINDERY - DAY

NELL (58) at the bench. A MAN steps in, pale blue eyes, clean-shaven to a shine.

ASHDOWN
Peter Ashdown. I have a ledger.

INT. BINDERY - DAY

NELL
I know.

GILES
So why show me?

Giles runs a hand over his {} and looks at the water a long time.
"""
    assert messages(text.format("beard"), bible, ["appearance"], "GILES has a beard")
    assert messages(text.format("face"), bible, ["appearance"], "GILES") == []


_CAP = """
EXT. WTMK - GENERATOR SHED - NIGHT

CAL (38), shaved head under an orange knit hunter's cap, wades into the drift.

A beat. He surfaces, spluttering, soaked to the skin, his cap gone somewhere in the drift.

INT. WTMK - LOBBY - NIGHT

Cal towels his head by the radiator.

EXT. WTMK - FRONT DOOR - DAY

{}
"""


def test_a_cap_lost_in_the_drift_is_not_worn_again():
    found = messages(_CAP.format("Cal digs out the front door. Cal in his orange hunter's cap, ears scarlet."),
                      None, ["prop"], "cap")
    assert len(found) == 1 and "lost in scene 1" in found[0]


def test_a_new_cap_or_another_mans_is_not_the_lost_one():
    assert messages(_CAP.format("Cal pulls on a new orange cap from the lost-and-found box. Cal in his orange cap, "
                                 "ears scarlet."), None, ["prop"], "cap") == []
    assert messages(_CAP.format("WALT (66) in his black Tigers cap stamps his boots."), None, ["prop"], "cap") == []


def test_a_look_named_by_story_days():
    assert look_days("days_1_to_3") == (1, 3)
    assert look_days("from_day_4") == (4, None)
    assert look_days("until day 5") == (1, 5)
    assert look_days("day_4_on") == (4, None)
    assert look_days("for church") is None


_TOMAS = """
characters:
  Tomas Reyes:
    age: 27
    notes: He digs.
    costume:
      days_1_to_3: grey T-shirt, red bandana at the throat
      from_day_4: black T-shirt (grey one ruined with mud), red bandana
"""


def test_a_look_of_earlier_days_does_not_sanction_a_later_day():
    text = """
EXT. BASE CAMP - DAY

TOMAS (27) in his grey T-shirt digs.

TOMAS
Another bone.

EXT. BASE CAMP - DAY

SUPER: THREE DAYS LATER

Tomas wipes his face on the hem of his {} T-shirt.
"""
    assert messages(text.format("grey"), _TOMAS, ["wardrobe"], "TOMAS")
    assert messages(text.format("black"), _TOMAS, ["wardrobe"], "TOMAS") == []
