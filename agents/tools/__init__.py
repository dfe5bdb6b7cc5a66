"""CrewAI tools of the crew: the continuity checker (see ``continuity_tool``)."""

from __future__ import annotations

from agents.tools.continuity_tool import ContinuityCheckTool, ScriptAuditTool

__all__ = ["ContinuityCheckTool", "ScriptAuditTool"]
