from __future__ import annotations

from checkutil import audit_text

SCRIPT = """
EXT. CLIFF PATH - NIGHT

Tom, in a red rain jacket, climbs.

TOM
Nearly there.

INT. COTTAGE - CONTINUOUS

Tom zips up his yellow rain jacket.

INT. COTTAGE - DAY

Tom wears a blue jacket now that the storm has passed.
"""


def test_colour_change_within_continuous_span_is_an_error():
    r = audit_text(SCRIPT, None, ["wardrobe"])
    [f] = r.findings
    assert (f.scene, f.line, f.severity, f.character) == (2, 10, "error", "TOM")
    assert f.evidence[0].line == 3


def test_change_across_time_is_fine_but_bible_ranges_are_enforced():
    bible = """
    characters:
      - name: TOM
        wardrobe: [{item: red rain jacket, scenes: "1-3"}]
    """
    r = audit_text(SCRIPT, bible, ["wardrobe"])
    assert [(f.scene, f.severity) for f in r.findings] == [(2, "error"), (3, "error")]
    assert r.findings[1].evidence[0].bible == "characters.TOM.wardrobe[0]"


def test_announced_change_resets():
    r = audit_text(
        """
        INT. COTTAGE - NIGHT

        Tom, in a red jacket, shivers. He takes it off and puts on his dry green jacket.

        TOM
        Better.
        """,
        None,
        ["wardrobe"],
    )
    assert r.findings == ()


def test_handing_a_garment_is_not_wearing_it():
    r = audit_text(
        """
        INT. COTTAGE - NIGHT

        Tom, in a red jacket, shivers.

        Mara hands Tom a yellow jacket.

        TOM
        Thanks.
        """,
        None,
        ["wardrobe"],
    )
    assert r.findings == ()


def test_a_change_recorded_in_the_bible_is_not_flagged_within_the_span():
    bible = """
    characters:
      - name: TOM
        wardrobe:
          - {item: red rain jacket, scenes: "1"}
          - {item: yellow rain jacket, scenes: "2-"}
    """
    r = audit_text(SCRIPT, bible, ["wardrobe"])
    # Scene 2's yellow jacket is canon now; scene 3's blue one contradicts the bible.
    assert [(f.scene, f.severity) for f in r.findings] == [(3, "error")]
