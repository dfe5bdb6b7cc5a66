"""``studio bench``: how reliably ``studio generate`` turns a treatment into a consistent script.

``studio bench fidelity`` (:mod:`studio.bench.fidelity`) measures what the script keeps
of the treatment, scene by scene; ``reliability`` (here) measures the verification loop.

``studio bench reliability`` runs the generation flow many times against
:class:`~agents.fake.CompetentWriter` (a deterministic model that does every task
right) wrapped in :class:`~agents.faults.FaultInjector` (malformed JSON, a dropped
character, a contradiction of the bible, a timeout, a reader fault: a line cut off, a
wrong name, a speaker naming herself as another, past tense; each with its own
probability per call). Every seed is run twice: with the verification loop (checks, notes, revisions,
retries) and without it. An independent oracle, :func:`valid_and_consistent`, judges
each run's output folder, not the flow's own verdict.

This measures the loop, not the prose: the fake model writes the same plain scenes
every time.
"""

from __future__ import annotations

import io
import json
import logging
import math
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from contextlib import redirect_stdout
from dataclasses import replace
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any

import typer

from studio.bench.common import isolated_home, quiet_crewai
from studio.console import stderr_console

logger = logging.getLogger(__name__)

EXAMPLE = Path(__file__).resolve().parents[2] / "assets" / "examples" / "ferry"
DEFAULT_TREATMENT = EXAMPLE / "treatment.md"
DEFAULT_BIBLE = EXAMPLE / "bible.yaml"
#: The agent steps the flow records in ``state.steps``, in the order of the report.
STEP_KINDS = ("outline", "edit", "scene", "review", "shots")
FAULT_KINDS = ("malformed", "dropped", "contradiction", "timeout", "reader")
#: The kinds of a ``reader`` fault (:data:`agents.faults.READER_FAULTS`).
READER_KINDS = ("cut_off", "wrong_name", "identity", "past_tense")
MODES = {"with_verification": True, "without_verification": False}
#: The output model each step's LLM call asks for (its JSON schema's title).
SCHEMA_STEP = {"Outline": "outline", "EditPlan": "edit", "SceneDraft": "scene", "ScenePieces": "scene",
               "PieceFixes": "scene", "RevisionNotes": "review", "ShotPlan": "shots"}
#: How many failure reasons a mode's report keeps per failed run.
REASONS_KEPT = 3

_PARAGRAPH_SPLIT_RE = re.compile(r"\n\s*\n")

Progress = Callable[[dict[str, Any]], None]

class Embedder(str, Enum):
    minilm = "minilm"
    hashing = "hashing"


# -- the oracle ---------------------------------------------------------------------------


def treatment_scenes(text: str) -> int:
    """How many scenes a treatment asks for: its paragraphs, less the title and an italic logline."""
    paragraphs = [" ".join(p.split()) for p in _PARAGRAPH_SPLIT_RE.split(text) if p.strip()]
    return sum(1 for p in paragraphs if not p.startswith(("#", "*", "_")))


