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
    from studio.generation.runs import RunOptions, run_generate

    opts = dict(treatment=FERRY / "treatment.md", bible=FERRY / "bible.yaml", out=tmp / "out", project=tmp / "proj")
    opts.update(kw)
    events: list[dict] = []
    result = run_generate(RunOptions(**opts), backend=backend, progress=events.append)
    return result, events


class Tamper:
    """CompetentWriter, but the first ``times`` replies for scene ``scene`` (its pieces, or its fixes
    when ``fixes``) go through ``edit``."""

    name = "tamper"
    react = True

    def __init__(self, scene: int, edit, times: int = 1, *, fixes: bool = False):
        from agents.fake import CompetentWriter

        self.inner, self.scene, self.edit, self.left, self.fixes = CompetentWriter(), scene, edit, times, fixes
        self.drafts: list[int] = []

    def complete(self, messages, schema, max_tokens, timeout=None):
        from agents.backend import Completion

        reply = self.inner.complete(messages, schema, max_tokens)
        prompt = "\n".join(m["content"] for m in messages)
        m = re.search(r"(?:Write|Revise) scene (\d+)", prompt)
        title = (schema or {}).get("title")
        if title in ("ScenePieces", "PieceFixes") and m:
            self.drafts.append(int(m.group(1)))
            if int(m.group(1)) == self.scene and self.left > 0 and (title == "ScenePieces" or self.fixes):
                self.left -= 1
                return Completion(self.edit(reply.text), "stop", reply.prompt_tokens, reply.completion_tokens)
        return reply


def _contradict(text: str) -> str:
    draft = json.loads(text)
    draft["action"][1] += " NELL's red hair is plastered to her face."
    return json.dumps(draft)


def test_competent_model_gives_a_complete_consistent_run(env):
    from agents.fake import CompetentWriter
    from continuity.api import audit, load_bible
    from continuity.screenplay.io import load_script
    from continuity.visual.shots_json import load_shots

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
    run_md = (out / "run.md").read_text()
    assert "| 6 | EXT. ISLAND SLIPWAY - NIGHT | approved | 1 | 7 | 0 | 0 | 0 | clean | " in run_md
    assert "- lines: 45 lines the model's own (action and dialogue), 0 fallbacks" in run_md
    assert "independent audit of script.fountain against the bible (audit.json): 0 errors, " in run_md
    # every action line tells its beat: the competent writer keeps the treatment's sentences
    facts = result.state.scenes[0].facts
    assert [e.text for e in script.scenes[0].elements if e.kind.value == "action"] == facts.beats
    assert (out / "shots.csv").read_text().startswith("scene,number,size,angle,movement,lens,duration,subjects")


def test_a_contradiction_goes_back_to_the_writer_with_notes_and_is_fixed(env):
    backend = Tamper(scene=2, edit=_contradict, times=1)
    result, events = _run(env, backend)
    scene = result.state.scenes[1]
    assert scene.status == "approved" and scene.attempts == 2
    assert backend.drafts.count(2) == 2
    hair = [f for f in scene.fixed if f["subject"] == "NELL.hair"]
    assert len(hair) == 1 and "red" in hair[0]["message"] and "grey" in hair[0]["message"]
    # the line that now runs past its beat is found too; both are about the one piece
    assert {f["category"] for f in scene.fixed} == {"appearance", "fidelity"}
    # only the action line that failed went back to the writer
    assert {r["piece"] for r in scene.rejected} == {"action:1"} and "red hair" in scene.rejected[0]["text"]
    # the supervisor's notes answer the findings and quote the offending words
    assert {n["finding"] for n in scene.notes} == {f["id"] for f in scene.fixed}
    assert any("red" in n["quote"].lower() for n in scene.notes)
    assert "NELL's red hair" not in (env / "out" / "script.fountain").read_text()
    assert any(e["event"] == "notes" and e["scene"] == 2 for e in events)
    assert len(scene.fixed) == 2 and result.summary()["findings_fixed"] >= 2


