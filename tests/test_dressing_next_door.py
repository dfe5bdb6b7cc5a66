"""Sets next door and things named by their key: "door: egg-yolk yellow with a brass 7" seen from the stairwell."""

from __future__ import annotations

from checkutil import audit_text

BIBLE = """
locations:
  Harbour Row 9 stairwell: bare bulb, lino worn through on the turns
  Attic flat (Harbour Row 9, top floor):
    interior: one room, iron bed, two bunk frames, no mattresses
    door: egg-yolk yellow with a brass 9
  Harbour Row 12: grey pebbledash, a blue door
"""


def _flags(*lines: str) -> list[str]:
    body = "\n\n".join(lines)
    text = f"""
    INT. HARBOUR ROW 9 - STAIRWELL - NIGHT

    {body}
    """
    return [f.message for f in audit_text(text, BIBLE, ["location"]).findings if f.severity in ("error", "warning")]


def test_a_door_next_door_named_by_its_detail():
    found = _flags("Ines stops on the top landing. The blue door with its brass 9 stands an inch ajar.")
    assert found and "is blue here ('blue door'), but the bible has 'egg-yolk yellow door'" in found[0]
    assert _flags("Ines stops on the top landing. The yellow door with its brass 9 stands an inch ajar.") == []
    # without a detail the bible gives it, a door on the stairs may be any door
    assert _flags("Ines stops on the top landing. The blue door of the fuse cupboard stands ajar.") == []


def test_a_thing_said_to_be_gone_is_not_there():
    text = """
    INT. ATTIC FLAT - NIGHT

    Two bunk frames, the mattresses long gone.
    """
    assert [f for f in audit_text(text, BIBLE, ["location"]).findings if "mattress" in f.message] == []

