"""The crew's LLM: any backend, wrapped with a budget, validation and retries.

:class:`StudioLLM` is what every agent is given. It asks its :class:`~agents.backend.Backend`
for text, parses it tolerantly, validates it against the task's ``output_pydantic`` model
and returns the validated object, so nothing downstream parses free text. Bad structure
(unparseable, truncated, failing validation) and timeouts are retried a bounded number
of times; each try is one LLM call against the :class:`Budget`. After the last try
it raises :class:`StructureError`, which the flow turns into a failed attempt.

Which model: :func:`resolve_backend` reads ``--llm`` / ``STUDIO_LLM``:
``embedded`` (default: SmolLM2-135M through llama.cpp, no key, no network),
``provider/model`` for anything CrewAI calls natively (``openai/gpt-4o-mini``,
``anthropic/...``, ``gemini/...``, ``ollama/llama3.2``), or ``fake`` (a scripted
writer for demos and tests, see :mod:`agents.fake`).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from crewai import BaseLLM
from pydantic import BaseModel, ConfigDict, PrivateAttr, ValidationError

import agents  # noqa: F401  (switches CrewAI's telemetry off before it is imported)
from agents.backend import (
    EMBEDDED,
    FAKE,
    KEY_VARIABLES,
    Backend,
    Completion,
    LLMTimeout,
    ModelCallError,
    check_spec,
)
from agents.jsonparse import JSONRecoveryError, loads_tolerant
from continuity.errors import InputError

logger = logging.getLogger(__name__)

class BudgetExhausted(Exception):
    """The run's budget of LLM calls or seconds is spent; the flow stops cleanly."""


class StructureError(Exception):
    """The model gave no valid structure after every retry."""

    def __init__(self, message: str, kind: str = "invalid"):
        super().__init__(message)
        #: ``invalid``, ``truncated`` or ``timeout``: what went wrong last.
        self.kind = kind


@dataclass
class Budget:
    """Limits and counters shared by every agent of one run (thread-safe).

    Attributes:
        max_calls: stop before the call after this many (None: no limit).
        max_seconds: stop before a call once this many seconds have passed since ``start``.
        calls, prompt_tokens, completion_tokens: what this process has spent so far.
    """

    max_calls: int | None = None
    max_seconds: float | None = None
    started: float = field(default_factory=time.monotonic)
    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def exhausted(self) -> str | None:
        """Why no further call may be made, or None."""
        if self.max_calls is not None and self.calls >= self.max_calls:
            return f"the budget of {self.max_calls} LLM calls is spent"
        if self.max_seconds is not None and self.elapsed() >= self.max_seconds:
            return f"the budget of {self.max_seconds:g} s is spent"
        return None

    def remaining(self) -> float | None:
        """Seconds left of ``max_seconds`` (None: no limit)."""
        if self.max_seconds is None:
            return None
        return max(0.0, self.max_seconds - self.elapsed())

    def elapsed(self) -> float:
        """Seconds since the run (or its resumption) started."""
        return time.monotonic() - self.started

    def charge(self) -> None:
        """Count one call, or raise :class:`BudgetExhausted` when none is left."""
        with self._lock:
            reason = self.exhausted()
            if reason:
                raise BudgetExhausted(reason)
            self.calls += 1

    def add_tokens(self, completion: Completion) -> None:
        """Count a reply's tokens."""
        with self._lock:
            self.prompt_tokens += completion.prompt_tokens
            self.completion_tokens += completion.completion_tokens


