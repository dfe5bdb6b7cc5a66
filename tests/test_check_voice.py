from __future__ import annotations

from checkutil import audit_text

from continuity.language.embedding import HashingEmbedder

LINES = [
    "The sea takes what it wants, girl.",
    "Tide turns at four, girl, the sea waits for no one.",
    "Keep the lamp lit, girl, and the sea will mind you.",
    "I have kept this light forty years by the sea, girl.",
    "Storm's coming in off the sea tonight, girl.",
    "Your father knew the sea better than any keeper, girl.",
    "The sea gave me this limp, girl, and I thank it.",
    "Mind the rocks, girl, the sea is hungry tonight.",
    "Let us circle back and leverage our synergies going forward.",
    "Salt in the wind means the sea is rising, girl.",
]


def test_off_voice_line_is_flagged():
    body = "INT. LANTERN ROOM - NIGHT\n\n" + "\n\n".join(f"ELI\n{line}" for line in LINES) + "\n"
    r = audit_text(body, None, ["voice"], embedder=HashingEmbedder())
    assert [f.text for f in r.findings] == [LINES[8]]
    assert r.findings[0].severity in ("info", "warning") and r.findings[0].character == "ELI"


def test_too_few_lines_says_nothing():
    body = "INT. X - DAY\n\n" + "\n\n".join(f"ELI\n{line}" for line in LINES[6:]) + "\n"
    assert audit_text(body, None, ["voice"]).findings == ()
