"""Regressions from the shared natural set's misses: what 'it' means across a paragraph, a lost thing's
remains, a garment lost by name, countdowns, a thing held out and taken, an emptied box, a posted
envelope's card, engraved initials, a watch's wrist, and initials that are one word."""

from __future__ import annotations

import textwrap

from checkutil import audit_text

from continuity.story.splitting import split_sentences


def _lines(r, category=None):
    return [f.line for f in r.findings if category is None or f.category == category]


CAMERA = """
    EXT. RIVER WALK - NIGHT

    ELI
    Smile.

    MARCUS
    Give me that.

    Eli shoots the crowd with the Nikon.

    Marcus goes for the camera, and one gloved hand yanks the Nikon off Eli's neck.

    He smashes it against the railing.

    INT. NEWSROOM - DAY

    {later}
    """


CAMERA_BIBLE = """
props:
  - name: Nikon
    description: Eli's black camera.
"""


def test_it_in_the_next_paragraph_means_the_thing_the_paragraph_before_named():
    r = audit_text(CAMERA.format(later="Eli sleeps on two chairs, the Nikon hugged to his chest."), CAMERA_BIBLE, ["prop"])
    assert _lines(r) == [17]
    assert "Nikon" in r.findings[0].message and "destroyed" in r.findings[0].message


def test_a_new_camera_is_not_the_smashed_one():
    r = audit_text(CAMERA.format(later="Eli unboxes a new Nikon and loads it."), CAMERA_BIBLE, ["prop"])
    assert r.findings == ()


HAT = """
    EXT. JETTY - DAY

    A gust tears the red beanie clean off Teo's head and flings it out over the water. It lands, floats, and is gone under a wave.

    INT. BOATHOUSE - CONTINUOUS

    {later}
    """


def test_a_garment_lost_to_the_sea_cannot_be_wrung_out_after():
    r = audit_text(HAT.format(later="Teo drags off his sodden red beanie and wrings it out over the sink."), "", ["prop"])
    assert _lines(r) == [7]
    assert "beanie" in r.findings[0].message and "lost" in r.findings[0].message


def test_a_lost_garment_named_only_by_its_absence_is_no_slip():
    r = audit_text(HAT.format(later="Teo rubs his bare head. No beanie now, just wet hair."), "", ["prop"])
    assert r.findings == ()


COUNTDOWN = """
    INT. OFFICE - DAY

    SUPER: "MONDAY, MARCH 3."

    DEV
    {line}

    INT. CHAPEL - DAY

    SUPER: "SATURDAY, MARCH 15."

    The guests arrive.
    """


def test_a_countdown_that_misses_the_dated_day_ahead():
    r = audit_text(COUNTDOWN.format(line="In nine days, Ana. Nine."), "", ["timeline"])
    assert _lines(r) == [6]
    assert "12 days away" in r.findings[0].message and "'In nine days'" in r.findings[0].message


def test_a_countdown_that_reaches_the_dated_day_is_quiet():
    assert _lines(audit_text(COUNTDOWN.format(line="Twelve days to go, Ana."), "", ["timeline"])) == []
    assert _lines(audit_text(COUNTDOWN.format(line="I saw her three days ago."), "", ["timeline"])) == []


GIFT = """
    EXT. LAKE - DAY

    Gerald takes the silver lighter from his pocket and holds it out on his open palm.

    GERALD
    {said}

    KIT
    I couldn't.

    Kit takes it.

    INT. LIBRARY - NIGHT

    Gerald lights the candles with his silver lighter.
    """


def test_a_thing_held_out_as_a_gift_and_taken_is_not_the_givers_any_more():
    r = audit_text(GIFT.format(said="Take it. I want you to have it."), "", ["prop"])
    assert _lines(r) == [15]
    assert "GERALD" in r.findings[0].message and "KIT" in r.findings[0].message


def test_a_thing_held_out_for_a_moment_is_still_the_givers():
    assert audit_text(GIFT.format(said="Here. Light yours."), "", ["prop"]).findings == ()


BOX = """
    INT. WORKSHOP - NIGHT

    They eat the doughnuts standing at the bench. The box is empty.

    INT. WORKSHOP - DAY

    {later}
    """


