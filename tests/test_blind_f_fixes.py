"""Regressions from the sets' misses after blind set F: figures of people as things, the place a
thing used to be, and what a verbless sentence's 'it' means."""

from __future__ import annotations

from checkutil import audit_text

DASH = """
        INT. KINGSWOOD - DAY

        JESS
        Go.

        A plastic hula girl is stuck to the dashboard, nodding at every bump.

        EXT. HIGHWAY - DAY

        Roo glares at the hula girl. She rips it off the dash and flings it out of the window.

        EXT. SERVO - DAY

        JESS
        Fill it.

        {later}
        """


def test_a_figure_of_a_person_thrown_out_of_a_window_then_back_on_the_dash():
    r = audit_text(DASH.format(later="On the dash, the hula girl nods away at the queue."), "", ["prop"])
    assert [f.line for f in r.findings] == [17]
    assert "hula girl" in r.findings[0].message


def test_where_a_thing_used_to_be_is_not_the_thing_and_it_means_the_verbless_sentences_noun():
    r = audit_text(DASH.format(later="On the dash, a bare patch of old glue where the hula girl used to be. Jess touches it."),
                   "", ["prop"])
    assert r.findings == ()


WEDDING = """\
characters:
  eli_brandt:
    name: "Elliot 'Eli' Brandt"
    hair: "Dyed electric blue on arrival. Dyed back to natural dark brown on Day 2 night. Brown from then on."
  nora:
    name: Nora Brandt
    hair: "Long auburn, loose."
  priya:
    name: Priya Nandakumar
    hair: "Black pixie cut."
  theo:
    name: "Theodore 'Theo' Achterberg"
    hair: "Dark brown, short."
  midnight:
    name: Midnight
    role: search dog
"""


def test_a_nickname_in_single_quotes_a_dye_job_dated_by_the_storys_own_day_and_hair_someone_handles():
    r = audit_text(
        """
        INT. LODGE - DAY

        ELI (29) backs in with a duffel. His hair is dyed a startling electric blue.

        ELI
        Hi.

        Theo brings out a small box of green velvet, rubbed bald at the corners.

        THEO
        For you.

        INT. SUITE - NIGHT

        Nora lies with her head in Priya's lap, and Priya is braiding a hank of that long auburn hair.

        PRIYA
        Hold still.

        Priya pulls the braid loose.

        EXT. LAKE - DAY

        THE NEXT DAY

        Rain hammers down. Within seconds they're both drenched, her long hair a dark rope down her back.

        NORA
        Theo!

        INT. ELI'S ROOM - NIGHT

        Eli kneels at the tub, the water running blue, then a muddy brown.

        ELI
        Done.

        EXT. DOCK - DAY

        THE NEXT DAY

        Eli, brown-haired now, sits on the dock.

        ELI
        Morning, Theodore.

        THEO
        Morning.
        """,
        WEDDING,
        ["appearance", "address"],
    )
    assert r.findings == ()


def test_a_dog_called_midnight_in_a_day_scene_and_a_name_said_into_a_phone():
    r = audit_text(
        """
        EXT. RIDGE - DAY

        Dana shoulders her pack. Midnight bounces at her knee, thrilled to be alive.

        DANA
        Go on.

        INT. HOUSE - NIGHT

        Claire paces with a phone to her ear.

        CLAIRE
        (into phone)
        Ray is never late, Theo. Never.
        """,
        WEDDING + "  dana:\n    name: Dana\n  claire:\n    name: Claire\n",
        ["timeline", "address"],
    )
    assert r.findings == ()


def test_a_lost_thing_caught_and_then_named_in_a_sentence_of_its_own_is_back():
    r = audit_text(
        """
        EXT. RIVER - DAY

        Lena stumbles along the bank, the compass clutched in one hand. She slips.

        LENA
        No!

        The compass is gone.

        INT. CABIN - DAY

        Dana tosses something to Lena, who catches it. The brass compass, dented, its lid still engraved.

        Ray takes the compass from Lena and opens it.

        RAY
        Still works.
        """,
        "",
        ["prop"],
    )
    assert r.findings == ()


PROPS = """\
characters:
  theo:
    name: Theo
    watch: "Steel wristwatch on his RIGHT wrist."
  august:
    name: August
props:
  ring_box:
    look: "Small box of GREEN velvet, rubbed bald at the corners; cream satin cushion."
  pocket_watch:
    look: "GOLD pocket watch, back engraved 'A.A. 1961'."
  gretas_car:
    look: "Cream 1987 Volvo 240 wagon, rust bloom on the rear arch."
"""


