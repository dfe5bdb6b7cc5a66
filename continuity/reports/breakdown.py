"""The breakdown export: one row per scene, with the columns a scheduling tool imports.

Column names follow Movie Magic Scheduling's breakdown sheet (``Scenes``, ``I/E``,
``Set``, ``TOD``, ``Pg(s)``, ``Script Day`` and the element categories ``Cast
Members``, ``Background Actors``, ``Props``, ``Vehicles``, ``Wardrobe``,
``Makeup/Hair``), which StudioBinder and Gorilla also map on import. A few more
make the sheet usable on its own: the heading, D/N, the page a scene starts on,
its length in eighths as a number, and the voices heard off screen. Several
elements in one cell are separated by ``; ``.
"""

from __future__ import annotations

import html
import json

from continuity.reports.escape import csv_text
from continuity.screenplay.pages import eighths_text
from continuity.story.breakdown import BreakdownRow

COLUMNS = (
    "Scenes", "Heading", "I/E", "Set", "TOD", "D/N", "Script Day", "Page", "Pg(s)", "Eighths", "Cast Members",
    "Off Screen", "Background Actors", "Props", "Vehicles", "Wardrobe", "Makeup/Hair",
)
FORMATS = ("csv", "json", "markdown", "html", "text")
EXTENSIONS = {".csv": "csv", ".json": "json", ".md": "markdown", ".markdown": "markdown", ".html": "html",
              ".htm": "html", ".txt": "text"}


def record(b: BreakdownRow) -> dict[str, object]:
    """One scene as a row of :data:`COLUMNS`."""
    r, el = b.row, b.elements
    sc = r.scene
    day = r.story_day or ""
    light = "N" if day.startswith("N") else ("D" if day.startswith("D") else ("N" if (r.when.time_class or "") in (
        "NIGHT", "EVENING") else "D" if r.when.time_class else ""))
    return {
        "Scenes": r.number, "Heading": sc.heading.text, "I/E": sc.heading.setting or "", "Set": sc.heading.location,
        "TOD": r.time or "", "D/N": light, "Script Day": day, "Page": r.page or "",
        "Pg(s)": eighths_text(r.eighths) if r.eighths else "", "Eighths": r.eighths or "",
        "Cast Members": "; ".join(r.who.present), "Off Screen": "; ".join(r.who.heard),
        "Background Actors": "; ".join(el.background), "Props": "; ".join(el.props),
        "Vehicles": "; ".join(el.vehicles), "Wardrobe": "; ".join(el.wardrobe), "Makeup/Hair": "; ".join(el.makeup),
    }


def to_csv(rows: list[BreakdownRow]) -> str:
    """The breakdown as CSV (header :data:`COLUMNS`; no cell runs as a spreadsheet formula)."""
    return csv_text(COLUMNS, (record(b) for b in rows))


def to_json(rows: list[BreakdownRow], script: str) -> str:
    """``{"script", "columns", "scenes": [...]}``; each scene has the CSV's columns plus its index and lists."""
    scenes = []
    for b in rows:
        d = record(b)
        d.update({"scene": b.row.scene.index, "line": b.row.scene.line, "speaking": list(b.row.who.speaking),
                  "mentioned": list(b.row.who.mentioned)})
        scenes.append(d)
    return json.dumps({"script": script, "columns": list(COLUMNS), "scenes": scenes}, indent=2, ensure_ascii=False) + "\n"


def to_markdown(rows: list[BreakdownRow], script: str) -> str:
    """A Markdown table of the main columns."""
    cols = ("Scenes", "Page", "Pg(s)", "Script Day", "TOD", "Heading", "Cast Members", "Props", "Wardrobe", "Makeup/Hair")

    def cell(v: object) -> str:
        return str(v).replace("|", "\\|").replace("\n", " ")

    out = [f"# Breakdown: {cell(script)}", "", "| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    out += ["| " + " | ".join(cell(record(b)[c]) for c in cols) + " |" for b in rows]
    return "\n".join(out) + "\n"


def to_html(rows: list[BreakdownRow], script: str) -> str:
    """A self-contained HTML table of every column; every text is escaped."""
    e = html.escape
    head = "".join(f"<th>{e(c)}</th>" for c in COLUMNS)
    body = "".join("<tr>" + "".join(f"<td>{e(str(record(b)[c]))}</td>" for c in COLUMNS) + "</tr>" for b in rows)
    return (f"<!doctype html><html lang=en><meta charset=utf-8><title>Breakdown: {e(script)}</title>"
            "<style>body{font:13px/1.4 system-ui,sans-serif;margin:1.5rem}table{border-collapse:collapse}"
            "td,th{border:1px solid #ccc;padding:.25rem;vertical-align:top;text-align:left}</style>"
            f"<h1>Breakdown: {e(script)}</h1><table><tr>{head}</tr>{body}</table></html>\n")


def to_text(rows: list[BreakdownRow]) -> str:
    """A plain listing: one block per scene."""
    out = []
    for b in rows:
        d = record(b)
        out.append(f"{d['Scenes']:>5}  p. {d['Page']:<4} {d['Pg(s)']:>6}  {d['Script Day']:<6} {d['TOD']:<10} {d['Heading']}")
        for c in ("Cast Members", "Off Screen", "Background Actors", "Props", "Vehicles", "Wardrobe", "Makeup/Hair"):
            if d[c]:
                out.append(f"       {c}: {d[c]}")
    return "\n".join(out) + "\n"


def render(rows: list[BreakdownRow], fmt: str, script: str) -> str:
    """The breakdown in ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "csv":
        return to_csv(rows)
    if fmt == "json":
        return to_json(rows, script)
    if fmt == "markdown":
        return to_markdown(rows, script)
    if fmt == "html":
        return to_html(rows, script)
    return to_text(rows)


__all__ = ["COLUMNS", "FORMATS", "EXTENSIONS", "record", "to_csv", "to_json", "to_markdown", "to_html", "to_text",
           "render"]
