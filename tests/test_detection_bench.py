"""``studio bench detection``: the planter and the scoring, on a small original script (fast: hashing embedder)."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from continuity.api import parse_script_text
from continuity.bible.load import parse_bible
from continuity.checks.findings import Finding, Report
from continuity.errors import InputError
from continuity.screenplay.model import Kind
from studio.bench import detection as db
from studio.bench.commands import bench_app

SCRIPT = Path(__file__).parent / "files" / "detection" / "harbour.fountain"
REPORT_KEYS = {"seed", "per_kind", "kinds_run", "embedder", "corpus", "overall", "controls", "kinds", "clean",
               "skipped", "cases", "seconds"}
KIND_KEYS = {"cases", "detected", "rate", "by_family", "by_bible", "by_script", "flagged_earlier_line",
             "other_new_flags", "controls"}
CASE_KEYS = {"id", "kind", "family", "script", "control", "bible", "planted", "expected_lines", "detected",
             "false_alarm", "finding", "flagged_earlier_line", "other_new_flags"}


@pytest.fixture(autouse=True)
def _hashing(monkeypatch):
    monkeypatch.setenv("STUDIO_EMBEDDER", "hashing")


@pytest.fixture(scope="module")
def src() -> db.Source:
    return db.load_source(SCRIPT)


@pytest.fixture(scope="module")
def planted(src) -> tuple[list[db.Case], list[dict]]:
    return db.build_cases([src], seed=7, per_kind=14)


@pytest.fixture
def cases(planted) -> list[db.Case]:
    return planted[0]


def _line_index(text: str) -> int:
    return SCRIPT.read_text(encoding="utf-8").split("\n").index(text)


# -- reading the script ---------------------------------------------------------------------


def test_source_knows_cast_pronouns_times_and_where_paragraphs_can_go(src):
    assert {n: p.gender for n, p in src.cast.items()} == {"Rosa": "f", "Tobias": "m", "Dev": "m"}
    assert "Tobias" not in {n for names in db.phrasings()["genders"].values() for n in names}  # learned, not listed
    assert [s.time for s in src.scenes] == ["DAY", "DAY", "DAY", "NIGHT", "NIGHT", "NIGHT", "DAY", None]
    assert [s.continues for s in src.scenes] == [False, False, True, False, False, False, False, False]
    every = {i for s in src.scenes for i in s.slots}
    boneyard = range(_line_index("/* An earlier draft had a fight here."), _line_index("It was cut. */"))
    assert not every & set(boneyard)
    assert _line_index("TOBIAS ^") - 1 not in every  # a paragraph there would break the dual dialogue
    assert all(src.lines[i] == "" for i in every)


# -- planting ---------------------------------------------------------------------------------


def test_planting_is_deterministic_given_a_seed(src, cases):
    again, _ = db.build_cases([src], seed=7, per_kind=14)
    assert [(c.id, c.text) for c in again] == [(c.id, c.text) for c in cases]
    other, _ = db.build_cases([src], seed=8, per_kind=14)
    assert [c.text for c in other] != [c.text for c in cases]


def test_every_kind_and_family_is_planted_with_controls(planted):
    cases, skipped = planted
    assert not skipped
    data = db.phrasings()
    for kind in db.KINDS:
        families = {c.family for c in cases if c.kind == kind and not c.control}
        assert families == set(data[kind]["families"]), kind
        assert len(families) >= 6
        assert {c.family for c in cases if c.kind == kind and c.control} == set(data[kind]["controls"]), kind


def test_inserted_lines_parse_where_intended(src, cases):
    original = src.text.split("\n")
    for case in cases:
        assert db.validate(src, case) is None, case.id
        lines = case.text.split("\n")
        script = parse_script_text(case.text)
        assert len(script.scenes) == len(src.scenes)
        at = {el.line: (sc.index, el) for sc in script.scenes for el in sc.elements}
        for ins, where in zip(case.inserts, case.where):
            assert [lines[n - 1] for n in where] == list(ins.lines), case.id
            if ins.form == "heading":
                assert script.scenes[ins.scene - 1].line == where[0]
                continue
            scene, el = at[where[0]]
            assert scene == ins.scene, case.id
            want = {"action": Kind.ACTION, "speech": Kind.CHARACTER, "cue": Kind.CHARACTER}[ins.form]
            assert el.kind is want, (case.id, el)
            if ins.form == "speech":
                assert at[where[1]][1].kind is Kind.DIALOGUE
        # the rest of the script is untouched: drop the new paragraphs and restore edited lines
        edited = {n - 1: ins for ins, where in zip(case.inserts, case.where) if ins.replace for n in where}
        added = {n - 1 for ins, where in zip(case.inserts, case.where) if not ins.replace
                 for n in [where[0] - 1, *where]}
        kept = [original[edited[i].slot] if i in edited else line for i, line in enumerate(lines) if i not in added]
        assert kept == original, case.id


def test_a_case_expects_its_later_planted_line(src, cases):
    data = db.phrasings()
    for case in (c for c in cases if not c.control):
        roles = [ins.role for ins in case.inserts]
        assert roles.count("target") == 1, case.id
        target = next(ins for ins in case.inserts if ins.role == "target")
        lines = case.lines_of("target")
        assert lines == case.where[case.inserts.index(target)]
        assert all(case.text.split("\n")[n - 1] in target.lines for n in lines)
        earlier = [ins for ins in case.inserts if ins.role in ("earlier", "setup")]
        if earlier:
            assert max(case.lines_of("earlier", "setup")) < min(lines), case.id
        scene = src.scenes[target.scene - 1]
        if case.kind == "wardrobe":
            first = earlier[0].scene
            assert target.scene == first or (target.scene == first + 1 and scene.continues)
        if case.kind == "location" and earlier:
            assert scene.heading.location == src.scenes[earlier[0].scene - 1].heading.location
            assert target.scene > earlier[0].scene
        if case.kind == "prop":
            loss = next(ins for ins in case.inserts if ins.role == "earlier")
            assert target.scene >= loss.scene + 2
        if case.kind == "timeline":
            assert scene.time in ("DAY", "NIGHT")
            claims = data["timeline"]["families"][case.family]["claims_night" if scene.time == "DAY" else "claims_day"]
            assert any(t.split("{")[0][:12] in target.lines[0] for t in claims), case.id
        if case.kind == "name":
            cue = {p.name.upper() for p in src.cast.values()}
            words = [w for line in target.lines for w in db._WORD_RE.findall(line)]
            assert any(w.lower() not in src.vocab and w.upper() not in cue for w in words), case.id


def test_controls_have_no_target_and_keep_their_lines(cases):
    controls = [c for c in cases if c.control]
    assert controls
    for case in controls:
        assert "target" not in {ins.role for ins in case.inserts}
        assert case.lines_of("control")


def test_bibles_are_in_the_project_format(src, cases):
    with_bible = [c for c in cases if c.bible]
    assert with_bible
    for case in with_bible:
        bible = parse_bible(yaml.safe_dump(case.bible), source=case.id)
        assert {c.name for c in bible.characters} >= ({p.cue for p in src.cast.values()} - {"ROSA", "TOBIAS", "DEV"})
    full = [c for c in cases if c.bible_mode == "canon_full_name"]
    for case in full:
        names = [ch["name"] for ch in case.bible["characters"]]
        assert any(" " in n and n.split()[0] in {p.cue for p in src.cast.values()} for n in names)


def test_a_misspelling_is_no_word_and_no_name(src):
    words = src.vocab
    for seed in range(20):
        typo = db.misspell("Tobias", random.Random(seed), words, set(src.cast))
        assert typo and typo != "Tobias" and typo.lower() not in words and len(typo) >= 4
        assert typo == db.misspell("Tobias", random.Random(seed), words, set(src.cast))
        assert 1 <= db._distance(typo, "Tobias") <= 2


def test_a_bad_insert_is_caught(src):
    slot = src.scenes[0].slots[1]
    heading = db.Case("x", "timeline", "clock", src.name, False,
                      [db.Insert(1, slot, ("INT. SOMEWHERE ELSE - DAY",), "target")])
    assert "scenes instead of" in db.validate(src, db.render(src, heading))
    elsewhere = db.Case("y", "timeline", "clock", src.name, False, [db.Insert(2, slot, ("It is noon.",), "target")])
    assert "is not in scene 2" in db.validate(src, db.render(src, elsewhere))


# -- scoring --------------------------------------------------------------------------------


class FakeAuditor:
    """Answers the clean script with one old finding and a planted copy with what ``make`` gives."""

    def __init__(self, src, make):
        self.src, self.make, self.calls = src, make, 0

    def __call__(self, script, bible=None):
        self.calls += 1
        old = Finding("name", "warning", 1, 8, "old", text="old line")
        found = [old] if script is self.src.script else [old, *self.make(script)]
        return Report(script.source, "fountain", (), tuple(found))


def test_score_counts_a_new_flag_of_the_kind_on_the_planted_line(src, cases):
    case = next(c for c in cases if c.kind == "wardrobe" and not c.control)
    target, earlier = case.lines_of("target")[0], case.lines_of("earlier")[0]

    def make(category, severity, line):
        return lambda script: [Finding(category, severity, 2, line, "new", text=f"planted {line}")]

    auditor = FakeAuditor(src, make("wardrobe", "warning", target))
    record = db.score([case], {src.name: src}, auditor)[0]
    assert record["detected"] and record["finding"]["line"] == target and auditor.calls == 2
    assert set(record) == CASE_KEYS
    for category, severity, line in (("wardrobe", "info", target), ("prop", "error", target),
                                     ("wardrobe", "error", earlier)):
        record = db.score([case], {src.name: src}, FakeAuditor(src, make(category, severity, line)))[0]
        assert record["detected"] is False, (category, severity, line)
    assert record["flagged_earlier_line"] == 1
    control = next(c for c in cases if c.control and c.kind == "prop")
    alarm = make("prop", "error", control.lines_of("control")[-1])
    record = db.score([control], {src.name: src}, FakeAuditor(src, alarm))[0]
    assert record["false_alarm"] is True and record["detected"] is None
    summary = db.summarise([record])
    assert summary["controls"] == {"cases": 1, "false_alarm": 1, "rate": 1.0}


def test_command_reports_json_with_stable_keys_on_a_small_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "screenplays").mkdir(parents=True)
    (corpus / "fountain-syntax").mkdir()
    shutil.copy(SCRIPT, corpus / "screenplays" / SCRIPT.name)
    shutil.copy(SCRIPT, corpus / "fountain-syntax" / "Simple.fountain")
    args = ["detection", "--corpus", str(corpus), "--per-kind", "2", "--seed", "1", "--embedder", "hashing"]
    result = CliRunner().invoke(bench_app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert set(report) == REPORT_KEYS
    assert set(report["kinds"]) == set(db.KINDS)
    assert all(set(e) == KIND_KEYS for e in report["kinds"].values())
    assert all(set(r) == CASE_KEYS for r in report["cases"])
    assert sum(e["cases"] for e in report["kinds"].values()) == report["overall"]["cases"] == 12
    assert set(report["seconds"]) == {"total", "planting", "audits", "audit_seconds", "seconds_per_audit"}
    assert report["clean"]["scripts"][0]["scenes"] == 8 and report["clean"]["fixtures"][0]["file"] == "Simple.fountain"
    text = CliRunner().invoke(bench_app, [*args, "--kinds", "name", "--misses"])
    assert text.exit_code == 0, text.output
    assert "Detection" in text.output and "per phrasing family" in text.output and "name" in text.output


def test_command_skips_without_a_corpus_and_refuses_a_bad_one(tmp_path, monkeypatch):
    monkeypatch.setattr(db, "DEFAULT_CORPUS", tmp_path / "absent")
    result = CliRunner().invoke(bench_app, ["detection", "--json"])
    assert result.exit_code == 0 and "skipped" in json.loads(result.output)
    result = CliRunner().invoke(bench_app, ["detection", "--corpus", str(tmp_path / "nowhere")])
    assert isinstance(result.exception, InputError)
    (tmp_path / "c" / "screenplays").mkdir(parents=True)
    result = CliRunner().invoke(bench_app, ["detection", "--corpus", str(tmp_path / "c"), "--kinds", "props"])
    assert isinstance(result.exception, InputError)


@pytest.mark.slow
def test_whole_benchmark_on_the_corpus(corpus, monkeypatch):
    monkeypatch.delenv("STUDIO_EMBEDDER")
    report = db.detection(corpus, seed=0, per_kind=4)
    assert report["overall"]["cases"] == 24 and not report["skipped"]
    # A floor, well under the recorded figures (docs/BENCHMARKS.md), so a real regression fails.
    assert report["overall"]["rate"] >= 0.8, report["kinds"]
    assert report["controls"]["false_alarm"] == 0
    assert report["clean"]["flags_per_scene"] == 0
    assert [r["file"] for r in report["clean"]["scripts"]] == sorted(
        p.name for p in (corpus / "screenplays").glob("*.fountain"))
    assert report["clean"]["flags_per_scene"] is not None
