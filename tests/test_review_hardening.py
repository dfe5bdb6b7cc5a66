"""The review page and actions as an attacker and a careful user would use them.

Host/Origin checks and security headers, per-port cookies, a single-use token,
session expiry (idle and absolute) and caps,
errors shown next to their finding, add-to-bible consequences, backups that never
follow links, reads that never block, and fixes that keep every other byte.
"""

from __future__ import annotations

import os
import re
import shutil
import threading

import pytest
from conftest import EXAMPLE, ROOT

from continuity.api import audit, load_bible, load_script
from continuity.checks.findings import Finding, Report
from studio.review import actions, safe_io
from studio.review import app as review_app
from studio.review.actions import Project
from studio.review.app import create_app

TOKEN = "test-token"
BASE = "http://127.0.0.1:8765"
DOOR = "1aea68acb909c7a1"
MARRA = "5345f5589b79fa17"
EYES = "075d69bb314ed6bc"


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.setenv("STUDIO_EMBEDDER", "hashing")
    d = tmp_path / "film"
    d.mkdir()
    for name in ("script.fountain", "bible.yaml"):
        shutil.copy(EXAMPLE / name, d / name)
    with Project(d) as p:
        p.record(audit(load_script(d / "script.fountain"), load_bible(d / "bible.yaml")), d / "script.fountain",
                 d / "bible.yaml")
    return d


def client_for(project, base=BASE, **kw):
    from starlette.testclient import TestClient

    port = kw.pop("port", 8765)
    return TestClient(create_app(project, token=TOKEN, who="ann", port=port, **kw), base_url=base,
                      follow_redirects=False)


def sign_in(c) -> str:
    r = c.get(f"/?token={TOKEN}")
    assert r.status_code == 303
    page = c.get("/")
    assert page.status_code == 200
    return re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)


def article(page: str, fid: str) -> str:
    start = page.index(f'id="f-{fid}"')
    return page[start: page.index("</article>", start)]


# -- transport defences ----------------------------------------------------------------------


@pytest.mark.parametrize("base", ["http://evil.example:8765", "http://127.0.0.1:9999", "http://localhost.evil:8765"])
def test_a_foreign_host_is_refused(project, base):
    c = client_for(project, base=base)
    r = c.get(f"/?token={TOKEN}")
    assert r.status_code == 400 and "Host" in r.text and "set-cookie" not in r.headers


def test_security_headers_and_nonced_page(project):
    c = client_for(project)
    for r in (c.get("/"), c.get(f"/?token={TOKEN}")):
        assert r.headers["cache-control"] == "no-store" and r.headers["referrer-policy"] == "same-origin"
        assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
    r = c.get("/")
    csp = r.headers["content-security-policy"]
    nonce = re.search(r"script-src 'nonce-([^']+)'", csp).group(1)
    assert f'<script nonce="{nonce}">' in r.text and f'<style nonce="{nonce}">' in r.text
    assert "unsafe-inline" not in csp and " onchange=" not in r.text and "frame-ancestors 'none'" in csp
    assert c.get("/").headers["content-security-policy"] != csp  # a fresh nonce each time


def test_cross_site_posts_are_refused(project):
    c = client_for(project)
    csrf = sign_in(c)
    for headers in ({"Origin": "http://evil.example"}, {"Sec-Fetch-Site": "cross-site"}, {"Origin": "null"}):
        r = c.post(f"/findings/{DOOR}/dismiss", data={"csrf": csrf, "reason": "x"}, headers=headers)
        assert r.status_code == 403
    r = c.post(f"/findings/{DOOR}/confirm", data={"csrf": csrf}, headers={"Origin": BASE, "Sec-Fetch-Site": "same-origin"})
    assert r.status_code == 303
    with Project(project) as p:
        assert p.store.get(DOOR)["status"] == "confirmed" and len(p.store.decisions(DOOR)) == 1


def test_two_review_pages_in_one_browser_keep_their_sessions(project, tmp_path):
    other = tmp_path / "other"
    shutil.copytree(project, other)
    a, b = client_for(project, port=8765), client_for(other, port=8766, base="http://127.0.0.1:8766")
    sign_in(a)
    sign_in(b)
    name_a, name_b = a.app.state.review.cookie, b.app.state.review.cookie
    assert name_a != name_b and "8765" in name_a
    # one browser: both cookies travel to both pages; neither page loses its session
    jar = {name_a: a.cookies[name_a], name_b: b.cookies[name_b]}
    a.cookies.clear()
    b.cookies.clear()
    for c in (a, b):
        for k, v in jar.items():
            c.cookies.set(k, v)
        assert c.get("/").status_code == 200


