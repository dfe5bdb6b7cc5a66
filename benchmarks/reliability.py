"""Benchmark how reliably `studio generate` turns a treatment into a consistent script.

A thin wrapper over :func:`studio.bench.reliability` (the same code as
`studio bench reliability`) that prints the result as JSON plus the Markdown table
docs/BENCHMARKS.md records, with the machine and the wall time.

Usage:
    .venv/bin/python benchmarks/reliability.py [--runs 50] [--seed 0] [--faults-scale 1]
        [--embedder minilm|hashing] [--max-attempts 3] [--json-out FILE]
Defaults to the ferry example (assets/examples/ferry/).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from studio.bench.reliability import DEFAULT_BIBLE, DEFAULT_TREATMENT, isolated_home, markdown_table, reliability  # noqa: E402


def main() -> None:
    """Parse the arguments, run the benchmark, print JSON and the Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--faults-scale", type=float, default=1.0)
    parser.add_argument("--max-attempts", type=int, default=3)
    parser.add_argument("--embedder", choices=("minilm", "hashing"), default="minilm")
    parser.add_argument("--treatment", type=Path, default=DEFAULT_TREATMENT)
    parser.add_argument("--bible", type=Path, default=DEFAULT_BIBLE)
    parser.add_argument("--json-out", type=Path, help="Also write the JSON report here.")
    args = parser.parse_args()

    from agents.faults import Faults
    from continuity.settings import Settings

    settings = replace(Settings.load(), embedder=args.embedder)  # before HOME moves: the user's cache
    t0 = time.perf_counter()
    with isolated_home():
        report = reliability(args.runs, seed=args.seed, treatment=args.treatment, bible=args.bible,
                             faults=Faults().scaled(args.faults_scale), max_attempts=args.max_attempts,
                             settings=settings)
    report["wall_seconds"] = round(time.perf_counter() - t0, 1)
    report["faults_scale"] = args.faults_scale
    report["machine"] = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    report["date"] = dt.date.today().isoformat()
    text = json.dumps(report, indent=2)
    if args.json_out:
        args.json_out.write_text(text + "\n", encoding="utf-8")
    print(text)
    print()
    print(markdown_table(report))


if __name__ == "__main__":
    main()
