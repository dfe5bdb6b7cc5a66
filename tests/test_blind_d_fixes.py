"""Regressions from blind set D: a cast grouped by department, looks and changes told through pronouns,
repaints in a painter's words, ages given as answers, and a weekday that cannot move a day going on."""

from __future__ import annotations

from checkutil import audit_text

from continuity.bible.load import read_bible
from continuity.language.parse import Parser
from continuity.language.traits import read

CREW = """\
people:
  the_line:
    tomas_berg:
      goes_by: Tom
      age: 31 (born 1988)
      eyes: Grey
      hair: Bleached-blond crop. Red beard until the accident; he shaves it off that night.
    ruth_okafor:
      goes_by: Ruth
      age: "52"
      hair: Close-cropped white beard, steel glasses
  front_desk:
    ada_lind:
      age: "29"
      hair: Black bob.
sets:
  harbour_office:
    dressing: Bare oak desks. No curtains anywhere.
"""


def test_a_cast_grouped_by_department_with_identifier_keys_and_goes_by():
    bible, _ = read_bible(CREW, source="crew.yaml")
    names = {c.name: c for c in bible.characters}
    assert set(names) == {"TOMAS BERG", "RUTH OKAFOR", "ADA LIND"}
    assert "Tom" in names["TOMAS BERG"].aliases
    assert bible.locations_for("HARBOUR OFFICE")[0].name == "HARBOUR OFFICE"  # a key written as an identifier


def test_a_beard_in_a_hair_value_is_not_the_hair_and_a_told_shave_is_a_later_look():
    r = audit_text(
        """
        INT. HARBOUR OFFICE - DAY

        TOM (31) at the desk, bleached-blond crop, red beard. RUTH (52) beside him, hair long and dark.
        """,
        CREW,
        ["appearance"],
    )
    assert r.findings == ()


def test_a_group_name_is_no_character():
    bible, _ = read_bible(CREW, source="crew.yaml")
    assert not any("LINE" in c.name or "DESK" in c.name for c in bible.characters)


def test_dry_after_a_soaking_across_a_continuous_cut_with_a_he_after_a_her():
    r = audit_text(
        """
        INT. GALLEY - DAY

        ADA LIND turns the hose on the deck, her sleeves rolled. The jet catches TOM full in the chest.

        By the time Ada gets the tap off he's soaked to the skin, his blue shirt stuck to him.

        ADA
        Sorry!

        TOM
        Fine.

        EXT. DECK - CONTINUOUS

        Tom sits on a coil of rope, his blue shirt bone-dry in the wind.
        """,
        "characters:\n  - name: Tom\n    description: He skippers the boat.\n"
        "  - name: Ada\n    description: She runs the office.\n",
        ["wardrobe"],
    )
    assert [f.line for f in r.findings] == [15]
    assert "TOM" in r.findings[0].message


def test_a_beard_shaved_through_a_pronoun_is_gone():
    r = audit_text(
        """
        INT. WASHROOM - NIGHT

        TOM (31) looks at the mirror. Half his red beard is scorched.

        He soaps up and shaves the whole thing off.

        Underneath, his jaw is pale where the beard was.

        INT. HARBOUR OFFICE - DAY

        Tom at his desk, clean-shaven.
        """,
        None,
        ["appearance"],
    )
    assert r.findings == ()


def test_hair_said_of_every_strand_and_dyed_on_screen():
    parse = Parser(None).parse("Every strand of her hair is now green.")
    traits = read(parse)
    assert [(t.key, t.value, t.change) for t in traits] == [("hair.colour", "green", True)]


def test_a_painter_rolling_a_coat_repaints_the_walls():
    r = audit_text(
        """
        INT. HARBOUR OFFICE - DAY

        The walls are painted a deep navy.

        INT. HARBOUR OFFICE - NIGHT

        Ada, in paint-spattered overalls, rolls a thick coat of warm yellow over the navy.

        INT. HARBOUR OFFICE - DAY

        The yellow walls catch the morning.
        """,
        None,
        ["location"],
    )
    assert r.findings == ()


def test_a_feature_the_bible_rules_out_in_the_singular():
    r = audit_text(
        """
        INT. HARBOUR OFFICE - DAY

        Ada draws back the heavy curtain and looks out.
        """,
        CREW,
        ["location"],
    )
    assert [f.line for f in r.findings] == [3]


