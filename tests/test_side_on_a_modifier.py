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


def test_the_arm_a_sling_holds():
    def sides(text):
        return [(t.key, t.value) for t in tr.read(Parser().parse(text)) if t.key == "side.injury.arm"]
    assert ("side.injury.arm", "left") in sides("The navy sling holds his left arm against his chest; the silver "
                                                "camera hangs from his right hand.")
    assert ("side.injury.arm", "left") in sides("His left arm rests in a navy sling.")
    assert sides("The cast bows as she raises her right hand.") == []
    assert sides("Eli, the sling hung over the towel rail, lathers his beard with his left hand.") == []


def test_the_milky_right_one_is_the_eye_named_before():
    def eye(text):
        return [(t.key, t.value) for t in tr.read(Parser().parse(text)) if t.key == "side.eye"]
    assert eye("He turns his good eye to her, the milky right one turned away.") == [("side.eye", "right")]
    assert eye("He turns to her, his eye on the good left one.") == [("side.eye", "right")]
    assert eye("The milky right one, she says, is the best marble.") == []