def valid_and_consistent(
    result: Any,
    bible: Any,
    outline_cast: list[list[str]] | None = None,
    *,
    expected_scenes: int,
    settings: Any = None,
) -> tuple[bool, list[str]]:
    """Judge a run's output folder on its own evidence, whatever the flow concluded.

    The folder passes when ``script.fountain`` parses and has ``expected_scenes``
    scenes; a fresh audit of the whole script against ``bible`` has no error; no scene
    misses a character the outline planned for it (:func:`continuity.treatment.plan.check_plan`,
    errors only); ``shots.json`` loads and gives every scene at least one shot; and
    ``state.json`` hands no scene to review.

    Args:
        result: the output folder, or a :class:`~studio.generation.runs.RunResult`.
        bible: the parsed canon.
        outline_cast: the characters the outline planned, per scene in script order;
            default: read from ``state.json``.
        expected_scenes: the treatment's scene count.
        settings: continuity settings for the audit (embedder, cache).

    Returns:
        ``(ok, reasons)``: reasons are empty when ok.
    """
    from continuity.api import audit
    from continuity.errors import StudioError
    from continuity.screenplay.io import load_script
    from continuity.treatment.plan import check_plan
    from continuity.visual.shots_json import load_shots

    out = Path(getattr(result, "out", result))
    reasons: list[str] = []
    state: dict[str, Any] = {}
    state_path = out / "state.json"
    if state_path.is_file():
        try:
            state = json.loads(state_path.read_text(encoding="utf-8"))
        except ValueError as exc:
            reasons.append(f"state.json is not JSON: {exc}")
    else:
        reasons.append("no state.json")
    if outline_cast is None:
        outline_cast = [list(s.get("characters", [])) for s in state.get("scenes", [])]
    review = [s.get("number") for s in state.get("scenes", []) if s.get("status") == "needs_review"]
    if review:
        reasons.append(f"scene(s) {', '.join(map(str, review))} handed to review")

    try:
        script = load_script(out / "script.fountain")
    except StudioError as exc:
        reasons.append(f"script.fountain: {exc}")
        return False, reasons
    scenes = script.scenes
    if len(scenes) != expected_scenes:
        from continuity.language.words import plural

        reasons.append(f"{plural(len(scenes), 'scene')}, the treatment has {expected_scenes}")
    report = audit(script, bible, settings=settings)
    for f in report.findings:
        if f.severity == "error":
            reasons.append(f"audit: scene {f.scene}: {f.message}")
    reasons += [f"reader: {slip}" for slip in reader_slips(script, bible)]
    for scene, cast in zip(scenes, outline_cast):
        for f in check_plan(scene, cast, bible):
            if f.severity == "error":
                reasons.append(f"plan: {f.message}")

    try:
        shots = load_shots(out / "shots.json")
    except StudioError as exc:
        reasons.append(f"shots.json: {exc}")
    else:
        shot_scenes = {s.scene for s in shots.shots}
        bare = [sc.index for sc in scenes if sc.index not in shot_scenes]
        if bare:
            reasons.append(f"no shots for scene(s) {', '.join(map(str, bare))}")
    return not reasons, reasons


def reader_slips(script: Any, bible: Any) -> list[str]:
    """Lines a reader stops at, by the independent judge (:mod:`studio.bench.judge`, no code of the verifier's):
    ``scene N: <what>: '<line>'`` for each."""
    from continuity.screenplay.model import Kind
    from studio.bench.judge import cast_names, judge_action, judge_line, repeat_key

    cast = cast_names([(c.name, list(c.aliases)) for c in (bible.characters if bible else ())])
    keys = {sc.index: {repeat_key(el.text, cast) for el in sc.elements if el.kind is Kind.DIALOGUE}
            for sc in script.scenes}
    out = []
    for sc in script.scenes:
        here = set(sc.speakers) | {who for el in sc.elements if el.kind is Kind.ACTION
                                   for word, who in cast.items() if re.search(rf"\b{word}\b", el.text, re.IGNORECASE)}
        others = set().union(*(k for i, k in keys.items() if i != sc.index)) if len(keys) > 1 else set()
        for el in sc.elements:
            if el.kind is Kind.DIALOGUE and el.character:
                found = judge_line(el.text, el.character, cast, here, others)
            elif el.kind is Kind.ACTION:
                found = judge_action(el.text, cast)
            else:
                continue
            if found:
                out.append(f"scene {sc.index}: {', '.join(found)}: '{el.text[:80]}'")
    return out


# -- the benchmark ------------------------------------------------------------------------


