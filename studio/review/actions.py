"""Review actions shared by the web page and ``studio findings``.

A :class:`Project` is a folder with a findings store; the script and bible are
the ones recorded with its last audit. Confirm, dismiss and reopen only change
the store. :func:`fix` edits one line of the script, :func:`add_to_bible` records
a deliberate change in the bible; both re-audit at once and update the store.

The promise of both edits: an edit changes exactly the text you approved;
everything else in the file is byte-identical; a backup of the file as it was is
made first (see :mod:`continuity.screenplay.edit` and :mod:`continuity.bible.edit`, and
:mod:`studio.review.safe_io` for how files are written: never through a link,
never outside the project).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from continuity.checks.findings import Report
from continuity.errors import InputError, StudioError
from studio.review import safe_io
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
    def record(self, report: Report, script: str | Path, bible: str | Path | None, *, season=None) -> AuditDiff:
        """Store an audit of ``script`` (against ``bible``) and return what changed.

        For a season (``season``: its :class:`continuity.season.manifest.SeasonSpec`),
        ``script`` names the season and each finding is recorded against its
        episode's file; the season is kept so that :meth:`reaudit` audits it again.
        """
        bible_rel = self.relative(bible) if bible else None
        if season is None:
            return self.store.record_audit(report, self.relative(script), bible_rel)
        from dataclasses import replace

        spec = replace(season, bible=bible_rel, source=self.relative(season.source) if season.source else "",
                       episodes=tuple(replace(e, path=self.relative(e.path)) for e in season.episodes))
        return self.store.record_audit(report, self.relative(script), bible_rel, season=spec.to_json(),
                                       episodes={e.number: e.path for e in spec.episodes})

    def season(self):
        """The last audit's season (paths inside the project), or None when it was one script."""
        last = self.last_audit()
        if not last.get("season"):
            return None
        from dataclasses import replace

        from continuity.season.manifest import SeasonSpec

        spec = SeasonSpec.from_json(last["season"])
        return replace(spec, episodes=tuple(replace(e, path=str(self.inside(e.path, "script"))) for e in spec.episodes))

    def audit_again(self, bible=None) -> Report:
        """The last audit's script or season audited again, against ``bible`` (default: the recorded bible)."""
        from continuity.api import audit, audit_season, load_bible, load_script

        last = self.last_audit()
        if bible is None and last["bible"]:
            bible = load_bible(self.inside(last["bible"], "bible"))
        season = self.season()
        if season is not None:
            return audit_season(season, bible, bible_source=last["bible"])
        return audit(load_script(self.script_path()), bible, bible_source=last["bible"])

    def reaudit(self) -> tuple[Report, AuditDiff]:
        """Audit the last audit's script (or season) against its bible again and store the result."""
        last = self.last_audit()
        report = self.audit_again()
        season = self.season()
        if season is None:
            return report, self.store.record_audit(report, last["script"], last["bible"])
        return report, self.record(report, self.root / last["script"], self.root / last["bible"] if last["bible"] else None,
                                   season=season)

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
        raise InputError("a dismissal needs a reason: say why it is not an error")
    f = project.finding(fid)
    project.store.decide(f["id"], "dismiss", "dismissed", reason=reason.strip(), who=who)
    return Outcome(f["id"], "dismissed", "dismissed")


def reopen(project: Project, fid: str, who: str | None = None, reason: str | None = None) -> Outcome:
    """Open a finding again."""
    f = project.finding(fid)
    project.store.decide(f["id"], "reopen", "open", reason=reason or None, who=who)
    return Outcome(f["id"], "open", "reopened")


# -- edits -----------------------------------------------------------------------------


class NeedsConfirmation(StudioError):
    """Adding to the bible would add findings; nothing was written.

    Attributes:
        change: the change, in words (``characters.ELI.attributes.eyes = brown``).
        findings: the findings it would add (dicts, as the store holds them).
    """

    def __init__(self, message: str, change: str, findings: list[dict[str, Any]]) -> None:
        super().__init__(message)
        self.change = change
        self.findings = findings


