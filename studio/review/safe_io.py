"""Writing a project's files safely: backups and replacements inside the project, never through links.

A review action reads a file once (:func:`read`), makes its edit in memory, writes
a backup of exactly the bytes it read (:func:`backup`) and then replaces the file
(:func:`replace`); a generated file (a ``studio generate`` run folder's) is written
with :func:`write`. Every file is created with ``O_CREAT | O_EXCL | O_NOFOLLOW``
in its folder, opened once: a planted link (even a dangling one named like the
next backup) is never followed, an existing file is never overwritten, and the
folder must lie inside the project. The replacement is atomic (a temporary file
renamed over the original, which replaces a link rather than writing through it);
:func:`replace` refuses it when the file changed on disk since it was read.
"""

from __future__ import annotations

import datetime as _dt
import os
import secrets
from pathlib import Path

from continuity.errors import InputError
from continuity.screenplay.io import read_bytes

_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
_MAX_TRIES = 50


def read(path: Path, what: str) -> tuple[bytes, os.stat_result]:
    """The file's bytes (bounded, regular files only) and its ``stat`` from before reading."""
    try:
        before = os.stat(path)
    except OSError:
        before = None
    data = read_bytes(path, what)
    if before is None:
        raise InputError(f"{path}: changed on disk while it was being read; try again")
    return data, before


def _folder(path: Path, root: Path) -> int:
    """A descriptor of ``path``'s folder, which must be inside ``root``."""
    parent = path.parent.resolve()
    if not parent.is_relative_to(root.resolve()):
        raise InputError(f"{path}: outside the project {root}; nothing written")
    try:
        return os.open(parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InputError(f"{parent}: cannot open the folder: {exc.strerror or exc}") from None


def _write_new(dfd: int, name: str, data: bytes, mode: int) -> None:
    """Create ``name`` in the folder (exclusively, no links) and write ``data``; FileExistsError if taken."""
    fd = os.open(name, _CREATE, mode, dir_fd=dfd)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        os.unlink(name, dir_fd=dfd)
        raise
    os.close(fd)


def backup(path: Path, data: bytes, root: Path, mode: int = 0o600) -> Path:
    """Write ``data`` (the bytes read before editing) to ``<name>.bak-<UTC time>`` beside ``path``.

    Raises:
        InputError: the folder is outside ``root`` or no backup name could be created.
    """
    stamp = _dt.datetime.now(_dt.timezone.utc).strftime("%Y%m%dT%H%M%S")
    dfd = _folder(path, root)
    try:
        for n in range(1, _MAX_TRIES + 1):
            name = f"{path.name}.bak-{stamp}" + (f"-{n}" if n > 1 else "")
            try:
                _write_new(dfd, name, data, mode)
            except FileExistsError:  # a file or a link by that name: never through it
                continue
            except OSError as exc:
                raise InputError(f"{path.parent / name}: cannot write the backup: {exc.strerror or exc}") from None
            return path.with_name(name)
    finally:
        os.close(dfd)
    raise InputError(f"{path}: cannot create a backup (every name taken); nothing written")


def replace(path: Path, data: bytes, before: os.stat_result, root: Path) -> None:
    """Atomically replace ``path`` with ``data``, keeping its permissions.

    Raises:
        InputError: the file changed since ``before`` was taken, or cannot be written.
    """

    def unchanged(dfd: int) -> None:
        try:
            now = os.stat(path.name, dir_fd=dfd, follow_symlinks=False)
        except OSError:
            now = None
        if now is None or (now.st_ino, now.st_size, now.st_mtime_ns) != (before.st_ino, before.st_size, before.st_mtime_ns):
            raise InputError(f"{path}: changed on disk while it was being edited; nothing written, try again")

    _swap(path, data, root, before.st_mode & 0o7777, unchanged)


def write(path: Path, data: bytes, root: Path, mode: int = 0o666) -> None:
    """Create or atomically replace ``path`` with ``data`` (``mode`` less the umask).

    A link by that name is replaced, never followed: nothing outside ``root`` is
    created or overwritten through one.

    Raises:
        InputError: the folder is outside ``root``, or the file cannot be written.
    """
    _swap(path, data, root, mode, None)


def _swap(path: Path, data: bytes, root: Path, mode: int, check) -> None:
    """Write a new temporary file beside ``path`` and rename it over ``path`` (after ``check(dfd)``)."""
    dfd = _folder(path, root)
    tmp = f".{path.name}.{secrets.token_hex(6)}.tmp"
    try:
        try:
            _write_new(dfd, tmp, data, mode)
        except OSError as exc:
            raise InputError(f"{path}: cannot write: {exc.strerror or exc}") from None
        try:
            if check is not None:
                check(dfd)
            os.replace(tmp, path.name, src_dir_fd=dfd, dst_dir_fd=dfd)
        except BaseException as exc:
            os.unlink(tmp, dir_fd=dfd)
            if isinstance(exc, OSError):
                raise InputError(f"{path}: cannot write: {exc.strerror or exc}") from None
            raise
        os.fsync(dfd)
    finally:
        os.close(dfd)
