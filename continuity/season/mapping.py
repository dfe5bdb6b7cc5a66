"""A combined season audit, given back to each episode: its own scenes, lines, pages and file.

The checks read the season as one script (:func:`continuity.screenplay.season.combine`),
so their findings count scenes and lines across the season. :func:`to_season`
turns them into the episodes' own numbering: each finding gets ``episode``, the
scene and line of its episode's file, and the page and scene number that
episode prints; each piece of evidence gets its own episode (an appearance
established in episode 1 and contradicted in episode 3 cites episode 1).
Messages that name a scene ("but red in scene 12") name it as the episode does
("but red in scene 4 of episode 1"). The finding keeps ``season_scene``, the
scene's place in the season, which is how a series bible's scene ranges count.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from continuity.checks.findings import EpisodeInfo, Evidence, Finding, Report, SceneInfo
from continuity.screenplay.model import Episode, Script
from continuity.screenplay.pages import Pagination, pagination, scene_number
from continuity.screenplay.season import episode_at_line, episode_of, local_line, local_scene

if TYPE_CHECKING:
    from continuity.season.manifest import SeasonSpec

_SCENE_RE = re.compile(r"\b(scene|Scene) (\d+)\b")


class _Places:
    """Each episode's pagination and scene numbers, computed once."""

    def __init__(self, combined: Script, scripts: tuple[Script, ...]) -> None:
        self.combined = combined
        self.by_number = {ep.number: (ep, s) for ep, s in zip(combined.episodes, scripts)}
        self._pages: dict[int, Pagination] = {}

    def pages(self, ep: Episode) -> Pagination:
        if ep.number not in self._pages:
            self._pages[ep.number] = pagination(self.by_number[ep.number][1])
        return self._pages[ep.number]

    def number(self, ep: Episode, local: int) -> str | None:
        script = self.by_number[ep.number][1]
        return scene_number(script.scenes[local - 1]) if 1 <= local <= len(script.scenes) else None


def to_season(report: Report, combined: Script, scripts: tuple[Script, ...], spec: SeasonSpec) -> Report:
    """The season report: ``report`` (an audit of ``combined``) in each episode's own numbering.

    Args:
        report: :func:`continuity.audit.run` of ``combined``.
        combined: the season as one script (:func:`continuity.screenplay.season.combine` of ``scripts``).
        scripts: the episodes' own scripts, in story order.
        spec: the season (its title and source).
    """
    places = _Places(combined, scripts)
    order = {ep.number: k for k, ep in enumerate(combined.episodes)}

    def rename(text: str, home: Episode) -> str:
        def one(m: re.Match) -> str:
            g = int(m.group(2))
            if not 1 <= g <= len(combined.scenes):
                return m.group(0)
            ep = episode_of(combined, g)
            local = local_scene(ep, g)
            number = places.number(ep, local) or str(local)
            where = f"{m.group(1)} {number}"
            return where if ep.number == home.number else f"{where} of episode {ep.number}"

        return _SCENE_RE.sub(one, text)

    def evidence(e: Evidence) -> Evidence:
        if e.bible is not None or (e.line is None and e.scene is None):
            return e
        ep = episode_of(combined, e.scene) if e.scene else episode_at_line(combined, e.line or 0)
        local = local_scene(ep, e.scene) if e.scene else None
        line = local_line(ep, e.line) if e.line is not None else None
        pos = places.pages(ep).locate(line) if line else None
        return replace(e, episode=ep.number, scene=local, line=line,
                       scene_number=places.number(ep, local) if local else None,
                       page=pos.page if pos else None, page_line=pos.row if pos else None)

    def finding(f: Finding) -> Finding:
        ep = episode_of(combined, f.scene) if f.scene else episode_at_line(combined, f.line)
        local = local_scene(ep, f.scene)
        line = local_line(ep, f.line) if f.line else f.line
        pos = places.pages(ep).locate(line) if line else None
        return replace(
            f, episode=ep.number, scene=local, line=line, message=rename(f.message, ep),
            subject=rename(f.subject, ep) if f.subject else f.subject,
            evidence=tuple(evidence(e) for e in f.evidence),
            extra=(*f.extra, ("season_scene", f.scene)),
            scene_number=places.number(ep, local) if local else None,
            page=pos.page if pos else None, page_line=pos.row if pos else None,
            page_eighth=pos.eighth if pos else None,
        )

    findings = sorted((finding(f) for f in report.findings),
                      key=lambda f: (order.get(f.episode, 0), f.scene, f.line, f.category, f.id))
    scenes: list[SceneInfo] = []
    for info in report.scenes:
        ep = episode_of(combined, info.index)
        local = local_scene(ep, info.index)
        if local == 0:
            continue  # an episode's opening text before its first heading: its scene 0, not a scene
        ext = places.pages(ep).scene(local)
        scenes.append(replace(info, index=local, line=local_line(ep, info.line), episode=ep.number,
                              number=places.number(ep, local), page=ext.page if ext else None,
                              eighths=ext.eighths if ext else None))
    episodes = tuple(EpisodeInfo(ep.number, ep.title, s.source, s.format, len(s.scenes))
                     for ep, s in zip(combined.episodes, scripts))
    return replace(report, script=spec.source or combined.source, format="season", scenes=tuple(scenes),
                   findings=tuple(findings), hidden=(), episodes=episodes, series=spec.title)


def episode_report(report: Report, number: int) -> Report:
    """One episode's part of a season report (its findings and scenes), still a season report."""
    return replace(
        report,
        findings=tuple(f for f in report.findings if f.episode == number),
        hidden=tuple(f for f in report.hidden if f.episode == number),
        scenes=tuple(s for s in report.scenes if s.episode == number),
        episodes=tuple(e for e in report.episodes if e.number == number),
    )


__all__ = ["to_season", "episode_report"]
