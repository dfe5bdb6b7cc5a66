"""Running ``studio generate``: set up the crew and flow, resume, and write the run folder.

A run folder holds ``script.fountain`` (and ``script.fdx`` on request), ``shots.json``
and ``shots.csv``, ``audit.json`` (the whole-script audit, findings the run handed to a
person marked ``needs_review``), ``state.json`` (the flow state) and ``run.md`` (a short
summary). The flow's SQLite store is ``<project>/flows.db`` (``.studio/`` by default).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from continuity.errors import InputError, StudioError
from continuity.language.words import plural
from studio.generation.lock import lock_folder, lock_run

logger = logging.getLogger(__name__)

DEFAULT_PROJECT = Path(".studio")
DEFAULT_RUNTIME = 300


class GenerationError(StudioError):
    """The run could not produce a script (e.g. no valid outline within the cap)."""

    exit_code = 1


@dataclass
class RunOptions:
    """What ``studio generate`` was asked for."""

    treatment: Path | None = None
    bible: Path | None = None
    out: Path | None = None
    llm: str | None = None
    max_attempts: int = 3
    max_llm_calls: int | None = None
    max_seconds: float | None = None
    resume: str | None = None
    project: Path = DEFAULT_PROJECT
    runtime: int = DEFAULT_RUNTIME
    verify: bool = True
    fdx: bool = False
    title: str = ""


@dataclass
class RunResult:
    """What a run produced."""

    state: Any
    out: Path
    audit: dict[str, Any] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        """``complete`` or ``stopped`` (budget spent; resumable)."""
        return "stopped" if self.state.phase == "stopped" else "complete"

    def summary(self) -> dict[str, Any]:
        """The stable ``--json`` shape of a run."""
        st = self.state
        return {
            "run_id": st.id,
            "status": self.status,
            "stopped": st.stopped or None,
            "out": str(self.out),
            "files": self.files,
            "title": st.title,
            "llm": st.llm,
            "scenes": [
                {"number": s.number, "heading": s.heading, "status": s.status, "attempts": s.attempts,
                 "calls": s.calls, "seconds": round(s.seconds, 2),
                 "fixed": len(s.fixed), "needs_review": sum(1 for f in s.findings if f.get("needs_review")),
                 "shots": len((s.shots or {}).get("shots", [])) if s.shots_status == "done" else 0,
                 "shots_status": s.shots_status, **line_origins(s)}
                for s in st.scenes
            ],
            "findings_fixed": sum(len(s.fixed) for s in st.scenes),
            "needs_review": sum(1 for f in self.audit.get("findings", []) if f.get("needs_review")),
            "open_errors": sum(1 for f in self.audit.get("findings", [])
                               if f["severity"] == "error" and not f.get("needs_review")),
            "audit": dict(self.audit.get("audit_summary", self.audit.get("summary", {}))),
            "calls": st.calls,
            "tokens": {"prompt": st.prompt_tokens, "completion": st.completion_tokens},
            "seconds": round(st.seconds, 2),
            "resume": st.resume_hint or f"studio generate --resume {st.id[:8]}",
        }


def run_generate(options: RunOptions, *, backend: Any = None, settings: Any = None, progress: Any = None) -> RunResult:
    """Generate (or resume) a run and write its folder.

    Args:
        options: the command's options.
        backend: a model backend to use instead of ``options.llm`` (tests, benchmarks).
        settings: continuity settings (embedder, cache); default :meth:`Settings.load`.
        progress: callback for flow events.

    Raises:
        InputError: a missing treatment or bible, an unknown run id or model.
        GenerationError: no outline could be made.
    """
    import uuid

    from agents.backend import check_spec
    from continuity.bible.load import parse_bible
    from continuity.settings import Settings

    # Everything cheap first: the inputs are checked, the run folder claimed and the run
    # announced before CrewAI and the models are imported (several seconds).
    settings = settings or Settings.load()
    options.project.mkdir(parents=True, exist_ok=True)
    db = options.project / "flows.db"
    saved: dict[str, Any] = {}
    if options.resume:
        run_id = resolve_run_id(db, options.resume)
        saved = load_saved_state(db, run_id)
        bible_text, llm_spec = saved.get("bible_text", ""), options.llm or saved.get("llm", "")
        inputs: dict[str, Any] = {"id": run_id}
        verify = bool(saved.get("verify", True))
    else:
        if options.treatment is None:
            raise InputError("give a treatment file, or --resume RUN_ID")
        treatment = _read_text(options.treatment, "treatment")
        if not treatment.strip():
            raise InputError(f"{options.treatment}: the treatment is empty")
        bible_text = _read_text(options.bible, "bible") if options.bible else ""
        llm_spec = options.llm or settings.llm
        verify = options.verify
        run_id = str(uuid.uuid4())
        inputs = {
            "id": run_id, "treatment": treatment, "treatment_path": str(options.treatment), "bible_text": bible_text,
            "bible_path": str(options.bible or ""), "llm": llm_spec or "embedded", "runtime": options.runtime,
            "max_attempts": options.max_attempts, "verify": verify, "title": options.title or _title_of(treatment),
        }
    if backend is None:
        check_spec(llm_spec)
    elif not options.resume:
        inputs["llm"] = getattr(backend, "name", "custom")
    bible = parse_bible(bible_text, source=str(options.bible or "bible")) if bible_text.strip() else None
    if bible is None and not options.resume:
        # Headings, cast and canon come from the bible; without one every scene would be
        # "approved" against nothing (issue 14 saw INT. DAY - NIGHT headings pass).
        raise InputError(
            "studio generate needs a bible: pass --bible BIBLE.yaml (places, characters and canon come from it); "
            "bootstrap one from a draft with `studio bible extract DRAFT --out bible.yaml`, or see the README's Bible section")
    if options.out is not None:
        out = options.out
    elif saved.get("out"):
        out = _shown(Path(saved["out"]))
    else:
        out = Path("runs") / run_id[:8]
    with contextlib.ExitStack() as held:  # one process per run id and one run per folder, until it ends
        held.enter_context(lock_run(options.project, run_id))
        make_folder(out)
        held.enter_context(lock_folder(out, run_id))
        claim_folder(out, run_id)  # under the lock: no other run writes here now
        hint = resume_hint(run_id, options.project)
        inputs.update(out=str(out.resolve()), resume_hint=hint)
        if progress is not None:
            progress({"agent": "flow", "event": "start", "run_id": run_id, "out": f"{out}/", "resumed": bool(options.resume),
                      "resume": hint, "detail": f"run {run_id[:8]}, writing to {out}/"})

        from agents.crew import StudioCrew
        from agents.llm import Budget, ModelCallError, make_llm, resolve_backend
        from studio.generation.flow import GenerateFlow, OutlineFailed

        if backend is None:
            backend = resolve_backend(llm_spec, timeout=settings.llm_timeout)
        if getattr(backend, "schema_limits", None):  # a small model: no CrewAI boilerplate, one thread
            from agents.compact import CompactPrompts, OneThread

            backend = CompactPrompts(OneThread(backend))
        budget = Budget(max_calls=options.max_llm_calls, max_seconds=options.max_seconds)
        llm = make_llm(backend, budget, retries=2 if verify else 0)
        crew = StudioCrew(llm=llm, bible=bible)
        flow = GenerateFlow(crew=crew, bible=bible, settings=settings, progress=progress, db_path=str(db))
        try:
            with contextlib.redirect_stdout(sys.stderr):  # crewai prints status lines; stdout is for --json
                flow.kickoff(inputs=inputs)
        except OutlineFailed as exc:
            raise GenerationError(f"{exc}; run id {flow.state.id} (try a stronger model with --llm)") from exc
        except ModelCallError as exc:
            raise ModelCallError(f"{exc}\nwhat was done is saved: {hint}") from exc
        return write_run(flow.state, out, bible, settings=settings, fdx=options.fdx)


def resume_hint(run_id: str, project: Path) -> str:
    """The command that continues ``run_id`` (naming ``--project`` when it is not the default)."""
    where = "" if Path(project) == DEFAULT_PROJECT else f" --project {_quoted(str(project))}"
    return f"studio generate --resume {run_id[:8]}{where}"


#: what write_run writes into a run folder
RUN_FILES = ("script.fountain", "script.fdx", "shots.json", "shots.csv", "audit.json", "state.json", "run.md", "bible.yaml")


def claim_folder(out: Path, run_id: str) -> None:
    """Refuse a run folder that holds another run's (or anyone else's) files.

    A folder that this run wrote before (its ``state.json`` has this id) is this run's;
    one without any of :data:`RUN_FILES` (a link by such a name counts, even a dangling
    one) is free. Anything else would be overwritten.

    Raises:
        InputError: the folder holds files that are not this run's.
    """
    taken = [name for name in RUN_FILES if os.path.lexists(out / name)]
    if taken:
        owner = ""
        try:
            owner = str(json.loads((out / "state.json").read_text(encoding="utf-8")).get("id", ""))
        except (OSError, ValueError, AttributeError):
            pass
        if owner != run_id:
            whose = f"run {owner[:8]}'s files" if owner else f"files that are not this run's ({', '.join(taken[:3])})"
            raise InputError(f"{out}/ already holds {whose}; they would be overwritten: choose another --out, "
                             "or move that folder away")


def make_folder(out: Path) -> None:
    """Create the run folder ``out`` if needed.

    Raises:
        InputError: ``out`` is a file, or cannot be created.
    """
    if out.exists() and not out.is_dir():
        raise InputError(f"{out} is a file, not a folder: choose another --out")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create {out}: {exc.strerror or exc}") from exc


def _shown(path: Path) -> Path:
    """``path`` relative to the working folder when it lies inside it (as a user would type it)."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def _quoted(text: str) -> str:
    import shlex

    return shlex.quote(text)


