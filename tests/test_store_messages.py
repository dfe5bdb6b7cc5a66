"""The findings store's messages: a store one folder down is named, ``--status all``, add-to-bible refusals."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import EXAMPLE

from studio.review.store import Store, nearby_stores, no_store_message

HAIR = "a8b9fd9e261980d8"  # MARA's blonde hair, against the bible


@pytest.fixture
def parent(tmp_path, monkeypatch, cli):
    """A folder holding ``film/`` (script, bible), audited with --store from the folder itself."""
    film = tmp_path / "film"
    film.mkdir()
    for name in ("script.fountain", "bible.yaml"):
        shutil.copy(EXAMPLE / name, film / name)
    monkeypatch.chdir(tmp_path)
    code, _, err = cli("audit", "film/script.fountain", "--bible", "film/bible.yaml", "--store", "--format", "json")
    assert code == 1 and "store:" in err
    return tmp_path


def _said(err: str) -> str:
    return " ".join(err.split())


def test_list_from_the_parent_folder_names_the_project(cli, parent):
    code, out, err = cli("findings", "list")
    assert code == 2 and out == ""
    assert "no findings store here, but film has one: use --project film" in _said(err)
    assert "no findings store;" not in err


def test_the_suggestion_works(cli, parent):
    code, out, _ = cli("findings", "list", "--project", "film")
    assert code == 0 and "open" in out


def test_several_projects_are_listed(cli, parent):
    (parent / "other" / ".studio").mkdir(parents=True)
    shutil.copy(parent / "film" / ".studio" / "findings.db", parent / "other" / ".studio" / "findings.db")
    code, _, err = cli("findings", "show", "a8b9")
    assert code == 2
    assert "these folders have one: film, other; use --project FOLDER" in _said(err)
    assert [p.name for p in nearby_stores(parent)] == ["film", "other"]


def test_review_from_the_parent_folder(cli, parent):
    code, _, err = cli("review", ".", "--no-browser")
    assert code == 2
    assert "use 'studio review film'" in _said(err)


def test_no_store_anywhere_says_how_to_make_one(tmp_path):
    msg = no_store_message(tmp_path)
    assert "run 'studio audit SCRIPT --store'" in msg
    with pytest.raises(Exception, match="no findings store"):
        Store.open(tmp_path, create=False)


def test_status_all_is_every_finding(cli, parent):
    code, out, _ = cli("findings", "list", "--status", "all", "--project", "film", "--json")
    assert code == 0
    every = json.loads(out)["findings"]
    code, out, _ = cli("findings", "list", "--project", "film", "--json")
    assert len(every) == len(json.loads(out)["findings"]) > 0
    code, _, _ = cli("findings", "dismiss", HAIR, "--reason", "wig", "--project", "film")
    assert code == 0
    code, out, _ = cli("findings", "list", "--status", "all", "--project", "film", "--json")
    assert len(json.loads(out)["findings"]) == len(every)
    code, out, _ = cli("findings", "list", "--status", "open", "--project", "film", "--json")
    assert len(json.loads(out)["findings"]) == len(every) - 1
    with Store.open(parent / "film", create=False) as store:
        assert len(store.findings(status="all")) == len(every)


def test_export_takes_status_all_and_bad_status_names_all(cli, parent):
    code, out, _ = cli("findings", "export", "--format", "csv", "--status", "all", "--project", "film")
    assert code == 0 and out.count("\n") > 2
    code, _, err = cli("findings", "list", "--status", "everything", "--project", "film")
    assert code == 2 and "all" in err


def test_add_to_bible_refusals_say_what_to_do(cli, parent):
    code, out, _ = cli("findings", "list", "--project", "film", "--json")
    by_cat = {f["category"]: f["id"] for f in json.loads(out)["findings"]}
    code, _, err = cli("findings", "add-to-bible", HAIR, "--project", "film")
    said = _said(err)
    assert code == 2
    assert "an appearance finding against the bible cannot be added to it" in said
    assert "edit the bible by hand" in said and "studio findings dismiss a8b9fd9e" in said
    code, _, err = cli("findings", "add-to-bible", by_cat["timeline"], "--project", "film")
    said = _said(err)
    assert code == 2
    assert "a timeline finding cannot be added to the bible" in said
    assert "only wardrobe, appearance, name and location findings can" in said
    assert "studio findings fix" in said and "studio findings dismiss" in said
