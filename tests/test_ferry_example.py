"""The `studio generate` example (assets/examples/ferry) and its two-scene cut.

A treatment is a ``# Title``, an italic logline paragraph, then one prose paragraph
per scene. The deterministic test writer relies on each scene paragraph naming
exactly one bible location, exactly one time-of-day word and the characters present
by their bible names or aliases; these tests hold both treatments to that, and the
full treatment to the bible's canon (it is written to agree with it).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from continuity.api import audit, load_bible, parse_script_text
from continuity.bible.model import Bible
from continuity.settings import Settings

FERRY = ROOT / "assets" / "examples" / "ferry"
TREATMENT = FERRY / "treatment.md"
BIBLE = FERRY / "bible.yaml"
TWO_SCENES = ROOT / "tests" / "files" / "generate" / "two-scenes.md"

TIME_WORDS = ("day", "morning", "afternoon", "night", "midnight", "dawn", "dusk", "evening")
# Times of day outside TIME_WORDS that a writer might read as one, so none may appear.
OTHER_TIME_WORDS = ("noon", "sunrise", "sunset", "twilight", "daybreak", "nightfall", "tonight", "today")
_WORD_RE = re.compile(r"[a-z]+")
_PARAGRAPH_SPLIT_RE = re.compile(r"\n[ \t]*\n")
_SPACE_RE = re.compile(r"\s+")


def scene_paragraphs(text: str) -> list[str]:
    """The scene paragraphs of a treatment, whitespace collapsed, in order.

    Skips the ``#`` title line and the italic logline paragraph (``*`` or ``_``).
    """
    out = []
    for block in _PARAGRAPH_SPLIT_RE.split(text):
        lines = [ln for ln in block.strip().splitlines() if not ln.lstrip().startswith("#")]
        para = _SPACE_RE.sub(" ", " ".join(lines)).strip()
        if para and not para.startswith(("*", "_")):
            out.append(para)
    return out


def names(entry) -> tuple[str, ...]:
    return (entry.name, *entry.aliases)


def mentions(paragraph: str, name: str) -> bool:
    """Whether ``name`` occurs in ``paragraph`` as whole words, ignoring case."""
    words = r"\s+".join(re.escape(w) for w in _prose_name(name).split())
    return re.search(rf"(?<![\w-]){words}(?![\w-])", paragraph, re.IGNORECASE) is not None


def _prose_name(name: str) -> str:
    # "FERRY - CAR DECK" as a heading writes it; prose would say "ferry car deck".
    return re.sub(r"\s+-\s+", " ", name)


def locations_in(bible: Bible, paragraph: str) -> list[str]:
    return [loc.name for loc in bible.locations if any(mentions(paragraph, n) for n in names(loc))]


def characters_in(bible: Bible, paragraph: str) -> list[str]:
    return [c.name for c in bible.characters if any(mentions(paragraph, n) for n in names(c))]


def time_words_in(paragraph: str) -> tuple[list[str], list[str]]:
    """(exact time words, other words that contain or are a time word: "tonight", "sunset")."""
    exact, near = [], []
    for word in _WORD_RE.findall(paragraph.lower()):
        if word in TIME_WORDS:
            exact.append(word)
        elif word in OTHER_TIME_WORDS or any(t in word for t in TIME_WORDS):
            near.append(word)
    return exact, near


@pytest.fixture(scope="module")
def bible() -> Bible:
    return load_bible(BIBLE)


# -- the helpers themselves ------------------------------------------------------------


def test_scene_paragraphs_skips_title_and_logline():
    text = "# T\n\n*Logline\ncontinues.*\n\nOne\ntwo.\n\n_Another aside._\n\nThree.\n"
    assert scene_paragraphs(text) == ["One two.", "Three."]


def test_time_words_catch_near_misses():
    assert time_words_in("At dusk they leave, and tonight, in daylight, at noon.") == (
        ["dusk"], ["tonight", "daylight", "noon"]
    )


def test_mentions_needs_whole_words_and_reads_headings_as_prose():
    assert mentions("Down on the Car  Deck.", "FERRY - CAR DECK") is False
    assert mentions("The ferry car deck.", "FERRY - CAR DECK")
    assert mentions("Nell's thermos", "NELL")
    assert not mentions("a tunnel", "NELL")


# -- the bible -------------------------------------------------------------------------


def test_bible_loads_with_the_promised_shape(bible):
    assert bible.title == "The Last Ferry"
    assert 3 <= len(bible.characters) <= 4
    assert 3 <= len(bible.locations) <= 5
    assert 2 <= len(bible.props) <= 3
    for c in bible.characters:
        assert {"age", "build"} <= set(c.attributes), c.name
        assert c.wardrobe, c.name
    # Someone changes clothes part-way through: a wardrobe item that starts late.
    assert any(not w.scenes.is_all and not w.scenes.contains(1) for c in bible.characters for w in c.wardrobe)
    for loc in bible.locations:
        assert loc.attributes.get("setting") in ("interior", "exterior"), loc.name
    assert {loc.attributes["setting"] for loc in bible.locations} == {"interior", "exterior"}
    for p in bible.props:
        assert p.attributes, p.name
    assert 4 <= len(bible.style.palette) <= 6
    assert bible.style.aspect_ratio and bible.style.tone


def test_bible_check_command_passes(monkeypatch, capsys):
    from studio.cli import main

    monkeypatch.setattr(sys, "argv", ["studio", "bible", "check", str(BIBLE)])
    with pytest.raises(SystemExit) as exc:
        main()
    out, err = capsys.readouterr()
    assert (exc.value.code or 0) == 0, err
    assert "valid" in out and "5 locations" in out


# -- the treatments --------------------------------------------------------------------


@pytest.mark.parametrize(("path", "count"), [(TREATMENT, 6), (TWO_SCENES, 2)], ids=["ferry", "two-scenes"])
def test_treatment_format(bible, path: Path, count: int):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# "), "a treatment opens with its # title"
    assert re.search(r"^\s*[*_]", text.split("\n\n", 1)[1]), "then an italic logline"
    paragraphs = scene_paragraphs(text)
    assert len(paragraphs) == count
    for i, para in enumerate(paragraphs, 1):
        assert 50 <= len(para.split()) <= 110, (i, len(para.split()))
        assert len(locations_in(bible, para)) == 1, (i, locations_in(bible, para))
        exact, near = time_words_in(para)
        assert len(exact) == 1 and not near, (i, exact, near)
        assert characters_in(bible, para), i


def test_every_bible_entry_appears_in_the_treatment(bible):
    text = " ".join(scene_paragraphs(TREATMENT.read_text(encoding="utf-8")))
    missing = [
        entry.name
        for entry in (*bible.characters, *bible.locations, *bible.props)
        if not any(mentions(text, n) for n in names(entry))
    ]
    assert missing == []


def test_wardrobe_changes_where_the_bible_says(bible):
    """Each dated garment is described only in scenes inside its range."""
    paragraphs = scene_paragraphs(TREATMENT.read_text(encoding="utf-8"))
    for c in bible.characters:
        for w in c.wardrobe:
            if w.scenes.is_all:
                continue
            seen = [i for i, para in enumerate(paragraphs, 1) if mentions(para, w.item)]
            assert seen, (c.name, w.item)
            assert all(w.scenes.contains(i) for i in seen), (c.name, w.item, seen, str(w.scenes))


def _as_fountain(bible: Bible, text: str) -> str:
    """The treatment as a screenplay: one heading per paragraph, the prose as action."""
    scenes = []
    for para in scene_paragraphs(text):
        loc = bible.location(locations_in(bible, para)[0])
        setting = "INT." if loc.attributes["setting"] == "interior" else "EXT."
        time = time_words_in(para)[0][0].upper()
        scenes.append(f"{setting} {loc.name} - {time}\n\n{para}\n")
    return "\n".join(scenes)


@pytest.mark.parametrize("path", [TREATMENT, TWO_SCENES], ids=["ferry", "two-scenes"])
def test_treatment_agrees_with_the_bible(bible, path: Path, tmp_path):
    script = parse_script_text(_as_fountain(bible, path.read_text(encoding="utf-8")), fmt="fountain")
    assert len(script.scenes) == len(scene_paragraphs(path.read_text(encoding="utf-8")))
    report = audit(script, bible, settings=Settings(cache_dir=str(tmp_path), embedder="hashing"))
    problems = [f for f in report.findings if f.severity in ("error", "warning")]
    assert problems == [], [f"{f.scene}:{f.category}: {f.message}" for f in problems]
