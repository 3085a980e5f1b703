"""The App behind the standard library's threaded HTTP server, and one-shot requests.

    serve_forever(app, host, port, log=None)   # until KeyboardInterrupt / SIGTERM
    get(app, "/api/queries")                   # one response, no socket (serve --get)
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .app import App, Request, Response


def _handler_class(app: App, log):
    class Handler(BaseHTTPRequestHandler):
        server_version = "inspectkg"
        protocol_version = "HTTP/1.1"
        timeout = app.settings.socket_timeout  # a stalled client is dropped, not waited for
        disable_nagle_algorithm = True  # headers and body go out in two writes: no 40 ms delayed-ACK wait

        def _dispatch(self) -> None:
            if self.headers.get("Transfer-Encoding"):  # unread chunks would be parsed as the next request
                self._send(Response.error(411, "send the body with a Content-Length, not Transfer-Encoding"), close=True)
                return
            length = self.headers.get("Content-Length")
            try:
                size = int(length) if length else 0
            except ValueError:
                size = -1
            if size < 0 or size > app.settings.max_body:
                response = Response.error(413, f"request body too large or malformed (limit {app.settings.max_body} bytes)")
                self._send(response, close=True)
                return
            body = self.rfile.read(size) if size else b""
            headers = {k.lower(): v for k, v in self.headers.items()}
            response = app.handle(Request(self.command, self.path, headers, body))
            self._send(response)

        def _send(self, response, close: bool = False) -> None:
            body = response.body or b""
            self.send_response(response.status)
            self.send_header("Content-Type", response.content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in (response.headers or {}).items():
                self.send_header(name, value)
            if close:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _dispatch

        def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
            if log is not None:
                log(f"{self.address_string()} {format % args}")

    return Handler


class _BoundedServer(ThreadingHTTPServer):
    """A threaded server that turns away connections past ``max_connections`` at once."""

    daemon_threads = True

    def __init__(self, address, handler, max_connections: int):
        super().__init__(address, handler)
        self._slots = threading.BoundedSemaphore(max_connections)

    def process_request(self, request, client_address):
        if not self._slots.acquire(blocking=False):
            try:
                request.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
                                b"Connection: close\r\nContent-Length: 61\r\n\r\n"
                                b'{"error": "too many connections; try again", "status": 503}\n')
            except OSError:
                pass
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()


def make_server(app: App, host: str = "127.0.0.1", port: int = 8000, log=None) -> ThreadingHTTPServer:
    return _BoundedServer((host, port), _handler_class(app, log), app.settings.max_connections)


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


def serve_forever(app: App, host: str = "127.0.0.1", port: int = 8000, log=None, on_ready=None) -> None:
    """Serve until interrupted (Ctrl-C or SIGTERM), then stop the workers."""
    server = make_server(app, host, port, log)

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