def fix(project: Project, fid: str, new_text: str, who: str | None = None, *, whole_line: bool = False) -> Outcome:
    """Replace the flagged text (or, with ``whole_line``, its whole line) in the script, then re-audit.

    A finding flags a sentence, which is what ``findings show`` prints; ``new_text``
    replaces that sentence and the rest of its line (paragraph) is kept. With
    ``whole_line`` (the review page, which shows the line; ``--paragraph``), it
    replaces the whole line. Only that text changes in the file (see
    :func:`continuity.screenplay.edit.edit_source`): everything else stays
    byte-identical, and a backup of the file as it was is written first. The
    finding becomes ``fixed`` when the re-audit no longer reports it; otherwise it
    stays open and the message says so.

    Raises:
        InputError: the script changed since the last audit (the line no longer
            holds the flagged text), ``new_text`` looks like the whole line while
            only the sentence would be replaced, the new text is empty or cannot
            be written there as typed, or the file cannot be written.
    """
    from continuity.screenplay.edit import edit_source
    from continuity.screenplay.io import parse_bytes
    from continuity.screenplay.lines import text_at

    f = project.finding(fid)
    path = project.inside(f["script"], "script")  # in a season, the finding's own episode
    data, stat = safe_io.read(path, "screenplay")
    if path.suffix.lower() == ".pdf" or data[:5] == b"%PDF-":
        raise InputError(f"{path.name}: lines can be fixed in Fountain and Final Draft scripts only; edit it by hand")
    script = parse_bytes(data, str(path))
    old = text_at(script, f["line"])
    if old is None or _norm(f["text"]) not in _norm(old) or not _norm(f["text"]):
        raise InputError(
            f"line {f['line']} of {path.name} no longer holds the flagged text; run 'studio audit ... --store' again"
        )
    line_text = new_text if whole_line else _with_sentence(old, f["text"], new_text, f["line"])
    edit = edit_source(data, f["line"], line_text, source=str(path))
    saved = safe_io.backup(path, data, project.root, stat.st_mode & 0o777)
    safe_io.replace(path, edit.data, stat, project.root)
    before = f["status"]
    report, diff = project.reaudit()
    gone = f["id"] not in {x.id for x in report.findings}
    # The id includes the text, so an edit that keeps the problem gives a new id.
    again = next(
        (x for x in report.findings if x.category == f["category"] and (x.subject or x.character) == f["subject"]
         and _norm(x.text) and _norm(x.text) in _norm(edit.new)),
        None,
    )
    if not gone:
        status, msg = project.store.get(f["id"])["status"], "the line was changed but the re-audit still flags it"
    elif again is not None:
        status, msg = "resolved", f"the new text is flagged again, as {again.id[:8]}: {again.message}"
    else:
        status, msg = "fixed", "fixed"
    reason = f"line {f['line']}: {edit.old!r} -> {edit.new!r} (backup {saved.name})"
    # status_before: what the person saw, not what the re-audit left in between
    project.store.decide(f["id"], "fix", status, reason=reason, who=who, status_before=before)
    return Outcome(f["id"], status, f"{msg} (backup {saved.name})", diff)


def _with_sentence(line: str, flagged: str, new_text: str, number: int) -> str:
    """``line`` with its flagged sentence replaced by ``new_text``; the sentences around it are kept.

    Raises:
        InputError: the flagged text is not once, as written, in the line (give the
            whole line with ``--paragraph``), or ``new_text`` already holds the
            sentences around it (it is the whole line: ``--paragraph`` says so).
    """
    flagged = flagged.strip()
    if flagged == line.strip():
        return new_text
    if not flagged or line.count(flagged) != 1:
        raise InputError(f"line {number} does not hold the flagged text once as written, so it cannot be replaced "
                         "alone; give the whole line's new text with --paragraph")
    before, _, after = line.partition(flagged)
    kept = [part for part in (before.strip(), after.strip()) if part]
    if all(_norm(part) in _norm(new_text) for part in kept):
        raise InputError(f"the new text holds the whole of line {number}, but --text replaces only the flagged "
                         f"sentence ({flagged!r}); to replace the whole line, add --paragraph")
    return before + new_text.strip() + after


