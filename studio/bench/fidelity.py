"""``studio bench fidelity``: does ``studio generate`` write what the treatment says, in the bible's world?

Each case is a treatment with its bible (``benchmarks/fidelity/*/`` and the ferry
example). Every case is generated ``runs`` times with the chosen model; each output
folder is then judged on its own, scene by scene, by measures that do not trust the
run's own verdict:

- **heading**: the script's heading (as our reader parses it) has the place, time of
  day and flashback mark that :func:`continuity.treatment.facts.extract_facts` reads from the
  treatment and bible (computed afresh here);
- **characters**: the characters those facts put in the scene are in it (a cue, or
  named in the text);
- **contradictions**: error findings of a fresh audit of the whole script against the
  bible, in that scene; those with a bible fact as evidence are "bible contradictions",
  and they are also counted for scenes the run marked approved;
- **coverage**: the share of the treatment's sentences for the scene whose best-matching
  script sentence in that scene has cosine >= 0.5 with all-MiniLM-L6-v2 (whatever
  embedder the run itself used);
- **dialogue**: the share of the scene's lines of dialogue that are speech
  (:func:`continuity.treatment.fidelity.speech_problem`), and how many lines the run rejected;
- **reading** (:func:`reading`): the share of dialogue and action lines that pass the
  verifier's reader checks (the reader score), approved scenes holding a line that
  fails them (goal 0), and the same lines judged by an independent judge that shares no
  code with the verifier (:mod:`studio.bench.judge`);
- **calls** and **seconds** the run spent on the scene (writing, checking, shots).
"""

from __future__ import annotations

import io
import json
import logging
import re
import statistics
import sys
import tempfile
import time
from contextlib import redirect_stdout
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable

import typer

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SET = ROOT / "benchmarks" / "fidelity"
FERRY = ROOT / "assets" / "examples" / "ferry"
#: A treatment sentence is covered when a script sentence of its scene has at least this cosine with it.
COVERAGE = 0.5

Progress = Callable[[dict[str, Any]], None]


def cases(folder: Path = DEFAULT_SET, *, ferry: bool = True) -> list[tuple[str, Path, Path]]:
    """``(name, treatment, bible)`` for every case folder under ``folder`` (and the ferry example)."""
    out = []
    if ferry:
        out.append(("ferry", FERRY / "treatment.md", FERRY / "bible.yaml"))
    for sub in sorted(p for p in Path(folder).iterdir() if p.is_dir()) if Path(folder).is_dir() else []:
        if (sub / "treatment.md").is_file() and (sub / "bible.yaml").is_file():
            out.append((sub.name, sub / "treatment.md", sub / "bible.yaml"))
    return out


def judge(out: Path, treatment: Path, bible_path: Path, *, coverage_embed: Any, settings: Any = None) -> list[dict[str, Any]]:
    """Per-scene measures of one output folder (see the module docstring)."""
    from continuity.api import audit
    from continuity.bible.load import load_bible
    from continuity.screenplay.io import load_script
    from continuity.screenplay.model import Kind
    from continuity.story.splitting import sentences_of
    from continuity.treatment.facts import extract_facts
    from continuity.treatment.fidelity import speech_problem
    from continuity.treatment.plan import check_plan

    bible = load_bible(bible_path)
    facts = extract_facts(treatment.read_text(encoding="utf-8"), bible, embed=coverage_embed)
    state = json.loads((out / "state.json").read_text(encoding="utf-8"))
    script = load_script(out / "script.fountain")
    report = audit(script, bible, settings=settings)
    sentences = sentences_of(script)
    states = {s["number"]: s for s in state.get("scenes", [])}
    read = reading(script, facts, bible, states)
    rows = []
    for f in facts:
        scene = script.scenes[f.number - 1] if f.number <= len(script.scenes) else None
        st = states.get(f.number, {})
        row: dict[str, Any] = {"scene": f.number, "facts": f.heading_text, "status": st.get("status", "missing"),
                               "calls": st.get("calls", 0), "seconds": round(float(st.get("seconds", 0.0)), 2)}
        if scene is None:
            row.update(heading=None, heading_ok=False, characters=0, characters_planned=len(f.characters),
                       errors=0, bible_contradictions=0, coverage=0.0, covered=0, beats=len(f.beats),
                       dialogue=0, dialogue_valid=0, **_EMPTY_READING)
            rows.append(row)
            continue
        h, want = scene.heading, f.heading
        missing = [x for x in check_plan(scene, list(f.characters), bible) if x.severity == "error"]
        errors = [x for x in report.findings if x.scene == scene.index and x.severity == "error"]
        contradictions = [x for x in errors if any(e.bible for e in x.evidence)]
        texts = [s.text for s in sentences if s.scene == scene.index]
        best = _best(list(f.beats), texts, coverage_embed)
        lines = [el for el in scene.elements if el.kind is Kind.DIALOGUE]
        valid = [el for el in lines if not speech_problem(el.text, el.character or "", f, bible)]
        origin = st.get("origin", [])
        row.update(read[f.number])
        row.update(
            heading=h.text,
            heading_ok=(h.location, h.time, h.setting, h.is_flashback) == (want.location, want.time, want.setting,
                                                                          want.is_flashback),
            characters=len(f.characters) - len(missing), characters_planned=len(f.characters),
            errors=len(errors), bible_contradictions=len(contradictions),
            contradiction_messages=[x.message for x in contradictions][:3],
            beats=len(f.beats), covered=sum(1 for b in best if b >= COVERAGE),
            coverage=round(sum(1 for b in best if b >= COVERAGE) / len(best), 3) if best else 1.0,
            from_treatment=sum(1 for o in origin if o in ("treatment", "kept")),
            dialogue=len(lines), dialogue_valid=len(valid),
            dialogue_rejected=sum(1 for r in st.get("rejected", []) if str(r.get("piece", "")).startswith("line:")),
        )
        rows.append(row)
    return rows


