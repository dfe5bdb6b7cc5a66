"""Regressions from blind set I's first run: a shave told by the razor, a coat the bible replaces from a scene on,
a garment fed into a stove, a colour said of part of a wall, an ensemble in the room, and what family call each
other."""

from __future__ import annotations

from checkutil import audit_text


def _found(text, bible=None, checks=None):
    return [(f.line, f.message) for f in audit_text(text, bible, checks).findings]


SHAVE = """
    INT. FLAT - NIGHT

    TOMAS (29), thin, a thick black moustache, round glasses.

    TOMAS
    Well.

    At the little mirror, Tomas lathers his face. He looks at his moustache for a long moment, then draws the razor through it.

    EXT. STATION - DAY

    Tomas follows, clean-shaven, a cardboard suitcase in his hand.
    """


def test_drawing_the_razor_through_it_shaves_it_off():
    assert _found(SHAVE, None, ["appearance"]) == []


COAT_BIBLE = """
characters:
  - name: Mara
    costume: camel trench coat, black polo-neck. Trench burnt in the stove scene 2. From scene 3 wears a navy pea coat.
"""

COAT = """
    INT. FLAT - NIGHT

    MARA (34) in her camel trench coat waits by the window.

    MARA
    Go.

    INT. FLAT - LATER

    Tomas kneels at the stove and opens its door. He feeds the trench coat in, then the scarf.

    EXT. STATION - DAY

    Mara comes round the corner in the {coat} pea coat.
    """


def test_a_coat_the_bible_gives_from_a_scene_on_replaces_the_first():
    assert _found(COAT.format(coat="navy"), COAT_BIBLE, ["wardrobe"]) == []
    assert [line for line, _ in _found(COAT.format(coat="red"), COAT_BIBLE, ["wardrobe"])] == [14]


def test_a_garment_fed_into_a_stove_is_not_worn():
    from continuity.api import parse_script_text
    from continuity.story.context import context_for
    from continuity.story.dress import Dress
    import textwrap

    ctx = context_for(parse_script_text(textwrap.dedent(COAT.format(coat="navy")).lstrip("\n")), None)
    assert not [e for e in Dress.of(ctx).events if e.sentence.line == 9 and e.kind == "wears"]


WALLS = """
    INT. GREEN ROOM - DAY

    The walls are mustard yellow, nicotine-brown where they meet the ceiling. NELL (26) sits.

    NELL
    Hi.

    INT. GREEN ROOM - NIGHT

    Nell sits. The kettle steams against the mustard wall.
    """


def test_a_colour_said_of_part_of_a_wall_is_not_its_colour():
    assert _found(WALLS, None, ["location"]) == []


NOTES = """
    INT. GREEN ROOM - DAY

    CALLUM (38) and NELL (26) rehearse.

    CALLUM
    Again.

    NELL
    Again.

    CALLUM
    Fine.

    INT. GREEN ROOM - NIGHT

    Notes. The company sprawls over the sagging sofa. TOBIAS stands with the prompt script.

    TOBIAS
    Callum, you're rushing. Nell --

    TOBIAS
    And someone has to be here for Mama.
    """


def test_the_company_in_the_room_may_hold_anyone_and_mama_is_no_name():
    assert _found(NOTES, "characters:\n  - name: Callum\n  - name: Nell\n  - name: Mara\n  - name: Tobias\n", ["name", "address"]) == []


HAIR_BIBLE = """
characters:
  - name: Nell
    hair until scene 2: dark brown, very long, worn in a single braid
    hair from scene 2: cut to a chin-length bob and dyed bright copper red
  - name: Mara
    injury: deep cut across her RIGHT palm (scene 1); bandaged right hand through scene 3.
    hair: ash blonde, long
"""

HAIR = """
    INT. DRESSING ROOM - DAY

    NELL (26) flicks her long braid back. MARA (34) sits, her right hand bandaged.

    INT. FLAT - DAWN

    Nell lifts the braid and cuts it off. In the mirror: a ragged copper bob.

    EXT. STAGE DOOR - NIGHT

    {line}
    """


