"""``studio bench detection``: how many planted continuity errors the audit finds.

This module builds the cases (with the planter in :mod:`studio.bench.plant`),
scores them, reports, and holds the ``studio bench detection`` command.

A planted error is detected when the audit (with the case's bible, if any) reports
a finding of the planted kind, at error or warning severity, on a line of the
planted paragraph (the later one of a pair) that the clean script's audit (same
bible) did not report. Controls are plantings that are *not* errors (a hand-over,
an announced change of clothes...): any new error or warning on their lines is a
false alarm. This module never looks inside the checks: it only reads findings.
"""

from __future__ import annotations

import json
import logging
import math
import random
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable

import typer

from continuity.language.words import plural
from studio.bench.plant import (  # noqa: F401  (the tests reach them through this module)
    _WORD_RE,
    DEFAULT_CORPUS,
    KINDS,
    PHRASINGS,
    PRONOUNS,
    ROOT,
    Case,
    Insert,
    Person,
    Planter,
    SceneInfo,
    Source,
    _distance,
    article,
    fill,
    load_source,
    misspell,
    phrasings,
    pronouns,
    render,
    validate,
)
from studio.bench.sets import print_set, score_set

logger = logging.getLogger(__name__)

FLAGS = ("error", "warning")

Progress = Callable[[int, int], None]


# -- building the cases ------------------------------------------------------------------


