"""The breakdown export, the guarded CSV writer, eighths that add up, and the script's scene numbers in exports."""

from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import EXAMPLE

from continuity.api import load_script, parse_script_text, save_script
from continuity.reports.breakdown import COLUMNS
from continuity.reports.escape import csv_cell as safe_cell
from continuity.reports.escape import csv_text
from continuity.screenplay.pages import pagination

SCRIPT = """INT. FERRY HOUSE - MORNING #4A#

MARA (46) shrugs off the oilskin. TEO (19) eats. A crowd of TOURISTS waits outside.

TEO
=HYPERLINK("x") she said.

EXT. RIVER - DAY #5#

A black pickup rolls aboard. Teo goes over the rail and comes up soaked through.

RADIO (V.O.)
Rising.
"""


def test_csv_cells_never_start_a_formula():
    assert [safe_cell(v) for v in ("=1+1", "+2", "-3", "@x", "\t=1", "ok", None, 4)] == [
        "'=1+1", "'+2", "'-3", "'@x", "'\t=1", "ok", "", 4]
    rows = list(csv.DictReader(io.StringIO(csv_text(("a", "b"), [{"a": "=cmd", "b": 1}]))))
    assert rows == [{"a": "'=cmd", "b": "1"}]


def test_breakdown_csv_has_a_row_per_scene_with_scheduling_columns(cli, tmp_path):
    p = tmp_path / "s.fountain"
    p.write_text(SCRIPT)
    out = tmp_path / "b.csv"
    code, _, err = cli("breakdown", p, "--out", out)
    assert code == 0 and "wrote" in err
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert tuple(rows[0]) == COLUMNS and len(rows) == 2
    one, two = rows
    assert (one["Scenes"], one["I/E"], one["Set"], one["TOD"], one["Script Day"], one["Page"]) == (
        "4A", "INT", "FERRY HOUSE", "MORNING", "D1", "1")
    assert one["Cast Members"] == "MARA; TEO" and one["Background Actors"] == "TOURISTS"
    assert (two["Vehicles"], two["Makeup/Hair"], two["Off Screen"]) == ("black pickup", "TEO: wet", "RADIO")
    assert int(one["Eighths"]) + int(two["Eighths"]) == round(pagination(load_script(p)).body)
    assert not any(v.startswith("=") for r in rows for v in r.values())


def test_breakdown_formats_and_refusals(cli, tmp_path):
    p = tmp_path / "s.fountain"
    p.write_text(SCRIPT)
    code, out, _ = cli("breakdown", p, "--json")
    data = json.loads(out)
    assert code == 0 and data["columns"] == list(COLUMNS) and data["scenes"][0]["speaking"] == ["TEO"]
    code, out, _ = cli("breakdown", p, "--format", "markdown")
    assert code == 0 and out.startswith("# Breakdown:") and "| 4A |" in out
    code, _, err = cli("breakdown", p, "--out", tmp_path / "b.xlsx")
    assert code == 2 and "names no breakdown format" in err and not (tmp_path / "b.xlsx").exists()


def test_scenes_json_follows_a_days_file(cli, tmp_path):
    p = tmp_path / "s.fountain"
    p.write_text(SCRIPT)
    days = tmp_path / "days.yaml"
    days.write_text("story_days:\n  5: D3\n")
    data = json.loads(cli("scenes", p, "--json", "--days", days)[1])
    assert [s["story_day"] for s in data["scenes"]] == ["D1", "D3"]
    (tmp_path / "s.story.yaml").write_text("story_days:\n  4A: D2\n")
    data = json.loads(cli("scenes", p, "--json")[1])
    assert [s["story_day"] for s in data["scenes"]] == ["D2", "D2"]  # the scenes after a fixed day count on from it


def test_eighths_add_up_to_the_length_of_the_script(corpus, tmp_path):
    path = corpus / "screenplays" / "The-Last-Birthday-Card.fountain"
    if not path.is_file():
        pytest.skip("the corpus is not here")
    pdf = tmp_path / "card.pdf"
    save_script(load_script(path), pdf)
    for script in (load_script(path), load_script(pdf)):
        pag = pagination(script)
        total = sum(pag.scene(s.index).eighths for s in script.scenes)
        assert abs(total - pag.body) <= 1, (script.source, total, pag.body)
        assert all(pag.scene(s.index).eighths >= 1 for s in script.scenes)


def test_a_page_is_eight_eighths_and_its_blank_foot_is_the_last_scenes():
    script = parse_script_text("INT. A - DAY\n\nOne line.\n\nINT. B - DAY\n\nTwo.\n\n===\n\nINT. C - DAY\n\nThree.\n")
    pag = pagination(script)
    a, b, c = (pag.scene(i).eighths for i in (1, 2, 3))
    assert a + b == 8 and a == 1 and c == 1


def test_findings_list_and_export_use_the_scripts_own_scene_numbers(cli, tmp_path):
    project = tmp_path / "film"
    project.mkdir()
    text = (EXAMPLE / "script.fountain").read_text(encoding="utf-8")
    lines = text.splitlines()
    numbered = [f"{ln} #{i}A#" if ln.startswith(("INT.", "EXT.")) else ln for i, ln in enumerate(lines)]
    (project / "script.fountain").write_text("\n".join(numbered) + "\n")
    (project / "bible.yaml").write_text((EXAMPLE / "bible.yaml").read_text(encoding="utf-8"))
    cli("audit", project / "script.fountain", "--bible", project / "bible.yaml", "--store", "--format", "json")
    code, out, _ = cli("findings", "list", "--json", "-p", project)
    items = json.loads(out)["findings"]
    assert code == 0 and items and all(f["scene_number"].endswith("A") and f["page"] for f in items)
    code, out, _ = cli("findings", "list", "-p", project)
    assert all(f"scene {f['scene_number']:>4}" in out for f in items)
    rows = list(csv.DictReader(io.StringIO(cli("findings", "export", "--format", "csv", "-p", project)[1])))
    assert {r["scene"] for r in rows} == {f["scene_number"] for f in items} and all(r["page"] for r in rows)
    md = cli("findings", "export", "--format", "markdown", "-p", project)[1]
    assert f"## Scene {items[0]['scene_number']}" in md and ", p. " in md
