"""Read the JSON a language model meant to write.

Small models wrap their JSON in prose or Markdown fences, put it after CrewAI's
``Final Answer:``, leave trailing commas or write Python literals (``True``, ``None``,
single quotes). :func:`loads_tolerant` finds and reads such JSON. It never completes
JSON that was cut off: :class:`JSONRecoveryError` says so through ``truncated`` and the
caller can ask again with more tokens, instead of getting an answer with parts missing.
"""

from __future__ import annotations

import json
import re
from typing import Any

_FENCE = re.compile(r"```[ \t]*(?:json5?|JSON|javascript|js)?[ \t]*\r?\n?(.*?)```", re.DOTALL)
_FENCE_MARK = re.compile(r"```")
_FINAL_ANSWER = re.compile(r"final\s+answer\s*:", re.IGNORECASE)
_OPENER = re.compile(r"[{\[]")
# What may follow an opener for the text to count as JSON that was cut off, rather
# than prose with a stray bracket: a key or value, or nothing at all.
_JSONISH_AFTER_OBJECT = re.compile(r"\s*(?:[\"'}]|$)")
_JSONISH_AFTER_ARRAY = re.compile(r"\s*(?:[\"'{\[\]\-0-9]|true|false|null|True|False|None|$)")
_PY_LITERAL = re.compile(r"(True|False|None)\b")
_WORD_CHAR = re.compile(r"[A-Za-z0-9_]")
_PY_TO_JSON = {"True": "true", "False": "false", "None": "null"}
_QUOTE_OPENS_AFTER = frozenset("{[,:")
_NOTHING = object()  # "no value found" (None is a value)
# Each opener tried costs a scan to the end of the text; prose rarely has many.
_MAX_OPENERS = 64


class JSONRecoveryError(ValueError):
    """No JSON could be read from a reply.

    Attributes:
        truncated: True when the reply looks like JSON that was cut off (an object or
            array or string left open at the end); asking again with a larger token
            budget may help.
    """

    def __init__(self, message: str, *, truncated: bool = False) -> None:
        super().__init__(message)
        self.truncated = truncated


def loads_tolerant(text: str) -> Any:
    """Parse the JSON value in a model's reply.

    Accepts plain JSON; JSON in a Markdown fence; JSON after prose or after
    ``Final Answer:``; trailing commas; single-quoted keys and strings; Python's
    ``True``/``False``/``None``. Outside plain JSON only objects and arrays are looked for.

    Args:
        text: the reply.

    Returns:
        The parsed value.

    Raises:
        JSONRecoveryError: when nothing parses; ``truncated`` tells whether the text
            looks cut off.
    """
    if not isinstance(text, str):
        raise TypeError(f"expected str, got {type(text).__name__}")
    stripped = text.strip().lstrip("\ufeff")
    if not stripped:
        raise JSONRecoveryError("empty reply, no JSON in it")
    try:
        return json.loads(stripped, strict=False)
    except ValueError:
        pass

    truncated = False
    for region, decisive in _regions(stripped):
        found, cut = _first_value(region)
        if found is not _NOTHING:
            return found
        truncated = truncated or cut
        if cut and decisive:
            # The final answer was cut off: a complete value elsewhere (a draft in
            # the "Thought:") is not the answer.
            break
    if not truncated and len(_FENCE_MARK.findall(stripped)) % 2 == 1 and not _FENCE.search(stripped):
        # An opened fence that never closes: the reply stopped before its JSON ended.
        truncated = True
    preview = stripped[:80].replace("\n", " ")
    why = "looks cut off" if truncated else "no valid JSON object or array in it"
    raise JSONRecoveryError(f"cannot read JSON from the reply ({why}): {preview!r}", truncated=truncated)


def _regions(text: str) -> list[tuple[str, bool]]:
    """The parts of ``text`` to search, most likely first, each with whether it is decisive.

    A cut-off value in a decisive part settles the matter. A fence's end is found by
    regex and may sit inside a JSON string, so a fence region that looks cut off is not
    decisive; the whole text is searched after it.
    """
    regions: list[tuple[str, bool]] = []
    finals = list(_FINAL_ANSWER.finditer(text))
    if finals:
        regions.append((text[finals[-1].end() :], True))
    regions.extend((m.group(1), False) for m in _FENCE.finditer(text))
    regions.append((text, True))
    return regions


