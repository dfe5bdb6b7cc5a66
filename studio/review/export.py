"""Continuity reports from the findings store: CSV, Markdown and HTML.

For a department head: every stored finding with its status and the last
decision (who, when, why), grouped by scene in Markdown and HTML.
"""

from __future__ import annotations

import html
from collections import defaultdict
from typing import Any

from continuity.language.words import plural
from continuity.reports.escape import csv_text, md_code
from continuity.reports.escape import md as _md

EXPORT_FORMATS = ("csv", "markdown", "html")
CSV_COLUMNS = (
    "id", "status", "severity", "category", "scene", "page", "line", "character", "subject", "message", "text",
    "evidence", "decided_by", "decided_at", "reason", "scene_index",
)


def scene_label(f: dict[str, Any]) -> str:
    """A stored finding's scene as the script numbers it (``4A``), else its place in the script."""
    data = f.get("data") or {}
    return str(data.get("scene_number") or f.get("scene_number") or f["scene"])


def page_of(f: dict[str, Any]) -> str:
    """The page a stored finding is printed on (``""`` when it was not located)."""
    data = f.get("data") or {}
    return str(data.get("page") or f.get("page") or "")


def evidence_where(e: dict[str, Any]) -> str:
    """``scene 4A, p. 3, line 120`` for a script line (the script's own scene number, the page when known)."""
    parts = []
    if e.get("scene"):
        parts.append(f"scene {e.get('scene_number') or e['scene']}")
    if e.get("page"):
        parts.append(f"p. {e['page']}")
    parts.append(f"line {e.get('line')}")
    return ", ".join(parts)


def _evidence(f: dict[str, Any]) -> str:
    parts = []
    for e in f["evidence"]:
        if e.get("bible"):
            parts.append(f"bible {e['bible']}: {e['text']}")
        else:
            parts.append(f"{evidence_where(e)}: {e['text']}")
    return "; ".join(parts)


def _last(f: dict[str, Any], decisions: dict[str, list[dict]]) -> dict[str, Any]:
    ds = decisions.get(f["id"]) or [{}]
    return ds[-1]


def rows(findings: list[dict[str, Any]], decisions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One flat dict per finding (the CSV columns)."""
    by_id: dict[str, list[dict]] = defaultdict(list)
    for d in decisions:
        by_id[d["finding_id"]].append(d)
    out = []
    for f in findings:
        last = _last(f, by_id)
        out.append({
            **{k: f.get(k) for k in CSV_COLUMNS[:11]},
            "scene": scene_label(f),
            "page": page_of(f),
            "scene_index": f["scene"],
            "evidence": _evidence(f),
            "decided_by": last.get("who") or "",
            "decided_at": last.get("at") or "",
            "reason": last.get("reason") or "",
        })
    return out


def to_csv(findings: list[dict[str, Any]], decisions: list[dict[str, Any]]) -> str:
    """CSV with a header row (:data:`CSV_COLUMNS`); ``scene`` is the script's own scene number; formula-like cells are quoted."""
    return csv_text(CSV_COLUMNS, rows(findings, decisions))


def _grouped(findings: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Findings by scene, in script order, each group named by the script's scene number."""
    groups: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for f in findings:
        groups[f["scene"]].append(f)
    return [(scene_label(g[0]) if index else "", g) for index, g in sorted(groups.items())]


def _title(audit: dict[str, Any] | None) -> str:
    return f"Continuity report: {audit['script']}" if audit else "Continuity report"


def _summary(findings: list[dict[str, Any]]) -> str:
    counts: dict[str, int] = defaultdict(int)
    for f in findings:
        counts[f["status"]] += 1
    return plural(len(findings), "finding") + (": " + ", ".join(f"{n} {s}" for s, n in counts.items()) if counts else "") + "."


def to_markdown(findings: list[dict[str, Any]], decisions: list[dict[str, Any]], audit: dict[str, Any] | None) -> str:
    """Markdown grouped by scene, each finding with status, evidence and last decision."""
    out = [f"# {_md(_title(audit))}", ""]
    if audit:
        out += [f"Last audit {audit['started_at']}" + (f", bible {md_code(audit['bible'])}" if audit["bible"] else "") + ".", ""]
    out += [_summary(findings), ""]
    flat = {r["id"]: r for r in rows(findings, decisions)}
    for scene, group in _grouped(findings):
        out += [f"## Scene {scene}" if scene else "## Before the first scene", ""]
        for f in group:
            r = flat[f["id"]]
            who = f" ({_md(f['character'])})" if f["character"] else ""
            page = f"p. {r['page']}, " if r["page"] else ""
            out.append(f"- **{f['severity'].upper()}** {md_code(f['category'])}{who}, {page}line {f['line']}, "
                       f"**{f['status']}**: {_md(f['message'])}")
            if f["text"]:
                out.append(f"  - here: {_md(f['text'])}")
            if r["evidence"]:
                out.append(f"  - evidence: {_md(r['evidence'])}")
            if r["decided_by"]:
                why = f": {_md(r['reason'])}" if r["reason"] else ""
                out.append(f"  - decided by {_md(r['decided_by'])} at {r['decided_at']}{why}")
            out.append(f"  - id: {md_code(f['id'])}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def to_html(findings: list[dict[str, Any]], decisions: list[dict[str, Any]], audit: dict[str, Any] | None) -> str:
    """A self-contained HTML table per scene; every text is escaped."""
    e = html.escape
    flat = {r["id"]: r for r in rows(findings, decisions)}
    out = [
        "<!doctype html><html lang=en><meta charset=utf-8>",
        f"<title>{e(_title(audit))}</title>",
        "<style>body{font:14px/1.4 system-ui,sans-serif;margin:2rem}table{border-collapse:collapse;width:100%}"
        "td,th{border:1px solid #ccc;padding:.3rem;vertical-align:top;text-align:left}"
        ".error{color:#c62828}.warning{color:#b26a00}.info{color:#1565c0}</style>",
        f"<h1>{e(_title(audit))}</h1><p>{e(_summary(findings))}</p>",
    ]
    for scene, group in _grouped(findings):
        out.append(f"<h2>{'Scene ' + str(scene) if scene else 'Before the first scene'}</h2>")
        out.append("<table><tr><th>severity</th><th>category</th><th>page</th><th>line</th><th>status</th><th>finding</th>"
                   "<th>evidence</th><th>decision</th></tr>")
        for f in group:
            r = flat[f["id"]]
            decision = f"{r['decided_by']} {r['decided_at']}: {r['reason']}" if r["decided_by"] else ""
            out.append(
                f"<tr id=\"f-{e(f['id'])}\"><td class=\"{e(f['severity'])}\">{e(f['severity'])}</td>"
                f"<td>{e(f['category'])}</td><td>{e(r['page'])}</td><td>{f['line']}</td><td>{e(f['status'])}</td>"
                f"<td>{e(f['message'])}<br><i>{e(f['text'])}</i></td><td>{e(r['evidence'])}</td><td>{e(decision)}</td></tr>"
            )
        out.append("</table>")
    out.append("</html>")
    return "\n".join(out) + "\n"
