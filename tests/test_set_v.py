"""Set V's first-run flags and some of its misses, each fixed in general: a slip case and its clean twin.

Flags (clean lines the first run flagged): a door repainted with "the first stroke: signal red" and
a bible's "bottle-green until repainted signal red by Walter in sc10"; "white with a green steam
engine painted on it"; an elastic band "snapped back"; a bible's "dome smashed" of a mounted wren;
ponytail ends dyed teal. Misses: "Fifty-seven in March gone.", "You're nineteen, you heal like a
lizard.", "Dez, dry as a bone," after a fall in the clay, "her good left hand", and a pocket watch
handed over on its chain, then checked by its giver.
"""

from __future__ import annotations

from checkutil import messages

from continuity.story.place_colours import paint_colour


def test_a_first_stroke_and_a_door_red_under_wet_paint_are_a_repaint():
    assert paint_colour("He lays on the first stroke: signal red, glossy as a fresh cut.") == "red"
    assert paint_colour("By the time the light goes, the door is red from top to bottom, a card: WET PAINT.") == "red"
    assert paint_colour("The door is red, the way it always was.") is None


DOOR_BIBLE = """
locations:
  signal box:
    door: bottle-green until repainted signal red by Walter in sc2; red from then on
"""


def _door(colour: str) -> str:
    return f"""
EXT. SIGNAL BOX - DAY

WALTER (61) climbs the wooden stair to the bottle-green door.

WALTER
Forty years.

EXT. SIGNAL BOX - DUSK

Walter sits on the top step. Behind him, the door is red.

WALTER
There.

INT. SIGNAL BOX - NIGHT

Walter goes out of the {colour} door into the dark.
"""


def test_a_door_the_bible_repaints_is_its_new_colour_after():
    assert messages(_door("red"), DOOR_BIBLE, ["location"], "door") == []
    found = messages(_door("green"), DOOR_BIBLE, ["location"], "door")
    assert any("painted red" in m for m in found), found


MUG_BIBLE = """
props:
  replacement mug: white with a green steam engine painted on it
"""


def _mug(colour: str) -> str:
    return f"""
INT. SIGNAL BOX - DAY

WALTER (61) nods at the {colour} china mug on the sill.

WALTER
Tea.
"""


def test_a_prop_white_with_a_picture_on_it_is_white():
    assert messages(_mug("white"), MUG_BIBLE, ["prop"], "mug") == []
    found = messages(_mug("blue"), MUG_BIBLE, ["prop"], "mug")
    assert any("white" in m for m in found), found


BAND = """
INT. SIGNAL BOX - DAY

LARK (40) takes out a small black notebook with an elastic band round it, writes, and snaps the band back.

LARK
Noted.

INT. ADA'S KITCHEN - NIGHT

ADA (24) pulls the band from the end of her plait.

ADA
There.
"""


def test_a_band_snapped_back_is_not_broken():
    assert messages(BAND, None, ["prop"], "band") == []
    broken = BAND.replace("snaps the band back", "snaps the band in two")
    assert messages(broken, None, ["prop"], "band")


WREN_BIBLE = """
props:
  wren mount: winter wren on a walnut base under a glass dome; dome smashed sc1, wren domeless sc2
"""


def test_a_part_the_bible_smashes_is_not_the_whole_thing():
    text = """
INT. STUDIO - DAY

NOOR (24) knocks the glass dome off the bench. It smashes.

NOOR
No.

INT. STUDIO - NIGHT

Noor sets the winter wren upright on the steel table, bare to the air.

NOOR
Sorry.
"""
    assert messages(text, WREN_BIBLE, ["prop"], "wren") == []


DYE_BIBLE = """
characters:
  noor:
    hair: long, black, worn in a high ponytail; ends dyed teal on screen in sc2, teal-ended from then on
"""


def _dye(colour: str) -> str:
    return f"""
INT. STUDIO - DAY

NOOR (24) ties back her long black ponytail.

NOOR
Right.

INT. BATHROOM - NIGHT

Noor squeezes dye from a bottle onto the ends of her ponytail.

NOOR
Done.

EXT. LAKE - NIGHT

Noor is up again, soaked from collar to boots, {colour} ponytail dripping.

NOOR
Again.
"""


def test_hair_ends_dyed_in_the_bible_are_a_colour_it_may_be_called_after():
    assert messages(_dye("teal"), DYE_BIBLE, ["appearance"], "hair") == []
    found = messages(_dye("blonde"), DYE_BIBLE, ["appearance"], "hair")
    assert any("blonde" in m for m in found), found


AGE_BIBLE = """
characters:
  walter:
    age: 61
  noor:
    age: 24
"""


def _asked(answer: str) -> str:
    return f"""
EXT. SIGNAL BOX - DAY

DEZ (19) comes up the stair. WALTER (61) paints.

DEZ
How old are you, anyway?

WALTER
{answer} Old enough to want it red.
"""


