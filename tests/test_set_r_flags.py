"""Readings set R's first run got wrong on its clean scripts, each a general reading with the slip it still
catches: gauze wound round a hand, a door repainted stroke by stroke, a telephone on the wall, a second cue of one
person, a diary read out, and an entrance from outside in an exterior scene."""

from __future__ import annotations

from checkutil import messages

from continuity.language.parse import Parser
from continuity.language.traits import read


def test_gauze_wound_round_a_palm_bandages_it_from_then_on():
    traits = [(t.key, t.value, t.change) for t in read(Parser(None).parse(
        "She winds white gauze round his palm, over and under, tight."))]
    assert ("state.arm.bandage", "bandaged", True) in traits
    text = """
EXT. SALT PANS - DAY

TOM (35) scrabbles at the broken glass with his bare right hand. Blood across his palm.

TOM
Sorry.

INT. COTTAGE - KITCHEN - CONTINUOUS

Tom at the oak table, right hand held up. MAUD (61) takes his hand. She winds white gauze round his palm, over
and under, tight.

INT. BOILING HOUSE - DAY

Tom shovels coal one-handed, the {} right hand held clear.
"""
    assert messages(text.format("bandaged"), None, ["appearance"], "TOM") == []


def test_a_door_repainted_stroke_by_stroke():
    text = """
EXT. BOILING HOUSE - DAY

The door itself is red, or was. The paint has curled away in strips.

TOM (35)
Cold.

EXT. BOILING HOUSE - DAY

ISLA (24) stands at the door with a wire brush, scraping away the last curls of red paint.

Isla dips a broad brush. The first stroke of sea-green goes on over bare grey wood.

By the time the light turns, the door is green from top to bottom.

EXT. BOILING HOUSE - DAY

The {} door, dry and bright.
"""
    assert messages(text.format("sea-green"), None, ["location"], "door") == []


def test_a_telephone_on_the_wall_is_not_the_wall():
    bible = """
characters:
  maud: {age: 61, notes: She boils salt.}
locations:
  maud_kitchen:
    walls: walls painted buttery YELLOW
"""
    text = """
INT. MAUD KITCHEN - NIGHT

MAUD (61) stands at the beige wall telephone, receiver pressed to her ear.

INT. MAUD KITCHEN - NIGHT

MAUD stands by the beige walls.
"""
    found = messages(text, bible, ["location"], "walls")
    assert len(found) == 1 and "'beige wall telephone'" not in found[0]


def test_the_real_name_a_character_speaks_under_later():
    bible = """
characters:
  tom_fallow:
    real_name: Daniel Ashby
    age: 35
    notes: He forgot who he was.
  maud:
    age: 61
    notes: She boils salt.
"""
    text = """
EXT. SALT PANS - DAY

TOM (35) rakes. MAUD (61) watches.

TOM
Morning.

INT. KITCHEN - NIGHT

DANIEL
I remember now.

MAUD
There's a telephone in my kitchen, Mr Ashby. It still works.
"""
    assert messages(text, bible, ["address"], "not in this scene") == []


def test_a_diary_read_out_calls_no_one():
    bible = """
characters:
  cas: {age: 68, notes: He tunes pianos.}
  fern: {age: 19, notes: She is his apprentice.}
  munro: {age: 70, notes: He owns a Bechstein.}
"""
    text = """
INT. WORKSHOP - DAY

CAS (68) opens the red diary. FERN (19) waits.

FERN
Who first?

CAS
{}

INT. HERIOT ROW - DAY

MUNRO (70) opens the door.

MUNRO
Come in.

INT. HERIOT ROW - LATER

MUNRO
Again.

INT. HERIOT ROW - LATER

MUNRO
Once more.
"""
    assert messages(text.format("Munro, ten. Movers, eleven."), bible, ["address"], "MUNRO") == []
    assert messages(text.format("Sit down, Munro."), bible, ["address"], "MUNRO")


def test_coming_inside_from_the_pavement_is_no_entrance_in_an_exterior():
    text = """
EXT. SHOP WINDOW - NIGHT

Inside the lit window, CAS (68) stands on a stepladder.

CAS
Steady.

Fern stands on the pavement, looking in.

FERN (19)
Cold.

Fern comes inside. The bell jangles.
"""
    assert messages(text, None, ["name"], "only comes in") == []


# -- two of R's misses --------------------------------------------------------------------------------------------

_AGES = """
characters:
  maud: {age: 61, notes: She boils salt.}
  culver: {age: 54, notes: He buys land.}
  isla: {age: 24, notes: She is Maud's granddaughter.}
  tom_fallow:
    real_name: Daniel Ashby
    age: 35
    notes: He forgot who he was.
"""
_AGE_SCENE = """
INT. BOILING HOUSE - DAY

MAUD (61) rakes the pan. CULVER (54) watches. ISLA (24) reads a poster. TOM (35) shovels coal.

MAUD
People love salt, Mr Culver.

CULVER
With respect, a woman of {} shouldn't be raking a pan in a shed.

ISLA
D. Ashby. Daniel Ashby, {}. Last seen January, Southend.
"""


def test_a_woman_of_an_age_said_to_her_and_a_full_name_read_out_with_an_age():
    found = messages(_AGE_SCENE.format("seventy-one", "thirty-seven"), _AGES, ["timeline"])
    assert any("MAUD 71" in m for m in found) and any("37" in m and "TOM" in m for m in found)
    assert messages(_AGE_SCENE.format("sixty-one", "thirty-five"), _AGES, ["timeline"]) == []


_CAS = """
characters:
  - name: Casimir "Cas" Dobrowski
    age: 68
    notes: He tunes pianos.
    hearing: wears a small beige behind-the-ear hearing aid on the LEFT ear
    wardrobe:
      - Burgundy knitted tie, knotted small (loosened sc 12)
  - name: Fern Lowrie
    age: 19
    notes: She is his apprentice.
    injury: Cut on LEFT index finger by a snapping treble string; plaster on LEFT index finger
"""
_CLINIC = """
INT. CLINIC - DAY

CAS (68) and FERN (19) wait.

CAS
Well.

FERN
Well.

Cas sits stiff in the patient's chair, camel overcoat folded on his knee, the {} tie knotted tight.

Cas comes through the bead curtain, the beige hearing aid tucked behind his {} ear.

The plaster on her {} index finger bulges under the latex.
"""


def test_a_side_after_a_participle_or_a_word_for_which_finger_and_a_tie_done_up():
    found = messages(_CLINIC.format("bottle-green", "right", "right"), _CAS, ["appearance", "wardrobe"])
    assert any("bottle-green tie" in m for m in found)
    assert any("CAS's aid is on the right side" in m for m in found)
    assert any("FERN's injury is on the right" in m for m in found)
    assert messages(_CLINIC.format("burgundy", "left", "left"), _CAS, ["appearance", "wardrobe"]) == []


def test_a_ring_slid_onto_the_other_hand_is_put_on_there():
    bible = """
characters:
  nora:
    age: 33
    notes: She is the bride.
    engagement_ring: Narrow gold band with a chip of sapphire, LEFT hand, throughout.
  greta:
    age: 60
    notes: She is the mother.
"""
    text = """
INT. BRIDAL SUITE - DAY

NORA (33), the gold band on her left hand, and GRETA (60).

GRETA
My mother's. Something old.

{}
"""
    assert messages(text.format("She slides the ring onto Nora's right ring finger. It fits."), bible,
                     ["appearance"], "ring") == []
    assert messages(text.format("Nora turns the ring on her right ring finger."), bible, ["appearance"], "ring")
