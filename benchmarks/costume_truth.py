"""Score the costume plot's changes against hand-labelled truth (the ``costume_changes`` of the story truth tables).

A labelled change is a character, a scene and what changes ("takes off her oilskin",
"soaked through"), labelled by people who never saw the code. The tool's changes are
:meth:`continuity.story.dress.Dress.changes`. Both are reduced to (character, scene)
pairs, since a scene can hold several changes of one character and the labels word
them freely; precision and recall are over those pairs.

Usage:
    .venv/bin/python benchmarks/costume_truth.py [--misses] [--json] [NAME ...]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRUTH = ROOT / "benchmarks" / "story" / "truth"
SCRIPTS = (ROOT / "benchmarks" / "story" / "scripts", ROOT.parent / "shared" / "corpus" / "screenplays")
sys.path.insert(0, str(ROOT))


def _script(name: str) -> Path | None:
    for folder in SCRIPTS:
        p = folder / name
        if p.is_file():
            return p
    return None


def score(path: Path) -> dict:
    from continuity.api import load_script
    from continuity.settings import Settings
    from continuity.story.context import context_for
    from continuity.story.dress import Dress

    truth = json.loads(path.read_text(encoding="utf-8"))
    script_path = _script(truth["script"])
    if script_path is None:
        return {"name": path.name, "skipped": f"{truth['script']} not found"}
    ctx = context_for(load_script(script_path), None, settings=Settings.load())
    found = {(e.character, e.scene) for e in Dress.of(ctx).changes()}
    wanted = {(c["character"].upper(), c["scene"]) for c in truth.get("costume_changes", [])}
    hit = found & wanted
    return {
        "name": path.name.removesuffix(".story.json"), "labelled": len(wanted), "found": len(found), "hit": len(hit),
        "recall": round(len(hit) / len(wanted), 3) if wanted else None,
        "precision": round(len(hit) / len(found), 3) if found else None,
        "missed": sorted(wanted - found), "extra": sorted(found - wanted),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("names", nargs="*")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--misses", action="store_true")
    args = ap.parse_args()
    paths = sorted(TRUTH.glob("*.story.json"))
    if args.names:
        paths = [p for p in paths if any(n in p.name for n in args.names)]
    rows = [score(p) for p in paths]
    rows = [r for r in rows if "skipped" not in r]
    total = {k: sum(r[k] for r in rows) for k in ("labelled", "found", "hit")}
    total["recall"] = round(total["hit"] / total["labelled"], 3) if total["labelled"] else None
    total["precision"] = round(total["hit"] / total["found"], 3) if total["found"] else None
    if args.json:
        print(json.dumps({"scripts": rows, "total": total}, indent=2))
        return
    for r in rows:
        print(f"{r['name']:<26} labelled {r['labelled']:>3}  found {r['found']:>3}  hit {r['hit']:>3}  "
              f"recall {r['recall']}  precision {r['precision']}")
        if args.misses:
            print("   missed:", r["missed"])
            print("   extra: ", r["extra"])
    print(f"{'total':<26} labelled {total['labelled']:>3}  found {total['found']:>3}  hit {total['hit']:>3}  "
          f"recall {total['recall']}  precision {total['precision']}")


if __name__ == "__main__":
    main()
