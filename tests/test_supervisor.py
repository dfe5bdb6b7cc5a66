"""A script supervisor's workflow: pages and scene numbers, extensions, decisions.

Pagination and positions (continuity/pages.py, continuity/positions.py), the
one-liner (``studio scenes``), output extensions (``convert``, ``audit --out``) and
review decisions hiding findings (``--store``, ``[[continuity: intended]]``).
"""

from __future__ import annotations

import json

import pytest
from conftest import EXAMPLE

from continuity.language.embedding import HashingEmbedder
from continuity.screenplay.model import Kind
from continuity.screenplay.pages import eighths_text, layout, pagination
from continuity.screenplay.readers import fountain

SCRIPT = EXAMPLE / "script.fountain"
BIBLE = EXAMPLE / "bible.yaml"


# -- pagination ------------------------------------------------------------------------


def _script(body: str):
    return fountain.parse(body)


def test_pages_hold_55_rows_and_a_heading_is_never_left_at_the_foot():
    # The heading and 26 one-row paragraphs fill rows 1-53 (a blank row between
    # each); the next heading would take row 55, the last, alone: it moves.
    body = "INT. A - DAY\n\n" + "\n\n".join(f"Line {i}." for i in range(26)) + "\n\nINT. B - NIGHT\n\nOne.\n"
    pages = layout(_script(body))
    assert all(len(p.rows) <= 55 for p in pages)
    assert [r.text for r in pages[1].rows if r][:1] == ["INT. B - NIGHT"]


def test_a_forced_page_break_starts_a_page():
    pages = layout(_script("INT. A - DAY\n\nOne.\n\n===\n\nTwo.\n"))
    assert [[r.text for r in p.rows if r] for p in pages] == [["INT. A - DAY", "One."], ["Two."]]


def test_a_long_speech_splits_with_more_and_contd_two_lines_each_side():
    speech = " ".join(f"Word{i} is here now." for i in range(200))
    pages = layout(_script(f"INT. A - DAY\n\nMARA\n{speech}\n"))
    first, second = pages[0].rows, pages[1].rows
    assert first[-1].text == "(MORE)" and second[0].text == "MARA (CONT'D)"
    assert sum(1 for r in first if r and r.kind == "dialogue") >= 2
    assert sum(1 for r in second if r and r.kind == "dialogue") >= 2


def test_eighths_text():
    assert [eighths_text(n) for n in (1, 4, 8, 11, 16)] == ["1/8", "4/8", "1", "1 3/8", "2"]


def test_scene_extents_add_up_to_the_page_count(corpus):
    path = corpus / "screenplays" / "Big-Fish.fountain"
    if not path.is_file():
        pytest.skip("Big-Fish not in the corpus")
    script = fountain.parse(path.read_text(encoding="utf-8"))
    pages = pagination(script)
    total = sum(pages.scene(s.index).eighths for s in script.scenes)
    n = len(layout(script))
    assert 115 <= n <= 130  # screenplain and afterwriting paginate it to 118-122 pages
    assert abs(total / 8 - n) <= n * 0.1
    assert abs(total - pages.body) <= 1  # the blank foot of each page is counted: the scenes add up to the script


def test_positions_from_fountain_and_from_its_pdf_agree(tmp_path):
    """The same script as Fountain (laid out) and as our PDF (its own pages)."""
    from continuity.api import load_script, save_script
    from continuity.audit import run
    from continuity.bible.load import load_bible
    from continuity.reports.positions import locate

    pdf = tmp_path / "s.pdf"
    save_script(load_script(SCRIPT), pdf)
    reports = []
    for path in (SCRIPT, pdf):
        script = load_script(path)
        reports.append(locate(run(script, load_bible(BIBLE), embedder=HashingEmbedder(), cache_dir=None), script))
    a, b = reports
    assert [f.id for f in a.findings] == [f.id for f in b.findings] and a.findings
    assert [(f.scene_number, f.page, f.page_eighth) for f in a.findings] == [
        (f.scene_number, f.page, f.page_eighth) for f in b.findings
    ]
    assert all(f.page and f.scene_number for f in a.findings)
    assert [(s.page, s.eighths) for s in a.scenes] == [(s.page, s.eighths) for s in b.scenes]


