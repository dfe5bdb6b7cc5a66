"""Story time across a season: each episode starts a new stretch unless it continues the last.

A season is one combined script (see :mod:`continuity.screenplay.season`). Time
of day, continuous spans and story days are read per segment (an episode, or a
run of episodes each continuing the one before) with the single-script rules of
:mod:`continuity.story.timeline`, then joined: nothing inherits across a break
(a CONTINUOUS heading opening an episode has no time to continue), every segment
opens a new continuous span (so wardrobe resets), and its story days start
``gap_days`` after the previous segment's last day. A single script is one
segment, read exactly as before.
"""

from __future__ import annotations

from continuity.screenplay.model import Script
from continuity.screenplay.season import segments
from continuity.story import timeline


def effective_times(script: Script) -> list[str | None]:
    """Each scene's time of day (see :func:`timeline.effective_times`), inheriting within a segment only."""
    out: list[str | None] = []
    for seg in segments(script):
        out.extend(timeline.effective_times(script.scenes[seg.start:seg.stop]))
    return out


def story_days(script: Script) -> list[int | None]:
    """Story day per scene (None in flashbacks), counted on across the season's segments."""
    out: list[int | None] = []
    last = 0
    for k, seg in enumerate(segments(script)):
        days = timeline.story_days(script.scenes[seg.start:seg.stop])
        shift = 0 if k == 0 else last + seg.gap_days - 1
        out.extend(None if d is None else d + shift for d in days)
        last = max((d for d in out if d is not None), default=last)
    return out


def continuous_spans(script: Script) -> list[int]:
    """A continuous-span id per scene; no span crosses a segment boundary."""
    out: list[int] = []
    for seg in segments(script):
        base = out[-1] + 1 if out else 0
        out.extend(base + s for s in timeline.continuous_spans(script.scenes[seg.start:seg.stop]))
    return out


__all__ = ["effective_times", "story_days", "continuous_spans"]
