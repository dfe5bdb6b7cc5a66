"""Seasons: several scripts read as one story, mapped back to each episode (the fake embedder throughout)."""

from __future__ import annotations

import json
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest

from continuity.api import audit_season, load_season
from continuity.errors import InputError
from continuity.screenplay.readers import fdx, fountain
from continuity.screenplay.season import (
    EpisodeMeta,
    combine,
    episode_at_line,
    episode_of,
    local_line,
    local_scene,
    segments,
)
from continuity.settings import Settings
from continuity.story import episodes

EP1 = """\
Title: One

FADE IN:

INT. KITCHEN - NIGHT

MARA, 30s, red hair, green eyes, in a green coat, holds a brass compass.

MARA
Where is Tom?

EXT. CLIFF - NIGHT

Mara hurls the brass compass over the cliff. It shatters on the rocks below.

Mara pulls her green coat tight against the wind.
"""

EP2 = """\
Title: Two

INT. KITCHEN - CONTINUOUS

Noon sun blazes through the window. Mara buttons her blue coat.

MARA
Nobody answers.

Mara opens the brass compass and checks the heading.
"""

EP3 = """\
Title: Three

EXT. GARDEN - DAY

Mara pushes her blonde hair out of her eyes.

MARA
Spring at last.
"""


def _write(folder: Path, **files: str) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, text in files.items():
        p = folder / name.replace("_", ".")
        p.write_text(textwrap.dedent(text), encoding="utf-8")
        out.append(p)
    return out


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(cache_dir=str(tmp_path / "cache"), embedder="hashing")


@pytest.fixture
def season_files(tmp_path) -> list[Path]:
    return _write(tmp_path / "show", ep1_fountain=EP1, ep2_fountain=EP2, ep3_fountain=EP3)


def _manifest(folder: Path, body: str) -> Path:
    p = folder / "series.yaml"
    p.write_text(textwrap.dedent(body), encoding="utf-8")
    return p


# -- the combined script ---------------------------------------------------------------------


def test_combine_renumbers_scenes_and_moves_lines_and_maps_them_back():
    a, b = fountain.parse(EP1, source="a.fountain"), fountain.parse(EP2, source="b.fountain")
    c = combine([a, b], [EpisodeMeta(1, "One"), EpisodeMeta(2, None, gap_days=3)], source="show")
    assert [s.index for s in c.scenes] == [1, 2, 3]
    assert c.preamble == a.preamble  # episode 1 keeps its lines and preamble
    e1, e2 = c.episodes
    assert (e1.first_scene, e1.scenes, e1.line_offset, e2.first_scene, e2.scenes) == (1, 2, 0, 3, 1)
    assert e2.line_offset > max(el.line for el in a.scenes[-1].elements)
    assert e2.title == "Two" and e2.gap_days == 3  # the title page's title when the manifest gives none
    third = c.scenes[2]
    assert third.heading == b.scenes[0].heading
    assert local_line(e2, third.line) == b.scenes[0].line
    assert [local_line(e2, el.line) for el in third.elements] == [el.line for el in b.scenes[0].elements]
    assert episode_of(c, 3) is e2 and episode_of(c, 0) is e1 and local_scene(e2, 3) == 1
    assert episode_at_line(c, third.line) is e2 and episode_at_line(c, 1) is e1
    assert episode_of(a, 1) is None  # a single script has no episodes


def test_text_before_a_later_episodes_first_heading_opens_its_first_scene():
    b = fountain.parse("Title: B\n\nFADE IN:\n\nA cold open, no heading.\n\nINT. ROOM - DAY\n\nShe waits.\n")
    c = combine([fountain.parse(EP3), b])
    assert len(c.scenes) == 2 and not c.episodes[1].preamble_scene
    assert [e.text for e in c.scenes[1].elements][:2] == ["FADE IN:", "A cold open, no heading."]
    headless = fountain.parse("\nJust action, no heading at all.\n")
    c = combine([fountain.parse(EP3), headless])
    assert c.episodes[1].preamble_scene and local_scene(c.episodes[1], 2) == 0


def test_an_fdx_episode_in_a_mixed_season_keeps_paragraph_numbers():
    import io

    from continuity.screenplay.writers import fdx as fdx_writer

    a = fountain.parse(EP1)
    buf = io.BytesIO()
    fdx_writer.write(fountain.parse("INT. ROOM - DAY\n\nOne line.\nAnd a second line of the same paragraph.\n"), buf)
    b = fdx.parse(buf.getvalue().decode("utf-8"), source="b.fdx")
    c = combine([a, b])
    ep = c.episodes[1]
    assert c.format == "fountain" and ep.format == "fdx" and ep.line_stride == 2
    para = c.scenes[-1].elements[0]
    # a sentence on the paragraph's second line still maps back to the paragraph
    assert local_line(ep, para.line) == local_line(ep, para.line + 1) == b.scenes[0].elements[0].line


