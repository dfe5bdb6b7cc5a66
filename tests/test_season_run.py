"""Running seasons: local processes against the sequential run, the one cache writer, the library, the CLI and the store."""

from __future__ import annotations

import json
import sqlite3
import textwrap
from pathlib import Path

import pytest
from seasonutil import PLANTED, findings_key, split_season

from continuity.api import audit_season, load_season
from continuity.season.engine import LocalEngine, Unit, run_units
from continuity.season.work import Tools
from continuity.settings import Settings
from studio.review.store import Store

EP1 = """\
Title: One

INT. KITCHEN - NIGHT

MARA, 30s, red hair, green eyes, in a green coat, holds a brass compass.

MARA
Where is Tom?

EXT. CLIFF - NIGHT

Mara hurls the brass compass over the cliff. It shatters on the rocks below.
"""

EP2 = """\
Title: Two

INT. KITCHEN - DAY

Mara opens the brass compass and checks the heading.

MARA
Nobody answers.
"""

EP3 = """\
Title: Three

EXT. GARDEN - DAY

Mara pushes her blonde hair out of her eyes.

MARA
Spring at last.
"""


@pytest.fixture(scope="module")
def big_season(tmp_path_factory):
    """Big Fish cut into a 12-episode season with planted cross-episode errors."""
    from conftest import CORPUS

    source = CORPUS / "screenplays" / "Big-Fish.fountain"
    if not source.is_file():
        pytest.skip(f"corpus screenplay not found at {source}")
    return load_season(split_season(source, tmp_path_factory.mktemp("bigfish")))


def _settings(tmp_path: Path, name: str = "cache") -> Settings:
    return Settings(cache_dir=str(tmp_path / name), embedder="hashing")


def _show(folder: Path, **files: str) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, text in files.items():
        p = folder / name.replace("_", ".")
        p.write_text(textwrap.dedent(text), encoding="utf-8")
        out.append(p)
    return out


# -- parallel on one machine ------------------------------------------------------------------


def test_two_worker_processes_give_the_sequential_result(big_season, tmp_path):
    sequential = audit_season(big_season, settings=_settings(tmp_path, "a"))
    with LocalEngine(_settings(tmp_path, "b"), workers=2) as engine:
        assert engine.workers == min(2, __import__("os").cpu_count())
        parallel = audit_season(big_season, settings=_settings(tmp_path, "b"), engine=engine)
    assert findings_key(parallel) == findings_key(sequential)
    assert parallel.to_dict() == sequential.to_dict()
    for category, episode, text, evidence in PLANTED:
        hit = [f for f in sequential.findings if f.category == category and f.episode == episode and text in f.text]
        assert hit, (category, episode, text)
        if evidence is not None:
            assert hit[0].evidence[0].episode == evidence


def test_the_driver_is_the_one_writer_of_the_caches(tmp_path):
    paths = _show(tmp_path / "show", ep1_fountain=EP1, ep2_fountain=EP2, ep3_fountain=EP3)
    settings = _settings(tmp_path)
    tools = Tools(settings)
    assert tools.collection().write is False  # workers read the caches only
    assert not (tmp_path / "cache").exists()  # ...and a worker's tools create nothing
    unit = Unit(load_season(paths))
    first = run_units([unit], LocalEngine(settings, 1), settings)
    assert first[0].error is None
    db = tmp_path / "cache" / "embeddings-hashing-v1.sqlite3"
    with sqlite3.connect(db) as con:
        stored = con.execute("SELECT COUNT(*) FROM vec").fetchone()[0]
    assert stored >= sum(s["sentences"] for s in first[0].stats if s["episode"] is not None)
    again = run_units([unit], LocalEngine(settings, 1), settings)
    assert sum(s["encoded"] for s in again[0].stats) == 0  # every vector came from what the driver wrote
    assert again[0].report.to_dict() == first[0].report.to_dict()


def test_workers_are_capped_at_the_cores(tmp_path):
    import os

    engine = LocalEngine(_settings(tmp_path), workers=1000)
    assert engine.workers <= (os.cpu_count() or 1)
    from continuity.errors import InputError

    with pytest.raises(InputError):
        LocalEngine(_settings(tmp_path), workers=0)


