"""The review page: a small Starlette app served on 127.0.0.1 behind a random token.

``GET /?token=T`` starts a session (an HttpOnly, SameSite=Strict cookie named
per port, or per project when no port is known, so two review pages in one
browser do not log each other out) and redirects to the clean URL; any request
without a valid session (or the token) gets 401. The token is single-use: it is
exchanged once for the session cookie and is invalid from then on (a leaked URL,
from a browser history or a shell log, opens nothing), and unused it expires
:data:`TOKEN_TTL` after the server started. A session ends after
:data:`SESSION_IDLE` without a request, and :data:`SESSION_MAX` after it began
however active it is; no activity renews the token. Every POST carries the session's
CSRF token in a hidden field, else 403. Pages are server-rendered with Jinja2
(autoescape on), so script text is always escaped. Actions go through
:mod:`studio.review.actions`; the client sends finding ids only, never paths.

Defences beyond those: the ``Host`` must be this server's loopback address (no
DNS rebinding), a POST's ``Origin`` (when sent) must be this page; every response
carries a Content-Security-Policy (scripts and styles by per-response nonce,
``frame-ancestors 'none'``), ``Referrer-Policy: same-origin`` and
``Cache-Control: no-store``. Messages per session, request bodies and reasons are
capped.

Example::

    server, sock, url = make_server("my-film", port=0)
    print(url)                      # http://127.0.0.1:PORT/?token=...
    server.run(sockets=[sock])
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import socket
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode

from continuity.errors import StudioError
from studio.review import actions
from studio.review.export import page_of, scene_label
from studio.review.store import STATUSES

COOKIE = "studio_review"
FILTERS = ("category", "severity", "character", "status")
#: A session ends after this long without a request, and after SESSION_MAX however active (seconds).
SESSION_IDLE = 2 * 3600
SESSION_MAX = 12 * 3600
#: The printed access token, never used, stops working this long after the server started (seconds).
TOKEN_TTL = 24 * 3600
#: Caps: messages kept per session, a POST body, a reason.
MAX_FLASH = 8
MAX_BODY = 256 * 1024
MAX_REASON = 2000
_LOOPBACK = ("127.0.0.1", "localhost", "[::1]")
_IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".gif"}
_TEMPLATES = Path(__file__).with_name("templates")
_BASE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"


def cookie_name(root: Path, port: int | None) -> str:
    """The session cookie's name: per port when known, else per project folder."""
    if port:
        return f"{COOKIE}_{port}"
    return f"{COOKIE}_{hashlib.sha256(str(root).encode()).hexdigest()[:10]}"


class ReviewState:
    """The server's secrets and sessions: the access token, session id -> CSRF token and messages."""

    clock = staticmethod(time.monotonic)  # a test sets its own

    def __init__(self, root: Path, token: str, who: str | None, port: int | None = None, *,
                 session_idle: float = SESSION_IDLE, session_max: float = SESSION_MAX,
                 token_ttl: float = TOKEN_TTL) -> None:
        self.root = root
        self.token: str | None = token  # None once exchanged for a session
        self.port = port
        self.cookie = cookie_name(root, port)
        self.who = actions.who_or_default(who)
        self.session_idle, self.session_max = session_idle, session_max
        self.token_expires = self.clock() + token_ttl
        self.sessions: dict[str, dict[str, Any]] = {}
        self.lock = threading.Lock()
        self._sessions_lock = threading.Lock()
        self._script_cache: dict[str, tuple[float, Any]] = {}

    def exchange(self, given: str) -> str | None:
        """A new session id for the access token ``given``, which is spent by it; None when it is not the
        token, was spent already or expired."""
        now = self.clock()
        with self._sessions_lock:
            if self.token is None or now > self.token_expires or not hmac.compare_digest(
                    given.encode(), self.token.encode()):
                return None
            self.token = None
            sid = secrets.token_urlsafe(32)
            self.sessions[sid] = {"csrf": secrets.token_urlsafe(32), "flash": [], "seen": now, "began": now}
        return sid

    def session(self, request) -> dict[str, Any] | None:
        """The request's live session, or None (one idle or too old ends here)."""
        sid = request.cookies.get(self.cookie)
        if not sid:
            return None
        now = self.clock()
        with self._sessions_lock:
            found = self.sessions.get(sid)
            if found is None:
                return None
            if now - found["seen"] > self.session_idle or now - found["began"] > self.session_max:
                del self.sessions[sid]
                return None
            found["seen"] = now
        return found

    def flash(self, session: dict[str, Any], kind: str, message: str, fid: str | None) -> None:
        """Keep a message for the next page (the last :data:`MAX_FLASH` only)."""
        session["flash"] = [*session["flash"], {"kind": kind, "message": message, "fid": fid}][-MAX_FLASH:]

    def script(self, path: Path):
        """The parsed script, re-read only when the file changed."""
        from continuity.screenplay.io import load_script

        mtime = path.stat().st_mtime
        cached = self._script_cache.get(str(path))
        if cached and cached[0] == mtime:
            return cached[1]
        script = load_script(path)
        self._script_cache[str(path)] = (mtime, script)
        return script

    def host_ok(self, host: str) -> bool:
        """Whether a ``Host`` header names this server on the loopback interface."""
        name, _, port = host.rpartition(":") if not host.endswith("]") else (host, "", "")
        if not name:
            name, port = host, ""
        if name.lower() not in _LOOPBACK:
            return False
        return self.port is None or port == str(self.port)


