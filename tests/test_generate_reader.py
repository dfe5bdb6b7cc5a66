"""studio generate with the reader checks: a line a reader stops at is sent back with the reason, and one that
never passes becomes an honest action line in a scene marked for review (deterministic fakes, no model)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import ROOT

FERRY = ROOT / "assets" / "examples" / "ferry"


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("CREWAI_STORAGE_DIR", str(tmp_path / "home"))
    monkeypatch.setenv("STUDIO_EMBEDDER", "hashing")
    (tmp_path / "home").mkdir()
    return tmp_path


def _run(tmp: Path, backend, **kw):
    from studio.generation.runs import RunOptions, run_generate

    opts = {"treatment": FERRY / "treatment.md", "bible": FERRY / "bible.yaml", "out": tmp / "out", "project": tmp / "proj"}
    opts.update(kw)
    return run_generate(RunOptions(**opts), backend=backend)


class Slips:
    """The fake writer, with ``edit(title, prompt, reply)`` free to change a reply (or leave it, returning None)."""

    name = "slips"

    def __init__(self, edit, *, small: bool = False):
        from agents.fake import CompetentWriter

        self.inner = CompetentWriter(small=small)
        self.react = self.inner.react
        if small:
            self.schema_limits = self.inner.schema_limits
        self.edit = edit
        self.prompts: list[tuple[str, str]] = []

    def complete(self, messages, schema, max_tokens, timeout=None):
        from agents.backend import Completion

        reply = self.inner.complete(messages, schema, max_tokens)
        prompt = "\n".join(str(m["content"]) for m in messages)
        title = (schema or {}).get("title", "")
        self.prompts.append((title, prompt))
        got = self.edit(title, prompt, reply.text)
        return reply if got is None else Completion(got, "stop", reply.prompt_tokens, reply.completion_tokens)


def test_a_line_cut_off_is_written_again_and_the_scene_approved(env):
    """Scene 3's first draft has NELL's line cut off by the token limit; the verifier sends it back."""
    done = []

    def cut(title, prompt, text):
        if title == "ScenePieces" and "Write scene 3" in prompt and not done:
            done.append(1)
            draft = json.loads(text)
            draft["dialogue"]["NELL"] = ["I've kept this boat running since before your mother was born, and I've never had"]
            return json.dumps(draft)
        return None

    result = _run(env, Slips(cut))
    scene = result.state.scenes[2]
    assert scene.status == "approved" and scene.attempts == 2
    assert any("stops mid-sentence" in r["problem"] for r in scene.rejected)
    assert "I've never had" not in (env / "out" / "script.fountain").read_text()


def test_a_small_model_that_only_says_names_gets_the_reason_then_a_fallback(env):
    """The small model's NELL says "Rory, please." in scene 4 every time: one retry with the reason as a hint,
    then an action line in its place, the scene for review, and run.md counting it as a fallback."""
    def names_only(title, prompt, text):
        if title == "Speech" and prompt.lstrip().startswith("You are NELL") and "Wheelhouse" in prompt:
            return json.dumps({"line": "Rory, please."})
        return None

    backend = Slips(names_only, small=True)
    result = _run(env, backend)
    scene = result.state.scenes[3]
    assert scene.status == "needs_review"
    asked = [p for t, p in backend.prompts if t == "Speech" and "You are NELL" in p and "Wheelhouse" in p]
    assert len(asked) == 2 and "Say a whole sentence, not only a name." in asked[1]
    assert scene.pieces["fallback"] == {"NELL": ["Nell looks at Rory and says nothing."]}
    script = (env / "out" / "script.fountain").read_text()
    assert "Rory, please." not in script and "Nell looks at Rory and says nothing." in script
    [why] = [f for f in scene.findings if f.get("needs_review")]
    assert why["category"] == "reader" and "is only a name ('Rory, please.')" in why["message"]
    row = next(ln for ln in (env / "out" / "run.md").read_text().splitlines() if ln.startswith("| 4 |"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[2] == "needs_review" and cells[5] == "1"  # one fallback: NELL's line
    # every other scene is approved and holds no line a reader stops at
    assert all(s.status == "approved" for s in result.state.scenes if s.number != 4)


def test_a_wrong_name_and_an_identity_slip_are_caught(env):
    def slip(title, prompt, text):
        if title == "ScenePieces" and re.search(r"Write scene [56]\b", prompt) and "TAM" not in prompt.split("Characters")[1][:40]:
            draft = json.loads(text)
            draft["dialogue"]["RORY"] = ["I'm Tam, and I want to go home."]
            draft["dialogue"]["NELL"] = ["Hold the rope still, Tam."]
            return json.dumps(draft)
        return None

    result = _run(env, Slips(slip))
    scene = result.state.scenes[4]
    problems = " ".join(r["problem"] for r in scene.rejected)
    assert "call herself or himself Tam" in problems and "calls TAM ('Tam'), who is not in the scene" in problems
    assert scene.status == "approved"
    assert "Hold the rope still, Tam." not in (env / "out" / "script.fountain").read_text()


def test_a_shot_with_no_one_of_the_cast_in_it_is_given_someone_by_code(env):
    done = []

    def empty(title, prompt, text):
        if title == "ShotPlan" and not done:
            done.append(1)
            plan = json.loads(text)
            plan["shots"][0]["subjects"] = []
            return json.dumps(plan)
        return None

    result = _run(env, Slips(empty))
    first = result.state.scenes[0]
    assert first.shots_status == "done" and first.shot_attempts == 1
    assert first.shot_problems == ["scene 1's shot 1 frames no one, and none of the scene's cast (NELL, TAM): given NELL"]
    assert first.shots["shots"][0]["subjects"] == [{"name": "NELL", "position": "centre", "facing": "camera"}]
    shots = json.loads((env / "out" / "shots.json").read_text())
    assert all(shot["subjects"] for shot in shots["shots"])
