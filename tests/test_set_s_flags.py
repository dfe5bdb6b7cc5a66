"""The readings behind blind set S's first-run flags, each made general, with the slip it must still catch."""

from __future__ import annotations

from checkutil import messages


def test_a_book_stamped_with_a_name_is_printed_not_stamped_flat():
    script = """
INT. WORKSHOP - DAY

IDA (70) opens the drawer. Inside: a cream paper book stamped KESSLING GOLD, its leaves interleaved with red tissue.{then}

IDA
There.

INT. OPTICIANS - DAY

Ida opens the book and lifts a leaf of gold.

IDA
Again.
"""
    assert messages(script.format(then=""), None, ["prop"]) == []
    found = messages(script.format(then="\n\nIda throws the book down and stamps it flat."), None, ["prop"], "book")
    assert found


def test_a_curl_lifted_and_cut_is_the_sitters():
    bible = """
characters:
  - name: Ida
    age: 70
    hair: Silver-grey, waist-length, in one long plait
  - name: Teo
    age: 24
    hair: black curls
"""
    script = """
INT. YARD - DAY

IDA (70) pats the stool. TEO (24) looks at the scissors.

IDA
Sit.

He sits. She lifts a black curl between two fingers, considers it, and cuts.

TEO
Well?
"""
    assert messages(script, bible, ["appearance"]) == []


def test_a_thing_as_if_gone_is_not_gone():
    script = """
INT. SHOP - DAY

TEO (24) comes in in his red boiler suit, his hair now cropped close, one hand running over it as if to check it's still gone.

TEO
Morning.

INT. SHOP - LATER

Teo unzips the boiler suit to the waist.

TEO
Hot.
"""
    assert messages(script, None, ["prop"]) == []


def test_a_prop_described_as_enamel_is_not_every_enamel_thing():
    bible = """
props:
  nightcap_sign_new: "White enamel on steel, red letters: NIGHTCAP CLOSED. Bolted up sc 2."
"""
    script = """
INT. SHACK - DAWN

MAGS (50) pours coffee into a chipped blue enamel mug.

MAGS
Morning.
"""
    assert messages(script, bible, ["prop"]) == []


def test_a_place_as_it_was_in_the_past_is_not_what_it_lacks_now():
    bible = """
locations:
  nightcap:
    look: "Steep couloir; rope line of bamboo with orange flagging and a gate."
    in_1998: "No rope, no sign, just two old bamboo poles."
"""
    script = """
EXT. NIGHTCAP - DAY

A rope line of bamboo and orange flagging runs along the lip. MAGS (50) sidesteps along the rope.

MAGS
Sagging.
"""
    assert messages(script, bible, ["location"]) == []
    now = bible.replace("in_1998:", "today:")
    assert messages(script, now, ["location"], "rope")


def test_knots_on_a_rope_are_no_hair():
    bible = """
characters:
  - name: Owen
    age: 20
    hair: Blond, buzzed to a quarter inch.
  - name: Mags
    age: 50
"""
    script = """
EXT. RIDGE - DAY

MAGS (50) and OWEN (20) sidestep along the rope. Owen rubs his jaw.

{line}

OWEN
Fine.
"""
    assert messages(script.format(line="Mags and Owen sidestep along the rope, checking knots."), bible,
                    ["appearance"]) == []
    assert messages(script.format(line="Owen, hair in a tight knot at his crown, checks the rope."), bible,
                    ["appearance"], "long")


def test_a_name_given_when_asked_is_no_address():
    script = """
EXT. COULOIR - DAY

MAGS (50) kneels by BRAM (40). Bram coughs.

MAGS
Stay with me. What's your name?

BRAM
Tom... Tom Winter.

MAGS
Okay, Tom.
"""
    assert messages(script, None, ["address"]) == []
