"""``studio bench reliability``: the oracle, the report and the command (fast: hashing embedder)."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from studio.bench import reliability as bench
from studio.bench.commands import bench_app
from studio.bench.common import isolated_home
from studio.bench.reliability import (
    DEFAULT_BIBLE,
    DEFAULT_TREATMENT,
    reliability,
    treatment_scenes,
    valid_and_consistent,
    wilson,
)

MODE_KEYS = {
    "runs", "succeeded", "success_rate", "success_ci95", "crashed", "first_try", "faults_injected", "clean_calls",
    "fault_rate_per_call", "revisions_per_scene_mean", "revisions_per_scene_max", "scenes_needs_review",
    "runs_with_review", "calls_per_scene_mean", "seconds_per_scene_mean", "cpu_seconds_per_scene_mean",
    "run_seconds_median", "failures", "reader_faults_injected", "reader_slips_in_output", "runs_with_reader_slips",
}
REPORT_KEYS = {
    "runs", "seed", "treatment", "bible", "scenes_expected", "max_attempts", "embedder", "faults",
    "with_verification", "without_verification", "seconds_total",
}


@pytest.fixture
def crew_home(tmp_path, monkeypatch):
    """CrewAI writes under HOME: keep it in the test's folder."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("CREWAI_STORAGE_DIR", str(home))
    monkeypatch.setenv("STUDIO_EMBEDDER", "hashing")
    return home


@pytest.fixture
def settings(crew_home):
    from continuity.settings import Settings

    return replace(Settings.load(), embedder="hashing")


@pytest.fixture
def canon():
    from continuity.bible.load import load_bible

    return load_bible(DEFAULT_BIBLE)


@pytest.fixture(scope="module")
def clean_run(tmp_path_factory) -> Path:
    """The output folder of one fault-free run of the ferry example."""
    from agents.fake import CompetentWriter
    from continuity.settings import Settings
    from studio.generation.runs import RunOptions, run_generate

    base = tmp_path_factory.mktemp("clean-run")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HOME", str(base))
        mp.setenv("CREWAI_STORAGE_DIR", str(base))
        mp.setenv("STUDIO_CACHE_DIR", str(base / "cache"))
        options = RunOptions(treatment=DEFAULT_TREATMENT, bible=DEFAULT_BIBLE, out=base / "out",
                             project=base / "project")
        run_generate(options, backend=CompetentWriter(), settings=replace(Settings.load(), embedder="hashing"))
    return base / "out"


