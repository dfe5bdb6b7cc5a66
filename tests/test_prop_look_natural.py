"""Prop looks read from natural bibles: the noun a description opens with, a character's own listed things,
a colour in a hyphenated word, a thing of two materials, and capitals printed on a prop."""

from __future__ import annotations

from checkutil import audit_text


def _msgs(text, bible):
    return [(f.line, f.message) for f in audit_text(text, bible, ["prop"]).findings]


LEDGER = """
    INT. CONTROL ROOM - NIGHT

    Miriam lifts out a heavy ledger and sets it on the desk.

    INT. CONTROL ROOM - DAY

    The {colour} ledger lies open on the curved desk.
    """

LEDGER_BIBLE = """
props:
  observing log:
    description: Heavy GREEN clothbound ledger, "KR-7" stencilled in white on the spine.
  polaroid:
    description: white border, brown coffee-ring stain in the corner
"""


def test_a_prop_is_found_by_the_noun_its_description_opens_with():
    found = _msgs(LEDGER.format(colour="black"), LEDGER_BIBLE)
    assert found == [(7, "the observing log is black here ('black ledger'), but the bible has "
                         "'GREEN clothbound ledger' (green)")]
    assert _msgs(LEDGER.format(colour="green"), LEDGER_BIBLE) == []


def test_a_part_a_description_opens_with_does_not_name_the_prop():
    text = LEDGER.format(colour="green") + "\n    A red border runs round the noticeboard.\n"
    assert _msgs(text, LEDGER_BIBLE) == []


TORCH = """
    EXT. DOCK - NIGHT

    CAL (50) walks the dock.

    INT. CABIN - NIGHT

    Cal stands in the doorway, his {colour} Maglite switched off.
    """

TORCH_BIBLE = """
characters:
  cal:
    name: Cal
    hair: grey
    props: long BLACK Maglite, clipboard
"""


def test_a_characters_listed_thing_keeps_its_colour():
    found = _msgs(TORCH.format(colour="yellow"), TORCH_BIBLE)
    assert found == [(7, "Cal's Maglite is yellow here ('yellow Maglite'), but the bible has 'BLACK Maglite' (black)")]
    assert _msgs(TORCH.format(colour="black"), TORCH_BIBLE) == []


SCORE = """
    INT. HOTEL ROOM - NIGHT

    LENA (24) opens her case. A thick score bound in faded red cloth -- CHOPIN, NOCTURNES stamped in gold on the spine.

    INT. PRACTICE ROOM - DAY

    Her {colour}-bound Chopin score lies open on the music stand. A brass-and-mahogany metronome ticks beside it.
    """

SCORE_BIBLE = """
props:
  chopin score:
    look: thick score bound in faded RED cloth, CHOPIN, NOCTURNES stamped in gold on the spine
  metronome:
    look: brass pyramid metronome
"""


def test_a_colour_in_a_hyphenated_word_and_capitals_printed_on_a_prop():
    found = _msgs(SCORE.format(colour="blue"), SCORE_BIBLE)
    assert [line for line, _ in found] == [7]
    assert found[0][1].startswith("the chopin score is blue here ('blue-bound Chopin score')")
    assert _msgs(SCORE.format(colour="red"), SCORE_BIBLE) == []


LIGHTER_BIBLE = """
props:
  dead-letter lighter: heavy brass cigarette lighter, stag's head engraved on one face; base unscrews
"""

LIGHTER = """
    INT. BORDER POST - DAY

    TOMAS (29) waits at the barrier.

    TOMAS
    Papers.

    INT. CAR - DAY

    Tomas fumbles the {metal} lighter out of his jacket pocket and holds it out.
    """


def test_two_metals_of_their_own_colours_and_a_noun_the_parser_missed():
    found = _msgs(LIGHTER.format(metal="chrome"), LIGHTER_BIBLE)
    assert found == [(10, "the dead-letter lighter is chrome here ('chrome lighter'), but the bible has "
                          "'heavy brass cigarette lighter' (brass)")]
    assert _msgs(LIGHTER.format(metal="brass"), LIGHTER_BIBLE) == []
