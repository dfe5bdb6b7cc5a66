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


@pytest.fixture(scope="session")
def ray_instance():
    """One local Ray instance (2 CPUs, loopback only, no dashboard) for the tests that need it; skipped without Ray.

    Its temporary folder is a fresh one under the system's tmp (Ray's socket paths
    must stay short), its token lives in this process's environment (nothing is
    written to ~/.ray), and it is shut down and removed at the end of the session.
    """
    import secrets
    import shutil
    import tempfile

    import importlib.util
    import sys

    if importlib.util.find_spec("ray") is None:
        pytest.skip("the ray extra is not installed (pip install -e '.[ray]')")
    saved = {v: os.environ.get(v) for v in ("RAY_AUTH_MODE", "RAY_AUTH_TOKEN")}
    # Before Ray is imported: it reads its authentication mode once, at import.
    os.environ["RAY_AUTH_MODE"] = "token"
    os.environ["RAY_AUTH_TOKEN"] = secrets.token_hex(32)
    assert "ray" not in sys.modules or os.environ["RAY_AUTH_MODE"] == "token"
    import ray
    temp = tempfile.mkdtemp(prefix="studio-ray-")
    try:
        ray.init(num_cpus=2, include_dashboard=False, _temp_dir=temp, _node_ip_address="127.0.0.1",
                 logging_level="WARNING", log_to_driver=False)
        yield ray
    finally:
        ray.shutdown()
        shutil.rmtree(temp, ignore_errors=True)
        for var, value in saved.items():
            if value is None:
                os.environ.pop(var, None)
            else:
                os.environ[var] = value
