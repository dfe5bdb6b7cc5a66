"""Readings found missing or wrong on blind set K and the development sets: each written as a script would."""

from __future__ import annotations

from checkutil import audit_text

from continuity.language import traits as tr
from continuity.language.names import misspelling_of, near_miss
from continuity.language.parse import Parser


def _read(text):
    return [(t.key, t.value) for t in tr.read(Parser().parse(text))]


def test_a_doubled_final_s_is_a_slip_not_a_plural():
    assert near_miss("AGNESS", "AGNES") and misspelling_of("Agness", ["Agnes"]) == "Agnes"
    assert not near_miss("NURSES", "NURSE") and misspelling_of("Nells", ["Nell"]) is None


def _night(line):
    text = f"""
    INT. HALL - DAY

    ROSA waits.

    EXT. HOUSE - NIGHT

    {line}
    """
    return [f.message for f in audit_text(text, None, ["timeline"]).findings]


def test_a_late_afternoon_sun_is_a_time_of_day_not_a_compound_name():
    assert _night("The late-afternoon sun glares off the greystone.") != []
    assert _night("A sun-bleached sign creaks.") == []


def test_states_set_off_after_a_named_subject_and_in_an_absolute_phrase():
    assert ("state.clothes.wet", "dry") in _read("Rosa sits on the workbench, dry and clean, her leggings rolled up.")
    assert _read("The road, wet and black, shines.") == []
    assert ("state.clothes.wet", "dry") in _read("Rosa comes out at a run, helmet still on, hoodie dry and ponytail neat.")


def test_hair_dark_with_rain_is_wet_not_dark():
    assert not any(k == "hair.colour" for k, _ in _read("Her plait is dark with rain."))


def test_knuckles_split_open_bleed_and_water_wets():
    assert ("state.hand.stain", "stained") in _read("The knuckles are split open and bleeding.")
    assert ("state.clothes.wet", "wet") in _read("Tess grabs June's wrist and pulls her in fully clothed.")
    assert ("state.clothes.wet", "wet") in _read("June treads water.")
    assert _read("He pulls her in for a hug.") == []


SET = """
    INT. COTTAGE - KITCHEN - DAY

    NELL sits at the table.

    NELL
    Tea.

    INT. COTTAGE - KITCHEN - NIGHT

    {line}
    """

SET_BIBLE = """
locations:
  Cottage kitchen:
    dressing: low ceiling, CREAM Rayburn stove in the chimney breast, HOT-PINK neon sign reading HUSTLE
"""


def _set(line):
    return [f.line for f in audit_text(SET.format(line=line), SET_BIBLE, ["location"]).findings]


def test_a_set_thing_named_by_its_maker_or_its_kind():
    assert _set("The black Rayburn roars, its door open.") == [10]
    assert _set("The cream Rayburn ticks.") == []
    assert _set("Only the buzz of the green neon and the hiss of the radio.") == [10]
    assert _set("The pink neon buzzes.") == []


def test_a_bible_aside_about_a_photograph_is_not_canon():
    text = """
    INT. SHOP - DAY

    GORDIE (70) polishes a lock, his white walrus moustache twitching.

    GORDIE
    Closed.
    """
    bible = """
characters:
  - name: Gordie
    hair: bald; white walrus moustache (brown in the 1974 Polaroid)
"""
    assert audit_text(text, bible, ["appearance"]).findings == ()


def test_a_painted_steel_thing_is_the_colour_the_bible_paints_it():
    text = """
    EXT. RIVERWALK - DAY

    ROSA rides Big Red, mint frame and black front wheel, down the ramp.

    ROSA
    Move!
    """
    bible = """
props:
  - name: Big Red
    look: steel fixed-gear bicycle, MINT-GREEN frame (repainted; originally red)
"""
    assert audit_text(text, bible, ["prop"]).findings == ()


def test_wiping_ones_hands_does_not_clean_the_shirt():
    text = """
    INT. BAR - DAY

    JOAQUIM (40) holds the wound closed, and the whole front of his white shirt is soaked red with it.

    JOAQUIM
    Hold still.

    EXT. ALLEY - CONTINUOUS

    Joaquim wipes his hands on his trousers and tucks in his white shirt, not a mark on it anywhere.
    """
    r = audit_text(text, None, ["wardrobe", "appearance"])
    assert [f.line for f in r.findings] == [10]


def test_a_box_of_another_wood_is_not_the_walnut_one():
    text = """
    EXT. STREET - DAY

    ROSA checks the bag. The {wood} box is still inside.

    ROSA
    Fine.
    """
    bible = """
props:
  walnut_box:
    look: walnut box the size of a shoebox, brass corners, initials H.W. inlaid in pale maple on the lid
"""
    assert [f.line for f in audit_text(text.format(wood="mahogany"), bible, ["prop"]).findings] == [3]
    assert audit_text(text.format(wood="walnut"), bible, ["prop"]).findings == ()


def test_a_paragraph_that_opens_with_she_is_about_the_one_the_scene_is_about():
    text = """
    EXT. ALLEY - DAY

    ROSA (29), in an orange hi-vis vest over a black hoodie, wheels her bike down the alley.

    ROSA
    Morning.

    She's back on the bike now, in the {colour} hi-vis vest, helmet on.
    """
    bible = """
characters:
  - name: Rosa
    costume: orange hi-vis vest over a black hoodie
"""
    r = audit_text(text.format(colour="yellow"), bible, ["wardrobe"])
    assert [(f.line, f.character) for f in r.findings] == [(8, "ROSA")]
    assert audit_text(text.format(colour="orange"), bible, ["wardrobe"]).findings == ()


AGES = """
    INT. KITCHEN - DAY

    TOMAS (60) shaves at the sink. NELL (30) comes down.

    NELL
    Isla's hair.

    TOMAS
    {line}
    """

AGES_BIBLE = """
characters:
  - name: Isla
    age: 16
  - name: Tomas
    age: 60
"""


def _ages(line):
    return [f.message for f in audit_text(AGES.format(line=line), AGES_BIBLE, ["timeline"]).findings]


def test_she_is_the_one_talked_about_who_is_not_there():
    assert _ages("She's fifteen. She does what she likes.") == [
        "\"She's fifteen\" makes ISLA 15, but the bible says '16'"]
    assert _ages("She's sixteen. She does what she likes.") == []
    assert _ages("She's seventeen now, you know.") == []  # a birthday may have passed


def test_an_answer_to_how_old_you_are():
    text = AGES.replace("Isla's hair.", "Can I ask how old you are, or is that a crime?")
    r = audit_text(text.format(line="Fifty-two. Fifty-three in August."), AGES_BIBLE, ["timeline"])
    assert [f.message for f in r.findings] == ["'Fifty-two' makes TOMAS 52, but the bible says '60'"]


def test_a_lost_thing_the_parse_names_by_its_first_word():
    text = """
    EXT. MILL RACE - DAY

    NELL (30) clips her lapel mic to the lip of the channel. The water takes it and it is gone.

    NELL
    No!

    INT. MILL - NIGHT

    Nell clips her little black lapel mic to the door frame and catches the brush.
    """
    bible = """
props:
  lapel_mic:
    look: tiny black lapel mic on a long lead
    status: LOST in the mill race (scene 1); never seen again
"""
    r = audit_text(text, bible, ["prop"])
    assert [f.line for f in r.findings] == [10]
