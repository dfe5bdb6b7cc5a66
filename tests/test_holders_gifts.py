"""Gifts as natural scripts write them: a fragment with its subject left out ("Uncaps it. Hands it over."), "it"
in the next paragraph, a taker who is simply the next to act, a gift said ("For the road."), a dead owner's name
on the thing, a keepsake fastened round someone's throat, and "one" of something else."""

from __future__ import annotations

from checkutil import audit_text

PEN = """
    INT. LAB - NIGHT

    JONAH (24) prints the page. LUCAS (50) watches. Jonah pats his pockets. Nothing.

    Lucas reaches inside his fleece and produces a black fountain pen. Uncaps it. Hands it over.

    Jonah signs. Holds it out to give it back.

    LUCAS
    Keep it.

    INT. LAB - LATER

    {line}
    """

ZIPPO = """
    INT. DINER - DAY

    RAFE (30) eats, his head down, his cap on the seat.

    RAFE
    I'll get off at Shreveport.

    TESS (31) watches. She digs in her jacket pocket and pulls out the silver Zippo. Hesitates.

    Then she presses it into his palm.

    TESS
    For the road.

    EXT. HIGHWAY - DAY

    {line}
    """

CHAIN = """
    INT. FLAT - NIGHT

    ROSIE (24) waits at the table, her hands round her mug.

    FRANKIE (26) sits down. He is quiet, his eyes on the table.

    He reaches behind his neck, unclasps the St. Christopher, and leans across the table to fasten it round her throat.

    ROSIE
    Frankie.

    INT. GYM - NIGHT

    {line}
    """

CHAIN_BIBLE = """
props:
  - name: St. Christopher
    look: silver medal on a chain
"""


def _held(text, line, bible=None):
    r = audit_text(text.format(line=line), bible, ["wardrobe", "prop"])
    return [f.line for f in r.findings if "gave it to" in f.message]


def test_a_pen_handed_over_in_a_fragment_and_kept():
    assert _held(PEN, "Lucas initials the last page with his black fountain pen.") == [14]
    assert _held(PEN, "Jonah initials the last page with the black fountain pen.") == []


def test_a_zippo_pressed_into_a_palm_in_the_next_paragraph_for_the_road():
    bible = "props:\n  - name: Zippo\n    look: silver Zippo lighter\n"
    assert _held(ZIPPO, "Tess lights a cigarette with Roz's silver Zippo.", bible) == [17]
    assert _held(ZIPPO, "Rafe lights a cigarette with Roz's silver Zippo.", bible) == []


def test_a_keepsake_fastened_round_her_throat_is_hers_after():
    assert _held(CHAIN, "Frankie kisses the St. Christopher at his throat and climbs through the ropes.",
                 CHAIN_BIBLE) == [14]
    assert _held(CHAIN, "Rosie turns the St. Christopher at her throat.", CHAIN_BIBLE) == []


def test_one_of_two_coffees_is_not_the_coat():
    text = """
    EXT. STATION - DAY

    PELL (80) sits on the bench. DELIA (45) comes out in her peacoat with two coffees and hands him one.

    INT. STATION - LATER

    Delia hangs up her peacoat.
    """
    assert [f.line for f in audit_text(text, None, ["wardrobe"]).findings if "gave it to" in f.message] == []
