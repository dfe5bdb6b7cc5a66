"""A season and a library on a local Ray instance (2 CPUs) give what the local run gives.

Skipped where the ``ray`` extra is not installed. One Ray instance serves every
test here (the session fixture ``ray_instance`` in conftest.py); each wait for a
result is bounded, so a stuck worker fails the test instead of hanging it.
"""

from __future__ import annotations

import pytest
from seasonutil import PLANTED, findings_key, split_season

from continuity.api import audit_season, load_season
from continuity.season.engine import LocalEngine
from continuity.settings import Settings

TIMEOUT = 300


@pytest.fixture(scope="module")
def season(tmp_path_factory):
    from conftest import CORPUS

    source = CORPUS / "screenplays" / "Big-Fish.fountain"
    if not source.is_file():
        pytest.skip(f"corpus screenplay not found at {source}")
    return load_season(split_season(source, tmp_path_factory.mktemp("bigfish-ray"), episodes=12))


@pytest.fixture
def engine(ray_instance, tmp_path):
    from continuity.season.ray_engine import RayEngine

    with RayEngine(Settings(cache_dir=str(tmp_path / "ray-cache"), embedder="hashing"), "local",
                   timeout=TIMEOUT) as e:
        yield e
    assert ray_instance.is_initialized()  # the engine leaves a Ray it did not start running


def test_twelve_episodes_on_ray_equal_the_local_run(season, engine, tmp_path):
    assert engine.workers == 2
    local = audit_season(season, settings=Settings(cache_dir=str(tmp_path / "local"), embedder="hashing"))
    on_ray = audit_season(season, settings=Settings(cache_dir=str(tmp_path / "ray-cache"), embedder="hashing"),
                          engine=engine)
    assert len(season.episodes) == 12
    assert findings_key(on_ray) == findings_key(local)
    assert on_ray.to_dict() == local.to_dict()
    for category, episode, text, evidence in PLANTED:
        hit = [f for f in on_ray.findings if f.category == category and f.episode == episode and text in f.text]
        assert hit, (category, episode, text)
        if evidence is not None:
            assert hit[0].evidence[0].episode == evidence


def test_each_worker_loads_its_models_once(season, engine, tmp_path):
    from continuity.season.engine import Unit, run_units

    settings = Settings(cache_dir=str(tmp_path / "ray-cache"), embedder="hashing")
    [result] = run_units([Unit(season)], engine, settings)
    pids = {s["pid"] for s in result.stats}
    assert len(pids) <= engine.workers  # 13 jobs, at most two long-lived actors
    assert all(s["rss_mb"] > 0 for s in result.stats)


def test_a_library_on_ray_equals_the_local_library(engine, tmp_path):
    from conftest import CORPUS

    from continuity.season.library import audit_library, summary

    natural = CORPUS / "natural"
    if not natural.is_dir():
        pytest.skip("corpus natural/ not found")
    lib = tmp_path / "lib"
    lib.mkdir()
    for p in sorted(natural.glob("*.planted.fountain"))[:2]:
        (lib / p.name).write_bytes(p.read_bytes())
    local_settings = Settings(cache_dir=str(tmp_path / "l"), embedder="hashing")
    a, _ = audit_library(lib, LocalEngine(local_settings, 1), local_settings)
    b, _ = audit_library(lib, engine, Settings(cache_dir=str(tmp_path / "ray-cache"), embedder="hashing"))
    def same(d: dict) -> dict:  # the summary less its timings
        rows = [{k: v for k, v in r.items() if k != "seconds"} for r in d["rows"]]
        return {**{k: v for k, v in d.items() if k not in ("seconds", "worker_seconds")}, "rows": rows}

    sa = summary(str(lib), a, wall_seconds=0, engine="x", workers=1)
    sb = summary(str(lib), b, wall_seconds=0, engine="x", workers=1)
    assert same(sa) == same(sb) and sa["scripts"] == 2 and sa["failed"] == 0
    assert [r.report.to_dict() for r in a] == [r.report.to_dict() for r in b]


def test_an_unreachable_cluster_is_one_line(ray_instance, tmp_path, monkeypatch):
    """With Ray already up, --ray uses it; the address is only tried when this process has none."""
    from continuity.errors import InputError
    from continuity.season import ray_engine

    monkeypatch.setattr(ray_instance, "is_initialized", lambda: False)

    def refuse(**kwargs):
        raise ConnectionError("could not connect to 10.0.0.1:6379\nretrying")

    monkeypatch.setattr(ray_instance, "init", refuse)
    with pytest.raises(InputError) as exc:
        ray_engine.RayEngine(Settings(embedder="hashing", cache=False), "10.0.0.1:6379")
    assert "10.0.0.1:6379" in str(exc.value) and "\n" not in str(exc.value)


def test_the_cli_runs_a_season_on_ray(ray_instance, cli, tmp_path, monkeypatch):
    import json

    from seasonutil import _PLANTS  # noqa: F401 (the helpers load)

    folder = tmp_path / "show"
    folder.mkdir()
    for n, text in enumerate(("INT. ROOM - DAY\n\nMARA, red hair, holds a brass compass.\n\nMARA\nHello.\n\n"
                              "Mara hurls the brass compass over the cliff. It shatters on the rocks below.\n",
                              "INT. ROOM - DAY\n\nMara opens the brass compass.\n\nMARA\nOdd.\n"), start=1):
        (folder / f"ep{n}.fountain").write_text(f"Title: Ep {n}\n\n" + text)
    code, local, _ = cli("audit", folder, "--workers", "1", "--json")
    monkeypatch.setenv("STUDIO_RAY_ADDRESS", "local")  # the setting is the flag too
    code2, on_ray, err = cli("audit", folder, "--json")
    assert code == code2 == 1, err
    assert json.loads(on_ray)["findings"] == json.loads(local)["findings"]
