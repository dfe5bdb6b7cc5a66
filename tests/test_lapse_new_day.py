"""A lapse of minutes that the bible's story days put across a night, and a super against the bible's calendar."""

from __future__ import annotations

from checkutil import messages

BIBLE = """
characters:
  - name: Mags
    age: 44
story_days:
  - day: 1
    date: 2024-02-16
    weekday: Friday
    scenes: [1]
  - day: 2
    date: 2024-02-17
    weekday: Saturday
    scenes: [2]
"""

SCRIPT = """
INT. CABIN - NIGHT

Mags feeds the stove.

MAGS
Bed.

EXT. TOP OF THE LIFT - {when}

{card}

Mags looks out over the bowl.

MAGS
Here we go.
"""


def test_ten_minutes_later_cannot_cross_into_the_bibles_next_day():
    found = messages(SCRIPT.format(when="DAWN", card="TEN MINUTES LATER."), BIBLE, ["timeline"], "next story day")
    assert found and "TEN MINUTES LATER" in found[0]
    # the clean twin: the next morning, said so
    assert messages(SCRIPT.format(when="DAWN", card="THE NEXT MORNING."), BIBLE, ["timeline"]) == []
    # one night may run past midnight: a NIGHT scene ten minutes on is another date, but no slip
    assert messages(SCRIPT.format(when="NIGHT", card="TEN MINUTES LATER."), BIBLE, ["timeline"],
                    "next story day") == []


def test_a_super_weekday_against_the_bibles_dated_day():
    found = messages(SCRIPT.format(when="DAWN", card="SUPER: Sunday"), BIBLE, ["timeline"], "Sunday")
    assert found and "Saturday 17 February" in found[0]
    assert messages(SCRIPT.format(when="DAWN", card="SUPER: Saturday"), BIBLE, ["timeline"]) == []
