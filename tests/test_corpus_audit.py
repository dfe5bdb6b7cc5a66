"""The audit on real screenplays (../shared/corpus, skipped when absent).

Precision: the three clean screenplays give at most 1 error-or-warning finding per
10 scenes (they give none today). Recall on real prose: the same feature film with
errors planted in memory (never written into the repo) gives exactly those.
"""

from __future__ import annotations

import pytest

from continuity.audit import run
from continuity.screenplay.readers import fdx, fountain

SCREENPLAYS = ["Big-Fish", "The-Last-Birthday-Card", "Brick-and-Steel"]


@pytest.fixture(scope="module")
def minilm():
    from continuity.language.minilm import MiniLM

    return MiniLM()


@pytest.mark.slow
@pytest.mark.parametrize("name", SCREENPLAYS)
@pytest.mark.parametrize("ext", ["fountain", "fdx"])
def test_clean_screenplays_are_quiet(corpus, name, ext, minilm, tmp_path_factory):
    path = corpus / "screenplays" / f"{name}.{ext}"
    reader = fountain if ext == "fountain" else fdx
    script = reader.parse(path.read_text(encoding="utf-8") if ext == "fountain" else path.read_bytes(), source=str(path))
    report = run(script, None, embedder=minilm, cache_dir=str(tmp_path_factory.getbasetemp() / "corpus-cache"))
    loud = [f for f in report.findings if f.severity in ("error", "warning")]
    assert len(loud) <= len(script.scenes) / 10, [f.to_dict() for f in loud]


MUTATIONS = [
    # (anchor line in the original, text inserted after it, expected category)
    ("INT.  WILL'S BEDROOM - NIGHT (1973)", "\nNoon sun blazes through the bedroom window.\n", "timeline"),
    ("Red-headed ZACKY PRICE is 10.  His brother DON PRICE is 12, and a lot bigger than the others.",
     "\nZacky pushes his blonde hair out of his eyes.\n", "appearance"),
    ("As Amos pulls Karl aside to give him the hard sell, Edward notices a BEAUTIFUL YOUNG WOMAN (16) leaving "
     "with her family.  She's wearing a blue dress and hat.  For no good reason, she looks back at Edward.  ",
     "\nEdward straightens his green jacket.\n\nINT. BIG TOP - NIGHT - CONTINUOUS\n\nEdward, in a red jacket, runs.\n",
     "wardrobe"),
]


@pytest.mark.slow
def test_planted_errors_in_a_real_screenplay_are_found(corpus, minilm, tmp_path_factory):
    text = (corpus / "screenplays" / "Big-Fish.fountain").read_text(encoding="utf-8")
    for anchor, insert, _ in MUTATIONS:
        assert anchor in text, anchor
        text = text.replace(anchor, anchor + "\n" + insert, 1)
    # A misspelt cue in the middle of the film.
    lines = text.split("\n")
    cues = [i for i, line in enumerate(lines) if line.strip() == "EDWARD"]
    lines[cues[len(cues) // 2]] = "EDWRAD"
    script = fountain.parse("\n".join(lines), source="mutated")
    report = run(script, None, embedder=minilm, cache_dir=str(tmp_path_factory.getbasetemp() / "corpus-cache"))
    loud = [f for f in report.findings if f.severity in ("error", "warning")]
    got = sorted(f.category for f in loud)
    assert got == sorted(["timeline", "appearance", "wardrobe", "name"]), [f.to_dict() for f in loud]
    name = next(f for f in loud if f.category == "name")
    assert name.subject == "EDWRAD" and name.character == "EDWARD"
