"""The ASGI app: Starlette routes from ``web.routes.ROUTES`` behind one guard.

The guard (:class:`Guard`) wraps every request, whatever answers it:

- every reply carries the security headers (:data:`SECURITY_HEADERS`) and CORS for
  reads (:data:`CORS`); an ``OPTIONS`` preflight is answered from the route list;
- at most ``max_connections`` requests are handled at once; one more gets 503 with
  ``Retry-After`` at once (a slow head costs no slot: uvicorn reads heads on the event loop);
- a body must declare its length (411 for ``Transfer-Encoding``), be at most ``max_body``
  bytes (413) and arrive within ``body_timeout`` seconds in all (408); it is read whole
  before the handler runs (``request.state.body``).

Endpoints (``/sparql``, ``/store``, ``/api/...``) run in a thread of the server and
answer errors as JSON; pages run in a query worker and answer errors as HTML pages.
"""

from __future__ import annotations

import asyncio
import inspect
import json

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route, compile_path
from starlette.staticfiles import StaticFiles

from .errors import HttpError, as_http_error

SECURITY_HEADERS = {
    "Content-Security-Policy": ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
                                "frame-ancestors 'none'"),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}
# reads are public: any page may query the endpoint (YASGUI and the like); writes need the bearer
# token, which a browser never sends on its own, and Authorization is not an allowed header
CORS = {"Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": "Content-Length, Retry-After, Link"}
JSON_TYPE = "application/json; charset=utf-8"
NOT_FOUND_HINT = "see /api/queries, /api/openapi.json, /sparql"


def error_bytes(status: int, message: str) -> bytes:
    return (json.dumps({"error": message, "status": status}, ensure_ascii=False) + "\n").encode("utf-8")


def json_error(error: HttpError) -> Response:
    return Response(error_bytes(error.status, error.message), error.status, error.headers, JSON_TYPE)


def _raw(headers: dict[str, str]) -> list[tuple[bytes, bytes]]:
    return [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]


_SPELLING = {b"etag": b"ETag", b"www-authenticate": b"WWW-Authenticate"}


def _spelt(name: bytes) -> bytes:
    """A header name as HTTP/1.1 servers usually write it (Content-Type): names are case-insensitive,
    but some clients compare them as written."""
    return _SPELLING.get(name.lower()) or name.decode("latin-1").title().encode("latin-1")


