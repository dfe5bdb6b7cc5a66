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
