"""Season audits: scenes per second in this process, in 2 local processes and on Ray (2 CPUs).

A full-length feature (Big Fish) is cut into an N-episode season at scene headings;
each mode audits it cold (an empty cache folder of its own) with the real model.
Per mode: wall time, scenes per second, the workers' peak memory (ru_maxrss of each
worker process), and the time the driver spent writing the caches (the one writer).

    .venv/bin/python benchmarks/season_speed.py --episodes 12 --modes seq,local2,ray2

Prints a Markdown table and writes the raw figures as JSON (``--json FILE``).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from continuity.season.engine import LocalEngine, Unit, run_units  # noqa: E402
from continuity.season.manifest import season_of  # noqa: E402
from continuity.settings import Settings  # noqa: E402

_HEADING_RE = re.compile(r"^(?:INT|EXT|EST|INT\./EXT|INT/EXT|EXT/INT|I/E)[. ]", re.M)


def cut(source: Path, folder: Path, episodes: int) -> list[Path]:
    """``source`` cut into ``episodes`` Fountain files at scene headings."""
    text = source.read_text(encoding="utf-8")
    starts = [m.start() for m in _HEADING_RE.finditer(text)]
    per = max(1, len(starts) // episodes)
    cuts = [starts[k * per] for k in range(episodes)] + [len(text)]
    paths = []
    for k in range(episodes):
        p = folder / f"ep{k + 1:02d}.fountain"
        p.write_text(f"Title: Episode {k + 1}\n\n" + text[cuts[k]:cuts[k + 1]], encoding="utf-8")
        paths.append(p)
    return paths


def cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return "unknown"


def run_mode(mode: str, paths: list[Path], tmp: Path) -> dict:
    settings = Settings(cache_dir=str(tmp / f"cache-{mode}"), embedder="minilm")
    if mode == "seq":
        engine = LocalEngine(settings, 1)
    elif mode.startswith("local"):
        engine = LocalEngine(settings, int(mode[5:]))
    else:
        from continuity.season.ray_engine import RayEngine

        engine = RayEngine(settings, "local", workers=int(mode[3:]))
    load0 = os.getloadavg()[0]
    t0 = time.perf_counter()
    try:
        [result] = run_units([Unit(season_of(paths))], engine, settings)
    finally:
        wall_run = time.perf_counter() - t0
        engine.close()
    if result.error:
        raise SystemExit(result.error)
    episodes = [s for s in result.stats if s["episode"] is not None]
    cross = [s for s in result.stats if s["episode"] is None][0]
    rss: dict[int, float] = {}
    for s in result.stats:
        rss[s["pid"]] = max(rss.get(s["pid"], 0.0), s["rss_mb"])
    scenes = len(result.report.scenes)
    sentences = sum(s["sentences"] for s in episodes)
    return {
        "mode": mode, "workers": engine.workers, "scenes": scenes, "sentences": sentences,
        "wall_s": round(wall_run, 2), "scenes_per_s": round(scenes / wall_run, 2),
        "episode_jobs_s": round(sum(s["seconds"] for s in episodes), 2), "cross_pass_s": cross["seconds"],
        "encoded": sum(s["encoded"] for s in result.stats), "parsed": sum(s["parsed"] for s in result.stats),
        "cross_parsed": cross["parsed"], "cross_encoded": cross["encoded"],
        "worker_rss_mb": sorted(rss.values()), "findings": len(result.report.findings),
        "load_before": round(load0, 2), "load_after": round(os.getloadavg()[0], 2),
        "ms_per_sentence_job": round(1000 * sum(s["seconds"] for s in episodes) / max(sentences, 1), 2),
    }


def writer_rate(tmp: Path, sentences: int = 30_000) -> dict:
    """The one writer's throughput: vectors and parse rows stored per second, and the driver's pickling.

    ``sentences`` random vectors (384 floats) and one parse row per 6 sentences (the
    season's measured ratio: 511 parses for 2,995 sentences) are handed to
    :class:`continuity.season.work.Writer` as results of 250 sentences (one episode job each).
    """
    import hashlib
    import pickle

    import numpy as np

    from continuity.season.work import Result, Writer

    writer = Writer(Settings(cache_dir=str(tmp / "cache-writer"), embedder="minilm"))
    rng = np.random.default_rng(0)
    row = [["word", "word", "NOUN", "NN", "dobj", 0, 0, 4]] * 14  # a 14-token sentence's rows
    results = []
    for start in range(0, sentences, 250):
        vecs = {hashlib.sha256(f"v{i}".encode()).digest(): rng.standard_normal(384).astype("float32")
                for i in range(start, start + 250)}
        parses = {hashlib.sha256(f"p{i}".encode()).digest(): row for i in range(start, start + 250, 6)}
        results.append(Result(0, 1, vectors=vecs, parses=parses))
    t0 = time.perf_counter()
    blobs = [pickle.dumps(r, protocol=pickle.HIGHEST_PROTOCOL) for r in results]
    back = [pickle.loads(b) for b in blobs]
    pickling = time.perf_counter() - t0
    t0 = time.perf_counter()
    for r in back:
        writer.save(r)
    writing = time.perf_counter() - t0
    return {"sentences": sentences, "write_s": round(writing, 2), "sentences_per_s_written": round(sentences / writing),
            "pickle_roundtrip_s": round(pickling, 2), "mb_per_1000_sentences": round(
                sum(len(b) for b in blobs) / sentences * 1000 / 2**20, 2)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", default=str(ROOT.parent / "shared" / "corpus" / "screenplays" / "Big-Fish.fountain"))
    ap.add_argument("--episodes", type=int, default=12)
    ap.add_argument("--modes", default="seq,local2,ray2")
    ap.add_argument("--json", default="")
    args = ap.parse_args()
    if any(m.startswith("ray") for m in args.modes.split(",")):
        os.environ.setdefault("RAY_AUTH_MODE", "token")
        os.environ.setdefault("RAY_AUTH_TOKEN", secrets.token_hex(32))
    with tempfile.TemporaryDirectory(prefix="season-bench-") as tmp:
        paths = cut(Path(args.source), Path(tmp), args.episodes)
        rows = []
        for mode in args.modes.split(","):
            row = run_mode(mode, paths, Path(tmp))
            rows.append(row)
            print(json.dumps(row), flush=True)
    print(f"\nCPU: {cpu_model()}, {os.cpu_count()} cores\n")
    print("| mode | workers | scenes | wall (s) | scenes/s | episode jobs (s, summed) | cross pass (s) | "
          "worker peak RSS (MiB) | load before/after |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['mode']} | {r['workers']} | {r['scenes']} | {r['wall_s']} | {r['scenes_per_s']} | "
              f"{r['episode_jobs_s']} | {r['cross_pass_s']} | {', '.join(f'{x:.0f}' for x in r['worker_rss_mb'])} | "
              f"{r['load_before']} / {r['load_after']} |")
    with tempfile.TemporaryDirectory(prefix="season-writer-") as tmp:
        w = writer_rate(Path(tmp))
    print(f"\nThe one writer: {w}")
    if args.json:
        Path(args.json).write_text(json.dumps({"modes": rows, "writer": w}, indent=2) + "\n")


if __name__ == "__main__":
    main()
