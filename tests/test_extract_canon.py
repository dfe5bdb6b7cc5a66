"""``studio bible extract`` from the audit's reading: wardrobe by scene range, key props, looks.

Also the appearance words an introduction uses ("bald", "braids", "7 year-old"),
and the command's refusal to overwrite a hand-edited bible without --force.
"""

from __future__ import annotations

import json

import pytest
from conftest import EXAMPLE

from continuity.api import audit, load_script, parse_script_text
from continuity.bible.dump import dump_bible
from continuity.bible.extract import extract_bible
from continuity.bible.load import parse_bible
from continuity.language.lexicon import appearance_in, values_conflict
from continuity.settings import Settings
from continuity.story.canon import extract_canon

INTROS = """\
INT. KITCHEN - DAY

A 7 year-old girl, LILY, eats cereal. Her father MARCUS, bald and tired, watches. JUNE, seven-year-old with braids, waves. KOFI (40s), a bald man in a grey suit, sits. AMIR, a twelve-year-old, hides.

LILY
Hi.

MARCUS
Hi.

JUNE
Hey.

KOFI
Yo.

AMIR
Ok.
"""

PHONE = """\
EXT. STREET - NIGHT

The car slides to the curb. RUTH (20s), in a red coat, gets out. Her phone buzzes. She checks her phone.

RUTH
Not now.

INT. FLAT - NIGHT

The slides of the projector click. Ruth drops her phone on the sofa. The phone buzzes again.

RUTH
Leave me alone.

INT. FLAT - LATER

Ruth grabs the phone and reads the message. She kicks the curb of the fireplace.
"""


@pytest.fixture
def hashing(monkeypatch):
    monkeypatch.setenv("STUDIO_EMBEDDER", "hashing")
    return Settings.load()


@pytest.mark.parametrize("text, attribute, value", [
    ("A 7 year-old girl", "age", "7"),
    ("a 7-year-old", "age", "7"),
    ("a seven-year-old", "age", "7"),
    ("Twenty-year old Don", "age", "20"),
    ("an eight-year old Will", "age", "8"),
    ("a thirty-five year old man", "age", "35"),
    ("bald and tired", "hair", "bald"),
    ("a bald-headed man", "hair", "bald"),
    ("her hair in two braids", "hairstyle", "braids"),
    ("braided hair", "hairstyle", "braids"),
    ("a ponytail", "hairstyle", "ponytail"),
])
def test_appearance_words(text, attribute, value):
    assert (attribute, value) in {(v.attribute, v.value) for v in appearance_in(text)}


@pytest.mark.parametrize("text", ["a bald spot on his crown", "four bald tyres", "the bald truth", "a seven-year itch"])
def test_not_appearance(text):
    assert not [v for v in appearance_in(text) if v.attribute in ("hair", "age", "hairstyle")]


def test_hairstyles_never_conflict_but_bald_does():
    assert not values_conflict("hairstyle", "braids", "ponytail")
    assert values_conflict("hair", "bald", "red")


def test_introductions_give_bald_braids_and_ages():
    bible = extract_bible(parse_script_text(INTROS))
    attrs = {c.name: c.attributes for c in bible.characters}
    assert attrs["LILY"] == {"age": "7"}
    assert attrs["MARCUS"] == {"hair": "bald"}
    assert attrs["JUNE"] == {"age": "7", "hairstyle": "braids"}
    assert attrs["KOFI"] == {"age": "40s", "hair": "bald"}
    assert attrs["AMIR"] == {"age": "12"}
    assert next(c for c in bible.characters if c.name == "LILY").description == "7 year-old girl"


def test_a_hairstyle_change_is_not_an_appearance_finding(hashing):
    script = parse_script_text(INTROS + "\nINT. KITCHEN - LATER\n\nJune, her hair now in a ponytail, waves again.\n\nJUNE\nBye.\n")
    report = audit(script, None, settings=hashing, checks=["appearance"])
    assert not [f for f in report.findings if f.subject and f.subject.endswith(".hairstyle")]


