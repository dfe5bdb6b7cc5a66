"""studio doctor: each runtime piece checked in a child process, a crash reported with its fix."""

from __future__ import annotations

import json
import subprocess
import sys

from studio import doctor


def test_a_crashing_piece_is_reported_with_its_cause_and_fix():
    check = doctor._run("piece", "import os, signal; os.kill(os.getpid(), signal.SIGSEGV)", "unused", timeout=60)
    assert check.status == "fail"
    assert check.detail == "killed by SIGSEGV (segmentation fault)"
    assert "scripts/setup.sh" in check.fix and "studio doctor" in check.fix


def test_a_failing_piece_shows_its_last_error_line():
    check = doctor._run("piece", "raise ImportError('no module named x')", "install x", timeout=60)
    assert (check.status, check.fix) == ("fail", "install x")
    assert "no module named x" in check.detail


def test_a_hanging_piece_times_out():
    check = doctor._run("piece", "import time; time.sleep(60)", "fix it", timeout=1)
    assert check.status == "fail" and "no answer within 1 s" in check.detail


def test_doctor_json_reports_every_piece():
    done = subprocess.run([sys.executable, "-m", "studio.cli", "doctor", "--json"], capture_output=True, text=True,
                          timeout=600)
    report = json.loads(done.stdout)
    names = [c["name"] for c in report["checks"]]
    assert names == ["embedded model", "embedder", "chromium", "mcp sdk"]
    required_ok = all(c["status"] == "ok" for c in report["checks"] if c["required"])
    assert report["ok"] is required_ok
    assert done.returncode == (0 if required_ok else 1)
    for c in report["checks"]:
        assert set(c) == {"name", "status", "detail", "fix", "required", "seconds"}
        assert c["status"] == "ok" or c["fix"]
