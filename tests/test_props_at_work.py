"""A thing shown at work ("with the hydrometer bobbing in it") is whole: after it was smashed, a slip."""

from __future__ import annotations

from checkutil import messages

SCRIPT = """
EXT. SALT PANS - DAY

JACOB (70) lifts his glass hydrometer out of its case. A gust.

The hydrometer drops, hits the concrete and shatters. Glass and lead shot scatter like hail.

JACOB
Well.

INT. BOILING HOUSE - DAY

On the sill, a jam jar of brine with {what} in it, the old way.

JACOB
Again.
"""


def test_a_smashed_thing_shown_at_work_is_flagged():
    found = messages(SCRIPT.format(what="Jacob's glass hydrometer bobbing"), None, ["prop"], "hydrometer")
    assert found and "destroyed" in found[0]


def test_its_pieces_or_a_thing_at_rest_are_not():
    assert messages(SCRIPT.format(what="the shards of the hydrometer glittering"), None, ["prop"], "hydrometer") == []
    assert messages(SCRIPT.format(what="a new hydrometer bobbing"), None, ["prop"], "hydrometer") == []


LEVER_BIBLE = """
characters:
  - name: Cas
    age: 68
  - name: Fern
    age: 19
props:
  kd_tuning_lever:
    look: Rosewood handle (worn almost black with age), brass head, "K.D." engraved round the collar
"""

LEVER = """
INT. WORKSHOP - DAY

CAS (68) and FERN (19) work.

CAS
Here.

INT. LOUNGE - DAY

Cas takes the K.D. lever from his tool roll. {line}

FERN
Oh.
"""


def test_an_ivory_handle_on_the_bibles_rosewood_one_is_flagged_in_the_writers_words():
    found = messages(LEVER.format(line="Ivory handle, yellowed with seventy years of hands."), LEVER_BIBLE, ["prop"])
    assert found and "is ivory here" in found[0] and "(wood)" in found[0]
    assert messages(LEVER.format(line="Rosewood handle, black with seventy years of hands."), LEVER_BIBLE,
                    ["prop"]) == []


def test_a_card_torn_in_half_is_destroyed():
    script = """
EXT. HARBOUR WALL - DAWN

TEO (24) takes the white card from his pocket. He looks at it. {what}

TEO
Right.

INT. WORKSHOP - NIGHT

Teo slips the white card from his pocket and grins.

TEO
Ha.
"""
    found = messages(script.format(what="Tears it in half, and in half again, and lets the pieces go."), None,
                     ["prop"], "card")
    assert found and "destroyed" in found[0]
    assert messages(script.format(what="Folds it in half and puts it away."), None, ["prop"]) == []
