"""The bible: YAML loading with key paths and lines, validation, lookups, facts.

Golden files live in ``tests/files/bible/``: ``invalid/NAME.yaml`` beside
``NAME.error`` (the one-line message), ``valid/NAME.yaml`` beside
``NAME.expected.yaml`` (``to_yaml()`` plus the facts as comments). Regenerate with
``STUDIO_REGEN_GOLDEN=1 pytest tests/test_bible.py`` and review the diff.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from continuity.bible.dump import dump_bible
from continuity.bible.load import load_bible, parse_bible
from continuity.bible.model import Bible, Character, Fact, Location, Prop, SceneRange, Style, WardrobeItem
from continuity.errors import BibleError, InputError, StudioError

FILES = Path(__file__).parent / "files" / "bible"
REGEN = os.environ.get("STUDIO_REGEN_GOLDEN") == "1"
INVALID = sorted((FILES / "invalid").glob("*.yaml"))
VALID = sorted(p for p in (FILES / "valid").glob("*.yaml") if not p.name.endswith(".expected.yaml"))

LIGHTHOUSE = """\
title: The Lighthouse
characters:
  - name: MARA
    aliases: [Mara Quinn]
    description: wiry, 30s, restless
    attributes: {hair: red, eyes: green, age: 30s}
    wardrobe: [{item: green oilskin coat, scenes: "1-4"}]
locations:
  - name: LIGHTHOUSE - LANTERN ROOM
    aliases: []
    description: glass on all sides
    attributes: {door: blue}
  - name: LIGHTHOUSE
props:
  - name: brass compass
    aliases: [compass]
    description: dented
    attributes: {}
style:
  palette: ["#0b1d3a", "#c8a24a"]
  aspect_ratio: 2.39
  tone: sparse, present tense