_EMPTY_READING = {"read_lines": 0, "read_failing": 0, "read_reasons": {}, "judge_dialogue": 0,
                  "judge_dialogue_failing": 0, "judge_action": 0, "judge_action_failing": 0, "judge_reasons": {},
                  "failing_lines": []}


def reading(script: Any, facts: list[Any], bible: Any, states: dict[int, dict[str, Any]]) -> dict[int, dict[str, Any]]:
    """Per scene number, what a reader would stop at in the written ``script``.

    Two readers: the verifier's reader checks (:mod:`continuity.treatment.reader`, on every
    line of dialogue and every action line but the stand-ins for failed dialogue), and
    the independent judge (:mod:`studio.bench.judge`), which shares no code with them.
    Keys: ``read_lines``, ``read_failing``, ``read_reasons`` (reason -> lines),
    ``judge_dialogue`` / ``judge_dialogue_failing``, ``judge_action`` /
    ``judge_action_failing``, ``judge_reasons``, ``failing_lines`` (a few, quoted).
    """
    from collections import Counter

    from continuity.screenplay.model import Kind
    from continuity.treatment.people import People
    from continuity.treatment.reader import action_problems, known_words, line_key, line_problems
    from studio.bench.judge import cast_names, judge_action, judge_line, repeat_key

    people = People.of(bible)
    cast = cast_names([(c.name, list(c.aliases)) for c in (bible.characters if bible else ())])
    scenes = {f.number: (f, script.scenes[f.number - 1]) for f in facts if f.number <= len(script.scenes)}
    lines = {n: [el for el in sc.elements if el.kind is Kind.DIALOGUE] for n, (_, sc) in scenes.items()}
    keys = {n: {line_key(el.text, people) for el in els} for n, els in lines.items()}
    judge_keys = {n: {repeat_key(el.text, cast) for el in els} for n, els in lines.items()}
    out: dict[int, dict[str, Any]] = {}
    for n, (f, sc) in scenes.items():
        stand_ins = {" ".join(t.split()) for ts in ((states.get(n, {}).get("pieces") or {}).get("fallback") or {}).values()
                     for t in ts}
        present = tuple(dict.fromkeys([*f.characters, *sc.speakers]))
        here = set(present) | {who for el in sc.elements if el.kind is Kind.ACTION
                               for word, who in cast.items() if re.search(rf"\b{word}\b", el.text, re.IGNORECASE)}
        seen = set().union(*(k for m, k in keys.items() if m != n)) if len(keys) > 1 else set()
        seen_j = set().union(*(k for m, k in judge_keys.items() if m != n)) if len(judge_keys) > 1 else set()
        known = known_words(f, bible)
        reasons: Counter[str] = Counter()
        jreasons: Counter[str] = Counter()
        row = {k: (v.copy() if isinstance(v, (dict, list)) else v) for k, v in _EMPTY_READING.items()}
        for el in sc.elements:
            if el.kind is Kind.DIALOGUE and el.character:
                problems = [p.reason.value for p in line_problems(el.text, el.character, people=people, present=present,
                                                                  heading=f.heading_text, seen=seen, known=known)]
                judged = judge_line(el.text, el.character, cast, here, seen_j)
                row["judge_dialogue"] += 1
                row["judge_dialogue_failing"] += bool(judged)
            elif el.kind is Kind.ACTION and " ".join(el.text.split()) not in stand_ins:
                problems = [p.reason.value for p in action_problems(el.text, people=people, present=present, known=known)]
                judged = judge_action(el.text, cast)
                row["judge_action"] += 1
                row["judge_action_failing"] += bool(judged)
            else:
                continue
            row["read_lines"] += 1
            row["read_failing"] += bool(problems)
            reasons.update(problems)
            jreasons.update(judged)
            if (problems or judged) and len(row["failing_lines"]) < 6:
                row["failing_lines"].append({"text": el.text[:160], "reader": problems, "judge": judged})
        row["read_reasons"], row["judge_reasons"] = dict(reasons), dict(jreasons)
        out[n] = row
    for f in facts:
        out.setdefault(f.number, {k: (v.copy() if isinstance(v, (dict, list)) else v) for k, v in _EMPTY_READING.items()})
    return out


