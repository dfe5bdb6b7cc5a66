"""Tests for agents.jsonparse: reading the JSON a model meant to write."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agents.jsonparse import JSONRecoveryError, loads_tolerant


@pytest.mark.parametrize(
    "text, expected",
    [
        ('{"a": 1}', {"a": 1}),
        ("[1, 2, 3]", [1, 2, 3]),
        ("  \n{\"a\": [true, null]}\n ", {"a": [True, None]}),
        ('"just a string"', "just a string"),
        ("42", 42),
        ("\ufeff{\"bom\": 1}", {"bom": 1}),
    ],
)
def test_plain_json(text, expected):
    assert loads_tolerant(text) == expected


def test_fenced_json():
    text = 'Here you go:\n```json\n{"scene": 3, "ok": true}\n```\nAnything else?'
    assert loads_tolerant(text) == {"scene": 3, "ok": True}


def test_fence_without_language_tag():
    assert loads_tolerant('```\n[{"x": 1}]\n```') == [{"x": 1}]


def test_fence_is_preferred_over_braces_in_prose():
    text = 'Use {placeholders} like this:\n```json\n{"real": true}\n```'
    assert loads_tolerant(text) == {"real": True}


def test_json_after_prose():
    assert loads_tolerant('Sure! The result is {"name": "ANNA", "age": 31}. Hope it helps.') == {
        "name": "ANNA",
        "age": 31,
    }


def test_json_after_final_answer():
    text = (
        'Thought: I looked at {scene 3} and the {"draft": 1} notes.\n'
        'Final Answer: {"findings": [{"id": "f1", "severity": "high"}]}'
    )
    assert loads_tolerant(text) == {"findings": [{"id": "f1", "severity": "high"}]}


def test_prose_braces_are_skipped():
    assert loads_tolerant('The {name} tag and [sic] then {"a": 2}') == {"a": 2}


def test_strings_with_brackets_and_quotes_inside():
    value = {"line": 'She said "}" and left {', "list": ["]", "[", "{"]}
    assert loads_tolerant("note: " + json.dumps(value) + " end") == value


def test_trailing_commas():
    assert loads_tolerant('{"a": [1, 2, 3,], "b": {"c": 1,},}') == {"a": [1, 2, 3], "b": {"c": 1}}


def test_trailing_comma_inside_string_is_kept():
    assert loads_tolerant('{"a": "x,}", "b": [1,],}') == {"a": "x,}", "b": [1]}


def test_python_literals():
    assert loads_tolerant('{"a": True, "b": False, "c": None}') == {"a": True, "b": False, "c": None}


def test_python_literals_inside_strings_unchanged():
    assert loads_tolerant('{"a": "True or None", "b": True,}') == {"a": "True or None", "b": True}


def test_identifiers_that_merely_start_like_literals_are_not_rewritten():
    with pytest.raises(JSONRecoveryError):
        loads_tolerant('{"a": Nonesuch}')


def test_single_quotes():
    assert loads_tolerant("{'a': 'it\\'s', 'b': ['x', \"y\"], 'c': 'say \"hi\"'}") == {
        "a": "it's",
        "b": ["x", "y"],
        "c": 'say "hi"',
    }


def test_python_dict_repr_round_trips():
    value = {"name": "O'Brien", "flags": [True, False, None], "n": 3}
    assert loads_tolerant(repr(value)) == value


def test_apostrophe_in_prose_does_not_start_a_string():
    assert loads_tolerant('I can\'t say {"a": 1} isn\'t it') == {"a": 1}


def test_raw_newline_inside_string_is_accepted():
    assert loads_tolerant('{"text": "line one\nline two"}') == {"text": "line one\nline two"}


@pytest.mark.parametrize(
    "text",
    [
        '{"findings": [{"id": "f1", "note": "the door is',
        '{"a": 1, "b": [1, 2',
        'Final Answer: {"a": {"b": ',
        "```json\n[1, 2,",
        '```json\n{"x"',
        "```json\n",
        "{",
        "[",
        'Here it is: [{"a": 1}, {"b"',
    ],
)
def test_truncated_json_is_reported_not_repaired(text):
    with pytest.raises(JSONRecoveryError) as info:
        loads_tolerant(text)
    assert info.value.truncated is True
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "I could not find any continuity problems.",
        "The {name} placeholder is fine.",
        '{"a": 1 "b": 2}',
        "{not json at all}",
    ],
)
def test_no_json_is_not_truncated(text):
    with pytest.raises(JSONRecoveryError) as info:
        loads_tolerant(text)
    assert info.value.truncated is False


def test_broken_outer_object_does_not_yield_inner_one():
    # Returning {"b": 1} would silently drop the rest of the answer.
    with pytest.raises(JSONRecoveryError):
        loads_tolerant('{"a": {"b": 1}, oops}')


def test_first_complete_value_wins_over_later_truncated_one():
    assert loads_tolerant('{"a": 1} and then {"b": ') == {"a": 1}


def test_non_string_input_is_a_type_error():
    with pytest.raises(TypeError):
        loads_tolerant(b'{"a": 1}')  # type: ignore[arg-type]


def test_error_message_is_short_and_says_why():
    with pytest.raises(JSONRecoveryError, match="cut off"):
        loads_tolerant('{"a": "' + "x" * 500)
    with pytest.raises(JSONRecoveryError) as info:
        loads_tolerant("nothing here " * 100)
    assert len(str(info.value)) < 200


_keys = st.text(min_size=0, max_size=12)
_scalars = st.one_of(st.text(max_size=30), st.integers(min_value=-(10**12), max_value=10**12))
_values = st.one_of(_scalars, st.lists(_scalars, max_size=5))
_dicts = st.dictionaries(_keys, _values, max_size=6)


@settings(max_examples=200, deadline=None)
@given(_dicts, st.booleans())
def test_round_trip_plain(value, indent):
    assert loads_tolerant(json.dumps(value, indent=2 if indent else None)) == value


@settings(max_examples=200, deadline=None)
@given(
    _dicts,
    st.sampled_from(["Here is the answer: {}", "```json\n{}\n```", "Thought: done.\nFinal Answer: {}", "Sure!\n\n{}\n\nBye."]),
    st.booleans(),
)
def test_round_trip_wrapped(value, wrapper, ensure_ascii):
    text = wrapper.replace("{}", json.dumps(value, ensure_ascii=ensure_ascii))
    assert loads_tolerant(text) == value


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.text(min_size=1, max_size=8), st.lists(st.integers(), min_size=1, max_size=4), min_size=1))
def test_cut_off_json_is_truncated(value):
    text = json.dumps(value)
    # Every proper prefix that still holds the opening brace is cut-off JSON.
    for end in range(1, len(text) - 1):
        with pytest.raises(JSONRecoveryError) as info:
            loads_tolerant(text[:end])
        assert info.value.truncated is True, text[:end]


def test_cut_off_final_answer_beats_complete_draft_in_thought():
    text = 'Thought: a draft {"draft": 1}\nFinal Answer: {"findings": [{"id": "f1"'
    with pytest.raises(JSONRecoveryError) as info:
        loads_tolerant(text)
    assert info.value.truncated is True


def test_many_stray_openers_stay_fast():
    import time

    text = "{x " * 20_000 + '{"a": 1}'
    started = time.perf_counter()
    with pytest.raises(JSONRecoveryError):
        loads_tolerant(text)
    assert time.perf_counter() - started < 5
