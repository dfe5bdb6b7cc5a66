"""Render continuity sheets (:class:`continuity.reports.sheets.Sheets`) as text, Markdown, HTML, CSV or JSON."""

from __future__ import annotations

import html
import json

from continuity.language.words import plural
from continuity.reports.escape import csv_text
from continuity.reports.escape import md as _md
from continuity.reports.sheets import CharacterSheet, SceneEntry, Sheets
from continuity.story.props import PropEntry, PropSheet

FORMATS = ("text", "markdown", "html", "csv", "json")
#: Sheet file extensions and the format each means.
EXTENSIONS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html",
              ".htm": "html", ".csv": "csv", ".json": "json"}
#: The columns of the CSV sheet (stable).
CSV_COLUMNS = ("sheet", "name", "scene", "scene_number", "page", "line", "story_day", "costume", "what", "value",
               "words", "character", "recipient", "note", "text")


def render(sheets: Sheets, fmt: str) -> str:
    """``sheets`` in ``fmt`` (one of :data:`FORMATS`)."""
    return {"text": to_text, "markdown": to_markdown, "html": to_html, "csv": to_csv, "json": to_json}[fmt](sheets)


def summary(sheets: Sheets) -> str:
    """``script.fountain: 10 scenes, 4 characters, 1 costume, 5 props``."""
    changes = sum(len(c.costumes) for c in sheets.characters)
    return (f"{sheets.script}: {plural(sheets.scene_count, 'scene')}, {plural(len(sheets.characters), 'character')}, "
            f"{plural(changes, 'costume')}, {plural(len(sheets.props), 'prop')}")


def to_json(sheets: Sheets) -> str:
    """The stable JSON (see :meth:`Sheets.to_dict`)."""
    return json.dumps(sheets.to_dict(), indent=2, ensure_ascii=False) + "\n"


# -- words shared by the formats ------------------------------------------------------------


def _costume(e: SceneEntry) -> str:
    if e.costume is None:
        return ""
    return f"Change {e.costume}" if e.costume_seen else f"(Change {e.costume})"


def _looks(e: SceneEntry) -> str:
    return "; ".join(f"{x.attribute}: {x.words}" for x in e.looks)


def _wardrobe(e: SceneEntry) -> str:
    return "; ".join(x.words for x in e.wardrobe)


def _canon(c: CharacterSheet) -> str:
    return ", ".join(f"{k} {v}" for k, v in c.canon)


def _canon_wardrobe(c: CharacterSheet) -> str:
    return "; ".join(f"{item} ({'scene' if '-' not in s and ',' not in s else 'scenes'} {s})" for item, s in c.canon_wardrobe)


def _page(p: str | None) -> str:
    return f"p. {p}" if p else ""


def _who(e: PropEntry) -> str:
    if e.event == "handed over":
        return f"{e.character or 'someone'} to {e.recipient}"
    if e.event == "taken":
        return f"by {e.recipient}"
    return e.character or ""


def _prop_status(p: PropSheet) -> str:
    parts = [plural(len(p.scenes), "scene")]
    if p.holders:
        parts.append("handled by " + ", ".join(p.holders))
    if p.status:
        parts.append(p.status)
    return "; ".join(parts)


def _unlisted(sheets: Sheets, p: PropSheet, words: str) -> str:
    """``words`` for a prop found in the script that the given bible does not list."""
    return words if sheets.bible and not p.in_bible else ""


_LEGEND = "Change N: the costume seen in the scene; (Change N): carried on from earlier the same story day."


# -- text ------------------------------------------------------------------------------------


