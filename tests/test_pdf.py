"""Screenplay PDFs: reading what other programs render, writing industry format.

The reader is tested on PDFs rendered from the corpus Fountain files by programs
nobody here wrote (screenplain, a PyPI package; afterwriting, an npm CLI, when it
is installed), and compared with our own Fountain parse of the same file.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys

import pytest

from continuity.errors import InputError
from continuity.screenplay.model import Kind
from continuity.screenplay.readers import fountain
from continuity.screenplay.readers import pdf as pdf_reader
from continuity.screenplay.writers import pdf as pdf_writer

NAMES = ["Brick-and-Steel", "The-Last-Birthday-Card", "Big-Fish"]


def _norm(text: str) -> str:
    # Our Fountain reader keeps '*' of emphasis that spans lines; renderers drop it.
    return " ".join(text.replace("*", "").split())


def _speech_and_headings(script) -> list[tuple[str, str]]:
    """Headings that read as headings (INT./EXT....), cues, parentheticals, dialogue."""
    out = []
    for scene in script.scenes:
        if scene.heading.setting:  # a forced heading prints as plain capitals
            out.append(("heading", _norm(scene.heading.text)))
        for el in scene.elements:
            if el.kind is Kind.CHARACTER:
                out.append(("cue", el.character))
            elif el.kind in (Kind.DIALOGUE, Kind.PARENTHETICAL):
                out.append((el.kind.value, _norm(el.text)))
    return out


def _corpus_script(corpus, name):
    path = corpus / "screenplays" / f"{name}.fountain"
    if not path.is_file():
        pytest.skip(f"{path} not in the corpus")
    return path


def _screenplain(src, out):
    pytest.importorskip("screenplain")
    pytest.importorskip("reportlab", reason="screenplain renders PDF with reportlab (screenplain[PDF])")
    subprocess.run(
        [sys.executable, "-c", "import sys; from screenplain.main import main; main(sys.argv[1:])", str(src), str(out)],
        check=True, capture_output=True, timeout=120,
    )


@pytest.mark.parametrize("name", NAMES)
def test_screenplain_pdf_reads_like_the_fountain(corpus, tmp_path, name):
    src = _corpus_script(corpus, name)
    out = tmp_path / f"{name}.pdf"
    _screenplain(src, out)
    got = pdf_reader.parse(out.read_bytes(), source=str(out))
    want = fountain.parse(src.read_text(encoding="utf-8"))
    assert got.format == "pdf"
    assert _speech_and_headings(got) == _speech_and_headings(want)


@pytest.mark.parametrize("settings", [[], ["scenes_numbers=both", "print_profile=usletter", "scene_continuation_bottom=true",
                                            "scene_continuation_top=true", "print_header=REVISED DRAFT",
                                            "print_footer=Property of Studio", "print_watermark=CONFIDENTIAL"]],
                         ids=["a4-default", "letter-numbered-headers"])
@pytest.mark.parametrize("name", NAMES[:2])
def test_afterwriting_pdf_reads_like_the_fountain(corpus, tmp_path, name, settings):
    exe = shutil.which("afterwriting")
    if exe is None:
        pytest.skip("the afterwriting CLI (npm install -g afterwriting) is not installed")
    src = _corpus_script(corpus, name)
    out = tmp_path / f"{name}.pdf"
    args = [exe, "--source", str(src), "--pdf", str(out), "--overwrite"]
    for s in settings:
        args += ["--setting", s]
    subprocess.run(args, check=True, capture_output=True, timeout=300)
    got = pdf_reader.parse(out.read_bytes(), source=str(out))
    want = fountain.parse(src.read_text(encoding="utf-8"))
    assert _speech_and_headings(got) == _speech_and_headings(want)
    if settings:  # numbered: every heading, forced ones too, and in order
        assert [s.heading.number for s in got.scenes] == [str(i) for i in range(1, len(want.scenes) + 1)]


def _all_kinds(script) -> list[tuple[str, str]]:
    out = []
    for scene in script.scenes:
        out.append(("heading", _norm(scene.heading.text)))
        for el in scene.elements:
            if el.kind in (Kind.NOTE, Kind.SECTION, Kind.SYNOPSIS, Kind.PAGE_BREAK):
                continue
            out.append((el.kind.value, el.character if el.kind is Kind.CHARACTER else _norm(el.text)))
    return out


@pytest.mark.parametrize("name", NAMES[:2])
def test_our_pdf_round_trips_every_printed_element(corpus, name):
    want = fountain.parse(_corpus_script(corpus, name).read_text(encoding="utf-8"))
    buf = io.BytesIO()
    pdf_writer.write(want, buf)
    got = pdf_reader.parse(buf.getvalue(), source="x.pdf")
    assert _all_kinds(got) == _all_kinds(want)
    # Our PDF numbers every scene, forced headings included.
    assert [s.heading.number for s in got.scenes] == [str(s.index) for s in want.scenes]
    assert dict(got.title_page).get("Author") == dict(want.title_page).get("Author")


SPEECH = " ".join(f"Sentence number {i} of a speech that runs on and on." for i in range(40))
SCRIPT = f"""Title: The Ferryman
Author: A. Writer

