"""Colour science and the visual findings' shape, shared by the image checks and the identity check.

CIELAB from sRGB (OpenCV, D65), CIEDE2000 between sets of colours, McCamy's
correlated colour temperature, and :func:`finding`, which gives every visual
finding the same form (category ``visual``, severity ``warning``, ``shot`` and
``image`` in its JSON).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from continuity.checks.findings import Evidence, Finding
from continuity.visual.shots import Shot


def srgb_to_lab(rgb: np.ndarray) -> np.ndarray:
    """CIELAB (D65) of 8-bit sRGB values, shape (..., 3) -> float32 (..., 3)."""
    import cv2

    arr = np.asarray(rgb, dtype=np.float32).reshape(-1, 1, 3) / 255.0
    return cv2.cvtColor(arr, cv2.COLOR_RGB2Lab).reshape(np.shape(rgb))


def hex_to_rgb(colour: str) -> tuple[int, int, int]:
    """``#rrggbb`` -> (r, g, b)."""
    h = colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def delta_e_2000(lab1: np.ndarray, lab2: np.ndarray, k_l: float = 1.0) -> np.ndarray:
    """CIEDE2000 colour difference between every row of ``lab1`` (N, 3) and ``lab2`` (M, 3).

    ``k_l`` > 1 weighs lightness less (2 is the textile convention); the palette check
    uses 2 because exposure is judged by its own check.
    """
    a = np.asarray(lab1, dtype=np.float64)[:, None, :]
    b = np.asarray(lab2, dtype=np.float64)[None, :, :]
    L1, a1, b1 = a[..., 0], a[..., 1], a[..., 2]
    L2, a2, b2 = b[..., 0], b[..., 1], b[..., 2]
    c_bar = (np.hypot(a1, b1) + np.hypot(a2, b2)) / 2
    g = 0.5 * (1 - np.sqrt(c_bar**7 / (c_bar**7 + 25.0**7)))
    a1p, a2p = a1 * (1 + g), a2 * (1 + g)
    c1p, c2p = np.hypot(a1p, b1), np.hypot(a2p, b2)
    h1p = np.degrees(np.arctan2(b1, a1p)) % 360
    h2p = np.degrees(np.arctan2(b2, a2p)) % 360
    dLp, dCp = L2 - L1, c2p - c1p
    dh = h2p - h1p
    dh = np.where(dh > 180, dh - 360, np.where(dh < -180, dh + 360, dh))
    dh = np.where(c1p * c2p == 0, 0, dh)
    dHp = 2 * np.sqrt(c1p * c2p) * np.sin(np.radians(dh) / 2)
    L_bar = (L1 + L2) / 2
    cp_bar = (c1p + c2p) / 2
    hsum = h1p + h2p
    h_bar = np.where(
        c1p * c2p == 0, hsum,
        np.where(np.abs(h1p - h2p) <= 180, hsum / 2, np.where(hsum < 360, (hsum + 360) / 2, (hsum - 360) / 2)),
    )
    t = (1 - 0.17 * np.cos(np.radians(h_bar - 30)) + 0.24 * np.cos(np.radians(2 * h_bar))
         + 0.32 * np.cos(np.radians(3 * h_bar + 6)) - 0.20 * np.cos(np.radians(4 * h_bar - 63)))
    d_theta = 30 * np.exp(-(((h_bar - 275) / 25) ** 2))
    r_c = 2 * np.sqrt(cp_bar**7 / (cp_bar**7 + 25.0**7))
    s_l = 1 + 0.015 * (L_bar - 50) ** 2 / np.sqrt(20 + (L_bar - 50) ** 2)
    s_c = 1 + 0.045 * cp_bar
    s_h = 1 + 0.015 * cp_bar * t
    r_t = -np.sin(np.radians(2 * d_theta)) * r_c
    return np.sqrt(
        (dLp / (k_l * s_l)) ** 2 + (dCp / s_c) ** 2 + (dHp / s_h) ** 2 + r_t * (dCp / s_c) * (dHp / s_h)
    )


def colour_temperature(rgb: np.ndarray) -> float | None:
    """Correlated colour temperature (K) of the mean colour (McCamy), or None when too dark."""
    lin = np.asarray(rgb, dtype=np.float64).reshape(-1, 3) / 255.0
    lin = np.where(lin <= 0.04045, lin / 12.92, ((lin + 0.055) / 1.055) ** 2.4).mean(axis=0)
    m = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
    x, y, z = m @ lin
    total = x + y + z
    if y < 0.004 or total <= 0:
        return None
    cx, cy = x / total, y / total
    if abs(0.1858 - cy) < 1e-6:
        return None
    n = (cx - 0.3320) / (0.1858 - cy)
    cct = 449 * n**3 + 3525 * n**2 + 6823.3 * n + 5520.33
    return float(min(max(cct, 1000.0), 25000.0))


def finding(check: str, shot: Shot | None, image: str | None, message: str, evidence: tuple[Evidence, ...],
            character: str | None = None, **extra: object) -> Finding:
    """A visual finding about a shot (or an image matching none): a warning, line 0, with its check's name.

    ``character``: the character it is about (also in its subject, so two characters'
    findings on one shot keep apart).
    """
    key = shot.number if shot else (Path(image).name if image else "?")
    region = extra.get("region")
    subject = f"{key}.{check}" + (f".{character}" if character else "") + (f".{region}" if region else "")
    return Finding(
        category="visual", severity="warning", scene=shot.scene if shot else 0, line=0, message=message,
        text=(shot.description if shot and shot.description else (Path(image).name if image else key)),
        character=character, subject=subject, evidence=evidence,
        extra=(("check", check), ("shot", shot.number if shot else None), ("image", image), *extra.items()),
    )


__all__ = ["srgb_to_lab", "hex_to_rgb", "delta_e_2000", "colour_temperature", "finding"]
