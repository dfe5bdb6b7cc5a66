"""Ages told by birth years and birthdays, a flashback's age against a year the script names twice, bible
calendars dated in their row labels, and a dated super that a stated jump cannot reach."""

from __future__ import annotations

from checkutil import audit_text

from continuity.bible.sections import day_table, scene_numbers

BIBLE = """
calendar:
  - day: 1
    date: Thursday, October 20, 1988
  - day: 2
    date: Friday, October 21, 1988
characters:
  - name: Eva
    age: 24
  - name: Vlk
    age: 50
  - name: Tomasz
    age: 31
  - name: Roz
    born: June 9, 1938, Mandeville
"""

SCRIPT = """
    INT. GREY HOUSE - DAY

    EVA (24) sits on a hard chair. VLK (50) reads from a file. TOMASZ (31) waits by the door.

    VLK
    {vlk}

    TOMASZ
    {tomasz}
    """


def _ages(vlk="Sit down.", tomasz="No."):
    r = audit_text(SCRIPT.format(vlk=vlk, tomasz=tomasz), BIBLE, ["timeline"])
    return [(f.line, f.message) for f in r.findings]


def test_a_birth_year_read_from_a_file_is_the_age_of_the_one_named_before_it():
    assert _ages(vlk="Eva Hruba. Born 1961, in Trnava. Tram conductor.") == [
        (6, "'Born 1961' makes EVA 27, but the bible says '24'")]
    assert _ages(vlk="Eva Hruba. Born 1964, in Trnava. Tram conductor.") == []


def test_the_year_i_was_born():
    assert _ages(tomasz="He quit the piano in 1960. The year I was born.") == [
        (9, "'1960. The year I was born' makes TOMASZ 28, but the bible says '31'")]
    assert _ages(tomasz="I was born in 1957, in Wroclaw.") == []


def test_a_birthday_wish_gives_the_age_turned():
    bible = BIBLE.replace("1988", "2024")
    text = SCRIPT.format(vlk="Happy ninetieth, Roz.", tomasz="No.").replace("TOMASZ (31) waits", "ROZ waits")
    r = audit_text(text, bible, ["timeline"])
    assert [(f.line, f.message) for f in r.findings] == [
        (6, "'Happy ninetieth, Roz' makes ROZ 90, but the bible says 'born June 9, 1938'")]
    r = audit_text(text.replace("ninetieth", "eighty-sixth"), bible, ["timeline"])
    assert r.findings == ()


FLASHBACK = """
    INT. THEATRE - DAY

    SUPER: Monday, March 3, 2025

    TOBIAS (61) sits in the stalls.

    TOBIAS
    {said}

    INT. THEATRE - NIGHT (FLASHBACK)

    SUPER: October 1995

    YOUNG TOBIAS (27) sits on the lip of the stage.

    YOUNG TOBIAS
    Again.
    """


def test_a_flashback_year_the_script_names_elsewhere_holds_and_the_age_is_the_slip():
    r = audit_text(FLASHBACK.format(said="1995. I'd have killed for a chance."), None, ["timeline"])
    assert [(f.line, f.message) for f in r.findings] == [
        (14, "YOUNG TOBIAS is 27 here, in 1995, but TOBIAS at 61 in 2025 (scene 1) makes TOBIAS 31 in 1995")]
    r = audit_text(FLASHBACK.format(said="Again."), None, ["timeline"])
    assert [f.line for f in r.findings] == [12]  # the year alone: the super is what dates it


def test_a_days_table_dated_in_its_labels_and_numbered_by_bare_numbers():
    _, dates, _ = day_table({"Day 1 - Thursday, June 6": {"scenes": "1-7"},
                             "Three weeks later - Sunday, June 30": {"scenes": 8}}, 2024)
    assert dates == {"D1": "2024-06-06", "D25": "2024-06-30"}
    # "day: 1" whose scenes mention a flashback is day 1, not a flashback
    table, dates, _ = day_table([{"day": 1, "date": "Monday, October 14, 2024",
                                  "scenes": "Hotel arrival, Room 414, Practice Room 3, flashback, bridge"}])
    assert dates == {"D1": "2024-10-14"} and table == {}


def test_numbers_in_place_names_are_not_scenes():
    assert scene_numbers("Hotel arrival, Room 414, Practice Room 3") == []
    assert scene_numbers("scenes 3-5, Room 9") == ["3", "4", "5"]


JUMP = """
    EXT. PIER - DUSK

    SUPER: Sunday, June 9, 2024

    June scatters the ashes.

    JUNE
    Bye, Grandma.

    CUT TO:

    THREE WEEKS LATER

    INT. CONDO - DAY

    SUPER: {date}

    June arranges daisies.
    """


def test_a_dated_super_after_a_stated_jump_must_be_where_the_jump_lands():
    r = audit_text(JUMP.format(date="Sunday, June 23"), None, ["timeline"])
    assert [(f.line, f.message) for f in r.findings] == [
        (16, "'Sunday, June 23' says Sunday 23 June, but 'THREE WEEKS LATER' after Sunday 9 June (scene 1) makes it "
             "Sunday 30 June")]
    assert audit_text(JUMP.format(date="Sunday, June 30"), None, ["timeline"]).findings == ()
