"""load_script / save_script: format choice, decoding and one-line errors."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from continuity.errors import InputError, ParseError
from continuity.screenplay.io import decode_text, load_script, save_script, script_to_dict

FILES = Path(__file__).parent / "files"
FOUNTAIN = "Title: T\n\nINT. CAFÉ - DAY\n\nZOË\nBonjour.\n"
FDX = (FILES / "fdx" / "dual.fdx").read_text(encoding="utf-8")


def model(script) -> dict:
    d = script_to_dict(script, lines=False)
    d.pop("format")
    return d


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
        lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
    ],
    ids=["utf8", "utf8-bom", "utf16-le", "utf16-be"],
)
def test_encodings(tmp_path: Path, encode) -> None:
    path = tmp_path / "s.fountain"
    path.write_bytes(encode(FOUNTAIN))
    s = load_script(path)
    assert s.scenes[0].heading.text == "INT. CAFÉ - DAY"
    assert s.speakers == ("ZOË",)
    assert s.title_page == (("Title", "T"),)  # the BOM is not part of the key
    assert s.source == str(path) and s.format == "fountain"
    assert s.scenes[0].line == 3


def test_utf16_fdx(tmp_path: Path) -> None:
    path = tmp_path / "s.fdx"
    path.write_bytes(codecs.BOM_UTF16_LE + FDX.replace("UTF-8", "UTF-16").encode("utf-16-le"))
    assert load_script(path).speakers == ("FIG SELLER", "DATE SELLER")


def test_latin1_fdx_with_declaration(tmp_path: Path) -> None:
    path = tmp_path / "s.fdx"
    text = FDX.replace("UTF-8", "ISO-8859-1").replace("MARKET", "MARCHÉ")
    path.write_bytes(text.encode("latin-1"))
    assert load_script(path).scenes[0].heading.text == "EXT. MARCHÉ - DAY"


@pytest.mark.parametrize("suffix", [".fountain", ".txt", ".fdx", ".md"])
def test_latin1_garbage(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"latin{suffix}"
    path.write_bytes("INT. CAFÉ - DAY\n\nZoë entre.\n".encode("latin-1"))
    with pytest.raises(InputError, match=r"latin\.\w+: not UTF-8 text"):
        load_script(path)


def test_binary(tmp_path: Path) -> None:
    path = tmp_path / "image.fountain"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError, match="image.fountain: looks like a binary file"):
        load_script(path)


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        load_script(tmp_path)


def test_missing(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope\.fountain: no such file"):
        load_script(tmp_path / "nope.fountain")


def test_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.fountain"
    path.write_text(FOUNTAIN)

    def deny(*_args: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("continuity.screenplay.io._open", deny)
    with pytest.raises(InputError, match=r"locked\.fountain: permission denied"):
        load_script(path)


@pytest.mark.parametrize("content", [b"", b"   \n\n\t\n", b"/* only boneyard */\n", b"Title: Only a title\n"])
def test_empty_script(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.fountain"
    path.write_bytes(content)
    with pytest.raises(ParseError, match="empty.fountain: empty script"):
        load_script(path)


def test_empty_fdx(tmp_path: Path) -> None:
    path = tmp_path / "empty.fdx"
    path.write_text('<?xml version="1.0"?><FinalDraft><Content/></FinalDraft>')
    with pytest.raises(ParseError, match="empty script"):
        load_script(path)
    path.write_bytes(b"")
    with pytest.raises(ParseError, match="empty.fdx: line 1"):
        load_script(path)


def test_malformed_xml(tmp_path: Path) -> None:
    path = tmp_path / "broken.fdx"
    path.write_text('<?xml version="1.0"?>\n<FinalDraft>\n  <Content>\n    <Paragraph>\n</FinalDraft>\n')
    with pytest.raises(ParseError, match=r"broken\.fdx: line 5: malformed XML"):
        load_script(path)


def test_doctype_entity(tmp_path: Path) -> None:
    path = tmp_path / "lol.fdx"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaa">]>\n<FinalDraft>&a;</FinalDraft>')
    with pytest.raises(ParseError, match=r"lol\.fdx: line 2: DOCTYPE/ENTITY"):
        load_script(path)


def test_wrong_root(tmp_path: Path) -> None:
    path = tmp_path / "page.fdx"
    path.write_text("<html/>")
    with pytest.raises(ParseError, match="not a Final Draft document"):
        load_script(path)


def test_sniffing(tmp_path: Path) -> None:
    fdx_path = tmp_path / "script.xml"
    fdx_path.write_text(FDX)
    assert load_script(fdx_path).format == "fdx"
    noext = tmp_path / "script"
    noext.write_text(FOUNTAIN)
    assert load_script(noext).format == "fountain"
    spmd = tmp_path / "script.spmd"
    spmd.write_text(FOUNTAIN)
    assert load_script(spmd).format == "fountain"
    upper = tmp_path / "SCRIPT.FDX"
    upper.write_text(FDX)
    assert load_script(upper).format == "fdx"


def test_errors_are_one_line(tmp_path: Path) -> None:
    cases = [tmp_path / "missing.fdx", tmp_path]
    bad = tmp_path / "bad.fdx"
    bad.write_text("<FinalDraft>\n<a></b>")
    cases.append(bad)
    for path in cases:
        with pytest.raises((InputError, ParseError)) as info:
            load_script(path)
        assert "\n" not in str(info.value) and str(path) in str(info.value)


@pytest.mark.parametrize("name", ["out.fountain", "out.fdx", "out.txt"])
def test_save_and_load(tmp_path: Path, name: str) -> None:
    src = tmp_path / "in.fountain"
    src.write_text(FOUNTAIN + "\nZOË ^\nAu revoir.\n\n# Section\n\n= synopsis\n")
    script = load_script(src)
    out = tmp_path / name
    save_script(script, out)
    again = load_script(out)
    assert model(again) == model(script)
    assert again.format == ("fdx" if name.endswith(".fdx") else "fountain")


def test_save_to_missing_folder(tmp_path: Path) -> None:
    src = tmp_path / "in.fountain"
    src.write_text(FOUNTAIN)
    with pytest.raises(InputError, match="cannot write"):
        save_script(load_script(src), tmp_path / "no" / "such" / "out.fdx")


def test_decode_text_utf32_and_bad_utf16() -> None:
    assert decode_text(codecs.BOM_UTF32_LE + "x".encode("utf-32-le"), "f") == "x"
    with pytest.raises(InputError, match="f: invalid UTF-16"):
        decode_text(codecs.BOM_UTF16_LE + b"\x00\xd8", "f")