def test_revisions_are_capped_then_code_repairs_the_piece(env):
    backend = Tamper(scene=3, edit=lambda t: _fix_contradict(t), times=99, fixes=True)
    result, events = _run(env, backend, max_attempts=2)
    scene = result.state.scenes[2]
    assert backend.drafts.count(3) == 3  # the draft and two revisions, no more
    # then the failing action line is the treatment's own sentence, checked again, and approved
    assert scene.status == "approved" and scene.repaired == ["action line 2 is the treatment's sentence"]
    assert scene.origin[1] == "treatment" and scene.pieces["action"][1] == scene.facts.beats[1]
    assert "red hair" not in (env / "out" / "script.fountain").read_text()
    assert any(e["event"] == "repaired" and e["scene"] == 3 for e in events)
    assert "the treatment's sentence after the writer's failed its checks" in (env / "out" / "run.md").read_text()


def _fix_contradict(text: str) -> str:
    """The second action line of a draft, or the one line of a fix, gets a contradiction."""
    draft = json.loads(text)
    action = draft["action"]
    action[1 if len(action) > 1 else 0] += " NELL's red hair is plastered to her face."
    return json.dumps(draft)


def test_what_code_cannot_repair_goes_to_review(env, tmp_path):
    """The treatment and the bible disagree (the bible gives NELL red hair): no rewrite can help."""
    bible = tmp_path / "bible.yaml"
    bible.write_text((FERRY / "bible.yaml").read_text().replace("hair: grey", "hair: red"))
    from agents.fake import CompetentWriter

    result, _ = _run(env, CompetentWriter(), bible=bible, max_attempts=1)
    scene = result.state.scenes[0]
    assert scene.status == "needs_review" and scene.attempts == 2
    assert result.status == "complete"
    audit_json = json.loads((env / "out" / "audit.json").read_text())
    errors = [f for f in audit_json["findings"] if f["severity"] == "error"]
    assert errors and all(f.get("needs_review") for f in errors)
    assert any(f["subject"] == "NELL.hair" and "grey" in f["message"] for f in errors)
    assert result.summary()["open_errors"] == 0
    run_md = (env / "out" / "run.md").read_text()
    assert "## For review" in run_md and "| 1 | INT. HARBOUR OFFICE - DAWN | needs_review |" in run_md
    # run.md says what an independent audit of the script says
    from continuity.api import audit, load_bible
    from continuity.screenplay.io import load_script

    fresh = audit(load_script(env / "out" / "script.fountain"), load_bible(bible))
    counts = f"{fresh.count('error')} error{'s' if fresh.count('error') != 1 else ''}"
    assert f"independent audit of script.fountain against the bible (audit.json): {counts}, " in run_md
    assert fresh.count("error") > 0 and result.summary()["audit"]["error"] == fresh.count("error")
    # the run folder is a review project: a person sees the same findings in `studio review`
    from studio.review.actions import Project

    audited = [f for f in errors if f.get("source") != "generate"]
    with Project(env / "out", create=False) as project:
        stored = project.store.findings(severity="error")
        assert {f["id"] for f in stored} == {f["id"] for f in audited}
        assert project.bible_path() == (env / "out" / "bible.yaml").resolve()


def test_a_dropped_character_is_caught_by_the_plan_check(env):
    def drop_rory(text: str) -> str:
        draft = json.loads(text)
        draft["dialogue"]["RORY"] = []
        draft["action"] = [a.replace("Rory", "the boy").replace("RORY", "the boy") for a in draft["action"]]
        return json.dumps(draft)

    result, _ = _run(env, Tamper(scene=2, edit=drop_rory, times=1))
    scene = result.state.scenes[1]
    assert scene.attempts == 2 and scene.status == "approved"
    assert scene.fixed[0]["category"] == "plan" and "RORY" in scene.fixed[0]["message"]
    assert scene.pieces["dialogue"]["RORY"]  # RORY was asked for a line


