"""Shot lists: the JSON contract, normalisation, inherited times, and one-line errors."""

from __future__ import annotations

import json

import pytest
from conftest import EXAMPLE
from hypothesis import given, settings
from hypothesis import strategies as st

from continuity.errors import InputError
from continuity.visual.shots import (
    ANGLES,
    FACINGS,
    MOVEMENTS,
    POSITIONS,
    SIZES,
    SceneHeading,
    Shot,
    ShotList,
    ShotListError,
    Subject,
    dumps,
    to_dict,
)
from continuity.visual.shots_json import from_data, load_shots, parse_shots


def _doc(**shot) -> dict:
    base = {"scene": 1, "number": "1A", "size": "WS"}
    base.update(shot)
    return {"shots": [base]}


def test_example_shot_list():
    shots = load_shots(EXAMPLE / "shots.json")
    assert shots.title == "The Lighthouse" and len(shots.shots) >= 12
    assert len({s.scene for s in shots.shots}) >= 4
    assert shots.shot("3d").number == "3D"
    # scene 4 is CONTINUOUS from the NIGHT cliff path; scene 5 is a DAY flashback
    assert shots.time_of(shots.shot("4A")) == "NIGHT" and shots.time_of(shots.shot("5A")) == "DAY"
    assert shots.location_of(shots.shot("2A")) == "LIGHTHOUSE - LANTERN ROOM"
    assert shots.setting_of(shots.shot("2A")) == "INT" and shots.setting_of(shots.shot("1A")) == "EXT"
    assert any(s.crosses_line for s in shots.shots)


def test_run_folder_is_accepted(tmp_path):
    (tmp_path / "shots.json").write_text((EXAMPLE / "shots.json").read_text())
    assert load_shots(tmp_path) == load_shots(EXAMPLE / "shots.json")


def test_round_trip_is_exact():
    shots = load_shots(EXAMPLE / "shots.json")
    text = dumps(shots)
    assert parse_shots(text) == shots
    assert dumps(parse_shots(text)) == text
    assert json.loads(text) == to_dict(shots)
    assert text == (EXAMPLE / "shots.json").read_text(), "the example is kept in the canonical layout"


def test_defaults_and_aliases():
    doc = {
        "scenes": {"2": {"heading": "INT. KITCHEN - NIGHT"}},
        "shots": [{
            "scene": "2", "number": 7, "size": "close-up", "angle": "Eye Level", "movement": "Push-In",
            "lens": "35mm", "duration": 3, "subjects": [{"name": "mara  quinn", "position": "center", "facing": "screen left"}],
        }, {"scene": 2, "number": "7b", "size": "ews", "movement": "pull back", "angle": "bird's eye"}],
    }
    shots = from_data(doc)
    a, b = shots.shots
    assert (a.number, a.size, a.angle, a.movement, a.lens, a.duration) == ("7", "CU", "eye-level", "push in", 35, 3.0)
    assert a.subjects == (Subject("MARA QUINN", "centre", "left"),)
    assert (b.size, b.movement, b.angle, b.lens, b.description, b.crosses_line) == ("EWS", "pull out", "overhead", None, "", False)
    assert shots.scene(2) == SceneHeading(2, "INT. KITCHEN - NIGHT", "NIGHT", "KITCHEN", "INT")
    assert shots.time_of(a) == "NIGHT"


def test_time_inherits_through_continuous_and_shot_overrides():
    doc = {
        "scenes": {"1": {"heading": "EXT. A - NIGHT"}, "2": {"heading": "INT. B - CONTINUOUS"},
                   "3": {"heading": "INT. C - MOMENTS LATER"}, "4": {"heading": "INT. D"}},
        "shots": [{"scene": i, "number": str(i), "size": "MS"} for i in (1, 2, 3, 4)]
        + [{"scene": 1, "number": "9", "size": "MS", "time": "dawn"}],
    }
    shots = from_data(doc)
    assert [shots.time_of(s) for s in shots.shots] == ["NIGHT", "NIGHT", "NIGHT", None, "DAWN"]


def test_shot_list_without_scenes():
    shots = from_data(_doc(location="the harbour", time="DAY"))
    shot = shots.shots[0]
    assert shots.location_of(shot) == "THE HARBOUR" and shots.time_of(shot) == "DAY"
    assert shots.scene(1) is None and shots.setting_of(shot) is None