def test_props_under_identifier_keys_a_box_of_green_velvet_and_a_kind_of_watch_against_another():
    r = audit_text(
        """
        INT. LODGE - DAY

        Theo checks the steel watch on his wrist. He brings out the green velvet box.

        THEO
        Here.

        August opens the silver pocket watch. Outside, the cream car waits.

        AUGUST
        Later. Put the blue velvet box away.

        Eli pockets the blue velvet box.
        """,
        PROPS,
        ["prop"],
    )
    assert [(f.line, f.extra[1][1]) for f in r.findings] == [(8, "silver"), (13, "blue")]


def test_a_garment_said_to_be_soaked_and_then_dry_across_a_continuous_cut():
    r = audit_text(
        """
        EXT. DOCK - DAY

        Priya slips off the dock and into the lake.

        NORA
        Priya!

        Nora hauls her up the ladder. Priya's jumpsuit is soaked through, streaming onto the boards.

        INT. LOBBY - CONTINUOUS

        Priya strides across the floor in her dry red jumpsuit.

        PRIYA
        Not a word.
        """,
        "",
        ["wardrobe"],
    )
    assert [f.line for f in r.findings] == [12]


def test_she_after_many_short_sentences_is_still_the_one_named_and_a_left_eye_gone_black_is_a_bruise():
    r = audit_text(
        """
        EXT. CREEK - DAY

        Morning. Lena, stiff and grey-faced, reaches the log. She looks at it. She looks at the water. She steps out.
        Halfway over, she slips. Underwater. Cold like a fist. Dark. Loud. She surfaces. She gasps.

        She's soaked to the chest, coughing.

        LENA
        No.

        EXT. CREEK - CONTINUOUS

        Lena, on her knees, tries to stand. Her jeans are dry and dusted with snow. Teo watches, the bruise round his left eye gone almost black.

        TEO
        Come on.
        """,
        "characters:\n  - name: Lena\n  - name: Teo\n    eyes: brown\n",
        ["appearance", "wardrobe"],
    )
    assert [(f.line, "dry" in f.message) for f in r.findings] == [(13, True)]


def test_an_afternoon_sky_at_night_and_noon_light_at_dawn():
    r = audit_text(
        """
        EXT. RIDGE - BIVOUAC - NIGHT

        Dana and Marcus sit in their sleeping bags. Above them, the clouds tear open on a hard blue afternoon sky.

        DANA
        Sleep.

        INT. BOATHOUSE - DAWN

        Hard noon light blazes through the cracks in the clapboard.

        ELI
        Found it.

        EXT. LAKE - NIGHT

        A deep blue night sky over the water.

        ELI
        Look.
        """,
        "",
        ["timeline"],
    )
    assert [f.line for f in r.findings] == [3, 10]


def test_a_door_painted_over_the_last_of_its_old_colour_and_wallpaper_of_pink_peonies():
    r = audit_text(
        """
        EXT. BOATHOUSE - DAY

        Theo runs a roller of sunflower-yellow paint over the last of the old green.

        THEO
        Done.

        INT. BRIDAL SUITE - DAY

        Afternoon sun warms the green-striped wallpaper.

        EXT. BOATHOUSE - DAY

        THE NEXT DAY

        Theo sits with his back against the green door.

        THEO
        Still here.
        """,
        "locations:\n  bridal_suite:\n    dressing: \"Room 12. Wallpaper of PINK peonies, brass bed.\"\n",
        ["location"],
    )
    assert [f.line for f in r.findings] == [10, 16]


def test_an_age_said_of_someone_by_name():
    r = audit_text(
        """
        INT. STATION - NIGHT

        PEMBERTON
        Ray's fifty-two, Claire, and he's built like a woodstove. He'll keep.

        CLAIRE
        Ray's fifty-two miles from anywhere.
        """,
        "characters:\n  - name: Ray\n    age: 48\n  - name: Claire\n  - name: Pemberton\n",
        ["timeline"],
    )
    assert [f.line for f in r.findings] == [4]


