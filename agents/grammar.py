"""JSON schema -> llama.cpp GBNF grammar, for the embedded model's constrained decoding.

llama-cpp-python's converter writes most of the grammar; this module prepares the
schema for it (inlined ``$ref`` s) and patches what it gets wrong: raw control
characters in strings, bounded strings and numbers, over-long lists. Pure Python:
only :func:`schema_grammar` imports ``llama_cpp`` (for the converter).
"""

from __future__ import annotations

import copy
import json
import logging
import math
import re
from typing import Any

logger = logging.getLogger(__name__)

# llama-cpp-python's converter lets raw control characters (a bare newline) into JSON
# strings, which strict parsers such as pydantic's reject; llama.cpp's own converter
# excludes them. Patched in the generated grammar text.
_LOOSE_CHAR_RULE = re.compile(r'^char ::= \[\^"\\\\\]', re.MULTILINE)
_STRICT_CHAR_RULE = r'char ::= [^"\\\x7F\x00-\x1F]'


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
