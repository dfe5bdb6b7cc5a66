"""One ``studio generate`` at a time per run folder and per run id.

Two runs writing into one folder would overwrite each other's files and both report
"complete"; two ``--resume`` of one run would each make every model call again (a
double spend) and interleave their saved states. So a run holds an exclusive lock on
``<run folder>/.studio/run.lock`` (beside the folder's findings store) and on
``<project>/locks/<run id>.lock`` until it ends.

The locks are ``flock`` locks: the kernel releases them when their process dies, so
a lock left by a killed run is free again and is simply taken over; no stale-file
guessing by pid. The lock file is opened without following links (a planted link is
refused) and holds who has it (run id, pid, start time), which the refusal names.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
from collections.abc import Iterator
from pathlib import Path

from continuity.errors import InputError

FOLDER_LOCK = Path(".studio") / "run.lock"


class RunLock:
    """An exclusive, non-blocking lock on one file, released by :meth:`release` or the process's end."""

    def __init__(self, path: Path, what: str) -> None:
        self.path = Path(path)
        self.what = what
        self._fd: int | None = None

    def acquire(self, run_id: str) -> RunLock:
        """Take the lock for ``run_id``.

        Raises:
            InputError: another live process holds it (the message names its run), or
                the lock file cannot be opened (a link, a folder, no permission).
        """
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX: no locking
            return self
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            fd = os.open(self.path, flags, 0o644)
        except OSError as exc:
            raise InputError(f"{self.path}: cannot open the lock of {self.what} "
                             f"({'a link is never followed' if self.path.is_symlink() else exc.strerror or exc})") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            os.close(fd)
            raise InputError(f"{self.what} is in use by {holder}; wait for it to end (or stop it), then try again") from None
        except OSError as exc:  # pragma: no cover - a file system without locks
            os.close(fd)
            raise InputError(f"{self.path}: cannot lock {self.what}: {exc.strerror or exc}") from None
        info = {"run_id": run_id, "pid": os.getpid(),
                "since": _dt.datetime.now().astimezone().isoformat(timespec="seconds")}
        os.ftruncate(fd, 0)
        os.pwrite(fd, (json.dumps(info) + "\n").encode(), 0)
        self._fd = fd
        return self

    def release(self) -> None:
        """Let go of the lock (the file stays; an unlocked file is free)."""
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, 0)
            os.close(self._fd)
            self._fd = None


def _holder(fd: int) -> str:
    """Who holds the lock, from what it wrote: ``run 1a2b3c4d (pid 4242, since ...)``."""
    try:
        info = json.loads(os.pread(fd, 4096, 0).decode("utf-8") or "{}")
        return f"run {str(info['run_id'])[:8]} (pid {int(info['pid'])}, since {info['since']})"
    except (OSError, ValueError, KeyError, TypeError):
        return "another run that is starting"


@contextlib.contextmanager
def lock_run(project: Path, run_id: str) -> Iterator[None]:
    """Hold the lock of run ``run_id`` (in ``<project>/locks/``) for the ``with`` block.

    Raises:
        InputError: another live process runs ``run_id`` (its pid named).
    """
    with _held(Path(project) / "locks" / f"{run_id}.lock", f"run {run_id[:8]}", run_id):
        yield


@contextlib.contextmanager
def lock_folder(out: Path, run_id: str) -> Iterator[None]:
    """Hold the lock of the run folder ``out`` (which must exist) for the ``with`` block.

    Raises:
        InputError: another live run writes there (its id and pid named).
    """
    with _held(Path(out) / FOLDER_LOCK, f"the run folder {out}/", run_id):
        yield


@contextlib.contextmanager
def _held(path: Path, what: str, run_id: str) -> Iterator[None]:
    if path.parent.is_symlink():
        raise InputError(f"{path.parent} is a symbolic link; a run never writes through one: remove it")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create {path.parent}: {exc.strerror or exc}") from None
    lock = RunLock(path, what).acquire(run_id)
    try:
        yield
    finally:
        lock.release()
