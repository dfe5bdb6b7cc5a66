"""Fidelity checks of a generated scene against its facts (continuity.treatment.fidelity), and the scene pieces (studio.generation.pieces)."""

from __future__ import annotations

import pytest

from continuity.api import load_bible, parse_script_text
from continuity.treatment.facts import extract_facts
from continuity.treatment.fidelity import beat_coverage, beat_drift, check_scene, novelty, speech_problem
from tests.conftest import ROOT

FERRY = ROOT / "assets" / "examples" / "ferry"


@pytest.fixture(scope="module")
def bible():
    return load_bible(FERRY / "bible.yaml")


@pytest.fixture(scope="module")
def facts(bible):
    from continuity.language.embedding import HashingEmbedder

    return extract_facts((FERRY / "treatment.md").read_text(), bible, embed=HashingEmbedder().encode)


def _scene(facts, n: int, body: str, heading: str | None = None):
    return parse_script_text(f"{heading or facts[n - 1].heading_text}\n\n{body}\n").scenes[0]


def _messages(found):
    return [f.message for f in found]


@pytest.mark.parametrize("text, bad", [
    ("Nell is a one-room hut with green walls and blue hair.", "NELL a place: 'a one-room hut'"),
    ("Nell is the last ferry.", "NELL an object: 'the last ferry'"),
    ("NELL MACRAE is now a tide clock that runs slow.", "NELL an object"),
])
def test_a_character_described_as_a_place_or_an_object(facts, bible, text, bad):
    found = check_scene(_scene(facts, 1, text), facts[0], bible)
    assert any(bad in m and f.category == "fidelity" and f.severity == "error" for f, m in zip(found, _messages(found)))


@pytest.mark.parametrize("text", ["Nell is a stocky woman of sixty.", "Nell is the skipper, and the last to leave.",
                                  "The harbour office is a one-room hut."])
def test_a_character_described_as_a_person_is_fine(facts, bible, text):
    assert not [f for f in check_scene(_scene(facts, 1, text), facts[0], bible) if f.subject == "NELL.identity"]


@pytest.mark.parametrize("n, text, subject, words", [
    (1, "Nell pushes back her blue hair.", "NELL.hair", "blue"),
    (1, "Nell's hair, now dyed blonde, drips.", "NELL.hair", "blonde"),
    (1, "Tam rubs his black beard.", "TAM.beard", "black"),
    (1, "Nell looks up with brown eyes.", "NELL.eyes", "brown"),
    (2, "Rory climbs the ramp in an orange oilskin coat.", "RORY.coat", "only in scene 4 onwards"),
    (3, "The wave soaks Rory's jacket, green as weed.", "RORY.jacket", "green"),
])
def test_looks_and_wardrobe_against_the_bible_in_any_phrasing(facts, bible, n, text, subject, words):
    found = [f for f in check_scene(_scene(facts, n, text), facts[n - 1], bible) if f.subject == subject]
    assert found and words in found[0].message and found[0].severity == "error"
    assert found[0].evidence[0].bible.startswith(f"characters.{subject.split('.')[0]}.")


@pytest.mark.parametrize("n, text", [
    (5, "Rory climbs the ladder in the orange oilskin coat, the pink ticket in his fist."),  # pink is the ticket's
    (1, "Nell's grey hair is cropped under a black woollen hat."),
    (1, "Nell's silver hair catches the lamp."),  # silver is grey
    (4, "Rory puts on the orange oilskin coat, three sizes too big."),
    (1, "Tam pins the notice to the green wall."),
])
def test_what_agrees_with_the_bible_is_not_flagged(facts, bible, n, text):
    found = [f for f in check_scene(_scene(facts, n, text), facts[n - 1], bible) if f.category != "plan"]
    assert not found, _messages(found)


def test_the_heading_must_keep_the_facts(facts, bible):
    found = check_scene(_scene(facts, 2, "Rory waits.", heading="INT. ISLAND SLIPWAY - NIGHT"), facts[1], bible)
    assert len(found) == 1 and found[0].category == "fidelity"
    assert "the time is NIGHT, the treatment's is MORNING" in found[0].message
    assert "the heading says INT" in found[0].message
    assert not check_scene(_scene(facts, 2, "Rory waits."), facts[1], bible)


@pytest.mark.parametrize("line, speaker, problem", [
    ("Nell is a pirate.", "NELL", "names NELL in the third person"),
    ("Rory climbs the ladder in orange oil.", "RORY", "names RORY in the third person"),
    ("She fills the red thermos with tea.", "NELL", "describes someone doing something"),
    ("(quietly) Go on.", "NELL", "stage direction"),
    ("INT. HARBOUR OFFICE - DAWN", "TAM", "stage direction"),
    ("Nell, the harbour master. Speak in the first person.", "TAM", "repeats the instructions"),
    ("NELL", "TAM", "says nothing but names"),
    ("Nell Macrae, 17th.", "RORY", "says nothing but names"),
    ("Slides the last manifest across the desk.", "NELL", "restates the action"),
    ("Harbour Office, dawn. The kettle ticks.", "TAM", "repeats the scene's heading"),
])
def test_lines_that_are_not_speech(facts, bible, line, speaker, problem):
    assert problem in speech_problem(line, speaker, facts[0], bible)


