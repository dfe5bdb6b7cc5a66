"""Readings made general from set U's misses (U is a development set from here on), each with its clean twin."""

from __future__ import annotations

from checkutil import messages

OTTO = """
characters:
  - name: Otto
    age: 71
    injuries: gash on the LEFT temple in scene 1; three white butterfly strips scenes 1-2
  - name: Ray Ducharme
    age: 60
  - name: Nell
    age: 34
    clothes: purple down parka, white knit pom-pom hat, red wool scarf (until cut up in scene 2), city boots
"""


def test_strips_on_a_temple_sit_on_the_bibles_gash():
    script = """
INT. CABIN - NIGHT

Otto is asleep in his chair, the butterfly strips white on his {side} temple.

NELL
Sleep.
"""
    found = messages(script.format(side="right"), OTTO, ["appearance"], "right")
    assert found and "LEFT temple" in found[0]
    assert messages(script.format(side="left"), OTTO, ["appearance"]) == []


def test_a_family_name_with_its_silent_last_letter_dropped():
    script = """
EXT. ICE ROAD - DAY

Ray Ducharme leans on the truck. Otto walks up.

OTTO
{name}, you've been saying that since 1994.

RAY
And I'll say it again.
"""
    assert messages(script.format(name="Ducharm"), OTTO, ["address"], "Ducharm")
    assert messages(script.format(name="Ducharme"), OTTO, ["address"], "misspelling") == []


def test_a_scene_in_brackets_after_one_garment_is_that_garments():
    script = """
EXT. ICE VILLAGE - DAY

Nell wears her {colour} parka and the white pom-pom hat.

NELL
Cold.
"""
    found = messages(script.format(colour="green"), OTTO, ["wardrobe"], "green")
    assert found and "purple down parka" in found[0]
    assert messages(script.format(colour="purple"), OTTO, ["wardrobe"]) == []


def test_a_door_painted_from_a_quart_of_porch_paint():
    script = """
EXT. ICE VILLAGE - DAY

At the end of the row: a forest-green shanty with a white door.

OTTO
Mine.

EXT. ICE VILLAGE - DAY

Nell stands at the white door of Otto's shanty with a quart of fire-engine-red porch paint and two brushes.

NELL
Ready?

They paint. In ten minutes the white door is red as a mailbox.

EXT. ICE VILLAGE - DAY

The shanty, forest green, its {colour} door bright in the sun.

OTTO
Well.
"""
    bible = """
locations:
  ice_village:
    description: twelve little fish houses in a crooked street, each painted a different colour
"""
    found = messages(script.format(colour="white"), bible, ["location"], "painted red")
    assert found
    assert messages(script.format(colour="red"), bible, ["location"], "painted") == []


def test_his_in_a_clause_after_a_name_where_someone_is_is_the_subjects():
    bible = """
characters:
  - name: Devon
    age: 31
    facial_hair: none, clean-shaven throughout
  - name: Fergus
    age: 64
    facial_hair: grey beard
"""
    script = """
EXT. CAR PARK - DAY

Devon checks his watch. He sighs.

Devon leans on the car beside Fergus, scratching at his {what}.

FERGUS
Well.
"""
    found = messages(script.format(what="beard"), bible, ["appearance"], "DEVON")
    assert found and "clean-shaven" in found[0]
    assert messages(script.format(what="chin"), bible, ["appearance"]) == []


def test_a_lobby_rollered_yellow_across_the_salmon_pink():
    script = """
INT. PLANETARIUM - LOBBY - DAY

The walls are a tired salmon pink.

FERGUS
Grim.

INT. PLANETARIUM - LOBBY - DAY

Isla, in dungarees over her school shirt, rollers the first stripe of yellow across the salmon pink.

ISLA
Better.

INT. PLANETARIUM - LOBBY - NIGHT

The {colour} walls glow under new bulbs.

ISLA
Open.
"""
    bible = """
locations:
  lobby:
    description: terrazzo floor, a mural of the solar system
"""
    found = messages(script.format(colour="salmon-pink"), bible, ["location"], "painted yellow")
    assert found
    assert messages(script.format(colour="yellow"), bible, ["location"], "painted") == []
