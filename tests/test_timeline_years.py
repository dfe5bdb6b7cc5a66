"""Years told in speech: a duration beside a year, an age in a year, and a named past dated twice."""

from __future__ import annotations

from checkutil import audit_text

from continuity.checks.timeline_years import years_in

BIBLE = """
characters:
  HARRIET:
    age: 61
"""


def _years(*speech: str, bible: str | None = BIBLE) -> list[str]:
    lines = "\n\n".join(f"HARRIET\n{x}" if i % 2 == 0 else f"OWEN\n{x}" for i, x in enumerate(speech))
    text = f"""
    INT. PRINT SHOP - DAY

    SUPER: Monday, March 4, 2024

    HARRIET (61) inks the press. OWEN (30s) watches.

    {lines}
    """
    return [f.message for f in audit_text(text, bible, ["timeline"]).findings if "birth" in f.message
            or "do not meet" in f.message or "dates" in f.message]


def test_years_as_people_say_them():
    got = [(y.year, y.words) for y in years_in("I walked in here in '91, back in eighty-seven, Nineteen sixty-one, "
                                                "since oh-two, in 2009", 2024)]
    assert (1991, "'91") in got and (1961, "Nineteen sixty-one") in got and (2009, "2009") in got
    assert (2002, "since oh-two") in got and (1987, "back in eighty-seven") in got
    assert years_in("I'm twenty-five and I've got twenty-five dollars", 2024) == []
    assert [y.year for y in years_in("Eighty-seven.", 2024, fragments=True)] == [1987]


def test_a_duration_beside_a_year_must_reach_the_story_year():
    assert _years("Thirty-seven years I've run this press. Since 1987.", "Long time.") == []
    found = _years("Thirty-one years I've run this press. Since 1987.", "Long time.")
    assert found and "'Thirty-one years' and '1987' do not meet: 31 years from 1987 is 2018" in found[0]
    # a span in the past is not counted to now
    assert _years("He came every spring for thirty years. Had his photo up till it blew away in oh-nine.", "Huh.") == []


def test_an_age_in_a_year_against_the_bible_and_each_other():
    assert _years("I was twenty-two when I bought it, in 1985.", "Huh.") == []
    found = _years("I was twenty-two when I bought it, in 1991.", "Huh.")
    assert found and "'I was twenty-two' puts HARRIET's birth in 1969, but the bible's '61' puts it in 1963" in found[0]
    found = _years("I was twenty when I started here, in 1983.", "Huh.", "I was twenty-two when I bought it, in 1991.",
                   bible=None)
    assert any("1969, but HARRIET at 61 in 2024 puts it in 1963" in m for m in found)


def test_a_named_past_dated_twice():
    assert _years("Kestrel Point. August 2014. The night the ferry went down.", "I know.",
                  "Kestrel Point. Ten years ago.") == []
    found = _years("Kestrel Point. August 2014. The night the ferry went down.", "I know.",
                   "Kestrel Point. Six years ago.")
    assert found and "Kestrel Point, 'Six years ago', is 2018 in a story set in 2024" in found[0]


def test_a_year_on_screen_just_before_the_speech():
    def said(speech: str) -> list[str]:
        text = f"""
        INT. PRINT SHOP - DAY

        SUPER: Monday, March 4, 2024

        OWEN (30s) taps the brass plate on the press: HALL & SONS, 1987.

        HARRIET
        {speech}
        """
        return [f.message for f in audit_text(text, None, ["timeline"]).findings if "do not meet" in f.message]
    assert said("Thirty-seven years I've run this press.") == []
    found = said("Thirty years I've run this press.")
    assert found and "'Thirty years' and '1987' do not meet" in found[0]


def test_the_year_on_screen_is_cited_on_its_own_line():
    text = """
    INT. PRINT SHOP - DAY

    SUPER: Monday, March 4, 2024

    OWEN (30s) taps the brass plate on the press: HALL & SONS, 1987.
    He wipes his hands.

    HARRIET
    Thirty years I've run this press.
    """
    found = [f for f in audit_text(text, None, ["timeline"]).findings if "do not meet" in f.message]
    assert found and [e.line for e in found[0].evidence] == [5]
