"""Errors shown to the user.

Every error a user can cause (a missing file, malformed input, a bad bible) is a
:class:`StudioError`. The CLI turns them into one clear message and exit status 2;
anything else is a bug and keeps its traceback.
"""

from __future__ import annotations


class StudioError(Exception):
    """An error whose message is shown to the user as is."""

    exit_code = 2


class InputError(StudioError):
    """A file is missing, unreadable, of the wrong kind or in an unknown encoding."""


class ParseError(StudioError):
    """A screenplay could not be parsed (malformed FDX XML, empty script...)."""


class BibleError(StudioError):
    """A bible file is invalid; the message names the key and line."""
