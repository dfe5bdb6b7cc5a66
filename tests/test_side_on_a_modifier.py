"""A side the parser hangs on another modifier: "on the RIGHT little finger" (RIGHT on "little", not "finger")."""

from __future__ import annotations

from checkutil import audit_text

from continuity.language import traits as tr
from continuity.language.parse import Parser


def test_a_side_hung_on_little_is_the_fingers():
    parse = Parser().parse("gold signet ring on the RIGHT little finger")
    assert [(t.key, t.value) for t in tr.read(parse, about_one=True)] == [("side.ring", "right")]


def test_a_bandage_done_again_is_a_bandage():
    text = """
    EXT. DIG SITE - DAY

    A sandstone edge slices across Tomas's left palm. Tomas wraps his left hand in white tape.

    TOMAS
    Fine. I'm fine.

    EXT. DIG SITE - LATER

    Tomas re-wraps his right hand, the old gauze coming off brown and stiff.
    """
    found = [f.message for f in audit_text(text, None, ["appearance"]).findings]
    assert any("right" in m and "left" in m for m in found)