def can_add_to_bible(finding: dict[str, Any]) -> bool:
    """Whether :func:`add_to_bible` applies (appearance only against script canon)."""
    cat = finding["category"]
    if cat not in CANON_CATEGORIES or (cat != "location" and not finding.get("character")):
        return False
    if cat == "appearance":
        return all("bible" not in e for e in finding["evidence"])
    return True


def cannot_add_message(finding: dict[str, Any]) -> str:
    """Why :func:`add_to_bible` does not apply to ``finding``, and what to do instead."""
    from continuity.language.words import with_article

    cat, short = finding["category"], finding["id"][:8]
    instead = (f"fix the line ('studio findings fix {short} --text ...') or, if it is intended, dismiss it "
               f"('studio findings dismiss {short} --reason ...')")
    if cat == "appearance" and finding.get("character"):
        what = finding.get("data", {}).get("attribute") or "this attribute"
        return (f"{with_article(cat)} finding against the bible cannot be added to it: the bible already gives "
                f"{finding['character']}'s {what}. If the change is intended, edit the bible by hand (for the scenes "
                f"concerned) or dismiss the finding ('studio findings dismiss {short} --reason ...')")
    if cat in CANON_CATEGORIES:
        return f"this {cat} finding names no character, so it cannot be added to the bible: {instead}"
    kinds = ", ".join(CANON_CATEGORIES[:-1]) + " and " + CANON_CATEGORIES[-1]
    return f"{with_article(cat)} finding cannot be added to the bible (only {kinds} findings can): {instead}"


def add_to_bible(project: Project, fid: str, who: str | None = None, *, confirmed: bool = False) -> Outcome:
    """Record a deliberate change in the bible so it is no longer an error, then re-audit.

    ``wardrobe``: the garment becomes a wardrobe item from this scene on (an
    open-ended item of the same kind now ends the scene before); ``appearance``
    (canon from the script only): the attribute is set for the whole script;
    ``name``: the cue becomes an alias; ``location``: the feature's value is set.

    The bible is edited in place (comments, order and layout kept; see
    :mod:`continuity.bible.edit`) after a backup. Before anything is written the
    script is audited against the changed bible: when that would add findings (an
    appearance set for the whole script contradicts its first description, say),
    nothing is written unless ``confirmed``.

    Raises:
        NeedsConfirmation: the change would add findings and is not ``confirmed``.
        InputError: the category does not apply, the last audit had no bible, the
            bible is outside the project, or it cannot be edited in place exactly.
    """
    from continuity.bible.edit import edit_bible_text
    from continuity.bible.load import parse_bible
    from continuity.screenplay.io import decode_text

    f = project.finding(fid)
    if not can_add_to_bible(f):
        raise InputError(cannot_add_message(f))
    path = project.bible_path()
    if path is None:
        raise InputError("the last audit had no bible: create one ('studio bible extract') and audit with --bible --store")
    data, stat = safe_io.read(path, "bible")
    original = decode_text(data, str(path))
    bible = parse_bible(original, source=str(path))
    updated, edit, change = _canon(bible, f)
    text = edit_bible_text(original, edit, updated, source=path.name)
    if not confirmed:
        added = consequences(project, updated)
        if added:
            listed = "; ".join(f"scene {x['scene']} line {x['line']}: {x['message']}" for x in added[:3])
            more = f"; and {len(added) - 3} more" if len(added) > 3 else ""
            n = f"{len(added)} new finding" + ("s" if len(added) > 1 else "")
            raise NeedsConfirmation(
                f"adding {change} to the bible would flag {n}: {listed}{more}; nothing was changed", change, added
            )
    saved = safe_io.backup(path, data, project.root, stat.st_mode & 0o777)
    safe_io.replace(path, _encode_like(text, data), stat, project.root)
    before = f["status"]
    report, diff = project.reaudit()
    gone = f["id"] not in {x.id for x in report.findings}
    status = "resolved" if gone else project.store.get(f["id"])["status"]
    project.store.decide(
        f["id"], "add_to_bible", status, reason=f"{change} (backup {saved.name})", who=who, status_before=before
    )
    msg = f"bible: {change}" + ("" if gone else "; the re-audit still flags it") + f" (backup {saved.name})"
    return Outcome(f["id"], status, msg, diff)


