"""Visual continuity: screen direction, palette, exposure, colour, time of day, bad images, the CLI."""

from __future__ import annotations

import io
import json
import struct
import sys
import zlib
from pathlib import Path

import numpy as np
import pytest
from conftest import EXAMPLE
from PIL import Image, PngImagePlugin

from continuity.bible.load import load_bible
from continuity.errors import InputError
from continuity.visual.checks import (
    FrameError,
    audit_frames,
    audit_images,
    check_screen_direction,
    colour_temperature,
    delta_e_2000,
    frame_stats,
    list_images,
    load_frame,
    load_frame_map,
    match_frames,
    palette_match,
)
from continuity.visual.shots import SceneHeading, Shot, ShotList, Subject
from continuity.visual.shots_json import load_shots

BIBLE = load_bible(EXAMPLE / "bible.yaml")
PALETTE = BIBLE.style.palette


def solid(rgb, h=90, w=160) -> np.ndarray:
    return np.full((h, w, 3), rgb, dtype=np.uint8)


def shot(number: str, *subjects: tuple[str, str, str], scene: int = 1, crosses: bool = False) -> Shot:
    return Shot(scene, number, "MS", subjects=tuple(Subject(*s) for s in subjects), crosses_line=crosses,
                description=f"shot {number} action")


def shot_list(*shots: Shot, times: dict[int, str] | None = None) -> ShotList:
    times = times or {}
    scenes = tuple(
        SceneHeading(i, f"EXT. PLACE {i} - {times.get(i, 'DAY')}", times.get(i, "DAY"), f"PLACE {i}", "EXT")
        for i in sorted({s.scene for s in shots})
    )
    return ShotList(shots=tuple(shots), scenes=scenes)


def extra(f) -> dict:
    return f.to_dict()


# -- colour science --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lab1, lab2, expected",  # Sharma, Wu and Dalal (2005) test data
    [
        ((50, 2.6772, -79.7751), (50, 0, -82.7485), 2.0425),
        ((50, 2.5, 0), (73, 25, -18), 27.1492),
        ((50, -1, 2), (50, 0, 0), 2.3669),
        ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
        ((2.0776, 0.0795, -1.135), (0.9033, -0.0636, -0.5514), 0.9082),
    ],
)
def test_ciede2000_matches_reference_data(lab1, lab2, expected):
    assert delta_e_2000(np.array([lab1]), np.array([lab2]))[0, 0] == pytest.approx(expected, abs=1e-4)


def test_colour_temperature_orders_warm_and_cool():
    warm, white, cool = (colour_temperature(solid(c)) for c in ((255, 190, 120), (255, 255, 255), (170, 200, 255)))
    assert warm < 4000 < white < 7500 < cool
    assert colour_temperature(solid((0, 0, 0))) is None


def test_frame_stats_are_deterministic_and_find_dominant_colours():
    img = np.concatenate([solid((27, 42, 52), w=120), solid((217, 164, 65), w=40)], axis=1)
    a, b = frame_stats(img), frame_stats(img.copy())
    assert a == b
    assert a.colours[0][0] == "#1b2a34" and a.colours[0][1] == pytest.approx(0.75, abs=0.01)
    assert {c[0] for c in a.colours} == {"#1b2a34", "#d9a441"}


# -- palette ----------------------------------------------------------------------------------


def test_off_palette_frame_is_flagged_and_on_palette_frames_are_not():
    s = shot_list(shot("1A"), shot("1B"), shot("1C"))
    on_palette = np.concatenate([solid((62, 85, 99), w=80), solid((201, 209, 211), w=60), solid((181, 83, 46), w=20)], axis=1)
    report = audit_images(
        [("a.png", s.shots[0], on_palette), ("magenta.png", s.shots[1], solid((230, 20, 210))),
         ("b.png", s.shots[2], solid((125, 143, 153)))],
        BIBLE, s,
    )
    palette = [f.to_dict() for f in report.findings if dict(f.extra)["check"] == "palette"]
    assert [(f["shot"], f["image"]) for f in palette] == [("1B", "magenta.png")]
    f = palette[0]
    assert f["category"] == "visual" and f["severity"] == "warning" and f["scene"] == 1
    assert f["evidence"] == [{"bible": "style.palette", "text": ", ".join(PALETTE)}]
    assert "#e614d2" in f["message"] and f["delta_e"] > 15