def write_run(state: Any, out: Path, bible: Any, *, settings: Any = None, fdx: bool = False) -> RunResult:
    """Write the run folder for ``state`` and return what was written."""
    from agents.models import ShotPlan, shots_from_plan
    from continuity.api import audit
    from continuity.screenplay.writers import fountain as fountain_writer
    from continuity.visual.shots import SceneHeading, ShotList
    from continuity.visual.shots import dumps as shots_dumps
    from studio.generation.scene_steps import scene_of
    from studio.generation.state import build_script
    from studio.review import safe_io

    make_folder(out)
    decided = [s for s in state.scenes if s.decided]
    scenes = [scene_of(s) for s in decided]
    script = build_script(state.title, scenes, state.scenes)
    files: dict[str, str] = {"script.fountain": fountain_writer.dumps(script)}
    if fdx:
        from continuity.screenplay.writers import fdx as fdx_writer

        files["script.fdx"] = fdx_writer.dumps(script)
    shots = []
    for s in decided:
        if s.shots_status == "done" and s.shots:
            shots.extend(shots_from_plan(s.number, ShotPlan.model_validate(s.shots)))
    headings = tuple(SceneHeading(index=sc.index, heading=sc.heading.text, time=sc.heading.time,
                                  location=sc.heading.location, setting=sc.heading.setting) for sc in script.scenes)
    shot_list = ShotList(shots=tuple(shots), title=state.title, script="script.fountain", scenes=headings)
    files["shots.json"] = shots_dumps(shot_list)
    files["shots.csv"] = _shots_csv(shots)
    report_obj = audit(script, bible, settings=settings, bible_source="bible.yaml" if bible else None) if script.scenes else None
    report = report_obj.to_dict() if report_obj else {"findings": [], "summary": {}}
    marked = {f["id"] for s in decided for f in s.findings if f.get("needs_review")}
    for f in report.get("findings", []):
        if f["id"] in marked:
            f["needs_review"] = True
        elif f["severity"] == "error":
            f["needs_review"] = True  # surfaced only in the whole script: a person decides
            f["review_reason"] = "found by the whole-script audit after the scene was approved"
    audited = {g["id"] for g in report["findings"]}
    report["audit_summary"] = dict(report.get("summary", {}))  # the independent audit's own counts
    for s in decided:  # findings that are not the audit's (plan and fidelity checks, unwritten scenes)
        for f in s.findings:
            if f.get("needs_review") and f["id"] not in audited:
                report["findings"].append({**f, "source": "generate"})
    report["run"] = {"id": state.id, "status": "stopped" if state.phase == "stopped" else "complete"}
    files["audit.json"] = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    files["state.json"] = state.model_dump_json(indent=2) + "\n"
    if state.bible_text.strip():
        files["bible.yaml"] = state.bible_text  # the canon this run was held to, beside its script
    result = RunResult(state=state, out=out, audit=report, files=sorted(files) + ["run.md"])
    files["run.md"] = run_markdown(result)
    for name, text in files.items():  # created or atomically replaced, never through a link planted there
        safe_io.write(out / name, text.encode("utf-8"), out)
    if report_obj is not None:  # so that `studio review <run folder>` shows the findings to a person
        from studio.review.actions import Project

        with Project(out) as project:
            project.record(report_obj, out / "script.fountain", out / "bible.yaml" if "bible.yaml" in files else None)
    return result


