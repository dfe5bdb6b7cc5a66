"""Screenplay PDF reader: text with positions, elements classified by layout.

A screenplay PDF has no structure, only text placed on pages. Its layout is the
structure: scene headings and action start at the left margin, dialogue is
indented, cues further, parentheticals in between, transitions sit at the right.
The margins differ between writing programs (Final Draft, Fade In, Highland,
screenplain, afterwriting...), so nothing here assumes inches: the columns are
learnt from each document (see :func:`_Columns.learn`), then every block of lines
is classified by its column, its case and what follows it.

Text comes from PDFium (``pypdfium2``): for every character its code point and its
box (from the font's advance widths), from which lines (shared baseline) and word
spaces (gaps) are rebuilt. Page numbers, ``(MORE)``, ``(CONTINUED)`` and
``CONTINUED:`` are layout, not text, and are dropped; a speech split across pages
by ``(MORE)`` and a ``NAME (CONT'D)`` cue is joined again. Scene numbers printed
beside a heading become :attr:`Heading.number`; printed page numbers become
:attr:`Script.pages`. ``Element.line`` is the printed row counted over the pages
(blank rows included), so a position can be told as "page 12, row 23".

A PDF without a text layer (a scan) is refused with an :class:`InputError` that
says so. Screenplays are set in a monospaced font (Courier and its relatives);
proportional fonts are read too, with word spaces from the gaps.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass

from continuity.errors import InputError, ParseError
from continuity.screenplay.heading import is_heading, parse_cue, parse_heading
from continuity.screenplay.model import Element, Kind, Page, Scene, Script
from continuity.screenplay.readers.pdf_text import (
    PAGE_NO_RE,
    Line,
    PageText,
    extract,
    looks_like_title_page,
    read_title_page,
)

log = logging.getLogger(__name__)

MAGIC = b"%PDF-"
_SCENE_NO_RE = re.compile(
    r"^(?:[A-Z]{0,2}\d{1,4}[A-Z]{0,3}|\d{1,4}[A-Z]{0,3}(?:\.\d{1,2})?"
    r"|(?=[A-Z0-9-]*\d)[A-Z0-9]{1,4}(?:-[A-Z0-9]{1,4}){1,3})\.?$")  # 12, 12A, A12, 12.1, I-1-A
_CONTINUED_RE = re.compile(r"^\(?\s*CONTINUED\s*\)?\s*:?\s*(?:\(\s*\d+\s*\))?$", re.I)
_MORE_RE = re.compile(r"^\(\s*MORE\s*\)$", re.I)
_CONTD_RE = re.compile(r"\s*\(\s*CONT(?:'|\u2019)?D\s*\)\s*$|\s*\(\s*CONTINUING\s*\)\s*$", re.I)
_TRANSITION_END_RE = re.compile(r"(?:TO:|IN:|OUT\.|OUT:|TO BLACK\.|TO BLACK:|TO WHITE\.|CUT:)$")


def parse(data: bytes, *, source: str = "<pdf>") -> Script:
    """Parse a screenplay PDF into a :class:`Script`.

    Args:
        data: the PDF file's bytes.
        source: where it came from, for ``Script.source`` and messages.

    Returns:
        The script, with ``format="pdf"``, ``pages`` set and ``Element.line`` the
        printed row (see the module docstring).

    Raises:
        InputError: not a PDF, encrypted, damaged, or without a text layer.
    """
    pages = extract(data, source)
    if not any(p.lines for p in pages):
        if any(p.has_images for p in pages):
            raise InputError(
                f"{source}: this PDF has no text layer (a scan or an image-only export); "
                "run OCR on it first (e.g. ocrmypdf), or export the script again as Fountain, FDX or a text PDF"
            )
        raise InputError(f"{source}: this PDF has no text")
    return _Reader(pages, source).run()


def is_pdf(data: bytes) -> bool:
    """True when ``data`` starts like a PDF file (``%PDF-`` within its first KiB)."""
    return MAGIC in data[:1024]


# -- layout -------------------------------------------------------------------------


def _mode(values, default: float) -> float:
    counts = Counter(round(v) for v in values)
    if not counts:
        return default
    return float(counts.most_common(1)[0][0])


def _upper_name(text: str) -> bool:
    """A cue-like line: letters, none lower case outside parentheses."""
    bare = re.sub(r"\([^)]*\)", "", text)
    return any(ch.isalpha() for ch in bare) and not any(ch.islower() for ch in bare) and len(bare.strip()) <= 40


@dataclass
class _Columns:
    """The document's layout, learnt from its lines (all in points)."""

    char: float  # width of one character
    lead: float  # line spacing
    action: float  # left edge of action and headings
    right: float  # right edge of action
    cue: float | None
    dialogue: float | None
    paren: float | None

    @classmethod
    def learn(cls, lines: list[Line]) -> _Columns:
        char = _char_width(lines)
        leads = [
            b.base - a.base for a, b in zip(lines, lines[1:]) if a.page == b.page and 0 < b.base - a.base < 40
        ]
        # The line spacing is the smallest common distance between baselines
        # (the most common may be a blank line's double spacing).
        counts = Counter(round(d) for d in leads)
        top = max(counts.values(), default=0)
        lead = float(min((d for d, k in counts.items() if k >= top * 0.1), default=12))
        if leads:
            near = [d for d in leads if abs(d - lead) <= 1.0]
            lead = sum(near) / len(near)
        action = _action_column(lines, char)
        pool = [ln for ln in lines if abs(ln.x0 - action) <= char and any(ch.islower() for ch in ln.text)]
        rights = sorted(ln.x1 for ln in pool if abs(ln.x0 - action) <= char)
        right = rights[int(len(rights) * 0.95)] if rights else action + 60 * char
        cols = cls(char, lead, action, right, None, None, None)
        cues, dialogue, parens = [], [], []
        for i, ln in enumerate(lines[:-1]):
            nxt = lines[i + 1]
            if ln.x0 - action < 5 * char or not _upper_name(ln.text) or ln.text.startswith("("):
                continue
            if nxt.page != ln.page or abs(nxt.base - ln.base - lead) > lead * 0.3:
                continue
            if not (action + 3 * char <= nxt.x0 < ln.x0 - char):
                continue
            cues.append(ln.x0)
            (parens if nxt.text.startswith("(") else dialogue).append(nxt.x0)
        # One speech is enough where it sits where the industry layout puts it (cue 2.2",
        # dialogue 1" right of the action margin): a one-page excerpt may hold just one.
        standard = (len(cues) == 1 and abs(cues[0] - action - 22 * char) <= 5 * char
                    and all(abs(d - action - 10 * char) <= 4 * char for d in dialogue))
        if (len(cues) >= 2 and dialogue) or standard:
            cols.cue = _mode(cues, 0.0)
            cols.dialogue = _mode(dialogue, 0.0) if dialogue else action + 10 * char
            cols.paren = _mode(parens, 0.0) if parens else None
        return cols

    def at(self, x: float, col: float | None, slack: float = 1.5) -> bool:
        """``x`` is at column ``col`` (within ``slack`` characters)."""
        return col is not None and abs(x - col) <= slack * self.char


