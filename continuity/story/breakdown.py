"""The one-liner: per scene, its number, heading, time, story day, pages and cast.

What a first AD's one-line schedule and a day-out-of-days start from, built from
the parsed script alone: scene numbers as the script gives them (else the
index), the time of day (inherited through CONTINUOUS/SAME), the story day, where
the scene starts and how long it is in eighths of a page (:mod:`continuity.screenplay.pages`),
and the cast: who speaks, and who of the speaking cast is named in the action.
"""

from __future__ import annotations

from dataclasses import dataclass

from continuity.screenplay.model import Scene, Script
from continuity.screenplay.pages import Pagination, eighths_text, pagination, scene_number
from continuity.story.presence import Presence, SceneCast, read_presence
from continuity.story.time import SceneTime, StoryTime, read_time
from continuity.story.time_words import WEEKDAYS


@dataclass(frozen=True)
class SceneRow:
    """One line of the one-liner."""

    scene: Scene
    number: str
    when: SceneTime
    page: str | None
    eighths: int | None
    who: SceneCast

    @property
    def time(self) -> str | None:
        """The resolved time of day."""
        return self.when.time

    @property
    def story_day(self) -> str:
        """``D3``, ``N3`` or ``FB2``."""
        return self.when.story_day

    @property
    def cast(self) -> tuple[str, ...]:
        """Who is on screen, speaking or not."""
        return self.who.present

    def to_dict(self) -> dict:
        """The JSON form of ``studio scenes --json``.

        ``story_day`` is the industry notation (it was a bare number before story time
        existed: ``day`` is that number now, null in a flashback); ``time`` is resolved
        through CONTINUOUS, SAME and LATER (the heading's own word is ``heading_time``);
        ``cast`` is ``present``.
        """
        sc = self.scene
        w = self.when
        return {
            "scene": sc.index,
            "line": sc.line,
            "number": sc.heading.number,
            "heading": sc.heading.text,
            "setting": sc.heading.setting,
            "location": sc.heading.location,
            "time": w.time,
            "story_day": w.story_day,
            "speakers": list(sc.speakers),
            "scene_number": self.number,
            "effective_time": w.time_class,
            "page": self.page,
            "eighths": self.eighths,
            "pages": eighths_text(self.eighths) if self.eighths else None,
            "cast": list(self.who.present),
            "heading_time": sc.heading.time,
            "time_source": w.time_source,
            "why_no_time": w.why_no_time,
            "day": w.day,
            "flashback": w.flashback,
            "day_source": w.day_source,
            "continues": w.continues,
            "date": w.date.isoformat() if w.date else None,
            "weekday": WEEKDAYS[w.weekday].title() if w.weekday is not None else None,
            "present": list(self.who.present),
            "speaking": list(self.who.speaking),
            "heard": list(self.who.heard),
            "mentioned": list(self.who.mentioned),
        }


def one_liner(script: Script, *, pages: Pagination | None = None, story: StoryTime | None = None,
              presence: Presence | None = None, fixes: dict[str, str] | None = None) -> list[SceneRow]:
    """The scene rows of ``script``, in order.

    Args:
        script: the parsed screenplay.
        pages: its pagination (computed when not given).
        story: its story time (read when not given, with ``fixes``).
        presence: who is in each scene (read when not given).
        fixes: ``story_days`` fixes, scene number -> ``D5`` (see :func:`continuity.story.time.read_time`).
    """
    pages = pages or pagination(script)
    presence = presence or read_presence(script)
    story = story or read_time(script, presence, fixes)
    rows = []
    for scene in script.scenes:
        ext = pages.scene(scene.index)
        rows.append(SceneRow(scene, scene_number(scene), story.of(scene.index), ext.page if ext else None,
                             ext.eighths if ext else None, presence.of(scene.index)))
    return rows


def untimed(rows: list[SceneRow]) -> list[SceneRow]:
    """Scenes with no time of day, even after reading continuations, the action and the scenes around."""
    return [r for r in rows if r.time is None]


__all__ = ["SceneRow", "one_liner", "untimed"]
