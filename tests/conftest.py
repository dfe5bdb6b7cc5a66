"""Shared fixtures: paths, a fast fake embedder, and offline switches."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
if os.environ.get("PYTEST_XDIST_WORKER"):
    # One BLAS/OpenMP thread per xdist worker: two workers on two cores, not four threads.
    for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(_var, "1")

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
EXAMPLE = ROOT / "assets" / "examples" / "lighthouse"


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory, monkeypatch):
    """Never write to the user's cache folder from tests."""
    monkeypatch.setenv("STUDIO_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture
def corpus() -> Path:
    """The shared corpus folder; skips the test when it is absent."""
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    return CORPUS


@pytest.fixture
def hashing():
    """The deterministic fake embedder."""
    from continuity.language.embedding import HashingEmbedder

    return HashingEmbedder()


@pytest.fixture
def cli(monkeypatch, capsys):
    """Run ``studio ARGS`` in this process; return (exit code, stdout, stderr)."""
    import sys

    from studio.cli import main

    monkeypatch.setenv("STUDIO_EMBEDDER", "hashing")

    def run(*args) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "argv", ["studio", *map(str, args)])
        with pytest.raises(SystemExit) as exc:
            main()
        out, err = capsys.readouterr()
        return exc.value.code or 0, out, err

    return run
