"""SPARQL 1.1 Protocol as the tools researchers use see it (issue 13 item 2), against a live server.

SPARQLWrapper with every return format for SELECT, ASK, CONSTRUCT and DESCRIBE;
rdflib's ``SPARQLStore``; CORS preflight and headers as a page elsewhere (YASGUI)
needs them; and status codes that say "your query" (422) rather than a gateway
or availability fault (503 stays for "busy, try again", with Retry-After).
"""

from __future__ import annotations

import http.client
import json
import shutil
import urllib.parse

import pytest
import rdflib
import rdflib.compare
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, N3, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

from inspectkg.store.embedded import ENTITIES, Store
from inspectkg.server import Settings, create_app, running

SELECT = f"SELECT ?s ?p ?o WHERE {{ GRAPH <{ENTITIES.value}> {{ ?s ?p ?o }} }} ORDER BY ?s ?p ?o LIMIT 7"
ASK = f"ASK {{ GRAPH <{ENTITIES.value}> {{ ?s ?p ?o }} }}"
CONSTRUCT = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{ENTITIES.value}> {{ ?s ?p ?o }} }} ORDER BY ?s LIMIT 9"
DESCRIBE = "DESCRIBE ?s WHERE { GRAPH ?g { ?s a <https://w3id.org/inspectkg/ontology#PoliceForce> } } LIMIT 1"


@pytest.fixture(scope="module")
def endpoint(fixture_store_dir, tmp_path_factory):
    path = tmp_path_factory.mktemp("clients") / "store"
    shutil.copytree(fixture_store_dir, path)
    store = Store(path)
    app = create_app(store, Settings(timeout=3, max_rows=1000, workers=2))
    with running(app) as base:
        yield base + "/sparql", store
    store.close()


def wrapper(url: str, query: str, fmt) -> SPARQLWrapper:
    client = SPARQLWrapper(url)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    return client


@pytest.mark.parametrize("fmt", [XML, JSON, CSV, TSV])
def test_sparqlwrapper_select_in_every_format(endpoint, fmt):
    url, store = endpoint
    expected = [(r["s"].value, r["p"].value) for r in store.query(SELECT)]
    result = wrapper(url, SELECT, fmt).query()
    converted = result.convert()
    if fmt == JSON:
        rows = [(b["s"]["value"], b["p"]["value"]) for b in converted["results"]["bindings"]]
    elif fmt == XML:
        rows = [tuple(node.firstChild.firstChild.data for node in r.getElementsByTagName("binding")[:2])
                for r in converted.getElementsByTagName("result")]
    else:
        sep = "," if fmt == CSV else "\t"
        lines = converted.decode().splitlines()[1:]
        rows = [tuple(cell.strip("<>\"") for cell in line.split(sep)[:2]) for line in lines]
    assert rows == expected


@pytest.mark.parametrize("fmt", [XML, JSON, CSV, TSV])
def test_sparqlwrapper_ask_in_every_format(endpoint, fmt):
    url, _ = endpoint
    result = wrapper(url, ASK, fmt).query()
    converted = result.convert()
    if fmt == JSON:
        assert converted["boolean"] is True
    elif fmt == XML:
        assert converted.getElementsByTagName("boolean")[0].firstChild.data == "true"
    else:
        assert b"true" in converted


@pytest.mark.parametrize("query", [CONSTRUCT, DESCRIBE])
@pytest.mark.parametrize("fmt", [XML, RDFXML, TURTLE, N3, JSONLD])
def test_sparqlwrapper_graphs_in_every_format(endpoint, query, fmt):
    url, store = endpoint
    expected = rdflib.Graph()
    for t in store.query(query):
        expected.parse(data=f"{t.subject} {t.predicate} {t.object} .", format="nt")
    assert len(expected) > 0
    result = wrapper(url, query, fmt).query()
    graph = result.convert()
    if not isinstance(graph, rdflib.Graph):  # Turtle, N3 and JSON-LD come back as bytes
        graph = rdflib.Graph().parse(data=graph, format={TURTLE: "turtle", N3: "turtle", JSONLD: "json-ld"}[fmt])
    assert rdflib.compare.isomorphic(graph, expected)


def test_rdflib_sparqlstore(endpoint):
    url, store = endpoint
    graph = rdflib.Graph(store=SPARQLStore(url, returnFormat="xml"))
    rows = [(str(r[0]), str(r[1])) for r in graph.query(SELECT)]
    assert rows == [(r["s"].value, r["p"].value) for r in store.query(SELECT)]
    assert graph.query(ASK).askAnswer is True
    constructed = graph.query(CONSTRUCT).graph
    assert len(constructed) == 9


def call(url: str, method: str, target: str, headers=None, body=None):
    conn = http.client.HTTPConnection(*urllib.parse.urlsplit(url).netloc.split(":"), timeout=30)
    try:
        conn.request(method, target, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def test_cors_preflight_and_headers(endpoint):
    url, _ = endpoint
    status, headers, body = call(url, "OPTIONS", "/sparql", {
        "Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert status == 204 and body == b""
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert {"GET", "POST"} <= {m.strip() for m in headers["Access-Control-Allow-Methods"].split(",")}
    assert "content-type" in headers["Access-Control-Allow-Headers"].lower()
    for method, target, extra, payload in [
        ("GET", "/sparql?query=" + urllib.parse.quote(ASK), {}, None),
        ("POST", "/sparql", {"Content-Type": "application/sparql-query"}, ASK.encode()),
    ]:
        status, headers, _ = call(url, method, target, {"Origin": "https://yasgui.example", **extra}, payload)
        assert status == 200 and headers["Access-Control-Allow-Origin"] == "*"


def test_limits_answer_422_not_503_or_504(endpoint):
    url, _ = endpoint
    everything = "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"
    status, headers, body = call(url, "GET", "/sparql?query=" + urllib.parse.quote(everything))
    assert status == 422 and "row limit" in json.loads(body)["error"]
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    status, headers, body = call(url, "GET", "/sparql?query=" + urllib.parse.quote(slow))
    assert status == 422 and "time limit" in json.loads(body)["error"]
