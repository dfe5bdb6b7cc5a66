"""The one-liner: per scene, its number, heading, time, story day, pages and cast.

What a first AD's one-line schedule and a day-out-of-days start from, built from
the parsed script alone: scene numbers as the script gives them (else the
index), the time of day (inherited through CONTINUOUS/SAME), the story day, where
the scene starts and how long it is in eighths of a page (:mod:`continuity.screenplay.pages`),
and the cast: who speaks, and who of the speaking cast is named in the action.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from continuity.screenplay.model import Kind, Scene, Script
from continuity.screenplay.pages import Pagination, eighths_text, pagination, scene_number
from continuity.story.timeline import effective_times, story_days


@dataclass(frozen=True)
class SceneRow:
    """One line of the one-liner."""

    scene: Scene
    number: str
    time: str | None
    story_day: int | None
    page: str | None
    eighths: int | None
    cast: tuple[str, ...]

    def to_dict(self) -> dict:
        """The JSON form of ``studio scenes --json`` (older keys first, unchanged)."""
        sc = self.scene
        return {
            "scene": sc.index,
            "line": sc.line,
            "number": sc.heading.number,
            "heading": sc.heading.text,
            "setting": sc.heading.setting,
            "location": sc.heading.location,
            "time": sc.heading.time,
            "story_day": self.story_day,
            "speakers": list(sc.speakers),
            "scene_number": self.number,
            "effective_time": self.time,
            "page": self.page,
            "eighths": self.eighths,
            "pages": eighths_text(self.eighths) if self.eighths else None,
            "cast": list(self.cast),
        }


def one_liner(script: Script, *, pages: Pagination | None = None) -> list[SceneRow]:
    """The scene rows of ``script``, in order."""
    pages = pages or pagination(script)
    cast_names = script.speakers
    finders = {name: _name_re(name) for name in cast_names}
    rows = []
    for scene, time, day in zip(script.scenes, effective_times(script.scenes), story_days(script.scenes)):
        ext = pages.scene(scene.index)
        action = "\n".join(el.text for el in scene.elements if el.kind is Kind.ACTION)
        present = dict.fromkeys(scene.speakers)
        for name, rx in finders.items():
            if name not in present and rx is not None and rx.search(action):
                present[name] = None
        rows.append(
            SceneRow(scene, scene_number(scene), time, day, ext.page if ext else None, ext.eighths if ext else None, tuple(present))
        )
    return rows


def untimed(rows: list[SceneRow]) -> list[SceneRow]:
    """Scenes whose heading gives no time of day (nor CONTINUOUS, SAME...)."""
    return [r for r in rows if r.scene.heading.time is None]


def _name_re(name: str) -> re.Pattern[str] | None:
    """A cue's name as written in action: ``MARA`` or ``Mara`` (a whole word)."""
    if len(name) < 2 or not any(c.isalpha() for c in name):
        return None
    forms = {re.escape(name), re.escape(name.title())}
    return re.compile(r"(?<![\w'])(?:" + "|".join(sorted(forms)) + r")(?![\w])")


__all__ = ["SceneRow", "one_liner", "untimed"]
