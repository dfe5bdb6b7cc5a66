"""Score the one-liner (story day, time, cast per scene) against hand-labelled truth tables.

The truth tables, ``benchmarks/story/truth/*.story.json``, were labelled by people who
never saw the code (their ``conventions`` field says how). Each names its script: a
corpus screenplay in ``../shared/corpus/screenplays/`` or a short script in
``benchmarks/story/scripts/``.

Metrics (each over every labelled scene; a labelled scene the tool does not find as a
scene, matched by its heading's line, counts as wrong everywhere):

* **day**: the tool's ``story_day`` equals the label exactly (``D3``, ``N3``, ``FB12``).
* **day (FB mapped)**: the same after renaming the tool's FB numbers by the one-to-one
  mapping onto the labels' FB numbers that agrees on the most scenes (Hungarian
  assignment over the script's scenes): each past day found once, in any numbering.
  One missed boundary early on shifts every later FB number, which the exact score
  counts as wrong ever after; this one counts it once.
* **day (FB numbers aside)**: any ``FB<n>`` equals any ``FB<m>``: whether the main count
  is right and flashbacks are put outside it.
* **time**: the tool's resolved ``time`` equals the label after the same normalisation
  on both sides (:func:`continuity.screenplay.heading.normalise_time`: ``PRE-DAWN`` is
  ``DAWN``, ``MAGIC HOUR`` is ``DUSK``; a null label matches only a null).
* **present F1**: over (scene, name) pairs of the on-screen cast, micro-averaged;
  **present exact**: the share of scenes whose on-screen set equals the label.
* **heard F1**, **mentioned F1**: the same over the ``heard`` and ``mentioned`` lists
  (reported, no goal).

Usage:
    .venv/bin/python benchmarks/story_truth.py [--misses] [--json] [NAME ...]

A ``studio scenes --json`` row from before story time existed (an integer
``story_day``, ``effective_time``, ``cast``) is read as ``D<n>``/``N<n>`` (``N`` when
its time is NIGHT or EVENING), ``FB`` when None, and ``cast`` as present; that is how
the first run was scored.
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

from continuity.screenplay.heading import normalise_time  # noqa: E402


def _rows(script_path: Path) -> list[dict]:
    from continuity.api import load_script
    from continuity.story.breakdown import one_liner

    return [r.to_dict() for r in one_liner(load_script(script_path))]


def _norm_time(t: str | None) -> str | None:
    return normalise_time(t) if t else None


def _tool_view(row: dict) -> dict:
    """Day, time and the three cast lists of one tool row (old or new JSON)."""
    if "present" in row:
        return {"day": row["story_day"], "time": row["time"], "present": row["present"],
                "heard": row.get("heard", []), "mentioned": row.get("mentioned", [])}
    t = row.get("effective_time")
    d = row.get("story_day")
    day = "FB" if d is None else f"{'N' if t in ('NIGHT', 'EVENING') else 'D'}{d}"
    return {"day": day, "time": t, "present": row.get("cast", []), "heard": [], "mentioned": []}


def _fb_blind(day: str | None) -> str | None:
    return "FB" if day and day.startswith("FB") else day


def _fb_mapping(pairs: list[tuple[str | None, str]]) -> dict[str, str]:
    """The one-to-one renaming of the tool's FB labels onto the truth's that agrees on the most scenes."""
    from scipy.optimize import linear_sum_assignment

    tool = sorted({g for g, _ in pairs if g and g.startswith("FB")})
    want = sorted({w for _, w in pairs if w and w.startswith("FB")})
    if not tool or not want:
        return {}
    counts = [[sum(1 for g, w in pairs if g == t and w == x) for x in want] for t in tool]
    rows, cols = linear_sum_assignment([[-c for c in row] for row in counts])
    return {tool[r]: want[c] for r, c in zip(rows, cols) if counts[r][c] > 0}


class _F1:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0
        self.exact = 0
        self.n = 0

    def add(self, got: set[str], want: set[str]) -> None:
        self.tp += len(got & want)
        self.fp += len(got - want)
        self.fn += len(want - got)
        self.exact += got == want
        self.n += 1

    def f1(self) -> float:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"f1": round(self.f1(), 4), "tp": self.tp, "fp": self.fp, "fn": self.fn,
                "exact": self.exact, "exact_share": round(self.exact / self.n, 4) if self.n else None}


def score(truth_file: Path, misses: list[str] | None = None) -> dict:
    """Scores of one truth table (see the module docstring)."""
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    path = next((d / truth["script"] for d in SCRIPTS if (d / truth["script"]).exists()), None)
    if path is None:
        return {"name": truth_file.name, "skipped": f"{truth['script']} not found"}
    by_line = {r["line"]: _tool_view(r) for r in _rows(path)}
    fb_map = _fb_mapping([(by_line.get(s["line"], {}).get("day"), s["story_day"]) for s in truth["scenes"]])
    day = day_fb = day_map = tm = found = 0
    lists = {k: _F1() for k in ("present", "heard", "mentioned")}
    for s in truth["scenes"]:
        got = by_line.get(s["line"])
        found += got is not None
        got = got or {"day": None, "time": None, "present": [], "heard": [], "mentioned": []}
        ok_day = got["day"] == s["story_day"]
        ok_fb = _fb_blind(got["day"]) == _fb_blind(s["story_day"])
        day_map += fb_map.get(got["day"], got["day"]) == s["story_day"]
        ok_time = _norm_time(got["time"]) == _norm_time(s["time"])
        day += ok_day
        day_fb += ok_fb
        tm += ok_time
        for k, f in lists.items():
            f.add(set(got[k]), set(s[k]))
        if misses is not None:
            where = f"{truth_file.name.split('.')[0]} sc {s['n']} (line {s['line']}) {s['heading']}"
            if not ok_day or not ok_time:
                misses.append(f"{where}: day {got['day']} / {s['story_day']}, time {got['time']} / {s['time']}")
            for k in ("present", "heard", "mentioned"):
                g, w = set(got[k]), set(s[k])
                if g != w:
                    misses.append(f"{where}: {k} +{sorted(g - w)} -{sorted(w - g)}")
    n = len(truth["scenes"])
    return {"name": truth_file.name.removesuffix(".story.json"), "scenes": n, "found": found,
            "day": day, "day_fb_mapped": day_map, "day_fb_blind": day_fb, "time": tm, **{k: f.as_dict() for k, f in lists.items()},
            "_f1": lists}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("names", nargs="*", help="truth tables to score (default: all)")
    ap.add_argument("--misses", action="store_true", help="list every scene that disagrees")
    ap.add_argument("--json", action="store_true", help="print JSON")
    args = ap.parse_args(argv)
    files = sorted(TRUTH.glob("*.story.json"))
    if args.names:
        files = [f for f in files if any(n in f.name for n in args.names)]
    misses: list[str] | None = [] if args.misses else None
    results = [score(f, misses) for f in files]
    done = [r for r in results if "skipped" not in r]
    total = {"name": "all", "scenes": sum(r["scenes"] for r in done), "found": sum(r["found"] for r in done)}
    for k in ("day", "day_fb_mapped", "day_fb_blind", "time"):
        total[k] = sum(r[k] for r in done)
    for k in ("present", "heard", "mentioned"):
        f = _F1()
        for r in done:
            g = r["_f1"][k]
            f.tp += g.tp
            f.fp += g.fp
            f.fn += g.fn
            f.exact += g.exact
            f.n += g.n
        total[k] = f.as_dict()
    for r in done:
        r.pop("_f1")
    if args.json:
        print(json.dumps({"scripts": results, "total": total}, indent=2))
        return 0
    if misses:
        print("\n".join(misses))
        print()
    print(f"{'script':24} {'scenes':>6} {'day':>7} {'FB map':>7} {'FB any':>7} {'time':>7} {'present F1':>10} {'exact':>6} "
          f"{'heard F1':>8} {'ment. F1':>8}")
    for r in [*done, total]:
        n = r["scenes"] or 1
        print(f"{r['name']:24} {r['scenes']:>6} {r['day'] / n:>7.1%} {r['day_fb_mapped'] / n:>7.1%} "
              f"{r['day_fb_blind'] / n:>7.1%} {r['time'] / n:>7.1%} "
              f"{r['present']['f1']:>10.3f} {r['present']['exact_share']:>6.1%} {r['heard']['f1']:>8.3f} "
              f"{r['mentioned']['f1']:>8.3f}")
    for r in results:
        if "skipped" in r:
            print(f"{r['name']}: skipped ({r['skipped']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
