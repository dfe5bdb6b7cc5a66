"""Benchmark `studio audit` on a full-length screenplay.

Measures, each as the median of --runs runs on this machine:
  * cold: the whole command with an empty embedding cache (model load included);
  * warm: the whole command again after editing one scene (cache filled);
  * peak RSS of the cold command;
  * the encode floor: sentence-transformers' raw encode time of all the script's
    sentences (model already loaded, batch 64), and the same for our encoder.

Usage:
    .venv/bin/python benchmarks/audit_speed.py [SCRIPT] [--runs 3]
Defaults to ../shared/corpus/screenplays/Big-Fish.fountain.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpus" / "screenplays" / "Big-Fish.fountain"
STUDIO = [sys.executable, "-m", "studio.cli"]


def run_cli(script: Path, cache: Path) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one `studio audit` command."""
    env = {**os.environ, "STUDIO_CACHE_DIR": str(cache), "HF_HUB_OFFLINE": "1"}
    t0 = time.perf_counter()
    proc = subprocess.run(
        ["/usr/bin/time", "-f", "%M", *STUDIO, "audit", str(script), "--format", "json", "--out", os.devnull, "--fail-on", "never"],
        env=env, capture_output=True, text=True, cwd=ROOT,
    )
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"audit failed ({proc.returncode}):\n{proc.stderr}")
    rss = int(proc.stderr.strip().splitlines()[-1])
    return wall, rss


def edit_one_scene(path: Path, n: int) -> None:
    """Append a new action sentence after the heading of scene ~middle."""
    lines = path.read_text(encoding="utf-8").splitlines()
    from continuity.screenplay.heading import is_heading

    heads = [i for i, line in enumerate(lines) if is_heading(line)]
    i = heads[len(heads) // 2]
    lines.insert(i + 1, f"\nA gull lands on the railing and watches, edit number {n}.")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def encode_floor(script: Path) -> dict:
    from continuity.language.minilm import MiniLM, model_dir
    from continuity.screenplay.io import load_script
    from continuity.story.sentences import sentences_of

    texts = [s.text for s in sentences_of(load_script(script))]
    from sentence_transformers import SentenceTransformer

    st = SentenceTransformer(str(model_dir()), device="cpu")
    st.encode(texts[:64], batch_size=64)
    t0 = time.perf_counter()
    st.encode(texts, batch_size=64, normalize_embeddings=True)
    st_s = time.perf_counter() - t0
    ours = MiniLM()
    ours.encode(texts[:8])
    t0 = time.perf_counter()
    ours.encode(texts)
    ours_s = time.perf_counter() - t0
    return {"sentences": len(texts), "sentence_transformers_s": st_s, "ours_s": ours_s}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("script", nargs="?", default=str(DEFAULT))
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    src = Path(args.script)
    if not src.is_file():
        raise SystemExit(f"not found: {src}")
    colds, rsss, warms, floors = [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(args.runs):
            work = Path(tmp) / f"run{r}"
            work.mkdir()
            script = work / src.name
            shutil.copy(src, script)
            cache = work / "cache"
            wall, rss = run_cli(script, cache)
            colds.append(wall)
            rsss.append(rss)
            edit_one_scene(script, r)
            warms.append(run_cli(script, cache)[0])
            print(f"run {r + 1}: cold {wall:.2f}s (peak RSS {rss / 1024:.0f} MiB), warm after edit {warms[-1]:.2f}s", file=sys.stderr)
        for r in range(args.runs):
            floors.append(encode_floor(src))
    floor_st = statistics.median(f["sentence_transformers_s"] for f in floors)
    floor_ours = statistics.median(f["ours_s"] for f in floors)
    result = {
        "script": src.name,
        "sentences": floors[0]["sentences"],
        "runs": args.runs,
        "cold_s": round(statistics.median(colds), 2),
        "warm_after_edit_s": round(statistics.median(warms), 2),
        "peak_rss_mib": round(statistics.median(rsss) / 1024),
        "encode_floor_sentence_transformers_s": round(floor_st, 2),
        "encode_floor_ours_s": round(floor_ours, 2),
        "cold_over_floor": round(statistics.median(colds) / floor_st, 2),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
    }
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result["benchmark_process_rss_mib"] = round(peak / 1024)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
