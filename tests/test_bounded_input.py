"""Bounded work: reads that never block or exhaust memory, paragraphs with a size cap, linear pronouns.

Every test here has a hard bound of its own (a subprocess timeout or a thread join),
so a regression fails instead of hanging the run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from continuity.errors import InputError
from continuity.screenplay.io import load_script, read_bytes

ROOT = Path(__file__).resolve().parents[1]


def studio(*args: str, env: dict[str, str] | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    """``studio ARGS`` in a subprocess, killed after ``timeout`` seconds."""
    full = {**os.environ, "STUDIO_EMBEDDER": "hashing", **(env or {})}
    return subprocess.run([sys.executable, "-m", "studio.cli", *args], capture_output=True, text=True,
                          timeout=timeout, env=full, cwd=ROOT)


def test_a_fifo_is_refused_at_once(tmp_path):
    fifo = tmp_path / "fifo.fountain"
    os.mkfifo(fifo)
    result: dict[str, object] = {}

    def read():
        try:
            read_bytes(fifo)
        except InputError as exc:
            result["error"] = str(exc)

    t = threading.Thread(target=read, daemon=True)
    t.start()
    t.join(10)
    if t.is_alive():  # unblock a reader stuck in open() before failing
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    assert not t.is_alive() and "not a regular file" in str(result.get("error"))


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_devices_are_refused_by_the_cli_with_exit_2(device):
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    r = studio("audit", device, timeout=60)
    assert r.returncode == 2 and "not a regular file" in r.stderr
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_the_cli_on_a_fifo_exits_2_quickly(tmp_path):
    fifo = tmp_path / "fifo.fountain"
    os.mkfifo(fifo)
    started = time.monotonic()
    r = studio("audit", str(fifo), timeout=60)
    assert r.returncode == 2 and "not a regular file" in r.stderr and time.monotonic() - started < 30


def test_a_huge_sparse_file_is_refused_from_stat_before_reading(tmp_path):
    big = tmp_path / "big.fountain"
    with open(big, "wb") as f:
        f.truncate(3 * 1024**3)  # 3 GB, sparse: nothing on disk
    started = time.monotonic()
    with pytest.raises(InputError, match=r"too large \(3,221,225,472 bytes; the limit is 10,000,000; set STUDIO_MAX_INPUT_MB"):
        read_bytes(big)
    assert time.monotonic() - started < 2


def test_the_limit_is_a_setting(tmp_path, monkeypatch):
    path = tmp_path / "s.fountain"
    path.write_text("INT. LAB - DAY\n\n" + "Mara waits. " * 200 + "\n")
    monkeypatch.setenv("STUDIO_MAX_INPUT_MB", "0.001")
    with pytest.raises(InputError, match="too large"):
        load_script(path)
    monkeypatch.setenv("STUDIO_MAX_INPUT_MB", "1")
    assert load_script(path).scenes
    monkeypatch.setenv("STUDIO_MAX_INPUT_MB", "-3")
    with pytest.raises(InputError, match="max_input_mb must be a positive number"):
        load_script(path)


def test_bible_reads_are_bounded_too(tmp_path, monkeypatch):
    from continuity.bible.load import load_bible

    os.mkfifo(tmp_path / "bible.yaml")
    with pytest.raises(InputError, match="not a regular file"):
        load_bible(tmp_path / "bible.yaml")


# -- one long paragraph ---------------------------------------------------------------------


def test_a_paragraph_over_the_cap_is_refused_with_a_clear_error(tmp_path):
    """5 MB in one action paragraph: refused in seconds, naming the line and the limit."""
    path = tmp_path / "long.fountain"
    path.write_text("INT. LAB - DAY\n\n" + "She looks at the red door. " * 190_000 + "\n")
    assert path.stat().st_size > 5_000_000
    started = time.monotonic()
    r = studio("audit", str(path), timeout=120)
    elapsed = time.monotonic() - started
    assert r.returncode == 2 and "long.fountain: line 3: one paragraph of" in r.stderr and "65,536" in r.stderr
    assert elapsed < 30, elapsed


def test_many_paragraphs_of_5_mb_finish(tmp_path):
    """The same 5 MB as ordinary paragraphs and scenes is audited, not refused, in bounded time."""
    scene = ("INT. LAB - DAY\n\nMara studies the red door. She frowns. Tom waits by the window.\n\n"
             "MARA\nWe leave at dawn.\n\n")
    path = tmp_path / "many.fountain"
    path.write_text(scene * (5_000_000 // len(scene) + 1))
    r = studio("audit", str(path), "--format", "json", "--checks", "appearance,wardrobe,name", timeout=300)
    assert r.returncode in (0, 1), r.stderr[-2000:]


def test_previous_named_is_linear_in_a_paragraph():
    """20,000 pronoun sentences in one paragraph: the old walk-back took ~2e8 steps; now it is one pass."""
    from continuity.story.sentences import Cast, Reader, Sentence

    n = 20_000
    sentences = [Sentence(i, 1, 3, "She waits by the door." if i else "Mara waits.", "action", None, 0) for i in range(n)]
    reader = Reader(Cast({"MARA": []}), sentences)
    started = time.monotonic()
    answers = [reader._previous_named(s, "f") for s in sentences]
    assert time.monotonic() - started < 5
    assert answers[0] is None and set(answers[1:]) == {"MARA"}
    # a paragraph boundary resets it; a possessive never counts
    other = [Sentence(0, 1, 3, "Mara's coat.", "action", None, 0), Sentence(1, 1, 4, "She waits.", "action", None, 0),
             Sentence(2, 1, 5, "Mara sits.", "action", None, 1), Sentence(3, 1, 6, "She waits.", "action", None, 2)]
    r = Reader(Cast({"MARA": []}), other)
    assert [r._previous_named(s, None) for s in other] == [None, None, None, None]
