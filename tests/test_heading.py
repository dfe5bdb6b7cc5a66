"""Scene headings and cues (shared by both readers)."""

from __future__ import annotations

import pytest

from continuity.screenplay.heading import is_heading, normalise_time, parse_cue, parse_heading


@pytest.mark.parametrize(
    "text, setting, location, time",
    [
        ("INT. HOUSE - DAY", "INT", "HOUSE", "DAY"),
        ("int. house - day", "INT", "HOUSE", "DAY"),
        ("EXT HOUSE NIGHT", "EXT", "HOUSE", "NIGHT"),
        ("I/E. CAR - MOVING - DUSK", "INT/EXT", "CAR - MOVING", "DUSK"),
        ("INT./EXT. LIGHTHOUSE - LANTERN ROOM - CONTINUOUS", "INT/EXT", "LIGHTHOUSE - LANTERN ROOM", "CONTINUOUS"),
        ("INT. RM 412, SAME", "INT", "RM 412", "SAME"),
        ("INT. LANDCRUISER, DRIVING -- A BIT LATER", "INT", "LANDCRUISER - DRIVING", "LATER"),
        ("EXT. FIELD - (PRESENT) DAY", "EXT", "FIELD", "DAY"),
        ("EXT. DOCK - PRE-DAWN", "EXT", "DOCK", "DAWN"),
        ("EXT. BEACH - MAGIC HOUR", "EXT", "BEACH", "DUSK"),
        ("EST. CITY - MOMENTS LATER", "EST", "CITY", "LATER"),
    ],
)
def test_parse_heading(text, setting, location, time):
    h = parse_heading(text)
    assert (h.setting, h.location, h.time) == (setting, location, time)


def test_scene_number_year_and_flashback():
    h = parse_heading("INT. HOUSE - DAY - FLASHBACK (1944) #110A#")
    assert h.number == "110A" and h.year == 1944 and h.is_flashback and h.time == "DAY"
    assert parse_heading("INT. X - NIGHT [FLASHBACK]").is_flashback
    assert not parse_heading("INT. X - NIGHT (1987)").is_flashback


def test_is_heading():
    assert is_heading("INT. HOUSE - DAY") and is_heading("i/e house day")
    assert not is_heading("INTERESTING THINGS HAPPEN.") and not is_heading("EXTRA! EXTRA!")


def test_normalise_time():
    assert normalise_time("TWO DAYS LATER") == "LATER"
    assert normalise_time("the next morning") == "MORNING"
    assert normalise_time("DRIVING") is None


def test_parse_cue():
    assert parse_cue("EDWARD (V.O.)(CONT'D)") == ("EDWARD", ("V.O.", "CONT'D"), False)
    assert parse_cue("EVE ^") == ("EVE", (), True)
    assert parse_cue("@McCLANE") == ("MCCLANE", (), False)
