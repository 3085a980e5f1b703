"""Reading URLs from a real local HTTP server on 127.0.0.2 (and 127.0.0.1)."""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from inspectkg.errors import InputError
from inspectkg.ingest.read import Source, read
from inspectkg.ingest.read_url import ALLOW_PRIVATE_ENV, check_address, fetch, url_document

from test_read import ARTICLE, make_pdf

HOST = "127.0.0.2"  # all of 127/8 is loopback on Linux; tests allow this one address only
ALLOW = (f"{HOST}/32",)
TEXT = "Northshire briefing\nThe force accepted all four recommendations.\n"


class Handler(BaseHTTPRequestHandler):
    pdf = b""

    def log_message(self, *args):  # keep test output quiet
        pass

    def send(self, status, body=b"", content_type="text/plain", headers=(), length=True):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for key, value in headers:
            self.send_header(key, value)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        path = self.path
        port = self.server.server_address[1]
        if path == "/page.html":
            self.send(200, ARTICLE.encode(), "text/html; charset=utf-8")
        elif path == "/report.pdf":
            self.send(200, self.pdf, "application/pdf")
        elif path == "/notes.txt":
            self.send(200, TEXT.encode("cp1252"), "text/plain; charset=windows-1252")
        elif path == "/unlabelled":
            self.send(200, self.pdf, "application/octet-stream")
        elif path == "/image.png":
            self.send(200, b"\x89PNG\r\n\x1a\n", "image/png")
        elif path.startswith("/redirect/"):
            left = int(path.rsplit("/", 1)[1])
            target = f"/redirect/{left - 1}" if left > 0 else "/notes.txt"
            self.send(302, headers=[("Location", target)])
        elif path == "/to-loopback":
            self.send(302, headers=[("Location", f"http://127.0.0.1:{port}/notes.txt")])
        elif path == "/to-file":
            self.send(302, headers=[("Location", "file:///etc/passwd")])
        elif path == "/big":
            self.send(200, b"a" * 5000, length=True)
        elif path == "/big-unlabelled":  # no Content-Length: the client must stop reading itself
            self.send(200, b"b" * 50_000, length=False)
        elif path == "/gzip":
            self.send(200, b"\x1f\x8b\x08\x00", headers=[("Content-Encoding", "gzip")])
        elif path == "/drip":  # headers at once, then one byte every 0.1 s: beats a per-read timeout
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(100):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.1)
        else:
            self.send(404, b"not here")


