"""The review page: a small Starlette app served on 127.0.0.1 behind a random token.

``GET /?token=T`` starts a session (an HttpOnly, SameSite=Strict cookie) and
redirects to the clean URL; any request without a valid session (or the token)
gets 401. Every POST carries the session's CSRF token in a hidden field, else
403. Pages are server-rendered with Jinja2 (autoescape on), so script text is
always escaped. Actions go through :mod:`studio.review.actions`; the client sends
finding ids only, never paths.

Example::

    server, sock, url = make_server("my-film", port=0)
    print(url)                      # http://127.0.0.1:PORT/?token=...
    server.run(sockets=[sock])
"""

from __future__ import annotations

import hmac
import secrets
import socket
import threading
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from continuity.errors import StudioError
from studio.review import actions
from studio.review.store import STATUSES

COOKIE = "studio_review"
FILTERS = ("category", "severity", "character", "status")
_IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".gif"}
_TEMPLATES = Path(__file__).with_name("templates")


class ReviewState:
    """The server's secrets and sessions: the access token, session id -> CSRF token and messages."""

    def __init__(self, root: Path, token: str, who: str | None) -> None:
        self.root = root
        self.token = token
        self.who = actions.who_or_default(who)
        self.sessions: dict[str, dict[str, Any]] = {}
        self.lock = threading.Lock()
        self._script_cache: dict[str, tuple[float, Any]] = {}

    def new_session(self) -> str:
        sid = secrets.token_urlsafe(32)
        self.sessions[sid] = {"csrf": secrets.token_urlsafe(32), "flash": []}
        return sid

    def session(self, request) -> dict[str, Any] | None:
        sid = request.cookies.get(COOKIE)
        return self.sessions.get(sid) if sid else None

    def script(self, path: Path):
        """The parsed script, re-read only when the file changed."""
        from continuity.io import load_script

        mtime = path.stat().st_mtime
        cached = self._script_cache.get(str(path))
        if cached and cached[0] == mtime:
            return cached[1]
        script = load_script(path)
        self._script_cache[str(path)] = (mtime, script)
        return script


def create_app(project_dir: str | Path, token: str | None = None, who: str | None = None):
    """The Starlette app for a project; ``token`` defaults to a fresh random one.

    Raises:
        InputError: the project folder does not exist.
    """
    from jinja2 import Environment, FileSystemLoader
    from starlette.applications import Starlette
    from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, RedirectResponse, Response
    from starlette.routing import Route

    root = Path(project_dir).resolve()
    actions.Project(root, create=False).close()  # fail early: no folder, no store, a bad database
    state = ReviewState(root, token or secrets.token_urlsafe(32), who)
    env = Environment(loader=FileSystemLoader(str(_TEMPLATES)), autoescape=True, trim_blocks=True, lstrip_blocks=True)

    def authorised(request) -> dict[str, Any] | None:
        return state.session(request)

    async def index(request) -> Response:
        given = request.query_params.get("token")
        if given is not None:
            if not hmac.compare_digest(given.encode(), state.token.encode()):
                return PlainTextResponse("invalid token", status_code=401)
            sid = state.new_session()
            query = {k: v for k, v in request.query_params.items() if k in FILTERS}
            resp = RedirectResponse("/" + (f"?{urlencode(query)}" if query else ""), status_code=303)
            resp.set_cookie(COOKIE, sid, httponly=True, samesite="strict", path="/")
            return resp
        session = authorised(request)
        if session is None:
            return PlainTextResponse("open the URL with the token that 'studio review' printed", status_code=401)
        filters = {k: request.query_params.get(k, "") for k in FILTERS}
        from starlette.concurrency import run_in_threadpool

        page = await run_in_threadpool(_render_index, state, env, session, filters)
        return HTMLResponse(page)

    async def act(request) -> Response:
        session = authorised(request)
        if session is None:
            return PlainTextResponse("not signed in", status_code=401)
        form = await request.form()
        sent = str(form.get("csrf", ""))
        if not sent or not hmac.compare_digest(sent.encode(), session["csrf"].encode()):
            return PlainTextResponse("missing or wrong CSRF token", status_code=403)
        fid, action = request.path_params["fid"], request.path_params["action"]
        from starlette.concurrency import run_in_threadpool

        message = await run_in_threadpool(_do, state, fid, action, form)
        session["flash"].append(message)
        query = {k: str(form.get(k, "")) for k in FILTERS if form.get(k)}
        return RedirectResponse("/" + (f"?{urlencode(query)}" if query else "") + f"#f-{fid}", status_code=303)

    async def thumb(request) -> Response:
        if authorised(request) is None:
            return PlainTextResponse("not signed in", status_code=401)
        path = _image_path(state, request.path_params["fid"])
        if path is None:
            return PlainTextResponse("no image", status_code=404)
        return FileResponse(path)

    routes = [
        Route("/", index, methods=["GET"]),
        Route("/findings/{fid:str}/{action:str}", act, methods=["POST"]),
        Route("/thumb/{fid:str}", thumb, methods=["GET"]),
    ]
    app = Starlette(routes=routes)
    app.state.review = state
    return app