def test_a_name_only_shouted_is_a_call_for_someone_out_of_sight():
    r = audit_text(
        """
        INT. HARBOUR OFFICE - DAY

        TOM
        Where's Ruth?

        ADA
        Ruth's on the quay.

        INT. GALLEY - DAY

        RUTH
        Tom's late again.

        ADA
        I'll ask him.

        INT. HARBOUR OFFICE - NIGHT

        Water comes under the door.

        ADA
        Tom! TOM!
        """,
        None,
        ["name"],
    )
    assert r.findings == ()


def test_an_age_given_as_the_answer_to_how_old():
    r = audit_text(
        """
        INT. HARBOUR OFFICE - DAY

        ADA
        How old are you, anyway?

        TOM
        Thirty-five. Thirty-six in June.
        """,
        CREW,
        ["timeline"],
    )
    assert [f.line for f in r.findings] == [7]
    assert "TOM 35" in r.findings[0].message


def test_a_flashback_year_does_not_date_the_present():
    r = audit_text(
        """
        INT. KITCHEN - DAY (FLASHBACK - 1993)

        Young Ada at the stove.

        INT. KITCHEN - NIGHT (PRESENT)

        ADA LIND, black bob, at the same stove.

        INT. KITCHEN - DAY

        Ada, her black bob tied back.
        """,
        CREW,
        ["appearance"],
    )
    from continuity.story.context import context_for

    assert r.findings == ()
    from checkutil import fountain

    ctx = context_for(fountain.parse("INT. A - DAY (FLASHBACK - 1993)\n\nX.\n\nINT. B - NIGHT\n\nY.\n", source="t"), None)
    assert ctx.period(2) != ("year", 1993)


def test_a_weekday_said_at_night_after_a_dated_dusk_is_checked_not_obeyed():
    r = audit_text(
        """
        EXT. QUAY - DUSK

        SUPER: "Thursday."

        The lamps come on.

        INT. HARBOUR OFFICE - NIGHT

        RUTH
        It's Wednesday night and nobody's paid us.
        """,
        None,
        ["timeline"],
    )
    assert [f.line for f in r.findings] == [10]


def test_an_old_burn_on_the_wrong_forearm_and_the_right_hand_bandaged_by_ellipsis():
    bible = "characters:\n  - name: Nadia\n    marks: Burn scar on the inside of the LEFT forearm.\n"
    r = audit_text(
        """
        INT. KITCHEN - DAY

        NADIA
        Service.

        Nadia rolls her sleeves. The old burn shines on her right forearm.
        """,
        bible,
        ["appearance"],
    )
    assert [f.line for f in r.findings] == [6]
    traits = read(Parser(None).parse("Cora writes with her left hand, the right bandaged."))
    assert [(t.key, t.value) for t in traits] == [("state.arm.bandage", "bandaged-right"), ("side.injury.arm", "right")]


def test_keepsakes_given_away_are_not_worn_by_the_giver_days_later():
    r = audit_text(
        """
        INT. DINING ROOM - NIGHT

        HELEN
        These were my mother's.

        Helen unclips her pearl studs and lays them in Pip's palm.

        PIP
        I can't.

        INT. DINING ROOM - DAY

        SUPER: "Two days later."

        Helen at the host stand in her navy suit, her mother's pearl studs at her ears.

        PIP
        Morning.
        """,
        None,
        ["wardrobe"],
    )
    assert [f.line for f in r.findings] == [15]
    assert "gave it to PIP" in r.findings[0].message


def test_a_branded_prop_the_bible_lists_thrown_in_a_river_then_used():
    bible = "characters:\n  - name: Dez\nprops:\n  zippo:\n    description: Brass Zippo lighter.\n"
    r = audit_text(
        """
        EXT. BRIDGE - NIGHT

        DEZ
        Watch this.

        He holds the Zippo out over the railing. Flicks it open. Flicks it shut.

        Then he throws it. It turns once in the light and vanishes into the river.

        EXT. ALLEY - DAY

        Dez on the crate, lighting a cigarette with his brass Zippo.

        DEZ
        What?
        """,
        bible,
        ["prop"],
    )
    assert [f.line for f in r.findings] == [12]


def test_an_action_line_without_its_subject_puts_a_garment_on():
    parse = Parser(None).parse("Ties on a navy apron.")
    assert (parse.tokens[0].pos, parse.tokens[0].lemma) == ("VERB", "tie")
    assert Parser(None).parse("Boots on the porch.").tokens[0].pos != "VERB"