def test_a_bible_key_until_a_scene_is_the_canon_up_to_it():
    found = _found(HAIR.format(line="Nell flicks her long braid back over her shoulder."), HAIR_BIBLE, ["appearance"])
    assert [line for line, _ in found] == [11]
    assert _found(HAIR.format(line="Nell shakes out her copper bob."), HAIR_BIBLE, ["appearance"]) == []


def test_a_hand_set_off_as_bandaged_and_a_strand_of_hair_colour():
    found = _found(HAIR.format(line="Mara sits. Her left hand, bandaged, rests beside her cup."), HAIR_BIBLE,
                   ["appearance"])
    assert {line for line, _ in found} == {11} and any("left" in m for _, m in found)
    assert _found(HAIR.format(line="Mara sits. A red strand of wool hangs from her sleeve."), HAIR_BIBLE,
                  ["appearance"]) == []


WEEK = """
    INT. THEATRE - DAY

    SUPER: Monday, March 3

    NELL (26) runs in.

    INT. THEATRE - DAY

    SUPER: Tuesday, March 4

    Nell again.

    INT. THEATRE - NIGHT

    SUPER: {day}, March 7 -- Opening night

    Nell waits in the wings.
    """


def test_a_super_whose_weekday_does_not_fit_the_others_with_no_year():
    found = _found(WEEK.format(day="Thursday"), None, ["timeline"])
    assert [line for line, _ in found] == [15]
    assert "counting from 'Monday, March 3', 7 March is a Friday, not a Thursday" in found[0][1]
    assert _found(WEEK.format(day="Friday"), None, ["timeline"]) == []


RING = """
    INT. DRESSING ROOM - NIGHT

    VIVIENNE (52) twists the moonstone ring on her right hand. NELL (26) watches her.

    VIVIENNE
    Give me your hand.

    She pushes the ring onto Nell's right middle finger. It fits.

    INT. STAGE - NIGHT

    {line}
    """


def test_a_ring_pushed_onto_anothers_finger_is_theirs_and_turning_it_on_ones_own_hand_is_a_slip():
    found = _found(RING.format(line="Vivienne turns the moonstone ring on her right hand, smiling."), None,
                   ["wardrobe", "prop"])
    assert [line for line, _ in found] == [12] and "gave it to NELL" in found[0][1]
    assert _found(RING.format(line="Nell turns the moonstone ring on her right hand, smiling."), None,
                  ["wardrobe", "prop"]) == []


def test_a_sky_full_of_stars_is_night():
    text = """
    EXT. BORDER - DAY

    MARA (34) waits at the barrier in the sun.

    INT. VOLVO - MOVING - CONTINUOUS

    Flat fields slide past under a sky full of stars.
    """
    assert [line for line, _ in _found(text, None, ["timeline"])] == [7]


def test_a_toast_to_the_absent_is_no_wrong_address():
    text = """
    INT. CAR - NIGHT

    JUNE (38) and TESS (24) drink from paper cups. ROZ'S URN sits between them.

    JUNE
    Happy birthday, Grandma.

    TESS
    Happy eighty-sixth, Roz.
    """
    bible = "characters:\n  - name: June\n  - name: Tess\n  - name: Roz\n"
    assert not [f for f in audit_text(text, bible, ["address"]).findings if "Roz" in f.message]


def test_what_follows_looks_at_someone_colon_is_theirs_not_the_lookers():
    text = """
    INT. CAR - NIGHT

    JUNE (38) sits in the driver's seat. Her eyes are grey.

    TESS (24) lights a cigarette. Her eyes are green.

    JUNE
    Hey.

    Tess blows smoke out of the window. June turns her head and looks at her sister: the one good green eye.
    """
    assert _found(text, None, ["appearance"]) == []


def test_a_calendar_dated_without_years_takes_the_bibles_story_year_and_a_flashback_row_is_a_past():
    from continuity.bible.load import parse_bible

    bible = parse_bible("""
story_year: 2025
calendar:
  - day: 1
    date: Monday, March 3
    scenes: [1, 2]
  - flashback:
    date: October 1995
    scenes: [3]
  - day: 2
    date: Tuesday, March 4
    scenes: [4]
""")
    assert bible.story_dates == {"D1": "2025-03-03", "D2": "2025-03-04"}
    assert bible.story_days["3"] == "FB1" and bible.story_days["4"] == "D2"