def test_the_token_is_single_use_and_sessions_expire(project):
    from starlette.testclient import TestClient

    c = client_for(project, session_idle=60, session_max=300, token_ttl=600)
    state = c.app.state.review
    now = [1000.0]
    state.clock = lambda: now[0]
    sign_in(c)
    # The URL's token was exchanged for this session: it is spent, for this browser and any other.
    another_browser = TestClient(c.app, base_url=BASE, follow_redirects=False)
    for who in (c, another_browser):
        r = who.get(f"/?token={TOKEN}")
        assert r.status_code == 401 and "already used" in r.text and "set-cookie" not in r.headers
    assert state.token is None and len(state.sessions) == 1 and another_browser.get("/").status_code == 401
    # Activity keeps the session alive past its idle limit, but not past its absolute maximum.
    for _ in range(5):
        now[0] += 50
        assert c.get("/").status_code == 200
    now[0] += 51
    r = c.get("/")
    assert r.status_code == 401 and "ended" in r.text and not state.sessions


def test_an_idle_session_ends_and_an_unused_token_expires(project):
    c = client_for(project, session_idle=60, token_ttl=600)
    state = c.app.state.review
    now = [1000.0]
    state.clock = lambda: now[0]
    sign_in(c)
    now[0] += 61
    assert c.get("/").status_code == 401
    late = client_for(project, token_ttl=600)
    unused = late.app.state.review
    unused.clock = lambda: unused.token_expires + 1  # 600 s after the server started
    r = late.get(f"/?token={TOKEN}")
    assert r.status_code == 401 and "expired" in r.text


def test_sessions_messages_bodies_and_reasons_are_capped(project):
    c = client_for(project)
    csrf = sign_in(c)
    state = c.app.state.review
    for _ in range(review_app.MAX_FLASH + 4):
        c.post(f"/findings/{DOOR}/confirm", data={"csrf": csrf})
    (session,) = [s for s in state.sessions.values() if s["csrf"] == csrf]
    assert len(session["flash"]) == review_app.MAX_FLASH
    r = c.post(f"/findings/{DOOR}/dismiss", data={"csrf": csrf, "reason": "x" * (review_app.MAX_BODY + 1)})
    assert r.status_code == 413
    c.post(f"/findings/{DOOR}/dismiss", data={"csrf": csrf, "reason": "y" * (review_app.MAX_REASON + 1)})
    box = article(c.get("/").text, DOOR)
    assert "the reason is too long" in box and 'maxlength="2000"' in box
    with Project(project) as p:
        assert p.store.get(DOOR)["status"] == "confirmed"


def test_errors_show_next_to_their_finding(project):
    c = client_for(project)
    csrf = sign_in(c)
    r = c.post(f"/findings/{DOOR}/dismiss", data={"csrf": csrf, "reason": "   "})
    assert r.headers["location"].endswith(f"#f-{DOOR}")
    page = c.get("/").text
    box = article(page, DOOR)
    assert 'role="alert"' in box and "a dismissal needs a reason" in box and "--reason" not in box
    assert 'pattern=".*\\S.*"' in box
    c.post(f"/findings/{MARRA}/fix", data={"csrf": csrf, "text": "two\nlines"})
    assert "must be one line" in article(c.get("/").text, MARRA)


def test_add_to_bible_shows_what_it_would_flag_before_applying(project):
    c = client_for(project)
    csrf = sign_in(c)
    bible = (project / "bible.yaml").read_bytes()
    c.post(f"/findings/{EYES}/bible", data={"csrf": csrf})
    box = article(c.get("/").text, EYES)
    assert "would flag 1 new finding" in box and "scene 1 line 29" in box and "Add anyway" in box
    assert "--yes" not in box
    assert (project / "bible.yaml").read_bytes() == bible and not list(project.glob("bible.yaml.bak-*"))
    c.post(f"/findings/{EYES}/bible", data={"csrf": csrf, "confirm": "1"})
    with Project(project) as p:
        assert p.store.get(EYES)["status"] == "resolved"
    after = (project / "bible.yaml").read_text()
    assert after.splitlines()[:27] == bible.decode().splitlines()[:27]  # comments and everything before ELI's lines
    assert "      eyes: brown" in after and after.count("\n") == bible.decode().count("\n") + 1


