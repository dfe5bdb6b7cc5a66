"""The CLI through its entry point: exit codes, JSON, error messages."""

from __future__ import annotations

import json

import pytest
from conftest import EXAMPLE

SCRIPT = EXAMPLE / "script.fountain"
BIBLE = EXAMPLE / "bible.yaml"


def test_help_lists_commands(cli):
    code, out, _ = cli("--help")
    assert code == 0
    for cmd in ("audit", "bible", "scenes", "convert", "review", "findings", "storyboard", "audit-frames", "mcp",
                "generate", "bench"):
        assert cmd in out


def test_unknown_command_is_a_usage_error_not_a_traceback(cli):
    # typer bundles its own click, whose UsageError is not click.ClickException
    code, out, err = cli("nosuch")
    assert code == 2
    assert "No such command 'nosuch'" in err


def test_audit_example_json_has_stable_keys_and_fails_on_errors(cli):
    code, out, _ = cli("audit", SCRIPT, "--bible", BIBLE, "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert set(data) >= {"script", "scenes", "findings", "summary", "scene_index"}
    assert data["scenes"] == 10
    for f in data["findings"]:
        assert set(f) >= {"id", "category", "severity", "scene", "line", "character", "message", "evidence"}
        assert f["severity"] in ("error", "warning", "info")
        assert f["evidence"], f


def test_fail_on_never_exits_zero(cli):
    code, _, _ = cli("audit", SCRIPT, "--bible", BIBLE, "--fail-on", "never", "--format", "json")
    assert code == 0


def test_clean_script_exits_zero(cli, tmp_path):
    p = tmp_path / "clean.fountain"
    p.write_text("INT. KITCHEN - DAY\n\nMara makes tea.\n\nMARA\nMorning.\n")
    code, out, _ = cli("audit", p)
    assert code == 0 and "no findings" in out


@pytest.mark.parametrize("fmt, marker", [("markdown", "# Continuity report"), ("html", "<!doctype html>"), ("text", "Scene ")])
def test_formats_to_file(cli, tmp_path, fmt, marker):
    out = tmp_path / f"report.{fmt}"
    code, _, err = cli("audit", SCRIPT, "--bible", BIBLE, "--format", fmt, "--out", out)
    assert code == 1 and "wrote" in err
    assert marker in out.read_text()


def test_html_escapes_script_text(cli, tmp_path):
    p = tmp_path / "x.fountain"
    p.write_text(
        "INT. LAB - NIGHT\n\nNoon sun blazes on a sign: <script>alert(1)</script>.\n\nMARA\nHi.\n"
    )
    out = tmp_path / "r.html"
    cli("audit", p, "--format", "html", "--out", out)
    html = out.read_text()
    assert "<script>alert" not in html and "&lt;script&gt;" in html


@pytest.mark.parametrize(
    "args, message",
    [
        (["audit", "missing.fountain"], "missing.fountain"),
        (["audit", "."], "directory"),
        (["audit", SCRIPT, "--bible", "nope.yaml"], "nope.yaml"),
        (["audit", SCRIPT, "--checks", "appearance,bogus"], "bogus"),
    ],
)
def test_bad_input_exits_2_with_one_clear_line(cli, args, message):
    code, out, err = cli(*args)
    assert code == 2
    assert message in err and "Traceback" not in err


def test_invalid_bible_names_key_and_line(cli, tmp_path):
    b = tmp_path / "bible.yaml"
    b.write_text("characters:\n  - name: MARA\n    attributes: {hair: red}\n    wardorbe: [red coat]\n")
    code, _, err = cli("audit", SCRIPT, "--bible", b)
    assert code == 2 and "wardorbe" in err and "did you mean 'wardrobe'" in err and "bible.yaml:4:" in err
    assert len(err.strip().splitlines()) == 1


def test_malformed_fdx_exits_2(cli, tmp_path):
    p = tmp_path / "bad.fdx"
    p.write_text("<FinalDraft><Content><Paragraph Type='Action'><Text>Hi</Text></Content>")
    code, _, err = cli("audit", p)
    assert code == 2 and "bad.fdx" in err


def test_bible_extract_round_trips_through_check(cli, tmp_path):
    out = tmp_path / "bible.yaml"
    code, _, _ = cli("bible", "extract", SCRIPT, "--out", out)
    assert code == 0
    code, stdout, _ = cli("bible", "check", out, "--json")
    data = json.loads(stdout)
    assert code == 0 and {"MARA", "ELI", "TOM"} <= set(data["characters"])


def test_scenes_json(cli):
    code, out, _ = cli("scenes", SCRIPT, "--json")
    data = json.loads(out)
    assert code == 0 and len(data["scenes"]) == 10
    assert set(data["scenes"][0]) >= {"scene", "line", "heading", "time", "story_day", "speakers"}


def test_convert_round_trip(cli, tmp_path):
    fdx = tmp_path / "x.fdx"
    assert cli("convert", SCRIPT, fdx)[0] == 0
    a = json.loads(cli("scenes", SCRIPT, "--json")[1])["scenes"]
    b = json.loads(cli("scenes", fdx, "--json")[1])["scenes"]
    assert [s["heading"] for s in a] == [s["heading"] for s in b]
    assert [s["speakers"] for s in a] == [s["speakers"] for s in b]


def test_ids_survive_unrelated_edits(cli, tmp_path):
    text = SCRIPT.read_text()
    edited = tmp_path / "script.fountain"
    # An unrelated edit near the top shifts every line number below it.
    edited.write_text(text.replace("FADE IN:", "FADE IN:\n\nGulls wheel over the harbour.\n", 1))
    a = json.loads(cli("audit", SCRIPT, "--bible", BIBLE, "--format", "json")[1])
    b = json.loads(cli("audit", edited, "--bible", BIBLE, "--format", "json")[1])
    assert [f["id"] for f in a["findings"]] == [f["id"] for f in b["findings"]]
    assert [f["line"] + 3 for f in a["findings"]] == [f["line"] for f in b["findings"]]


def test_format_with_an_extensionless_out_is_honoured(cli, tmp_path):
    """Regression: --format json --out /dev/null (the speed benchmark's call) was refused."""
    out = tmp_path / "report"
    code, _, err = cli("audit", SCRIPT, "--format", "json", "--out", out, "--fail-on", "never")
    assert code == 0, err
    assert json.loads(out.read_text())["findings"]
    code, _, err = cli("audit", SCRIPT, "--out", out, "--fail-on", "never")
    assert code == 2 and "no extension" in err
