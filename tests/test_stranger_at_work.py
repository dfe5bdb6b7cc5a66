"""A stranger at work: a character with no line, entrance or other mention mid-scene, taking up the scene's thing."""

from __future__ import annotations

from checkutil import audit_text


def _names(line: str) -> list[str]:
    text = f"""
    INT. BOATHOUSE - DAY

    RUTH sands the oar. OSKAR holds the other end.

    RUTH
    Tighter.

    OSKAR
    I am holding it tight.

    INT. BOATHOUSE - NIGHT

    Ruth varnishes the oar by lamplight. Oskar passes her the rag.

    RUTH
    Keep the lamp still.

    OSKAR
    It is still.

    {line}

    RUTH
    There.

    INT. JETTY - DAY

    Ruth and Oskar carry the boat down. GRETE waves from the slip. She grins. Grete cups her hands. She shouts.

    GRETE
    Mind the keel!

    RUTH
    We mind it.

    GRETE
    Left! Left!

    OSKAR
    Grete, hold the rope.

    GRETE
    Holding it.
    """
    return [f.message for f in audit_text(text, None, ["address"]).findings if "at work" in f.message]


def test_a_name_at_work_on_the_scene_thing_is_flagged():
    found = _names("Grete hangs the oar up to dry.")
    assert found and found[0].startswith("GRETE is at work here ('Grete hangs the oar up to dry.'), but has no line")
    assert "named the oar at line" in found[0]


def test_an_entrance_or_a_thing_of_their_own_is_quiet():
    assert _names("Grete comes in and hangs the oar up to dry.") == []
    assert _names("Grete watches from the doorway with her tea.") == []
    assert _names("Oskar hangs the oar up to dry.") == []


def test_being_talked_about_is_no_sign_of_being_there():
    found = _names("Grete hangs the oar up to dry.\n\n    OSKAR\n    Grete went home at six.")
    assert found and found[0].startswith("GRETE is at work here")


def test_a_pronoun_of_the_other_gender_after_the_name():
    found = _names("Grete holds the bucket higher. His hands are shaking.")
    assert found and "the next sentence calls them 'his'" in found[0]
    assert _names("Grete hands him the bucket. His hands are shaking.") == []
