"""A studio's library: every series and every script under a folder, audited, in one summary table.

What a library holds (:func:`discover`), folder by folder, in natural order:

- a folder with a ``series.yaml`` is a season, audited as one story against its
  series bible (:mod:`continuity.season.manifest`); the scripts it names belong to it;
- every other script (``.fountain``, ``.spmd``, ``.fdx``, ``.pdf``) is audited alone,
  against its own bible when it has one: ``<name>.bible.yaml`` beside it, else the
  folder's ``bible.yaml``; else its own first descriptions are canon.

Hidden folders (``.studio``, ``.git``...) are skipped. The work runs on any engine
(:mod:`continuity.season.engine`); the table is the same on one machine or on Ray.
"""

from __future__ import annotations

import html
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from continuity.bible.load import load_bible
from continuity.bible.model import Bible
from continuity.checks.findings import CATEGORIES, SEVERITIES
from continuity.errors import InputError, StudioError
from continuity.season.engine import Engine, Unit, UnitResult, run_units
from continuity.season.manifest import (
    MANIFEST_NAMES,
    SCRIPT_SUFFIXES,
    load_manifest,
    natural_key,
)
from continuity.settings import Settings

#: The most scripts and series one library run takes.
MAX_UNITS = 20_000
_BIBLE_NAMES = ("bible.yaml", "bible.yml")


@dataclass(frozen=True)
class Entry:
    """One thing found in a library, before it is audited; ``error`` when it cannot be (a bad manifest)."""

    unit: Unit
    error: str | None = None


def discover(folder: str | Path) -> list[Entry]:
    """Every season and single script under ``folder``, in natural order.

    Raises:
        InputError: ``folder`` is not a folder, holds nothing to audit, or more than
            :data:`MAX_UNITS` scripts and series.
    """
    root = Path(folder)
    if not root.is_dir():
        raise InputError(f"{folder}: not a folder (--library takes the folder that holds the scripts)")
    bibles: dict[str, Bible | str] = {}
    entries: list[Entry] = []
    claimed: set[Path] = set()
    folders = [root, *sorted((p for p in root.rglob("*") if p.is_dir() and not _hidden(p, root)),
                             key=lambda p: [natural_key(x) for x in p.relative_to(root).parts])]
    for d in folders:
        manifest = next((d / n for n in MANIFEST_NAMES if (d / n).is_file()), None)
        if manifest is None:
            continue
        try:
            spec = load_manifest(manifest)
        except StudioError as exc:
            entries.append(Entry(Unit(script=str(manifest)), str(exc)))
            continue
        claimed.update(Path(e.path).resolve() for e in spec.episodes)
        bible, error = _bible(spec.bible, bibles)
        entries.append(Entry(Unit(spec, bible=bible, bible_source=spec.bible), error))
    for d in folders:
        try:
            files = sorted((p for p in d.iterdir() if p.is_file() and p.suffix.lower() in SCRIPT_SUFFIXES),
                           key=lambda p: natural_key(p.name))
        except OSError as exc:
            raise InputError(f"{d}: cannot list: {exc.strerror or exc}") from None
        for script in files:
            if script.resolve() in claimed:
                continue
            own = next((c for c in (script.with_name(f"{script.stem}.bible.yaml"),
                                    script.with_name(f"{script.stem}.bible.yml"),
                                    *(d / n for n in _BIBLE_NAMES)) if c.is_file()), None)
            bible, error = _bible(str(own) if own else None, bibles)
            entries.append(Entry(Unit(script=str(script), bible=bible, bible_source=str(own) if own else None), error))
        if len(entries) > MAX_UNITS:
            raise InputError(f"{folder}: over {MAX_UNITS:,} scripts and series; audit part of it at a time")
    if not entries:
        raise InputError(f"{folder}: no scripts ({', '.join(SCRIPT_SUFFIXES)}) and no series.yaml under it")
    return entries


def _hidden(p: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in p.relative_to(root).parts)


def _bible(path: str | None, seen: dict[str, Bible | str]) -> tuple[Bible | None, str | None]:
    """The bible at ``path`` (read once per library run), or the one-line reason it cannot be read."""
    if path is None:
        return None, None
    if path not in seen:
        try:
            seen[path] = load_bible(path)
        except StudioError as exc:
            seen[path] = str(exc)
    got = seen[path]
    return (None, got) if isinstance(got, str) else (got, None)


#: Series and scripts run as one batch: the driver holds a batch's episode vectors until its
#: cross-episode passes are sent, so a batch bounds the driver's memory.
BATCH = 100


def audit_library(folder: str | Path, engine: Engine, settings: Settings, *, checks: list[str] | None = None,
                  progress: Callable[[int, int], None] | None = None,
                  batch: int = BATCH) -> tuple[list[UnitResult], float]:
    """Audit everything :func:`discover` finds under ``folder`` with ``engine``, ``batch`` series and scripts at a time.

    Returns:
        One result per series or script (in :func:`discover`'s order; one that could
        not be read or audited carries ``error``), and the wall-clock seconds.
    """
    entries = discover(folder)
    t0 = time.perf_counter()
    runnable = [e.unit for e in entries if e.error is None]
    done: list[UnitResult] = []
    for start in range(0, len(runnable), max(1, batch)):
        part = runnable[start:start + max(1, batch)]
        done.extend(run_units(part, engine, settings, checks=checks, progress=progress))
    it = iter(done)
    results = [next(it) if e.error is None else UnitResult(e.unit, error=e.error) for e in entries]
    return results, time.perf_counter() - t0


# -- the summary ---------------------------------------------------------------------------


