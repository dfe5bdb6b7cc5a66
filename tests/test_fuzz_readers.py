"""Property tests: the readers never fail with anything but a StudioError, and the
writers reach a fixed point (write -> parse -> write gives the same text).
"""

from __future__ import annotations

import os
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from continuity.errors import StudioError
from continuity.screenplay.heading import parse_cue, parse_heading
from continuity.screenplay.io import load_script
from continuity.screenplay.model import Element, Heading, Kind, Scene, Script
from continuity.screenplay.readers import fdx, fountain
from continuity.screenplay.serialize import script_to_dict
from continuity.screenplay.writers import fdx as fdx_writer
from continuity.screenplay.writers import fountain as fountain_writer

# STUDIO_FUZZ_EXAMPLES=5000 runs a longer search locally.
FAST = settings(
    max_examples=int(os.environ.get("STUDIO_FUZZ_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def model(script: Script) -> dict:
    d = script_to_dict(script, lines=False)
    d.pop("format")
    return d


# Fountain-ish text: lines built from syntax fragments, joined by assorted line ends.
FRAGMENTS = [
    "INT. HOUSE - DAY", "ext. yard - night #3A#", "EXT/INT. CAR", ".FORCED", "..", "...",
    "BOB", "BOB (V.O.)", "ALICE ^", "@McCoy", "@", "23", "R2D2", "(beat)", "(", ")",
    "CUT TO:", "CUT TO:  ", "> FADE OUT.", ">", "<", "> THE END <", "><", "!", "!INT. X",
    "#", "## Section", "=", "= synopsis", "===", "====", "~", "~la la", "[[", "]]",
    "[[note]]", "/*", "*/", "/* bone */", "*", "**", "_", "\\*", "\\_", "*bold*", "_u_",
    "Title:", "Title: T", "Author: A", "Note: x", "\tindented", "    Contact line",
    "  ", "", "", "", " ", "plain action.", "Mixed Case Line", "ALL CAPS ACTION.", "^",
    "É", "ß", "中文", "\x0b", "\u2028", "\x00", "\ufeff", "#1#",
]
LINE = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.lists(st.sampled_from(FRAGMENTS), min_size=2, max_size=3).map(" ".join),
    st.lists(st.sampled_from(FRAGMENTS), min_size=2, max_size=3).map("".join),
    st.text(max_size=12),
)
FOUNTAINISH = st.tuples(
    st.lists(LINE, max_size=30), st.sampled_from(["\n", "\r\n", "\r"])
).map(lambda t: t[1].join(t[0]))


@FAST
@given(st.text(max_size=300))
def test_fountain_reader_accepts_any_text(text: str) -> None:
    fountain.parse(text)


@FAST
@given(FOUNTAINISH)
def test_fountain_write_parse_write_is_a_fixed_point(text: str) -> None:
    script = fountain.parse(text)
    written = fountain_writer.dumps(script)
    again = fountain.parse(written)
    assert model(again) == model(script)
    assert fountain_writer.dumps(again) == written


@FAST
@given(FOUNTAINISH)
def test_fountain_to_fdx_keeps_the_model(text: str) -> None:
    script = fountain.parse(text)
    assert model(fdx.parse(fdx_writer.dumps(script))) == model(script)


# --- FDX ------------------------------------------------------------------------------

XMLISH = st.lists(
    st.sampled_from(list("<>/=\"' &;#!?-[]x\n") + ["FinalDraft", "Content", "Paragraph", "Text",
                                                   "Type", "DOCTYPE", "ENTITY", "<?xml", "&amp;"]),
    max_size=60,
).map("".join)
TYPES = ["Scene Heading", "Action", "Character", "Dialogue", "Parenthetical", "Transition", "Shot",
         "General", "Cast List", "New Act", "End of Act", "Lyrics", "Weird", ""]
TEXT = st.one_of(st.sampled_from(["", "BOB", "BOB ^", "INT. A - DAY", "(beat)", "a\nb", "x\r\ny", " pad "]),
                 st.text(max_size=15))


@st.composite
def paragraph(draw, depth: int = 0) -> ET.Element:
    par = ET.Element("Paragraph")
    ptype = draw(st.sampled_from(TYPES))
    if ptype:
        par.set("Type", ptype)
    for attr, values in (("StartsNewPage", ["Yes", "No"]), ("Alignment", ["Center", "Left"]),
                         ("Number", ["1", "2A", " "]), ("Depth", ["2", "x"])):
        if draw(st.booleans()) and draw(st.booleans()):
            par.set(attr, draw(st.sampled_from(values)))
    for run in draw(st.lists(TEXT, max_size=3)):
        ET.SubElement(par, "Text", Style="Bold").text = _xml_safe(run)
    if depth == 0 and draw(st.integers(0, 5)) == 0:
        dual = ET.SubElement(par, "DualDialogue")
        for child in draw(st.lists(paragraph(depth=1), max_size=5)):
            dual.append(child)
    return par


def _xml_safe(text: str) -> str:
    return "".join(c for c in text if c in "\t\n\r" or (" " <= c <= "\ud7ff") or ("\ue000" <= c <= "\ufffd"))


@st.composite
def fdx_document(draw) -> bytes:
    root = ET.Element("FinalDraft", DocumentType="Script", Version="1")
    content = ET.SubElement(root, "Content")
    for par in draw(st.lists(paragraph(), max_size=25)):
        content.append(par)
    if draw(st.booleans()):
        page = ET.SubElement(ET.SubElement(root, "TitlePage"), "Content")
        for text in draw(st.lists(TEXT, max_size=5)):
            ET.SubElement(ET.SubElement(page, "Paragraph"), "Text").text = _xml_safe(text)
    return ET.tostring(root, encoding="utf-8")


@FAST
@given(XMLISH)
def test_fdx_reader_only_raises_studio_errors(text: str) -> None:
    for data in (text, text.encode("utf-8")):
        try:
            fdx.parse(data)
        except StudioError:
            pass


@FAST
@given(fdx_document())
def test_fdx_trees_parse_and_round_trip(data: bytes) -> None:
    script = fdx.parse(data)
    written = fdx_writer.dumps(script)
    again = fdx.parse(written)
    assert model(again) == model(script)
    assert fdx_writer.dumps(again) == written
    # And through Fountain: whatever it makes of the model is stable.
    text = fountain_writer.dumps(script)
    assert fountain_writer.dumps(fountain.parse(text)) == text


@FAST
@given(st.binary(max_size=200), st.sampled_from([".fountain", ".fdx", ".txt", ""]))
def test_load_script_random_bytes(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"f{suffix}"
        path.write_bytes(data)
        try:
            load_script(path)
        except StudioError:
            pass


# --- generated models -------------------------------------------------------------------

# No "[": Fountain has no way to write "[[" ... "]]" inside text (it is a note).
WORD = st.text(alphabet=st.sampled_from(list("abcXYZ *_\\#!.@~>=<()]/:^")), min_size=1, max_size=8)
NAME = st.text(alphabet=st.sampled_from(list("ABCDEZ .'")), min_size=1, max_size=6).filter(
    lambda s: any(c.isalpha() for c in s)
)


def _multi(strategy) -> st.SearchStrategy[str]:
    return st.lists(strategy, min_size=1, max_size=3).map("\n".join)


@st.composite
def speech(draw) -> list[Element]:
    name = draw(NAME).strip() or "A"
    dual = draw(st.booleans())
    exts = draw(st.sampled_from(["", " (V.O.)", " (cont'd)"]))
    cname, cexts, _ = parse_cue(name + exts)
    out = [Element(Kind.CHARACTER, name + exts, 0, character=cname, extensions=cexts, dual=dual)]
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from([Kind.DIALOGUE, Kind.PARENTHETICAL, Kind.LYRIC]))
        text = draw(WORD).strip() or "w"
        if kind is Kind.PARENTHETICAL:
            text = f"({text.strip('()')})"
        elif kind is Kind.DIALOGUE:
            text = text.lstrip("(~").strip() or "w"
        if out[-1].kind is kind and kind is not Kind.PARENTHETICAL:
            continue
        out.append(Element(kind, text, 0, character=cname, dual=dual))
    return out


@st.composite
def other(draw) -> list[Element]:
    kind = draw(st.sampled_from([Kind.ACTION, Kind.TRANSITION, Kind.CENTERED, Kind.NOTE, Kind.SECTION,
                                 Kind.SYNOPSIS, Kind.PAGE_BREAK, Kind.LYRIC]))
    text = draw(_multi(WORD)).strip()
    if kind is Kind.NOTE:
        # Notes are written raw: one holding "/*" and another "*/" (which no reader
        # produces) would turn into a boneyard.
        text = text.replace("/", "|")
    if kind is Kind.PAGE_BREAK:
        return [Element(kind, "", 0)]
    if kind is Kind.SECTION:
        return [Element(kind, " ".join(text.split()).lstrip("#").strip(), 0, depth=draw(st.integers(1, 3)))]
    return [Element(kind, "\n".join(line.strip() for line in text.split("\n")), 0)]


@st.composite
def scripts(draw) -> Script:
    def body() -> tuple[Element, ...]:
        els: list[Element] = []
        for chunk in draw(st.lists(st.one_of(speech(), other()), max_size=6)):
            els.extend(chunk)
        return tuple(els)

    scenes = []
    for i in range(draw(st.integers(0, 3))):
        text = draw(st.sampled_from(["INT. A - DAY", "KITCHEN", "EXT. B_C - NIGHT", ".5 ROAD", "EST *SKY*"]))
        heading = parse_heading(text)
        if draw(st.booleans()):
            heading = Heading(heading.text, heading.setting, heading.location, heading.time, heading.qualifiers, "7B")
        scenes.append(Scene(i + 1, heading, 0, body()))
    title = draw(st.lists(st.tuples(st.sampled_from(["Title", "Author", "Draft date"]), _multi(WORD)), max_size=2))
    title = tuple((k, "\n".join(x.strip() for x in v.split("\n") if x.strip())) for k, v in title)
    return Script(title_page=title, preamble=body(), scenes=tuple(scenes))


@FAST
@given(scripts())
def test_generated_scripts_fixed_point(script: Script) -> None:
    text = fountain_writer.dumps(script)
    again = fountain.parse(text)
    assert fountain_writer.dumps(again) == text
    fdx_again = fdx.parse(fdx_writer.dumps(script))
    assert fdx_writer.dumps(fdx_again) == fdx_writer.dumps(script)
