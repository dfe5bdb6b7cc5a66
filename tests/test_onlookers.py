"""Looks given of someone the sentence does not name: the one looked at, or the one a gendered noun stands for."""

from __future__ import annotations

from checkutil import audit_text

BIBLE = """
characters:
  IRIS:
    eyes: green
  TOMAS:
    eyes: blue
"""


def _eyes(*lines: str) -> list[str]:
    body = "\n\n".join(lines)
    text = f"""
    INT. KITCHEN - DAY

    IRIS (30s) and her brother TOMAS (40s) sit at the table. Iris rubs her neck. She yawns.

    Tomas pours his coffee. He frowns. Tomas stirs his cup.

    Iris pushes her plate away.

    TOMAS
    You look tired.

    IRIS
    I am tired.

    {body}
    """
    return [f.message for f in audit_text(text, BIBLE, ["appearance"]).findings if "eye" in f.message]


def test_the_one_looked_at_by_a_kin_word():
    assert any("IRIS" in m for m in _eyes("Tomas looks at his sister: the tired brown eyes, the bitten lip."))
    assert _eyes("Tomas looks at his sister: the tired green eyes, the bitten lip.") == []


def test_fragments_after_a_look_are_the_one_looked_at():
    assert any("IRIS" in m for m in _eyes("He leans back and looks across the table at Iris.", "The brown eyes. The bitten lip."))


def test_a_gendered_subject_is_the_one_of_that_gender():
    assert any("IRIS" in m for m in _eyes("A tired woman looks back from the window glass: brown eyes, bitten lip."))
    assert _eyes("A tired woman looks back from the window glass: green eyes, bitten lip.") == []


def test_the_hair_another_is_doing_is_the_sitters():
    bible = """
    characters:
      JUNE:
        hair: straight blonde, very long, worn in a bun
      TESS:
        hair: shaggy pink bob
    """
    text = """
    INT. MOTEL ROOM - NIGHT

    JUNE (38) and her sister TESS (31) argue. June folds her arms. She sighs. Tess grins. She shrugs.

    June sits on a chair with a towel round her shoulders. Tess pulls the pins out one by one, and the bun uncoils: straight blonde hair almost to her waist.
    """
    assert [f.message for f in audit_text(text, bible, ["appearance"]).findings if "TESS" in f.message] == []