def test_findings_carry_the_scripts_own_scene_numbers(tmp_path):
    from continuity.api import load_script
    from continuity.audit import run
    from continuity.reports.positions import locate

    p = tmp_path / "n.fountain"
    p.write_text(MARKED.replace(" [[continuity: intended, she dyed it off screen]]", ""))
    script = load_script(p)
    report = locate(run(script, None, embedder=HashingEmbedder(), cache_dir=None, checks=["appearance"]), script)
    d = report.to_dict()
    f = d["findings"][0]
    assert (f["scene"], f["scene_number"], f["page"], f["line"]) == (2, "41", "1", 10)
    assert f["evidence"][0]["scene_number"] == "40A"
    assert d["scene_index"][0]["scene_number"] == "40A" and d["scene_index"][0]["pages"] == "1/8"


# -- studio scenes -----------------------------------------------------------------------


def test_scenes_one_liner_json_keeps_old_keys_and_adds_production_ones(cli, tmp_path):
    p = tmp_path / "s.fountain"
    p.write_text("INT. KITCHEN - DAY #7#\n\nMARA (30s) pours tea for Eli.\n\nELI\nThanks, Tom.\n\nEXT. YARD\n\nRain.\n\n"
                 "TOM (O.S.)\nMara!\n")
    code, out, _ = cli("scenes", p, "--json")
    data = json.loads(out)
    first = data["scenes"][0]
    assert code == 0
    assert set(first) >= {"scene", "line", "number", "heading", "setting", "location", "time", "story_day", "speakers"}
    assert set(first) >= {"present", "heard", "mentioned", "day", "flashback", "time_source", "heading_time"}
    # The blank at the foot of the page belongs to the last scene: 1/8 + 7/8 make the page.
    assert (first["scene_number"], first["page"], first["pages"], first["cast"]) == ("7", "1", "1/8", ["MARA", "ELI"])
    assert first["story_day"] == "D1" and first["speaking"] == ["ELI"] and first["mentioned"] == ["TOM"]
    second = data["scenes"][1]
    assert (second["time"], second["story_day"], second["heading_time"]) == ("DAY", "D1", None)
    assert (second["present"], second["heard"], second["mentioned"]) == ([], ["TOM"], ["MARA"])
    assert data["info"] == [
        {"severity": "info", "scene": 2, "scene_number": "2",
         "message": "the heading gives no time of day; DAY (carried from scene 7)"}
    ]
    code, out, _ = cli("scenes", p)
    assert "info: 1 heading without a time of day, resolved" in out and "1/8" in out


def test_scenes_reads_a_pdf(cli, tmp_path):
    pdf = tmp_path / "lh.pdf"
    assert cli("convert", SCRIPT, pdf)[0] == 0
    a = json.loads(cli("scenes", SCRIPT, "--json")[1])["scenes"]
    b = json.loads(cli("scenes", pdf, "--json")[1])["scenes"]
    assert [(s["heading"], s["speakers"], s["page"], s["pages"]) for s in a] == [
        (s["heading"], s["speakers"], s["page"], s["pages"]) for s in b
    ]


# -- extensions --------------------------------------------------------------------------


def test_convert_refuses_an_unknown_extension_and_writes_nothing(cli, tmp_path):
    target = tmp_path / "out.docx"
    code, out, err = cli("convert", SCRIPT, target)
    assert code == 2 and not target.exists()
    assert "'.docx' names no screenplay format" in err and len(err.strip().splitlines()) == 1


def test_convert_writes_a_real_pdf(cli, tmp_path):
    target = tmp_path / "lock.pdf"
    code, _, err = cli("convert", SCRIPT, target)
    assert code == 0 and "(pdf)" in err
    assert target.read_bytes().startswith(b"%PDF-")


def test_convert_a_pdf_to_fountain(cli, tmp_path):
    pdf, back = tmp_path / "a.pdf", tmp_path / "b.fountain"
    assert cli("convert", SCRIPT, pdf)[0] == 0
    assert cli("convert", pdf, back)[0] == 0
    speakers = [el.character for _, el in fountain.parse(back.read_text()).elements() if el.kind is Kind.CHARACTER]
    assert speakers == [el.character for _, el in fountain.parse(SCRIPT.read_text()).elements() if el.kind is Kind.CHARACTER]


@pytest.mark.parametrize("name, marker", [("r.html", "<!doctype html>"), ("r.md", "# Continuity report"),
                                          ("r.json", '"findings"'), ("r.txt", "Scene ")])
def test_audit_out_honours_the_extension(cli, tmp_path, name, marker):
    out = tmp_path / name
    code, _, err = cli("audit", SCRIPT, "--bible", BIBLE, "--out", out)
    assert code == 1 and "wrote" in err
    assert marker in out.read_text()


def test_audit_pdf_report(cli, tmp_path):
    out = tmp_path / "r.pdf"
    code, _, _ = cli("audit", SCRIPT, "--bible", BIBLE, "--format", "pdf", "--out", out)
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(out.read_bytes())
    text = "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    assert code == 1 and "Scene 10: EXT. LIGHTHOUSE - GALLERY - DAWN" in text


