"""The bundled example: every planted error is found, and nothing else is.

Ground truth is the table in assets/examples/lighthouse/ERRORS.md. This runs the
real embedding model (all-MiniLM-L6-v2) end to end on a small script.
"""

from __future__ import annotations

import re

import pytest
from conftest import EXAMPLE

from continuity.api import audit, load_bible, load_script
from continuity.settings import Settings

ROW_RE = re.compile(r"^\|\s*(\d+)\s*\|\s*(\w+)\s*\|\s*(\d+)\s*\|\s*(\d+)\s*\|\s*([^|]+?)\s*\|")


def planted() -> list[dict]:
    rows = []
    for line in (EXAMPLE / "ERRORS.md").read_text().splitlines():
        m = ROW_RE.match(line)
        if m:
            rows.append({"category": m[2], "scene": int(m[3]), "line": int(m[4]), "evidence": m[5]})
    assert len(rows) >= 9
    return rows


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    settings = Settings(cache_dir=str(tmp_path_factory.mktemp("cache")), embedder="minilm")
    return audit(
        load_script(EXAMPLE / "script.fountain"),
        load_bible(EXAMPLE / "bible.yaml"),
        settings=settings,
    )


@pytest.mark.parametrize("row", planted(), ids=lambda r: f"{r['category']}-scene{r['scene']}")
def test_each_planted_error_is_found_with_its_evidence(report, row):
    hits = [f for f in report.findings if (f.category, f.scene, f.line) == (row["category"], row["scene"], row["line"])]
    assert hits, f"not found: {row}"
    evidence = {str(e.line) for e in hits[0].evidence if e.line} | {e.bible for e in hits[0].evidence if e.bible}
    if row["category"] != "voice":  # the voice evidence is whichever line is most typical
        assert evidence & {p.strip() for p in row["evidence"].split(",")} or any(
            row["evidence"].startswith(str(e)) for e in evidence
        ), (row, hits[0].evidence)


def test_nothing_else_is_reported(report):
    expected = {(r["category"], r["scene"], r["line"]) for r in planted()}
    extra = [f for f in report.findings if (f.category, f.scene, f.line) not in expected]
    assert extra == []


def test_planted_errors_are_errors_and_voice_is_info(report):
    sev = {(f.category, f.scene): f.severity for f in report.findings}
    for row in planted():
        want = {"voice": {"info", "warning"}, "appearance": {"error", "warning"}}.get(row["category"], {"error"})
        assert sev[(row["category"], row["scene"])] in want


def test_same_findings_from_the_fdx_version(report, tmp_path):
    from continuity.screenplay.io import save_script

    fdx = tmp_path / "script.fdx"
    save_script(load_script(EXAMPLE / "script.fountain"), fdx)
    again = audit(
        load_script(fdx),
        load_bible(EXAMPLE / "bible.yaml"),
        settings=Settings(cache_dir=str(tmp_path / "cache"), embedder="minilm"),
    )
    assert [(f.category, f.scene, f.severity) for f in again.findings] == [
        (f.category, f.scene, f.severity) for f in report.findings
    ]
    # FDX findings point at paragraphs, not lines.
    assert all(f.line != g.line for f, g in zip(again.findings, report.findings))
