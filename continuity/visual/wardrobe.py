"""Wardrobe and looks read back from frames: figure colour signatures, the identity check, the identity score.

Each subject's place in a frame comes from the shot list (:mod:`continuity.visual.layout`,
the geometry the renderer draws with), so this works on our own storyboard panels
and on real stills alike. In each frame a character's *signature* is two colours:
the torso (what they wear over it) and the top of the head (hair, or a hat), each
the dominant colour of its box (the most common 4-bit-per-channel colour, averaged),
so a name tag or a prop over part of the box does not change it.

- **Identity check** (:func:`check_identity`): within one continuous span (a scene,
  and the scenes headed CONTINUOUS or SAME after it) a character's signature must
  hold from one appearance to the next (CIEDE2000 with lightness weighted half,
  limit :data:`SPAN_DELTA_E`), unless the bible itself changes the costume there;
  and where the bible states a costume for the scene, the torso must be its colour
  (within :data:`BIBLE_DELTA_E`, or at least nearer its colour family than any other).
- **Identity score** (:func:`identity_scores`), in the spirit of ViStoryBench's
  cross-shot character consistency: the similarity of each appearance's signature
  to the previous one, ``1 - ΔE/50`` averaged over torso and head, so 1.0 where
  nothing changes and lower exactly where the colours change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

import numpy as np

from continuity.checks.findings import Evidence, Finding
from continuity.visual.colour import delta_e_2000, finding, srgb_to_lab
from continuity.visual.identity import FAMILY_RGB, colour_rgb, identity_for

if TYPE_CHECKING:
    from continuity.bible.model import Bible
    from continuity.visual.board import Board
    from continuity.visual.shots import Shot, ShotList

SPAN_DELTA_E = 12.0  # torso or head signature change between appearances within a continuous span
BIBLE_DELTA_E = 25.0  # torso colour farther than this from the bible's garment colour (and nearer another family)
SIMILARITY_SCALE = 50.0  # ΔE at which the identity similarity reaches 0
MIN_PIXELS = 12  # a box with fewer pixels in frame is not measured


@dataclass(frozen=True)
class Signature:
    """A character's colours in one frame: torso and head as sRGB and CIELAB, or None where not measurable."""

    torso: tuple[int, int, int] | None
    head: tuple[int, int, int] | None
    torso_lab: tuple[float, float, float] | None
    head_lab: tuple[float, float, float] | None

    def to_dict(self) -> dict:
        """JSON form: ``{"torso": "#rrggbb", "head": "#rrggbb"}`` (null where not measured)."""
        return {"torso": _hex(self.torso), "head": _hex(self.head)}


def _hex(rgb: tuple[int, int, int] | None) -> str | None:
    return None if rgb is None else "#" + "".join(f"{c:02x}" for c in rgb)


def dominant(rgb: np.ndarray, box: tuple[float, float, float, float]) -> tuple[int, int, int] | None:
    """The dominant colour of ``box`` (x0, y0, x1, y1) in an RGB frame, or None when too little is in frame."""
    h, w = rgb.shape[:2]
    x0, y0, x1, y1 = box
    cx0, cy0, cx1, cy1 = max(0, round(x0)), max(0, round(y0)), min(w, round(x1)), min(h, round(y1))
    if cx1 <= cx0 or cy1 <= cy0:
        return None
    crop = rgb[cy0:cy1, cx0:cx1, :3].reshape(-1, 3)
    if len(crop) < MIN_PIXELS or cy1 - cy0 < 3 or cx1 - cx0 < 3:
        return None  # too little of it in frame
    q = (crop >> 4).astype(np.int32)
    keys = (q[:, 0] << 8) | (q[:, 1] << 4) | q[:, 2]
    values, counts = np.unique(keys, return_counts=True)
    top = values[np.argmax(counts)]
    return tuple(int(round(c)) for c in crop[keys == top].mean(axis=0))  # type: ignore[return-value]