def test_a_phone_hurled_into_the_scrub_is_lost_and_the_bars_phone_is_another():
    r = audit_text(
        """
        EXT. HIGHWAY - DAY

        JESS
        Give it back.

        Roo takes the phone out of her sister's hand and hurls it end over end into the saltbush.

        Twenty minutes later Jess comes back with scratched shins and no phone.

        INT. ROADHOUSE - NIGHT

        Jess uses the phone behind the bar to ring home. Later they made it to the motel.

        INT. MOTEL - NIGHT

        Jess takes the phone out of her pocket.
        """,
        None,
        ["prop"],
    )
    assert [f.line for f in r.findings] == [16]


def test_a_pronoun_means_the_thing_its_own_sentence_names_before_the_paragraph_before():
    r = audit_text(
        """
        INT. CAR - DAY

        NAK
        Right.

        Nak takes out his snow globe and looks at it.

        Nak walks into a building marked HOFF AND PARTNERS.

        Nak stamps on the snow globe until it is broken beyond repair.

        INT. CAR - NIGHT

        Nak's snow globe glints on the dashboard.
        """,
        None,
        ["prop"],
    )
    assert [f.line for f in r.findings] == [14]
    assert "snow globe" in r.findings[0].message


def test_a_name_in_someone_elses_coat_is_not_in_the_room():
    bible = "characters:\n  - name: August Pell\n    known_as: Gus\n  - name: Cora\n  - name: Elijah\n  - name: Dr. Ashby\n"
    r = audit_text(
        """
        INT. PRESS ROOM - NIGHT

        GUS
        Ink's low.

        INT. SURGERY - DAY

        Elijah on the table. Cora stands in the doorway in Gus's oversized oilskin.

        DR. ASHBY
        Hold still, Mr. Pell.

        ELIJAH
        Yes, ma'am.
        """,
        bible,
        ["address"],
    )
    assert [f.line for f in r.findings] == [11]
    assert "GUS is not in this scene" in r.findings[0].message


def test_blind_e_bible_shapes_an_entry_that_names_itself_a_calendar_inside_a_section_and_a_log_of_changes():
    bible, warnings = read_bible(
        """\
cast:
  miriam_hale:
    name: Dr. Miriam Hale
    age: 54
story_calendar:
  year: 2022
  days:
    - day: 1
      date: 14 March 2022
      scenes: "1-2"
    - day: 2
      date: 15 March 2022
      scenes: "3"
on_screen_changes:
  - scene: 2
    change: The door repainted from blue to green.
  - scene: 3
    change: Jonah shaves.
""",
        source="e.yaml",
    )
    assert [c.name for c in bible.characters] == ["DR. MIRIAM HALE"]
    assert bible.story_dates == {"D1": "2022-03-14", "D2": "2022-03-15"}
    assert bible.story_days.get("3") == "D2"
    assert any("'on_screen_changes' as notes" in w for w in warnings)


def test_a_door_painted_at_one_heading_is_the_door_seen_from_another_and_wet_hair_is_dark():
    r = audit_text(
        """
        EXT. OBSERVATORY - DAY

        The door of the mess hut is a tired, peeling blue.

        EXT. MESS HUT - DAY

        Amaru is painting the peeling blue door of the mess hut a bright bottle green.

        EXT. OBSERVATORY - MORNING

        Miriam stands in the doorway, the green door propped open behind her.
        """,
        None,
        ["location"],
    )
    assert r.findings == ()
    bible = "characters:\n  - name: Rosie\n    hair: platinum blonde\n"
    r = audit_text(
        """
        INT. SALON - DAY

        ROSIE
        Go on.

        The tint rinsed out, Rosie's hair hangs wet and dark past her shoulders.
        """,
        bible,
        ["appearance"],
    )
    assert r.findings == ()


def test_a_line_opening_on_a_verb_is_no_wrong_name_and_a_cars_crunch_is_no_loss():
    r = audit_text(
        """
        INT. CORNER - NIGHT

        BRENNAN
        Come on then.

        FRANKIE
        Right.

        WALT
        Breathe, son. Breathe.

        EXT. YARD - DAY

        FRANKIE
        Here.

        The Land Cruiser crunches into the gravel yard.

        EXT. YARD - NIGHT

        The Land Cruiser idles in the yard.
        """,
        None,
        ["address", "prop"],
    )
    assert r.findings == ()


