"""A garment someone is held by is the held one's: "June hauls Tess up by the blue jacket"."""

from __future__ import annotations

from checkutil import audit_text

TEXT = """
    INT. BAR - NIGHT

    TESS (31) in a black jacket sits at the bar. JUNE (38) stands behind her, her hands on her hips.

    Somebody throws a chair. June hauls Tess up by the {colour} jacket and runs.
    """


def test_the_one_held_by_the_jacket_wears_it():
    r = audit_text(TEXT.format(colour="blue"), None, ["wardrobe"])
    assert [(f.line, f.character) for f in r.findings] == [(5, "TESS")]
    assert audit_text(TEXT.format(colour="black"), None, ["wardrobe"]).findings == ()
