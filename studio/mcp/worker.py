"""The MCP server's heavy tool calls, out of process: a deadline that stops the work.

A thread cannot be stopped, so an audit that runs past its deadline, or whose
client went away, would keep a core busy to the end. :class:`ToolWorker` runs
``audit_script``, ``check_passage`` and ``bible_lookup`` in a child process
(``python -m studio.mcp.worker``) speaking JSON lines over its stdin and stdout;
when a call passes its deadline or is cancelled, the child is killed at once and
the next call starts a fresh one. The child also exits when its parent dies or
closes the pipe.

Example::

    worker = ToolWorker(project_root, settings)
    data = await worker.call("bible_lookup", {"name": "MARA"}, timeout=120)
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from continuity.errors import InputError
from studio.mcp import project as project_module

log = logging.getLogger(__name__)

#: The tools that run in the worker.
TOOLS = ("audit_script", "check_passage", "bible_lookup")
_LIMITS = ("MAX_SCRIPT_BYTES", "MAX_PASSAGE_BYTES", "MAX_BIBLE_BYTES", "MAX_NAME_CHARS", "MAX_CHECKS")
_PROJECT_ROOT = str(Path(__file__).resolve().parents[2])


class ToolWorker:
    """One child process running tool calls one at a time; killed on a deadline or a cancellation.

    Args:
        root: the project directory.
        settings: the continuity settings the child uses (sent to it as JSON).
    """

    def __init__(self, root: Path, settings: Any) -> None:
        self.root = Path(root)
        self.settings = settings
        self.proc: subprocess.Popen | None = None
        self._lock = None  # an anyio.Lock, made in the event loop on first use
        self.kills = 0

    def _start(self) -> subprocess.Popen:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [_PROJECT_ROOT, os.environ.get("PYTHONPATH")]))}
        proc = subprocess.Popen(
            [sys.executable, "-m", "studio.mcp.worker"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=None, env=env, cwd=str(self.root), close_fds=True,
        )
        # the child holds the same bounds as this process (module constants of studio.mcp.project)
        limits = {name: getattr(project_module, name) for name in _LIMITS}
        init = {"root": str(self.root), "settings": dataclasses.asdict(self.settings), "limits": limits}
        assert proc.stdin is not None
        proc.stdin.write((json.dumps(init) + "\n").encode())
        proc.stdin.flush()
        return proc

    def kill(self) -> None:
        """Stop the child now (SIGKILL); the next call starts another."""
        proc, self.proc = self.proc, None
        if proc is not None and proc.poll() is None:
            proc.kill()
            self.kills += 1
        if proc is not None:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:  # pragma: no cover - SIGKILL is not refused
                log.warning("tool worker %s did not exit after SIGKILL", proc.pid)
            for stream in (proc.stdin, proc.stdout):
                try:
                    stream.close()  # type: ignore[union-attr]
                except OSError:
                    pass

    def close(self) -> None:
        """Stop the child, if any."""
        self.kill()

    async def call(self, tool: str, args: dict[str, Any], timeout: float) -> dict[str, Any]:
        """Run ``tool`` with ``args`` in the child; at most ``timeout`` seconds, waiting included.

        Raises:
            InputError: the tool's own one-line error, the deadline passed (the work
                was stopped), or the worker died.
            anyio cancellation: the caller was cancelled; the work was stopped.
        """
        import anyio
        import anyio.to_thread

        if self._lock is None:
            self._lock = anyio.Lock()
        started = time.monotonic()
        try:
            with anyio.fail_after(timeout):
                async with self._lock:
                    if self.proc is None or self.proc.poll() is not None:
                        self.proc = self._start()
                    proc = self.proc
                    assert proc.stdin is not None and proc.stdout is not None
                    proc.stdin.write((json.dumps({"tool": tool, "args": args}) + "\n").encode())
                    proc.stdin.flush()
                    line = await anyio.to_thread.run_sync(proc.stdout.readline, abandon_on_cancel=True)
        except TimeoutError:
            self.kill()
            raise InputError(
                f"{tool} took longer than {timeout:g} s and was stopped (raise STUDIO_MCP_TIMEOUT for bigger jobs)"
            ) from None
        except BrokenPipeError:
            self.kill()
            raise InputError(f"{tool}: the worker process died; try again") from None
        except BaseException:
            self.kill()  # cancelled (the client went away, or cancelled the request): stop the work too
            raise
        if not line:
            code = self.proc.poll() if self.proc else None
            self.kill()
            raise InputError(f"{tool}: the worker process died (exit status {code}); try again")
        reply = json.loads(line)
        log.debug("%s took %.2f s", tool, time.monotonic() - started)
        if "error" in reply:
            raise InputError(reply["error"])
        return reply["ok"]


# -- the child -------------------------------------------------------------------------------


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(1)


def main() -> None:
    """The child: read the init line, then answer one JSON request per line until stdin closes."""
    from continuity.errors import StudioError
    from continuity.settings import Settings
    out = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)  # anything a library prints goes to stderr, never into the protocol
    sys.stdout = sys.stderr
    threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True).start()
    init = json.loads(sys.stdin.readline() or "{}")
    if not init:
        return
    known = {f.name for f in dataclasses.fields(Settings)}
    settings = Settings(**{k: v for k, v in init["settings"].items() if k in known})
    for name, value in init.get("limits", {}).items():
        if name in _LIMITS:
            setattr(project_module, name, int(value))
    project = project_module.Project(init["root"], settings)
    for line in sys.stdin:
        request = json.loads(line)
        tool = request.get("tool")
        try:
            if tool not in TOOLS:
                raise InputError(f"unknown tool {tool!r}")
            reply: dict[str, Any] = {"ok": getattr(project, tool)(**request.get("args", {}))}
        except StudioError as exc:
            reply = {"error": str(exc)}
        except Exception as exc:  # a bug: its traceback to stderr, one line to the caller
            log.exception("tool %s failed", tool)
            first = (str(exc).splitlines() or [""])[0]
            reply = {"error": f"internal error: {type(exc).__name__}: {first}"}
        out.write(json.dumps(reply, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