def run_markdown(result: RunResult) -> str:
    """The short human summary of a run (every text from the model or the bible escaped)."""
    from continuity.reports.escape import md

    st = result.state
    s = result.summary()
    lines = [f"# {md(st.title or 'Untitled')}: generation run {st.id[:8]}", ""]
    lines.append(f"- status: **{s['status']}**" + (f" ({md(st.stopped)})" if st.stopped else ""))
    rounds = max((x.attempts for x in st.scenes), default=0)
    lines.append(f"- model: {md(st.llm)}; verification {'on' if st.verify else 'off'}; "
                 f"at most {st.max_attempts} revisions per scene (writer rounds used: at most {rounds})")
    lines.append(f"- {plural(len(st.scenes), 'scene')} planned, {sum(1 for x in st.scenes if x.decided)} written; "
                 f"{plural(s['findings_fixed'], 'finding')} fixed by revision; {s['needs_review']} left for review")
    lines.append(f"- {st.calls} LLM calls, {st.prompt_tokens + st.completion_tokens} tokens, {st.seconds:.1f} s")
    audit_counts = result.audit.get("audit_summary", result.audit.get("summary", {}))
    lines.append("- independent audit of script.fountain against the bible (audit.json): "
                 + ", ".join(f"{audit_counts.get(k, 0)} {k}{'s' if audit_counts.get(k, 0) != 1 else ''}"
                             for k in ("error", "warning", "info")))
    origins = [o for x in st.scenes for o in x.origin]
    if origins:
        lines.append(f"- action lines: {origins.count('writer')} of {len(origins)} by the writer; "
                     f"{origins.count('kept')} short beats kept as the treatment writes them; "
                     f"{origins.count('treatment')} the treatment's sentence after the writer's failed its checks")
    model = sum(sc["model_lines"] for sc in s["scenes"])
    stand_ins = sum(sc["fallbacks"] for sc in s["scenes"])
    lines.append(f"- lines: {plural(model, 'line')} the model's own (action and dialogue), "
                 f"{plural(stand_ins, 'fallback')} (the treatment's sentence for an action line, an action line "
                 "for a line of dialogue, after every try failed its checks)")
    if st.edit_note:
        lines.append(f"- editor: {md(st.edit_note)}")
    for note in st.outline_notes:
        lines.append(f"- outline: {md(note)}")
    lines += ["", "| scene | heading | status | writer calls | model's lines | fallbacks | fixed | for review | audit | shots |",
              "|---|---|---|---|---|---|---|---|---|---|"]
    per_scene: dict[int, dict[str, int]] = {}
    for f in result.audit.get("findings", []):
        if f.get("source") != "generate":
            counts = per_scene.setdefault(int(f.get("scene") or 0), {})
            counts[f["severity"]] = counts.get(f["severity"], 0) + 1
    for sc in s["scenes"]:
        found = per_scene.get(sc["number"], {})
        audit_cell = ", ".join(f"{n} {k}" for k, n in found.items()) or "clean"
        lines.append(f"| {sc['number']} | {md(sc['heading'])} | {sc['status']} | {sc['attempts']} | {sc['model_lines']} | "
                     f"{sc['fallbacks']} | {sc['fixed']} | "
                     f"{sc['needs_review']} | {audit_cell} | "
                     f"{sc['shots'] if sc['shots_status'] == 'done' else sc['shots_status']} |")
    review = [f for f in result.audit.get("findings", []) if f.get("needs_review")]
    if review:
        lines += ["", "## For review", ""]
        lines += [f"- scene {f['scene']}, line {f['line']}: {md(f['message'])}" for f in review]
    if st.phase == "stopped":
        lines += ["", f"Resume with `studio generate --resume {st.id[:8]}`."]
    return "\n".join(lines) + "\n"


