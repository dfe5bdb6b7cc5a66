"""``studio mcp``: the continuity checker as an MCP server for other agents.

Built on the official ``mcp`` SDK (FastMCP). It serves one project directory over
stdio, or over streamable HTTP on 127.0.0.1 only. Tools:

- ``audit_script``: audit a script (a file in the project, or text) against the
  bible; returns the JSON report of ``studio audit --format json``.
- ``check_passage``: check a new scene or paragraph against the bible and the
  script so far; returns only the findings located in the passage.
- ``bible_lookup``: what the bible says about a character, location or prop.
- ``list_findings`` and ``decide_finding``: the review store (``studio audit --store``).

Every path is resolved against the project directory and refused when it leads
outside it (symlinks included); text and files are bounded in size; ``checks`` is
de-duplicated and must name known checks. Every call has a deadline
(``mcp_timeout``, ``STUDIO_MCP_TIMEOUT``): the heavy tools run in a worker process
(:mod:`studio.mcp.worker`) that is killed when the deadline passes or the client
cancels or goes away. Every failure is an MCP tool error (``isError``) whose text
is the one-line message, never a traceback.

Over HTTP every request needs ``Authorization: Bearer <token>`` (printed at start,
or kept in a 0600 token file), and decisions are recorded under the server's
identity (``--as``), not a name the caller claims. ``mcp`` is imported inside the
functions, so loading this module (the CLI does, at start-up) stays cheap.
"""

from __future__ import annotations

import hmac
import json
import logging
import os
import secrets
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import typer

from continuity.errors import InputError, StudioError
from studio.mcp import project as limits
from studio.mcp.project import DEFAULT_BIBLE, Project, known_checks

if TYPE_CHECKING:
    from mcp.server.fastmcp import FastMCP

    from continuity.settings import Settings

log = logging.getLogger(__name__)

HOST = "127.0.0.1"
SERVER_NAME = "continuity"
INSTRUCTIONS = (
    "Continuity checker for screenplays (Fountain or Final Draft) against a bible of "
    "characters, locations, props and style. Call check_passage with a new scene or "
    "paragraph (Fountain) before handing it off: it returns what the text contradicts "
    "in the bible and the script so far, with evidence. audit_script audits a whole "
    "script; bible_lookup tells what the bible says about a name. Paths are relative "
    "to the project directory."
)


def _describe(exc: Any) -> str:
    """A pydantic ``ValidationError`` in one line: ``text: Field required; ...``."""
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ())) or "arguments"
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return "; ".join(parts)


