"""Review actions shared by the web page and ``studio findings``.

A :class:`Project` is a folder with a findings store; the script and bible are
the ones recorded with its last audit. Confirm, dismiss and reopen only change
the store. :func:`fix` edits the script (a backup is kept), :func:`add_to_bible`
records a deliberate change in the bible (a backup is kept); both re-audit at once
and update the store.
"""

from __future__ import annotations

import datetime as _dt
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from continuity.errors import InputError
from continuity.findings import Report
from studio.review.store import AuditDiff, Store, default_user

#: Categories whose findings can be turned into bible canon.
CANON_CATEGORIES = ("wardrobe", "appearance", "name", "location")
_WORD_RE = re.compile(r"[a-z0-9]+")
_LOCATION_MSG_RE = re.compile(r"^the (?P<feature>.+?) at (?P<place>.+) is (?P<colour>.+?) here, but ")


@dataclass
class Outcome:
    """What an action did: the finding's status afterwards and a message for people."""

    finding: str
    status: str
    message: str
    diff: AuditDiff | None = None


class Project:
    """A project folder and its findings store (``.studio/findings.db``)."""

    def __init__(self, root: str | Path, *, create: bool = True) -> None:
        self.root = Path(root).resolve()
        self.store = Store.open(self.root, create=create)

    def close(self) -> None:
        """Close the store."""
        self.store.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- paths -----------------------------------------------------------------
    def relative(self, path: str | Path) -> str:
        """``path`` relative to the project when inside it, else absolute."""
        p = Path(path).resolve()
        try:
            return p.relative_to(self.root).as_posix()
        except ValueError:
            return str(p)

    def inside(self, recorded: str | None, what: str) -> Path:
        """The absolute path of a recorded file, which must lie inside the project.

        Raises:
            InputError: none recorded, or it is outside the project.
        """
        if not recorded:
            raise InputError(f"no {what} recorded: run 'studio audit SCRIPT --bible BIBLE --store' first")
        p = (self.root / recorded).resolve()
        if not p.is_relative_to(self.root):
            raise InputError(f"the {what} {recorded} is outside the project {self.root}; cannot edit it from here")
        return p

    def last_audit(self) -> dict[str, Any]:
        """The last audit row.

        Raises:
            InputError: the project has never been audited with ``--store``.
        """
        audit = self.store.last_audit()
        if audit is None:
            raise InputError(f"{self.root}: no audit stored yet; run 'studio audit SCRIPT --store' first")
        return audit

    def script_path(self) -> Path:
        """The script of the last audit (inside the project)."""
        return self.inside(self.last_audit()["script"], "script")

    def bible_path(self) -> Path | None:
        """The bible of the last audit (inside the project), or None when it had none."""
        recorded = self.last_audit()["bible"]
        return self.inside(recorded, "bible") if recorded else None

    # -- audits ------------------------------------------------------------------
    def record(self, report: Report, script: str | Path, bible: str | Path | None) -> AuditDiff:
        """Store an audit of ``script`` (against ``bible``) and return what changed."""
        return self.store.record_audit(report, self.relative(script), self.relative(bible) if bible else None)

    def reaudit(self) -> tuple[Report, AuditDiff]:
        """Audit the last audit's script against its bible again and store the result."""
        from continuity.api import audit, load_bible, load_script

        last = self.last_audit()
        script = (self.root / last["script"]).resolve()
        bible = (self.root / last["bible"]).resolve() if last["bible"] else None
        report = audit(load_script(script), load_bible(bible) if bible else None, bible_source=last["bible"])
        return report, self.store.record_audit(report, last["script"], last["bible"])

    def finding(self, id_or_prefix: str) -> dict[str, Any]:
        """A stored finding by id or unique id prefix.

        Raises:
            InputError: unknown or ambiguous id.
        """
        found = self.store.get(self.store.resolve_id(id_or_prefix))
        assert found is not None
        return found


# -- store-only decisions ----------------------------------------------------------


def confirm(project: Project, fid: str, who: str | None = None, reason: str | None = None) -> Outcome:
    """Mark a finding as a real error."""
    f = project.finding(fid)
    project.store.decide(f["id"], "confirm", "confirmed", reason=reason or None, who=who)
    return Outcome(f["id"], "confirmed", "confirmed")


