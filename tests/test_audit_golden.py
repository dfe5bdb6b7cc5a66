"""Golden audits: tests/files/audit/NAME.fountain (+ NAME.bible.yaml) -> NAME.json.

Regenerate after an intended change with ``STUDIO_REGEN_GOLDEN=1 pytest tests/test_audit_golden.py``
and review the diff. The fake (hashing) embedder keeps the outputs exact on any machine.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from continuity.audit import run
from continuity.bible.load import load_bible
from continuity.language.embedding import HashingEmbedder
from continuity.screenplay.io import load_script

FILES = Path(__file__).parent / "files" / "audit"
CASES = sorted(p for p in FILES.glob("*") if p.suffix in (".fountain", ".fdx"))


@pytest.mark.parametrize("source", CASES, ids=[p.stem for p in CASES])
def test_golden(source: Path, monkeypatch):
    monkeypatch.chdir(FILES)
    bible_path = source.with_suffix(".bible.yaml")
    bible = load_bible(bible_path.name) if bible_path.exists() else None
    report = run(
        load_script(source.name),
        bible,
        embedder=HashingEmbedder(),
        cache_dir=None,
        bible_source=bible_path.name if bible else None,
    )
    got = report.to_dict()
    expected_path = source.with_suffix(".json")
    if os.environ.get("STUDIO_REGEN_GOLDEN") or not expected_path.exists():
        expected_path.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n")
    assert got == json.loads(expected_path.read_text())
