"""The coordination layer of ``studio generate``: a CrewAI Flow with typed, durable state.

One step at a time, generate -> verify -> route::

    generate   one agent call: the outline, the edit plan, a scene draft or revision,
               or a scene's shots (whatever the state says is next)
    verify     code checks what came back: the continuity checker (the audit) and the
               plan checks on a scene, the continuity supervisor's notes on its errors;
               the cast and lengths of a shot plan
    route      "revise" (the scene goes back to the writer with the notes), "next",
               "complete" or "stopped" (budget spent)

Bounds: a scene gets at most ``1 + max_attempts`` writer calls; after that it is kept
with its open findings marked ``needs_review`` (a person decides). Shot plans and the
outline have the same cap. Each LLM call is charged to a :class:`~agents.llm.Budget`
(calls and seconds); when it is spent the flow stops cleanly and what is done is saved.
State is persisted after every step (``@persist`` into SQLite), so
``GenerateFlow(...).kickoff(inputs={"id": run_id})`` resumes without redoing anything.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from typing import Any

import agents  # noqa: F401  (telemetry switches before crewai)
from crewai.flow.flow import Flow, listen, or_, router, start
from crewai.flow.persistence import SQLiteFlowPersistence, persist

from agents.crew import StudioCrew
from agents.llm import Budget, BudgetExhausted, StructureError
from agents.models import (
    EditPlan, Outline, PlannedScene, RevisionNotes, SceneDraft, ShotPlan, draft_model, heading_for, outline_model,
    scene_from_draft, shots_model,
)
from continuity.bible import Bible
from continuity.findings import Finding
from continuity.model import Scene, Script
from continuity.plan import check_plan
from continuity.settings import Settings
from studio.flow_state import (
    GenerateState, SceneState, canon_names, listing, note_from, notes_text, quotes_evidence, scene_text, build_script,
    canon_for, treatment_paragraphs,
)

logger = logging.getLogger(__name__)

Progress = Callable[[dict[str, Any]], None]


class OutlineFailed(Exception):
    """The writer gave no valid outline within the cap: nothing to build on."""


@persist()
class GenerateFlow(Flow[GenerateState]):
    """generate -> verify -> route, until every scene is decided and planned.

    Args (keyword, besides CrewAI's own):
        crew: the :class:`~agents.crew.StudioCrew` (its LLM carries the budget).
        bible: the parsed canon.
        settings: embedder and cache for the continuity checker.
        progress: called with a dict per event (scene, agent, what happened).
    """

    _skip_auto_memory = True

    def __init__(self, *, crew: StudioCrew, bible: Bible | None, settings: Settings | None = None,
                 progress: Progress | None = None, db_path: str, **kwargs: Any):
        super().__init__(persistence=SQLiteFlowPersistence(db_path), suppress_flow_events=True,
                         max_method_calls=100_000, **kwargs)
        self._crew = crew
        self._bible = bible
        self._settings = settings or Settings.load()
        self._progress = progress or (lambda event: None)
        self._budget: Budget = crew.llm.budget
        self._started = time.monotonic()
        self._fresh = True

    # -- the graph --------------------------------------------------------------------

    @start(or_("revise", "next"))
    def generate(self) -> str:
        """One agent call, chosen from the state."""
        st = self.state
        if self._fresh:  # a resumed run that a budget stopped goes on with the new budget
            self._fresh = False
            if st.phase == "stopped":
                st.phase, st.stopped = ("write" if st.edited else "plan"), ""
        if st.phase in ("done", "stopped"):
            return st.current
        before = (self._budget.calls, self._budget.prompt_tokens, self._budget.completion_tokens)
        try:
            st.current = self._work()
        except BudgetExhausted as exc:
            st.stopped, st.phase = str(exc), "stopped"
            self._emit(agent="flow", event="stopped", detail=str(exc))
        finally:
            self._account(before)
        return st.current

    @listen(generate)
    def verify(self) -> None:
        """Check what the last call produced."""
        st = self.state
        if st.phase == "stopped" or not st.current:
            return
        kind, _, num = st.current.partition(":")
        if kind == "scene":
            scene = st.scenes[int(num) - 1]
            if scene.status == "drafted":
                before = (self._budget.calls, self._budget.prompt_tokens, self._budget.completion_tokens)
                try:
                    self._verify_scene(scene)
                except BudgetExhausted as exc:
                    st.stopped, st.phase = str(exc), "stopped"
                finally:
                    self._account(before)
        elif kind == "shots":
            scene = st.scenes[int(num) - 1]
            if scene.shots_status == "planned":
                self._verify_shots(scene)

    @router(verify)
    def route(self) -> str:
        """revise, next, complete or stopped."""
        st = self.state
        if st.phase == "stopped":
            return "stopped"
        if self._next_item() is None:
            st.phase = "done"
            return "complete"
        kind, _, num = st.current.partition(":")
        if kind == "scene" and st.scenes[int(num) - 1].status == "revise":
            return "revise"
        return "next"

    @listen(or_("complete", "stopped"))
    def finish(self) -> GenerateState:
        """The end of the run (outputs are written by the caller from the state)."""
        self._emit(agent="flow", event="finished", detail=self.state.stopped or "complete")
        return self.state

    # -- what to do next ----------------------------------------------------------------

    def _next_item(self) -> str | None:
        st = self.state
        if not st.scenes:
            return "outline"
        if not st.edited:
            return "edit"
        for scene in st.scenes:
            if not scene.decided:
                return f"scene:{scene.number}"
            if scene.shots_status in ("pending", "planned"):
                return f"shots:{scene.number}"
        return None

    def _work(self) -> str:
        item = self._next_item()
        if item is None:
            return ""
        kind, _, num = item.partition(":")
        if kind == "outline":
            self._outline()
        elif kind == "edit":
            self._edit()
        elif kind == "scene":
            scene = self.state.scenes[int(num) - 1]
            if scene.status in ("pending", "revise"):
                self._write(scene)
        elif kind == "shots":
            scene = self.state.scenes[int(num) - 1]
            if scene.shots_status == "pending":
                self._plan_shots(scene)
        return item

    # -- the steps ------------------------------------------------------------------------

    def _outline(self) -> None:
        st = self.state
        cap = 1 + st.max_attempts if st.verify else 1
        while st.outline_attempts < cap:
            self._emit(agent="writer", event="outline", detail=f"attempt {st.outline_attempts + 1}")
            outline, _ = self._agent_call("outline_task", "outline", output=self._outline_model(),
                                          **self._outline_inputs())
            st.outline_attempts += 1
            if outline is None:
                continue
            assert isinstance(outline, Outline)
            self._step("outline", True)
            st.title = st.title or outline.title or "Untitled"
            st.scenes = [self._scene_from_plan(i + 1, p) for i, p in enumerate(outline.scenes)]
            beats = treatment_paragraphs(st.treatment)
            if len(beats) == len(st.scenes):  # one scene per paragraph: give each scene its source
                for scene, beat in zip(st.scenes, beats):
                    scene.beat = beat[:1200]
            self._emit(agent="writer", event="outlined", detail=f"{len(st.scenes)} scenes")
            return
        raise OutlineFailed(f"the writer gave no valid outline in {cap} tries")

    def _edit(self) -> None:
        st = self.state
        outline = {"scenes": [{"scene": s.number, "heading": s.heading, "summary": s.summary} for s in st.scenes]}
        cap = 1 + st.max_attempts if st.verify else 1
        plan: EditPlan | None = None
        while plan is None and st.edit_attempts < cap:
            self._emit(agent="editor", event="plan", detail=f"attempt {st.edit_attempts + 1}")
            value, _ = self._agent_call("edit_task", "edit", title=st.title, runtime=st.runtime,
                                        outline=json.dumps(outline, ensure_ascii=False))
            st.edit_attempts += 1
            if value is None:
                continue
            assert isinstance(value, EditPlan)
            plan = value
            self._step("edit", True)
        self._apply_edit(plan)
        st.edited, st.phase = True, "write"

    def _write(self, scene: SceneState) -> None:
        revising = scene.draft is not None and scene.status == "revise"
        agent_task = "revise_task" if revising else "scene_task"
        self._emit(agent="writer", event="revise" if revising else "draft", scene=scene.number,
                   detail=f"attempt {scene.attempts + 1}")
        inputs = self._scene_inputs(scene)
        if revising:
            inputs["notes"] = notes_text(scene.notes)
            inputs["draft"] = json.dumps(scene.draft, ensure_ascii=False)
        draft, problem = self._agent_call(agent_task, "scene", at_scene=scene.number,
                                          output=draft_model(self._speakers(scene)), **inputs)
        scene.attempts += 1
        if draft is None:
            scene.structure_failures += 1
            self._emit(agent="writer", event="invalid", scene=scene.number, detail=problem)
            if scene.attempts >= self._scene_cap():
                self._give_up(scene, f"no valid scene structure after {scene.attempts} writer calls: {problem}")
            return
        assert isinstance(draft, SceneDraft)
        scene.draft = draft.model_dump(mode="json")
        scene.status = "drafted"

    def _verify_scene(self, scene: SceneState) -> None:
        st = self.state
        candidate = self._as_scene(scene)
        if not st.verify:
            scene.status = "approved"
            scene.findings = []
            self._step("scene", True, scene=scene.number)
            return
        findings = self._check(scene, candidate)
        errors = [f for f in findings if f.severity == "error"]
        previous = {f["id"] for f in scene.findings if f["severity"] == "error"}
        now = {f.id for f in errors}
        scene.fixed.extend(f for f in scene.findings if f["severity"] == "error" and f["id"] not in now)
        scene.findings = [f.to_dict() for f in findings]
        self._step("scene", not errors, "; ".join(f.message for f in errors[:3]), scene=scene.number)
        self._emit(agent="continuity_supervisor", event="checked", scene=scene.number,
                   detail=f"{len(errors)} error(s)" + (f", {len(previous - now)} fixed" if previous else ""))
        if not errors:
            scene.status = "approved"
            return
        if scene.attempts >= self._scene_cap():
            self._give_up(scene, "")
            return
        scene.notes = self._review(scene, candidate, errors)
        scene.status = "revise"

    def _review(self, scene: SceneState, candidate: Scene, errors: list[Finding]) -> list[dict[str, Any]]:
        """The supervisor's notes, checked: every error gets a note that quotes real evidence."""
        by_id = {f.id: f for f in errors}
        text = scene_text(candidate)
        notes: dict[str, dict[str, Any]] = {}
        self._crew.set_script(self._script(upto=scene.number - 1))
        findings_json = json.dumps([
            {"id": f.id, "message": f.message, "text": f.text,
             "evidence": [e.text for e in f.evidence][:2]} for f in errors
        ], ensure_ascii=False)
        try:
            value = self._crew.run("review_task", number=scene.number, title=self.state.title,
                                   findings=findings_json, scene=text)
            assert isinstance(value, RevisionNotes)
            self._step("review", True, scene=scene.number)
            for note in value.notes:
                finding = by_id.get(note.finding)
                if finding is None or not note.quote or not quotes_evidence(note.quote, text, finding):
                    continue  # a note must answer a real finding with real words
                notes[finding.id] = {"finding": finding.id, "quote": note.quote, "instruction": note.instruction}
        except StructureError as exc:
            self._step("review", False, str(exc), scene=scene.number)
        for f in errors:
            notes.setdefault(f.id, note_from(f))
        self._emit(agent="continuity_supervisor", event="notes", scene=scene.number, detail=f"{len(notes)} note(s)")
        return list(notes.values())

    def _plan_shots(self, scene: SceneState) -> None:
        self._emit(agent="shot_planner", event="shots", scene=scene.number, detail=f"attempt {scene.shot_attempts + 1}")
        if scene.placeholder:
            scene.shot_attempts += 1
            scene.shots_status = "failed"
            scene.shot_problems.append("the scene was not written, so no shots were planned")
            return
        candidate = self._as_scene(scene)
        cast = self._cast(candidate, scene)
        plan, problem = self._agent_call(
            "shots_task", "shots", at_scene=scene.number, output=shots_model(tuple(cast)), number=scene.number,
            title=self.state.title, heading=scene.heading, characters=", ".join(cast) or "(none)",
            seconds=scene.target_seconds, scene=scene_text(candidate))
        scene.shot_attempts += 1
        if plan is None:
            scene.shot_problems.append(problem)
            if scene.shot_attempts >= self._scene_cap():
                scene.shots_status = "failed"
            return
        assert isinstance(plan, ShotPlan)
        scene.shots = plan.model_dump(mode="json")
        scene.shots_status = "planned"

    def _verify_shots(self, scene: SceneState) -> None:
        plan = ShotPlan.model_validate(scene.shots)
        cast = set(self._cast(self._as_scene(scene), scene))
        strangers = sorted({s.name.upper() for shot in plan.shots for s in shot.subjects} - cast)
        if strangers and self.state.verify:
            problem = f"shots frame {', '.join(strangers)}, who is not in scene {scene.number}"
            self._step("shots", False, problem, scene=scene.number)
            scene.shot_problems.append(problem)
            scene.shots = None
            scene.shots_status = "failed" if scene.shot_attempts >= self._scene_cap() else "pending"
            return
        self._step("shots", True, scene=scene.number)
        scene.shots_status = "done"
        self._emit(agent="shot_planner", event="planned", scene=scene.number, detail=f"{len(plan.shots)} shots")

    # -- helpers ----------------------------------------------------------------------------

    def _scene_cap(self) -> int:
        return 1 + self.state.max_attempts if self.state.verify else 1

    def _give_up(self, scene: SceneState, why: str) -> None:
        """Keep the scene with its open findings marked for a person (the review fallback)."""
        if scene.draft is None:
            scene.placeholder = True
            scene.draft = {"lines": [
                {"kind": "action", "text": f"[Scene {scene.number} not written: no valid scene came from the writer.]"},
                {"kind": "action", "text": f"[Planned: {scene.summary[:280]}]"},
            ]}
            scene.findings = [{
                "id": f"structure-{scene.number}", "category": "plan", "severity": "error", "scene": scene.number,
                "line": 0, "message": why or "no valid scene from the writer", "text": "", "evidence": [],
            }]
        for f in scene.findings:
            if f["severity"] == "error":
                f["needs_review"] = True
        scene.status = "needs_review"
        self._emit(agent="flow", event="needs_review", scene=scene.number,
                   detail=f"{sum(1 for f in scene.findings if f.get('needs_review'))} finding(s) for a person")

    def _check(self, scene: SceneState, candidate: Scene) -> list[Finding]:
        """The audit of the script so far plus this scene, keeping this scene's findings; plus plan checks."""
        from continuity.api import audit

        script = self._script(upto=scene.number - 1, extra=candidate)
        report = audit(script, self._bible, settings=self._settings)
        placed = script.scenes[-1]
        found = [f for f in report.findings if f.scene == placed.index]
        found += check_plan(placed, scene.characters, self._bible, target_seconds=scene.target_seconds)
        return found

    def _script(self, *, upto: int, extra: Scene | None = None) -> Script:
        """Decided scenes 1..upto (and ``extra``), written out and read back so lines are real."""
        scenes = [self._as_scene(s) for s in self.state.scenes[:upto] if s.decided]
        if extra is not None:
            scenes.append(extra)
        return build_script(self.state.title, scenes, self.state.scenes)

    def _as_scene(self, scene: SceneState) -> Scene:
        draft = SceneDraft.model_validate(scene.draft) if scene.draft else SceneDraft.model_construct(lines=[])
        return scene_from_draft(scene.number, heading_for(self._planned(scene)), draft)

    @staticmethod
    def _planned(scene: SceneState) -> PlannedScene:
        return PlannedScene.model_construct(setting=scene.setting, location=scene.location, time=scene.time,
                                            characters=scene.characters, summary=scene.summary)

    def _cast(self, candidate: Scene, scene: SceneState) -> list[str]:
        """The planned characters and whoever speaks, once each."""
        return list(dict.fromkeys([c.upper() for c in scene.characters] + list(candidate.speakers)))

    def _agent_call(self, task: str, step: str, *, at_scene: int | None = None, **inputs: Any) -> tuple[Any, str]:
        """Run one task: ``(value, "")``, or ``(None, problem)`` after recording the failed step.

        Attempts are counted by the caller after this returns, so a call the budget
        refused (:class:`BudgetExhausted` propagates) is never counted.
        """
        try:
            return self._crew.run(task, **inputs), ""
        except StructureError as exc:
            self._step(step, False, str(exc), scene=at_scene)
            return None, str(exc)

    def _scene_from_plan(self, number: int, p: PlannedScene) -> SceneState:
        heading = heading_for(p)
        cast = canon_names(p.characters, self._bible)
        return SceneState(number=number, setting=p.setting, location=heading.location, time=p.time,
                          heading=heading.text, characters=cast, summary=p.summary)

    def _apply_edit(self, plan: EditPlan | None) -> None:
        """Order, targets and transitions from the editor; story order and equal shares where it gave none."""
        st = self.state
        n = len(st.scenes)
        entries = {e.scene: e for e in plan.scenes} if plan else {}
        order = [e.scene for e in plan.scenes] if plan else []
        if sorted(order) != list(range(1, n + 1)):
            if plan is not None:
                st.edit_note = "the editor's order was not a permutation of the scenes; story order kept"
            order = list(range(1, n + 1))
        total = sum(entries[k].target_seconds for k in entries if 1 <= k <= n) or 0
        scale = st.runtime / total if total else 1.0
        scenes = []
        for new_number, old in enumerate(order, start=1):
            s = st.scenes[old - 1]
            e = entries.get(old)
            s.target_seconds = max(5, round(e.target_seconds * scale)) if e else max(5, st.runtime // n)
            s.transition = e.transition if e else "CUT TO:"
            s.number = new_number
            scenes.append(s)
        if scenes:
            scenes[-1].transition = "FADE OUT." if scenes[-1].transition in ("CUT TO:",) else scenes[-1].transition
        st.scenes = scenes
        if not plan:
            st.edit_note = "the editor gave no valid plan; equal shares of the runtime"
        self._emit(agent="editor", event="planned", detail=st.edit_note or f"{n} scenes, {st.runtime} s")

    def _outline_model(self) -> type[Outline]:
        bible = self._bible
        chars = tuple(c.name.upper() for c in bible.characters) if bible else ()
        locs = tuple(loc.name.upper() for loc in bible.locations) if bible else ()
        n = len(treatment_paragraphs(self.state.treatment))
        n = max(1, min(24, n))  # one scene per paragraph: a rule users can steer by
        return outline_model(chars, locs, (n, n))

    def _speakers(self, scene: SceneState) -> tuple[str, ...]:
        """Who may speak in the scene: its planned cast, else the bible's characters."""
        if scene.characters:
            return tuple(scene.characters)
        return tuple(c.name.upper() for c in self._bible.characters) if self._bible else ()

    def _outline_inputs(self) -> dict[str, Any]:
        bible = self._bible
        chars = "; ".join(listing(c.name, c.aliases) for c in bible.characters) if bible else ""
        locs = "; ".join(listing(loc.name, loc.aliases, loc.attributes.get("setting")) for loc in bible.locations) if bible else ""
        paragraphs = treatment_paragraphs(self.state.treatment)
        return {"title": self.state.title or "Untitled", "treatment": self.state.treatment.strip(),
                "scene_hint": max(1, len(paragraphs)), "characters": chars or "(none)", "locations": locs or "(none)"}

    def _scene_inputs(self, scene: SceneState) -> dict[str, Any]:
        prev = [s for s in self.state.scenes[: scene.number - 1]]
        previously = " ".join(s.summary for s in prev[-2:]) or "(this is the first scene)"
        lines = max(4, min(20, round(scene.target_seconds / 6)))
        return {"number": scene.number, "title": self.state.title, "heading": scene.heading,
                "characters": ", ".join(scene.characters) or "(none)", "summary": scene.summary,
                "seconds": scene.target_seconds, "lines": lines, "previously": previously,
                "beat": scene.beat or scene.summary,
                "canon": canon_for(self._bible, scene.characters, scene.number)}

    def _account(self, before: tuple[int, int, int]) -> None:
        st = self.state
        st.calls += self._budget.calls - before[0]
        st.prompt_tokens += self._budget.prompt_tokens - before[1]
        st.completion_tokens += self._budget.completion_tokens - before[2]
        now = time.monotonic()
        st.seconds += now - self._started
        self._started = now

    def _step(self, kind: str, ok: bool, problem: str = "", *, scene: int | None = None) -> None:
        self.state.steps.append({"step": kind, "ok": ok, "scene": scene, "problem": problem[:300]})

    def _emit(self, **event: Any) -> None:
        try:
            self._progress(event)
        except Exception:  # progress display must never break a run
            logger.debug("progress callback failed", exc_info=True)


__all__ = ["GenerateFlow", "GenerateState", "SceneState", "OutlineFailed", "build_script", "canon_for"]