def dismiss(project: Project, fid: str, reason: str, who: str | None = None) -> Outcome:
    """Dismiss a false alarm; the reason is required.

    Raises:
        InputError: an empty reason.
    """
    if not reason or not reason.strip():
        raise InputError("a dismissal needs a reason (--reason)")
    f = project.finding(fid)
    project.store.decide(f["id"], "dismiss", "dismissed", reason=reason.strip(), who=who)
    return Outcome(f["id"], "dismissed", "dismissed")


def reopen(project: Project, fid: str, who: str | None = None, reason: str | None = None) -> Outcome:
    """Open a finding again."""
    f = project.finding(fid)
    project.store.decide(f["id"], "reopen", "open", reason=reason or None, who=who)
    return Outcome(f["id"], "open", "reopened")


# -- edits -----------------------------------------------------------------------------


def backup(path: Path) -> Path:
    """Copy ``path`` to ``<name>.bak-<UTC timestamp>`` beside it and return the copy."""
    stamp = _dt.datetime.now(_dt.timezone.utc).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.bak-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.bak-{stamp}-{n}")
    shutil.copy2(path, target)
    return target


def fix(project: Project, fid: str, new_text: str, who: str | None = None) -> Outcome:
    """Replace the finding's line in the script, then re-audit.

    The script is rewritten through :func:`continuity.io.save_script` after a
    backup. The finding becomes ``fixed`` when the re-audit no longer reports it;
    otherwise it stays open and the message says so.

    Raises:
        InputError: the script changed since the last audit (the line no longer
            holds the flagged text), or the new text is empty.
    """
    from continuity.edit import replace_text, text_at
    from continuity.io import load_script, save_script

    f = project.finding(fid)
    path = project.script_path()
    script = load_script(path)
    old = text_at(script, f["line"])
    if old is None or _norm(f["text"]) not in _norm(old) or not _norm(f["text"]):
        raise InputError(
            f"line {f['line']} of {path.name} no longer holds the flagged text; run 'studio audit ... --store' again"
        )
    edited = replace_text(script, f["line"], new_text)
    saved = backup(path)
    save_script(edited, path)
    before = f["status"]
    report, diff = project.reaudit()
    gone = f["id"] not in {x.id for x in report.findings}
    # The id includes the text, so an edit that keeps the problem gives a new id.
    again = next(
        (x for x in report.findings if x.category == f["category"] and (x.subject or x.character) == f["subject"]
         and _norm(x.text) and _norm(x.text) in _norm(new_text)),
        None,
    )
    if not gone:
        status, msg = project.store.get(f["id"])["status"], "the line was changed but the re-audit still flags it"
    elif again is not None:
        status, msg = "resolved", f"the new text is flagged again, as {again.id[:8]}: {again.message}"
    else:
        status, msg = "fixed", "fixed"
    reason = f"line {f['line']}: {old.strip()!r} -> {new_text.strip()!r} (backup {saved.name})"
    # status_before: what the person saw, not what the re-audit left in between
    project.store.decide(f["id"], "fix", status, reason=reason, who=who, status_before=before)
    return Outcome(f["id"], status, msg, diff)


def can_add_to_bible(finding: dict[str, Any]) -> bool:
    """Whether :func:`add_to_bible` applies (appearance only against script canon)."""
    cat = finding["category"]
    if cat not in CANON_CATEGORIES or (cat != "location" and not finding.get("character")):
        return False
    if cat == "appearance":
        return all("bible" not in e for e in finding["evidence"])
    return True


