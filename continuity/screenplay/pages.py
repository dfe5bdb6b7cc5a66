"""Standard screenplay pagination: pages, rows and eighths, as a production counts them.

One layout serves two purposes: :mod:`continuity.screenplay.writers.pdf` prints it, and the
reports use it to tell where a line is ("scene 40A, page 12, 3/8") the way a
script supervisor or an AD would. It is the usual Courier 12 layout: 10
characters to the inch, 6 rows to the inch, 55 rows a page (see :data:`STYLE`),
one blank row between elements (none inside a speech), speeches split across
pages with ``(MORE)`` and ``NAME (CONT'D)``, a scene heading never left at the foot
of a page, and a paragraph split only with two rows on each side.

A PDF paginates itself: its :attr:`Script.pages` are used as they are (see
:func:`pagination`). Final Draft lays out on its own too, but an .fdx file does
not record where pages fall, so it is laid out here like Fountain.
"""

from __future__ import annotations

import re
import textwrap
from bisect import bisect_right
from dataclasses import dataclass, field

from continuity.screenplay.model import Element, Kind, Scene, Script

ROWS_PER_PAGE = 55


@dataclass(frozen=True)
class Style:
    """Where each kind sits, in characters from the left margin, and how wide it is."""

    indent: int
    width: int


#: Industry defaults (Final Draft's), with the left margin at 1.5 inches.
STYLE: dict[Kind, Style] = {
    Kind.ACTION: Style(0, 60),
    Kind.CHARACTER: Style(22, 38),
    Kind.PARENTHETICAL: Style(16, 25),
    Kind.DIALOGUE: Style(10, 35),
    Kind.LYRIC: Style(10, 35),
    Kind.TRANSITION: Style(30, 30),
    Kind.CENTERED: Style(0, 60),
}
_HEADING = Style(0, 60)
_UNPRINTED = {Kind.NOTE, Kind.SECTION, Kind.SYNOPSIS}
_SPEECH = {Kind.DIALOGUE, Kind.PARENTHETICAL, Kind.LYRIC}


@dataclass(frozen=True)
class Row:
    """One printed line.

    Attributes:
        text: what is printed.
        indent: characters from the left margin (a dual speech's right column
            included).
        kind: the element's kind, ``"heading"``, ``"more"`` or ``"contd"``.
        line: the source line (Fountain) or paragraph (FDX) it comes from.
        scene: the scene index (0 before the first heading).
        number: for a heading, the scene number to print beside it.
        align: ``"left"``, ``"right"`` (transitions) or ``"center"``.
    """

    text: str
    indent: int
    kind: str
    line: int
    scene: int
    number: str | None = None
    align: str = "left"


@dataclass
class LaidPage:
    """A page: its number and its rows (None for a blank row), at most 55."""

    number: int
    rows: list[Row | None] = field(default_factory=list)


def scene_number(scene: Scene) -> str:
    """The scene's own number when the script gives one, else its index."""
    return scene.heading.number or str(scene.index)


def layout(script: Script, *, rows_per_page: int = ROWS_PER_PAGE) -> list[LaidPage]:
    """Lay ``script`` out on pages (the title page is not counted).

    Returns:
        The pages, numbered from 1.
    """
    return _Paginator(rows_per_page).run(_blocks(script))


# -- blocks ---------------------------------------------------------------------------


@dataclass
class _Block:
    """Rows that belong together, with how they may be split."""

    rows: list[Row]
    kind: str  # "heading", "action", "speech", "transition", "break", "dual"
    blank_before: int = 1
    cue: Row | None = None  # for a speech: the cue, repeated with (CONT'D) after a split
    first_body: int = 1  # for a speech: index of the first row after the cue


def _wrap(text: str, width: int) -> list[str]:
    out: list[str] = []
    for part in text.split("\n"):
        out.extend(_wrap_line(part, width) or [""])
    return out


_SPACES_RE = re.compile(r"( +)")


