"""What the held-out phrasing sets share: a row per case, the totals, and the command line.

Used by ``phrasings_bible.py`` and ``phrasings_props.py``; each builds its own scripts
and decides which findings count, then hands the rows here.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable


def row(kind: str, text: str, expected: str | None, hits: list) -> dict:
    """One case: caught (an error case with a finding of the ``expected`` category) or a false alarm (a control with any)."""
    found = [f for f in hits if f.category == expected] if expected else hits
    return {"kind": kind, "control": expected is None, "text": text,
            "detected": bool(found) if expected else None,
            "false_alarm": bool(hits) if expected is None else None,
            "findings": [f"{f.category}: {f.message}" for f in hits]}


def totals(rows: list[dict], started: float) -> dict:
    """The stable JSON: errors, detected, controls, false_alarms, seconds, rows."""
    errors = [r for r in rows if not r["control"]]
    controls = [r for r in rows if r["control"]]
    return {
        "errors": len(errors), "detected": sum(r["detected"] for r in errors),
        "controls": len(controls), "false_alarms": sum(r["false_alarm"] for r in controls),
        "seconds": round(time.perf_counter() - started, 2), "rows": rows,
    }


def main(doc: str, run: Callable[[], dict], caught: str) -> None:
    """``--json`` prints :func:`totals`; otherwise a line per case and the totals (``caught`` names what was caught)."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = run()
    if args.json:
        print(json.dumps(result, indent=2))
        return
    for r in result["rows"]:
        mark = ("caught" if r["detected"] else "MISSED") if not r["control"] else ("FALSE ALARM" if r["false_alarm"] else "quiet")
        print(f"{mark:>11}  {r['kind']:<10} {r['text'][:70]}")
        for f in r["findings"]:
            print(f"{'':13}{f[:150]}")
    print(f"\n{result['detected']}/{result['errors']} {caught}; "
          f"{result['false_alarms']}/{result['controls']} controls raised a false alarm ({result['seconds']} s)")
