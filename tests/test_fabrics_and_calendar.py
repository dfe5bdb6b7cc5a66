"""Garments by what they are made of, and story days against the bible's calendar and the real one.

Each reading has its slip and its clean twin.
"""

from __future__ import annotations

from checkutil import messages

from continuity.bible.sections import day_table, section_kind
from continuity.language.fabrics import fabrics_conflict, garments_made

TESS = """
characters:
  - name: Tess
    age: 24
    wardrobe: black leather jacket with band patches, ripped jeans
  - name: June
    age: 50
"""

BAR = """
INT. BAR - NIGHT

TESS (24) sits at the bar in her black leather jacket.

JUNE (50) wipes a glass.

TESS
Another.

JUNE
No.

INT. BAR - NIGHT (CONTINUOUS)

{line}

TESS
Hey!

JUNE
Out.
"""


def test_garments_made_reads_the_stuff_of_each_garment():
    made = garments_made("a wool hat and a leather jacket, her oilskin coat, a denim-blue shirt, ripped jeans")
    assert [(m.kind, m.fabric) for m in made] == [("hat", "wool"), ("jacket", "leather"), ("coat", "oilskin"),
                                                  ("shirt", None), ("trousers", "denim")]
    assert garments_made("a tweed jacket with leather elbow patches")[0].fabric == "wool"


def test_fabrics_conflict_only_when_they_cannot_be_one_stuff():
    assert fabrics_conflict("denim", "leather")
    assert not fabrics_conflict("suede", "leather")
    assert not fabrics_conflict("flannel", "wool")
    assert not fabrics_conflict("wool", "wool")


def test_a_denim_jacket_on_the_bibles_leather_jacket_is_flagged():
    for line in ("June hauls Tess up by the denim jacket with one hand.", "Tess pulls her denim jacket tighter."):
        found = messages(BAR.format(line=line), TESS, ["wardrobe"], "denim jacket")
        assert found and "'black leather jacket' (leather)" in found[0], line


def test_a_leather_or_suede_jacket_or_a_change_is_not():
    for line in ("Tess pulls her leather jacket tighter.", "Tess pulls her suede jacket tighter.",
                 "Tess changes into a denim jacket."):
        assert messages(BAR.format(line=line), TESS, ["wardrobe"]) == [], line


def test_a_fabric_that_changes_in_continuous_time_is_flagged():
    script = BAR.format(line="June grabs Tess by her corduroy jacket.").replace(
        "in her black leather jacket", "in her linen jacket")
    found = messages(script, None, ["wardrobe"], "corduroy")
    assert found and "linen" in found[0]
    same = BAR.format(line="June grabs Tess by her linen jacket.").replace(
        "in her black leather jacket", "in her linen jacket")
    assert messages(same, None, ["wardrobe"]) == []


def test_an_oilskin_is_the_bibles_oilskin_jacket_whichever_noun():
    bible = """
characters:
  - name: Isla
    age: 30
    wardrobe: Yellow oilskin jacket, grey jeans
"""
    script = """
INT. SHED - DAY

ISLA (30) stands in the doorway.

ISLA
Well?

EXT. PANS - DAY

Isla, in her {colour} oilskin, kneels at the sluice.

ISLA
Nothing.
"""
    assert messages(script.format(colour="blue"), bible, ["wardrobe"], "blue oilskin")
    assert messages(script.format(colour="yellow"), bible, ["wardrobe"]) == []


def test_a_look_listed_after_a_short_clause_is_the_subjects():
    bible = """
characters:
  - name: June
    age: 50
    costume: purple tracksuit, always
"""
    script = """
INT. LOCKER ROOM - NIGHT

JUNE (50) looks at the team.

JUNE
Right.

INT. EXPO HALL - NIGHT

June comes in, {colour} tracksuit, whistle around her neck.

JUNE
Listen.
"""
    assert messages(script.format(colour="green"), bible, ["wardrobe"], "green tracksuit")
    assert messages(script.format(colour="purple"), bible, ["wardrobe"]) == []
    # (a garment seized after a second verb is not a look listed: "grabs a fistful of green suit")
    grabbed = script.format(colour="purple").replace("June comes in, purple tracksuit, whistle around her neck.",
                                                     "June lunges down, grabs a fistful of green suit, and hauls.")
    assert messages(grabbed, bible, ["wardrobe"]) == []


def test_a_fleece_is_not_the_bibles_coat():
    bible = """
characters:
  - name: Cal
    age: 40
    wardrobe: brown canvas chore coat
"""
    script = """
INT. CABIN - NIGHT

CAL (40) shivers.

CAL
Cold.

INT. CABIN - NIGHT (CONTINUOUS)

Cal, in the grey fleece, stokes the stove.

CAL
Better.
"""
    assert messages(script, bible, ["wardrobe"]) == []


def test_a_scarf_up_to_his_chin_is_worn_by_the_he_of_its_clause():
    bible = """
characters:
  - name: Nell
    age: 60
    wardrobe: navy coat
  - name: Giles
    age: 50
    wardrobe: camel overcoat, burgundy silk scarf
"""
    script = """
EXT. TOWPATH - DAY

NELL (60) and GILES (50) walk the towpath. Nell tucks her hands in her sleeves. Giles clears his throat.

She's in the navy coat; he's in the camel one, the {colour} scarf up to his chin.

GILES
He's eighty-four.

NELL
Maybe.
"""
    found = messages(script.format(colour="navy"), bible, ["wardrobe"], "navy scarf")
    assert found and found[0].startswith("GILES")
    assert messages(script.format(colour="burgundy"), bible, ["wardrobe"]) == []


