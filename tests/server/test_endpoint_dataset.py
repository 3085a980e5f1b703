"""FROM / FROM NAMED and the protocol's dataset parameters are honoured (issue 12 item 4, issue 13 item 2).

The union of all graphs is the default graph only when the query names no dataset;
``default-graph-uri`` / ``named-graph-uri`` win over the query's own clauses.  The
expected counts are asked of the store directly, graph by graph.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest

from inspectkg import iris
from inspectkg.store.embedded import ENTITIES, Store
from inspectkg.server import Settings, create_app, get

INSPECTKG = Path(sys.executable).parent / "inspectkg"
E = ENTITIES.value
COUNT_DEFAULT = "SELECT (COUNT(*) AS ?n) {from} WHERE {{ ?s ?p ?o }}"
COUNT_NAMED = "SELECT (COUNT(*) AS ?n) {from} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"


@pytest.fixture(scope="module")
def truth(fixture_store_dir):
    """Triples per graph, asked of the store itself: (entities, one document graph and its count, all)."""
    with Store(fixture_store_dir, read_only=True) as store:
        per_graph: dict[str, int] = {}
        for quad in store.quads():
            name = getattr(quad.graph_name, "value", "")
            per_graph[name] = per_graph.get(name, 0) + 1
        union = len({(q.subject, q.predicate, q.object) for q in store.quads()})
    doc = next(g for g in sorted(per_graph) if g.startswith(iris.BASE + "graph/") and g != E
               and not g.endswith("/reference"))
    return {"entities": per_graph[E], "doc": doc, "doc_count": per_graph[doc], "all_named": sum(per_graph.values()),
            "union": union}


@pytest.fixture(scope="module")
def app(fixture_store_dir, tmp_path_factory):
    path = tmp_path_factory.mktemp("dataset") / "store"
    shutil.copytree(fixture_store_dir, path)
    store = Store(path)
    served = create_app(store, Settings(timeout=10, max_rows=100000, workers=1))
    yield served
    served.close()
    store.close()


def count(app, query: str, extra: str = "") -> int:
    response = get(app, "/sparql?query=" + urllib.parse.quote(query) + extra)
    assert response.status == 200, response.body[:300]
    return int(json.loads(response.body)["results"]["bindings"][0]["n"]["value"])


def test_from_names_the_default_graph(app, truth):
    assert count(app, COUNT_DEFAULT.format(**{"from": f"FROM <{E}>"})) == truth["entities"]
    union = count(app, COUNT_DEFAULT.format(**{"from": ""}))  # no dataset: the union of every graph
    assert truth["union"] <= union <= truth["all_named"] and union > truth["entities"]


def test_two_froms_merge(app, truth):
    query = COUNT_DEFAULT.format(**{"from": f"FROM <{E}> FROM <{truth['doc']}>"})
    assert truth["entities"] <= count(app, query) <= truth["entities"] + truth["doc_count"]


def test_from_named_limits_graph_patterns(app, truth):
    assert count(app, COUNT_NAMED.format(**{"from": f"FROM NAMED <{truth['doc']}>"})) == truth["doc_count"]
    assert count(app, COUNT_NAMED.format(**{"from": ""})) == truth["all_named"]


def test_protocol_parameters_win_over_the_query(app, truth):
    plain = COUNT_DEFAULT.format(**{"from": ""})
    assert count(app, plain, "&default-graph-uri=" + urllib.parse.quote(E)) == truth["entities"]
    named = COUNT_NAMED.format(**{"from": f"FROM NAMED <{E}>"})
    assert count(app, named, "&named-graph-uri=" + urllib.parse.quote(truth["doc"])) == truth["doc_count"]


def test_protocol_parameters_by_post_form(app, truth):
    from inspectkg.server import Request

    body = urllib.parse.urlencode({"query": COUNT_DEFAULT.format(**{"from": ""}), "default-graph-uri": E})
    response = app.handle(Request("POST", "/sparql", {"content-type": "application/x-www-form-urlencoded"},
                                  body.encode()))
    assert response.status == 200, response.body[:300]
    assert int(json.loads(response.body)["results"]["bindings"][0]["n"]["value"]) == truth["entities"]


def test_protocol_graph_outside_the_store_is_refused(app):
    response = get(app, "/sparql?query=" + urllib.parse.quote("ASK { ?s ?p ?o }")
                   + "&default-graph-uri=" + urllib.parse.quote("http://127.0.0.1:9/data.ttl"))
    assert response.status == 400 and b"refused" in response.body


def test_store_query_honours_from(fixture_store_dir, truth):
    with Store(fixture_store_dir, read_only=True) as store:
        rows = list(store.query(COUNT_DEFAULT.format(**{"from": f"FROM <{E}>"})))
        assert int(rows[0]["n"].value) == truth["entities"]
        rows = list(store.query(COUNT_DEFAULT.format(**{"from": ""})))
        assert truth["union"] <= int(rows[0]["n"].value) <= truth["all_named"]


def test_sparql_command_honours_from(fixture_store_dir, truth):
    query = COUNT_DEFAULT.format(**{"from": f"FROM <{E}>"})
    done = subprocess.run([str(INSPECTKG), "sparql", query, "--format", "csv"], capture_output=True, text=True,
                          env={**os.environ, "INSPECTKG_STORE": str(fixture_store_dir)}, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["n", str(truth["entities"])]
