"""Readings blind set L's first run got wrong (its clean scripts drew 6 flags): each written as a script would."""

from __future__ import annotations

from checkutil import audit_text

from continuity.story.place_colours import paint_colour


def test_a_day_to_come_that_is_a_real_day_is_no_slip():
    text = """
    INT. YARD - DAY

    SUPER: Monday, 14 October 2024

    RUTH
    When's the delivery?

    DANNY
    Friday the twenty-fifth.
    """
    assert [f for f in audit_text(text, None, ["timeline"]).findings if "Friday" in f.message] == []
    wrong = text.replace("Friday the twenty-fifth", "Thursday the twenty-fifth")
    assert [f for f in audit_text(wrong, None, ["timeline"]).findings if "Thursday" in f.message]


def test_stubble_after_a_shave_grows_back():
    text = """
    INT. BATHROOM - DAY

    DANNY (29) shaves. The beard is gone.

    DANNY
    Better.

    INT. KITCHEN - DAY

    THREE DAYS LATER

    Danny eats toast, his chin already shadowed with new stubble.
    """
    assert [f for f in audit_text(text, None, ["appearance"]).findings if "beard" in f.message] == []


def test_the_hair_that_drops_when_he_takes_the_shears_is_hers():
    bible = """
    characters:
      RUTH:
        hair: auburn, long
        notes: she throws the pots
      DANNY:
        hair: dark, in a stub of ponytail
        notes: he fires the kiln
    """
    text = """
    INT. POTTERY - NIGHT

    RUTH (30s) sits on a stool. She waits. DANNY (29) stands behind her. He frowns. He sighs.

    RUTH
    Chin length. Straight across.

    He takes the shears. A long wet rope of auburn hair drops onto the bench.
    """
    assert [f for f in audit_text(text, bible, ["appearance"]).findings if "DANNY" in f.message] == []


def test_a_set_that_is_a_colour_now_was_painted():
    assert paint_colour("The gate is black now: two coats of gloss, still tacky.") == "black"


def test_a_day_of_the_month_then_its_weekday():
    def said(line: str) -> list[str]:
        text = f"""
        INT. KITCHEN - NIGHT

        SUPER: Monday, 14 October 2024

        RUTH
        {line}
        """
        return [f.message for f in audit_text(text, None, ["timeline"]).findings if "25 October" in f.message]
    assert said("They want it by the twenty-fifth. That's a week on Thursday, Mum.") == [
        "\"the twenty-fifth. That's a week on Thursday\" says Thursday, but 25 October 2024 is a Friday"]
    assert said("They want it by the twenty-fifth. That's a week on Friday, Mum.") == []


def test_the_old_colour_after_a_gate_is_black_now():
    text = """
    EXT. POTTERY - YARD - DAY

    The double gate, painted pillar-box red, rattles open.

    RUTH
    Morning.

    EXT. POTTERY - YARD - LATER

    The gate is black now: two coats of gloss, still tacky.

    EXT. POTTERY - YARD - NIGHT

    The red gate stands open.
    """
    found = [f.message for f in audit_text(text, None, ["location"]).findings]
    assert found == ["the gate is red here ('red gate'), but it was painted black in scene 2"]
    assert [f for f in audit_text(text.replace("The red gate", "The black gate"), None, ["location"]).findings] == []


def test_a_card_burnt_in_the_firebox_then_fished_out_of_a_pocket():
    text = """
    INT. COTTAGE - NIGHT

    Agnes opens the firebox of the Rayburn and drops the card in. It curls, blackens, and is gone.

    AGNES
    That's that.

    INT. COTTAGE - NEXT DAY

    Ruth fishes Lockwood's cream card out of her coat pocket and dials.
    """
    found = [f.message for f in audit_text(text, None, ["prop"]).findings]
    assert any("card is used here, but it was burnt" in m for m in found)