# "same-origin", not "no-referrer": under "no-referrer" Chromium sends ``Origin: null``
# with a form POST, which the same-origin check must refuse. "same-origin" still sends
# nothing to another site, and the address bar holds no token after the first GET.
REFERRER_POLICY = b"same-origin"


class _Guard:
    """ASGI middleware: Host check, then security headers on every response."""

    def __init__(self, app, review: ReviewState) -> None:
        self.app = app
        self.review = review
        self.state = app.state  # as Starlette apps expose it: ``app.state.review``

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        if not self.review.host_ok(headers.get("host", "")):
            await _plain(send, 400, "bad Host header: open the page at the address 'studio review' printed")
            return

        async def secured(message) -> None:
            if message["type"] == "http.response.start":
                raw = list(message.get("headers", []))
                names = {k.lower() for k, _ in raw}
                extra = {
                    b"content-security-policy": _BASE_CSP.encode(),
                    b"referrer-policy": REFERRER_POLICY,
                    b"cache-control": b"no-store",
                    b"x-content-type-options": b"nosniff",
                    b"x-frame-options": b"DENY",
                    b"cross-origin-opener-policy": b"same-origin",
                    b"cross-origin-resource-policy": b"same-origin",
                }
                raw += [(k, v) for k, v in extra.items() if k not in names]
                message = {**message, "headers": raw}
            await send(message)

        await self.app(scope, receive, secured)


async def _plain(send, status: int, text: str) -> None:
    body = text.encode()
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()),
        (b"content-security-policy", _BASE_CSP.encode()), (b"cache-control", b"no-store"),
        (b"referrer-policy", REFERRER_POLICY),
    ]})
    await send({"type": "http.response.body", "body": body})


