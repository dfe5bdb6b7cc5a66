"""Surgical edits (continuity.screenplay.edit.edit_source): one line's text changes, every other byte stays.

Rich fixtures per format (tests/files/edit/), in several encodings and line
endings; the corpus scripts; and a Hypothesis fuzz of the edit path.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from continuity.errors import InputError
from continuity.screenplay.edit import edit_source
from continuity.screenplay.io import parse_bytes
from continuity.screenplay.lines import source_lines, text_at
from continuity.screenplay.model import Kind

FILES = ROOT / "tests" / "files" / "edit"
RICH_FOUNTAIN = (FILES / "rich.fountain").read_bytes()
RICH_FDX = (FILES / "rich.fdx").read_bytes()
_LINE_RE = re.compile(r"(\r\n|\r|\n)")
_TAG_RE = re.compile(rb"<[^>]*>")


def _variant(data: bytes, ending: str, codec: str) -> bytes:
    text = data.decode("utf-8").replace("\n", ending)
    bom = {"utf-8-sig": b"", "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(codec, b"")
    return bom + text.encode(codec)


FOUNTAIN_VARIANTS = [("\n", "utf-8"), ("\r\n", "utf-8"), ("\r", "utf-8"), ("\n", "utf-8-sig"), ("\r\n", "utf-16-le")]


def _editable(script) -> list[tuple[int, str, str]]:
    return [r for r in source_lines(script) if r[2].strip() and r[1] not in ("note", "page_break")]


def _new_text(text: str) -> str:
    words = text.split()
    return " ".join([*words[:-1], "Changed"]) if len(words) > 1 else text + "X"


def _decode(data: bytes) -> str:
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"), (codecs.BOM_UTF8, "utf-8")):
        if data.startswith(bom):
            return data[len(bom):].decode(codec)
    return data.decode("utf-8")


def assert_one_fountain_line(old: bytes, new: bytes) -> int:
    """Exactly one line differs, and every line end and the BOM are kept; returns its index."""
    a, b = _LINE_RE.split(_decode(old)), _LINE_RE.split(_decode(new))
    assert len(a) == len(b)
    assert a[1::2] == b[1::2]  # the line endings, one by one
    assert old[:2] == new[:2] or not old.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF8[:2]))
    diff = [i for i in range(0, len(a), 2) if a[i] != b[i]]
    assert len(diff) == 1, diff
    return diff[0] // 2 + 1


def assert_only_text_of_one_paragraph(old: bytes, new: bytes) -> None:
    """Every tag, attribute and byte outside character data is kept; the change sits inside one <Text>."""
    assert _TAG_RE.findall(old) == _TAG_RE.findall(new)
    i = 0
    while i < min(len(old), len(new)) and old[i] == new[i]:
        i += 1
    j = 0
    while j < min(len(old), len(new)) - i and old[-1 - j] == new[-1 - j]:
        j += 1
    changed_old, changed_new = old[i : len(old) - j], new[i : len(new) - j]
    assert b"<Paragraph" not in changed_old and b"<Paragraph" not in changed_new
    assert old.rfind(b"<Text", 0, i) > old.rfind(b"</Text>", 0, i)  # inside a run, or between runs of one paragraph


@pytest.mark.parametrize("ending, codec", FOUNTAIN_VARIANTS)
def test_every_fountain_line_edits_alone(ending, codec):
    data = _variant(RICH_FOUNTAIN, ending, codec)
    script = parse_bytes(data, "rich.fountain")
    refused = []
    for line, kind, text in _editable(script):
        new = _new_text(text)
        try:
            edit = edit_source(data, line, new, source="rich.fountain")
        except InputError as exc:
            refused.append((line, kind, str(exc)))
            continue
        assert_one_fountain_line(data, edit.data)
        after = parse_bytes(edit.data, "rich.fountain")
        assert text_at(after, line) == new and edit.old == text
        assert after.title_page == script.title_page
        others = [r for r in source_lines(after) if r[0] != line]
        assert others == [r for r in source_lines(script) if r[0] != line] or kind == "heading"
    # Only these change their kind with the text appended: a parenthetical must end in ")",
    # a natural transition in "TO:".
    assert [(line, kind) for line, kind, _ in refused] == [(24, "parenthetical"), (55, "transition")]
    assert all("parenthetical" in m or "transition" in m for _, _, m in refused)


def test_every_fdx_paragraph_edits_alone():
    script = parse_bytes(RICH_FDX, "rich.fdx")
    for line, kind, text in _editable(script):
        new = _new_text(text)
        edit = edit_source(RICH_FDX, line, new, source="rich.fdx")
        assert_only_text_of_one_paragraph(RICH_FDX, edit.data)
        after = parse_bytes(edit.data, "rich.fdx")
        assert text_at(after, line) == new
        assert after.title_page == script.title_page
        assert [r for r in source_lines(after) if r[0] != line] == [r for r in source_lines(script) if r[0] != line]


def _line(data: bytes, no: int) -> str:
    return _LINE_RE.split(_decode(data))[2 * (no - 1)]


@pytest.mark.parametrize("line, new, expected", [
    # emphasis stays on the word it was on; a changed word inside it stays emphasised
    (14, "Mara pushes her red hair back. She grins.", "Mara pushes her *red* hair back. She grins."),
    (15, "An indented line of action, left as it is.", "    An indented line of action, _left_ as it is."),
    # the line after a cut (boneyard-only) line is one further down in the file
    (16, "Tom waits at the door. *Not emphasis* here.", "Tom waits at the door. \\*Not emphasis\\* here."),
    (19, "FORCED ACTION IN CAPS", "!FORCED ACTION IN CAPS"),
    (23, "MARA", "MARA"),
    (25, "Morning, Tim. Tea?", "Morning, **Tim**. /* cut this */ Tea?"),
    (25, "Morning, Tom. Coffee?", "Morning, **Tom**. /* cut this */ Coffee?"),
    (29, "FORCED PLACE", ".FORCED PLACE"),
    (12, "INT. KITCHEN - NIGHT", "INT. KITCHEN - NIGHT #1#"),
    (35, "Hello over there.", "Hello over [[a note inside]] there."),  # the note stays between words
    (37, "STEELE", "STEELE ^"),
    (40, "THE BEGINNING", "> THE BEGINNING <"),
    (42, "JUMP CUT TO:", ">JUMP CUT TO:"),
    (53, "Very loud rain.", "***Very*** loud rain."),
    # what would read as markup is escaped, or the line forced
    (52, "Tom's red coat *flaps* in the wind.", "Tom's _red_ coat \\*flaps\\* in the wind."),
    (14, "EXT. FIELD - DAY", "!EXT. FIELD - DAY"),
    (23, "McMARA", "@McMARA"),
])
def test_fountain_markup_is_kept(line, new, expected):
    edit = edit_source(RICH_FOUNTAIN, line, new, source="rich.fountain")
    raw_no = assert_one_fountain_line(RICH_FOUNTAIN, edit.data)
    assert _line(edit.data, raw_no) == expected
    assert text_at(edit.script, line) == new


def test_fountain_cue_fix_renames_its_speech():
    edit = edit_source(RICH_FOUNTAIN, 23, "MARA", source="rich.fountain")
    speech = [e for _, e in edit.script.elements() if e.line in (24, 25, 26, 27)]
    assert {e.character for e in speech} == {"MARA"} and {e.kind for e in speech} == {Kind.PARENTHETICAL, Kind.DIALOGUE}


@pytest.mark.parametrize("line, new, message", [
    (25, "Morning, Tom.Tea?", "boneyard"),        # the space stands for the boneyard: it cannot go
    (21, "Another note", "note"),
    (48, "text", "nothing to edit"),
    (13, "text", "nothing to edit"),
    (14, "Mara pushes her *blonde* hair back. She grins.".replace("*", ""), "already reads"),
    (14, "two\nlines", "one line"),
    (14, "bell \x07 here", "control characters"),
    (14, "   ", "empty"),
])
def test_fountain_refusals(line, new, message):
    with pytest.raises(InputError, match=message):
        edit_source(RICH_FOUNTAIN, line, new, source="rich.fountain")


@pytest.mark.parametrize("line, new, expected", [
    (2, "Mara pushes her red hair back & grins. It’s late.",
     b'<Text>Mara pushes her </Text>\n      <Text Style="Bold" RevisionID="1">red</Text>\n'
     b"      <Text> hair back &amp; grins. It&#8217;s late.</Text>"),
    (2, "Mara pushes her blonde hair back & grins. It's <late>.",
     b"<Text> hair back &amp; grins. It's &lt;late&gt;.</Text>"),
    (6, "Morning, Tim. Tea?", b'<Text>Morning, </Text><Text Style="Underline">Tim</Text><Text>. Tea?</Text>'),
    # word for word: the new word in the old one's place takes its style
    (6, "Good evening. Tea?", b'<Text>Good </Text><Text Style="Underline">evening</Text><Text>. Tea?</Text>'),
    # a change across runs goes into the first; the others are emptied, their tags kept
    (6, "Hello!", b'<Text>Hello!</Text><Text Style="Underline"></Text><Text></Text>'),
    # a line break inside a paragraph is shown as a space and kept when the edit leaves it
    (3, "And then there's a short beat. Longer than is funny.",
     b"<Text AdornmentStyle=\"-1\" Font=\"Courier Final Draft\">And then there's a short beat.\n</Text>"),
    (1, "INT. KITCHEN - NIGHT", b"<Text>INT. KITCHEN - NIGHT</Text>"),
    (4, "MARA", b"<Text>MARA</Text>"),
    (15, "THE ÉND", b"<Text>THE \xc3\x89ND</Text>"),
])
def test_fdx_runs_and_styles_are_kept(line, new, expected):
    edit = edit_source(RICH_FDX, line, new, source="rich.fdx")
    assert_only_text_of_one_paragraph(RICH_FDX, edit.data)
    assert expected in edit.data
    assert edit.script.scenes[0].heading.number == "1"
    for keep in (b'Version="5"', b"<ScriptNotes>", b"<Revisions ", b"<PageLayout ", b"<ElementSettings ",
                 b'<Text Style="Bold+Underline">THE RICH FIXTURE</Text>', b"<!-- a comment inside a paragraph -->"):
        assert keep in edit.data


def test_fdx_in_a_legacy_encoding_gets_character_references():
    data = RICH_FDX.replace(b'encoding="UTF-8"', b'encoding="ISO-8859-1"')
    edit = edit_source(data, 15, "THE \u00c9ND \u2014 FIN", source="rich.fdx")
    assert b"<Text>THE \xc9ND &#8212; FIN</Text>" in edit.data
    assert text_at(parse_bytes(edit.data, "rich.fdx"), 15) == "THE \u00c9ND \u2014 FIN"


def test_fdx_utf16_keeps_its_encoding():
    data = codecs.BOM_UTF16_LE + RICH_FDX.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16-le")
    edit = edit_source(data, 4, "MARA", source="rich.fdx")
    assert edit.data.startswith(codecs.BOM_UTF16_LE) and "<Text>MARA</Text>".encode("utf-16-le") in edit.data
    assert len(edit.data) == len(data) - 2


# -- the corpus -----------------------------------------------------------------------------


def _corpus_scripts() -> list[Path]:
    folder = CORPUS / "screenplays"
    return sorted(folder.glob("*.fountain")) + sorted(folder.glob("*.fdx")) if folder.is_dir() else []


@pytest.fixture(params=[p.name for p in _corpus_scripts()] or ["none"])
def corpus_script(request, corpus) -> tuple[Path, bytes]:
    path = corpus / "screenplays" / request.param
    if not path.is_file():
        pytest.skip("no corpus scripts")
    return path, path.read_bytes()


def test_corpus_edits_change_that_line_only(corpus_script):
    """A sample of lines across each corpus script: the diff is that line (paragraph) only."""
    path, data = corpus_script
    script = parse_bytes(data, path.name)
    rows = _editable(script)
    step = max(1, len(rows) // 12)
    done = 0
    for line, kind, text in rows[::step]:
        new = _new_text(text)
        try:
            edit = edit_source(data, line, new, source=path.name)
        except InputError as exc:  # only a change of kind is refused, never a mapping failure
            assert "instead of" in str(exc), (line, kind, str(exc))
            continue
        if path.suffix == ".fdx":
            assert_only_text_of_one_paragraph(data, edit.data)
        else:
            assert_one_fountain_line(data, edit.data)
        assert text_at(edit.script, line) == new
        done += 1
    assert done >= 8


# -- fuzz --------------------------------------------------------------------------------------

_WORDS = st.sampled_from(["tea", "Mara", "MARA", "*", "**", "_", "&", "<b>", "/*", "*/", "[[", "]]", "!", "@",
                          "INT.", "TO:", "(", ")", "^", "#", "=", "~", ">", "<", "é", "\u2019", "\\", ".", ",", "  "])
_FUZZ_SOURCES = [("rich.fountain", RICH_FOUNTAIN), ("rich.fdx", RICH_FDX),
                 ("rich-crlf.fountain", _variant(RICH_FOUNTAIN, "\r\n", "utf-16-le"))]
for _p in _corpus_scripts():
    if _p.stat().st_size < 60_000:  # the small ones: each example re-parses the script
        _FUZZ_SOURCES.append((_p.name, _p.read_bytes()))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(which=st.integers(0, len(_FUZZ_SOURCES) - 1), pick=st.integers(0, 10_000),
       cut=st.integers(0, 6), words=st.lists(_WORDS, max_size=4), at=st.integers(0, 12))
def test_fuzz_no_byte_changes_outside_the_edited_line(which, pick, cut, words, at):
    name, data = _FUZZ_SOURCES[which]
    script = parse_bytes(data, name)
    rows = _editable(script)
    line, kind, text = rows[pick % len(rows)]
    tokens = text.split(" ")
    at %= len(tokens) + 1
    new_tokens = tokens[:at] + words + tokens[at + cut:]
    new = " ".join(new_tokens)
    try:
        edit = edit_source(data, line, new, source=name)
    except InputError:
        return  # refused: nothing written
    if name.endswith(".fdx"):
        assert_only_text_of_one_paragraph(data, edit.data)
    else:
        assert_one_fountain_line(data, edit.data)
    after = parse_bytes(edit.data, name)
    assert after == edit.script
    shown = text_at(after, line)
    # a heading's blanks are collapsed by the reader, a Final Draft paragraph's line breaks shown as spaces
    loose = kind == "heading" or name.endswith(".fdx")
    assert shown == new.strip() or (loose and " ".join(shown.split()) == " ".join(new.split()))


def test_fdx_source_lines_are_one_per_paragraph():
    """A multi-line Final Draft paragraph used to give rows numbered like the next paragraphs."""
    script = parse_bytes(RICH_FDX, "rich.fdx")
    rows = source_lines(script)
    numbers = [r[0] for r in rows]
    assert len(numbers) == len(set(numbers))
    assert text_at(script, 3) == "And then there's a long beat. Longer than is funny."
    assert text_at(script, 4) == "MARRA"
