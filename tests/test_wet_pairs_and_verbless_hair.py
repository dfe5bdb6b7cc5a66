"""Wet and dry as natural scripts say them: "her hair a dry white-blonde fuzz" (no verb, a compound colour),
"brushing down their dry coats" (the two who ran in the rain), and "Nell's head appears..., her hair..."."""

from __future__ import annotations

from checkutil import audit_text

from continuity.language import traits as tr
from continuity.language.parse import Parser


def _read(text):
    return [(t.key, t.value) for t in tr.read(Parser().parse(text))]


def test_a_compound_colour_is_the_colour_it_runs_into():
    assert ("hair.colour", "blonde") in _read("She has white-blonde hair.")
    assert ("hair.colour", "blonde") in _read("Her hair is a dry white-blonde fuzz in the sun.")


def test_hair_said_with_no_verb_carries_its_state():
    found = _read("Nell's head appears above the mat, her hair a dry white-blonde fuzz in the sun.")
    assert ("state.clothes.wet", "dry") in found and ("hair.colour", "blonde") in found


RAIN = """
    EXT. STREET - NIGHT

    Rain, hard and cold. MARA (30) and TOMAS (29) run up the street, heads down, no umbrella. Mara's dark hair is plastered flat, water streaming off the hem of her trench.

    MARA
    Here.

    TOMAS
    Go.

    INT. STAIRWELL - CONTINUOUS

    {line}
    """


def test_their_dry_coats_after_the_two_ran_through_the_rain():
    r = audit_text(RAIN.format(line="They burst in, brushing down their dry coats, and stand on the stone."), None,
                   ["appearance", "wardrobe"])
    assert [(f.line, f.character) for f in r.findings] == [(13, "MARA")]
    r = audit_text(RAIN.format(line="They burst in, brushing down their wet coats, and stand on the stone."), None,
                   ["appearance", "wardrobe"])
    assert r.findings == ()


POOL = """
    EXT. STREAM - DAY

    NELL (24) goes under and comes up gasping, soaked. MAGDA (40) hauls her out, her own boots dry.

    MAGDA
    Up.

    NELL
    Cold.

    EXT. BOULDER - CONTINUOUS

    Magda holds up a mat. {line}
    """


def test_the_one_whose_head_opens_the_sentence_owns_her_hair():
    r = audit_text(POOL.format(line="Nell's head appears above the mat, her hair a dry white-blonde fuzz in the sun."),
                   None, ["appearance", "wardrobe"])
    assert [(f.line, f.character) for f in r.findings] == [(13, "NELL")]
