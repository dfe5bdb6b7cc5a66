"""Speed of the embedded model: in process against the worker process, and per llama.cpp build.

Measures, each as the median of --runs runs on this machine:
  * the worker's round trip for an empty request (the cost of the pipe);
  * tokens/s of a long free-text completion through the worker (what the product uses);
  * the same completion in process (llama.cpp in this process, as before the worker).

With LLAMA_CPP_LIB_PATH pointing at another build of llama.cpp's libraries (and
--load-all for a GGML_BACKEND_DL build, whose CPU variants are loaded at run time),
the same numbers compare builds.

Usage:
    .venv/bin/python benchmarks/llama_speed.py [--runs 5] [--tokens 128] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PROMPT = [{"role": "user", "content": "Count from one to two hundred in words, separated by commas."}]


def cpu_model() -> str:
    """The CPU's model name (lscpu), for the record."""
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, timeout=10).stdout
        for line in out.splitlines():
            if line.startswith("Model name:"):
                return line.split(":", 1)[1].strip()
    except (OSError, subprocess.SubprocessError):
        pass
    return platform.processor() or "unknown"


def load_all_backends() -> None:
    """Load a GGML_BACKEND_DL build's CPU variants (llama-cpp-python does not)."""
    import ctypes

    lib = Path(os.environ["LLAMA_CPP_LIB_PATH"])
    ggml = ctypes.CDLL(str(lib / "libggml.so"))
    ggml.ggml_backend_load_all_from_path(str(lib).encode())


def tokens_per_second(complete, runs: int, tokens: int) -> float:
    complete(PROMPT, None, 4)  # loaded and warm
    rates = []
    for _ in range(runs):
        t0 = time.perf_counter()
        reply = complete(PROMPT, None, tokens)
        rates.append(reply.completion_tokens / (time.perf_counter() - t0))
    return statistics.median(rates)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--tokens", type=int, default=128)
    ap.add_argument("--load-all", action="store_true", help="call ggml_backend_load_all_from_path first")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if args.load_all:
        load_all_backends()
    from agents.local import LlamaEngine
    from agents.worker import LlamaBackend

    result = {"cpu": cpu_model(), "lib": os.environ.get("LLAMA_CPP_LIB_PATH", "installed llama-cpp-python")}
    if not args.load_all:  # the worker loads the installed build only
        worker = LlamaBackend(n_ctx=1024, timeout=300)
        worker.request({"op": "ping"})
        trips = []
        for _ in range(200):
            t0 = time.perf_counter()
            worker.request({"op": "ping"})
            trips.append(time.perf_counter() - t0)
        result["round_trip_ms"] = round(statistics.median(trips) * 1000, 3)
        result["worker_tokens_per_s"] = round(tokens_per_second(worker.complete, args.runs, args.tokens), 1)
        worker.close()
    engine = LlamaEngine(n_ctx=1024)
    result["in_process_tokens_per_s"] = round(tokens_per_second(engine.complete, args.runs, args.tokens), 1)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key}: {value}")


if __name__ == "__main__":
    main()
