"""The crew's LLM wrapper (budget, validation, retries), the fault injector and the crew layout."""

from __future__ import annotations

import json

import pytest
import yaml
from pydantic import BaseModel, Field

from tests.conftest import ROOT

FERRY = ROOT / "assets" / "examples" / "ferry"


class Pair(BaseModel):
    name: str = Field(max_length=10)
    n: int


def _llm(replies, **kw):
    from agents.fake import ScriptedBackend
    from agents.llm import Budget, make_llm

    backend = ScriptedBackend(replies)
    llm = make_llm(backend, Budget(**kw))
    return llm, backend


def test_valid_json_comes_back_as_the_model():
    llm, backend = _llm(['{"name": "a", "n": 1}'])
    assert llm.call([{"role": "user", "content": "hi"}], response_model=Pair) == Pair(name="a", n=1)
    assert backend.calls[0][1]["title"] == "Pair"  # the schema reached the backend
    assert llm.budget.calls == 1


def test_bad_structure_is_retried_with_feedback_then_given_up():
    from agents.llm import StructureError

    llm, backend = _llm(['{"name": "far too long a name", "n": 1}', "nonsense", '{"name": "ok", "n": "x"}'])
    with pytest.raises(StructureError, match="no valid Pair after 3 tries") as info:
        llm.call([{"role": "user", "content": "hi"}], response_model=Pair)
    assert info.value.kind == "invalid"
    assert llm.budget.calls == 3
    # the validation error was fed back to the model on the next try
    assert "does not fit Pair" in backend.calls[1][0][-1]["content"]


def test_truncated_reply_is_retried_with_more_tokens():
    from agents.backend import Completion
    from agents.fake import ScriptedBackend
    from agents.llm import Budget, make_llm

    seen = []

    class Recorder(ScriptedBackend):
        def complete(self, messages, schema, max_tokens, timeout=None):
            seen.append(max_tokens)
            return super().complete(messages, schema, max_tokens)

    backend = Recorder([Completion('{"name": "a", "n"', "length"), '{"name": "a", "n": 2}'])
    llm = make_llm(backend, Budget())
    assert llm.call("hi", response_model=Pair).n == 2
    assert seen == [llm.max_tokens, llm.max_tokens * 2]


def test_timeouts_are_retried():
    from agents.backend import LLMTimeout

    llm, _ = _llm([LLMTimeout("slow"), '{"name": "a", "n": 3}'])
    assert llm.call("hi", response_model=Pair).n == 3
    assert llm.budget.calls == 2


def test_budget_stops_calls():
    from agents.llm import BudgetExhausted

    llm, backend = _llm(['{"name": "a", "n": 1}'] * 5, max_calls=2)
    llm.call("hi", response_model=Pair)
    llm.call("hi", response_model=Pair)
    with pytest.raises(BudgetExhausted, match="2 LLM calls"):
        llm.call("hi", response_model=Pair)
    assert len(backend.calls) == 2


def test_resolve_backend(monkeypatch):
    from agents.fake import CompetentWriter
    from agents.llm import RemoteBackend, resolve_backend
    from continuity.errors import InputError

    assert isinstance(resolve_backend("fake"), CompetentWriter)
    assert resolve_backend("").name == "embedded/smollm2-135m"
    with pytest.raises(InputError, match="unknown model"):
        resolve_backend("gpt4")
    with pytest.raises(InputError, match="unknown model"):
        resolve_backend("martian/x")
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with pytest.raises(InputError, match="needs an API key: set OPENAI_API_KEY"):
        resolve_backend("openai/gpt-4o-mini")
    monkeypatch.setenv("ANTHROPIC_API_KEY", "test-key")
    assert resolve_backend("anthropic/claude-sonnet-4-5").name == "anthropic/claude-sonnet-4-5"
    remote = resolve_backend("ollama/llama3.2")  # builds a client; no call is made
    assert isinstance(remote, RemoteBackend) and remote.name == "ollama/llama3.2"


# -- fault injection ---------------------------------------------------------------------------


def _scene_reply():
    return json.dumps({"action": ["Nell fills the thermos.", "Rory waits by the rail."],
                       "dialogue": {"NELL": ["Go."], "RORY": ["No."]}})