def test_wardrobe_by_scene_range_and_key_props(hashing):
    bible = extract_canon(load_script(EXAMPLE / "script.fountain"), settings=hashing)
    wardrobe = {c.name: [(w.item, str(w.scenes)) for w in c.wardrobe] for c in bible.characters}
    assert wardrobe["MARA"] == [("green oilskin coat", "1-5"), ("grey wool sweater", "6-")]
    assert wardrobe["ELI"] == [("navy peacoat", "1-")]
    assert wardrobe["TOM"] == [("red rain jacket", "3-")]  # the yellow one is the planted error, not canon
    props = [p.name for p in bible.props]
    assert {"brass compass", "logbook", "urn", "rucksack"} <= set(props)
    assert not {"jacket", "coat", "lens", "needle", "answer", "stair", "door"} & {p.split()[-1] for p in props}
    compass = next(p for p in bible.props if p.name == "brass compass")
    assert compass.aliases == ["compass"]
    mara = next(c for c in bible.characters if c.name == "MARA")
    assert mara.attributes["eyes"] == "green" and mara.attributes["hair"] == "red"
    assert parse_bible(dump_bible(bible)) == bible


def test_key_props_come_from_events_not_repeated_nouns(hashing):
    bible = extract_canon(parse_script_text(PHONE), settings=hashing)
    assert [p.name for p in bible.props] == ["phone"]
    ruth = next(c for c in bible.characters if c.name == "RUTH")
    assert [(w.item, str(w.scenes)) for w in ruth.wardrobe] == [("red coat", "1-")]


# -- the command ------------------------------------------------------------------------


@pytest.fixture
def script(tmp_path):
    path = tmp_path / "phone.fountain"
    path.write_text(PHONE, encoding="utf-8")
    return path


def test_refuses_to_overwrite_without_force(cli, script, tmp_path):
    out = tmp_path / "bible.yaml"
    out.write_text("title: hand edited\n", encoding="utf-8")
    code, stdout, err = cli("bible", "extract", script, "--out", out)
    assert code == 2 and stdout == ""
    assert "exists" in err and "--force" in err and err.strip().count("\n") == 0
    assert out.read_text(encoding="utf-8") == "title: hand edited\n"
    assert not list(tmp_path.glob("bible.yaml.bak-*"))


def test_force_keeps_a_backup(cli, script, tmp_path):
    out = tmp_path / "bible.yaml"
    out.write_text("title: hand edited\n", encoding="utf-8")
    code, _, err = cli("bible", "extract", script, "--out", out, "--force")
    assert code == 0
    backups = list(tmp_path.glob("bible.yaml.bak-*"))
    assert len(backups) == 1 and backups[0].read_text(encoding="utf-8") == "title: hand edited\n"
    said = " ".join(err.split())
    assert backups[0].name in said
    assert "1 character, 2 locations, 1 prop" in said
    bible = parse_bible(out.read_text(encoding="utf-8"))
    assert [p.name for p in bible.props] == ["phone"]


@pytest.mark.parametrize("args, message", [
    (("--out", "{tmp}/bible.txt"), "names no bible format"),
    (("--out", "{tmp}/bible.yaml", "--json"), "does not match"),
])
def test_out_extension_is_honoured(cli, script, tmp_path, args, message):
    code, _, err = cli("bible", "extract", script, *[a.format(tmp=tmp_path) for a in args])
    assert code == 2 and message in err
    assert not list(tmp_path.glob("bible*"))


def test_json_out(cli, script, tmp_path):
    out = tmp_path / "bible.json"
    code, _, _ = cli("bible", "extract", script, "--out", out)
    assert code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [p["name"] for p in data["props"]] == ["phone"]
    assert data["characters"][0]["wardrobe"] == [{"item": "red coat", "scenes": "1-"}]


LIFE = """INT. NURSERY - DAY

WILL (3) stacks blocks. His MOTHER watches.

MOTHER
Careful.

INT. SCHOOL - DAY

WILL (17) slouches at a desk.

WILL
Whatever.

INT. OFFICE - DAY

WILL (29), in a suit, answers the phone.

WILL
Bloom speaking.
"""


def test_ages_across_a_life_are_a_note_not_a_canon_age(hashing):
    """Regression: Big Fish's extracted bible held WILL to age 3, so an audit against it reported
    every later age as an error."""
    bible = extract_canon(parse_script_text(LIFE), settings=hashing)
    will = next(c for c in bible.characters if c.name == "WILL")
    assert "age" not in will.attributes
    assert will.notes == "age changes over the story: 3 (scene 1), 17 (scene 2), 29 (scene 3)"
    report = audit(parse_script_text(LIFE), bible, settings=hashing, checks=["appearance"])
    assert not [f for f in report.findings if f.evidence and f.evidence[0].bible]  # nothing held to a bible age
