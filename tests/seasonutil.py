"""Helpers for season tests: a synthetic season cut from a corpus screenplay, with planted cross-episode errors."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

_HEADING_RE = re.compile(r"^(?:INT|EXT|EST|INT\./EXT|INT/EXT|EXT/INT|I/E)[. ]", re.M)

#: The planted errors: (category, episode, text in the offending line, episode of the evidence).
PLANTED = (
    ("prop", 11, "Harlan opens the brass compass", 2),
    ("appearance", 12, "Harlan pushes his blonde hair", 1),
    ("name", 9, "HARLEN", None),
)

_PLANTS = {
    1: """
        EXT. ASHTON BUS STOP - DAY (PRESENT)

        HARLAN DUNE (50s), red hair, green eyes, steps off the bus with a carpet bag.

        HARLAN
        Nice town. Quiet.
        """,
    2: """
        EXT. CLIFF ROAD - NIGHT (PRESENT)

        Harlan stands at the edge with a brass compass in his hand.

        HARLAN
        I won't be needing this.

        Harlan hurls the brass compass over the cliff. It shatters on the rocks below.
        """,
    5: """
        INT. DINER - DAY (PRESENT)

        Harlan orders coffee and reads the paper.

        HARLAN
        Black. No sugar.
        """,
    9: """
        EXT. MAIN STREET - DAY (PRESENT)

        Harlan waves at a passing truck.

        HARLAN
        Morning!

        HARLEN
        Lovely day for it.

        HARLAN
        Lovely day.
        """,
    11: """
        EXT. RIVERBANK - DAY (PRESENT)

        Harlan opens the brass compass and checks the heading.

        HARLAN
        North it is.
        """,
    12: """
        EXT. ASHTON BUS STOP - DAY (PRESENT)

        Harlan pushes his blonde hair out of his eyes and waits for the bus.

        HARLAN
        Time to go.
        """,
}


def split_season(source: Path, folder: Path, episodes: int = 12) -> list[Path]:
    """Cut ``source`` (Fountain) into ``episodes`` files at scene headings, planting :data:`PLANTED`.

    Returns:
        The episode files in story order (``ep01.fountain``...).
    """
    text = source.read_text(encoding="utf-8")
    starts = [m.start() for m in _HEADING_RE.finditer(text)]
    per = max(1, len(starts) // episodes)
    cuts = [starts[k * per] for k in range(episodes)] + [len(text)]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(episodes):
        body = text[cuts[k] : cuts[k + 1]].rstrip() + "\n"
        plant = _PLANTS.get(k + 1)
        if plant:
            body += "\n" + textwrap.dedent(plant).strip() + "\n"
        path = folder / f"ep{k + 1:02d}.fountain"
        path.write_text(f"Title: Episode {k + 1}\n\n" + body, encoding="utf-8")
        paths.append(path)
    return paths


def findings_key(report) -> list[tuple]:
    """What two audits of one season must agree on: every finding's JSON."""
    return [f.to_dict() for f in report.findings]
