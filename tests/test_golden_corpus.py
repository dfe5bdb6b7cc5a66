"""Golden audits of the corpus screenplays and the bundled example: the report JSON, byte for byte.

These guard refactors ("behaviour unchanged"): any change to what the audit says
on these scripts shows up as a diff. The fake (hashing) embedder keeps them exact
on any machine. Regenerate after an intended change with
``STUDIO_REGEN_GOLDEN=1 pytest tests/test_golden_corpus.py`` and review the diff.
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

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "files" / "golden"
SCREENPLAYS = ROOT.parent / "shared" / "corpus" / "screenplays"
LIGHTHOUSE = ROOT / "assets" / "examples" / "lighthouse"
CORPUS = ["Big-Fish", "Brick-and-Steel", "The-Last-Birthday-Card"]
CASES = [(f"{n}.{ext}", SCREENPLAYS / f"{n}.{ext}", None) for n in CORPUS for ext in ("fountain", "fdx")]
CASES += [("lighthouse.fountain", LIGHTHOUSE / "script.fountain", LIGHTHOUSE / "bible.yaml"),
          ("lighthouse-nobible.fountain", LIGHTHOUSE / "script.fountain", None)]


def _json(source: Path, bible: Path | None) -> str:
    report = run(load_script(source), load_bible(bible) if bible else None, embedder=HashingEmbedder(),
                 cache_dir=None, bible_source=bible.name if bible else None)
    data = report.to_dict()
    data["script"] = source.name  # the path depends on where the corpus sits
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize(("name", "source", "bible"), CASES, ids=[c[0] for c in CASES])
def test_golden_audit(name: str, source: Path, bible: Path | None):
    if not source.is_file():
        pytest.skip(f"{source} not found (the shared corpus sits beside the checkout)")
    got = _json(source, bible)
    expected = GOLDEN / f"{name}.json"
    if os.environ.get("STUDIO_REGEN_GOLDEN") or not expected.exists():
        expected.write_text(got, encoding="utf-8")
    assert got == expected.read_text(encoding="utf-8")
