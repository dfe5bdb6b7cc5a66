"""Render a :class:`~continuity.checks.findings.Report` as text, JSON, Markdown or HTML."""

from __future__ import annotations

import html
import json
from collections import defaultdict

from continuity.checks.findings import Finding, Report
from continuity.reports.escape import md as _md
from continuity.reports.escape import md_code

FORMATS = ("text", "json", "markdown", "html", "pdf")
#: Report file extensions and the format each means.
EXTENSIONS = {".txt": "text", ".text": "text", ".json": "json", ".md": "markdown", ".markdown": "markdown",
              ".html": "html", ".htm": "html", ".pdf": "pdf"}


def _plural(n: int, word: str) -> str:
    from continuity.language.words import plural

    return plural(n, word, "info" if word == "info" else None)  # "2 info", not "2 infos"


def _line_text(d: dict, fmt: str) -> str:
    """Where a line is: ``p. 12, line 390`` (Fountain: the file's line; FDX and
    PDF: the line on the printed page, which is what a reader can find)."""
    page, page_line, line = d.get("page"), d.get("page_line"), d.get("line")
    if page is None:
        if line is None:
            return "script"
        return f"paragraph {line}" if fmt == "fdx" else f"line {line}"
    if fmt == "fountain" or page_line is None:
        return f"p. {page}, line {line}"
    return f"p. {page}, line {page_line} of the page"


def _evidence_text(e: dict, fmt: str = "fountain", report: Report | None = None, home: int | None = None) -> str:
    """Evidence in words; in a season, evidence from another episode than ``home`` names its episode."""
    if "bible" in e:
        return f"bible {e['bible']}: {e['text']}"
    episode = e.get("episode")
    if report is not None and episode is not None:
        fmt = _format_of(report, episode)
    where = _line_text(e, fmt)
    if e.get("scene_number") is not None:
        where = f"scene {e['scene_number']}, {where}"
    elif e.get("scene") is not None:
        where = f"scene {e['scene']}, {where}"
    if episode is not None and episode != home:
        where = f"episode {episode}, {where}"
    return f"{where}: {e['text']}"


def _format_of(report: Report, episode: int | None) -> str:
    """How a line of this report reads: the script's format, or in a season its episode's."""
    ep = report.episode(episode)
    return ep.format if ep is not None else report.format


#: A group of findings: (episode or None, scene).
Group = tuple


def _by_scene(report: Report, show_hidden: bool = False) -> dict[Group, list[Finding]]:
    """Findings grouped by scene (by episode, then scene, in a season), in story order."""
    order = {e.number: k for k, e in enumerate(report.episodes)}
    groups: dict[Group, list[Finding]] = defaultdict(list)
    shown = report.findings + (report.hidden if show_hidden else ())
    for f in sorted(shown, key=lambda f: (order.get(f.episode, -1), f.scene, f.line, f.category, f.id)):
        groups[(f.episode, f.scene)].append(f)
    return dict(sorted(groups.items(), key=lambda kv: (order.get(kv[0][0], -1), kv[0][1])))


def _heading(report: Report, group: Group) -> str:
    episode, scene = group
    if scene == 0:
        return "Before the first scene"
    info = report.scene_info(scene, episode)
    if info is None:
        return f"Scene {scene}"
    where = f" (p. {info.page}, {_pages_text(info.eighths)})" if info.page is not None and info.eighths else ""
    return f"Scene {info.number or scene}: {info.heading}{where}"


def _episode_heading(report: Report, number: int | None) -> str:
    """``Episode 2: Low Water (ep02.fountain): 1 error, 2 warnings``."""
    ep = report.episode(number)
    if ep is None:
        return f"Episode {number}"
    title = f": {ep.title}" if ep.title else ""
    counts = next((d["summary"] for d in report.episode_summaries() if d["episode"] == number), {})
    parts = ", ".join(_plural(n, s) for s, n in counts.items() if n) or "no findings"
    return f"Episode {ep.number}{title} ({ep.script}, {_plural(ep.scenes, 'scene')}): {parts}"