def build_server(project: str | Path, settings: Settings | None = None, *, who: str | None = None) -> FastMCP:
    """A FastMCP server exposing the continuity tools for ``project``.

    Args:
        project: the project directory; tool paths are resolved inside it.
        settings: embedder, cache and ``mcp_timeout``; default ``Settings.load(project/studio.toml)``.
        who: the authenticated identity decisions are recorded under (HTTP); None
            records the ``who`` the caller gives (stdio: the client is the user's own).

    The server's worker (``server.studio_worker``) is stopped by ``server.studio_worker.close()``.

    Raises:
        InputError: ``project`` is not a directory, or its ``studio.toml`` is invalid.
    """
    from typing import Annotated, Literal, get_type_hints

    from mcp.server.fastmcp import FastMCP
    from mcp.server.fastmcp.exceptions import ToolError
    from mcp.types import CallToolResult, TextContent, ToolAnnotations
    from pydantic import Field, ValidationError

    class _Server(FastMCP):
        async def call_tool(self, name: str, arguments: dict[str, Any]) -> Any:
            # The SDK reports bad arguments as a multi-line pydantic dump; say it in one line.
            try:
                return await super().call_tool(name, arguments)
            except ToolError as exc:
                cause = exc.__cause__
                if isinstance(cause, ValidationError):
                    raise ToolError(f"invalid arguments for {name}: {_describe(cause)}") from None
                raise

    import weakref

    from studio.mcp.worker import ToolWorker

    proj = Project(project, settings)
    server = _Server(SERVER_NAME, instructions=INSTRUCTIONS, host=HOST, log_level="WARNING")
    read_only = ToolAnnotations(readOnlyHint=True, openWorldHint=False)
    worker = ToolWorker(proj.root, proj.settings)
    server.studio_worker = worker  # type: ignore[attr-defined]
    weakref.finalize(server, worker.close)
    deadline = proj.settings.mcp_timeout

    async def call(fn: Callable[[], dict[str, Any]] | tuple[str, dict[str, Any]]) -> CallToolResult:
        """Run a tool: a ``(tool, args)`` pair in the worker, a function in a thread; both with the deadline."""
        import anyio
        import anyio.to_thread

        try:
            if isinstance(fn, tuple):
                data = await worker.call(fn[0], fn[1], deadline)
            else:
                try:
                    with anyio.fail_after(deadline):
                        data = await anyio.to_thread.run_sync(fn, abandon_on_cancel=True)
                except TimeoutError:
                    raise InputError(f"the call took longer than {deadline:g} s and was stopped") from None
        except StudioError as exc:
            return CallToolResult(content=[TextContent(type="text", text=str(exc))], isError=True)
        except Exception as exc:  # a bug: keep the traceback in the server's log, not in the reply
            log.exception("tool failed")
            first = (str(exc).splitlines() or [""])[0]
            return CallToolResult(
                content=[TextContent(type="text", text=f"internal error: {type(exc).__name__}: {first}")], isError=True
            )
        text = json.dumps(data, ensure_ascii=False)
        return CallToolResult(content=[TextContent(type="text", text=text)], structuredContent=data)

    # This module uses postponed annotations, and FastMCP evaluates them in the
    # module's globals: resolve the tools' annotations here, where these names live.
    def tool(fn: Callable[..., Any], annotations: ToolAnnotations = read_only) -> Callable[..., Any]:
        fn.__annotations__ = get_type_hints(fn, localns=scope, include_extras=True)
        return server.tool(annotations=annotations)(fn)

    def deciding_tool(fn: Callable[..., Any]) -> Callable[..., Any]:
        return tool(fn, ToolAnnotations(readOnlyHint=False, destructiveHint=False, openWorldHint=False))

    Checks = Annotated[
        list[str] | None,
        Field(description="Run only these checks: appearance, wardrobe, prop, name, timeline, location, voice.",
              max_length=limits.MAX_CHECKS),
    ]
    BiblePath = Annotated[
        str | None,
        Field(description=f"The bible (YAML) in the project; default: the project's {DEFAULT_BIBLE} if any."),
    ]

    server_who = who
    scope = {"Annotated": Annotated, "Literal": Literal, "Field": Field, "CallToolResult": CallToolResult,
             "Checks": Checks, "BiblePath": BiblePath}

    @tool
    async def audit_script(
        path: Annotated[str | None, Field(description="A script file (.fountain or .fdx) in the project.")] = None,
        text: Annotated[str | None, Field(description=f"The script itself (at most {limits.MAX_SCRIPT_BYTES:,} bytes).")] = None,
        bible_path: BiblePath = None,
        format: Annotated[Literal["fountain", "fdx"], Field(description="The format of 'text'.")] = "fountain",
        checks: Checks = None,
    ) -> CallToolResult:
        """Audit a whole screenplay for continuity errors against the bible.

        Give exactly one of 'path' or 'text'. Returns the JSON report: summary,
        findings (each with scene, line, message, offending text and evidence: the
        earlier script line or the bible fact it contradicts) and the scene index.
        """
        return await call(("audit_script", {"path": path, "text": text, "bible_path": bible_path, "format": format,
                                            "checks": checks}))

    @tool
    async def check_passage(
        text: Annotated[str, Field(description=f"A new scene or paragraph in Fountain (at most {limits.MAX_PASSAGE_BYTES:,} bytes).")],
        bible_path: BiblePath = None,
        script_path: Annotated[str | None, Field(description="The script so far (a file in the project).")] = None,
        checks: Checks = None,
    ) -> CallToolResult:
        """Check a new scene or paragraph against the bible and the script so far.

        Call it before handing new text off. Text without a scene heading continues
        the script's last scene. Returns only findings located in the passage;
        'passage_line' is the line within 'text', 'line' counts on from the
        script's last line.
        """
        return await call(("check_passage", {"text": text, "bible_path": bible_path, "script_path": script_path,
                                             "checks": checks}))

    @tool
    async def bible_lookup(
        name: Annotated[str, Field(description="A character, location or prop name or alias (any case).")],
        bible_path: BiblePath = None,
    ) -> CallToolResult:
        """What the bible says about a character, location or prop.

        Returns kind, name, aliases, description, attributes, wardrobe with scene
        ranges (characters) and the facts with the paths findings cite.
        """
        return await call(("bible_lookup", {"name": name, "bible_path": bible_path}))

    @tool
    async def list_findings(
        status: Annotated[
            Literal["open", "confirmed", "dismissed", "fixed", "resolved"] | None, Field(description="Only this status.")
        ] = None,
        category: Annotated[str | None, Field(description="Only this category (appearance, wardrobe...).")] = None,
        character: Annotated[str | None, Field(description="Only findings about this character.")] = None,
    ) -> CallToolResult:
        """Findings recorded in the project's review store, with their review status.

        The store is written by `studio audit ... --store`; decisions made in the
        review page or with decide_finding show here.
        """
        return await call(lambda: proj.list_findings(status, category, character))

    @deciding_tool
    async def decide_finding(
        finding_id: Annotated[str, Field(description="A finding id, or a unique prefix of one.", max_length=64)],
        action: Annotated[Literal["confirm", "dismiss", "reopen"], Field(description="The decision.")],
        reason: Annotated[str | None, Field(description="Why (required to dismiss).", max_length=2000)] = None,
        who: Annotated[str | None, Field(description="Who decides (default 'mcp'; over HTTP the server records "
                                                     "the authenticated user instead).", max_length=100)] = None,
    ) -> CallToolResult:
        """Confirm a finding as a real error, dismiss it with a reason, or reopen it.

        Recorded in the review store with who, when and why; a dismissed finding
        stays dismissed across later audits unless its evidence changes.
        """
        return await call(lambda: proj.decide_finding(finding_id, action, reason, server_who or who))

    return server


