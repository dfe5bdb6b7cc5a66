"""Does a written scene keep to its plan? (category ``plan``)

The bible checks (``continuity.checks``) compare a scene with canon; these compare it
with what the outline asked for: every planned character is in the scene, nobody
speaks who is neither planned nor in the bible, and the scene is not far longer than
the editor's target. ``studio generate`` runs them on each scene beside the audit.
"""

from __future__ import annotations

import re

from continuity.bible.model import Bible
from continuity.checks.findings import Evidence, Finding
from continuity.screenplay.model import Kind, Scene

#: Screen seconds per word of action or dialogue (about a page a minute).
SECONDS_PER_WORD = 0.4
#: A scene this many times its target length or more is flagged.
TOO_LONG = 1.5


def check_plan(scene: Scene, planned: list[str], bible: Bible | None, *, target_seconds: int | None = None) -> list[Finding]:
    """Findings for ``scene`` against the characters the outline planned for it.

    Args:
        scene: the written scene.
        planned: the outline's characters for it (bible names, any case).
        bible: the canon, to tell a known character from a stranger.
        target_seconds: the editor's target length, if any.
    """
    out: list[Finding] = []
    words = _words_in(scene)
    speakers = set(scene.speakers)
    for name in planned:
        key = name.upper().strip()
        if not key or key in speakers or _named(key, words, bible):
            continue
        out.append(Finding(
            category="plan", severity="error", scene=scene.index, line=scene.line,
            message=f"{key} is in the outline of scene {scene.index} but not in the scene",
            text=key, character=key, subject=key,
            evidence=(Evidence(text=f"outline: {', '.join(planned)}", scene=scene.index),),
        ))
    known = {n.upper() for n in planned}
    if bible is not None:
        for ch in bible.characters:
            known.add(ch.name.upper())
            known.update(a.upper() for a in ch.aliases)
    for el in scene.elements:
        if el.kind is Kind.CHARACTER and el.character and el.character not in known:
            known.add(el.character)  # once per scene
            out.append(Finding(
                category="plan", severity="warning", scene=scene.index, line=el.line,
                message=f"{el.character} speaks but is neither in the outline nor in the bible",
                text=el.character, character=el.character, subject=el.character,
            ))
    if target_seconds:
        seconds = estimate_seconds(scene)
        if seconds >= TOO_LONG * target_seconds:
            out.append(Finding(
                category="plan", severity="warning", scene=scene.index, line=scene.line,
                message=f"scene {scene.index} runs about {seconds:.0f} s against a target of {target_seconds} s",
                text=f"length {scene.index}", subject=f"SCENE {scene.index}",
            ))
    return out


def estimate_seconds(scene: Scene) -> float:
    """Rough screen time of a scene from its words."""
    n = sum(len(el.text.split()) for el in scene.elements if el.kind in (Kind.ACTION, Kind.DIALOGUE))
    return n * SECONDS_PER_WORD


def _words_in(scene: Scene) -> str:
    return " " + " ".join(el.text.upper() for el in scene.elements) + " "


def _named(key: str, words: str, bible: Bible | None) -> bool:
    names = {key}
    if bible is not None:
        for ch in bible.characters:
            if ch.name.upper() == key:
                names.update(a.upper() for a in ch.aliases)
                names.update(a.split()[0].upper() for a in ch.aliases if a.split())
    return any(re.search(rf"(?<![A-Z]){re.escape(n)}(?![A-Z])", words) for n in names)
