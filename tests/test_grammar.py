"""Count messages agree with their numbers: "1 finding", "2 findings", "1 prop"; "an appearance".

Two ways: the sources are read for f-strings that put a count straight before a
noun (``f"{len(x)} findings"``, ``f"{n} case(s)"``) instead of going through
:func:`continuity.language.words.plural`; and the messages themselves are produced with
one and with two of each thing and read back.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from conftest import EXAMPLE, ROOT

from continuity.checks.findings import Finding, Report, SceneInfo
from continuity.language.words import article, noun, plural, plural_of

_NOT_HERE: set[str] = set()
# Counts that are never 1, with the reason.
_NEVER_ONE = {
    ("project.py", "len(name)"): "only said when a name is over the length limit",
    ("app.py", "len(reason)"): "only said when a reason is over the length limit",
}
_COUNT_NAMES = re.compile(r"^(?:n|k|count|total|n_\w+|num_\w+|\w+_count)$")
_NOUN_AFTER = re.compile(r"^ ([a-z][a-z-]*(?:s|\(s\)))(?=$|[^a-z(])")


def _sources() -> list[Path]:
    files = [p for p in (ROOT / "studio").rglob("*.py") if p.name not in _NOT_HERE]
    files += [ROOT / "continuity" / name for name in
              ("reports/render.py", "reports/sheets.py", "reports/sheets_render.py", "story/props.py",
               "story/costume.py", "story/canon.py", "bible/extract.py", "language/words.py")]
    return sorted(files)


def _is_count(expr: ast.expr) -> bool:
    if isinstance(expr, ast.Call):
        func = expr.func.id if isinstance(expr.func, ast.Name) else getattr(expr.func, "attr", "")
        return func in ("len", "sum", "eighths_text", "count")
    if isinstance(expr, ast.Name):
        return bool(_COUNT_NAMES.match(expr.id))
    if isinstance(expr, ast.Subscript):
        key = expr.slice
        return isinstance(key, ast.Constant) and isinstance(key.value, str)
    if isinstance(expr, ast.IfExp):
        return _is_count(expr.body) or _is_count(expr.orelse)
    if isinstance(expr, ast.Attribute):
        return expr.attr.endswith("count")
    return False


def _bare_counts(path: Path, root: Path = ROOT) -> list[str]:
    """``file:line: expression -> noun`` for each count written straight before a plural noun."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.JoinedStr):
            continue
        for value, after in zip(node.values, node.values[1:]):
            if not (isinstance(value, ast.FormattedValue) and isinstance(after, ast.Constant)):
                continue
            m = _NOUN_AFTER.match(str(after.value))
            expr = ast.unparse(value.value)
            if m and _is_count(value.value) and (path.name, expr) not in _NEVER_ONE:
                out.append(f"{path.relative_to(root)}:{node.lineno}: {expr} -> {m.group(1)}")
    return out


def test_no_count_is_written_straight_before_a_plural_noun():
    found = [hit for path in _sources() for hit in _bare_counts(path)]
    assert not found, "use continuity.language.words.plural for these counts:\n" + "\n".join(found)


