"""Render a :class:`~continuity.findings.Report` as text, JSON, Markdown or HTML."""

from __future__ import annotations

import html
import json
from collections import defaultdict

from continuity.findings import Finding, Report

FORMATS = ("text", "json", "markdown", "html")


def _evidence_text(e: dict) -> str:
    if "bible" in e:
        return f"bible {e['bible']}: {e['text']}"
    where = f"line {e['line']}" if e.get("line") is not None else "script"
    if e.get("scene") is not None:
        where = f"scene {e['scene']}, {where}"
    return f"{where}: {e['text']}"


def _by_scene(report: Report) -> dict[int, list[Finding]]:
    groups: dict[int, list[Finding]] = defaultdict(list)
    for f in report.findings:
        groups[f.scene].append(f)
    return dict(sorted(groups.items()))


def _heading(report: Report, scene: int) -> str:
    if scene == 0:
        return "Before the first scene"
    info = report.scenes[scene - 1]
    return f"Scene {scene}: {info.heading}"


def _summary(report: Report) -> str:
    n = len(report.findings)
    if not n:
        return f"{report.script}: {len(report.scenes)} scenes, no findings."
    parts = ", ".join(f"{report.count(s)} {s}{'s' if report.count(s) != 1 else ''}" for s in ("error", "warning", "info") if report.count(s))
    return f"{report.script}: {len(report.scenes)} scenes, {n} finding{'s' if n != 1 else ''} ({parts})."


def to_json(report: Report) -> str:
    """The stable JSON report."""
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"


def to_markdown(report: Report) -> str:
    """A Markdown report grouped by scene."""
    out = [f"# Continuity report: {report.script}", "", _summary(report), ""]
    if report.bible:
        out += [f"Bible: `{report.bible}`", ""]
    for scene, findings in _by_scene(report).items():
        out += [f"## {_heading(report, scene)}", ""]
        for f in findings:
            d = f.to_dict()
            who = f" ({d['character']})" if d["character"] else ""
            out.append(f"- **{f.severity.upper()}** `{f.category}`{who}, line {f.line}: {_md(f.message)}")
            if f.text:
                out.append(f"  - here: {_md(f.text)}")
            for e in d["evidence"]:
                out.append(f"  - evidence: {_md(_evidence_text(e))}")
            out.append(f"  - id: `{f.id}`")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("<", "&lt;").replace("\n", " ")


_CSS = """body{font:15px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem;font-family:'Courier Prime',Courier,monospace}
.f{border-left:4px solid #999;padding:.4rem .8rem;margin:.6rem 0;background:#fafafa}
.error{border-color:#c62828}.warning{border-color:#ef8f00}.info{border-color:#1565c0}
.sev{font-weight:700;text-transform:uppercase;font-size:.8rem}.cat{color:#555;font-size:.85rem}
blockquote{margin:.3rem 0;padding:.2rem .6rem;background:#fff;border:1px solid #ddd;font-family:Courier,monospace}
.ev{color:#444;font-size:.9rem}.id{color:#999;font-size:.75rem}"""


def to_html(report: Report) -> str:
    """A self-contained HTML report; every script text is escaped."""
    e = html.escape
    out = [
        "<!doctype html><html lang=en><meta charset=utf-8>",
        f"<title>Continuity report: {e(report.script)}</title><style>{_CSS}</style>",
        f"<h1>Continuity report: {e(report.script)}</h1><p>{e(_summary(report))}</p>",
    ]
    for scene, findings in _by_scene(report).items():
        out.append(f"<h2>{e(_heading(report, scene))}</h2>")
        for f in findings:
            d = f.to_dict()
            who = f" &middot; {e(d['character'])}" if d["character"] else ""
            out.append(f'<div class="f {e(f.severity)}" id="f-{e(f.id)}">')
            out.append(f'<span class="sev">{e(f.severity)}</span> <span class="cat">{e(f.category)}{who} &middot; line {f.line}</span>')
            out.append(f"<p>{e(f.message)}</p>")
            if f.text:
                out.append(f"<blockquote>{e(f.text)}</blockquote>")
            for ev in d["evidence"]:
                out.append(f'<div class="ev">evidence: {e(_evidence_text(ev))}</div>')
            out.append(f'<div class="id">{e(f.id)}</div></div>')
    out.append("</html>")
    return "\n".join(out) + "\n"


def print_text(report: Report, console) -> None:
    """Print a readable report grouped by scene on a Rich console."""
    from rich.markup import escape

    colours = {"error": "bold red", "warning": "bold yellow", "info": "bold blue"}
    for scene, findings in _by_scene(report).items():
        console.print(f"\n[bold]{escape(_heading(report, scene))}[/bold]")
        for f in findings:
            d = f.to_dict()
            who = f" {d['character']}" if d["character"] else ""
            console.print(
                f"  [{colours[f.severity]}]{f.severity.upper():7}[/] [dim]{f.category}{escape(who)} line {f.line}[/dim]  "
                f"{escape(f.message)}"
            )
            if f.text:
                console.print(f"           [italic]{escape(f.text)}[/italic]")
            for ev in d["evidence"]:
                console.print(f"           [dim]evidence[/dim] {escape(_evidence_text(ev))}")
    console.print(f"\n{escape(_summary(report))}")


def to_text(report: Report) -> str:
    """The text report as a plain string (no colour)."""
    import io

    from rich.console import Console

    buf = io.StringIO()
    print_text(report, Console(file=buf, width=100, color_system=None, highlight=False, soft_wrap=True))
    return buf.getvalue()