# -- files ---------------------------------------------------------------------------------------


def test_a_fifo_as_the_script_never_hangs_the_page(project):
    c = client_for(project)
    csrf = sign_in(c)
    script = project / "script.fountain"
    script.unlink()
    os.mkfifo(script)
    results: dict[str, object] = {}

    def run():
        results["page"] = c.get("/")
        c.post(f"/findings/{MARRA}/fix", data={"csrf": csrf, "text": "MARA"})
        results["after"] = c.get("/")

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(20)
    try:
        assert not t.is_alive(), "the review page blocked on a FIFO"
    finally:
        if t.is_alive():  # unblock a reader stuck in open() so the thread can finish
            fd = os.open(script, os.O_WRONLY | os.O_NONBLOCK)
            os.close(fd)
    assert results["page"].status_code == 200
    assert "not a regular file" in article(results["after"].text, MARRA)


def test_backups_never_follow_a_planted_link(project, tmp_path, monkeypatch):
    import datetime as dt

    class Frozen(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=tz)

    monkeypatch.setattr(safe_io._dt, "datetime", Frozen)
    outside = tmp_path / "outside"
    outside.mkdir()
    (project / "script.fountain.bak-20260102T030405").symlink_to(outside / "evil")
    (project / "script.fountain.bak-20260102T030405-2").symlink_to(outside / "evil2")
    os.chmod(project / "script.fountain", 0o640)
    with Project(project) as p:
        out = actions.fix(p, MARRA, "MARA")
    assert out.status == "fixed" and "script.fountain.bak-20260102T030405-3" in out.message
    assert list(outside.iterdir()) == []
    backup = project / "script.fountain.bak-20260102T030405-3"
    assert not backup.is_symlink() and b"\nMARRA\n" in backup.read_bytes()
    assert (project / "script.fountain").stat().st_mode & 0o777 == 0o640
    assert not [p for p in project.iterdir() if p.name.endswith(".tmp")]


def test_a_backup_folder_outside_the_project_is_refused(project, tmp_path):
    from continuity.errors import InputError

    with pytest.raises(InputError, match="outside the project"):
        safe_io.backup(tmp_path / "elsewhere.fountain", b"x", project)


def test_a_file_changed_while_editing_is_not_overwritten(project):
    from continuity.errors import InputError

    path = project / "script.fountain"
    data, before = safe_io.read(path, "screenplay")
    path.write_bytes(data + b"\nA late addition.\n")
    with pytest.raises(InputError, match="changed on disk"):
        safe_io.replace(path, b"edited", before, project)
    assert path.read_bytes().endswith(b"A late addition.\n")


def test_fix_keeps_every_other_byte_of_a_rich_script(tmp_path, monkeypatch):
    """Through the review action: boneyard, notes, emphasis, title page, CRLF all survive."""
    monkeypatch.setenv("STUDIO_EMBEDDER", "hashing")
    d = tmp_path / "rich"
    d.mkdir()
    original = (ROOT / "tests" / "files" / "edit" / "rich.fountain").read_bytes().replace(b"\n", b"\r\n")
    (d / "s.fountain").write_bytes(original)
    hair = Finding("appearance", "error", 1, 14, "MARA's hair is 'blonde' here", character="MARA", subject="MARA.hair",
                   text="Mara pushes her blonde hair back.")
    with Project(d) as p:
        p.record(Report("s.fountain", "fountain", (), (hair,)), d / "s.fountain", None)
        out = actions.fix(p, hair.id, "Mara pushes her red hair back. She grins.", whole_line=True)
    assert out.status == "fixed"
    after = (d / "s.fountain").read_bytes()
    assert after == original.replace(b"her *blonde* hair", b"her *red* hair")
    (backup,) = d.glob("s.fountain.bak-*")
    assert backup.read_bytes() == original


def test_fix_refuses_a_pdf_script(tmp_path, monkeypatch):
    from continuity.errors import InputError

    d = tmp_path / "pdf"
    d.mkdir()
    (d / "s.pdf").write_bytes(b"%PDF-1.4\n")
    f = Finding("name", "error", 1, 3, "x", text="MARRA", character="MARA", subject="MARA")
    with Project(d) as p:
        p.record(Report("s.pdf", "pdf", (), (f,)), d / "s.pdf", None)
        with pytest.raises(InputError, match="Fountain and Final Draft"):
            actions.fix(p, f.id, "MARA")