def test_the_scan_catches_what_it_should(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text('a = f"wrote {len(items)} findings"\nb = f"{n} case(s) skipped"\nc = f"{s[\'facts\']} facts"\n'
                   'ok = f"{plural(n, \'finding\')}"\nalso = f"{name} runs"\n', encoding="utf-8")
    hits = [h.split(": ", 1)[1] for h in _bare_counts(bad, tmp_path)]
    assert hits == ["len(items) -> findings", "n -> case(s)", "s['facts'] -> facts"]


# -- the helpers --------------------------------------------------------------------------


@pytest.mark.parametrize("word, one, two", [
    ("finding", "1 finding", "2 findings"), ("prop", "1 prop", "2 props"), ("scene", "1 scene", "2 scenes"),
    ("costume", "1 costume", "2 costumes"), ("entry", "1 entry", "2 entries"), ("match", "1 match", "2 matches"),
    ("status", "1 status", "2 statuses"), ("visual finding", "1 visual finding", "2 visual findings"),
    ("day", "1 day", "2 days"),
])
def test_plural(word, one, two):
    assert plural(1, word) == one and plural(2, word) == two and plural(0, word) == "0" + two[1:]


def test_noun_and_plural_of():
    assert noun(1, "finding") == "finding" and noun(3, "finding") == "findings"
    assert plural_of("person") == "people" and plural(2, "info", "info") == "2 info"


@pytest.mark.parametrize("word, a", [
    ("appearance", "an"), ("wardrobe", "a"), ("prop", "a"), ("name", "a"), ("location", "a"), ("timeline", "a"),
    ("voice", "a"), ("visual", "a"), ("style", "a"), ("error", "an"), ("info", "an"), ("hour", "an"),
    ("user", "a"), ("umbrella", "an"), ("one", "a"),
])
def test_article(word, a):
    assert article(word) == a


# -- the messages, with one and with two ----------------------------------------------------

_WORDS = "finding|prop|scene|character|location|fact|costume|panel|shot|audit|case|error|warning|page"
_ONE_PLURAL = re.compile(rf"(?<![\d/])1 (?:{_WORDS})s\b")
_MANY_SINGULAR = re.compile(rf"(?<![\d/])(?:0|[2-9]|\d\d+) (?:{_WORDS})\b(?!s)")  # "2/8 page" is right


def _agrees(text: str) -> bool:
    return not _ONE_PLURAL.search(text) and not _MANY_SINGULAR.search(text) and not re.search(r"\ba [aeio]\w", text)


def _finding(severity: str, i: int) -> Finding:
    return Finding(category="appearance", severity=severity, scene=1, line=3 + i, message=f"m{i}", text=f"t{i}")


def _report(*severities: str, scenes: int = 1) -> Report:
    infos = tuple(SceneInfo(k, 1 + k, f"INT. ROOM {k} - DAY", "DAY", 1) for k in range(1, scenes + 1))
    return Report("s.fountain", "fountain", infos, tuple(_finding(s, i) for i, s in enumerate(severities)))


@pytest.mark.parametrize("severities, scenes, expected", [
    (("error",), 1, "s.fountain: 1 scene, 1 finding (1 error)."),
    (("error", "error", "info", "info"), 2, "s.fountain: 2 scenes, 4 findings (2 errors, 2 info)."),
    (("warning", "info"), 1, "s.fountain: 1 scene, 2 findings (1 warning, 1 info)."),
    ((), 1, "s.fountain: 1 scene, no findings."),
])
def test_report_summary(severities, scenes, expected):
    from continuity.reports.render import _summary

    assert _summary(_report(*severities, scenes=scenes)) == expected


def test_export_summary():
    from studio.review.export import _summary

    one = {"status": "open"}
    assert _summary([one]) == "1 finding: 1 open."
    assert _summary([one, {"status": "dismissed"}]) == "2 findings: 1 open, 1 dismissed."


def test_add_to_bible_refusal_uses_the_right_article():
    from studio.review.actions import cannot_add_message

    for cat in ("appearance", "prop", "timeline", "voice", "visual", "style"):
        f = {"id": "0123456789abcdef", "category": cat, "character": None, "evidence": [], "data": {}}
        msg = cannot_add_message(f)
        assert _agrees(msg), msg
        assert "dismiss" in msg


ONE_OF_EACH = """\
INT. SHED - NIGHT

ADA (40s), in a black coat, picks up her torch and shines the torch at the wall.

ADA
Hello?

INT. SHED - LATER

Ada sets down her torch and switches the torch off.
"""


def test_command_messages_with_one_of_each(cli, tmp_path):
    script = tmp_path / "shed.fountain"
    script.write_text(ONE_OF_EACH, encoding="utf-8")
    bible = tmp_path / "bible.yaml"
    code, _, err = cli("bible", "extract", script, "--out", bible)
    said = " ".join(err.split())
    assert code == 0 and "1 character, 1 location, 1 prop" in said and _agrees(said), said
    code, out, _ = cli("bible", "check", bible)
    assert code == 0 and "1 character, 1 location, 1 prop" in out and _agrees(out), out
    code, _, err = cli("sheets", script, "--out", tmp_path / "s.md")
    said = " ".join(err.split())
    assert code == 0 and "1 character, 1 costume, 1 prop" in said and _agrees(said), said
    code, out, _ = cli("scenes", script)
    assert code == 0 and "2 scenes" in out and _agrees(out), out


def test_export_message_with_one_finding(cli, tmp_path, monkeypatch):
    import shutil

    for name in ("script.fountain", "bible.yaml"):
        shutil.copy(EXAMPLE / name, tmp_path / name)
    cli("audit", tmp_path / "script.fountain", "--bible", tmp_path / "bible.yaml", "--store", "--format", "json")
    code, out, _ = cli("findings", "list", "--project", tmp_path, "--json")
    ids = [f["id"] for f in __import__("json").loads(out)["findings"]]
    for fid in ids[1:]:
        cli("findings", "dismiss", fid, "--reason", "test", "--project", tmp_path)
    code, _, err = cli("findings", "export", "--format", "csv", "--status", "open", "--out", tmp_path / "x.csv",
                       "--project", tmp_path)
    assert code == 0 and "(1 finding)" in err