def add_to_bible(project: Project, fid: str, who: str | None = None) -> Outcome:
    """Record a deliberate change in the bible so it is no longer an error, then re-audit.

    ``wardrobe``: the garment becomes a wardrobe item from this scene on (an
    open-ended item of the same kind now ends the scene before); ``appearance``
    (canon from the script only): the attribute is set for the whole script;
    ``name``: the cue becomes an alias; ``location``: the feature's value is set.

    Raises:
        InputError: the category does not apply, the last audit had no bible, or
            the bible is outside the project.
    """
    from continuity.bible_yaml import parse_bible
    from continuity.api import load_bible

    f = project.finding(fid)
    if not can_add_to_bible(f):
        raise InputError(f"a {f['category']} finding cannot be added to the bible")
    path = project.bible_path()
    if path is None:
        raise InputError("the last audit had no bible: create one ('studio bible extract') and audit with --bible --store")
    bible = load_bible(path)
    updated, change = _canon(bible, f)
    text = updated.to_yaml()
    parse_bible(text, source=str(path))  # refuse to write a bible we cannot read back
    saved = backup(path)
    path.write_text(text, encoding="utf-8")
    before = f["status"]
    report, diff = project.reaudit()
    gone = f["id"] not in {x.id for x in report.findings}
    status = "resolved" if gone else project.store.get(f["id"])["status"]
    project.store.decide(
        f["id"], "add_to_bible", status, reason=f"{change} (backup {saved.name})", who=who, status_before=before
    )
    msg = f"bible: {change}" + ("" if gone else "; the re-audit still flags it")
    return Outcome(f["id"], status, msg, diff)


def _canon(bible, f: dict[str, Any]):
    from continuity.bible import Character, Location, SceneRange, WardrobeItem
    from continuity.lexicon import garment_kind

    data = f["data"]
    cat, name = f["category"], f.get("character")
    chars = list(bible.characters)
    idx = next((i for i, c in enumerate(chars) if c.name == (name or "").upper()), None)
    if cat in ("wardrobe", "appearance", "name") and idx is None:
        chars.append(Character(name=name))
        idx = len(chars) - 1
    if cat == "wardrobe":
        item = str(data.get("garment") or "").strip()
        if not item:
            raise InputError("this wardrobe finding does not name the garment")
        scene = int(f["scene"])
        kind = garment_kind(item)
        wardrobe = []
        for w in chars[idx].wardrobe:
            start, end = w.scenes.spans[-1]
            if end is None and start < scene and kind and garment_kind(w.item) == kind:
                w = w.model_copy(update={"scenes": SceneRange._of([*w.scenes.spans[:-1], (start, scene - 1)])})
            wardrobe.append(w)
        wardrobe.append(WardrobeItem(item=item, scenes=SceneRange.parse(f"{scene}-")))
        chars[idx] = chars[idx].model_copy(update={"wardrobe": wardrobe})
        return bible.model_copy(update={"characters": chars}), f"characters.{chars[idx].name}.wardrobe += {item} ({scene}-)"
    if cat == "appearance":
        attr, value = str(data.get("attribute") or ""), str(data.get("value") or "")
        if not attr or not value:
            raise InputError("this appearance finding does not name the attribute and value")
        chars[idx] = chars[idx].model_copy(update={"attributes": {**chars[idx].attributes, attr: value}})
        return bible.model_copy(update={"characters": chars}), f"characters.{chars[idx].name}.attributes.{attr} = {value}"
    if cat == "name":
        cue = str(data.get("cue") or f["text"]).strip().upper()
        c = chars[idx]
        if cue not in c.aliases:
            chars[idx] = c.model_copy(update={"aliases": [*c.aliases, cue]})
        return bible.model_copy(update={"characters": chars}), f"characters.{c.name}.aliases += {cue}"
    # location
    m = _LOCATION_MSG_RE.match(f["message"])
    if not m:
        raise InputError("this location finding does not say the new value")
    feature, colour = m["feature"], m["colour"]
    place = m["place"]
    for e in f["evidence"]:
        parts = (e.get("bible") or "").split(".attributes.")
        if len(parts) == 2 and parts[0].startswith("locations."):
            place = parts[0][len("locations."):]
    locs = list(bible.locations)
    i = next((i for i, loc in enumerate(locs) if loc.name == place), None)
    if i is None:
        locs.append(Location(name=place))
        i = len(locs) - 1
    locs[i] = locs[i].model_copy(update={"attributes": {**locs[i].attributes, feature: colour}})
    return bible.model_copy(update={"locations": locs}), f"locations.{place}.attributes.{feature} = {colour}"


def _norm(text: str) -> str:
    return " ".join(_WORD_RE.findall(text.lower()))


def who_or_default(who: str | None) -> str:
    """``who`` when given, else the local user name."""
    return (who or "").strip() or default_user()
