"""The storyboard's HTML page: panels by scene, captions, and each visual finding marked on its panel."""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from continuity.language.words import plural
from continuity.visual.shots import ShotList
from studio.storyboard.render import Panel, caption_texts

if TYPE_CHECKING:
    from continuity.visual.board import Board
    from continuity.visual.checks import FramesReport

_CSS = """body{font:15px/1.4 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#222}
h1{font-size:1.4rem}h2{font-size:1.05rem;margin:2rem 0 .6rem;font-family:'Courier Prime',Courier,monospace}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(21rem,1fr));gap:1rem}
figure{margin:0;border:1px solid #ccc;background:#fafafa}figure img{width:100%;display:block}
figcaption{padding:.4rem .6rem;font-size:.85rem}.tech{color:#555}.dia{color:#444;font-style:italic}
.f{border-left:4px solid #ef8f00;padding:.3rem .6rem;margin:.4rem 0;background:#fff8ec;font-size:.9rem}
.err{border-color:#c62828;background:#fdecea}
.pic{position:relative}.flag{outline:3px solid #c62828}
.mark{position:absolute;border:3px solid #c62828;border-radius:6px;box-sizing:border-box}
.n{position:absolute;top:-.8rem;left:-.6rem;background:#c62828;color:#fff;border-radius:1rem;padding:0 .4rem;
font-size:.75rem;font-weight:bold}.f .n{position:static;margin-right:.4rem}"""


def write_html(panels: Sequence[Panel], path: str | Path, shots: ShotList, report: FramesReport | None = None,
               pdf_name: str | None = None, board: Board | None = None) -> None:
    """An HTML page with the panels in order, grouped by scene, each finding marked on its panel.

    A finding about a character (the identity check) outlines that character's figure
    on the panel (its place from ``board``); any other finding outlines the panel.
    Each mark is numbered like the finding in the list at the top, and every text is escaped.
    """
    e = html.escape
    title = shots.title or "Storyboard"
    by_shot: dict[str, list[dict]] = {}
    findings = report.to_dict()["findings"] if report is not None else []
    for f in findings:
        by_shot.setdefault(f.get("shot") or "", []).append(f)
    out = [
        "<!doctype html><html lang=en><meta charset=utf-8>",
        f"<title>Storyboard: {e(title)}</title><style>{_CSS}</style>",
        f"<h1>Storyboard: {e(title)}</h1>",
        f"<p>{plural(len(panels), 'shot')}, {plural(len(findings), 'visual finding')}"
        + (f" &middot; <a href=\"{e(pdf_name)}\">contact sheet (PDF)</a>" if pdf_name else "") + "</p>",
    ]
    for k, f in enumerate(findings, 1):  # the list at the top links to the panels
        link = f' <a href="#shot-{e(f["shot"])}">shot {e(f["shot"])}</a>:' if f.get("shot") else ""
        out.append(f'<div class="f"><span class=n>{k}</span>{link} {e(f["message"])}</div>')
    number = {id(f): k for k, f in enumerate(findings, 1)}
    scene = None
    for panel in panels:
        shot = panel.shot
        if shot.scene != scene:
            if scene is not None:
                out.append("</div>")
            scene = shot.scene
            heading = shots.scene(scene)
            out.append(f"<h2>Scene {scene}{': ' + e(heading.heading) if heading and heading.heading else ''}</h2><div class=grid>")
        ident, tech, line2, description, dialogue = caption_texts(shot, shots)
        mine = by_shot.get(shot.number, [])
        out.append(f'<figure id="shot-{e(shot.number)}"{" class=flag" if mine else ""}><div class=pic>'
                   f'<img src="{e(panel.filename)}" alt="{e(ident)}: {e(description)}" loading=lazy>')
        out.extend(_marks(panel, mine, number, board))
        out.append("</div>")
        out.append(f"<figcaption><b>{e(ident)}</b> <span class=tech>{e(tech)}</span><br><span class=tech>{e(line2)}</span>")
        if description:
            out.append(f"<br>{e(description)}")
        if dialogue:
            out.append(f"<br><span class=dia>&ldquo;{e(dialogue)}&rdquo;</span>")
        for f in mine:
            out.append(f'<div class="f"><span class=n>{number[id(f)]}</span>{e(f["message"])}</div>')
        out.append("</figcaption></figure>")
    if scene is not None:
        out.append("</div>")
    if report is not None and report.errors:
        out.append("<h2>Errors</h2>")
        out.extend(f'<div class="f err">{e(msg)}</div>' for _, msg in report.errors)
    out.append("</html>")
    Path(path).write_text("\n".join(out) + "\n", encoding="utf-8")


def _marks(panel: Panel, findings: list[dict], number: dict[int, int], board: Board | None) -> list[str]:
    """Boxes over the panel image, in percent: a character's figure, else the whole picture."""
    W, H = panel.image.size
    x0, y0, x1, y1 = panel.frame
    planned = board.of(panel.shot) if board is not None else None
    places = {p.name: p for p in planned.placements(x1 - x0, y1 - y0)} if planned is not None else {}
    out = []
    seen: dict[tuple, int] = {}
    for f in findings:
        box = (x0, y0, x1, y1)
        p = places.get(f.get("character") or "")
        if p is not None:
            bx0, by0, bx1, by1 = p.bounds()
            box = (max(x0, x0 + bx0), max(y0, y0 + by0), min(x1, x0 + bx1), min(y1, y0 + by1))
        left, top = 100 * box[0] / W, 100 * box[1] / H
        width, height = 100 * (box[2] - box[0]) / W, 100 * (box[3] - box[1]) / H
        again = seen.get(box, 0)  # a second finding on the same box: its number beside the first
        seen[box] = again + 1
        out.append(f'<div class=mark style="left:{left:.2f}%;top:{top:.2f}%;width:{width:.2f}%;height:{height:.2f}%" '
                   f'title="{html.escape(f["message"])}"><span class=n style="left:{-0.6 + 1.6 * again:.1f}rem">'
                   f'{number[id(f)]}</span></div>')
    return out


__all__ = ["write_html"]
