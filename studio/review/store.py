"""The findings store: audits, findings and review decisions in SQLite (WAL).

One database per project, ``<project>/.studio/findings.db``. A finding's key is
:attr:`Finding.id` (category, subject, normalised offending text), so a re-audit
after unrelated edits maps to the same row and keeps its review status; what it
conflicts with is :attr:`Finding.evidence_key`, and a change there reopens a
dismissed or confirmed finding. The schema is created and migrated here
(``PRAGMA user_version``).

Example::

    with Store.open(project_dir) as store:
        diff = store.record_audit(report, "script.fountain", "bible.yaml")
        print(diff.summary())          # "3 new, 5 still open, 1 resolved, 2 dismissed"
"""

from __future__ import annotations

import datetime as _dt
import getpass
import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from continuity.checks.findings import Report
from continuity.errors import InputError

STATUSES = ("open", "confirmed", "dismissed", "fixed", "resolved")
#: What a status filter may say: a status, or ``all`` (no filter; the review page's "all").
STATUS_FILTERS = (*STATUSES, "all")
DB_NAME = Path(".studio") / "findings.db"
SYSTEM_USER = "studio"

_MIGRATIONS: tuple[str, ...] = (
    # 1: the first schema
    """
    CREATE TABLE audits (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        script TEXT NOT NULL,
        bible TEXT,
        started_at TEXT NOT NULL,
        findings INTEGER NOT NULL DEFAULT 0,
        new INTEGER NOT NULL DEFAULT 0,
        still_open INTEGER NOT NULL DEFAULT 0,
        resolved INTEGER NOT NULL DEFAULT 0,
        dismissed INTEGER NOT NULL DEFAULT 0,
        reopened INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE findings (
        id TEXT PRIMARY KEY,
        script TEXT NOT NULL,
        category TEXT NOT NULL,
        severity TEXT NOT NULL,
        scene INTEGER NOT NULL,
        line INTEGER NOT NULL,
        character TEXT,
        subject TEXT,
        message TEXT NOT NULL,
        text TEXT NOT NULL,
        evidence TEXT NOT NULL,
        evidence_key TEXT NOT NULL,
        data TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open','confirmed','dismissed','fixed','resolved')),
        first_seen_audit INTEGER NOT NULL REFERENCES audits(id),
        last_seen_audit INTEGER NOT NULL REFERENCES audits(id)
    );
    CREATE INDEX findings_status ON findings(status);
    CREATE TABLE decisions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        finding_id TEXT NOT NULL REFERENCES findings(id),
        action TEXT NOT NULL,
        status_before TEXT,
        status_after TEXT NOT NULL,
        reason TEXT,
        who TEXT NOT NULL,
        at TEXT NOT NULL
    );
    CREATE INDEX decisions_finding ON decisions(finding_id);
    """,
    # 2: seasons: an audit of several episodes (the season, to audit it again), a finding's episode
    """
    ALTER TABLE audits ADD COLUMN season TEXT;
    ALTER TABLE findings ADD COLUMN episode INTEGER
    """,
)
SCHEMA_VERSION = len(_MIGRATIONS)


def nearby_stores(root: str | Path, limit: int = 10) -> list[Path]:
    """Project folders one level below ``root`` that hold a findings store, by name.

    ``studio audit film/lock.fountain --store`` run from the parent folder records
    in ``film/``; this is how a command run from that parent finds it.
    """
    base = Path(root)
    found: list[Path] = []
    try:
        children = sorted(p for p in base.iterdir() if p.is_dir() and not p.name.startswith("."))
    except OSError:
        return []
    for child in children:
        if (child / DB_NAME).is_file():
            found.append(base / child.name)
            if len(found) >= limit:
                break
    return found


