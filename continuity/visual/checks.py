"""Visual continuity: screen direction over a shot list, and image checks on frames.

Two kinds of check, both giving :class:`~continuity.checks.findings.Finding` objects of
category ``visual`` with ``shot`` and ``image`` in their JSON:

- **Screen direction** (:func:`check_screen_direction`) reads the blocking of a shot
  list: once one character looks across at another (A left of B, A facing right),
  the line of action is set, and a later shot of the scene that puts them on the
  other sides is flagged, unless a shot in between is marked ``crosses_line``.
- **Image checks** (:func:`check_images`) read pixels, so they work on our own
  storyboard panels and on real stills alike: dominant colours (k-means in CIELAB)
  against the bible palette (CIEDE2000); exposure (mean L*) and colour temperature
  (McCamy's CCT, compared in mired) jumps between consecutive shots of a scene; and
  time of day (a NIGHT frame as bright as day, a DAY frame as dark as night).

:func:`audit_frames` loads image files safely (type checked by content, size checked
from the header before decoding, at most :data:`MAX_PIXELS`) and reports a file it
cannot read in ``errors`` while the rest of the batch goes on.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, replace
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import numpy as np

from continuity.checks.findings import Evidence, Finding, Report, SceneInfo
from continuity.visual.board import Board
from continuity.visual.colour import (
    colour_temperature,
    delta_e_2000,
    finding,
    hex_to_rgb,
    srgb_to_lab,
)
from continuity.visual.frames import (
    MAX_PIXELS,
    FrameError,
    list_images,
    load_frame,
    load_frame_map,
    match_frames,
    read_frame,
    sniff,
)
from continuity.visual.layout import insert_box
from continuity.visual.shots import Shot, ShotList
from continuity.visual.wardrobe import (
    Signature,
    check_identity,
    identity_scores,
    signatures,
)

if TYPE_CHECKING:
    from continuity.bible.model import Bible

log = logging.getLogger(__name__)

PALETTE_DELTA_E = 15.0  # share-weighted CIEDE2000 (kL=2) from the dominant colours to the palette
EXPOSURE_JUMP = 20.0  # mean L* difference between consecutive shots of a scene
CCT_JUMP_MIRED = 80.0  # colour temperature difference, in mired (1e6 / kelvin)
NIGHT_MAX_LIGHTNESS = 45.0  # a NIGHT frame brighter than this (mean L*) reads as day
DAY_MIN_LIGHTNESS = 12.0  # a DAY frame darker than this reads as night
CLUSTERS = 5
ANALYSIS_SIDE = 128  # frames are analysed downscaled to this longest side
_DAY = ("DAY", "MORNING", "AFTERNOON")
_HEX_IN_TEXT_RE = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b")


# -- per-image measures -------------------------------------------------------------------------


@dataclass(frozen=True)
class FrameStats:
    """What the image checks measure on one frame.

    Attributes:
        lightness: mean CIELAB L* (0 black .. 100 white).
        cct: correlated colour temperature in kelvin, or None for a near-black frame.
        colours: dominant colours, ``(hex, share, (L, a, b))``, most common first.
    """

    lightness: float
    cct: float | None
    colours: tuple[tuple[str, float, tuple[float, float, float]], ...]


def _analysis_image(rgb: np.ndarray) -> np.ndarray:
    import cv2

    h, w = rgb.shape[:2]
    scale = ANALYSIS_SIDE / max(h, w)
    if scale < 1:
        rgb = cv2.resize(rgb, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA)
    return np.ascontiguousarray(rgb[..., :3], dtype=np.uint8)


def frame_stats(rgb: np.ndarray, k: int = CLUSTERS,
                exclude: Sequence[tuple[float, float, float, float]] = ()) -> FrameStats:
    """Measure an RGB uint8 image (H, W, 3): mean L*, CCT and ``k`` dominant colours.

    ``exclude``: boxes (x0, y0, x1, y1, as fractions of the frame) left out of the
    measure, such as a storyboard's figures, whose colours are the identity check's;
    ignored when they would leave less than a quarter of the frame.
    """
    import cv2

    small = _analysis_image(rgb)
    if exclude:
        h, w = small.shape[:2]
        keep = np.ones((h, w), dtype=bool)
        for x0, y0, x1, y1 in exclude:
            keep[max(0, int(y0 * h)):max(0, int(np.ceil(y1 * h))), max(0, int(x0 * w)):max(0, int(np.ceil(x1 * w)))] = False
        if keep.mean() >= 0.25:
            small = small[keep][None, :, :]
    lab = srgb_to_lab(small).reshape(-1, 3)
    data = np.ascontiguousarray(lab, dtype=np.float32)
    flat = small.reshape(-1, 3)
    packed = (flat[:, 0].astype(np.uint32) << 16) | (flat[:, 1].astype(np.uint32) << 8) | flat[:, 2]
    k = max(1, min(k, len(np.unique(packed))))  # k-means needs at least k distinct colours
    cv2.setRNGSeed(20240611)  # k-means++ seeding is random: fix it so results repeat
    criteria = (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 20, 0.5)
    _, labels, centres = cv2.kmeans(data, k, None, criteria, 2, cv2.KMEANS_PP_CENTERS)
    counts = np.bincount(labels.ravel(), minlength=k)
    colours = []
    for i in np.argsort(-counts, kind="stable"):
        if counts[i] == 0:
            continue
        mean_rgb = flat[labels.ravel() == i].mean(axis=0)
        hex_ = "#" + "".join(f"{int(round(c)):02x}" for c in mean_rgb)
        L, a, b = (round(float(v), 2) for v in centres[i])
        colours.append((hex_, round(float(counts[i] / counts.sum()), 4), (L, a, b)))
    return FrameStats(
        lightness=round(float(lab[:, 0].mean()), 2), cct=colour_temperature(small), colours=tuple(colours)
    )


@dataclass(frozen=True)
class PaletteMatch:
    """How far a frame's dominant colours are from a palette.

    Attributes:
        distance: share-weighted mean CIEDE2000 (kL=2) from each dominant colour to its
            nearest palette colour; near-black and near-white (low-chroma) colours are left out.
        worst: the farthest dominant colour holding at least 10% of the frame, as
            ``(hex, share, delta_e, nearest palette hex)``, or None.
    """

    distance: float
    worst: tuple[str, float, float, str] | None


def palette_match(stats: FrameStats, palette: Sequence[str]) -> PaletteMatch:
    """Compare a frame's dominant colours with ``palette`` (``#rrggbb`` list)."""
    if not palette or not stats.colours:
        return PaletteMatch(0.0, None)
    pal_lab = srgb_to_lab(np.array([hex_to_rgb(h) for h in palette], dtype=np.uint8))
    counted = [c for c in stats.colours if not _neutral_extreme(c[2])]
    if not counted:
        return PaletteMatch(0.0, None)
    de = delta_e_2000(np.array([c[2] for c in counted]), pal_lab, k_l=2.0)
    nearest = de.argmin(axis=1)
    best = de.min(axis=1)
    shares = np.array([c[1] for c in counted])
    distance = float((best * shares).sum() / shares.sum())
    worst = None
    big = [i for i, c in enumerate(counted) if c[1] >= 0.10]
    if big:
        i = max(big, key=lambda j: best[j])
        worst = (counted[i][0], counted[i][1], round(float(best[i]), 1), palette[int(nearest[i])])
    return PaletteMatch(round(distance, 2), worst)


