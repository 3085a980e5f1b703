"""``inspectkg serve``: the SPARQL endpoint, the REST API, the limits, the write guard."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph
import pytest

from fixtures_graph import fixture_store_dir, free_port, stop, wait_for  # noqa: F401
from inspectkg.errors import StoreLocked
from inspectkg.sparql import queries
from inspectkg.remote.endpoint import push
from inspectkg.store.embedded import Store
from inspectkg.server import Settings, create_app, get, make_server

pytestmark = pytest.mark.server
ALL = queries.load_all()
INSPECTKG = Path(sys.executable).parent / "inspectkg"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def q(text: str) -> str:
    return urllib.parse.quote(text)


@pytest.fixture(scope="module")
def served(fixture_store_dir, tmp_path_factory):  # noqa: F811
    path = tmp_path_factory.mktemp("served") / "store"
    shutil.copytree(fixture_store_dir, path)
    store = Store(path)
    app = create_app(store, Settings(timeout=2, max_rows=1000, workers=2))
    yield app
    app.close()
    store.close()


def body_json(response):
    assert response.content_type.startswith("application/json") or "json" in response.content_type, response.body
    return json.loads(response.body)


# --- SPARQL protocol ---------------------------------------------------------------------------

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.mark.parametrize("fmt, media, marker", [
    ("json", "application/sparql-results+json", b'"bindings"'),
    ("xml", "application/sparql-results+xml", b"<sparql"),
    ("csv", "text/csv", b"n\r\n"),
    ("tsv", "text/tab-separated-values", b"?n\n"),
])
def test_select_formats_by_parameter_and_accept(served, fmt, media, marker, fixture_store_dir):
    with Store(fixture_store_dir, read_only=True) as store:  # the count, asked of the store directly
        expected = str(sum(1 for q in store.quads() if isinstance(q.graph_name, pyoxigraph.NamedNode))).encode()
    by_param = get(served, f"/sparql?query={q(COUNT)}&format={fmt}")
    by_accept = get(served, f"/sparql?query={q(COUNT)}", {"Accept": f"{media}, */*;q=0.1"})
    for response in (by_param, by_accept):
        assert response.status == 200 and response.content_type.startswith(media)
        assert marker in response.body and expected in response.body


@pytest.mark.parametrize("fmt, media, marker", [
    ("turtle", "text/turtle", b"@prefix"),
    ("ntriples", "application/n-triples", b"> <"),
    ("jsonld", "application/ld+json", b"@id"),
])
def test_construct_formats(served, fmt, media, marker):
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <https://w3id.org/inspectkg/id/graph/entities> { ?s ?p ?o } }"
    response = get(served, f"/sparql?query={q(construct)}", {"Accept": media})
    assert response.status == 200 and response.content_type.startswith(media) and marker in response.body


def test_post_form_and_sparql_query_body(served):
    from inspectkg.server import Request

    form = served.handle(Request("POST", "/sparql", {"content-type": "application/x-www-form-urlencoded"},
                                 urllib.parse.urlencode({"query": COUNT}).encode()))
    raw = served.handle(Request("POST", "/sparql", {"content-type": "application/sparql-query"}, COUNT.encode()))
    assert form.status == raw.status == 200 and form.body == raw.body


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * FROM <http://127.0.0.1:9/data.ttl> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }",
])
def test_remote_access_is_refused(served, query):
    response = get(served, f"/sparql?query={q(query)}")
    assert response.status == 400 and "refused" in body_json(response)["error"]


def test_service_inside_a_string_is_fine(served):
    query = 'SELECT ?x WHERE { BIND("SERVICE <http://x/> FROM <http://y/>" AS ?x) }'
    assert get(served, f"/sparql?query={q(query)}").status == 200


def test_syntax_error_is_400(served):
    response = get(served, f"/sparql?query={q('SELECT ?s WHERE { ?s ?p }')}")
    assert response.status == 400 and "syntax" in body_json(response)["error"]


def test_writes_are_refused_on_a_read_only_server(served):
    from inspectkg.server import Request

    before = get(served, f"/sparql?query={q(COUNT)}&format=csv").body
    update = served.handle(Request("POST", "/sparql", {"content-type": "application/sparql-update"},
                                   b"DROP ALL"))
    put = served.handle(Request("PUT", "/store?graph=http://e/g", {"content-type": "application/n-triples"},
                                b"<http://e/a> <http://e/b> <http://e/c> .\n"))
    delete = served.handle(Request("DELETE", "/store?graph=https://w3id.org/inspectkg/id/graph/entities"))
    assert update.status == put.status == delete.status == 403
    assert get(served, f"/sparql?query={q(COUNT)}&format=csv").body == before


def test_slow_query_is_stopped_and_the_server_keeps_answering(served):
    started = time.monotonic()
    response = get(served, f"/sparql?query={q(SLOW)}")
    assert response.status == 422 and "time limit" in body_json(response)["error"]
    assert time.monotonic() - started < 10
    assert get(served, f"/sparql?query={q(COUNT)}").status == 200
    assert get(served, "/api/queries/documents").status == 200


def test_row_limit(served):
    response = get(served, f"/sparql?query={q('SELECT * WHERE { ?s ?p ?o }')}")
    assert response.status == 422 and "row limit" in body_json(response)["error"]
    assert get(served, f"/sparql?query={q('SELECT * WHERE { ?s ?p ?o } LIMIT 1000')}").status == 200


# --- REST API ----------------------------------------------------------------------------------

def test_list_saved_queries(served):
    listed = body_json(get(served, "/api/queries"))
    assert {q["name"] for q in listed} == set(ALL)
    ratings = next(q for q in listed if q["name"] == "ratings-over-time")
    assert ratings["params"]["force"]["required"] is True


def test_run_a_saved_query_as_json_and_csv(served, fixture_store_dir):  # noqa: F811
    expected = queries.run(ALL["ratings-over-time"], {"force": "kent"}, served)
    data = body_json(get(served, "/api/queries/ratings-over-time?force=Kent%20Police"))
    assert data["columns"] == list(expected.columns) and data["rows"] == expected.as_dicts()
    as_csv = get(served, "/api/queries/ratings-over-time.csv?force=kent")
    by_accept = get(served, "/api/queries/ratings-over-time?force=kent", {"Accept": "text/csv"})
    assert as_csv.body == by_accept.body == expected.to_csv().encode()
    assert as_csv.content_type.startswith("text/csv")


def test_api_errors(served):
    assert get(served, "/api/queries/no-such-query").status == 404
    missing = get(served, "/api/queries/ratings-over-time")
    assert missing.status == 400 and "force" in body_json(missing)["error"]
    unknown = get(served, "/api/queries/ratings-over-time?force=Kant")
    assert unknown.status == 400 and "did you mean" in body_json(unknown)["error"]
    assert get(served, "/nowhere").status == 404


def test_openapi_describes_every_query(served):
    spec = body_json(get(served, "/api/openapi.json"))
    assert spec["openapi"].startswith("3.")
    for name, saved in ALL.items():
        operation = spec["paths"][f"/api/queries/{name}"]["get"]
        assert {p["name"] for p in operation["parameters"]} == set(saved.params) | {"format"}
    assert "/sparql" in spec["paths"]


def test_serve_queries_folder_feeds_the_gallery_and_its_pages(served, tmp_path):
    """``serve --queries DIR`` served DIR as /api/queries, while the pages still showed the shipped queries."""
    text = ALL["documents"].text
    (tmp_path / "my-documents.rq").write_text(text.replace("#+ summary: Documents in the store",
                                                           "#+ summary: My own documents query"), encoding="utf-8")
    served.queries_folder = tmp_path
    try:
        gallery = get(served, "/queries")
        assert gallery.status == 200 and b"My own documents query" in gallery.body
        assert b"/queries/ratings-over-time" not in gallery.body
        page = get(served, "/queries/my-documents")
        assert page.status == 200 and b"My own documents query" in page.body
        assert get(served, "/api/queries/my-documents").status == 200
    finally:
        served.queries_folder = None


# --- a real socket, a client that is not ours --------------------------------------------------

@pytest.fixture(scope="module")
def http_url(served):
    server = make_server(served, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("name", ["ratings-over-time", "who-responded", "grade-changes", "about-entity"])
def test_sparqlwrapper_gets_the_same_rows(served, http_url, name, fixture_store_dir):  # noqa: F811
    from SPARQLWrapper import JSON, SPARQLWrapper

    saved = ALL[name]
    params = {k: p.example for k, p in saved.params.items() if p.required}
    embedded = queries.run(saved, params, Store(fixture_store_dir, read_only=True))
    client = SPARQLWrapper(f"{http_url}/sparql")
    client.setQuery(queries.prepare(saved, params, served))
    client.setReturnFormat(JSON)
    client.setTimeout(20)
    result = client.query().convert()
    assert tuple(result["head"]["vars"]) == embedded.columns
    rows = tuple(tuple(b.get(c, {}).get("value") for c in embedded.columns) for b in result["results"]["bindings"])
    assert rows == embedded.rows and rows


def test_head_and_wrong_method(http_url):
    request = urllib.request.Request(f"{http_url}/api/queries", method="DELETE")
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(request, timeout=10)
    assert info.value.code == 405


# --- updates with a token --------------------------------------------------------------------

def test_updates_need_the_token_and_are_seen_by_later_queries(fixture_store_dir, tmp_path):  # noqa: F811
    from inspectkg.server import Request

    path = tmp_path / "store"
    shutil.copytree(fixture_store_dir, path)
    store = Store(path)
    app = create_app(store, Settings(timeout=10, workers=1, allow_update=True, token="s3cret"))
    server = make_server(app, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        insert = b'INSERT DATA { GRAPH <https://w3id.org/inspectkg/id/graph/extra> { <http://e/a> <http://e/b> "c" } }'
        ctype = {"content-type": "application/sparql-update"}
        assert app.handle(Request("POST", "/sparql", ctype, insert)).status == 401
        wrong = app.handle(Request("POST", "/sparql", {**ctype, "authorization": "Bearer nope"}, insert))
        assert wrong.status == 403
        ok = app.handle(Request("POST", "/sparql", {**ctype, "authorization": "Bearer s3cret"}, insert))
        assert ok.status == 200
        ask = get(app, f"/sparql?query={q('ASK { GRAPH ?g { <http://e/a> ?p ?o } }')}")
        assert json.loads(ask.body)["boolean"] is True
        # the Graph Store Protocol: inspectkg push to our own server replaces, never duplicates
        port = server.server_address[1]
        source = Store(fixture_store_dir, read_only=True)
        for _ in range(2):
            push(source, f"http://127.0.0.1:{port}/store", token="s3cret")
        counted = get(app, f"/sparql?query={q(COUNT)}&format=csv").body.split()
        assert int(counted[1]) == len(source) + 1
        with pytest.raises(Exception, match="401"):
            push(source, f"http://127.0.0.1:{port}/store")
    finally:
        server.shutdown()
        server.server_close()
        app.close()
        store.close()


# --- the command ---------------------------------------------------------------------------------

def cli(*args, **kwargs):
    return subprocess.run([str(INSPECTKG), *args], capture_output=True, timeout=120, **kwargs)


@pytest.fixture
def copied(fixture_store_dir, tmp_path):  # noqa: F811
    path = tmp_path / "store"
    shutil.copytree(fixture_store_dir, path)
    return path


def test_serve_get_prints_one_response(copied):
    done = cli("serve", "--store", str(copied), "--get", "/api/queries/inspections-of-force?force=kent")
    assert done.returncode == 0, done.stderr
    assert [r["period"] for r in json.loads(done.stdout)["rows"]] == ["2018/19", "2021/22"]
    missing = cli("serve", "--store", str(copied), "--get", "/api/queries/nope")
    assert missing.returncode == 1
    assert not list(copied.parent.glob(".store-serve-*")), "the snapshot folder was left behind"


def test_serve_refuses_updates_without_token(copied):
    done = cli("serve", "--store", str(copied), "--allow-update", "--get", "/api/queries")
    assert done.returncode == 2 and b"--token" in done.stderr


def test_build_stops_at_once_while_serve_holds_the_store(copied, tmp_path):
    port = free_port()
    env = {**os.environ, "INSPECTKG_STORE": str(copied)}
    process = subprocess.Popen([str(INSPECTKG), "serve", "--port", str(port), "--quiet"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for(f"http://127.0.0.1:{port}/api/queries", process=process)
        started = time.monotonic()
        with pytest.raises(StoreLocked, match="inspectkg serve"):
            Store(copied)
        (tmp_path / "doc.txt").write_text("Kent Police was rated good.", encoding="utf-8")
        built = cli("build", str(tmp_path / "doc.txt"), "--store", str(copied))
        assert built.returncode == 2 and b"inspectkg serve" in built.stderr
        assert time.monotonic() - started < 60
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/queries/documents", timeout=20) as response:
            assert len(json.loads(response.read())["rows"]) == 4
    finally:
        stop(process)
    assert process.returncode is not None
    assert not list(copied.parent.glob(".store-serve-*")), "SIGTERM left the snapshot folder behind"
    Store(copied).close()  # the lock is released when serve stops
