"""What every text generator behind the crew's LLM provides: one completion call.

A backend turns chat messages (and, when the caller wants structure, a JSON schema) into
text. :class:`agents.llm.StudioLLM` wraps a backend for CrewAI: it counts calls and
tokens, enforces the budget, parses and validates the reply and retries bad structure.
Backends: the embedded llama.cpp model (:mod:`agents.local`), any CrewAI model
(:class:`agents.llm.RemoteBackend`), the scripted fakes used by tests and benchmarks
(:mod:`agents.fake`) and the fault injector (:mod:`agents.faults`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from continuity.errors import StudioError


class LLMTimeout(TimeoutError):
    """The model did not answer in time; the call may be retried."""


class ModelCallError(StudioError):
    """The model could not be called (network, key, quota, a crashing runtime...): the run stops, saved."""

    exit_code = 1


@dataclass(frozen=True)
class Completion:
    """One reply from a backend.

    Attributes:
        text: the generated text (JSON when a schema was given, if the model obeyed).
        finish_reason: ``"stop"`` when the model ended the reply, ``"length"`` when it
            ran out of ``max_tokens`` (the JSON is then probably truncated).
        prompt_tokens: tokens read (an estimate where the backend cannot count).
        completion_tokens: tokens written.
    """

    text: str
    finish_reason: str = "stop"
    prompt_tokens: int = 0
    completion_tokens: int = 0


class Backend(Protocol):
    """A text generator."""

    #: what ``run.md`` and ``--json`` call this model, e.g. ``embedded/smollm2-135m``.
    name: str

    def complete(self, messages: list[dict[str, Any]], schema: dict[str, Any] | None, max_tokens: int,
                 timeout: float | None = None) -> Completion:
        """Answer ``messages`` (``{"role", "content"}`` dicts); follow ``schema`` when given.

        ``timeout``: seconds the call may take (None: the backend's own limit); a
        backend that can enforce it raises :class:`LLMTimeout` past it.
        """
        ...
