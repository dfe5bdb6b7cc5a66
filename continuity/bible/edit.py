"""Editing a bible file in place: a change to the canon, and every other byte kept.

"Add to bible" records one change (an attribute, an alias, a wardrobe item from a
scene on). Rewriting the file from the model would lose the writer's comments,
key order, quoting and layout, so instead the YAML is composed into nodes with
their positions (PyYAML marks) and only the affected value is replaced, or one
entry inserted in the style of its neighbours (flow ``{...}``/``[...]`` stays
flow, a block list gets a block item at the same indent). The result is read
back and must equal the intended :class:`~continuity.bible.model.Bible`, else nothing
is written.

Example::

    text = apply_change(text, Change("characters", "ELI", set_attribute=("eyes", "brown")))
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import yaml

from continuity.bible.model import Bible, _location_name, _upper_name
from continuity.errors import BibleError, InputError

_PLAIN_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9 .'()/&+\-]*")
_MAP, _SEQ = yaml.MappingNode, yaml.SequenceNode


@dataclass(frozen=True)
class Change:
    """One change to a character or location, created when missing.

    Attributes:
        section: ``characters`` or ``locations``.
        name: the entry's name (matched as the bible normalises names).
        set_attribute: ``(key, value)`` to set in ``attributes``.
        add_alias: an alias to append.
        add_wardrobe: ``(item, scenes)`` to append to ``wardrobe``.
        narrow_wardrobe: ``(index, scenes)``: the wardrobe item at ``index`` now
            covers only ``scenes``.
    """

    section: str
    name: str
    set_attribute: tuple[str, str] | None = None
    add_alias: str | None = None
    add_wardrobe: tuple[str, str] | None = None
    narrow_wardrobe: tuple[tuple[int, str], ...] = ()


def scalar(value: str) -> str:
    """``value`` as a YAML scalar that reads back as this string: plain when safe, else quoted."""
    if _PLAIN_RE.fullmatch(value) and value == value.strip() and "  " not in value:
        try:
            if yaml.safe_load(value) == value:
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False)


class _Doc:
    """The text and its node tree; edits are queued as ``(start, end, text)`` and applied at once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.nl = "\r\n" if "\r\n" in text else "\n"
        try:
            self.root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError as exc:
            raise BibleError(f"cannot edit the bible: invalid YAML ({exc})".split("\n")[0]) from None
        # (start, end, text, column): of insertions at one place, the deeper (more indented) goes first
        self.edits: list[tuple[int, int, str, int]] = []

    def apply(self) -> str:
        out = self.text
        # right to left; of two insertions at one place, the deeper, then the one queued first, ends up first
        e = self.edits
        order = sorted(range(len(e)), key=lambda i: (e[i][0], e[i][1], -e[i][3], i), reverse=True)
        for i in order:
            a, b, t, _ = e[i]
            out = out[:a] + t + out[b:]
        return out

    # -- finding ----------------------------------------------------------------------
    @staticmethod
    def get(node, key: str, *, fold: bool = False):
        if not isinstance(node, _MAP):
            return None, None
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and (k.value.lower() == key.lower() if fold else k.value == key):
                return k, v
        return None, None

    # -- editing ------------------------------------------------------------------------
    def _line_end(self, index: int) -> int:
        """Where the line holding ``index`` ends (before its line break)."""
        nl = self.text.find("\n", index)
        if nl < 0:
            return len(self.text)
        return nl - 1 if nl > 0 and self.text[nl - 1] == "\r" else nl

    def _last_leaf_end(self, node) -> int:
        """The end of the last text of ``node`` (a block scalar's mark may sit on a later line)."""
        while isinstance(node, (_MAP, _SEQ)) and not node.flow_style and node.value:
            last = node.value[-1]
            node = last[1] if isinstance(node, _MAP) else last
        end = node.end_mark.index
        while end > node.start_mark.index and self.text[end - 1] in " \t\r\n":
            end -= 1
        return end

    def set_value(self, key_node, value_node, text: str) -> None:
        """Replace a scalar value (or fill an empty one) with ``text``."""
        if isinstance(value_node, yaml.ScalarNode) and value_node.end_mark.index > value_node.start_mark.index:
            self.edits.append((value_node.start_mark.index, value_node.end_mark.index, text, 0))
            return
        if isinstance(value_node, yaml.ScalarNode):  # empty: "key:" alone
            colon = self.text.index(":", key_node.end_mark.index)
            self.edits.append((colon + 1, colon + 1, " " + text, 0))
            return
        raise InputError("cannot edit the bible in place: the value to replace is a list or mapping")

    def add_key(self, mapping, key: str, text: str) -> None:
        """Add ``key: text`` to a mapping, in its style."""
        entry = f"{scalar(key)}: {text}"
        if mapping.flow_style:
            if mapping.value:
                self.edits.append((mapping.value[-1][1].end_mark.index,) * 2 + (", " + entry, 0))
            else:
                close = self.text.rindex("}", 0, mapping.end_mark.index)
                self.edits.append((close, close, entry, 0))
            return
        col = mapping.value[0][0].start_mark.column
        at = self._line_end(self._last_leaf_end(mapping))
        self.edits.append((at, at, self.nl + " " * col + entry, col))

    def append_item(self, seq, item_flow: str, item_block: list[str] | None = None) -> None:
        """Append an item to a sequence: ``item_flow`` in a flow list, ``item_block`` lines in a block one."""
        if seq.flow_style:
            if seq.value:
                self.edits.append((seq.value[-1].end_mark.index,) * 2 + (", " + item_flow, 0))
            else:
                close = self.text.rindex("]", 0, seq.end_mark.index)
                self.edits.append((close, close, item_flow, 0))
            return
        first = seq.value[0]
        dash = self.text.rindex("-", 0, first.start_mark.index)
        col = dash - (self.text.rfind("\n", 0, dash) + 1)
        siblings_block = isinstance(first, _MAP) and not first.flow_style
        lines = item_block if (item_block and siblings_block) else [item_flow]
        inner = first.start_mark.column - col if siblings_block else 2
        body = (self.nl + " " * (col + inner)).join(lines)
        at = self._line_end(self._last_leaf_end(seq))
        self.edits.append((at, at, self.nl + " " * col + "-" + " " * (inner - 1) + body, col + 1))


