"""The costume plot: per character, each change numbered, by story day and scene, with what goes on and off.

A costume designer's and a wardrobe supervisor's working document, built from the
story's one reading: the dress events (:mod:`continuity.story.dress`), the sides a
thing is worn or an injury carried on, and physical states (:mod:`continuity.story.people`),
story days (D1, N1, FB1) and the script's own scene numbers and pages.

A character's Change 1 starts at their first scene; a scene where the text puts
something on or takes it off, gets them soaked or muddied or cleaned, or shows a
garment new to them starts the next change. Every scene a character is in has a
row, so the plot reads down a story day.
"""

from __future__ import annotations

import html
import json
from dataclasses import asdict, dataclass

from continuity.reports.escape import csv_text
from continuity.reports.escape import md as _md
from continuity.screenplay.pages import pagination, scene_number
from continuity.story.context import Context
from continuity.story.dress import Dress
from continuity.story.people import People

COLUMNS = ("character", "change", "story_day", "scene", "scene_number", "page", "on", "off", "wears", "state",
           "sides", "text")
EXTENSIONS = {".csv": "csv", ".html": "html", ".htm": "html", ".md": "markdown", ".json": "json", ".txt": "text"}


@dataclass(frozen=True)
class PlotRow:
    """One scene of one character in the costume plot."""

    character: str
    change: int
    story_day: str
    scene: int
    scene_number: str
    page: str | None
    on: tuple[str, ...]
    off: tuple[str, ...]
    wears: tuple[str, ...]
    state: tuple[str, ...]
    sides: tuple[str, ...]
    text: str

    def to_dict(self) -> dict:
        d = asdict(self)
        for k in ("on", "off", "wears", "state", "sides"):
            d[k] = list(d[k])
        return d


def costume_plot(ctx: Context) -> list[PlotRow]:
    """The plot's rows, character by character in order of first appearance, then scene by scene."""
    script = ctx.script
    pages = pagination(script)
    dress = Dress.of(ctx)
    changes = {(e.character, e.scene) for e in dress.changes()}
    by_scene: dict[tuple[str, int], list] = {}
    for e in dress.events:
        by_scene.setdefault((e.character, e.scene), []).append(e)
    sides: dict[str, dict[str, str]] = {}
    side_at: dict[tuple[str, int], tuple[str, ...]] = {}
    for st in People.of(ctx).statements:
        if st.key.startswith("side."):
            sides.setdefault(st.character, {})[st.key] = st.value
            side_at[(st.character, st.sentence.scene)] = tuple(
                f"{k.removeprefix('side.').replace('.', ' ')}: {v}" for k, v in sides[st.character].items())
    present: dict[str, list[int]] = {}
    for scene in script.scenes:
        who = set(ctx.presence.of(scene.index).present) | {c for c, sc in by_scene if sc == scene.index}
        for name in sorted(who, key=lambda n: (n not in ctx.cast.gender, n)):
            present.setdefault(name, []).append(scene.index)
    order = sorted(present, key=lambda n: present[n][0])
    rows: list[PlotRow] = []
    labels = ctx.day_labels
    for name in order:
        change, last_sides = 1, ()
        for i, index in enumerate(present[name]):
            if i and (name, index) in changes:
                change += 1
            events = by_scene.get((name, index), [])
            last_sides = side_at.get((name, index), last_sides)
            ext = pages.scene(index)
            rows.append(PlotRow(
                name, change, labels[index - 1] or "", index, scene_number(script.scenes[index - 1]),
                ext.page if ext else None,
                tuple(e.item for e in events if e.kind == "on"), tuple(e.item for e in events if e.kind == "off"),
                tuple(e.item for e in events if e.kind == "wears"), tuple(e.item for e in events if e.kind == "state"),
                last_sides, " / ".join(dict.fromkeys(e.sentence.text for e in events)),
            ))
    return rows


def render(rows: list[PlotRow], fmt: str, *, title: str = "") -> str:
    """The plot as ``csv``, ``html``, ``markdown``, ``json`` or ``text``."""
    if fmt == "json":
        return json.dumps({"script": title, "rows": [r.to_dict() for r in rows]}, indent=2, ensure_ascii=False) + "\n"
    flat = [{**r.to_dict(), **{k: "; ".join(getattr(r, k)) for k in ("on", "off", "wears", "state", "sides")}}
            for r in rows]
    if fmt == "csv":
        return csv_text(COLUMNS, flat)
    if fmt == "markdown":
        out = [f"# Costume plot{': ' + _md(title) if title else ''}", ""]
        for name in dict.fromkeys(r.character for r in rows):
            out += [f"## {_md(name)}", "", "| Change | Day | Scene | Page | On | Off | Wears | State | Sides |",
                    "|---|---|---|---|---|---|---|---|---|"]
            for r in (x for x in flat if x["character"] == name):
                out.append("| " + " | ".join(_md(str(r[k] or "")) for k in (
                    "change", "story_day", "scene_number", "page", "on", "off", "wears", "state", "sides")) + " |")
            out.append("")
        return "\n".join(out)
    if fmt == "html":
        e = html.escape
        parts = ["<!doctype html><meta charset='utf-8'><title>Costume plot</title>",
                 "<style>body{font-family:sans-serif}table{border-collapse:collapse;margin-bottom:2em}"
                 "td,th{border:1px solid #999;padding:2px 6px;font-size:13px}th{background:#eee}</style>",
                 f"<h1>Costume plot{': ' + e(title) if title else ''}</h1>"]
        for name in dict.fromkeys(r.character for r in rows):
            parts.append(f"<h2>{e(name)}</h2><table><tr>" + "".join(
                f"<th>{e(h)}</th>" for h in ("Change", "Day", "Scene", "Page", "On", "Off", "Wears", "State",
                                             "Sides", "Text")) + "</tr>")
            for r in (x for x in flat if x["character"] == name):
                parts.append("<tr>" + "".join(f"<td>{e(str(r[k] or ''))}</td>" for k in (
                    "change", "story_day", "scene_number", "page", "on", "off", "wears", "state", "sides",
                    "text")) + "</tr>")
            parts.append("</table>")
        return "\n".join(parts) + "\n"
    lines = []
    for r in flat:
        lines.append(f"{r['character']:<16} change {r['change']:<3} {r['story_day']:<5} sc {r['scene_number']:<5} "
                     + "  ".join(f"{k}: {r[k]}" for k in ("on", "off", "wears", "state", "sides") if r[k]))
    return "\n".join(lines) + "\n"


__all__ = ["PlotRow", "costume_plot", "render", "COLUMNS", "EXTENSIONS"]