def run_stdio(project: str | Path, settings: Settings | None = None) -> None:
    """Serve ``project`` over stdio until the client closes the connection."""
    server = build_server(project, settings)
    try:
        server.run("stdio")
    finally:
        server.studio_worker.close()  # type: ignore[attr-defined]


def token_from_file(path: Path) -> str:
    """The bearer token kept in ``path``; a new one is written there (mode 0600) when it does not exist.

    Raises:
        InputError: the file is a link, not a regular file, not the user's own,
            readable by others, or holds no usable token.
    """
    nofollow = getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | nofollow, 0o600)
    except FileExistsError:
        pass
    except OSError as exc:
        raise InputError(f"{path}: cannot create the token file: {exc.strerror or exc}") from None
    else:
        token = secrets.token_urlsafe(32)
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(token + "\n")
        return token
    try:
        fd = os.open(path, os.O_RDONLY | nofollow | os.O_NONBLOCK)
    except OSError as exc:
        raise InputError(f"{path}: cannot read the token file (a link is not accepted): {exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"{path}: the token file must be a regular file")
        if hasattr(os, "getuid") and st.st_uid != os.getuid():
            raise InputError(f"{path}: the token file belongs to another user")
        if st.st_mode & 0o077:
            raise InputError(f"{path}: the token file must be readable by you only (chmod 600 {path})")
        token = os.read(fd, 4096).decode("ascii", "replace").strip()
    finally:
        os.close(fd)
    if len(token) < 16 or any(c.isspace() for c in token):
        raise InputError(f"{path}: no usable token in the file (at least 16 characters, no spaces)")
    return token


class BearerAuth:
    """ASGI middleware: every HTTP request needs ``Authorization: Bearer <token>``, else 401."""

    def __init__(self, app: Any, token: str) -> None:
        self.app = app
        self.token = token.encode()

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            auth = ""
            for k, v in scope.get("headers", []):
                if k.lower() == b"authorization":
                    auth = v.decode("latin-1")
            scheme, _, given = auth.partition(" ")
            if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), self.token):
                body = b"missing or wrong bearer token: send 'Authorization: Bearer <token>' as 'studio mcp' printed"
                await send({"type": "http.response.start", "status": 401, "headers": [
                    (b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()),
                    (b"www-authenticate", b'Bearer realm="continuity"'),
                ]})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)