# -- story time at episode boundaries ---------------------------------------------------------


def _time(script):
    st = episodes.read_story_time(script)
    return [t.time_class for t in st.scenes], [t.span for t in st.scenes], [t.story_day for t in st.scenes]


def test_time_spans_and_days_break_at_each_episode_unless_it_continues():
    a, b, c3 = (fountain.parse(t) for t in (EP1, EP2, EP3))
    broken = combine([a, b, c3], [EpisodeMeta(1), EpisodeMeta(2, gap_days=2), EpisodeMeta(3)])
    times, spans, days = _time(broken)
    assert times[:2] == ["NIGHT", "NIGHT"] and times[2] is None and times[3] == "DAY"
    assert spans[2] != spans[1] and spans[3] != spans[2]
    assert days == ["N1", "N1", "D3", "D4"]
    joined = combine([a, b, c3], [EpisodeMeta(1), EpisodeMeta(2, continues=True), EpisodeMeta(3, gap_days=0)])
    assert [s.start for s in segments(joined)] == [0, 3]
    times, spans, days = _time(joined)
    assert times[2] == "NIGHT"  # CONTINUOUS takes episode 1's night
    assert spans[2] == spans[1]
    assert days[3] == "D1"  # gap_days 0: episode 3 opens on the same story day


def test_a_season_numbers_flashbacks_on_and_keeps_scene_links_in_the_season():
    fb = "Title: F\n\nINT. SCHOOL - DAY (FLASHBACK)\n\nMara, aged nine, runs.\n\nINT. KITCHEN - NIGHT\n\nMara waits.\n"
    c = combine([fountain.parse(fb), fountain.parse(fb)])
    st = episodes.read_story_time(c)
    assert [t.story_day for t in st.scenes] == ["FB1", "N1", "FB2", "N2"]
    assert [t.index for t in st.scenes] == [1, 2, 3, 4]
    assert all(t.after is None or t.after < t.index for t in st.scenes)


def test_story_day_fixes_in_a_season_name_the_episode():
    a, b = fountain.parse(EP1), fountain.parse(EP3)
    c = combine([a, b])
    st = episodes.read_story_time(c, fixes={"2:1": "D5", "1": "D9"})
    assert [t.story_day for t in st.scenes][2] == "D6"  # episode 2's own D5, after episode 1's one day


def test_a_single_script_reads_story_time_exactly_as_before():
    from continuity.story.time import read_time

    s = fountain.parse(EP1 + "\n" + EP2.split("\n", 2)[2])
    assert episodes.read_story_time(s) == read_time(s)


# -- auditing a season ----------------------------------------------------------------------


def test_findings_cross_episodes_name_their_episode_and_evidence(season_files, settings):
    report = audit_season(load_season(season_files), settings=settings)
    by = {(f.category, f.episode, f.scene): f for f in report.findings}
    prop = by[("prop", 2, 1)]
    assert prop.line == 10 and prop.evidence[0].episode == 1 and prop.evidence[0].scene == 2
    assert prop.evidence[0].line == 14 and "scene 2 of episode 1" in prop.message
    hair = by[("appearance", 3, 1)]
    assert hair.line == 5 and hair.evidence[0].episode == 1 and hair.evidence[0].line == 7
    # episode 2 does not continue episode 1: its CONTINUOUS opening has no time to take, and the
    # coat may change; so neither the noon sun nor the blue coat is an error
    assert not [f for f in report.findings if f.category in ("timeline", "wardrobe")]
    assert [e.number for e in report.episodes] == [1, 2, 3]
    assert [(s.episode, s.index) for s in report.scenes] == [(1, 1), (1, 2), (2, 1), (3, 1)]
    assert report.scenes[2].story_day == "D2" and report.scenes[2].time is None


def test_an_episode_that_continues_is_compared_across_the_boundary(season_files, tmp_path, settings):
    manifest = _manifest(season_files[0].parent, """\
        title: Show
        episodes:
          - ep1.fountain
          - {script: ep2.fountain, continues: true}
          - ep3.fountain
        """)
    report = audit_season(load_season([manifest]), settings=settings)
    cats = {(f.category, f.episode) for f in report.findings}
    assert ("timeline", 2) in cats and ("wardrobe", 2) in cats
    wardrobe = next(f for f in report.findings if f.category == "wardrobe")
    assert wardrobe.evidence[0].episode == 1 and wardrobe.evidence[0].line == 16
    assert report.series == "Show"


