from __future__ import annotations

from checkutil import audit_text

from continuity.screenplay.readers import fountain
from continuity.story.time import read_time


def test_daylight_in_a_night_scene():
    r = audit_text(
        """
        INT. LANTERN ROOM - NIGHT

        Noon sun blazes through the windows.

        INT. LANTERN ROOM - DAY

        The afternoon sun blazes overhead.
        """,
        None,
        ["timeline"],
    )
    [f] = r.findings
    assert (f.scene, f.line, f.severity) == (1, 3, "error")
    assert f.evidence[0].text == "INT. LANTERN ROOM - NIGHT"


def test_continuous_inherits_time():
    r = audit_text(
        """
        EXT. CLIFF - NIGHT

        Wind. Rain.

        INT. COTTAGE - CONTINUOUS

        Bright morning sunlight floods the kitchen.
        """,
        None,
        ["timeline"],
    )
    [f] = r.findings
    assert f.scene == 2 and "continuous from scene 1" in f.message and f.evidence[0].scene == 1


def test_continuous_heading_with_opposite_time():
    r = audit_text(
        """
        EXT. CLIFF - NIGHT

        Wind.

        INT. COTTAGE - DAY - CONTINUOUS

        Quiet.
        """,
        None,
        ["timeline"],
    )
    assert [(f.scene, f.severity) for f in r.findings] == [(2, "warning")]


def test_story_days_and_spans():
    s = fountain.parse(
        "INT. A - DAY\n\nx\n\nINT. B - NIGHT\n\nx\n\nINT. C - MORNING\n\nx\n\nINT. D - CONTINUOUS\n\nx\n\n"
        "INT. E - FLASHBACK - DAY\n\nx\n\nINT. F - THREE DAYS LATER\n\nx\n"
    )
    st = read_time(s)
    # THREE DAYS LATER counts three days from day 2 (it used to count any jump as one day).
    assert [t.day for t in st.scenes] == [1, 1, 2, 2, None, 5]
    assert [t.story_day for t in st.scenes] == ["D1", "N1", "D2", "D2", "FB1", "D5"]
    assert [t.time for t in st.scenes][:4] == ["DAY", "NIGHT", "MORNING", "MORNING"]
    assert st.scenes[2].span == st.scenes[3].span


# -- issue 19: sky words in names, lapses, weekdays and dates, ages --------------------------------


def _msgs(text, bible=None):
    return [(f.line, f.message) for f in audit_text(text, bible, ["timeline"]).findings]


def test_a_sky_word_inside_the_name_of_a_thing_is_not_a_cue():
    assert _msgs("""
        INT. GALLERY - DAY

        Odile wears her crescent-moon earrings and a moon pendant.

        EXT. DECK - NIGHT

        Sun-bleached planks creak under his boots.
        """) == []


def test_a_low_evening_sun_or_a_bar_of_sun_in_a_night_scene():
    found = _msgs("""
        INT. DINING CAR - NIGHT

        Outside, flat gold fields under a low evening sun.

        EXT. JETTY - NIGHT

        A last bar of sun slides in under the cloud.
        """)
    assert [line for line, _ in found] == [3, 7]
    assert "'evening sun' describes daylight" in found[0][1]


def test_ten_minutes_after_dusk_is_not_dawn_and_an_hour_after_dawn_is_not_night():
    found = _msgs("""
        EXT. HENRY STREET - DUSK

        They walk.

        EXT. PROMENADE - DAWN

        Ten minutes later, the bridge is strung with lights.

        INT. TRAIN - DAWN

        Grey light.

        EXT. PLATFORM - NIGHT

        An hour later. Gulls.
        """)
    assert [line for line, _ in found] == [5, 13]
    assert "'Ten minutes later' after scene 1 (DUSK)" in found[0][1]


def test_lapses_that_fit_are_quiet():
    assert _msgs("""
        EXT. HENRY STREET - DUSK

        They walk.

        EXT. PROMENADE - NIGHT

        Ten minutes later, the bridge is strung with lights.
        """) == []


def test_three_days_after_thursday_is_not_saturday():
    found = _msgs("""
        INT. WINCH HOUSE - DAY

        SUPER: "THURSDAY."

        Grease.

        EXT. HELIPAD - DAY

        SUPER: "THREE DAYS LATER."

        Saturday morning. Blue sky.
        """)
    assert [line for line, _ in found] == [9]
    assert "makes it Sunday" in found[0][1] and "'THURSDAY'" in found[0][1]
    assert _msgs("""
        INT. WINCH HOUSE - DAY

        SUPER: "THURSDAY."

        Grease.

        EXT. HELIPAD - DAY

        SUPER: "THREE DAYS LATER."

        Sunday morning. Blue sky.
        """) == []


def test_a_date_said_on_a_day_the_count_pins_down():
    found = _msgs("""
        EXT. PLATFORM - NIGHT

        SUPER: "MUNICH. TUESDAY 12 NOVEMBER 2024."

        The train leaves.

        INT. CORRIDOR - DAWN

        VERA
        Thursday. The fourteenth. Unlucky for somebody.
        """)
    assert [line for line, _ in found] == [10]
    assert "Wednesday 13 November" in found[0][1]


def test_a_super_whose_weekday_is_not_its_date():
    found = _msgs("""
        EXT. PLATFORM - NIGHT

        SUPER: "MUNICH. FRIDAY 12 NOVEMBER 2024."

        The train leaves.
        """)
    assert len(found) == 1 and "was a Tuesday" in found[0][1]


def test_an_age_said_in_dialogue_against_the_script_and_the_bible():
    text = """
        INT. APARTMENT - NIGHT

        NORA (33) paces. MAGGIE watches.

        MAGGIE
        You're thirty-six years old and you invented an architect.

        NORA
        I panicked.
        """
    found = _msgs(text)
    assert [line for line, _ in found] == [6] and "introduces NORA as 33" in found[0][1]
    assert _msgs(text.replace("thirty-six", "thirty-three")) == []
    bible = """
        characters:
          - name: NORA
            attributes: {age: "41"}
        """
    found = _msgs(text.replace("NORA (33)", "NORA"), bible)
    assert len(found) == 1 and "the bible says '41'" in found[0][1]


def test_a_younger_self_in_a_dated_flashback_against_the_present():
    text = """
        EXT. HELIPAD - DAY

        SUPER: "SKARVOY. MONDAY 10 OCTOBER 2039."

        MAREN (44) waits.

        EXT. TRAWLER - DAY (FLASHBACK)

        SUPER: "LOFOTEN, 1999."

        YOUNG MAREN (9) coils rope.

        YOUNG MAREN
        Dad!
        """
    found = _msgs(text)
    assert [line for line, _ in found] == [9] and "makes MAREN 4 in 1999" in found[0][1]
    assert _msgs(text.replace("(9)", "(4)")) == []


def test_i_was_twelve_before_a_flashback_that_shows_fifteen():
    found = _msgs("""
        INT. COMPARTMENT - DAY

        VERA
        I was twelve. My father told me to stay on the train.

        INT. STATION - DAY (FLASHBACK)

        YOUNG VERA (15) stands on the platform.
        """)
    assert [line for line, _ in found] == [4] and "YOUNG VERA at 15" in found[0][1]