def fidelity(
    llm: str = "fake",
    *,
    runs: int = 1,
    folder: Path = DEFAULT_SET,
    only: list[str] | None = None,
    settings: Any = None,
    backend_factory: Callable[[], Any] | None = None,
    max_attempts: int = 3,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Generate every case ``runs`` times with ``llm`` and judge each output folder.

    Set ``HOME`` and ``CREWAI_STORAGE_DIR`` first (see :func:`studio.bench.common.isolated_home`).

    Args:
        llm: ``fake``, ``fake-small`` (the fake asked one piece at a time), ``embedded`` or ``provider/model``.
        runs: how many times each case is generated (times are reported as medians).
        folder: where the case folders are.
        only: case names to run (default all).
        settings: continuity settings for the runs' own checks (embedder, cache).
        backend_factory: a model per run instead of ``llm`` (tests).
        max_attempts: revisions per scene.
        progress: called after each run with ``{"case", "run", "seconds", "scenes"}``.

    Returns:
        ``{"llm", "runs", "cases": [{"case", "runs": [{"seconds", "calls", "scenes": [rows]}]}], "summary"}``.
    """
    from continuity.language.embedding import Collection, make_embedder
    from continuity.settings import Settings

    settings = settings or Settings.load()
    minilm = Collection(make_embedder("minilm", settings.model_dir, settings.embed_precision), settings.cache_dir if settings.cache else None)
    chosen = [c for c in cases(folder) if not only or c[0] in only]
    report: dict[str, Any] = {"llm": llm, "runs": runs, "max_attempts": max_attempts, "embedder": settings.embedder,
                              "cases": []}
    started = time.perf_counter()
    for name, treatment, bible in chosen:
        entry: dict[str, Any] = {"case": name, "treatment": str(treatment), "runs": []}
        for r in range(runs):
            backend = backend_factory() if backend_factory else _backend(llm, settings)
            rec = _one(treatment, bible, backend, settings=settings, embed=minilm.embed, max_attempts=max_attempts)
            close = getattr(backend, "close", None)
            if close is not None:
                close()
            entry["runs"].append(rec)
            if progress is not None:
                progress({"case": name, "run": r + 1, "seconds": rec["seconds"], "scenes": len(rec["scenes"])})
        report["cases"].append(entry)
    report["seconds_total"] = round(time.perf_counter() - started, 1)
    report["summary"] = summarise(report)
    return report


def _backend(llm: str, settings: Any) -> Any:
    if llm == "fake-small":
        from agents.fake import CompetentWriter

        return CompetentWriter(small=True)
    from agents.llm import resolve_backend

    return resolve_backend(llm, timeout=settings.llm_timeout)


def _one(treatment: Path, bible: Path, backend: Any, *, settings: Any, embed: Any, max_attempts: int) -> dict[str, Any]:
    from studio.generation.runs import RunOptions, run_generate

    with tempfile.TemporaryDirectory(prefix="studio-fidelity-") as tmp:
        out, project = Path(tmp) / "out", Path(tmp) / "project"
        t0 = time.perf_counter()
        error = ""
        try:
            with redirect_stdout(io.StringIO()):
                result = run_generate(RunOptions(treatment=treatment, bible=bible, out=out, project=project,
                                                 max_attempts=max_attempts), backend=backend, settings=settings)
            calls = result.state.calls
        except Exception as exc:  # a run that dies is reported, not fatal to the benchmark
            error, calls = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}", 0
        seconds = time.perf_counter() - t0
        rows = [] if error else judge(out, treatment, bible, coverage_embed=embed, settings=settings)
        excerpt = "" if error else (out / "script.fountain").read_text(encoding="utf-8")
    return {"seconds": round(seconds, 1), "calls": calls, "error": error, "scenes": rows, "script": excerpt}


def summarise(report: dict[str, Any]) -> dict[str, Any]:
    """Totals over every case and run, and per case (times as medians over runs)."""
    def totals(rows: list[dict[str, Any]]) -> dict[str, Any]:
        n = len(rows)
        approved = [r for r in rows if r["status"] == "approved"]
        beats = sum(r["beats"] for r in rows)
        lines = sum(r["dialogue"] for r in rows)
        return {
            "scenes": n,
            "headings_match": sum(1 for r in rows if r["heading_ok"]),
            "characters_present": sum(r["characters"] for r in rows),
            "characters_planned": sum(r["characters_planned"] for r in rows),
            "approved": len(approved),
            "bible_contradictions": sum(r["bible_contradictions"] for r in rows),
            "bible_contradictions_in_approved": sum(r["bible_contradictions"] for r in approved),
            "audit_errors": sum(r["errors"] for r in rows),
            "beats": beats,
            "covered": sum(r["covered"] for r in rows),
            "coverage": round(sum(r["covered"] for r in rows) / beats, 3) if beats else None,
            "from_treatment": sum(r.get("from_treatment", 0) for r in rows),
            "dialogue": lines,
            "dialogue_valid": sum(r["dialogue_valid"] for r in rows),
            "dialogue_rejected": sum(r.get("dialogue_rejected", 0) for r in rows),
            "calls": sum(r["calls"] for r in rows),
            "read_lines": sum(r["read_lines"] for r in rows),
            "read_passing": sum(r["read_lines"] - r["read_failing"] for r in rows),
            "reader_score": round(sum(r["read_lines"] - r["read_failing"] for r in rows)
                                  / max(1, sum(r["read_lines"] for r in rows)), 3),
            "approved_with_failing": sum(1 for r in approved if r["read_failing"]),
            "approved_with_failing_share": round(sum(1 for r in approved if r["read_failing"]) / len(approved), 3)
            if approved else 0.0,
            "judge_dialogue": sum(r["judge_dialogue"] for r in rows),
            "judge_dialogue_failing": sum(r["judge_dialogue_failing"] for r in rows),
            "judge_action": sum(r["judge_action"] for r in rows),
            "judge_action_failing": sum(r["judge_action_failing"] for r in rows),
            "approved_with_judge_failing": sum(1 for r in approved
                                               if r["judge_dialogue_failing"] + r["judge_action_failing"]),
            "needs_review": sum(1 for r in rows if r["status"] == "needs_review"),
        }

    out: dict[str, Any] = {"cases": {}}
    every: list[dict[str, Any]] = []
    for case in report["cases"]:
        rows = [row for run in case["runs"] for row in run["scenes"]]
        every += rows
        t = totals(rows)
        t["seconds_median"] = statistics.median(r["seconds"] for r in case["runs"]) if case["runs"] else None
        t["errors"] = [r["error"] for r in case["runs"] if r["error"]]
        out["cases"][case["case"]] = t
    out["all"] = totals(every)
    return out


def markdown(report: dict[str, Any]) -> str:
    """The per-case table and the per-scene table of the first run, in Markdown."""
    s = report["summary"]
    lines = ["| case | scenes | headings match | characters present | bible contradictions (in approved) | "
             "beat coverage | from treatment | dialogue valid (rejected) | calls | seconds (median) |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for name, t in [*s["cases"].items(), ("all", s["all"])]:
        lines.append(
            f"| {name} | {t['scenes']} | {t['headings_match']}/{t['scenes']} | "
            f"{t['characters_present']}/{t['characters_planned']} | {t['bible_contradictions']} "
            f"({t['bible_contradictions_in_approved']}) | {_pct(t['coverage'])} ({t['covered']}/{t['beats']}) | "
            f"{t['from_treatment']} | {t['dialogue_valid']}/{t['dialogue']} ({t['dialogue_rejected']}) | {t['calls']} | "
            f"{t.get('seconds_median', '') if t.get('seconds_median') is not None else ''} |")
    lines += ["", "| case | reader score (lines passing) | approved scenes with a failing line | "
                  "judge: dialogue failing | judge: action failing | approved scenes the judge faults | needs review |",
              "|---|---|---|---|---|---|---|"]
    for name, t in [*s["cases"].items(), ("all", s["all"])]:
        lines.append(
            f"| {name} | {_pct(t['reader_score'])} ({t['read_passing']}/{t['read_lines']}) | "
            f"{t['approved_with_failing']}/{t['approved']} | {t['judge_dialogue_failing']}/{t['judge_dialogue']} | "
            f"{t['judge_action_failing']}/{t['judge_action']} | {t['approved_with_judge_failing']}/{t['approved']} | "
            f"{t['needs_review']} |")
    lines += ["", "| case | scene | facts | heading ok | characters | status | audit errors (bible) | coverage | "
                  "dialogue valid | calls | seconds |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    for case in report["cases"]:
        if not case["runs"]:
            continue
        for r in case["runs"][0]["scenes"]:
            lines.append(
                f"| {case['case']} | {r['scene']} | {r['facts']} | {'yes' if r['heading_ok'] else 'NO'} | "
                f"{r['characters']}/{r['characters_planned']} | {r['status']} | {r['errors']} ({r['bible_contradictions']}) | "
                f"{r['covered']}/{r['beats']} | {r['dialogue_valid']}/{r['dialogue']} | {r['calls']} | {r['seconds']} |")
    return "\n".join(lines) + "\n"


def _best(sources: list[str], written: list[str], embed: Any) -> list[float]:
    from continuity.treatment.fidelity import beat_coverage

    return beat_coverage(sources, written, embed)


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.0f}%"


def fidelity_command(
    llm: str = typer.Option("fake", "--llm", help="fake, fake-small (one piece per call), embedded, or provider/model."),
    runs: int = typer.Option(1, "--runs", "-n", min=1, help="Runs per treatment (times are medians over runs)."),
    cases_dir: Path = typer.Option(Path(__file__).resolve().parents[2] / "benchmarks" / "fidelity", "--set",
                                   show_default=False, help="Folder of treatment/bible cases (default: benchmarks/fidelity)."),
    case: list[str] = typer.Option([], "--case", help="Run only this case (repeatable): ferry, bakery, ..."),
    max_attempts: int = typer.Option(3, "--max-attempts", min=0, help="Revisions allowed per scene."),
    embedder: str = typer.Option("minilm", "--embedder", help="minilm or hashing: the runs' own checks' embedder "
                                 "(beat coverage always uses all-MiniLM-L6-v2)."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON (with each run's script)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress and no table."),
) -> None:
    """Generate each benchmark treatment and judge, scene by scene, what the script keeps of it.

    Per scene: the heading against the facts read from the treatment and bible, the
    planned characters present, the bible contradictions a fresh audit finds, beat
    coverage (treatment sentences matched by a script sentence at cosine >= 0.5 with
    all-MiniLM-L6-v2), valid dialogue, calls and seconds.

    Example:

      studio bench fidelity --llm fake

      studio bench fidelity --llm embedded --case ferry --runs 3
    """
    from continuity.errors import InputError
    from continuity.language.words import plural
    from continuity.settings import Settings
    from studio.bench.common import isolated_home, quiet_crewai
    from studio.console import stderr_console

    if not cases_dir.is_dir():
        raise InputError(f"{cases_dir}: no such folder of benchmark cases")
    if embedder not in ("minilm", "hashing"):
        raise InputError(f"unknown embedder {embedder!r}: use minilm or hashing")
    settings = replace(Settings.load(), embedder=embedder)
    err = stderr_console()
    show = not (quiet or as_json)
    progress = (lambda e: err.print(f"{e['case']} run {e['run']}: {plural(e['scenes'], 'scene')}, {e['seconds']:.0f} s")) if show else None
    with isolated_home(), quiet_crewai():
        report = fidelity(llm, runs=runs, folder=cases_dir, only=case or None, settings=settings,
                          max_attempts=max_attempts, progress=progress)
    if as_json:
        sys.stdout.write(json.dumps(report, indent=2) + "\n")
        return
    if not quiet:
        sys.stdout.write(markdown(report))
