"""A ring said after a comma that follows the hand it is on: "lifts his left hand, the gold band dull"."""

from __future__ import annotations

from checkutil import messages

BIBLE = """
characters:
  - name: Cas
    age: 68
    hands: Plain gold wedding band on his RIGHT hand
"""

SCRIPT = """
INT. LOUNGE - NIGHT

CAS (68) sits by the lamp.

CAS
Well.

Cas lifts his {side} hand, the gold band dull in the lamplight, and presses a knuckle to one eye.
"""


def test_the_ring_on_the_other_hand_is_flagged():
    found = messages(SCRIPT.format(side="left"), BIBLE, ["appearance"], "ring")
    assert found and "left" in found[0] and "RIGHT" in found[0]


def test_the_ring_on_its_hand_is_not():
    assert messages(SCRIPT.format(side="right"), BIBLE, ["appearance"]) == []
