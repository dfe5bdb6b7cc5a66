"""When two values of one trait agree, and how long a value holds: the rules the people's reading compares by.

Split from :mod:`continuity.story.people`, which re-exports :func:`agrees` and :func:`holds_for`.
"""

from __future__ import annotations

from continuity.language.lexicon import EYE_COLOURS, HAIR_COLOURS, values_conflict

#: Traits that hold for a whole period of the story (until a change on screen), not one span of continuous time.
PERSISTENT = ("hair.colour", "hair.length", "eyes.colour", "beard", "moustache", "build", "height", "side.", "glasses.")


def agrees(key: str, a: str, b: str) -> bool:
    """Whether two values of one trait describe the same thing."""
    if a == b:
        return True
    if key.endswith("colour") and not key.startswith("eyes"):
        ga, gb = HAIR_COLOURS.get(a, a) or a, HAIR_COLOURS.get(b, b) or b
        return not values_conflict("hair", ga, gb)
    if key == "eyes.colour":
        return (EYE_COLOURS.get(a) or a) == (EYE_COLOURS.get(b) or b)
    if key == "hair.length":
        return "medium" in (a, b)
    if key == "build":
        return "muscular" in (a, b) and "slim" not in (a, b)
    if key in ("beard", "moustache") and "stubble" in (a, b):
        return True  # stubble grows back after a shave, and a beard may be cut to it
    if key.endswith(".bandage"):
        return _bandages_agree(a, b)
    if key.endswith(".bruise"):
        return not (a == "fading" and b == "swollen")  # a bruise heals, it does not swell shut again
    return False


def _bandages_agree(a: str, b: str) -> bool:
    """``bandaged-left`` and ``bandaged-right`` disagree; ``bare`` (both hands) disagrees with any bandage."""
    wa, _, sa = a.partition("-")
    wb, _, sb = b.partition("-")
    if wa == wb == "bandaged":
        return not (sa and sb and sa != sb)
    if {wa, wb} == {"bandaged", "bare"}:
        bare = sa if wa == "bare" else sb
        return bare == "one"
    return True


#: Keys no stretch of time changes: compared across every period, the past's included.
TIMELESS = frozenset({"eyes.colour"})


def holds_for(key: str) -> str:
    """How long a value holds: ``period``, ``span`` or ``days``."""
    if key.startswith(PERSISTENT):
        return "period"
    if key.endswith((".bandage", ".bruise")):
        return "days"
    return "span"


__all__ = ["PERSISTENT", "TIMELESS", "agrees", "holds_for"]
