"""The studio crew, laid out as CrewAI's project template: YAML beside this file.

Five agents (``config/agents.yaml``: writer, actor, shot planner, editor, continuity
supervisor) and eight tasks (``config/tasks.yaml``); every task returns a pydantic
model from :mod:`agents.models`. The flow (``studio/flow.py``) does not run the crew
end to end: it runs one task at a time with :meth:`StudioCrew.run` so it can verify,
persist and route after each step.

A capable model writes a scene's pieces in one call (``scene_task``, ``revise_task``);
a small one (a backend that declares ``schema_limits``, like the embedded model) is
asked one piece at a time (``beat_task`` for an action line, ``line_task`` for what the
actor playing a character says), which it does far better (see :func:`is_small`).

Example::

    from agents.crew import StudioCrew
    from agents.llm import make_llm, resolve_backend

    crew = StudioCrew(llm=make_llm(resolve_backend("embedded")), bible=bible)
    outline = crew.run("outline_task", title="The Last Ferry", treatment=text, ...)
"""

from __future__ import annotations

import logging
from typing import Any

from crewai import Agent, Crew, Process, Task
from crewai.project import CrewBase, agent, crew, task
from pydantic import BaseModel

import agents  # noqa: F401  (telemetry switches before crewai)
from agents.llm import StructureError
from agents.models import ActionBeat, EditPlan, Outline, PieceFixes, RevisionNotes, ScenePieces, ShotPlan, Speech
from agents.tools import ContinuityCheckTool
from continuity.bible.model import Bible
from continuity.screenplay.model import Script

logger = logging.getLogger(__name__)

#: Each task's output model (tasks may narrow it per call, see :meth:`StudioCrew.run`).
TASK_MODEL: dict[str, type[BaseModel]] = {
    "outline_task": Outline, "edit_task": EditPlan, "scene_task": ScenePieces, "revise_task": PieceFixes,
    "beat_task": ActionBeat, "line_task": Speech, "shots_task": ShotPlan, "review_task": RevisionNotes,
}

#: Which agent each task belongs to (as tasks.yaml says), for :meth:`StudioCrew.run`.
TASK_AGENT = {
    "outline_task": "writer",
    "edit_task": "editor",
    "scene_task": "writer",
    "revise_task": "writer",
    "beat_task": "writer",
    "line_task": "actor",
    "shots_task": "shot_planner",
    "review_task": "continuity_supervisor",
}


def is_small(llm: Any) -> bool:
    """Whether the crew's model is a small one, asked one piece at a time and not for plans.

    A backend that declares ``schema_limits`` (the embedded 135M model) is small: the
    outline, the edit and the revision notes are then made in code from the facts.
    """
    return bool(getattr(getattr(llm, "backend", None), "schema_limits", None))


@CrewBase
class StudioCrew:
    """Writer, actor, shot planner, editor and continuity supervisor sharing one LLM.

    Args:
        llm: the LLM every agent uses (see :func:`agents.llm.make_llm`).
        bible: the canon; the continuity supervisor's tool checks against it.
        script: the script so far, for the tool's context (updated with :meth:`set_script`).
    """

    agents_config = "config/agents.yaml"
    tasks_config = "config/tasks.yaml"

    def __init__(self, llm: Any, bible: Bible | None = None, script: Script | None = None):
        self.llm = llm
        self.check_tool = ContinuityCheckTool(bible=bible, script=script)

    def _agent(self, key: str, **extra: Any) -> Agent:
        return Agent(
            config=self.agents_config[key],  # type: ignore[index]
            llm=self.llm,
            verbose=False,
            allow_delegation=False,
            max_iter=3,
            max_retry_limit=0,  # the flow counts and bounds retries itself
            **extra,
        )

    @agent
    def writer(self) -> Agent:
        """Treatment to outline, outline to scenes, notes to revisions."""
        return self._agent("writer")

    @agent
    def actor(self) -> Agent:
        """Says one character's lines (role and backstory filled per call)."""
        return self._agent("actor")

    @agent
    def shot_planner(self) -> Agent:
        """Scene to shots."""
        return self._agent("shot_planner")

    @agent
    def editor(self) -> Agent:
        """Order, pacing, transitions against the target runtime."""
        return self._agent("editor")

    @agent
    def continuity_supervisor(self) -> Agent:
        """Checks scenes with the continuity checker and writes notes quoting the evidence."""
        return self._agent("continuity_supervisor", tools=[self.check_tool])

    @task
    def outline_task(self) -> Task:
        """The writer's scene outline."""
        return Task(config=self.tasks_config["outline_task"], output_pydantic=Outline)  # type: ignore[index]

    @task
    def edit_task(self) -> Task:
        """The editor's plan."""
        return Task(config=self.tasks_config["edit_task"], output_pydantic=EditPlan)  # type: ignore[index]

    @task
    def scene_task(self) -> Task:
        """One scene's pieces: an action line per beat, each character's lines."""
        return Task(config=self.tasks_config["scene_task"], output_pydantic=ScenePieces)  # type: ignore[index]

    @task
    def revise_task(self) -> Task:
        """New versions of the pieces of a scene that failed a check."""
        return Task(config=self.tasks_config["revise_task"], output_pydantic=PieceFixes)  # type: ignore[index]

    @task
    def beat_task(self) -> Task:
        """One action line for one beat (small models)."""
        return Task(config=self.tasks_config["beat_task"], output_pydantic=ActionBeat)  # type: ignore[index]

    @task
    def line_task(self) -> Task:
        """One line a character says (small models)."""
        return Task(config=self.tasks_config["line_task"], output_pydantic=Speech)  # type: ignore[index]

    @task
    def shots_task(self) -> Task:
        """One scene's shots."""
        return Task(config=self.tasks_config["shots_task"], output_pydantic=ShotPlan)  # type: ignore[index]

    @task
    def review_task(self) -> Task:
        """Revision notes for one scene's findings."""
        return Task(config=self.tasks_config["review_task"], output_pydantic=RevisionNotes)  # type: ignore[index]

    @crew
    def crew(self) -> Crew:
        """All agents and tasks in order (the template's entry point; the flow uses :meth:`run`)."""
        return Crew(agents=self.agents, tasks=self.tasks, process=Process.sequential, verbose=False, tracing=False)

    def set_script(self, script: Script | None) -> None:
        """Give the continuity supervisor's tool the script so far."""
        self.check_tool.script = script

    def run(self, task_name: str, *, output: type[BaseModel] | None = None, **inputs: Any) -> BaseModel:
        """Run one task with its agent and return its validated output model.

        Args:
            task_name: a key of tasks.yaml.
            output: a narrowed subclass of the task's model for this call (see
                :func:`agents.models.outline_model`); default the task's own model.
            inputs: the task description's placeholders.

        Raises:
            StructureError: the model gave no valid output (after the LLM's retries).
            agents.llm.BudgetExhausted: the run's budget is spent.
        """
        the_task: Task = getattr(self, task_name)()
        the_task.output_pydantic = output or TASK_MODEL[task_name]
        the_agent: Agent = getattr(self, TASK_AGENT[task_name])()
        one = Crew(agents=[the_agent], tasks=[the_task], process=Process.sequential, verbose=False, tracing=False)
        result = one.kickoff(inputs={k: str(v) for k, v in inputs.items()})
        value = result.pydantic
        if not isinstance(value, the_task.output_pydantic):  # type: ignore[arg-type]
            raise StructureError(f"{task_name}: the crew returned no {the_task.output_pydantic.__name__}")  # type: ignore[union-attr]
        return value
