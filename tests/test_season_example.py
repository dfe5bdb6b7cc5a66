"""The bundled season example: every planted cross-episode error is found, and nothing else is.

Ground truth is the table in assets/examples/copper-street/ERRORS.md. This runs the
real embedding model (all-MiniLM-L6-v2) end to end on three short episodes.
"""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

from continuity.api import audit_season, load_bible, load_season
from continuity.settings import Settings

SERIES = ROOT / "assets" / "examples" / "copper-street"
ROW_RE = re.compile(r"^\|\s*(\d+)\s*\|\s*(\w+)\s*\|\s*(\d+)\s*\|\s*(\d+)\s*\|\s*(\d+)\s*\|\s*([^|]+?)\s*\|")


def planted() -> list[dict]:
    rows = []
    for line in (SERIES / "ERRORS.md").read_text().splitlines():
        m = ROW_RE.match(line)
        if m:
            rows.append({"category": m[2], "episode": int(m[3]), "scene": int(m[4]), "line": int(m[5]),
                         "evidence": m[6]})
    assert len(rows) == 7
    return rows


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    spec = load_season([SERIES / "series.yaml"])
    settings = Settings(cache_dir=str(tmp_path_factory.mktemp("cache")), embedder="minilm")
    return audit_season(spec, load_bible(spec.bible), settings=settings, bible_source=spec.bible)


@pytest.mark.parametrize("row", planted(), ids=lambda r: f"{r['category']}-ep{r['episode']}-scene{r['scene']}")
def test_each_planted_error_is_found_with_its_evidence(report, row):
    key = (row["category"], row["episode"], row["scene"], row["line"])
    hits = [f for f in report.findings if (f.category, f.episode, f.scene, f.line) == key]
    assert hits, f"not found: {row}"
    cited = {f"{e.episode}:{e.line}" for e in hits[0].evidence if e.line} | {e.bible for e in hits[0].evidence if e.bible}
    assert row["evidence"] in cited, (row, hits[0].evidence)


def test_nothing_else_is_reported(report):
    expected = {(r["category"], r["episode"], r["scene"], r["line"]) for r in planted()}
    assert [f for f in report.findings if (f.category, f.episode, f.scene, f.line) not in expected] == []


def test_the_report_names_the_series_and_its_episodes(report):
    assert report.series == "Copper Street"
    assert [(e.number, e.title, e.scenes) for e in report.episodes] == [
        (1, "The Watch", 5), (2, "Tide Clock", 4), (3, "Chime", 4)]
    days = {(s.episode, s.index): (s.day, s.story_day) for s in report.scenes}
    assert days[(1, 5)] == (1, "N1") and days[(2, 1)] == (3, "D3")  # gap_days: 2
