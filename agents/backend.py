"""What every text generator behind the crew's LLM provides: one completion call.

A backend turns chat messages (and, when the caller wants structure, a JSON schema) into
text. :class:`agents.llm.StudioLLM` wraps a backend for CrewAI: it counts calls and
tokens, enforces the budget, parses and validates the reply and retries bad structure.
Backends: the embedded llama.cpp model (:mod:`agents.local`), any CrewAI model
(:class:`agents.llm.RemoteBackend`), the scripted fakes used by tests and benchmarks
(:mod:`agents.fake`) and the fault injector (:mod:`agents.faults`).
"""

from __future__ import annotations

import os
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


#: the providers ``provider/model`` may name (through LiteLLM)
PROVIDERS = ("openai", "anthropic", "gemini", "azure", "bedrock", "ollama", "groq", "mistral", "deepseek", "openrouter")
#: The environment variables that hold each provider's key (any one of them will do).
KEY_VARIABLES = {
    "openai": ("OPENAI_API_KEY",), "anthropic": ("ANTHROPIC_API_KEY",),
    "gemini": ("GEMINI_API_KEY", "GOOGLE_API_KEY"), "groq": ("GROQ_API_KEY",),
    "mistral": ("MISTRAL_API_KEY",), "deepseek": ("DEEPSEEK_API_KEY",), "openrouter": ("OPENROUTER_API_KEY",),
}
#: the names of the models that ship with the studio
EMBEDDED = ("", "embedded", "local", "smollm2")
FAKE = ("fake", "scripted")


def check_spec(spec: str | None) -> str:
    """The ``--llm`` spec, stripped, after checking that it names a model (cheap: imports nothing).

    Raises:
        InputError: a spec that names no known model.
    """
    from continuity.errors import InputError

    spec = (spec or "").strip()
    if spec in EMBEDDED or spec in FAKE:
        return spec
    provider, _, model = spec.partition("/")
    if not model or provider.lower() not in PROVIDERS:
        raise InputError(
            f"unknown model {spec!r}: use 'embedded' (the default), 'fake', or provider/model "
            f"with provider one of {', '.join(PROVIDERS)} (e.g. openai/gpt-4o-mini)"
        )
    keys = KEY_VARIABLES.get(provider.lower(), ())
    if keys and not any(os.environ.get(k) for k in keys):
        raise InputError(f"--llm {spec} needs an API key: set {' or '.join(keys)}")
    return spec

