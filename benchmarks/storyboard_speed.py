"""Benchmark storyboard rendering and frame auditing on a 60-shot sequence.

The sequence is the bundled example's hand-written shot list, extended to 60 shots
by repeating its first shots as new scenes. Measures, each as the median of --runs
runs, in this process (imports excluded):
  * render: panels drawn and captioned in memory (the schematic renderer);
  * write: the whole `studio storyboard` work: render, 60 PNGs, the PDF contact
    sheet, the HTML page and the visual checks on the panels;
  * audit PNG: `audit_frames` over the 60 panel PNGs written (load, analyse, check);
  * audit JPEG: the same over 60 1920x1080 JPEG stills (the panels' pictures
    scaled up), as real frames from a camera or an edit would be.
Also the whole `studio audit-frames` command over the panels (Python start-up and
imports included) once.

Usage:
    .venv/bin/python benchmarks/storyboard_speed.py [--runs 3] [--shots 60]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "assets" / "examples" / "lighthouse"
sys.path.insert(0, str(ROOT))


def sequence(n: int):
    """The example's shot list extended to ``n`` shots (repeats become new scenes)."""
    from continuity.visual.shots import SceneHeading, ShotList
    from continuity.visual.shots_json import load_shots

    base = load_shots(EXAMPLE / "shots.json")
    last = max(s.scene for s in base.shots)
    shots, scenes = [], {h.index: h for h in base.scenes}
    for i in range(n):
        lap, k = divmod(i, len(base.shots))
        s = base.shots[k]
        if lap:
            scene = s.scene + lap * last
            h = base.scene(s.scene)
            scenes.setdefault(scene, SceneHeading(scene, h.heading, h.time, h.location, h.setting))
            s = replace(s, scene=scene, number=f"{s.number}R{lap}")
        shots.append(s)
    used = {s.scene for s in shots}
    return ShotList(shots=tuple(shots), title=f"{base.title} ({n} shots)",
                    scenes=tuple(h for i, h in sorted(scenes.items()) if i in used))


def timed(fn, cpu: list[float] | None = None) -> float:
    """Wall-clock seconds of ``fn()``; its CPU seconds (this process) appended to ``cpu``."""
    t0, c0 = time.perf_counter(), time.process_time()
    fn()
    if cpu is not None:
        cpu.append(time.process_time() - c0)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--shots", type=int, default=60)
    args = ap.parse_args()

    from PIL import Image

    from continuity.bible.load import load_bible
    from continuity.visual.checks import audit_frames
    from studio.storyboard.sheet import render_panels, write_storyboard

    bible = load_bible(EXAMPLE / "bible.yaml")
    shots = sequence(args.shots)
    n = len(shots.shots)
    tmp = Path(tempfile.mkdtemp(prefix="storyboard-bench-"))
    board, stills = tmp / "board", tmp / "stills"
    stills.mkdir()
    render, write, audit_png, audit_jpg, render_cpu = [], [], [], [], []
    load = os.getloadavg()[0]
    for _ in range(args.runs):
        render.append(timed(lambda: render_panels(shots, bible), render_cpu))
        write.append(timed(lambda: write_storyboard(shots, board, bible=bible)))
    pngs = sorted(board.glob("*.png"))
    for p in pngs:
        with Image.open(p) as im:
            picture = im.crop(tuple(int(v) for v in im.info["studio:frame"].split(",")))
        picture.resize((1920, 1080), Image.Resampling.BICUBIC).save(stills / (p.stem + ".jpg"), quality=90)
    jpgs = sorted(stills.glob("*.jpg"))
    for _ in range(args.runs):
        audit_png.append(timed(lambda: audit_frames(pngs, bible, shots)))
        audit_jpg.append(timed(lambda: audit_frames(jpgs, bible, shots)))
    report = audit_frames(pngs, bible, shots)
    assert len(report.images) == n and not report.errors

    shots_file = tmp / "shots.json"
    from continuity.visual.shots import dumps

    shots_file.write_text(dumps(shots), encoding="utf-8")
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "studio.cli", "audit-frames", str(board), "--bible", str(EXAMPLE / "bible.yaml"),
         "--shots", str(shots_file), "--fail-on", "never"],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ},
    )
    cli = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(proc.stderr)

    med = statistics.median
    print(f"machine: {_cpu()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print(f"{n} shots, {len(report.findings)} visual findings on the panels, median of {args.runs} runs, "
          f"load average {load:.1f} at the start, {os.getloadavg()[0]:.1f} at the end\n")
    print("| measure | time | rate |")
    print("|---|---|---|")
    print(f"| render {n} panels (960 px wide, in memory) | {med(render):.2f} s | **{n / med(render):.0f} panels/s** |")
    print(f"| render, CPU time of this process (what other jobs on the machine do not slow) | {med(render_cpu):.2f} s "
          f"| {n / med(render_cpu):.0f} panels/s |")
    print(f"| write the storyboard folder (render + PNGs + PDF + HTML + checks) | {med(write):.2f} s | {n / med(write):.0f} panels/s |")
    print(f"| audit {n} panel PNGs (load + analyse + check) | {med(audit_png):.2f} s | **{n / med(audit_png):.0f} frames/s** |")
    print(f"| audit {n} 1920x1080 JPEG stills | {med(audit_jpg):.2f} s | **{n / med(audit_jpg):.0f} frames/s** |")
    print(f"| `studio audit-frames` command over the panels (start-up included, 1 run) | {cli:.2f} s | |")
    print("\nper run (render / write / audit PNG / audit JPEG): " + ", ".join(
        f"{a:.2f}/{b:.2f}/{c:.2f}/{d:.2f}" for a, b, c, d in zip(render, write, audit_png, audit_jpg)))


def _cpu() -> str:
    """The CPU model (from /proc/cpuinfo where there is one)."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


if __name__ == "__main__":
    main()