@pytest.mark.parametrize("fault", ["malformed", "dropped", "contradiction", "timeout"])
def test_each_fault_does_what_it_says(fault):
    from agents.backend import LLMTimeout
    from agents.fake import ScriptedBackend
    from agents.faults import FaultInjector, Faults
    from continuity.bible.load import load_bible

    faults = Faults(**{k: (1.0 if k == fault else 0.0) for k in ("malformed", "dropped", "contradiction", "timeout")})
    inj = FaultInjector(ScriptedBackend([_scene_reply()]), faults, seed=1, bible=load_bible(FERRY / "bible.yaml"))
    schema = {"title": "ScenePieces"}
    if fault == "timeout":
        with pytest.raises(LLMTimeout):
            inj.complete([], schema, 100)
    else:
        text = inj.complete([], schema, 100).text
        if fault == "malformed":
            with pytest.raises(ValueError):
                json.loads(text)
        elif fault == "dropped":
            dialogue = json.loads(text)["dialogue"]
            assert sorted(n for n, lines in dialogue.items() if lines) in (["NELL"], ["RORY"])
        else:
            action = json.loads(text)["action"]
            assert len(action) == 2 and action[1].startswith("Rory waits by the rail. ") and "'s " in action[1]
    assert inj.injected[fault] == 1


def test_contradictions_really_contradict_the_bible():
    from agents.faults import contradictions
    from continuity.api import check_passage, load_bible

    bible = load_bible(FERRY / "bible.yaml")
    lies = contradictions(bible)
    assert {name for name, _ in lies} == {"NELL", "RORY", "TAM"}
    # The lies are worded as writers word them (issue 12), so the checker is not
    # promised to catch each one: the reliability bench measures what slips through.
    # Most are still caught in isolation (a floor against regressions).
    caught = 0
    for _, sentence in lies:
        found = check_passage(f"INT. HARBOUR OFFICE - DAY\n\n{sentence}", bible)
        caught += any(f.severity == "error" for f in found)
    assert caught >= 0.6 * len(lies), f"{caught}/{len(lies)} caught"


def test_fault_draws_are_seeded():
    from agents.fake import ScriptedBackend
    from agents.faults import FaultInjector, Faults

    def outcomes(seed):
        inj = FaultInjector(ScriptedBackend([_scene_reply()] * 40), Faults().scaled(4), seed=seed)
        out = []
        for _ in range(40):
            try:
                out.append(inj.complete([], {"title": "ScenePieces"}, 10).text)
            except TimeoutError:
                out.append("timeout")
        return out

    assert outcomes(7) == outcomes(7) and outcomes(7) != outcomes(8)


# -- the crew, as CrewAI's template lays it out ---------------------------------------------------


def test_crew_methods_match_the_yaml_and_every_task_returns_a_model():
    from agents.crew import TASK_AGENT, StudioCrew
    from agents.fake import CompetentWriter
    from agents.llm import make_llm

    config = ROOT / "agents" / "config"
    agents_yaml = yaml.safe_load((config / "agents.yaml").read_text())
    tasks_yaml = yaml.safe_load((config / "tasks.yaml").read_text())
    assert set(agents_yaml) == {"writer", "actor", "shot_planner", "editor", "continuity_supervisor"}
    assert set(tasks_yaml) == set(TASK_AGENT)
    crew = StudioCrew(llm=make_llm(CompetentWriter()))
    for key in agents_yaml:
        assert getattr(crew, key)().role
    for key, spec in tasks_yaml.items():
        task = getattr(crew, key)()
        assert task.output_pydantic is not None and issubclass(task.output_pydantic, BaseModel)
        assert spec["agent"] == TASK_AGENT[key]
    assert len(crew.crew().tasks) == 8


def test_the_supervisor_calls_the_continuity_checker_as_a_tool(monkeypatch):
    from agents.crew import StudioCrew
    from agents.fake import CompetentWriter
    from agents.llm import make_llm
    from agents.models import RevisionNotes
    from agents.tools.continuity_tool import ContinuityCheckTool
    from continuity.bible.load import load_bible

    monkeypatch.setenv("STUDIO_EMBEDDER", "hashing")
    seen = []
    original = ContinuityCheckTool._run

    def spy(self, *args, **kwargs):
        out = original(self, *args, **kwargs)
        seen.append(json.loads(out))
        return out

    monkeypatch.setattr(ContinuityCheckTool, "_run", spy)
    crew = StudioCrew(llm=make_llm(CompetentWriter()), bible=load_bible(FERRY / "bible.yaml"))
    finding = {"id": "abc123", "message": "NELL's hair is 'red' here, but the bible says 'grey'", "text": "NELL's red hair"}
    notes = crew.run("review_task", number=1, title="T", findings=json.dumps([finding]),
                     scene="INT. HARBOUR OFFICE - DAWN\n\nNELL's red hair is wet.")
    assert isinstance(notes, RevisionNotes)
    assert notes.notes[0].finding == "abc123" and notes.notes[0].quote == "NELL's red hair"
    assert seen and seen[0]["summary"]["error"] >= 1  # the tool ran the real checker


