"""Source files hold no control characters: a "\\b" written into a non-raw string becomes a backspace, and a
pattern with one silently matches nothing."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_no_control_characters_in_python_sources():
    bad = []
    for package in ("continuity", "studio", "agents", "tests", "benchmarks"):
        for path in (ROOT / package).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            for n, line in enumerate(text.splitlines(), 1):
                if any(ord(ch) < 32 and ch not in "\t" for ch in line):
                    bad.append(f"{path.relative_to(ROOT)}:{n}")
    assert bad == []
