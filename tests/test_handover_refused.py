"""A thing held out to be given back and refused ("Keep it. It's yours now.") is the holder's for good."""

from __future__ import annotations

from checkutil import messages

BIBLE = """
characters:
  - name: Mags
    age: 70
  - name: Pip
    age: 14
props:
  windlasses:
    mags_red: steel, red handle
"""

SCRIPT = """
EXT. LOCK - DUSK

MAGS (70) lobs her red-handled windlass across the chamber. PIP (14) catches it and winds.

PIP
Done.

Pip holds the windlass out to her grandmother.

MAGS
{answer}

EXT. LOCK COTTAGE - DAY

Mags comes down the lane with her shopping, her red-handled windlass through her belt.

PIP
Gran.
"""


def test_a_refused_return_makes_the_thing_the_holders():
    found = messages(SCRIPT.format(answer="Keep it. It's yours now."), BIBLE, ["prop"], "windlass")
    assert found and "gave it to PIP" in found[0] and "Keep it." in found[0]


def test_a_thing_taken_back_is_the_owners_again():
    assert messages(SCRIPT.format(answer="Ta, love."), BIBLE, ["prop"], "windlass") == []
