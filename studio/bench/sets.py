"""``studio bench detection --set DIR``: score the audit on a folder of hand-written sets, the same way for every set.

A set is a folder of scripts, each as five files sharing a name::

    NAME.clean.fountain     consistent with itself and its bible, deliberate on-screen changes included
    NAME.planted.fountain   the same lines, a few of them edited into continuity slips
    NAME.bible.yaml         the production's bible, in its own shape (optional)
    NAME.labels.json        one object per slip: group, kind, text, line, contradicts, why
    NAME.traps.json         the deliberate changes in the clean script: text, line, why

Scoring (it reads findings only, never the checks):

- A slip is **caught** when the planted script's audit reports an error or a warning
  on the slip's line that the clean script's audit does not report on that line
  (same category and message).
- **Flags per scene**: errors and warnings on the clean script, divided by its scenes.
- A **trap hit** is any error or warning on a trap's line of the clean script.

A bible that does not load is reported, and that script is audited without it.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from continuity.errors import InputError, StudioError

FLAGS = ("error", "warning")


@dataclass(frozen=True)
class Entry:
    """One script of a set: its files, by name."""

    name: str
    clean: Path
    planted: Path
    bible: Path | None
    labels: Path
    traps: Path | None


def entries(folder: Path) -> list[Entry]:
    """The scripts of a set folder, by name.

    Raises:
        InputError: no folder, or no ``NAME.clean.fountain`` with its planted copy and labels.
    """
    if not folder.is_dir():
        raise InputError(f"{folder}: no such set folder")
    out = []
    for clean in sorted(folder.glob("*.clean.fountain")):
        name = clean.name.removesuffix(".clean.fountain")
        planted, labels = folder / f"{name}.planted.fountain", folder / f"{name}.labels.json"
        if not planted.is_file() or not labels.is_file():
            continue
        bible, traps = folder / f"{name}.bible.yaml", folder / f"{name}.traps.json"
        out.append(Entry(name, clean, planted, bible if bible.is_file() else None, labels,
                         traps if traps.is_file() else None))
    if not out:
        raise InputError(f"{folder}: no NAME.clean.fountain with NAME.planted.fountain and NAME.labels.json")
    return out


def _flags(report: Any) -> list[Any]:
    return [f for f in report.findings if f.severity in FLAGS]


def _brief(f: Any) -> dict[str, Any]:
    return {"line": f.line, "scene": f.scene, "category": f.category, "severity": f.severity, "message": f.message}


def score_entry(entry: Entry, audit: Any) -> dict[str, Any]:
    """Audit one script's clean and planted copies (same bible) and score them.

    Args:
        entry: the script's files.
        audit: ``audit(script, bible) -> Report``.
    """
    from continuity.api import load_bible, load_script

    bible, bible_error = None, None
    if entry.bible is not None:
        try:
            bible = load_bible(entry.bible)
        except StudioError as exc:
            bible_error = str(exc)
    clean, planted = load_script(entry.clean), load_script(entry.planted)
    t0 = time.perf_counter()
    clean_flags, planted_flags = _flags(audit(clean, bible)), _flags(audit(planted, bible))
    seconds = time.perf_counter() - t0
    labels = json.loads(entry.labels.read_text(encoding="utf-8"))
    traps = json.loads(entry.traps.read_text(encoding="utf-8")) if entry.traps else []
    on_clean: dict[int, set[tuple[str, str]]] = defaultdict(set)
    for f in clean_flags:
        on_clean[f.line].add((f.category, f.message))
    slips = []
    for label in labels:
        hits = [f for f in planted_flags
                if f.line == label["line"] and (f.category, f.message) not in on_clean[label["line"]]]
        slips.append({"line": label["line"], "group": label["group"], "kind": label["kind"],
                      "text": label["text"], "caught": bool(hits), "by": [_brief(f) for f in hits]})
    trap_lines = {t["line"]: t for t in traps}
    trap_hits = [{"line": f.line, "trap": trap_lines[f.line]["text"], **_brief(f)}
                 for f in clean_flags if f.line in trap_lines]
    scenes = max(1, len(clean.scenes))
    return {
        "name": entry.name, "scenes": len(clean.scenes), "bible": entry.bible.name if entry.bible else None,
        "bible_error": bible_error, "slips": len(slips), "caught": sum(s["caught"] for s in slips),
        "clean_flags": len(clean_flags), "flags_per_scene": round(len(clean_flags) / scenes, 4),
        "traps": len(traps), "trap_hits": len(trap_hits), "seconds": round(seconds, 2),
        "slip_results": slips, "false_alarms": [_brief(f) for f in clean_flags], "trap_hit_list": trap_hits,
    }


def score_set(folder: Path, audit: Any) -> dict[str, Any]:
    """Score every script of a set; totals, by kind and by group, and every slip and flag."""
    scripts = [score_entry(e, audit) for e in entries(folder)]
    slips = [s for r in scripts for s in r["slip_results"]]
    scenes = sum(max(1, r["scenes"]) for r in scripts)

    def tally(items: list[dict]) -> dict[str, Any]:
        caught = sum(s["caught"] for s in items)
        return {"slips": len(items), "caught": caught, "recall": round(caught / len(items), 3) if items else None}

    by_kind: dict[str, list] = defaultdict(list)
    by_group: dict[str, list] = defaultdict(list)
    for s in slips:
        by_kind[s["kind"]].append(s)
        by_group[s["group"]].append(s)
    flags = sum(r["clean_flags"] for r in scripts)
    return {
        "set": str(folder), **tally(slips),
        "clean_flags": flags, "scenes": scenes, "flags_per_scene": round(flags / scenes, 4) if scenes else None,
        "traps": sum(r["traps"] for r in scripts), "trap_hits": sum(r["trap_hits"] for r in scripts),
        "by_kind": {k: tally(v) for k, v in sorted(by_kind.items())},
        "by_group": {k: tally(v) for k, v in sorted(by_group.items())},
        "scripts": scripts,
    }


def print_set(report: dict[str, Any], misses: bool) -> None:
    """The set's scores as tables on stdout (and, with ``misses``, every missed slip and false alarm)."""
    from rich.console import Console
    from rich.table import Table

    out = Console(highlight=False)
    table = Table(title=f"{report['set']}: slips caught {report['caught']}/{report['slips']} "
                        f"(recall {report['recall']}), flags per clean scene {report['flags_per_scene']}, "
                        f"traps flagged {report['trap_hits']}/{report['traps']}")
    for col in ("script", "scenes", "caught", "flags/scene", "trap hits", "bible"):
        table.add_column(col)
    for r in report["scripts"]:
        table.add_row(r["name"], str(r["scenes"]), f"{r['caught']}/{r['slips']}", f"{r['flags_per_scene']:.3f}",
                      f"{r['trap_hits']}/{r['traps']}", "refused" if r["bible_error"] else (r["bible"] or "-"))
    out.print(table)
    kinds = Table(title="by kind")
    for col in ("kind", "caught"):
        kinds.add_column(col)
    for k, v in report["by_kind"].items():
        kinds.add_row(k, f"{v['caught']}/{v['slips']}")
    out.print(kinds)
    if not misses:
        return
    for r in report["scripts"]:
        if r["bible_error"]:
            out.print(f"[bold]{r['name']}[/bold]: bible refused: {r['bible_error']}")
        for s in r["slip_results"]:
            if not s["caught"]:
                out.print(f"  missed {r['name']}:{s['line']} {s['kind']}: {s['text']}")
        for f in r["false_alarms"]:
            out.print(f"  flag   {r['name']}:{f['line']} {f['category']}/{f['severity']}: {f['message']}")
