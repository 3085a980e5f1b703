"""Remote SPARQL stores: query one (SPARQL 1.1 Protocol), export it whole, push the store to it (Graph Store Protocol).

    Endpoint("http://127.0.0.1:7878/query").select(sparql) -> Table
    Endpoint(url).quads() -> every quad, paged past a server's row cap
    push(store, "http://127.0.0.1:7878/store") -> PushReport

Results are asked for as SPARQL JSON and parsed by pyoxigraph, so a remote row
is made of the same terms as an embedded one; blank-node labels pyoxigraph
cannot take (Virtuoso's ``nodeID://b10000``) are renamed one-to-one, and
Virtuoso's answer to ASK (a one-row SELECT) becomes a boolean.  A server that
cuts an answer at its row limit (Virtuoso: ``ResultSetMaxRows``, announced in
the ``X-SPARQL-MaxRows`` header) is an error for a query, never a silent
truncation; ``quads()`` pages past it with LIMIT/OFFSET and checks the total
against a COUNT.  ``push`` sends each named graph with an HTTP PUT (N-Triples
body): PUT replaces the graph, so pushing twice leaves the same data.
Credentials: :mod:`.remote_http`.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from dataclasses import dataclass

import pyoxigraph
from pyoxigraph import QueryResultsFormat, RdfFormat

from .. import iris
from ..errors import QueryError
from .http import Credentials, Http, RemoteError, explain
from ..sparql.tables import Table

DEFAULT_TIMEOUT = 30.0
ROW_CAP_HEADER = "X-SPARQL-MaxRows"
# engines whose planner starts its joins from a VALUES block written first in the WHERE clause, as the
# embedded store (oxigraph) does; for the others it goes last (see sparql.queries.prepare)
VALUES_FIRST = frozenset({"oxigraph"})
_BNODE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*")
# our graphs only: a server keeps graphs of its own (Virtuoso: its schemas, ~2,500 triples)
_OURS = f'FILTER (STRSTARTS(STR(?g), "{iris.BASE}graph/"))'
_ALL_QUADS = f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_OURS} }}"
_COUNT_QUADS = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_OURS} }}"


class Endpoint:
    """A SPARQL 1.1 Protocol endpoint (read queries only)."""

    def __init__(self, url: str, *, timeout: float = DEFAULT_TIMEOUT, token: str | None = None,
                 credentials: Credentials | None = None):
        if not url.startswith(("http://", "https://")):
            raise QueryError(f"{url}: an endpoint URL starts with http:// or https://")
        self.http = Http(url, timeout=timeout, token=token, credentials=credentials)
        self.url = self.http.url
        self.timeout = timeout
        self._engine: str | None = None  # the product the server's answers name (see ``engine``)
        self._engine_known = False

    def _post(self, sparql: str):
        """(solutions or bool, the server's row cap if it announced one)."""
        try:
            status, headers, body = self.http.request(
                "POST", self.url, data=urllib.parse.urlencode({"query": sparql}).encode("utf-8"),
                headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
                         "Accept": "application/sparql-results+json"}, what="the endpoint")
        except RemoteError as exc:
            raise QueryError(str(exc)) from None
        if status >= 400:
            raise QueryError(f"{self.url}: {explain(status, body, self.http.credentials)}")
        if status == 206:  # Virtuoso's "anytime" answer: what it found before its time limit
            raise QueryError(
                f"{self.url}: the server ran out of time and sent a partial answer (HTTP 206); raise its "
                "time limit (Virtuoso: MaxQueryExecutionTime in the [SPARQL] section of virtuoso.ini) or narrow the query")
        if headers is not None and not self._engine_known:
            self._engine, self._engine_known = server_product(headers.get("Server")), True
        cap = headers.get(ROW_CAP_HEADER) if headers is not None else None
        return parse_results(body, self.url), int(cap) if cap and cap.strip().isdigit() else None

    @property
    def engine(self) -> str | None:
        """The server's product as its HTTP ``Server`` header names it, lower case ("virtuoso",
        "oxigraph"), or None; read from its first answer (an ``ASK {}`` when none was asked yet)."""
        if not self._engine_known:
            self._post("ASK {}")
        return self._engine

    @property
    def values_last(self) -> bool:
        """Does the parameters' VALUES block go last in the WHERE clause for this engine?"""
        return self.engine not in VALUES_FIRST

    def query(self, sparql: str):
        """SELECT -> a list-like of pyoxigraph solutions (with ``variables``); ASK -> bool."""
        result, cap = self._post(sparql)
        if not isinstance(result, bool) and cap is not None and len(result) >= cap:
            raise QueryError(
                f"{self.url}: the server stopped at its row limit of {cap} rows ({ROW_CAP_HEADER}), so the "
                "answer is incomplete; narrow the query, page it with LIMIT/OFFSET, or raise the server's "
                "limit (Virtuoso: ResultSetMaxRows in the [SPARQL] section of virtuoso.ini)")
        return result

    def select(self, sparql: str) -> Table:
        result = self.query(sparql)
        if isinstance(result, bool):
            raise QueryError("expected a SELECT query, got an ASK answer")
        return Table.from_solutions(result)

    def quads(self):
        """Every quad in the endpoint's inspectkg graphs, complete (paged past a row cap) or a QueryError."""
        (row,) = self.select(_COUNT_QUADS).rows
        total = int(row[0])
        seen: set[pyoxigraph.Quad] = set()
        page, offset = None, 0
        while len(seen) < total:
            text = _ALL_QUADS if page is None else f"{_ALL_QUADS} LIMIT {page} OFFSET {offset}"
            solutions, cap = self._post(text)
            if not solutions:
                break
            seen.update(pyoxigraph.Quad(r["s"], r["p"], r["o"], r["g"]) for r in solutions)
            offset += len(solutions)
            if page is None:
                page = cap or len(solutions)
        if len(seen) != total:
            raise QueryError(
                f"{self.url}: got {len(seen)} distinct quads of the {total} the server counts (paging by "
                f"{page} rows); its answers are cut or unstable, so the export would be incomplete; raise its "
                "row limit (Virtuoso: ResultSetMaxRows) and export again")
        return iter(seen)


