"""What `studio generate` shows while it runs: every flow event in plain words, with counts that agree."""

from __future__ import annotations

import re

import pytest

from studio.generation.progress import describe
from tests.test_generate import FERRY, Tamper, _contradict, _fix_contradict, _run  # noqa: F401

JARGON = re.compile(r"permutation|\(s\)|\bUUID\b|\bpieces?\(|\bflow\b|_task\b|\bstate\b", re.IGNORECASE)


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("STUDIO_EMBEDDER", "hashing")
    monkeypatch.setenv("CREWAI_STORAGE_DIR", str(tmp_path / "crewai"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _shown(events):
    return [(describe(e), e) for e in events]


def test_every_event_of_a_run_with_revisions_repairs_and_review_reads_in_plain_words(env, tmp_path):
    # a contradiction fixed by revision (scene 2), one repaired at the cap (scene 3), and a bible the
    # treatment contradicts, so that something is left for review
    bible = tmp_path / "bible.yaml"
    bible.write_text((FERRY / "bible.yaml").read_text().replace("hair: grey", "hair: red"))
    _, events = _run(env, Tamper(scene=3, edit=_fix_contradict, times=99, fixes=True), bible=bible, max_attempts=1,
                     max_llm_calls=40)
    kinds = {e["event"] for e in events}
    assert {"start", "reading", "facts", "draft", "checked", "needs_review"} <= kinds, kinds
    for phrase, event in _shown(events):
        assert not phrase.fallback, f"no words for {event}"
        for text in (phrase.spinner, phrase.line):
            if text:
                assert not JARGON.search(text), text
                assert not re.search(r"\b1 (?:problems|scenes|shots|notes|pieces)\b|\b(?:[02-9]|\d\d+) (?:problem|scene|shot|note|piece)\b", text), text
    assert events[0]["event"] == "start"  # the run id and folder come first


@pytest.mark.parametrize("event, want", [
    ({"event": "checked", "scene": 2, "errors": 1, "fixed": 0, "first": "NELL's hair is red in the bible."},
     "Scene 2: 1 problem to fix, e.g. NELL's hair is red in the bible."),
    ({"event": "checked", "scene": 2, "errors": 0, "fixed": 2}, "Scene 2: agrees with the bible and the treatment (2 problems fixed)."),
    ({"event": "checked", "scene": 1, "errors": 2, "fixed": 3, "first": "TAM's line is not speech"},
     "Scene 1: 3 problems fixed, 2 still to fix, e.g. TAM's line is not speech."),
    ({"event": "needs_review", "scene": 4, "count": 1, "why": ""}, "Scene 4: 1 problem left for a person to review."),
    ({"event": "planned", "agent": "editor", "count": 6, "seconds": 300,
      "note": "the editor's plan left out or repeated scenes, so the scenes stay in story order"},
     "Plan: 6 scenes for about 5 min 00 s of screen time; the editor's plan left out or repeated scenes, so the scenes stay in story order."),
    ({"event": "planned", "agent": "shot_planner", "scene": 1, "count": 1}, "Scene 1: 1 shot planned."),
    ({"event": "facts", "count": 1}, "The treatment has 1 scene."),
])
def test_lines(event, want):
    assert describe(event).line == want


def test_spinners_say_who_is_doing_what_and_which_try():
    first = describe({"event": "draft", "scene": 3, "heading": "EXT. PIER - DUSK", "attempt": 1, "of": 4, "pieces": 5})
    assert first.spinner == "Scene 3 (EXT. PIER - DUSK): the writer is writing"
    again = describe({"event": "revise", "scene": 3, "heading": "EXT. PIER - DUSK", "attempt": 2, "of": 4, "pieces": 1})
    assert again.spinner == "Scene 3 (EXT. PIER - DUSK): the writer is rewriting 1 line that failed the checks (try 2 of 4)"


def test_the_start_line_names_the_run_the_folder_and_the_resume_command():
    line = describe({"event": "start", "run_id": "0d7fb958-aaaa", "out": "myrun/", "resumed": False,
                     "resume": "studio generate --resume 0d7fb958"}).line
    assert line.splitlines() == ["Run 0d7fb958, writing to myrun/",
                                 "  (if it stops or is interrupted, continue it with: studio generate --resume 0d7fb958)"]


def test_what_runs_before_the_start_line_imports_no_crewai():
    """The run is checked and announced before CrewAI is imported (several seconds), so the
    start line shows within the first second; keep those modules light."""
    import subprocess
    import sys

    code = ("import sys; import studio.generation.runs, studio.generation.progress, studio.generation.commands, agents.backend, continuity.bible.model; "
            "from agents.backend import check_spec; check_spec('fake'); "
            "print('crewai' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "False", out.stderr


def test_unknown_models_and_missing_keys_are_refused_before_anything_starts(monkeypatch):
    from agents.backend import check_spec
    from continuity.errors import InputError

    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    for spec, words in (("martian/model", "unknown model 'martian/model'"), ("gpt4", "unknown model 'gpt4'"),
                        ("openai/gpt-4o-mini", "needs an API key: set OPENAI_API_KEY")):
        with pytest.raises(InputError, match=re.escape(words)):
            check_spec(spec)
    assert check_spec(" embedded ") == "embedded" and check_spec("ollama/llama3") == "ollama/llama3"