class Guard:
    """ASGI middleware: security headers, CORS, preflight, the slot limit, and the body's limits."""

    def __init__(self, inner, app, routes):
        self.inner = inner
        self.settings = app.settings
        self.paths = [(compile_path(r.path)[0], getattr(r, "methods", ("GET",))) for r in routes]
        self.active = 0

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.inner(scope, receive, send)
            return

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = {k: v for k, v in {**SECURITY_HEADERS, **CORS}.items() if k.lower().encode() not in present}
                headers = [*message.get("headers", []), *_raw(extra)]
                message = {**message, "headers": [(_spelt(k), v) for k, v in headers]}
                await send(message)
                return
            # a client that does not read its answer gives its slot back after socket_timeout
            async with asyncio.timeout(self.settings.socket_timeout):
                await send(message)

        if self.active >= self.settings.max_connections:
            await self._error(send_with_headers, 503, "too many requests at once; try again", {"Retry-After": "1"},
                              close=True)
            return
        self.active += 1
        try:
            await self._admitted(scope, receive, send_with_headers)
        finally:
            self.active -= 1

    async def _admitted(self, scope, receive, send) -> None:
        if scope["method"] == "OPTIONS":
            await self._preflight(scope, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if "transfer-encoding" in headers:
            await self._error(send, 411, "send the body with a Content-Length, not Transfer-Encoding", close=True)
            return
        length = headers.get("content-length", "0").strip() or "0"
        size = int(length) if length.isdigit() and len(length) < 20 else -1
        if size < 0 or size > self.settings.max_body:
            await self._error(send, 413, f"request body too large or malformed (limit {self.settings.max_body} bytes)",
                              close=True)
            return
        try:
            body = await asyncio.wait_for(self._read(receive, size), self.settings.body_timeout)
        except (asyncio.TimeoutError, EOFError):
            await self._error(send, 408, f"the request body did not arrive within {self.settings.body_timeout:g} s",
                              close=True)
            return
        scope.setdefault("state", {})["body"] = body
        done = [False]

        async def replay():
            if not done[0]:
                done[0] = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.inner(scope, replay, send)

    @staticmethod
    async def _read(receive, size: int) -> bytes:
        chunks, got = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise EOFError
            chunk = message.get("body", b"")
            got += len(chunk)
            if got > size:
                raise EOFError
            chunks.append(chunk)
            if not message.get("more_body"):
                return b"".join(chunks)

    async def _preflight(self, scope, send) -> None:
        """A CORS preflight: which methods and headers a page elsewhere may use here."""
        methods = {m for pattern, ms in self.paths if pattern.match(scope["path"]) for m in ms}
        if not methods:
            await self._error(send, 404, f"no such resource: {scope['path']}; {NOT_FOUND_HINT}")
            return
        methods = sorted(methods & {"GET", "POST"} | ({"HEAD"} if "GET" in methods else set()) | {"OPTIONS"})
        await Response(b"", 204, {
            "Allow": ", ".join(methods), "Access-Control-Allow-Methods": ", ".join(methods),
            "Access-Control-Allow-Headers": "Accept, Content-Type", "Access-Control-Max-Age": "600"},
            "text/plain")(scope, None, send)

    @staticmethod
    async def _error(send, status: int, message: str, headers: dict | None = None, close: bool = False) -> None:
        body = error_bytes(status, message)
        extra = {"Content-Type": JSON_TYPE, "Content-Length": str(len(body)), **(headers or {})}
        if close:
            extra["Connection"] = "close"
        await send({"type": "http.response.start", "status": status, "headers": _raw(extra)})
        await send({"type": "http.response.body", "body": body})


def endpoint(app, handler):
    """A Starlette endpoint for a server handler: run in a thread, errors as JSON."""

    async def call(request: Request) -> Response:
        try:
            return await run_in_threadpool(handler, app, request)
        except Exception as exc:  # noqa: BLE001 - one bad request must not stop the server
            return json_error(as_http_error(exc))

    return call


def page_endpoint(app, page):
    """A Starlette endpoint for a page: its arguments from the request, rendered in a worker."""
    from ..web.response import Reply
    from .pages import error_reply, run_page

    wants_folder = "folder" in inspect.signature(page.render).parameters

    def arguments(request: Request) -> dict:
        args = dict(request.path_params)
        if wants_folder:  # serve --queries DIR
            args["folder"] = None if app.queries_folder is None else str(app.queries_folder)
        if page.query == "*":
            args["params"] = dict(request.query_params)
        else:
            args.update({name: request.query_params.get(name) for name in page.query})
        if page.accept:
            args["accept"] = request.headers.get("accept", "")
        return args

    def render(args: dict) -> Reply:
        if not page.in_worker:
            return run_page(page, app.store, args)
        try:
            answer = app.pool.call({"op": "page", "route": page.name, "args": args,
                                    "max_rows": app.settings.max_rows})
        except HttpError as exc:
            return error_reply(exc.status, exc.message)
        return Reply(answer["status"], answer["content_type"], answer["body"], answer["headers"])

    async def call(request: Request) -> Response:
        reply = await run_in_threadpool(render, arguments(request))
        return Response(reply.body, reply.status, reply.headers, reply.content_type)

    return call


async def http_exception(request: Request, exc: HTTPException) -> Response:
    """Starlette's own 404 / 405 in our shape."""
    if exc.status_code == 404:
        message = f"no such resource: {request.url.path}; {NOT_FOUND_HINT}"
    elif exc.status_code == 405:
        message = f"method {request.method} not allowed here"
    else:
        message = exc.detail
    return json_error(HttpError(exc.status_code, message, headers=dict(exc.headers or {})))


def build(app):
    """The ASGI app of an App: Starlette over the route list, inside the Guard."""
    from ..web.routes import ROUTES, Page

    routes = []
    for route in ROUTES:
        if isinstance(route, Page):
            routes.append(Route(route.path, page_endpoint(app, route), methods=["GET"], name=route.name))
        else:
            routes.append(Route(route.path, endpoint(app, route.handler), methods=list(route.methods)))
    routes.append(Mount("/static", StaticFiles(packages=[("inspectkg.web", "static")]), name="static"))
    routes.append(Route("/favicon.ico", favicon))
    starlette = Starlette(routes=routes, exception_handlers={HTTPException: http_exception})
    return Guard(starlette, app, ROUTES)


async def favicon(request: Request) -> Response:
    from importlib import resources

    data = resources.files("inspectkg.web").joinpath("static", "favicon.svg").read_bytes()
    return Response(data, 200, {"Cache-Control": "max-age=86400"}, "image/svg+xml")
