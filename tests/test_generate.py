"""studio generate: the flow (generate -> verify -> route), its bounds, persistence and outputs.

All with deterministic fake models (agents.fake), the fast embedder, and no network.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

FERRY = ROOT / "assets" / "examples" / "ferry"
TWO = ROOT / "tests" / "files" / "generate" / "two-scenes.md"


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("STUDIO_EMBEDDER", "hashing")
    monkeypatch.setenv("CREWAI_STORAGE_DIR", str(tmp_path / "crewai"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run(tmp: Path, backend, **kw):
    from studio.runs import RunOptions, run_generate

    opts = dict(treatment=FERRY / "treatment.md", bible=FERRY / "bible.yaml", out=tmp / "out", project=tmp / "proj")
    opts.update(kw)
    events: list[dict] = []
    result = run_generate(RunOptions(**opts), backend=backend, progress=events.append)
    return result, events


class Tamper:
    """CompetentWriter, but the first ``times`` scene drafts of scene ``scene`` go through ``edit``."""

    name = "tamper"
    react = True

    def __init__(self, scene: int, edit, times: int = 1):
        from agents.fake import CompetentWriter

        self.inner, self.scene, self.edit, self.left = CompetentWriter(), scene, edit, times
        self.drafts: list[int] = []

    def complete(self, messages, schema, max_tokens, timeout=None):
        from agents.backend import Completion

        reply = self.inner.complete(messages, schema, max_tokens)
        prompt = "\n".join(m["content"] for m in messages)
        m = re.search(r"(?:Write|Revise) scene (\d+)", prompt)
        if (schema or {}).get("title") == "SceneDraft" and m:
            self.drafts.append(int(m.group(1)))
            if int(m.group(1)) == self.scene and self.left > 0:
                self.left -= 1
                return Completion(self.edit(reply.text), "stop", reply.prompt_tokens, reply.completion_tokens)
        return reply


def _contradict(text: str) -> str:
    draft = json.loads(text)
    draft["lines"].insert(1, {"kind": "action", "text": "NELL's red hair is plastered to her face."})
    return json.dumps(draft)


def test_competent_model_gives_a_complete_consistent_run(env):
    from agents.fake import CompetentWriter
    from continuity.api import audit, load_bible
    from continuity.io import load_script
    from continuity.shots import load_shots

    result, events = _run(env, CompetentWriter())
    out = env / "out"
    assert result.status == "complete"
    assert sorted(p.name for p in out.iterdir()) == [
        ".studio", "audit.json", "bible.yaml", "run.md", "script.fountain", "shots.csv", "shots.json", "state.json"]
    script = load_script(out / "script.fountain")
    assert [s.heading.text for s in script.scenes] == [
        "INT. HARBOUR OFFICE - DAWN", "EXT. ISLAND SLIPWAY - MORNING", "EXT. FERRY - CAR DECK - MORNING",
        "INT. FERRY - WHEELHOUSE - AFTERNOON", "EXT. MAINLAND PIER - DUSK", "EXT. ISLAND SLIPWAY - NIGHT"]
    assert script.title == "The Last Ferry"
    report = audit(script, load_bible(FERRY / "bible.yaml"))
    assert report.count("error") == 0
    shots = load_shots(out)
    assert {s.scene for s in shots.shots} == set(range(1, 7))
    summary = result.summary()
    assert summary["open_errors"] == 0 and summary["needs_review"] == 0
    assert all(s["status"] == "approved" and s["attempts"] == 1 for s in summary["scenes"])
    # outline, edit, then a draft and a shot plan per scene; no reviews needed
    assert summary["calls"] == 2 + 6 * 2
    assert {e["agent"] for e in events} >= {"writer", "editor", "continuity_supervisor", "shot_planner", "flow"}
    assert "| 6 | EXT. ISLAND SLIPWAY - NIGHT | approved | 1 | 0 | 0 | " in (out / "run.md").read_text()
    assert (out / "shots.csv").read_text().startswith("scene,number,size,angle,movement,lens,duration,subjects")


def test_a_contradiction_goes_back_to_the_writer_with_notes_and_is_fixed(env):
    backend = Tamper(scene=2, edit=_contradict, times=1)
    result, events = _run(env, backend)
    scene = result.state.scenes[1]
    assert scene.status == "approved" and scene.attempts == 2
    assert backend.drafts.count(2) == 2
    assert len(scene.fixed) == 1 and "NELL's hair is 'red'" in scene.fixed[0]["message"]
    # the supervisor's note answers the finding and quotes the offending words
    assert scene.notes and scene.notes[0]["finding"] == scene.fixed[0]["id"]
    assert "red hair" in scene.notes[0]["quote"].lower() or "red" in scene.notes[0]["quote"].lower()
    assert "NELL's red hair" not in (env / "out" / "script.fountain").read_text()
    assert any(e["event"] == "notes" and e["scene"] == 2 for e in events)
    assert result.summary()["findings_fixed"] == 1


def test_revisions_are_capped_then_the_scene_goes_to_review(env):
    backend = Tamper(scene=3, edit=_contradict, times=99)
    result, _ = _run(env, backend, max_attempts=2)
    scene = result.state.scenes[2]
    assert scene.status == "needs_review"
    assert backend.drafts.count(3) == 3  # the draft and two revisions, no more
    assert result.status == "complete"
    audit_json = json.loads((env / "out" / "audit.json").read_text())
    errors = [f for f in audit_json["findings"] if f["severity"] == "error"]
    assert errors and all(f.get("needs_review") for f in errors)
    assert result.summary()["open_errors"] == 0
    assert "## For review" in (env / "out" / "run.md").read_text()
    # the run folder is a review project: a person sees the same findings in `studio review`
    from studio.review.actions import Project

    with Project(env / "out", create=False) as project:
        stored = project.store.findings(severity="error")
        assert {f["id"] for f in stored} == {f["id"] for f in errors}
        assert project.bible_path() == (env / "out" / "bible.yaml").resolve()
    # every other scene went through untouched
    assert [s.status for s in result.state.scenes].count("approved") == 5


def test_a_dropped_character_is_caught_by_the_plan_check(env):
    def drop_rory(text: str) -> str:
        draft = json.loads(text)
        draft["lines"] = [ln for ln in draft["lines"] if ln.get("character") != "RORY"]
        for ln in draft["lines"]:
            ln["text"] = ln["text"].replace("Rory", "the boy").replace("RORY", "the boy")
        return json.dumps(draft)

    result, _ = _run(env, Tamper(scene=2, edit=drop_rory, times=1))
    scene = result.state.scenes[1]
    assert scene.attempts == 2 and scene.status == "approved"
    assert scene.fixed[0]["category"] == "plan" and "RORY" in scene.fixed[0]["message"]


def test_invalid_structure_never_reaches_the_output(env):
    from continuity.io import load_script

    backend = Tamper(scene=4, edit=lambda text: text[: len(text) // 2], times=99)
    result, _ = _run(env, backend, max_attempts=1)
    scene = result.state.scenes[3]
    assert scene.status == "needs_review" and scene.placeholder
    assert scene.structure_failures == 2
    script = load_script(env / "out" / "script.fountain")
    assert len(script.scenes) == 6
    assert "not written" in " ".join(e.text for e in script.scenes[3].elements)
    audit_json = json.loads((env / "out" / "audit.json").read_text())
    assert any(f["id"] == "structure-4" and f["needs_review"] for f in audit_json["findings"])
    assert result.state.scenes[3].shots_status == "failed"


def test_budget_stops_cleanly_and_resume_finishes_without_redoing(env):
    from agents.fake import CompetentWriter

    backend = Tamper(scene=99, edit=lambda t: t)
    result, _ = _run(env, backend, max_llm_calls=6)
    assert result.status == "stopped" and "6 LLM calls" in result.state.stopped
    assert result.state.calls == 6
    assert (env / "out" / "script.fountain").is_file()
    done = [s.number for s in result.state.scenes if s.decided]
    assert done == [1, 2]
    assert "Resume with" in (env / "out" / "run.md").read_text()

    resumed, _ = _run(env, backend, treatment=None, resume=result.state.id[:8])
    assert resumed.status == "complete"
    assert backend.drafts == [1, 2, 3, 4, 5, 6]  # each scene drafted once across both runs
    assert all(s.attempts == 1 for s in resumed.state.scenes)
    assert resumed.state.calls == 14


def test_seconds_budget(env):
    from agents.backend import Completion
    from agents.fake import CompetentWriter

    class Slow(CompetentWriter):
        def complete(self, messages, schema, max_tokens, timeout=None):
            time.sleep(0.05)
            return super().complete(messages, schema, max_tokens)

    result, _ = _run(env, Slow(), max_seconds=0.2)
    assert result.status == "stopped" and "s is spent" in result.state.stopped
    assert result.state.calls < 14


def test_without_verification_first_answers_are_kept(env):
    backend = Tamper(scene=2, edit=_contradict, times=1)
    result, _ = _run(env, backend, verify=False)
    assert result.state.scenes[1].status == "approved" and result.state.scenes[1].attempts == 1
    assert "NELL's red hair" in (env / "out" / "script.fountain").read_text()


def test_outline_failure_is_a_clear_error(env):
    from agents.fake import ScriptedBackend
    from studio.runs import GenerationError

    with pytest.raises(GenerationError, match="no valid outline in 2 tries"):
        _run(env, ScriptedBackend(["not json"] * 6), max_attempts=1)


def test_no_network_connection_is_opened(env, monkeypatch):
    from agents.fake import CompetentWriter

    def refuse(*a, **k):
        raise AssertionError(f"network connection attempted: {a}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    result, _ = _run(env, CompetentWriter())
    assert result.status == "complete"


def test_state_is_persisted_in_the_project_sqlite(env):
    from agents.fake import CompetentWriter
    from studio.runs import list_run_ids, load_saved_state

    result, _ = _run(env, CompetentWriter())
    db = env / "proj" / "flows.db"
    assert list_run_ids(db) == [result.state.id]
    saved = load_saved_state(db, result.state.id)
    assert saved["phase"] == "done" and len(saved["scenes"]) == 6
    state = json.loads((env / "out" / "state.json").read_text())
    assert state["id"] == result.state.id and state["scenes"][0]["draft"]["lines"]


# -- the command ------------------------------------------------------------------------------


def _cli(tmp: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {**os.environ, "STUDIO_EMBEDDER": "hashing", "HOME": str(tmp / "home"),
           "CREWAI_STORAGE_DIR": str(tmp / "crewai"), "STUDIO_CACHE_DIR": str(tmp / "cache")}
    return subprocess.run([sys.executable, "-m", "studio.cli", *args], cwd=tmp, env=env,
                          capture_output=True, text=True, timeout=timeout)


def test_cli_json_and_exit_codes(env):
    args = [str(FERRY / "treatment.md"), "--bible", str(FERRY / "bible.yaml"), "--llm", "fake"]
    stopped = _cli(env, "generate", *args, "--max-llm-calls", "3", "--json")
    assert stopped.returncode == 3, stopped.stderr
    first = json.loads(stopped.stdout)
    assert first["status"] == "stopped" and first["calls"] == 3
    assert set(first) >= {"run_id", "status", "out", "files", "scenes", "calls", "tokens", "seconds",
                          "findings_fixed", "needs_review", "open_errors"}
    done = _cli(env, "generate", "--resume", first["run_id"][:8], "--json", "--fdx")
    assert done.returncode == 0, done.stderr
    second = json.loads(done.stdout)
    assert second["status"] == "complete" and second["run_id"] == first["run_id"]
    assert (env / second["out"] / "script.fdx").is_file()
    assert "Traceback" not in done.stderr + stopped.stderr


@pytest.mark.parametrize("args, message", [
    (["missing.md", "--llm", "fake"], "missing.md"),
    (["--resume", "nope1234", "--llm", "fake"], "no run 'nope1234'"),
    ([str(FERRY / "treatment.md"), "--llm", "martian/model"], "unknown model 'martian/model'"),
    ([str(FERRY / "treatment.md"), "--resume", "abcd"], "not both"),
    ([], "give a TREATMENT"),
])
def test_cli_bad_input_exits_2(env, args, message):
    proc = _cli(env, "generate", *args)
    assert proc.returncode == 2, proc.stderr
    assert message in proc.stderr and "Traceback" not in proc.stderr


def test_a_store_created_but_without_its_table_holds_no_runs(tmp_path):
    """Regression: polled while a child had created flows.db but not yet its table."""
    import sqlite3

    from studio.runs import list_run_ids

    db = tmp_path / "flows.db"
    sqlite3.connect(db).close()  # the file exists, the table does not
    assert db.is_file()
    assert list_run_ids(db) == []


def test_killed_run_resumes_without_redoing_finished_scenes(env):
    """Kill the process half-way (SIGKILL: no cleanup), then resume from the SQLite state."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "studio.cli", "generate", str(FERRY / "treatment.md"), "--bible",
         str(FERRY / "bible.yaml"), "--llm", "fake", "--quiet"],
        cwd=env, env={**os.environ, "STUDIO_EMBEDDER": "hashing", "HOME": str(env / "home"),
                      "CREWAI_STORAGE_DIR": str(env / "crewai"), "STUDIO_FAKE_DELAY": "0.15"},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    from studio.runs import list_run_ids, load_saved_state

    db = env / ".studio" / "flows.db"
    deadline = time.monotonic() + 90
    saved: dict = {}
    while time.monotonic() < deadline:
        ids = list_run_ids(db) if db.is_file() else []
        if ids:
            try:
                saved = load_saved_state(db, ids[0])
            except Exception:
                saved = {}
            if sum(1 for s in saved.get("scenes", []) if s["status"] == "approved") >= 2:
                break
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    saved = load_saved_state(db, list_run_ids(db)[0])
    approved = [s["number"] for s in saved["scenes"] if s["status"] == "approved"]
    assert 2 <= len(approved) < 6, "the kill should land half-way"
    drafts_before = {s["number"]: s["attempts"] for s in saved["scenes"]}

    done = _cli(env, "generate", "--resume", saved["id"][:8], "--json", "--llm", "fake")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["status"] == "complete"
    for s in summary["scenes"]:
        if s["number"] in approved:
            assert s["attempts"] == drafts_before[s["number"]], "a finished scene was redone"
    assert all(s["status"] == "approved" for s in summary["scenes"])