def test_invalid_structure_never_reaches_the_output(env):
    from continuity.screenplay.io import load_script

    backend = Tamper(scene=4, edit=lambda text: text[: len(text) // 2], times=99)
    result, _ = _run(env, backend, max_attempts=1)
    scene = result.state.scenes[3]
    assert scene.status == "needs_review" and scene.placeholder
    assert scene.structure_failures == 2
    script = load_script(env / "out" / "script.fountain")
    assert len(script.scenes) == 6
    # the scene is the treatment's own sentences, written by code, and a person is told
    assert [e.text for e in script.scenes[3].elements if e.kind.value == "action"] == scene.facts.beats
    audit_json = json.loads((env / "out" / "audit.json").read_text())
    assert any(f["id"] == "structure-4" and f["needs_review"] for f in audit_json["findings"])
    assert result.state.scenes[3].shots_status == "failed"


def test_budget_stops_cleanly_and_resume_finishes_without_redoing(env):

    backend = Tamper(scene=99, edit=lambda t: t)
    result, _ = _run(env, backend, max_llm_calls=6)
    assert result.status == "stopped" and "6 LLM calls" in result.state.stopped
    assert result.state.calls == 6
    assert (env / "out" / "script.fountain").is_file()
    done = [s.number for s in result.state.scenes if s.decided]
    assert done == [1, 2, 3, 4]  # outline, edit, four scenes (shots come after every scene is decided)
    assert "Resume with" in (env / "out" / "run.md").read_text()

    resumed, _ = _run(env, backend, treatment=None, resume=result.state.id[:8])
    assert resumed.status == "complete"
    assert backend.drafts == [1, 2, 3, 4, 5, 6]  # each scene drafted once across both runs
    assert all(s.attempts == 1 for s in resumed.state.scenes)
    assert resumed.state.calls == 14


def test_seconds_budget(env):
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


def test_a_treatment_without_scene_paragraphs_is_a_clear_error(env, tmp_path):
    from agents.fake import CompetentWriter
    from studio.generation.runs import GenerationError

    empty = tmp_path / "t.md"
    empty.write_text("# Only a title\n\n*and a logline*\n")
    with pytest.raises(GenerationError, match="no scene paragraphs"):
        _run(env, CompetentWriter(), treatment=empty)


def test_an_outline_that_breaks_the_facts_is_refused_and_the_facts_stand(env):
    from agents.backend import Completion
    from agents.fake import CompetentWriter

    class Wanderer(CompetentWriter):
        def complete(self, messages, schema, max_tokens, timeout=None):
            reply = super().complete(messages, schema, max_tokens)
            if (schema or {}).get("title") != "Outline":
                return reply
            outline = json.loads(reply.text)
            outline["scenes"][2].update(location="FERRY - WHEELHOUSE", time="NIGHT")
            outline["scenes"][0]["summary"] = "A different story."
            return Completion(json.dumps(outline))

    result, _ = _run(env, Wanderer())
    st = result.state
    assert [s.heading for s in st.scenes][:3] == [
        "INT. HARBOUR OFFICE - DAWN", "EXT. ISLAND SLIPWAY - MORNING", "EXT. FERRY - CAR DECK - MORNING"]
    assert len(st.outline_notes) == 1 and st.outline_notes[0].startswith("scene 3: the proposal says place ")
    assert st.scenes[0].summary == "A different story."  # a proposal that keeps the facts is taken
    assert "- outline: scene 3:" in (env / "out" / "run.md").read_text()


def test_a_small_model_is_asked_one_piece_at_a_time_with_short_prompts(env):
    from agents.fake import CompetentWriter
    from continuity.screenplay.io import load_script

    seen: list[tuple[str, str]] = []

    class Small(CompetentWriter):
        def complete(self, messages, schema, max_tokens, timeout=None):
            seen.append(((schema or {}).get("title", ""), "\n".join(m["content"] for m in messages)))
            return super().complete(messages, schema, max_tokens)

    train = ROOT / "benchmarks" / "fidelity" / "last-train"
    result, _ = _run(env, Small(small=True), treatment=train / "treatment.md", bible=train / "bible.yaml")
    st = result.state
    titles = [t for t, _ in seen]
    # no outline, edit or review calls: code plans from the facts; then per scene one call per beat
    # and per character, and the shots
    from studio.generation.scene_steps import SHORT_BEAT

    long = [[b for b in s.facts.beats if len(b.split()) > SHORT_BEAT] for s in st.scenes]
    cast = sum(len(s.facts.characters) for s in st.scenes)
    assert titles.count("ActionBeat") == sum(map(len, long)) and titles.count("Speech") == cast
    # a short beat is already an action line: kept as it is, not asked for
    short = [(i, o) for s in st.scenes for b, o in zip(s.facts.beats, s.origin) if len(b.split()) <= SHORT_BEAT
             for i in [b]]
    assert short and all(o == "kept" for _, o in short)
    assert set(titles) == {"ActionBeat", "Speech", "ShotPlan"}
    assert all("OpenAPI" not in prompt and "Current Task" not in prompt for t, prompt in seen if t != "ShotPlan")
    assert all(s.status == "approved" for s in st.scenes)
    assert st.edit_note.startswith("planned in code")
    script = load_script(env / "out" / "script.fountain")
    assert [s.heading.text for s in script.scenes] == [
        "INT. MARLOW STATION - WAITING ROOM - NIGHT", "EXT. MARLOW STATION - PLATFORM - NIGHT",
        "INT. SIGNAL BOX - NIGHT", "INT. TRAIN - CARRIAGE - DAWN"]
    assert st.scenes[0].calls == len(long[0]) + len(st.scenes[0].facts.characters) + 1


def test_a_line_that_is_not_speech_is_rejected_and_asked_again(env):
    def narrate(text: str) -> str:
        draft = json.loads(text)
        draft["dialogue"]["RORY"] = ["Rory climbs the ladder in orange oil."]
        return json.dumps(draft)

    result, _ = _run(env, Tamper(scene=2, edit=narrate))
    scene = result.state.scenes[1]
    assert scene.status == "approved" and scene.attempts == 2
    assert scene.rejected[0]["piece"] == "line:RORY:0" and "not speech" in scene.rejected[0]["problem"]
    text = (env / "out" / "script.fountain").read_text()
    assert "Rory climbs the ladder in orange oil." not in text


def test_a_character_described_as_a_place_goes_back_to_the_writer(env):
    def hut(text: str) -> str:
        draft = json.loads(text)
        draft["action"][0] = "Nell is a one-room hut with green walls and blue hair."
        return json.dumps(draft)

    result, _ = _run(env, Tamper(scene=1, edit=hut))
    scene = result.state.scenes[0]
    assert scene.status == "approved" and scene.attempts == 2
    problems = " ".join(f["message"] for f in scene.fixed)
    assert "NELL is a person, but this line makes NELL a place" in problems
    assert any(f["subject"] == "NELL.hair" and "blue" in f["message"] for f in scene.fixed)
    assert "one-room hut with green walls and blue hair" not in (env / "out" / "script.fountain").read_text()


def test_a_line_that_never_passes_becomes_an_action_line_and_the_scene_goes_to_review(env):
    """TAM's only line is a stage direction in every try: it is replaced by a plain action line saying what he
    does (so he stays in the scene, and the beat reworded without his name may stand), and a person reviews it."""
    def narrate(text: str) -> str:
        draft = json.loads(text)
        if "TAM" in draft.get("dialogue", {}):
            draft["dialogue"]["TAM"] = ["Tam slides the manifest across."]
        if len(draft["action"]) > 2:
            draft["action"][2] = "The harbour master slides the last manifest across the desk."
        return json.dumps(draft)

    result, _ = _run(env, Tamper(scene=1, edit=narrate, times=99, fixes=True), max_attempts=1)
    scene = result.state.scenes[0]
    assert scene.status == "needs_review"
    assert scene.repaired[0] == "1 line of TAM replaced by an action line: Tam looks at Nell and says nothing."
    assert scene.origin[2] == "writer" and scene.pieces["dialogue"]["TAM"] == []
    assert scene.pieces["fallback"] == {"TAM": ["Tam looks at Nell and says nothing."]}
    text = (env / "out" / "script.fountain").read_text()
    assert "Tam looks at Nell and says nothing." in text and "Tam slides the manifest across." not in text
    review = [f for f in scene.findings if f.get("needs_review")]
    assert [f["subject"] for f in review] == ["TAM.fallback"] and "is not speech" in review[0]["message"]
    audit = json.loads((env / "out" / "audit.json").read_text())
    assert any(f["subject"] == "TAM.fallback" and f["needs_review"] for f in audit["findings"])
    run_md = (env / "out" / "run.md").read_text()
    assert "| 1 | INT. HARBOUR OFFICE - DAWN | needs_review | 2 | " in run_md and "## For review" in run_md


def test_per_scene_calls_and_seconds_add_up(env):
    from agents.fake import CompetentWriter

    result, _ = _run(env, CompetentWriter())
    st = result.state
    assert all(s.calls == 2 and s.seconds > 0 for s in st.scenes)  # the draft and the shots
    assert sum(s.calls for s in st.scenes) == st.calls - 2  # less the outline and the edit


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
    from studio.generation.runs import list_run_ids, load_saved_state

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
                          "findings_fixed", "needs_review", "open_errors", "audit"}
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
    ([str(FERRY / "treatment.md"), "--llm", "fake"], "needs a bible: pass --bible"),
])
def test_cli_bad_input_exits_2(env, args, message):
    proc = _cli(env, "generate", *args)
    assert proc.returncode == 2, proc.stderr
    assert message in proc.stderr and "Traceback" not in proc.stderr


