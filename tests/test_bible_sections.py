"""Bibles kept by departments, or written like a ledger: sections read by their words and what they hold."""

from __future__ import annotations

from continuity.bible.load import read_bible
from continuity.bible.sections import day_table, parse_date, scene_numbers, section_kind

DEPARTMENTS = """\
# kept by the script supervisor
production:
  title: MILLRACE
  logline: A week at a failing paper mill.
story_days:
  SD1:
    date: 2023-10-13
    weekday: Friday
    covers: "scenes 1-4 and 6 (dawn to late)"
  FB:
    date: 1987-06-02
    covers: scene 5, the flood of '87
  SD2:
    date: 2023-10-16
    covers: "scenes 7-9"
casting:
  - role: Foreman Ruth Okafor
    age: 51
  - role: Apprentice Dylan "Spud" Marsh
    age: 19
    aka: [Dyl]
hair_and_makeup:
  Ruth:
    hair: iron grey, cropped short
    marks: burn scar on the LEFT wrist
  Dylan:
    hair: ginger, long, tied back
costume:
  hard_hats: white for foremen, yellow for the rest
  Ruth:
    looks:
      floor: blue overalls, white hard hat
      office: green cardigan
    continuity: takes the hard hat off in every office scene
art_department:
  sets:
    The Mill:
      exterior: red brick, a chimney with the name painted down it
      office: glass box above the floor, a calendar from 1994
      loft: drying racks, windowless, one bare bulb
palette:
  overall: rust and wet slate, one saturated yellow
"""

LEDGER = """\
title: "THE SALT ROAD, the book of the picture"
the_story_so_far: |
  A salt trader and his sister cross the flats.
almanac:
  - day: the first day
    date: Monday, 3 April 1893
    scenes: 1 to 3
  - day: the winter before (flashback)
    date: 12 January 1893
    scenes: [4]
  - day: a week later
    date: Monday, 10 April 1893
    scenes: [5]
persons_of_the_drama:
  Ezekiel Marsh:
    age_in_1893: 40
    particulars: Lean, black beard, one glove.
    rigs:
      road: long grey coat, wide hat
      Sunday: black suit
    cue: ZEKE
  Anna Marsh:
    age_in_1893: 33
    particulars: his sister; fair plait
goods_and_chattels:
  The salt scale:
    looks: brass pans on an oak beam
    goes: sold in scene 5
the_town_and_thereabouts:
  The trading post: a plank store with a tin roof
  Main street: one street of mud
things_that_change_on_purpose:
  - Ezekiel's beard, shaved in scene 3 and never back
  - the scale sold to the storekeeper for a mule
"""


def test_a_bible_kept_by_departments_gives_each_character_what_every_department_says():
    bible, warnings = read_bible(DEPARTMENTS, source="mill.yaml")
    assert bible.title == "MILLRACE"
    ruth = bible.character("FOREMAN RUTH OKAFOR")
    assert ruth is not None and ruth.attributes["age"] == "51"
    assert ruth.attributes["hair"] == "iron grey, cropped short" and "LEFT wrist" in ruth.attributes["marks"]
    assert {(w.look, w.item) for w in ruth.wardrobe} == {("floor", "blue overalls, white hard hat"),
                                                       ("office", "green cardigan")}
    assert "hard hat off" in ruth.notes
    dylan = bible.character("APPRENTICE DYLAN MARSH")
    assert "Spud" in dylan.aliases and "Dyl" in dylan.aliases and '"' not in dylan.name
    assert dylan.attributes["hair"] == "ginger, long, tied back"
    # what names no one stays, as notes with a warning
    assert "hard_hats: white for foremen" in bible.notes
    assert any("'costume.hard_hats'" in w and "names no one character" in w for w in warnings)
    # sections of sections are opened, and a place's rooms are places of their own
    assert bible.location("THE MILL").description.startswith("red brick")
    assert "windowless" in bible.location("THE MILL - LOFT").description
    assert [loc.name for loc in bible.locations_for("MILL - OFFICE")] == ["THE MILL - OFFICE", "THE MILL"]
    # the days: dated, so numbered by the calendar; the flashback on its own count
    assert bible.story_days["6"] == "D1" and bible.story_days["5"] == "FB1" and bible.story_days["7"] == "D4"
    assert bible.story_dates == {"D1": "2023-10-13", "FB1": "1987-06-02", "D4": "2023-10-16"}
    assert any("read 'story_days' as story days" in w and "SD2 = D4 (scenes 7-9)" in w for w in warnings)
    # a palette in prose is style notes, not a refusal
    assert bible.style.palette == [] and "rust and wet slate" in bible.style.notes