def test_an_age_answered_with_its_month_is_the_speakers():
    found = messages(_asked("Fifty-seven in March gone."), AGE_BIBLE, ["timeline"], "WALTER")
    assert any("57" in m and "61" in m for m in found), found
    assert messages(_asked("Sixty-one in March gone."), AGE_BIBLE, ["timeline"], "WALTER") == []


def _told(age: str) -> str:
    return f"""
INT. STUDIO - DAY

NOOR (24) holds up her cut finger. RUTH (50) looks at it.

NOOR
Is it bad?

RUTH
Not deep. You're {age}, you heal like a lizard.
"""


def test_you_re_an_age_then_a_clause_about_you_is_the_one_spoken_to():
    found = messages(_told("nineteen"), AGE_BIBLE, ["timeline"], "NOOR")
    assert any("19" in m and "24" in m for m in found), found
    assert messages(_told("twenty-four"), AGE_BIBLE, ["timeline"], "NOOR") == []


def _clay(state: str) -> str:
    return f"""
EXT. HOLLIN CUT - NIGHT

DEZ (19) runs between the rails. He slips, goes down on both knees in the clay, gets up plastered to the thigh.

DEZ
Stop!

INT. SIGNAL BOX - NIGHT - LATER

The door bangs. Dez, {state}.

WALTER
Sit down.
"""


def test_a_fall_in_the_clay_dirties_and_dry_as_a_bone_is_dry():
    found = messages(_clay("dry as a bone, boots clean, not a drop on the boards"), None, ["wardrobe"], "DEZ")
    assert any("clean" in m for m in found), found
    assert messages(_clay("clay to the thigh, dripping on the boards"), None, ["wardrobe"], "DEZ") == []


CAST_BIBLE = """
characters:
  ruth:
    injury: LEFT wrist in a black fibreglass cast throughout
"""


def _hand(side: str) -> str:
    return f"""
EXT. STUDIO - NIGHT

RUTH (50) waits by the pickup. She shivers. Her breath smokes.

HOLLIS (60) comes out of the studio. He reaches for the door. His hand shakes.

HOLLIS
Give me the keys.

With her good {side} hand she takes the keys out of the ignition.

RUTH
No.
"""


def test_a_good_hand_is_the_one_not_hurt():
    found = messages(_hand("left"), CAST_BIBLE, ["appearance"], "RUTH")
    assert any("right" in m for m in found), found
    assert messages(_hand("right"), CAST_BIBLE, ["appearance"], "RUTH") == []


WATCH = """
INT. SIGNAL BOX - DAY

ADA (24) stands at the frame. She rubs her eyes. Her hands are cold.

WALTER (61) takes the silver pocket watch from his waistcoat, unhooks the chain, and holds it out to Ada.

WALTER
I want you to have it.

She takes it in her left hand.

EXT. SIGNAL BOX - LATER

Walter comes down the wooden stair checking {whose} silver pocket watch.

ADA
Go on.
"""


def test_a_watch_held_out_on_its_chain_and_taken_is_the_taker_s():
    found = messages(WATCH.format(whose="his"), None, ["wardrobe"], "watch")
    assert any("WALTER" in m and "ADA" in m for m in found), found
    assert messages(WATCH.format(whose="Ada's"), None, ["wardrobe"], "gave it") == []


GLASSES_BIBLE = """
characters:
  ruth:
    eyewear: none
"""


def _note(glasses: str) -> str:
    return f"""
INT. STUDIO - DAY

RUTH (41) stands at the counter with her clipboard. She writes.

MAGS
Well?

Ruth makes a note, then looks up over her {glasses}.

RUTH
Well.
"""


def test_reading_glasses_are_glasses_worn():
    found = messages(_note("reading glasses"), GLASSES_BIBLE, ["appearance"], "glasses")
    assert any("RUTH" in m and "none" in m for m in found), found
    assert messages(_note("sunglasses"), GLASSES_BIBLE, ["appearance"], "glasses") == []


LOOK_BIBLE = """
characters:
  dez:
    age: 19
"""


def _look(age: str) -> str:
    return f"""
INT. SIGNAL BOX - DAY

DEZ (19) comes up the stair two at a time. He grins. He shakes the rain off his cap.

ADA (24) turns from the frame. She wipes her hands.

DEZ
Morning.

She looks at him: {age} and earnest as a dog.

ADA
Morning.
"""


def test_an_age_a_look_takes_in_is_the_one_looked_at_s():
    found = messages(_look("twenty-six"), LOOK_BIBLE, ["timeline"], "DEZ")
    assert any("26" in m and "19" in m for m in found), found
    assert messages(_look("nineteen"), LOOK_BIBLE, ["timeline"], "DEZ") == []