def server_product(header: str | None) -> str | None:
    """The product of an HTTP ``Server`` header, lower case: "Virtuoso/07.20.3229 (Linux) ..." -> "virtuoso"."""
    m = re.match(r"\s*([A-Za-z][A-Za-z0-9_.-]*)", header or "")
    return m.group(1).lower() if m else None


class Solutions(list):
    """pyoxigraph solutions held in a list (so they can be counted), with their ``variables``."""

    def __init__(self, solutions):
        super().__init__(solutions)
        self.variables = solutions.variables


def parse_results(body: bytes, where: str):
    """SPARQL JSON results -> Solutions or bool, after renaming blank nodes pyoxigraph cannot take."""
    try:
        data = json.loads(body)
    except ValueError as exc:
        raise QueryError(f"{where}: the answer is not SPARQL JSON results ({exc})") from None
    if isinstance(data, dict) and isinstance(data.get("head"), dict) and data["head"].get("vars") == ["__ASK_RETVAL"]:
        bindings = data.get("results", {}).get("bindings") or [{}]
        return bindings[0].get("__ASK_RETVAL", {}).get("value") in ("1", "true")  # Virtuoso's ASK
    if b'"bnode"' in body and _rename_bnodes(data):
        body = json.dumps(data).encode("utf-8")
    try:
        result = pyoxigraph.parse_query_results(body, format=QueryResultsFormat.JSON)
    except SyntaxError as exc:
        raise QueryError(f"{where}: the answer is not SPARQL JSON results ({exc})") from None
    if isinstance(result, pyoxigraph.QueryBoolean):
        return bool(result)
    return Solutions(result)


def _rename_bnodes(data) -> bool:
    changed = False
    for binding in (data.get("results") or {}).get("bindings") or []:
        for value in binding.values():
            if isinstance(value, dict) and value.get("type") == "bnode" and not _BNODE.fullmatch(value.get("value", "")):
                value["value"] = "x" + value["value"].encode("utf-8").hex()  # one-to-one, the same on every page
                changed = True
    return changed


def graph_store_url(endpoint: str) -> str:
    """The Graph Store Protocol URL next to a query endpoint: .../query or .../sparql -> .../store."""
    parsed = urllib.parse.urlsplit(endpoint)
    path = parsed.path.rstrip("/")
    head, _, last = path.rpartition("/")
    if last in ("query", "sparql"):
        path = f"{head}/store"
    return urllib.parse.urlunsplit((parsed.scheme, parsed.netloc, path, "", ""))


@dataclass(frozen=True)
class PushReport:
    graphs: int
    triples: int


def put_graph(http: Http, graph: str | None, body: bytes) -> None:
    """HTTP PUT one graph (None: the default graph), its N-Triples as ``body``."""
    query = "default" if graph is None else urllib.parse.urlencode({"graph": graph})
    status, _headers, answer = http.request("PUT", f"{http.url}?{query}", data=body,
                                            headers={"Content-Type": "application/n-triples"},
                                            what="the graph store")
    if status >= 400:
        raise RemoteError(f"{http.url}: PUT {graph or 'default graph'} failed: "
                          f"{explain(status, answer, http.credentials)}")


def graph_body(raw, graph) -> bytes:
    """One graph of the store as N-Triples, serialised by the store itself (no Python object per triple:
    half the client's CPU of a push)."""
    return raw.dump(format=RdfFormat.N_TRIPLES, from_graph=graph) or b""


# long: timeout, token and credentials are Http's own keywords, passed through under the names every caller uses
def push(store, url: str, *, timeout: float = DEFAULT_TIMEOUT, token: str | None = None,
         credentials: Credentials | None = None, jobs: int = 1) -> PushReport:
    """Upload every graph of the store (documents, entities, reference) by Graph Store PUT.

    ``jobs`` PUTs are in flight at once (each thread with its own connection and
    authentication state): a PUT mostly waits for the server, and a Digest
    challenge costs a second round trip per graph.  The first error stops the push.
    """
    import threading
    from concurrent.futures import ThreadPoolExecutor

    first = Http(url, timeout=timeout, token=token, credentials=credentials)  # checks the URL and credentials once
    local = threading.local()

    def http() -> Http:
        if not hasattr(local, "http"):
            local.http = Http(first.url, timeout=timeout, token=token, credentials=first.credentials)
        return local.http

    raw = store.raw
    lock = threading.Lock()

    def send(graph) -> int:
        with lock:  # one reader of the store at a time
            body = graph_body(raw, graph)
        put_graph(http(), None if isinstance(graph, pyoxigraph.DefaultGraph) else graph.value, body)
        return body.count(b"\n")  # N-Triples: one triple a line

    graphs: list = sorted(raw.named_graphs(), key=str)
    if next(iter(raw.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph())), None) is not None:
        graphs.insert(0, pyoxigraph.DefaultGraph())
    pool = ThreadPoolExecutor(max_workers=max(1, jobs))
    try:
        sent = sum(pool.map(send, graphs))
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)  # the graphs not started yet are not sent
        raise
    pool.shutdown()
    return PushReport(len(graphs), sent)