def _wrap_line(part: str, width: int) -> list[str]:
    """``textwrap.wrap(part, width, break_long_words=True, break_on_hyphens=False)``, the same lines, several times
    faster for the usual line: plain spaces and no word wider than the column (anything else goes to textwrap)."""
    if any(c in part for c in "\t\x0b\x0c\r") or not part.isascii():
        return textwrap.wrap(part, width, break_long_words=True, break_on_hyphens=False)
    chunks = [c for c in _SPACES_RE.split(part) if c]
    if any(len(c) > width for c in chunks):
        return textwrap.wrap(part, width, break_long_words=True, break_on_hyphens=False)
    chunks.reverse()
    lines: list[str] = []
    while chunks:
        if lines and chunks[-1][0] == " ":
            chunks.pop()  # (a line after the first does not open with the spaces it broke at)
            if not chunks:
                break
        line: list[str] = []
        size = 0
        while chunks and size + len(chunks[-1]) <= width:
            size += len(chunks[-1])
            line.append(chunks.pop())
        if line and line[-1][0] == " ":
            line.pop()
        if line:
            lines.append("".join(line))
    return lines


def _rows(el: Element, scene: int, style: Style, *, exact_lines: bool) -> list[Row]:
    text = el.text
    if el.kind is Kind.CHARACTER:
        text = text.upper() if not any(c.islower() for c in text) else text
    rows = []
    sub = 0
    for part in text.split("\n"):
        for k, piece in enumerate(_wrap(part, style.width)):
            align = "left"
            indent = style.indent
            if el.kind is Kind.TRANSITION:
                align, indent = "right", STYLE[Kind.ACTION].width - len(piece)
            elif el.kind is Kind.CENTERED:
                align, indent = "center", max(0, (STYLE[Kind.ACTION].width - len(piece)) // 2)
            rows.append(Row(piece, indent, el.kind.value, el.line + (sub if exact_lines else 0), scene, align=align))
        sub += 1
    return rows


def _blocks(script: Script) -> list[_Block]:
    """Turn the script into blocks of rows, in order."""
    exact = script.format == "fountain"  # a Fountain paragraph's lines are source lines
    blocks: list[_Block] = []

    def elements(scene_index: int, els: tuple[Element, ...]) -> None:
        i = 0
        while i < len(els):
            el = els[i]
            if el.kind in _UNPRINTED:
                i += 1
                continue
            if el.kind is Kind.PAGE_BREAK:
                blocks.append(_Block([], "break"))
                i += 1
                continue
            if el.kind is Kind.CHARACTER:
                j = i + 1
                while j < len(els) and els[j].kind in _SPEECH | _UNPRINTED and els[j].character == el.character:
                    j += 1
                speech = [e for e in els[i:j] if e.kind not in _UNPRINTED]
                # Dual dialogue: this speech and the next, marked dual, side by side.
                if j < len(els) and els[j].kind is Kind.CHARACTER and els[j].dual and not el.dual:
                    k = j + 1
                    while k < len(els) and els[k].kind in _SPEECH | _UNPRINTED and els[k].character == els[j].character:
                        k += 1
                    other = [e for e in els[j:k] if e.kind not in _UNPRINTED]
                    blocks.append(_dual(speech, other, scene_index, exact))
                    i = k
                    continue
                rows: list[Row] = []
                for e in speech:
                    rows.extend(_rows(e, scene_index, STYLE[e.kind], exact_lines=exact))
                blocks.append(_Block(rows, "speech", cue=rows[0]))
                i = j
                continue
            style = STYLE.get(el.kind, STYLE[Kind.ACTION])
            kind = "transition" if el.kind is Kind.TRANSITION else "action"
            blocks.append(_Block(_rows(el, scene_index, style, exact_lines=exact), kind))
            i += 1

    elements(0, script.preamble)
    for scene in script.scenes:
        text = scene.heading.text.upper() if scene.heading.setting else scene.heading.text
        rows = [
            Row(piece, 0, "heading", scene.line, scene.index, number=scene_number(scene) if k == 0 else None)
            for k, piece in enumerate(_wrap(text, _HEADING.width))
        ]
        blocks.append(_Block(rows, "heading"))
        elements(scene.index, scene.elements)
    return blocks


def _dual(left: list[Element], right: list[Element], scene: int, exact: bool) -> _Block:
    """Two speeches side by side: each in a column half as wide."""
    narrow = {
        Kind.CHARACTER: Style(8, 20), Kind.PARENTHETICAL: Style(4, 22),
        Kind.DIALOGUE: Style(0, 28), Kind.LYRIC: Style(0, 28),
    }
    cols: list[list[Row]] = [[], []]
    for side, speech in enumerate((left, right)):
        for e in speech:
            st = narrow.get(e.kind, Style(0, 28))
            for r in _rows(e, scene, st, exact_lines=exact):
                cols[side].append(Row(r.text, r.indent + 31 * side, r.kind, r.line, scene))
    rows: list[Row] = []
    for a, b in zip(*(c + [None] * (max(map(len, cols)) - len(c)) for c in cols)):
        # One printed row holds both columns: the right one after the left's text.
        if a is not None and b is not None:
            pad = b.indent - a.indent - len(a.text)
            rows.append(Row(a.text + " " * max(1, pad) + b.text, a.indent, a.kind, a.line, scene))
        else:
            r = a or b
            rows.append(r)  # type: ignore[arg-type]
    return _Block(rows, "dual")


# -- pages ---------------------------------------------------------------------------


class _Paginator:
    def __init__(self, rows_per_page: int) -> None:
        self.size = rows_per_page
        self.pages: list[LaidPage] = [LaidPage(1)]

    @property
    def page(self) -> LaidPage:
        return self.pages[-1]

    def new_page(self) -> None:
        self.pages.append(LaidPage(len(self.pages) + 1))

    def free(self, blank: int) -> int:
        """Rows left on the page after ``blank`` blank rows (none at a page top)."""
        used = len(self.page.rows)
        return self.size - used - (blank if used else 0)

    def put(self, rows: list[Row], blank: int) -> None:
        if self.page.rows:
            self.page.rows.extend([None] * blank)
        self.page.rows.extend(rows)

    def run(self, blocks: list[_Block]) -> list[LaidPage]:
        for i, block in enumerate(blocks):
            if block.kind == "break":
                if self.page.rows:
                    self.new_page()
                continue
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            self.place(block, nxt)
        if not self.page.rows and len(self.pages) > 1:
            self.pages.pop()
        return self.pages

    def place(self, block: _Block, nxt: _Block | None) -> None:
        n = len(block.rows)
        free = self.free(block.blank_before)
        if block.kind == "heading":
            # Keep a heading with two rows of what follows.
            follow = min(2, len(nxt.rows)) + nxt.blank_before if nxt and nxt.kind != "break" else 0
            if n + follow > free and self.page.rows:
                self.new_page()
            self.put(block.rows, block.blank_before)
            return
        if n <= free:
            self.put(block.rows, block.blank_before)
            return
        if block.kind == "action" and free >= 2 and n - free >= 2:
            self.put(block.rows[:free], block.blank_before)
            self.new_page()
            self.place(_Block(block.rows[free:], "action"), nxt)
            return
        if block.kind == "speech" and block.cue is not None:
            if self.split_speech(block, free, nxt):
                return
        if self.page.rows:
            self.new_page()
        if n > self.size:  # longer than a page: cut it anyway
            head, rest = block.rows[: self.size], block.rows[self.size :]
            self.put(head, 0)
            self.new_page()
            self.place(_Block(rest, block.kind, cue=block.cue), nxt)
            return
        self.put(block.rows, block.blank_before)

    def split_speech(self, block: _Block, free: int, nxt: _Block | None) -> bool:
        """Split a speech with (MORE) and (CONT'D): two dialogue rows on each side."""
        rows = block.rows
        cue = block.cue
        assert cue is not None
        # Rows available for speech before (MORE): free - 1 (MORE); cue counted in rows.
        best = None
        for cut in range(min(len(rows) - 2, free - 1), 2, -1):
            before, after = rows[:cut], rows[cut:]
            if before[-1].kind == "parenthetical":  # a parenthetical never ends a page
                continue
            said_before = sum(1 for r in before[1:] if r.kind != "parenthetical")
            said_after = sum(1 for r in after if r.kind != "parenthetical")
            if said_before >= 2 and said_after >= 2:
                best = cut
                break
        if best is None:
            return False
        before, after = rows[:best], rows[best:]
        more = Row("(MORE)", STYLE[Kind.CHARACTER].indent, "more", before[-1].line, cue.scene)
        self.put(before + [more], block.blank_before)
        self.new_page()
        name = cue.text if "CONT'D" in cue.text.upper() else f"{cue.text} (CONT'D)"
        contd = Row(name, cue.indent, "contd", after[0].line, cue.scene)
        self.place(_Block([contd] + after, "speech", cue=cue), nxt)
        return True


# -- positions -------------------------------------------------------------------------


@dataclass(frozen=True)
class Position:
    """Where a line is printed: the page's number, the row on it, and its eighth (1-8)."""

    page: str
    row: int
    eighth: int


@dataclass(frozen=True)
class SceneExtent:
    """Where a scene starts and how long it is in eighths of a page."""

    page: str
    eighths: int

    @property
    def pages(self) -> str:
        """The length as a production writes it: ``"1 3/8"``, ``"4/8"``, ``"2"``."""
        return eighths_text(self.eighths)


def eighths_text(eighths: int) -> str:
    """``11`` -> ``"1 3/8"``; ``4`` -> ``"4/8"``; ``16`` -> ``"2"``."""
    whole, part = divmod(eighths, 8)
    if not part:
        return str(whole)
    return f"{whole} {part}/8" if whole else f"{part}/8"


class Pagination:
    """Positions of source lines on pages, and scene extents.

    Build it with :func:`pagination`. ``locate(line)`` takes what ``Element.line``
    and ``Finding.line`` hold (a Fountain line, an FDX paragraph, a PDF row).
    """

    def __init__(self, marks: list[tuple[int, str, int, int]], extents: dict[int, SceneExtent], rows: int,
                 body: float = 0.0) -> None:
        # marks: (source line, page label, row, rows on that page) sorted by line.
        self._marks = marks
        self._keys = [m[0] for m in marks]
        self.extents = extents
        self.rows = rows
        #: the script's length from its first heading to its end, in eighths (exact): what the scenes add up to
        self.body = body

    def locate(self, line: int) -> Position | None:
        """The page and row of ``line`` (the nearest laid-out line at or before it)."""
        k = bisect_right(self._keys, line) - 1
        if k < 0:
            return None
        _, page, row, _ = self._marks[k]
        return Position(page, row, min(8, (row - 1) * 8 // self.rows + 1))

    def scene(self, index: int) -> SceneExtent | None:
        """Start page and length of scene ``index`` (1-based)."""
        return self.extents.get(index)


def pagination(script: Script, *, rows_per_page: int = ROWS_PER_PAGE) -> Pagination:
    """The script's pagination: its own pages for a PDF, else :func:`layout`."""
    if script.pages:
        return _from_pdf(script)
    pages = layout(script, rows_per_page=rows_per_page)
    marks: dict[int, tuple[int, str, int, int]] = {}
    starts: dict[int, str] = {}
    first: dict[int, int] = {}  # scene -> its first row, counted over all pages from 0
    end = 0
    for k, page in enumerate(pages):
        for r, row in enumerate(page.rows, start=1):
            if row is None:
                continue
            marks.setdefault(row.line, (row.line, str(page.number), r, rows_per_page))
            if row.scene:
                first.setdefault(row.scene, k * rows_per_page + r - 1)
                end = k * rows_per_page + r
            if row.kind == "heading" and row.number is not None:
                starts.setdefault(row.scene, str(page.number))
    sheets = [(k * rows_per_page, rows_per_page) for k in range(len(pages))]
    regions = _regions([(s.index, first.get(s.index)) for s in script.scenes], end)
    eighths = _share(sheets, regions)
    extents = {s.index: SceneExtent(starts.get(s.index, "1"), eighths.get(s.index, 1)) for s in script.scenes}
    return Pagination(sorted(marks.values()), extents, rows_per_page, _body(sheets, regions))


def _regions(starts: list[tuple[int, int | None]], end: int) -> list[tuple[int, int, int]]:
    """Each scene's rows, from its heading to the next heading: ``(scene, first row, row after its last)``.

    The blank rows after a scene (between elements, before the next heading and at
    the foot of a page) are the scene's: a production counts a page as 8/8.
    """
    known = [(i, a) for i, a in starts if a is not None]
    out = []
    for k, (i, a) in enumerate(known):
        b = known[k + 1][1] if k + 1 < len(known) else end
        out.append((i, a, max(a + 1, b)))
    return out


def _share(sheets: list[tuple[int, int]], regions: list[tuple[int, int, int]]) -> dict[int, int]:
    """Eighths per scene: each page's eighths shared by the scenes on it, adding up to the page's.

    ``sheets`` are the pages as ``(first row, rows)``, ``regions`` the scenes as
    ``(scene, first row, row after its last)``. On each page a scene's exact share
    is its rows x 8 / the page's rows; the page's total (8 for a full page) is
    rounded once and handed out by largest remainder, so the scenes' eighths add
    up to the script's length. A scene is at least 1/8, taken from the longest
    scene on its page where one has more than that.
    """
    total: dict[int, int] = {}
    on_page: dict[int, list[int]] = {}
    k = 0  # regions are in order: skip those that end above this page (linear in pages + scenes)
    for p, (top, size) in enumerate(sheets):
        bottom = top + size
        while k < len(regions) and regions[k][2] <= top:
            k += 1
        parts = []
        for i, a, b in regions[k:]:
            if a >= bottom:
                break
            if min(b, bottom) > max(a, top):
                parts.append((i, min(b, bottom) - max(a, top)))
        if not parts:
            continue
        exact = [(i, n * 8 / size) for i, n in parts]
        whole = {i: int(x) for i, x in exact}
        left = round(sum(x for _, x in exact)) - sum(whole.values())
        for i, x in sorted(exact, key=lambda e: -(e[1] - int(e[1])))[: max(0, left)]:
            whole[i] += 1
        for i, n in whole.items():
            total[i] = total.get(i, 0) + n
            on_page.setdefault(i, [])
        for i, _ in parts:
            on_page[i].append(p)
        for i, n in list(whole.items()):
            if total[i] == 0 and on_page[i][-1] == p:
                donor = max((j for j in whole if total[j] > 1 and whole[j] > 1), key=lambda j: whole[j], default=None)
                if donor is not None:
                    total[donor] -= 1
                    whole[donor] -= 1
                total[i] = 1
    return total


def _eighths(rows: int, per_page: int) -> int:
    return max(1, round(rows * 8 / per_page))


def _from_pdf(script: Script) -> Pagination:
    pages = script.pages
    per_page = max(p.rows for p in pages)
    starts = [p.line for p in pages]

    def where(line: int) -> int:
        return max(0, bisect_right(starts, line) - 1)

    scenes = script.scenes
    end = scenes[0].line if scenes else 0
    if scenes:
        # The last printed row: where the last element starts, plus its rows wrapped
        # to the standard width (a PDF row is known only where an element starts).
        last_page_end = pages[-1].line + pages[-1].rows
        for el in scenes[-1].elements:
            style = STYLE.get(el.kind, STYLE[Kind.ACTION])
            end = max(end, min(last_page_end, el.line + max(1, len(_wrap(el.text, style.width)))))
        end = max(end, scenes[-1].line + 1)
    sheets = [(p.line, p.rows) for p in pages]
    regions = _regions([(s.index, s.line) for s in scenes], end)
    eighths = _share(sheets, regions)
    extents = {s.index: SceneExtent(pages[where(s.line)].number, eighths.get(s.index, 1)) for s in scenes}
    return _PdfPagination(pages, extents, per_page, _body(sheets, regions))


def _body(sheets: list[tuple[int, int]], regions: list[tuple[int, int, int]]) -> float:
    """The exact length, in eighths, from the first scene's first row to the last scene's end."""
    if not regions:
        return 0.0
    a, b = regions[0][1], regions[-1][2]
    return sum(max(0, min(b, top + size) - max(a, top)) * 8 / size for top, size in sheets)


class _PdfPagination(Pagination):
    def __init__(self, pages, extents: dict[int, SceneExtent], rows: int, body: float = 0.0) -> None:
        super().__init__([], extents, rows, body)
        self._pages = pages
        self._starts = [p.line for p in pages]

    def locate(self, line: int) -> Position | None:
        k = bisect_right(self._starts, line) - 1
        if k < 0:
            return None
        page = self._pages[k]
        row = line - page.line + 1
        return Position(page.number, row, min(8, (row - 1) * 8 // self.rows + 1))


__all__ = [
    "ROWS_PER_PAGE", "STYLE", "Row", "LaidPage", "Position", "SceneExtent", "Pagination",
    "layout", "pagination", "scene_number", "eighths_text",
]
