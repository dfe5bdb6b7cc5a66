"""A thing that vanishes into mud is lost (a boot sinking in it is not); a maker's name is the thing ("his Estwing")."""

from __future__ import annotations

from checkutil import audit_text

from continuity.language.parse import Parser
from continuity.story.objects import events

BIBLE = """
props:
  estwing hammer:
    look: Tomas's rock hammer, blue rubber grip
"""


def _kinds(text: str) -> list[str]:
    return [e.kind for e in events(Parser().parse(text))]


def test_vanishing_into_mud_is_a_loss_sinking_is_not():
    assert _kinds("His hammer vanishes into the slurry.") == ["loss"]
    assert "loss" not in _kinds("Her boots sink into the mud.")
    assert "loss" not in _kinds("He drops his glove in the mud.")


def test_the_lost_thing_by_its_makers_name():
    text = """
    EXT. QUARRY - DAY

    Tomas's rock hammer slips from his belt loop and vanishes into the slurry.

    TOMAS
    My hammer!

    EXT. QUARRY - NEXT DAY

    Tomas taps the rock with his Estwing.
    """
    found = [f.message for f in audit_text(text, BIBLE, ["prop"]).findings]
    assert any("his Estwing is used here, but it was lost" in m for m in found)


def test_a_thing_shown_is_found():
    text = """
    EXT. WOODS - NIGHT

    The chain breaks. The silver key disappears into the mud.

    EXT. FIELD - DAY

    Years later, Edward pulls a shiny piece of metal out of the dirt. It's the Key to the City he lost years ago.

    INT. HOUSE - DAY

    Edward hangs the key on its nail.
    """
    assert [f for f in audit_text(text, None, ["prop"]).findings if "key" in f.message.lower()] == []
    assert [k for k in _kinds("It's the key he lost years ago.") if k == "recover"]


def test_a_loss_keeps_how_it_was_lost_when_the_bible_gives_aliases():
    bible = """
    props:
      red beanie:
        aliases: [hat]
        look: Teo's knitted red beanie
    """
    text = """
    EXT. JETTY - NIGHT

    A gust tears the red beanie clean off Teo's head and flings it out over the water.

    It lands, floats, and is gone under a wave.

    INT. STATION - CONTINUOUS

    Teo drags off his sodden red beanie and wrings it out over the sink.
    """
    assert any("beanie is used here, but it was lost" in f.message for f in audit_text(text, bible, ["prop"]).findings)
