"""The coordination layer of ``studio generate``: a CrewAI Flow with typed, durable state.

Facts first: before any model writes, the first step reads the treatment and bible
into the typed state (:mod:`continuity.treatment.facts`: per scene the place, time of day,
characters, props, wardrobe and beats); scene headings are built from them. Then one
step at a time, generate -> verify -> route::

    generate   the work the state says is next: the outline (a capable model may
               propose one; it is checked against the facts), the edit plan (the
               editor, or code for a small model), a scene's pieces or the pieces a
               check sent back, the whole-script audit, or a scene's shots
    verify     code checks what came back (studio.generation.scene_steps): the continuity audit,
               the plan, fidelity and reader checks on a scene; the cast of a shot plan (a stranger
               sends it back; a shot with no one in it is given the cast member it names)
    route      "revise" (the failing pieces go back to the writer with notes), "next",
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
import threading
import time
from collections.abc import Callable
from typing import Any

from crewai.flow.flow import Flow, listen, or_, router, start
from crewai.flow.persistence import SQLiteFlowPersistence, persist

import agents  # noqa: F401  (telemetry switches before crewai)
from agents.crew import StudioCrew, is_small
from agents.llm import Budget, BudgetExhausted, StructureError
from agents.models import (
    EditEntry,
    EditPlan,
    Outline,
    PlannedSubject,
    ShotPlan,
    heading_for,
    outline_model,
    shots_model,
)
from continuity.bible.model import Bible
from continuity.language.words import plural
from continuity.screenplay.model import Scene, Script
from continuity.settings import Settings
from continuity.treatment.facts import SceneFacts, extract_facts
from continuity.treatment.reader import shot_problems
from studio.generation.scene_steps import SMALL_MODEL_REVISIONS, SceneSteps, scene_of
from studio.generation.state import FactsState, GenerateState, SceneState, build_script, canon_names, scene_text

logger = logging.getLogger(__name__)

Progress = Callable[[dict[str, Any]], None]


class OutlineFailed(Exception):
    """The treatment gives no scene to write: nothing to build on."""


@persist()
class GenerateFlow(SceneSteps, Flow[GenerateState]):
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
        self._small = is_small(crew.llm)
        self._embedder: Any = None
        self._local = threading.local()
        self._facts_cache: dict[int, SceneFacts] = {}

    def _log_flow_event(self, message: str, *args: Any, level: str = "info", **kwargs: Any) -> None:
        """CrewAI's own flow messages ("Loading flow state from memory for UUID ...") go to the log:
        what the run is doing is reported in plain words through ``progress``."""
        logger.log(logging.WARNING if level == "warning" else logging.DEBUG, "%s", message)

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
        item = self._next_item() or ""
        try:
            st.current = self._work()
        except BudgetExhausted as exc:
            st.stopped, st.phase = str(exc), "stopped"
            self._emit(agent="flow", event="stopped", detail=str(exc), run_id=st.id)
        finally:
            self._account(before, item)
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
                    self._account(before, st.current)
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
            return "facts"
        if not st.outlined:
            return "outline"
        if not st.edited:
            return "edit"
        for scene in st.scenes:
            if not scene.decided:
                return f"scene:{scene.number}"
        if not st.final_audit:
            return "audit"
        for scene in st.scenes:
            if scene.shots_status in ("pending", "planned"):
                return f"shots:{scene.number}"
        return None

    def _work(self) -> str:
        item = self._next_item()
        if item is None:
            return ""
        kind, _, num = item.partition(":")
        if kind == "facts":
            self._read_facts()
        elif kind == "outline":
            self._outline()
        elif kind == "audit":
            self._final_audit()
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

    def _read_facts(self) -> None:
        """The facts of every scene, in code, before any model writes."""
        st = self.state
        self._emit(agent="flow", event="reading")
        facts = extract_facts(st.treatment, self._bible, embed=self._embed)
        if not facts:
            raise OutlineFailed("the treatment has no scene paragraphs (write one prose paragraph per scene)")
        st.title = st.title or "Untitled"
        st.scenes = [self._scene_from_facts(f) for f in facts]
        self._emit(agent="flow", event="facts", count=len(facts), headings=[f.heading_text for f in facts],
                   detail=plural(len(facts), "scene") + ": " + "; ".join(f.heading_text for f in facts))

    def _outline(self) -> None:
        """A capable model may propose the outline; what disagrees with the facts is noted and the facts stand."""
        st = self.state
        if self._small:
            st.outlined = True
            return
        cap = 1 + st.max_attempts if st.verify else 1
        while st.outline_attempts < cap:
            self._emit(agent="writer", event="outline", attempt=st.outline_attempts + 1, of=cap,
                       detail=f"attempt {st.outline_attempts + 1}")
            outline, _ = self._agent_call("outline_task", "outline", output=self._outline_model(),
                                          title=st.title, facts=self._facts_listing())
            st.outline_attempts += 1
            if outline is None:
                continue
            assert isinstance(outline, Outline)
            self._step("outline", True)
            self._adopt(outline)
            break
        st.outlined = True
        self._emit(agent="writer", event="outlined", count=len(st.scenes), refused=len(st.outline_notes),
                   detail=plural(len(st.scenes), "scene") + (f"; {plural(len(st.outline_notes), 'proposal')} refused"
                                                         if st.outline_notes else ""))

    def _adopt(self, outline: Outline) -> None:
        """Take the proposal's summaries where it keeps the facts; note where it does not."""
        for scene, p in zip(self.state.scenes, outline.scenes):
            differences = []
            if heading_for(p).location != scene.location:
                differences.append(f"place {p.location}")
            if p.time != scene.time:
                differences.append(f"time {p.time}")
            if set(canon_names(p.characters, self._bible)) != set(scene.characters):
                differences.append(f"characters {', '.join(p.characters) or 'none'}")
            if differences:
                self.state.outline_notes.append(
                    f"scene {scene.number}: the proposal says {'; '.join(differences)}, but the treatment gives "
                    f"{scene.heading} with {', '.join(scene.characters) or 'no one'}; the facts stand")
            else:
                scene.summary = p.summary

    def _edit(self) -> None:
        st = self.state
        if self._small:
            st.edit_note = "planned in code from the facts: story order, lengths by beats"
            self._apply_edit(self._code_plan())
            st.edited, st.phase = True, "write"
            return
        outline = {"scenes": [{"scene": s.number, "heading": s.heading, "summary": s.summary} for s in st.scenes]}
        cap = 1 + st.max_attempts if st.verify else 1
        plan: EditPlan | None = None
        while plan is None and st.edit_attempts < cap:
            self._emit(agent="editor", event="plan", attempt=st.edit_attempts + 1, of=cap,
                       detail=f"attempt {st.edit_attempts + 1}")
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

    def _plan_shots(self, scene: SceneState) -> None:
        self._emit(agent="shot_planner", event="shots", scene=scene.number, attempt=scene.shot_attempts + 1,
                   of=self._scene_cap(), detail=f"attempt {scene.shot_attempts + 1}")
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
        empty = shot_problems([[s.name for s in shot.subjects] for shot in plan.shots], sorted(cast))
        if empty and self.state.verify:  # who is in frame, code decides from the shot's words and the cast
            plan = ShotPlan(shots=[shot if shot.subjects or not cast else shot.model_copy(
                update={"subjects": [PlannedSubject(name=_subject_of(shot.description, scene, sorted(cast), i))]})
                for i, shot in enumerate(plan.shots)])
            scene.shots = plan.model_dump(mode="json")
            scene.shot_problems += [f"scene {scene.number}'s {p.detail}: given "
                                    f"{plan.shots[int(p.detail.split()[1]) - 1].subjects[0].name}" for p in empty]
        self._step("shots", True, scene=scene.number)
        scene.shots_status = "done"
        self._emit(agent="shot_planner", event="planned", scene=scene.number, count=len(plan.shots),
                   detail=plural(len(plan.shots), "shot"))

    # -- helpers ----------------------------------------------------------------------------

    def _scene_cap(self) -> int:
        """Writer rounds per scene: the first and ``max_attempts`` revisions (fewer for a small model)."""
        if not self.state.verify:
            return 1
        return 1 + (min(self.state.max_attempts, SMALL_MODEL_REVISIONS) if self._small else self.state.max_attempts)

    def _script(self, *, upto: int, extra: Scene | None = None) -> Script:
        """Decided scenes 1..upto (and ``extra``), written out and read back so lines are real."""
        scenes = [self._as_scene(s) for s in self.state.scenes[:upto] if s.decided]
        if extra is not None:
            scenes.append(extra)
        return build_script(self.state.title, scenes, self.state.scenes)

    def _as_scene(self, scene: SceneState) -> Scene:
        return scene_of(scene)

    def _facts(self, scene: SceneState) -> SceneFacts:
        """The scene's facts (from the state; cached per scene number)."""
        got = self._facts_cache.get(scene.number)
        if got is None:
            assert scene.facts is not None
            got = self._facts_cache[scene.number] = scene.facts.facts()
        return got

    def _embed(self, texts: list[str]) -> Any:
        """Sentence vectors with the configured embedder, through the cache (one connection per thread:
        the Flow runs each step in a thread of its own, and a SQLite connection stays in its thread)."""
        from continuity.language.embedding import Collection, make_embedder

        s = self._settings
        if self._embedder is None:
            self._embedder = make_embedder(s.embedder, s.model_dir, s.embed_precision)
        local = self._local.__dict__
        if local.get("collection") is None:
            local["collection"] = Collection(self._embedder, s.cache_dir if s.cache else None)
        return local["collection"].embed(texts)

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

    @staticmethod
    def _scene_from_facts(f: SceneFacts) -> SceneState:
        return SceneState(number=f.number, setting=f.setting, location=f.location, time=f.time,
                          heading=f.heading_text, characters=list(f.characters),
                          summary=f.beats[0] if f.beats else f.paragraph[:400], beat=f.paragraph,
                          facts=FactsState.of(f), origin=["missing"] * len(f.beats))

    def _code_plan(self) -> EditPlan:
        """Story order, the runtime shared by beats, cuts (dissolves around a flashback), a final fade."""
        scenes = self.state.scenes
        beats = [max(1, len(s.facts.beats) if s.facts else 1) for s in scenes]
        total = sum(beats)
        entries = []
        for i, s in enumerate(scenes):
            nxt = scenes[i + 1] if i + 1 < len(scenes) else None
            flashback = bool(s.facts and s.facts.flashback) or bool(nxt and nxt.facts and nxt.facts.flashback)
            transition = "FADE OUT." if nxt is None else "DISSOLVE TO:" if flashback else "CUT TO:"
            entries.append(EditEntry(scene=s.number, target_seconds=max(5, min(900, round(self.state.runtime * beats[i] / total))),
                                     transition=transition))
        return EditPlan(scenes=entries)

    def _apply_edit(self, plan: EditPlan | None) -> None:
        """Order, targets and transitions from the editor; story order and equal shares where it gave none."""
        st = self.state
        n = len(st.scenes)
        entries = {e.scene: e for e in plan.scenes} if plan else {}
        order = [e.scene for e in plan.scenes] if plan else []
        if sorted(order) != list(range(1, n + 1)):
            if plan is not None:
                st.edit_note = "the editor's plan left out or repeated scenes, so the scenes stay in story order"
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
            st.edit_note = "the editor gave no usable plan, so every scene gets an equal share of the runtime"
        self._emit(agent="editor", event="planned", count=n, seconds=st.runtime, note=st.edit_note,
                   detail=st.edit_note or f"{plural(n, 'scene')}, {st.runtime} s")

    def _outline_model(self) -> type[Outline]:
        bible = self._bible
        chars = tuple(c.name.upper() for c in bible.characters) if bible else ()
        locs = tuple(loc.name.upper() for loc in bible.locations) if bible else ()
        n = len(self.state.scenes)
        return outline_model(chars, locs, (n, n))

    def _facts_listing(self) -> str:
        """One line per scene: ``1. INT | HARBOUR OFFICE | DAWN | NELL, TAM | the first beat``."""
        return "\n".join(
            f"{s.number}. {s.setting} | {s.location} | {s.time} | {', '.join(s.characters) or '-'} | {s.summary}"
            for s in self.state.scenes)

    def _account(self, before: tuple[int, int, int], item: str = "") -> None:
        """Add what the last step spent to the run, and to its scene when it was a scene's."""
        st = self.state
        calls = self._budget.calls - before[0]
        st.calls += calls
        st.prompt_tokens += self._budget.prompt_tokens - before[1]
        st.completion_tokens += self._budget.completion_tokens - before[2]
        now = time.monotonic()
        spent = now - self._started
        st.seconds += spent
        self._started = now
        kind, _, num = item.partition(":")
        if kind in ("scene", "shots") and num.isdigit() and 0 < int(num) <= len(st.scenes):
            scene = st.scenes[int(num) - 1]
            scene.calls += calls
            scene.seconds += spent

    def _step(self, kind: str, ok: bool, problem: str = "", *, scene: int | None = None) -> None:
        self.state.steps.append({"step": kind, "ok": ok, "scene": scene, "problem": problem[:300]})

    def _emit(self, **event: Any) -> None:
        try:
            self._progress(event)
        except Exception:  # progress display must never break a run
            logger.debug("progress callback failed", exc_info=True)


def _subject_of(description: str, scene: SceneState, cast: list[str], i: int) -> str:
    """Who a shot with no one in it frames: the cast member its description names, else the scene's cast in turn
    (the planned characters first)."""
    low = description.lower()
    named = [c for c in cast if c.lower().split()[0] in low.split()]
    if named:
        return named[0]
    order = [c for c in scene.characters if c in cast] + [c for c in cast if c not in scene.characters]
    return order[i % len(order)]


__all__ = ["GenerateFlow", "GenerateState", "SceneState", "OutlineFailed", "build_script", "scene_of"]