def palette_for(bible: Bible | None, location: str | None = None) -> tuple[list[str], str]:
    """The colours a frame should keep to, and their bible path.

    A bible location (or an enclosing one) with an attribute ``palette`` (also
    ``colours``/``colors``) holding hex colours, e.g. ``palette: "#2b2f36 #c9822f"``,
    gives that place's own palette; otherwise the style palette (empty: no check).
    """
    if bible is None:
        return [], "style.palette"
    if location:
        for loc in bible.locations_for(location):
            for key in ("palette", "colours", "colors"):
                found = _HEX_IN_TEXT_RE.findall(loc.attributes.get(key, ""))
                if found:
                    return [_norm_hex(h) for h in found], f"locations.{loc.name}.attributes.{key}"
    return list(bible.style.palette), "style.palette"


def _norm_hex(h: str) -> str:
    h = h.lower().lstrip("#")
    return "#" + ("".join(c * 2 for c in h) if len(h) == 3 else h)


def _neutral_extreme(lab: tuple[float, float, float]) -> bool:
    """Near-black or near-white: shadows and highlights every grade has, whatever its palette."""
    lightness, chroma = lab[0], float(np.hypot(lab[1], lab[2]))
    return lightness < 8 or (chroma < 12 and (lightness < 15 or lightness > 92))