def wilson(successes: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval for a proportion (95% by default)."""
    if n <= 0:
        return 0.0, 1.0
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def reliability(
    runs: int,
    *,
    seed: int = 0,
    treatment: Path = DEFAULT_TREATMENT,
    bible: Path = DEFAULT_BIBLE,
    faults: Any = None,
    max_attempts: int = 3,
    settings: Any = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Run the flow ``runs`` times with verification and ``runs`` times without, and summarise.

    Run ``i`` uses seed ``seed + i`` in both modes, so both face the same draws at
    first. Each run gets its own project and output folders. Set ``HOME`` and
    ``CREWAI_STORAGE_DIR`` first (see :func:`isolated_home`).

    Args:
        runs: how many seeds.
        seed: the first seed.
        treatment: the treatment file.
        bible: the bible file.
        faults: an :class:`agents.faults.Faults` (default: its default probabilities).
        max_attempts: revisions allowed per scene (``--max-attempts`` of ``studio generate``).
        settings: continuity settings (embedder, cache); default :meth:`Settings.load`.
        progress: called after each run with ``{"run", "seed", "verify", "ok", "seconds"}``.

    Returns:
        The report: see :func:`summarise` for its keys.
    """
    from agents.faults import Faults
    from continuity.bible.load import load_bible
    from continuity.settings import Settings

    settings = settings or Settings.load()
    faults = faults if faults is not None else Faults()
    treatment, bible = Path(treatment), Path(bible)
    canon = load_bible(bible)
    expected = treatment_scenes(treatment.read_text(encoding="utf-8"))
    started = time.perf_counter()
    records: dict[str, list[dict[str, Any]]] = {mode: [] for mode in MODES}
    with quiet_crewai():
        for i in range(runs):
            for mode, verify in MODES.items():
                rec = _one_run(seed + i, verify, treatment=treatment, bible=bible, canon=canon, faults=faults,
                               max_attempts=max_attempts, settings=settings, expected=expected)
                records[mode].append(rec)
                if progress is not None:
                    progress({"run": i + 1, "runs": runs, "seed": seed + i, "verify": verify,
                              "ok": rec["ok"], "seconds": rec["seconds"]})
    report = {
        "runs": runs,
        "seed": seed,
        "treatment": str(treatment),
        "bible": str(bible),
        "scenes_expected": expected,
        "max_attempts": max_attempts,
        "embedder": settings.embedder,
        "faults": {k: getattr(faults, k) for k in FAULT_KINDS},
    }
    for mode in MODES:
        report[mode] = summarise(records[mode], expected)
    report["seconds_total"] = round(time.perf_counter() - started, 2)
    return report


def _one_run(seed: int, verify: bool, *, treatment: Path, bible: Path, canon: Any, faults: Any, max_attempts: int,
             settings: Any, expected: int) -> dict[str, Any]:
    """One generation run in fresh folders, judged by the oracle."""
    from agents.fake import CompetentWriter
    from studio.generation.flow import GenerateState
    from studio.generation.runs import RunOptions, list_run_ids, load_saved_state, run_generate

    backend = _tallying_injector()(CompetentWriter(), faults, seed=seed, bible=canon)
    with tempfile.TemporaryDirectory(prefix="studio-bench-") as tmp:
        project, out = Path(tmp) / "project", Path(tmp) / "out"
        options = RunOptions(treatment=treatment, bible=bible, out=out, project=project,
                             max_attempts=max_attempts, verify=verify)
        error = ""
        t0, cpu0 = time.perf_counter(), time.process_time()
        try:
            with redirect_stdout(io.StringIO()):  # keep --json's stdout clean whatever a library prints
                result = run_generate(options, backend=backend, settings=settings)
            state = result.state
        except Exception as exc:  # a run that dies is a failed run; what it did is still counted
            error = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
            logger.info("seed %d (verify %s) raised %s", seed, verify, error)
            state = None
            ids = list_run_ids(project / "flows.db")
            if ids:
                state = GenerateState.model_validate(load_saved_state(project / "flows.db", ids[-1]))
        seconds, cpu = time.perf_counter() - t0, time.process_time() - cpu0
        if error:
            ok, reasons = False, [f"the run raised {error}"]
        else:
            ok, reasons = valid_and_consistent(out, canon, expected_scenes=expected, settings=settings)
    scenes = list(state.scenes) if state is not None else []
    steps = list(state.steps) if state is not None else []
    if error and not scenes and not any(s["step"] == "outline" for s in steps):
        # the flow saves its state after a step, so a run that died in the outline left no record of it
        steps.insert(0, {"step": "outline", "ok": False, "scene": None, "problem": error})
    return {
        "seed": seed,
        "verify": verify,
        "ok": ok,
        "reasons": reasons,
        "error": error,
        "steps": steps,
        "writer_calls": [s.attempts for s in scenes],
        "needs_review": sum(1 for s in scenes if s.status == "needs_review"),
        "calls": sum(made for made, _ in backend.tally.values()),  # state.calls misses a step that raised
        "seconds": seconds,
        "cpu_seconds": cpu,
        "injected": {k: backend.injected.get(k, 0) for k in (*FAULT_KINDS, *READER_KINDS)},
        "reader_slips": sum(1 for r in reasons if r.startswith("reader: ")),
        "call_tally": {k: list(v) for k, v in backend.tally.items()},
    }


@cache
def _tallying_injector() -> type:
    """:class:`~agents.faults.FaultInjector` that also counts, per step kind, calls and calls left clean."""
    from agents.faults import FaultInjector

    class TallyingInjector(FaultInjector):
        def __init__(self, *args: Any, **kwargs: Any):
            super().__init__(*args, **kwargs)
            #: step kind -> [calls, calls with no fault injected]
            self.tally: dict[str, list[int]] = {}

        def complete(self, messages: list[dict[str, Any]], schema: dict[str, Any] | None, max_tokens: int,
                     timeout: float | None = None) -> Any:
            kind = SCHEMA_STEP.get((schema or {}).get("title", ""), "free_text")
            before = sum(self.injected.values())
            counts = self.tally.setdefault(kind, [0, 0])
            counts[0] += 1
            try:
                return super().complete(messages, schema, max_tokens, timeout)
            finally:
                counts[1] += sum(self.injected.values()) == before

    return TallyingInjector


def first_tries(steps: list[dict[str, Any]]) -> dict[tuple[str, Any], bool]:
    """For each (step kind, scene), whether its first recorded try was ok."""
    first: dict[tuple[str, Any], bool] = {}
    for s in steps:
        first.setdefault((s["step"], s.get("scene")), bool(s["ok"]))
    return first


def summarise(records: list[dict[str, Any]], expected_scenes: int) -> dict[str, Any]:
    """One mode's figures from its runs' records.

    Keys: ``runs``, ``succeeded``, ``success_rate``, ``success_ci95`` ([low, high],
    Wilson), ``crashed`` (runs that raised), ``first_try`` (per step kind and ``all``:
    ``tries``, ``ok``, ``rate``), ``faults_injected`` (per kind and ``total``),
    ``reader_faults_injected`` (per kind of reader fault), ``reader_slips_in_output`` and
    ``runs_with_reader_slips`` (lines the independent judge stops at in the outputs),
    ``clean_calls`` (per kind of LLM call, ``free_text`` and ``all``: calls the
    injector left alone, same shape), ``fault_rate_per_call``,
    ``revisions_per_scene_mean``, ``revisions_per_scene_max``, ``scenes_needs_review``,
    ``runs_with_review``, ``calls_per_scene_mean``, ``seconds_per_scene_mean`` (wall),
    ``cpu_seconds_per_scene_mean`` (this process), ``run_seconds_median``,
    ``failures`` (seed and reasons of each failed run).
    """
    n = len(records)
    ok = sum(1 for r in records if r["ok"])
    lo, hi = wilson(ok, n)
    tries: Counter[str] = Counter()
    passed: Counter[str] = Counter()
    for r in records:
        for (kind, _), good in first_tries(r["steps"]).items():
            tries[kind] += 1
            passed[kind] += good
    first_try = {kind: _rate(passed[kind], tries[kind]) for kind in STEP_KINDS}
    first_try["all"] = _rate(sum(passed.values()), sum(tries.values()))
    injected = {k: sum(r["injected"].get(k, 0) for r in records) for k in FAULT_KINDS}
    reader_kinds = {k: sum(r["injected"].get(k, 0) for r in records) for k in READER_KINDS}
    calls_by_kind: Counter[str] = Counter()
    clean_by_kind: Counter[str] = Counter()
    for r in records:
        for kind, (made, clean) in r["call_tally"].items():
            calls_by_kind[kind] += made
            clean_by_kind[kind] += clean
    call_clean = {kind: _rate(clean_by_kind[kind], calls_by_kind[kind]) for kind in (*STEP_KINDS, "free_text")}
    call_clean["all"] = _rate(sum(clean_by_kind.values()), sum(calls_by_kind.values()))
    injected["total"] = sum(injected.values())
    revisions = [max(0, w - 1) for r in records for w in r["writer_calls"]]
    calls = sum(r["calls"] for r in records)
    scene_slots = n * expected_scenes
    seconds = [r["seconds"] for r in records]
    cpu = sum(r["cpu_seconds"] for r in records)
    return {
        "runs": n,
        "succeeded": ok,
        "success_rate": round(ok / n, 4) if n else None,
        "success_ci95": [round(lo, 4), round(hi, 4)],
        "crashed": sum(1 for r in records if r["error"]),
        "first_try": first_try,
        "faults_injected": injected,
        "reader_faults_injected": reader_kinds,
        "reader_slips_in_output": sum(r.get("reader_slips", 0) for r in records),
        "runs_with_reader_slips": sum(1 for r in records if r.get("reader_slips", 0)),
        "clean_calls": call_clean,
        "fault_rate_per_call": round(1 - call_clean["all"]["rate"], 4) if call_clean["all"]["tries"] else None,
        "revisions_per_scene_mean": round(statistics.fmean(revisions), 4) if revisions else 0.0,
        "revisions_per_scene_max": max(revisions, default=0),
        "scenes_needs_review": sum(r["needs_review"] for r in records),
        "runs_with_review": sum(1 for r in records if r["needs_review"]),
        "calls_per_scene_mean": round(calls / scene_slots, 3) if scene_slots else None,
        "seconds_per_scene_mean": round(sum(seconds) / scene_slots, 4) if scene_slots else None,
        "cpu_seconds_per_scene_mean": round(cpu / scene_slots, 4) if scene_slots else None,
        "run_seconds_median": round(statistics.median(seconds), 3) if seconds else None,
        "failures": [{"seed": r["seed"], "reasons": r["reasons"][:REASONS_KEPT]} for r in records if not r["ok"]],
    }


def _rate(ok: int, tries: int) -> dict[str, Any]:
    return {"tries": tries, "ok": ok, "rate": round(ok / tries, 4) if tries else None}


# -- presentation -------------------------------------------------------------------------


def table_rows(report: dict[str, Any]) -> list[tuple[str, str, str]]:
    """``(measure, with verification, without)`` rows for the table and the docs."""
    on, off = report["with_verification"], report["without_verification"]

    def both(fn: Callable[[dict[str, Any]], str]) -> tuple[str, str]:
        return fn(on), fn(off)

    def success(m: dict[str, Any]) -> str:
        lo, hi = m["success_ci95"]
        return f"{m['succeeded']}/{m['runs']} = {_pct(m['success_rate'])} (95% CI {_pct(lo)}-{_pct(hi)})"

    def first(kind: str) -> Callable[[dict[str, Any]], str]:
        def cell(m: dict[str, Any]) -> str:
            r = m["first_try"][kind]
            return f"{_pct(r['rate'])} ({r['ok']}/{r['tries']})" if r["tries"] else "-"
        return cell

    def clean(kind: str) -> Callable[[dict[str, Any]], str]:
        def cell(m: dict[str, Any]) -> str:
            r = m["clean_calls"][kind]
            return f"{_pct(r['rate'])} ({r['ok']}/{r['tries']})" if r["tries"] else "-"
        return cell

    rows = [("end-to-end valid and consistent", *both(success)),
            ("runs that raised", *both(lambda m: str(m["crashed"])))]
    rows += [(f"first-try success: {kind}", *both(first(kind))) for kind in (*STEP_KINDS, "all")]
    rows += [
        ("faults injected (" + " / ".join(FAULT_KINDS) + ")",
         *both(lambda m: " / ".join(str(m["faults_injected"][k]) for k in FAULT_KINDS))),
        ("reader faults injected (" + " / ".join(k.replace("_", " ") for k in READER_KINDS) + ")",
         *both(lambda m: " / ".join(str(m["reader_faults_injected"][k]) for k in READER_KINDS))),
        ("lines a reader stops at in the output, independent judge (runs)",
         *both(lambda m: f"{m['reader_slips_in_output']} ({m['runs_with_reader_slips']})")),
        ("LLM calls left clean: scene drafts", *both(clean("scene"))),
        ("LLM calls left clean: all", *both(clean("all"))),
        ("revisions per scene: mean / max",
         *both(lambda m: f"{m['revisions_per_scene_mean']:.2f} / {m['revisions_per_scene_max']}")),
        ("scenes handed to review (runs)", *both(lambda m: f"{m['scenes_needs_review']} ({m['runs_with_review']})")),
        ("LLM calls per scene (mean)", *both(lambda m: f"{m['calls_per_scene_mean']:.2f}")),
        ("seconds per scene (mean)", *both(lambda m: f"{m['seconds_per_scene_mean']:.3f}")),
        ("CPU seconds per scene (mean)", *both(lambda m: f"{m['cpu_seconds_per_scene_mean']:.3f}")),
        ("seconds per run (median)", *both(lambda m: f"{m['run_seconds_median']:.2f}")),
    ]
    return rows


def markdown_table(report: dict[str, Any]) -> str:
    """The report as a Markdown table."""
    lines = ["| measure | with verification | without verification |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in table_rows(report)]
    return "\n".join(lines) + "\n"


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f}%"


def reliability_command(
    runs: int = typer.Option(20, "--runs", "-n", min=1, help="How many seeds (each runs with and without verification)."),
    seed: int = typer.Option(0, "--seed", help="The first seed."),
    treatment: Path = typer.Option(DEFAULT_TREATMENT, "--treatment", show_default=False,
                                   help="The treatment (default: the ferry example's)."),
    bible: Path = typer.Option(DEFAULT_BIBLE, "--bible", show_default=False,
                               help="The bible (default: the ferry example's)."),
    faults_scale: float = typer.Option(1.0, "--faults-scale", min=0.0, help="Multiply every default fault probability."),
    max_attempts: int = typer.Option(3, "--max-attempts", min=0, help="Revisions allowed per scene."),
    embedder: Embedder = typer.Option(Embedder.minilm, "--embedder", help="The continuity checker's embedder."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress and no table."),
) -> None:
    """Run `studio generate` N times against a fault-injecting fake model and report reliability.

    The model is a deterministic writer that does every task right, wrapped so that
    each call may return malformed JSON, drop a character, contradict the bible or
    time out. Each seed runs with the verification loop and without it; an
    independent check of each output folder decides success.

    Example:

      studio bench reliability --runs 50

      studio bench reliability --runs 20 --faults-scale 2 --embedder hashing --json
    """
    from agents.faults import Faults
    from continuity.errors import InputError
    from continuity.settings import Settings

    for path, what in ((treatment, "treatment"), (bible, "bible")):
        if not path.is_file():
            raise InputError(f"{path}: no such {what} file")
    # Resolved before HOME moves, so the embedding cache stays the user's.
    settings = replace(Settings.load(), embedder=embedder.value)
    faults = Faults().scaled(faults_scale)
    err = stderr_console()
    show = not (quiet or as_json)
    with isolated_home():
        if show and err.is_terminal:
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                          TimeElapsedColumn(), console=err, transient=True) as bar:
                task = bar.add_task("generating", total=2 * runs)
                report = reliability(runs, seed=seed, treatment=treatment, bible=bible, faults=faults,
                                     max_attempts=max_attempts, settings=settings,
                                     progress=lambda e: bar.advance(task))
        else:
            report = reliability(runs, seed=seed, treatment=treatment, bible=bible, faults=faults,
                                 max_attempts=max_attempts, settings=settings)
    if as_json:
        sys.stdout.write(json.dumps(report, indent=2) + "\n")
        return
    if quiet:
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Generation reliability: {runs} seed{'s' if runs != 1 else ''} from {seed}, faults x{faults_scale:g}, "
                        f"{settings.embedder}, {report['seconds_total']:.0f} s")
    for name in ("measure", "with verification", "without verification"):
        table.add_column(name)
    for row in table_rows(report):
        table.add_row(*row)
    Console(highlight=False).print(table)
