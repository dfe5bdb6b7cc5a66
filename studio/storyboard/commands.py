"""The ``studio storyboard`` and ``studio audit-frames`` commands.

Only typer and the standard library are imported at module level: Pillow, OpenCV
and NumPy load inside the commands, so ``studio audit`` starts as fast as before.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path

import typer

from continuity.language.words import plural


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


def _stderr(text: str) -> None:
    typer.echo(text, err=True)


def _write(path: Path, text: str) -> None:
    from continuity.errors import InputError

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from exc


def _format_report(report) -> str:
    """Visual findings as readable text, one block per finding, then unreadable files."""
    d = report.to_dict()
    lines = []
    for f in d["findings"]:
        where = " ".join(p for p in (f"scene {f['scene']}" if f["scene"] else "", f"shot {f['shot']}" if f.get("shot") else "") if p)
        lines.append(f"{f['severity'].upper():7} {f.get('check', 'visual'):18} {where}")
        lines.append(f"        {f['message']}")
        if f.get("image"):
            lines.append(f"        image: {f['image']}")
        for ev in f["evidence"]:
            label = ev.get("bible") or (f"scene {ev['scene']}" if ev.get("scene") else "")
            lines.append(f"        evidence: {label + ': ' if label else ''}{ev['text']}")
    for e in d["errors"]:
        lines.append(f"{'SKIPPED':7} {e['error']}")
    n = len(d["findings"])
    counts = ", ".join(f"{v} {k}{'s' if v != 1 else ''}" for k, v in d["summary"].items() if v)
    lines.append(
        f"{d['script']}: {len(d['images'])} image{'s' if len(d['images']) != 1 else ''} checked, "
        f"{n} finding{'s' if n != 1 else ''}" + (f" ({counts})" if counts else "")
        + (f", {len(d['errors'])} unreadable" if d["errors"] else "") + "."
    )
    return "\n".join(lines) + "\n"


def _exit_for(report, fail_on: FailOn) -> None:
    from continuity.checks.findings import severity_at_least

    if fail_on is not FailOn.never and any(severity_at_least(f.severity, fail_on.value) for f in report.findings):
        raise typer.Exit(1)


def storyboard_command(
    source: Path = typer.Argument(..., help="A run folder holding shots.json, or a shot-list JSON file."),
    bible: Path | None = typer.Option(
        None, "--bible", "-b", help="The bible (YAML): looks, wardrobe, sets, palette and aspect ratio. "
        "Default: bible.yaml in the run folder, if any."
    ),
    out: Path | None = typer.Option(
        None, "--out", "-o", help="Output folder. Default: storyboard/ in the run folder, or ./storyboard for a file."
    ),
    width: int = typer.Option(960, "--width", min=160, max=4096, help="Panel width in pixels."),
    font_file: Path | None = typer.Option(None, "--font", help="A TTF font for labels (default: Pillow's built-in font)."),
    script: Path | None = typer.Option(
        None, "--script", help="The screenplay, for costumes and looks the bible does not give. "
        "Default: the shot list's \"script\", read next to it, when that file exists."
    ),
    no_script: bool = typer.Option(False, "--no-script", help="Draw from the bible alone; do not read the screenplay."),
    as_json: bool = typer.Option(False, "--json", help="Print the visual findings as JSON (as in findings.json)."),
    fail_on: FailOn = typer.Option(FailOn.never, "--fail-on", help="Exit 1 when a visual finding is at least this severe."),
) -> None:
    """Draw a storyboard: one panel per shot, a PDF contact sheet, an HTML page.

    Each panel shows the frame at the bible's aspect ratio; the set (walls, floor
    and the features the bible or the action gives, or sky, horizon and ground) lit
    by the time of day within the palette; each character in their own figure and
    colours (hair, and the wardrobe the bible or the script gives for the scene),
    posed and holding the props the action names; camera-movement arrows and a
    caption. The panels are then checked: screen direction (180-degree rule),
    palette, exposure, time of day, and each character's colours (identity);
    the findings and the identity scores go to findings.json and the HTML page.

    Exit status: 0 written (or no finding at or above --fail-on), 1 findings at or
    above --fail-on, 2 bad input.

    Examples:

      studio storyboard assets/examples/lighthouse/shots.json --bible assets/examples/lighthouse/bible.yaml --out board

      studio storyboard runs/pilot --fail-on warning

      studio storyboard shots.json --bible bible.yaml --script pilot.fountain
    """
    from continuity.api import load_bible
    from continuity.errors import InputError
    from continuity.visual.shots_json import load_shots
    from studio.storyboard.sheet import write_storyboard

    shots = load_shots(source)
    run_dir = source if source.is_dir() else None
    if bible is None and run_dir is not None and (run_dir / "bible.yaml").is_file():
        bible = run_dir / "bible.yaml"
    canon = load_bible(bible) if bible else None
    if font_file is not None and not font_file.is_file():
        raise InputError(f"{font_file}: no such font file")
    target = out or (run_dir / "storyboard" if run_dir is not None else Path("storyboard"))
    shots_path = str(source / "shots.json") if run_dir is not None else str(source)
    screenplay = None if no_script else (script or _script_beside(shots, Path(shots_path)))
    costumes = None
    if screenplay is not None:
        from continuity.api import load_script, script_costumes

        costumes = script_costumes(load_script(screenplay), canon)
    try:
        result = write_storyboard(
            shots, target, bible=canon, width=width, font_path=str(font_file) if font_file else None,
            source=shots_path, bible_source=str(bible) if bible else None, costumes=costumes,
        )
    except OSError as exc:  # a font file Pillow cannot read
        raise InputError(f"{font_file or target}: {exc}") from None
    report = result.report
    if as_json:
        sys.stdout.write(json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n")
    elif report.findings:
        sys.stdout.write(_format_report(report))
    n = len(report.findings)
    looks = " and ".join(x for x in (bible.name if bible else "", screenplay.name if screenplay else "") if x)
    _stderr(
        f"wrote {plural(len(result.pngs), 'panel')}, {result.pdf.name} and {result.html.name} to {result.out_dir} "
        f"({plural(n, 'visual finding')}; looks and wardrobe from {looks or 'no bible or script'})"
    )
    _exit_for(report, fail_on)


def _script_beside(shots, shots_file: Path) -> Path | None:
    """The screenplay a shot list names (``"script"``), next to the list, when it exists."""
    if not shots.script:
        return None
    candidate = shots_file.parent / shots.script
    return candidate if candidate.is_file() else None


def audit_frames_command(
    frames: Path = typer.Argument(..., help="A folder of stills or frames (PNG/JPEG), or one image."),
    bible: Path | None = typer.Option(None, "--bible", "-b", help="The bible (YAML), for the palette check."),
    shots: Path | None = typer.Option(
        None, "--shots", "-s", help="The shot list (JSON, or a run folder): scenes, times of day, cutting order."
    ),
    frame_map: Path | None = typer.Option(
        None, "--map", help="JSON {\"file name\": \"shot number\"} for frames whose names do not say their shot."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON (the shape of `studio audit --format json`)."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write the report to this file instead of stdout."),
    fail_on: FailOn = typer.Option(FailOn.warning, "--fail-on", help="Exit 1 when a finding is at least this severe."),
) -> None:
    """Check real stills or frames for visual continuity: palette, exposure, colour, time of day, identity.

    Images are matched to shots by name (a part of the file name that is a shot
    number: 3A.png, 012_3A.jpg, scene3-shot3A-v2.png) or by --map. Dominant
    colours are compared with the bible palette; exposure and colour temperature
    jumps are flagged between consecutive shots of a scene; a NIGHT frame as bright
    as day is flagged. Each character's colours, read where the shot list places
    them, must hold within a continuous span and match the costume the bible gives. Unreadable files (corrupt, empty, not PNG/JPEG, over 40
    megapixels) are reported one by one and the rest are still checked.

    Exit status: 0 no finding at or above --fail-on (default warning: visual
    findings are warnings), 1 findings at or above it, 2 bad input (missing
    folder, invalid shot list or bible, no readable image).

    Examples:

      studio audit-frames stills/ --bible bible.yaml --shots shots.json

      studio audit-frames board/ --bible bible.yaml --shots shots.json --json --out frames.json
    """
    from continuity.api import load_bible
    from continuity.errors import InputError
    from continuity.visual.checks import audit_frames, list_images, load_frame_map
    from continuity.visual.shots_json import load_shots

    paths, type_errors = list_images(frames)
    shot_list = load_shots(shots) if shots else None
    canon = load_bible(bible) if bible else None
    mapping = load_frame_map(frame_map) if frame_map else None
    if not paths and not type_errors:
        raise InputError(f"{frames}: no PNG or JPEG images in this folder")
    shots_path = str(shots / "shots.json") if shots is not None and shots.is_dir() else (str(shots) if shots else None)
    report = audit_frames(
        paths, canon, shot_list, mapping=mapping, source=str(frames), shots_source=shots_path,
        bible_source=str(bible) if bible else None, errors=type_errors,
    )
    text = json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n" if as_json else _format_report(report)
    if out is None:
        sys.stdout.write(text)
    else:
        _write(out, text)
        _stderr(f"wrote {out} ({plural(len(report.findings), 'finding')})")
    if not report.images:
        n = len(report.errors)
        raise InputError(f"{frames}: " + ("its image file could not be read" if n == 1
                                          else f"none of the {n} image files could be read"))
    _exit_for(report, fail_on)


__all__ = ["storyboard_command", "audit_frames_command"]