def line_origins(scene: Any) -> dict[str, int]:
    """Whose a scene's lines are: ``model_lines`` (the model's action lines and dialogue), ``kept`` (short
    beats kept as the treatment writes them) and ``fallbacks`` (the treatment's sentence for an action line
    that failed its checks, an action line standing in for dialogue that did)."""
    pieces = scene.pieces or {}
    speech = sum(len([ln for ln in lines if ln and ln.strip()]) for lines in (pieces.get("dialogue") or {}).values())
    stand_ins = sum(len(v) for v in (pieces.get("fallback") or {}).values())
    return {"model_lines": scene.origin.count("writer") + speech, "kept": scene.origin.count("kept"),
            "fallbacks": scene.origin.count("treatment") + stand_ins}


def resolve_run_id(db: Path, prefix: str) -> str:
    """The full run id for ``prefix`` (at least 4 characters of it).

    Raises:
        InputError: no run, or more than one, matches.
    """
    prefix = prefix.strip()
    ids = list_run_ids(db)
    hits = [i for i in ids if i.startswith(prefix)] if len(prefix) >= 4 else [i for i in ids if i == prefix]
    if not hits:
        raise InputError(f"no run {prefix!r} in {db}" + (f" (runs: {', '.join(i[:8] for i in ids[-5:])})" if ids else ""))
    if len(hits) > 1:
        raise InputError(f"run id {prefix!r} is ambiguous: {', '.join(h[:12] for h in hits)}")
    return hits[0]


