"""Set Z's first-run flags, each fixed in general: the clean case, and where it has one, its slip twin.

Z (a travelling cinema touring villages in 1956, a botanical glasshouse in 1987) was written blind in the tenth
session and run once before any change for it.
"""

from __future__ import annotations

from checkutil import messages

from continuity.bible.load import parse_bible

NORA_BIBLE = """
cast_continuity:
  nora_conlon:
    billed_as: NORA CONLON
    age: 52
    eyewear: round wire-rimmed spectacles, worn at all times
  young_nora_flashback:
    billed_as: YOUNG NORA
    age: 22
    look: long chestnut plait; no spectacles
"""


def test_a_billed_name_is_an_alias_and_a_young_self_keeps_its_own_cue():
    bible = parse_bible(NORA_BIBLE)
    assert [(c.name, c.aliases) for c in bible.characters] == [
        ("NORA CONLON", []), ("YOUNG NORA FLASHBACK", ["YOUNG NORA"])]
    script = """
EXT. ROAD - DAWN

In the cab, NORA CONLON (52) drives, round wire-rimmed spectacles on her nose.

NORA
Nearly there.
"""
    assert messages(script, NORA_BIBLE, ["appearance", "timeline"]) == []


def test_a_glint_the_light_loses_is_no_loss():
    script = """
EXT. ROAD - DAWN

The van's side is lettered in gold. The first light catches the gold and loses it again in the drizzle.

EXT. VILLAGE - DAY

MAEVE (23) reads the gold lettering.

MAEVE
Pictures.
"""
    assert messages(script, None, ["prop"], "never recovered") == []


def test_a_colour_after_a_semicolon_is_the_next_things():
    bible = """
characters:
  - name: Tom Halloran
    looks: bald; heavy black walrus moustache; brown eyes
"""
    script = """
INT. PUB - NIGHT

TOM HALLORAN (46) nurses a pint. Bald as an egg; a heavy black walrus moustache; patient brown eyes.
"""
    assert messages(script, bible, ["appearance"], "moustache") == []


def test_a_coat_on_the_door_does_not_colour_it():
    bible = """
locations:
  dunnes: red door, ginger cat on the sill
"""
    script = """
INT. DUNNES - NIGHT

The red door bangs. LYLE (40) lathers his lip.

INT. DUNNES - MORNING

The camel-hair overcoat hangs on the back of the door.
"""
    assert messages(script, bible, ["location"]) == []


def test_reels_of_a_series_are_numbered_each():
    script = """
INT. VAN - DAY

Three round tins, stencilled SUNSET RIDERS — 1.

INT. BARRACKS - NIGHT

Strapped to the carrier is a round tin canister, stencilled in white: SUNSET RIDERS — 3.
"""
    assert messages(script, None, ["location"], "lettering") == []


def test_a_thing_brought_back_after_it_was_lost():
    script = """
EXT. FIELD - NIGHT

TIERNEY (40) swings the canister at the dog. It sails into the river and is gone.

INT. BARRACKS - DAY

HALLORAN (46) wheels his bike in. Strapped to the carrier is a round tin canister, its lid badly dented.

He unstraps the canister and hands it to Nora.

HALLORAN
Yours.
"""
    assert messages(script, None, ["prop"], "never recovered") == []


def test_a_possessive_after_a_stranger_brought_in_a_sentence_before():
    bible = """
characters:
  - name: Graham Fairlie
    looks: silver hair swept back, brown eyes, clean-shaven
"""
    script = """
INT. PALM HOUSE - NIGHT

GRAHAM FAIRLIE (58) shakes hands, his brown eyes everywhere.

At the back, by the orchid bench, a man in a navy anorak, the hood up. The grey goatee. No glasses now; his pale grey eyes
fixed on the orchid.
"""
    assert messages(script, bible, ["appearance"], "eyes") == []


def test_a_bible_repaint_to_a_named_red():
    bible = """
locations:
  potting_shed:
    door: chipped brown until repainted pillar-box red on screen sc. 2; red from then on
"""
    script = """
EXT. POTTING SHED - MORNING

The potting shed door is chipped brown.

EXT. POTTING SHED - DAY

WALTER (70) lays on pillar-box red.

INT. POTTING SHED - DUSK

The new red door stands open on the dusk.
"""
    assert messages(script, bible, ["location"]) == []


def test_initials_burned_into_a_handle_are_a_mark_not_a_fate():
    bible = """
props:
  pruning_knife:
    handle: white bone, brass bolsters
    marks: W.P. burned into the handle in 1936 (sc. 1)
"""
    script = """
INT. GLASSHOUSE - DAY

WALTER (70) opens his pruning knife.

INT. GLASSHOUSE - LATER

He holds the pruning knife out to KIT (20) on his open palm.
"""
    assert messages(script, bible, ["prop"], "burnt") == []


def test_a_bald_head_and_a_bible_bald_crown():
    bible = """
characters:
  - name: Walter Platt
    hair: bald crown with a white fringe
"""
    script = """
EXT. GLASSHOUSE - NIGHT

WALTER PLATT (70) holds the sack, rain running off his bald head.
"""
    assert messages(script, bible, ["appearance"], "hair") == []
