"""``studio sheets``: looks, wardrobe and costume changes per character, the story of each prop.

Built on the audit's own reading (observations, object events), so the example's
planted wardrobe and prop errors show up on the sheets too.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import EXAMPLE

from continuity.api import load_bible, load_script, parse_script_text
from continuity.reports.sheets import build_sheets
from continuity.reports.sheets_render import CSV_COLUMNS
from continuity.story.breakdown import one_liner
from continuity.story.context import context_for
from continuity.story.costume import costume_ranges, costume_timeline, looks_by_character

NADIA = """\
Title: Late

INT. FLAT - MORNING

NADIA (30s), bald, in a blue raincoat, grabs her phone from the table.

NADIA
Late again.

EXT. STREET - CONTINUOUS

Nadia hurries out, her blue raincoat flapping. She checks her phone <urgently>.

INT. OFFICE - DAY

Nadia sits at her desk in her green raincoat. She puts her phone on the desk.

NADIA
Morning.

INT. FLAT - NIGHT

Nadia changes into a red dress. She drops her phone into the bath. It sinks.

NADIA
Oops.

INT. FLAT - MORNING

Nadia, in a yellow raincoat, reaches for her phone and checks it.

NADIA
Still works?

INT. CAFE - DAY

Nadia shrugs off her blue raincoat and hands her phone to OMAR.

