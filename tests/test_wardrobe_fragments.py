"""A look listed in verbless fragments after the sentence that brings someone on ("Beauchamp sits alone.
Charcoal pinstripe suit, spotless."), and garments the lexicon knows by their working names (a slicker)."""

from __future__ import annotations

from checkutil import audit_text

from continuity.language.lexicon import garment_kind

BIBLE = """
characters:
  - name: Beauchamp
    wardrobe:
      - item: ivory linen suit
  - name: June
    costume:
      day_1: yellow rain slicker over a red flannel shirt
"""

SCRIPT = """
    INT. BANK - DAY

    BEAUCHAMP (60) sits alone at the long table. {suit} pinstripe suit, spotless, as if the flood had gone around him.

    EXT. DOCK - NIGHT

    JUNE (29) runs down the dock. Curly black hair. A {slicker} rain slicker over a red flannel shirt.
    """


def _wardrobe(suit="Ivory", slicker="yellow"):
    r = audit_text(SCRIPT.format(suit=suit, slicker=slicker), BIBLE, ["wardrobe"])
    return [(f.line, f.message) for f in r.findings]


def test_a_verbless_description_is_the_look_of_the_one_just_named():
    found = _wardrobe(suit="Charcoal")
    assert [line for line, _ in found] == [3]
    assert found[0][1].startswith("BEAUCHAMP wears 'Charcoal pinstripe suit' here, but the bible has 'ivory linen suit'")
    assert _wardrobe() == []


def test_a_slicker_is_a_coat():
    assert garment_kind("yellow rain slicker") == "coat" and garment_kind("brown loafers") == "shoes"
    found = _wardrobe(slicker="green")
    assert [line for line, _ in found] == [7] and "green rain slicker" in found[0][1]


def test_a_fragment_after_two_people_is_no_ones():
    text = SCRIPT.format(suit="Ivory", slicker="green").replace("JUNE (29) runs down the dock.",
                                                                "JUNE (29) and BEAUCHAMP run down the dock.")
    assert not [f for f in audit_text(text, BIBLE, ["wardrobe"]).findings if f.line == 7]
