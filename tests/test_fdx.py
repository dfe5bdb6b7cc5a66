"""Final Draft reader and writer: golden files, paragraph indexes, errors, round trips.

Regenerate the expected JSON with ``STUDIO_REGEN_GOLDEN=1 pytest tests/test_fdx.py``.
"""

from __future__ import annotations

import io
import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from continuity.errors import ParseError, StudioError
from continuity.screenplay.model import Element, Heading, Kind, Scene, Script
from continuity.screenplay.readers import fdx, fountain
from continuity.screenplay.serialize import dumps_json, script_to_dict
from continuity.screenplay.writers import fdx as fdx_writer

FILES = Path(__file__).parent / "files" / "fdx"
SOURCES = sorted(FILES.glob("*.fdx"))
FOUNTAIN_SOURCES = sorted((FILES.parent / "fountain").glob("*.fountain"))
REGEN = os.environ.get("STUDIO_REGEN_GOLDEN") == "1"


def load(name: str) -> Script:
    path = FILES / name
    return fdx.parse(path.read_bytes(), source=path.name)


def model(script: Script) -> dict:
    d = script_to_dict(script, lines=False)
    d.pop("format")
    return d


def elements(script: Script) -> list[Element]:
    return [el for _, el in script.elements()]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
def test_golden(path: Path) -> None:
    script = fdx.parse(path.read_bytes(), source=path.name)
    got = dumps_json(script)
    expected = path.with_suffix(".json")
    if REGEN or not expected.exists():
        expected.write_text(got, encoding="utf-8")
        if not REGEN:
            pytest.fail(f"{expected.name} was missing and has been written: review it")
    assert json.loads(got) == json.loads(expected.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
def test_fdx_round_trip(path: Path) -> None:
    script = fdx.parse(path.read_bytes())
    text = fdx_writer.dumps(script)
    again = fdx.parse(text)
    assert model(again) == model(script)
    assert fdx_writer.dumps(again) == text


@pytest.mark.parametrize("path", FOUNTAIN_SOURCES, ids=lambda p: p.stem)
def test_fountain_to_fdx(path: Path) -> None:
    script = fountain.parse(path.read_text(encoding="utf-8"))
    out = io.BytesIO()
    fdx_writer.write(script, out)
    again = fdx.parse(out.getvalue())
    assert again.format == "fdx"
    assert model(again) == model(script)


def test_basic_paragraph_indexes_and_kinds() -> None:
    s = load("basic.fdx")
    assert [e.text for e in s.preamble] == ["FADE IN:"]
    assert [(sc.line, sc.heading.number) for sc in s.scenes] == [(2, "1"), (10, "2A")]
    first = s.scenes[0].elements
    assert first[0].text == "A brass telescope points at a cloudy sky."  # runs joined
    assert first[0].line == 3
    assert (first[1].line, first[1].character, first[1].extensions) == (5, "VERA", ("V.O.",))
    assert first[3].text == "Not tonight.\nMaybe tomorrow."  # \r\n normalised
    assert first[4].kind is Kind.ACTION  # Shot
    # StartsNewPage on the second heading: a page break at the end of scene 1.
    assert first[-1].kind is Kind.PAGE_BREAK and first[-1].line == 10
    second = {e.text: e for e in s.scenes[1].elements}
    assert second["Snow falls & melts."].kind is Kind.ACTION  # General
    assert second["TITLE CARD"].kind is Kind.CENTERED
    assert second["VERA, an astronomer"].kind is Kind.ACTION  # Cast List
    assert second["Vera? Vera!"].character == "OTTO"
    assert second["Orphan dialogue, no cue."].character is None
    assert s.speakers == ("VERA", "OTTO")


def test_title_page_best_effort() -> None:
    assert load("basic.fdx").title_page == (
        ("Title", "STARGAZERS"),
        ("Credit", "Written by"),
        ("Author", "Lin Okafor"),
        ("Draft date", "2024-05-01"),
        ("Contact", "lin@example.org\n+1 555 0100"),
    )


def test_dual_dialogue_counts_wrapper() -> None:
    s = load("dual.fdx")
    els = s.scenes[0].elements
    assert [(e.text, e.line, e.dual) for e in els if e.kind is Kind.CHARACTER] == [
        ("FIG SELLER", 4, False),
        ("DATE SELLER", 6, True),
    ]
    assert [e.dual for e in els if e.character == "DATE SELLER"] == [True, True, True]
    assert els[-1].line == 9 and els[-1].character is None


def test_acts_lyrics_unknown_types() -> None:
    s = load("acts.fdx")
    assert s.preamble[0].kind is Kind.SECTION and s.preamble[0].depth == 1
    kinds = {e.text: (e.kind, e.character) for e in elements(s)}
    assert kinds["Ring the bells,\nring them slow."] == (Kind.LYRIC, "CHOIR")
    assert kinds["An unknown paragraph type reads as action."] == (Kind.ACTION, None)
    assert kinds["A lyric with nobody singing."] == (Kind.LYRIC, None)
    assert kinds["END OF ACT ONE"][0] is Kind.SECTION
    # The empty heading makes no scene but counts as paragraph 8.
    assert [(sc.index, sc.line) for sc in s.scenes] == [(1, 2), (2, 9)]
    assert s.scenes[1].heading.number == "9" and s.scenes[1].heading.text == "EXT. GRAVEYARD - NIGHT"
    assert s.scenes[0].heading.is_flashback


@pytest.mark.parametrize("kind", ["bytes", "str", "stream"])
def test_input_types(kind: str) -> None:
    data = (FILES / "dual.fdx").read_bytes()
    arg = {"bytes": data, "str": data.decode("utf-8"), "stream": io.BytesIO(data)}[kind]
    assert model(fdx.parse(arg)) == model(load("dual.fdx"))


def test_utf16_and_latin1_declarations() -> None:
    text = '<?xml version="1.0" encoding="UTF-16"?><FinalDraft><Content><Paragraph Type="Action"><Text>Café</Text></Paragraph></Content></FinalDraft>'
    assert fdx.parse(text.encode("utf-16")).preamble[0].text == "Café"
    assert fdx.parse(text).preamble[0].text == "Café"  # str: the declaration is ignored
    latin = text.replace("UTF-16", "ISO-8859-1").encode("latin-1")
    assert fdx.parse(latin).preamble[0].text == "Café"


def test_malformed_xml_names_line() -> None:
    bad = b'<?xml version="1.0"?>\n<FinalDraft>\n<Content>\n<Paragraph Type="Action"><Text>x</Paragraph>\n</Content></FinalDraft>'
    with pytest.raises(ParseError, match=r"bad\.fdx: line 4: malformed XML"):
        fdx.parse(bad, source="bad.fdx")


def test_doctype_and_entities_refused() -> None:
    laughs = (
        b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
        b' <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n]>\n'
        b"<FinalDraft><Content><Paragraph><Text>&lol2;</Text></Paragraph></Content></FinalDraft>"
    )
    with pytest.raises(ParseError, match="DOCTYPE/ENTITY"):
        fdx.parse(laughs, source="lol.fdx")
    with pytest.raises(ParseError, match="DOCTYPE/ENTITY"):
        fdx.parse(b'<!DOCTYPE FinalDraft SYSTEM "http://example.org/x.dtd"><FinalDraft/>')
    with pytest.raises(ParseError, match="undefined entity"):
        fdx.parse(b"<FinalDraft><Content><Paragraph><Text>&nope;</Text></Paragraph></Content></FinalDraft>")


@pytest.mark.parametrize("data", [b"<Script/>", b"<html><body/></html>"])
def test_wrong_root(data: bytes) -> None:
    with pytest.raises(ParseError, match="not a Final Draft document"):
        fdx.parse(data, source="x.fdx")


@pytest.mark.parametrize("data", [b"", b"   ", b"not xml at all", b"<FinalDraft>", "\ud800".encode("utf-8", "surrogatepass")])
def test_garbage_is_parse_error(data: bytes) -> None:
    with pytest.raises(StudioError):
        fdx.parse(data, source="g.fdx")


def test_minimal_document_has_no_elements() -> None:
    s = fdx.parse(b"<FinalDraft/>")
    assert s.scenes == () and s.preamble == () and s.format == "fdx"


# --- writer -------------------------------------------------------------------------


def test_writer_structure() -> None:
    script = Script(
        title_page=(("Title", "T"), ("Notes", "a: b\nc")),
        preamble=(Element(Kind.SECTION, "Act", 0, depth=2), Element(Kind.PAGE_BREAK, "", 0)),
        scenes=(
            Scene(1, Heading("INT. A - DAY", "INT", "A", "DAY", number="3"), 1, (
                Element(Kind.CHARACTER, "X", 0, character="X"),
                Element(Kind.DIALOGUE, "hi", 0, character="X"),
                Element(Kind.CHARACTER, "Y", 0, character="Y", dual=True),
                Element(Kind.DIALOGUE, "ho", 0, character="Y", dual=True),
                Element(Kind.LYRIC, "la", 0),
                Element(Kind.NOTE, "n", 0),
                Element(Kind.SYNOPSIS, "s", 0),
                Element(Kind.CENTERED, "c", 0),
                Element(Kind.PAGE_BREAK, "", 0),
            )),
        ),
    )
    text = fdx_writer.dumps(script)
    root = ET.fromstring(text)
    assert root.tag == "FinalDraft" and root.get("DocumentType") == "Script" and root.get("Version") == "1"
    heading = root.find("Content/Paragraph[@Type='Scene Heading']")
    assert heading is not None and heading.get("Number") == "3" and heading.get("StartsNewPage") == "Yes"
    dual = root.find("Content/Paragraph/DualDialogue")
    assert dual is not None and [p.get("Type") for p in dual] == ["Character", "Dialogue", "Character", "Dialogue"]
    assert model(fdx.parse(text)) == model(script)


def test_writer_orphan_dual_and_text_stream() -> None:
    script = Script(preamble=(
        Element(Kind.ACTION, "a", 0),
        Element(Kind.CHARACTER, "Z", 0, character="Z", dual=True),
        Element(Kind.DIALOGUE, "z", 0, character="Z", dual=True),
        Element(Kind.ACTION, "bad \x01 char", 0),
    ))
    out = io.BytesIO()
    fdx_writer.write(script, out)
    again = fdx.parse(out.getvalue())
    assert again.preamble[1].dual and again.preamble[1].text == "Z"
    assert again.preamble[3].text == "bad  char"  # not an XML character: dropped
