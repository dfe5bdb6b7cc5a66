"""The typed state of a ``studio generate`` run, and the text helpers the flow and outputs share.

The state is what CrewAI persists after every step (``.studio/flows.db``) and what
``state.json`` holds: everything needed to resume a run or to write its folder.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from continuity.bible.model import Bible
from continuity.checks.findings import Finding
from continuity.screenplay.model import Element, Kind, Scene, Script
from continuity.screenplay.readers import fountain as fountain_reader
from continuity.screenplay.writers import fountain as fountain_writer
from continuity.treatment.facts import (
    SceneFacts,  # re-exported
)


class FactsState(BaseModel):
    """:class:`continuity.treatment.facts.SceneFacts` in the persisted state (fixed before any model writes)."""

    number: int
    paragraph: str = ""
    setting: str = "INT"
    location: str = ""
    location_how: str = ""
    time: str = "DAY"
    time_how: str = ""
    flashback: bool = False
    characters: list[str] = Field(default_factory=list)
    props: list[str] = Field(default_factory=list)
    wardrobe: list[tuple[str, str]] = Field(default_factory=list)
    appearance: list[tuple[str, str, str]] = Field(default_factory=list)
    beats: list[str] = Field(default_factory=list)
    beat_characters: list[list[str]] = Field(default_factory=list)

    @classmethod
    def of(cls, facts: SceneFacts) -> FactsState:
        """The state form of ``facts``."""
        return cls(**{k: getattr(facts, k) for k in cls.model_fields})

    def facts(self, number: int | None = None) -> SceneFacts:
        """The domain facts (renumbered to ``number`` when the editor moved the scene)."""
        data = self.model_dump()
        data["number"] = number or self.number
        for key in ("characters", "props", "beats"):
            data[key] = tuple(data[key])
        data["wardrobe"] = tuple(tuple(x) for x in data["wardrobe"])
        data["appearance"] = tuple(tuple(x) for x in data["appearance"])
        data["beat_characters"] = tuple(tuple(x) for x in data["beat_characters"])
        return SceneFacts(**data)


class SceneState(BaseModel):
    """Everything the run knows about one scene."""

    number: int
    setting: str = "INT"
    location: str = ""
    time: str = "DAY"
    heading: str = ""
    characters: list[str] = Field(default_factory=list)
    summary: str = ""
    #: the treatment paragraph this scene comes from
    beat: str = ""
    #: what the treatment and bible fix for the scene, before any model writes
    facts: FactsState | None = None
    #: the writer's pieces: ``{"action": [one per beat], "dialogue": {NAME: [lines]}}``
    pieces: dict[str, Any] | None = None
    #: per beat, who wrote its action line: ``writer``, ``kept`` (a short beat a small model is not asked to
    #: rewrite), ``treatment`` (code's last resort once the revisions are spent) or ``missing``
    origin: list[str] = Field(default_factory=list)
    #: pieces the writer must redo, with why: ``{"piece": "action:2", "problem": ..., "was": ...}``
    redo: list[dict[str, Any]] = Field(default_factory=list)
    #: every piece rejected during the run: ``{"piece", "text", "problem"}``
    rejected: list[dict[str, Any]] = Field(default_factory=list)
    #: what code changed when the revisions were spent (see studio.generation.pieces.repair)
    repaired: list[str] = Field(default_factory=list)
    #: LLM calls and seconds spent on this scene (writing, checking, shots)
    calls: int = 0
    seconds: float = 0.0
    target_seconds: int = 30
    transition: str = "CUT TO:"
    #: pending -> drafted (unverified) -> revise / approved / needs_review
    status: Literal["pending", "drafted", "revise", "approved", "needs_review"] = "pending"
    attempts: int = 0
    draft: dict[str, Any] | None = None
    placeholder: bool = False
    findings: list[dict[str, Any]] = Field(default_factory=list)
    fixed: list[dict[str, Any]] = Field(default_factory=list)
    notes: list[dict[str, Any]] = Field(default_factory=list)
    structure_failures: int = 0
    #: pending -> done / failed
    shots_status: Literal["pending", "planned", "done", "failed"] = "pending"
    shot_attempts: int = 0
    shots: dict[str, Any] | None = None
    shot_problems: list[str] = Field(default_factory=list)

    @property
    def decided(self) -> bool:
        """The scene's text is final (approved or handed to review)."""
        return self.status in ("approved", "needs_review")


