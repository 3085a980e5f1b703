"""The REST API over the saved queries: pages with Link headers (grlc's pagination), typed SPARQL JSON, bad values."""

from __future__ import annotations

import json
import shutil

import pytest

from inspectkg.sparql import queries
from inspectkg.store.embedded import Store
from inspectkg.server import Settings, create_app, get

ALL = queries.load_all()


@pytest.fixture(scope="module")
def served(fixture_store_dir, tmp_path_factory):
    path = tmp_path_factory.mktemp("served") / "store"
    shutil.copytree(fixture_store_dir, path)
    store = Store(path)
    app = create_app(store, Settings(timeout=5, max_rows=1000, workers=1))
    yield app
    app.close()
    store.close()


def body_json(response):
    return json.loads(response.body)


def test_rest_api_pages_with_link_headers(served):
    whole = body_json(get(served, "/api/queries/documents"))["rows"]
    assert len(whole) == 4
    first = get(served, "/api/queries/documents?per_page=3")
    assert body_json(first)["rows"] == whole[:3]
    assert first.headers["Link"] == ('</api/queries/documents?per_page=3&page=2>; rel="next", '
                                     '</api/queries/documents?per_page=3&page=1>; rel="first"')
    second = get(served, "/api/queries/documents?per_page=3&page=2")
    assert body_json(second)["rows"] == whole[3:]
    assert 'rel="next"' not in second.headers["Link"] and 'page=1>; rel="prev"' in second.headers["Link"]
    assert get(served, "/api/queries/documents?per_page=0").status == 400


def test_a_query_with_grlc_pagination_is_paged(served, tmp_path):
    (tmp_path / "graphs.rq").write_text(
        "#+ summary: Graphs\n#+ pagination: 2\nSELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g\n",
        encoding="utf-8")
    served.queries_folder = tmp_path
    try:
        first = get(served, "/api/queries/graphs")
        assert len(body_json(first)["rows"]) == 2 and 'page=2>; rel="next"' in first.headers["Link"]
        assert [q["name"] for q in body_json(get(served, "/api/queries"))] == ["graphs"]
    finally:
        del served.queries_folder


def test_rest_api_answers_sparql_results_json(served):
    response = get(served, "/api/queries/inspections-of-force?force=kent",
                   {"Accept": "application/sparql-results+json"})
    assert response.status == 200 and response.content_type.startswith("application/sparql-results+json")
    data = json.loads(response.body)
    assert data["head"]["vars"] == list(ALL["inspections-of-force"].returns)
    row = data["results"]["bindings"][0]
    assert row["inspection"]["type"] == "uri"
    assert row["documents"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"
    plain = body_json(get(served, "/api/queries/inspections-of-force?force=kent"))["rows"]
    assert len(plain) == len(data["results"]["bindings"])


def test_a_5000_digit_integer_parameter_is_a_400(served):
    response = get(served, "/api/queries/statistics-by-measure?min_value=" + "9" * 5000)
    assert response.status == 400 and "too long" in body_json(response)["error"]
