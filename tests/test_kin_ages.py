"""An age said of someone's kin: "Your brother is thirty-one" said to Eva is her brother's age, by the bible."""

from __future__ import annotations

from checkutil import audit_text

BIBLE = """
characters:
  Tomas:
    age: 29
    family: sister Eva
  Eva:
    age: 27
  Vlk:
    age: 50
"""


def _ages(line: str) -> list[str]:
    text = f"""
    INT. OFFICE - DAY

    VLK (50) reads a file. EVA (27) waits. Vlk taps his pen. He frowns. Eva folds her hands. She waits.

    VLK
    {line}

    EVA
    He is ill.

    INT. FLAT - NIGHT

    TOMAS (29) coughs. He shivers.

    TOMAS
    Eva?
    """
    return [f.message for f in audit_text(text, BIBLE, ["timeline"]).findings if "TOMAS" in f.message]


def test_your_brother_is_the_bibles_brother():
    assert _ages("Your brother is thirty-one and he has never been late. Until today.") == [
        "'Your brother is thirty-one' makes TOMAS 31, but the bible says '29'"]
    assert _ages("Your brother is twenty-nine and he has never been late. Until today.") == []
    assert _ages("Your cousin is thirty-one and he has never been late.") == []  # no cousin in the bible


def test_a_bible_dress_tells_her_gender_when_the_script_does_not():
    from continuity.bible.load import parse_bible
    from continuity.screenplay.readers import fountain
    from continuity.story.context import context_for

    script = fountain.parse("INT. SALOON - DAY\n\nNELL pours.\n\nNELL\nWhat'll it be?\n", source="t.fountain")
    bible = parse_bible("characters:\n  Nell:\n    rigs: plum-coloured dress, sleeves pushed up\n")
    assert context_for(script, bible).cast.gender.get("NELL") == "f"
    assert context_for(script, None).cast.gender.get("NELL") is None


def test_a_grown_man_of_thirty_four():
    text = """
    INT. OFFICE - DAY

    VLK (50) reads a file. EVA (27) waits. Vlk taps his pen. He frowns. Eva folds her hands. She waits.

    EVA
    And Tomas?

    VLK
    He's a grown man of thirty-one with a good job.

    INT. FLAT - NIGHT

    TOMAS (29) coughs. He shivers.

    TOMAS
    Eva?
    """
    found = [f.message for f in audit_text(text, BIBLE, ["timeline"]).findings if "TOMAS" in f.message]
    assert found == ["\"He's a grown man of thirty-one\" makes TOMAS 31, but the bible says '29'"]