def test_something_taken_out_of_a_box_left_empty():
    r = audit_text(BOX.format(later="Jonah fishes a glazed doughnut out of the box."), "", ["prop"])
    assert _lines(r) == [7]
    assert "left empty" in r.findings[0].message


def test_a_refilled_box_is_no_slip():
    r = audit_text(BOX.format(later="Jonah refills the box from the bakery bag. He fishes a glazed doughnut out of the box."),
                   "", ["prop"])
    assert r.findings == ()


POST = """
    EXT. STREET - DAY

    Nora holds the RSVP envelope over the slot a moment, then lets it go.

    INT. APARTMENT - NIGHT

    {later}
    """


def test_a_posted_envelopes_card_is_posted_too():
    r = audit_text(POST.format(later="Nora digs the RSVP card out of her bag."), "", ["prop"])
    assert _lines(r) == [7]
    assert "posted" in r.findings[0].message


def test_another_card_is_not_the_posted_one():
    assert audit_text(POST.format(later="Nora writes a birthday card for her mother."), "", ["prop"]).findings == ()


KNIFE = """
    INT. STUDY - DAY

    He opens the penknife so that Kit can read the letters engraved on the bolster: R.T. 1911.

    KIT
    {said}
    """


def test_initials_one_letter_off_the_engraving():
    r = audit_text(KNIFE.format(said="R.J.T. Nineteen eleven."), "", ["prop"])
    assert _lines(r) == [6]
    assert "'R.J.T.'" in r.findings[0].message and "'R.T.'" in r.findings[0].message


def test_the_same_initials_or_someone_elses_are_quiet():
    assert audit_text(KNIFE.format(said="R.T. Nineteen eleven."), "", ["prop"]).findings == ()
    assert audit_text(KNIFE.format(said="The F.B.I. called."), "", ["prop"]).findings == ()


def test_initials_are_one_word_of_a_sentence():
    assert split_sentences("Engraved: G.A. 1906. Then he goes.", 1) == [(1, "Engraved: G.A. 1906."), (1, "Then he goes.")]
    assert [t for _, t in split_sentences("G.H.A. Nineteen oh six.", 1)] == ["G.H.A.", "Nineteen oh six."]


WATCH_BIBLE = """
characters:
  maren:
    name: Maren
    watch: "her father's steel watch, RIGHT wrist"
"""
WATCH = """
    INT. CABIN - NIGHT

    MAREN
    Quiet.

    {line}
    """


def test_a_watch_listened_to_on_the_raised_wrist():
    r = audit_text(WATCH.format(line="She raises her left wrist to her ear and listens to the watch tick."), WATCH_BIBLE,
                   ["appearance"])
    assert _lines(r) == [6]
    assert "left" in r.findings[0].message


def test_a_wrist_of_someone_else_says_nothing_of_her_watch():
    r = audit_text(WATCH.format(line="She grabs the left wrist of the thief and checks the watch."), WATCH_BIBLE,
                   ["appearance"])
    assert r.findings == ()


PHONE = """
    EXT. BRIDGE - NIGHT

    NORA
    Eli!

    Her phone jumps out of her pocket, bounces off the railing and drops into the river.

    INT. DINER - DAY

    NORA
    Coffee.

    Her phone {sound} on the table.
    """


def test_a_sound_in_capitals_is_read_as_the_verb_it_is():
    r = audit_text(PHONE.format(sound="BUZZES"), "", ["prop"])
    assert _lines(r) == [13]
    assert _lines(audit_text(PHONE.format(sound="buzzes"), "", ["prop"])) == [13]


SALON_BIBLE = """
characters:
  nora:
    name: Nora
    hair: long black hair in a ponytail
    height: tall
  dotty:
    name: Dotty
    hair: grey
"""
SALON = """
    INT. SALON - DAY

    DOTTY
    Ready?

    NORA
    Go.

    Dotty holds the shears in one hand and Nora's ponytail in the other.

    {cut}

    INT. DINER - NIGHT

    NORA
    Coffee.

    Nora, short black bob, sits in a booth.
    """


def test_a_length_of_hair_that_falls_is_a_haircut_of_whose_hair_was_held():
    for cut in ("SNIP. Twelve inches of black hair drops into Dotty's hand.", "Snip. The ponytail comes away.",
                "A foot of hair falls to the floor."):
        assert audit_text(SALON.format(cut=cut), SALON_BIBLE, ["appearance"]).findings == (), cut


