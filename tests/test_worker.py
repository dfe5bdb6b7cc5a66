"""The embedded model's worker process: crashes and hangs fail a call, never the caller.

These run stand-in workers (no model needed): one that answers, one that segfaults,
one that hangs, one that prints to stdout as native code may.
"""

from __future__ import annotations

import os
import signal
import sys
import time

import pytest

from agents.backend import Completion, LLMTimeout, ModelCallError
from agents.worker import LlamaBackend, ModelCrashed, describe_exit

ANSWER = """
import sys
from agents.backend import Completion
from agents.worker import serve

class Engine:
    def complete(self, messages, schema, max_tokens):
        print("native noise on stdout", flush=True)
        return Completion(text=messages[-1]["content"].upper(), prompt_tokens=3, completion_tokens=max_tokens)

import os
replies = os.fdopen(os.dup(1), "w")
os.dup2(2, 1)
serve(Engine(), sys.stdin, replies)
"""

SEGFAULT = """
import os, signal, sys
sys.stdin.readline()
os.kill(os.getpid(), signal.SIGSEGV)
"""

# Crashes on its first life (when the marker file is missing), answers on the next.
CRASH_ONCE = """
import os, signal, sys
marker = sys.argv[1]
if not os.path.exists(marker):
    open(marker, "w").close()
    sys.stdin.readline()
    os.kill(os.getpid(), signal.SIGSEGV)
""" + ANSWER

HANG = """
import sys, time
sys.stdin.readline()
time.sleep(600)
"""

USER = [{"role": "user", "content": "hello"}]


@pytest.fixture
def model_file(tmp_path):
    path = tmp_path / "model.gguf"
    path.write_bytes(b"GGUF")
    return str(path)


def backend(model_file, code, *args, timeout=None):
    return LlamaBackend(model_file, command=[sys.executable, "-c", code, *args], timeout=timeout)


def test_answers_through_the_pipe_despite_stdout_noise(model_file):
    b = backend(model_file, ANSWER)
    try:
        assert b.complete(USER, None, 5) == Completion("HELLO", "stop", 3, 5)
        pid = b._proc.pid
        assert b.complete([{"role": "user", "content": "again"}], {"title": "X"}, 2).text == "AGAIN"
        assert b._proc.pid == pid  # one worker serves every call
    finally:
        b.close()


def test_a_segfault_fails_the_call_then_stops_the_run_with_the_cause(model_file):
    b = backend(model_file, SEGFAULT)
    with pytest.raises(ModelCrashed, match=r"killed by SIGSEGV \(segmentation fault\).*scripts/setup.sh"):
        b.complete(USER, None, 5)
    assert isinstance(ModelCrashed("x"), LLMTimeout)  # retried like a timeout
    with pytest.raises(ModelCallError, match="SIGSEGV.*2 times in a row.*studio doctor"):
        b.complete(USER, None, 5)


def test_a_crash_is_retried_on_a_fresh_worker(model_file, tmp_path):
    b = backend(model_file, CRASH_ONCE, str(tmp_path / "crashed"))
    try:
        with pytest.raises(ModelCrashed):
            b.complete(USER, None, 5)
        assert b.complete(USER, None, 5).text == "HELLO"
    finally:
        b.close()


def test_a_hung_call_times_out_and_the_worker_is_killed(model_file):
    b = backend(model_file, HANG)
    started = time.monotonic()
    with pytest.raises(LLMTimeout, match="no answer within 0.5 s"):
        _call_after_start(b, 0.5)
    assert time.monotonic() - started < 30
    assert b._proc is None


def _call_after_start(b, timeout):
    # The first call allows the worker START_SECONDS to load; a started worker does not get it.
    b._start()
    b._fresh = False
    proc = b._proc
    try:
        return b.complete(USER, None, 5, timeout=timeout)
    finally:
        assert proc.poll() is not None, "the hung worker must be killed"