def no_store_message(root: str | Path, hint: str = "--project {}") -> str:
    """Why there is no store in ``root``, pointing at stores one level down when there are some.

    Args:
        root: the folder that has no store.
        hint: how to name a project on the command line (``{}`` is the folder).
    """
    nearby = nearby_stores(root)
    if len(nearby) == 1:
        return f"{root}: no findings store here, but {nearby[0]} has one: use {hint.format(nearby[0])}"
    if nearby:
        names = ", ".join(str(p) for p in nearby)
        return f"{root}: no findings store here, but these folders have one: {names}; use {hint.format('FOLDER')}"
    return f"{root}: no findings store; run 'studio audit SCRIPT --store' there first (it records in the script's folder)"


def now() -> str:
    """The current time, ISO 8601 UTC to the second."""
    return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def default_user() -> str:
    """The local user name (``getpass.getuser()``), or ``"unknown"``."""
    try:
        return getpass.getuser() or "unknown"
    except Exception:  # no user name in the environment (some containers)
        return "unknown"


@dataclass
class AuditDiff:
    """What changed since the last audit: finding ids by outcome."""

    audit_id: int = 0
    new: list[str] = field(default_factory=list)
    still_open: list[str] = field(default_factory=list)
    resolved: list[str] = field(default_factory=list)
    dismissed: list[str] = field(default_factory=list)
    reopened: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """``"3 new, 5 still open, 1 resolved, 2 dismissed"`` (plus reopened when any)."""
        parts = [
            f"{len(self.new)} new", f"{len(self.still_open)} still open",
            f"{len(self.resolved)} resolved", f"{len(self.dismissed)} dismissed",
        ]
        if self.reopened:
            parts.append(f"{len(self.reopened)} reopened")
        return ", ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """JSON form: the id lists and the audit id."""
        return {
            "audit": self.audit_id, "new": self.new, "still_open": self.still_open,
            "resolved": self.resolved, "dismissed": self.dismissed, "reopened": self.reopened,
        }


class Store:
    """A findings database; use :meth:`open` for a project's default location."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        for p in (self.path.parent, self.path, self.path.with_name(self.path.name + "-wal"),
                  self.path.with_name(self.path.name + "-shm")):
            if p.is_symlink():  # SQLite would follow it and write wherever it points
                raise InputError(f"{p} is a symbolic link; the findings store is never opened through one: remove it")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise InputError(f"{self.path}: not a findings database ({exc})") from None
        except OSError as exc:
            raise InputError(f"{self.path}: cannot open: {exc.strerror or exc}") from None

    @classmethod
    def open(cls, project_dir: str | Path, *, create: bool = True) -> Store:
        """The store of a project: ``<project_dir>/.studio/findings.db``.

        Raises:
            InputError: no such folder, or no store there and ``create`` is false.
        """
        root = Path(project_dir)
        if not root.is_dir():
            raise InputError(f"{project_dir}: no such project directory")
        if not create and not (root / DB_NAME).is_file():
            raise InputError(no_store_message(root))
        return cls(root / DB_NAME)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise InputError(f"{self.path}: made by a newer version (schema {version}); upgrade continuity-studio")
        for number in range(version, SCHEMA_VERSION):
            self.db.execute("BEGIN IMMEDIATE")
            try:
                for stmt in _MIGRATIONS[number].split(";"):
                    if stmt.strip():
                        self.db.execute(stmt)
                self.db.execute(f"PRAGMA user_version = {number + 1}")
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise

    @property
    def version(self) -> int:
        """The schema version of the database."""
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    # -- audits -----------------------------------------------------------------
    def record_audit(self, report: Report, script_path: str, bible_path: str | None, *,
                     season: str | None = None, episodes: dict[int, str] | None = None) -> AuditDiff:
        """Store an audit's findings and say what changed since the last audit.

        A finding seen before keeps its status (dismissed stays dismissed,
        confirmed stays confirmed) unless its evidence changed, which reopens it;
        a finding that had gone (resolved or fixed) and is back is reopened too.
        Open and confirmed findings of the same script that this audit no longer
        reports become ``resolved``.

        Args:
            report: the audit.
            script_path: the script, as recorded (relative to the project); for a
                season, what names the season (its manifest, its folder).
            bible_path: the bible, as recorded, or None.
            season: a season's spec (JSON, to audit it again), or None.
            episodes: a season's episode files by episode number, as recorded: each
                finding is recorded against its episode's file, and findings of
                those files that are gone become ``resolved``.
        """
        diff = AuditDiff()
        at = now()
        scripts = episodes or {}
        self.db.execute("BEGIN IMMEDIATE")
        try:
            cur = self.db.execute(
                "INSERT INTO audits (script, bible, started_at, findings, season) VALUES (?, ?, ?, ?, ?)",
                (script_path, bible_path, at, len(report.findings), season),
            )
            audit_id = diff.audit_id = int(cur.lastrowid)
            seen: set[str] = set()
            for f in report.findings:
                if f.id in seen:
                    continue
                seen.add(f.id)
                d = f.to_dict()
                values = (
                    scripts.get(f.episode, script_path) if f.episode is not None else script_path,
                    f.category, f.severity, f.scene, f.line, f.character, d["subject"], f.message,
                    f.text, json.dumps(d["evidence"], ensure_ascii=False), f.evidence_key,
                    json.dumps(d, ensure_ascii=False, default=str), f.episode, audit_id,
                )
                row = self.db.execute("SELECT status, evidence_key FROM findings WHERE id = ?", (f.id,)).fetchone()
                if row is None:
                    self.db.execute(
                        "INSERT INTO findings (script, category, severity, scene, line, character, subject, message,"
                        " text, evidence, evidence_key, data, episode, last_seen_audit, id, status, first_seen_audit)"
                        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'open',?)",
                        (*values, f.id, audit_id),
                    )
                    diff.new.append(f.id)
                    continue
                status = row["status"]
                reason = None
                if status in ("dismissed", "confirmed") and row["evidence_key"] != f.evidence_key:
                    reason = "evidence changed"
                elif status in ("resolved", "fixed"):
                    reason = "found again"
                self.db.execute(
                    "UPDATE findings SET script=?, category=?, severity=?, scene=?, line=?, character=?, subject=?,"
                    " message=?, text=?, evidence=?, evidence_key=?, data=?, episode=?, last_seen_audit=? WHERE id=?",
                    (*values, f.id),
                )
                if reason:
                    self._decide(f.id, "reopened", status, "open", reason, SYSTEM_USER, at)
                    diff.reopened.append(f.id)
                elif status == "dismissed":
                    diff.dismissed.append(f.id)
                else:
                    diff.still_open.append(f.id)
            paths = sorted({script_path, *scripts.values()})
            for row in self.db.execute(
                "SELECT id FROM findings WHERE script IN (%s) AND status IN ('open', 'confirmed')"
                % ",".join("?" * len(paths)), paths,
            ).fetchall():
                if row["id"] not in seen:
                    self.db.execute("UPDATE findings SET status='resolved' WHERE id=?", (row["id"],))
                    diff.resolved.append(row["id"])
            self.db.execute(
                "UPDATE audits SET new=?, still_open=?, resolved=?, dismissed=?, reopened=? WHERE id=?",
                (len(diff.new), len(diff.still_open), len(diff.resolved), len(diff.dismissed), len(diff.reopened), audit_id),
            )
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return diff

    def last_audit(self) -> dict[str, Any] | None:
        """The latest audit row as a dict, or None before the first audit."""
        row = self.db.execute("SELECT * FROM audits ORDER BY id DESC LIMIT 1").fetchone()
        return dict(row) if row else None

    # -- findings ----------------------------------------------------------------
    def findings(
        self,
        *,
        status: str | None = None,
        category: str | None = None,
        severity: str | None = None,
        character: str | None = None,
    ) -> list[dict[str, Any]]:
        """Findings matching every filter given, by scene then line (status ``all``: any status)."""
        if status == "all":
            status = None
        where, args = [], []
        for col, value in (("status", status), ("category", category), ("severity", severity), ("character", character)):
            if value:
                where.append(f"{col} = ?")
                args.append(value)
        sql = ("SELECT * FROM findings" + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY COALESCE(episode, 0), scene, line, id")
        return [_row(r) for r in self.db.execute(sql, args).fetchall()]

    def get(self, finding_id: str) -> dict[str, Any] | None:
        """One finding by its full id, or None."""
        row = self.db.execute("SELECT * FROM findings WHERE id = ?", (finding_id,)).fetchone()
        return _row(row) if row else None

    def resolve_id(self, prefix: str) -> str:
        """The full id of the one finding whose id starts with ``prefix``.

        Raises:
            InputError: no finding, or several, start with it.
        """
        p = prefix.strip().lower()
        if not p or not all(c in "0123456789abcdef" for c in p):
            raise InputError(f"{prefix!r} is not a finding id (hex digits, e.g. 'a8b9fd9e')")
        rows = self.db.execute("SELECT id FROM findings WHERE id LIKE ? ORDER BY id", (p + "%",)).fetchall()
        if not rows:
            raise InputError(f"no finding with id {prefix!r}; see 'studio findings list'")
        if len(rows) > 1:
            raise InputError(f"id {prefix!r} is ambiguous: {', '.join(r['id'] for r in rows[:5])}...; give more digits")
        return rows[0]["id"]

    def counts(self) -> dict[str, int]:
        """How many findings have each status."""
        out = {s: 0 for s in STATUSES}
        for row in self.db.execute("SELECT status, COUNT(*) AS n FROM findings GROUP BY status"):
            out[row["status"]] = row["n"]
        return out

    # -- decisions -----------------------------------------------------------------
    def decide(
        self,
        finding_id: str,
        action: str,
        status: str,
        *,
        reason: str | None = None,
        who: str | None = None,
        status_before: str | None = None,
    ) -> dict[str, Any]:
        """Set a finding's status and record the decision (who, when, why).

        ``status_before`` overrides the recorded previous status (an action that
        re-audits records the status the person saw).

        Raises:
            InputError: unknown finding or status.
        """
        if status not in STATUSES:
            raise InputError(f"unknown status {status!r}: use one of {', '.join(STATUSES)}")
        self.db.execute("BEGIN IMMEDIATE")
        try:
            row = self.db.execute("SELECT status FROM findings WHERE id = ?", (finding_id,)).fetchone()
            if row is None:
                raise InputError(f"no finding with id {finding_id!r}")
            before = status_before or row["status"]
            decision = self._decide(finding_id, action, before, status, reason, who or default_user(), now())
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return decision

    def _decide(self, fid: str, action: str, before: str | None, after: str, reason: str | None, who: str, at: str) -> dict:
        self.db.execute("UPDATE findings SET status = ? WHERE id = ?", (after, fid))
        self.db.execute(
            "INSERT INTO decisions (finding_id, action, status_before, status_after, reason, who, at) VALUES (?,?,?,?,?,?,?)",
            (fid, action, before, after, reason, who, at),
        )
        return {"finding": fid, "action": action, "status_before": before, "status_after": after,
                "reason": reason, "who": who, "at": at}

    def decisions(self, finding_id: str | None = None) -> list[dict[str, Any]]:
        """Decisions, oldest first; only one finding's when ``finding_id`` is given."""
        sql = "SELECT * FROM decisions" + (" WHERE finding_id = ?" if finding_id else "") + " ORDER BY id"
        rows = self.db.execute(sql, (finding_id,) if finding_id else ()).fetchall()
        return [{k: r[k] for k in ("finding_id", "action", "status_before", "status_after", "reason", "who", "at")} for r in rows]


def _row(row: sqlite3.Row) -> dict[str, Any]:
    d = dict(row)
    d["evidence"] = json.loads(d["evidence"])
    d["data"] = json.loads(d["data"])
    return d
