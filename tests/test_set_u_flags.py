"""Set U's first-run false alarms, made general (U is a development set from here on), each with its slip twin."""

from __future__ import annotations

from checkutil import messages


def test_stars_on_a_planetarium_dome_are_no_night():
    script = """
INT. HALLORAN PLANETARIUM - DOME THEATRE - MORNING

Margit turns a dial. Overhead, one by one, the stars come out.

MARGIT
There.

INT. OBSERVATORY DOME - NIGHT

{line}

MARGIT
Close it.
"""
    assert messages(script.format(line="She looks up at the dark."), "", ["timeline"]) == []
    # a real sun through a real dome's slit at night is still a slip
    assert messages(script.format(line="Sunlight spills through the open slit."), "", ["timeline"], "daylight")


def test_a_deadline_said_with_a_name_after_it_is_a_day_to_come():
    script = """
INT. OFFICE - DAY

SUPER: Monday, 4 November 2019

PIKE (V.O.)
{line}

DEVON
Right.
"""
    assert messages(script.format(line="Friday the fifteenth, Devon. I want numbers."), "", ["timeline"]) == []
    assert messages(script.format(line="It's Friday the fifteenth, Devon, and I want numbers."), "", ["timeline"],
                    "Friday")


def test_something_dry_is_not_her_clothes():
    script = """
EXT. CAR PARK - DUSK

Rain hammers down. Margit runs for the car and gets in, soaked through.

INT. CAR - CONTINUOUS

She takes off her reading glasses, looks for something dry to wipe them on, and gives up.

MARGIT
Marvellous.
"""
    bible = """
characters:
  - name: Margit
    age: 61
"""
    assert messages(script, bible, ["wardrobe", "appearance"], "dry") == []


ICE = """
timeline:
  - kind: story day
    date: "2022-02-19"
    scenes: "1-2"
  - kind: montage
    dates: "2022-02-20 to 2022-02-25"
    scenes: "3"
  - kind: story day
    date: "2022-02-26"
    scenes: "4"
locations:
  ice_village:
    houses:
      - "No. 1 MARIT: forest green; door white until painted fire-engine red in scene 2, red thereafter"
      - "No. 7 NORTHERN LIGHTS: purple, silver lettering"
"""


def test_houses_listed_each_by_name_and_a_montage_over_days():
    script = """
EXT. ICE VILLAGE - DAY

Nell bangs on the purple door of NORTHERN LIGHTS.

NELL
Open up.

EXT. ICE VILLAGE - DUSK

Otto paints the MARIT door red.

OTTO
Done.

INT. MARIT SHANTY - NIGHT

Nell carves by the stove, night after night.

NELL
Nearly.

> ONE WEEK LATER <

EXT. ICE VILLAGE - DAY

SUPER: Saturday, February 26

The MARIT shanty, forest green, its red door bright as a stop sign.

NELL
Derby day.
"""
    assert messages(script, ICE, ["location", "timeline"]) == []
    # the slip twin: the other house's door said white after the repaint
    assert messages(script.replace("its red door", "its white door"), ICE, ["location"], "white")


def test_hair_worked_into_plaits_is_hers_and_frost_is_no_colour():
    bible = """
characters:
  - name: Nell
    age: 34
    hair: dark brown, long ponytail; rebraided into two plaits in scene 1 and in plaits to the end
  - name: Junie
    age: 19
    hair: bleached-platinum pixie cut
"""
    script = """
INT. CABIN - MORNING

Junie stands behind her, working Nell's long dark brown hair out of its ponytail and into two tight plaits.

JUNIE
Done.

EXT. LAKE - DAY

Nell's two {what}.

NELL
Cold.
"""
    assert messages(script.format(what="plaits are white with frost at the ends"), bible, ["appearance"]) == []
    assert messages(script.format(what="ginger plaits are stiff with cold"), bible, ["appearance"], "NELL")


def test_letters_burnt_into_a_spool_are_made_not_burnt():
    script = """
INT. CABIN - NIGHT

Nell holds a nail in the stove until it glows, and burns letters into a new pine spool.

NELL
There.

INT. CABIN - DAY

Otto turns it over. Touches the letters with his finger.

OTTO
Thank you.
"""
    assert messages(script, "", ["prop"]) == []