def _flow_map(pairs: list[tuple[str, str]]) -> str:
    return "{" + ", ".join(f"{scalar(k)}: {v}" for k, v in pairs) + "}"


def _entry_pairs(change: Change) -> list[tuple[str, str]]:
    pairs = [("name", scalar(change.name))]
    if change.add_alias:
        pairs.append(("aliases", f"[{scalar(change.add_alias)}]"))
    if change.set_attribute:
        pairs.append(("attributes", _flow_map([(change.set_attribute[0], scalar(change.set_attribute[1]))])))
    if change.add_wardrobe:
        item, scenes = change.add_wardrobe
        pairs.append(("wardrobe", "[" + _flow_map([("item", scalar(item)), ("scenes", json.dumps(scenes))]) + "]"))
    return pairs


def apply_change(text: str, change: Change) -> str:
    """``text`` (a bible's YAML) with ``change`` made in place; everything else byte-identical.

    Raises:
        BibleError: the YAML cannot be read.
        InputError: the document has a shape this editor does not handle (the
            caller then refuses, rather than rewrite the file).
    """
    doc = _Doc(text)
    root = doc.root
    if root is None or (isinstance(root, yaml.ScalarNode) and not root.value.strip()):
        pairs = _entry_pairs(change)
        return text + ("" if not text or text.endswith("\n") else doc.nl) + f"{change.section}:{doc.nl}  - " + (
            (doc.nl + "    ").join(f"{k}: {v}" for k, v in pairs)
        ) + doc.nl
    if not isinstance(root, _MAP):
        raise InputError("cannot edit the bible in place: its top level is not a mapping")
    norm = _upper_name if change.section == "characters" else _location_name
    key, section = doc.get(root, change.section)
    if key is None:
        doc.add_key(root, change.section, "[" + _flow_map(_entry_pairs(change)) + "]")
        return doc.apply()
    if isinstance(section, yaml.ScalarNode):
        doc.set_value(key, section, "[" + _flow_map(_entry_pairs(change)) + "]")
        return doc.apply()
    if not isinstance(section, _SEQ):
        raise InputError(f"cannot edit the bible in place: {change.section} is not a list")
    entry = None
    for item in section.value:
        _, name = doc.get(item, "name")
        if isinstance(name, yaml.ScalarNode) and norm(name.value) == norm(change.name):
            entry = item
            break
    if entry is None:
        pairs = _entry_pairs(change)
        if section.value:
            doc.append_item(section, _flow_map(pairs), [f"{k}: {v}" for k, v in pairs])
        else:
            doc.append_item(section, _flow_map(pairs))
        return doc.apply()
    if not isinstance(entry, _MAP):
        raise InputError("cannot edit the bible in place: an entry is not a mapping")
    if change.set_attribute:
        attr, value = change.set_attribute
        k, attrs = doc.get(entry, "attributes")
        if k is None:
            doc.add_key(entry, "attributes", _flow_map([(attr, scalar(value))]))
        elif isinstance(attrs, yaml.ScalarNode):
            doc.set_value(k, attrs, _flow_map([(attr, scalar(value))]))
        else:
            ak, av = doc.get(attrs, attr, fold=True)
            if ak is None:
                doc.add_key(attrs, attr, scalar(value))
            else:
                doc.set_value(ak, av, scalar(value))
    if change.add_alias:
        k, aliases = doc.get(entry, "aliases")
        if k is None:
            doc.add_key(entry, "aliases", f"[{scalar(change.add_alias)}]")
        elif isinstance(aliases, yaml.ScalarNode) and not aliases.value.strip():
            doc.set_value(k, aliases, f"[{scalar(change.add_alias)}]")
        elif isinstance(aliases, _SEQ):
            doc.append_item(aliases, scalar(change.add_alias))
        else:  # a single alias written as text
            doc.set_value(k, aliases, f"[{scalar(aliases.value)}, {scalar(change.add_alias)}]")
    if change.narrow_wardrobe or change.add_wardrobe:
        k, wardrobe = doc.get(entry, "wardrobe")
        for index, scenes in change.narrow_wardrobe:
            item = wardrobe.value[index]
            if isinstance(item, yaml.ScalarNode):
                doc.set_value(None, item, _flow_map([("item", scalar(item.value)), ("scenes", json.dumps(scenes))]))
                continue
            sk, sv = doc.get(item, "scenes")
            if sk is None:
                doc.add_key(item, "scenes", json.dumps(scenes))
            else:
                doc.set_value(sk, sv, json.dumps(scenes))
        if change.add_wardrobe:
            what, scenes = change.add_wardrobe
            flow = _flow_map([("item", scalar(what)), ("scenes", json.dumps(scenes))])
            if k is None:
                doc.add_key(entry, "wardrobe", f"[{flow}]")
            elif isinstance(wardrobe, yaml.ScalarNode):
                doc.set_value(k, wardrobe, f"[{flow}]")
            elif not wardrobe.value:
                doc.append_item(wardrobe, flow)
            else:
                doc.append_item(wardrobe, flow, [f"item: {scalar(what)}", f"scenes: {json.dumps(scenes)}"])
    return doc.apply()


def edit_bible_text(text: str, change: Change, expected: Bible, *, source: str) -> str:
    """``apply_change``, then check that the result reads back as ``expected``.

    Raises:
        InputError: the edit cannot be made in place exactly; nothing should be written.
    """
    from continuity.bible.load import parse_bible

    try:
        out = apply_change(text, change)
        ok = parse_bible(out, source=source) == expected
    except (BibleError, InputError, ValueError, IndexError, AttributeError) as exc:
        raise InputError(f"{source}: cannot make this change in place ({exc}); edit the bible by hand") from None
    if not ok:
        raise InputError(f"{source}: cannot make this change in place exactly; edit the bible by hand")
    return out
