"""Facts read in code from a treatment and a bible, before any model writes (continuity.treatment.facts)."""

from __future__ import annotations

import pytest

from continuity.bible.load import parse_bible
from continuity.treatment.facts import extract_facts, time_of_day, treatment_paragraphs
from tests.conftest import ROOT

FERRY = ROOT / "assets" / "examples" / "ferry"

BIBLE = """
characters:
  - name: MARA
    aliases: [Mara Quinn]
    attributes: {hair: red}
    wardrobe: [{item: green oilskin coat, scenes: "1-2"}, {item: grey wool sweater, scenes: "3-"}]
  - name: YOUNG MARA
  - name: WILL
    aliases: [Will Tarrant]
locations:
  - name: LIGHTHOUSE
    attributes: {setting: exterior}
  - name: LIGHTHOUSE - LANTERN ROOM
    description: The glass drum at the top of the tower, with the great lens and a brass cage.
  - name: LIGHTHOUSE - TOP
  - name: KEEPER'S COTTAGE - KITCHEN
    description: A low room of smoke and scrubbed pine, with a stove and a table for three.
    attributes: {setting: interior}
props:
  - name: brass compass
    aliases: [compass]
"""


@pytest.fixture
def bible():
    return parse_bible(BIBLE)


def _facts(paragraphs: list[str], bible, hashing):
    return extract_facts("# T\n\n*logline*\n\n" + "\n\n".join(paragraphs), bible,
                         embed=lambda texts: hashing.encode(texts))


def test_the_ferry_example_gives_the_treatments_places_times_and_people(hashing):
    from continuity.bible.load import load_bible

    facts = extract_facts((FERRY / "treatment.md").read_text(), load_bible(FERRY / "bible.yaml"),
                          embed=hashing.encode)
    assert [f.heading_text for f in facts] == [
        "INT. HARBOUR OFFICE - DAWN", "EXT. ISLAND SLIPWAY - MORNING", "EXT. FERRY - CAR DECK - MORNING",
        "INT. FERRY - WHEELHOUSE - AFTERNOON", "EXT. MAINLAND PIER - DUSK", "EXT. ISLAND SLIPWAY - NIGHT"]
    assert [f.time_how for f in facts] == ["before dawn", "morning", "morning", "afternoon", "dusk", "full night"]
    assert facts[0].characters == ("NELL", "TAM") and facts[5].characters == ("TAM", "NELL", "RORY")
    assert facts[3].props == ("brass bell", "red thermos")
    # wardrobe by the bible's scene ranges: the yellow jacket until scene 3, the orange coat from scene 4
    assert ("RORY", "yellow rain jacket") in facts[2].wardrobe and ("RORY", "orange oilskin coat") in facts[3].wardrobe
    assert ("NELL", "hair", "grey") in facts[0].appearance
    assert facts[0].canon_lines()[0] == "NELL: grey hair, blue eyes, age 60s, build stocky, wears navy wool jumper, black woollen hat"
    # one beat per sentence, and who each names
    assert len(facts[0].beats) == 6 and facts[0].beats[-1] == "Nell reads the name twice and says nothing."
    assert facts[0].beat_characters[1] == ("NELL",) and facts[0].beat_characters[3] == ()


@pytest.mark.parametrize("text, time, words", [
    ("Before dawn the kettle ticks.", "DAWN", "before dawn"),
    ("At two in the morning the alley is black.", "NIGHT", "two in the morning"),
    ("By seven in the morning the shop is full.", "MORNING", "morning"),
    ("Mid-morning, on the bridge, they share a loaf.", "MORNING", "mid-morning"),
    ("It is full night when the boat comes in.", "NIGHT", "full night"),
    ("The squall has blown through by afternoon.", "AFTERNOON", "afternoon"),
    ("At noon the storeroom is a maze.", "DAY", "noon"),
    ("In broad daylight she waits.", "DAY", "broad daylight"),
    ("An hour out, a squall comes in.", "", ""),
    # only the first two sentences set the time: a later "first light" is a plan, not the present
    ("She reads the log. He finds her there. He wants it done at first light.", "", ""),
])
def test_time_of_day_from_the_paragraphs_words(text, time, words):
    assert time_of_day(text) == (time, words)


def test_a_paragraph_without_a_time_keeps_the_previous_scenes_but_a_flashback_does_not_pass_it_on(bible, hashing):
    facts = _facts([
        "At night Mara climbs to the lantern room.",
        "Years earlier, on a summer afternoon, young Mara sits in the lantern room.",
        "Mara goes down to the keeper's cottage and puts the kettle on.",
    ], bible, hashing)
    assert [(f.time, f.time_how) for f in facts] == [("NIGHT", "at night"), ("AFTERNOON", "afternoon"),
                                                      ("NIGHT", "previous scene")]
    assert [f.flashback for f in facts] == [False, True, False]
    assert facts[1].heading_text == "INT. LIGHTHOUSE - LANTERN ROOM - AFTERNOON (FLASHBACK)"
    assert facts[1].heading.is_flashback
    # "young Mara" is YOUNG MARA, not also MARA; the first part of a location is a name when unique
    assert facts[1].characters == ("YOUNG MARA",)
    assert facts[2].location == "KEEPER'S COTTAGE - KITCHEN" and facts[2].setting == "INT"


def test_places_by_name_the_more_specific_and_the_first_sentence_win(bible, hashing):
    facts = _facts([
        "Mara walks round the lighthouse, then climbs to the lantern room.",
        "In the kitchen, Mara warms her hands. Later she looks up at the lantern room.",
    ], bible, hashing)
    assert facts[0].location == "LIGHTHOUSE - LANTERN ROOM" and facts[0].location_how == "name"
    assert facts[0].setting == "INT"  # a ROOM is inside, whatever encloses it
    assert facts[1].location == "KEEPER'S COTTAGE - KITCHEN" and facts[1].location_how == "name"


def test_a_place_with_no_setting_and_no_telling_name_takes_its_enclosing_places(bible, hashing):
    facts = _facts(["Mara stands at the lighthouse top in the wind."], bible, hashing)
    assert (facts[0].location, facts[0].setting) == ("LIGHTHOUSE - TOP", "EXT")


def test_a_place_not_named_is_matched_by_embedding_or_read_from_the_words(bible, hashing):
    facts = _facts([
        "A low room of smoke and scrubbed pine: Mara sets the table for three by the stove.",
        "Will waits in the old boathouse while the rain comes down.",
    ], bible, hashing)
    assert (facts[0].location, facts[0].location_how) == ("KEEPER'S COTTAGE - KITCHEN", "embedding")
    assert (facts[1].location, facts[1].location_how) == ("OLD BOATHOUSE", "text")


def test_names_must_be_capitalised_and_props_and_wardrobe_come_from_the_bible(bible, hashing):
    facts = _facts([
        "Mara will not wait. She pockets the compass.",
        "In the lantern room, Will Tarrant sees Mara and the compass.",
        "Mara, in the kitchen, shivers.",
    ], bible, hashing)
    assert facts[0].characters == ("MARA",)  # "will" is not WILL
    assert facts[1].characters == ("WILL", "MARA") and facts[1].props == ("brass compass",)
    assert facts[0].wardrobe == (("MARA", "green oilskin coat"),)
    assert facts[2].wardrobe == (("MARA", "grey wool sweater"),)


def test_treatment_paragraphs_and_the_scene_cap():
    text = "# T\n\n*logline*\n\n" + "\n\n".join(f"Scene {i} happens." for i in range(30))
    assert len(treatment_paragraphs(text)) == 30
    assert len(extract_facts(text, None)) == 24
