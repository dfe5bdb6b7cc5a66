"""Story time: story days (D1, N1, FB1), times of day and why, from headings, cards, supers and the action."""

from __future__ import annotations

import textwrap

from continuity.screenplay.readers import fountain
from continuity.story.time import read_time


def _days(text: str, fixes: dict | None = None):
    script = fountain.parse(textwrap.dedent(text).lstrip("\n"))
    st = read_time(script, fixes=fixes)
    return [t.story_day for t in st.scenes], [t.time for t in st.scenes], st


def test_night_then_day_is_a_new_day_and_a_jump_counts_its_days():
    days, times, _ = _days("""
        INT. KITCHEN - DAY

        Ada eats.

        EXT. YARD - NIGHT

        Crickets.

        INT. KITCHEN - MORNING

        Ada yawns.

        INT. SHED - TWO DAYS LATER

        Dust.

        EXT. ROAD - DAY

        SUPER: "A FEW DAYS LATER"

        Heat.
        """)
    assert days == ["D1", "N1", "D2", "D4", "D7"]
    # A jump with no time of day is not the previous scene's MORNING carried over.
    assert times[3] == "DAY"


def test_continuous_and_later_take_the_time_they_continue_and_dawn_breaking_turns_the_day():
    days, times, st = _days("""
        INT. CABIN - NIGHT

        She checks her watch. 4:52.

        EXT. CABIN - CONTINUOUS

        The night is giving up. The far bank is a grey line, then a gold one.

        INT. CABIN - LATER

        Coffee.
        """)
    assert days == ["N1", "D2", "D2"]
    assert times == ["NIGHT", "DAWN", "DAWN"]
    assert st.scenes[1].continues == 1 and st.scenes[0].span == st.scenes[1].span


def test_a_heading_without_a_time_reads_the_action_then_the_card_before_it():
    days, times, st = _days("""
        EXT. LANDING - DUSK

        Fog.

        INT. MARA'S TRUCK

        Dark road. Wipers.

        INT. HOUSE

        Quiet.

        > THAT NIGHT

        INT. KITCHEN

        A kettle.
        """)
    assert times == ["DUSK", "NIGHT", "NIGHT", "NIGHT"]
    assert days == ["D1", "N1", "N1", "N1"]
    assert "Dark road" in st.scenes[1].time_source and "carried" in st.scenes[2].time_source


def test_flashback_cards_sit_outside_the_count_and_the_present_resumes():
    days, _, st = _days("""
        INT. WREN'S ROOM - NIGHT

        PETER sits on the bed.

        PETER
        Grandpa fell in.

        FLASHBACK:

        EXT. LAKE - NIGHT

        SUPER: "TWENTY YEARS EARLIER"

        HENRY (44) wades out.

        END FLASHBACK

        INT. WREN'S ROOM - CONTINUOUS

        Peter tucks the quilt.

        > THE NEXT MORNING <

        INT. KITCHEN - MORNING

        Toast.
        """)
    assert days == ["N1", "FB1", "N1", "D2"]
    assert st.scenes[2].continues == 1  # the scene it continues is the present one, not the flashback


def test_a_marked_flashback_then_moments_later_is_the_present_again():
    days, times, _ = _days("""
        EXT. RIVER - MORNING

        MARA stares at the water. TEO waits.

        EXT. RIVER - NIGHT (FLASHBACK)

        YOUNG MARA (12) sits on the deck.

        YOUNG MARA
        How high is too high?

        EXT. RIVER - MOMENTS LATER

        Mara, grown, still staring. Teo waits her out.
        """)
    assert days == ["D1", "FB1", "D1"]
    assert times == ["MORNING", "NIGHT", "MORNING"]


def test_a_younger_self_is_the_past_and_each_past_day_its_own_number():
    days, _, _ = _days("""
        INT. KITCHEN - DAY

        WILL (29) reads.

        INT. BEDROOM - NIGHT

        Will (6) sits in his pajamas.

        EXT. GATE - NIGHT

        The gate creaks.

        EXT. PORCH - DAY

        The porch, years later.

        EXT. GATE - NIGHT

        The gate again.

        INT. KITCHEN - DAY

        WILL
        Anyway.
        """)
    # The porch is another past day; the gate again is the night it cut away from.
    assert days[:5] == ["D1", "FB1", "FB1", "FB2", "FB1"]


def test_dates_move_the_count_and_weekdays_are_known():
    days, _, st = _days("""
        INT. APARTMENT - DUSK

        SUPER: "MONDAY, NOVEMBER 4"

        June irons.

        INT. WARD - NIGHT

        Monitors.

        INT. APARTMENT - MORNING

        SUPER: "FRIDAY, NOVEMBER 8"

        Coffee.
        """)
    assert days == ["D1", "N1", "D5"]
    assert [t.weekday for t in st.scenes] == [0, 0, 4]
    assert st.scenes[2].month_day == (11, 8)


def test_a_weekday_said_moves_a_day_nothing_else_moved():
    days, _, st = _days("""
        EXT. PARK - DAY

        SUPER: "SUNDAY."

        Dogs.

        INT. OFFICE - DAY

        DEV
        It's Monday. Smile.
        """)
    assert days == ["D1", "D2"] and st.scenes[1].weekday == 0 and "weekday said" in st.scenes[1].day_source


def test_a_dream_between_sleep_and_waking_has_no_time_and_says_why():
    days, times, st = _days("""
        INT. BREAK ROOM - NIGHT

        June sits down for one minute. Her eyes close.

        .A FIELD OF WHITE SHEETS

        Sheets on lines. No sky.

        INT. BREAK ROOM - NIGHT

        June jolts awake.
        """)
    assert days == ["N1", "FB1", "N1"]
    assert times[1] is None and "dream" in st.scenes[1].why_no_time


def test_pre_dawn_keeps_the_night_and_a_fixed_day_sticks():
    days, _, _ = _days("""
        INT. HOSPITAL - NIGHT

        Waiting.

        INT. HOSPITAL - PRE-DAWN

        Blue light.

        INT. HOSPITAL - DAY

        Sun.

        INT. BEDROOM - DAY #40A#

        A tie.

        EXT. CEMETERY - DAY

        Rain.
        """, fixes={"40A": "D5"})
    assert days == ["N1", "N1", "D2", "D5", "D5"]


def test_a_story_told_at_the_end_of_a_scene_is_the_past():
    days, _, _ = _days("""
        INT. GUEST ROOM - NIGHT

        EDWARD
        During the four weeks I was in the hospital, the postmaster caught up with me.

        INT. HOSPITAL - DAY

        Edward sorts mail.

        INT. GUEST ROOM - NIGHT [PRESENT]

        Josephine listens.
        """)
    assert days == ["N1", "FB1", "N1"]