def _action_column(lines: list[Line], char: float) -> float:
    """Where headings and action start: the headings' column, else the long lines',
    else the leftmost column that holds a few lines (not counting scene numbers)."""
    headings = [ln.x0 for ln in lines if is_heading(ln.text.strip())]
    if not headings:  # every heading numbered ("1   INT. HOUSE - DAY   1"): where the heading's words start
        for ln in lines:
            words = ln.text.split(None, 1)
            if len(words) == 2 and _SCENE_NO_RE.match(words[0]) and is_heading(_strip_scene_numbers(words[1])):
                offset = len(ln.text) - len(words[1])
                headings += [x for o, x in ln.gaps if o == offset]
    if headings:
        return _mode(headings, headings[0])
    long_lines = [ln.x0 for ln in lines if len(ln.text) >= 45 and any(ch.islower() for ch in ln.text)]
    if long_lines:
        return _mode(long_lines, long_lines[0])
    plain = [ln for ln in lines if not _SCENE_NO_RE.match(ln.text.split()[0])] or lines
    counts = Counter(round(ln.x0 / char) for ln in plain)
    need = max(2, len(plain) // 50)
    col = min((c for c, k in counts.items() if k >= need), default=min(counts))
    return min(ln.x0 for ln in plain if round(ln.x0 / char) == col)


def _char_width(lines: list[Line]) -> float:
    widths = []
    for ln in lines[:400]:
        if len(ln.text) >= 8:
            widths.append((ln.x1 - ln.x0) / len(ln.text))
    widths.sort()
    return widths[len(widths) // 2] if widths else 7.2


class _Reader:
    def __init__(self, pages: list[PageText], source: str) -> None:
        self.pages = pages
        self.source = source

    def run(self) -> Script:
        title_page: tuple[tuple[str, str], ...] = ()
        first = 0
        if len(self.pages) > 1 and looks_like_title_page(self.pages[0]):
            title_page = read_title_page(self.pages[0])
            first = 1
        body_lines = [ln for p in self.pages[first:] for ln in p.lines]
        if not body_lines:
            raise ParseError(f"{self.source}: empty script (no text after the title page)")
        self.cols = _Columns.learn(body_lines)
        self._strip_furniture(first)
        lines = [ln for p in self.pages[first:] for ln in p.lines]
        self.cols = _Columns.learn(lines) if lines else self.cols
        for ln in lines:
            self._scene_number(ln)
        page_marks = self._rows(first)
        blocks = self._blocks(lines)
        elements = self._classify(blocks)
        scenes, preamble = _scenes(elements)
        return Script(
            title_page=title_page,
            preamble=tuple(preamble),
            scenes=tuple(scenes),
            source=self.source,
            format="pdf",
            pages=page_marks,
        )

    # -- page furniture ------------------------------------------------------------

    def _strip_furniture(self, first: int) -> None:
        """Drop page numbers, headers, (MORE) and CONTINUED lines; keep page labels."""
        lead = self.cols.lead
        for p in self.pages[first:]:
            lines = p.lines
            keep: list[Line] = []
            for j, ln in enumerate(lines):
                text = ln.text.strip()
                top_zone = ln.base < p.height * 0.095
                bottom_zone = ln.base > p.height * 0.93
                isolated = (j == 0 and (len(lines) == 1 or lines[1].base - ln.base > 1.6 * lead)) or (
                    j == len(lines) - 1 and j > 0 and ln.base - lines[j - 1].base > 1.6 * lead
                )
                words = text.split()
                if words and (top_zone or bottom_zone or isolated):
                    m = PAGE_NO_RE.match(" ".join(words[-1:])) if len(words) > 1 else PAGE_NO_RE.match(text)
                    if PAGE_NO_RE.match(text) or (m and (top_zone or bottom_zone) and len(ln.gaps) > 0):
                        p.label = p.label or (m or PAGE_NO_RE.match(text)).group(1)
                        continue
                    if top_zone or bottom_zone:
                        continue  # a running header or footer (revision colour, title, date)
                bare = _strip_scene_numbers(text)
                if _CONTINUED_RE.match(bare) and (j <= 1 or j >= len(lines) - 2):
                    continue
                keep.append(ln)
            p.lines = keep

    def _scene_number(self, ln: Line) -> None:
        """Move a scene number printed left or right of a heading into ``ln.number``."""
        cols = self.cols
        words = ln.text.split()
        if len(words) < 2:
            return
        number = None
        if ln.x0 < cols.action - cols.char * 0.8 and _SCENE_NO_RE.match(words[0]):
            rest = ln.text.split(None, 1)[1]
            if is_heading(_strip_scene_numbers(rest)) or rest.isupper():
                number = words[0].rstrip(".")
                offset = len(ln.text) - len(rest)
                wide = [g for g in ln.gaps if g[0] == offset]
                ln.x0 = wide[0][1] if wide else max(cols.action, ln.x0 + offset * cols.char)
                ln.gaps = [(o - offset, x) for o, x in ln.gaps if o > offset]
                ln.text = rest
        words = ln.text.split()
        if len(words) >= 2 and _SCENE_NO_RE.match(words[-1]) and ln.gaps:
            cut, _x = ln.gaps[-1]
            head = ln.text[:cut].rstrip()
            if ln.text[cut:].strip() == words[-1] and (is_heading(head) or head.isupper()):
                number = number or words[-1].rstrip(".")
                ln.text = head
                ln.x1 = ln.x0 + len(head) * cols.char
                ln.gaps = ln.gaps[:-1]
        if number:
            ln.number = number

    def _rows(self, first: int) -> tuple[Page, ...]:
        """Number every line by its printed row; one :class:`Page` per page."""
        lead = self.cols.lead
        tops = [p.lines[0].base for p in self.pages[first:] if p.lines]
        top = min(tops) if tops else 72.0
        bottoms = [p.lines[-1].base for p in self.pages[first:] if p.lines]
        rows = max(1, round((max(bottoms, default=top) - top) / lead) + 1)
        self.rows = rows
        labels = _page_labels([p.label for p in self.pages[first:]])
        marks = []
        for k, p in enumerate(self.pages[first:]):
            start = k * rows + 1
            marks.append(Page(labels[k], start, rows))
            for ln in p.lines:
                ln.row = start + max(0, min(rows - 1, round((ln.base - top) / lead)))
        return tuple(marks)

    # -- blocks and elements ---------------------------------------------------------

    def _blocks(self, lines: list[Line]) -> list[list[Line]]:
        """Runs of lines one line space apart on one page (paragraphs)."""
        blocks: list[list[Line]] = []
        for ln in lines:
            if not ln.text.strip():
                continue
            if blocks:
                last = blocks[-1][-1]
                # A heading starts a paragraph even with no blank line above it
                # ("INT. HOUSE - DAY" printed right under "EXT. HOUSE - DAY").
                starts = self.cols.at(ln.x0, self.cols.action) and is_heading(ln.text.strip())
                if last.page == ln.page and ln.base - last.base <= self.cols.lead * 1.4 and not starts:
                    blocks[-1].append(ln)
                    continue
            blocks.append([ln])
        return blocks

    def _classify(self, blocks: list[list[Line]]) -> list[Element | tuple[str, object]]:
        """Turn blocks into elements; scene headings come out as ``("heading", ...)``."""
        cols = self.cols
        out: list = []
        more_cue: Element | None = None  # the cue of a speech that ended in (MORE)
        last_speech: Element | None = None  # the cue of the last block, if a speech
        last_page = -1
        for i, block in enumerate(blocks):
            prev_block = blocks[i - 1] if i else None
            first = block[0]
            text0 = first.text.strip()
            # A heading: at the action column (or numbered), reading as one.
            if first.number or (cols.at(first.x0, cols.action) and is_heading(text0)):
                n = 1
                # A long heading wraps onto the next line; a short one was not wrapped ("KITCHEN" under it
                # is something else).
                while (n < len(block) and cols.at(block[n].x0, cols.action) and _upper_name(block[n].text)
                       and not is_heading(block[n].text) and len(block[n - 1].text.strip()) >= 40):
                    n += 1
                heading_text = " ".join(ln.text.strip() for ln in block[:n])
                out.append(("heading", (heading_text, first.number, first.row)))
                if n < len(block):
                    out.append(Element(Kind.ACTION, self._join(block[n:]), block[n].row))
                last_speech = more_cue = None
                continue
            dual = self._dual(block)
            if dual is not None:
                for k, half in enumerate(dual):
                    out.extend(self._speech(half, dual=k == 1)[1])
                last_speech = more_cue = None
                continue
            if self._is_speech(block):
                # A speech carried over a page break: "NAME (CONT'D)" after "(MORE)".
                name = parse_cue(_CONTD_RE.sub("", text0))[0]
                carried = more_cue if more_cue is not None and name == more_cue.character else None
                cue, els, more = self._speech(block, continued=carried)
                out.extend(els)
                more_cue = cue if more else None
                last_speech, last_page = cue, block[-1].page
                continue
            if last_speech is not None and first.page != last_page and self._speech_body(block):
                # Some programs carry a speech over a page without (MORE) or a new cue.
                cue, els, more = self._speech(block, continued=last_speech, cue_line=False)
                out.extend(els)
                more_cue = cue if more else None
                last_page = block[-1].page
                continue
            last_speech = more_cue = None
            if self._is_transition(block):
                out.append(Element(Kind.TRANSITION, text0, first.row))
                continue
            if self._is_centered(block):
                out.append(Element(Kind.CENTERED, self._join(block), first.row))
                continue
            if out and isinstance(out[-1], Element) and out[-1].kind is Kind.ACTION and self._cut_by_page(prev_block, block):
                out[-1] = Element(Kind.ACTION, out[-1].text + " " + self._join(block), out[-1].line)
            else:
                out.append(Element(Kind.ACTION, self._join(block), first.row))
        return _merge_continued(out)

    def _cut_by_page(self, prev: list[Line] | None, block: list[Line]) -> bool:
        """``prev`` fills its page to the last row and ``block`` opens the next page."""
        if not prev or prev[-1].page + 1 != block[0].page:
            return False
        last = self.pages[prev[-1].page].lines[-1]
        first = self.pages[block[0].page].lines[0]
        # Mid-sentence: a paragraph that ends a sentence at the foot of a page may
        # simply have ended there (Final Draft also breaks at sentence ends: then
        # the two halves stay two paragraphs).
        mid_sentence = not prev[-1].text.rstrip().endswith((".", "!", "?", ":", '"', "'", ")", "-", "\u2014", "\u201d"))
        return last is prev[-1] and first is block[0] and mid_sentence and (prev[-1].row - 1) % self.rows >= self.rows - 2

    def _is_speech(self, block: list[Line]) -> bool:
        cols = self.cols
        if cols.cue is None or len(block) < 2:
            return False
        first = block[0]
        if not _upper_name(first.text) or first.text.strip().startswith("("):
            return False
        if not (cols.at(first.x0, cols.cue, 3) or first.x0 > (cols.dialogue or 0) + 3 * cols.char):
            return False
        second = block[1]
        if not (cols.action + 2 * cols.char < second.x0 < first.x0 - cols.char):
            return False
        return cols.at(second.x0, cols.dialogue) or cols.at(second.x0, cols.paren) or second.text.lstrip().startswith("(")

    def _speech_body(self, block: list[Line]) -> bool:
        """Every line at the dialogue or parenthetical column (a speech without its cue)."""
        cols = self.cols
        return cols.dialogue is not None and all(
            cols.at(ln.x0, cols.dialogue) or cols.at(ln.x0, cols.paren) or _MORE_RE.match(ln.text.strip())
            for ln in block
        )

    def _speech(
        self, block: list[Line], *, dual: bool = False, continued: Element | None = None, cue_line: bool = True
    ) -> tuple[Element, list[Element], bool]:
        """A cue and its parentheticals and dialogue: ``(cue, elements, cut by (MORE))``.

        With ``continued`` (the cue of a speech cut by a page break), the block's
        own ``NAME (CONT'D)`` cue is layout and is dropped; ``cue_line=False``: the
        block has no cue line at all.
        """
        cols = self.cols
        out: list[Element] = []
        if continued is None:
            cue_text = block[0].text.strip()
            name, exts, _ = parse_cue(cue_text)
            cue = Element(Kind.CHARACTER, cue_text, block[0].row, character=name, extensions=exts, dual=dual)
            out.append(cue)
        else:
            cue = continued
        run: list[Line] = []
        paren: list[Line] = []

        def flush() -> None:
            if run:
                out.append(Element(Kind.DIALOGUE, self._join(run), run[0].row, character=cue.character, dual=cue.dual))
                run.clear()

        def add_paren(lines: list[Line]) -> None:
            text = " ".join(p.text.strip() for p in lines)
            out.append(Element(Kind.PARENTHETICAL, text, lines[0].row, character=cue.character, dual=cue.dual))

        for ln in block[1:] if cue_line else block:
            t = ln.text.strip()
            if _MORE_RE.match(t):
                flush()
                return cue, out, True
            if paren:
                paren.append(ln)
                if t.endswith(")"):
                    add_paren(paren)
                    paren = []
                continue
            if t.startswith("(") and (not run or ln.x0 > run[-1].x0 + cols.char * 0.5 or t.endswith(")")):
                flush()
                if t.endswith(")"):
                    add_paren([ln])
                else:
                    paren = [ln]
                continue
            run.append(ln)
        if paren:
            add_paren(paren)
        flush()
        return cue, out, False

    def _dual(self, block: list[Line]) -> tuple[list[Line], list[Line]] | None:
        """Dual dialogue: two speeches side by side, split at the widest shared gap."""
        first = block[0]
        if len(block) < 2 or not first.gaps or self.cols.cue is None:
            return None
        off, x = first.gaps[0]
        left_text, right_text = first.text[:off].strip(), first.text[off:].strip()
        if not (_upper_name(left_text) and _upper_name(right_text)):
            return None
        split = x - self.cols.char
        left, right = [], []
        for ln in block:
            cut = next((o for o, gx in ln.gaps if abs(gx - x) <= 12 * self.cols.char and gx >= split - 20 * self.cols.char), None)
            if ln.x0 >= split:
                right.append(ln)
                continue
            if cut is None:
                left.append(ln)
                continue
            lx = Line(ln.page, ln.base, ln.x0, ln.x0, ln.text[:cut].rstrip(), [], ln.row)
            rx_x0 = next(gx for o, gx in ln.gaps if o == cut)
            rx = Line(ln.page, ln.base, rx_x0, ln.x1, ln.text[cut:].strip(), [], ln.row)
            left.append(lx)
            right.append(rx)
        # The right speech's columns are those of the left one, shifted.
        shift = right[0].x0 - left[0].x0
        for ln in right:
            ln.x0 -= shift
        if len(left) < 2 or len(right) < 2:
            return None
        return left, right

    def _is_transition(self, block: list[Line]) -> bool:
        cols = self.cols
        if len(block) != 1:
            return False
        ln = block[0]
        t = ln.text.strip()
        if not t.isupper() or is_heading(t):
            return False
        right_aligned = abs(ln.x1 - cols.right) <= 3 * cols.char and ln.x0 > cols.action + 15 * cols.char
        far_right = ln.x0 > (cols.cue or cols.action + 25 * cols.char) + cols.char
        if right_aligned and t[-1:] in (":", "."):
            return True
        return bool(_TRANSITION_END_RE.search(t)) and far_right

    def _is_centered(self, block: list[Line]) -> bool:
        cols = self.cols
        mid = (cols.action + cols.right) / 2
        return all(
            ln.x0 > cols.action + 2 * cols.char and abs((ln.x0 + ln.x1) / 2 - mid) <= 2.5 * cols.char for ln in block
        )

    def _join(self, lines: list[Line]) -> str:
        """Join wrapped lines with spaces; a line that ended early keeps its break."""
        width = max(1, round((self.cols.right - self.cols.action) / self.cols.char))
        if lines and self.cols.dialogue is not None and lines[0].x0 > self.cols.action + 2 * self.cols.char:
            width = max(len(ln.text.strip()) for ln in lines)
        out = lines[0].text.strip()
        for prev, ln in zip(lines, lines[1:]):
            t = ln.text.strip()
            first_word = t.split()[0] if t.split() else ""
            soft = len(prev.text.strip()) + 1 + len(first_word) > width - 1
            out += (" " if soft else "\n") + t
        return out


def _merge_continued(items: list) -> list:
    """Join two dialogue elements of one speaker in a row: one speech cut by a page."""
    merged: list = []
    for item in items:
        prev = merged[-1] if merged else None
        if (
            isinstance(item, Element)
            and isinstance(prev, Element)
            and item.kind is Kind.DIALOGUE
            and prev.kind is Kind.DIALOGUE
            and item.character == prev.character
        ):
            merged[-1] = Element(prev.kind, prev.text + " " + item.text, prev.line, character=prev.character, dual=prev.dual)
            continue
        merged.append(item)
    return merged


def _scenes(items: list) -> tuple[list[Scene], list[Element]]:
    preamble: list[Element] = []
    scenes: list[Scene] = []
    current = preamble
    heading = None
    for item in items:
        if isinstance(item, tuple):
            if heading is not None:
                scenes.append(Scene(len(scenes) + 1, heading[0], heading[1], tuple(current)))
            text, number, row = item[1]
            h = parse_heading(f"{text} #{number}#" if number else text)
            heading = (h, row)
            current = []
            continue
        current.append(item)
    if heading is not None:
        scenes.append(Scene(len(scenes) + 1, heading[0], heading[1], tuple(current)))
    return scenes, preamble


def _strip_scene_numbers(text: str) -> str:
    words = text.split()
    if len(words) >= 2 and _SCENE_NO_RE.match(words[0]):
        words = words[1:]
    if len(words) >= 2 and _SCENE_NO_RE.match(words[-1]):
        words = words[:-1]
    return " ".join(words)


def _page_labels(printed: list[str | None]) -> list[str]:
    """Each page's number: as printed, else counted from its numbered neighbours."""
    out: list[str] = []
    for k, label in enumerate(printed):
        if label:
            out.append(label)
            continue
        guess = None
        for d in range(1, len(printed)):
            nxt = printed[k + d] if k + d < len(printed) else None
            if nxt and nxt.isdigit():
                guess = str(max(1, int(nxt) - d))
                break
            prv = printed[k - d] if k - d >= 0 else None
            if prv and prv.isdigit():
                guess = str(int(prv) + d)
                break
        out.append(guess or str(k + 1))
    return out


__all__ = ["parse", "is_pdf", "MAGIC"]
