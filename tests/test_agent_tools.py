"""The CrewAI tools: same functions, same findings, same JSON as the API."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from conftest import EXAMPLE, ROOT

from continuity.api import audit, check_passage, findings_to_dict, load_bible, load_script

PASSAGE = "INT. KEEPER'S COTTAGE - KITCHEN - NIGHT\n\nMara sits by the stove. She shakes out her blonde hair.\n"


@pytest.fixture(scope="module")
def tools(tmp_path_factory):
    """``agents.tools``, imported with crewai's files and switches kept in a temporary home."""
    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HOME", str(home))
        mp.setenv("CREWAI_STORAGE_DIR", str(home / "crewai"))
        for key, value in {
            "CREWAI_DISABLE_TELEMETRY": "true", "OTEL_SDK_DISABLED": "true",
            "CREWAI_TRACING_ENABLED": "false", "CREWAI_DISABLE_VERSION_CHECK": "true",
        }.items():
            mp.setenv(key, value)
        import agents.tools

        yield agents.tools


@pytest.fixture(autouse=True)
def _hashing(monkeypatch):
    monkeypatch.setenv("STUDIO_EMBEDDER", "hashing")


@pytest.fixture(scope="module")
def script():
    return load_script(EXAMPLE / "script.fountain")


@pytest.fixture(scope="module")
def bible():
    return load_bible(EXAMPLE / "bible.yaml")


def test_check_tool_returns_the_api_findings(tools, script, bible):
    tool = tools.ContinuityCheckTool(bible=bible, script=script)
    assert tool.script is script  # the script is kept as is, not re-validated
    out = json.loads(tool.run(text=PASSAGE))
    assert out == findings_to_dict(check_passage(PASSAGE, bible, script=script))
    assert [f["subject"] for f in out["findings"]] == ["MARA.hair"]


def test_audit_tool_returns_the_api_report(tools, script, bible):
    tool = tools.ScriptAuditTool(bible=bible, script=script, bible_source="bible.yaml")
    expected = audit(script, bible, bible_source="bible.yaml").to_dict()
    assert json.loads(tool.run()) == expected
    drafted = json.loads(tool.run(script_text="INT. LAB - NIGHT\n\nNoon sun blazes through the window.\n"))
    assert drafted["script"] == "<draft>" and [f["category"] for f in drafted["findings"]] == ["timeline"]


def test_tools_describe_their_arguments(tools):
    check, audit_tool = tools.ContinuityCheckTool(), tools.ScriptAuditTool()
    assert check.name == "check_continuity" and audit_tool.name == "audit_script"
    schema = check.args_schema.model_json_schema()
    assert schema["required"] == ["text"] and schema["properties"]["text"]["maxLength"] == 100_000
    assert set(audit_tool.args_schema.model_json_schema()["properties"]) == {"script_text", "format"}


def test_user_errors_come_back_as_json_errors(tools, bible):
    check, audit_tool = tools.ContinuityCheckTool(bible=bible), tools.ScriptAuditTool(bible=bible)
    assert json.loads(check.run(text="   "))["error"] == "the passage is empty"
    assert "no script" in json.loads(audit_tool.run())["error"]
    assert "bogus" in json.loads(tools.ContinuityCheckTool(checks=["bogus"]).run(text="Mara waits."))["error"]
    with pytest.raises(ValueError, match="validation failed"):
        check.run(text="x" * 100_001)


def test_agents_import_continuity_only():
    for path in Path(ROOT, "agents").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            )
            assert not any(n == "studio" or n.startswith("studio.") for n in names), path