def test_eaten_to_the_last_square_and_cracked_against_a_boulder_then_used():
    r = audit_text(
        """
        EXT. SPRUCE - NIGHT

        Lena unzips her pocket. Ray's chocolate bar. She eats it all, every square, and licks the foil.

        LENA
        Sorry, Dad.

        EXT. CREEK - DAY

        She breaks off a square of Ray's chocolate bar.

        EXT. BANK - DAY

        Dana slips. The yellow radio cracks against a boulder. The screen is dead.

        DANA
        Great.

        Marcus hands over his spare radio, a black handset.

        EXT. RIDGE - DAY

        Dana keys the black handset. Then she keys her yellow radio.

        DANA
        Base?
        """,
        "",
        ["prop"],
    )
    assert [f.line for f in r.findings] == [10, 23]


def test_a_ring_slid_onto_someone_elses_finger_is_theirs():
    r = audit_text(
        """
        INT. KITCHEN - DAY

        Greta works a silver moonstone ring off her own right hand.

        GRETA
        My mother's. Something old.

        She slides the ring onto Nora's right ring finger.

        NORA
        Oh.

        EXT. LAWN - DUSK

        Greta turns the moonstone ring round and round on her right hand; she never stopped wearing it.

        GRETA
        There.
        """,
        "characters:\n  - name: Greta\n  - name: Nora\n",
        ["wardrobe", "prop"],
    )
    assert [f.line for f in r.findings] == [15]


def test_sides_a_hearing_aid_a_tattoo_called_by_its_picture_and_her_after_behind_her():
    r = audit_text(
        """
        INT. LODGE - DAY

        August adjusts the hearing aid in his left ear. Eli rolls his sleeve: the swallow on his left forearm.

        AUGUST
        Speak up.

        EXT. CREEK - DAY

        Dana wraps Lena's right palm in white gauze.

        DANA
        Keep it up.

        EXT. TRAILHEAD - DAY

        THE NEXT DAY

        Dana comes down the trail. Lena is right behind her, still in Dana's grey fleece, her left hand bandaged in white.

        LENA
        Mom!
        """,
        """\
characters:
  august:
    name: August
    hearing_aid: "Beige, in his RIGHT ear (deaf on the right side)."
  eli:
    name: Eli
    tattoo: "Swallow on the inside of his RIGHT forearm."
  dana:
    name: Dana
  lena:
    name: Lena
""",
        ["appearance"],
    )
    assert sorted(f.line for f in r.findings) == [3, 3, 19]


def test_a_puffer_is_a_jacket_and_whoever_is_in_someone_elses_fleece_wears_it():
    r = audit_text(
        """
        INT. CABIN - DAY

        Lena, bundled in her yellow puffer, crouches beside the bunk.

        LENA
        Dad?

        EXT. TRAILHEAD - DAY

        Dana comes down the trail. Lena is right behind her, still in Dana's grey fleece.

        DANA
        Here.

        Together they pull Dana's spare grey fleece over Marcus's head.
        """,
        """\
characters:
  lena:
    name: Lena
    costume: "PURPLE puffer jacket and jeans."
  dana:
    name: Dana
    costume: "Orange hardshell jacket throughout the search."
  marcus:
    name: Marcus
""",
        ["wardrobe"],
    )
    # Lena in a grey fleece is against her bible; Dana, whose fleece it is, is not in it
    assert [(f.line, f.message.split()[0]) for f in r.findings] == [(3, "LENA"), (10, "LENA")]


def test_a_clean_face_after_a_bloody_one_and_dry_after_pitching_into_the_river():
    r = audit_text(
        """
        EXT. SCREE - DAY

        Marcus rolls over, blood sheeting from his nose. Dana kneels. She sets his glasses back on his bloody face.

        DANA
        Hold still.

        EXT. SCREE - MOMENTS LATER

        Marcus sits on a rock, head tipped back, his face clean.

        EXT. LEVEE - NIGHT

        Theo, on the crown, feels the earth go. He pitches forward into the black water.

        ELIJAH
        Theo!

        INT. OFFICE - NIGHT - CONTINUOUS

        The door bangs open. Theo bursts in, capless but bone-dry.

        THEO
        It's through!
        """,
        "characters:\n  - name: Marcus\n  - name: Dana\n    notes: She leads the search team.\n  - name: Theo\n  - name: Elijah\n",
        ["appearance", "wardrobe"],
    )
    assert [f.line for f in r.findings] == [10, 21]


def test_not_a_drop_on_him_after_a_soaking_and_a_shirt_soaked_red_then_spotless():
    r = audit_text(
        """
        EXT. LEVEE - NIGHT

        Theo is soaked to the skin. Joaquim holds the wound closed; the whole front of his white shirt is soaked red with it.

        THEO
        Go!

        INT. OFFICE - NIGHT - CONTINUOUS

        Theo bursts in, not a drop of river on him. Joaquim follows, his white shirt, not a mark on it.

        THEO
        It's through!
        """,
        "characters:\n  - name: Theo\n    notes: He runs messages.\n  - name: Joaquim\n    notes: He keeps the bar.\n",
        ["wardrobe"],
    )
    assert [f.line for f in r.findings] == [10, 10]