def _copy(run: Path, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    shutil.copytree(run, out)
    return out


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_treatment_scenes_counts_the_ferry_paragraphs():
    assert treatment_scenes(DEFAULT_TREATMENT.read_text(encoding="utf-8")) == 6
    assert treatment_scenes("# Title\n\n*Logline.*\n\nOne.\n\nTwo.\n") == 2


def test_wilson_interval_known_values():
    assert wilson(10, 10) == pytest.approx((0.7225, 1.0), abs=1e-4)
    assert wilson(0, 10) == pytest.approx((0.0, 0.2775), abs=1e-4)
    lo, hi = wilson(49, 50)
    assert lo == pytest.approx(0.8950, abs=1e-4) and hi == pytest.approx(0.9965, abs=1e-4)


def _record(ok: bool, steps: list[tuple[str, int | None, bool]], writer_calls: list[int], **extra) -> dict:
    rec = {"seed": 0, "verify": True, "ok": ok, "reasons": [] if ok else ["bad"], "error": "",
           "steps": [{"step": k, "scene": n, "ok": good, "problem": ""} for k, n, good in steps],
           "writer_calls": writer_calls, "needs_review": 0, "calls": 10, "seconds": 1.0, "cpu_seconds": 0.5,
           "injected": {"malformed": 1, "dropped": 0, "contradiction": 0, "timeout": 0},
           "call_tally": {"scene": [4, 3], "shots": [2, 2]}}
    return {**rec, **extra}


def test_summarise_counts_first_tries_and_revisions():
    a = _record(True, [("outline", None, True), ("scene", 1, False), ("review", 1, True), ("scene", 1, True),
                       ("scene", 2, True), ("shots", 1, False), ("shots", 1, True)], [2, 1])
    b = _record(False, [("outline", None, False)], [], needs_review=1, seconds=3.0)
    m = bench.summarise([a, b], expected_scenes=2)
    assert (m["succeeded"], m["success_rate"]) == (1, 0.5)
    assert m["first_try"]["outline"] == {"tries": 2, "ok": 1, "rate": 0.5}
    assert m["first_try"]["scene"] == {"tries": 2, "ok": 1, "rate": 0.5}  # scene 1's retry does not count
    assert m["first_try"]["shots"] == {"tries": 1, "ok": 0, "rate": 0.0}
    assert m["first_try"]["all"] == {"tries": 6, "ok": 3, "rate": 0.5}
    assert m["first_try"]["edit"] == {"tries": 0, "ok": 0, "rate": None}
    assert (m["revisions_per_scene_mean"], m["revisions_per_scene_max"]) == (0.5, 1)
    assert m["clean_calls"]["scene"] == {"tries": 8, "ok": 6, "rate": 0.75}
    assert m["clean_calls"]["all"] == {"tries": 12, "ok": 10, "rate": pytest.approx(0.8333, abs=1e-4)}
    assert m["faults_injected"] == {"malformed": 2, "dropped": 0, "contradiction": 0, "timeout": 0, "reader": 0,
                                    "total": 2}
    assert (m["scenes_needs_review"], m["runs_with_review"]) == (1, 1)
    assert m["calls_per_scene_mean"] == 5.0  # 20 calls over 2 runs of 2 scenes
    assert m["seconds_per_scene_mean"] == 1.0 and m["run_seconds_median"] == 2.0
    assert m["failures"] == [{"seed": 0, "reasons": ["bad"]}]


def test_isolated_home_restores_the_environment(monkeypatch):
    monkeypatch.setenv("HOME", "/somewhere")
    monkeypatch.delenv("CREWAI_STORAGE_DIR", raising=False)
    with isolated_home() as home:
        assert os.environ["HOME"] == os.environ["CREWAI_STORAGE_DIR"] == str(home)
        assert home.is_dir()
    assert os.environ["HOME"] == "/somewhere"
    assert "CREWAI_STORAGE_DIR" not in os.environ
    assert not home.exists()


def test_oracle_accepts_a_clean_run(clean_run, canon, settings):
    ok, reasons = valid_and_consistent(clean_run, canon, expected_scenes=6, settings=settings)
    assert (ok, reasons) == (True, [])


def _contradiction(out: Path) -> None:
    _edit(out / "script.fountain", "Rory goes down to it alone.",
          "Rory goes down to it alone. NELL's blonde hair catches the light.")


def _dropped(out: Path) -> None:
    _edit(out / "script.fountain", "TAM\nNot yet.\n\n", "")
    _edit(out / "script.fountain", "TAM BAIRD, the harbour master, forties, heavyset and ginger-bearded in a grey duffel "
                                   "coat, slides the last manifest across the desk.", "The last manifest lies on the desk.")


def _missing_scene(out: Path) -> None:
    text = (out / "script.fountain").read_text(encoding="utf-8")
    (out / "script.fountain").write_text(text[: text.index("EXT. ISLAND SLIPWAY - NIGHT")], encoding="utf-8")


def _no_shots(out: Path) -> None:
    data = json.loads((out / "shots.json").read_text(encoding="utf-8"))
    data["shots"] = [s for s in data["shots"] if s["scene"] != 2]
    (out / "shots.json").write_text(json.dumps(data), encoding="utf-8")


def _for_review(out: Path) -> None:
    data = json.loads((out / "state.json").read_text(encoding="utf-8"))
    data["scenes"][3]["status"] = "needs_review"
    (out / "state.json").write_text(json.dumps(data), encoding="utf-8")


def _unparseable(out: Path) -> None:
    (out / "script.fountain").unlink()


@pytest.mark.parametrize("damage, expected", [
    (_contradiction, "audit: scene 3: NELL's hair is"),
    (_dropped, "plan: TAM is in the outline of scene 1 but not in the scene"),
    (_missing_scene, "5 scenes, the treatment has 6"),
    (_no_shots, "no shots for scene(s) 2"),
    (_for_review, "scene(s) 4 handed to review"),
    (_unparseable, "script.fountain: "),
], ids=["contradiction", "dropped-character", "missing-scene", "no-shots", "needs-review", "no-script"])
def test_oracle_rejects_damaged_output(clean_run, canon, settings, tmp_path, damage, expected):
    out = _copy(clean_run, tmp_path)
    damage(out)
    ok, reasons = valid_and_consistent(out, canon, expected_scenes=6, settings=settings)
    assert not ok
    assert any(r.startswith(expected) for r in reasons), reasons


def test_oracle_judges_against_the_given_outline(clean_run, canon, settings):
    cast = [["NELL", "TAM"], ["NELL", "RORY", "TAM"], [], [], [], []]
    ok, reasons = valid_and_consistent(clean_run, canon, cast, expected_scenes=6, settings=settings)
    assert not ok
    assert reasons == ["plan: TAM is in the outline of scene 2 but not in the scene"]


def test_without_faults_every_run_succeeds_both_ways(settings):
    from agents.faults import Faults

    report = reliability(2, seed=0, faults=Faults().scaled(0), settings=settings)
    assert set(report) == REPORT_KEYS
    assert report["scenes_expected"] == 6 and report["embedder"] == "hashing"
    for mode in ("with_verification", "without_verification"):
        m = report[mode]
        assert set(m) == MODE_KEYS
        assert set(m["first_try"]) == {"outline", "edit", "scene", "review", "shots", "all"}
        assert (m["runs"], m["succeeded"], m["success_rate"], m["crashed"]) == (2, 2, 1.0, 0)
        assert m["faults_injected"]["total"] == 0
        assert m["first_try"]["all"]["rate"] == 1.0
        assert m["first_try"]["scene"]["tries"] == 12
        assert m["revisions_per_scene_mean"] == 0.0 and m["revisions_per_scene_max"] == 0
        assert m["scenes_needs_review"] == 0 and m["failures"] == []
        # outline + edit + a draft and a shot plan per scene: 14 calls for 6 scenes
        assert m["calls_per_scene_mean"] == pytest.approx(14 / 6, abs=1e-3)
        assert m["seconds_per_scene_mean"] > 0


def test_heavy_faults_verification_beats_no_verification(settings):
    """Seeded: the same draws every time, so the exact counts are fixed."""
    from agents.faults import Faults

    report = reliability(3, seed=0, faults=Faults().scaled(3), settings=settings)
    on, off = report["with_verification"], report["without_verification"]
    assert on["succeeded"] == 3
    assert off["succeeded"] == 0
    assert on["revisions_per_scene_max"] >= 1
    assert off["revisions_per_scene_max"] == 0  # no verification, no revisions
    assert on["faults_injected"]["total"] > 0 and off["faults_injected"]["total"] > 0
    assert len(off["failures"]) == 3 and all(f["reasons"] for f in off["failures"])


def test_cli_json_exits_0_and_parses(crew_home):
    result = CliRunner().invoke(bench_app, ["reliability", "--runs", "1", "--embedder", "hashing",
                                            "--faults-scale", "0", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert set(report) == REPORT_KEYS
    assert report["with_verification"]["succeeded"] == report["without_verification"]["succeeded"] == 1
    assert report["faults"] == {"malformed": 0.0, "dropped": 0.0, "contradiction": 0.0, "timeout": 0.0, "reader": 0.0}


def test_cli_table_and_registration(crew_home, monkeypatch):
    from studio.cli import app

    monkeypatch.setenv("COLUMNS", "200")  # one table row per line

    result = CliRunner().invoke(app, ["bench", "reliability", "--runs", "1", "--embedder", "hashing",
                                      "--faults-scale", "0"])
    assert result.exit_code == 0, result.output
    assert "end-to-end valid and consistent" in result.stdout
    assert "1/1 = 100.0%" in result.stdout


def test_cli_rejects_a_missing_treatment(crew_home, tmp_path):
    from continuity.errors import InputError

    result = CliRunner().invoke(bench_app, ["reliability", "--treatment", str(tmp_path / "nope.md"), "--json"])
    assert isinstance(result.exception, InputError)


# -- studio bench fidelity ------------------------------------------------------------------------


def test_fidelity_cases_are_the_ferry_and_the_benchmark_treatments():
    from continuity.bible.load import load_bible
    from continuity.treatment.facts import extract_facts, treatment_paragraphs
    from studio.bench.fidelity import cases

    found = cases()
    assert [c[0] for c in found] == ["ferry", "bakery", "gallery", "last-train", "orchard", "signal"]
    flashbacks = nights = 0
    for name, treatment, bible in found[1:]:
        text = treatment.read_text(encoding="utf-8")
        assert 4 <= len(treatment_paragraphs(text)) <= 8, name
        facts = extract_facts(text, load_bible(bible))
        assert {f.setting for f in facts} == {"INT", "EXT"}, name  # interiors and exteriors
        assert all(f.location_how == "name" and f.characters for f in facts), name
        props = [p for f in facts for p in f.props]
        assert any(props.count(p) > 1 for p in props), name  # a prop that recurs
        flashbacks += any(f.flashback for f in facts)
        nights += any(f.time == "NIGHT" for f in facts)
    assert flashbacks >= 2 and nights >= 3


def test_fidelity_bench_with_the_fake_model(crew_home, settings):
    from studio.bench.fidelity import fidelity, markdown

    report = fidelity("fake", only=["last-train"], settings=settings)
    (case,) = report["cases"]
    rows = case["runs"][0]["scenes"]
    assert [r["facts"] for r in rows] == [
        "INT. MARLOW STATION - WAITING ROOM - NIGHT", "EXT. MARLOW STATION - PLATFORM - NIGHT",
        "INT. SIGNAL BOX - NIGHT", "INT. TRAIN - CARRIAGE - DAWN"]
    assert all(r["heading_ok"] and r["characters"] == r["characters_planned"] == 2 for r in rows)
    assert all(r["coverage"] == 1.0 and r["dialogue_valid"] == r["dialogue"] == 2 for r in rows)
    assert all(r["calls"] == 2 and r["seconds"] > 0 for r in rows)
    total = report["summary"]["all"]
    assert total["headings_match"] == 4 and total["bible_contradictions_in_approved"] == 0
    assert total["calls"] == 8  # per scene the draft and the shots (outline and edit are the run's)
    table = markdown(report)
    assert "| last-train | 4 | 4/4 | 8/8 | 0 (0) | 100% (19/19) | 0 | 8/8 (0) | 8 |" in table


def test_fidelity_judge_sees_a_wrong_heading_a_missing_character_and_a_contradiction(crew_home, settings, tmp_path):
    from agents.fake import CompetentWriter
    from continuity.language.embedding import HashingEmbedder
    from studio.bench.fidelity import FERRY, judge
    from studio.generation.runs import RunOptions, run_generate

    out = tmp_path / "out"
    run_generate(RunOptions(treatment=FERRY / "treatment.md", bible=FERRY / "bible.yaml", out=out,
                            project=tmp_path / "p"), backend=CompetentWriter(), settings=settings)
    _edit(out / "script.fountain", "EXT. ISLAND SLIPWAY - MORNING", "INT. ISLAND SLIPWAY - NIGHT")
    _edit(out / "script.fountain", "TAM\n", "NELL\n")  # scene 1: TAM's line is NELL's now
    _edit(out / "script.fountain", "TAM BAIRD, the harbour master", "The harbour master")
    _edit(out / "script.fountain", "fills her red thermos", "pushes back her blue hair and fills her red thermos")
    _edit(out / "script.fountain", "Nell reads the name twice and says nothing.", "A gull lands on the roof.")
    rows = judge(out, FERRY / "treatment.md", FERRY / "bible.yaml", coverage_embed=HashingEmbedder().encode,
                 settings=settings)
    assert not rows[1]["heading_ok"] and rows[0]["heading_ok"]
    assert rows[0]["characters"] == 1 and rows[0]["characters_planned"] == 2
    assert rows[0]["bible_contradictions"] >= 1 and any("blue" in m for m in rows[0]["contradiction_messages"])
    assert rows[0]["covered"] < rows[0]["beats"]


def test_fidelity_cli_is_registered(crew_home):
    from studio.cli import app

    result = CliRunner().invoke(app, ["bench", "fidelity", "--llm", "fake", "--case", "last-train",
                                      "--embedder", "hashing", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["llm"] == "fake" and report["summary"]["all"]["scenes"] == 4
    assert report["cases"][0]["runs"][0]["script"].startswith("Title: Last Train to Marlow")


def test_injected_contradictions_come_in_the_detection_benchmarks_phrasings():
    """Issue 12: the reliability bench must not inject contradictions in the checker's own words."""
    from agents.faults import PHRASINGS, contradictions
    from continuity.bible.load import load_bible

    assert PHRASINGS.is_file()
    from tests.conftest import ROOT

    lies = contradictions(load_bible(ROOT / "assets" / "examples" / "ferry" / "bible.yaml"))
    sentences = [s for _, s in lies]
    assert len(set(sentences)) >= 20
    assert any("-eyed" in s for s in sentences) and any(", a deep " in s for s in sentences)
    assert any("pockets of the" in s or "sleeve of the" in s for s in sentences)  # wardrobe owned by action
    assert not any("{" in s for s in sentences)


def test_reader_faults_are_caught_with_verification_and_left_without(settings):
    """Every scene draft gets a reader fault (a line cut off, a wrong name, an identity slip, past tense): the
    verifier sends each back and the output reads clean; without it the independent judge finds them."""
    from agents.faults import Faults

    faults = Faults(malformed=0.0, dropped=0.0, contradiction=0.0, timeout=0.0, reader=1.0)
    report = bench.reliability(2, seed=3, faults=faults, settings=settings)
    on, off = report["with_verification"], report["without_verification"]
    assert on["faults_injected"]["reader"] > 0 and sum(on["reader_faults_injected"].values()) == on["faults_injected"]["reader"]
    assert on["reader_slips_in_output"] == 0 and on["succeeded"] == 2
    assert off["reader_slips_in_output"] > 0 and off["runs_with_reader_slips"] == 2
