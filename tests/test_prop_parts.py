"""Prop parts: a lid, a spout, a handle or laces in a colour or material the bible's entry for the prop contradicts."""

from __future__ import annotations

from checkutil import audit_text

from continuity.checks.prop_parts import parts_in

BIBLE = """
props:
  seed tin:
    look: dented green tin, a red hinged lid, Alma's initials scratched in the base
  hatchet:
    description: short camp hatchet, a hickory handle wrapped in black tape
  walking stick:
    look: a blackthorn stick, the knob carved in ivory
  ledger:
    description: school exercise book with ROUTES on the spine in white tape
"""


def _parts(*lines: str) -> list[tuple[int, str]]:
    body = "\n\n".join(lines)
    text = f"""
    INT. POTTING SHED - DAY

    ALMA (60s) sorts seed packets.

    ALMA
    Where did I put it.

    {body}
    """
    return [(f.line, f.message) for f in audit_text(text, BIBLE, ["prop"]).findings if "bible has" in f.message]


def test_a_part_in_another_colour_after_the_prop_is_named():
    found = _parts("She finds the seed tin behind the pots. Thumbs the yellow lid open.")
    assert len(found) == 1
    assert "the lid of the seed tin is yellow here ('yellow lid'), but the bible has 'red hinged lid' (red)" \
        in found[0][1]


def test_a_part_in_the_bible_colour_or_of_something_else_is_quiet():
    assert _parts("She finds the seed tin behind the pots. Thumbs the red lid open.") == []
    assert _parts("She finds the seed tin behind the pots. The yellow lid of the paint pot is stuck fast.") == []
    assert _parts("The yellow lid sticks.") == []  # no prop named near it


def test_a_new_part_is_a_change_not_a_slip():
    assert _parts("She finds the seed tin behind the pots. She fits a new yellow lid to it.") == []


def test_a_material_after_the_part_and_a_material_against_it():
    found = _parts("The hatchet hangs on its nail.", "She takes it down by its plastic handle.")
    assert len(found) == 1 and "(wood)" in found[0][1]
    found = _parts("She leans on the walking stick, her thumb on its brass knob.")
    assert len(found) == 1 and "carved in ivory" in found[0][1]


def test_lettering_on_a_part_is_not_its_colour():
    assert [p for p, *_ in parts_in("school exercise book with ROUTES on the spine in white tape", bible=True)] == []
    assert [(p, look.colour) for p, look, *_ in parts_in("a tin with a blue-lidded jar")] == [("lid", "blue")]