def list_run_ids(db: Path) -> list[str]:
    """Every run saved in the flow store, oldest first."""
    if not db.is_file():
        return []
    try:
        with contextlib.closing(sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=5)) as conn:
            rows = conn.execute(
                "SELECT flow_uuid, MIN(id) FROM flow_states GROUP BY flow_uuid ORDER BY MIN(id)").fetchall()
    except sqlite3.OperationalError as exc:
        # A store another process has just created holds no table yet: no runs yet.
        if "no such table" in str(exc):
            return []
        raise InputError(f"{db}: cannot read the run store ({exc})") from exc
    return [r[0] for r in rows]


def load_saved_state(db: Path, run_id: str) -> dict[str, Any]:
    """The last saved state of a run, as a dict (read straight from CrewAI's SQLite store, without importing it).

    Raises:
        InputError: the run has no saved state, or the store cannot be read.
    """
    try:
        with contextlib.closing(sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=5)) as conn:
            row = conn.execute("SELECT state_json FROM flow_states WHERE flow_uuid = ? ORDER BY id DESC LIMIT 1",
                               (run_id,)).fetchone()
    except sqlite3.OperationalError as exc:
        raise InputError(f"{db}: cannot read the run store ({exc})") from exc
    if not row:
        raise InputError(f"run {run_id} has no saved state in {db}")
    try:
        data = json.loads(row[0])
    except ValueError as exc:
        raise InputError(f"{db}: the saved state of run {run_id} is not valid JSON ({exc})") from exc
    return dict(data)


def _read_text(path: Path, what: str) -> str:
    from continuity.screenplay.io import decode_text, read_bytes

    return decode_text(read_bytes(path, what), str(path))


def _title_of(treatment: str) -> str:
    for line in treatment.splitlines():
        if line.startswith("#"):
            return line.lstrip("#").strip()[:80]
    return ""


def _shots_csv(shots: list[Any]) -> str:
    from continuity.reports.escape import csv_text

    header = ["scene", "number", "size", "angle", "movement", "lens", "duration", "subjects", "description"]
    return csv_text(header, ([s.scene, s.number, s.size, s.angle, s.movement, s.lens, s.duration,
                              "; ".join(f"{x.name} {x.position} facing {x.facing}" for x in s.subjects), s.description]
                             for s in shots))
