"""Set T's first-run false alarms, made general (T is a development set from here on), each with its slip twin."""

from __future__ import annotations

from checkutil import messages


def test_a_two_digit_year_said_in_a_past_story_is_the_last_one_before_it():
    bible = """
characters:
  - name: Hollis
    born: 1926-08-11
    age: 72
story_days:
  - day: 1
    date: 1998-09-10
    scenes: [1]
"""
    script = """
INT. SHOP - DAY

SUPER: September 10, 1998.

HOLLIS
Abe put that on me in San Diego, spring of forty-four. I was {age} and lying about it.
"""
    assert messages(script.format(age="seventeen"), bible, ["timeline"], "birth") == []
    found = messages(script.format(age="twenty-nine"), bible, ["timeline"], "birth")
    assert found and "1915" in found[0]


def test_a_frame_stamped_with_initials_is_not_stamped_flat():
    script = """
INT. SHOP - NIGHT

Abe holds up a brass-framed coil machine. The frame is stamped A.M. on one side.

ROZ
It's beautiful.

INT. SHOP - LATER

Roz lifts the machine. The A.M. on the frame catches the light.

ROZ
Still works.
"""
    assert messages(script, "", ["prop"]) == []


BIBLE_SIGN = """
props:
  neon_sign:
    what: ANCHOR & ROSE in pink neon script over the door
    story: torn down and shattered in scene 1
  flash_sheet:
    what: hand-painted sheet of swallows on yellowed card
    story: frame falls and the glass smashes in scene 1; Roz saves the card
  zippo:
    what: BRASS Zippo
    chain_of_custody:
      - "scene 1: Ezra drops it in the floodwater; lost"
      - "scene 2: Odile digs it out of the silt and gives it back to Ezra"
"""


def test_a_new_sign_where_the_old_one_hung_is_not_the_old_one():
    script = """
EXT. SHOP - NIGHT

The wind tears the neon sign down. It shatters in the street. The flash sheet's frame falls; the glass bursts.

INT. SHOP - DAY

Juno hangs a new sign where the neon used to be.

It's a plank of wood painted navy blue.

Roz rehangs the flash sheet in a new frame. Odile holds up the brass Zippo and gives it to Ezra.

EZRA
Thanks.
"""
    assert messages(script, BIBLE_SIGN, ["prop"]) == []
    # the slip twin: the old sign itself, whole again
    slip = script.replace("Juno hangs a new sign where the neon used to be.", "The neon sign buzzes pink over the door.")
    assert messages(slip, BIBLE_SIGN, ["prop"], "neon sign")


def test_a_surname_two_characters_share_with_a_title_is_the_one_of_that_sex():
    bible = """
characters:
  - name: Iris Keane
    age: 58
  - name: Young Iris
    age: 19
  - name: Alfred Keane
    age: 50
"""
    script = """
INT. BATHS - DAY

IRIS KEANE (58) blows her whistle. She waves the lads out.

EXT. BEACH - DAY - 1948

YOUNG IRIS (19) runs into the sea. ALFRED KEANE (50) holds the stopwatch. He clicks it.

INT. BARBER - DAY

TOM
Mrs. Keane's doing a petition.

MO
Mrs. Keane's about a hundred.

TOM
She's {age}.
"""
    assert messages(script.format(age="fifty-eight"), bible, ["timeline"], "makes") == []
    found = messages(script.format(age="sixty-eight"), bible, ["timeline"], "makes")
    assert found and "IRIS" in found[0] and "YOUNG" not in found[0]


def test_how_long_a_count_took_is_not_a_countdown():
    script = """
INT. TOWN HALL - DAY

SUPER: Friday, 13 February 1987.

IRIS
Three thousand, one hundred and twelve signatures. {line}

INT. BATHS - DAY

SUPER: TEN DAYS LATER -- Tuesday, 24 February 1987.

IRIS
Open.
"""
    assert messages(script.format(line="In four days."), "", ["timeline"], "days away") == []
    assert messages(script.format(line="And the vote's in four days."), "", ["timeline"], "days away")


def test_a_bandage_grey_and_sodden_is_dirty_not_another_colour():
    bible = """
characters:
  - name: Tom
    age: 17
props:
  bandage: white crepe bandage on the right hand
"""
    script = """
INT. STAFF ROOM - DAY

Iris takes Tom's right hand. The crepe bandage is {what}. She unwinds it.

IRIS
Healed.
"""
    assert messages(script.format(what="grey and sodden"), bible, ["prop"]) == []
    assert messages(script.format(what="blue"), bible, ["prop"], "bandage")
