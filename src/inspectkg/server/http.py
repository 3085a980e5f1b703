"""The App behind a threaded HTTP/1.1 server with read deadlines, and one-shot requests.

    serve_forever(app, host, port, log=None)   # until KeyboardInterrupt / SIGTERM
    get(app, "/api/queries")                   # one response, no socket (serve --get)

How a connection is read, so that slow clients cannot hold the server:

- a new (or kept-alive) connection waits in the *gatherer*: one thread that
  reads the request line and headers of every waiting connection with a
  selector, so a waiting connection costs a socket, not a thread or a slot.
  The whole head must arrive within ``header_timeout`` seconds (a deadline,
  not a per-``recv`` timeout: dripping a byte at a time does not extend it),
  and be at most ``MAX_HEAD`` bytes; at most ``max_pending`` connections wait,
  the oldest is dropped first;
- only a complete head takes one of ``max_connections`` handler slots; the
  body then has ``body_timeout`` seconds in all to arrive;
- the answer is written with ``socket_timeout`` per write, and after it the
  connection goes back to the gatherer to wait for its next request.

Every reply declares its exact length and carries the security headers
(:data:`SECURITY_HEADERS`).
"""

from __future__ import annotations

import json
import selectors
import signal
import socket
import threading
import time
from collections import OrderedDict
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .app import App, Request, Response

MAX_HEAD = 64 * 1024  # request line and headers
SECURITY_HEADERS = {
    "Content-Security-Policy": ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
                                "frame-ancestors 'none'"),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


def plain_reply(status: int, reason: str, message: str) -> bytes:
    """A whole HTTP reply with a JSON error body, its length counted, for use outside a handler."""
    body = (json.dumps({"error": message, "status": status}) + "\n").encode("utf-8")
    head = [f"HTTP/1.1 {status} {reason}", "Content-Type: application/json; charset=utf-8",
            f"Content-Length: {len(body)}", "Connection: close",
            *(f"{k}: {v}" for k, v in SECURITY_HEADERS.items())]
    if status == 503:
        head.append("Retry-After: 1")
    return ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body


class _DeadlineReader:
    """The handler's ``rfile``: reads from the socket until a deadline, starting with bytes already read."""

    def __init__(self, sock: socket.socket, prefetched: bytes, deadline: float):
        self.sock = sock
        self.buffer = bytearray(prefetched)
        self.deadline = deadline

    def _fill(self) -> bool:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("the request did not arrive in time")
        self.sock.settimeout(remaining)
        chunk = self.sock.recv(65536)
        if not chunk:
            return False
        self.buffer += chunk
        return True

    def _take(self, n: int) -> bytes:
        out = bytes(self.buffer[:n])
        del self.buffer[:n]
        return out

    def readline(self, limit: int = -1) -> bytes:
        while True:
            end = self.buffer.find(b"\n")
            if end >= 0 and (limit < 0 or end < limit):
                return self._take(end + 1)
            if 0 <= limit <= len(self.buffer):
                return self._take(limit)
            if not self._fill():
                return self._take(len(self.buffer))

    def read(self, n: int = -1) -> bytes:
        while n < 0 or len(self.buffer) < n:
            if not self._fill():
                break
        return self._take(len(self.buffer) if n < 0 else n)

    def leftover(self) -> bytes:
        return self._take(len(self.buffer))

    def close(self) -> None:
        pass


