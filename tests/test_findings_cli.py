"""``studio audit --store``, ``studio findings ...`` and exports, through the CLI entry point."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from conftest import EXAMPLE

from studio.review.commands import JSON_KEYS
from studio.review.export import CSV_COLUMNS
from studio.review.store import Store

HAIR = "a8b9fd9e261980d8"     # MARA's blonde hair, scene 10 (against the bible)
DOOR = "1aea68acb909c7a1"     # the red lantern-room door, scene 9
MARRA = "5345f5589b79fa17"    # the misspelt cue, scene 9
JACKET = "83c4a66706b44c21"   # TOM's yellow jacket in a CONTINUOUS scene
EYES = "075d69bb314ed6bc"     # ELI's brown eyes, against the script's own canon


@pytest.fixture
def project(tmp_path):
    d = tmp_path / "film"
    d.mkdir()
    for name in ("script.fountain", "bible.yaml"):
        shutil.copy(EXAMPLE / name, d / name)
    return d


@pytest.fixture
def cli(cli, monkeypatch):
    """The shared ``cli`` fixture, run as the user "tester" (decisions record who made them)."""
    monkeypatch.setenv("USER", "tester")
    monkeypatch.setenv("LOGNAME", "tester")
    return cli


@pytest.fixture
def stored(cli, project):
    code, out, err = cli("audit", project / "script.fountain", "--bible", project / "bible.yaml", "--store", "--format", "json")
    assert code == 1
    return project, out, err


def test_audit_store_prints_the_diff_and_keeps_stdout_pure(cli, stored):
    project, out, err = stored
    data = json.loads(out)  # stdout is exactly the JSON report
    assert "8 new, 0 still open, 0 resolved, 0 dismissed" in err
    with Store.open(project) as s:
        assert {f["id"] for f in s.findings()} == {f["id"] for f in data["findings"]}
        assert s.last_audit()["script"] == "script.fountain" and s.last_audit()["bible"] == "bible.yaml"
    cli("findings", "dismiss", DOOR, "--reason", "repainted", "--project", project)
    _, _, err = cli("audit", project / "script.fountain", "--bible", project / "bible.yaml", "--store")
    assert "0 new, 7 still open, 0 resolved, 1 dismissed" in err


def test_audit_store_with_project_dir(cli, project, tmp_path):
    other = tmp_path / "elsewhere"
    other.mkdir()
    cli("audit", project / "script.fountain", "--store", "--project", other, "--format", "json")
    assert (other / ".studio" / "findings.db").is_file() and not (project / ".studio").exists()


def test_list_json_keys_are_stable(cli, stored):
    project = stored[0]
    code, out, _ = cli("findings", "list", "--json", "--project", project)
    items = json.loads(out)["findings"]
    assert code == 0 and len(items) == 8
    assert all(tuple(f) == JSON_KEYS for f in items)
    assert [f["scene"] for f in items] == sorted(f["scene"] for f in items)
    code, out, _ = cli("findings", "list", "--category", "appearance", "--json", "-p", project)
    assert {f["id"] for f in json.loads(out)["findings"]} == {HAIR, EYES}
    code, out, _ = cli("findings", "list", "-p", project)
    assert HAIR[:8] in out and "open" in out


def test_confirm_dismiss_reopen_and_show(cli, stored):
    project = stored[0]
    assert cli("findings", "confirm", HAIR[:6], "--as", "ann", "-p", project)[0] == 0
    code, out, _ = cli("findings", "dismiss", DOOR[:8], "--reason", "painted over", "--json", "-p", project)
    assert code == 0 and json.loads(out) == {"id": DOOR, "status": "dismissed", "message": "dismissed"}
    code, out, _ = cli("findings", "show", DOOR, "--json", "-p", project)
    shown = json.loads(out)
    assert shown["status"] == "dismissed"
    (d,) = shown["decisions"]
    assert (d["action"], d["reason"], d["who"], d["status_before"]) == ("dismiss", "painted over", "tester", "open")
    cli("findings", "reopen", DOOR, "--as", "bob", "-p", project)
    code, out, _ = cli("findings", "show", DOOR, "-p", project)
    assert "[open]" in out and "bob: reopen" in out and "painted over" in out
    code, out, _ = cli("findings", "list", "--status", "confirmed", "--json", "-p", project)
    assert [f["id"] for f in json.loads(out)["findings"]] == [HAIR]


@pytest.mark.parametrize(
    "args, message",
    [
        (["findings", "show", "0000000000"], "no finding"),
        (["findings", "show", "zz"], "not a finding id"),
        (["findings", "dismiss", DOOR, "--reason", " "], "needs a reason"),
        (["findings", "list", "--status", "maybe"], "unknown status"),
    ],
)
def test_bad_ids_and_input_exit_2(cli, stored, args, message):
    code, _, err = cli(*args, "--project", stored[0])
    assert code == 2 and message in err and "Traceback" not in err


def test_no_store_exits_2(cli, tmp_path):
    code, _, err = cli("findings", "list", "--project", tmp_path)
    assert code == 2 and "no findings store" in err


def test_fix_rewrites_the_line_with_a_backup(cli, stored):
    project = stored[0]
    code, out, _ = cli("findings", "fix", MARRA, "--text", "MARA", "--json", "-p", project)
    assert code == 0 and json.loads(out)["status"] == "fixed"
    lines = (project / "script.fountain").read_text().splitlines()
    assert lines[375] == "MARA" and "MARRA" not in lines
    (backup,) = project.glob("script.fountain.bak-*")
    assert "MARRA" in backup.read_text()
    code, out, _ = cli("findings", "fix", HAIR, "--text", "Mara pushes her blonde hair back.", "--json", "-p", project)
    res = json.loads(out)  # still blonde: the re-audit flags the new text
    assert res["status"] == "resolved" and "flagged again" in res["message"]


def test_fix_refuses_a_stale_line(cli, stored):
    project = stored[0]
    path = project / "script.fountain"
    path.write_text("\n\n" + path.read_text())  # lines moved since the audit
    code, _, err = cli("findings", "fix", MARRA, "--text", "MARA", "-p", project)
    assert code == 2 and "no longer holds" in err


def test_add_to_bible(cli, stored):
    project = stored[0]
    code, out, _ = cli("findings", "add-to-bible", MARRA, "--json", "-p", project)
    assert code == 0 and json.loads(out)["status"] == "resolved"
    # ELI's eyes for the whole script would contradict his first description: shown, not applied
    before = (project / "bible.yaml").read_bytes()
    code, _, err = cli("findings", "add-to-bible", EYES, "-p", project)
    assert code == 2 and "would flag 1 new finding: scene 1 line 29" in err and "--yes" in err
    assert (project / "bible.yaml").read_bytes() == before
    code, out, _ = cli("findings", "add-to-bible", EYES, "--yes", "--json", "-p", project)
    assert json.loads(out)["status"] == "resolved"
    code, out, _ = cli("findings", "add-to-bible", DOOR, "--yes", "--json", "-p", project)
    assert json.loads(out)["status"] == "resolved"
    from continuity.api import load_bible

    b = load_bible(project / "bible.yaml")
    assert "MARRA" in b.character("MARA").aliases and b.character("ELI").attributes["eyes"] == "brown"
    assert b.location("LIGHTHOUSE - LANTERN ROOM").attributes["door"] == "red"
    assert len(list(project.glob("bible.yaml.bak-*"))) == 3
    code, _, err = cli("findings", "add-to-bible", HAIR, "-p", project)  # canon from the bible: not offered
    assert code == 2 and "cannot be added" in err


def test_add_wardrobe_change_narrows_the_open_item(cli, project):
    from continuity.api import load_bible

    path = project / "script.fountain"
    text = path.read_text()
    # scene 9 onwards: Mara in a blue sweater, against the bible's "grey wool sweater, 6-"
    path.write_text(text.replace("grey wool sweater.", "blue wool sweater."))
    cli("audit", path, "--bible", project / "bible.yaml", "--store")
    code, out, _ = cli("findings", "list", "--category", "wardrobe", "--character", "mara", "--json", "-p", project)
    f = json.loads(out)["findings"][0]
    code, out, _ = cli("findings", "add-to-bible", f["id"], "--json", "-p", project)
    assert code == 0 and json.loads(out)["status"] == "resolved"
    items = {w.item: str(w.scenes) for w in load_bible(project / "bible.yaml").character("MARA").wardrobe}
    scene = f["scene"]
    assert items["blue wool sweater"] == f"{scene}-" and items["grey wool sweater"] == f"6-{scene - 1}"


@pytest.mark.parametrize("fmt", ["csv", "markdown", "html"])
def test_export_formats(cli, stored, fmt, tmp_path):
    project = stored[0]
    cli("findings", "dismiss", DOOR, "--reason", "<b>painted</b>, =1+1", "--as", "ann", "-p", project)
    code, out, _ = cli("findings", "export", "--format", fmt, "-p", project)
    assert code == 0
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert tuple(rows[0]) == CSV_COLUMNS and len(rows) == 8
        door = next(r for r in rows if r["id"] == DOOR)
        assert (door["status"], door["decided_by"], door["reason"]) == ("dismissed", "ann", "<b>painted</b>, =1+1")
    elif fmt == "markdown":
        assert out.startswith("# Continuity report: script.fountain") and "## Scene 9" in out
        assert "**dismissed**" in out and "decided by ann" in out
    else:
        assert out.startswith("<!doctype html>") and "<b>painted" not in out and "&lt;b&gt;painted" in out
    target = tmp_path / "out" / f"report.{fmt}"
    code, _, err = cli("findings", "export", "-f", fmt, "--out", target, "-p", project)
    assert code == 0 and target.read_text() == out and "wrote" in err
