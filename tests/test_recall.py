"""Regression tests for the misses (and the false alarm) reported in issue 11.

Each case is phrased the way the issue reported it; none was caught before the
parse-based reading (continuity.language.parse, continuity.story.objects, continuity.story.wearing).
"""

from __future__ import annotations

import pytest
from checkutil import audit_text


@pytest.fixture(scope="module")
def minilm():
    from continuity.language.minilm import MiniLM

    return MiniLM()


def found(report, category=None):
    return [(f.category, f.severity, f.line) for f in report.findings
            if f.severity in ("error", "warning") and (category is None or f.category == category)]


# --- props ---------------------------------------------------------------------------

SNOW_GLOBE = """
INT. ATTIC - NIGHT

WILL (30s) stands among boxes.

Will flings the snow globe at the wall. It bursts into a hundred pieces.

WILL
Good riddance.

EXT. GARDEN - DAY

Will digs.

INT. KITCHEN - DAY

Will turns the snow globe over in his hands.
"""


def test_a_prop_no_bible_lists_lost_in_a_second_sentence():
    r = audit_text(SNOW_GLOBE, checks=["prop"])
    [f] = r.findings
    assert (f.category, f.line, f.subject) == ("prop", 16, "snow globe")
    assert f.evidence[0].text == "It bursts into a hundred pieces."
    assert f.message == "the snow globe is used here, but it was destroyed in scene 1 and never recovered"


def test_a_bible_with_only_characters_does_not_switch_props_off():
    r = audit_text(SNOW_GLOBE, "characters:\n  - name: WILL\n", checks=["prop"])
    assert [f.line for f in r.findings] == [16]


def test_a_possessive_use_after_the_phone_sank():
    r = audit_text("""
        EXT. HARBOUR - NIGHT

        MARA (30s) leans on the rail. Her phone slips from her fingers and sinks into the harbour.

        MARA
        No!

        INT. BAR - NIGHT

        Mara scrolls through her phone.
        """, checks=["prop"])
    assert found(r) == [("prop", "error", 10)]


@pytest.mark.parametrize("loss", [
    "Tom tosses the letter into the fire.",
    "Tom crushes the letter in his fist and feeds it to the flames.",
    "A gust sweeps the letter overboard.",
    "A pickpocket steals the letter.",
    "Tom gives the letter to a stranger, who hurries off.",
    "Tom sells the letter to a passing collector.",
])
def test_losses_in_other_words(loss):
    r = audit_text(f"""
        INT. CABIN - NIGHT

        TOM (50s) reads the letter one last time.

        {loss}

        TOM
        Goodbye.

        EXT. DOCK - DAY

        Tom pulls the letter from his coat pocket and reads it again.
        """, checks=["prop"])
    assert found(r) == [("prop", "error", 12)], loss


@pytest.mark.parametrize("use", [
    "Tom glances at the compass.",
    "Tom sets the compass down on the table.",
    "Tom polishes the compass with his sleeve.",
    "The compass sits on the shelf, unharmed.",
])
def test_uses_in_other_words(use):
    r = audit_text(f"""
        EXT. CLIFF - NIGHT

        TOM (50s) hurls the compass over the edge. It shatters on the rocks below.

        TOM
        Done.

        INT. COTTAGE - DAY

        {use}
        """, checks=["prop"])
    assert [f.line for f in r.findings] == [10], use


def test_a_hand_over_to_someone_present_is_not_a_loss():
    r = audit_text("""
        EXT. TOWPATH - NIGHT

        PRIYA (20s) and DEV (20s) push their bikes.

        Priya hands the bike lamp to Dev.

        DEV
        Thanks.

        PRIYA
        Keep it.

        EXT. BRIDGE - NIGHT

        Dev switches on the bike lamp.
        """, checks=["prop"])
    assert r.findings == ()


def test_selling_to_a_stranger_is_a_loss():
    r = audit_text("""
        EXT. TOWPATH - NIGHT

        PRIYA (20s) pushes her bike.

        Priya sells the bike lamp to a passing boater.

        PRIYA
        Fifty quid.

        EXT. BRIDGE - NIGHT

        Priya switches on the bike lamp and rides off.
        """, checks=["prop"])
    [f] = r.findings
    assert f.line == 12 and "sold in scene 1" in f.message


