"""Glasses by their frames: wire against tortoiseshell or horn, a new pair on screen, and pairs that are not worn."""

from __future__ import annotations

from checkutil import audit_text

BIBLE = """
characters:
  DANI:
    glasses: tortoiseshell, always
"""


def _flags(*lines: str) -> list[str]:
    body = "\n\n".join(lines)
    text = f"""
    EXT. DIG SITE - DAY

    DANI (24) sorts bones. She hums. Dani squints at a tag. She frowns.

    DANI
    Got it.

    {body}
    """
    return [f.message for f in audit_text(text, BIBLE, ["appearance"]).findings if "glasses" in f.message]


def test_wire_frames_against_the_bible_tortoiseshell():
    found = _flags("Dani pushes her wire-rimmed glasses up her nose.")
    assert found == ["DANI's glasses are wire-framed here ('wire-rimmed glasses'), but the bible says "
                     "'tortoiseshell, always'"]
    assert _flags("Dani pushes her round tortoiseshell glasses up her nose.") == []


def test_a_new_pair_another_kind_of_pair_and_a_broken_pair():
    assert _flags("Dani puts on a new pair, wire-rimmed glasses from the drugstore.",
                  "Later, Dani pushes her wire-rimmed glasses up her nose.") == []
    assert _flags("Dani puts on her wire reading glasses.") == []
    assert _flags("Dani holds up her wire-rimmed glasses, one lens cracked across.") == []
