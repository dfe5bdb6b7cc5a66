from __future__ import annotations

from checkutil import audit_text

SCRIPT = """
INT. LIGHTHOUSE - LANTERN ROOM - NIGHT

Mara pushes open the blue door.

INT. COTTAGE - NIGHT

The red door of the cottage bangs.

INT. LIGHTHOUSE - LANTERN ROOM - DAY

Mara pushes open the red door of the lantern room. A red door in the painting.
"""


def test_feature_colour_changes_at_one_location():
    r = audit_text(SCRIPT, None, ["location"])
    [f] = r.findings
    assert (f.scene, f.line, f.severity) == (3, 11, "warning")
    assert f.evidence[0].line == 3


def test_bible_location_attribute_matches_sub_locations():
    bible = """
    locations:
      - name: LIGHTHOUSE
        attributes: {door: blue}
    """
    r = audit_text(SCRIPT, bible, ["location"])
    [f] = r.findings
    assert (f.scene, f.severity) == (3, "error")
    assert f.evidence[0].bible == "locations.LIGHTHOUSE.attributes.door"