def _mired(kelvin: float) -> float:
    return 1e6 / kelvin


def _stops(l1: float, l2: float) -> float:
    def y(lstar: float) -> float:
        return ((lstar + 16) / 116) ** 3 if lstar > 8 else lstar / 903.3

    return float(np.log2(max(y(l2), 1e-4) / max(y(l1), 1e-4)))


# -- findings -------------------------------------------------------------------------------------


def check_screen_direction(shots: ShotList) -> list[Finding]:
    """The 180-degree rule over the shot list's blocking, scene by scene.

    A pair's line of action is set by a shot where one looks across at the other
    (the left one facing right, or the right one facing left). A later shot of the
    scene showing both on the other sides is flagged with both shot numbers, unless
    it or a shot since is marked ``crosses_line``; each jump is flagged once.
    """
    order = {"left": 0, "centre": 1, "right": 2}
    by_scene: dict[int, list[Shot]] = {}
    for shot in shots.shots:
        by_scene.setdefault(shot.scene, []).append(shot)
    findings: list[Finding] = []
    for seq in by_scene.values():
        lines: dict[tuple[str, str], tuple[bool, Shot]] = {}
        for shot in seq:
            if shot.crosses_line:
                lines.clear()
            for a, b in combinations(sorted(shot.subjects, key=lambda s: s.name), 2):
                if order[a.position] == order[b.position]:
                    continue
                a_left = order[a.position] < order[b.position]
                key = (a.name, b.name)
                ref = lines.get(key)
                left, right = (a, b) if a_left else (b, a)
                if ref is None:
                    if left.facing == "right" or right.facing == "left":
                        lines[key] = (a_left, shot)
                    continue
                if ref[0] != a_left:
                    prev = ref[1]
                    was, now = ("left", "right") if ref[0] else ("right", "left")
                    findings.append(finding(
                        "screen_direction", shot, None,
                        f"{a.name} and {b.name} swap screen sides: {a.name} is {now} of {b.name} in shot "
                        f"{shot.number} but {was} of {b.name} in shot {prev.number}, and no shot between "
                        f"crosses the line (180-degree rule)",
                        (Evidence(text=f"shot {prev.number}: {a.name} {was} of {b.name}"
                                  + (f" ({prev.description})" if prev.description else ""), scene=prev.scene),),
                        previous_shot=prev.number, characters=[a.name, b.name],
                    ))
                lines[key] = (a_left, shot)
    return findings


@dataclass(frozen=True)
class ImageEntry:
    """One analysed image: its name, the shot it shows (or None), its measures and its figures' signatures."""

    image: str
    shot: Shot | None
    stats: FrameStats
    figures: dict[str, Signature] = field(default_factory=dict)