def test_json_keeps_todays_keys_and_adds_episode(season_files, settings):
    from continuity.reports.render import to_json

    d = json.loads(to_json(audit_season(load_season(season_files), settings=settings)))
    assert {"script", "format", "bible", "scenes", "checks", "summary", "findings", "scene_index"} <= set(d)
    assert d["format"] == "season" and d["scenes"] == 4
    f = d["findings"][0]
    assert {"id", "category", "severity", "scene", "line", "character", "subject", "message", "text", "evidence",
            "evidence_key", "episode", "season_scene", "page", "page_line", "scene_number"} <= set(f)
    assert [e["episode"] for e in d["episodes"]] == [1, 2, 3]
    assert sum(e["summary"]["error"] for e in d["episodes"]) == d["summary"]["error"]
    assert {"episode", "title", "script", "format", "scenes", "summary", "hidden"} == set(d["episodes"][0])
    assert all("episode" in s for s in d["scene_index"])


def test_reports_group_by_episode(season_files, settings):
    from continuity.reports.render import to_html, to_markdown, to_text

    report = audit_season(load_season(season_files), settings=settings)
    text = to_text(report)
    assert text.index("Episode 2: Two") < text.index("Episode 3: Three")
    assert "evidence episode 1, scene 2" in text
    md = to_markdown(report)
    assert "## Episode 2: Two" in md and "### Scene 1: INT. KITCHEN - CONTINUOUS" in md
    html = to_html(report)
    assert '<h2 class="ep">Episode 3: Three' in html


def test_an_episodes_finding_keeps_its_id_when_another_episode_changes(season_files, settings):
    before = audit_season(load_season(season_files), settings=settings)
    ep1 = season_files[0]
    ep1.write_text(EP1.replace("FADE IN:\n", "FADE IN:\n\nINT. HALL - DAY\n\nA new opening scene.\n"), encoding="utf-8")
    after = audit_season(load_season(season_files), settings=settings)
    def ids(r, ep):
        return {f.id for f in r.findings if f.episode == ep}

    assert ids(before, 2) and ids(before, 2) == ids(after, 2) and ids(before, 3) == ids(after, 3)
    moved = next(f for f in after.findings if f.category == "prop")
    assert moved.evidence[0].scene == 3  # the evidence moved with episode 1's new scene


def test_the_same_text_in_two_episodes_is_two_findings(tmp_path, settings):
    paths = _write(tmp_path, ep1_fountain=EP1, ep2_fountain=EP3, ep3_fountain=EP3.replace("Three", "Four"))
    report = audit_season(load_season(paths), settings=settings)
    hair = [f for f in report.findings if f.category == "appearance"]
    assert [f.episode for f in hair] == [2, 3] and hair[0].id != hair[1].id
    assert hair[0].text == hair[1].text


def test_a_single_script_audits_as_before(settings):
    from continuity.api import audit

    report = audit(fountain.parse(EP1, source="one.fountain"), settings=settings)
    d = report.to_dict()
    assert "episodes" not in d and all("episode" not in f for f in d["findings"])


# -- what a season is --------------------------------------------------------------------------


def test_a_folder_is_its_scripts_in_natural_order(tmp_path):
    paths = _write(tmp_path / "f", ep10_fountain=EP3, ep2_fountain=EP2, ep1_fountain=EP1)
    spec = load_season([paths[0].parent])
    assert [Path(e.path).name for e in spec.episodes] == ["ep1.fountain", "ep2.fountain", "ep10.fountain"]
    assert [e.number for e in spec.episodes] == [1, 2, 3]


def test_a_folder_with_a_manifest_is_the_manifest(season_files):
    _manifest(season_files[0].parent, "title: Show\nepisodes: [ep3.fountain, ep1.fountain]\n")
    spec = load_season([season_files[0].parent])
    assert spec.title == "Show" and [Path(e.path).name for e in spec.episodes] == ["ep3.fountain", "ep1.fountain"]


def test_manifest_fields(season_files):
    (season_files[0].parent / "bible.yaml").write_text("characters: [{name: MARA}]\n", encoding="utf-8")
    m = _manifest(season_files[0].parent, """\
        title: Show
        bible: bible.yaml
        episodes:
          - {script: ep1.fountain, title: Pilot, number: 101}
          - {script: ep2.fountain, gap_days: 5}
          - {script: ep3.fountain, continues: true}
        """)
    spec = load_season([m])
    assert [(e.number, e.title, e.continues, e.gap_days) for e in spec.episodes] == [
        (101, "Pilot", False, 1), (102, None, False, 5), (103, None, True, 0)]
    assert Path(spec.bible).name == "bible.yaml"
    assert type(spec).from_json(spec.to_json()) == spec