def consequences(project: Project, bible) -> list[dict[str, Any]]:
    """Errors and warnings an audit against ``bible`` would report that the last audit did not."""
    last = project.last_audit()
    report = project.audit_again(bible)
    current = {x["id"] for x in project.store.findings() if x["last_seen_audit"] == last["id"]}
    return [x.to_dict() for x in report.findings if x.id not in current and x.severity in ("error", "warning")]


def _encode_like(text: str, original: bytes) -> bytes:
    """``text`` in the encoding the bible was read in (UTF-8, or UTF-16/32 or UTF-8 with its BOM)."""
    import codecs

    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                       (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if original.startswith(bom):
            return bom + text.encode(codec)
    return text.encode("utf-8")


def _canon(bible, f: dict[str, Any]):
    """The bible with the finding's change, the same change for the file, and it in words."""
    from continuity.bible.edit import Change
    from continuity.bible.model import Character, Location, SceneRange, WardrobeItem
    from continuity.language.lexicon import garment_kind

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
        scene = int(data.get("season_scene") or f["scene"])  # a series bible counts scenes across the season
        kind = garment_kind(item)
        wardrobe, narrowed = [], []
        for n, w in enumerate(chars[idx].wardrobe):
            start, end = w.scenes.spans[-1]
            if end is None and start < scene and kind and garment_kind(w.item) == kind:
                w = w.model_copy(update={"scenes": SceneRange._of([*w.scenes.spans[:-1], (start, scene - 1)])})
                narrowed.append((n, str(w.scenes)))
            wardrobe.append(w)
        wardrobe.append(WardrobeItem(item=item, scenes=SceneRange.parse(f"{scene}-")))
        chars[idx] = chars[idx].model_copy(update={"wardrobe": wardrobe})
        edit = Change("characters", chars[idx].name, add_wardrobe=(item, f"{scene}-"), narrow_wardrobe=tuple(narrowed))
        return (bible.model_copy(update={"characters": chars}), edit,
                f"characters.{chars[idx].name}.wardrobe += {item} ({scene}-)")
    if cat == "appearance":
        attr, value = str(data.get("attribute") or ""), str(data.get("value") or "")
        if not attr or not value:
            raise InputError("this appearance finding does not name the attribute and value")
        chars[idx] = chars[idx].model_copy(update={"attributes": {**chars[idx].attributes, attr: value}})
        edit = Change("characters", chars[idx].name, set_attribute=(attr, value))
        return (bible.model_copy(update={"characters": chars}), edit,
                f"characters.{chars[idx].name}.attributes.{attr} = {value}")
    if cat == "name":
        cue = str(data.get("cue") or f["text"]).strip().upper()
        c = chars[idx]
        if cue in c.aliases:
            raise InputError(f"{cue} is already an alias of {c.name} in the bible")
        chars[idx] = c.model_copy(update={"aliases": [*c.aliases, cue]})
        edit = Change("characters", c.name, add_alias=cue)
        return bible.model_copy(update={"characters": chars}), edit, f"characters.{c.name}.aliases += {cue}"
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
    edit = Change("locations", locs[i].name, set_attribute=(feature, colour))
    return bible.model_copy(update={"locations": locs}), edit, f"locations.{place}.attributes.{feature} = {colour}"


def _norm(text: str) -> str:
    return " ".join(_WORD_RE.findall(text.lower()))


def who_or_default(who: str | None) -> str:
    """``who`` when given, else the local user name."""
    return (who or "").strip() or default_user()
