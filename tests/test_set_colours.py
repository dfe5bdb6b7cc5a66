"""A set's things keep their colours: the bible's ("YELLOW wall clock above the door", "GREEN-AND-WHITE checked
curtains"), unless the line says it is another one or a change."""

from __future__ import annotations

from checkutil import audit_text

from continuity.story.place_colours import coloured_things


def _loc(text, bible=None):
    return [(f.line, f.message) for f in audit_text(text, bible, ["location"]).findings]


ROOM = """
    INT. CONTROL ROOM - NIGHT

    Three monitors glow on a curved desk. Above the door, a wall clock runs five minutes fast.

    INT. CONTROL ROOM - DAY

    Flat, ordinary daylight. {line}
    """

BIBLE = """
locations:
  - name: CONTROL ROOM
    description: Long low room, curved desk with three monitors.
    dressing: YELLOW wall clock above the door, set five minutes fast; GREEN-AND-WHITE checked curtains
"""


def test_the_bibles_clock_said_in_another_colour():
    found = _loc(ROOM.format(line="The white clock above the door reads 9:05."), BIBLE)
    assert found == [(7, "the clock in CONTROL ROOM is white here ('white clock'), but the bible has "
                         "'YELLOW wall clock'")]


def test_compound_colours_compare_as_wholes():
    assert [line for line, _ in _loc(ROOM.format(line="The red-and-white checked curtains are drawn."), BIBLE)] == [7]
    assert _loc(ROOM.format(line="The green-and-white checked curtains are drawn."), BIBLE) == []


def test_the_same_colour_a_new_one_or_any_one_is_no_finding():
    assert _loc(ROOM.format(line="The yellow clock above the door reads 9:05."), BIBLE) == []
    assert _loc(ROOM.format(line="Teddy hangs a new white clock above the door."), BIBLE) == []
    assert _loc(ROOM.format(line="Teddy unpacks a white clock for the lab."), BIBLE) == []


def test_one_finding_when_the_script_and_the_bible_both_gave_the_colour():
    text = ROOM.replace("a wall clock runs", "a yellow wall clock runs").format(
        line="The white clock above the door reads 9:05.")
    assert [line for line, _ in _loc(text, BIBLE)] == [7]


def test_what_someone_wears_or_carries_is_not_the_sets():
    assert coloured_things("Pete hangs up the green coat.") == []
    assert coloured_things("her red umbrella dripping against the bar") == []


def test_a_thing_hand_painted_with_flowers_is_no_repaint():
    text = ROOM.format(line="On the desk sits a mug hand-painted with white magnolias. The white clock reads 9:05.")
    assert [line for line, _ in _loc(text, BIBLE)] == [7]


def test_the_sets_noun_among_the_words_and_its_other_name():
    bible = """
locations:
  - name: O FAROL
    description: A narrow bar. Walls and ceiling in MUSTARD-YELLOW azulejos browned with smoke.
"""
    text = """
    INT. O FAROL - NIGHT

    CLAUDIA (36) sits at the bar.

    INT. O FAROL - LATER

    A radio plays. The {colour} tiles glisten with steam from the coffee machine.
    """
    assert [line for line, _ in _loc(text.format(colour="blue-and-white"), bible)] == [7]
    assert _loc(text.format(colour="yellow"), bible) == []