def _sections(report: Report, show_hidden: bool):
    """``(episode heading or None, scene heading, findings)`` in order; the episode heading only where one starts."""
    last = object()
    for group, findings in _by_scene(report, show_hidden).items():
        episode = group[0]
        head = None
        if report.episodes and episode != last:
            head = _episode_heading(report, episode)
            last = episode
        yield head, _heading(report, group), findings


def _pages_text(eighths: int | None) -> str:
    from continuity.screenplay.pages import eighths_text

    if not eighths:
        return ""
    return f"{eighths_text(eighths)} page{'s' if eighths > 8 else ''}"


def _summary(report: Report) -> str:
    n = len(report.findings)
    hidden = f" {len(report.hidden)} dismissed (hidden)." if report.hidden else ""
    name = report.script
    size = _plural(len(report.scenes), "scene")
    if report.episodes:
        name = f"{report.series} ({report.script})" if report.series else report.script
        size = f"{_plural(len(report.episodes), 'episode')}, {size}"
    if not n:
        return f"{name}: {size}, no findings.{hidden}"
    parts = ", ".join(_plural(report.count(s), s) for s in ("error", "warning", "info") if report.count(s))
    return f"{name}: {size}, {_plural(n, 'finding')} ({parts}).{hidden}"


def _where(f: Finding, fmt: str) -> str:
    return _line_text(f.to_dict(), fmt)


def _title(report: Report) -> str:
    return report.series or report.script


def _status(f: Finding) -> str:
    return f" [{f.status}]" if f.status else ""


def to_json(report: Report, *, show_hidden: bool = False) -> str:
    """The stable JSON report; ``show_hidden`` adds ``hidden_findings``."""
    d = report.to_dict()
    if show_hidden:
        d["hidden_findings"] = [f.to_dict() for f in report.hidden]
    return json.dumps(d, indent=2, ensure_ascii=False) + "\n"


