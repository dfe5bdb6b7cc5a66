"""The MCP server's bounds: checks validated and de-duplicated, a deadline that stops the work,
cancellation when the client goes away, and the HTTP bearer token file.
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import replace
from pathlib import Path

import anyio
import pytest
from conftest import EXAMPLE

from continuity.errors import InputError
from continuity.settings import Settings
from studio.mcp import project as mcp_limits
from studio.mcp.server import build_server, known_checks, token_from_file
from studio.mcp.worker import ToolWorker

SCENE = "INT. LAB - DAY\n\nMara waits by the red door. She frowns. Tom shrugs on his blue coat.\n\n"
BIG = SCENE * (1_900_000 // len(SCENE))  # just under the 2 MB bound: many seconds of audit


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("STUDIO_EMBEDDER", "hashing")
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(EXAMPLE / "script.fountain", root / "script.fountain")
    shutil.copy(EXAMPLE / "bible.yaml", root / "bible.yaml")
    return root


def settings(tmp_path: Path, **kw) -> Settings:
    return replace(Settings(cache_dir=str(tmp_path / "cache"), embedder="hashing"), **kw)


async def _calls(server, calls):
    from mcp.shared.memory import create_connected_server_and_client_session

    async with create_connected_server_and_client_session(server) as client:
        return [await client.call_tool(name, args) for name, args in calls]


def run(server, calls):
    try:
        return anyio.run(_calls, server, calls)
    finally:
        server.studio_worker.close()


def test_known_checks_deduplicates_and_validates():
    assert known_checks(None) is None
    assert known_checks(["appearance", "name", "appearance"]) == ["appearance", "name"]
    with pytest.raises(InputError, match="unknown check 'bogus'"):
        known_checks(["appearance", "bogus"])
    with pytest.raises(InputError, match="too many checks"):
        known_checks(["appearance"] * (mcp_limits.MAX_CHECKS + 1))


def test_a_huge_checks_list_is_refused_at_once_and_duplicates_run_once(project, tmp_path):
    started = time.monotonic()
    huge, dup = run(build_server(project, settings(tmp_path)), [
        ("audit_script", {"path": "script.fountain", "checks": ["appearance"] * 300_000}),
        ("audit_script", {"path": "script.fountain", "checks": ["appearance", "name", "appearance"]}),
    ])
    assert huge.isError and "checks" in huge.content[0].text and "\n" not in huge.content[0].text
    assert not dup.isError and dup.structuredContent["checks"] == ["appearance", "name"]
    assert time.monotonic() - started < 60


def test_a_call_past_its_deadline_is_stopped(project, tmp_path):
    server = build_server(project, settings(tmp_path, mcp_timeout=1.0))
    started = time.monotonic()
    (slow,) = run(server, [("audit_script", {"text": BIG})])
    assert slow.isError and "took longer than 1 s and was stopped" in slow.content[0].text
    assert time.monotonic() - started < 30
    assert server.studio_worker.kills == 1 and server.studio_worker.proc is None


def test_the_worker_is_replaced_after_a_kill(project, tmp_path):
    worker = ToolWorker(project, settings(tmp_path))

    async def main():
        first = await worker.call("bible_lookup", {"name": "MARA"}, timeout=120)
        pid = worker.proc.pid
        with pytest.raises(InputError, match="was stopped"):
            await worker.call("audit_script", {"text": BIG}, timeout=1.0)
        assert worker.proc is None
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)  # the process is gone, not left computing
        again = await worker.call("bible_lookup", {"name": "MARA"}, timeout=120)
        with pytest.raises(InputError, match="no character, location or prop named"):  # its own error, one line
            await worker.call("bible_lookup", {"name": "Nobody At All"}, timeout=120)
        return first, again

    try:
        first, again = anyio.run(main)
    finally:
        worker.close()
    assert first == again and first["name"] == "MARA"


def test_the_work_stops_when_the_client_goes_away(project, tmp_path):
    from mcp.shared.memory import create_connected_server_and_client_session

    server = build_server(project, settings(tmp_path))
    worker = server.studio_worker
    seen: dict[str, int] = {}

    async def main():
        async with create_connected_server_and_client_session(server) as client:
            async with anyio.create_task_group() as tg:
                tg.start_soon(client.call_tool, "audit_script", {"text": BIG})
                with anyio.fail_after(60):
                    while worker.proc is None:
                        await anyio.sleep(0.05)
                seen["pid"] = worker.proc.pid
                await anyio.sleep(1.0)
                tg.cancel_scope.cancel()  # the client stops waiting and closes the session

    try:
        anyio.run(main)
        deadline = time.monotonic() + 20
        while worker.proc is not None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert worker.proc is None and worker.kills == 1
        with pytest.raises(ProcessLookupError):
            os.kill(seen["pid"], 0)
    finally:
        worker.close()


def test_the_token_file_is_created_private_and_checked(tmp_path):
    path = tmp_path / "token"
    token = token_from_file(path)
    assert path.stat().st_mode & 0o777 == 0o600 and len(token) >= 32
    assert token_from_file(path) == token
    os.chmod(path, 0o644)
    with pytest.raises(InputError, match="chmod 600"):
        token_from_file(path)
    link = tmp_path / "link"
    link.symlink_to(path)
    with pytest.raises(InputError, match="link"):
        token_from_file(link)
    short = tmp_path / "short"
    short.write_text("abc\n")
    os.chmod(short, 0o600)
    with pytest.raises(InputError, match="no usable token"):
        token_from_file(short)
