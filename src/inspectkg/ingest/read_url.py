"""Documents on the web: fetch an http(s) URL safely, then read it.

:func:`fetch` uses only the standard library (``http.client``) and guards
against the usual ways a URL can hurt the machine that fetches it:

* only ``http`` and ``https``; no credentials in the URL; proxies are not used;
* the host is resolved with ``getaddrinfo`` and *every* address is checked
  with :mod:`ipaddress`: loopback, link-local, private, multicast, reserved,
  unspecified and other non-global addresses are refused; the socket is then
  connected to a checked address, so DNS cannot change between the check and
  the connection.  Each redirect target (at most ``max_redirects``) is
  checked the same way;
* one time limit for the whole fetch (connect, TLS, headers, body, all
  redirects): each socket operation gets the time that is left, and a
  watchdog shuts the connection at the deadline, so a server dripping a
  header byte at a time cannot hold a fetch past it;
* a size limit: reading stops past ``max_bytes``; compressed encodings are
  never requested and a compressed response is refused, so there is nothing
  to decompress (no gzip bomb).

Private addresses can be allowed with ``allow_private=True`` (all of them)
or ``allow_private=("127.0.0.2/32",)`` (these networks only), or, when
:func:`url_document` is called without it, with the environment variable
``INSPECTKG_ALLOW_PRIVATE_URLS=1``.  They exist for tests, which serve pages
from 127.0.0.x; do not set them on a server that fetches URLs users give.
Multicast and unspecified addresses are refused even then.
"""

from __future__ import annotations

import dataclasses
import http.client
import ipaddress
import os
import socket
import ssl
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

from ..errors import InputError
from ..model import Document

ALLOW_PRIVATE_ENV = "INSPECTKG_ALLOW_PRIVATE_URLS"
DEFAULT_TIMEOUT = 20.0
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MAX_REDIRECTS = 5
USER_AGENT = "inspectkg/0.1"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024
_URL_SAFE = "/%:@!$&'()*+,;=?~-._"  # quote only what http.client refuses (spaces, non-ASCII)


@dataclass(frozen=True)
class Fetched:
    """A response body and what we know about it."""

    url: str  # the final URL, after redirects
    content_type: str  # the media type, lower case, without parameters ("" when none)
    charset: str | None
    body: bytes


@dataclass(frozen=True)
class _Guards:
    """What one fetch may do: whose name its errors carry, which addresses, until when, how much."""

    name: str
    allow_private: bool | Sequence[str]
    deadline: float  # time.monotonic() at which the whole fetch must be done
    timeout: float  # the time limit the deadline came from, for the error message
    max_bytes: int

    def timed_out(self) -> InputError:
        return InputError(self.name, f"timed out after {self.timeout:g} s")

    def set_timeout(self, sock: socket.socket) -> None:
        """Give the next socket operation the time that is left; InputError when none is."""
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise self.timed_out()
        sock.settimeout(remaining)


def allow_private_default() -> bool:
    """True when ``INSPECTKG_ALLOW_PRIVATE_URLS=1`` (for tests only)."""
    return os.environ.get(ALLOW_PRIVATE_ENV, "").strip() == "1"


# long: the public fetch's keyword-only options, each with a default, as callers name them
def fetch(
    url: str,
    *,
    name: str | None = None,
    allow_private: bool | Sequence[str] = False,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_redirects: int = MAX_REDIRECTS,
) -> Fetched:
    """GET ``url`` under the guards in the module docstring; errors name ``name`` (default: the URL)."""
    name = name or url
    guards = _Guards(name, allow_private, time.monotonic() + timeout, timeout, max_bytes)
    current = url
    for hop in range(max_redirects + 1):
        try:
            result = _get(current, guards)
        except InputError as exc:
            if hop:
                raise InputError(name, f"redirect to {current}: {exc.problem}", exc.hint) from None
            raise
        if isinstance(result, Fetched):
            return result
        current = urljoin(current, result)
    raise InputError(name, f"too many redirects (more than {max_redirects})")


