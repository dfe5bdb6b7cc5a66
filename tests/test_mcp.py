"""``studio mcp``: the MCP server, driven by the SDK's own client.

In-process over the SDK's memory transport for most cases, then over stdio (a
``studio mcp`` subprocess) and streamable HTTP on 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import anyio
import pytest
from conftest import EXAMPLE

from continuity.api import audit, load_bible, load_script
from continuity.settings import Settings
from studio.mcp import project as mcp_limits
from studio.mcp.server import build_server

TOOLS = {"audit_script", "check_passage", "bible_lookup", "list_findings", "decide_finding"}
PASSAGE = "INT. KEEPER'S COTTAGE - KITCHEN - NIGHT\n\nMara sits by the stove. She shakes out her blonde hair.\n"


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A project folder holding the bundled example (script.fountain, bible.yaml)."""
    monkeypatch.setenv("STUDIO_EMBEDDER", "hashing")
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(EXAMPLE / "script.fountain", root / "script.fountain")
    shutil.copy(EXAMPLE / "bible.yaml", root / "bible.yaml")
    return root


def call_all(server, calls: list[tuple[str, dict]]) -> tuple[set[str], list]:
    """List the tools and make each call in one in-process client session."""
    from mcp.shared.memory import create_connected_server_and_client_session

    async def main():
        async with create_connected_server_and_client_session(server) as client:
            names = {t.name for t in (await client.list_tools()).tools}
            return names, [await client.call_tool(name, args) for name, args in calls]

    return anyio.run(main)


def ok(result) -> dict:
    assert not result.isError, result.content[0].text
    data = json.loads(result.content[0].text)
    assert data == result.structuredContent
    return data


def error(result) -> str:
    assert result.isError
    text = result.content[0].text
    assert "Traceback" not in text and "\n" not in text
    return text


def test_lists_tools_and_calls_each(project):
    names, (audited, by_text, checked, looked_up) = call_all(build_server(project), [
        ("audit_script", {"path": "script.fountain"}),
        ("audit_script", {"text": "INT. LAB - NIGHT\n\nNoon sun blazes through the window.\n", "bible_path": "bible.yaml"}),
        ("check_passage", {"text": PASSAGE, "script_path": "script.fountain"}),
        ("bible_lookup", {"name": "Mara Quinn"}),
    ])
    assert names == TOOLS
    # audit_script: the JSON of `studio audit --format json`, paths relative to the project.
    report = ok(audited)
    expected = audit(load_script(project / "script.fountain"), load_bible(project / "bible.yaml")).to_dict()
    assert report["script"] == "script.fountain" and report["bible"] == "bible.yaml"
    assert set(report) == set(expected)
    assert [f["id"] for f in report["findings"]] == [f["id"] for f in expected["findings"]]
    assert [f["category"] for f in ok(by_text)["findings"]] == ["timeline"]
    passage = ok(checked)
    assert passage["script"] == "script.fountain" and passage["summary"]["error"] == 1
    assert [(f["subject"], f["scene"], f["passage_line"]) for f in passage["findings"]] == [("MARA.hair", 11, 3)]
    mara = ok(looked_up)
    assert mara["kind"] == "character" and mara["name"] == "MARA" and mara["bible"] == "bible.yaml"


def test_review_store_tools(project):
    from studio.review.actions import Project as ReviewProject

    server = build_server(project)
    _, (no_store,) = call_all(server, [("list_findings", {})])
    assert "store" in error(no_store).lower()
    report = audit(load_script(project / "script.fountain"), load_bible(project / "bible.yaml"))
    with ReviewProject(project) as review:
        review.record(report, project / "script.fountain", project / "bible.yaml")
    target = report.findings[0].id
    _, (listed, dismissed, no_reason, bogus, wardrobe) = call_all(server, [
        ("list_findings", {"status": "open"}),
        ("decide_finding", {"finding_id": target[:8], "action": "dismiss", "reason": "deliberate", "who": "ana"}),
        ("decide_finding", {"finding_id": target, "action": "dismiss"}),
        ("decide_finding", {"finding_id": "zzzz", "action": "confirm"}),
        ("list_findings", {"category": "wardrobe"}),
    ])
    assert ok(listed)["count"] == len(report.findings)
    assert ok(dismissed)["finding"]["status"] == "dismissed"
    assert "reason" in error(no_reason)
    error(bogus)
    assert [f["category"] for f in ok(wardrobe)["findings"]] == ["wardrobe"]
    with ReviewProject(project) as review:
        [d] = [d for d in review.store.decisions(target) if d["action"] == "dismiss"]
    assert (d["who"], d["reason"]) == ("ana", "deliberate")