def to_markdown(report: Report, *, show_hidden: bool = False) -> str:
    """A Markdown report grouped by scene (``show_hidden``: dismissed findings too, marked)."""
    out = [f"# Continuity report: {_md(_title(report))}", "", _md(_summary(report)), ""]
    if report.bible:
        out += [f"Bible: {md_code(report.bible)}", ""]
    scene_level = "###" if report.episodes else "##"
    for episode_head, heading, findings in _sections(report, show_hidden):
        if episode_head:
            out += [f"## {_md(episode_head)}", ""]
        out += [f"{scene_level} {_md(heading)}", ""]
        for f in findings:
            d = f.to_dict()
            fmt = _format_of(report, f.episode)
            who = f" ({_md(d['character'])})" if d["character"] else ""
            out.append(
                f"- **{f.severity.upper()}**{_md(_status(f))} {md_code(f.category)}{who}, "
                f"{_md(_where(f, fmt))}: {_md(f.message)}"
            )
            if f.text:
                out.append(f"  - here: {_md(f.text)}")
            for e in d["evidence"]:
                out.append(f"  - evidence: {_md(_evidence_text(e, fmt, report, f.episode))}")
            out.append(f"  - id: {md_code(f.id)}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


_CSS = """body{font:15px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.4rem}h2,h3{font-size:1.1rem;margin-top:2rem;font-family:'Courier Prime',Courier,monospace}
h2.ep{font-family:system-ui,sans-serif;font-size:1.25rem;border-bottom:2px solid #ccc;margin-top:2.5rem}
.f{border-left:4px solid #999;padding:.4rem .8rem;margin:.6rem 0;background:#fafafa}
.error{border-color:#c62828}.warning{border-color:#ef8f00}.info{border-color:#1565c0}
.sev{font-weight:700;text-transform:uppercase;font-size:.8rem}.cat{color:#555;font-size:.85rem}
blockquote{margin:.3rem 0;padding:.2rem .6rem;background:#fff;border:1px solid #ddd;font-family:Courier,monospace}
.ev{color:#444;font-size:.9rem}.id{color:#999;font-size:.75rem}"""


def to_html(report: Report, *, show_hidden: bool = False) -> str:
    """A self-contained HTML report; every script text is escaped."""
    e = html.escape
    out = [
        "<!doctype html><html lang=en><meta charset=utf-8>",
        f"<title>Continuity report: {e(_title(report))}</title><style>{_CSS}</style>",
        f"<h1>Continuity report: {e(_title(report))}</h1><p>{e(_summary(report))}</p>",
    ]
    for episode_head, heading, findings in _sections(report, show_hidden):
        if episode_head:
            out.append(f'<h2 class="ep">{e(episode_head)}</h2>')
        out.append(f"<h3>{e(heading)}</h3>" if report.episodes else f"<h2>{e(heading)}</h2>")
        for f in findings:
            d = f.to_dict()
            fmt = _format_of(report, f.episode)
            who = f" &middot; {e(d['character'])}" if d["character"] else ""
            out.append(f'<div class="f {e(f.severity)}" id="f-{e(f.id)}">')
            out.append(
                f'<span class="sev">{e(f.severity)}{e(_status(f))}</span> '
                f'<span class="cat">{e(f.category)}{who} &middot; {e(_where(f, fmt))}</span>'
            )
            out.append(f"<p>{e(f.message)}</p>")
            if f.text:
                out.append(f"<blockquote>{e(f.text)}</blockquote>")
            for ev in d["evidence"]:
                out.append(f'<div class="ev">evidence: {e(_evidence_text(ev, fmt, report, f.episode))}</div>')
            out.append(f'<div class="id">{e(f.id)}</div></div>')
    out.append("</html>")
    return "\n".join(out) + "\n"


def print_text(report: Report, console, *, show_hidden: bool = False) -> None:
    """Print a readable report grouped by scene on a Rich console."""
    from rich.markup import escape

    colours = {"error": "bold red", "warning": "bold yellow", "info": "bold blue"}
    for episode_head, heading, findings in _sections(report, show_hidden):
        if episode_head:
            console.print(f"\n[bold underline]{escape(episode_head)}[/bold underline]")
        console.print(f"\n[bold]{escape(heading)}[/bold]")
        for f in findings:
            d = f.to_dict()
            fmt = _format_of(report, f.episode)
            who = f" {d['character']}" if d["character"] else ""
            colour = "dim" if f.status else colours[f.severity]
            console.print(
                f"  [{colour}]{f.severity.upper():7}[/]{escape(_status(f))} [dim]{f.category}{escape(who)} "
                f"{escape(_where(f, fmt))}[/dim]  {escape(f.message)}"
            )
            if f.text:
                console.print(f"           [italic]{escape(f.text)}[/italic]")
            for ev in d["evidence"]:
                console.print(f"           [dim]evidence[/dim] {escape(_evidence_text(ev, fmt, report, f.episode))}")
    console.print(f"\n{escape(_summary(report))}")


def to_text(report: Report, *, show_hidden: bool = False) -> str:
    """The text report as a plain string (no colour)."""
    import io

    from rich.console import Console

    buf = io.StringIO()
    console = Console(file=buf, width=100, color_system=None, highlight=False, soft_wrap=True)
    print_text(report, console, show_hidden=show_hidden)
    return buf.getvalue()


def to_pdf(report: Report, *, show_hidden: bool = False) -> bytes:
    """The text report as a PDF (Courier 10, wrapped to the page)."""
    from continuity.screenplay.writers.pdf import text_document

    return text_document(to_text(report, show_hidden=show_hidden), f"Continuity report: {_title(report)}")


def render(report: Report, fmt: str, *, show_hidden: bool = False) -> str | bytes:
    """The report in ``fmt`` (one of :data:`FORMATS`): text, or bytes for PDF."""
    if fmt == "json":
        return to_json(report, show_hidden=show_hidden)
    renderer = {"text": to_text, "markdown": to_markdown, "html": to_html, "pdf": to_pdf}[fmt]
    return renderer(report, show_hidden=show_hidden)
