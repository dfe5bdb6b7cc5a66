"""Readings set Q's first run got wrong (its flags) or missed, each a general reading with its clean twin: a beard
"never shaved", a boat's name in capitals, a nickname in quotes inside an introduction, whose curls are cut, whose
eyes open a sentence that names another, two-coloured things, and more."""

from __future__ import annotations

from checkutil import audit_text, messages

from continuity.language.parse import Parser
from continuity.language.traits import read
from continuity.screenplay.readers import fountain
from continuity.story.places import places_named
from continuity.story.presence import read_presence


def _traits(text: str) -> list[tuple[str, str]]:
    return [(t.key, t.value) for t in read(Parser(None).parse(text))]


# -- the flags ----------------------------------------------------------------------------------------------------

_TEO = """
characters:
  teo:
    name: Teodor "Teo" Lach
    age: 31
    notes: He steers.
    beard: full black beard throughout -- never shaved
  pip:
    age: 15
    notes: She is a girl.
    hair: ginger, two plaits
"""


def test_a_beard_never_shaved_is_a_beard():
    text = """
EXT. LOCK - DAY

Round the bend comes a narrowboat, cream signwriting along the cabin side. MIDNIGHT SUN. A painted water can.

At the tiller, TEODOR "TEO" LACH (31). Black curly hair knotted at the crown. A full black beard.

TEO
Morning.

He runs a palm over it. The beard is untouched.
"""
    assert messages(text, _TEO, ["appearance", "timeline"]) == []


def test_a_nickname_in_quotes_is_one_person_and_a_boats_name_no_one():
    script = fountain.parse("""
EXT. LOCK - DAY

Round the bend comes a narrowboat: MIDNIGHT SUN. At the tiller, TEODOR "TEO" LACH (31).

TEO
Morning.

INT. MIDNIGHT SUN - DUSK

Teo sits before a small mirror.

TEO
Cut.
""", source="t.fountain")
    presence = read_presence(script)
    assert [c.present for c in presence.scenes] == [("TEO",), ("TEO",)]


def test_the_curls_she_cuts_are_his():
    text = """
EXT. LOCK - DAY

TEO (31), black curly hair knotted at the crown, and PIP (15), ginger plaits, at the lock.

TEO
Morning.

INT. BOAT - DUSK

Teo sits before a small mirror. Pip stands behind him, holding a pair of kitchen scissors.

TEO
Just cut above the band.

PIP
You'll look like a convict.

She cuts. The knot of black curls comes away in her hand, band and all.

INT. COTTAGE - NIGHT

Pip unpicks her ginger plaits and pulls on the plastic gloves.
"""
    assert messages(text, _TEO, ["appearance"], "PIP") == []


def test_her_eyes_opening_a_sentence_are_not_those_of_the_one_it_names():
    bible = """
characters:
  kit:
    age: 24
    eyes: brown
    notes: She works nights.
  rosalind:
    age: 83
    eyes: pale blue
    notes: She is dying.
"""
    text = """
INT. WARD - NIGHT

KIT (24) sits by the bed. ROSALIND (83) stirs.

ROSALIND
Right hand now. The left's given up.

Her {} eyes find Kit.
"""
    assert messages(text.format("pale blue"), bible, ["appearance"]) == []
    assert messages(text.format("dark brown"), bible, ["appearance"], "ROSALIND")


def test_a_thing_of_two_colours_is_either():
    bible = """
characters:
  dez:
    age: 30
    notes: He runs the machines.
props:
  tartan_thermos: red and green tartan, dented in the side, cup-lid
"""
    text = """
INT. LAUNDRY - NIGHT

DEZ (30) follows with a tartan thermos, {}, dented in the side.
"""
    assert messages(text.format("red and green"), bible, ["prop"]) == []
    assert messages(text.format("yellow and black"), bible, ["prop"], "thermos")


def test_a_silent_character_watching_is_not_at_work():
    text = """
EXT. LOCK - DAY

MAGS (64) and FENWICK (56) in the rain.

MAGS
It's the rain. It always is.

FENWICK
I have a clipboard.

MAGS
No.

Teo doubles the ropes on the boat. Bishop watches from the hatch, out of the rain.
"""
    bible = """
characters:
  mags: {age: 64, notes: She keeps the lock.}
  fenwick: {age: 56, notes: He is a surveyor.}
  teo: {age: 31, notes: He steers.}
  bishop: {notes: He is a dog.}
"""
    assert messages(text, bible, ["name"], "BISHOP") == []


# -- the misses ---------------------------------------------------------------------------------------------------

def test_ginger_plaits_read_as_a_verb_are_still_ginger_hair():
    assert ("hair.colour", "red") in _traits("Pip comes in behind, ginger plaits dripping, the windlass in her fist.")


def test_beardless_is_no_beard_and_a_trimmed_beard_no_new_one():
    assert ("beard", "none") in _traits("He rubs his smooth, beardless chin.")
    text = """
INT. LOCKER ROOM - NIGHT

DEZ (30), a short ginger beard, lathers his jaw. He shaves the beard off. A clean-shaven face, surprisingly young.

DEZ
Right.

INT. WARD - NIGHT

Kit comes in, Dez behind her, his {}.
"""
    assert messages(text.format("ginger beard freshly trimmed"), None, ["appearance"], "DEZ has a beard")
    assert messages(text.format("face freshly scrubbed"), None, ["appearance"], "DEZ") == []