@pytest.mark.parametrize(
    "doc, expected",
    [
        (_doc(size="MEDUIM"), ["shots[0].size", "unknown shot size 'MEDUIM'", "MS"]),
        (_doc(lense=35), ["shots[0]", "unknown key 'lense'", "did you mean 'lens'"]),
        ({"shots": [{"scene": 1, "size": "WS"}]}, ["shots[0].number", "required"]),
        (_doc(movement="zoomies"), ["shots[0].movement", "unknown camera movement"]),
        (_doc(angle=12), ["shots[0].angle", "expected text"]),
        (_doc(subjects=[{"name": "A", "facing": "north"}]), ["shots[0].subjects[0].facing", "unknown facing 'north'"]),
        (_doc(subjects=[{"name": "A", "position": "top"}]), ["subjects[0].position", "screen position"]),
        (_doc(subjects=[{"name": "A"}, {"name": "a"}]), ["shots[0].subjects[1].name", "twice"]),
        (_doc(subjects="MARA"), ["shots[0].subjects", "expected a list"]),
        (_doc(lens=3.5), ["shots[0].lens", "focal length"]),
        (_doc(lens=0), ["shots[0].lens", "out of range"]),
        (_doc(duration=-1), ["shots[0].duration", "between 0 and 3600"]),
        (_doc(duration="4s"), ["shots[0].duration", "expected a duration"]),
        (_doc(crosses_line="yes"), ["shots[0].crosses_line", "true or false"]),
        (_doc(time="teatime"), ["shots[0].time", "unknown time of day"]),
        (_doc(scene=0), ["shots[0].scene", "start at 1"]),
        (_doc(number="3/A"), ["shots[0].number", "letters and digits"]),
        (_doc(number=True), ["shots[0].number", "shot number"]),
        ({"shots": [{"scene": 1, "number": "1", "size": "WS"}, {"scene": 1, "number": "1", "size": "CU"}]},
         ["shots[1].number", "used twice"]),
        ({"scenes": {"1": {"heading": "INT. A - DAY"}}, "shots": [{"scene": 2, "number": "1", "size": "WS"}]},
         ["shots[0].scene", "scene 2 is not in"]),
        ({"scenes": {"one": {"heading": "INT. A - DAY"}}, "shots": [{"scene": 1, "number": "1", "size": "WS"}]},
         ["scenes.one", "scene number"]),
        ({"scenes": {"1": {"heading": "INT. A", "mood": "grim"}}, "shots": [{"scene": 1, "number": "1", "size": "WS"}]},
         ["scenes.1", "unknown key 'mood'"]),
        ({"shots": []}, ["shots", "no shots"]),
        ({"version": 2, "shots": [{"scene": 1, "number": "1", "size": "WS"}]}, ["version", "unsupported"]),
        ([{"scene": 1}], ["(top level)", "expected an object"]),
        ({"title": "x"}, ["shots", "required"]),
    ],
)
def test_errors_name_the_key(doc, expected):
    with pytest.raises(ShotListError) as exc:
        from_data(doc, source="shots.json")
    message = str(exc.value)
    assert message.startswith("shots.json")
    for part in expected:
        assert part in message, message
    assert "\n" not in message


def test_errors_give_the_line(tmp_path):
    text = '{\n  "shots": [\n    {"scene": 1, "number": "1", "size": "WS"},\n    {"scene": 1,\n     "number": "2",\n     "size": "HUGE"}\n  ]\n}\n'
    with pytest.raises(ShotListError, match=r"^x\.json:6: shots\[1\]\.size: unknown shot size 'HUGE'"):
        parse_shots(text, source="x.json")
    with pytest.raises(ShotListError, match=r"^x\.json:2: invalid JSON"):
        parse_shots('{"shots": [\n  {"scene": 1,}\n', source="x.json")


def test_file_problems_are_input_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_shots(tmp_path / "missing.json")
    with pytest.raises(InputError, match="without shots.json"):
        load_shots(tmp_path)
    bad = tmp_path / "bin.json"
    bad.write_bytes(b"\x00\x01\x02")
    with pytest.raises(InputError, match="binary"):
        load_shots(bad)


def test_nesting_bomb_is_a_clear_error():
    with pytest.raises(ShotListError):
        parse_shots("[" * 100_000 + "]" * 100_000)


_names = st.text(alphabet="ABCDEFGHIJ XYZ", min_size=1, max_size=12).map(lambda s: " ".join(s.split())).filter(bool)
_subjects = st.lists(
    st.builds(Subject, _names, st.sampled_from(POSITIONS), st.sampled_from(FACINGS)),
    max_size=4, unique_by=lambda s: s.name,
)
_shots = st.builds(
    Shot,
    scene=st.integers(1, 5),
    number=st.just("0"),
    size=st.sampled_from(SIZES),
    angle=st.sampled_from(ANGLES),
    movement=st.sampled_from(MOVEMENTS),
    lens=st.none() | st.integers(8, 600),
    duration=st.none() | st.floats(0.1, 600, allow_nan=False).map(lambda x: round(x, 2)),
    subjects=_subjects.map(tuple),
    description=st.text(max_size=40).map(lambda s: " ".join(s.split())),
    dialogue=st.none() | st.text(min_size=1, max_size=30).map(lambda s: " ".join(s.split()) or None),
    crosses_line=st.booleans(),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_shots, min_size=1, max_size=6), st.text(max_size=20).map(lambda s: " ".join(s.split())))
def test_any_shot_list_round_trips(shots, title):
    from dataclasses import replace

    numbered = tuple(replace(s, number=f"{i + 1}X") for i, s in enumerate(shots))
    original = ShotList(shots=numbered, title=title)
    assert parse_shots(dumps(original)) == original
