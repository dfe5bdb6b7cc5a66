"""A small fixed set of continuity errors in phrasings the checks were not tuned on.

`studio bench detection` plants its own template phrasings at scale; after its misses
were used to improve the checks, its number is partly tuned. This set was written
once, after that work, and is reported as it came out: it is not to be tuned to. Each
case is a short original scene pair (an earlier statement, a later contradiction)
plus controls that must stay quiet. Run with the real embedder:

    .venv/bin/python benchmarks/phrasings.py [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

HEAD = ("INT. BOATHOUSE - {t}\n\nIRIS (40s) and OWEN (50s) work in silence. Iris mends a net; Owen sharpens a "
        "knife.\n\nIRIS\nPass me that.\n\nOWEN\nHere.\n\nIris takes it. Owen goes back to his knife.\n\n")
# Wardrobe is compared within a scene or a continuous span; the rest across scenes.
LATER = "EXT. JETTY - {t}\n\nGulls wheel overhead.\n\nINT. BOATHOUSE - {t2}\n\n"
SAME_SCENE = "Outside, the wind rises.\n\n"

# (kind, earlier, later, expected category or None for a control)
CASES = [
    ("prop", "Owen drops the pocket watch off the jetty. The tide takes it.", "Owen checks the time on his pocket watch.", "prop"),
    ("prop", "Iris feeds the old letters to the stove, one by one.", "Iris reads the old letters again by the window.", "prop"),
    ("prop", "A gull snatches the sandwich and is gone.", "Owen bites into the sandwich.", "prop"),
    ("prop", "Owen's reading glasses fall and he treads on them. They crunch into fragments.", "Owen pushes his reading glasses up his nose.", "prop"),
    ("prop", "Iris pawns the silver locket in town.", "Iris fingers the silver locket at her throat.", "prop"),
    ("prop", "Owen lends the torch to Iris.", "Iris sweeps the torch beam across the water.", None),
    ("prop", "Owen lobs the flare gun into the harbour.", "Owen fishes the flare gun out with a boathook.\n\nOwen loads the flare gun.", None),
    ("wardrobe", "Iris zips her yellow oilskin to the chin.", "Iris wrings rain out of the sleeve of her blue oilskin.", "wardrobe"),
    ("wardrobe", "Owen wears a moss-green cardigan, darned at the elbows.", "Owen's burgundy cardigan steams by the stove.", "wardrobe"),
    ("wardrobe", "Iris, in a white cable-knit jumper, hauls rope.", "She rolls up the sleeves of her black jumper.", "wardrobe"),
    ("wardrobe", "Owen wears a grey cap.", "Owen swaps the grey cap for a red one.\n\nOwen tugs at the red cap.", None),
    ("location", "The boathouse doors are painted a chalky blue.", "Owen shoulders open the yellow doors of the boathouse.", "location"),
    ("location", "A green tarp covers the dinghy. The walls here are whitewashed, white as bone.", "Iris leans against the tarred black walls.", "location"),
    ("location", "There is a red door at the back.", "A blue door stands open at the side.", None),
    ("name", "Owen coils the rope.", "Owne coils the rope again.", "name"),
    ("name", "Iris checks the knots.", "IRIS\nOwen, where's Irsi gone?", "name"),
    ("name", "Iris checks the knots.", "OWEN\nIrish coffee, Iris?", None),
    ("timeline", "Owen lights the lamp.", "The church clock strikes two a.m.", "timeline"),
    ("timeline", "Owen lights the lamp.", "A thin crescent moon hangs over the slipway.", "timeline"),
    ("timeline", "Owen lights the lamp.", "Iris squints against the glare of the midday sun on the water.", "timeline"),
    ("appearance", "Iris, hazel-eyed, watches the tide.", "Iris's eyes, cold and blue, follow the boat.", "appearance"),
    ("appearance", "Owen is bald as an egg.", "Owen runs a hand through his thick black hair.", "appearance"),
    ("appearance", "Owen, a wiry man, hauls the net.", "Owen, portly and short of breath, hauls the net.", "appearance"),
    ("appearance", "Iris is somewhere in her forties.", "Iris, barely eighteen, hauls the net.", "appearance"),
]
# The scene time each timeline case contradicts (the others are set in the day).
NIGHT_CUES = ("midday sun",)


def run() -> dict:
    """Audit every case and report recall and false alarms."""
    from continuity.audit import run as audit
    from continuity.language.minilm import MiniLM
    from continuity.screenplay.readers import fountain

    embedder = MiniLM()
    rows, started = [], time.perf_counter()
    for kind, earlier, later, expected in CASES:
        t = "NIGHT" if any(cue in later for cue in NIGHT_CUES) else "DAY"
        middle = SAME_SCENE if kind == "wardrobe" else LATER.format(t=t, t2=t)
        text = HEAD.format(t=t) + earlier + "\n\n" + middle + later + "\n"
        script = fountain.parse(textwrap.dedent(text), source="phrasings.fountain")
        later_line = text[: text.rindex(later.split("\n")[-1])].count("\n") + 1
        report = audit(script, None, embedder=embedder, cache_dir=None)
        hits = [f for f in report.findings if f.severity in ("error", "warning") and f.line >= later_line - 2]
        found = [f for f in hits if f.category == expected] if expected else hits
        rows.append({"kind": kind, "control": expected is None, "later": later, "detected": bool(found) if expected
                     else None, "false_alarm": bool(hits) if expected is None else None,
                     "findings": [f.message for f in hits]})
    errors = [r for r in rows if not r["control"]]
    controls = [r for r in rows if r["control"]]
    return {
        "cases": len(errors), "detected": sum(r["detected"] for r in errors),
        "controls": len(controls), "false_alarms": sum(r["false_alarm"] for r in controls),
        "seconds": round(time.perf_counter() - started, 1), "rows": rows,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    result = run()
    if args.json:
        print(json.dumps(result, indent=2))
        return
    for r in result["rows"]:
        mark = ("ok  " if r["detected"] else "MISS") if not r["control"] else ("FA  " if r["false_alarm"] else "quiet")
        print(f"{mark} {r['kind']:<10} {r['later'][:70]}")
    print(f"detected {result['detected']}/{result['cases']}, false alarms {result['false_alarms']}/{result['controls']}, "
          f"{result['seconds']} s")


if __name__ == "__main__":
    main()
