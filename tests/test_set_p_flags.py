"""Readings set P's first run got wrong on its clean scripts (each a general reading, with the slip it still
catches): whose plait is cut, a door repainted from a tin of gloss, a colour of a trim, the bible's second thing
of a kind, a week give or take a day, and an order that opens with a name-like word."""

from __future__ import annotations

from checkutil import messages


def test_the_plait_another_cuts_is_the_one_the_scene_showed():
    bible = """
characters:
  NELL:
    age: 58
    hair: iron-grey, one long plait to the small of her back
    notes: She binds books.
  TEMI:
    age: 24
    hair: close-cropped natural black
    notes: She is the apprentice.
"""
    text = """
INT. BINDERY - DAY

NELL (58) leans over the press, and her long grey plait swings forward into the gap. TEMI (24) looks up.

Temi snatches the big board shears off their hook. Gets the blades around the plait an inch from the press. Squeezes.
"""
    assert messages(text, bible, ["appearance"], "TEMI") == []


_DOOR = """
EXT. CALDER WHARF - DAY

NELL (58) unlocks the duck-egg blue door.

EXT. CALDER WHARF - DAY

Bright and cold. Temi kneels at the duck-egg blue door with a scraper, old paint curling off in flakes. A tin of oxblood gloss open on the cobbles.

EXT. CALDER WHARF - DUSK

The door is finished: glossy oxblood from sill to lintel. Nell comes out of the oxblood door and locks it.
"""


def test_a_door_repainted_from_a_tin_of_gloss():
    assert messages(_DOOR, None, ["location"], "door") == []
    unpainted = _DOOR.replace(" A tin of oxblood gloss open on the cobbles.", "")
    assert messages(unpainted, None, ["location"], "door")


_HEADPHONES_BIBLE = """
props:
  sennheisers:
    what: Margo's old black Sennheiser headphones, LEFT earcup wrapped in red electrical tape
  thermos: Cal's plastic thermos with a cup lid; Walt has a separate battered steel thermos
"""


def test_a_colour_of_a_trim_and_the_bible_s_second_one():
    text = """
INT. STUDIO - DAY

JUNIE (16) in the host chair, Margo's red-taped Sennheisers on her head.

EXT. TOWER - DAY

WALT (70) unscrews the cup from his battered steel thermos.
"""
    assert messages(text, _HEADPHONES_BIBLE, ["prop"]) == []
    assert messages(text.replace("red-taped Sennheisers", "red Sennheisers"), _HEADPHONES_BIBLE, ["prop"],
                     "sennheisers")


_WEEK = """
INT. STUDIO - NIGHT

SUPER: Friday, January 12, 2024

MARGO (68) reads the weather.

INT. STUDIO - DAWN

SUPER: Saturday, 8:12 A.M.

Margo signs off.

INT. STUDIO - DAY

SUPER: ONE WEEK LATER

MARGO
What day is it?

JUNIE
Friday the nineteenth.
"""


def test_a_week_later_is_seven_days_give_or_take_one():
    assert messages(_WEEK, None, ["timeline"], "nineteenth") == []
    assert messages(_WEEK.replace("Friday the nineteenth", "Tuesday the twenty-third"), None, ["timeline"])


def test_an_order_is_no_name():
    bible = """
characters:
  CAL:
    age: 38
    notes: He drives the plough.
  MARGO:
    age: 68
    notes: She has the late show.
"""
    text = """
INT. STUDIO - DAY

MARGO (68) leans into the mic. CAL (38) listens.

MARGO
Stay in. Stay warm. Call your mother.
"""
    assert messages(text, bible, ["address"], "misspelling") == []
    assert messages(text.replace("Call your mother.", "Call leans on the desk."), bible, ["address"],
                     "misspelling of 'Cal'")


# --- set P's misses (development since its first run) ---------------------------------------------------------

_CAP = """
EXT. RIVER - NIGHT

CAL (38) goes through the ice. A beat. He surfaces, spluttering, soaked to the skin, his cap gone somewhere in the drift.

EXT. STATION - DAY

WALT (66) climbs down from the plough. Takes off his cap.

Cal digs. He pulls his cap down over his ears.
"""