def build_cases(sources: list[Source], *, seed: int = 0, per_kind: int = 30, kinds: tuple[str, ...] = KINDS,
                controls: bool = True, data: dict[str, Any] | None = None) -> tuple[list[Case], list[dict]]:
    """Plant ``per_kind`` errors of each kind (families in turn) and about a quarter as many controls.

    Case ``i`` of a kind draws from ``random.Random(f"{seed}:{kind}:{i}")``, so a case
    does not depend on the other kinds. Scripts are tried in a seeded order weighted by
    the square root of the scenes that could take the kind; a case no script has room
    for is skipped.

    Returns:
        ``(cases, skipped)``: every case rendered and validated; skipped as dicts.
    """
    data = data or phrasings()
    cases: list[Case] = []
    skipped: list[dict] = []
    for kind in kinds:
        fams, ctrls = list(data[kind]["families"]), list(data[kind].get("controls", {}))
        plan = [(fams[i % len(fams)], False) for i in range(per_kind)]
        if controls and ctrls:
            plan += [(ctrls[i % len(ctrls)], True) for i in range(max(len(ctrls), per_kind // 4))]
        rooms = {s.name: math.sqrt(Planter(s, random.Random(0), data).room(kind)) for s in sources}
        for i, (family, control) in enumerate(plan):
            rng = random.Random(f"{seed}:{kind}:{i}")
            order = sorted(sources, key=lambda s: rng.random() ** (1 / max(1e-6, rooms[s.name])), reverse=True)
            case, why = None, "no script has room for it"
            for src in order:
                for _ in range(8):  # a draw can be unlucky (a scene without the owner...): draw again
                    case = getattr(Planter(src, rng, data), kind)(family, control)
                    why = "no script has room for it" if case is None else validate(src, render(src, case))
                    if case is not None and why is None:
                        break
                    logger.debug("%s/%s in %s: %s; drawing again", kind, family, src.name, why)
                if case is not None and why is None:
                    break
            if case is None or why is not None:
                skipped.append({"kind": kind, "family": family, "control": control, "reason": why})
                continue
            case.id = f"{kind}-{'control-' if control else ''}{i:03d}"
            cases.append(case)
    return cases, skipped


# -- scoring -----------------------------------------------------------------------------


class Auditor:
    """Runs the audit with one embedder for every call (the model loads once) and times it."""

    def __init__(self, settings: Any):
        from continuity.language.embedding import make_embedder

        self.settings = settings
        self.embedder = make_embedder(settings.embedder, settings.model_dir, settings.embed_precision)
        self.calls, self.seconds = 0, 0.0

    def __call__(self, script: Any, bible: Any = None) -> Any:
        from continuity.audit import run

        t0 = time.perf_counter()
        report = run(script, bible, embedder=self.embedder,
                     cache_dir=self.settings.cache_dir if self.settings.cache else None)
        self.calls += 1
        self.seconds += time.perf_counter() - t0
        return report


def _bible(case: Case) -> Any:
    import yaml

    from continuity.bible.load import parse_bible

    return parse_bible(yaml.safe_dump(case.bible, sort_keys=False), source=f"<{case.id} bible>") if case.bible else None


def score(cases: list[Case], sources: dict[str, Source], auditor: Auditor,
          progress: Progress | None = None) -> list[dict[str, Any]]:
    """Audit every case and its clean script (same bible); one record per case."""
    from continuity.api import parse_script_text

    baselines: dict[tuple[str, str], set[str]] = {}
    records = []
    for n, case in enumerate(cases):
        src, bible = sources[case.script], _bible(case)
        key = (case.script, json.dumps(case.bible, sort_keys=True) if case.bible else "")
        if key not in baselines:
            baselines[key] = {f.id for f in auditor(src.script, bible).findings}
        report = auditor(case.parsed or parse_script_text(case.text, source=src.name), bible)
        new = [f for f in report.findings if f.severity in FLAGS and f.id not in baselines[key]]
        target, earlier = set(case.lines_of("target")), set(case.lines_of("earlier", "setup"))
        hits = [f for f in new if f.category == case.kind and f.line in target]
        alarms = [f for f in new if f.line in set(case.lines_of())] if case.control else []
        text_lines = case.text.split("\n")
        planted = [{"role": ins.role, "scene": ins.scene, "line": at[0], "text": "\n".join(text_lines[k - 1] for k in at)}
                   for ins, at in zip(case.inserts, case.where)]
        records.append({
            "id": case.id, "kind": case.kind, "family": case.family, "script": case.script,
            "control": case.control, "bible": case.bible_mode,
            "planted": planted,
            "expected_lines": sorted(target),
            "detected": None if case.control else bool(hits),
            "false_alarm": bool(alarms) if case.control else None,
            "finding": _brief(hits[0]) if hits else (_brief(alarms[0]) if alarms else None),
            "flagged_earlier_line": sum(1 for f in new if f.category == case.kind and f.line in earlier),
            "other_new_flags": [_brief(f) for f in new if f.line not in target | earlier and f not in alarms],
        })
        if progress is not None:
            progress(n + 1, len(cases))
    return records


def _brief(f: Any) -> dict[str, Any]:
    return {"category": f.category, "severity": f.severity, "line": f.line, "message": f.message}


def _rate(hit: int, n: int) -> float | None:
    return round(hit / n, 4) if n else None


def summarise(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Recall per kind, family, bible mode and script; false alarms per control family."""
    def tally(rows: list[dict], flag: str) -> dict[str, Any]:
        hit = sum(1 for r in rows if r[flag])
        return {"cases": len(rows), flag: hit, "rate": _rate(hit, len(rows))}

    planted = [r for r in records if not r["control"]]
    kinds: dict[str, Any] = {}
    for kind in dict.fromkeys(r["kind"] for r in records):
        rows = [r for r in planted if r["kind"] == kind]
        ctl = [r for r in records if r["control"] and r["kind"] == kind]
        entry = tally(rows, "detected")
        for by in ("family", "bible", "script"):
            groups = defaultdict(list)
            for r in rows:
                groups[r[by]].append(r)
            entry[f"by_{by}"] = {k: tally(v, "detected") for k, v in sorted(groups.items())}
        entry["flagged_earlier_line"] = sum(1 for r in rows if r["flagged_earlier_line"])
        entry["other_new_flags"] = sum(len(r["other_new_flags"]) for r in rows)
        groups = defaultdict(list)
        for r in ctl:
            groups[r["family"]].append(r)
        entry["controls"] = tally(ctl, "false_alarm") | {
            "by_family": {k: tally(v, "false_alarm") for k, v in sorted(groups.items())}}
        kinds[kind] = entry
    controls = [r for r in records if r["control"]]
    return {"overall": tally(planted, "detected"), "controls": tally(controls, "false_alarm"), "kinds": kinds}


def clean_flags(paths: list[Path], auditor: Auditor) -> list[dict[str, Any]]:
    """Error/warning findings per scene of each clean file (no bible)."""
    from continuity.api import load_script
    from continuity.errors import StudioError

    out = []
    for path in paths:
        try:
            script = load_script(path)
        except StudioError as exc:
            out.append({"file": path.name, "scenes": 0, "flags": 0, "flags_per_scene": None, "error": str(exc)})
            continue
        flags = [f for f in auditor(script).findings if f.severity in FLAGS]
        scenes = len(script.scenes)
        out.append({"file": path.name, "scenes": scenes, "flags": len(flags),
                    "flags_per_scene": round(len(flags) / max(1, scenes), 4), "findings": [_brief(f) for f in flags]})
    return out


def _per_scene(rows: list[dict]) -> float | None:
    scenes = sum(max(1, r["scenes"]) for r in rows if "error" not in r)
    return round(sum(r["flags"] for r in rows) / scenes, 4) if scenes else None


def detection(corpus: Path = DEFAULT_CORPUS, *, seed: int = 0, per_kind: int = 30, kinds: tuple[str, ...] = KINDS,
              settings: Any = None, progress: Progress | None = None) -> dict[str, Any]:
    """Plant, audit and score; the whole benchmark as one JSON-ready report.

    Raises:
        InputError: the corpus has no screenplays, or an unknown kind.
    """
    from continuity.errors import InputError
    from continuity.settings import Settings

    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise InputError(f"unknown kind(s): {', '.join(unknown)} (known: {', '.join(KINDS)})")
    paths = sorted((corpus / "screenplays").glob("*.fountain"))
    if not paths:
        raise InputError(f"{corpus}: no screenplays/*.fountain to plant errors into")
    settings = settings or Settings.load()
    started = time.perf_counter()
    sources = {p.name: load_source(p) for p in paths}
    cases, skipped = build_cases(list(sources.values()), seed=seed, per_kind=per_kind, kinds=kinds)
    planted_s = time.perf_counter() - started
    auditor = Auditor(settings)
    scripts = clean_flags(paths, auditor)
    fixtures = clean_flags(sorted((corpus / "fountain-syntax").glob("*.fountain")), auditor)
    records = score(cases, sources, auditor, progress)
    return {
        "seed": seed, "per_kind": per_kind, "kinds_run": list(kinds), "embedder": settings.embedder,
        "corpus": str(corpus), **summarise(records),
        "clean": {"scripts": scripts, "flags_per_scene": _per_scene(scripts),
                  "fixtures": fixtures, "fixtures_flags_per_scene": _per_scene(fixtures)},
        "skipped": skipped, "cases": records,
        "seconds": {"total": round(time.perf_counter() - started, 2), "planting": round(planted_s, 2),
                    "audits": auditor.calls, "audit_seconds": round(auditor.seconds, 2),
                    "seconds_per_audit": round(auditor.seconds / max(1, auditor.calls), 3)},
    }


# -- the command --------------------------------------------------------------------------


def detection_command(
    seed: int = typer.Option(0, "--seed", help="Seed of the planter."),
    per_kind: int = typer.Option(30, "--per-kind", "-n", min=1, help="Planted errors per kind (controls come on top)."),
    kinds: str = typer.Option(",".join(KINDS), "--kinds", help="Comma-separated kinds to plant."),
    corpus: Path = typer.Option(None, "--corpus", show_default=False,
                                help="Folder with screenplays/ and fountain-syntax/ (default: ../shared/corpus)."),
    embedder: str = typer.Option(None, "--embedder", show_default=False, help="minilm or hashing (default: settings)."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON (every case included)."),
    misses: bool = typer.Option(False, "--misses", help="Also list the missed cases and the false alarms."),
    set_dir: Path = typer.Option(None, "--set", show_default=False,
                                 help="Score a folder of hand-written sets instead (NAME.clean/planted.fountain, "
                                      "NAME.bible.yaml, NAME.labels.json, NAME.traps.json)."),
) -> None:
    """Plant continuity errors into the corpus screenplays and measure how many the audit finds.

    With --set DIR, score hand-written sets instead: slips caught on their lines,
    error/warning flags per scene of the clean scripts, and flags on deliberate
    on-screen changes (traps).

    Each error goes into its own copy of a script; recall is reported per kind,
    phrasing family, bible mode and script, with false alarms on controls and
    error/warning flags per scene on the clean scripts and the Fountain fixtures.

    Example:

      studio bench detection

      studio bench detection --per-kind 12 --kinds prop,name --seed 3 --json

      studio bench detection --set ../shared/corpus/natural --misses
    """
    from dataclasses import replace

    from continuity.errors import InputError
    from continuity.settings import Settings

    if set_dir is not None:
        settings = Settings.load()
        if embedder:
            if embedder not in ("minilm", "hashing"):
                raise InputError(f"unknown embedder {embedder!r}: use 'minilm' or 'hashing'")
            settings = replace(settings, embedder=embedder)
        auditor = Auditor(settings)
        report = score_set(set_dir, auditor)
        report["embedder"] = settings.embedder
        if as_json:
            sys.stdout.write(json.dumps(report, indent=2) + "\n")
        else:
            print_set(report, misses)
        return

    folder = corpus or DEFAULT_CORPUS
    if corpus is not None and not (corpus / "screenplays").is_dir():
        raise InputError(f"{corpus}: no such corpus folder (it needs screenplays/*.fountain)")
    if not (folder / "screenplays").is_dir():
        message = f"detection benchmark skipped: no corpus at {folder} (screenplays/*.fountain)"
        sys.stdout.write(json.dumps({"skipped": message}) + "\n") if as_json else typer.echo(message, err=True)
        return
    settings = Settings.load()
    if embedder:
        settings = replace(settings, embedder=embedder)
        if embedder not in ("minilm", "hashing"):
            raise InputError(f"unknown embedder {embedder!r}: use 'minilm' or 'hashing'")
    wanted = tuple(k.strip() for k in kinds.split(",") if k.strip())
    report = _run_with_bar(folder, seed, per_kind, wanted, settings, show=not as_json)
    if as_json:
        sys.stdout.write(json.dumps(report, indent=2) + "\n")
        return
    _print_tables(report, misses)


def _run_with_bar(folder: Path, seed: int, per_kind: int, kinds: tuple[str, ...], settings: Any,
                  show: bool) -> dict[str, Any]:
    from rich.console import Console

    err = Console(stderr=True, highlight=False)
    if not (show and err.is_terminal):
        return detection(folder, seed=seed, per_kind=per_kind, kinds=kinds, settings=settings)
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("auditing planted copies"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                  TimeElapsedColumn(), console=err, transient=True) as bar:
        task = bar.add_task("", total=None)
        return detection(folder, seed=seed, per_kind=per_kind, kinds=kinds, settings=settings,
                         progress=lambda done, total: bar.update(task, completed=done, total=total))


def _pct(entry: dict[str, Any], flag: str = "detected") -> str:
    rate = entry["rate"]
    return f"{entry[flag]}/{entry['cases']}" + (f" = {rate:.0%}" if rate is not None else "")


def _print_tables(report: dict[str, Any], misses: bool) -> None:
    from rich.console import Console
    from rich.table import Table

    out = Console(highlight=False)
    t = Table(title=f"Detection: seed {report['seed']}, {report['per_kind']} per kind, {report['embedder']}, "
                    f"{report['seconds']['total']:.0f} s ({plural(report['seconds']['audits'], 'audit')})")
    for col in ("kind", "recall", "flagged earlier line", "other new flags", "control false alarms"):
        t.add_column(col)
    for kind, e in report["kinds"].items():
        t.add_row(kind, _pct(e), str(e["flagged_earlier_line"]), str(e["other_new_flags"]),
                  _pct(e["controls"], "false_alarm") if e["controls"]["cases"] else "-")
    t.add_row("all", _pct(report["overall"]), "", "", _pct(report["controls"], "false_alarm"))
    out.print(t)
    t = Table(title="Recall per phrasing family and bible mode")
    for col in ("kind", "family", "recall", "", "bible", "recall "):
        t.add_column(col)
    for kind, e in report["kinds"].items():
        fams, bibles = list(e["by_family"].items()), list(e["by_bible"].items())
        for i in range(max(len(fams), len(bibles))):
            f = fams[i] if i < len(fams) else ("", None)
            b = bibles[i] if i < len(bibles) else ("", None)
            t.add_row(kind if i == 0 else "", f[0], _pct(f[1]) if f[1] else "", "", b[0], _pct(b[1]) if b[1] else "")
    out.print(t)
    t = Table(title="Error/warning flags on the clean files (no bible)")
    for col in ("file", "scenes", "flags", "per scene"):
        t.add_column(col)
    clean = report["clean"]
    for row in clean["scripts"] + clean["fixtures"]:
        t.add_row(row["file"], str(row["scenes"]), row.get("error") or str(row["flags"]), str(row["flags_per_scene"]))
    t.add_row("corpus scripts", "", "", str(clean["flags_per_scene"]))
    t.add_row("fountain fixtures", "", "", str(clean["fixtures_flags_per_scene"]))
    out.print(t)
    if report["skipped"]:
        out.print(f"skipped {plural(len(report['skipped']), 'case')} no script had room for: "
                  + ", ".join(sorted({f"{s['kind']}/{s['family']}" for s in report["skipped"]})))
    if misses:
        for r in report["cases"]:
            if r["detected"] is False or r["false_alarm"]:
                what = "MISS" if r["detected"] is False else f"FALSE ALARM ({r['finding']['message']})"
                out.print(f"{what} {r['id']} {r['family']} [{r['script']}, bible {r['bible']}]")
                for p in r["planted"]:
                    out.print(f"    {p['role']:>8} scene {p['scene']} line {p['line']}: {p['text']}")


# the planter's names stay importable from here (studio.bench.plant holds them)
__all__ = [
    "DEFAULT_CORPUS", "KINDS", "PHRASINGS", "PRONOUNS", "ROOT", "Case", "Insert", "Person", "Planter", "SceneInfo",
    "Source", "article", "fill", "load_source", "misspell", "phrasings", "pronouns", "render", "validate",
    "FLAGS", "Progress", "build_cases", "Auditor", "score", "summarise", "clean_flags", "detection",
    "detection_command",
]