def test_a_bandage_wound_round_and_round_a_side():
    assert ("side.injury.arm", "left") in _traits("She winds a white bandage round and round his left palm.")


def test_a_look_listed_after_a_name_that_opens_the_sentence():
    bible = """
characters:
  pip:
    age: 15
    notes: She is a girl.
    wardrobe: purple hoodie with KESTREL ACADEMY in white
"""
    text = """
EXT. LOCK - DAY

Pip, blue hair loose, {} hoodie, orange bracelet, stands on the top gate.
"""
    assert messages(text.format("green"), bible, ["wardrobe"], "PIP")
    assert messages(text.format("purple"), bible, ["wardrobe"], "PIP") == []


def test_a_boat_is_not_a_pub_and_a_cottage_is_the_locks():
    names = ["LOCK", "FALLOW LOCK NO 14", "FALLOW LOCK NO 14 - COTTAGE EXTERIOR", "FALLOW LOCK NO 14 - SIGN",
             "COTTAGE KITCHEN", "THE RISING SUN PUB"]
    assert places_named("MIDNIGHT SUN", "INT", names) == []
    assert places_named("THE RISING SUN", "INT", names) == ["THE RISING SUN PUB"]
    assert places_named("LOCK COTTAGE", "EXT", names) == ["FALLOW LOCK NO 14 - COTTAGE EXTERIOR", "FALLOW LOCK NO 14"]


def test_a_part_of_a_set_kept_under_its_own_key():
    bible = """
characters:
  mags: {age: 64, notes: She keeps the lock.}
places:
  fallow_lock_no_14:
    chamber: single, brick-lined
    sign: BLUE enamel, "FALLOW LOCK No. 14", beside the door
"""
    text = """
EXT. FALLOW LOCK NO. 14 - DAY

MAGS (64) stands by the door, masking tape round the {} enamel sign.
"""
    assert messages(text.format("green"), bible, ["location"], "sign")
    assert messages(text.format("blue"), bible, ["location"], "sign") == []


def test_a_high_sun_without_a_verb():
    text = """
INT. WARD - NIGHT

The {} again, high now, over the incinerator chimney.
"""
    assert messages(text.format("sun"), None, ["timeline"], "daylight")
    assert messages(text.format("moon"), None, ["timeline"], "daylight") == []


def test_a_short_name_said_the_same_and_a_first_name_before_its_surname():
    bible = """
characters:
  dez: {age: 30, notes: He runs the machines.}
  kit: {age: 24, notes: She is new.}
  teo: {name: Teodor Lach, age: 31, notes: He steers.}
"""
    text = """
INT. LAUNDRY - NIGHT

DEZ (30) and KIT (24) load the washers. TEO (31) waits.

DEZ
Morning.

TEO
Night.

KIT
Who is he?

DEZ
{} Lach. Teo.

{}, clean-shaven, leans on the ironer.
"""
    found = messages(text.format("Theodor", "Des"), bible, ["address"])
    assert any("'Theodor'" in m for m in found) and any("'Des'" in m for m in found)
    assert messages(text.format("Teodor", "Dez"), bible, ["address"]) == []


def test_the_girl_is_the_one_girl_of_the_story():
    bible = """
characters:
  mags: {age: 64, notes: She keeps the lock.}
  pip: {age: 15, notes: She is her granddaughter.}
  fenwick: {age: 56, notes: He is a surveyor.}
"""
    text = """
INT. COTTAGE - DAY

MAGS (64) and PIP (15) at the table. FENWICK (56) stands.

MAGS
I need two pairs of hands, and the girl's {}.

FENWICK
Fine.
"""
    assert messages(text.format("twelve"), bible, ["timeline"], "PIP")
    assert messages(text.format("fifteen"), bible, ["timeline"], "PIP") == []


_CLOCK = """
INT. LINEN SERVICES - NIGHT

ODILE (60) at the ironer. KIT (24) folds.

KIT
What time is it?

ODILE
{}

> TEN MINUTES LATER <

EXT. LOADING DOCK - DAWN

Grey light. The sodium lamp clicks off.
"""


def test_a_clock_said_in_the_scene_before_narrows_a_short_lapse():
    found = [f for f in audit_text(_CLOCK.format("Quarter past two."), None, ["timeline"]).findings
             if "TEN MINUTES LATER" in f.message]
    assert len(found) == 1 and found[0].line == 11 and "Quarter past two" in found[0].message
    assert [f for f in audit_text(_CLOCK.format("Ten to five."), None, ["timeline"]).findings
            if "TEN MINUTES LATER" in f.message] == []


def test_a_clock_in_the_afternoon_then_night_ten_minutes_on():
    text = """
INT. LOCK COTTAGE - KITCHEN - DAY

Teo stands by the Aga. Over the dresser the kitchen clock says twenty to {}.

> TEN MINUTES LATER <

INT. LOCK COTTAGE - PARLOUR - {}

A woodburner glowing.
"""
    assert any("TEN MINUTES LATER" in m for m in messages(text.format("four", "NIGHT"), None, ["timeline"]))
    assert messages(text.format("four", "DAY"), None, ["timeline"]) == []
