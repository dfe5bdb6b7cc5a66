"""A garment taken off and then worn with no time passing; a scarf held up to someone and taken; a coat off a hook."""

from __future__ import annotations

from checkutil import messages

BIBLE = """
characters:
  - name: Nina
    age: 30
  - name: Tom
    age: 40
  - name: Isla
    age: 25
  - name: Ezra
    age: 26
"""


def test_a_coat_shrugged_off_then_worn_in_the_continuous_scene():
    script = """
EXT. BRIDGE - NIGHT

Nina staggers out of the water. She shrugs the sodden coat off and drops it over the back step.

NINA
Go.

INT. CAB - CONTINUOUS

Nina climbs in with her {what} coat still buckled to the chin, teeth chattering.

NINA
Drive.
"""
    found = messages(script.format(what="soaked"), BIBLE, ["wardrobe"], "took it off")
    assert found and "shrugs the sodden coat" in found[0]
    # the clean twin: she puts it back on first
    clean = script.replace("drops it over the back step.", "drops it over the back step, then pulls the coat back on.")
    assert messages(clean.format(what="soaked"), BIBLE, ["wardrobe"], "took it off") == []


def test_a_dress_taken_off_a_hook_is_not_taken_off_anyone():
    script = """
INT. SHED - DAY

Nina takes a pair of dungarees off a hook and steps behind the screen.

Nina comes out in the dungarees, rolled at the ankle.

NINA
Right.
"""
    assert messages(script, BIBLE, ["wardrobe"]) == []


def test_a_scarf_held_up_to_her_and_taken_is_hers():
    script = """
EXT. HARBOUR WALL - DUSK

Isla shivers on the wall. Tom unwinds the red wool scarf from his neck and holds it up to her.

TOM
Take it.

Isla takes it. Winds it round her throat.

ISLA
Thanks.

INT. PUB - NIGHT

SUPER: The next night.

Isla at the bar, the red scarf wound twice round her neck.

Tom at the dartboard, {what} loose at his throat, throwing badly.

TOM
Double top.
"""
    found = messages(script.format(what="red scarf"), BIBLE, ["wardrobe"], "gave it to")
    assert found and found[0].startswith("TOM has the scarf")
    assert messages(script.format(what="collar"), BIBLE, ["wardrobe"], "gave it to") == []


def test_a_shirt_wrung_and_dropped_for_another_then_worn_the_same_night():
    script = """
INT. SHOP - DUSK

Ezra peels off the soaked denim jacket and hangs it on the rack. Then the white T-shirt, wrung and dropped. He pulls on the black one.

EZRA
Better.

INT. SHOP - NIGHT - LATER

Ezra, in his {colour} T-shirt, holds a lantern over the chair.

EZRA
Here.
"""
    found = messages(script.format(colour="white"), BIBLE, ["wardrobe"], "took it off")
    assert found and "wrung and dropped" in found[0] and "the black one" in found[0]
    assert messages(script.format(colour="black"), BIBLE, ["wardrobe"], "took it off") == []


def test_it_after_a_thing_of_its_own_sentence_is_that_thing():
    script = """
INT. LAUNDRY - DAY

Nina finds her glasses by the drain and puts them on.

NINA
Right.

TOM
Here.

ISLA
Ta.

Nina takes the blue velvet pouch from her tabard and puts it in Isla's damp palm.

INT. LAUNDRY - LATER

Nina takes the glasses off and cleans them.

NINA
Better.
"""
    assert messages(script, BIBLE, ["wardrobe"], "gave it to") == []