def create_app(project_dir: str | Path, token: str | None = None, who: str | None = None, *,
               port: int | None = None, session_idle: float = SESSION_IDLE, session_max: float = SESSION_MAX,
               token_ttl: float = TOKEN_TTL):
    """The ASGI app for a project; ``token`` defaults to a fresh random one.

    Args:
        project_dir: the project folder (holds ``.studio/findings.db``).
        token: the access token of the printed URL.
        who: who decides (default: the local user name).
        port: the port it is served on: the cookie is named after it and the
            ``Host`` must carry it; None accepts any port (tests).
        session_idle, session_max: a session's idle and absolute limits (seconds).
        token_ttl: how long the unused access token stays valid (seconds).

    Raises:
        InputError: the project folder does not exist.
    """
    from jinja2 import Environment, FileSystemLoader
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, RedirectResponse, Response
    from starlette.routing import Route

    root = Path(project_dir).resolve()
    actions.Project(root, create=False).close()  # fail early: no folder, no store, a bad database
    state = ReviewState(root, token or secrets.token_urlsafe(32), who, port,
                        session_idle=session_idle, session_max=session_max, token_ttl=token_ttl)
    env = Environment(loader=FileSystemLoader(str(_TEMPLATES)), autoescape=True, trim_blocks=True, lstrip_blocks=True)

    async def index(request) -> Response:
        given = request.query_params.get("token")
        if given is not None:
            sid = state.exchange(given)
            if sid is None:
                return PlainTextResponse(
                    "invalid, expired or already used token: the link 'studio review' printed opens one browser "
                    "session, once; start 'studio review' again for a new link", status_code=401
                )
            query = {k: v for k, v in request.query_params.items() if k in FILTERS}
            resp = RedirectResponse("/" + (f"?{urlencode(query)}" if query else ""), status_code=303)
            resp.set_cookie(state.cookie, sid, httponly=True, samesite="strict", path="/")
            return resp
        session = state.session(request)
        if session is None:
            return PlainTextResponse("no session, or it ended: open the link 'studio review' printed (it works once; "
                                     "start 'studio review' again for a new one)", status_code=401)
        filters = {k: request.query_params.get(k, "") for k in FILTERS}
        nonce = secrets.token_urlsafe(16)
        page = await run_in_threadpool(_render_index, state, env, session, filters, nonce)
        csp = (f"default-src 'none'; img-src 'self'; style-src 'nonce-{nonce}'; script-src 'nonce-{nonce}'; "
               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
        return HTMLResponse(page, headers={"Content-Security-Policy": csp})

    async def act(request) -> Response:
        session = state.session(request)
        if session is None:
            return PlainTextResponse("not signed in", status_code=401)
        if not _same_origin(request):
            return PlainTextResponse("cross-site request refused", status_code=403)
        form = await _form(request)
        if isinstance(form, Response):
            return form
        sent = form.get("csrf", "")
        if not sent or not hmac.compare_digest(sent.encode(), session["csrf"].encode()):
            return PlainTextResponse("missing or wrong CSRF token", status_code=403)
        fid, action = request.path_params["fid"], request.path_params["action"]
        kind, message = await run_in_threadpool(_do, state, fid, action, form)
        state.flash(session, kind, message, fid)
        query = {k: form[k] for k in FILTERS if form.get(k)}
        return RedirectResponse("/" + (f"?{urlencode(query)}" if query else "") + f"#f-{fid}", status_code=303)

    async def thumb(request) -> Response:
        if state.session(request) is None:
            return PlainTextResponse("not signed in", status_code=401)
        path = await run_in_threadpool(_image_path, state, request.path_params["fid"])
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
    return _Guard(app, state)


def _same_origin(request) -> bool:
    """A POST from this page: its ``Origin`` (when sent) is this server, and the fetch is not cross-site."""
    origin = request.headers.get("origin")
    if origin is not None and origin != f"http://{request.headers.get('host', '')}":
        return False
    return request.headers.get("sec-fetch-site", "same-origin") in ("same-origin", "none")


async def _form(request):
    """The urlencoded form, read to at most :data:`MAX_BODY` bytes; or the error response."""
    from starlette.responses import PlainTextResponse

    if request.headers.get("content-type", "").split(";")[0].strip() != "application/x-www-form-urlencoded":
        return PlainTextResponse("expected a form", status_code=415)
    size = request.headers.get("content-length")
    if size is not None and (not size.isdigit() or int(size) > MAX_BODY):
        return PlainTextResponse("request too large", status_code=413)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            return PlainTextResponse("request too large", status_code=413)
    try:
        parsed = parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=32)
    except (UnicodeDecodeError, ValueError):
        return PlainTextResponse("malformed form", status_code=400)
    return {k: v[0] for k, v in parsed.items()}


