"""Writing a storyboard: one PNG per shot, a PDF contact sheet and an HTML page.

Output is deterministic: PNGs are saved with fixed options and only our own text
chunks (no time stamps), the PDF has no creation or modification date, so the
same shot list gives byte-identical files.
"""

from __future__ import annotations

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
from studio.storyboard.page import write_html
from studio.storyboard.render import (
    DEFAULT_WIDTH,
    Panel,
    PanelContext,
    Renderer,
    SchematicRenderer,
    caption_texts,
    compose_panel,
    fit,
    font,
    plain,
    wrap,
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


def contact_sheet_pages(panels: Sequence[Panel], title: str = "", columns: int = 3, shots: ShotList | None = None,
                        flagged: dict[str, int] | None = None) -> list[Image.Image]:
    """A4 landscape pages (150 dpi) that read like a storyboard: a heading row per scene, then its shots.

    Each cell is the shot's number in large type with its size, angle and move, the
    picture, and its action (two lines) and first line of dialogue at a readable size
    (about 9 pt printed). A scene starts a new row under its heading; a page holds
    whole rows. ``flagged``: visual findings per shot number, shown as a red badge.
    """
    if not panels:
        return []
    pw, ph = PAGE_SIZE
    margin, gutter = round(0.35 * PAGE_DPI), round(0.12 * PAGE_DPI)
    title_font, small = font(round(0.16 * PAGE_DPI)), font(round(0.1 * PAGE_DPI))
    number_font, band_font = font(round(0.19 * PAGE_DPI)), font(round(0.12 * PAGE_DPI))
    body, tech_font = font(round(0.115 * PAGE_DPI)), font(round(0.1 * PAGE_DPI))
    header = sum(title_font.getmetrics()) + gutter
    band_h = sum(band_font.getmetrics()) + round(0.08 * PAGE_DPI)
    line_h = sum(body.getmetrics())
    top_h = sum(number_font.getmetrics()) + 4
    caption_h = 3 * line_h + 6
    cell_w = (pw - 2 * margin - (columns - 1) * gutter) // columns
    room = ph - 2 * margin - header
    picture = panels[0].frame
    pic_w, pic_h = picture[2] - picture[0], picture[3] - picture[1]
    scale = min(cell_w / pic_w, (room - band_h - top_h - caption_h - gutter) / pic_h)  # tall panels fit the page
    thumb_w, thumb_h = max(1, round(pic_w * scale)), max(1, round(pic_h * scale))
    cell_h = top_h + thumb_h + caption_h

    rows: list[tuple[int, list[Panel]]] = []  # (scene, panels of one row); a scene starts a new row
    for panel in panels:
        if rows and rows[-1][0] == panel.shot.scene and len(rows[-1][1]) < columns:
            rows[-1][1].append(panel)
        else:
            rows.append((panel.shot.scene, [panel]))
    pages: list[list[tuple[bool, int, list[Panel]]]] = [[]]
    used = 0
    prev_scene = None
    for scene, row in rows:
        band = scene != prev_scene
        need = (band_h if band else 0) + cell_h + gutter
        if pages[-1] and used + need > room:
            pages.append([])
            used, band = 0, True  # a continued scene repeats its heading on the new page
            need = band_h + cell_h + gutter
        pages[-1].append((band, scene, row))
        used += need
        prev_scene = scene

    out = []
    for n, content in enumerate(pages):
        page = Image.new("RGB", PAGE_SIZE, (255, 255, 255))
        draw = ImageDraw.Draw(page)
        draw.text((margin, margin - gutter), fit(plain(title or "Storyboard"), title_font, pw * 0.6), font=title_font,
                  fill=(20, 20, 20))
        tag = f"page {n + 1} of {len(pages)}  |  {plural(len(panels), 'shot')}"
        draw.text((pw - margin - small.getlength(tag), margin), tag, font=small, fill=(90, 90, 90))
        y = margin + header
        for band, scene, row in content:
            if band:
                heading = shots.scene(scene) if shots is not None else None
                text = f"SC {scene}" + (f"   {heading.heading}" if heading and heading.heading else "")
                draw.rectangle((margin, y, pw - margin, y + band_h - 6), fill=(232, 230, 224))
                draw.text((margin + 8, y + 3), fit(plain(text), band_font, pw - 2 * margin - 16), font=band_font,
                          fill=(20, 20, 20))
                y += band_h
            for c, panel in enumerate(row):
                x = margin + c * (cell_w + gutter)
                shot = panel.shot
                number = plain(shot.number)
                draw.text((x, y), number, font=number_font, fill=(20, 20, 20))
                _, tech, _, description, dialogue = caption_texts(shot, shots or ShotList(shots=(shot,)))
                tx = x + number_font.getlength(number) + 10
                draw.text((tx, y + top_h - sum(tech_font.getmetrics()) - 4), fit(plain(tech), tech_font, x + cell_w - tx),
                          font=tech_font, fill=(80, 80, 80))
                thumb = panel.picture.resize((thumb_w, thumb_h), Image.Resampling.LANCZOS)
                py = y + top_h
                page.paste(thumb, (x, py))
                draw.rectangle((x - 1, py - 1, x + thumb_w, py + thumb_h), outline=(150, 150, 150))
                count = (flagged or {}).get(shot.number, 0)
                if count:
                    badge = str(count)
                    bw = small.getlength(badge) + 14
                    draw.rounded_rectangle((x + thumb_w - bw - 4, py + 4, x + thumb_w - 4, py + 4 + sum(small.getmetrics()) + 4),
                                           radius=8, fill=(198, 40, 40))
                    draw.text((x + thumb_w - bw + 3, py + 6), badge, font=small, fill=(255, 255, 255))
                    draw.rectangle((x - 2, py - 2, x + thumb_w + 1, py + thumb_h + 1), outline=(198, 40, 40), width=2)
                ty = py + thumb_h + 4
                lines = wrap(plain(description), body, min(cell_w, thumb_w), 2 if dialogue else 3) if description else []
                for text in lines:
                    draw.text((x, ty), text, font=body, fill=(20, 20, 20))
                    ty += line_h
                if dialogue:
                    draw.text((x, ty), fit(plain(dialogue), body, min(cell_w, thumb_w)), font=body, fill=(105, 105, 105))
            y += cell_h + gutter
        out.append(page)
    return out


def save_pdf(pages: Sequence[Image.Image], path: str | Path, title: str = "") -> None:
    """A multi-page PDF with a fixed title and no dates, so it is byte-identical run to run."""
    first, *rest = pages
    first.save(
        path, format="PDF", save_all=True, append_images=rest, resolution=float(PAGE_DPI), quality=90,
        title=title or "Storyboard", author="continuity studio", creator="studio storyboard", producer="",
        creationDate=None, modDate=None,
    )


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
        flagged: dict[str, int] = {}
        for f in report.findings:
            number = dict(f.extra).get("shot")
            if number:
                flagged[number] = flagged.get(number, 0) + 1
        save_pdf(contact_sheet_pages(panels, shots.title, shots=shots, flagged=flagged), pdf, shots.title)
        write_html(panels, page, shots, report, pdf.name, board=board)
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
