"""States said in set phrases: mud to the thighs, blood from a nose, a wave that soaks someone, "bone dry"
after a comma, a face and hands "spotless", not a drop of blood down a shirt; each against the continuous
scene before, with its clean twin."""

from __future__ import annotations

import pytest
from checkutil import messages

SCRIPT = """
EXT. MARSH - DAY

DANIEL (35) and NADIA (30) cross the marsh. Daniel rubs his jaw. Nadia fixes her hair. {first}

DANIEL
Help.

INT. BOILING HOUSE - {when}

{second}

NADIA
There.
"""

CASES = [
    ("Daniel sinks to his thighs in grey mud.", "Daniel, jeans clean and dry, stands by the firebox.", "clean"),
    ("Black pigment smears across Nadia's cheek and both hands.",
     "Nadia, her cheek and hands spotless, cleans the cut with saline.", "spotless"),
    ("Blood sprays from Daniel's nose.", "Daniel is propped against the wall, his face and white collar still clean.",
     "still clean"),
    ("Daniel's blood runs onto his navy T-shirt.",
     "Daniel drags a sheet in, not a drop of blood down the front of his navy T-shirt.", "not a drop"),
    ("A wave soaks Nadia to the skin.", "Nadia comes in, bone dry.", "bone dry"),
]


@pytest.mark.parametrize("first,second,word", CASES)
def test_a_state_said_clean_in_the_continuous_scene_is_flagged(first, second, word):
    found = messages(SCRIPT.format(first=first, second=second, when="CONTINUOUS"), None, ["wardrobe", "appearance"])
    assert found and "changed in scene 1" in found[0], found


@pytest.mark.parametrize("first,second,word", CASES)
def test_without_the_event_nothing_is_flagged(first, second, word):
    assert messages(SCRIPT.format(first="They stop.", second=second, when="CONTINUOUS"), None,
                    ["wardrobe", "appearance"]) == []


def test_clean_clothes_a_scene_later_are_a_change_off_screen():
    script = SCRIPT.format(first="Daniel sinks to his thighs in grey mud.", when="NIGHT",
                           second="Daniel stands at the telephone, in clean jeans borrowed from a dead man's drawer.")
    assert messages(script, None, ["wardrobe", "appearance"]) == []
