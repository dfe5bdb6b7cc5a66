"""A prop's fate as the bible tells it ("DESTROYED - drops it into the stove in sc. 2", "thrown into Sorrow
Creek day 2 - gone"), held against the script's later uses like a loss the script shows."""

from __future__ import annotations

from checkutil import audit_text

SCRIPT = """
    INT. LAB - NIGHT

    Miriam sits at the table. In front of her lies a silver USB stick with red varnish on the cap.

    INT. MESS - NIGHT

    Miriam sits by the stove a long time. Then she goes to bed.

    EXT. ROAD - DAY

    Lucas climbs into the truck and {later}.
    """

BIBLE = """
props:
  - name: usb stick
    description: Silver USB stick with a stripe of red nail varnish across the cap.
    attributes:
      fate: {fate}
"""


def _prop(later: str, fate: str):
    r = audit_text(SCRIPT.format(later=later), BIBLE.format(fate=fate), ["prop"])
    return [(f.line, f.message, f.evidence[0].bible) for f in r.findings if "used here" in f.message]


def test_a_prop_the_bible_burns_in_a_scene_is_gone_after_it():
    found = _prop("turns the silver USB stick over in his fingers",
                  "DESTROYED - Miriam drops it into the mess stove in sc. 2. Does not exist after sc. 2.")
    assert len(found) == 1
    line, message, path = found[0]
    assert line == 11
    assert message.startswith("the silver USB stick is used here, but it was burnt in scene 2")
    assert "drops it into the mess stove in sc. 2" in message and path == "props.usb stick.fate"


def test_before_the_fate_it_is_still_there():
    assert _prop("turns the silver USB stick over in his fingers",
                 "Miriam drops it into the mess stove in sc. 3.") == []


def test_a_fate_undone_later_in_the_bible_is_no_loss():
    assert _prop("turns the silver USB stick over in his fingers",
                 "Miriam drops it into the mess stove in sc. 2; Lucas fishes it out, scorched but readable.") == []


def test_a_part_broken_or_a_fall_in_the_hall_is_no_loss():
    assert _prop("turns the silver USB stick over in his fingers", "The flood smashes its cap (scene 2).") == []
    assert _prop("turns the silver USB stick over in his fingers", "falls out in the hall (sc. 2); Lucas pockets it") == []


def test_another_thing_of_the_kind_is_not_the_burnt_one():
    assert _prop("plugs a black USB stick into the dashboard",
                 "Miriam drops it into the mess stove in sc. 2.") == []


WATCH = """
    INT. GYM - DAY

    WALT (67) clicks the silver stopwatch as Frankie runs.

    INT. GYM - NIGHT

    Duggie sets his heel on it and leans. Something inside goes with a crunch.

    EXT. FERRY STEPS - DAY

    On the bench, Walt clicks the old silver Heuer. He looks at the silver stopwatch.
    """

WATCH_BIBLE = """
characters:
  - name: Walt
    props:
      stopwatch_original: Silver Heuer stopwatch on a black bootlace. SMASHED under Duggie's heel in sc. 2 - destroyed.
"""


def test_a_fate_in_a_characters_props_goes_by_each_of_its_names_and_is_reported_once():
    r = audit_text(WATCH, WATCH_BIBLE, ["prop"])
    found = [(f.line, f.message) for f in r.findings if f.category == "prop"]
    assert len(found) == 1
    assert found[0][0] == 11 and found[0][1].startswith("the old silver Heuer is used here, but it was destroyed in scene 2")


TEAPOT_BIBLE = """
props:
  willow teapot: antique blue-and-white willow-pattern porcelain teapot. Smashed in scene 1. Not seen again.
  white teapot: replacement from scene 2 - plain white china, chunky, modern
  nora_phone:
    look: black smartphone with a cracked corner
    history: falls into the river in sc 1 - LOST for good
"""

TEAPOT = """
    INT. STAGE - DAY

    NELL (26) lifts the teapot and it slides between their hands. NORA (30) grabs her bag. She swears. She runs to the rail, her hand over her mouth.

    NELL
    Oh no.

    NORA
    My phone!

    INT. STAGE - NIGHT

    Eddie peels the newspaper open: a plain white china teapot. TOBIAS (61) checks his phone. He frowns. He rubs his eyes.

    TOBIAS
    Fine.

    INT. STAGE - LATER

    {line}
    """


def _uses(line):
    r = audit_text(TEAPOT.format(line=line), TEAPOT_BIBLE, ["prop"])
    return [(f.line, f.message) for f in r.findings if "used here" in f.message]


def test_the_bibles_own_words_name_the_destroyed_thing_and_a_plain_replacement_is_another():
    assert [line for line, _ in _uses("Nell lifts the willow-pattern teapot. Her hand is steady.")] == [20]
    assert _uses("Nell holds out the white teapot with a steady hand.") == []


def test_someone_elses_phone_is_not_the_lost_one():
    assert _uses("He checks his phone again.") == []
    assert [line for line, _ in _uses("Nora checks her phone.")] == [20]


def test_a_stove_fed_a_coat_and_then_a_scarf_burns_both():
    text = """
    INT. FLAT - NIGHT

    TOMAS (29) in his green scarf kneels at the stove and opens its door. He feeds the trench coat in, then the scarf.

    TOMAS
    Gone.

    EXT. STREET - DAY

    Tomas pulls his green scarf up round his neck.
    """
    r = audit_text(text, None, ["prop"])
    assert [f.line for f in r.findings if "used here" in f.message and "burnt" in f.message] == [10]


def test_a_lost_thing_there_with_its_owner_in_an_absolute_phrase_is_used():
    text = """
    INT. TRAM - DAY

    CLAIRE (36) sits near the back with her red umbrella furled between her knees.

    EXT. HILL - DAY

    Three steps down the hill her hand is empty. The red umbrella is riding away up the hill on the tram.

    INT. BAR - NIGHT

    Claire sits on a stool opposite him, coat open, her red umbrella dripping against the bar.
    """
    r = audit_text(text, None, ["prop"])
    assert [f.line for f in r.findings if "used here" in f.message] == [11]


def test_a_phone_of_another_colour_than_the_lost_ones_look_is_another_phone():
    # the bible names the lost thing "nora_phone" and describes it "black smartphone": both name one phone
    assert _uses("Nora clips the red flip phone to her pocket.") == []
    assert [line for line, _ in _uses("Nora clips the black phone to her pocket.")] == [20]


def test_a_bible_for_more_days_than_the_script_holds_does_not_break_the_audit():
    bible = """
story_days:
  - day: 1
    scenes: [1]
  - day: 2
    scenes: [2, 3]
  - day: 3
    scenes: [4, 5]
props:
  - name: lapel mic
    status: LOST in the mill race on day 2 - never seen again
"""
    r = audit_text("""
    INT. MILL - DAY

    NELL clips her lapel mic to the door frame.
    """, bible, ["prop"])
    assert r.findings == ()
