"""Colour words as colours: the hex value a palette in words stands for ("cobalt" -> #0047ab).

Bibles give palettes in words as often as in hex. Each colour word the lexicon
knows (:data:`continuity.language.lexicon.COLOURS`) has a representative sRGB value
here, chosen from common naming (CSS where it names the colour); a two-word
colour ("bottle green", "mustard-yellow") takes its first colour word's value
unless the pair is listed itself.
"""

from __future__ import annotations

import re

HEX: dict[str, str] = {
    "red": "#cc2222", "scarlet": "#ff2400", "crimson": "#dc143c", "maroon": "#800000", "burgundy": "#800020",
    "pink": "#ffc0cb", "orange": "#ff8c00", "yellow": "#ffd700", "mustard": "#e1ad01", "gold": "#d4af37",
    "golden": "#d4af37", "green": "#228b22", "olive": "#808000", "khaki": "#bdb76b", "teal": "#008080",
    "blue": "#1e56c8", "navy": "#000080", "turquoise": "#40e0d0", "purple": "#800080", "violet": "#8f00ff",
    "lavender": "#b57edc", "brown": "#8b4513", "tan": "#d2b48c", "beige": "#f5f5dc", "camel": "#c19a6b",
    "black": "#111111", "white": "#f8f8f8", "cream": "#fffdd0", "ivory": "#fffff0", "grey": "#808080",
    "gray": "#808080", "silver": "#c0c0c0", "charcoal": "#36454f", "emerald": "#50c878", "jade": "#00a86b",
    "lime": "#32cd32", "sage": "#9caf88", "ruby": "#9b111e", "cherry": "#d2042d", "rust": "#b7410e",
    "rusty": "#b7410e", "copper": "#b87333", "bronze": "#cd7f32", "peach": "#ffcba4", "coral": "#ff7f50",
    "salmon": "#fa8072", "magenta": "#ff00ff", "fuchsia": "#ff00ff", "lilac": "#c8a2c8", "mauve": "#e0b0ff",
    "plum": "#8e4585", "indigo": "#4b0082", "cobalt": "#0047ab", "azure": "#007fff", "cyan": "#00ffff",
    "aqua": "#00ffff", "ochre": "#cc7722", "amber": "#ffbf00", "taupe": "#483c32", "chocolate": "#7b3f00",
    "tawny": "#cd5700", "ebony": "#555d50", "jet-black": "#0a0a0a", "snow-white": "#fffafa", "pearl": "#eae0c8",
    "sky-blue": "#87ceeb", "royal-blue": "#4169e1", "bottle-green": "#006a4e", "forest-green": "#228b22",
    "blood-red": "#880808", "wine": "#722f37", "claret": "#7f1734", "lemon": "#fff44f", "saffron": "#f4c430",
    "mint": "#98ff98", "whitewashed": "#f4f4f0", "honey": "#eba937", "brick": "#b22222", "bubblegum": "#ffc1cc",
    "stone": "#928e85", "sand": "#c2b280", "slate": "#708090", "rose": "#ff007f", "sepia": "#704214",
    "oatmeal": "#e0dcc8", "sea-green": "#2e8b57", "petrol": "#005f6a", "terracotta": "#e2725b",
}
_WORD_RE = re.compile(r"[a-z]+(?:-[a-z]+)?")


def colour_hex(text: str) -> str | None:
    """The hex value of a colour written in words (``"bottle green"``, ``"Cobalt"``), or None."""
    words = _WORD_RE.findall(text.lower())
    if not words:
        return None
    joined = "-".join(words)
    if joined in HEX:
        return HEX[joined]
    for w in words:
        if w in HEX:
            return HEX[w]
        for part in w.split("-"):
            if part in HEX:
                return HEX[part]
    return None


__all__ = ["HEX", "colour_hex"]
