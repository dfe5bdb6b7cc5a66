"""General readings written for misses across the blind sets (each with its clean twin): a bible's place named in
other words, a prop's colour listed after its material, ages set off by commas or said of the one who just left,
a scarf worn up to the chin, and light through a window the script has boarded over."""

from __future__ import annotations

from checkutil import messages

from continuity.story.places import places_named

# -- places named in other words ----------------------------------------------------------------------------------

_NAMES = ["CAMPAIGN HQ", "MARCHETTI LOAN AND PAWN", "COURTROOM 4B - JUSTICE CENTER", "JUSTICE CENTER STEPS",
          "BINDERY EXTERIOR", "BINDERY WORKSHOP", "BINDERY BACK ROOM", "NORA'S APARTMENT", "ROZ APARTMENT",
          "ROZ APARTMENT - KITCHEN", "HALL", "SERVANTS' HALL", "STADIUM DRESSING ROOM"]


def test_a_heading_names_the_bibles_place_in_its_own_words():
    assert places_named("CALLOWAY CAMPAIGN HQ", "INT", _NAMES) == ["CAMPAIGN HQ"]
    assert places_named("MARCHETTI LOAN & PAWN", "EXT", _NAMES) == ["MARCHETTI LOAN AND PAWN"]
    assert places_named("JUSTICE CENTER - COURTROOM 4B", "INT", _NAMES) == ["COURTROOM 4B - JUSTICE CENTER"]
    assert places_named("ROZ'S APARTMENT - KITCHEN", "INT", _NAMES) == ["ROZ APARTMENT - KITCHEN", "ROZ APARTMENT"]
    assert places_named("ASHCOMBE - SERVANTS' HALL", "INT", _NAMES) == ["SERVANTS' HALL"]


def test_the_main_room_is_the_one_the_heading_does_not_narrow():
    assert places_named("HARROW & DAUGHTER BINDERY", "INT", _NAMES) == ["BINDERY WORKSHOP"]
    assert places_named("HARROW & DAUGHTER BINDERY - BACK ROOM", "INT", _NAMES) == ["BINDERY BACK ROOM"]
    assert places_named("HARROW & DAUGHTER BINDERY", "EXT", _NAMES) == ["BINDERY EXTERIOR"]


def test_another_kind_of_place_or_another_area_is_not_the_bibles():
    assert places_named("NORA'S CAR", "INT", _NAMES) == []
    assert places_named("JUSTICE CENTER - HALLWAY", "INT", _NAMES) == []
    assert places_named("LIVERPOOL STADIUM - RING", "INT", _NAMES) == []


_BINDERY_BIBLE = """
characters:
  NELL:
    age: 58
    notes: She binds books.
sets:
  bindery_exterior:
    shopfront: painted oxblood
  bindery_workshop:
    walls: whitewashed brick
  bindery_back_room:
    features: deep white butler's sink
"""


def test_a_sets_walls_hold_under_a_heading_in_other_words():
    text = """
INT. HARROW & DAUGHTER BINDERY - DAY

NELL (58) comes in. Long and narrow, a whitewashed brick room.

INT. HARROW & DAUGHTER BINDERY - DUSK

The skylights go lavender. Lamplight on the bare {} brick.
"""
    assert messages(text.format("red"), _BINDERY_BIBLE, ["location"], "brick")
    assert messages(text.format("whitewashed"), _BINDERY_BIBLE, ["location"], "brick") == []


# -- a prop's colour after its material ---------------------------------------------------------------------------

def test_a_colour_listed_after_the_material_is_the_props():
    bible = """
characters:
  NELL:
    age: 58
    notes: She binds books.
props:
  nipping_press:
    description: cast-iron, painted racing green, "HOPKINSON & COPE" on its crown
"""
    text = """
INT. BINDERY - DAY

NELL (58) at the {} nipping press, the text block between pressing boards.
"""
    assert messages(text.format("black"), bible, ["prop"], "nipping press")
    assert messages(text.format("green"), bible, ["prop"], "nipping press") == []


