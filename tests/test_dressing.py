"""Props' looks and set dressing against the bible's descriptions, compound colours, and
what counts as a deliberate change of looks (issue 11's second held-out set).

The sentences here are not the ones in ``benchmarks/phrasings_bible.py``: they test
the same machinery in other words.
"""

from __future__ import annotations

from checkutil import audit_text

BIBLE = """
characters:
  - name: NOOR
    attributes: {age: 60s, build: heavyset, hair: white}
  - name: PIP
props:
  - name: suitcase
    aliases: [case]
    description: Noor's late husband's suitcase, scuffed brown leather with brass clasps.
  - name: music box
    description: A small lacquered box, painted red, that plays a waltz.
  - name: raincoat
    description: A yellow raincoat.
locations:
  - name: NOOR'S FLAT
    description: Two rooms over a bakery, with an orange sofa and a cuckoo clock.
    attributes: {curtains: mustard}
  - name: STATION
"""


def _errors(text, checks=None):
    r = audit_text(text, BIBLE, checks=checks)
    return [(f.category, f.severity, f.message) for f in r.findings if f.severity in ("error", "warning")]


def scene(body: str, place: str = "INT. NOOR'S FLAT - DAY") -> str:
    return f"{place}\n\nNOOR (60s) and PIP (10) sit in silence.\n\n{body}\n"


def test_a_prop_in_a_colour_its_bible_description_contradicts():
    [(cat, sev, msg)] = _errors(scene("Pip drags the suitcase, a battered blue thing on wheels, to the door."), ["prop"])
    assert (cat, sev) == ("prop", "error")
    assert msg.startswith("the suitcase is blue here ('suitcase, a battered blue thing'), but the bible has ")
    assert "(brown)" in msg


def test_a_prop_in_a_material_of_another_family():
    [(_, _, msg)] = _errors(scene("Noor snaps open the plastic suitcase."), ["prop"])
    assert "the suitcase is plastic here" in msg and "(leather)" in msg


def test_a_prop_painted_in_its_description_and_said_in_a_predicate():
    [(_, _, msg)] = _errors(scene("The music box is green and chipped."), ["prop"])
    assert msg.startswith("the music box is green here")


def test_props_that_agree_in_other_words_stay_quiet():
    text = scene("Pip strokes the tan leather suitcase.\n\nThe crimson music box plays.\n\n"
                 "The case, chestnut brown, sits by the door.")
    assert _errors(text, ["prop"]) == []


def test_another_object_or_a_flashback_is_not_the_prop():
    text = scene("Noor buys a new suitcase, bright green.") + "\n" + scene(
        "The music box, blue then, sits on a shelf.", place="INT. NOOR'S FLAT - DAY (FLASHBACK)")
    assert _errors(text, ["prop"]) == []


def test_a_prop_the_bible_does_not_describe_keeps_its_first_description():
    bible = "props:\n  - name: umbrella\n"
    text = ("INT. HALL - DAY\n\nPip shakes out the black umbrella.\n\nEXT. STREET - DAY\n\n"
            "Pip opens the umbrella, a red one with white spots.\n")
    r = audit_text(text, bible, checks=["prop"])
    [f] = [f for f in r.findings if f.severity != "info"]
    assert f.severity == "warning" and f.message.startswith("the umbrella is red here")
    assert "black in scene 1" in f.message and f.evidence[0].line == 3


def test_garments_are_left_to_the_wardrobe_check():
    assert _errors(scene("Noor hangs up her green raincoat."), ["prop"]) == []


def test_set_dressing_described_in_the_bible_location():
    [(cat, sev, msg)] = _errors(scene("Pip bounces on the battered purple sofa."), ["location"])
    assert (cat, sev) == ("location", "error")
    assert msg == "the sofa at NOOR'S FLAT is purple here, but the bible has 'orange sofa'"


def test_compound_colours_agree_with_either_part():
    quiet = scene("Sun comes through the mustard-yellow curtains.\n\nPip flops onto the burnt-orange sofa.")
    assert _errors(quiet, ["location"]) == []
    [(_, _, msg)] = _errors(scene("Pip yanks the blue-green curtains shut."), ["location"])
    assert msg.startswith("the curtains at NOOR'S FLAT are blue-green here")


