"""The review page over plain HTTP (Starlette's TestClient): access token, CSRF, escaping, thumbnails."""

from __future__ import annotations

import re
import shutil

import pytest
from conftest import EXAMPLE

from continuity.api import audit, load_bible, load_script
from continuity.checks.findings import Evidence, Finding, Report
from studio.review.actions import Project
from studio.review.app import create_app

TOKEN = "test-token"
BASE = "http://127.0.0.1:8765"
DOOR = "1aea68acb909c7a1"


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.setenv("STUDIO_EMBEDDER", "hashing")
    d = tmp_path / "film"
    d.mkdir()
    for name in ("script.fountain", "bible.yaml"):
        shutil.copy(EXAMPLE / name, d / name)
    report = audit(load_script(d / "script.fountain"), load_bible(d / "bible.yaml"))
    with Project(d) as p:
        p.record(report, d / "script.fountain", d / "bible.yaml")
    return d


@pytest.fixture
def client(project):
    from starlette.testclient import TestClient

    return TestClient(create_app(project, token=TOKEN, who="ann"), base_url=BASE, follow_redirects=False)


def signed_in(client) -> str:
    r = client.get(f"/?token={TOKEN}&status=open")
    assert r.status_code == 303 and r.headers["location"] == "/?status=open"
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "samesite=strict" in cookie.lower()
    page = client.get("/")
    assert page.status_code == 200
    return re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)


def test_no_token_is_401(client):
    assert client.get("/").status_code == 401
    assert client.get("/?token=wrong").status_code == 401
    assert client.get(f"/thumb/{DOOR}").status_code == 401
    assert client.post(f"/findings/{DOOR}/confirm", data={"csrf": "x"}).status_code == 401


def test_post_without_csrf_is_403(client, project):
    csrf = signed_in(client)
    assert client.post(f"/findings/{DOOR}/dismiss", data={"reason": "x"}).status_code == 403
    assert client.post(f"/findings/{DOOR}/dismiss", data={"reason": "x", "csrf": csrf + "x"}).status_code == 403
    with Project(project) as p:
        assert p.store.get(DOOR)["status"] == "open"


def test_page_lists_findings_by_scene_and_filters(client):
    signed_in(client)
    page = client.get("/").text
    assert "Scene 9: EXT. LIGHTHOUSE - GALLERY - DAWN" in page or "Scene 9:" in page
    assert page.count('class="finding ') == 8
    assert "bible <code>locations.LIGHTHOUSE - LANTERN ROOM.attributes.door</code>" in page
    only = client.get("/?category=appearance").text
    assert only.count('class="finding ') == 2
    assert client.get("/?character=TOM").text.count('class="finding ') == 1


def test_actions_redirect_and_record(client, project):
    csrf = signed_in(client)
    r = client.post(f"/findings/{DOOR[:8]}/dismiss", data={"csrf": csrf, "reason": "repainted", "category": "location"})
    assert r.status_code == 303 and r.headers["location"].startswith("/?category=location#f-")
    page = client.get(r.headers["location"]).text
    assert "dismissed" in page and "repainted" in page
    r = client.post("/findings/ffff/confirm", data={"csrf": csrf})
    assert "no finding" in client.get("/").text  # an error comes back as a message, not a crash
    with Project(project) as p:
        (d,) = p.store.decisions(DOOR)
        assert (d["who"], d["reason"]) == ("ann", "repainted")


def test_script_text_is_escaped(tmp_path, monkeypatch):
    from starlette.testclient import TestClient

    d = tmp_path / "evil"
    d.mkdir()
    (d / "s.fountain").write_text("INT. LAB - NIGHT\n\nA sign: <script>alert(1)</script>.\n")
    evil = Finding(
        "timeline", "error", 1, 3, "<img src=x onerror=alert(2)>", text="A sign: <script>alert(1)</script>.",
        evidence=(Evidence("<script>alert(3)</script>", line=1, scene=1),),
    )
    with Project(d) as p:
        p.record(Report("s.fountain", "fountain", (), (evil,)), d / "s.fountain", None)
    c = TestClient(create_app(d, token=TOKEN), base_url=BASE, follow_redirects=False)
    c.get(f"/?token={TOKEN}")
    page = c.get("/").text
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;img src=x" in page


def test_thumbnails_only_from_inside_the_project(tmp_path):
    from starlette.testclient import TestClient

    d = tmp_path / "vis"
    d.mkdir()
    (d / "s.fountain").write_text("INT. LAB - NIGHT\n\nMara waits.\n")
    (d / "panel.png").write_bytes(b"\x89PNG\r\n\x1a\nfake")
    (tmp_path / "secret.png").write_bytes(b"\x89PNG\r\n\x1a\nsecret")
    inside = Finding("visual", "warning", 1, 3, "panel", text="Mara waits.", subject="a", extra=(("image", "panel.png"),))
    outside = Finding("visual", "warning", 1, 3, "panel", text="Mara waits.", subject="b", extra=(("image", "../secret.png"),))
    with Project(d) as p:
        p.record(Report("s.fountain", "fountain", (), (inside, outside)), d / "s.fountain", None)
    c = TestClient(create_app(d, token=TOKEN), base_url=BASE, follow_redirects=False)
    c.get(f"/?token={TOKEN}")
    assert f'src="/thumb/{inside.id}"' in c.get("/").text
    assert c.get(f"/thumb/{inside.id}").content.endswith(b"fake")
    assert c.get(f"/thumb/{outside.id}").status_code == 404


def test_no_store_is_refused(tmp_path):
    from continuity.errors import InputError

    with pytest.raises(InputError, match="no findings store"):
        create_app(tmp_path)
