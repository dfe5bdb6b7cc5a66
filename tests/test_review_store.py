"""The findings store: diffs between audits, status that survives re-audits, decisions, migrations."""

from __future__ import annotations

import sqlite3

import pytest

from continuity.checks.findings import Evidence, Finding, Report
from continuity.errors import InputError
from studio.review.store import DB_NAME, SCHEMA_VERSION, Store


def finding(text: str, *, line: int = 10, evidence: str = "red", subject: str = "MARA.hair") -> Finding:
    return Finding(
        "appearance", "error", 2, line, f"{subject} differs", text=text, character="MARA", subject=subject,
        evidence=(Evidence(evidence, bible="characters.MARA.attributes.hair"),),
    )


def report(*findings: Finding) -> Report:
    return Report(script="s.fountain", format="fountain", scenes=(), findings=tuple(findings))


A = finding("Mara pushes her blonde hair back.")
B = finding("Tom's jacket is yellow.", subject="TOM.garment:jacket")
C = finding("Eli's brown eyes narrow.", subject="ELI.eyes")


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path) as s:
        yield s


def test_schema_created_from_an_empty_database(tmp_path):
    (tmp_path / ".studio").mkdir()
    (tmp_path / DB_NAME).write_bytes(b"")  # an empty file is an empty SQLite database
    with Store.open(tmp_path) as s:
        assert s.version == SCHEMA_VERSION
        tables = {r[0] for r in s.db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"audits", "findings", "decisions"} <= tables
        assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with Store.open(tmp_path) as s:  # opening again migrates nothing
        assert s.version == SCHEMA_VERSION


def test_newer_schema_and_garbage_are_refused(tmp_path):
    db = tmp_path / "f.db"
    con = sqlite3.connect(db)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.close()
    with pytest.raises(InputError, match="newer version"):
        Store(db)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all, not even close" * 10)
    with pytest.raises(InputError, match="not a findings database"):
        Store(junk)


def test_open_without_create_needs_a_store(tmp_path):
    with pytest.raises(InputError, match="no findings store"):
        Store.open(tmp_path, create=False)


def test_first_audit_is_all_new_and_repeat_is_still_open(store):
    d1 = store.record_audit(report(A, B), "s.fountain", "bible.yaml")
    assert sorted(d1.new) == sorted([A.id, B.id]) and not d1.still_open
    assert d1.summary() == "2 new, 0 still open, 0 resolved, 0 dismissed"
    d2 = store.record_audit(report(A, B), "s.fountain", "bible.yaml")
    assert not d2.new and sorted(d2.still_open) == sorted([A.id, B.id])
    assert store.last_audit()["still_open"] == 2


def test_gone_findings_are_resolved_and_new_ones_new(store):
    store.record_audit(report(A, B), "s.fountain", None)
    d = store.record_audit(report(A, C), "s.fountain", None)
    assert d.new == [C.id] and d.still_open == [A.id] and d.resolved == [B.id]
    assert store.get(B.id)["status"] == "resolved"


def test_other_scripts_findings_are_not_resolved(store):
    store.record_audit(report(A), "one.fountain", None)
    d = store.record_audit(report(B), "two.fountain", None)
    assert not d.resolved and store.get(A.id)["status"] == "open"


def test_dismissed_stays_dismissed_after_an_unrelated_edit(store):
    store.record_audit(report(A, B), "s.fountain", None)
    store.decide(A.id, "dismiss", "dismissed", reason="a wig", who="ann")
    moved = finding(A.text, line=14)  # lines shifted by an edit elsewhere: same id, same evidence
    assert moved.id == A.id
    d = store.record_audit(report(moved, B), "s.fountain", None)
    assert d.dismissed == [A.id] and A.id not in d.still_open
    row = store.get(A.id)
    assert row["status"] == "dismissed" and row["line"] == 14


def test_confirmed_stays_confirmed(store):
    store.record_audit(report(A), "s.fountain", None)
    store.decide(A.id, "confirm", "confirmed", who="ann")
    d = store.record_audit(report(A), "s.fountain", None)
    assert d.still_open == [A.id] and store.get(A.id)["status"] == "confirmed"


def test_changed_evidence_reopens_a_dismissed_finding(store):
    store.record_audit(report(A), "s.fountain", None)
    store.decide(A.id, "dismiss", "dismissed", reason="fine", who="ann")
    changed = finding(A.text, evidence="auburn")
    assert changed.id == A.id and changed.evidence_key != A.evidence_key
    d = store.record_audit(report(changed), "s.fountain", None)
    assert d.reopened == [A.id] and "1 reopened" in d.summary()
    assert store.get(A.id)["status"] == "open"
    last = store.decisions(A.id)[-1]
    assert (last["action"], last["reason"], last["who"], last["status_before"]) == ("reopened", "evidence changed", "studio", "dismissed")


def test_a_resolved_finding_that_comes_back_is_reopened(store):
    store.record_audit(report(A), "s.fountain", None)
    store.record_audit(report(), "s.fountain", None)
    assert store.get(A.id)["status"] == "resolved"
    d = store.record_audit(report(A), "s.fountain", None)
    assert d.reopened == [A.id] and store.get(A.id)["status"] == "open"


def test_decisions_record_who_when_and_why(store):
    store.record_audit(report(A), "s.fountain", None)
    dec = store.decide(A.id, "dismiss", "dismissed", reason="deliberate", who="ann")
    assert dec["who"] == "ann" and dec["at"].endswith("Z") and dec["at"][:2] == "20"
    (row,) = store.decisions(A.id)
    assert row == {**{k: dec[k] for k in ("action", "status_before", "status_after", "reason", "who", "at")}, "finding_id": A.id}
    store.decide(A.id, "reopen", "open")  # who defaults to the local user
    assert store.decisions(A.id)[-1]["who"]
    with pytest.raises(InputError, match="unknown status"):
        store.decide(A.id, "x", "maybe")


def test_ids_resolve_from_unique_prefixes(store):
    many = [finding(f"Line number {i} of the script.") for i in range(17)]  # 17 ids: two share a first digit
    store.record_audit(report(*many), "s.fountain", None)
    assert store.resolve_id(many[0].id[:12].upper()) == many[0].id
    firsts = [f.id[0] for f in many]
    shared = next(c for c in firsts if firsts.count(c) > 1)
    with pytest.raises(InputError, match="ambiguous"):
        store.resolve_id(shared)
    absent = next(c for c in "0123456789abcdef" if c not in firsts) if len(set(firsts)) < 16 else None
    if absent:
        with pytest.raises(InputError, match="no finding"):
            store.resolve_id(absent)
    with pytest.raises(InputError, match="not a finding id"):
        store.resolve_id("xyz")


def test_filters(store):
    store.record_audit(report(A, B), "s.fountain", None)
    store.decide(B.id, "confirm", "confirmed", who="x")
    assert [f["id"] for f in store.findings(status="confirmed")] == [B.id]
    assert len(store.findings(category="appearance", character="MARA")) == 2
    assert store.counts()["open"] == 1