def url_document(
    url: str,
    name: str | None = None,
    *,
    allow_private: bool | Sequence[str] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Document:
    """Fetch ``url`` and read it as HTML, PDF or text, as its Content-Type says."""
    from .read_html import html_document
    from .read_pdf import pdf_document
    from .read_text import text_document

    name = name or url
    if allow_private is None:
        allow_private = allow_private_default()
    got = fetch(url, name=name, allow_private=allow_private, timeout=timeout, max_bytes=max_bytes)
    kind = _kind(got)
    if kind == "html":
        return html_document(got.body, name, charset=got.charset, url=got.url)
    if kind == "pdf":
        return pdf_document(got.body, name, url=got.url)
    if kind in ("text", "markdown"):
        doc = text_document(got.body, name, markdown=kind == "markdown", declared=got.charset)
        return dataclasses.replace(doc, url=got.url)
    raise InputError(name, f"unsupported content type {got.content_type!r}", "expected HTML, PDF or plain text")


def _kind(got: Fetched) -> str | None:
    media = got.content_type
    if media in ("text/html", "application/xhtml+xml"):
        return "html"
    if media in ("application/pdf", "application/x-pdf"):
        return "pdf"
    if media in ("text/markdown", "text/x-markdown"):
        return "markdown"
    if media == "text/plain":
        return "text"
    if media in ("", "application/octet-stream", "binary/octet-stream"):
        head = got.body[:1024].lstrip().lower()
        if head.startswith(b"%pdf-"):
            return "pdf"
        if head.startswith((b"<!doctype html", b"<html")):
            return "html"
    return None


def check_address(
    ip: ipaddress.IPv4Address | ipaddress.IPv6Address, allow_private: bool | Sequence[str] = False
) -> str | None:
    """Why ``ip`` may not be fetched from (``"loopback"``, ...), or None when it may.

    ``allow_private``: True allows every non-global address (but multicast
    and unspecified); a sequence of networks allows those networks only.
    """
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None:
            return check_address(embedded, allow_private)
    if ip.is_multicast:
        return "multicast"
    if ip.is_unspecified:
        return "unspecified"
    if allow_private is True:
        return None
    if allow_private and any(ip in ipaddress.ip_network(net, strict=False) for net in allow_private):
        return None
    for label, flag in (
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
    ):
        if flag:
            return label
    return None if ip.is_global else "not globally routable"


def _get(url: str, guards: _Guards) -> Fetched | str:
    """One request: a Fetched, or the Location of a redirect."""
    name = guards.name
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise InputError(name, f"refused URL scheme {scheme or '(none)'!r} in {url}", "only http and https")
    if parts.username is not None or parts.password is not None:
        raise InputError(name, "refused URL with credentials")
    host = parts.hostname
    if not host:
        raise InputError(name, f"no host in URL {url}")
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError:
        raise InputError(name, f"bad port in URL {url}") from None
    sock = _connect(host, port, guards)
    watchdog = _Watchdog(sock, guards.deadline)
    try:
        if scheme == "https":
            context = ssl.create_default_context()
            sock = watchdog.sock = context.wrap_socket(sock, server_hostname=host)
            conn: http.client.HTTPConnection = http.client.HTTPSConnection(host, port, context=context)
        else:
            conn = http.client.HTTPConnection(host, port)
        conn.sock = sock
        path = quote((parts.path or "/") + (f"?{parts.query}" if parts.query else ""), safe=_URL_SAFE)
        conn.request("GET", path, headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml,application/pdf,text/plain;q=0.9,*/*;q=0.1",
            "Accept-Encoding": "identity",
            "Connection": "close",
        })
        guards.set_timeout(sock)
        response = conn.getresponse()
        if response.status in _REDIRECTS:
            location = response.getheader("Location")
            if not location:
                raise InputError(name, f"HTTP {response.status} redirect without a Location")
            return location.strip()
        if not 200 <= response.status < 300:
            raise InputError(name, f"HTTP {response.status} {response.reason}".rstrip() + f" for {url}")
        fetched = _body(response, url, sock, guards)
        if watchdog.expired:  # the body ended because the watchdog shut the connection
            raise guards.timed_out()
        return fetched
    except InputError:
        raise
    except (TimeoutError, socket.timeout):
        raise guards.timed_out() from None
    except (ssl.SSLError, http.client.HTTPException, OSError) as exc:
        if watchdog.expired:
            raise guards.timed_out() from None
        if isinstance(exc, ssl.SSLError):
            raise InputError(name, f"TLS error ({exc.reason or exc})") from None
        raise InputError(name, f"bad HTTP response ({type(exc).__name__}: {exc})") from None
    finally:
        watchdog.cancel()
        sock.close()


class _Watchdog:
    """Shuts a connection down at the deadline, whatever it is waiting for.

    A socket timeout bounds one ``recv``; a server sending one byte just
    before each timeout would never trip it.  Shutting the socket down from
    another thread ends any blocking read at once.
    """

    def __init__(self, sock: socket.socket, deadline: float):
        self.sock = sock  # replaced by the TLS socket once wrapped
        self.expired = False
        self._timer = threading.Timer(max(0.0, deadline - time.monotonic()), self._expire)
        self._timer.daemon = True
        self._timer.start()

    def _expire(self) -> None:
        self.expired = True
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass  # already closed, or not connected yet: the next operation's own timeout ends it

    def cancel(self) -> None:
        self._timer.cancel()


def _body(response, url: str, sock: socket.socket, guards: _Guards) -> Fetched:
    name, max_bytes = guards.name, guards.max_bytes
    encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
    if encoding not in ("", "identity"):
        raise InputError(name, f"compressed response refused (Content-Encoding: {encoding})")
    limit = f"{max_bytes:,} bytes"
    declared = response.getheader("Content-Length")
    if declared and declared.strip().isdigit() and int(declared) > max_bytes:
        raise InputError(name, f"response too large ({int(declared):,} bytes > {limit})")
    chunks: list[bytes] = []
    size = 0
    while not response.isclosed():  # the response closes the socket once the body is read
        guards.set_timeout(sock)
        chunk = response.read1(_CHUNK)  # one recv at most: the deadline is checked between reads
        if not chunk:
            break
        size += len(chunk)
        if size > max_bytes:
            raise InputError(name, f"response too large (more than {limit}); stopped reading")
        chunks.append(chunk)
    header = response.getheader("Content-Type") or ""
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("'\"")
    return Fetched(url=url, content_type=media.strip().lower(), charset=charset, body=b"".join(chunks))


def _connect(host: str, port: int, guards: _Guards) -> socket.socket:
    """Resolve ``host``, check every address, connect to a checked one."""
    name = guards.name
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise InputError(name, f"cannot resolve host {host!r} ({exc})") from None
    for *_, sockaddr in infos:
        ip = ipaddress.ip_address(sockaddr[0].split("%", 1)[0])
        reason = check_address(ip, guards.allow_private)
        if reason:
            raise InputError(name, f"refused address {ip} of host {host!r} ({reason})")
    error: Exception | None = None
    for family, kind, proto, _, sockaddr in infos:
        sock = socket.socket(family, kind, proto)
        try:
            guards.set_timeout(sock)
            sock.connect(sockaddr)
            return sock
        except InputError:
            sock.close()
            raise
        except (TimeoutError, socket.timeout):
            sock.close()
            raise guards.timed_out() from None
        except OSError as exc:
            sock.close()
            error = exc
    raise InputError(name, f"cannot connect to {host}:{port} ({error})")
