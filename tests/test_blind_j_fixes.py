"""Readings blind set J's first run got wrong (its clean scripts drew 9 flags): each written as a script would."""

from __future__ import annotations

from checkutil import audit_text

from continuity.story.place_colours import paint_colour


def _night(line):
    text = f"""
    INT. DINER - DAY

    CODY waits.

    EXT. MOTEL - NIGHT

    {line}
    """
    return [f.message for f in audit_text(text, None, ["timeline"]).findings]


def test_a_neon_sun_is_a_sign():
    assert _night("The neon sun buzzes over the lot.") == []
    assert _night("The sun blazes over the lot.") != []


def test_a_coat_of_paint_after_a_can_of_paint():
    assert paint_colour("Walt stands with a can of paint and a brush, giving the turquoise door its first coat "
                         "of bright yellow.") == "yellow"


DOOR = """
    EXT. PRUITT PLACE - DAY

    The trailer door is painted a cheerful turquoise.

    WALT
    Howdy.

    EXT. PRUITT PLACE - DAY

    Walt stands with a can of paint and a brush, giving the turquoise door its first coat of bright yellow.

    EXT. PRUITT PLACE - NIGHT

    Walt sits on the step under his new yellow door, the paint still tacky.
    """


def test_a_door_painted_on_screen_is_its_new_colour_after():
    assert [f for f in audit_text(DOOR, None, ["location"]).findings] == []


LOSSES = """
    EXT. JUSTICE CENTER - DAY

    MARGO (50) opens a black folding umbrella. The wind takes it at once, turns it inside out, snaps two of its ribs.

    MARGO
    Great.

    She shoves the file box onto the passenger side and slams the door. The watch drops into the ash. She crouches,
    fishes it out, blows the soot off its black face.

    INT. COURT - DAY

    {line}
    """


def _uses(line):
    r = audit_text(LOSSES.format(line=line), None, ["prop"])
    return [f.line for f in r.findings if "used here" in f.message]


def test_the_wind_that_wrecks_an_umbrella_does_not_take_it_away():
    assert _uses("Margo shakes out the umbrella.") == []


def test_a_box_put_on_a_seat_and_a_watch_fished_out_are_still_had():
    assert _uses("Margo carries the file box in. She checks the watch.") == []


def test_a_thing_jammed_into_a_trash_can_is_gone_and_told_again_is_no_use():
    text = """
    EXT. STEPS - DAY

    MARGO (50) fights the wrecked umbrella, loses, and jams it into the trash can at the foot of the steps.

    MARGO
    Done.

    EXT. STEPS - NIGHT

    Margo stops by the trash can where she ditched her umbrella on Monday. It has been emptied.

    EXT. ALLEY - NIGHT

    Margo steps around a puddle, her umbrella tucked under her arm.
    """
    r = audit_text(text, None, ["prop"])
    assert [f.line for f in r.findings if "used here" in f.message] == [14]


def test_a_dictionary_word_that_opens_a_sentence_is_no_slip_of_a_name():
    text = """
    INT. COURT - DAY

    In the first row sits NANA ROSE FONTAINE (72), tiny and upright. Nana Rose gives a single nod.

    NANA ROSE
    Go on.

    Nana Rose folds her hands. Nana Rose waits. Nana Rose does not blink.

    The jury files back in. None of them looks at the defense table.
    """
    r = audit_text(text, "characters:\n  - name: Nana Rose Fontaine\n    age: 72\n", ["name", "address"])
    assert r.findings == ()


def test_hair_plastered_flat_in_the_rain_is_wet_and_warm_and_dry_after_it_is_a_slip():
    text = """
    EXT. STEPS - DUSK

    Sideways rain. By the time MARGO (50) turns around, her hair is plastered flat.

    MARGO
    Great.

    INT. MARGO'S CAR - CONTINUOUS

    Margo sits a moment, {state}, and listens to the rain drum on the roof.
    """
    r = audit_text(text.format(state="warm and dry"), None, ["appearance", "wardrobe"])
    assert [(f.line, f.character) for f in r.findings] == [(10, "MARGO")]
    assert audit_text(text.format(state="dripping and cold"), None, ["appearance", "wardrobe"]).findings == ()


def test_a_birth_date_told_of_the_one_talked_about():
    text = """
    INT. JAIL - DAY

    SUPER: Monday, October 20, 2025

    ELI (19) waits. He is thin, his hands folded on the table, his eyes down.

    ELI
    Tell her I'm fine.

    INT. KITCHEN - NIGHT

    Framed photos: Eli at five, at ten. NANA (72) sets down cake for MARGO (50).

    NANA
    Did the file tell you he was born March the third, {year}, in an ice storm?
    """
    bible = "characters:\n  - name: Eli\n    age: 19\n  - name: Nana\n    age: 72\n"
    r = audit_text(text.format(year=2003), bible, ["timeline"])
    assert [f.message for f in r.findings] == [
        "'he was born March the third, 2003' makes ELI 22, but the bible says '19'"]
    assert audit_text(text.format(year=2006), bible, ["timeline"]).findings == ()


def test_a_weekday_said_with_a_date_of_the_story_year():
    text = """
    INT. COURT - DAY

    SUPER: Monday, October 20, 2025

    HOLLOWAY (60) faces the jury.

    HOLLOWAY
    On {day} night, October fourth, at eleven-forty, Leon Pasko was at his post.
    """
    r = audit_text(text.format(day="Friday"), None, ["timeline"])
    assert [f.message for f in r.findings] == [
        "'Friday night, October fourth' says Friday, but 4 October 2025 is a Saturday"]
    assert audit_text(text.format(day="Saturday"), None, ["timeline"]).findings == ()


def test_the_old_colour_after_a_repaint_on_screen_is_a_slip():
    text = DOOR + """
    EXT. PRUITT PLACE - NIGHT

    Cody looks up at him, and at the turquoise door behind him.
    """
    r = audit_text(text, None, ["location"])
    assert [(f.line, f.message) for f in r.findings] == [
        (18, "the door is turquoise here ('turquoise door'), but it was painted yellow in scene 2")]
