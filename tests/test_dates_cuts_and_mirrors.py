"""A date with its weekday, a look the bible says was cut off, a look seen in one's own reflection, and the dressed hand.

Each reading has a slip case and its clean twin. Written in the ninth session, after misses
on sets S and U.
"""

from __future__ import annotations

from checkutil import messages

CALENDAR = """
story_days:
  - day: 1
    date: 2019-11-04
    scenes: [1]
"""


def _log(weekday: str) -> str:
    return f"""
INT. DOME - NIGHT

MARGIT (58) writes in the show log.

MARGIT
Fourth of November. {weekday}. Attendance tonight: us, probably.

ISLA
Probably.
"""


def test_a_date_then_its_weekday_alone_must_agree_with_the_calendar():
    found = messages(_log("Sunday"), CALENDAR, ["timeline"], "Sunday")
    assert any("4 November 2019 is a Monday" in m for m in found), found
    assert messages(_log("Monday"), CALENDAR, ["timeline"], "Monday") == []


CUT_BIBLE = """
characters:
  margit:
    hair before scene 2: iron-grey, single long braid down her back
    hair from scene 2: braid cut off by Isla; ragged silver crop to the jaw
"""


def _cut(look: str) -> str:
    return f"""
INT. WASHROOM - NIGHT

MARGIT (58) sits on the edge of the basin. Her long grey braid hangs over her shoulder.

MARGIT
Do it.

INT. WASHROOM - LATER

Isla sweeps up.

ISLA
Done.

INT. DOME - LATER

Margit at the console. She {look} and throws a switch.

MARGIT
Lights.
"""


def test_a_look_the_bible_says_was_cut_off_is_not_a_later_look():
    found = messages(_cut("flicks her long braid back over one shoulder"), CUT_BIBLE, ["appearance"], "long")
    assert any("braid cut off" in m for m in found), found
    assert messages(_cut("pushes her ragged crop back"), CUT_BIBLE, ["appearance"], "long") == []


SCAR_BIBLE = """
characters:
  margit:
    marks: thin white scar across the back of her RIGHT hand
"""


def _mirror(side: str) -> str:
    return f"""
INT. WASHROOM - NIGHT

MARGIT (58) and ISLA (15) at the basins.

ISLA
Ready?

Margit laughs. She looks at her own reflection: the old white scar across the back of her {side} hand where it
rests on the basin.

MARGIT
Ready.
"""


def test_a_look_seen_in_ones_own_reflection_is_ones_own():
    found = messages(_mirror("left"), SCAR_BIBLE, ["appearance"], "scar")
    assert any("MARGIT" in m and "RIGHT" in m for m in found), found
    assert messages(_mirror("right"), SCAR_BIBLE, ["appearance"], "scar") == []


HAND_BIBLE = """
characters:
  mags:
    hands: burnt LEFT palm, bandaged
"""


def _glove(side: str) -> str:
    return f"""
INT. PATROL SHACK - DAY

MAGS (41) and DEV (30) pull on their harnesses.

DEV
Ready?

Mags's {side} hand is bulky in its glove where the gauze is. She winces pulling the glove on.

MAGS
Ready.
"""


def test_the_hand_where_the_gauze_is_is_the_dressed_one():
    found = messages(_glove("right"), HAND_BIBLE, ["appearance"], "right")
    assert any("MAGS" in m for m in found), found
    assert messages(_glove("left"), HAND_BIBLE, ["appearance"], "injury") == []


DEATH_BIBLE = """
story_days:
  - day: 1
    date: 2024-05-09
    scenes: [1]
characters:
  tom:
    age: 45
  luis ferreira:
    status: died in Blackrake in 1999 aged 41 (seen only in a photo)
"""


def _luis(line: str) -> str:
    return f"""
EXT. BLACKRAKE - DAWN

TOM (45) heaves the lid back. NADIA (34) lays her palm on the rim of the shaft.

TOM
{line}

NADIA
I know.
"""


def test_years_since_a_death_must_meet_the_bible_s_year_of_it():
    found = messages(_luis("He'd have been seventy this year."), DEATH_BIBLE, ["timeline"], "LUIS")
    assert any("66 in 2024" in m for m in found), found
    found = messages(_luis("Luis died twenty years ago."), DEATH_BIBLE, ["timeline"], "LUIS")
    assert any("25 years before 2024" in m for m in found), found


def test_the_right_years_since_a_death_are_not_flagged():
    assert messages(_luis("He'd have been sixty-six this year."), DEATH_BIBLE, ["timeline"], "LUIS") == []
    assert messages(_luis("Luis died twenty-five years ago."), DEATH_BIBLE, ["timeline"], "LUIS") == []
    # "he" when the dead man is not the only man it can be
    two = DEATH_BIBLE + "  jim:\n    status: died 2010 aged 50\n"
    assert messages(_luis("He'd have been seventy this year."), two, ["timeline"], "have been") == []


def _two_hander(line: str, third: str = "") -> str:
    return f"""
INT. DEVON'S CAR - DAWN

MARGIT (58) drops into the passenger seat. DEVON (31) takes the coffees off her.{third}

DEVON
You could have waited.

MARGIT
My first night there, the lamp went too. {line}
"""


def test_someone_spoken_of_in_the_third_person_to_their_face_is_flagged():
    found = messages(_two_hander("Did Devon tell you?"), None, ["address"], "Devon")
    assert any("DEVON is the one other person" in m for m in found), found


def test_a_third_person_who_is_not_the_one_spoken_to_is_not_flagged():
    assert messages(_two_hander("Did Fergus tell you?"), None, ["address"], "someone else") == []
    # three in the scene: "you" may be the third
    assert messages(_two_hander("Did Devon tell you?", " FERGUS (64) dozes in the back."), None, ["address"],
                    "other person") == []


def test_one_she_inside_a_bible_note_about_another_does_not_make_him_a_she():
    import textwrap

    from continuity.bible.load import parse_bible
    from continuity.screenplay.readers import fountain
    from continuity.story.context import context_for

    script = fountain.parse(textwrap.dedent("""
        INT. DEVON'S CAR - DAY

        DEVON (31) checks his mirror. He drums his fingers on his knee. He sighs.

        DEVON
        Ready?

        MARGIT
        Never.
        """).lstrip("\n"), source="t.fountain")
    note = "characters:\n  devon:\n    wardrobe: jacket lent to Margit; shirtsleeves until she returns it\n"
    assert context_for(script, parse_bible(note)).cast.gender["DEVON"] == "m"
    # a sentence of the bible that opens on "She" is about the character
    said = "characters:\n  devon:\n    description: She runs the council's estates office.\n"
    assert context_for(script, parse_bible(said)).cast.gender["DEVON"] == "f"
