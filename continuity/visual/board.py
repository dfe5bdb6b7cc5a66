"""A storyboard's plan before any pixel: per shot, who looks like what, in which pose, with which props.

:class:`Board` joins the shot list with the staging read from its action
(:mod:`continuity.visual.staging`) and each subject's identity for the shot's scene
(:func:`continuity.visual.identity.identity_for`, with a subject's own ``wardrobe``
on top). The renderer draws a board; the identity check rebuilds the same board
from the shot list and the bible to know where to look in each frame.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from continuity.visual.identity import (
    Identity,
    ScriptCostumes,
    identity_for,
    with_wardrobe,
)
from continuity.visual.layout import Placement, place_subjects
from continuity.visual.staging import ShotStaging, stage

if TYPE_CHECKING:
    from continuity.bible.model import Bible
    from continuity.visual.shots import Shot, ShotList


@dataclass(frozen=True)
class BoardShot:
    """One shot of a board: the shot, its staging and its subjects' identities (by name)."""

    shot: Shot
    staging: ShotStaging
    identities: dict[str, Identity]

    def placements(self, width: float, height: float) -> list[Placement]:
        """Where the subjects are in a ``width`` x ``height`` frame (see :func:`place_subjects`)."""
        return place_subjects(self.shot, width, height, self.staging.poses,
                              {n: i.figure for n, i in self.identities.items()})


@dataclass(frozen=True)
class Board:
    """A shot list with staging and identities, shot by shot, in cutting order."""

    shots: ShotList
    items: tuple[BoardShot, ...]

    @classmethod
    def build(cls, shots: ShotList, bible: Bible | None = None, costumes: ScriptCostumes | None = None) -> Board:
        """Stage every shot and resolve every subject's identity for the shot's scene."""
        items = []
        for shot, staging in zip(shots.shots, stage(shots, bible)):
            ids = {}
            for s in shot.subjects:
                ident = identity_for(s.name, shot.scene, bible, costumes)
                if s.wardrobe:
                    ident = with_wardrobe(ident, s.wardrobe, f"shot {shot.number}")
                ids[s.name] = ident
            items.append(BoardShot(shot, staging, ids))
        return cls(shots, tuple(items))

    def of(self, shot: Shot) -> BoardShot | None:
        """The board entry of ``shot`` (by its number)."""
        return next((b for b in self.items if b.shot.number == shot.number), None)


__all__ = ["Board", "BoardShot"]