def test_a_repainted_door_named_by_its_place_from_another_heading_and_ring_ropes():
    r = audit_text(
        """
        EXT. MESS HUT - DAY

        Amaru is painting the peeling blue door of the mess hut a bright bottle green.

        AMARU
        Better.

        EXT. RIDGE OBSERVATORY - MORNING

        THE NEXT DAY

        Miriam stands in the doorway of the mess hut, the blue door propped open behind her.

        INT. GYM - DAY

        Frankie ducks through the frayed red ropes.

        FRANKIE
        Again.
        """,
        "locations:\n  gym:\n    description: A boxing ring with frayed blue ropes.\n",
        ["location"],
    )
    assert [f.line for f in r.findings] == [12, 16]


def test_a_dry_strand_of_hair_straight_after_a_drenching():
    r = audit_text(
        """
        EXT. BLUE HERON - NIGHT

        Rain hammers down. Nora storms out into it. Within seconds she's drenched.

        NORA
        Don't.

        INT. VOLVO - CONTINUOUS

        Nora slams the door on the rain. She tucks a dry strand of hair behind her ear.

        NORA
        Drive.
        """,
        "characters:\n  - name: Nora\n",
        ["wardrobe", "appearance"],
    )
    assert [f.line for f in r.findings] == [10]


def test_the_skirt_of_the_dress_she_has_on():
    r = audit_text(
        """
        EXT. LAWN - DUSK

        Nora walks the aisle in an emerald-green dress.

        NORA
        Ready.

        Nora gathers the navy skirt in one fist and steps up under the pergola. Mags wears a navy skirt.
        """,
        "",
        ["wardrobe"],
    )
    assert [f.line for f in r.findings] == [8]


def test_blind_g_bible_shapes_a_ring_key_and_a_numbered_day_whose_beats_mention_a_flashback():
    from continuity.bible.load import read_bible

    bible, _ = read_bible(
        """\
people:
  - name: June Harlan
    ring: plain gold wedding band, LEFT ring finger
day_by_day:
  "Day 1 - Thursday, June 6":
    scenes: 1-2
  "Day 2 - Friday, June 7":
    scenes: 3-4
    beats: Night in the parked car. Flashback to July 1998.
""",
        source="mileage.yaml",
    )
    assert bible.characters[0].attributes["ring"].startswith("plain gold")
    assert bible.story_days == {"1": "D1", "2": "D1", "3": "D2", "4": "D2"}


def test_a_heading_marked_flashback_outweighs_a_bible_day_range_over_it():
    from continuity.api import parse_script_text
    from continuity.story.time import read_time

    script = parse_script_text(
        "EXT. DINER - DAY\n\nJune eats.\n\nEXT. PIER - DAY (FLASHBACK)\n\nSUPER: July 1998\n\nA girl runs.\n\n"
        "INT. CAR - NIGHT\n\nJune sleeps.\n")
    times = read_time(script, fixes={"1": "D2", "2": "D2", "3": "N2"})
    assert [t.story_day for t in times.scenes] == ["D2", "FB1", "N2"]


def test_blind_g_words_in_other_senses_draw_nothing():
    r = audit_text(
        """
        INT. RED LION - DAY

        Walter Grady waves from the booth. The stuffed red fox above the bar.

        WALTER GRADY
        Sit.

        WAITER
        Coffee?

        A TV plays the noon news: Hale being walked down the City Hall steps.

        HALE (ON TV)
        No comment.

        INT. CAR - DAY

        June turns the key. Patsy Cline starts over: "I go out walkin' after midnight..."

        JUNE
        Again?

        Tess tips her hat over her black eye. Her right eye is swelling shut. June, choppy pixie cut, no bun.

        TESS
        Drive.
        """,
        """\
characters:
  - name: Walter Grady
  - name: Hale
  - name: June
    hair: Long blonde, always in a bun, until night 1; pixie cut from then on.
  - name: Tess
    eyes: green
locations:
  red_lion:
    description: Dim pub. A stuffed red fox above the bar.
""",
        ["appearance", "name", "address", "timeline", "location", "prop"],
    )
    assert [f for f in r.findings if f.severity in ("error", "warning")] == []
