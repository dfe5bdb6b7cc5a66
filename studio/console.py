"""Output shared by the CLI's commands: the stderr console, and writing an output file with one clear error."""

from __future__ import annotations

from pathlib import Path

from continuity.errors import InputError


def stderr_console():
    """A Rich console on stderr (progress and messages; stdout stays for results)."""
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def write_output(path: Path, text: str | bytes) -> None:
    """Write an output file (text as UTF-8), creating its folder.

    Raises:
        InputError: the file cannot be written.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from exc


__all__ = ["stderr_console", "write_output"]
