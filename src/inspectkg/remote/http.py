"""HTTP to remote SPARQL servers: who we are (credentials) and one request, with errors that never show a secret.

Credentials, first found wins:

1. ``user:password@`` in the URL (taken out of the URL before it is used or printed);
2. ``INSPECTKG_USER`` and ``INSPECTKG_PASSWORD`` in the environment;
3. the netrc file (``$NETRC`` or ``~/.netrc``), by host name.

They are sent with HTTP Basic or Digest authentication, whichever the server
asks for (Virtuoso's ``/sparql-auth`` and ``/sparql-graph-crud-auth`` ask for
Digest): a first request without a body learns the challenge, and every
request after it carries its answer up front, so a large upload is sent once
(Virtuoso resets a connection whose unread upload it refuses).  A bearer token
(``--token`` / ``INSPECTKG_TOKEN``) is sent as is.
"""

from __future__ import annotations

import netrc
import os
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from ..errors import StoreError, UsageError

USER_ENV, PASSWORD_ENV = "INSPECTKG_USER", "INSPECTKG_PASSWORD"


class RemoteError(StoreError):
    """A remote server that cannot be reached, refuses us, or answers with an error (exit code 2)."""

    exit_code = 2


@dataclass(frozen=True)
class Credentials:
    user: str
    password: str = field(repr=False)


def split_userinfo(url: str) -> tuple[str, Credentials | None]:
    """The URL without ``user:password@``, and those credentials if it had them."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None:
        return url, None
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = host + (f":{parts.port}" if parts.port else "")
    clean = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    return clean, Credentials(urllib.parse.unquote(parts.username), urllib.parse.unquote(parts.password or ""))


def find_credentials(url: str, given: Credentials | None = None) -> Credentials | None:
    """Credentials for a URL (already without userinfo): given, environment, or netrc."""
    if given is not None:
        return given
    user, password = os.environ.get(USER_ENV), os.environ.get(PASSWORD_ENV)
    if user:
        if password is None:
            raise UsageError(f"{USER_ENV} is set but {PASSWORD_ENV} is not; set both, or use a netrc file")
        return Credentials(user, password)
    path = os.environ.get("NETRC") or os.path.join(os.path.expanduser("~"), ".netrc")
    if not os.path.isfile(path):
        return None
    try:
        entry = netrc.netrc(path).authenticators(urllib.parse.urlsplit(url).hostname or "")
    except (netrc.NetrcParseError, OSError) as exc:
        problem = getattr(exc, "msg", None) or getattr(exc, "strerror", None) or type(exc).__name__
        raise UsageError(f"{path}: cannot read the netrc file ({problem})") from None
    if entry is None:
        return None
    login, _account, password = entry
    return Credentials(login or "", password or "")


class Http:
    """Requests to one server, with its credentials or token, as (status, headers, body)."""

    def __init__(self, url: str, *, timeout: float, token: str | None = None,
                 credentials: Credentials | None = None):
        if not url.startswith(("http://", "https://")):
            raise UsageError(f"{url}: a server URL starts with http:// or https://")
        self.url, from_url = split_userinfo(url)
        self.timeout = timeout
        self.token = token
        self.credentials = find_credentials(self.url, credentials or from_url)
        self._opener = urllib.request.build_opener()
        self._digest = None
        if self.credentials is not None:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            passwords.add_password(None, self.url, self.credentials.user, self.credentials.password)
            self._digest = urllib.request.HTTPDigestAuthHandler(passwords)
        self._challenge: tuple[str, dict] | None = None  # (scheme, parameters) the server asked for

    def _learn_challenge(self, headers) -> bool:
        """Keep the server's Basic or Digest challenge (from a 401); False if there is none we can answer."""
        for value in (headers.get_all("WWW-Authenticate") or []) if headers is not None else []:
            scheme, _, rest = value.partition(" ")
            if scheme.lower() in ("basic", "digest"):
                params = urllib.request.parse_keqv_list(urllib.request.parse_http_list(rest)) if rest else {}
                self._challenge = (scheme.lower(), params)
                return True
        return False

    def _authorization(self, request) -> str | None:
        """The Authorization header for a request, sent up front: a large body is never sent twice
        (Virtuoso resets the connection when it refuses an upload it has not read)."""
        if self.credentials is None or self._challenge is None:
            return None
        scheme, params = self._challenge
        if scheme == "basic":
            import base64

            token = f"{self.credentials.user}:{self.credentials.password}".encode("utf-8")
            return "Basic " + base64.b64encode(token).decode("ascii")
        answer = self._digest.get_authorization(request, params)
        return None if answer is None else f"Digest {answer}"

    def request(self, method: str, url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None,
                what: str = "the server"):
        url = split_userinfo(url)[0]
        if self.credentials is not None and self._challenge is None:
            status, answer_headers, _ = self._send("HEAD", url, None, {}, what)  # no body: learn the challenge
            if status != 401 or not self._learn_challenge(answer_headers):
                self._challenge = ("none", {})
        status, answer_headers, body = self._send(method, url, data, headers or {}, what)
        if status == 401 and self.credentials is not None and self._learn_challenge(answer_headers):
            status, answer_headers, body = self._send(method, url, data, headers or {}, what)  # a new nonce
        return status, answer_headers, body

    def _send(self, method: str, url: str, data: bytes | None, headers: dict[str, str], what: str):
        request = urllib.request.Request(url, data=data, method=method)
        for name, value in headers.items():
            request.add_header(name, value)
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        try:
            authorization = self._authorization(request)
            if authorization:
                request.add_header("Authorization", authorization)
            with self._opener.open(request, timeout=self.timeout) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.headers, _read(exc)
        except (urllib.error.URLError, socket.timeout, TimeoutError, ConnectionError, OSError) as exc:
            reason = getattr(exc, "reason", None) or exc
            raise RemoteError(f"{self.url}: cannot reach {what} ({reason})") from None
        except ValueError as exc:  # e.g. a Digest challenge urllib cannot answer
            raise RemoteError(f"{self.url}: cannot talk to {what} ({exc})") from None


def _read(exc: urllib.error.HTTPError) -> bytes:
    try:
        return exc.read()
    except OSError:
        return b""


def explain(status: int, body: bytes, credentials: Credentials | None) -> str:
    """A sentence for an HTTP error status (never the credentials themselves)."""
    text = " ".join(body.decode("utf-8", "replace").split())[:300]
    if status == 401:
        who = (f"the credentials of user {credentials.user!r} were refused" if credentials
               else f"it needs credentials ({USER_ENV}/{PASSWORD_ENV} or a netrc entry)")
        return f"HTTP 401: {who}"
    if status == 403:
        return f"HTTP 403: this user may not do that ({text})"
    return f"HTTP {status} {text}".rstrip()