INT. FERRY - NIGHT #12A#

Nell grips the rail.

NELL
(quietly)
{SPEECH}

EXT. DOCK - DAY #13#

Tom waits.

> CUT TO:
"""


def test_written_pdf_has_industry_layout_and_reads_back():
    script = fountain.parse(SCRIPT)
    buf = io.BytesIO()
    pdf_writer.write(script, buf)
    data = buf.getvalue()
    assert data.startswith(b"%PDF-1.4") and b"/BaseFont /Courier" in data and b"/MediaBox [0 0 612 792]" in data
    # An independent look at the text (PDFium), not our reader.
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    pages = [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    assert "THE FERRYMAN" in pages[0]  # the title page
    assert "(MORE)" in pages[1] and "NELL (CONT'D)" in pages[2]
    assert "12A" in pages[1] and "2." in pages[2].split("\n")[0]
    got = pdf_reader.parse(data, source="x.pdf")
    assert [s.heading.number for s in got.scenes] == ["12A", "13"]
    speech = [el for el in got.scenes[0].elements if el.kind is Kind.DIALOGUE]
    assert len(speech) == 1 and _norm(speech[0].text) == _norm(SPEECH)  # one speech across the page
    assert [el.kind for el in got.scenes[1].elements] == [Kind.ACTION, Kind.TRANSITION]
    assert [p.number for p in got.pages] == ["1", "2"]  # the title page is not numbered


def test_writer_is_deterministic():
    script = fountain.parse(SCRIPT)
    a, b = io.BytesIO(), io.BytesIO()
    pdf_writer.write(script, a)
    pdf_writer.write(script, b)
    assert a.getvalue() == b.getvalue()


def test_writer_transliterates_what_courier_lacks():
    script = fountain.parse("INT. CAFÉ - DAY\n\nZoë orders a crème brûlée for 5€ — and a ☕.\n")
    buf = io.BytesIO()
    pdf_writer.write(script, buf)
    got = pdf_reader.parse(buf.getvalue(), source="x.pdf")
    assert got.scenes[0].heading.text == "INT. CAFÉ - DAY"
    assert got.scenes[0].elements[0].text == "Zoë orders a crème brûlée for 5€ — and a ?."


def test_scanned_pdf_is_refused_with_a_clear_message(tmp_path):
    from PIL import Image

    path = tmp_path / "scan.pdf"
    Image.new("RGB", (850, 1100), "white").save(path)
    with pytest.raises(InputError, match="no text layer.*OCR"):
        pdf_reader.parse(path.read_bytes(), source=str(path))


@pytest.mark.parametrize("data, message", [(b"%PDF-1.4\nnot really", "not a readable PDF"), (b"", "not a readable PDF")])
def test_damaged_pdf_is_an_input_error(data, message):
    with pytest.raises(InputError, match=message):
        pdf_reader.parse(data, source="bad.pdf")


def test_page_furniture_and_margins_are_learnt_not_assumed():
    """An A4 page with other margins, revision stars and a header still reads right."""
    script = fountain.parse(SCRIPT)
    buf = io.BytesIO()
    pdf_writer.write(script, buf)
    # Shift every text object 30pt left and add a running header and revision marks.
    data = buf.getvalue()
    import re
    import zlib

    def shift(m: re.Match) -> bytes:
        raw = zlib.decompress(m.group(2))
        raw = re.sub(rb"Tm \(", b"Tm (", raw)
        raw = re.sub(
            rb"1 0 0 1 ([\d.]+) ([\d.]+) Tm", lambda t: b"1 0 0 1 %.2f %s Tm" % (float(t.group(1)) - 30, t.group(2)), raw
        )
        raw += b"BT 1 0 0 1 72.00 760.00 Tm (BLUE REVISION 5/1/24) Tj ET\n"
        packed = zlib.compress(raw)
        return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream"

    shifted = re.sub(rb"<< /Length (\d+) /Filter /FlateDecode >>\nstream\n(.*?)\nendstream", shift, data, flags=re.S)
    import pypdfium2 as pdfium  # rewrite through PDFium so the xref offsets are right again

    doc = pdfium.PdfDocument(shifted)
    out = io.BytesIO()
    doc.save(out)
    got = pdf_reader.parse(out.getvalue(), source="x.pdf")
    assert [s.heading.number for s in got.scenes] == ["12A", "13"]
    assert [el.kind for el in got.scenes[0].elements] == [Kind.ACTION, Kind.CHARACTER, Kind.PARENTHETICAL, Kind.DIALOGUE]
    assert "REVISION" not in " ".join(el.text for _, el in got.elements())


def _syntax(corpus, name):
    path = corpus / "fountain-syntax" / f"{name}.fountain"
    if not path.is_file():
        pytest.skip(f"{path} not in the corpus")
    return path


def test_every_heading_numbered_and_hyphenated_numbers(corpus, tmp_path):
    """Regression: with every heading numbered and no long action line, the number column was
    taken for the action column (no heading read); "I-1-A" was not a scene number."""
    src = _syntax(corpus, "SceneNumbers")
    out = tmp_path / "numbers.pdf"
    _screenplain(src, out)
    got = pdf_reader.parse(out.read_bytes(), source=str(out))
    want = fountain.parse(src.read_text(encoding="utf-8"))
    assert [(s.heading.text, s.heading.number) for s in got.scenes] == [
        (s.heading.text, (s.heading.number or "").upper().rstrip(".")) for s in want.scenes]


def test_a_short_heading_does_not_swallow_the_line_under_it(corpus, tmp_path):
    """Regression: "INT. HOUSE - DAY (1979)" absorbed the forced heading "KITCHEN" printed under it, and
    headings printed on consecutive lines were one block of action."""
    exe = shutil.which("afterwriting")
    if exe is None:
        pytest.skip("the afterwriting CLI (npm install -g afterwriting) is not installed")
    src = _syntax(corpus, "SceneHeaders")
    out = tmp_path / "headers.pdf"
    subprocess.run([exe, "--source", str(src), "--pdf", str(out), "--overwrite"], check=True, capture_output=True, timeout=300)
    headings = [s.heading.text for s in pdf_reader.parse(out.read_bytes(), source=str(out)).scenes]
    assert "INT. HOUSE - DAY (1979)" in headings and not any("KITCHEN" in h for h in headings)
    assert headings[:3] == ["INT. HOUSE - DAY", "EXT. HOUSE - DAY", "INT HOUSE DAY"]


def test_a_one_speech_excerpt_still_reads_its_speech(corpus, tmp_path):
    """Regression: with a single speech the cue and dialogue columns were not learnt and the
    speech ("MAN (V.O.)", "(passionately)", "I'm writing.") was read as action."""
    src = _syntax(corpus, "Simple")
    out = tmp_path / "simple.pdf"
    _screenplain(src, out)
    got = pdf_reader.parse(out.read_bytes(), source=str(out))
    want = fountain.parse(src.read_text(encoding="utf-8"))
    assert [(k, t.upper()) for k, t in _speech_and_headings(got)] == [(k, t.upper()) for k, t in _speech_and_headings(want)]
    assert ("parenthetical", "(passionately)") in _speech_and_headings(got)
