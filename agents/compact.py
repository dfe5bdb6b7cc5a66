"""Short prompts for a small model, from one thread: CrewAI's boilerplate out, the task's facts in.

CrewAI wraps every task in its own text: the agent's backstory and goal, "This is the
expected criteria for your final answer", the whole OpenAPI schema of the output
model (about 600 tokens), and instructions to preserve content and avoid code
fences. A capable model ignores what it does not need; a 135M model copies it into
its answer, and it costs prompt time. When a grammar already holds the reply to the
schema, none of it helps. :class:`CompactPrompts` wraps a backend and, for structured
calls, keeps only "You are <role>. <goal>" as the system message and the task's own
description as the user message (plus any retry feedback). Free-text calls (CrewAI's
ReAct turns) pass through unchanged.

:class:`OneThread` makes every call of a backend from one long-lived thread. A CrewAI
Flow runs each step in a thread of its own, and the embedded model's worker process
is told to die with the thread that started it (``PR_SET_PDEATHSIG``), so without it
the worker, and its loaded model, would be lost after every step.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from agents.backend import Backend, Completion

_ROLE_RE = re.compile(r"^You are (?P<role>[^\n]*?)\.\s", re.DOTALL)
_GOAL_RE = re.compile(r"Your personal goal is:\s*(?P<goal>.+?)\s*$", re.DOTALL)
_TASK_RE = re.compile(r"Current Task:\s*(?P<task>.*?)\s*(?:\n\s*This is the expected criteria|\Z)", re.DOTALL)
_SCHEMA_RE = re.compile(r"\n*Format your final answer according to the following OpenAPI schema:.*", re.DOTALL)


def compact_messages(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``messages`` without CrewAI's boilerplate (see the module docstring)."""
    out: list[dict[str, Any]] = []
    for m in messages:
        content = str(m.get("content", ""))
        role = m.get("role", "user")
        if role == "system":
            who, goal = _ROLE_RE.match(content + " "), _GOAL_RE.search(content)
            if who:
                content = f"You are {who.group('role')}." + (f" {' '.join(goal.group('goal').split())}" if goal else "")
        elif role == "user" and not m.get("_feedback"):
            task = _TASK_RE.search(content)
            content = task.group("task").strip() if task else _SCHEMA_RE.sub("", content).strip()
            content = "\n".join(line.rstrip() for line in content.splitlines() if line.strip())
        out.append({**m, "content": content})
    return out


class _Wrapper:
    """A backend around ``backend`` that passes on its ``name``, ``react`` and ``schema_limits``."""

    def __init__(self, backend: Backend):
        self.backend = backend
        self.name = backend.name
        self.react = getattr(backend, "react", False)
        limits = getattr(backend, "schema_limits", None)
        if limits:
            self.schema_limits = limits


class CompactPrompts(_Wrapper):
    """A backend that sends ``backend`` compact prompts for structured calls.

    Args:
        backend: the model (its ``name``, ``react`` and ``schema_limits`` are passed on).
    """

    def complete(self, messages: list[dict[str, Any]], schema: dict[str, Any] | None, max_tokens: int,
                 timeout: float | None = None) -> Completion:
        """The wrapped backend's reply to the compacted prompt."""
        if schema is not None:
            messages = compact_messages(messages)
        return self.backend.complete(messages, schema, max_tokens, timeout)

    def close(self) -> None:
        """Close the wrapped backend, if it can be closed."""
        close = getattr(self.backend, "close", None)
        if close is not None:
            close()


class OneThread(_Wrapper):
    """A backend whose calls all run on one long-lived thread (see the module docstring).

    Args:
        backend: the model (its ``name``, ``react`` and ``schema_limits`` are passed on).
    """

    def __init__(self, backend: Backend):
        super().__init__(backend)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="studio-model")

    def complete(self, messages: list[dict[str, Any]], schema: dict[str, Any] | None, max_tokens: int,
                 timeout: float | None = None) -> Completion:
        """The wrapped backend's reply, computed on the model thread."""
        return self._pool.submit(self.backend.complete, messages, schema, max_tokens, timeout).result()

    def close(self) -> None:
        """Close the wrapped backend (on the model thread) and stop the thread."""
        close = getattr(self.backend, "close", None)
        if close is not None:
            self._pool.submit(close).result()
        self._pool.shutdown(wait=True)
