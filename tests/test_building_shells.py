"""A building set's outside, a thing the bible's key names, and an age said of someone by their role.

Each reading has a slip case and its clean twin. Written in the ninth session, after misses
on sets P, S and U and the shared development set's shapes of bible.
"""

from __future__ import annotations

from checkutil import messages

from continuity.story.place_colours import key_colour

SHACK_BIBLE = """
locations:
  patrol_shack:
    exterior: "Barn-red board-and-batten, white cross on the door, bench outside."
  sunrise_express_base:
    look: "Bottom terminal, lift shack painted forest green."
"""


def _shack(colour: str, extra: str = "") -> str:
    return f"""
EXT. PATROL SHACK - DAY

Mags and Dev sit on the bench outside the {colour} {extra}shack, a thermos between them.
"""


def test_a_building_given_another_colour_than_its_siding_is_flagged():
    found = messages(_shack("forest-green"), SHACK_BIBLE, ["location"])
    assert any("forest-green" in m and "Barn-red board-and-batten" in m for m in found), found


def test_a_building_in_its_own_colour_and_another_building_are_not_flagged():
    assert messages(_shack("barn-red"), SHACK_BIBLE, ["location"]) == []
    # "the forest-green lift shack" is the other shack, down at the base
    assert messages(_shack("forest-green", "lift "), SHACK_BIBLE, ["location"]) == []


BAIT_BIBLE = """
locations:
  - place: Sunrise Bait & Tackle
    fixed: sagging clapboard painted barn red, tin roof, hand-lettered porch sign; knotty-pine walls inside
"""


def _bait(setting: str, colour: str) -> str:
    return f"""
{setting}. SUNRISE BAIT & TACKLE - MORNING

A black truck noses in beside the {colour} wall of the bait shop and parks.
"""


def test_the_wall_of_a_building_seen_from_outside_is_its_paint():
    found = messages(_bait("EXT", "sky-blue"), BAIT_BIBLE, ["location"])
    assert any("sky-blue" in m and "clapboard painted barn red" in m for m in found), found
    assert messages(_bait("EXT", "barn-red"), BAIT_BIBLE, ["location"]) == []


STATION_BIBLE = """
places:
  station_exterior:
    building: squat cinderblock, painted mint green
    tower: red-and-white lattice tower, red beacon at the tip
  lobby:
    walls: knotty-pine paneling
"""


def _station(colour: str) -> str:
    return f"""
INT. WTMK - LOBBY - DAY

Cal stamps the snow off his boots.

EXT. SIGNAL HILL - WTMK 1340 - MORNING

The {colour} building is a lump in a drift, only the sign showing.
"""


def test_an_exterior_heading_is_the_outside_of_the_building_its_interiors_are_in():
    found = messages(_station("barn-red"), STATION_BIBLE, ["location"])
    assert any("barn-red" in m and "mint green" in m for m in found), found
    assert messages(_station("mint-green"), STATION_BIBLE, ["location"]) == []


def test_the_colour_of_the_thing_a_bible_key_names():
    assert key_colour("squat cinderblock, painted mint green", "building") == ("green",
                                                                                "building painted mint green")
    assert key_colour("120 maroon velvet tilting seats in rings", "seats")[0] == "red"
    assert key_colour("big heavy maroon seats", "seats")[0] == "red"
    assert key_colour("red-and-white lattice tower, red beacon", "tower")[0] == "red-and-white"
    # a change in time is the repaint reader's, not a fixed colour
    assert key_colour("tired salmon pink until repainted sunflower yellow in scene 13", "walls") == (None, "")


DOME_BIBLE = """
locations:
  dome_theatre:
    seats: 120 maroon velvet tilting seats in rings
"""


def test_every_seat_of_a_set_is_the_set_s_seat():
    slip = """
INT. DOME THEATRE - NIGHT

Every blue seat taken. People sitting on the steps.
"""
    found = messages(slip, DOME_BIBLE, ["location"])
    assert any("blue" in m and "maroon" in m for m in found), found
    assert messages(slip.replace("blue", "maroon"), DOME_BIBLE, ["location"]) == []


ROLE_BIBLE = """
characters:
  fergus_tully:
    description: Caretaker and projector mechanic
    age: 64
  margit_voss:
    description: Director and lecturer of the Halloran
    age: 58
  theo:
    role: groom
    age: 36
"""


def _role_said(words: str) -> str:
    return f"""
INT. COUNCIL OFFICE - DAY

PELLOW
It's a concrete drum from 1961 with one member of staff and {words}.

MARGIT
{'Groom, thirty-eight, no allergies, left-handed.' if 'groom' in words else 'We manage.'}
"""


def test_an_age_said_of_someone_by_their_role_is_checked_against_the_bible():
    found = messages(_role_said("a caretaker who's seventy-four and deaf"), ROLE_BIBLE, ["timeline"])
    assert any("caretaker who's seventy-four" in m and "FERGUS" in m and "64" in m for m in found), found
    found = messages(_role_said("a groom"), ROLE_BIBLE, ["timeline"])
    assert any("Groom, thirty-eight" in m and "THEO" in m for m in found), found


def test_the_right_age_by_role_and_an_age_of_another_time_are_not_flagged():
    assert messages(_role_said("a caretaker who's sixty-four and deaf"), ROLE_BIBLE, ["timeline"]) == []
    assert messages(_role_said("a caretaker who was seventy-four when he started"), ROLE_BIBLE, ["timeline"]) == []
    # a role two characters share tells no one apart
    shared = ROLE_BIBLE.replace("Director and lecturer", "Caretaker and lecturer")
    assert messages(_role_said("a caretaker who's seventy-four and deaf"), shared, ["timeline"]) == []
