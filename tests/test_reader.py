"""The reader checks of generation (continuity/treatment/reader.py): each with a line a reader stops at and one
a writer would write, in the ferry example's world (NELL, 60s, stocky; her grandson RORY, 17, lanky; TAM, 40s).

The lines are written as a screenwriter would write them, not as the checks' patterns: the good ones are lines a
reader reads straight through, the bad ones the slips a small model makes.
"""

from __future__ import annotations

import pytest
from conftest import ROOT

from continuity.bible.load import load_bible
from continuity.treatment.people import People, age_span
from continuity.treatment.reader import (
    Reason,
    action_problems,
    line_key,
    line_problems,
    shot_problems,
)

FERRY = ROOT / "assets" / "examples" / "ferry"
HEADING = "INT. FERRY - WHEELHOUSE - AFTERNOON"
HERE = ("NELL", "RORY")


@pytest.fixture(scope="module")
def people() -> People:
    return People.of(load_bible(FERRY / "bible.yaml"))


def reasons(problems) -> set[str]:
    return {p.reason.value for p in problems}


def said(people, text, speaker="NELL", *, seen=(), present=HERE):
    return reasons(line_problems(text, speaker, people=people, present=present, heading=HEADING, seen=seen))


def did(people, text, present=HERE):
    return reasons(action_problems(text, people=people, present=present, known={"morven", "kilbrannan"}))


def test_people_read_from_the_bible(people):
    assert [p.name for p in people.persons] == ["NELL", "RORY", "TAM"]
    assert people.who("Macrae") == "NELL" and people.who("rory dunn") == "RORY"
    # "Nell's grandson, seventeen." in RORY's description
    assert people.tie("RORY", "NELL") == "grandchild" and people.tie("NELL", "RORY") == "grandparent"
    assert people.tie("TAM", "NELL") is None
    assert age_span("60s") == (60, 69) and age_span("seventeen") == (17, 17) and age_span("forties") == (40, 49)


# Each reason: (a line a reader stops at, a line a writer would write), both from NELL to RORY unless told.
DIALOGUE = [
    (Reason.CUT_OFF, "I've kept this boat running since before your mother was born, and I've never had",
     "I've kept this boat running since before your mother was born."),
    (Reason.CUT_OFF, "You can take the wheel if you want the.", "You can take the wheel if you want."),
    (Reason.NAME_ONLY, "Rory, please.", "Rory, please. Just hold the wheel."),
    (Reason.NAME_ONLY, "Rorry Roory.", "Rory!"),
    (Reason.SHOUT, "Skraaval!", "Hold on!"),
    (Reason.FRAGMENT, "and then the bell at the halfway mark.", "Then the bell, at the halfway mark."),
    (Reason.FRAGMENT, "Rory, the one who went down to the car deck alone.", "Thirty years on this boat and not one day off."),
    (Reason.REPEATS_HEADING, "Ferry, wheelhouse, afternoon.", "Afternoon already. Where did the morning go?"),
    (Reason.REPEATS_DESCRIPTION, "Rory Dunn, 17.", "You're seventeen, Rory. You can decide for yourself."),
    (Reason.SELF_NAMED_AS_OTHER, "I'm Tam, and this is my ferry.", "I'm Nell, and this is my ferry."),
    (Reason.WRONG_ADDRESS, "Pass me the thermos, Tam.", "Pass me the thermos, Rory."),
    (Reason.WRONG_ADDRESS, "Nell, take the wheel.", "Rory, take the wheel."),
    (Reason.MISSPELT_NAME, "Take the wheel, Rorry.", "Take the wheel, Rory."),
    (Reason.MISSPELT_NAME, "Hold the rope still, Ror.", "Hold the rope still, Rory."),
    (Reason.OUT_OF_VOCABULARY, "Gwarrin tha feckle, morrow bren skally.", "Mind the swell, it'll catch you."),
    (Reason.RELATIONSHIP, "You're the one who's been having a bit of an affair with me.",
     "You're the one who's been keeping me company all these years."),
    (Reason.RELATIONSHIP, "You'll always be my son.", "You'll always be my grandson."),
]


@pytest.mark.parametrize("reason,bad,good", DIALOGUE, ids=[f"{r.value}-{i}" for i, (r, _, _) in enumerate(DIALOGUE)])
def test_dialogue_reader_checks(people, reason, bad, good):
    assert reason.value in said(people, bad)
    assert said(people, good) == set(), good


def test_a_call_to_someone_present_is_a_line_but_a_call_to_oneself_is_not(people):
    assert said(people, "Rory!") == set()
    assert Reason.NAME_ONLY.value in said(people, "Nell!")


def test_a_stranger_called_my_brother(people):
    # TAM is no kin of NELL's by the bible
    assert Reason.RELATIONSHIP.value in said(people, "You are my brother, Tam.", present=("NELL", "TAM"))
    assert said(people, "You are my friend, Tam.", present=("NELL", "TAM")) == set()


def test_romance_with_a_minor_is_a_finding_without_any_kinship(people):
    assert Reason.RELATIONSHIP.value in said(people, "Kiss me before the bus goes.", "TAM", present=("TAM", "RORY"))
    assert said(people, "Wave to me before the bus goes.", "TAM", present=("TAM", "RORY")) == set()


