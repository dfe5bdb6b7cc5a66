"""Readings made general from set S's misses (S is a development set from here on), each with its clean twin."""

from __future__ import annotations

from checkutil import messages

TEO = """
characters:
  - name: Teo
    age: 24
    facial_hair: Clean-shaven throughout.
  - name: Tess
    age: 16
    hair: Long brown to the waist until sc 2; dyed ELECTRIC BLUE on screen in sc 2 and blue thereafter.
"""


def test_a_bearded_jaw_on_a_clean_shaven_man():
    script = """
INT. OPTICIANS - NIGHT

TEO (24) rubs his {what} jaw with the back of a painty wrist.

TEO
Done.
"""
    found = messages(script.format(what="bearded"), TEO, ["appearance"], "beard")
    assert found and "Clean-shaven" in found[0]
    assert messages(script.format(what="smooth"), TEO, ["appearance"]) == []


def test_a_strand_twisted_round_a_finger_is_hair_whatever_its_colour():
    script = """
INT. CABIN - NIGHT

TESS (16) sits by the stove, her long brown hair loose.

TESS
Ready.

INT. BATHROOM - NIGHT

Tess dyes her hair electric blue.

TESS
There.

INT. CABIN - NIGHT

Tess sits across from the fire and twists a long {colour} strand round her finger.

TESS
Like before?
"""
    found = messages(script.format(colour="brown"), TEO, ["appearance"], "brown")
    assert found
    assert messages(script.format(colour="blue"), TEO, ["appearance"]) == []


def test_eau_de_nil_walls_and_the_pink_they_were_in_a_flashback():
    script = """
INT. SILVERMAN OPTICIANS - DAY

The walls are eau-de-nil, the green of a hospital in a good dream. ESTHER (64) waits.

ESTHER
Well.

INT. SILVERMAN OPTICIANS - DAY (FLASHBACK - JUNE 1985)

The same shop, browner. The walls are a sugary pink in those days.

ESTHER
Then.

INT. SILVERMAN OPTICIANS - NIGHT

The anglepoise throws his shadow huge across the {colour} walls.

ESTHER
Now.
"""
    found = messages(script.format(colour="sugary pink"), None, ["location"], "walls")
    assert len(found) == 1 and "eau-de-nil" in found[0]
    assert messages(script.format(colour="eau-de-nil"), None, ["location"]) == []


def test_a_lapse_in_a_super_is_found_on_the_super():
    from checkutil import audit_text

    script = """
INT. SHOP - MORNING

IDA (70) sweeps.

IDA
Morning.

INT. SHOP - NIGHT

SUPER: Ten minutes later.

IDA
Night.
"""
    found = [f for f in audit_text(script, None, ["timeline"]).findings if "Ten minutes later" in f.message]
    assert found and found[0].line == 10


def test_my_kids_age_is_the_bibles_daughters():
    bible = """
characters:
  - name: Mags
    age: 44
    family: "Daughter Tess (16)."
  - name: Tess
    age: 16
  - name: Dev
    age: 40
"""
    script = """
EXT. SHACK - DUSK

MAGS (44) and DEV (40) sit on the bench. TESS (16) is home.

MAGS
And my kid's {age} and thinks I'm a coward.

DEV
Your kid thinks everybody's a coward.
"""
    found = messages(script.format(age="thirteen"), bible, ["timeline"], "TESS 13")
    assert found
    assert messages(script.format(age="sixteen"), bible, ["timeline"]) == []


def test_busiest_friday_of_the_year_says_today():
    script = """
EXT. BASE - DAY

SUPER: Saturday

LORNA (60) glares up the hill.

LORNA
Busiest {wd} of the year and you lot shut the whole top half.

OWEN
Sorry.
"""
    found = messages(script.format(wd="Friday"), None, ["timeline"], "Friday")
    assert found and "Saturday" in found[0]
    assert messages(script.format(wd="Saturday"), None, ["timeline"]) == []


def test_a_door_painted_on_screen_then_its_old_colour_again():
    script = """
EXT. BOILING HOUSE - DAY

A long black shed. The door itself is red, or was. ISLA (20) scrapes the last curls of red paint away.

ISLA
There.

Isla dips a broad brush and paints the door sea-green, top to bottom.

EXT. SEA WALL - DAWN

MAUD (60) looks down. Below, the black boiling house, the {colour} door, smoke rising already.

MAUD
Coming back?
"""
    bible = """
locations:
  boiling_house:
    exterior: Long black shed of tarred timber
  sea_wall:
    look: Grey concrete
"""
    found = messages(script.format(colour="red"), bible, ["location"], "door")
    assert found and "painted green" in found[0]
    assert messages(script.format(colour="green"), bible, ["location"]) == []
