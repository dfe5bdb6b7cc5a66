"""Props and set dressing without a bible, in phrasings the checks were not tuned on (a third fixed set).

Each case is two scenes: the first establishes an object or a piece of set dressing,
the second contradicts it (a thing destroyed or given away then used, a colour that
changes, a piece of dressing that changes at the same place), or, for a control,
agrees in other words or explains the change. Written in one sitting on 2026-12-02
(session 2) before any check was changed for it; its first result is recorded in
docs/BENCHMARKS.md as it came out. Run with the real embedder:

    .venv/bin/python benchmarks/phrasings_props.py [--json]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from phrasing_common import main, row, totals  # noqa: E402

CAST = ("JUNE (30s), a locksmith, and her brother FELIX (20s) share a cramped flat. June is quick and "
        "impatient; she talks with her hands. Felix is slow to anger.\n\nJUNE\nYou're late.\n\nFELIX\nBus.\n\n")
FIRST = "INT. FLAT - KITCHEN - DAY\n\n" + CAST
SECOND = "\n\nINT. FLAT - KITCHEN - DAY\n\nJune and Felix eat in silence.\n\nJUNE\nPass the salt.\n\n"
STREET = "\n\nEXT. HIGH STREET - DAY\n\nJune walks fast. Felix trails behind her.\n\nFELIX\nWait up.\n\n"

# (kind, first-scene line, second-scene text, the heading that follows FIRST, expected category or None)
CASES = [
    ("prop", "Felix snaps the key in the lock. Half of it stays jammed inside, useless.",
     "Felix turns the key in the lock and the door swings open.", SECOND, "prop"),
    ("prop", "June posts her spare key through the letterbox of a stranger's house and walks away.",
     "June twirls her spare key on one finger.", STREET, "prop"),
    ("prop", "The kettle shorts out with a bang and a puff of black smoke. Dead.",
     "Felix fills the kettle and flicks it on. It boils.", SECOND, "prop"),
    ("prop", "June pours the last of the milk down the sink and tosses the carton.",
     "Felix pours milk from the carton into his tea.", SECOND, "prop"),
    ("prop", "Felix's bike is stolen from outside the shop while he buys bread.",
     "Felix chains his bike to a lamppost.", STREET, "prop"),
    ("prop", "June gives Felix her old radio.",
     "Felix tunes the radio.", SECOND, None),
    ("prop", "Felix smashes his phone against the wall.",
     "Felix buys a new phone and switches it on.", STREET, None),
    ("colour", "June lays her battered orange toolbox on the table.",
     "June flips open the lid of her grey toolbox.", SECOND, "prop"),
    ("colour", "Felix sips from a chipped yellow mug.",
     "Felix's chipped mug, bright green, steams beside him.", SECOND, "prop"),
    ("colour", "June's red bicycle leans against the wall.",
     "June wheels her black bicycle out of the hall.", STREET, "prop"),
    ("colour", "Felix's navy rucksack hangs off one shoulder.",
     "Felix swings his rucksack, a faded navy, onto the chair.", SECOND, None),
    ("colour", "June sets down a blue mug.",
     "Felix sets down a red mug beside it.", SECOND, None),
    ("dressing", "A brown leather armchair sits in the corner by the window.",
     "Felix sinks into the cream armchair by the window.", SECOND, "location"),
    ("dressing", "The fridge is covered in magnets. It is a squat white thing that hums.",
     "June slams the black fridge shut.", SECOND, "location"),
    ("dressing", "Lace curtains, white and thin, hang at the window.",
     "June draws the heavy green curtains against the light.", SECOND, "location"),
    ("dressing", "The kitchen table is painted a sunny yellow.",
     "Felix drums his fingers on the blue kitchen table.", SECOND, "location"),
    ("dressing", "The kitchen walls are tiled in white.",
     "Steam beads on the white-tiled walls.", SECOND, None),
    ("dressing", "The hall carpet is a worn red.",
     "Felix rolls up the red carpet and drags it out.", SECOND, None),
]


def run() -> dict:
    """Audit every case (no bible) and report recall and false alarms."""
    from continuity.audit import run as audit
    from continuity.language.minilm import MiniLM
    from continuity.screenplay.readers import fountain

    embedder = MiniLM()
    rows, started = [], time.perf_counter()
    for kind, first, second, heading, expected in CASES:
        text = FIRST + first + heading + second + "\n"
        script = fountain.parse(text, source="case.fountain")
        later_line = text[: text.rindex(second)].count("\n") + 1
        report = audit(script, None, embedder=embedder, cache_dir=None)
        hits = [f for f in report.findings if f.severity in ("error", "warning") and f.line >= later_line]
        rows.append(row(kind, second, expected, hits))
    return totals(rows, started)


if __name__ == "__main__":
    main(__doc__, run, "caught")