def test_another_scenes_line_word_for_word(people):
    seen = {line_key("Rory, you'll miss the bus if you stand there.", people)}
    assert Reason.REPEATED_LINE.value in said(people, "Rory, you'll miss the bus if you stand there.", seen=seen)
    # the same words with another name are the same line; a short reply may come back
    assert Reason.REPEATED_LINE.value in said(people, "Tam, you'll miss the bus if you stand there.",
                                              seen=seen, present=("NELL", "TAM"))
    assert said(people, "You'll miss the boat if you stand there.", seen=seen) == set()
    assert said(people, "Not yet.", seen={line_key("Not yet.", people)}) == set()


ACTION = [
    (Reason.CUT_OFF, "Nell pours tea from the red thermos into its", "Nell pours tea from the red thermos into its lid."),
    (Reason.PAST_TENSE, "Rory asked her if he could take the wheel.", "Rory asks her if he can take the wheel."),
    (Reason.PAST_TENSE, "Nell threw him the orange oilskin coat.", "Nell throws him the orange oilskin coat."),
    (Reason.NOT_A_SENTENCE, "Blue eyes filled with the tea of her red thermos.",
     "Her blue eyes never leave the red thermos as she fills it."),
    (Reason.NOT_A_SENTENCE, "The bell the bell the bell rings out.", "The bell rings out across the water."),
    (Reason.INVENTED_WORD, "Nell grips the scrandle of the wheel.", "Nell grips the spokes of the wheel."),
    (Reason.MISSPELT_NAME, "Rorry climbs down the ladder.", "Rory climbs down the ladder."),
    (Reason.OTHERS_TRAITS, "Nell, seventeen, watches the sea.", "Nell, in her sixties, watches the sea."),
    (Reason.OTHERS_TRAITS, "Nell, lanky and soaked, climbs the ladder.", "Nell, stocky and soaked, climbs the ladder."),
]


@pytest.mark.parametrize("reason,bad,good", ACTION, ids=[f"{r.value}-{i}" for i, (r, _, _) in enumerate(ACTION)])
def test_action_reader_checks(people, reason, bad, good):
    assert reason.value in did(people, bad)
    assert did(people, good) == set(), good


def test_treatment_prose_reads_clean(people):
    for line in ["The squall has blown through by afternoon.",
                 "In the wheelhouse, behind its white door, the brass bell hangs on a red lanyard, engraved MORVEN 1974.",
                 ("NELL MACRAE, sixties, stocky, grey hair cropped under a black woollen hat, blue eyes, navy wool "
                 "jumper, fills her red thermos with tea."),
                 ("Rory drips on the floor until Nell throws him her spare orange oilskin coat, and he puts it on, "
                 "three sizes too big.")]:
        assert did(people, line) == set(), line


def test_every_shot_frames_someone_of_the_scene():
    problems = shot_problems([["NELL", "RORY"], [], ["TAM"]], ["NELL", "RORY"])
    assert [p.reason for p in problems] == [Reason.SHOT_SUBJECT, Reason.SHOT_SUBJECT]
    assert "shot 2 frames no one" in problems[0].detail and "shot 3 frames TAM" in problems[1].detail
    assert shot_problems([["NELL"], ["RORY", "NELL"]], ["NELL", "RORY"]) == []
    assert shot_problems([[]], []) == []  # a scene with no one in it: an empty place is its subject


def test_reader_findings_of_a_scene(people):
    from continuity.screenplay.readers import fountain
    from continuity.treatment.facts import extract_facts
    from continuity.treatment.reader import reader_findings

    bible = load_bible(FERRY / "bible.yaml")
    facts = extract_facts((FERRY / "treatment.md").read_text(), bible)[3]
    script = fountain.parse(f"{facts.heading_text}\n\nRory asked for the wheel.\n\nThe squall has blown through."
                            "\n\nNELL\nRory, please.\n\nRORY\nI'll ring the bell at the halfway mark.\n")
    found = reader_findings(script.scenes[0], facts, bible, written=[(1, "Rory asked for the wheel.")])
    assert [(f.category, f.subject, dict(f.extra)["reason"]) for f in found] == [
        ("reader", "SCENE 4.beat 1", "past-tense"), ("reader", "NELL.dialogue", "name-only")]
    assert found[1].message == "NELL's line is only a name ('Rory, please.')"
    assert found[0].message.startswith("the action line is in the past tense ('asked')")


def test_the_vocabulary_is_the_models_not_a_list():
    from continuity.language.vocabulary import is_known, unknown_words

    for word in ["wheelhouse", "oilskin", "drips", "clipping", "greyer", "don't", "I've", "gonna", "okay"]:
        assert is_known(word), word
    assert unknown_words("She grips the scrandle of the flurbonic wheel.") == ["scrandle", "flurbonic"]
    assert is_known("Morven", {"morven"}) and not is_known("Morven")
    # a dictionary word, not a name a model happens to know
    assert is_known("Nora") and not is_known("Norah", strict=True) and is_known("kasha", strict=True)
