"""The MCP tools' work: one project folder, its files bounded and read, and each tool call as a method.

:class:`Project` is what both the server (:mod:`studio.mcp.server`) and its
out-of-process worker (:mod:`studio.mcp.worker`) call; the bounds below are the
limits every tool call is held to (the worker receives the server's values).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from continuity.errors import InputError

if TYPE_CHECKING:
    from continuity.bible.model import Bible
    from continuity.screenplay.model import Script
    from continuity.settings import Settings

log = logging.getLogger(__name__)

#: Bounds on what one tool call may read or receive (bytes, UTF-8 for text).
MAX_SCRIPT_BYTES = 2_000_000
MAX_PASSAGE_BYTES = 100_000
MAX_BIBLE_BYTES = 1_000_000
MAX_NAME_CHARS = 200
#: At most this many names in ``checks`` (duplicates are dropped first).
MAX_CHECKS = 32
#: The bible used when a tool call names none, if the project has it.
DEFAULT_BIBLE = "bible.yaml"


class Project:
    """One project directory: resolves, bounds and reads the files tools name."""

    def __init__(self, root: str | Path, settings: Settings | None = None):
        """Args: root: the project directory; settings: default ``Settings.load(root/studio.toml)``."""
        from continuity.settings import Settings

        path = Path(root).expanduser()
        if not path.is_dir():
            raise InputError(f"{root}: not a directory (give --project an existing folder)")
        self.root = path.resolve()
        self.settings = settings or Settings.load(self.root / "studio.toml")

    def path(self, name: str, limit: int, what: str) -> Path:
        """The file ``name`` (relative to the project, or absolute inside it), size-checked.

        Raises:
            InputError: outside the project, missing, not a file, or over ``limit`` bytes.
        """
        if not name.strip() or "\x00" in name:
            raise InputError(f"empty or invalid {what} path")
        given = Path(name)
        resolved = (given if given.is_absolute() else self.root / given).resolve()
        if not resolved.is_relative_to(self.root):
            raise InputError(f"{name}: outside the project directory; give a path inside {self.root}")
        if not resolved.exists():
            raise InputError(f"{name}: no such file in the project")
        if not resolved.is_file():
            raise InputError(f"{name}: not a file")
        size = resolved.stat().st_size
        if size > limit:
            raise InputError(f"{name}: {what} file too large ({size:,} bytes; the limit is {limit:,})")
        return resolved

    def relative(self, path: Path) -> str:
        """``path`` as shown in reports: relative to the project."""
        return path.relative_to(self.root).as_posix()

    def script(self, name: str) -> Script:
        """Load a script file of the project; its ``source`` is the project-relative path."""
        from continuity.api import load_script

        p = self.path(name, MAX_SCRIPT_BYTES, "script")
        return replace(load_script(p), source=self.relative(p))

    def bible(self, name: str | None) -> tuple[Bible | None, str | None]:
        """The bible ``name``, or the project's ``bible.yaml`` when None (if it has one)."""
        from continuity.api import load_bible

        if name is None:
            if not (self.root / DEFAULT_BIBLE).is_file():
                return None, None
            name = DEFAULT_BIBLE
        p = self.path(name, MAX_BIBLE_BYTES, "bible")
        return load_bible(p), self.relative(p)

    # -- the tools, as plain functions (the server wraps them) -------------------------
    def audit_script(
        self,
        path: str | None = None,
        text: str | None = None,
        bible_path: str | None = None,
        format: str = "fountain",
        checks: list[str] | None = None,
    ) -> dict[str, Any]:
        """The JSON report of a script given by path or as text (exactly one)."""
        from continuity.api import audit, parse_script_text

        checks = known_checks(checks)
        if (path is None) == (text is None):
            raise InputError("give exactly one of 'path' (a script file in the project) or 'text' (the script)")
        if text is not None:
            _bound(text, MAX_SCRIPT_BYTES, "script text")
            script = parse_script_text(text, format, source="<text>")
        else:
            script = self.script(path or "")
        bible, bible_source = self.bible(bible_path)
        return audit(script, bible, settings=self.settings, checks=checks, bible_source=bible_source).to_dict()

    def check_passage(
        self,
        text: str,
        bible_path: str | None = None,
        script_path: str | None = None,
        checks: list[str] | None = None,
    ) -> dict[str, Any]:
        """The findings located in a new passage, with a summary."""
        from continuity.api import check_passage, findings_to_dict

        checks = known_checks(checks)
        _bound(text, MAX_PASSAGE_BYTES, "passage")
        script = self.script(script_path) if script_path is not None else None
        bible, bible_source = self.bible(bible_path)
        findings = check_passage(text, bible, script=script, settings=self.settings, checks=checks)
        return {"script": script.source if script else None, "bible": bible_source, **findings_to_dict(findings)}

    def bible_lookup(self, name: str, bible_path: str | None = None) -> dict[str, Any]:
        """What the bible says about one character, location or prop."""
        from continuity.api import bible_lookup

        if len(name) > MAX_NAME_CHARS:
            raise InputError(f"name too long ({len(name)} characters; the limit is {MAX_NAME_CHARS})")
        bible, bible_source = self.bible(bible_path)
        if bible is None:
            raise InputError(f"no bible: the project has no {DEFAULT_BIBLE}; give 'bible_path'")
        return {"bible": bible_source, **bible_lookup(bible, name)}

    def list_findings(
        self, status: str | None = None, category: str | None = None, character: str | None = None
    ) -> dict[str, Any]:
        """Findings in the project's review store (written by ``studio audit --store``)."""
        from studio.review.actions import Project as ReviewProject

        with ReviewProject(self.root, create=False) as review:
            found = review.store.findings(status=status, category=category, character=character)
            return {"count": len(found), "findings": found, "last_audit": review.store.last_audit()}

    def decide_finding(self, finding_id: str, action: str, reason: str | None, who: str | None) -> dict[str, Any]:
        """Confirm, dismiss (with a reason) or reopen a stored finding, as a person would."""
        from studio.review import actions

        if action == "dismiss" and not (reason or "").strip():
            raise InputError("dismiss needs a reason")
        with actions.Project(self.root, create=False) as review:
            if action == "confirm":
                out = actions.confirm(review, finding_id, who=who or "mcp", reason=reason)
            elif action == "dismiss":
                out = actions.dismiss(review, finding_id, reason or "", who=who or "mcp")
            else:
                out = actions.reopen(review, finding_id, who=who or "mcp", reason=reason)
            return {"finding": review.store.get(out.finding), "message": out.message}


def known_checks(checks: list[str] | None) -> list[str] | None:
    """``checks`` without duplicates (first order kept), each a known check name.

    Raises:
        InputError: an unknown name, or more than :data:`MAX_CHECKS` names.
    """
    if checks is None:
        return None
    from continuity.checks.registry import CHECKS

    if len(checks) > MAX_CHECKS:
        raise InputError(f"too many checks ({len(checks):,}); name each at most once: {', '.join(CHECKS)}")
    unique = list(dict.fromkeys(checks))
    unknown = [c for c in unique if c not in CHECKS]
    if unknown:
        raise InputError(f"unknown check {unknown[0]!r}: use {', '.join(CHECKS)}")
    return unique


def _bound(text: str, limit: int, what: str) -> None:
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limit:
        raise InputError(f"{what} too large ({size:,} bytes; the limit is {limit:,})")


__all__ = ["Project", "known_checks", "MAX_SCRIPT_BYTES", "MAX_PASSAGE_BYTES", "MAX_BIBLE_BYTES", "MAX_NAME_CHARS", "MAX_CHECKS", "DEFAULT_BIBLE"]
