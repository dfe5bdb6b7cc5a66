"""A season read as one story: the episodes' scripts combined into one :class:`Script`.

Every check reads one script, so a season is audited as one: :func:`combine` puts
the episodes' scenes one after another in story order, renumbers them (scene
indices run on across the season) and moves each episode's lines into a range of
its own, so no two episodes share a line. :attr:`Script.episodes` records where
each episode lies, and the functions below map a combined scene or line back to
the episode's own numbering and file.

- Episode 1 keeps its lines and its preamble (text before the first heading).
  A later episode's lines start after the previous episode's last line; text
  before its first heading (``FADE IN:``, a cold open without a heading) is read
  as the start of its first scene, so it neither breaks nor adds a scene; an
  episode with no heading at all becomes one scene headed by nothing, which maps
  back to its scene 0.
- A Final Draft episode in a season of mixed formats numbers paragraphs, while
  sentences count lines: its paragraph ``n`` becomes combined line
  ``offset + n * stride`` (the stride leaves room for a paragraph's lines), so a
  sentence's line always maps back to its paragraph.
- The combined scenes carry no scene numbers (each episode's are kept in
  :attr:`Episode.numbers`), so whatever names a scene by its number names it by its
  place in the season, which maps back to exactly one episode's scene.
- Story time breaks at every episode boundary unless the episode ``continues``
  the previous one: :func:`segments` gives the runs of scenes read as one
  stretch of story time (see :mod:`continuity.story.episodes`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace

from continuity.screenplay.model import Element, Episode, Heading, Kind, Scene, Script

#: The heading of the scene an episode's opening text (before its first heading) becomes.
PREAMBLE_HEADING = Heading(text="", setting=None, location="")
_TEXT_KINDS = (Kind.ACTION, Kind.DIALOGUE, Kind.CHARACTER, Kind.LYRIC, Kind.PARENTHETICAL)


@dataclass(frozen=True)
class EpisodeMeta:
    """What a manifest says about one episode besides its script.

    Attributes:
        number: its number in the series.
        title: its title, if given.
        continues: it picks up the previous episode without a break in story time.
        gap_days: story days since the previous episode ends (1: the next day, 0: the same day).
    """

    number: int
    title: str | None = None
    continues: bool = False
    gap_days: int = 1


@dataclass(frozen=True)
class Segment:
    """A run of combined scenes read as one stretch of story time.

    Attributes:
        start, stop: positions in ``script.scenes`` (``scenes[start:stop]``).
        gap_days: story days between the previous segment's last day and this one's first.
    """

    start: int
    stop: int
    gap_days: int = 1


def last_line(script: Script) -> int:
    """The highest line any element, heading or page of ``script`` uses (0 when empty)."""
    top = max((e.line for e in script.preamble), default=0)
    for sc in script.scenes:
        top = max(top, sc.line, max((e.line for e in sc.elements), default=0))
    for page in script.pages:
        top = max(top, page.line + page.rows - 1)
    return top


def combine(scripts: Sequence[Script], metas: Sequence[EpisodeMeta] | None = None, *, source: str = "",
            title: str | None = None) -> Script:
    """One script holding ``scripts`` in order, with :attr:`Script.episodes` saying where each lies.

    Args:
        scripts: the episodes in story order.
        metas: what the manifest says about each (default: numbered 1, 2, ... with a
            day between episodes).
        source: what reports call the season (the manifest, or the folder).
        title: the series' title (default: the first episode's).

    Raises:
        ValueError: no scripts, or ``metas`` of another length.
    """
    if not scripts:
        raise ValueError("a season needs at least one script")
    metas = list(metas) if metas is not None else [EpisodeMeta(i + 1) for i in range(len(scripts))]
    if len(metas) != len(scripts):
        raise ValueError("one EpisodeMeta per script")
    formats = {s.format for s in scripts}
    fmt = formats.pop() if len(formats) == 1 else "fountain"
    scenes: list[Scene] = []
    preamble: tuple[Element, ...] = ()
    episodes: list[Episode] = []
    offset = 0
    for k, (script, meta) in enumerate(zip(scripts, metas)):
        stride = 1
        if script.format == "fdx" and fmt != "fdx":
            stride = 1 + max((e.text.count("\n") for _, e in script.elements()), default=0)

        def moved(els: tuple[Element, ...], offset: int = offset, stride: int = stride) -> tuple[Element, ...]:
            return tuple(replace(e, line=offset + e.line * stride) for e in els)

        first = len(scenes) + 1
        has_preamble = False
        opening: tuple[Element, ...] = ()
        if k == 0:
            preamble = moved(script.preamble)
        elif any(e.kind in _TEXT_KINDS for e in script.preamble):
            if script.scenes:
                opening = moved(script.preamble)  # read as the start of its first scene: no break in story time
            else:
                els = moved(script.preamble)
                scenes.append(Scene(len(scenes) + 1, PREAMBLE_HEADING, els[0].line, els))
                has_preamble = True
        for n, sc in enumerate(script.scenes):
            # No scene numbers in the season: every check then names a scene by its season index,
            # which maps back to one episode's scene (two episodes both have a scene 12).
            scenes.append(Scene(len(scenes) + 1, replace(sc.heading, number=None), offset + sc.line * stride,
                                (opening if n == 0 else ()) + moved(sc.elements)))
        lines = (last_line(script) + 1) * stride
        episodes.append(Episode(
            number=meta.number, title=meta.title or script.title, source=script.source, format=script.format, first_scene=first,
            scenes=len(scenes) + 1 - first, line_offset=offset, lines=lines, line_stride=stride,
            preamble_scene=has_preamble, continues=meta.continues and k > 0, gap_days=meta.gap_days,
            numbers=((None,) if has_preamble else ()) + tuple(sc.heading.number for sc in script.scenes),
        ))
        offset += lines
    title_page = scripts[0].title_page
    if title:
        title_page = (("Title", title), *((key, v) for key, v in title_page if key.lower() != "title"))
    return Script(title_page=title_page, preamble=preamble, scenes=tuple(scenes), source=source or scripts[0].source,
                  format=fmt, episodes=tuple(episodes))


def episode_of(script: Script, scene: int) -> Episode | None:
    """The episode holding combined scene ``scene`` (scene 0, the preamble, is the first episode's).

    None for a single script.
    """
    eps = script.episodes
    if not eps:
        return None
    if scene <= 0:
        return eps[0]
    k = bisect_right([e.first_scene for e in eps], scene) - 1
    return eps[max(k, 0)]


def episode_at_line(script: Script, line: int) -> Episode | None:
    """The episode whose lines hold combined line ``line`` (None for a single script)."""
    eps = script.episodes
    if not eps:
        return None
    k = bisect_right([e.line_offset + 1 for e in eps], line) - 1
    return eps[max(k, 0)]


def local_scene(episode: Episode, scene: int) -> int:
    """Combined scene ``scene`` as the episode's own scene index (0: before its first heading)."""
    if scene <= 0:
        return 0
    local = scene - episode.first_scene + (0 if episode.preamble_scene else 1)
    return max(local, 0)


def local_line(episode: Episode, line: int) -> int:
    """Combined line ``line`` as the episode's own line (Fountain line, FDX paragraph, PDF row)."""
    return (line - episode.line_offset) // episode.line_stride


def segments(script: Script) -> list[Segment]:
    """The runs of scenes read as one stretch of story time: one per episode, joined where one continues the last.

    A single script is one segment.
    """
    if not script.episodes:
        return [Segment(0, len(script.scenes))]
    out: list[Segment] = []
    for ep in script.episodes:
        start, stop = ep.first_scene - 1, ep.last_scene
        if out and ep.continues:
            out[-1] = replace(out[-1], stop=stop)
        else:
            out.append(Segment(start, stop, ep.gap_days))
    return out


__all__ = ["EpisodeMeta", "Segment", "PREAMBLE_HEADING", "combine", "episode_of", "episode_at_line", "local_scene",
           "local_line", "segments", "last_line"]
