"""Ages said in dialogue in the shapes natural scripts use: "I'm sixty-two, and ...", and a name with its age
set off by commas, as a newsreader says it ("reporter Nora Vasquez, 31, published ...")."""

from __future__ import annotations

from checkutil import audit_text

BIBLE = """
characters:
  - name: Dagmar
    age: 67
  - name: Nora Vasquez
    age: 34
"""

SCRIPT = """
    INT. HOTEL ROOM - NIGHT

    DAGMAR (67) kneels by the bed. NORA (34) watches the TV.

    DAGMAR
    {dagmar}

    NEWSREADER (ON TV)
    {news}
    """


def _lines(dagmar="Go to sleep.", news="More rain tomorrow."):
    r = audit_text(SCRIPT.format(dagmar=dagmar, news=news), BIBLE, ["timeline"])
    return [(f.line, f.message) for f in r.findings]


def test_an_age_said_before_and_is_the_speakers():
    assert _lines(dagmar="I'm sixty-two, and I have knelt on more hotel floors than I can count.") == [
        (6, "\"I'm sixty-two, and\" makes DAGMAR 62, but the bible says '67'")]
    assert _lines(dagmar="I'm sixty-seven, and I have knelt on more hotel floors than I can count.") == []


def test_a_number_after_a_comma_that_is_not_an_age_is_left_alone():
    assert _lines(dagmar="I'm ten, maybe fifteen minutes out.") == []


def test_a_name_with_its_age_in_commas():
    assert _lines(news="...an investigation by reporter Nora Vasquez, 31, published on Saturday...") == [
        (9, "'Nora Vasquez, 31' makes NORA VASQUEZ 31, but the bible says '34'")]
    assert _lines(news="...an investigation by reporter Nora Vasquez, 34, published on Saturday...") == []


def test_an_age_given_with_its_distance_from_the_present():
    text = """
    INT. CAFE - DAY

    VIKTOR (48) wipes the counter.

    VIKTOR
    Coffee.

    EXT. BUDAPEST - NIGHT

    VIKTOR ({age}), the same man five years younger, runs along the wall.
    """
    found = [f.message for f in audit_text(text.format(age=34), None, ["timeline"]).findings]
    assert found == ["'VIKTOR (34), the same man five years younger' makes VIKTOR 39 now, but the script introduces "
                     "VIKTOR as 48 in scene 1"]
    assert audit_text(text.format(age=43), None, ["timeline"]).findings == ()