def test_without_the_flag_nothing_imports_ray(tmp_path):
    import subprocess
    import sys

    code = ("import sys; from continuity.api import make_engine; from continuity.settings import Settings; "
            "import studio.cli, continuity.season.library, continuity.season.engine; "
            "e = make_engine(Settings(embedder='hashing', cache=False), workers=1); "
            "print(type(e).__name__, 'ray' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert out.stdout.split() == ["LocalEngine", "False"], out.stderr


# -- the library -----------------------------------------------------------------------------


@pytest.fixture
def library(tmp_path) -> Path:
    root = tmp_path / "library"
    show = root / "show"
    _show(show, ep1_fountain=EP1, ep2_fountain=EP2, ep3_fountain=EP3)
    (show / "series.yaml").write_text("title: Show\nepisodes: [ep1.fountain, ep2.fountain, ep3.fountain]\n")
    films = root / "films"
    _show(films, short_fountain=EP3.replace("Three", "Short"), other_fountain=EP1)
    (films / "short.bible.yaml").write_text("characters:\n  - {name: MARA, attributes: {hair: black}}\n")
    (root / ".studio").mkdir()
    (root / ".studio" / "hidden.fountain").write_text(EP1)
    return root


def test_a_library_is_every_series_and_script_with_its_own_bible(library, tmp_path):
    from continuity.season.library import audit_library, discover, summary

    entries = discover(library)
    names = [(e.unit.name.split("library/")[-1], e.unit.bible_source) for e in entries]
    assert names[0][0] == "show/series.yaml"
    assert [n for n, _ in names[1:]] == ["films/other.fountain", "films/short.fountain"]
    assert names[2][1].endswith("short.bible.yaml") and names[1][1] is None
    settings = _settings(tmp_path)
    results, wall = audit_library(library, LocalEngine(settings, 1), settings)
    d = summary(str(library), results, wall_seconds=wall, engine="this process", workers=1)
    assert (d["series"], d["scripts"], d["failed"]) == (1, 5, 0)
    rows = {r["name"]: r for r in d["rows"]}
    assert rows["show/series.yaml"]["categories"] == {"appearance": 1, "prop": 1}
    assert rows["films/short.fountain"]["categories"] == {"appearance": 1}  # blonde against its own bible's black
    assert d["scenes"] == 4 + 1 + 2 and d["findings"] == sum(r["findings"] for r in d["rows"])


def test_library_cli_json_table_and_a_broken_script(cli, library):
    code, out, err = cli("audit", "--library", library, "--workers", "1", "--json")
    assert code == 1, err
    d = json.loads(out)
    assert {"library", "engine", "workers", "series", "scripts", "scenes", "findings", "categories", "summary",
            "seconds", "rows"} <= set(d)
    code, out, err = cli("audit", "--library", library, "--workers", "1", "--fail-on", "never")
    assert code == 0 and "Library audit" in out and "show/series.yaml" in out
    (library / "films" / "broken.fountain").write_text("   \n")
    code, out, err = cli("audit", "--library", library, "--workers", "1", "--format", "markdown")
    assert code == 2 and "| " in out and "broken.fountain" in err and err.count("\n") == 1
    code, _, err = cli("audit", "--library", library, "--format", "pdf")
    assert code == 2 and "text, json, markdown, html" in err
    code, _, err = cli("audit", "x.fountain", "--library", library)
    assert code == 2 and "name no scripts" in err


# -- the CLI and the store ----------------------------------------------------------------------


@pytest.fixture
def show(tmp_path) -> Path:
    folder = tmp_path / "show"
    _show(folder, ep1_fountain=EP1, ep2_fountain=EP2, ep3_fountain=EP3)
    return folder


def test_season_cli_reports_json_and_errors(cli, show):
    code, out, err = cli("audit", show / "ep1.fountain", show / "ep2.fountain", show / "ep3.fountain",
                         "--workers", "1", "--json")
    assert code == 1, err
    d = json.loads(out)
    assert [(f["episode"], f["category"]) for f in d["findings"]] == [(2, "prop"), (3, "appearance")]
    code, out, _ = cli("audit", show, "--workers", "1")
    assert code == 1 and "Episode 2: Two" in out and "evidence episode 1, scene 2" in out
    (show / "series.yaml").write_text("episodes: [ep1.fountain, nope.fountain]\n")
    code, out, err = cli("audit", show / "series.yaml")
    assert code == 2 and "series.yaml:1: episodes[1].script: nope.fountain is not a file" in err
    assert err.count("\n") == 1
    code, _, err = cli("audit", show / "ep1.fountain", "--json", "--format", "text")
    assert code == 2 and "--json does not match" in err
    code, _, err = cli("audit")
    assert code == 2 and "no script given" in err


def test_decisions_survive_new_drafts_of_any_episode(cli, show):
    _, out, err = cli("audit", show, "--workers", "1", "--store", "--json")
    assert "2 new" in err
    with Store.open(show) as s:
        rows = s.findings()
        assert {(r["episode"], Path(r["script"]).name) for r in rows} == {(2, "ep2.fountain"), (3, "ep3.fountain")}
        assert json.loads(s.last_audit()["season"])["episodes"][0]["path"] == "ep1.fountain"
    hair = next(r["id"] for r in rows if r["episode"] == 3)
    code, out, _ = cli("findings", "list", "--project", show, "--json")
    assert {f["episode"] for f in json.loads(out)["findings"]} == {2, 3}
    cli("findings", "dismiss", hair[:8], "--reason", "she dyes it for the wedding", "--project", show)
    # A new draft of episode 1 (a new opening scene) and of episode 2 (a new line).
    (show / "ep1.fountain").write_text(EP1.replace("INT. KITCHEN - NIGHT", "INT. HALL - NIGHT\n\nRain.\n\nINT. KITCHEN - NIGHT"))
    (show / "ep2.fountain").write_text(EP2 + "\nShe sits down.\n")
    _, out, err = cli("audit", show, "--workers", "1", "--store", "--json")
    assert "0 new, 1 still open, 0 resolved, 1 dismissed" in err
    d = json.loads(out)
    assert d["hidden"] == 1 and hair not in {f["id"] for f in d["findings"]}
    with Store.open(show) as s:
        assert s.get(hair)["status"] == "dismissed"


def test_fixing_a_finding_edits_its_own_episode_and_reaudits_the_season(cli, show):
    cli("audit", show, "--workers", "1", "--store")
    with Store.open(show) as s:
        prop = next(r for r in s.findings() if r["category"] == "prop")
    before = (show / "ep1.fountain").read_text()
    code, _, err = cli("findings", "fix", prop["id"][:8], "--text", "Mara opens the kitchen drawer.",
                         "--project", show)
    assert code == 0, err
    assert "Mara opens the kitchen drawer." in (show / "ep2.fountain").read_text()
    assert (show / "ep1.fountain").read_text() == before
    with Store.open(show) as s:
        assert s.get(prop["id"])["status"] == "fixed"
        assert s.last_audit()["season"]  # the re-audit was of the whole season


def test_review_page_shows_each_episode(show):
    from starlette.testclient import TestClient

    from studio.review.actions import Project
    from studio.review.app import create_app

    report = audit_season(load_season([show]), settings=Settings(cache_dir="", cache=False, embedder="hashing"))
    with Project(show) as p:
        p.record(report, show, None, season=load_season([show]))
    client = TestClient(create_app(show, token="tok"), base_url="http://127.0.0.1:8765")
    client.get("/?token=tok")
    page = client.get("/").text
    assert "Episode 2, scene 1" in page and "Episode 3, scene 1" in page
    assert "episode 1, scene 2" in page  # evidence from another episode names it


def test_wardrobe_added_to_a_series_bible_counts_scenes_across_the_season(cli, show):
    """A continued episode's raincoat change becomes canon from its scene in the season, not in the episode."""
    (show / "ep2.fountain").write_text(EP2.replace("INT. KITCHEN - DAY", "INT. KITCHEN - CONTINUOUS")
                                       .replace("Mara opens", "Mara zips her blue coat. Mara opens"))
    (show / "ep1.fountain").write_text(EP1 + "\nMara pulls her green coat tight.\n")
    (show / "bible.yaml").write_text("characters:\n  - name: MARA\n")
    (show / "series.yaml").write_text(
        "bible: bible.yaml\nepisodes: [ep1.fountain, {script: ep2.fountain, continues: true}, ep3.fountain]\n")
    cli("audit", show / "series.yaml", "--workers", "1", "--store")
    with Store.open(show) as s:
        coat = next(r for r in s.findings() if r["category"] == "wardrobe")
    assert coat["episode"] == 2 and coat["scene"] == 1 and coat["data"]["season_scene"] == 3
    code, out, err = cli("findings", "add-to-bible", coat["id"][:8], "--project", show, "--yes")
    assert code == 0, err
    from continuity.api import load_bible

    items = {w.item: str(w.scenes) for w in load_bible(show / "bible.yaml").character("MARA").wardrobe}
    assert items == {"blue coat": "3-"}  # the season's scene 3, not the episode's scene 1
    with Store.open(show) as s:
        assert s.decisions(coat["id"])[-1]["action"] == "add_to_bible" and s.last_audit()["season"]
