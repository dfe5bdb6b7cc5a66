"""The continuity checker as CrewAI tools, for our crew and anyone else's.

Both tools call the same :mod:`continuity.api` functions as ``studio audit`` and
the MCP server (``studio mcp``), and return the same JSON, so what an outside
agent sees is what our own continuity supervisor sees.

Example::

    from agents.tools import ContinuityCheckTool
    from continuity.api import load_bible, load_script

    check = ContinuityCheckTool(bible=load_bible("bible.yaml"), script=load_script("draft.fountain"))
    check.run(text="INT. KITCHEN - NIGHT\\n\\nMara shakes out her blonde hair.")
    # '{"summary": {"error": 1, ...}, "findings": [{"message": "MARA\\'s hair is ...
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from crewai.tools import BaseTool
from pydantic import BaseModel, Field, SkipValidation

from continuity.api import audit, check_passage, findings_to_dict, parse_script_text
from continuity.bible.model import Bible
from continuity.errors import StudioError
from continuity.screenplay.model import Script
from continuity.settings import Settings

#: Bounds on what an agent may pass in one call (characters).
MAX_PASSAGE_CHARS = 100_000
MAX_SCRIPT_CHARS = 2_000_000


class PassageInput(BaseModel):
    """Arguments of :class:`ContinuityCheckTool`."""

    text: str = Field(
        ..., min_length=1, max_length=MAX_PASSAGE_CHARS,
        description="The new scene or paragraph, in Fountain. Without a scene heading it continues the last scene.",
    )


class ScriptInput(BaseModel):
    """Arguments of :class:`ScriptAuditTool`."""

    script_text: str = Field(
        "", max_length=MAX_SCRIPT_CHARS,
        description="The whole script; empty to audit the script the tool was given.",
    )
    format: Literal["fountain", "fdx"] = Field("fountain", description="The format of script_text.")


class _ContinuityTool(BaseTool):
    """What both tools are configured with: the canon and the script so far."""

    bible: Bible | None = Field(default=None, description="The canon; None takes the script's first descriptions.")
    script: Annotated[Script | None, SkipValidation] = Field(default=None, description="The script so far.")
    settings: Annotated[Settings | None, SkipValidation] = Field(default=None, description="Embedder and cache.")
    checks: list[str] | None = Field(default=None, description="Run only these checks (default: all).")

    @staticmethod
    def _error(exc: StudioError) -> str:
        return json.dumps({"error": str(exc)}, ensure_ascii=False)


class ContinuityCheckTool(_ContinuityTool):
    """Checks a new passage against the bible and the script so far (``check_passage``)."""

    name: str = "check_continuity"
    description: str = (
        "Check a new scene or paragraph of a screenplay (Fountain) for continuity errors against the "
        "bible and the script so far, before handing it off. Returns JSON: a summary and the findings "
        "located in the passage, each with a message, the offending text and its evidence."
    )
    args_schema: type[BaseModel] = PassageInput

    def _run(self, text: str, **_: Any) -> str:
        try:
            findings = check_passage(text, self.bible, script=self.script, settings=self.settings, checks=self.checks)
        except StudioError as exc:
            return self._error(exc)
        return json.dumps(findings_to_dict(findings), ensure_ascii=False)


class ScriptAuditTool(_ContinuityTool):
    """Audits a whole script against the bible (``audit``); the JSON of ``studio audit``."""

    name: str = "audit_script"
    description: str = (
        "Audit a whole screenplay for continuity errors against the bible. Pass script_text, or nothing "
        "to audit the current draft. Returns the JSON report: summary, findings with evidence, scene index."
    )
    args_schema: type[BaseModel] = ScriptInput
    bible_source: str | None = Field(default=None, description="The bible's path, shown in the report.")

    def _run(self, script_text: str = "", format: str = "fountain", **_: Any) -> str:
        try:
            if script_text.strip():
                script = parse_script_text(script_text, format, source="<draft>")
            elif self.script is not None:
                script = self.script
            else:
                return json.dumps({"error": "no script: pass script_text"})
            report = audit(script, self.bible, settings=self.settings, checks=self.checks, bible_source=self.bible_source)
        except StudioError as exc:
            return self._error(exc)
        return json.dumps(report.to_dict(), ensure_ascii=False)


__all__ = ["ContinuityCheckTool", "ScriptAuditTool", "PassageInput", "ScriptInput", "MAX_PASSAGE_CHARS", "MAX_SCRIPT_CHARS"]
