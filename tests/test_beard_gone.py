"""A beard that is simply gone when a character comes back on screen: shaved off, from then on."""

from __future__ import annotations

from checkutil import audit_text

TEXT = """
    INT. LOBBY - DAY

    TOMASZ (31) leans in. Tall, with a thick dark beard he clearly considers a personality.

    TOMASZ
    Morning.

    INT. PRACTICE ROOM - DAY

    The door swings open. It's Tomasz. The beard is gone. Clean-shaven, he looks about twenty.

    TOMASZ
    Don't.

    INT. WINGS - NIGHT

    Tomasz paces, {look}.
    """


def _looks(look):
    r = audit_text(TEXT.format(look=look), None, ["appearance"])
    return [(f.line, f.message) for f in r.findings]


def test_a_beard_that_is_gone_is_a_shave_and_holds():
    assert _looks("clean-shaven") == []
    assert [line for line, _ in _looks("stroking his thick dark beard")] == [17]


def test_the_last_of_the_beard_goes():
    from continuity.language import traits as tr
    from continuity.language.parse import Parser

    def read(text):
        return [(t.key, t.value, t.change) for t in tr.read(Parser().parse(text)) if t.key == "beard"]
    assert read("By the time the last of the beard goes, the man underneath looks about nineteen.") == [
        ("beard", "none", True)]
    assert read("A long stripe of beard falls away.") == []  # going, not gone, and no beard said to be there