def _handler_class(app: App, log):
    settings = app.settings

    class Handler(BaseHTTPRequestHandler):
        server_version = "inspectkg"
        protocol_version = "HTTP/1.1"
        timeout = settings.socket_timeout  # for writes; reads have deadlines
        disable_nagle_algorithm = True  # headers and body go out in two writes: no 40 ms delayed-ACK wait

        def setup(self) -> None:
            super().setup()
            prefetched, deadline = self.server.take_prefetched(self.request)
            self.rfile = _DeadlineReader(self.connection, prefetched, deadline)

        def handle(self) -> None:
            """One request; a kept-alive connection goes back to the gatherer for the next."""
            self.close_connection = True
            self.handle_one_request()
            if not self.close_connection:
                self.server.keep_alive(self.request, self.rfile.leftover())

        def _dispatch(self) -> None:
            if self.headers.get("Transfer-Encoding"):  # unread chunks would be parsed as the next request
                self._send(Response.error(411, "send the body with a Content-Length, not Transfer-Encoding"), close=True)
                return
            length = self.headers.get("Content-Length")
            try:
                size = int(length) if length else 0
            except ValueError:
                size = -1
            if size < 0 or size > settings.max_body:
                response = Response.error(413, f"request body too large or malformed (limit {settings.max_body} bytes)")
                self._send(response, close=True)
                return
            self.rfile.deadline = time.monotonic() + settings.body_timeout
            try:
                body = self.rfile.read(size) if size else b""
            except (TimeoutError, OSError):
                body = None
            if body is None or len(body) < size:
                self._send(Response.error(408, f"the request body did not arrive within "
                                               f"{settings.body_timeout:g} s"), close=True)
                return
            headers = {k.lower(): v for k, v in self.headers.items()}
            response = app.handle(Request(self.command, self.path, headers, body))
            self._send(response)

        def _send(self, response, close: bool = False) -> None:
            body = response.body or b""
            self.connection.settimeout(settings.socket_timeout)
            self.send_response(response.status)
            self.send_header("Content-Type", response.content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in {**SECURITY_HEADERS, **(response.headers or {})}.items():
                self.send_header(name, value)
            if close:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def send_error(self, code, message=None, explain=None) -> None:
            """The standard library's own errors (bad request line, too-long headers) as JSON, length counted."""
            self.close_connection = True
            try:
                self._send(Response.error(code, message or self.responses.get(code, ("error",))[0]), close=True)
            except OSError:
                pass

        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_OPTIONS = do_PATCH = _dispatch

        def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
            if log is not None:
                log(f"{self.address_string()} {format % args}")

    return Handler


class _Gatherer(threading.Thread):
    """Reads the heads of waiting connections with one selector; hands complete ones to the server."""

    def __init__(self, server: "_BoundedServer"):
        super().__init__(daemon=True, name="inspectkg-http-heads")
        self.server = server
        self.selector = selectors.DefaultSelector()
        self.waiting: OrderedDict[socket.socket, tuple[bytearray, float]] = OrderedDict()
        self.incoming: list[tuple[socket.socket, bytes]] = []
        self.lock = threading.Lock()
        self.wake_r, self.wake_w = socket.socketpair()
        self.wake_r.setblocking(False)
        self.selector.register(self.wake_r, selectors.EVENT_READ)
        self.stopped = False

    def add(self, sock: socket.socket, prefetched: bytes = b"") -> None:
        """A connection to wait on (new, or kept alive with the bytes already read of its next request)."""
        with self.lock:
            self.incoming.append((sock, prefetched))
        self._wake()

    def stop(self) -> None:
        self.stopped = True
        self._wake()

    def _wake(self) -> None:
        try:
            self.wake_w.send(b"x")
        except OSError:
            pass

    def _drop(self, sock: socket.socket, reply: bytes | None = None) -> None:
        self.waiting.pop(sock, None)
        try:
            self.selector.unregister(sock)
        except (KeyError, ValueError):
            pass
        if reply is not None:
            try:
                sock.setblocking(False)
                sock.send(reply)
            except OSError:
                pass
        self.server.shutdown_request(sock)

    def _accept_incoming(self) -> None:
        with self.lock:
            incoming, self.incoming = self.incoming, []
        deadline = time.monotonic() + self.server.settings.header_timeout
        for sock, prefetched in incoming:
            if self._complete(prefetched):
                self._hand_off(sock, bytearray(prefetched), deadline)
                continue
            while len(self.waiting) >= self.server.settings.max_pending:
                self._drop(next(iter(self.waiting)))
            sock.setblocking(False)
            self.waiting[sock] = (bytearray(prefetched), deadline)
            self.selector.register(sock, selectors.EVENT_READ)

    @staticmethod
    def _complete(buffer) -> bool:
        return b"\r\n\r\n" in buffer or b"\n\n" in buffer

    def _hand_off(self, sock: socket.socket, buffer: bytearray, deadline: float) -> None:
        self.waiting.pop(sock, None)
        try:
            self.selector.unregister(sock)
        except (KeyError, ValueError):
            pass
        sock.setblocking(True)
        self.server.dispatch(sock, bytes(buffer), deadline)

    def _read(self, sock: socket.socket) -> None:
        buffer, deadline = self.waiting[sock]
        try:
            chunk = sock.recv(65536)
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        if not chunk:
            self._drop(sock)
            return
        buffer += chunk
        if self._complete(buffer):
            self._hand_off(sock, buffer, deadline)
        elif len(buffer) > MAX_HEAD:
            self._drop(sock, plain_reply(431, "Request Header Fields Too Large",
                                         f"the request line and headers are longer than {MAX_HEAD} bytes"))

    def run(self) -> None:
        while not self.stopped:
            for key, _ in self.selector.select(timeout=0.25):
                if key.fileobj is self.wake_r:
                    try:
                        while self.wake_r.recv(4096):
                            pass
                    except OSError:
                        pass
                elif key.fileobj in self.waiting:
                    self._read(key.fileobj)
            self._accept_incoming()
            now = time.monotonic()
            for sock in [s for s, (_, deadline) in self.waiting.items() if deadline <= now]:
                self._drop(sock, plain_reply(408, "Request Timeout", "the request headers did not arrive within "
                                             f"{self.server.settings.header_timeout:g} s"))
        for sock in list(self.waiting):
            self._drop(sock)
        self.selector.close()
        self.wake_r.close()
        self.wake_w.close()


class _BoundedServer(ThreadingHTTPServer):
    """A threaded server whose handler threads only ever see requests whose head has arrived."""

    daemon_threads = True
    request_queue_size = 128

    def __init__(self, address, handler, settings):
        self.settings = settings
        self._slots = threading.BoundedSemaphore(settings.max_connections)
        self._prefetched: dict[socket.socket, tuple[bytes, float]] = {}
        self._kept: dict[socket.socket, bytes] = {}
        self._lock = threading.Lock()
        self.gatherer = _Gatherer(self)
        super().__init__(address, handler)  # on a bind error this calls server_close and raises
        self.gatherer.start()

    def process_request(self, request, client_address):
        self.gatherer.add(request)

    def take_prefetched(self, sock) -> tuple[bytes, float]:
        with self._lock:
            return self._prefetched.pop(sock, (b"", time.monotonic() + self.settings.header_timeout))

    def keep_alive(self, sock, leftover: bytes) -> None:
        """After this request is done, the connection waits in the gatherer for its next one."""
        with self._lock:
            self._kept[sock] = leftover

    def dispatch(self, sock, head: bytes, deadline: float) -> None:
        """A connection whose head has arrived: a handler thread if a slot is free, else 503 at once."""
        if not self._slots.acquire(blocking=False):
            try:
                sock.sendall(plain_reply(503, "Service Unavailable", "too many requests at once; try again"))
            except OSError:
                pass
            self.shutdown_request(sock)
            return
        with self._lock:
            self._prefetched[sock] = (head, deadline)
        try:
            address = sock.getpeername()
        except OSError:
            address = ("?", 0)
        threading.Thread(target=self._serve_one, args=(sock, address), daemon=True,
                         name="inspectkg-http-request").start()

    def _serve_one(self, sock, address) -> None:
        try:
            self.finish_request(sock, address)
        except Exception:  # noqa: BLE001 - one broken connection must not stop the server
            self.handle_error(sock, address)
        finally:
            with self._lock:
                self._prefetched.pop(sock, None)
                leftover = self._kept.pop(sock, None)
            self._slots.release()
            if leftover is None:
                self.shutdown_request(sock)
            else:
                self.gatherer.add(sock, leftover)

    def handle_error(self, request, client_address) -> None:
        pass  # a client that went away is not news

    def server_close(self) -> None:
        self.gatherer.stop()
        if self.gatherer.is_alive():
            self.gatherer.join(5)
        super().server_close()


def make_server(app: App, host: str = "127.0.0.1", port: int = 8000, log=None) -> ThreadingHTTPServer:
    return _BoundedServer((host, port), _handler_class(app, log), app.settings)


@contextmanager
def running(app: App, host: str = "127.0.0.1", port: int = 0):
    """Serve the app from a background thread (port 0: a free one); yields the base URL.

    On exit the server stops and the app's query workers are closed; the store is the caller's.
    """
    server = make_server(app, host, port)
    threading.Thread(target=server.serve_forever, daemon=True, name="inspectkg-http").start()
    try:
        yield f"http://{host}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        app.close()


def serve_forever(app: App, host: str = "127.0.0.1", port: int = 8000, log=None, on_ready=None,
                  server: ThreadingHTTPServer | None = None) -> None:
    """Serve until interrupted (Ctrl-C or SIGTERM), then stop the workers."""
    server = server or make_server(app, host, port, log)

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
    return app.handle(Request("GET", target, {k.lower(): v for k, v in (headers or {}).items()}))
