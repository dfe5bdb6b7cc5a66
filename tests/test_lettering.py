"""Lettering on a sign given again with one word or number slipped; dates, scores and signs redone on screen are not."""

from __future__ import annotations

from checkutil import messages

SCRIPT = """
EXT. BATHS - DAWN

Stone letters over the entrance read PUBLIC BATHS 1911. On the wall, an enamel sign: SLIPPER BATHS, with a painted hand.

IRIS
Morning.

EXT. BATHS - DAY

{line}

IRIS
Still here.
"""


def test_a_year_on_a_sign_slipped():
    found = messages(SCRIPT.format(line="Stone letters overhead: PUBLIC BATHS 1921."), "", ["location"], "lettering")
    assert found and "'1921' for '1911'" in found[0]
    assert messages(SCRIPT.format(line="Stone letters overhead: PUBLIC BATHS 1911."), "", ["location"], "lettering") == []


def test_a_word_on_a_sign_misspelt():
    found = messages(SCRIPT.format(line="Overhead: PUBLIC BARHS 1911."), "", ["location"], "lettering")
    assert found


def test_lettering_redone_on_screen_is_new():
    line = "Iris scrapes off the stone and paints the letters fresh: PUBLIC BATHS 1921."
    assert messages(SCRIPT.format(line=line), "", ["location"], "lettering") == []


def test_dates_and_scores_move_on():
    script = """
INT. GYM - NIGHT

SUPER: 5 NOVEMBER.

The scoreboard: HELLCATS 162, GHOSTS 171.

JO
Go.

INT. GYM - NIGHT

SUPER: 6 NOVEMBER.

The scoreboard: HELLCATS 167, GHOSTS 171.

JO
Again.
"""
    assert messages(script, "", ["location"], "lettering") == []