_CAP_BIBLE = """
characters:
  CAL: {age: 38, notes: He drives the plough.}
  WALT: {age: 66, notes: He drove it before him.}
"""


def test_a_cap_gone_in_the_drift_and_another_man_s_cap():
    found = messages(_CAP, _CAP_BIBLE, ["prop"], "cap")
    assert len(found) == 1 and "lost" in found[0]
    assert messages(_CAP.replace(" He pulls his cap down over his ears.", ""), _CAP_BIBLE, ["prop"], "cap") == []


def test_hands_wrapped_around_a_shattered_mug():
    text = """
INT. STUDIO - NIGHT

MARGO (68) sets down her mug. The mug flies off the console and shatters on the floor.

INT. STUDIO - NIGHT

LATER

Margo wraps both gloved hands around her enamel mug and drinks.
"""
    assert messages(text, None, ["prop"], "destroyed")
    assert messages(text.replace("around her enamel mug", "around a paper cup"), None, ["prop"], "destroyed") == []


def test_skylights_full_of_sun_at_night():
    text = """
INT. BINDERY - NIGHT

NELL (58) works late. Rain has stopped. The skylights are full of sun.
"""
    assert messages(text, None, ["timeline"], "full of sun")
    assert messages(text.replace("full of sun", "full of stars"), None, ["timeline"]) == []


def test_glasses_on_one_who_never_wears_them():
    bible = """
characters:
  CAL:
    age: 38
    glasses: never
    notes: He drives the plough.
  NELL:
    age: 58
    glasses: steel half-moons on a beaded chain
    notes: She binds books.
"""
    text = """
INT. STUDIO - NIGHT

CAL (38) stamps snow off his boots. He wipes the melt from his glasses.

INT. BINDERY - DAY

NELL (58) pushes her glasses up her nose.
"""
    found = messages(text, bible, ["appearance"], "glasses")
    assert len(found) == 1 and found[0].startswith("CAL has glasses here")


def test_a_date_in_words_after_a_weekday():
    from continuity.story.time_words import date_in

    said = date_in("it's Friday, January twenty-sixth, it's one o'clock")
    assert (said.weekday, said.month, said.day) == (4, 1, 26)
    later = _WEEK.replace("JUNIE\nFriday the nineteenth.", "JUNIE\nIt's Friday, January twenty-sixth.")
    assert messages(later, None, ["timeline"], "twenty-sixth")


def test_a_blade_gone_grey_is_no_loss():
    text = """
INT. KITCHEN - DAY

PIP (30) unrolls a chef's knife, the blade gone grey-black with age.

INT. KITCHEN - NIGHT

He quenches the blade in a bain-marie of water.
"""
    assert messages(text, None, ["prop"], "lost") == []


def test_a_scarred_hand_and_a_mark_named_after_its_part():
    bible = """
characters:
  NELL:
    age: 58
    marks: thin white scar across the back of the LEFT hand
    notes: She binds books.
  MARGO:
    age: 68
    tattoo: small lightning bolt behind the RIGHT ear
    notes: She has the late show.
"""
    text = """
INT. BINDERY - DAY

NELL (58) turns the bone folder over in her scarred left hand.

INT. STUDIO - NIGHT

MARGO (68) tucks her hair behind her right ear, the little lightning bolt showing.
"""
    assert messages(text, bible, ["appearance"]) == []
    wrong = text.replace("scarred left hand", "scarred right hand").replace("behind her right ear",
                                                                              "behind her left ear")
    found = messages(wrong, bible, ["appearance"])
    assert any("NELL's scar" in f for f in found) and any("MARGO's tattoo" in f for f in found)


def test_a_word_gate_answers_as_its_alternation_does():
    import re

    from continuity.language.lexicon import WordGate

    words = ["coat", "trench coat", "clean-shaven", "sou'wester", "cap"]
    rx = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")\b", re.IGNORECASE)
    gate = WordGate(words)
    for text in ["His COAT is wet.", "a trench  coat", "A trench coat.", "clean-shaven", "clean shaven", "coats",
                 "the sou'wester", "capital", "a cap.", "overcoat", "peacoat, grey", ""]:
        assert gate(text) == (rx.search(text) is not None), text
