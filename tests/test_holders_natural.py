"""Hand-overs as natural scripts write them: a garment held out and put on by the other ("He puts it on."),
someone "in her denim jacket" (hers, on him), "her jacket buttoned to the chin" (on her), and "again"."""

from __future__ import annotations

from checkutil import audit_text

SCRIPT = """
    EXT. ROADHOUSE - NIGHT

    FINN (22) stands by the door, shivering. ROO (32) looks at him, then takes off her denim jacket and holds it out.

    FINN
    I'm fine.

    ROO
    You're blue. Take it.

    He puts it on. It's short in the arms on him.

    EXT. ROADHOUSE - VERANDAH - CONTINUOUS

    {line}
    """


def _held(line):
    r = audit_text(SCRIPT.format(line=line), None, ["wardrobe", "prop"])
    return [(f.line, f.message) for f in r.findings]


def test_the_giver_buttoned_into_what_the_other_put_on():
    found = _held("Roo, her denim jacket buttoned to the chin, hugs herself against the cold.")
    assert [line for line, _ in found] == [15]
    assert "ROO has the jacket here" in found[0][1] and "ROO gave it to FINN in scene 1" in found[0][1]


def test_the_taker_in_her_jacket_is_no_finding():
    assert _held("Roo hugs herself against the cold. Finn, in her denim jacket, rolls a cigarette for her.") == []
    assert _held("Roo hugs herself. Finn sits at the end of the bar in Roo's denim jacket.") == []


def test_wearing_it_again_is_having_it_back():
    assert _held("Roo stands by the office door, wearing her denim jacket again.") == []