def _do(state: ReviewState, fid: str, action: str, form) -> tuple[str, str]:
    """Run one action; returns ``(kind, message)`` with kind ``ok`` or ``error``."""
    with state.lock, actions.Project(state.root) as project:
        try:
            if action == "confirm":
                out = actions.confirm(project, fid, state.who)
            elif action == "dismiss":
                out = actions.dismiss(project, fid, str(form.get("reason", "")), state.who)
            elif action == "reopen":
                out = actions.reopen(project, fid, state.who)
            elif action == "fix":
                out = actions.fix(project, fid, str(form.get("text", "")), state.who)
            elif action == "bible":
                out = actions.add_to_bible(project, fid, state.who)
            else:
                return "error", f"unknown action {action!r}"
        except StudioError as exc:
            return "error", str(exc)
    return "ok", f"{out.finding[:8]}: {out.message}"


def _image_path(state: ReviewState, fid: str) -> Path | None:
    with actions.Project(state.root) as project:
        f = project.store.get(fid)
    image = (f or {}).get("data", {}).get("image") if f else None
    if not image or not isinstance(image, str):
        return None
    p = (state.root / image).resolve()
    if not p.is_relative_to(state.root) or p.suffix.lower() not in _IMAGE_SUFFIXES or not p.is_file():
        return None
    return p


def _context(script, line: int, around: int = 2) -> list[dict[str, Any]]:
    from continuity.edit import source_lines

    rows = source_lines(script)
    idx = next((i for i, r in enumerate(rows) if r[0] == line), None)
    if idx is None:
        return []
    return [
        {"line": no, "kind": kind, "text": text, "here": no == line}
        for no, kind, text in rows[max(0, idx - around): idx + around + 1]
    ]


def _render_index(state: ReviewState, env, session: dict[str, Any], filters: dict[str, str]) -> str:
    with state.lock, actions.Project(state.root) as project:
        store = project.store
        last = store.last_audit()
        every = store.findings()
        shown = store.findings(**{k: v or None for k, v in filters.items()})
        history = defaultdict(list)
        for d in store.decisions():
            history[d["finding_id"]].append(d)
        script = None
        try:
            script = state.script(project.script_path()) if last else None
        except StudioError:
            script = None
        bible_ok = bool(last and last["bible"])
    headings = {sc.index: sc.heading.text for sc in script.scenes} if script else {}
    groups: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for f in shown:
        f["context"] = _context(script, f["line"]) if script else []
        f["current_text"] = next((c["text"] for c in f["context"] if c["here"]), f["text"])
        f["history"] = history.get(f["id"], [])
        f["canon"] = bible_ok and actions.can_add_to_bible(f)
        f["image"] = f["data"].get("image") if f["category"] == "visual" else None
        groups[f["scene"]].append(f)
    options = {
        "category": sorted({f["category"] for f in every}),
        "severity": [s for s in ("error", "warning", "info") if any(f["severity"] == s for f in every)],
        "character": sorted({f["character"] for f in every if f["character"]}),
        "status": list(STATUSES),
    }
    flash, session["flash"] = session["flash"], []
    return env.get_template("index.html").render(
        last=last, groups=sorted(groups.items()), headings=headings, filters=filters, options=options,
        csrf=session["csrf"], flash=flash, total=len(every), shown=len(shown), counts=store_counts(every),
    )


def store_counts(findings: list[dict[str, Any]]) -> dict[str, int]:
    """How many findings have each status."""
    out = {s: 0 for s in STATUSES}
    for f in findings:
        out[f["status"]] = out.get(f["status"], 0) + 1
    return out


def make_server(project_dir: str | Path, port: int = 0, *, who: str | None = None, token: str | None = None):
    """A uvicorn server bound to 127.0.0.1, its socket, and the URL with the token.

    Run it with ``server.run(sockets=[sock])``; stop it with ``server.should_exit = True``.

    Raises:
        InputError: the port cannot be bound, or the project folder does not exist.
    """
    import uvicorn

    from continuity.errors import InputError

    app = create_app(project_dir, token=token, who=who)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(("127.0.0.1", port))
    except OSError as exc:
        sock.close()
        raise InputError(f"cannot listen on 127.0.0.1:{port}: {exc.strerror or exc}") from None
    real_port = sock.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=real_port, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    return server, sock, f"http://127.0.0.1:{real_port}/?token={app.state.review.token}"
