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
