"""The screenplay model: plain frozen dataclasses, no I/O.

A :class:`Script` is a title page, an optional preamble (what comes before the first
scene heading, e.g. ``FADE IN:``) and ordered :class:`Scene` objects. Every
:class:`Element` keeps ``line``: the 1-based source line for Fountain, the 1-based
paragraph index for Final Draft (.fdx), the 1-based printed row for a PDF (counted
over the pages, blank rows included; see :attr:`Script.pages`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Kind(str, Enum):
    """Kinds of screenplay element."""

    ACTION = "action"
    CHARACTER = "character"
    DIALOGUE = "dialogue"
    PARENTHETICAL = "parenthetical"
    TRANSITION = "transition"
    NOTE = "note"
    SECTION = "section"
    SYNOPSIS = "synopsis"
    CENTERED = "centered"
    PAGE_BREAK = "page_break"
    LYRIC = "lyric"


@dataclass(frozen=True)
class Element:
    """One element of a scene.

    Attributes:
        kind: what the element is.
        text: its text, without Fountain markup (``@``, ``!``, ``>``...). Multi-line
            action or dialogue keeps its line breaks as ``\\n``.
        line: 1-based source line (Fountain), paragraph index (FDX) or printed
            row (PDF) of the element's first line.
        character: for CHARACTER, DIALOGUE and PARENTHETICAL, the speaker's name as
            cued, without extensions (``EDWARD`` for ``EDWARD (V.O.)``).
        extensions: for CHARACTER, the cue's extensions (``("V.O.", "CONT'D")``).
        dual: the cue (and its dialogue) is the second speaker of dual dialogue.
        depth: for SECTION, the number of ``#``.
    """

    kind: Kind
    text: str
    line: int
    character: str | None = None
    extensions: tuple[str, ...] = ()
    dual: bool = False
    depth: int = 0


@dataclass(frozen=True)
class Heading:
    """A parsed scene heading such as ``INT. HOUSE - NIGHT (1979) #12#``.

    Attributes:
        text: the heading as written, without scene number or leading ``.``.
        setting: ``INT``, ``EXT``, ``INT/EXT``, ``EST`` or ``None`` (forced heading).
        location: the place, e.g. ``LIGHTHOUSE - LANTERN ROOM``.
        time: normalised time of day (``DAY``, ``NIGHT``, ``CONTINUOUS``...) or None.
        qualifiers: other trailing parts (``FLASHBACK``, ``1979``...), upper case.
        number: the scene number if the script gives one.
    """

    text: str
    setting: str | None
    location: str
    time: str | None = None
    qualifiers: tuple[str, ...] = ()
    number: str | None = None

    @property
    def is_flashback(self) -> bool:
        """True when the heading marks a flashback, dream or memory."""
        return any(q in _NONLINEAR for q in self.qualifiers) or any(
            w in self.location for w in ("FLASHBACK", "DREAM")
        )

    @property
    def year(self) -> int | None:
        """A four-digit year in the heading, e.g. ``(1979)``, if any."""
        for q in self.qualifiers:
            if q.isdigit() and len(q) == 4:
                return int(q)
        return None


_NONLINEAR = {"FLASHBACK", "DREAM", "MEMORY", "FANTASY", "FLASH FORWARD", "PRESENT DAY", "PAST"}


@dataclass(frozen=True)
class Scene:
    """A scene: its heading, 1-based index in document order, and its elements."""

    index: int
    heading: Heading
    line: int
    elements: tuple[Element, ...] = ()

    @property
    def speakers(self) -> tuple[str, ...]:
        """Speaking characters in order of first cue, without duplicates."""
        seen: dict[str, None] = {}
        for el in self.elements:
            if el.kind is Kind.CHARACTER and el.character:
                seen.setdefault(el.character, None)
        return tuple(seen)


@dataclass(frozen=True)
class Page:
    """A page of a source that is paginated (a PDF): where it starts and its number.

    Attributes:
        number: the page number as printed (``"12"``, ``"12A"``), or counted.
        line: the :attr:`Element.line` of the page's first row.
        rows: how many rows (text lines at the script's line spacing, blank ones
            included) the page's body holds, for page eighths.
    """

    number: str
    line: int
    rows: int


@dataclass(frozen=True)
class Episode:
    """Where one episode of a season lies in the combined :class:`Script` of the season.

    Attributes:
        number: the episode's number in the series (``1`` for the pilot).
        title: its title, if known.
        source: the file it was read from.
        format: its own format (``fountain``, ``fdx``, ``pdf``): how to read its lines.
        first_scene: the combined index of its first scene (its preamble's scene when
            ``preamble_scene``).
        scenes: how many combined scenes it holds (its preamble's scene included).
        line_offset, line_stride: its own line ``n`` is combined line
            ``line_offset + n * line_stride``.
        lines: the combined lines it may use are ``line_offset + 1`` to ``line_offset + lines``.
        preamble_scene: its text became one scene headed by nothing (a later episode
            with no scene heading at all; see :func:`continuity.screenplay.season.combine`).
        continues: it picks up where the previous episode stopped (no break in story time).
        gap_days: story days between the previous episode and this one (1: the next day).
        numbers: its scenes' own numbers (``#12#``, FDX ``Number``), in order, None where
            unnumbered; the combined scenes carry none, so a scene's number in the season
            is always its combined index.
    """

    number: int
    title: str | None
    source: str
    format: str
    first_scene: int
    scenes: int
    line_offset: int
    lines: int
    line_stride: int = 1
    preamble_scene: bool = False
    continues: bool = False
    gap_days: int = 1
    numbers: tuple[str | None, ...] = ()

    @property
    def last_scene(self) -> int:
        """The combined index of its last scene (``first_scene - 1`` when it has none)."""
        return self.first_scene + self.scenes - 1


@dataclass(frozen=True)
class Script:
    """A whole screenplay.

    Attributes:
        title_page: ordered ``(key, value)`` pairs; multi-line values keep ``\\n``.
        preamble: elements before the first scene heading.
        scenes: the scenes in document order (``scenes[i].index == i + 1``).
        source: where it was read from (a path or ``"<stdin>"``), for reports.
        format: ``"fountain"``, ``"fdx"`` or ``"pdf"``; it tells how to read ``line``.
        pages: for a source that paginates itself (PDF), its pages in order; a
            PDF's ``line`` counts rows, blank ones included, so page ``k`` holds
            lines ``pages[k].line`` to ``pages[k].line + pages[k].rows - 1``.
            Empty for Fountain and FDX (see :mod:`continuity.pages`).
        episodes: for a season read as one story (see :mod:`continuity.screenplay.season`),
            where each episode's scenes and lines lie in this combined script;
            empty for a single script.
    """

    title_page: tuple[tuple[str, str], ...] = ()
    preamble: tuple[Element, ...] = ()
    scenes: tuple[Scene, ...] = ()
    source: str = ""
    format: str = "fountain"
    pages: tuple[Page, ...] = ()
    episodes: tuple[Episode, ...] = ()

    @property
    def title(self) -> str | None:
        """The title from the title page, if any."""
        for key, value in self.title_page:
            if key.lower() == "title":
                return " ".join(value.split())
        return None

    @property
    def speakers(self) -> tuple[str, ...]:
        """Every speaking character in order of first cue, without duplicates."""
        seen: dict[str, None] = {}
        for scene in self.scenes:
            for name in scene.speakers:
                seen.setdefault(name, None)
        for el in self.preamble:
            if el.kind is Kind.CHARACTER and el.character:
                seen.setdefault(el.character, None)
        return tuple(seen)

    def elements(self):
        """Yield ``(scene_or_None, element)`` for every element in document order."""
        for el in self.preamble:
            yield None, el
        for scene in self.scenes:
            for el in scene.elements:
                yield scene, el


__all__ = ["Kind", "Element", "Heading", "Scene", "Page", "Episode", "Script", "field"]