@pytest.mark.parametrize("args, message", [
    (["--out", "r.xyz"], "'.xyz' names no report format"),
    (["--format", "json", "--out", "r.html"], "--format json does not match --out"),
])
def test_audit_out_refuses_unknown_or_mismatched_extension(cli, tmp_path, args, message):
    args = [a if not a.startswith("r.") else tmp_path / a for a in args]
    code, _, err = cli("audit", SCRIPT, *args)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1
    assert not list(tmp_path.iterdir())


def test_audit_reads_a_pdf_and_finds_the_same(cli, tmp_path):
    pdf = tmp_path / "lh.pdf"
    cli("convert", SCRIPT, pdf)
    a = json.loads(cli("audit", SCRIPT, "--bible", BIBLE, "--format", "json")[1])
    code, out, _ = cli("audit", pdf, "--bible", BIBLE, "--format", "json")
    b = json.loads(out)
    assert code == 1 and b["format"] == "pdf"
    assert [f["id"] for f in a["findings"]] == [f["id"] for f in b["findings"]]


def test_text_report_says_page_and_scene_number(cli, tmp_path):
    code, out, _ = cli("audit", SCRIPT, "--bible", BIBLE)
    assert "Scene 10: EXT. LIGHTHOUSE - GALLERY - DAWN (p. " in out
    assert ", line 3" in out and "p. " in out


# -- decisions ---------------------------------------------------------------------------

MARKED = """INT. KITCHEN - DAY #40A#

MARA (30s), red hair, enters.

MARA
Morning.

INT. HALL - DAY #41#

Mara shakes out her blonde hair. [[continuity: intended, she dyed it off screen]]
"""


def test_inline_intended_note_hides_the_finding_and_its_failure(cli, tmp_path):
    p = tmp_path / "m.fountain"
    p.write_text(MARKED.replace(" [[continuity: intended, she dyed it off screen]]", ""))
    code, out, _ = cli("audit", p, "--checks", "appearance", "--fail-on", "warning")
    assert code == 1 and "blonde" in out
    p.write_text(MARKED)
    code, out, _ = cli("audit", p, "--checks", "appearance", "--fail-on", "warning")
    assert code == 0 and "no findings. 1 dismissed (hidden)." in out and "blonde" not in out
    code, out, _ = cli("audit", p, "--checks", "appearance", "--fail-on", "warning", "--show-dismissed")
    assert code == 0 and "[intended]" in out and "blonde" in out
    data = json.loads(cli("audit", p, "--checks", "appearance", "--fail-on", "warning", "--format", "json", "--show-dismissed")[1])
    assert data["findings"] == [] and data["hidden"] == 1
    assert data["hidden_findings"][0]["status"] == "intended"


def test_dismissed_in_the_store_is_hidden_on_the_next_audit(cli, tmp_path):
    p = tmp_path / "m.fountain"
    p.write_text(MARKED.replace(" [[continuity: intended, she dyed it off screen]]", ""))
    code, out, err = cli("audit", p, "--checks", "appearance", "--fail-on", "warning", "--store", "--format", "json")
    fid = json.loads(out)["findings"][0]["id"]
    assert code == 1
    assert cli("findings", "dismiss", fid[:8], "--reason", "dyed, intended", "--project", tmp_path)[0] == 0
    code, out, err = cli("audit", p, "--checks", "appearance", "--fail-on", "warning", "--store")
    assert code == 0 and "1 dismissed (hidden)" in out and "ERROR" not in out
    code, out, _ = cli("audit", p, "--checks", "appearance", "--fail-on", "warning", "--show-dismissed")  # the store is read without --store
    assert code == 0 and "[dismissed]" in out


def test_fdx_findings_say_the_line_on_the_page_not_a_paragraph_count(cli, tmp_path):
    fdx = tmp_path / "lh.fdx"
    cli("convert", SCRIPT, fdx)
    a = json.loads(cli("audit", SCRIPT, "--bible", BIBLE, "--format", "json")[1])["findings"]
    b = json.loads(cli("audit", fdx, "--bible", BIBLE, "--format", "json")[1])["findings"]
    # The same pages and lines on the page as the Fountain file laid out.
    assert [(f["page"], f["page_line"]) for f in a] == [(f["page"], f["page_line"]) for f in b]
    code, out, _ = cli("audit", fdx, "--bible", BIBLE)
    assert "line " in out and " of the page" in out and "paragraph" not in out