def test_sunlight_and_a_low_winter_sun_at_night_but_not_a_sun_gone_down():
    r = audit_text(
        """
        INT. DOME - NIGHT

        Sunlight spills through the open slit onto the white tube.

        EXT. PIER HEAD - NIGHT

        A low winter sun lays a rumpled path across the water.

        EXT. PIER HEAD - NIGHT

        The sun went down an hour ago. No sunlight reaches the water now.
        """,
        None,
        ["timeline"],
    )
    assert [f.line for f in r.findings] == [3, 7]


def test_a_super_whose_weekday_is_not_its_date_in_the_storys_year():
    r = audit_text(
        """
        EXT. STADIUM - NIGHT

        SUPER: "Monday 4th November 1968."

        The crowd files in.

        INT. RING - NIGHT

        SUPER: "SATURDAY 10th NOVEMBER"

        The bell goes.
        """,
        None,
        ["timeline"],
    )
    assert [f.line for f in r.findings] == [9]
    assert "10 November 1968 was a Sunday" in r.findings[0].message


CORNER = """\
characters:
  - name: Frankie Doyle
    age: 24
  - name: Cliff Brennan
    age: 28
  - name: Walt Maguire
    age: 67
"""


def test_a_cue_misspelling_a_bible_surname_a_mc_name_and_an_age_announced():
    r = audit_text(
        """
        INT. GYM - DAY

        WALT
        Again.

        FRANKIE
        Right.

        Duggie lifts Walt McGuire off his feet.

        INT. RING - NIGHT

        BRENAN
        Nice robe, Doyle.

        ANNOUNCER
        Weighing ten stone six, twenty-six years of age, Frankie Doyle!
        """,
        CORNER,
        ["name", "address", "timeline"],
    )
    lines = {f.line: f.message for f in r.findings if f.severity in ("error", "warning")}
    assert set(lines) >= {9, 13, 17}, lines
    assert "BRENNAN" in lines[13].upper() and "FRANKIE" in lines[17].upper()


def test_a_bible_look_dated_by_scene_spans_and_a_costume_known_by_an_also_called_name():
    bible = """\
cast:
  jonah_pike:
    name: Jonah Pike
    facial_hair: >
      Full black beard in sc. 1-2. Shaves it off on screen in sc. 3. Clean-shaven from sc. 3 to the end.
  teodora:
    name: Teodora Achterberg
    also_called: ["Teddy (everyone)"]
    wardrobe: Orange coveralls, every scene she appears in.
"""
    r = audit_text(
        """
        INT. HUT - DAY

        JONAH PIKE (29), full black beard, at the desk.

        TEDDY
        Morning.

        INT. HUT - NIGHT

        Jonah at the desk.

        INT. BATHROOM - NIGHT

        JONAH
        Right.

        He shaves. A clean-shaven stranger looks back at him.

        INT. HUT - DAY

        Jonah tugs at his beard. Teddy in her blue coveralls.
        """,
        bible,
        ["appearance", "wardrobe"],
    )
    assert sorted((f.line, f.category) for f in r.findings) == [(21, "appearance"), (21, "wardrobe")]


def test_stepping_out_of_one_garment_and_into_another():
    from checkutil import fountain

    from continuity.story.context import context_for
    from continuity.story.dress import Dress

    script = fountain.parse(
        "INT. KITCHEN - NIGHT\n\nJUNE\nRight.\n\nJune irons her scrubs. Steps out of the sweatpants and into the "
        "scrub pants.\n",
        source="t",
    )
    events = [(e.kind, e.item) for e in Dress.of(context_for(script, None)).events if e.character == "JUNE"]
    assert ("off", "sweatpants") in events and ("on", "pants") in events


def test_set_dressing_listed_in_a_field_of_its_own_and_a_colour_in_capitals():
    bible = """\
sets:
  control_room:
    description: Long, low room.
    fixed_features:
      - curved desk carrying three monitors
      - GREEN linoleum floor, curling at the corners
"""
    r = audit_text(
        """
        INT. CONTROL ROOM - DAY

        Jonah crosses the red linoleum floor to the desk.
        """,
        bible,
        ["location"],
    )
    assert [f.line for f in r.findings] == [3]
