"""Identity score of the bundled example's storyboard, in the spirit of ViStoryBench.

ViStoryBench scores character identity as the similarity of each character's crop
across shots. Here each character's figure colours (torso and head, read back from
the rendered pixels in the boxes the shot list places them in) are compared from
one appearance to the next: similarity ``1 - ΔE/50`` (CIEDE2000, lightness weighted
half), averaged over torso and head. Printed per character: appearances measured,
the mean similarity, every drop below 1.0, and whether the board records a costume
change there (the bible's wardrobe by scene range, or the script's costume
timeline). Then the same for a planted change: one shot of the example dressed
differently in the shot list, found from the PNGs alone.

Usage:
    .venv/bin/python benchmarks/identity_score.py [--width 960] [--no-script]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "assets" / "examples" / "lighthouse"
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--width", type=int, default=960)
    ap.add_argument("--no-script", action="store_true", help="the bible alone (no costume timeline from the script)")
    args = ap.parse_args()

    from continuity.api import load_bible, load_script, script_costumes
    from continuity.visual.checks import audit_frames
    from continuity.visual.shots_json import load_shots
    from studio.storyboard.sheet import write_storyboard

    bible, shots = load_bible(EXAMPLE / "bible.yaml"), load_shots(EXAMPLE / "shots.json")
    t0 = time.perf_counter()
    costumes = None if args.no_script else script_costumes(load_script(EXAMPLE / "script.fountain"), bible)
    read = time.perf_counter() - t0
    tmp = Path(tempfile.mkdtemp(prefix="identity-"))
    result = write_storyboard(shots, tmp / "board", bible=bible, width=args.width, costumes=costumes)
    print(f"machine: {_cpu()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print(f"{len(shots.shots)} panels at {args.width} px; looks and wardrobe from the bible"
          + ("" if args.no_script else f" and the script (read in {read:.1f} s)")
          + f"; {len(result.report.findings)} visual findings\n")
    _table(result.report.identity)

    data = json.loads((EXAMPLE / "shots.json").read_text())
    for shot in data["shots"]:
        if shot["number"] == "3B":  # Mara on the cliff path in a yellow coat, between shots in her green one
            shot["subjects"][0]["wardrobe"] = "yellow coat"
    data["script"] = None
    planted = tmp / "planted.json"
    planted.write_text(json.dumps(data))
    write_storyboard(load_shots(planted), tmp / "planted", bible=bible, width=args.width, costumes=costumes)
    report = audit_frames(sorted((tmp / "planted").glob("*.png")), bible, shots)
    print("\nPlanted: MARA in a yellow coat in shot 3B (shot list only); audit-frames on the PNGs against the plan:\n")
    _table(report.identity, recorded=False)
    print()
    for f in report.findings:
        print(f"- {dict(f.extra)['check']} {dict(f.extra)['shot']}: {f.message}")


def _table(identity: dict, recorded: bool = True) -> None:
    print("| character | appearances | identity score | drops (similarity" + (", recorded change" if recorded else "")
          + ") |")
    print("|---|---|---|---|")
    for name, row in identity.items():
        drops = ", ".join(
            f"{d['from']}->{d['to']} ({d['similarity']:.2f}" + (f", {'yes' if d.get('recorded') else 'NO'}" if recorded else "")
            + ")" for d in row["drops"]) or "none"
        print(f"| {name} | {row['appearances']} | {row['score']:.4f} | {drops} |")
    if recorded:
        drops = sum(len(r["drops"]) for r in identity.values())
        changes = sum(r.get("recorded_changes", 0) for r in identity.values())
        matched = sum(1 for r in identity.values() for d in r["drops"] if d.get("recorded"))
        print(f"\ndrops: {drops}, recorded changes between appearances: {changes}, drops at a recorded change: {matched}")


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