"""


def _check_golden(expected: Path, got: str) -> None:
    if REGEN or not expected.exists():
        expected.write_text(got, encoding="utf-8")
        if not REGEN:
            pytest.fail(f"{expected.name} was missing and has been written: review it")
    assert got == expected.read_text(encoding="utf-8")


# -- golden files -----------------------------------------------------------------


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_bible_golden(path: Path):
    with pytest.raises(BibleError) as info:
        parse_bible(path.read_text(encoding="utf-8"), source=path.name)
    message = str(info.value)
    assert "\n" not in message
    assert re.match(rf"{re.escape(path.name)}:\d+: ", message), message
    expected = path.with_suffix(".error")
    if not yaml.__with_libyaml__ and expected.exists() and "invalid YAML:" in message:
        # The pure-Python parser words syntax errors differently; the line is the same.
        head = lambda m: m.split("invalid YAML:")[0]  # noqa: E731
        assert head(message) == head(expected.read_text(encoding="utf-8"))
        return
    _check_golden(expected, message + "\n")


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_bible_golden(path: Path):
    b = load_bible(path)
    facts = "".join(f"# {f.path} | {f.sentence}\n" for f in b.facts())
    got = dump_bible(b) + ("# facts:\n" + facts if facts else "")
    _check_golden(path.with_name(path.stem + ".expected.yaml"), got)
    assert parse_bible(dump_bible(b)) == b


def test_golden_folders_are_not_empty():
    assert len(INVALID) >= 20 and len(VALID) >= 3


# -- the brief's example, piece by piece ------------------------------------------


def test_example_bible_loads_and_normalises():
    b = parse_bible(LIGHTHOUSE, source="bible.yaml")
    assert b.title == "The Lighthouse"
    mara = b.characters[0]
    assert mara.name == "MARA" and mara.aliases == ["Mara Quinn"]
    assert mara.attributes == {"hair": "red", "eyes": "green", "age": "30s"}
    assert mara.wardrobe[0].scenes.contains(4) and not mara.wardrobe[0].scenes.contains(5)
    assert b.style.palette == ["#0b1d3a", "#c8a24a"]
    assert b.style.aspect_ratio == pytest.approx(2.39)


def test_names_and_attributes_are_normalised():
    b = parse_bible(
        """
        characters:
          - name: "  mara   quinn "
            attributes: {Hair Colour: Red, AGE: 30, glasses: yes, height: 1.7}
        locations:
          - name: "lighthouse  -  lantern room"
        props:
          - name: " Brass  Compass "
        """
    )
    c = b.characters[0]
    assert c.name == "MARA QUINN"
    assert c.attributes == {"hair colour": "Red", "age": "30", "glasses": "yes", "height": "1.7"}
    assert b.locations[0].name == "LIGHTHOUSE - LANTERN ROOM"
    assert b.props[0].name == "Brass Compass"


def test_style_values():
    b = parse_bible('style: {palette: ["#ABC", "0b1d3a"], aspect_ratio: "16:9", tone: " quiet "}')
    assert b.style.palette == ["#aabbcc", "#0b1d3a"]
    assert b.style.aspect_ratio == pytest.approx(16 / 9)
    assert b.style.tone == "quiet"
    for ratio, value in (("2.39:1", 2.39), ("1.85", 1.85), (2, 2.0), ("4/3", 4 / 3)):
        assert Style(aspect_ratio=ratio).aspect_ratio == pytest.approx(value)


@pytest.mark.parametrize("ratio", ["-1", '"0:1"', '"16:0"', "wide", "true", ".nan", ".inf", "[2]"])
def test_bad_aspect_ratios(ratio):
    with pytest.raises(BibleError, match=r"^<string>:2: style\.aspect_ratio: "):
        parse_bible(f"style:\n  aspect_ratio: {ratio}\n")


# -- scene ranges ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "inside", "outside", "text"),
    [
        ("1-4", [1, 2, 4], [0, 5], "1-4"),
        ("1-4, 7, 9-", [1, 4, 7, 9, 500], [5, 6, 8], "1-4, 7, 9-"),
        (7, [7], [6, 8], "7"),
        ([3, 1, 2, 9], [1, 2, 3, 9], [4, 8], "1-3, 9"),
        (["2-3", 5], [2, 3, 5], [1, 4], "2-3, 5"),
        (" 5 .. 6 ,8", [5, 6, 8], [7], "5-6, 8"),
        ("all", [1, 99], [0], "1-"),
        ("3-5, 4-9", [3, 9], [2, 10], "3-9"),
    ],
)
def test_scene_range(spec, inside, outside, text):
    r = SceneRange.parse(spec)
    assert all(r.contains(i) for i in inside)
    assert not any(r.contains(i) for i in outside)
    assert str(r) == text
    assert SceneRange.parse(str(r)) == r


@pytest.mark.parametrize("spec", ["", "0", "4-1", "one", "1-2-3", "1,,2", [], [True], ["x"], True, None, 1.5, {}])
def test_scene_range_errors(spec):
    with pytest.raises(ValueError):
        SceneRange.parse(spec)


def test_scene_ranges_take_the_scripts_own_numbers():
    r = SceneRange.parse("1-4A, 12-")
    assert str(r) == "1-4A, 12-" and SceneRange.parse(str(r)) == r
    assert r.contains(5, "4A") and r.contains(9, "4") and not r.contains(6, "4B") and not r.contains(7, "5")
    assert r.contains(40, "12") and r.contains(41, "12A") and not r.contains(30, "11")
    assert r.describe() == "scenes 1 to 4A and 12 onwards"
    assert SceneRange.parse("4a").contains(5, "4A") and not SceneRange.parse("4A").contains(4)
    with pytest.raises(ValueError):
        SceneRange.parse("4B-4A")


def test_story_days_in_the_bible_and_beside_the_script(tmp_path):
    from continuity.bible.story_days import load_story_days, sidecar_for, story_days_beside
    from continuity.errors import InputError

    bible = parse_bible("story_days:\n  12: d5\n  4A: FB2\n")
    assert bible.story_days == {"12": "D5", "4A": "FB2"} and parse_bible(dump_bible(bible)) == bible
    with pytest.raises(BibleError, match=r":2: story_days.12: story day 'tuesday'"):
        parse_bible("story_days:\n  12: tuesday\n")
    script = tmp_path / "draft.fountain"
    assert sidecar_for(script).name == "draft.story.yaml" and story_days_beside(script) == {}
    sidecar_for(script).write_text("story_days:\n  40A: N3\n")
    assert story_days_beside(script) == {"40A": "N3"}
    bad = tmp_path / "bad.yaml"
    bad.write_text("days: {1: D1}\n")
    with pytest.raises(InputError, match="expected one key, story_days"):
        load_story_days(bad)


def test_scene_range_words():
    assert SceneRange.parse("1-4, 7, 9-").describe() == "scenes 1 to 4, 7 and 9 onwards"
    assert SceneRange.parse(3).describe() == "scene 3"
    assert SceneRange.parse("5-").describe() == "scene 5 onwards"
    assert SceneRange.all().describe() == "every scene" and SceneRange.all().is_all


def test_wardrobe_scenes_default_to_every_scene_and_serialise_as_text():
    w = WardrobeItem(item="red scarf")
    assert w.scenes.is_all and w.scenes.contains(1000)
    b = Bible(characters=[Character(name="ann", wardrobe=[{"item": "coat", "scenes": [1, 2, 3]}])])
    dumped = b.model_dump(mode="json", exclude_none=True)
    assert dumped["characters"][0]["wardrobe"][0]["scenes"] == "1-3"
    json.dumps(dumped)  # the CLI prints this


# -- errors: key path and line -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("characters:\n  - name: MARA\n    atributes:\n      hair: red\n", "b.yaml:3: characters[0].atributes: "),
        ("characters:\n  - name: MARA\n  - name: TOM\n    aliases: [Tommy, Mara]\n", "b.yaml:4: characters[1].aliases[1]: "),
        ('style:\n  palette:\n    - "#fff"\n    - "#ggg"\n', "b.yaml:4: style.palette[1]: "),
        ("characters:\n- name: A\n- name: B\n  wardrobe:\n  - item: x\n  - item: y\n    scenes: 9-2\n", "b.yaml:7: characters[1].wardrobe[1].scenes: "),
        ("title: x\n\n\nprops:\n  - name: a\n  - description: no name\n", "b.yaml:6: props[1]: an entry needs a name"),
    ],
)
def test_error_names_path_and_line(text, expected):
    with pytest.raises(BibleError) as info:
        parse_bible(text, source="b.yaml")
    assert str(info.value).startswith(expected), str(info.value)


def test_unknown_key_suggests_and_lists_allowed_keys():
    with pytest.raises(BibleError) as info:
        parse_bible("characters:\n  - name: MARA\n    descripton: wiry\n")
    msg = str(info.value)
    assert "did you mean 'description'" in msg and "allowed: name, aliases" in msg


def test_several_errors_are_counted():
    with pytest.raises(BibleError, match=r"\(and 2 more errors\)$"):
        parse_bible("characters:\n  - name: A\n    introduced_scene: 0\n    introduced_line: -1\nstyle:\n  aspect_ratio: 0\n")


def test_unquoted_colour_gets_a_hint():
    with pytest.raises(BibleError, match="quote colours"):
        parse_bible("style:\n  palette: [#0b1d3a, #ffffff]\n")


@pytest.mark.parametrize(
    "text",
    [
        "a: &a [*a]\n",  # recursive alias
        "[" * 3000,  # deep nesting
        "".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" if i else "l0: &l0 [1, 2, 3, 4, 5, 6, 7, 8, 9]\n" for i in range(8)),
        "title: \x07\n",
        "? [a, b]\n: c\n",
        "title: !custom x\n",
        "characters: !!set {a, b}\n",
    ],
)
def test_hostile_yaml_is_a_bible_error(text):
    with pytest.raises(BibleError, match=r"^<string>:\d+: "):
        parse_bible(text)


def test_builds_on_libyaml_when_available():
    from continuity.bible import load as bible_yaml

    assert bible_yaml._YamlLoader is getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    assert issubclass(bible_yaml._YamlLoader, yaml.SafeLoader) or bible_yaml._YamlLoader.__name__ == "CSafeLoader"


# -- files ---------------------------------------------------------------------------


def test_load_bible_names_the_file(tmp_path):
    path = tmp_path / "bible.yaml"
    path.write_text("title: X\ncharacters:\n  - name: A\n    wardrobee: [coat]\n", encoding="utf-8")
    with pytest.raises(BibleError, match=rf"^{re.escape(str(path))}:4: characters\[0\]\.wardrobee: unknown key"):
        load_bible(path)
    assert load_bible(str(FILES / "valid" / "minimal.yaml")).title == "Untitled"


def test_file_level_problems_are_input_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_bible(tmp_path / "missing.yaml")
    with pytest.raises(InputError, match="is a directory"):
        load_bible(tmp_path)
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes("title: caf\xe9\n".encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        load_bible(bad)


def test_bom_and_utf16_files(tmp_path):
    for i, data in enumerate((b"\xef\xbb\xbftitle: Caf\xc3\xa9\n", "title: Café\n".encode("utf-16"))):
        path = tmp_path / f"b{i}.yaml"
        path.write_bytes(data)
        assert load_bible(path).title == "Café"


# -- lookups -------------------------------------------------------------------------


def test_character_lookup_by_name_or_alias_any_case():
    b = parse_bible(LIGHTHOUSE)
    assert b.character("mara").name == "MARA"
    assert b.character("MARA QUINN").name == "MARA"
    assert b.character("  mara   quinn ").name == "MARA"
    assert b.character("TOM") is None


def test_location_lookup_and_sub_locations():
    b = parse_bible(LIGHTHOUSE)
    assert b.location("lighthouse - lantern room").name == "LIGHTHOUSE - LANTERN ROOM"
    assert b.location("LIGHTHOUSE -- LANTERN ROOM").name == "LIGHTHOUSE - LANTERN ROOM"
    assert b.location("LANTERN ROOM") is None
    names = lambda h: [loc.name for loc in b.locations_for(h)]  # noqa: E731
    assert names("LIGHTHOUSE - LANTERN ROOM") == ["LIGHTHOUSE - LANTERN ROOM", "LIGHTHOUSE"]
    assert names("LIGHTHOUSE - STAIRS - LANDING") == ["LIGHTHOUSE"]
    assert names("LIGHTHOUSE") == ["LIGHTHOUSE"]
    assert names("LIGHTHOUSE KEEPER'S COTTAGE") == []
    assert names("HARBOUR") == []


def test_location_alias_covers_sub_locations():
    b = Bible(locations=[Location(name="LIGHTHOUSE", aliases=["THE TOWER"])])
    assert [loc.name for loc in b.locations_for("THE TOWER - STAIRS")] == ["LIGHTHOUSE"]


def test_prop_lookup():
    b = parse_bible(LIGHTHOUSE)
    assert b.prop("Compass").name == "brass compass"
    assert b.prop("the brass compass").name == "brass compass"
    assert b.prop("lantern") is None


# -- facts ---------------------------------------------------------------------------


def test_facts_paths_and_sentences():
    facts = {f.path: f for f in parse_bible(LIGHTHOUSE).facts()}
    hair = facts["characters.MARA.attributes.hair"]
    assert hair == Fact("characters.MARA.attributes.hair", "character", "MARA", "hair", "red", "MARA's hair is red.")
    assert facts["characters.MARA.attributes.eyes"].sentence == "MARA's eyes are green."
    w = facts["characters.MARA.wardrobe[0]"]
    assert (w.attribute, w.value) == ("wardrobe", "green oilskin coat")
    assert w.sentence == "MARA wears a green oilskin coat in scenes 1 to 4."
    assert facts["characters.MARA.description"].sentence == "MARA, wiry, 30s, restless."
    door = facts["locations.LIGHTHOUSE - LANTERN ROOM.attributes.door"]
    assert (door.kind, door.subject, door.value) == ("location", "LIGHTHOUSE - LANTERN ROOM", "blue")
    prop = facts["props.brass compass"]
    assert (prop.kind, prop.attribute, prop.sentence) == ("prop", "prop", "The brass compass: dented.")
    assert facts["style.palette"].value == "#0b1d3a, #c8a24a"
    assert facts["style.aspect_ratio"].sentence == "The aspect ratio is 2.39:1."
    assert facts["style.tone"].kind == "style"
    assert len(facts) == len(parse_bible(LIGHTHOUSE).facts())  # paths are unique


def test_facts_are_frozen_and_empty_bible_has_none():
    assert Bible.empty().facts() == []
    f = parse_bible(LIGHTHOUSE).facts()[0]
    with pytest.raises(AttributeError):
        f.value = "x"  # type: ignore[misc]


# -- writing -------------------------------------------------------------------------


def test_to_yaml_round_trips_and_is_tidy():
    b = parse_bible(LIGHTHOUSE)
    text = dump_bible(b)
    assert parse_bible(text) == b
    assert "aliases: []" not in text and "null" not in text and "attributes: {}" not in text
    assert dump_bible(Bible.empty()).strip() == "{}"
    assert parse_bible(dump_bible(Bible.empty())) == Bible.empty()


def test_to_yaml_keeps_tricky_strings_as_text():
    b = Bible(
        title="1984",
        characters=[Character(name="yes", description="no", attributes={"age": "30", "null": "~"}, introduced_scene=3)],
        props=[Prop(name="#hash: tag", description="line one\nline two")],
    )
    assert parse_bible(dump_bible(b)) == b


def test_models_are_immutable_and_strict():
    b = parse_bible(LIGHTHOUSE)
    with pytest.raises(Exception):
        b.title = "x"  # type: ignore[misc]
    with pytest.raises(Exception):
        Character(name="A", hair="red")  # type: ignore[call-arg]


# -- fuzz ----------------------------------------------------------------------------

_KEYS = st.sampled_from(
    ["title", "characters", "locations", "props", "style", "name", "aliases", "description", "attributes",
     "wardrobe", "item", "scenes", "palette", "aspect_ratio", "tone", "introduced_scene", "hair", "x"]
)
_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 10**20), st.floats(allow_nan=True), st.text(max_size=12),
    st.sampled_from(["1-4", "9-", "#fff", "#0b1d3a", "16:9", "0", "4-1", "MARA", "mara"]),
)
_TREES = st.recursive(
    _SCALARS,
    lambda kids: st.one_of(st.lists(kids, max_size=4), st.dictionaries(_KEYS, kids, max_size=5)),
    max_leaves=25,
)


_ENTITY = st.fixed_dictionaries(
    {},
    optional={
        "name": st.one_of(_SCALARS, st.sampled_from(["MARA", "mara", "Tom", "LIGHTHOUSE - ROOM"])),
        "aliases": st.lists(st.sampled_from(["MARA", "tom", "x", "Y", ""]), max_size=3),
        "attributes": st.dictionaries(st.text(max_size=5), _SCALARS, max_size=3),
        "wardrobe": st.lists(st.dictionaries(st.sampled_from(["item", "scenes", "bad"]), _SCALARS, max_size=3), max_size=2),
        "description": _SCALARS,
        "introduced_scene": _SCALARS,
    },
)
_BIBLES = st.fixed_dictionaries(
    {},
    optional={
        "title": _SCALARS,
        "characters": st.lists(_ENTITY, max_size=4),
        "locations": st.lists(_ENTITY, max_size=3),
        "props": st.lists(_ENTITY, max_size=3),
        "style": st.fixed_dictionaries({}, optional={"palette": st.lists(_SCALARS, max_size=3), "aspect_ratio": _SCALARS}),
    },
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_fuzz_random_text(text):
    try:
        parse_bible(text)
    except StudioError:
        pass


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.dictionaries(_KEYS, _TREES, max_size=5), _BIBLES))
def test_fuzz_random_yaml_trees(tree):
    try:
        b = parse_bible(yaml.safe_dump(tree, allow_unicode=True))
    except StudioError as exc:
        assert "\n" not in str(exc)
        return
    assert parse_bible(dump_bible(b)) == b
    b.facts()


def test_unquoted_ratio_is_not_base_60():
    b = parse_bible("style:\n  aspect_ratio: 16:9\n")
    assert b.style.aspect_ratio == pytest.approx(16 / 9)
    assert "aspect_ratio: '16:9'" in dump_bible(b)
    assert parse_bible(dump_bible(b)) == b


def test_a_huge_aspect_ratio_round_trips():
    """Found by the fuzz test: 8.98e307 times 32 is infinite, and ``round`` of it raised OverflowError."""
    b = parse_bible("style:\n  aspect_ratio: 8.98846567431158e+307\n")
    assert parse_bible(dump_bible(b)) == b