def test_bad_calls_are_clean_tool_errors(project, tmp_path):
    outside = tmp_path / "outside.fountain"
    outside.write_text("INT. LAB - DAY\n\nMara waits.\n")
    (project / "link.fountain").symlink_to(outside)
    (project / "bad.yaml").write_text("characters:\n  - name: MARA\n    wardorbe: [red coat]\n")
    _, results = call_all(build_server(project), [
        ("audit_script", {"path": "../outside.fountain"}),
        ("audit_script", {"path": str(outside)}),
        ("audit_script", {"path": "link.fountain"}),
        ("check_passage", {"text": "Mara waits.", "bible_path": "/etc/passwd"}),
        ("audit_script", {}),
        ("audit_script", {"path": "script.fountain", "text": "INT. LAB - DAY"}),
        ("check_passage", {}),
        ("bible_lookup", {"name": 5}),
        ("audit_script", {"text": "INT. LAB - DAY", "format": "pdf"}),
        ("check_passage", {"text": "x" * (mcp_limits.MAX_PASSAGE_BYTES + 1)}),
        ("bible_lookup", {"name": "Marra"}),
        ("audit_script", {"path": "missing.fountain"}),
        ("audit_script", {"path": "script.fountain", "bible_path": "bad.yaml"}),
        ("audit_script", {"path": "script.fountain", "checks": ["bogus"]}),
        ("no_such_tool", {}),
    ])
    messages = [error(r) for r in results]
    for m in messages[:4]:
        assert "outside the project directory" in m
    assert "exactly one of 'path'" in messages[4] and "exactly one of 'path'" in messages[5]
    assert messages[6] == "invalid arguments for check_passage: text: Field required"
    assert messages[7].startswith("invalid arguments for bible_lookup: name:")
    assert messages[8].startswith("invalid arguments for audit_script: format:")
    assert "passage too large" in messages[9] and f"{mcp_limits.MAX_PASSAGE_BYTES:,}" in messages[9]
    assert "did you mean MARA" in messages[10]
    assert "missing.fountain: no such file" in messages[11]
    assert "bad.yaml:3:" in messages[12] and "wardorbe" in messages[12]
    assert "bogus" in messages[13]
    assert "no_such_tool" in messages[14]


def test_files_over_the_bound_are_refused_before_reading(project, monkeypatch):
    monkeypatch.setattr(mcp_limits, "MAX_SCRIPT_BYTES", 1000)
    monkeypatch.setattr(mcp_limits, "MAX_BIBLE_BYTES", 1000)
    _, (script, bible, text) = call_all(build_server(project), [
        ("audit_script", {"path": "script.fountain"}),
        ("bible_lookup", {"name": "MARA"}),
        ("audit_script", {"text": "INT. LAB - DAY\n\n" + "Mara waits. " * 100}),
    ])
    assert "script file too large" in error(script)
    assert "bible file too large" in error(bible)
    assert "script text too large" in error(text)


def test_without_a_project_bible(project):
    (project / "bible.yaml").unlink()
    _, (lookup, checked) = call_all(build_server(project), [
        ("bible_lookup", {"name": "MARA"}),
        ("check_passage", {"text": PASSAGE, "script_path": "script.fountain"}),
    ])
    assert "no bible" in error(lookup)
    assert ok(checked)["bible"] is None  # the script's own descriptions are canon


def test_project_must_be_a_directory(tmp_path):
    from continuity.errors import InputError

    with pytest.raises(InputError, match="not a directory"):
        build_server(tmp_path / "nope")


