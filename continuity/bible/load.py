"""Reading a bible: YAML with the line of every key, and one-line error messages.

The document is composed into a node tree (libyaml when available) and turned into
plain data by :class:`_Builder`, which records the line of every mapping key and
sequence item, so a pydantic error's location maps back to a line of the file.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError

from continuity.bible.model import (
    Bible,
    _collapse,
    _Located,
    _type_name,
)
from continuity.bible.shapes import normalise
from continuity.errors import BibleError
from continuity.screenplay.io import decode_text, read_bytes

_YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_COMMENTED_HEX_RE = re.compile(r"(?:^|[\s\[,:])#[0-9a-fA-F]{3}")
_MAX_NODES = 200_000
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"


# -- reading --------------------------------------------------------------------------


def load_bible(path: str | Path) -> Bible:
    """Read and validate a bible file.

    Raises:
        InputError: the file is missing, a directory, unreadable or not UTF-8/16/32.
        BibleError: invalid YAML or an invalid bible; the message names the key and line.
    """
    return parse_bible(decode_text(read_bytes(path, "bible"), str(path)), source=str(path))


def parse_bible(text: str, *, source: str = "<string>") -> Bible:
    """Parse and validate bible YAML.

    Args:
        text: the YAML document.
        source: the file name used in error messages.

    Raises:
        BibleError: ``"<source>:<line>: <key path>: <problem>"`` on one line.
    """
    return read_bible(text, source=source)[0]


def read_bible(text: str, *, source: str = "<string>") -> tuple[Bible, list[str]]:
    """Parse bible YAML in any common shape, and say what was done to read it.

    The document is first mapped onto the canonical sections
    (:func:`continuity.bible.shapes.normalise`): synonyms of sections and keys,
    characters as lists or mappings, looks and wardrobe as prose, lists or
    mappings; what cannot be placed is kept as notes.

    Returns:
        The bible, and one warning per thing kept as a note or read in a shape
        the writer may not have meant (``"<source>:<line>: ..."``).

    Raises:
        BibleError: ``"<source>:<line>: <key path>: <problem>"`` on one line.
    """
    data, lines = _read_yaml(text, source)
    if not isinstance(data, dict):
        what = "an empty file" if data is None else _type_name(data)
        raise BibleError(f"{source}:{lines.get((), 1)}: expected a mapping at top level (title:, characters:...), got {what}")
    shaped = normalise(data, lines, source)
    data, lines = shaped.data, shaped.lines
    try:
        bible = Bible.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        # The first error in the file; an unknown key before the "missing" it causes.
        first = min(errors, key=lambda e: (_line_of(_full_loc(e), lines), e.get("type") != "extra_forbidden"))
        raise BibleError(_describe(first, lines, source, len(errors) - 1)) from None
    _check_size(bible, source)
    return bible, shaped.warnings


def _check_size(bible: Bible, source: str) -> None:
    """Refuse a bible with more names than ``bible_max_names`` (the audit's cost grows with them)."""
    from continuity.settings import Settings

    limit = Settings.load().bible_max_names
    names = sum(1 + len(x.aliases) for section in (bible.characters, bible.locations, bible.props) for x in section)
    if names > limit:
        raise BibleError(
            f"{source}: {names:,} names (characters, locations, props and their aliases); the limit is {limit:,}, "
            "far beyond a production's bible (STUDIO_BIBLE_MAX_NAMES raises it)")


def read_yaml(text: str, source: str) -> tuple[Any, dict[tuple, int]]:
    """YAML as plain data, with the line of every key and item by key path (keys lower-cased).

    The same guarded reading as a bible's (no duplicate keys, no custom tags, no
    alias bombs), for other small YAML inputs such as a season's manifest.

    Raises:
        BibleError: ``"<source>:<line>: invalid YAML: ..."``.
    """
    return _read_yaml(text, source)


def _read_yaml(text: str, source: str) -> tuple[Any, dict[tuple, int]]:
    loader = _YamlLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        builder = _Builder(loader, source)
        return builder.build(node, ()), builder.lines
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
        if exc.context and problem.startswith("but "):
            problem = f"{' '.join(str(exc.context).split())}, {problem}"
        lines = text.splitlines()
        if 0 < line <= len(lines) and lines[line - 1][:1] == "\t":
            problem += " (tabs cannot indent YAML: use spaces)"
        first = exc.context_mark.line if exc.context_mark else line - 1
        near = lines[max(0, min(first, line - 1) - 1) : line]
        hint = " (# starts a comment in YAML: quote colours, e.g. \"#0b1d3a\")" if any(
            _COMMENTED_HEX_RE.search(t) for t in near
        ) else ""
        raise BibleError(f"{source}:{line}: invalid YAML: {problem}{hint}") from None
    except yaml.YAMLError as exc:
        pos = getattr(exc, "position", None)
        line = text.count("\n", 0, pos) + 1 if isinstance(pos, int) else 1
        raise BibleError(f"{source}:{line}: invalid YAML: {' '.join(str(exc).split())}") from None
    except RecursionError:
        raise BibleError(f"{source}: invalid YAML: nested too deeply") from None
    finally:
        loader.dispose()


class _Builder:
    """Turns a YAML node tree into plain data, recording lines by key path."""

    def __init__(self, loader: Any, source: str) -> None:
        self.loader = loader
        self.source = source
        self.lines: dict[tuple, int] = {}
        self.count = 0
        self.distinct: set[int] = set()
        self.active: set[int] = set()

    def _error(self, node: yaml.Node, message: str) -> BibleError:
        return BibleError(f"{self.source}:{node.start_mark.line + 1}: invalid YAML: {message}")

    def build(self, node: yaml.Node, path: tuple) -> Any:
        self.count += 1
        self.distinct.add(id(node))
        if self.count > _MAX_NODES:
            if len(self.distinct) < self.count:  # nodes built more than once: through aliases
                raise self._error(node, f"aliases (*name) expand the document to over {_MAX_NODES:,} values")
            raise self._error(node, f"document too large: over {_MAX_NODES:,} values by this line, far beyond a "
                                    "production's bible (split it, or check what generated it)")
        self.lines.setdefault(_norm_loc(path), node.start_mark.line + 1)
        if isinstance(node, yaml.ScalarNode):
            if ":" in node.value and node.tag in (_INT_TAG, _FLOAT_TAG) and not node.style:
                return node.value  # YAML 1.1 reads 16:9 as 969 (base 60); 1.2 and people read text
            try:
                return self.loader.construct_object(node, deep=True)
            except (ValueError, TypeError, OverflowError) as exc:
                raise self._error(node, f"bad value {node.value!r} ({exc})") from None
        if id(node) in self.active:
            raise self._error(node, "an alias refers to itself")
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                if node.tag != _SEQ_TAG:
                    raise self._error(node, f"unsupported tag {_short_tag(node.tag)}")
                return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
            if node.tag != _MAP_TAG:
                raise self._error(node, f"unsupported tag {_short_tag(node.tag)}")
            own = len(node.value)
            if any(k.tag == _MERGE_TAG for k, _ in node.value):
                own -= sum(1 for k, _ in node.value if k.tag == _MERGE_TAG)
                self.loader.flatten_mapping(node)
            merged = len(node.value) - own  # keys merged in with "<<" come first
            out: dict[str, Any] = {}
            own_keys: set[str] = set()
            for i, (key_node, value_node) in enumerate(node.value):
                if not isinstance(key_node, yaml.ScalarNode):
                    raise self._error(key_node, "keys must be plain text")
                key = key_node.value.strip()  # the key as written: "yes" stays "yes"
                if key in own_keys or (i < merged and key in out):
                    raise self._error(key_node, f"duplicate key {key!r}")
                if i >= merged:
                    own_keys.add(key)
                self.lines[_norm_loc((*path, key))] = key_node.start_mark.line + 1
                out[key] = self.build(value_node, (*path, key))
            return out
        finally:
            self.active.discard(id(node))


def _short_tag(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:") :] if tag.startswith("tag:yaml.org,2002:") else tag


def _norm_loc(loc: tuple) -> tuple:
    return tuple(p if isinstance(p, int) else _collapse(str(p)).lower() for p in loc)


def _line_of(loc: tuple, lines: dict[tuple, int]) -> int:
    norm = _norm_loc(loc)
    for n in range(len(norm), -1, -1):
        if norm[:n] in lines:
            return lines[norm[:n]]
    return 1


def _format_path(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _describe(error: dict, lines: dict[tuple, int], source: str, more: int) -> str:
    loc = _full_loc(error)
    kind = error.get("type", "")
    value = error.get("input")
    ctx = error.get("ctx") or {}
    exc = ctx.get("error")
    if kind == "value_error" and exc is not None:
        msg = str(exc)
    elif kind == "extra_forbidden":
        key = str(loc[-1]) if loc else "?"
        model = _model_at(loc[:-1])
        allowed = list(model.model_fields) if model else []
        close = difflib.get_close_matches(key.lower(), allowed, n=1)
        msg = f"unknown key {key!r}" + (f" (did you mean {close[0]!r}?)" if close else "")
        if allowed:
            msg += f"; allowed: {', '.join(allowed)}"
    elif kind == "missing":
        msg = "required key is missing"
    elif kind in ("model_type", "model_attributes_type", "dict_type"):
        msg = f"expected a mapping (key: value), got {_type_name(value)}"
    elif kind == "list_type":
        msg = f"expected a list, got {_type_name(value)}"
    elif kind.startswith("string"):
        msg = f"expected text, got {_type_name(value)}"
    elif kind.startswith("int") or kind.startswith("float"):
        msg = f"expected a whole number, got {value!r}"
    elif kind in ("greater_than_equal", "greater_than"):
        msg = f"must be at least {ctx.get('ge', ctx.get('gt'))}, got {value!r}"
    else:
        msg = str(error.get("msg", "invalid value"))
    msg = " ".join(msg.split())
    suffix = f" (and {more} more error{'s' if more != 1 else ''})" if more else ""
    return f"{source}:{_line_of(loc, lines)}: {_format_path(loc)}: {msg}{suffix}"


def _full_loc(error: dict) -> tuple:
    exc = (error.get("ctx") or {}).get("error")
    return tuple(error.get("loc", ())) + (exc.loc if isinstance(exc, _Located) else ())


def _model_at(loc: tuple) -> type[BaseModel] | None:
    tp: Any = Bible
    for part in loc:
        tp = _unwrap(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel) and isinstance(part, str):
            field = tp.model_fields.get(part)
            if field is None:
                return None
            tp = field.annotation
        elif get_origin(tp) is list and isinstance(part, int):
            tp = get_args(tp)[0]
        else:
            return None
    tp = _unwrap(tp)
    return tp if isinstance(tp, type) and issubclass(tp, BaseModel) else None


def _unwrap(tp: Any) -> Any:
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            tp = get_args(tp)[0]
        elif origin is Union:
            args = [a for a in get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp
            tp = args[0]
        else:
            return tp


__all__ = ["load_bible", "parse_bible", "read_bible", "read_yaml"]
