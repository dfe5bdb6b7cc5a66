"""Presence: who is on screen (speaking or not), heard only, or only talked about, per scene."""

from __future__ import annotations

import textwrap

from continuity.screenplay.readers import fountain
from continuity.story.presence import read_presence


def _cast(text: str):
    return read_presence(fountain.parse(textwrap.dedent(text).lstrip("\n"))).scenes


def test_silent_people_introduced_in_capitals_are_on_screen_and_talked_about_people_are_not():
    [one, two] = _cast("""
        EXT. LANDING - DAWN

        MARA VOSS (46) cranks the winch. A MAILMAN in a rain poncho hands her an envelope and pedals away.

        MARA
        Granger. Course it is.

        EXT. RIVER - DAY

        DELL (50s), a slab of a man, watches. He never speaks. Mara works the winch.

        GRANGER (ON PHONE)
        Mrs. Voss. Your boy took a swim.
        """)
    assert one.present == ("MARA", "MAILMAN") and one.speaking == ("MARA",)
    assert one.mentioned == ("GRANGER",) and "GRANGER" not in one.present
    assert two.present == ("DELL", "MARA") and two.heard == ("GRANGER",) and two.speaking == ()


def test_possessives_negations_and_names_written_on_things_are_mentions():
    [scene] = _cast("""
        INT. KITCHEN - NIGHT

        ROZ fills the kettle. She pulls on Henry's brown cardigan. Nak is nowhere to be seen. The screen says CALVIN.

        ROZ
        Where's Alice?

        HENRY (V.O.)
        Not here.

        NAK
        Later.

        CALVIN (V.O.)
        Hello?

        ALICE (V.O.)
        Hi.
        """)
    assert scene.present == ("ROZ", "NAK")  # Nak speaks on screen: the line that says he is not seen is about another moment
    assert set(scene.heard) == {"HENRY", "CALVIN", "ALICE"}


def test_the_other_end_of_an_intercut_is_heard():
    [_, kitchen] = _cast("""
        INT. BAXTER'S APARTMENT - DAY

        BAXTER picks up the phone.

        BAXTER
        What?

        > INTERCUT WITH:

        INT. SCOTT'S APARTMENT

        Scott waves the card.

        SCOTT
        I got another card.

        BAXTER
        That's great!
        """)
    assert kitchen.present == ("SCOTT",) and kitchen.heard == ("BAXTER",)


def test_crowds_are_background_not_cast_and_a_younger_self_is_not_both():
    [scene] = _cast("""
        EXT. FIELD - NIGHT

        A CROWD of FARMERS watches. YOUNG EDWARD (10) runs past, and Edward laughs.

        EDWARD
        Run!
        """)
    assert scene.present == ("EDWARD",) and scene.young
    assert set(scene.background) == {"CROWD", "FARMERS"}


def test_will_the_verb_and_june_the_month_are_not_names():
    [scene] = _cast("""
        INT. HALL - DAY

        NIA waits.

        NIA
        Will you come? Since June nobody calls.

        INT. YARD - DAY

        WILL
        Hi.

        JUNE
        Hello.
        """)[:1]
    assert scene.mentioned == () and scene.present == ("NIA",)


def test_ages_the_action_states():
    [scene] = _cast("""
        INT. BEDROOM - NIGHT

        WILL BLOOM, AGE 3, listens to EDWARD BLOOM, 40's. An eight-year-old Will waves.

        WILL
        More.

        EDWARD
        Fine.
        """)
    assert ("WILL", 3, 1) in [(w, a, line - 2) for w, a, line in scene.ages]
    assert any(w == "EDWARD" and a == 40 for w, a, _ in scene.ages)
    assert any(w == "WILL" and a == 8 for w, a, _ in scene.ages)


def test_contractions_moving_vehicles_comparisons_and_written_sign_offs():
    """'Will's made it' and 'Will's car drives past' show Will; 'younger than Rolf' and a card's sign-off do not."""
    one, two, three = _cast("""
        INT. BASEMENT - DAY

        Perched on a canoe, Will's made it through another cabinet. A woman, younger than Rolf, waves.

        NURSE
        Nothing.

        EXT. COUNTY ROAD - DAY

        Will's rental car drives past a sign. Dana's scarf hangs from a hook.

        INT. APARTMENT - DAY

        Dana opens the card. It is hand written:

        Jacob Rolf
        Palace Hotel, RM 412
        1:00 pm tomorrow

        DANA
        Again.

        INT. HOTEL - DAY

        ROLF
        She came.

        WILL
        She did.
        """)[:3]
    assert "WILL" in one.present and "ROLF" not in one.present and "ROLF" in one.mentioned
    assert two.present == ("WILL",) and two.mentioned == ("DANA",)
    assert "ROLF" not in three.present and "ROLF" in three.mentioned


def test_a_role_the_previous_scene_showed_is_on_screen_by_its_head_noun():
    """SECURITY GUARD, shown in one scene, is 'the guard' in the next; 'the man' is nobody in particular."""
    [_, two, three] = _cast("""
        INT. LOBBY - DAY

        A SECURITY GUARD looks up from his desk. An OLD MAN sweeps.

        NAK
        Morning.

        EXT. STREET - CONTINUOUS

        The guard bursts out into the street. The man leans on his broom.

        EXT. PIER - LATER

        Nak runs. The guard is gone.
        """)
    assert "SECURITY GUARD" in two.present and "OLD MAN" not in two.present
    assert "SECURITY GUARD" not in three.present  # "the guard is gone"


def test_someone_who_calls_in_from_another_room_is_heard_not_seen():
    [scene] = _cast("""
        INT. RM 412 - DAY

        Billups is on the bed. In walks Scott. Nancy calls in from the bathroom.

        NANCY
        Did you say something?

        SCOTT
        Stay in the bathroom.

        Scott fires. Nancy screams.
        """)
    assert "NANCY" not in scene.present and "NANCY" in scene.heard
    assert "SCOTT" in scene.present