@pytest.mark.slow
def test_real_model_on_the_bundled_example(tmp_path):
    """The real sentence model, through the server, finds the example's planted errors."""
    settings = Settings(cache_dir=str(tmp_path / "cache"), embedder="minilm")
    _, (report, passage) = call_all(build_server(EXAMPLE, settings), [
        ("audit_script", {"path": "script.fountain"}),
        ("check_passage", {"text": PASSAGE, "script_path": "script.fountain"}),
    ])
    data = ok(report)
    assert data["bible"] == "bible.yaml" and data["summary"]["error"] == 7
    assert ("appearance", 10) in {(f["category"], f["scene"]) for f in data["findings"]}
    assert [f["subject"] for f in ok(passage)["findings"]] == ["MARA.hair"]


def _server_env(project: Path) -> dict[str, str]:
    return {
        "STUDIO_EMBEDDER": "hashing",
        "STUDIO_CACHE_DIR": str(project.parent / "cache"),
        "HOME": str(project.parent),
    }


def test_stdio(project):
    from mcp import ClientSession, StdioServerParameters
    from mcp.client.stdio import stdio_client

    params = StdioServerParameters(
        command=sys.executable, args=["-m", "studio.cli", "mcp", "--project", str(project)], env=_server_env(project),
    )

    async def main():
        with open(project.parent / "stderr.txt", "w") as errlog:
            async with stdio_client(params, errlog=errlog) as (read, write), ClientSession(read, write) as client:
                await client.initialize()
                names = {t.name for t in (await client.list_tools()).tools}
                good = await client.call_tool("check_passage", {"text": PASSAGE, "script_path": "script.fountain"})
                bad = await client.call_tool("audit_script", {"path": "../../etc/passwd"})
                return names, good, bad

    names, good, bad = anyio.run(main)
    assert names == TOOLS
    assert [f["subject"] for f in ok(good)["findings"]] == ["MARA.hair"]
    assert "outside the project directory" in error(bad)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_streamable_http_on_loopback(project):
    """Over HTTP: a bearer token from a 0600 file is required, and decisions carry the server's identity."""
    import httpx
    from mcp import ClientSession
    from mcp.client.streamable_http import streamablehttp_client

    from studio.review.actions import Project as ReviewProject

    report = audit(load_script(project / "script.fountain"), load_bible(project / "bible.yaml"))
    with ReviewProject(project) as review:
        review.record(report, project / "script.fountain", project / "bible.yaml")
    target = report.findings[0].id
    port = _free_port()
    token_file = project.parent / "mcp.token"
    env = {**os.environ, **_server_env(project)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "studio.cli", "mcp", "--project", str(project), "--http", str(port),
         "--token-file", str(token_file), "--as", "ann"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 20
        while True:  # wait for the port to open; bounded
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert proc.poll() is None, proc.stderr.read().decode()
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.1)
        assert token_file.stat().st_mode & 0o777 == 0o600
        token = token_file.read_text().strip()
        url = f"http://127.0.0.1:{port}/mcp"
        hello = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "protocolVersion": "2025-03-26", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}}
        accept = {"Accept": "application/json, text/event-stream"}
        for headers in ({}, {"Authorization": "Bearer wrong-token-wrong-token"}, {"Authorization": token}):
            r = httpx.post(url, json=hello, headers={**accept, **headers}, timeout=10)
            assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Bearer")

        async def main():
            async with streamablehttp_client(url, headers={"Authorization": f"Bearer {token}"}) as (read, write, _), \
                    ClientSession(read, write) as client:
                await client.initialize()
                names = {t.name for t in (await client.list_tools()).tools}
                lookup = await client.call_tool("bible_lookup", {"name": "compass"})
                decided = await client.call_tool("decide_finding", {
                    "finding_id": target, "action": "dismiss", "reason": "deliberate", "who": "mallory"})
                return names, lookup, decided

        names, lookup, decided = anyio.run(main)
        assert names == TOOLS
        assert ok(lookup)["name"] == "brass compass"
        ok(decided)
        with ReviewProject(project) as review:
            (d,) = [d for d in review.store.decisions(target) if d["action"] == "dismiss"]
        assert d["who"] == "ann"  # the authenticated identity, not the name the caller claimed
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
