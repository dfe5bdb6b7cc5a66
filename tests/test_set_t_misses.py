"""Readings made general from set T's misses (T is a development set from here on), each with its clean twin."""

from __future__ import annotations

import textwrap

from checkutil import messages

HOLLIS = """
characters:
  - name: Hollis
    age: 72
    eyes: black patch over the LEFT eye; no glasses of any kind
  - name: Juno
    age: 19
    hair: Platinum-bleached buzz cut (scenes 1-2). Dyes it GREEN on screen in scene 2.
"""


def test_a_bare_patch_over_an_eye_has_its_side():
    script = """
INT. SHOP - DAY

Hollis comes in behind her, patch over his {side} eye, in his guayabera.

HOLLIS
Morning.
"""
    found = messages(script.format(side="right"), HOLLIS, ["appearance"], "right")
    assert found and "LEFT" in found[0]
    assert messages(script.format(side="left"), HOLLIS, ["appearance"]) == []


def test_bifocals_are_glasses():
    script = """
INT. SHOP - NIGHT

Hollis watches the ceiling over the top of his {what}.

HOLLIS
Hold.
"""
    assert messages(script.format(what="bifocals"), HOLLIS, ["appearance"], "glasses")
    assert messages(script.format(what="eyebrows"), HOLLIS, ["appearance"]) == []


def test_a_name_spelt_as_it_sounds_is_a_slip():
    script = """
INT. SHOP - DAY

Juno rinses her hands. Hollis sits.

HOLLIS
{name}. Come here.

JUNO
What?

HOLLIS
Nothing.

JUNO
Fine.

HOLLIS
Juno, sit.

JUNO
No.
"""
    found = messages(script.format(name="Juneau"), HOLLIS, ["address"], "Juneau")
    assert found and "Juno" in found[0]
    assert messages(script.format(name="Juno"), HOLLIS, ["address"], "misspelling") == []


def test_a_platinum_buzz_after_the_green_dye_job():
    script = """
INT. SHOP - DAY

Juno sweeps up, her platinum buzz bright under the lamp.

JUNO
Done.

INT. BACK ROOM - NIGHT

Juno works the dye through. Her buzz is green now.

INT. SHOP - NIGHT

Juno rakes a hand over her {what} and tosses him a T-shirt.

JUNO
Catch.
"""
    found = messages(script.format(what="platinum buzz"), HOLLIS, ["appearance"], "blonde")
    assert found
    assert messages(script.format(what="green buzz"), HOLLIS, ["appearance"], "blonde") == []


TOM = """
characters:
  - name: Tom Braddock
    age: 17
    hair: ginger, long enough to touch his collar, until scene 1; clipped short on screen in scene 1
  - name: Mo Braddock
    age: 19
  - name: Iris Keane
    age: 58
  - name: Frost
    age: 60
"""


def test_hair_over_the_collar_again_after_a_crop_on_screen():
    script = """
INT. FLAT - NIGHT

Mo switches on the clippers. When she's done, he's cropped close to the skull.

INT. BATHS - DAY

Tom comes in -- ginger hair {how} -- and holds out the stopwatch.

TOM
Here.
"""
    found = messages(script.format(how="curling over his collar"), TOM, ["appearance"], "long")
    assert found
    assert messages(script.format(how="cropped close, ears pink"), TOM, ["appearance"], "long") == []


def test_mrs_and_a_shared_surname_is_the_one_woman_of_it():
    script = """
INT. BATHS - DAY

Tom and Mo fold towels. Mo laughs at him.

MO
Idiot.

INT. COMMITTEE ROOM - DAY

Iris stands before Frost.

FROST
That's very impressive, {name}. But signatures don't --

IRIS
Count them.
"""
    found = messages(script.format(name="Mrs. Braddock"), TOM, ["address"], "Braddock")
    assert found and "MO" in found[0]
    assert messages(script.format(name="Mrs. Keane"), TOM, ["address"], "Keane") == []


def test_a_he_at_the_top_of_a_continuous_scene_is_the_man_of_the_last():
    from continuity.screenplay.readers import fountain
    from continuity.story.context import context_for

    def owner(heading: str) -> str | None:
        script = fountain.parse(textwrap.dedent(f"""
            INT. BOILER ROOM - DAY

            A jet of water hits Desmond square in the face. He staggers back.

            DESMOND
            Bloody hell.

            INT. BOILER ROOM - {heading}

            Nora watches from the stairs, her arms folded, her mouth tight. She shakes her head.

            She hands him a towel. He dabs at his face.

            NORA
            Better?
            """).lstrip("\n"), source="t.fountain")
        ctx = context_for(script)
        s = next(x for x in ctx.sentences if x.text.startswith("He dabs"))
        return ctx.reader.previous_named(s, "m", include_self=True)

    assert owner("CONTINUOUS") == "DESMOND"
    assert owner("NIGHT") is None  # (a new scene: no man named in it)


SHOP = """
locations:
  anchor_and_rose:
    interior_walls: TEAL, floor to ceiling with framed flash; repainted CORAL on screen in scene 3
  morning_star_bait:
    look: low cinderblock shop painted LIME GREEN, stuffed redfish over the counter
"""


def test_walls_a_bible_key_names_keep_the_colour_it_opens_with():
    script = """
INT. ANCHOR AND ROSE - NIGHT

She and Ezra tear framed sheets off the {colour} walls.

EZRA
Hurry.
"""
    found = messages(script.format(colour="coral"), SHOP, ["location"], "coral")
    assert found and "TEAL" in found[0]
    assert messages(script.format(colour="teal"), SHOP, ["location"]) == []


def test_whitewashed_walls_of_a_shop_painted_green_are_no_repaint():
    script = """
INT. MORNING STAR BAIT - DAY

The bait shop after the flood: a tideline of mud a foot up the {what} walls.

ODILE
Well.
"""
    found = messages(script.format(what="whitewashed"), SHOP, ["location"], "whitewashed")
    assert found and "LIME GREEN" in found[0]
    assert messages(script.format(what="lime-green"), SHOP, ["location"]) == []


def test_the_old_colour_with_a_word_between_after_a_repaint():
    script = """
INT. POOL HALL - DAY

Iris paints the red cubicle doors sky blue, every one.

IRIS
There.

INT. POOL HALL - NIGHT

Bunting strung across the peeling {colour} cubicle doors.

TOM
Smart.
"""
    found = messages(script.format(colour="red"), "", ["location"], "painted blue")
    assert found and "'red cubicle doors'" in found[0] and "they were" in found[0]
    assert messages(script.format(colour="blue"), "", ["location"], "painted") == []