OMAR
Dead.
"""


@pytest.fixture(scope="module")
def hashing_env():
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("STUDIO_EMBEDDER", "hashing")
        yield


@pytest.fixture(scope="module")
def lighthouse(hashing_env):
    script = load_script(EXAMPLE / "script.fountain")
    return script, build_sheets(context_for(script, load_bible(EXAMPLE / "bible.yaml")), bible_source="bible.yaml")


@pytest.fixture(scope="module")
def nadia(hashing_env):
    script = parse_script_text(NADIA, source="late.fountain")
    ctx = context_for(script)
    return ctx, build_sheets(ctx)


def _character(sheets, name):
    return next(c for c in sheets.characters if c.name == name)


def _entry(sheet, scene):
    return next(e for e in sheet.scenes if e.scene == scene)


def test_costume_changes_follow_the_text(lighthouse):
    _, sheets = lighthouse
    mara = _character(sheets, "MARA")
    assert [(k.change, k.where.scene, k.garments) for k in mara.costumes] == [
        (1, 1, ("green oilskin coat",)), (2, 6, ("grey wool sweater",))]
    assert "announces a change" in mara.costumes[1].reason
    assert (_entry(mara, 3).costume, _entry(mara, 3).costume_seen) == (1, True)
    assert (_entry(mara, 2).costume, _entry(mara, 2).costume_seen) == (1, False)  # carried on, same story day
    assert _entry(mara, 9).costume is None  # a new story day: not assumed
    assert all(e.scene != 5 for e in mara.scenes)  # the flashback: MARA is only heard (V.O.); YOUNG MARA is seen
    assert mara.canon_wardrobe == (("green oilskin coat", "1-5"), ("grey wool sweater", "6-"))
    assert any(x.attribute == "hair" and x.words == "blonde hair" for x in _entry(mara, 10).looks)


def test_an_unannounced_change_in_a_continuous_span_is_an_error_not_a_costume(lighthouse):
    _, sheets = lighthouse
    tom = _character(sheets, "TOM")
    assert [k.change for k in tom.costumes] == [1]
    four = _entry(tom, 4)
    assert four.costume == 1 and [x.words for x in four.wardrobe] == ["yellow rain jacket"]
    assert any("continuity error" in n and "red rain jacket" in n for n in four.notes)


def test_rows_carry_production_positions(lighthouse):
    script, sheets = lighthouse
    rows = {r.scene.index: r for r in one_liner(script)}
    for c in sheets.characters:
        for e in c.scenes:
            assert (e.scene_number, e.page) == (rows[e.scene].number, rows[e.scene].page)
    for p in sheets.props:
        for e in p.entries:
            assert e.where.scene_number == rows[e.where.scene].number and e.where.page is not None


def test_props_tell_the_story_of_the_compass(lighthouse):
    _, sheets = lighthouse
    names = [p.name for p in sheets.props]
    assert names[:4] == ["brass compass", "storm lantern", "logbook", "urn"]  # the bible's, in order
    assert "rucksack" in names  # handled by ELI and MARA in two scenes, not in the bible
    assert not {"jacket", "coat", "lens", "answer", "needle", "stair"} & set(names)
    compass = sheets.props[0]
    assert compass.in_bible and compass.status and compass.status.endswith("in scene 7")
    assert any(e.event == "taken" and e.recipient == "TOM" and e.where.scene == 6 for e in compass.entries)
    used = [e for e in compass.entries if e.where.scene == 9 and e.event == "used"]
    assert used and "not recovered" in used[0].note
    assert "YOUNG MARA" in compass.holders and "TOM" in compass.holders


def test_colour_changes_across_time_number_new_costumes_and_reuse_old_ones(nadia):
    ctx, sheets = nadia
    sheet = _character(sheets, "NADIA")
    assert [(k.change, k.where.scene) for k in sheet.costumes] == [(1, 1), (2, 3), (3, 4), (4, 5)]
    assert [_entry(sheet, s).costume for s in range(1, 7)] == [1, 1, 2, 3, 4, 1]
    assert any(n.startswith("Back in Change 1") for n in _entry(sheet, 6).notes)
    looks = looks_by_character(ctx)["NADIA"]
    ranges = dict(costume_ranges(costume_timeline(ctx, looks), looks))
    assert ranges["blue raincoat"] == [(1, 2), (6, None)]
    assert ranges["red dress"] == [(4, 4)]
    assert ("hair", "bald") in {(x.attribute, x.value) for x in _entry(sheet, 1).looks}


def test_a_key_prop_is_found_without_a_bible(nadia):
    _, sheets = nadia
    assert [p.name for p in sheets.props] == ["phone"]
    phone = sheets.props[0]
    assert phone.holders == ("NADIA", "OMAR")
    assert phone.status and phone.status.endswith("in scene 4")
    handed = [e for e in phone.entries if e.event == "handed over"]
    assert handed and handed[0].recipient == "OMAR" and "not recovered" in handed[0].note


# -- the command ------------------------------------------------------------------------


@pytest.fixture
def late(tmp_path):
    path = tmp_path / "late.fountain"
    path.write_text(NADIA, encoding="utf-8")
    return path


def test_json_has_stable_keys(cli, late):
    code, out, _ = cli("sheets", late, "--json")
    assert code == 0
    data = json.loads(out)
    assert list(data) == ["script", "format", "bible", "scenes", "characters", "props"]
    nadia = data["characters"][0]
    assert list(nadia) == ["name", "canon", "canon_wardrobe", "costumes", "scenes"]
    assert list(nadia["costumes"][0]) == ["change", "scene", "scene_number", "page", "line", "reason", "garments", "scenes"]
    assert list(nadia["scenes"][0]) == ["scene", "scene_number", "page", "heading", "story_day", "costume",
                                        "costume_seen", "looks", "wardrobe", "notes"]
    assert list(nadia["scenes"][0]["wardrobe"][0]) == ["attribute", "value", "words", "scene", "scene_number", "page",
                                                       "line", "announced", "text"]
    phone = data["props"][0]
    assert list(phone) == ["name", "aliases", "in_bible", "scenes", "holders", "status", "events"]
    assert list(phone["events"][0]) == ["scene", "scene_number", "page", "line", "event", "character", "recipient",
                                        "verb", "words", "note", "text"]


@pytest.mark.parametrize("name, fmt, probe", [
    ("sheets.md", "markdown", "# Continuity sheets"),
    ("sheets.html", "html", "<!doctype html>"),
    ("sheets.csv", "csv", ",".join(CSV_COLUMNS)),
    ("sheets.txt", "text", "Continuity sheets:"),
    ("sheets.json", "json", '"characters"'),
])
def test_out_extension_picks_the_format(cli, late, tmp_path, name, fmt, probe):
    out = tmp_path / name
    code, stdout, err = cli("sheets", late, "--out", out)
    assert code == 0 and stdout == ""
    assert out.read_text(encoding="utf-8").startswith(probe) or probe in out.read_text(encoding="utf-8")
    assert "wrote" in err and "1 prop" in err and "2 characters" in err


def test_html_escapes_the_script(cli, late):
    code, out, _ = cli("sheets", late, "--format", "html")
    assert code == 0
    assert "&lt;urgently&gt;" in out and "<urgently>" not in out


def test_csv_rows(cli, late):
    code, out, _ = cli("sheets", late, "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert tuple(rows[0]) == CSV_COLUMNS
    changes = [r for r in rows if r["what"] == "costume change"]
    assert [r["value"] for r in changes] == ["1", "2", "3", "4"]
    assert any(r["sheet"] == "prop" and r["what"] == "handed over" and r["recipient"] == "OMAR" for r in rows)


@pytest.mark.parametrize("args, message", [
    (("--out", "{tmp}/sheets.docx"), "names no sheet format"),
    (("--out", "{tmp}/sheets"), "no extension"),
    (("--out", "{tmp}/sheets.csv", "--format", "html"), "does not match"),
    (("--json", "--format", "csv"), "disagree"),
])
def test_bad_output_options_are_one_line_and_exit_2(cli, late, tmp_path, args, message):
    args = [a.format(tmp=tmp_path) for a in args]
    code, out, err = cli("sheets", late, *args)
    assert code == 2 and out == ""
    assert message in err and err.strip().count("\n") == 0
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("sheets")]


def test_text_sheet_reads_like_a_supervisors_report(cli):
    code, out, _ = cli("sheets", EXAMPLE / "script.fountain", "--bible", EXAMPLE / "bible.yaml")
    assert code == 0
    assert "Change 2 from scene 6" in out
    assert "(Change 1)" in out  # carried on within the story day
    assert "a continuity error, not a costume change" in out
    assert "brass compass (also: compass):" in out
    assert "rucksack [not in the bible]" in out


def test_corpus_feature(corpus, hashing_env):
    path = corpus / "screenplays" / "Big-Fish.fountain"
    if not path.is_file():
        pytest.skip("Big-Fish.fountain not in the corpus")
    script = load_script(path)
    sheets = build_sheets(context_for(script))
    names = {c.name for c in sheets.characters}
    assert {"EDWARD", "WILL", "SANDRA"} <= names
    props = [p.name.split()[-1] for p in sheets.props]
    assert props and not {"slides", "slide", "curb", "buzzes", "hand", "door", "room"} & set(props)
    rows = {r.scene.index: r.number for r in one_liner(script)}
    assert all(e.scene_number == rows[e.scene] for c in sheets.characters for e in c.scenes)