def test_models_bound_what_a_model_may_write():
    from agents.models import Outline, SceneDraft, ShotPlan

    schema = json.dumps([m.model_json_schema() for m in (Outline, SceneDraft, ShotPlan)])
    assert '"maxLength"' in schema and '"maxItems"' in schema
    with pytest.raises(ValueError):
        SceneDraft.model_validate({"lines": [{"kind": "action", "text": "x" * 301}] * 2})
    with pytest.raises(ValueError):
        ShotPlan.model_validate({"shots": [{"size": "HUGE"}]})


def test_scene_from_draft_makes_parseable_fountain():
    from agents.models import PlannedScene, SceneDraft, heading_for, scene_from_draft
    from studio.generation.flow import build_script

    draft = SceneDraft.model_validate({"lines": [
        {"kind": "action", "text": "INT. NOT A HEADING - NIGHT"},
        {"kind": "dialogue", "character": "nell (v.o.)*", "parenthetical": "quietly", "text": "Go\x07 now."},
        {"kind": "action", "text": "> not a transition"},
    ]})
    heading = heading_for(PlannedScene(setting="EXT", location="ferry -- car deck", time="NIGHT", summary="x"))
    assert heading.text == "EXT. FERRY - CAR DECK - NIGHT"
    script = build_script("T", [scene_from_draft(1, heading, draft)])
    assert len(script.scenes) == 1
    kinds = [(e.kind.value, e.text) for e in script.scenes[0].elements]
    assert kinds[0] == ("action", "INT. NOT A HEADING - NIGHT")
    assert ("character", "NELL V.O.") in kinds and ("dialogue", "Go now.") in kinds
    assert kinds[-1] == ("action", "> not a transition")


def test_narrowed_models_hold_names_to_the_bible():
    from agents.models import (
        Outline,
        PieceFixes,
        ScenePieces,
        ShotPlan,
        fixes_model,
        outline_model,
        pieces_dict,
        pieces_model,
        shots_model,
    )

    M = outline_model(("NELL", "RORY"), ("HARBOUR OFFICE",), (2, 2))
    scene = {"setting": "INT", "location": "HARBOUR OFFICE", "time": "DAY", "characters": ["NELL"], "summary": "x"}
    assert isinstance(M.model_validate({"scenes": [scene, scene]}), Outline)
    assert M.model_json_schema()["title"] == "Outline"
    for bad in ({**scene, "location": "MOON"}, {**scene, "characters": ["NEL"]}):
        with pytest.raises(ValueError):
            M.model_validate({"scenes": [bad, bad]})
    with pytest.raises(ValueError):  # the treatment has two paragraphs: two scenes
        M.model_validate({"scenes": [scene]})
    P = pieces_model(2, ("NELL", "YOUNG MARA"))
    value = P.model_validate({"action": ["a b", "c d"], "dialogue": {"NELL": ["Go on."], "YOUNG MARA": []}})
    assert isinstance(value, ScenePieces) and P.model_json_schema()["title"] == "ScenePieces"
    assert pieces_dict(value) == {"action": ["a b", "c d"], "dialogue": {"NELL": ["Go on."], "YOUNG MARA": []}}
    for bad in ({"action": ["a b"], "dialogue": {"NELL": [], "YOUNG MARA": []}},           # one line per beat
                {"action": ["a b", "c d"], "dialogue": {"NELL": [], "BOB": ["Hi."]}},      # only the cast speaks
                {"action": ["a b", "c d"], "dialogue": {"NELL": ["1", "2", "3"], "YOUNG MARA": []}}):
        with pytest.raises(ValueError):
            P.model_validate(bad)
    F = fixes_model(1, ("NELL",))
    assert isinstance(F.model_validate({"action": ["x y"], "dialogue": {"NELL": ["Go."]}}), PieceFixes)
    with pytest.raises(ValueError):  # a character sent back must get a line
        F.model_validate({"action": ["x y"], "dialogue": {"NELL": []}})
    S = shots_model(("NELL",))
    assert isinstance(S.model_validate({"shots": [{"size": "CU", "subjects": [{"name": "NELL"}]}]}), ShotPlan)
    with pytest.raises(ValueError):
        S.model_validate({"shots": [{"size": "CU", "subjects": [{"name": "TAM"}]}]})