def test_a_store_created_but_without_its_table_holds_no_runs(tmp_path):
    """Regression: polled while a child had created flows.db but not yet its table."""
    import sqlite3

    from studio.generation.runs import list_run_ids

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
    from studio.generation.runs import list_run_ids, load_saved_state

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


# -- where a run writes, and what it shows first (issue 14) ------------------------------------


def test_resume_writes_to_the_folder_the_run_began_in(env):
    args = [str(FERRY / "treatment.md"), "--bible", str(FERRY / "bible.yaml"), "--llm", "fake"]
    stopped = _cli(env, "generate", *args, "--out", "takes/first", "--max-llm-calls", "3", "--json")
    assert stopped.returncode == 3, stopped.stderr
    first = json.loads(stopped.stdout)
    assert first["out"] == "takes/first" and first["resume"] == f"studio generate --resume {first['run_id'][:8]}"
    (env / "elsewhere").mkdir()
    done = subprocess.run(  # from another folder: the store by --project, the run folder as it began
        [sys.executable, "-m", "studio.cli", "generate", "--resume", first["run_id"][:8], "--project",
         str(env / ".studio"), "--llm", "fake", "--json"], cwd=env / "elsewhere", capture_output=True, text=True,
        timeout=120, env={**os.environ, "STUDIO_EMBEDDER": "hashing", "CREWAI_STORAGE_DIR": str(env / "crewai")})
    assert done.returncode == 0, done.stderr
    second = json.loads(done.stdout)
    assert Path(second["out"]).resolve() == (env / "takes" / "first").resolve()
    assert json.loads((env / "takes" / "first" / "state.json").read_text())["phase"] == "done"
    assert not (env / "runs").exists() and not (env / "elsewhere" / "runs").exists()
    assert f"--project {env / '.studio'}" in second["resume"]
    assert "Loading flow state from memory" not in done.stderr  # CrewAI's jargon stays in the log


