"""Storyboard panels: golden images, determinism, text that fits, the files written, the CLI.

Golden panels live in ``tests/files/storyboard/``: each ``<case>.json`` is a one-shot
list rendered with the folder's ``bible.yaml`` at 480 px and compared with
``<case>.png``. Regenerate after an intended change with
``STUDIO_REGEN_GOLDEN=1 pytest tests/test_storyboard.py`` and look at the images.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import EXAMPLE
from PIL import Image

from continuity.bible.load import load_bible
from continuity.visual.shots import Shot, ShotList, Subject
from continuity.visual.shots_json import load_shots
from studio.storyboard.render import (
    PanelContext,
    SchematicRenderer,
    caption_height,
    compose_panel,
    fit,
    font,
    plain,
    wrap,
)
from studio.storyboard.sheet import contact_sheet_pages, render_panels, save_pdf, save_png, write_storyboard

FILES = Path(__file__).parent / "files" / "storyboard"
CASES = sorted(p.stem for p in FILES.glob("*.json"))
REGEN = os.environ.get("STUDIO_REGEN_GOLDEN") == "1"
GOLDEN_WIDTH = 480


@pytest.fixture(scope="module")
def golden_bible():
    return load_bible(FILES / "bible.yaml")


def _png_bytes(panel) -> bytes:
    buf = io.BytesIO()
    save_png(panel, buf)
    return buf.getvalue()


@pytest.mark.parametrize("case", CASES)
def test_golden_panels(case, golden_bible):
    shots = load_shots(FILES / f"{case}.json")
    (panel,) = render_panels(shots, golden_bible, width=GOLDEN_WIDTH)
    expected_path = FILES / f"{case}.png"
    if REGEN or not expected_path.exists():
        save_png(panel, expected_path)
    got = np.asarray(panel.image, dtype=np.int16)
    want = np.asarray(Image.open(expected_path).convert("RGB"), dtype=np.int16)
    assert got.shape == want.shape
    diff = np.abs(got - want).max(axis=2)
    # Exact on the machine that made them; the tolerance only absorbs another FreeType's text hinting.
    assert (diff > 24).mean() < 0.004 and diff.mean() < 0.6, f"{case}: differs from {expected_path.name}"


def test_same_shots_give_byte_identical_pngs_and_pdf(golden_bible):
    shots = load_shots(FILES / "ws-day-two-shot.json")
    a = render_panels(shots, golden_bible, width=GOLDEN_WIDTH)
    b = render_panels(load_shots(FILES / "ws-day-two-shot.json"), golden_bible, width=GOLDEN_WIDTH)
    assert _png_bytes(a[0]) == _png_bytes(b[0])
    pdfs = []
    for panels in (a, b):
        buf = io.BytesIO()
        save_pdf(contact_sheet_pages(panels, "t"), buf, "t")
        pdfs.append(buf.getvalue())
    assert pdfs[0] == pdfs[1] and b"CreationDate" not in pdfs[0]


def test_png_carries_its_picture_box_and_no_timestamp(golden_bible):
    (panel,) = render_panels(load_shots(FILES / "cu-night-push-in.json"), golden_bible, width=GOLDEN_WIDTH)
    data = _png_bytes(panel)
    assert b"tIME" not in data
    im = Image.open(io.BytesIO(data))
    assert im.info["studio:frame"] == f"0,0,{GOLDEN_WIDTH},{round(GOLDEN_WIDTH / 2.39)}"
    assert im.info["studio:shot"] == "3C"


# -- the picture -----------------------------------------------------------------------------


def _one(shot: Shot, heading: str = "EXT. FIELD - DAY") -> ShotList:
    from continuity.visual.shots import SceneHeading

    return ShotList(shots=(shot,), scenes=(SceneHeading(shot.scene, heading, "DAY", "FIELD", "EXT"),))


def _figure_mask(shot: Shot) -> np.ndarray:
    """Pixels of the silhouettes: the difference from the same shot with nobody in it.

    The subjects are dressed in black, so every pixel of a figure stands out from the set.
    """
    from dataclasses import replace

    shot = replace(shot, subjects=tuple(replace(s, wardrobe="black coat, black trousers") for s in shot.subjects))
    r = SchematicRenderer()
    full = np.asarray(r.render(shot, PanelContext(_one(shot), 0, width=320)), dtype=np.int16)
    empty_shot = Shot(scene=shot.scene, number=shot.number, size=shot.size, angle=shot.angle)
    empty = np.asarray(r.render(empty_shot, PanelContext(_one(empty_shot), 0, width=320)), dtype=np.int16)
    return np.abs(full - empty).max(axis=2) > 30


def test_silhouette_size_follows_shot_size():
    areas = {}
    for size in ("EWS", "WS", "MS", "CU"):
        areas[size] = _figure_mask(Shot(1, "1", size, subjects=(Subject("ANA", "centre", "camera"),))).mean()
    assert areas["EWS"] < areas["WS"] < areas["MS"] < areas["CU"]
    assert areas["CU"] > 0.25 and areas["WS"] < 0.1


@pytest.mark.parametrize("position", ["left", "right"])
def test_silhouette_follows_screen_position(position):
    mask = _figure_mask(Shot(1, "1", "WS", subjects=(Subject("ANA", position, "right"),)))
    x = np.nonzero(mask)[1].mean() / mask.shape[1]
    assert (x < 0.4) if position == "left" else (x > 0.6)


def test_facing_changes_the_silhouette():
    left = _figure_mask(Shot(1, "1", "MS", subjects=(Subject("ANA", "centre", "left"),)))
    right = _figure_mask(Shot(1, "1", "MS", subjects=(Subject("ANA", "centre", "right"),)))
    assert not np.array_equal(left, right)
    # mirror images, but for the name tag's letters, which read left to right either way
    assert np.array_equal(left, right[:, ::-1]) or (left != right[:, ::-1]).mean() < 0.015


def test_night_is_darker_than_day():
    shot = Shot(1, "1", "WS")
    day = np.asarray(SchematicRenderer().render(shot, PanelContext(_one(shot, "EXT. FIELD - DAY"), 0, width=160)))
    from continuity.visual.shots import SceneHeading

    night_list = ShotList(shots=(shot,), scenes=(SceneHeading(1, "EXT. FIELD - NIGHT", "NIGHT", "FIELD", "EXT"),))
    night = np.asarray(SchematicRenderer().render(shot, PanelContext(night_list, 0, width=160)))
    assert night.mean() < day.mean() - 60


@pytest.mark.parametrize("ratio, height", [(1.85, 173), (2.39, 134), (16 / 9, 180), (0.1, 640)])
def test_picture_follows_the_aspect_ratio(ratio, height):
    ctx = PanelContext(_one(Shot(1, "1", "MS")), 0, aspect_ratio=ratio, width=320)
    assert SchematicRenderer().render(Shot(1, "1", "MS"), ctx).size == (320, height)


# -- text ----------------------------------------------------------------------------------


def test_wrap_never_exceeds_width_or_lines():
    fnt = font(18)
    text = "word " * 60 + "Averyveryveryverylongunbrokenwordthatcannotfitonasinglelineatall " * 3
    for width in (60, 150, 400):
        lines = wrap(text, fnt, width, 3)
        assert 1 <= len(lines) <= 3
        assert all(fnt.getlength(line) <= width for line in lines)
        assert lines[-1].endswith("\u2026")
    assert wrap("short text", fnt, 400, 3) == ["short text"]
    assert fit("abc", fnt, 1) == ""


def test_plain_transliterates_for_the_builtin_font():
    assert plain("José — Zoë → café ß") == "Jose - Zoe -> cafe ss"
    assert plain("東京") == "??"


def test_long_text_stays_inside_the_caption():
    long = Shot(
        4, "4Z", "MS", description="x" * 400 + " " + "lorem ipsum " * 80, dialogue="MARA: " + "no " * 200,
        subjects=(Subject("A" * 120, "left", "right"), Subject("B" * 90, "left", "left")),
    )
    shots = ShotList(shots=(long,), title="T" * 300)
    ctx = PanelContext(shots, 0, width=320)
    picture = SchematicRenderer().render(long, ctx)
    panel = np.asarray(compose_panel(picture, long, shots), dtype=np.int16)
    h = ctx.height
    assert panel.shape == (h + caption_height(320), 320, 3)
    caption = panel[h:]
    paper = np.array([246, 244, 239])
    pad = max(4, round(12 * 320 / 960))
    for band in (caption[:, -pad + 1:], caption[:, : pad - 1], caption[-pad + 1:, :]):
        assert np.abs(band - paper).max() < 40, "text ran into the caption margin"


# -- the storyboard folder -------------------------------------------------------------------


def test_example_storyboard_is_written_and_audits_clean(tmp_path):
    shots = load_shots(EXAMPLE / "shots.json")
    assert len(shots.shots) >= 12 and len({s.scene for s in shots.shots}) >= 4
    result = write_storyboard(shots, tmp_path / "board", bible=load_bible(EXAMPLE / "bible.yaml"), width=240)
    assert len(result.pngs) == len(shots.shots)
    assert [p.name for p in result.pngs] == sorted(p.name for p in result.pngs)
    assert result.pdf.read_bytes().startswith(b"%PDF") and result.html.exists()
    assert result.report.findings == (), [f.message for f in result.report.findings]
    data = json.loads(result.findings_json.read_text())
    assert data["findings"] == [] and len(data["images"]) == len(shots.shots)


def test_html_escapes_text(tmp_path):
    shot = Shot(1, "1A", "WS", description="<script>alert(1)</script>", dialogue="A & B <b>",
                subjects=(Subject("<IMG SRC=X>", "left", "right"),))
    result = write_storyboard(_one(shot), tmp_path, width=160)
    page = result.html.read_text()
    assert "<script>alert" not in page and "&lt;script&gt;" in page and "<IMG SRC" not in page


class _Flat:
    """A stand-in backend: a flat picture of the wrong size (the sheet resizes it)."""

    def render(self, shot, context):
        return Image.new("RGB", (10, 10), (200, 30, 30))


def test_a_custom_renderer_replaces_the_drawing():
    shots = _one(Shot(1, "1A", "WS"))
    (panel,) = render_panels(shots, renderer=_Flat(), width=200)
    assert panel.picture.size == (200, round(200 / 1.85))
    assert panel.picture.getpixel((100, 50)) == (200, 30, 30)


# -- the command -----------------------------------------------------------------------------


@pytest.fixture
def cli(monkeypatch, capsys):
    from studio.cli import main

    def run(*args) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "argv", ["studio", *map(str, args)])
        with pytest.raises(SystemExit) as exc:
            main()
        out, err = capsys.readouterr()
        return exc.value.code or 0, out, err

    return run


def _swapped_example(tmp_path: Path) -> Path:
    data = json.loads((EXAMPLE / "shots.json").read_text())
    for shot in data["shots"]:
        if shot["number"] == "3D":  # put TOM on the left, MARA on the right
            for s in shot["subjects"]:
                s["position"] = {"left": "right", "right": "left"}[s["position"]]
                s["facing"] = {"left": "right", "right": "left"}[s["facing"]]
    path = tmp_path / "shots.json"
    path.write_text(json.dumps(data))
    return path


def test_cli_storyboard_writes_the_folder(cli, tmp_path):
    code, out, err = cli("storyboard", EXAMPLE / "shots.json", "--bible", EXAMPLE / "bible.yaml",
                         "--out", tmp_path / "b", "--width", 200)
    assert code == 0 and "wrote 47 panels" in err and "0 visual findings" in err
    assert (tmp_path / "b" / "contact-sheet.pdf").exists() and (tmp_path / "b" / "001_1A.png").exists()


def test_cli_storyboard_run_dir_and_planted_swap(cli, tmp_path):
    _swapped_example(tmp_path)
    shutil.copy(EXAMPLE / "bible.yaml", tmp_path / "bible.yaml")
    code, out, err = cli("storyboard", tmp_path, "--width", 160, "--json", "--fail-on", "warning")
    assert code == 1 and (tmp_path / "storyboard" / "index.html").exists()
    data = json.loads(out)
    assert data["bible"].endswith("bible.yaml")
    swaps = [f for f in data["findings"] if f["check"] == "screen_direction"]
    # 3D swaps the sides set in 3A; 3E swaps them back (each cut is a jump)
    assert [(f["shot"], f["previous_shot"]) for f in swaps] == [("3D", "3A"), ("3E", "3D")]
    first = swaps[0]
    assert first["category"] == "visual" and "3D" in first["message"] and first["image"].endswith("_3D.png")


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"shots": [{"scene": 1, "number": "1", "size": "HUGE"}]}', "shots[0].size"),
        ("{not json", "invalid JSON"),
    ],
)
def test_cli_storyboard_bad_input_exits_2(cli, tmp_path, content, message):
    p = tmp_path / "shots.json"
    p.write_text(content)
    code, _, err = cli("storyboard", p, "--out", tmp_path / "o")
    assert code == 2 and message in err and "Traceback" not in err


def test_cli_storyboard_missing_input_exits_2(cli, tmp_path):
    code, _, err = cli("storyboard", tmp_path / "nope.json")
    assert code == 2 and "nope.json" in err
    code, _, err = cli("storyboard", tmp_path)
    assert code == 2 and "shots.json" in err


def test_rewriting_removes_stale_panels_only(tmp_path):
    two = ShotList(shots=(Shot(1, "1A", "WS"), Shot(1, "1B", "CU")))
    write_storyboard(two, tmp_path, width=120)
    (tmp_path / "005_mine.png").write_bytes(b"not ours, not even an image")
    Image.new("RGB", (4, 4)).save(tmp_path / "006_notes.png")  # a PNG without our text chunk
    write_storyboard(ShotList(shots=(Shot(1, "1A", "WS"),)), tmp_path, width=120)
    assert sorted(p.name for p in tmp_path.glob("*.png")) == ["001_1A.png", "005_mine.png", "006_notes.png"]


@pytest.mark.parametrize("ratio", [0.5625, 1.0, 2.39])
def test_contact_sheet_pages_hold_any_aspect_ratio(ratio):
    from continuity.bible.model import Bible, Style

    bible = Bible(style=Style(aspect_ratio=ratio))
    shots = ShotList(shots=tuple(Shot(1, str(i), "WS") for i in range(1, 8)))
    panels = render_panels(shots, bible, width=160)
    pages = contact_sheet_pages(panels, "t")
    per_page = -(-7 // len(pages))
    assert 1 <= len(pages) <= 7 and per_page >= 1
    assert all(p.size == pages[0].size for p in pages)
    for page in pages:  # nothing runs into the bottom or right margin
        arr = np.asarray(page)
        assert arr[-50:].min() == 255 and arr[:, -50:].min() == 255


# -- identity on the board: consistent, distinct, and read back from the pixels ---------------------


def _ciede(a: str, b: str) -> float:
    from continuity.visual.colour import delta_e_2000, hex_to_rgb, srgb_to_lab

    lab = srgb_to_lab(np.array([hex_to_rgb(a), hex_to_rgb(b)], dtype=np.uint8))
    return float(delta_e_2000(lab[:1], lab[1:])[0, 0])


def test_example_characters_are_consistent_and_distinct(tmp_path):
    shots, bible = load_shots(EXAMPLE / "shots.json"), load_bible(EXAMPLE / "bible.yaml")
    result = write_storyboard(shots, tmp_path, bible=bible, width=480)
    assert result.report.findings == (), [f.message for f in result.report.findings]
    identity = result.report.identity
    assert set(identity) == {"MARA", "TOM", "ELI", "YOUNG MARA"}
    for name, row in identity.items():  # 1.0 by construction, but where the bible changes Mara's costume
        if name == "MARA":
            assert [(d["from"], d["to"], d["recorded"]) for d in row["drops"]] == [("4C", "6A", True)]
            assert row["recorded_changes"] == 1 and 0.95 < row["score"] < 1.0
        else:
            assert row["drops"] == [] and row["score"] == 1.0 and row["recorded_changes"] == 0
    first = {name: next(s["torso"] for s in row["signatures"] if s["torso"]) for name, row in identity.items()}
    for a, b in (("MARA", "TOM"), ("MARA", "ELI"), ("TOM", "ELI")):
        assert _ciede(first[a], first[b]) > 20, (a, b, first)
    heads = {name: next(s["head"] for s in row["signatures"] if s["head"]) for name, row in identity.items()}
    assert _ciede(heads["MARA"], heads["ELI"]) > 20  # red hair against Eli's


def test_a_planted_wardrobe_change_is_caught_from_the_pngs(tmp_path):
    from continuity.visual.checks import audit_frames

    data = json.loads((EXAMPLE / "shots.json").read_text())
    for shot in data["shots"]:
        if shot["number"] == "1F":  # Mara's close-up in a red coat, between two shots in her green one
            shot["subjects"][0]["wardrobe"] = "red coat"
    planted = tmp_path / "shots.json"
    planted.write_text(json.dumps(data))
    bible = load_bible(EXAMPLE / "bible.yaml")
    board = write_storyboard(load_shots(planted), tmp_path / "board", bible=bible, width=320)
    assert board.html.read_text().count("class=mark") == 3
    # read back from the files alone, against the shot list as planned (no wardrobe in it) and the bible;
    # the similarity is the mean of the torso (0: red against green) and the head (1: her hair holds)
    report = audit_frames(sorted((tmp_path / "board").glob("*.png")), bible, load_shots(EXAMPLE / "shots.json"))
    found = sorted((dict(f.extra)["shot"], dict(f.extra)["region"]) for f in report.findings)
    assert found == [("1F", "costume"), ("1F", "torso"), ("1H", "torso")]
    costume = next(f for f in report.findings if dict(f.extra)["region"] == "costume")
    assert "'green oilskin coat'" in costume.message and costume.evidence[0].bible == "characters.MARA.wardrobe[0]"
    assert report.identity["MARA"]["drops"][:2] == [
        {"from": "1D", "to": "1F", "similarity": 0.5, "same_span": True},
        {"from": "1F", "to": "1H", "similarity": 0.0, "same_span": True},  # 1H's heads are too small to read at 320 px
    ]


def test_the_script_dresses_whom_the_bible_does_not(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("STUDIO_EMBEDDER", "hashing")
    code, _, err = cli("storyboard", EXAMPLE / "shots.json", "--bible", EXAMPLE / "bible.yaml",
                       "--out", tmp_path / "a", "--width", 320)
    assert code == 0 and "from bible.yaml and script.fountain" in err
    with_script = json.loads((tmp_path / "a" / "findings.json").read_text())["identity"]["TOM"]["signatures"]
    code, _, err = cli("storyboard", EXAMPLE / "shots.json", "--bible", EXAMPLE / "bible.yaml",
                       "--out", tmp_path / "b", "--width", 320, "--no-script")
    assert code == 0 and "from bible.yaml)" in err
    without = json.loads((tmp_path / "b" / "findings.json").read_text())["identity"]["TOM"]["signatures"]
    tom = {s["torso"] for s in with_script if s["torso"]}
    assert tom == {"#b22824"}  # his red rain jacket (script line 127), in every shot
    assert {s["torso"] for s in without if s["torso"]} != tom


def test_the_contact_sheet_has_scene_rows_and_badges():
    shots = load_shots(EXAMPLE / "shots.json")
    panels = render_panels(shots, load_bible(EXAMPLE / "bible.yaml"), width=240)
    plain_pages = contact_sheet_pages(panels, "t", shots=shots)
    flagged = contact_sheet_pages(panels, "t", shots=shots, flagged={"1F": 2})
    assert len(plain_pages) == len(flagged) >= 5
    red = lambda page: (np.abs(np.asarray(page, dtype=np.int16) - (198, 40, 40)).max(axis=2) < 8).sum()  # noqa: E731
    assert red(flagged[0]) > red(plain_pages[0]) + 100
    band = np.asarray(plain_pages[0])[round(0.35 * 150) + 40:round(0.35 * 150) + 80, 60:-60]
    assert ((band == (232, 230, 224)).all(axis=2)).mean() > 0.5  # the first row is a scene heading band


def test_the_ferry_board_keeps_its_cast(tmp_path):
    """The second example: hats, a costume change at scene 4 (the bible's), props in hand."""
    ferry = EXAMPLE.parent / "ferry"
    result = write_storyboard(load_shots(ferry / "shots.json"), tmp_path, bible=load_bible(ferry / "bible.yaml"), width=480)
    assert result.report.findings == (), [f.message for f in result.report.findings]
    identity = result.report.identity
    assert [(d["from"], d["to"], d["recorded"]) for d in identity["RORY"]["drops"]] == [("3B", "4A", True)]
    assert identity["NELL"]["score"] == identity["TAM"]["score"] == 1.0
    assert {s["head"] for s in identity["NELL"]["signatures"] if s["head"]} == {"#222224"}  # her black woollen hat


def test_cli_storyboard_missing_script_exits_2(cli, tmp_path):
    code, _, err = cli("storyboard", EXAMPLE / "shots.json", "--script", tmp_path / "nope.fountain", "--out", tmp_path / "o")
    assert code == 2 and "nope.fountain" in err and "Traceback" not in err