@pytest.mark.parametrize("body, message", [
    ("episodes: [ep1.fountain]\ncast: x\n", "series.yaml:2: cast: unknown key 'cast'"),
    ("episodes:\n  - ep1.fountain\n  - {script: ep2.fountain, gap: 2}\n", "series.yaml:3: episodes[1].gap: unknown key"),
    ("episodes:\n  - ep1.fountain\n  - nope.fountain\n", "series.yaml:3: episodes[1].script: nope.fountain is not a file"),
    ("episodes:\n  - {script: ep1.fountain, number: 2}\n  - {script: ep2.fountain, number: 2}\n", "episode 2 again"),
    ("episodes:\n  - {script: ep1.fountain, continues: true}\n", "the first episode has nothing to continue"),
    ("episodes:\n  - ep1.fountain\n  - {script: ep2.fountain, continues: true, gap_days: 2}\n", "has no gap_days"),
    ("episodes:\n  - ep1.fountain\n  - {script: ep2.fountain, gap_days: -1}\n", "episodes[1].gap_days"),
    ("episodes: []\n", "episodes"),
    ("title: [\n", "invalid YAML"),
    ("- a\n- b\n", "expected a mapping"),
    ("bible: nope.yaml\nepisodes: [ep1.fountain]\n", "bible: nope.yaml is not a file"),
])
def test_bad_manifests_name_file_line_and_key(season_files, body, message):
    m = _manifest(season_files[0].parent, body)
    with pytest.raises(InputError) as exc:
        load_season([m])
    assert message in str(exc.value) and "\n" not in str(exc.value)


@pytest.mark.parametrize("paths, message", [
    ([], "no scripts given"),
    (["missing.fountain", "ep1.fountain"], "no such file"),
    (["show", "ep1.fountain"], "a folder among several scripts"),
])
def test_bad_season_arguments(season_files, paths, message):
    root = season_files[0].parent
    with pytest.raises(InputError, match=message):
        load_season([root.parent / p if p == "show" else root / p for p in paths])


def test_an_unreadable_episode_is_one_error(tmp_path, settings):
    paths = _write(tmp_path, ep1_fountain=EP1, ep2_fountain="   \n")
    with pytest.raises(InputError, match="ep2.fountain"):
        audit_season(load_season(paths), settings=settings)


def test_unknown_checks_are_refused_before_any_work(season_files, settings):
    with pytest.raises(InputError, match="bogus"):
        audit_season(load_season(season_files), settings=settings, checks=["prop", "bogus"])


def test_only_the_checks_asked_for(season_files, settings):
    report = audit_season(load_season(season_files), settings=settings, checks=["prop"])
    assert {f.category for f in report.findings} == {"prop"} and report.checks == ("prop",)


def test_the_season_mapping_keeps_messages_about_scenes_local(season_files, settings):
    report = audit_season(load_season(season_files), settings=settings)
    for f in report.findings:
        assert ("season_scene", f.to_dict()["season_scene"]) in f.extra
        assert f.scene <= next(e.scenes for e in report.episodes if e.number == f.episode)


def test_replace_keeps_findings_frozen(season_files, settings):
    f = audit_season(load_season(season_files), settings=settings).findings[0]
    assert replace(f, episode=None).id != f.id  # the episode is part of the id


def test_scene_numbers_of_their_own_name_the_right_episodes_scene(tmp_path, settings):
    """Both episodes number a scene 7: a message names the one it means, in its own episode."""
    one = EP1.replace("INT. KITCHEN - NIGHT", "INT. KITCHEN - NIGHT #7#").replace("EXT. CLIFF - NIGHT", "EXT. CLIFF - NIGHT #8#")
    two = EP2.replace("INT. KITCHEN - CONTINUOUS", "INT. KITCHEN - DAY #7#")
    paths = _write(tmp_path, ep1_fountain=one, ep2_fountain=two)
    report = audit_season(load_season(paths), settings=settings)
    prop = next(f for f in report.findings if f.category == "prop")
    assert (prop.episode, prop.scene, prop.scene_number) == (2, 1, "7")
    assert "in scene 8 of episode 1" in prop.message
    assert prop.evidence[0].scene_number == "8" and prop.evidence[0].episode == 1
    assert [s.number for s in report.scenes] == ["7", "8", "7"]


def test_a_scene_without_a_time_then_one_with_a_time_reads():
    """An episode opening on a heading without a time of day (its own, or CONTINUOUS with nothing to continue)."""
    from continuity.story.time import read_time

    s = fountain.parse("INT. ROOM\n\nMara waits.\n\nINT. HALL - DAY\n\nShe goes.\n")
    assert [t.story_day for t in read_time(s).scenes] == ["D1", "D1"]


def test_a_series_calendar_dates_the_seasons_days():
    import datetime

    c = combine([fountain.parse(EP1), fountain.parse(EP3)], [EpisodeMeta(1), EpisodeMeta(2, gap_days=2)])
    st = episodes.read_story_time(c, bible_dates={"D3": "2024-03-08"})
    assert [t.story_day for t in st.scenes] == ["N1", "N1", "D3"]
    assert st.scenes[2].date == datetime.date(2024, 3, 8)
