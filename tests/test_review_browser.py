"""The review page in a real browser: Playwright driving Debian's Chromium, headless.

Audits the bundled example into a fresh project, serves the page on a free port,
dismisses a finding with the keyboard shortcuts, fixes the misspelt cue through
the form, then checks the store and the script file. Skipped where Chromium or
the ``playwright`` package is missing (``.ci/run`` installs Chromium with apt).
"""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest
from conftest import EXAMPLE

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
DOOR = "1aea68acb909c7a1"    # the red lantern-room door (5th finding in scene order)
MARRA = "5345f5589b79fa17"   # the misspelt cue MARRA, line 376

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"Chromium not found at {CHROMIUM} (Debian: apt-get install chromium)"
)


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.setenv("STUDIO_EMBEDDER", "hashing")
    from continuity.api import audit, load_bible, load_script
    from studio.review.actions import Project

    d = tmp_path / "film"
    d.mkdir()
    for name in ("script.fountain", "bible.yaml"):
        shutil.copy(EXAMPLE / name, d / name)
    with Project(d) as p:
        p.record(audit(load_script(d / "script.fountain"), load_bible(d / "bible.yaml")), d / "script.fountain", d / "bible.yaml")
    return d


@pytest.fixture
def served(project):
    from studio.review.app import make_server

    server, sock, url = make_server(project, 0, who="ann")
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield url
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture
def page(tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"), executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
            headless=True, chromium_sandbox=False,
        )
        try:
            yield context.new_page()
        finally:
            context.close()


def test_dismiss_and_fix_in_the_browser(served, page, project):
    from playwright.sync_api import expect

    from studio.review.store import Store

    page.goto(served)
    assert "token=" not in page.url  # the token became a cookie and left the address bar
    assert page.locator("article.finding").count() == 8
    # keyboard: j five times selects the fifth finding (the door), d focuses its reason
    for _ in range(5):
        page.keyboard.press("j")
    assert page.locator("article.finding.current").get_attribute("data-id") == DOOR
    page.keyboard.press("d")
    page.keyboard.type("the door is repainted in scene 8")
    with page.expect_navigation():  # POST, redirect, GET: wait for the new page
        page.keyboard.press("Enter")
    door = page.locator(f"#f-{DOOR}")
    expect(door.locator(".status")).to_have_text("dismissed")
    assert "the door is repainted in scene 8" in door.inner_text()

    cue = page.locator(f"#f-{MARRA}")
    assert cue.locator("input[name=text]").input_value() == "MARRA"
    cue.locator("input[name=text]").fill("MARA")
    with page.expect_navigation():
        cue.locator("form.fix button").click()
    expect(page.locator(f"#f-{MARRA} .status")).to_have_text("fixed")
    assert "fixed" in page.locator(".flash").first.inner_text()

    with Store.open(project) as store:
        assert store.get(DOOR)["status"] == "dismissed" and store.get(MARRA)["status"] == "fixed"
        (dismissal,) = store.decisions(DOOR)
        assert (dismissal["who"], dismissal["reason"], dismissal["status_before"]) == (
            "ann", "the door is repainted in scene 8", "open",
        )
        fix = store.decisions(MARRA)[-1]
        assert (fix["action"], fix["who"], fix["status_after"]) == ("fix", "ann", "fixed")
    lines = (project / "script.fountain").read_text().splitlines()
    assert lines[375] == "MARA" and "MARRA" not in lines
    (backup,) = project.glob("script.fountain.bak-*")
    assert backup.read_text().splitlines()[375] == "MARRA"


def test_the_page_refuses_a_browser_without_the_token(served, page):
    response = page.goto(served.split("?")[0])
    assert response is not None and response.status == 401