def to_text(sheets: Sheets) -> str:
    """Plain text: one block per character, then one per prop."""
    out = [f"Continuity sheets: {summary(sheets)}", _LEGEND, ""]
    out.append("CHARACTERS")
    for c in sheets.characters:
        out.append("")
        out.append(c.name)
        if c.canon:
            out.append(f"  bible: {_canon(c)}")
        if c.canon_wardrobe:
            out.append(f"  bible wardrobe: {_canon_wardrobe(c)}")
        for k in c.costumes:
            where = f"scene {k.where.scene_number}" + (f", p. {k.where.page}" if k.where.page else "")
            out.append(f"  Change {k.change} from {where}: {', '.join(k.garments)} ({k.reason})")
        for e in c.scenes:
            what = [s for s in (_looks(e), f"wears {_wardrobe(e)}" if e.wardrobe else "") if s]
            day = e.story_day or ""
            out.append(f"  sc {e.scene_number:<5} {_page(e.page):<8} {day:<7} {_costume(e):<11} {e.heading}")
            if what:
                out.append(f"        {' | '.join(what)}")
            for n in e.notes:
                out.append(f"        note: {n}")
    out += ["", "PROPS"]
    for p in sheets.props:
        out.append("")
        aka = f" (also: {', '.join(p.aliases)})" if p.aliases else ""
        out.append(f"{p.name}{aka}{_unlisted(sheets, p, ' [not in the bible]')}: {_prop_status(p)}")
        for e in p.entries:
            who = _who(e)
            out.append(f"  sc {e.where.scene_number:<5} {_page(e.where.page):<8} {e.event:<12} {who:<14} {e.text}")
            if e.note:
                out.append(f"        note: {e.note}")
    return "\n".join(out).rstrip() + "\n"


# -- markdown --------------------------------------------------------------------------------