def test_the_run_id_and_folder_are_shown_before_any_work(env):
    proc = subprocess.Popen(
        [sys.executable, "-m", "studio.cli", "generate", str(FERRY / "treatment.md"), "--bible",
         str(FERRY / "bible.yaml"), "--llm", "fake", "--out", "slow"],
        cwd=env, env={**os.environ, "STUDIO_EMBEDDER": "hashing", "CREWAI_STORAGE_DIR": str(env / "crewai"),
                      "STUDIO_FAKE_DELAY": "0.3", "COLUMNS": "60"},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = proc.stderr.readline()
        hint = proc.stderr.readline()
        still_running = proc.poll() is None
    finally:
        proc.kill()
        proc.wait(timeout=10)
    m = re.fullmatch(r"Run ([0-9a-f]{8}), writing to slow/\n", first)
    assert m, first
    assert still_running, "the start line must come before the work, not with the summary"
    # one unbroken line, however narrow the terminal: it is a command to copy
    assert hint.strip() == f"(if it stops or is interrupted, continue it with: studio generate --resume {m.group(1)})"


def test_a_folder_holding_other_work_is_refused_untouched(env):
    (env / "draft").mkdir()
    mine = "INT. KITCHEN - DAY\n\nA writer's own scene.\n"
    (env / "draft" / "script.fountain").write_text(mine)
    proc = _cli(env, "generate", str(FERRY / "treatment.md"), "--bible", str(FERRY / "bible.yaml"), "--llm", "fake",
                "--out", "draft")
    assert proc.returncode == 2, proc.stderr
    assert "draft/ already holds files that are not this run's (script.fountain)" in proc.stderr
    assert (env / "draft" / "script.fountain").read_text() == mine
    assert not (env / ".studio" / "flows.db").exists() or "Traceback" not in proc.stderr