@pytest.mark.parametrize("line, speaker", [
    ("Not yet.", "NELL"), ("I'm Nell, and this is my ferry.", "NELL"), ("Rory, hold the rail!", "NELL"),
    ("She's sold, Nell. The council signed it.", "TAM"), ("Does he know?", "TAM"), ("Tea.", "NELL"),
    ("After this crossing the island has no ferry.", "TAM"),  # a fact of the scene, said out loud
])
def test_lines_that_are_speech(facts, bible, line, speaker):
    assert speech_problem(line, speaker, facts[0], bible) == ""


def test_a_line_that_is_not_speech_is_a_finding_of_its_speaker(facts, bible):
    found = check_scene(_scene(facts, 1, "NELL\nNell is a pirate.\n\nTAM\nAye."), facts[0], bible)
    assert [(f.subject, f.severity) for f in found] == [("NELL.dialogue", "error")]


def test_drift_takes_the_weakest_sentence_and_novelty_counts_new_words(hashing):
    src = "Nell reads the name twice and says nothing."
    same, drifted = beat_drift([src, src + " She says it is a bestselling novel by a renowned author."],
                               [src, src], hashing.encode)
    assert same == pytest.approx(1.0) and drifted < 0.5
    assert novelty("Nell reads the name twice.", src) == 0
    assert novelty("Nell reads about her favourite bestselling novel.", src) > 0.5
    assert novelty("Nell reads the name on the manifest.", src, known="the last manifest") == 0


def test_beat_coverage_is_the_best_cosine_per_source(hashing):
    best = beat_coverage(["The kettle ticks.", "A gull cries."], ["The kettle ticks.", "Nothing else."], hashing.encode)
    assert best[0] == pytest.approx(1.0) and best[1] < 0.5
    assert beat_coverage(["x"], [], hashing.encode) == [0.0]


# -- studio.generation.pieces: code assembles the scene and knows which piece a finding is about ------------


def test_assemble_puts_each_line_after_the_beat_that_names_its_speaker(facts):
    from studio.generation.pieces import assemble

    f = facts[1]  # RORY appears in beat 2, NELL in beats 3 and 4
    pieces = {"action": [f"a{i}" for i in range(len(f.beats))],
              "dialogue": {"RORY": ["r1"], "NELL": ["n1", "n2"]}}
    lines = [(ln["kind"], ln.get("character", ""), ln["text"]) for ln in assemble(pieces, f)["lines"]]
    assert lines[:4] == [("action", "", "a0"), ("action", "", "a1"), ("dialogue", "RORY", "r1"), ("action", "", "a2")]
    assert lines.index(("dialogue", "NELL", "n1")) == lines.index(("action", "", f"a{f.beat_characters.index(('NELL',))}")) + 1
    assert [x for x in lines if x[0] == "action"] == [("action", "", f"a{i}") for i in range(len(f.beats))]


def test_piece_of_and_repair(facts):
    from studio.generation.pieces import piece_of, repair

    f = facts[0]
    pieces = {"action": ["The kettle ticks.", "Nell is a hut.", *f.beats[2:]], "dialogue": {"NELL": ["Nell is tired."], "TAM": []}}
    assert piece_of({"text": "Nell is a hut.", "subject": "NELL.identity"}, pieces) == "action:1"
    assert piece_of({"text": "Nell is tired.", "subject": "NELL.dialogue", "character": "NELL"}, pieces) == "line:NELL:0"
    assert piece_of({"text": "", "subject": "SCENE 1.beat 4"}, pieces) == "action:3"
    assert piece_of({"category": "plan", "character": "TAM", "message": "TAM is in the outline of scene 1 but not in the scene",
                     "text": "TAM"}, pieces) == "line:TAM:new"
    assert piece_of({"text": "Something else entirely."}, pieces) is None
    origin = ["writer"] * len(f.beats)
    done = repair(pieces, origin, f, ["action:1", "line:NELL:0", "line:TAM:new"])
    assert pieces["action"][1] == f.beats[1] and origin[1] == "treatment"
    # TAM, lost from the scene, comes back through the beat that names him
    assert pieces["action"][2] == f.beats[2] and origin[2] == "treatment"
    assert pieces["dialogue"]["NELL"] == [] and done == [
        "action line 2 is the treatment's sentence", "action line 3 is the treatment's sentence (it names TAM)",
        "1 line of NELL replaced by an action line: Nell looks at Tam and says nothing."]
    assert pieces["fallback"] == {"NELL": ["Nell looks at Tam and says nothing."]}


@pytest.mark.parametrize("text, problem", [
    ("Nell reads the name twice, and then she starts to talk about a", "cut off mid-sentence"),
    ("She has him ring the ship's bell.}", "stray brackets"),
    ("The car deck is a scene in which the camera sees the chain.", "repeats the instructions"),
    ("Rory waits.", ""), ('"Go," she says.', ""), ("He runs--", ""),
])
def test_action_lines_that_cannot_stand_in_a_script(text, problem):
    from continuity.treatment.fidelity import action_problem

    assert problem in action_problem(text) and bool(problem) == bool(action_problem(text))