def row(result: UnitResult) -> dict:
    """One line of the table: ``{"name", "kind", "episodes", "scenes", "findings", "categories", "summary", "seconds", "error"}``."""
    u, r = result.unit, result.report
    by_cat = {c: 0 for c in CATEGORIES}
    summary = {s: 0 for s in SEVERITIES}
    if r is not None:
        for f in r.findings:
            by_cat[f.category] += 1
            summary[f.severity] += 1
    return {
        "name": u.name,
        "kind": "series" if u.spec is not None else "script",
        "title": u.spec.title if u.spec is not None else None,
        "bible": u.bible_source,
        "episodes": len(u.spec.episodes) if u.spec is not None else 1,
        "scenes": len(r.scenes) if r is not None else 0,
        "findings": len(r.findings) if r is not None else 0,
        "categories": {c: n for c, n in by_cat.items() if n},
        "summary": summary,
        "seconds": round(result.seconds, 2),
        "error": result.error,
    }


def summary(folder: str, results: list[UnitResult], *, wall_seconds: float, engine: str, workers: int) -> dict:
    """The library summary (``studio audit --library DIR --format json``): totals and one row per series or script."""
    rows = [row(r) for r in results]
    for x in rows:  # names as the library holds them
        try:
            x["name"] = Path(x["name"]).relative_to(folder).as_posix()
        except ValueError:
            pass
    by_cat = {c: sum(x["categories"].get(c, 0) for x in rows) for c in CATEGORIES}
    return {
        "library": folder,
        "engine": engine,
        "workers": workers,
        "series": sum(1 for x in rows if x["kind"] == "series"),
        "scripts": sum(x["episodes"] for x in rows if not x["error"]),
        "failed": sum(1 for x in rows if x["error"]),
        "scenes": sum(x["scenes"] for x in rows),
        "findings": sum(x["findings"] for x in rows),
        "categories": {c: n for c, n in by_cat.items() if n},
        "summary": {s: sum(x["summary"][s] for x in rows) for s in SEVERITIES},
        "seconds": round(wall_seconds, 2),
        "worker_seconds": round(sum(x["seconds"] for x in rows), 2),
        "rows": rows,
    }


#: Report formats the summary is written in.
SUMMARY_FORMATS = ("text", "json", "markdown", "html")
_COLUMNS = ("appearance", "wardrobe", "prop", "name", "timeline", "location", "voice")


def _cells(x: dict) -> list[str]:
    if x["error"]:
        return [x["name"], x["kind"], str(x["episodes"]), "-", *("-" for _ in _COLUMNS), "-", "-", x["error"]]
    other = x["findings"] - sum(x["categories"].get(c, 0) for c in _COLUMNS)
    return [x["name"], x["kind"], str(x["episodes"]), str(x["scenes"]),
            *(str(x["categories"].get(c, 0)) for c in _COLUMNS), str(other), f"{x['seconds']:.1f}", ""]


_HEAD = ["script or series", "kind", "scripts", "scenes", *_COLUMNS, "other", "seconds", "error"]


def _total_line(d: dict) -> str:
    from continuity.language.words import plural

    errors = f", {d['failed']} could not be audited" if d["failed"] else ""
    counts = ", ".join(plural(n, s, "info" if s == "info" else None) for s, n in d["summary"].items())
    return (f"{plural(d['scripts'], 'script')} ({d['series']} series), {plural(d['scenes'], 'scene')}, "
            f"{plural(d['findings'], 'finding')} ({counts}) in {d['seconds']:.1f} s on {d['engine']} with "
            f"{plural(d['workers'], 'worker')}{errors}")


def render_summary(d: dict, fmt: str) -> str:
    """The summary table as text, JSON, Markdown or HTML.

    Raises:
        InputError: another format (PDF).
    """
    if fmt == "json":
        return json.dumps(d, indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        from continuity.reports.escape import md

        out = [f"# Library audit: {md(d['library'])}", "", md(_total_line(d)), "",
               "| " + " | ".join(_HEAD) + " |", "|" + "---|" * len(_HEAD)]
        out += ["| " + " | ".join(md(c).replace("|", "\\|") for c in _cells(x)) + " |" for x in d["rows"]]
        return "\n".join(out) + "\n"
    if fmt == "html":
        e = html.escape
        rows = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in _cells(x)) + "</tr>" for x in d["rows"])
        return (f"<!doctype html><html lang=en><meta charset=utf-8><title>Library audit: {e(d['library'])}</title>"
                "<style>body{font:14px system-ui,sans-serif;margin:2rem}td,th{padding:.2rem .5rem;border-bottom:1px "
                "solid #ddd;text-align:left}</style>"
                f"<h1>Library audit: {e(d['library'])}</h1><p>{e(_total_line(d))}</p><table><tr>"
                + "".join(f"<th>{e(h)}</th>" for h in _HEAD) + f"</tr>{rows}</table></html>\n")
    if fmt == "text":
        import io

        from rich.console import Console
        from rich.table import Table

        table = Table(*_HEAD, title=f"Library audit: {d['library']}", caption=_total_line(d))
        for x in d["rows"]:
            table.add_row(*_cells(x))
        buf = io.StringIO()
        Console(file=buf, width=200, color_system=None, highlight=False).print(table)
        return buf.getvalue()
    raise InputError(f"the library summary is written as {', '.join(SUMMARY_FORMATS)}, not {fmt}")


__all__ = ["Entry", "BATCH", "discover", "audit_library", "row", "summary", "render_summary", "SUMMARY_FORMATS", "MAX_UNITS"]