def signatures(rgb: np.ndarray, board: Board, shot: Shot) -> dict[str, Signature]:
    """Each subject's signature in a frame of ``shot`` (placed as the board places them)."""
    planned = board.of(shot)
    if planned is None or not shot.subjects:
        return {}
    h, w = rgb.shape[:2]
    out = {}
    for p in planned.placements(w, h):
        torso, head = dominant(rgb, p.torso_box()), dominant(rgb, p.head_box())
        labs = srgb_to_lab(np.array([c for c in (torso, head) if c is not None], dtype=np.uint8).reshape(-1, 3)) \
            if (torso or head) else np.zeros((0, 3))
        it = iter(tuple(round(float(v), 2) for v in row) for row in labs)
        out[p.name] = Signature(torso, head, next(it) if torso else None, next(it) if head else None)
    return out


@dataclass(frozen=True)
class Appearance:
    """A character in one analysed frame: the image, its shot and the signature measured there."""

    image: str
    shot: Shot
    name: str
    signature: Signature


def appearances(entries: Sequence[tuple[str, Shot | None, dict[str, Signature]]]) -> dict[str, list[Appearance]]:
    """Per character, their measured appearances in the order of ``entries`` (cutting order)."""
    out: dict[str, list[Appearance]] = {}
    for image, shot, sigs in entries:
        if shot is None:
            continue
        for name, sig in sigs.items():
            if sig.torso_lab is not None or sig.head_lab is not None:
                out.setdefault(name, []).append(Appearance(image, shot, name, sig))
    return out


def _de(a, b) -> float | None:
    if a is None or b is None:
        return None
    return float(delta_e_2000(np.array([a]), np.array([b]), k_l=2.0)[0, 0])


def similarity(a: Signature, b: Signature) -> float | None:
    """``1 - ΔE/50`` averaged over the regions measured in both (None when none is)."""
    parts = [d for d in (_de(a.torso_lab, b.torso_lab), _de(a.head_lab, b.head_lab)) if d is not None]
    if not parts:
        return None
    return round(sum(max(0.0, 1 - d / SIMILARITY_SCALE) for d in parts) / len(parts), 4)


def check_identity(entries: Sequence[tuple[str, Shot | None, dict[str, Signature]]], shots: ShotList,
                   bible: Bible | None) -> list[Finding]:
    """Figure colours that change within a continuous span, or that are not the bible's costume."""
    spans = shots.spans()
    findings: list[Finding] = []
    for seen in appearances(entries).values():
        prev: Appearance | None = None
        for a in seen:
            scene = a.shot.scene
            if prev is not None and spans.get(prev.shot.scene) == spans.get(scene):
                findings.extend(_span_change(prev, a, bible))
            findings.extend(_against_bible(a, bible))
            prev = a
    return findings


def _span_change(prev: Appearance, a: Appearance, bible: Bible | None) -> list[Finding]:
    if bible is not None:
        before, after = identity_for(a.name, prev.shot.scene, bible), identity_for(a.name, a.shot.scene, bible)
        if before.key != after.key:
            return []  # the bible changes the costume between these scenes
    out = []
    for part, word, verb in (("torso", "clothes", "change"), ("head", "hair (or hat)", "changes")):
        was, now = getattr(prev.signature, part + "_lab"), getattr(a.signature, part + "_lab")
        d = _de(was, now)
        if d is None or d <= SPAN_DELTA_E:
            continue
        where = f"scene {a.shot.scene}" if prev.shot.scene == a.shot.scene else \
            f"scenes {prev.shot.scene} and {a.shot.scene}, one continuous span"
        out.append(finding(
            "identity", a.shot, a.image,
            f"{a.name}'s {word} {verb} colour between shots {prev.shot.number} and {a.shot.number} ({where}): "
            f"{_hex(getattr(prev.signature, part))} -> {_hex(getattr(a.signature, part))} (\u0394E {d:.0f}, "
            f"limit {SPAN_DELTA_E:.0f}), and the bible records no costume change there",
            (Evidence(text=f"shot {prev.shot.number} ({prev.image}): {a.name}'s {word} "
                      f"{_hex(getattr(prev.signature, part))}", scene=prev.shot.scene),),
            character=a.name, region=part, previous_shot=prev.shot.number, delta_e=round(d, 1),
            colour=_hex(getattr(a.signature, part)), previous_colour=_hex(getattr(prev.signature, part)),
        ))
    return out


