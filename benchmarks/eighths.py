"""Do the scenes' eighths add up to the script's length? For every corpus screenplay rendered to PDF.

Each ``../shared/corpus/screenplays/*.fountain`` is rendered with our own writer
(``studio convert X.fountain X.pdf``) and, where installed, screenplain (PyPI) and
afterwriting (npm, A4 default and US letter numbered), then read back. For each PDF
it prints the sum of the scenes' eighths, the script's length from the first heading
to its last printed row (exact, in eighths: full pages count 8) and the difference;
the target is at most 1/8. The Fountain layout itself is scored the same way.

Usage:
    .venv/bin/python benchmarks/eighths.py [--keep DIR]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "screenplays"
sys.path.insert(0, str(ROOT))

from continuity.api import load_script, save_script  # noqa: E402
from continuity.screenplay.pages import eighths_text, pagination  # noqa: E402

_AW = {"afterwriting-a4": [], "afterwriting-letter": ["scenes_numbers=both", "print_profile=usletter"]}


def renders(src: Path, out: Path) -> dict[str, Path]:
    """The PDFs of one script: ours, screenplain's and afterwriting's where they run here."""
    got = {}
    ours = out / f"{src.stem}.studio.pdf"
    save_script(load_script(src), ours)
    got["studio"] = ours
    try:
        import reportlab  # noqa: F401
        import screenplain  # noqa: F401

        sp = out / f"{src.stem}.screenplain.pdf"
        subprocess.run([sys.executable, "-c", "import sys; from screenplain.main import main; main(sys.argv[1:])",
                        str(src), str(sp)], check=True, capture_output=True, timeout=300)
        got["screenplain"] = sp
    except ImportError:
        pass
    exe = shutil.which("afterwriting")
    if exe:
        for name, settings in _AW.items():
            aw = out / f"{src.stem}.{name}.pdf"
            args = [exe, "--source", str(src), "--pdf", str(aw), "--overwrite"]
            for s in settings:
                args += ["--setting", s]
            subprocess.run(args, check=True, capture_output=True, timeout=300)
            got[name] = aw
    return got


def score(path: Path) -> tuple[int, int, float]:
    """(scenes, the scenes' eighths, the script's length in eighths)."""
    script = load_script(path)
    pag = pagination(script)
    return len(script.scenes), sum(pag.scene(s.index).eighths for s in script.scenes), pag.body


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--keep", type=Path, help="write the PDFs here instead of a temporary folder")
    args = ap.parse_args(argv)
    out = args.keep or Path(tempfile.mkdtemp(prefix="eighths-"))
    out.mkdir(parents=True, exist_ok=True)
    worst = 0.0
    print(f"{'script':28} {'rendering':22} {'scenes':>6} {'eighths':>9} {'length':>9} {'diff':>6}")
    for src in sorted(CORPUS.glob("*.fountain")):
        for name, path in {"fountain layout": src, **renders(src, out)}.items():
            n, total, body = score(path)
            diff = total - body
            worst = max(worst, abs(diff))
            print(f"{src.stem:28} {name:22} {n:>6} {eighths_text(total):>9} {eighths_text(round(body)):>9} {diff:>+6.2f}")
    print(f"\nlargest difference: {worst:.2f} eighths (target: at most 1)")
    if not args.keep:
        shutil.rmtree(out, ignore_errors=True)
    return 0 if worst <= 1 else 1


if __name__ == "__main__":
    sys.exit(main())