def check_images(entries: Sequence[ImageEntry], shots: ShotList | None, bible: Bible | None) -> list[Finding]:
    """Palette, exposure, colour-temperature and time-of-day checks over analysed images.

    ``entries`` are in cutting order; jumps are measured between consecutive shots
    of one scene (the last image of a shot against the first of the next). The
    palette is the bible's, or the shot's location's own (:func:`palette_for`).
    """
    findings: list[Finding] = []
    for e in entries:
        location = shots.location_of(e.shot) if shots is not None and e.shot is not None else None
        palette, palette_path = palette_for(bible, location)
        if palette:
            match = palette_match(e.stats, palette)
            if match.distance > PALETTE_DELTA_E:
                what = f"shot {e.shot.number}" if e.shot else Path(e.image).name
                worst = (f"; {match.worst[0]} covers {match.worst[1]:.0%} of it, \u0394E {match.worst[2]:.0f} from "
                         f"the nearest palette colour {match.worst[3]}") if match.worst else ""
                findings.append(finding(
                    "palette", e.shot, e.image,
                    f"{what} is far from the palette: mean \u0394E {match.distance:.0f} (limit {PALETTE_DELTA_E:.0f}){worst}",
                    (Evidence(bible=palette_path, text=", ".join(palette)),),
                    delta_e=match.distance, dominant=[c[0] for c in e.stats.colours],
                ))
        if e.shot is not None and shots is not None:
            time = shots.time_of(e.shot)
            heading = shots.scene(e.shot.scene)
            ev = (Evidence(text=heading.heading if heading and heading.heading else f"scene {e.shot.scene}: {time}",
                           scene=e.shot.scene),)
            if time == "NIGHT" and e.stats.lightness > NIGHT_MAX_LIGHTNESS:
                findings.append(finding(
                    "time_of_day", e.shot, e.image,
                    f"shot {e.shot.number} is in a NIGHT scene but as bright as day "
                    f"(mean L* {e.stats.lightness:.0f}, night limit {NIGHT_MAX_LIGHTNESS:.0f})",
                    ev, lightness=e.stats.lightness, time=time,
                ))
            elif time in _DAY and e.stats.lightness < DAY_MIN_LIGHTNESS:
                findings.append(finding(
                    "time_of_day", e.shot, e.image,
                    f"shot {e.shot.number} is in a {time} scene but as dark as night "
                    f"(mean L* {e.stats.lightness:.0f}, day minimum {DAY_MIN_LIGHTNESS:.0f})",
                    ev, lightness=e.stats.lightness, time=time,
                ))
    findings.extend(_jumps(entries))
    return findings


def _jumps(entries: Sequence[ImageEntry]) -> list[Finding]:
    findings: list[Finding] = []
    prev: ImageEntry | None = None
    for e in entries:
        if e.shot is None:
            continue
        if prev is not None and prev.shot is not None and prev.shot.scene == e.shot.scene and prev.shot is not e.shot:
            a, b = prev.stats, e.stats
            ev = (Evidence(text=f"shot {prev.shot.number} ({Path(prev.image).name}): mean L* {a.lightness:.0f}"
                           + (f", {a.cct:.0f} K" if a.cct else ""), scene=prev.shot.scene),)
            dl = b.lightness - a.lightness
            if abs(dl) >= EXPOSURE_JUMP:
                findings.append(finding(
                    "exposure", e.shot, e.image,
                    f"exposure jumps between shots {prev.shot.number} and {e.shot.number} of scene {e.shot.scene}: "
                    f"mean L* {a.lightness:.0f} -> {b.lightness:.0f} ({_stops(a.lightness, b.lightness):+.1f} stops)",
                    ev, previous_shot=prev.shot.number, lightness=b.lightness, previous_lightness=a.lightness,
                ))
            if a.cct and b.cct and min(a.lightness, b.lightness) >= 10:
                dm = _mired(b.cct) - _mired(a.cct)
                if abs(dm) >= CCT_JUMP_MIRED:
                    findings.append(finding(
                        "colour_temperature", e.shot, e.image,
                        f"colour temperature jumps between shots {prev.shot.number} and {e.shot.number} of scene "
                        f"{e.shot.scene}: {a.cct:.0f} K -> {b.cct:.0f} K ({dm:+.0f} mired, "
                        f"{'warmer' if dm > 0 else 'cooler'})",
                        ev, previous_shot=prev.shot.number, cct=round(b.cct), previous_cct=round(a.cct),
                    ))
        prev = e
    return findings


# -- loading images -------------------------------------------------------------------------------