@pytest.fixture(scope="module")
def server():
    Handler.pdf = make_pdf(["Northshire inspection 2023", "Rated good."], title="Northshire PEEL")
    httpd = ThreadingHTTPServer((HOST, 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://{HOST}:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture()
def stalling_server():
    """Accepts connections and never answers."""
    listener = socket.socket()
    listener.bind((HOST, 0))
    listener.listen()
    yield f"http://{HOST}:{listener.getsockname()[1]}/slow"
    listener.close()


def test_html_over_http(server):
    doc = url_document(f"{server}/page.html", allow_private=ALLOW)
    assert "Chief Constable Alex Example said: \u201cWe welcome the findings and will act on them.\u201d" in doc.text
    assert doc.source == f"{server}/page.html"
    assert doc.url == f"{server}/page.html"  # the final URL wins over the page's canonical one
    assert doc.title == "Force rated good" and doc.published == "2023-04-05"
    assert doc.media_type == "text/html"


def test_pdf_over_http(server):
    doc = url_document(f"{server}/report.pdf", allow_private=ALLOW)
    assert doc.text == "Northshire inspection 2023\n\nRated good."
    assert doc.title == "Northshire PEEL" and doc.media_type == "application/pdf"


def test_text_over_http_uses_declared_charset(server):
    doc = url_document(f"{server}/notes.txt", allow_private=ALLOW)
    assert doc.text == TEXT and doc.title == "Northshire briefing"


def test_octet_stream_is_sniffed(server):
    assert url_document(f"{server}/unlabelled", allow_private=ALLOW).media_type == "application/pdf"


def test_read_dispatches_urls_and_names_source(server):
    url = f"{server}/notes.txt"
    doc = read(Source(url, url), allow_private=ALLOW)
    assert doc.source == url and doc.text == TEXT


def test_loopback_refused_by_default(server, monkeypatch):
    monkeypatch.delenv(ALLOW_PRIVATE_ENV, raising=False)
    url = f"{server}/page.html"
    with pytest.raises(InputError, match=r"refused address 127\.0\.0\.2 .*\(loopback\)") as info:
        read(Source(url, url))
    assert info.value.path == url


def test_environment_variable_allows_private(server, monkeypatch):
    monkeypatch.setenv(ALLOW_PRIVATE_ENV, "1")
    assert url_document(f"{server}/notes.txt").text == TEXT


def test_redirects_followed_up_to_the_limit(server):
    got = fetch(f"{server}/redirect/4", allow_private=ALLOW)  # 5 redirects
    assert got.url == f"{server}/notes.txt"


def test_redirect_chain_over_the_limit(server):
    with pytest.raises(InputError, match=r"too many redirects \(more than 5\)"):
        fetch(f"{server}/redirect/5", allow_private=ALLOW)


def test_redirect_to_loopback_refused(server):
    with pytest.raises(InputError, match=r"redirect to http://127\.0\.0\.1:\d+/notes\.txt: refused address 127\.0\.0\.1"):
        fetch(f"{server}/to-loopback", allow_private=ALLOW)


def test_redirect_to_other_scheme_refused(server):
    with pytest.raises(InputError, match=r"refused URL scheme 'file'"):
        fetch(f"{server}/to-file", allow_private=ALLOW)


@pytest.mark.parametrize("path", ["/big", "/big-unlabelled"])
def test_oversized_body_cut_off(server, path):
    with pytest.raises(InputError, match=r"response too large"):
        fetch(f"{server}{path}", allow_private=ALLOW, max_bytes=1000)


def test_compressed_response_refused(server):
    with pytest.raises(InputError, match=r"compressed response refused \(Content-Encoding: gzip\)"):
        fetch(f"{server}/gzip", allow_private=ALLOW)


def test_stalling_server_times_out(stalling_server):
    start = time.monotonic()
    with pytest.raises(InputError, match=r"timed out after 0\.5 s"):
        fetch(stalling_server, allow_private=ALLOW, timeout=0.5)
    assert time.monotonic() - start < 3


def test_dripping_server_hits_the_overall_deadline(server):
    start = time.monotonic()
    with pytest.raises(InputError, match=r"timed out after 0\.7 s"):
        fetch(f"{server}/drip", allow_private=ALLOW, timeout=0.7)
    assert time.monotonic() - start < 3


def test_http_errors_and_content_types(server):
    with pytest.raises(InputError, match=r"HTTP 404"):
        fetch(f"{server}/missing", allow_private=ALLOW)
    with pytest.raises(InputError, match=r"unsupported content type 'image/png'"):
        url_document(f"{server}/image.png", allow_private=ALLOW)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/a.txt", "gopher://x/", "//no-scheme"])
def test_non_http_scheme_refused(url):
    with pytest.raises(InputError, match=r"refused URL scheme"):
        fetch(url)


def test_credentials_in_url_refused():
    with pytest.raises(InputError, match=r"credentials"):
        fetch("http://user:pw@example.org/")


@pytest.mark.parametrize(
    "address, reason",
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("192.168.0.1", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("224.0.0.1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("::ffff:127.0.0.1", "loopback"),
        ("100.64.0.1", "not globally routable"),
        ("93.184.216.34", None),
        ("2606:2800:220:1:248:1893:25c8:1946", None),
    ],
)
def test_check_address(address, reason):
    assert check_address(ipaddress.ip_address(address)) == reason


def test_check_address_allow_lists():
    loop = ipaddress.ip_address("127.0.0.1")
    assert check_address(loop, allow_private=True) is None
    assert check_address(loop, allow_private=("127.0.0.2/32",)) == "loopback"
    assert check_address(ipaddress.ip_address("224.0.0.1"), allow_private=True) == "multicast"


@pytest.fixture()
def header_dripping_server():
    """On 127.0.0.1: answers the status line, then one header byte every 0.5 s for a minute."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    stop = threading.Event()

    def serve():
        try:
            conn, _ = listener.accept()
        except OSError:
            return
        with conn:
            conn.recv(65536)
            conn.sendall(b"HTTP/1.1 200 OK\r\n")
            for byte in b"X-Drip: " + b"a" * 120:
                if stop.wait(0.5):
                    return
                try:
                    conn.sendall(bytes([byte]))
                except OSError:
                    return

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/headers"
    stop.set()
    listener.close()
    thread.join(5)


def test_a_server_dripping_header_bytes_cannot_hold_a_fetch_past_its_deadline(header_dripping_server):
    start = time.monotonic()
    with pytest.raises(InputError, match=r"timed out after 2 s"):
        fetch(header_dripping_server, allow_private=("127.0.0.1/32",), timeout=2)
    assert time.monotonic() - start < 3.5