def _against_bible(a: Appearance, bible: Bible | None) -> list[Finding]:
    if bible is None or a.signature.torso_lab is None:
        return []
    ident = identity_for(a.name, a.shot.scene, bible)
    g = ident.torso_garment
    if g is None or g.colour is None or not g.source.startswith("characters."):
        return []
    want = colour_rgb(g.colour)
    if want is None:
        return []
    want_lab = tuple(float(v) for v in srgb_to_lab(np.array([want], dtype=np.uint8))[0])
    d = _de(a.signature.torso_lab, want_lab) or 0.0
    family = nearest_family(a.signature.torso_lab)
    if d <= BIBLE_DELTA_E or _de(a.signature.torso_lab, _family_lab(family)) >= d:
        return []
    entry = bible.character(a.name)
    where = entry.wardrobe[int(g.source.rsplit("[", 1)[1].rstrip("]"))].scenes if entry else None
    return [finding(
        "identity", a.shot, a.image,
        f"{a.name}'s clothes in shot {a.shot.number} read as {family} ({_hex(a.signature.torso)}), but the bible has "
        f"{g.words!r} for {where.describe() if where else 'this scene'} (\u0394E {d:.0f} from its {g.colour})",
        (Evidence(bible=g.source, text=g.words),),
        character=a.name, region="costume", delta_e=round(d, 1), colour=_hex(a.signature.torso), expected=g.words,
    )]


def _family_lab(family: str) -> tuple[float, float, float]:
    return tuple(float(v) for v in srgb_to_lab(np.array([FAMILY_RGB[family]], dtype=np.uint8))[0])  # type: ignore[return-value]


def nearest_family(lab: tuple[float, float, float]) -> str:
    """The colour family (``red``, ``green``, ``grey``...) nearest to a CIELAB colour."""
    names = list(FAMILY_RGB)
    fam = srgb_to_lab(np.array([FAMILY_RGB[n] for n in names], dtype=np.uint8))
    return names[int(delta_e_2000(np.array([lab]), fam, k_l=2.0)[0].argmin())]


def identity_scores(entries: Sequence[tuple[str, Shot | None, dict[str, Signature]]], shots: ShotList,
                    board: Board | None = None) -> dict[str, dict]:
    """Per character: appearances, the mean similarity between consecutive ones, and where it drops.

    With the ``board`` the panels were drawn from, each step also says whether the
    board records a change there (``recorded``: the character's identity differs
    between the two shots), so drops can be checked against the recorded changes.
    """
    spans = shots.spans()
    out: dict[str, dict] = {}
    for name, seen in appearances(entries).items():
        steps = []
        for prev, a in zip(seen, seen[1:]):
            sim = similarity(prev.signature, a.signature)
            if sim is None:
                continue
            step = {"from": prev.shot.number, "to": a.shot.number, "similarity": sim,
                    "same_span": spans.get(prev.shot.scene) == spans.get(a.shot.scene)}
            if board is not None:
                pa, pb = board.of(prev.shot), board.of(a.shot)
                if pa is not None and pb is not None and name in pa.identities and name in pb.identities:
                    step["recorded"] = pa.identities[name].key != pb.identities[name].key
            steps.append(step)
        sims = [s["similarity"] for s in steps]
        out[name] = {
            "appearances": len(seen),
            "score": round(sum(sims) / len(sims), 4) if sims else 1.0,
            "drops": [s for s in steps if s["similarity"] < 1.0],
            "signatures": [{"shot": a.shot.number, **a.signature.to_dict()} for a in seen],
        }
        if board is not None:
            out[name]["recorded_changes"] = sum(1 for s in steps if s.get("recorded"))
    return dict(sorted(out.items()))


__all__ = ["Signature", "Appearance", "signatures", "dominant", "appearances", "similarity", "check_identity",
           "identity_scores", "nearest_family", "SPAN_DELTA_E", "BIBLE_DELTA_E", "SIMILARITY_SCALE"]