def http_app(project: str | Path, token: str, settings: Settings | None = None, *, who: str | None = None):
    """The streamable-HTTP ASGI app behind bearer authentication, and its FastMCP server."""
    from studio.review.store import default_user

    server = build_server(project, settings, who=(who or "").strip() or default_user())
    return BearerAuth(server.streamable_http_app(), token), server


def run_http(project: str | Path, port: int, settings: Settings | None = None, *,
             token_file: Path | None = None, who: str | None = None) -> None:
    """Serve ``project`` over streamable HTTP at ``http://127.0.0.1:PORT/mcp`` (loopback only, bearer token)."""
    import socket

    import uvicorn

    token = token_from_file(token_file) if token_file else secrets.token_urlsafe(32)
    app, server = http_app(project, token, settings, who=who)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((HOST, port))
    except OSError as exc:
        sock.close()
        raise InputError(f"cannot listen on {HOST}:{port}: {exc.strerror or exc}") from None
    print(f"continuity MCP server for {Path(project).resolve()} at http://{HOST}:{port}/mcp", file=sys.stderr)
    if token_file:
        print(f"bearer token: in {token_file}", file=sys.stderr)
    else:
        print(f"send the header  Authorization: Bearer {token}", file=sys.stderr)
    sys.stderr.flush()
    config = uvicorn.Config(app, host=HOST, port=port, log_level="warning")
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
        server.studio_worker.close()  # type: ignore[attr-defined]


def mcp_command(
    project: Path = typer.Option(Path("."), "--project", "-p", help="The project directory; tools read files only inside it."),
    http: int | None = typer.Option(
        None, "--http", min=1, max=65535, help="Serve streamable HTTP on 127.0.0.1:PORT instead of stdio."
    ),
    token_file: Path | None = typer.Option(
        None, "--token-file", help="HTTP: keep the bearer token in this file (created with mode 0600 if missing) "
        "instead of printing a new one."
    ),
    who: str | None = typer.Option(None, "--as", help="HTTP: whom decisions are recorded under (default: your user name)."),
) -> None:
    """Run the continuity checker as an MCP server (stdio by default).

    Tools: audit_script, check_passage, bible_lookup, list_findings, decide_finding. Paths are relative to the
    project directory and may not leave it; the project's bible.yaml is the
    default bible. Each call stops after STUDIO_MCP_TIMEOUT seconds (120).

    Over HTTP every request needs the header 'Authorization: Bearer TOKEN': the
    token is printed at start, or kept in --token-file (mode 0600).

    Examples:

      studio mcp --project ~/films/lighthouse

      studio mcp --project . --http 8765     (then connect to http://127.0.0.1:8765/mcp with the printed token)
    """
    if http is None:
        run_stdio(project)
    else:
        run_http(project, http, token_file=token_file, who=who)


__all__ = [
    "Project", "build_server", "run_stdio", "run_http", "http_app", "token_from_file", "BearerAuth", "known_checks",
    "mcp_command", "HOST",
]