def test_palette_ignores_black_and_white():
    assert palette_match(frame_stats(solid((0, 0, 0))), PALETTE).distance == 0
    assert palette_match(frame_stats(solid((255, 255, 255))), PALETTE).distance == 0


def test_no_palette_no_palette_check():
    report = audit_images([("m.png", None, solid((230, 20, 210)))], None, None)
    assert report.findings == () and "palette" not in report.checks


# -- exposure, colour temperature, time of day ---------------------------------------------------


def test_exposure_jump_between_shots_of_a_scene():
    s = shot_list(shot("1A"), shot("1B"), shot("2A", scene=2))
    report = audit_images(
        [("1a.png", s.shots[0], solid((150, 160, 165))), ("1b.png", s.shots[1], solid((40, 45, 48))),
         ("2a.png", s.shots[2], solid((150, 160, 165)))],
        None, s,
    )
    found = [f.to_dict() for f in report.findings if dict(f.extra)["check"] == "exposure"]
    assert len(found) == 1, "a jump across scenes is a cut, not a continuity problem"
    f = found[0]
    assert f["shot"] == "1B" and f["previous_shot"] == "1A" and "1A" in f["message"] and "1B" in f["message"]
    assert "stops" in f["message"]


def test_images_are_put_in_cutting_order():
    s = shot_list(shot("1A"), shot("1B"), shot("1C"))
    bright, dark = solid((150, 160, 165)), solid((40, 45, 48))
    # given out of order: 1C, 1A, 1B; in cutting order 1A bright, 1B bright, 1C dark -> one jump, at 1C
    report = audit_images([("c", s.shots[2], dark), ("a", s.shots[0], bright), ("b", s.shots[1], bright)], None, s)
    assert [dict(f.extra)["shot"] for f in report.findings] == ["1C"]


def test_colour_temperature_jump():
    s = shot_list(shot("1A"), shot("1B"))
    report = audit_images([("w", s.shots[0], solid((225, 170, 120))), ("c", s.shots[1], solid((140, 170, 225)))], None, s)
    checks = {dict(f.extra)["check"]: f.to_dict() for f in report.findings}
    assert "colour_temperature" in checks and "exposure" not in checks
    assert "cooler" in checks["colour_temperature"]["message"]


def test_night_frame_as_bright_as_day():
    s = shot_list(shot("1A"), shot("1B"), shot("2A", scene=2), times={1: "NIGHT", 2: "DAY"})
    report = audit_images(
        [("n-dark", s.shots[0], solid((25, 35, 45))), ("n-bright", s.shots[1], solid((200, 205, 210))),
         ("d-dark", s.shots[2], solid((8, 8, 10)))],
        None, s,
    )
    tod = [f.to_dict() for f in report.findings if dict(f.extra)["check"] == "time_of_day"]
    assert [(f["shot"], f["time"]) for f in tod] == [("1B", "NIGHT"), ("2A", "DAY")]
    assert "as bright as day" in tod[0]["message"] and "as dark as night" in tod[1]["message"]
    assert tod[0]["evidence"][0]["text"] == "EXT. PLACE 1 - NIGHT"


# -- screen direction ----------------------------------------------------------------------------


def test_planted_screen_direction_swap_is_found_with_both_shots():
    s = shot_list(
        shot("1A", ("MARA", "left", "right"), ("TOM", "right", "left")),
        shot("1B", ("TOM", "centre", "left")),
        shot("1C", ("TOM", "left", "right"), ("MARA", "right", "left")),
    )
    (f,) = check_screen_direction(s)
    d = f.to_dict()
    assert d["shot"] == "1C" and d["previous_shot"] == "1A" and d["check"] == "screen_direction"
    assert "1A" in d["message"] and "1C" in d["message"] and "180" in d["message"]
    assert d["characters"] == ["MARA", "TOM"] and d["evidence"][0]["scene"] == 1