# -- the audit ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FramesReport(Report):
    """A :class:`Report` of visual findings, plus what was measured and what failed.

    ``images``: per image ``{"image", "shot", "scene", "lightness", "cct", "dominant", "figures"}``;
    ``errors``: per unreadable file ``{"image", "error"}`` (the batch goes on without it);
    ``identity``: per character, the identity score (:func:`continuity.visual.wardrobe.identity_scores`).
    """

    images: tuple[dict, ...] = ()
    errors: tuple[tuple[str, str], ...] = ()
    shots: str | None = None
    identity: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        """The audit JSON shape plus ``shots``, ``images``, ``errors`` and ``identity`` (the scores by character)."""
        d = super().to_dict()
        d["shots"] = self.shots
        d["images"] = [dict(i) for i in self.images]
        d["errors"] = [{"image": image, "error": error} for image, error in self.errors]
        d["identity"] = self.identity
        return d


def _scene_infos(shots: ShotList | None) -> tuple[SceneInfo, ...]:
    if shots is None:
        return ()
    last = max([s.scene for s in shots.shots] + [h.index for h in shots.scenes])
    infos = []
    for i in range(1, last + 1):
        h = shots.scene(i)
        infos.append(SceneInfo(i, 0, h.heading if h and h.heading else f"Scene {i}", shots.scene_time(i), None))
    return tuple(infos)


def _report(entries: list[ImageEntry], bible: Bible | None, shots: ShotList | None, *, blocking: bool, source: str,
            shots_source: str | None, errors: Sequence[tuple[str, str]], bible_source: str | None,
            kind: str, board: Board | None = None) -> FramesReport:
    rank = {s.number: i for i, s in enumerate(shots.shots)} if shots else {}
    entries = sorted(entries, key=lambda e: (rank.get(e.shot.number, len(rank)) if e.shot else len(rank), e.image))
    findings = check_images(entries, shots, bible)
    checks = ["exposure", "colour_temperature", "time_of_day"] if shots else []
    if bible is not None and (bible.style.palette or any(
        palette_for(bible, loc.name)[1] != "style.palette" for loc in bible.locations
    )):
        checks.insert(0, "palette")
    identity: dict = {}
    if shots is not None and any(s.subjects for s in shots.shots):
        checks.append("identity")
        figures = [(e.image, e.shot, e.figures) for e in entries]
        findings += check_identity(figures, shots, bible)
        identity = identity_scores(figures, shots, board)
    if blocking and shots is not None:
        checks.insert(0, "screen_direction")
        findings = check_screen_direction(shots) + findings
    findings.sort(key=lambda f: (f.scene, rank.get(dict(f.extra).get("shot"), len(rank)), dict(f.extra).get("check", "")))
    info = [
        {"image": e.image, "shot": e.shot.number if e.shot else None, "scene": e.shot.scene if e.shot else None,
         "lightness": e.stats.lightness, "cct": round(e.stats.cct) if e.stats.cct else None,
         "dominant": [{"colour": c[0], "share": c[1]} for c in e.stats.colours],
         "figures": {name: sig.to_dict() for name, sig in e.figures.items()}}
        for e in entries
    ]
    return FramesReport(
        script=source, format=kind, scenes=_scene_infos(shots), findings=tuple(findings),
        bible=bible_source, checks=tuple(checks), images=tuple(info), errors=tuple(errors), shots=shots_source,
        identity=identity,
    )


def _entry(name: str, shot: Shot | None, rgb: np.ndarray, board: Board | None, panel: bool) -> ImageEntry:
    """Measure one frame: its figures' signatures, and its light and colours (a panel's without its figures)."""
    planned = board.of(shot) if board is not None and shot is not None else None
    if planned is None:
        return ImageEntry(name, shot, frame_stats(rgb))
    h, w = rgb.shape[:2]
    exclude = []
    if panel:  # the set's light and colours, not the figures' (nor an insert's object)
        boxes = [p.bounds() for p in planned.placements(w, h)]
        boxes += [b for b in (insert_box(shot, w, h),) if b is not None]
        exclude = [(x0 / w, y0 / h, x1 / w, y1 / h) for x0, y0, x1, y1 in boxes]
    return ImageEntry(name, shot, frame_stats(rgb, exclude=exclude), signatures(rgb, board, shot))