def _do(state: ReviewState, fid: str, action: str, form: dict[str, str]) -> tuple[str, str]:
    """Run one action; returns ``(kind, message)`` with kind ``ok``, ``error`` or ``confirm``."""
    reason = form.get("reason", "")
    if len(reason) > MAX_REASON:
        return "error", f"the reason is too long ({len(reason):,} characters; the limit is {MAX_REASON:,})"
    with state.lock, actions.Project(state.root) as project:
        try:
            if action == "confirm":
                out = actions.confirm(project, fid, state.who)
            elif action == "dismiss":
                out = actions.dismiss(project, fid, reason, state.who)
            elif action == "reopen":
                out = actions.reopen(project, fid, state.who)
            elif action == "fix":
                out = actions.fix(project, fid, form.get("text", ""), state.who, whole_line=True)  # the page shows the line
            elif action == "bible":
                out = actions.add_to_bible(project, fid, state.who, confirmed=form.get("confirm") == "1")
            else:
                return "error", f"unknown action {action!r}"
        except actions.NeedsConfirmation as exc:
            return "confirm", str(exc)
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
    from continuity.screenplay.lines import source_lines

    rows = source_lines(script)
    idx = next((i for i, r in enumerate(rows) if r[0] == line), None)
    if idx is None:
        return []
    return [
        {"line": no, "kind": kind, "text": text, "here": no == line}
        for no, kind, text in rows[max(0, idx - around): idx + around + 1]
    ]


def _render_index(state: ReviewState, env, session: dict[str, Any], filters: dict[str, str], nonce: str) -> str:
    with state.lock, actions.Project(state.root) as project:
        store = project.store
        last = store.last_audit()
        every = store.findings()
        shown = store.findings(**{k: v or None for k, v in filters.items() if k != "status" or v != "all"})
        history = defaultdict(list)
        for d in store.decisions():
            history[d["finding_id"]].append(d)
        scripts: dict[str, Any] = {}  # each finding's own file (a season's episodes), read once
        for path in {f["script"] for f in shown}:
            try:
                scripts[path] = state.script(project.inside(path, "script"))
            except (StudioError, OSError):
                scripts[path] = None
        script = scripts.get(last["script"]) if last else None
        bible_ok = bool(last and last["bible"])
    flash, session["flash"] = session["flash"], []
    by_finding: dict[str, list[dict[str, str]]] = defaultdict(list)
    ids = {f["id"] for f in shown}
    for m in flash:
        fid = next((i for i in ids if m["fid"] and i.startswith(m["fid"])), None)
        if fid:
            by_finding[fid].append(m)
    top = [m for m in flash if not any(m in v for v in by_finding.values())]
    headings = {(f["episode"], sc.index): sc.heading.text for f in shown if scripts.get(f["script"])
                for sc in scripts[f["script"]].scenes}
    groups: dict[tuple, list[dict[str, Any]]] = defaultdict(list)
    for f in shown:
        own = scripts.get(f["script"], script)
        f["context"] = _context(own, f["line"]) if own else []
        f["current_text"] = next((c["text"] for c in f["context"] if c["here"]), f["text"])
        f["history"] = history.get(f["id"], [])
        f["canon"] = bible_ok and actions.can_add_to_bible(f)
        f["image"] = f["data"].get("image") if f["category"] == "visual" else None
        f["messages"] = by_finding.get(f["id"], [])
        f["scene_number"] = scene_label(f)
        f["page"] = page_of(f)
        groups[(f["episode"] or 0, f["scene"])].append(f)
    options = {
        "category": sorted({f["category"] for f in every}),
        "severity": [s for s in ("error", "warning", "info") if any(f["severity"] == s for f in every)],
        "character": sorted({f["character"] for f in every if f["character"]}),
        "status": list(STATUSES),
    }
    return env.get_template("index.html").render(
        last=last, groups=[(ep, scene, g[0]["scene_number"], g) for (ep, scene), g in sorted(groups.items())],
        headings={(ep or 0, sc): h for (ep, sc), h in headings.items()}, filters=filters, options=options,
        csrf=session["csrf"], flash=top, total=len(every), shown=len(shown), counts=store_counts(every),
        nonce=nonce, max_reason=MAX_REASON,
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

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(("127.0.0.1", port))
    except OSError as exc:
        sock.close()
        raise InputError(f"cannot listen on 127.0.0.1:{port}: {exc.strerror or exc}") from None
    real_port = sock.getsockname()[1]
    try:
        app = create_app(project_dir, token=token, who=who, port=real_port)
    except BaseException:
        sock.close()
        raise
    config = uvicorn.Config(app, host="127.0.0.1", port=real_port, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    return server, sock, f"http://127.0.0.1:{real_port}/?token={app.state.review.token}"