def to_markdown(sheets: Sheets) -> str:
    """Markdown: a table per character and per prop."""
    out = [f"# Continuity sheets: {_md(sheets.script)}", "", _md(summary(sheets)) + ".", "", _md(_LEGEND), "",
           "## Characters", ""]
    for c in sheets.characters:
        out += [f"### {_md(c.name)}", ""]
        if c.canon:
            out.append(f"- Bible: {_md(_canon(c))}")
        if c.canon_wardrobe:
            out.append(f"- Bible wardrobe: {_md(_canon_wardrobe(c))}")
        for k in c.costumes:
            out.append(f"- **Change {k.change}** from scene {_md(k.where.scene_number)}: "
                       f"{_md(', '.join(k.garments))} ({_md(k.reason)})")
        out += ["", "| Scene | Page | Day | Costume | Looks | Wardrobe | Notes |", "|---|---|---|---|---|---|---|"]
        for e in c.scenes:
            day = "" if e.story_day is None else str(e.story_day)
            out.append(f"| {_md(e.scene_number)} | {_md(e.page or '')} | {day} | {_costume(e)} | {_md(_looks(e))} | "
                       f"{_md(_wardrobe(e))} | {_md('; '.join(e.notes))} |")
        out.append("")
    out += ["## Props", ""]
    for p in sheets.props:
        aka = f" (also: {', '.join(p.aliases)})" if p.aliases else ""
        out += [f"### {_md(p.name + aka)}", "", _md(_prop_status(p) + _unlisted(sheets, p, " (not in the bible)")),
                "", "| Scene | Page | Event | Who | Text |", "|---|---|---|---|---|"]
        for e in p.entries:
            text = e.text + (f" ({e.note})" if e.note else "")
            out.append(f"| {_md(e.where.scene_number)} | {_md(e.where.page or '')} | {_md(e.event)} | "
                       f"{_md(_who(e))} | {_md(text)} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


# -- html ------------------------------------------------------------------------------------

_CSS = """body{font:15px/1.45 system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.4rem}h2{margin-top:2rem}h3{font-family:'Courier Prime',Courier,monospace;margin-top:1.6rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}td,th{border:1px solid #ddd;padding:.25rem .45rem;
text-align:left;vertical-align:top}th{background:#f3f3f3}.note{color:#b23c17}.carried{color:#777}"""


def to_html(sheets: Sheets) -> str:
    """A self-contained HTML page; every script text is escaped."""
    e = html.escape
    out = ["<!doctype html><html lang=en><meta charset=utf-8>",
           f"<title>Continuity sheets: {e(sheets.script)}</title><style>{_CSS}</style>",
           f"<h1>Continuity sheets: {e(sheets.script)}</h1><p>{e(summary(sheets))}.</p><p>{e(_LEGEND)}</p>",
           "<h2>Characters</h2>"]
    for c in sheets.characters:
        out.append(f"<h3>{e(c.name)}</h3><ul>")
        if c.canon:
            out.append(f"<li>Bible: {e(_canon(c))}</li>")
        if c.canon_wardrobe:
            out.append(f"<li>Bible wardrobe: {e(_canon_wardrobe(c))}</li>")
        for k in c.costumes:
            out.append(f"<li><b>Change {k.change}</b> from scene {e(k.where.scene_number)}: "
                       f"{e(', '.join(k.garments))} ({e(k.reason)})</li>")
        out.append("</ul><table><tr><th>Scene</th><th>Page</th><th>Day</th><th>Costume</th><th>Looks</th>"
                   "<th>Wardrobe</th><th>Notes</th></tr>")
        for r in c.scenes:
            day = "" if r.story_day is None else str(r.story_day)
            cls = "" if r.costume_seen else ' class="carried"'
            out.append(f"<tr><td>{e(r.scene_number)}</td><td>{e(r.page or '')}</td><td>{day}</td>"
                       f"<td{cls}>{e(_costume(r))}</td><td>{e(_looks(r))}</td><td>{e(_wardrobe(r))}</td>"
                       f"<td class=note>{e('; '.join(r.notes))}</td></tr>")
        out.append("</table>")
    out.append("<h2>Props</h2>")
    for p in sheets.props:
        aka = f" (also: {', '.join(p.aliases)})" if p.aliases else ""
        out.append(f"<h3>{e(p.name + aka)}</h3><p>{e(_prop_status(p) + _unlisted(sheets, p, ' (not in the bible)'))}</p>")
        out.append("<table><tr><th>Scene</th><th>Page</th><th>Event</th><th>Who</th><th>Text</th></tr>")
        for r in p.entries:
            note = f' <span class="note">({e(r.note)})</span>' if r.note else ""
            out.append(f"<tr><td>{e(r.where.scene_number)}</td><td>{e(r.where.page or '')}</td><td>{e(r.event)}</td>"
                       f"<td>{e(_who(r))}</td><td>{e(r.text)}{note}</td></tr>")
        out.append("</table>")
    out.append("</html>")
    return "\n".join(out) + "\n"


# -- csv -------------------------------------------------------------------------------------


def to_csv(sheets: Sheets) -> str:
    """One table: a row per look, garment and costume change of each character, and per prop event."""
    return csv_text(CSV_COLUMNS, _csv_rows(sheets))


def _csv_rows(sheets: Sheets):
    for c in sheets.characters:
        base = {"sheet": "character", "name": c.name}
        for k in c.costumes:
            yield {**base, **k.where.to_dict(), "costume": k.change, "what": "costume change",
                   "value": k.change, "words": "; ".join(k.garments), "note": k.reason}
        for e in c.scenes:
            row = {**base, "scene": e.scene, "scene_number": e.scene_number, "page": e.page,
                   "story_day": e.story_day, "costume": e.costume}
            items = e.looks + e.wardrobe
            if not items:
                yield {**row, "what": "in scene", "note": "; ".join(e.notes)}
            for x in items:
                yield {**row, "line": x.where.line, "what": x.attribute, "value": x.value, "words": x.words,
                       "text": x.text, "note": "; ".join(e.notes)}
    for p in sheets.props:
        for e in p.entries:
            yield {"sheet": "prop", "name": p.name, **e.where.to_dict(), "what": e.event, "words": e.words,
                   "character": e.character, "recipient": e.recipient, "note": e.note, "text": e.text}


__all__ = ["FORMATS", "EXTENSIONS", "CSV_COLUMNS", "render", "summary", "to_text", "to_markdown", "to_html",
           "to_csv", "to_json"]