def test_a_location_without_a_description_is_fine():
    assert _errors(scene("Pip waits by the red bench.", place="EXT. STATION - DAY"), ["location"]) == []


def test_taking_off_a_garment_is_no_deliberate_change_of_age_or_build():
    text = "INT. NOOR'S FLAT - DAY\n\nNOOR (20s), slender, takes off her gloves.\n"
    found = {dict(f.extra)["attribute"]: f.severity for f in audit_text(text, BIBLE, checks=["appearance"]).findings}
    assert found == {"age": "error", "build": "error"}
    # A look changed on screen is canon from there on: no finding at all (issue 19)
    dyed = "INT. NOOR'S FLAT - DAY\n\nNOOR (60s) takes off her hat: her hair, dyed jet black, shines.\n"
    assert audit_text(dyed, BIBLE, checks=["appearance"]).findings == ()


def test_a_hyphenated_thin_is_a_build():
    [(cat, _, msg)] = _errors(scene("Noor, rake-thin, climbs the stairs."), ["appearance"])
    assert cat == "appearance" and "NOOR's build is slim here ('rake-thin')" in msg


OWNED = """INT. HALL - DAY

ADA (30s) shakes out her red umbrella. She frowns at the sky. BEN (40s) hands her the keys.

ADA
Come on.

EXT. STREET - DAY

Ben waits by the kerb. Ada opens {second} against the rain.
"""


def test_a_cast_members_own_thing_in_another_colour_in_another_scene():
    r = audit_text(OWNED.format(second="her blue umbrella"), checks=["prop"])
    [f] = r.findings
    assert (f.severity, f.character, f.line) == ("warning", "ADA", 10)
    assert f.message == "ADA's umbrella is blue here ('blue umbrella'), but red in scene 1 ('red umbrella')"
    assert f.evidence[0].line == 3


def test_the_same_thing_in_its_colour_family_or_another_thing_stays_quiet():
    for second in ("her crimson umbrella", "a new blue umbrella", "her blue eyes", "her blue coat", "Ben's blue umbrella"):
        assert audit_text(OWNED.format(second=second), checks=["prop"]).findings == (), second


def _story(first: str, second: str) -> str:
    return (f"INT. SHED - DAY\n\nMILO (50s) and his niece RUTH (20s) sort junk. Milo hums; he is happy here.\n\n{first}\n\n"
            f"RUTH\nReady?\n\nEXT. LANE - DAY\n\nThey walk. Ruth leads.\n\n{second}\n")


def test_a_possessed_spare_thing_is_that_thing_and_a_spare_after_a_loss_is_another():
    lost = audit_text(_story("Milo drops his spare torch down the well.", "Milo clicks his spare torch on."), checks=["prop"])
    assert [f.message for f in lost.findings] == ["his spare torch is used here, but it was lost in scene 1 and never recovered"]
    other = audit_text(_story("Milo drops his torch down the well.", "Milo clicks his spare torch on."), checks=["prop"])
    assert other.findings == ()


def test_a_machine_that_shorts_out_and_a_thing_posted_away_are_gone():
    dead = audit_text(_story("The radio fuses with a crackle and a smell of burning.", "Ruth switches on the radio."),
                      checks=["prop"])
    assert [f.category for f in dead.findings] == ["prop"]
    posted = audit_text(_story("Ruth posts the letter through the slot of the wrong door.", "Ruth reads the letter aloud."),
                        checks=["prop"])
    assert [f.category for f in posted.findings] == ["prop"]


def test_colours_set_off_after_the_noun_are_its_colours():
    text = ("INT. SHED - DAY\n\nMILO (50s) works.\n\nShelves, green and sagging, line the back wall.\n\n"
            "INT. SHED - NIGHT\n\nMilo stacks jars on the red shelves.\n")
    r = audit_text(text, checks=["location"])
    assert [f.message for f in r.findings] == ["the shelves at SHED are red here, but they were green in scene 1"]