def test_crossing_the_line_on_purpose_is_not_flagged():
    s = shot_list(
        shot("1A", ("MARA", "left", "right"), ("TOM", "right", "left")),
        shot("1B", ("MARA", "centre", "away"), crosses=True),
        shot("1C", ("TOM", "left", "right"), ("MARA", "right", "left")),
        shot("1D", ("TOM", "left", "right"), ("MARA", "right", "left")),
    )
    assert check_screen_direction(s) == []


@pytest.mark.parametrize(
    "first, second",
    [
        # nobody looks across: no line of action yet
        ((("MARA", "left", "camera"), ("TOM", "right", "camera")), (("TOM", "left", "camera"), ("MARA", "right", "camera"))),
        # both in the same place: no order
        ((("MARA", "centre", "right"), ("TOM", "centre", "left")), (("TOM", "left", "right"), ("MARA", "right", "left"))),
    ],
)
def test_no_line_no_finding(first, second):
    assert check_screen_direction(shot_list(shot("1A", *first), shot("1B", *second))) == []


def test_screen_direction_is_per_scene():
    s = shot_list(
        shot("1A", ("MARA", "left", "right"), ("TOM", "right", "left")),
        shot("2A", ("TOM", "left", "right"), ("MARA", "right", "left"), scene=2),
    )
    assert check_screen_direction(s) == []


def test_each_jump_is_flagged_once():
    s = shot_list(
        shot("1A", ("A", "left", "right"), ("B", "right", "left")),
        shot("1B", ("B", "left", "right"), ("A", "right", "left")),
        shot("1C", ("B", "left", "right"), ("A", "centre", "left")),
    )
    assert [f.to_dict()["shot"] for f in check_screen_direction(s)] == ["1B"]


def test_example_blocking_is_consistent_and_a_planted_swap_in_it_is_found():
    shots = load_shots(EXAMPLE / "shots.json")
    assert check_screen_direction(shots) == []
    from dataclasses import replace

    flipped = tuple(
        replace(s, subjects=tuple(Subject(x.name, {"left": "right", "right": "left"}.get(x.position, x.position), x.facing)
                                  for x in s.subjects)) if s.number == "7E" else s
        for s in shots.shots
    )
    found = check_screen_direction(replace(shots, shots=flipped))
    assert [(f.to_dict()["shot"], f.to_dict()["previous_shot"]) for f in found] == [("7E", "7A")]


# -- loading images ----------------------------------------------------------------------------


def _png(img: np.ndarray, **text: str) -> bytes:
    info = PngImagePlugin.PngInfo()
    for k, v in text.items():
        info.add_text(k, v)
    buf = io.BytesIO()
    Image.fromarray(img).save(buf, format="PNG", pnginfo=info)
    return buf.getvalue()


def _huge_png_header(w: int = 100_000, h: int = 100_000) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")