def _first_value(region: str) -> tuple[Any, bool]:
    """The first object or array in ``region`` that parses, and whether one was cut off.

    Returns ``(_NOTHING, truncated)`` when none parses.
    """
    region = region.strip()
    if not region:
        return _NOTHING, False
    value = _parse_repaired(region)
    if value is not _NOTHING:
        return value, False
    pos = 0
    for _ in range(_MAX_OPENERS):
        m = _OPENER.search(region, pos)
        if m is None:
            break
        start = m.start()
        end = _span_end(region, start)
        if end is None:
            after = _JSONISH_AFTER_OBJECT if region[start] == "{" else _JSONISH_AFTER_ARRAY
            if after.match(region, start + 1):
                # Whatever follows is a fragment of this cut-off value, not an answer.
                return _NOTHING, True
            pos = start + 1
            continue
        value = _parse_repaired(region[start:end])
        if value is not _NOTHING:
            return value, False
        # Skip the whole span: returning a part of a broken object would hide the rest.
        pos = end
    return _NOTHING, False


def _span_end(text: str, start: int) -> int | None:
    """Index just past the bracket that closes the one at ``start``; None if it never closes."""
    depth = 0
    quote: str | None = None
    prev_sig = ""
    i = start
    n = len(text)
    while i < n:
        ch = text[i]
        if quote is not None:
            if ch == "\\":
                i += 2
                continue
            if ch == quote:
                quote = None
                prev_sig = ch
        elif ch == '"' or (ch == "'" and prev_sig in _QUOTE_OPENS_AFTER):
            quote = ch
        elif ch in "{[":
            depth += 1
            prev_sig = ch
        elif ch in "}]":
            depth -= 1
            prev_sig = ch
            if depth == 0:
                return i + 1
        elif not ch.isspace():
            prev_sig = ch
        i += 1
    return None


def _parse_repaired(candidate: str) -> Any:
    """``candidate`` parsed as JSON, as is or after light repairs; ``_NOTHING`` if neither."""
    try:
        return json.loads(candidate, strict=False)
    except ValueError:
        pass
    repaired = _repair(candidate)
    if repaired == candidate:
        return _NOTHING
    try:
        return json.loads(repaired, strict=False)
    except ValueError:
        return _NOTHING


def _repair(text: str) -> str:
    """Turn near-JSON into JSON: single quotes, trailing commas, Python literals.

    One pass that knows where strings are, so nothing inside a string changes.
    """
    out: list[str] = []
    i = 0
    n = len(text)
    prev_sig = ""
    while i < n:
        ch = text[i]
        if ch == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(text[i : j + 1])
            i = j + 1
            prev_sig = '"'
            continue
        if ch == "'" and prev_sig in _QUOTE_OPENS_AFTER:
            j = i + 1
            buf: list[str] = []
            while j < n and text[j] != "'":
                if text[j] == "\\" and j + 1 < n:
                    buf.append("'" if text[j + 1] == "'" else text[j : j + 2])
                    j += 2
                    continue
                buf.append('\\"' if text[j] == '"' else text[j])
                j += 1
            out.append('"' + "".join(buf) + '"')
            i = j + 1
            prev_sig = '"'
            continue
        if ch == ",":
            k = i + 1
            while k < n and text[k].isspace():
                k += 1
            if k < n and text[k] in "}]":
                i += 1
                continue
        if ch in "TFN" and (i == 0 or not _WORD_CHAR.match(text[i - 1])):
            m = _PY_LITERAL.match(text, i)
            if m is not None:
                out.append(_PY_TO_JSON[m.group(1)])
                i = m.end()
                prev_sig = "e"
                continue
        out.append(ch)
        if not ch.isspace():
            prev_sig = ch
        i += 1
    return "".join(out)