def test_betty_hands_the_pictures_to_kate_is_no_loss_and_plurals_agree():
    r = audit_text("""
        INT. OFFICE - DAY

        BETTY (40s) and KATE (30s) sort photos.

        Betty hands the pictures to Kate.

        KATE
        Thanks.

        BETTY
        Careful.

        INT. HALL - DAY

        Kate pins the pictures to the board.
        """, checks=["prop"])
    assert r.findings == ()
    burnt = audit_text("""
        INT. OFFICE - DAY

        BETTY (40s) throws the pictures into the stove.

        BETTY
        There.

        INT. HALL - DAY

        Betty pins the pictures to the board.
        """, checks=["prop"])
    [f] = burnt.findings
    assert f.message == "the pictures are used here, but they were burnt in scene 1 and never recovered"


def test_a_recovery_or_a_new_one_ends_the_loss():
    for between in ("Tom finds the compass in the sand.", "Tom buys a new compass."):
        r = audit_text(f"""
            EXT. CLIFF - NIGHT

            TOM (50s) throws the compass into the sea.

            TOM
            Done.

            EXT. BEACH - DAY

            {between}

            INT. COTTAGE - DAY

            Tom opens the compass.
            """, checks=["prop"])
        assert r.findings == (), between


# --- wardrobe ------------------------------------------------------------------------

@pytest.mark.parametrize("later", [
    "The wind picks up. Rosa pulls her grey parka tighter.",
    "Rain hammers down. Rosa's grey parka is soaked through.",
    "She stuffs her hands into the pockets of the grey parka.",
])
def test_wardrobe_owned_by_action(later):
    r = audit_text(f"""
        EXT. MOOR - DAY

        ROSA (30s) trudges uphill in a red parka.

        ROSA
        Cold.

        {later}
        """, checks=["wardrobe"])
    assert found(r) == [("wardrobe", "error", 8)], later


def test_putting_a_garment_on_sets_its_colour():
    r = audit_text("""
        INT. FLAT - DAY

        PRIYA (20s) pulls a mustard cardigan off the chair and shrugs it on.

        PRIYA
        Late again.

        INT. STAIRWELL - CONTINUOUS

        Priya buttons her charcoal cardigan as she runs down.
        """, checks=["wardrobe"])
    [f] = r.findings
    assert f.line == 10
    assert "'charcoal cardigan'" in f.message and "'mustard cardigan'" in f.message


def test_an_announced_change_is_not_an_error():
    r = audit_text("""
        INT. FLAT - DAY

        PRIYA (20s) wears a mustard cardigan.

        PRIYA
        Late again.

        She puts on a charcoal cardigan.

        Priya buttons her charcoal cardigan.
        """, checks=["wardrobe"])
    assert r.findings == ()


# --- locations -----------------------------------------------------------------------

def test_set_features_in_any_phrasing_blame_the_later_line():
    r = audit_text("""
        EXT. VILLA - DAY

        ANNA (40s) opens the gate. The shutters here are painted red.

        ANNA
        Home.

        EXT. BEACH - DAY

        Anna swims.

        EXT. VILLA - NIGHT

        Rain streaks the green shutters.
        """, checks=["location"])
    [f] = r.findings
    assert f.line == 14 and f.evidence[0].line == 3
    assert f.message == "the shutters at VILLA are green here, but they were red in scene 1"


# --- names ---------------------------------------------------------------------------

NAMES = """
INT. HOUSE - DAY

JOSEPHINE (30s) and MARK (40s) enter.

JOSEPHINE
Hello?

MARK
Josephine, wait.

Josephine sits. Mark stands.

{line}
"""


@pytest.mark.parametrize("line, kind", [
    ("Josphine crosses to the window.", "action"),
    ("MARK\nJosphine, please.", "dialogue"),
])
def test_misspelt_names_in_action_and_dialogue(line, kind):
    r = audit_text(NAMES.format(line=line), checks=["address"])
    [f] = [f for f in r.findings if f.severity != "info"]
    assert f.subject == "Josphine" and kind in f.message and f.character == "JOSEPHINE"


@pytest.mark.parametrize("line", ["Will you marry me?", "Mark my words.", "Joseph waves.", "Scotty?", "Jo waves."])
def test_real_words_nicknames_and_other_names_are_not_misspellings(line):
    r = audit_text(NAMES.format(line=f"MARK\n{line}"), checks=["name", "address"])
    assert [f for f in r.findings if f.severity != "info"] == []


# --- time of day ---------------------------------------------------------------------