def test_the_run_budget_becomes_the_call_timeout(model_file):
    from pydantic import BaseModel

    from agents.llm import Budget, StructureError, make_llm

    class Out(BaseModel):
        x: int

    b = backend(model_file, HANG)
    b._start()
    b._fresh = False
    llm = make_llm(b, Budget(max_seconds=1.0), retries=0)
    started = time.monotonic()
    with pytest.raises(StructureError) as info:
        llm.call([{"role": "user", "content": "x"}], response_model=Out)
    assert info.value.kind == "timeout"
    assert time.monotonic() - started < 20


def test_describe_exit():
    assert describe_exit(-signal.SIGSEGV) == "killed by SIGSEGV (segmentation fault)"
    assert describe_exit(-signal.SIGILL) == "killed by SIGILL (illegal instruction)"
    assert describe_exit(3) == "exited with status 3"


def test_worker_dies_with_the_proxy(model_file):
    b = backend(model_file, ANSWER)
    b.complete(USER, None, 1)
    proc = b._proc
    del b
    import gc

    gc.collect()
    for _ in range(50):
        if proc.poll() is not None:
            break
        time.sleep(0.1)
    assert proc.poll() is not None
    assert not os.path.exists(f"/proc/{proc.pid}/status") or proc.returncode is not None


def test_a_crashing_model_stops_generate_with_one_line_and_a_resume_hint(model_file, tmp_path, monkeypatch):
    monkeypatch.setenv("STUDIO_EMBEDDER", "hashing")
    monkeypatch.setenv("CREWAI_STORAGE_DIR", str(tmp_path / "crewai"))
    from studio.generation.runs import RunOptions, run_generate
    from tests.conftest import ROOT

    ferry = ROOT / "assets" / "examples" / "ferry"
    with pytest.raises(ModelCallError) as info:
        run_generate(RunOptions(treatment=ferry / "treatment.md", bible=ferry / "bible.yaml", out=tmp_path / "out",
                                project=tmp_path / "proj", llm="embedded"),
                     backend=backend(model_file, SEGFAULT))
    message = str(info.value)
    assert "killed by SIGSEGV" in message and "studio generate --resume" in message
    assert info.value.exit_code == 1


def test_the_worker_outlives_the_thread_that_started_it(model_file):
    """Regression: PR_SET_PDEATHSIG killed the worker when the starting thread ended."""
    import threading

    b = LlamaBackend(model_file, command=[sys.executable, "-c", WATCHED], timeout=30)
    try:
        t = threading.Thread(target=lambda: b.complete(USER, None, 3))
        t.start()
        t.join()
        pid = b._proc.pid
        time.sleep(2.5)  # the watchdog polls every second
        assert b._proc.poll() is None
        assert b.complete(USER, None, 3).text == "HELLO" and b._proc.pid == pid
    finally:
        b.close()


# The real worker's start-up (the parent watchdog) with a stand-in engine.
WATCHED = ANSWER.replace("import os\n", "import os\nfrom agents.worker import _die_with_parent\n_die_with_parent(0.2)\n", 1)
assert WATCHED != ANSWER


def test_the_worker_exits_when_its_parent_is_killed_mid_call(model_file, tmp_path):
    import subprocess

    worker = "from agents.worker import _die_with_parent\n_die_with_parent(0.2)\n" + HANG
    parent = (
        "import sys, threading, time\n"
        "from agents.worker import LlamaBackend\n"
        f"b = LlamaBackend({model_file!r}, command=[sys.executable, '-c', {worker!r}], timeout=600)\n"
        "threading.Thread(target=lambda: b.complete([{'role': 'user', 'content': 'x'}], None, 1), daemon=True).start()\n"
        "while b._proc is None: time.sleep(0.05)\n"
        "print(b._proc.pid, flush=True)\n"
        "time.sleep(600)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", parent], stdout=subprocess.PIPE, text=True)
    pid = int(proc.stdout.readline())
    proc.kill()
    proc.wait(timeout=10)
    for _ in range(100):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        if open(f"/proc/{pid}/stat").read().split()[2] == "Z":
            break  # a zombie: exited, waiting for init to reap it
        time.sleep(0.1)
    else:
        status = open(f"/proc/{pid}/status").read()
        os.kill(pid, signal.SIGKILL)
        raise AssertionError("the worker outlived its parent: " + status.replace("\n", " | ")[:400])