def test_a_bible_written_like_a_ledger_loads_its_people_places_things_and_days():
    bible, warnings = read_bible(LEDGER, source="salt.yaml")
    zeke = bible.character("EZEKIEL MARSH")
    assert zeke.attributes["age"] == "40" and "ZEKE" in zeke.aliases
    assert "black beard" in zeke.description and {w.look for w in zeke.wardrobe} == {"road", "Sunday"}
    anna = bible.character("ANNA MARSH")
    # two parts of a description stay two sentences ("his sister; fair plait" is one)
    assert anna.attributes["age"] == "33" and anna.description == "his sister; fair plait"
    assert bible.prop("salt scale").description.startswith("brass pans")
    assert bible.location("TRADING POST") is not None and bible.location("MAIN STREET") is not None
    assert bible.story_days == {"1": "D1", "2": "D1", "3": "D1", "4": "FB1", "5": "D8"}
    assert bible.story_dates == {"D1": "1893-04-03", "FB1": "1893-01-12", "D8": "1893-04-10"}
    # sentences about changes are notes, not props
    assert "shaved in scene 3" in bible.notes and bible.prop("the scale sold to the storekeeper for a mule") is None
    for key, kind in (("persons_of_the_drama", "characters"), ("goods_and_chattels", "props"),
                      ("the_town_and_thereabouts", "locations")):
        assert any(f"read '{key}' as {kind}" in w for w in warnings), key


def test_section_words_and_contents():
    assert section_kind("dramatis_personae_and_extras", {"A": {}}) == "characters"
    assert section_kind("hair & make-up", {"Ruth": {"hair": "grey"}}) == "looks"
    assert section_kind("Costume plot", {"Ruth": {"looks": {}}}) == "wardrobe"
    assert section_kind("the_story_so_far", "Once upon a time.") is None
    assert section_kind("odds", {"Pike's store": "dim", "The creek bend": "shallow water"}) == "locations"
    assert section_kind("chronology", {"Friday 7 May 1926": "sc. 1-6: arrival", "Saturday 8 May": "sc. 7-9: rain"}) == "days"


def test_dates_and_scene_numbers_as_bibles_write_them():
    assert str(parse_date("Fri 4 Oct 2024")) == "2024-10-04"
    assert str(parse_date("Sat 5 Oct", 2024)) == "2024-10-05"
    assert str(parse_date("May 22, 1852")) == "1852-05-22"
    assert parse_date("summer 1999") is None and parse_date("Sat 5 Oct") is None
    assert scene_numbers("scenes 1-3 and 6 (0645 Friday to 0315 Saturday)") == ["1", "2", "3", "6"]
    assert scene_numbers("scene 10, the tannery fire") == ["10"] and scene_numbers([4, "7 to 8"]) == ["4", "7", "8"]
    days, dates, _ = day_table([{"date": "Fri 4 Oct 2024", "scenes": "1-2"}, {"date": "summer 1999", "scenes": "3",
                                                                             "note": "flashback"},
                                {"date": "Sat 26 Oct", "scenes": "4"}])
    assert days == {"1": "D1", "2": "D1", "3": "FB1", "4": "D23"} and dates == {"D1": "2024-10-04", "D23": "2024-10-26"}


def test_a_bible_date_for_a_story_day_dates_the_whole_story():
    from checkutil import audit_text

    bible = "story_days: {1: D1, 2: D2}\nstory_dates: {D1: 2024-03-08}\n"
    script = """\
INT. KITCHEN - DAY

MARA pours tea.

INT. KITCHEN - DAY

MARA
Wait, it's Sunday, the shop is shut.
"""
    r = audit_text(script, bible, checks=["timeline"])
    [f] = [f for f in r.findings if f.category == "timeline"]
    assert f.scene == 2 and "Sunday" in f.message and "Saturday" in f.message


def test_bible_check_says_how_the_shape_was_read_and_what_each_value_gives(cli, tmp_path):
    import json

    p = tmp_path / "mill.yaml"
    p.write_text(DEPARTMENTS)
    code, out, err = cli("bible", "check", p)
    assert code == 0
    assert "read 'casting' as characters" in err and "kept 'costume.hard_hats' as notes" in err
    assert "characters.FOREMAN RUTH OKAFOR.attributes.hair: hair length short; hair colour grey" in out
    assert "characters.FOREMAN RUTH OKAFOR.attributes.marks: scar on the left wrist" in out
    assert "characters.FOREMAN RUTH OKAFOR.wardrobe[0]: blue suit (look: floor); white helmet (look: floor)" in out
    assert "locations.THE MILL - LOFT.description: no window" in out
    assert "story_dates: D1 = 2023-10-13 (Friday); D4 = 2023-10-16 (Monday); FB1 = 1987-06-02 (Tuesday)" in out
    code, out, _ = cli("bible", "check", p, "--json")
    data = json.loads(out)
    assert data["understood"]["characters.APPRENTICE DYLAN MARSH.attributes.hair"] == [
        "hair colour red", "hair length long"]
    assert "locations.THE MILL - OFFICE.description" in data["unread"]
    assert any("read 'casting' as characters" in w for w in data["warnings"])
