"""What every benchmark run shares: a private HOME for CrewAI, and CrewAI's expected errors hushed."""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def isolated_home() -> Iterator[Path]:
    """Point ``HOME`` and ``CREWAI_STORAGE_DIR`` at a temporary folder (CrewAI writes under HOME).

    Set before anything imports crewai; restored on exit.
    """
    keys = ("HOME", "CREWAI_STORAGE_DIR")
    saved = {k: os.environ.get(k) for k in keys}
    with tempfile.TemporaryDirectory(prefix="studio-bench-home-") as tmp:
        for k in keys:
            os.environ[k] = tmp
        try:
            yield Path(tmp)
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v


@contextmanager
def quiet_crewai() -> Iterator[None]:
    """CrewAI logs a failed listener (an expected, injected fault) at error level; hush it."""
    log = logging.getLogger("crewai")
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        log.setLevel(level)


__all__ = ["isolated_home", "quiet_crewai"]