# -- ages ---------------------------------------------------------------------------------------------------------

_AGE_BIBLE = """
characters:
  NELL:
    name: Nell Harrow
    age: 58
    notes: She runs the bindery.
  TEMI:
    age: 24
    notes: She is the apprentice.
  DEV:
    age: 30
    notes: He runs the coffee boat.
  NADIA:
    name: Nadia Kessler
    age: 41
    notes: She restores paintings.
  THEO:
    name: Theo Vance
    age: 29
    notes: He assists.
  MARCHETTI:
    age: 50
    notes: He is a detective.
"""


def test_an_age_set_off_by_commas_in_words():
    text = """
INT. STATION - DAY

MARCHETTI (50) flips open a notebook. NADIA (41) and THEO (29) sit opposite.

MARCHETTI
Nadia Kessler, {}, picture conservator. Theo Vance, twenty-nine, assistant.

MARCHETTI
Okay Theo, ten, nine, eight.
"""
    assert messages(text.format("forty-six"), _AGE_BIBLE, ["timeline"], "NADIA")
    assert messages(text.format("forty-one"), _AGE_BIBLE, ["timeline"], "") == []


def test_she_in_talk_that_names_no_one_is_the_woman_who_just_left():
    text = """
INT. BINDERY - DAY

NELL (58) and TEMI (24) work at the bench.

NELL
Put that in the drawer and get us two coffees.

EXT. TOWPATH - DAY

Temi runs to the coffee boat. DEV (30) leans out.

TEMI
She took a job. A big one.

DEV
She's {} and she's been running that place on her own since the nineties.
"""
    assert messages(text.format("sixty-eight"), _AGE_BIBLE, ["timeline"], "NELL")
    assert messages(text.format("fifty-eight"), _AGE_BIBLE, ["timeline"], "") == []


# -- a garment worn up to the chin --------------------------------------------------------------------------------

def test_a_scarf_up_to_his_chin_is_his():
    bible = """
characters:
  NELL:
    age: 58
    notes: She binds books.
    wardrobe: navy wool coat
  GILES:
    age: 45
    notes: He is a client.
    wardrobe: camel overcoat, burgundy silk scarf
"""
    text = """
EXT. CANAL TOWPATH - DAY

NELL (58) and GILES (45) walk the towpath side by side.

She's in the navy coat; he's in the camel one, the {} scarf up to his chin.
"""
    assert messages(text.format("navy"), bible, ["wardrobe"], "GILES")
    assert messages(text.format("burgundy"), bible, ["wardrobe"], "GILES") == []


# -- light through boards -----------------------------------------------------------------------------------------

_STUDIO = """
INT. WTMK - STUDIO A - NIGHT

MARGO (60) at the console. A long window looks down over the harbor.

A limb of the big white pine comes through the long window in an explosion of glass and snow.

Margo and CAL (30) throw their weight against the plywood over the empty frame.

The plywood goes up. The long window is now a long blank rectangle of raw wood.

INT. WTMK - LOBBY - NIGHT

Cal sits by the radiator.

INT. WTMK - STUDIO A - DAWN

{}

Through a crack at the plywood's edge: a blade of sunrise.
"""


def test_light_through_a_window_boarded_over_is_a_slip():
    found = messages(_STUDIO.format("Grey light pours in through the long window."), None, ["location"], "boarded")
    assert len(found) == 1 and "scene 1" in found[0]


def test_light_through_the_boards_or_new_glass_is_not():
    assert messages(_STUDIO.format("The plywood booms in the gusts."), None, ["location"], "boarded") == []
    glazed = _STUDIO.format("A glazier fits new glass in the long window.") + """
INT. WTMK - STUDIO A - DAY

Sun pours through the long window.
"""
    assert messages(glazed, None, ["location"], "boarded") == []
    other = _STUDIO.format("Grey light pours in through the upstairs window.")
    assert messages(other, None, ["location"], "boarded") == []