# -- the calendar -------------------------------------------------------------------------------

CALENDAR = """
characters:
  - name: Fern
    age: 30
  - name: Munro
    age: 70
timeline:
  - day: 1
    date: Monday 8 January 2024
    scenes: {1: MORNING, 2: DAY}
  - jump: TWO WEEKS LATER (off screen)
  - flashback: {scene: 3, year: 1979}
  - day: 2
    date: Tuesday 9 January 2024
    scenes: {4: DAY, 5: NIGHT}
"""


def test_a_day_table_with_asides_and_scene_maps_is_read():
    assert section_kind("chronology", {"notes": "x", "days": {"Day 1": {"date": "Thursday 21 April 1927"},
                                                              "Day 2": {"date": "Friday 22 April 1927"}}}) == "nest"
    import yaml

    table, dates, _ = day_table(yaml.safe_load(CALENDAR)["timeline"])
    assert table == {"1": "D1", "2": "D1", "3": "FB1", "4": "D2", "5": "D2"}
    assert dates["D1"] == "2024-01-08"


SCRIPT = """
INT. WORKSHOP - MORNING

FERN (30) tunes.

FERN
Monday again.

INT. WORKSHOP - DAY

Fern sweeps.

FERN
Done.

INT. KRAKOW WORKSHOP - DAY (1979)

A young man planes wood.

INT. DRAWING ROOM - DAY

MUNRO (70) stands by the piano.

MUNRO
I'm just off the red-eye. I've no idea what day it is.

FERN
{answer}

{card}

INT. BEDSIT - NIGHT

Fern sits on the bed.

FERN
Bed.
"""


def test_a_weekday_that_answers_what_day_it_is_is_today():
    found = messages(SCRIPT.format(answer="Wednesday, Mr Munro.", card="THAT NIGHT"), CALENDAR, ["timeline"],
                     "'Wednesday'")
    assert found and "Tuesday" in found[0]
    assert messages(SCRIPT.format(answer="Tuesday, Mr Munro.", card="THAT NIGHT"), CALENDAR, ["timeline"]) == []


def test_a_jump_between_two_scenes_the_bible_puts_on_one_day_is_flagged():
    found = messages(SCRIPT.format(answer="Tuesday, Mr Munro.", card="TWO DAYS LATER"), CALENDAR, ["timeline"],
                     "TWO DAYS LATER")
    assert found and "same day as scene 4" in found[0]


def test_a_date_and_the_weekday_said_of_it_must_agree_in_the_storys_year():
    script = SCRIPT.format(answer="Twenty-fifth of January. My birthday. A {wd}, this year.", card="THAT NIGHT")
    found = messages(script.replace("{wd}", "Friday"), CALENDAR, ["timeline"], "25 January 2024")
    assert found and "Thursday" in found[0]
    assert messages(script.replace("{wd}", "Thursday"), CALENDAR, ["timeline"]) == []


def test_a_weekday_then_its_day_of_the_month():
    script = SCRIPT.format(answer="The interview's next Wednesday. The {d}.", card="THAT NIGHT")
    found = messages(script.replace("{d}", "nineteenth"), CALENDAR, ["timeline"], "nineteenth")
    assert found and "Friday" in found[0]
    assert messages(script.replace("{d}", "seventeenth"), CALENDAR, ["timeline"]) == []


def test_its_only_thursday_on_a_day_the_bibles_calendar_makes_monday():
    bible = """
characters:
  - name: Ashby
    age: 45
chronology:
  notes: each day after the first has a SUPER
  days:
    "Day 1":
      date: Monday 25 April 1927
      scenes: 1-2
    "Day 2":
      date: Wednesday 27 April 1927
      scenes: 3
    "Day 3":
      date: Friday 29 April 1927
      scenes: 4
"""
    script = """
EXT. CAMP - DAY

SUPER: Monday

ASHBY (45) walks the line.

ASHBY
Move.

INT. SURGERY - DAY

Ashby cleans a cut.

ASHBY
Third man since Saturday, and it's only {wd}.
"""
    found = messages(script.format(wd="Thursday"), bible, ["timeline"], "Thursday")
    assert found and "Monday" in found[0]
    assert messages(script.format(wd="Monday"), bible, ["timeline"]) == []


def test_a_bible_value_that_opens_on_the_parts_colour_then_names_another_part():
    bible = """
locations:
  heriot_row_drawing_room:
    kind: a Georgian townhouse, first floor
    walls: Duck-egg blue with white cornicing
"""
    script = """
INT. HERIOT ROW - DRAWING ROOM - DAY

MUNRO (70) waits by the piano.

MUNRO
Well.

INT. HERIOT ROW - DRAWING ROOM - NIGHT

The {colour} walls look almost black.

MUNRO
Well.
"""
    found = messages(script.format(colour="oxblood"), bible, ["location"], "walls")
    assert found and "Duck-egg blue" in found[0]
    assert messages(script.format(colour="blue"), bible, ["location"]) == []


def test_a_look_named_by_scenes_is_worn_only_in_them():
    bible = """
characters:
  - name: Ida
    age: 70
    wardrobe:
      standard: "Mustard-yellow canvas apron, navy fisherman's jumper"
      sc_11_12: "Apron and hair soaked through by rain"
"""
    script = """
EXT. HARBOUR WALL - DUSK

IDA (70) looks out to sea.

IDA
Well.

Ida has her hands deep in the pocket of her {stuff} apron.
"""
    found = messages(script.format(stuff="denim"), bible, ["wardrobe"], "denim apron")
    assert found and "canvas" in found[0]
    assert messages(script.format(stuff="canvas"), bible, ["wardrobe"]) == []