def audit_images(images: Sequence[tuple[str, Shot | None, np.ndarray]], bible: Bible | None = None,
                 shots: ShotList | None = None, *, blocking: bool = False, source: str = "",
                 shots_source: str | None = None, errors: Sequence[tuple[str, str]] = (),
                 bible_source: str | None = None, kind: str = "frames", board: Board | None = None,
                 panels: bool = False) -> FramesReport:
    """Run the image checks on decoded images (and, with ``blocking``, screen direction).

    Args:
        images: ``(name, shot or None, RGB uint8 array)`` in any order; they are put
            in cutting order (shot-list order, then name) before the jump checks.
        bible: for the palette; without one (or without a palette) that check is skipped.
        shots: the shot list, for scenes, times of day and cutting order.
        blocking: also run :func:`check_screen_direction` on ``shots``.
        source, shots_source, bible_source: paths shown in the report.
        errors: ``(image, message)`` of files that could not be used.
        kind: the report's ``format`` (``frames`` or ``storyboard``).
        board: the board the images were drawn from (default: planned from ``shots`` and
            ``bible``), for where each figure is and which changes it records.
        panels: the images are our own panels: light and palette are measured without the figures.
    """
    if board is None and shots is not None:
        board = Board.build(shots, bible)
    entries = [_entry(name, shot, rgb, board, panels) for name, shot, rgb in images]
    return _report(entries, bible, shots, blocking=blocking, source=source, shots_source=shots_source,
                   errors=errors, bible_source=bible_source, kind=kind, board=board)


def audit_frames(paths: Sequence[str | Path], bible: Bible | None = None, shots: ShotList | None = None, *,
                 mapping: dict[str, str] | None = None, source: str = "", shots_source: str | None = None,
                 bible_source: str | None = None, errors: Sequence[tuple[str, str]] = ()) -> FramesReport:
    """Load image files and run the image checks on them.

    A file that cannot be used (corrupt, empty, not PNG/JPEG by content, over
    :data:`MAX_PIXELS`) is listed in the report's ``errors`` and skipped; the others
    are checked. Our own storyboard panels (a PNG with the ``studio:frame`` chunk) have
    their light and palette measured without the figures, as when they were drawn. Files are matched to shots by :func:`match_frames`. Each image is
    measured as it is read and then dropped, so memory does not grow with the batch.
    """
    paths = [Path(p) for p in paths]
    failed = list(errors)
    entries = []
    board = Board.build(shots, bible) if shots is not None else None
    for p, shot in zip(paths, match_frames(paths, shots, mapping)):
        try:
            rgb, panel = read_frame(p)
            entries.append(_entry(str(p), shot, rgb, board, panel))
        except FrameError as exc:
            log.info("skipping %s: %s", p, exc)
            failed.append((str(p), str(exc)))
    return _report(entries, bible, shots, blocking=False, source=source, shots_source=shots_source,
                   errors=failed, bible_source=bible_source, kind="frames")


def with_image(finding: Finding, image: str | None) -> Finding:
    """The finding with its ``image`` set (for screen-direction findings on rendered panels)."""
    extra = tuple((k, image if k == "image" else v) for k, v in finding.extra)
    return replace(finding, extra=extra)


__all__ = [
    "FrameError", "FrameStats", "PaletteMatch", "ImageEntry", "FramesReport",
    "srgb_to_lab", "delta_e_2000", "colour_temperature", "frame_stats", "palette_match",
    "check_screen_direction", "check_images", "palette_for", "sniff", "load_frame", "list_images",
    "match_frames", "load_frame_map", "audit_images", "audit_frames", "with_image",
    "MAX_PIXELS", "PALETTE_DELTA_E", "EXPOSURE_JUMP", "CCT_JUMP_MIRED", "NIGHT_MAX_LIGHTNESS", "DAY_MIN_LIGHTNESS",
]
