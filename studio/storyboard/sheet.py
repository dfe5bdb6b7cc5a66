"""Writing a storyboard: one PNG per shot, a PDF contact sheet and an HTML page.

Output is deterministic: PNGs are saved with fixed options and only our own text
chunks (no time stamps), the PDF has no creation or modification date, so the
same shot list gives byte-identical files.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import numpy as np
from PIL import Image, ImageDraw, PngImagePlugin

from continuity.errors import InputError
from continuity.language.words import plural
from continuity.visual.board import Board
from continuity.visual.shots import Shot, ShotList
from studio.storyboard.render import (
    DEFAULT_WIDTH,
    PanelContext,
    Renderer,
    SchematicRenderer,
    caption_texts,
    compose_panel,
    fit,
    font,
    plain,
)

if TYPE_CHECKING:
    from continuity.bible.model import Bible
    from continuity.visual.checks import FramesReport
    from continuity.visual.identity import ScriptCostumes

FRAME_KEY = "studio:frame"  # read back by continuity.visual.frames.load_frame to crop the caption off
PNG_OPTIONS = {"format": "PNG", "optimize": False, "compress_level": 6}
PAGE_DPI = 150
PAGE_SIZE = (round(11.69 * PAGE_DPI), round(8.27 * PAGE_DPI))  # A4 landscape
_SAFE_RE = re.compile(r"[^A-Za-z0-9]+")
_PANEL_NAME_RE = re.compile(r"^\d{3,}_[A-Za-z0-9-]+\.png$")


@dataclass(frozen=True)
class Panel:
    """A rendered shot: the full panel image, its picture box and its file name."""

    shot: Shot
    index: int
    image: Image.Image
    frame: tuple[int, int, int, int]
    filename: str

    @property
    def picture(self) -> Image.Image:
        """The picture alone, without the caption strip."""
        return self.image.crop(self.frame)


@dataclass(frozen=True)
class StoryboardResult:
    """What :func:`write_storyboard` wrote."""

    out_dir: Path
    pngs: tuple[Path, ...]
    pdf: Path
    html: Path
    findings_json: Path
    report: FramesReport


def panel_filename(index: int, shot: Shot) -> str:
    """``007_3B.png``: the 1-based position (so names sort in cutting order) and the shot number."""
    return f"{index + 1:03d}_{_SAFE_RE.sub('-', shot.number)}.png"


def render_panels(shots: ShotList, bible: Bible | None = None, renderer: Renderer | None = None,
                  width: int = DEFAULT_WIDTH, font_path: str | None = None,
                  costumes: ScriptCostumes | None = None, board: Board | None = None) -> list[Panel]:
    """Render every shot of ``shots`` as a captioned panel, in order.

    ``costumes``: the script's costumes (:func:`continuity.visual.identity.costumes_from_story`),
    so figures wear what the script gives where the bible is silent; ``board``: an
    already planned board (built from ``shots``, ``bible`` and ``costumes`` otherwise).
    """
    renderer = renderer or SchematicRenderer(font_path=font_path)
    board = board or Board.build(shots, bible, costumes)
    panels = []
    for i, shot in enumerate(shots.shots):
        ctx = PanelContext.build(shots, i, bible, width, board)
        picture = renderer.render(shot, ctx)
        if picture.size != (ctx.width, ctx.height):
            picture = picture.resize((ctx.width, ctx.height), Image.Resampling.LANCZOS)
        image = compose_panel(picture, shot, shots, font_path)
        panels.append(Panel(shot, i, image, (0, 0, ctx.width, ctx.height), panel_filename(i, shot)))
    return panels


def save_png(panel: Panel, path: str | Path) -> None:
    """Save a panel as PNG with its picture box and shot number in text chunks, nothing else."""
    info = PngImagePlugin.PngInfo()
    info.add_text(FRAME_KEY, ",".join(map(str, panel.frame)))
    info.add_text("studio:shot", panel.shot.number)
    panel.image.save(path, pnginfo=info, **PNG_OPTIONS)


def contact_sheet_pages(panels: Sequence[Panel], title: str = "", columns: int = 3) -> list[Image.Image]:
    """A4 landscape pages (150 dpi) with the panels in a grid, ``columns`` across."""
    if not panels:
        return []
    pw, ph = PAGE_SIZE
    margin, gutter = round(0.35 * PAGE_DPI), round(0.12 * PAGE_DPI)
    title_font, small = font(round(0.16 * PAGE_DPI)), font(round(0.1 * PAGE_DPI))
    header = sum(title_font.getmetrics()) + gutter
    cell_w = (pw - 2 * margin - (columns - 1) * gutter) // columns
    room = ph - 2 * margin - header
    scale = min(cell_w / panels[0].image.width, room / panels[0].image.height)  # tall (vertical) panels fit the page
    cell_w, cell_h = round(panels[0].image.width * scale), round(panels[0].image.height * scale)
    rows = max(1, (room + gutter) // (cell_h + gutter))
    per_page = rows * columns
    n_pages = (len(panels) + per_page - 1) // per_page
    pages = []
    for p in range(n_pages):
        page = Image.new("RGB", PAGE_SIZE, (255, 255, 255))
        draw = ImageDraw.Draw(page)
        draw.text((margin, margin - gutter), fit(plain(title or "Storyboard"), title_font, pw * 0.6), font=title_font, fill=(20, 20, 20))
        tag = f"page {p + 1} of {n_pages}  |  {plural(len(panels), 'shot')}"
        draw.text((pw - margin - small.getlength(tag), margin), tag, font=small, fill=(90, 90, 90))
        for k, panel in enumerate(panels[p * per_page:(p + 1) * per_page]):
            r, c = divmod(k, columns)
            x = margin + c * (cell_w + gutter)
            y = margin + header + r * (cell_h + gutter)
            thumb = panel.image.resize((cell_w, cell_h), Image.Resampling.LANCZOS)
            page.paste(thumb, (x, y))
            draw.rectangle((x - 1, y - 1, x + cell_w, y + cell_h), outline=(160, 160, 160))
        pages.append(page)
    return pages


def save_pdf(pages: Sequence[Image.Image], path: str | Path, title: str = "") -> None:
    """A multi-page PDF with a fixed title and no dates, so it is byte-identical run to run."""
    first, *rest = pages
    first.save(
        path, format="PDF", save_all=True, append_images=rest, resolution=float(PAGE_DPI), quality=90,
        title=title or "Storyboard", author="continuity studio", creator="studio storyboard", producer="",
        creationDate=None, modDate=None,
    )


_CSS = """body{font:15px/1.4 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#222}
h1{font-size:1.4rem}h2{font-size:1.05rem;margin:2rem 0 .6rem;font-family:'Courier Prime',Courier,monospace}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(21rem,1fr));gap:1rem}
figure{margin:0;border:1px solid #ccc;background:#fafafa}figure img{width:100%;display:block}
figcaption{padding:.4rem .6rem;font-size:.85rem}.tech{color:#555}.dia{color:#444;font-style:italic}
.f{border-left:4px solid #ef8f00;padding:.3rem .6rem;margin:.4rem 0;background:#fff8ec;font-size:.9rem}
.err{border-color:#c62828;background:#fdecea}"""


def write_html(panels: Sequence[Panel], path: str | Path, shots: ShotList, report: FramesReport | None = None,
               pdf_name: str | None = None) -> None:
    """An HTML page with the panels in order, grouped by scene; every text is escaped."""
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
    for f in findings:  # the list at the top links to the panels
        link = f' <a href="#shot-{e(f["shot"])}">shot {e(f["shot"])}</a>:' if f.get("shot") else ""
        out.append(f'<div class="f">{link} {e(f["message"])}</div>')
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
        out.append(f'<figure id="shot-{e(shot.number)}"><img src="{e(panel.filename)}" alt="{e(ident)}: {e(description)}" loading=lazy>')
        out.append(f"<figcaption><b>{e(ident)}</b> <span class=tech>{e(tech)}</span><br><span class=tech>{e(line2)}</span>")
        if description:
            out.append(f"<br>{e(description)}")
        if dialogue:
            out.append(f"<br><span class=dia>&ldquo;{e(dialogue)}&rdquo;</span>")
        for f in by_shot.get(shot.number, []):
            out.append(f'<div class="f">{e(f["message"])}</div>')
        out.append("</figcaption></figure>")
    if scene is not None:
        out.append("</div>")
    if report is not None and report.errors:
        out.append("<h2>Errors</h2>")
        out.extend(f'<div class="f err">{e(msg)}</div>' for _, msg in report.errors)
    out.append("</html>")
    Path(path).write_text("\n".join(out) + "\n", encoding="utf-8")


def write_storyboard(shots: ShotList, out_dir: str | Path, *, bible: Bible | None = None,
                     renderer: Renderer | None = None, width: int = DEFAULT_WIDTH, font_path: str | None = None,
                     source: str = "", bible_source: str | None = None,
                     costumes: ScriptCostumes | None = None) -> StoryboardResult:
    """Render every shot and write the storyboard folder.

    Writes ``NNN_<shot>.png`` per shot, ``contact-sheet.pdf``, ``index.html`` and
    ``findings.json`` (the visual checks on the panels: screen direction over the
    blocking, palette, exposure and time of day over the pictures).

    Raises:
        InputError: the folder cannot be created or written.
    """
    from continuity.visual.checks import audit_images, with_image

    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{out}: cannot create the folder: {exc.strerror or exc}") from None
    board = Board.build(shots, bible, costumes)
    panels = render_panels(shots, bible, renderer, width, font_path, board=board)
    images = [(str(out / p.filename), p.shot, np.asarray(p.picture)) for p in panels]
    report = audit_images(images, bible, shots, blocking=True, source=str(out), shots_source=source or None,
                          bible_source=bible_source, kind="storyboard", board=board, panels=True)
    names = {p.shot.number: str(out / p.filename) for p in panels}
    report = replace(report, findings=tuple(  # screen-direction findings point at the panel of their shot
        with_image(f, names.get(dict(f.extra).get("shot"))) if dict(f.extra).get("image") is None else f
        for f in report.findings
    ))
    pngs = []
    pdf, page, findings_json = out / "contact-sheet.pdf", out / "index.html", out / "findings.json"
    try:
        for p in panels:
            path = out / p.filename
            save_png(p, path)
            pngs.append(path)
        save_pdf(contact_sheet_pages(panels, shots.title), pdf, shots.title)
        write_html(panels, page, shots, report, pdf.name)
        findings_json.write_text(json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        _remove_stale_panels(out, {p.name for p in pngs})
    except OSError as exc:
        raise InputError(f"{out}: cannot write the storyboard: {exc.strerror or exc}") from None
    return StoryboardResult(out, tuple(pngs), pdf, page, findings_json, report)


def _remove_stale_panels(out: Path, keep: set[str]) -> None:
    """Delete panels of an earlier run (our file names, with our PNG text chunk) that this run did not write."""
    for path in out.iterdir():
        if path.name in keep or not _PANEL_NAME_RE.match(path.name):
            continue
        try:
            with Image.open(path) as im:
                ours = "studio:shot" in im.info
        except (OSError, SyntaxError, ValueError):
            continue
        if ours:
            path.unlink()


__all__ = [
    "Panel", "StoryboardResult", "render_panels", "save_png", "contact_sheet_pages", "save_pdf",
    "write_html", "write_storyboard", "panel_filename",
]
