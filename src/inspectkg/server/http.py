"""The App served by uvicorn over loopback, and one-shot requests without a socket.

    serve_forever(app, host, port, log=None)   # until Ctrl-C / SIGTERM
    serve_until_stopped(server, on_ready)      # the same for a server already listening
    with running(app) as base: ...             # from a background thread (tests)
    get(app, "/api/queries")                   # one reply, no socket (serve --get)

uvicorn reads every connection on one asyncio event loop, so a client that is slow
to send its head costs a socket, not a thread or a handler slot.  On top of that
(:class:`HeadDeadlineProtocol`): the request line and headers must all arrive within
``header_timeout`` seconds (a deadline, not a per-read timeout: dripping a byte at a
time does not extend it; 408 then), and be at most ``MAX_HEAD`` bytes (431); a
connection idle between requests is closed after ``socket_timeout`` seconds; past ``max_pending``
connections open at once, a new one is answered 503 and closed.  Handler slots, body limits and the
headers every reply carries are the app's (:mod:`.asgi`).
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import signal
import socket
import threading
import time
from contextlib import contextmanager

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from .app import App, Request
from .asgi import SECURITY_HEADERS

MAX_HEAD = 64 * 1024  # request line and headers
_CONTENT_LENGTH = re.compile(rb"(?im)^content-length[ \t]*:[ \t]*([^\r\n]*?)[ \t]*\r?$")


def plain_reply(status: int, reason: str, message: str) -> bytes:
    """A whole HTTP reply with a JSON error body, its length counted, written outside the app."""
    body = (json.dumps({"error": message, "status": status}) + "\n").encode("utf-8")
    head = [f"HTTP/1.1 {status} {reason}", "Content-Type: application/json; charset=utf-8",
            f"Content-Length: {len(body)}", "Connection: close",
            *(f"{k}: {v}" for k, v in SECURITY_HEADERS.items())]
    return ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body


class HeadDeadlineProtocol(H11Protocol):
    """uvicorn's h11 protocol with a whole-head deadline and our error replies."""

    header_timeout = 10.0  # set per server (see Server)
    max_connections = 1024
    _head_timer: asyncio.TimerHandle | None = None
    _head = b""  # what has arrived of the head being waited for (for the error replies)

    def connection_made(self, transport) -> None:
        super().connection_made(transport)
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            # headers and body leave in two writes: without this, Nagle and the client's delayed
            # ACK hold the body back ~40 ms on every kept-alive request
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if len(self.connections) > self.max_connections:
            transport.write(plain_reply(503, "Service Unavailable", "too many connections at once; try again"))
            transport.close()
            return
        self._arm_head()

    def data_received(self, data: bytes) -> None:
        if self._head_timer is not None and len(self._head) <= MAX_HEAD:
            self._head += data[: MAX_HEAD + 1 - len(self._head)]
        super().data_received(data)

    def connection_lost(self, exc) -> None:
        self._disarm_head()
        super().connection_lost(exc)

    def _arm_head(self) -> None:
        self._disarm_head()
        self._head_timer = self.loop.call_later(self.header_timeout, self._head_late)

    def _disarm_head(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_late(self) -> None:
        self._head_timer = None
        if self.transport.is_closing() or (self.cycle is not None and not self.cycle.response_complete):
            return
        self.transport.write(plain_reply(408, "Request Timeout", "the request headers did not arrive within "
                                                                 f"{self.header_timeout:g} s"))
        self.transport.close()

    def handle_events(self) -> None:
        before = self.cycle
        super().handle_events()
        if self.cycle is not before:  # a whole head arrived: its request is under way
            self._disarm_head()
            self._head = b""

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm_head()  # the next request's head has its own deadline

    def send_400_response(self, msg: str) -> None:
        """A head h11 refused: too long (431), a Content-Length that is no length (413), or else 400."""
        length = _CONTENT_LENGTH.search(self._head)
        if len(self._head) > MAX_HEAD:
            reply = plain_reply(431, "Request Header Fields Too Large",
                                f"the request line and headers are longer than {MAX_HEAD} bytes")
        elif length and not length.group(1).isdigit():
            reply = plain_reply(413, "Content Too Large", "request body too large or malformed")
        else:
            reply = plain_reply(400, "Bad Request", "the request is not valid HTTP/1.1")
        self.transport.write(reply)
        self.transport.close()


class Server:
    """uvicorn serving an App on a socket bound at once (so the port is known, and a busy one fails here)."""

    def __init__(self, app: App, host: str = "127.0.0.1", port: int = 8000, log=None):
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.socket = socket.socket(family, socket.SOCK_STREAM)
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            self.socket.bind((host, port))
            self.socket.listen(128)
        except OSError:
            self.socket.close()
            raise
        self.server_address = self.socket.getsockname()[:2]
        settings = app.settings
        protocol = type("Protocol", (HeadDeadlineProtocol,), {"header_timeout": settings.header_timeout,
                                                              "max_connections": settings.max_pending})
        config = uvicorn.Config(app, http=protocol, lifespan="off", log_config=None, access_log=log is not None,
                                timeout_keep_alive=max(1, int(settings.socket_timeout)),
                                h11_max_incomplete_event_size=MAX_HEAD, limit_concurrency=None,
                                backlog=128, timeout_graceful_shutdown=5, server_header=False)
        self.uvicorn = uvicorn.Server(config)
        self._done = threading.Event()
        _log_to(log)

    def serve_forever(self) -> None:
        try:
            self.uvicorn.run(sockets=[self.socket])
        finally:
            self._done.set()

    def shutdown(self) -> None:
        self.uvicorn.should_exit = True
        self._done.wait(15)

    def server_close(self) -> None:
        self.socket.close()


def _log_to(log) -> None:
    """uvicorn's access lines and its warnings through ``log(line)``; nothing at all without it
    (a malformed or dripped request is answered, not printed: a flood of them must not flood stderr)."""

    class Handler(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            log(record.getMessage())

    for name, level in (("uvicorn.access", logging.INFO), ("uvicorn.error", logging.WARNING)):
        logger = logging.getLogger(name)
        logger.handlers[:] = [Handler() if log is not None else logging.NullHandler()]
        logger.setLevel(level)
        logger.propagate = False


def make_server(app: App, host: str = "127.0.0.1", port: int = 8000, log=None) -> Server:
    return Server(app, host, port, log)


@contextmanager
def running(app: App, host: str = "127.0.0.1", port: int = 0):
    """Serve the app from a background thread (port 0: a free one); yields the base URL.

    On exit the server stops and the app's query workers are closed; the store is the caller's.
    """
    server = make_server(app, host, port)
    threading.Thread(target=server.serve_forever, daemon=True, name="inspectkg-http").start()
    deadline = time.monotonic() + 10
    while not server.uvicorn.started and time.monotonic() < deadline:
        time.sleep(0.01)
    try:
        yield f"http://{host}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        app.close()


def serve_forever(app: App, host: str = "127.0.0.1", port: int = 8000, log=None) -> None:
    """Serve until interrupted (Ctrl-C or SIGTERM)."""
    serve_until_stopped(make_server(app, host, port, log))


def serve_until_stopped(server: Server, on_ready=None) -> None:
    """Serve a server made by :func:`make_server` until Ctrl-C or SIGTERM; ``on_ready(address)`` first."""

    def stop(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        if on_ready is not None:
            on_ready(server.server_address)
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.server_close()


def get(app: App, target: str, headers: dict[str, str] | None = None):
    """One GET request handled in-process: what ``serve --get`` prints."""
    return app.handle(Request("GET", target, dict(headers or {})))