def test_without_the_cut_the_bob_contradicts_the_ponytail_and_short_is_the_bobs_not_her_height():
    r = audit_text(SALON.format(cut="Dotty sweeps the floor."), SALON_BIBLE, ["appearance"])
    assert [f.subject for f in r.findings] == ["NORA.hair"]
    assert "short" in r.findings[0].message and "height" not in r.findings[0].message


SLACKS_BIBLE = """
characters:
  june:
    name: June
    wardrobe: white shirt, navy slacks
  tess:
    name: Tess
    wardrobe: black T-shirt, ripped jeans
"""


def test_her_own_garment_after_someone_elses_is_hers():
    from continuity.api import parse_script_text
    from continuity.bible.load import parse_bible
    from continuity.story.context import context_for

    ctx = context_for(parse_script_text(textwrap.dedent("""\
        INT. DINER - DAY

        TESS
        Eat.

        JUNE
        Fine.

        June sits in a booth: no glasses, Tess's faded black T-shirt over her own navy slacks.
        """)), parse_bible(textwrap.dedent(SLACKS_BIBLE)))
    owners = {o.character for o in ctx.observations if "slacks" in o.words}
    assert owners == {"JUNE"}


RIVER = """
    EXT. RIVER PATH - NIGHT

    NORA
    Run!

    ELI
    I am running.

    Nora and Eli sprint along the path, soaked to the skin in seconds.

    INT. NORA'S CAR - NIGHT (CONTINUOUS)

    {later}
    """


def test_two_names_joined_by_and_are_both_soaked():
    r = audit_text(RIVER.format(later="Nora guns the engine. Her hair is neat and dry."), "", ["appearance", "wardrobe"])
    assert [(f.line, f.character) for f in r.findings] == [(13, "NORA")]


def test_dry_after_a_towel_is_no_slip():
    r = audit_text(RIVER.format(later="Nora towels off with a gym shirt. Her hair is neat and dry."), "",
                   ["appearance", "wardrobe"])
    assert r.findings == ()


CART = """
    INT. HOTEL LAUNDRY - NIGHT

    NORA
    Let go!

    MARCUS
    No.

    Nora clutches her bag. Marcus drops his cigarette and crushes it under his heel.

    He slams her into a laundry cart, and a bright line of blood opens high on her right cheekbone.

    EXT. LOADING DOCK - NIGHT (MOMENTS LATER)

    Nora bursts out through the steel door. {later}
    """


def test_blood_on_the_face_then_an_unmarked_cheek_moments_later():
    r = audit_text(CART.format(later="Her cheek is unmarked, and the wine on her dress has dried nearly black."), "",
                   ["appearance", "wardrobe"])
    assert [(f.line, f.character) for f in r.findings] == [(15, "NORA")]


def test_a_cheek_wiped_clean_is_no_slip():
    r = audit_text(CART.format(later="She wipes her face on her sleeve. Her cheek is unmarked now."), "",
                   ["appearance", "wardrobe"])
    assert r.findings == ()


def test_her_after_a_name_of_unknown_gender_means_the_woman():
    r = audit_text("""
        INT. BAR - NIGHT

        JUNE
        Don't.

        CURTIS
        Or what?

        June grabs her keys. Curtis shrugs his coat off and cracks his knuckles.

        She hits Curtis in the mouth with her right fist. Her knuckles split on his teeth.

        EXT. PARKING LOT - NIGHT (MOMENTS LATER)

        June's right hand is clean, not a mark on it, as she digs for the keys.
        """, "", ["appearance", "wardrobe"])
    assert [(f.line, f.character) for f in r.findings] == [(15, "JUNE")]


ENTRANCE = """
    INT. BRIDAL SUITE - DAY

    PRIYA
    You're sure.

    NORA
    I'm sure.

    {line}

    A knock. Greta comes in with two coffees.

    GRETA
    Oh, sweetheart.
    """


def test_called_before_she_comes_in():
    r = audit_text(ENTRANCE.format(line="PRIYA\nHold still, Greta."), "", ["address"])
    assert [(f.line, f.character) for f in r.findings] == [(10, "GRETA")]
    assert "only comes in at line 12" in r.findings[0].message


