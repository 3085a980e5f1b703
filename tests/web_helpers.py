"""A built example corpus and a real HTTP server around ``create_app``, for the web tests.

The corpus is ``examples/`` plus one hostile document whose title and text
carry markup, so every page is also an escaping test.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVIL_NAME = "zz-evil-markup.txt"
EVIL_TITLE = "Kent Police <script>alert(1)</script> & <b>bold</b> claims"
EVIL_TEXT = (
    EVIL_TITLE + "\n\n"
    "Chief Constable Alan Pughsley said \"<img src=x onerror=alert(2)> is not a crime\" on Tuesday. "
    "HMICFRS rated Kent Police good at investigating crime.\n"
)


def build_corpus(tmp: Path) -> Path:
    """Build the examples (plus the hostile document) into a store; returns the store path."""
    corpus = tmp / "corpus"
    shutil.copytree(ROOT / "examples" / "corpus", corpus)
    (corpus / EVIL_NAME).write_text(EVIL_TEXT, encoding="utf-8")
    store = tmp / "kg"
    subprocess.run([sys.executable, "-m", "inspectkg", "build", str(corpus), "--store", str(store)],
                   check=True, capture_output=True, cwd=ROOT, timeout=300)
    return store


class _Handler(BaseHTTPRequestHandler):
    app = None  # set per server
    protocol_version = "HTTP/1.1"

    def _answer(self) -> None:
        from inspectkg.server.app import Request

        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        response = self.server.app.handle(Request(self.command, self.path, headers, body))
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        for name, value in (response.headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(response.body)

    do_GET = do_POST = do_HEAD = do_PUT = do_DELETE = _answer

    def log_message(self, *args) -> None:  # keep test output quiet
        pass


@contextmanager
def serving(store_path: Path):
    """The app over the store, on a free loopback port; yields the base URL."""
    from inspectkg.graph.store import Store
    from inspectkg.server.app import create_app

    store = Store(store_path)
    app = create_app(store)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.app = app
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        app.close()
        store.close()