class GenerateState(BaseModel):
    """The flow's typed, persisted state."""

    id: str = ""
    title: str = ""
    treatment: str = ""
    treatment_path: str = ""
    bible_text: str = ""
    bible_path: str = ""
    #: the run folder (absolute), chosen when the run began; --resume writes there
    out: str = ""
    #: the resume command, as the run began (with --project when it was not the default)
    resume_hint: str = ""
    llm: str = ""
    runtime: int = 300
    max_attempts: int = 3
    verify: bool = True
    outline_attempts: int = 0
    edit_attempts: int = 0
    edit_note: str = ""
    edited: bool = False
    #: the outline of the scenes is fixed (facts read; a capable model's proposal checked)
    outlined: bool = False
    #: notes on a model's outline proposal that disagreed with the facts (the facts stand)
    outline_notes: list[str] = Field(default_factory=list)
    #: the whole script was audited once every scene was decided
    final_audit: bool = False
    scenes: list[SceneState] = Field(default_factory=list)
    current: str = ""
    phase: Literal["plan", "write", "done", "stopped"] = "plan"
    stopped: str = ""
    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    steps: list[dict[str, Any]] = Field(default_factory=list)


# -- shared with the outputs ----------------------------------------------------------------


def build_script(title: str, scenes: list[Scene], states: list[SceneState] | None = None) -> Script:
    """A script of ``scenes`` (renumbered in order) with transitions, read back through our own reader."""
    transitions = {s.number: s.transition for s in states or []}
    renumbered = []
    for i, sc in enumerate(scenes, start=1):
        elements = list(sc.elements)
        tr = transitions.get(sc.index)
        if tr and i < len(scenes) or tr == "FADE OUT.":
            elements.append(Element(Kind.TRANSITION, tr, 0))
        renumbered.append(Scene(index=i, heading=sc.heading, line=0, elements=tuple(elements)))
    draft = Script(title_page=(("Title", title or "Untitled"), ("Credit", "Generated by continuity studio")),
                   scenes=tuple(renumbered))
    return fountain_reader.parse(fountain_writer.dumps(draft), source="<generated>")


def canon_for(bible: Bible | None, names: list[str], scene_number: int) -> str:
    """What the bible says about ``names`` that a writer must keep, one line per fact."""
    if bible is None:
        return "(no bible)"
    lines = []
    wanted = {n.upper() for n in names}
    for ch in bible.characters:
        if ch.name.upper() not in wanted:
            continue
        attrs = ", ".join(f"{k} {v}" for k, v in ch.attributes.items())
        wear = [w.item for w in ch.wardrobe if w.scenes.contains(scene_number)] if ch.wardrobe else []
        lines.append(f"- {ch.name}: {attrs}" + (f"; wears {', '.join(wear)}" if wear else ""))
    return "\n".join(lines) or "(nothing for these characters)"


def canon_names(names: list[str], bible: Bible | None) -> list[str]:
    """Outline names mapped to the bible's cue names where they match a name or alias."""
    out: list[str] = []
    table: dict[str, str] = {}
    if bible is not None:
        for ch in bible.characters:
            for n in [ch.name, *ch.aliases]:
                table[n.upper()] = ch.name.upper()
                table.setdefault(n.split()[0].upper(), ch.name.upper())
    for n in names:
        key = " ".join(n.upper().split())
        name = table.get(key, key)
        if name and name not in out:
            out.append(name)
    return out


def listing(name: str, aliases: list[str], setting: Any = None) -> str:
    tag = {"interior": " [INT]", "exterior": " [EXT]"}.get(str(setting or "").lower(), "")
    return f"{name}{tag}" + (f" ({', '.join(aliases)})" if aliases else "")


def scene_text(scene: Scene) -> str:
    return fountain_writer.dumps(Script(scenes=(scene,))).strip()


def quotes_evidence(quote: str, scene_text: str, finding: Finding) -> bool:
    q = " ".join(quote.lower().split())
    hay = [" ".join(scene_text.lower().split()), finding.text.lower(), finding.message.lower()]
    hay += [e.text.lower() for e in finding.evidence]
    return any(q in " ".join(h.split()) for h in hay)


def note_from(f: Finding) -> dict[str, Any]:
    quote = f.text or f.message
    evidence = "; ".join(e.text for e in f.evidence[:2])
    instruction = f"{f.message}." + (f" Canon: {evidence}." if evidence else "") + " Change the scene to agree."
    return {"finding": f.id, "quote": quote[:240], "instruction": instruction[:400]}


def notes_text(notes: list[dict[str, Any]]) -> str:
    return "\n".join(f'- [{n["finding"]}] "{n["quote"]}": {n["instruction"]}' for n in notes) or "(none)"
