"""Remote SPARQL stores: query one with SPARQLWrapper, push the store with the Graph Store Protocol.

    Endpoint("http://127.0.0.1:7878/query").select(sparql) -> Table
    push(store, "http://127.0.0.1:7878/store") -> PushReport

Results are asked for as SPARQL JSON and parsed by pyoxigraph, so a remote row
is made of the same terms as an embedded one.  ``push`` sends each named graph
with an HTTP PUT (N-Triples body): PUT replaces the graph, so pushing twice
leaves the same data.
"""

from __future__ import annotations

import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

import pyoxigraph
from pyoxigraph import QueryResultsFormat, RdfFormat, Triple

from ..errors import QueryError, StoreError
from .tables import Table

DEFAULT_TIMEOUT = 30.0


class Endpoint:
    """A SPARQL 1.1 Protocol endpoint (read queries only)."""

    def __init__(self, url: str, *, timeout: float = DEFAULT_TIMEOUT, token: str | None = None):
        if not url.startswith(("http://", "https://")):
            raise QueryError(f"{url}: an endpoint URL starts with http:// or https://")
        self.url = url
        self.timeout = timeout
        self.token = token

    def _wrapper(self, sparql: str):
        from SPARQLWrapper import JSON, POST, SPARQLWrapper

        wrapper = SPARQLWrapper(self.url)
        wrapper.setQuery(sparql)
        wrapper.setMethod(POST)
        wrapper.setReturnFormat(JSON)
        wrapper.setTimeout(int(max(1, round(self.timeout))))
        if self.token:
            wrapper.addCustomHttpHeader("Authorization", f"Bearer {self.token}")
        return wrapper

    def query(self, sparql: str):
        """SELECT -> pyoxigraph QuerySolutions; ASK -> bool."""
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        try:
            response = self._wrapper(sparql).query().response
            body = response.read()
        except SPARQLWrapperException as exc:
            raise QueryError(f"{self.url}: {exc.msg if hasattr(exc, 'msg') else exc}") from None
        except urllib.error.HTTPError as exc:
            raise QueryError(f"{self.url}: HTTP {exc.code} {_body(exc)}") from None
        except (urllib.error.URLError, socket.timeout, TimeoutError, ConnectionError) as exc:
            reason = getattr(exc, "reason", exc)
            raise QueryError(f"{self.url}: cannot reach the endpoint ({reason})") from None
        try:
            result = pyoxigraph.parse_query_results(body, format=QueryResultsFormat.JSON)
        except SyntaxError as exc:
            raise QueryError(f"{self.url}: the answer is not SPARQL JSON results ({exc})") from None
        if isinstance(result, pyoxigraph.QueryBoolean):
            return bool(result)
        return result

    def select(self, sparql: str) -> Table:
        result = self.query(sparql)
        if isinstance(result, bool):
            raise QueryError("expected a SELECT query, got an ASK answer")
        return Table.from_solutions(result)

    def quads(self):
        """Every quad in the endpoint's named graphs (for export)."""
        result = self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        for row in result:
            yield pyoxigraph.Quad(row["s"], row["p"], row["o"], row["g"])


def _body(exc: urllib.error.HTTPError) -> str:
    try:
        return exc.read().decode("utf-8", "replace")[:500]
    except OSError:
        return ""


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


def put_graph(url: str, graph: str | None, triples, *, timeout: float = DEFAULT_TIMEOUT,
              token: str | None = None) -> None:
    """HTTP PUT one graph (None: the default graph) as N-Triples."""
    body = pyoxigraph.serialize(triples, format=RdfFormat.N_TRIPLES) or b""
    query = "default" if graph is None else urllib.parse.urlencode({"graph": graph})
    request = urllib.request.Request(f"{url}?{query}", data=body, method="PUT")
    request.add_header("Content-Type", "application/n-triples")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as exc:
        raise StoreError(f"{url}: PUT {graph or 'default graph'} failed: HTTP {exc.code} {_body(exc)}") from None
    except (urllib.error.URLError, socket.timeout, TimeoutError, ConnectionError) as exc:
        raise StoreError(f"{url}: cannot reach the graph store ({getattr(exc, 'reason', exc)})") from None


def push(store, url: str, *, timeout: float = DEFAULT_TIMEOUT, token: str | None = None,
         on_graph=None) -> PushReport:
    """Upload every graph of the store (documents, entities, reference) by Graph Store PUT."""
    raw = store.raw
    graphs = sorted(raw.named_graphs(), key=str)
    triples_sent = 0
    default = [Triple(q.subject, q.predicate, q.object)
               for q in raw.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph())]
    if default:
        put_graph(url, None, default, timeout=timeout, token=token)
        triples_sent += len(default)
    for graph in graphs:
        triples = [Triple(q.subject, q.predicate, q.object) for q in raw.quads_for_pattern(None, None, None, graph)]
        put_graph(url, graph.value, triples, timeout=timeout, token=token)
        triples_sent += len(triples)
        if on_graph is not None:
            on_graph(graph.value, len(triples))
    return PushReport(len(graphs) + (1 if default else 0), triples_sent)
