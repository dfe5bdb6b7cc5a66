"""Contradictions of a bible, in phrasings the checks were not tuned on (a second fixed set).

``benchmarks/phrasings.py`` plants errors against the script itself. This set holds
a small bible (characters with looks and wardrobe, locations with their dressing,
props with their description) and one scene per case that contradicts it, in the
words a writer might use, plus controls that agree with the bible in other words
and must stay quiet. It was written in one sitting on 2026-12-02, before any check
was changed for it; its first result is recorded in docs/BENCHMARKS.md as it came
out. Run with the real embedder:

    .venv/bin/python benchmarks/phrasings_bible.py [--json]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from phrasing_common import main, row, totals  # noqa: E402

BIBLE = """\
title: Salt Road
characters:
  - name: HESTER
    attributes: {hair: black, eyes: grey, age: 50s, build: stocky}
    wardrobe:
      - {item: brown leather apron}
  - name: CALLUM
    attributes: {hair: blond, eyes: brown, age: 20s, beard: none, build: gangly}
    wardrobe:
      - {item: blue boiler suit}
  - name: DR. OKAFOR
    aliases: [Okafor]
    attributes: {hair: grey, age: 70s}
locations:
  - name: SALT WORKS - OFFICE
    description: A cramped office above the pans, with a green filing cabinet and a cracked skylight.
    attributes: {door: yellow, floor: bare concrete, walls: whitewashed}
  - name: HESTER'S VAN
    description: A rust-red Transit van with a broken wing mirror.
    attributes: {colour: rust-red}
props:
  - name: ledger
    description: The works' ledger, a fat book bound in green cloth.
  - name: thermos
    description: Hester's battered tartan thermos.
"""

OPEN = ("INT. SALT WORKS - OFFICE - DAY\n\nHESTER (50s) counts money at the desk. CALLUM (20s) leans in the doorway.\n\n"
        "HESTER\nShut that.\n\nCALLUM\nIt sticks.\n\n")
VAN = "EXT. HESTER'S VAN - DAY\n\nHester sits behind the wheel. Callum climbs in.\n\n"

# (kind, scene text after the heading, expected category, or None for a control)
CASES = [
    ("appearance", OPEN + "Hester tucks a strand of silver-blonde hair behind her ear.", "appearance"),
    ("appearance", OPEN + "Callum, dark curls plastered to his forehead, shrugs.", "appearance"),
    ("appearance", OPEN + "Hester fixes him with those pale blue eyes of hers.", "appearance"),
    ("appearance", OPEN + "Callum strokes the thick ginger beard he has grown.", "appearance"),
    ("appearance", OPEN + "Hester, reed-thin in the doorway light, waits.", "appearance"),
    ("appearance", OPEN + "DR. OKAFOR (30s), brisk, takes off her gloves.", "appearance"),
    ("appearance", OPEN + "Callum's green eyes flick to the money.", "appearance"),
    ("wardrobe", OPEN + "Hester wipes her hands on her white canvas apron.", "wardrobe"),
    ("wardrobe", OPEN + "Callum, in an orange boiler suit streaked with salt, sits down.", "wardrobe"),
    ("wardrobe", OPEN + "Grease darkens the knees of Callum's red boiler suit.", "wardrobe"),
    ("location", OPEN + "Callum kicks the dented grey filing cabinet shut.", "location"),
    ("location", OPEN + "He slams the office's blue door behind him.", "location"),
    ("location", OPEN + "Thick carpet muffles his steps.", "location"),
    ("location", OPEN + "Posters cover the red-brick walls.", "location"),
    ("location", VAN + "Callum drums his fingers on the van's gleaming white bonnet.", "location"),
    ("prop", OPEN + "Hester opens the ledger, a slim black notebook, and writes.", "prop"),
    ("prop", OPEN + "Callum pours tea from a shiny steel thermos.", "prop"),
    ("name", OPEN + "HESTOR\nGet out, then.", "name"),
    ("name", OPEN + "CALLUM\nDr. Okafur rang again.", "name"),
    ("name", OPEN + "Calum shrugs and goes.", "name"),
    ("timeline", OPEN + "Through the skylight, stars prick a black sky.", "timeline"),
    ("timeline", OPEN + "Hester switches on the desk lamp; it is past midnight.", "timeline"),
    # controls: the bible's facts in other words
    ("appearance", OPEN + "Hester rakes a hand through her jet-black hair.", None),
    ("appearance", OPEN + "Callum's fair hair sticks up at the back.", None),
    ("appearance", OPEN + "Hester's steel-grey eyes do not blink.", None),
    ("wardrobe", OPEN + "Hester's tan leather apron creaks as she stands.", None),
    ("wardrobe", OPEN + "Callum zips his navy boiler suit to the throat.", None),
    ("location", OPEN + "The mustard-yellow door bangs in the wind.", None),
    ("location", OPEN + "Callum leans on the olive filing cabinet.", None),
    ("prop", OPEN + "Hester thumps the green cloth-bound ledger on the desk.", None),
    ("prop", OPEN + "Callum unscrews the tartan thermos.", None),
    ("name", OPEN + "CALLUM\nOkafor's on the phone.", None),
    ("timeline", OPEN + "Sunlight slants through the cracked skylight.", None),
]


def run() -> dict:
    """Audit every case against the bible and report recall and false alarms."""
    from continuity.audit import run as audit
    from continuity.bible.load import parse_bible
    from continuity.language.minilm import MiniLM
    from continuity.screenplay.readers import fountain

    embedder = MiniLM()
    bible = parse_bible(BIBLE, source="salt-road.yaml")
    rows, started = [], time.perf_counter()
    for kind, text, expected in CASES:
        script = fountain.parse(text + "\n", source="case.fountain")
        last = text.rstrip().splitlines()[-1]
        later_line = text[: text.rindex(last)].count("\n") + 1
        report = audit(script, bible, embedder=embedder, cache_dir=None)
        hits = [f for f in report.findings if f.severity in ("error", "warning") and f.line >= later_line - 1]
        rows.append(row(kind, last, expected, hits))
    return totals(rows, started)


if __name__ == "__main__":
    main(__doc__, run, "contradictions of the bible caught")