def test_named_acting_before_he_comes_in():
    r = audit_text(ENTRANCE.format(line="Greta looks up at the rafters."), "", ["address"])
    assert [(f.line, f.character) for f in r.findings] == [(9, "GRETA")]


def test_waiting_for_her_shouting_for_her_or_her_leaving_before_she_comes_in_is_no_slip():
    assert audit_text(ENTRANCE.format(line="Nora waits for Greta."), "", ["address"]).findings == ()
    assert audit_text(ENTRANCE.format(line="PRIYA\nGreta! GRETA!"), "", ["address"]).findings == ()
    r = audit_text(ENTRANCE.format(line="Greta sets the flowers down and goes out."), "", ["address"])
    assert r.findings == ()


def test_a_dry_coat_is_a_state_not_a_drying():
    r = audit_text("""
        EXT. STAGE DOOR - NIGHT

        LENA
        Taxi!

        Lena comes out into the rain and is soaked in seconds.

        INT. TAXI - MOVING - CONTINUOUS

        Lena in the back seat, her coat dry and buttoned to the throat.
        """, "", ["appearance", "wardrobe"])
    assert [(f.line, f.character) for f in r.findings] == [(10, "LENA")]


def test_going_into_the_lake_after_a_stumble_then_not_a_drop_on_her():
    r = audit_text("""
        EXT. DOCK - NIGHT

        PRIYA
        There!

        A plank gives under her foot. Priya pitches sideways, her arm raking the edge of the dock, and goes into the lake.

        INT. BOATHOUSE - CONTINUOUS

        Priya sits on a canoe, not a drop on her boots.
        """, "", ["appearance", "wardrobe"])
    assert [(f.line, f.character) for f in r.findings] == [(10, "PRIYA")]


def test_a_cached_parse_of_a_sound_in_capitals_needs_no_pipeline(tmp_path, monkeypatch):
    from continuity.language import parse as parse_module

    first = parse_module.Parser(tmp_path).parse_many([("Her phone BUZZES on the table.", [])])[0]
    assert [t.pos for t in first.tokens if t.lower == "buzzes"] == ["VERB"]

    def no_pipeline():
        raise AssertionError("the pipeline was loaded for a cached parse")

    monkeypatch.setattr(parse_module, "load_pipeline", no_pipeline)
    monkeypatch.setattr(parse_module, "dictionary_words", no_pipeline)
    again = parse_module.Parser(tmp_path).parse_many([("Her phone BUZZES on the table.", [])])[0]
    assert [t.dep for t in again.tokens] == [t.dep for t in first.tokens]


def test_a_name_spelt_another_way_but_said_the_same_is_a_slip():
    from continuity.language.names import near_miss

    assert near_miss("FELIKS", "FELIX")
    assert not near_miss("FELIX", "FELIX")
    assert not near_miss("FIONA", "FELIX")


CANAL = """
    EXT. CANAL BRIDGE - DAY

    LENA
    Enough.

    Lena pulls her hat down and buttons her coat.

    She takes the orange pill bottle out of her pocket and flings it overarm. It arcs, skips once off the water, and sinks in the grey canal.

    INT. CAFE - DAY

    A painter brushes the door a deep bottle green.

    INT. GREEN ROOM - NIGHT

    Lena sits. {later}
    """


def test_a_run_of_verbs_shares_its_subject_and_a_thing_taken_from_is_used():
    r = audit_text(CANAL.format(later="She shakes a pill from the orange bottle and swallows it dry."), "", ["prop"])
    assert [f.line for f in r.findings] == [16]
    assert "bottle" in r.findings[0].message and "lost" in r.findings[0].message


def test_a_new_bottle_is_not_the_sunk_one():
    r = audit_text(CANAL.format(later="She shakes a pill from a new orange bottle, bought this morning."), "",
                   ["prop"])
    assert r.findings == ()


def test_a_thing_held_over_someone_is_still_the_holders():
    r = audit_text("""
        EXT. JETTY - DAY

        GERALD
        Here.

        NELL
        Thank you, sir.

        Gerald holds his flat cap over Nell's head against the rain.

        INT. HALL - DAY

        Gerald pulls his flat cap on and goes out.
        """, "", ["prop", "wardrobe"])
    assert r.findings == ()