@pytest.mark.parametrize("time, line", [
    ("DAY", "Tom pours coffee. It is three in the morning and the house is silent."),
    ("DAY", "The kitchen clock reads 2:40 AM."),
    ("DAY", "Tom lies on his back, counting the stars overhead."),
    ("DAY", "Tom stumbles through the pitch dark, arms out."),
    ("NIGHT", "Tom wakes to birdsong as the sun rises over the hill."),
    ("NIGHT", "It's ten in the morning and Tom is still in bed."),
])
def test_time_of_day_in_other_words(time, line, minilm):
    r = audit_text(f"""
        INT. FARMHOUSE - {time}

        TOM (50s) waits.

        TOM
        Well.

        {line}
        """, checks=["timeline"], embedder=minilm)
    assert found(r) == [("timeline", "error", 8)], line


def test_time_of_day_is_inherited_through_continuous(minilm):
    r = audit_text("""
        EXT. YARD - DAY

        TOM (50s) chops wood.

        TOM
        Nearly done.

        INT. FARMHOUSE - CONTINUOUS

        Tom looks up at the moon through the window.
        """, checks=["timeline"], embedder=minilm)
    assert found(r) == [("timeline", "error", 10)]


def test_figures_of_speech_are_not_the_sky(minilm):
    r = audit_text("""
        INT. FARMHOUSE - DAY

        TOM (50s) waits.

        TOM
        Well.

        Her eyes are full of stars. He is over the moon. She meets him at 3 AM tomorrow, she says.
        """, checks=["timeline"], embedder=minilm)
    assert found(r) == []


# --- a bible never switches the script's own checks off --------------------------------

EYES = """
INT. ROOM - DAY

{cue} (30s), brown eyes, sits.

{cue}
Hi.

INT. ROOM - DAY

{name}'s blue eyes fill with tears.
"""


@pytest.mark.parametrize("bible", [
    None,
    "characters:\n  - name: MARA\n    attributes: {hair: red}\n",
    "characters:\n  - name: TOM\n",
])
def test_eye_colour_warning_survives_any_bible(bible):
    r = audit_text(EYES.format(cue="MARA", name="Mara"), bible, checks=["appearance"])
    [f] = r.findings
    assert (f.severity, f.line) == ("warning", 10)
    assert f.message == "MARA's eyes are blue here ('blue eyes'), but brown in scene 1 ('brown eyes')"


def test_a_bible_full_name_matches_the_cue():
    bible = "characters:\n  - name: Dev Kapoor\n    attributes: {eyes: green}\n"
    r = audit_text(EYES.format(cue="DEV", name="Dev"), bible, checks=["appearance", "name"])
    errors = [f for f in r.findings if f.severity == "error"]
    assert errors and all(f.character == "DEV" for f in errors)
    assert errors[0].evidence[0].bible == "characters.DEV KAPOOR.attributes.eyes"
    assert not [f for f in r.findings if f.category == "name"]  # DEV is in the bible, as Dev Kapoor


def test_bible_check_warns_about_characters_who_never_appear(tmp_path):
    import json
    import subprocess
    import sys

    script = tmp_path / "s.fountain"
    script.write_text("INT. ROOM - DAY\n\nDEV (30s) sits.\n\nDEV\nHi.\n")
    bible = tmp_path / "b.yaml"
    bible.write_text("characters:\n  - name: Dev Kapoor\n  - name: NELL\n")
    done = subprocess.run([sys.executable, "-m", "studio.cli", "bible", "check", str(bible), "--script", str(script),
                           "--json"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["absent"] == ["NELL"] and out["cues"]["DEV KAPOOR"] == "DEV"
    text = subprocess.run([sys.executable, "-m", "studio.cli", "bible", "check", str(bible), "-s", str(script)],
                          capture_output=True, text=True, timeout=120)
    assert "NELL never speaks or appears" in text.stderr


def test_a_swap_for_another_colour_is_a_change_not_an_error():
    r = audit_text("""
        INT. SHOP - DAY

        PRIYA (20s) tries on a red jacket.

        PRIYA
        Too loud.

        She swaps the red jacket for a navy one.

        Priya zips up her navy jacket.
        """, checks=["wardrobe"])
    assert r.findings == ()


def test_spotting_a_lost_prop_recovers_it():
    r = audit_text("""
        EXT. CLIFF - NIGHT

        TOM (50s) throws the compass into the sea.

        TOM
        Done.

        EXT. BEACH - DAY

        Tom spots the compass in a rock pool and picks it up.

        INT. COTTAGE - DAY

        Tom opens the compass.
        """, checks=["prop"])
    assert r.findings == ()
