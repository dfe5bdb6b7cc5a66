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


def test_aligned_pass_finds_a_feature_described_without_the_pattern():
    """Embeddings find the sentence about the lantern room's door; the colour decides."""
    from continuity.language.minilm import MiniLM

    bible = """
    locations:
      - name: LIGHTHOUSE - LANTERN ROOM
        attributes: {door: blue}
    """
    script = """
    INT. LIGHTHOUSE - LANTERN ROOM - NIGHT

    The lantern room door, painted red years ago, swings open.

    The sea is blue tonight.

    INT. COTTAGE - NIGHT

    The cottage door, painted red, bangs in the wind.
    """
    r = audit_text(script, bible, ["location"], embedder=MiniLM(backend="numpy"))
    [f] = r.findings
    assert (f.scene, f.line, f.severity) == (1, 3, "error")
    assert f.to_dict()["similarity"] >= 0.5
