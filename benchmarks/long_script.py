"""Benchmark `studio audit` on very long synthetic scripts: does time and memory grow linearly?

Writes a deterministic script of N scenes (a heading, an action paragraph that
describes a character's hair and coat, a cue and a line of dialogue; a cast of
twelve, eight places, day and night), then runs the whole `studio audit` command
on it with an empty embedding cache, --runs times per size, and reports the
median wall time and peak RSS, and the time per 1,000 scenes (flat when linear).

Usage:
    .venv/bin/python benchmarks/long_script.py [--scenes 12500 25000 50000] [--runs 3]
                                               [--embedder minilm|hashing]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STUDIO = [sys.executable, "-m", "studio.cli"]
CAST = ["MARA", "TOM", "ELI", "JUNE", "OSCAR", "PRIYA", "LEON", "NADIA", "VIC", "RUTH", "SAM", "IDA"]
PLACES = ["LIGHTHOUSE - LANTERN ROOM", "CLIFF PATH", "KEEPER'S COTTAGE - KITCHEN", "ISLAND JETTY",
          "HARBOUR OFFICE", "CHAPEL", "BOATHOUSE", "RADIO ROOM"]
HAIR = ["red", "black", "grey", "brown"]
COATS = ["green", "navy", "yellow", "grey"]


def write_script(path: Path, scenes: int) -> int:
    """Write the synthetic script; returns its size in bytes."""
    with open(path, "w", encoding="utf-8") as f:
        f.write("Title: Long Night\nAuthor: Benchmark\n\n")
        for i in range(scenes):
            who, other = CAST[i % len(CAST)], CAST[(i * 7 + 3) % len(CAST)]
            place = PLACES[(i * 5) % len(PLACES)]
            time_of_day = "NIGHT" if i % 3 == 0 else "DAY"
            hair, coat = HAIR[(i // len(CAST)) % len(HAIR)], COATS[(i // 3) % len(COATS)]
            f.write(
                f"{'INT' if i % 2 else 'EXT'}. {place} - {time_of_day}\n\n"
                f"{who.title()} pushes back her {hair} hair and buttons her {coat} coat. "
                f"{other.title()} watches from the door, saying nothing. The wind rattles the glass.\n\n"
                f"{who}\nWe go at first light, scene {i + 1}.\n\n"
            )
    return path.stat().st_size


def run_once(script: Path, cache: Path, embedder: str) -> tuple[float, int, int]:
    """Wall seconds, peak RSS (KiB) and exit status of one cold `studio audit`."""
    env = {**os.environ, "STUDIO_CACHE_DIR": str(cache), "STUDIO_EMBEDDER": embedder, "HF_HUB_OFFLINE": "1",
           "STUDIO_MAX_INPUT_MB": "100"}
    t0 = time.perf_counter()
    proc = subprocess.run(
        ["/usr/bin/time", "-f", "%M", *STUDIO, "audit", str(script), "--format", "json",
         "--out", str(cache.parent / "report.json"), "--fail-on", "never"],
        env=env, capture_output=True, text=True, cwd=ROOT,
    )
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"audit failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return wall, int(proc.stderr.strip().splitlines()[-1]), proc.returncode


def cpu_model() -> str:
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
    except OSError:
        return platform.processor() or "unknown"
    for line in out.splitlines():
        if line.startswith("Model name:"):
            return line.split(":", 1)[1].strip()
    return "unknown"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scenes", type=int, nargs="+", default=[12_500, 25_000, 50_000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--embedder", default="minilm", choices=["minilm", "hashing"])
    args = ap.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.scenes:
            script = Path(tmp) / f"long-{n}.fountain"
            size = write_script(script, n)
            walls, rsss = [], []
            for r in range(args.runs):
                cache = Path(tmp) / f"cache-{n}-{r}"  # empty: a cold run each time
                wall, rss, _ = run_once(script, cache, args.embedder)
                walls.append(wall)
                rsss.append(rss)
                print(f"{n} scenes run {r + 1}: {wall:.1f} s, peak RSS {rss / 1024:.0f} MiB", file=sys.stderr, flush=True)
            med = statistics.median(walls)
            results.append({
                "scenes": n, "bytes": size, "embedder": args.embedder, "runs": [round(w, 2) for w in walls],
                "median_s": round(med, 2), "peak_rss_mib": round(statistics.median(rsss) / 1024),
                "s_per_1000_scenes": round(med / n * 1000, 3),
            })
    print(json.dumps({"cpu": cpu_model(), "cores": os.cpu_count(), "python": platform.python_version(),
                      "results": results}, indent=2))


if __name__ == "__main__":
    main()