def test_tighten_schema_caps_but_never_loosens():
    from agents.llm import tighten_schema
    from agents.models import SceneDraft

    schema = SceneDraft.model_json_schema()
    tight = tighten_schema(schema, {"maxLength": 50, "maxItems": 8})
    line = tight["$defs"]["Line"]["properties"]
    assert line["text"]["maxLength"] == 50 and line["parenthetical"]["maxLength"] == 40
    assert tight["properties"]["lines"]["maxItems"] == 8 and tight["properties"]["lines"]["minItems"] == 1
    assert "maxLength" not in line["kind"]  # enums are left alone
    assert tighten_schema(schema, None) is schema


def test_repeated_lines_are_kept_once():
    from agents.models import PlannedScene, SceneDraft, heading_for, scene_from_draft

    draft = SceneDraft.model_validate({"lines": [
        {"kind": "action", "text": "The van rocks."}, {"kind": "action", "text": "The van  rocks."},
        {"kind": "dialogue", "character": "NELL", "text": "Hold it."},
        {"kind": "dialogue", "character": "RORY", "text": "Hold it."},
        {"kind": "dialogue", "character": "NELL", "text": "hold it."},
    ]})
    heading = heading_for(PlannedScene(setting="EXT", location="CAR DECK", time="DAY", summary="x"))
    texts = [(e.kind.value, e.text) for e in scene_from_draft(1, heading, draft).elements]
    assert texts == [("action", "The van rocks."), ("character", "NELL"), ("dialogue", "Hold it."),
                     ("character", "RORY"), ("dialogue", "Hold it.")]


def test_compact_prompts_keep_the_task_and_drop_crewais_boilerplate(tmp_path, monkeypatch):
    from agents.compact import CompactPrompts
    from agents.crew import StudioCrew, is_small
    from agents.fake import CompetentWriter, ScriptedBackend
    from agents.llm import make_llm

    monkeypatch.setenv("CREWAI_STORAGE_DIR", str(tmp_path))

    class Small(ScriptedBackend):
        schema_limits = {"maxLength": 200, "maxItems": 8}

    inner = Small([json.dumps({"line": "Hold the rail."})])
    crew = StudioCrew(llm=make_llm(CompactPrompts(inner)))
    assert is_small(crew.llm) and not is_small(make_llm(CompetentWriter()))
    value = crew.run("line_task", speaker="NELL", persona="Skipper of the ferry.", listener="RORY",
                     scene="Ferry - Car Deck, morning. A squall comes in.", hint="")
    assert value.line == "Hold the rail."
    system, user = inner.calls[0][0]
    assert system == {"role": "system", "content": "You are NELL. Speak in the first person."}
    assert user["content"] == "Ferry - Car Deck, morning. A squall comes in.\nWhat do you say to RORY?"
    assert inner.calls[0][1]["title"] == "Speech"  # the schema still reaches the grammar


def test_one_thread_runs_every_call_on_the_same_thread():
    import threading

    from agents.compact import OneThread
    from agents.fake import ScriptedBackend

    seen = []
    inner = ScriptedBackend([lambda m, s: seen.append(threading.get_ident()) or "{}"] * 3)
    one = OneThread(inner)
    threads = [threading.Thread(target=one.complete, args=([], None, 5)) for _ in range(3)]
    for t in threads:
        t.start()
        t.join()
    assert len(seen) == 3 and len(set(seen)) == 1 and seen[0] != threading.get_ident()
    one.close()


def test_treatment_paragraphs():
    from continuity.treatment.facts import treatment_paragraphs

    text = "# Title\n\n*A logline\nin italics.*\n\nFirst\nbeat.\n\n---\n\n**Act Two.** Second beat.\n\n_also logline_\n"
    assert treatment_paragraphs(text) == ["First beat.", "**Act Two.** Second beat."]
    assert len(treatment_paragraphs((FERRY / "treatment.md").read_text())) == 6


def test_a_failing_remote_call_is_a_clear_error(monkeypatch):
    from agents.llm import ModelCallError, RemoteBackend

    backend = RemoteBackend("ollama/llama3.2")

    def boom(*a, **k):
        raise ConnectionError("connection refused")

    monkeypatch.setattr(backend._llm, "call", boom)
    with pytest.raises(ModelCallError, match="ollama/llama3.2: ConnectionError: connection refused"):
        backend.complete([{"role": "user", "content": "hi"}], None, 10)