class StudioLLM(BaseLLM):
    """A CrewAI LLM over a :class:`~agents.backend.Backend`, with budget and validation.

    Attributes:
        backend: the text generator.
        budget: shared limits and counters.
        retries: extra tries per call when the reply is not valid structure or times out.
        max_tokens: the reply length asked for; doubled (up to ``max_tokens_cap``) after a truncated reply.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    backend: Any = None
    budget: Any = None
    retries: int = 2
    max_tokens: int = 900
    max_tokens_cap: int = 2400
    _events: list[dict[str, Any]] = PrivateAttr(default_factory=list)
    _events_lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    def call(self, messages, tools=None, callbacks=None, available_functions=None,
             from_task=None, from_agent=None, response_model=None):  # noqa: D102 (CrewAI's signature)
        target: type[BaseModel] | None = response_model or getattr(from_task, "output_pydantic", None)
        task_name = _task_name(from_task, target)
        msgs = _plain_messages(messages)
        budget: Budget = self.budget or Budget()
        if target is not None and getattr(from_agent, "tools", None) and getattr(self.backend, "react", False):
            target = None  # a model that can use tools answers in CrewAI's ReAct text; CrewAI parses it
        if target is None:
            budget.charge()
            reply = self.backend.complete(msgs, None, self.max_tokens, timeout=budget.remaining())
            budget.add_tokens(reply)
            self._record(task_name, "ok", reply)
            return reply.text
        schema = tighten_schema(target.model_json_schema(), getattr(self.backend, "schema_limits", None))
        max_tokens = self.max_tokens
        problem, kind = "", "invalid"
        for attempt in range(self.retries + 1):
            budget.charge()
            try:
                reply = self.backend.complete(msgs, schema, max_tokens, timeout=budget.remaining())
            except LLMTimeout as exc:
                problem, kind = f"timed out ({exc})", "timeout"
                self._record(task_name, "timeout", None)
                continue
            budget.add_tokens(reply)
            try:
                value = target.model_validate(loads_tolerant(reply.text))
            except JSONRecoveryError as exc:
                truncated = exc.truncated or reply.finish_reason == "length"
                kind = "truncated" if truncated else "invalid"
                problem = f"{'truncated' if truncated else 'unparseable'} JSON ({exc})"
                if truncated:
                    max_tokens = min(self.max_tokens_cap, max_tokens * 2)
            except ValidationError as exc:
                kind, problem = "invalid", f"JSON that does not fit {target.__name__}: {_first_error(exc)}"
                msgs = _with_feedback(msgs, reply.text, problem)
            else:
                self._record(task_name, "ok", reply)
                return value
            self._record(task_name, kind, reply)
            logger.info("%s: try %d of %d gave %s", task_name, attempt + 1, self.retries + 1, problem)
        raise StructureError(f"{task_name}: no valid {target.__name__} after {self.retries + 1} tries; last: {problem}", kind)

    def supports_function_calling(self) -> bool:  # noqa: D102
        return False

    def supports_stop_words(self) -> bool:  # noqa: D102
        return False

    def get_context_window_size(self) -> int:  # noqa: D102
        return 8192

    def get_input_tokens_count(self, messages, tools=None, response_model=None) -> int:  # noqa: D102
        text = messages if isinstance(messages, str) else " ".join(str(m.get("content", "")) for m in messages)
        return len(text) // 4 + 1

    def _record(self, task: str, outcome: str, reply: Completion | None) -> None:
        with self._events_lock:
            self._events.append({
                "task": task, "outcome": outcome,
                "tokens": (reply.prompt_tokens + reply.completion_tokens) if reply else 0,
            })

    def take_events(self) -> list[dict[str, Any]]:
        """The per-call outcomes since the last take (for per-step statistics)."""
        with self._events_lock:
            events, self._events = self._events, []
        return events


class RemoteBackend:
    """Any model CrewAI 1.x calls natively, e.g. ``openai/gpt-4o-mini`` (keys from the environment)."""

    #: capable models use the continuity tool through CrewAI's ReAct prompt.
    react = True

    def __init__(self, spec: str, *, timeout: float = 120.0):
        from crewai import LLM

        self.name = spec
        provider = spec.partition("/")[0].lower()
        keys = KEY_VARIABLES.get(provider, ())
        if keys and not any(os.environ.get(k) for k in keys):
            raise InputError(f"--llm {spec} needs an API key: set {' or '.join(keys)}")
        try:
            self._llm = LLM(model=spec, timeout=timeout, temperature=0.4)
        except ImportError as exc:
            raise InputError(f"--llm {spec}: {exc}") from exc

    def complete(self, messages: list[dict[str, Any]], schema: dict[str, Any] | None, max_tokens: int,
                 timeout: float | None = None) -> Completion:
        """One call to the provider; a provider timeout becomes :class:`LLMTimeout`."""
        try:
            text = self._llm.call(messages)
        except Exception as exc:  # providers raise their own timeout classes
            if "timeout" in type(exc).__name__.lower() or "timed out" in str(exc).lower():
                raise LLMTimeout(str(exc)) from exc
            raise ModelCallError(f"{self.name}: {type(exc).__name__}: {exc}") from exc
        if isinstance(text, BaseModel):
            text = text.model_dump_json()
        usage = self._llm.get_token_usage_summary()
        return Completion(text=str(text or ""), prompt_tokens=usage.prompt_tokens, completion_tokens=usage.completion_tokens)


def resolve_backend(spec: str | None, *, timeout: float | None = None) -> Backend:
    """The backend for ``--llm`` / ``STUDIO_LLM`` (empty: the embedded model).

    Args:
        spec: the model.
        timeout: seconds one call may take (``STUDIO_LLM_TIMEOUT``); None: the default.

    Raises:
        InputError: a spec that names no known model.
    """
    spec = check_spec(spec)
    if spec in EMBEDDED:
        from agents.worker import LlamaBackend

        return LlamaBackend(timeout=timeout)
    if spec in FAKE:
        from agents.fake import CompetentWriter

        return CompetentWriter()
    return RemoteBackend(spec)


def tighten_schema(schema: dict[str, Any], limits: dict[str, int] | None) -> dict[str, Any]:
    """``schema`` with ``maxLength``/``maxItems`` capped at ``limits`` (never loosened).

    A reply that fits the tighter schema still validates against the model.
    """
    if not limits:
        return schema

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            out = {k: walk(v) for k, v in node.items()}
            for key, cap in limits.items():
                if key in out and isinstance(out[key], int):
                    out[key] = min(out[key], cap)
                elif key == "maxLength" and out.get("type") == "string" and "enum" not in out:
                    out[key] = cap
                elif key == "maxItems" and out.get("type") == "array":
                    out[key] = cap
            if "minItems" in out and "maxItems" in out and out["minItems"] > out["maxItems"]:
                out["maxItems"] = out["minItems"]
            if "minLength" in out and "maxLength" in out and out["minLength"] > out["maxLength"]:
                out["maxLength"] = out["minLength"]
            return out
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    return walk(schema)


def make_llm(backend: Backend, budget: Budget | None = None, *, retries: int = 2) -> StudioLLM:
    """The CrewAI LLM every agent of a run shares."""
    return StudioLLM(model=backend.name or "studio", backend=backend, budget=budget or Budget(), retries=retries)


def _plain_messages(messages: Any) -> list[dict[str, Any]]:
    if isinstance(messages, str):
        return [{"role": "user", "content": messages}]
    out = []
    for m in messages:
        content = m.get("content", "")
        if isinstance(content, list):  # multimodal parts: keep the text
            content = "\n".join(p.get("text", "") for p in content if isinstance(p, dict))
        out.append({"role": m.get("role", "user"), "content": str(content or "")})
    return out


def _with_feedback(messages: list[dict[str, Any]], reply: str, problem: str) -> list[dict[str, Any]]:
    base = [m for m in messages if not m.get("_feedback")]
    return base + [
        {"role": "assistant", "content": reply[:2000], "_feedback": True},
        {"role": "user", "content": f"That reply was {problem}. Answer again with JSON only, following the schema.",
         "_feedback": True},
    ]


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err.get("loc", ())) or "(top)"
    return f"{where}: {err.get('msg', '')}"


def _task_name(task: Any, target: type[BaseModel] | None) -> str:
    name = getattr(task, "name", None)
    if name:
        return str(name)
    return target.__name__ if target is not None else "free-text"
