"""Surgical edits: change the text of one line of a screenplay file in its own bytes.

The review's "Fix line" must never lose what our model does not hold (boneyard,
emphasis, indentation, forced markers, Final Draft styles, notes, revisions...).
So nothing is re-written: the line's text as the reader sees it is mapped back,
character by character, to the span of the file it came from (:class:`Item`),
the change is diffed word by word, and only the changed words are replaced in
the original bytes. Everything else stays byte-identical: encoding, line endings,
markup around and between the changed words.

A format module (:mod:`continuity.screenplay.splice_fountain`, :mod:`continuity.screenplay.splice_fdx`)
builds the :class:`Target` of a line; :func:`plan` turns a new text into
replacements, which the format splices into the bytes. The caller re-parses the result and
compares it with the intended model (see :func:`continuity.screenplay.edit.edit_source`), so
a mapping mistake is refused, never written.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from continuity.errors import InputError

_TOKEN_RE = re.compile(r"\w+|\s+|[^\w\s]")


@dataclass(frozen=True)
class Item:
    """One character of a line's text and the span of the file it comes from.

    Attributes:
        ch: the character as the reader sees it.
        start: where its source begins (a ``str`` index for Fountain, a byte offset
            for Final Draft).
        end: where its source ends; characters of one atomic source (an XML entity,
            a collapsed run of blanks) share the same span.
        group: a unit replacements may not cross unless the format allows it
            (the ``<Text>`` run in FDX, the piece between boneyard markers in Fountain).
    """

    ch: str
    start: int
    end: int
    group: int = 0


@dataclass
class Target:
    """The text of one line, mapped to the file.

    Attributes:
        items: the line's characters as the reader sees them, in order.
        display: what the review shows and the user edits (``items`` with line
            breaks inside a Final Draft paragraph shown as spaces).
        pairs: emphasis delimiters ``(open_start, open_end, close_start, close_end)``;
            a replacement covers both of a pair or neither.
        forbidden: source spans a replacement may not touch (boneyard and notes).
        split_groups: a replacement that crosses groups is split per group (FDX
            runs keep their styles) instead of refused.
        kind: what the line is (``heading`` or an element kind's value).
        force_at: where a forcing character (``!``, ``@``) would go, or None.
        force: that character, or ``""`` when the line cannot be forced.
    """

    items: list[Item]
    display: str = ""
    pairs: list[tuple[int, int, int, int]] = field(default_factory=list)
    forbidden: list[tuple[int, int]] = field(default_factory=list)
    split_groups: bool = False
    kind: str = ""
    force_at: int | None = None
    force: str = ""

    @property
    def text(self) -> str:
        """The line's text as the reader sees it."""
        return "".join(i.ch for i in self.items)


@dataclass(frozen=True)
class Replacement:
    """Replace the source span ``start:end`` (in the target's coordinates) with ``text``."""

    start: int
    end: int
    text: str


def opcodes(old: str, new: str) -> list[tuple[str, int, int, int, int]]:
    """Character opcodes of ``old -> new`` from a word-level diff (difflib's tags)."""
    a, b = _TOKEN_RE.findall(old), _TOKEN_RE.findall(new)
    ao, bo = _offsets(a), _offsets(b)
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [(tag, ao[i1], ao[i2], bo[j1], bo[j2]) for tag, i1, i2, j1, j2 in sm.get_opcodes()]


def _offsets(tokens: list[str]) -> list[int]:
    out = [0]
    for t in tokens:
        out.append(out[-1] + len(t))
    return out


def plan(target: Target, new: str) -> tuple[list[Replacement], str]:
    """The replacements that turn the target's text into ``new``.

    Unchanged words keep their source; each changed run of words replaces the
    source of the words it changes. A run that would cut an emphasis pair in two
    is widened to hold both delimiters; one that reaches into a boneyard or note
    is refused.

    Returns:
        The replacements (unescaped text; the format escapes and encodes it) and the
        line's new text as the reader will see it (``new``, except that a line break
        inside a Final Draft paragraph that the edit kept stays a line break).

    Raises:
        InputError: the change would cross a boneyard or note.
    """
    items, old = target.items, target.display
    if len(old) != len(items):
        raise AssertionError("display text and items differ in length")
    ops = opcodes(old, new)
    regions = [[i1, i2, None, None] for tag, i1, i2, _, _ in ops if tag != "equal"]
    if not regions:
        return [], target.text
    regions = _settle(target, regions)
    out: list[Replacement] = []
    true_text: list[str] = []
    pos = 0
    for i1, i2, rs, re_ in regions:
        j1, j2 = _map(ops, i1, left=True), _map(ops, i2, left=False)
        true_text.append("".join(it.ch for it in items[pos:i1]))
        true_text.append(new[j1:j2])
        pos = i2
        for a, b in target.forbidden:
            if rs < b and a < re_:
                raise InputError("the change reaches into a /* boneyard */ or [[note]] on that line; edit it by hand")
        groups = sorted({items[k].group for k in range(i1, i2)})
        if (len(groups) > 1 or (groups and groups[0] < 0)) and not target.split_groups:
            raise InputError("the change crosses a /* boneyard */ or [[note]] on that line; edit it by hand")
        if len(groups) <= 1:
            out.append(Replacement(rs, re_, new[j1:j2]))
            continue
        # One replacement per run: the new words go in the first, the rest is emptied.
        for n, g in enumerate(groups):
            members = [items[k] for k in range(i1, i2) if items[k].group == g]
            out.append(Replacement(members[0].start, members[-1].end, new[j1:j2] if n == 0 else ""))
    true_text.append("".join(it.ch for it in items[pos:]))
    return out, "".join(true_text)


def _settle(target: Target, regions: list[list]) -> list[tuple[int, int, int, int]]:
    """Widen regions over atomic sources and split emphasis, merge touching ones; to a fixpoint."""
    items = target.items
    while True:
        done = []
        for i1, i2, _, _ in regions:
            if i1 == i2:  # a pure insertion: right after the previous character...
                prev = items[i1 - 1] if i1 > 0 else None
                if prev is None or (prev.start == prev.end and i1 < len(items)):
                    at = items[i1].start  # ...or before the next, after a space that stands for a boneyard
                else:
                    at = prev.end
                done.append([i1, i2, at, at])
                continue
            rs, re_ = items[i1].start, items[i2 - 1].end
            while True:
                nrs, nre = rs, re_
                for os_, oe, cs, ce in target.pairs:
                    has_open = nrs <= os_ and oe <= nre
                    has_close = nrs <= cs and ce <= nre
                    if has_open != has_close and (nrs < ce and os_ < nre):
                        nrs, nre = min(nrs, os_), max(nre, ce)
                ni1 = next(k for k in range(len(items)) if items[k].end > nrs) if nrs < rs else i1
                ni2 = max(k for k in range(len(items)) if items[k].start < nre) + 1 if nre > re_ else i2
                # characters sharing the span of a boundary character come along
                while ni1 > 0 and items[ni1 - 1].end > items[ni1].start:
                    ni1 -= 1
                while ni2 < len(items) and items[ni2].start < items[ni2 - 1].end:
                    ni2 += 1
                nrs, nre = min(nrs, items[ni1].start), max(nre, items[ni2 - 1].end)
                if (nrs, nre, ni1, ni2) == (rs, re_, i1, i2):
                    break
                rs, re_, i1, i2 = nrs, nre, ni1, ni2
            done.append([i1, i2, rs, re_])
        done.sort(key=lambda r: (r[0], r[2]))
        merged: list[list] = []
        for r in done:
            if merged and (r[0] <= merged[-1][1] or r[2] < merged[-1][3]):
                m = merged[-1]
                m[0], m[1] = min(m[0], r[0]), max(m[1], r[1])
                m[2], m[3] = min(m[2], r[2]), max(m[3], r[3])
            else:
                merged.append(list(r))
        if len(merged) == len(regions) and all(
            m[0] == r[0] and m[1] == r[1] and m[2] == r[2] and m[3] == r[3] for m, r in zip(merged, regions)
        ):
            return [tuple(m) for m in merged]  # type: ignore[misc]
        regions = merged


def _map(ops: list[tuple[str, int, int, int, int]], i: int, *, left: bool) -> int:
    """The position in the new text that corresponds to ``i`` in the old, at a region's edge."""
    cands = []
    for tag, a1, a2, b1, b2 in ops:
        if tag == "equal":
            if a1 <= i <= a2:
                cands.append(b1 + i - a1)
        elif (a1 == i) if left else (a2 == i):
            cands.append(b1 if left else b2)
    return min(cands) if left else max(cands)


def strip_items(items: list[Item]) -> list[Item]:
    """``items`` without leading and trailing blanks (``str.strip``)."""
    a, b = 0, len(items)
    while a < b and items[a].ch.isspace():
        a += 1
    while b > a and items[b - 1].ch.isspace():
        b -= 1
    return items[a:b]


def collapse_items(items: list[Item]) -> list[Item]:
    """``" ".join(text.split())``: each run of blanks becomes one space sharing the run's span."""
    out: list[Item] = []
    run: list[Item] = []
    for it in strip_items(items):
        if it.ch.isspace():
            run.append(it)
            continue
        if run:
            # One span for the run, unless it crosses groups (FDX runs): then the first blank.
            end = run[-1].end if run[0].group == run[-1].group else run[0].end
            out.append(Item(" ", run[0].start, end, run[0].group))
            run = []
        out.append(it)
    return out
