"""Findings and reports: what the audit returns, and its stable JSON shape."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from continuity.story.sentences import Observation

CATEGORIES = ("appearance", "wardrobe", "prop", "name", "timeline", "location", "voice", "style", "visual", "plan",
              "fidelity", "reader")
SEVERITIES = ("error", "warning", "info")
_RANK = {s: i for i, s in enumerate(reversed(SEVERITIES))}  # info 0 < warning 1 < error 2


def severity_at_least(severity: str, threshold: str) -> bool:
    """True when ``severity`` is as severe as ``threshold`` or more."""
    return _RANK[severity] >= _RANK[threshold]


@dataclass(frozen=True)
class Evidence:
    """What a finding conflicts with: a script line, or a bible fact (``bible`` path)."""

    text: str
    line: int | None = None
    scene: int | None = None
    bible: str | None = None
    scene_number: str | None = field(default=None, compare=False)
    page: str | None = field(default=None, compare=False)
    page_line: int | None = field(default=None, compare=False)
    #: In a season, the episode whose scene and line these are (its own numbering).
    episode: int | None = field(default=None, compare=False)

    def to_dict(self) -> dict:
        """The JSON form: ``{"line", "scene", "text"}`` or ``{"bible", "text"}``.

        A script line located on a page (see :mod:`continuity.reports.positions`) adds
        ``scene_number``, ``page`` and ``page_line``; in a season, ``episode`` comes first.
        """
        if self.bible is not None:
            return {"bible": self.bible, "text": self.text}
        d: dict = {"episode": self.episode} if self.episode is not None else {}
        d["line"] = self.line
        if self.scene is not None:
            d["scene"] = self.scene
        d["text"] = self.text
        for key in ("scene_number", "page", "page_line"):
            if getattr(self, key) is not None:
                d[key] = getattr(self, key)
        return d


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


@dataclass(frozen=True)
class Finding:
    """One continuity problem, located in the script and backed by evidence.

    ``subject`` is the character, prop or location the finding is about; it feeds
    the fingerprint with the category, the offending text and the evidence texts,
    so the id survives edits elsewhere in the script (line numbers are not in it).
    """

    category: str
    severity: str
    scene: int
    line: int
    message: str
    text: str = ""
    character: str | None = None
    subject: str | None = None
    evidence: tuple[Evidence, ...] = ()
    extra: tuple[tuple[str, object], ...] = field(default=(), compare=False)
    #: Production positions, filled by :func:`continuity.reports.positions.locate`: the
    #: scene's own number (else its index), the page, the line on that page and
    #: the eighth of the page (1-8) where the offending text is printed.
    scene_number: str | None = field(default=None, compare=False)
    page: str | None = field(default=None, compare=False)
    page_line: int | None = field(default=None, compare=False)
    page_eighth: int | None = field(default=None, compare=False)
    #: A review decision shown in the report (``"dismissed"``, ``"intended"``),
    #: or None for a finding that counts.
    status: str | None = field(default=None, compare=False)
    #: In a season, the episode the finding is in (its number); ``scene`` and ``line``
    #: are then the episode's own. Part of the id, so the same text in two episodes
    #: is two findings. None for a single script.
    episode: int | None = None

    def __post_init__(self) -> None:
        if self.category not in CATEGORIES:
            raise ValueError(f"unknown category {self.category!r}")
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")

    @property
    def id(self) -> str:
        """A stable fingerprint: category, subject and the normalised offending text.

        Line numbers are not in it, so edits elsewhere in the script keep the id;
        what the finding conflicts with is :attr:`evidence_key`, kept apart so a
        review can tell "same problem, new evidence" from "new problem".
        """
        parts = [self.category, (self.subject or self.character or "").upper(), _norm(self.text)]
        if self.episode is not None:
            parts.append(f"episode {self.episode}")
        return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:16]

    @property
    def evidence_key(self) -> str:
        """A fingerprint of the normalised evidence texts and bible paths."""
        parts = sorted(_norm(e.text) + "|" + (e.bible or "") for e in self.evidence)
        return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:16]

    def to_dict(self) -> dict:
        """The documented JSON form of a finding (see README, "JSON report")."""
        d = {
            "id": self.id,
            "category": self.category,
            "severity": self.severity,
            **({"episode": self.episode} if self.episode is not None else {}),
            "scene": self.scene,
            "line": self.line,
            "character": self.character,
            "subject": self.subject or self.character,
            "message": self.message,
            "text": self.text,
            "evidence": [e.to_dict() for e in self.evidence],
            "evidence_key": self.evidence_key,
        }
        for key in ("scene_number", "page", "page_line", "page_eighth", "status"):
            if getattr(self, key) is not None:
                d[key] = getattr(self, key)
        for key, value in self.extra:
            d.setdefault(key, value)
        return d


@dataclass(frozen=True)
class SceneInfo:
    """Per-scene facts the report shows next to findings."""

    index: int
    line: int
    heading: str
    time: str | None  # resolved through CONTINUOUS, SAME, LATER
    story_day: str | None  # "D3", "N3", "FB2"
    number: str | None = None  # the script's own number, else the index (once located)
    page: str | None = None  # the page it starts on
    eighths: int | None = None  # its length in eighths of a page
    day: int | None = None  # the main story day (None in a flashback)
    episode: int | None = None  # in a season, the episode (``index`` is then the episode's own)

    def to_dict(self) -> dict:
        """The ``scene_index`` entry; position keys only once located; ``episode`` first in a season."""
        d = {**({"episode": self.episode} if self.episode is not None else {}), "scene": self.index,
             "line": self.line, "heading": self.heading, "time": self.time, "story_day": self.story_day,
             "day": self.day}
        if self.number is not None:
            d["scene_number"] = self.number
        if self.page is not None:
            d["page"] = self.page
        if self.eighths is not None:
            from continuity.screenplay.pages import eighths_text

            d["eighths"] = self.eighths
            d["pages"] = eighths_text(self.eighths)
        return d


@dataclass(frozen=True)
class EpisodeInfo:
    """One episode of a season report.

    Attributes:
        number: its number in the series.
        title: its title, if known.
        script: its file.
        format: its format (how its lines read).
        scenes: how many scenes it has.
    """

    number: int
    title: str | None
    script: str
    format: str
    scenes: int


@dataclass(frozen=True)
class Report:
    """The result of an audit (of one script, or of a season when ``episodes`` is set)."""

    script: str
    format: str
    scenes: tuple[SceneInfo, ...]
    findings: tuple[Finding, ...]
    bible: str | None = None
    checks: tuple[str, ...] = ()
    #: Findings a review decision hides (dismissed in the store, or marked
    #: ``[[continuity: intended]]`` in the script); not in ``findings``.
    hidden: tuple[Finding, ...] = ()
    #: A season's episodes in story order (empty for a single script); findings,
    #: evidence and scenes then carry ``episode`` and the episode's own numbering.
    episodes: tuple[EpisodeInfo, ...] = ()
    #: A season's series title.
    series: str | None = None

    def count(self, severity: str) -> int:
        """How many findings have this severity."""
        return sum(1 for f in self.findings if f.severity == severity)

    def episode(self, number: int | None) -> EpisodeInfo | None:
        """The season's episode with this number (None for a single script)."""
        return next((e for e in self.episodes if e.number == number), None)

    def scene_info(self, scene: int, episode: int | None = None) -> SceneInfo | None:
        """The scene with this index (of ``episode`` in a season), or None."""
        if not self.episodes:
            return self.scenes[scene - 1] if 1 <= scene <= len(self.scenes) else None
        return next((s for s in self.scenes if s.episode == episode and s.index == scene), None)

    def episode_summaries(self) -> list[dict]:
        """Per episode: ``{"episode", "title", "script", "format", "scenes", "summary", "hidden"}``."""
        out = []
        for e in self.episodes:
            mine = [f for f in self.findings if f.episode == e.number]
            out.append({
                "episode": e.number, "title": e.title, "script": e.script, "format": e.format, "scenes": e.scenes,
                "summary": {s: sum(1 for f in mine if f.severity == s) for s in SEVERITIES},
                "hidden": sum(1 for f in self.hidden if f.episode == e.number),
            })
        return out

    def worst(self) -> str | None:
        """The most severe severity present, or None when clean."""
        for s in SEVERITIES:
            if self.count(s):
                return s
        return None

    def to_dict(self) -> dict:
        """The stable JSON report (keys documented in the README)."""
        return {
            "script": self.script,
            "format": self.format,
            "bible": self.bible,
            "scenes": len(self.scenes),
            "checks": list(self.checks),
            "summary": {s: self.count(s) for s in SEVERITIES},
            "findings": [f.to_dict() for f in self.findings],
            "scene_index": [s.to_dict() for s in self.scenes],
            **({"hidden": len(self.hidden)} if self.hidden else {}),
            **({"series": self.series, "episodes": self.episode_summaries()} if self.episodes else {}),
        }


def observation_finding(
    obs: Observation, category: str, severity: str, message: str, evidence, extra: tuple = ()
) -> Finding:
    """A finding about an observed value, located at its sentence."""
    return Finding(
        category=category,
        severity=severity,
        scene=obs.sentence.scene,
        line=obs.sentence.line,
        message=message,
        text=obs.sentence.text,
        character=obs.character,
        subject=f"{obs.character}.{obs.attribute}",
        evidence=(evidence,),
        extra=(*extra, ("resolved_by", obs.how)),
    )