@pytest.fixture
def frames(tmp_path) -> Path:
    """A folder with two good frames and every kind of bad file."""
    d = tmp_path / "frames"
    d.mkdir()
    (d / "1A.png").write_bytes(_png(solid((62, 85, 99))))
    buf = io.BytesIO()
    Image.fromarray(solid((230, 20, 210))).save(buf, format="JPEG", quality=95)
    (d / "shot_1B.png").write_bytes(buf.getvalue())  # a JPEG named .png: the content decides
    (d / "corrupt.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    good = _png(solid((10, 10, 10), 300, 300))
    (d / "truncated.png").write_bytes(good[: len(good) // 2])
    (d / "empty.jpg").write_bytes(b"")
    (d / "notes.png").write_text("these are my notes, not a picture\n")
    (d / "huge.png").write_bytes(_huge_png_header())
    Image.fromarray(solid((1, 2, 3))).save(d / "old.gif")
    (d / "still.bmp").write_bytes(b"BM" + b"\x00" * 60)
    (d / "readme.txt").write_text("ignored")
    (d / "index.html").write_text("<html>ignored</html>")
    return d


def test_bad_images_get_one_error_each_and_the_rest_is_checked(frames):
    paths, type_errors = list_images(frames)
    assert [p.name for p in paths] == ["1A.png", "corrupt.png", "empty.jpg", "huge.png", "notes.png", "shot_1B.png", "truncated.png"]
    assert [e[0].split("/")[-1] for e in type_errors] == ["old.gif", "still.bmp"]
    s = shot_list(shot("1A"), shot("1B"))
    report = audit_frames(paths, BIBLE, s, errors=type_errors)
    errors = {Path(image).name: message for image, message in report.errors}
    assert set(errors) == {"corrupt.png", "truncated.png", "empty.jpg", "notes.png", "huge.png", "still.bmp", "old.gif"}
    assert "corrupt or truncated PNG" in errors["corrupt.png"] and "corrupt or truncated" in errors["truncated.png"]
    assert "empty file" in errors["empty.jpg"]
    assert "not an image" in errors["notes.png"] and "by content" in errors["notes.png"]
    assert "100000x100000" in errors["huge.png"] and "megapixels" in errors["huge.png"]
    assert "unsupported image type .bmp" in errors["still.bmp"]
    assert all(m.startswith(str(frames)) and "\n" not in m for m in errors.values())
    assert [(i["image"].split("/")[-1], i["shot"]) for i in report.images] == [("1A.png", "1A"), ("shot_1B.png", "1B")]
    assert ("palette", "1B") in [(dict(f.extra)["check"], dict(f.extra)["shot"]) for f in report.findings]
    d = report.to_dict()
    assert {e["image"].split("/")[-1] for e in d["errors"]} == set(errors)
    assert set(d) >= {"script", "format", "bible", "scenes", "checks", "summary", "findings", "scene_index", "images", "errors"}


def test_gif_is_refused_by_content(frames):
    with pytest.raises(FrameError, match="a GIF file"):
        load_frame(frames / "old.gif")


def test_huge_image_is_refused_before_decoding(tmp_path):
    p = tmp_path / "big.png"
    p.write_bytes(_huge_png_header(9000, 5000))  # 45 megapixels, a few bytes on disk
    with pytest.raises(FrameError, match="45 megapixels; at most 40"):
        load_frame(p)


def test_storyboard_panel_is_cropped_to_its_picture(tmp_path):
    img = np.concatenate([solid((62, 85, 99), 50, 100), solid((255, 255, 255), 30, 100)], axis=0)
    p = tmp_path / "panel.png"
    p.write_bytes(_png(img, **{"studio:frame": "0,0,100,50"}))
    assert load_frame(p).shape == (50, 100, 3)
    p.write_bytes(_png(img, **{"studio:frame": "0,0,999,50"}))  # a box outside the image is ignored
    assert load_frame(p).shape == (80, 100, 3)


def test_large_frames_are_reduced_for_analysis(tmp_path):
    p = tmp_path / "big.jpg"
    Image.fromarray(solid((90, 90, 90), 1200, 2000)).save(p, quality=80)
    assert max(load_frame(p).shape[:2]) <= 512


def test_match_frames_by_name_and_map(tmp_path):
    s = shot_list(shot("1A"), shot("3A"), shot("12"))
    names = ["012_3A.png", "shot3A.jpg", "scene3-shot-1a-v2.png", "12.png", "0012.png", "IMG_0412.jpg", "frame_099.png"]
    got = match_frames([tmp_path / n for n in names], s, {"IMG_0412.jpg": "1A"})
    assert [g.number if g else None for g in got] == ["3A", "3A", "1A", "12", "12", "1A", None]
    with pytest.raises(InputError, match="not in the shot list"):
        match_frames([tmp_path / "x.png"], s, {"x.png": "99"})
    assert match_frames([tmp_path / "1A.png"], None) == [None]


def test_frame_map_file(tmp_path):
    p = tmp_path / "map.json"
    p.write_text('{"a.png": "1A", "b.jpg": 12}')
    assert load_frame_map(p) == {"a.png": "1A", "b.jpg": "12"}
    p.write_text('["a.png"]')
    with pytest.raises(InputError, match="JSON object"):
        load_frame_map(p)


# -- the command ---------------------------------------------------------------------------------


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


def test_cli_audit_frames_json_and_exit_codes(cli, frames):
    shots = frames.parent / "shots.json"
    shots.write_text(json.dumps({"scenes": {"1": {"heading": "EXT. JETTY - DAY"}},
                                 "shots": [{"scene": 1, "number": "1A", "size": "WS"}, {"scene": 1, "number": "1B", "size": "CU"}]}))
    code, out, err = cli("audit-frames", frames, "--bible", EXAMPLE / "bible.yaml", "--shots", shots, "--json")
    assert code == 1
    data = json.loads(out)
    assert data["format"] == "frames" and data["summary"]["warning"] >= 1 and len(data["errors"]) == 7
    palette = [f for f in data["findings"] if f["check"] == "palette"]
    assert palette[0]["shot"] == "1B" and palette[0]["image"].endswith("shot_1B.png") and palette[0]["category"] == "visual"
    code, out, _ = cli("audit-frames", frames, "--bible", EXAMPLE / "bible.yaml", "--shots", shots, "--fail-on", "never")
    assert code == 0 and "SKIPPED" in out and "notes.png" in out and "shot 1B" in out


def test_cli_audit_frames_on_the_example_storyboard_is_clean(cli, tmp_path):
    code, _, _ = cli("storyboard", EXAMPLE / "shots.json", "-b", EXAMPLE / "bible.yaml", "-o", tmp_path / "b", "--width", 240)
    assert code == 0
    code, out, _ = cli("audit-frames", tmp_path / "b", "-b", EXAMPLE / "bible.yaml", "-s", EXAMPLE / "shots.json")
    assert code == 0 and "47 images checked, 0 findings" in out


def test_cli_audit_frames_without_shots_checks_the_palette_only(cli, tmp_path):
    d = tmp_path / "f"
    d.mkdir()
    (d / "a.png").write_bytes(_png(solid((230, 20, 210))))
    code, out, _ = cli("audit-frames", d, "--bible", EXAMPLE / "bible.yaml", "--json", "--out", tmp_path / "r.json")
    data = json.loads((tmp_path / "r.json").read_text())
    assert code == 1 and data["checks"] == ["palette"] and data["findings"][0]["shot"] is None
    assert data["findings"][0]["scene"] == 0 and data["findings"][0]["image"].endswith("a.png")


@pytest.mark.parametrize(
    "setup, message",
    [
        ("missing", "no such folder"),
        ("empty", "no PNG or JPEG"),
        ("all-bad", "image file could not be read"),
        ("bad-shots", "shots.json"),
    ],
)
def test_cli_audit_frames_bad_input_exits_2(cli, tmp_path, setup, message):
    d = tmp_path / "d"
    args = []
    if setup != "missing":
        d.mkdir()
    if setup == "all-bad":
        (d / "x.png").write_text("not an image")
    if setup == "bad-shots":
        (d / "1A.png").write_bytes(_png(solid((62, 85, 99))))
        (tmp_path / "shots.json").write_text('{"shots": [{"scene": 1}]}')
        args = ["--shots", tmp_path / "shots.json"]
    code, _, err = cli("audit-frames", d, *args)
    assert code == 2 and message in err and "Traceback" not in err


def test_a_location_palette_overrides_the_style_palette():
    from continuity.visual.checks import palette_for

    bible = load_bible(Path(__file__).parent / "files" / "storyboard" / "bible.yaml")
    colours, path = palette_for(bible, "HARBOUR OFFICE - BACK ROOM")  # a sub-location inherits it
    assert path == "locations.HARBOUR OFFICE.attributes.palette" and colours[0] == "#2b2f36" and len(colours) == 5
    assert palette_for(bible, "CLIFF PATH") == (bible.style.palette, "style.palette")
    s = ShotList(shots=(shot("1A"),), scenes=(SceneHeading(1, "INT. HARBOUR OFFICE - DAY", "DAY", "HARBOUR OFFICE", "INT"),))
    (f,) = audit_images([("m.png", s.shots[0], solid((40, 220, 60)))], bible, s).findings
    assert f.to_dict()["evidence"][0]["bible"] == "locations.HARBOUR OFFICE.attributes.palette"
