"""The Python API for notebooks: inspectkg.open, saved queries and SPARQL as rows or typed DataFrames."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from pyoxigraph import BlankNode, Literal, NamedNode

import inspectkg
from support.processes import free_port, stop, wait_for
from support.sample_graph import KENT_2122
from inspectkg.errors import UsageError
from inspectkg.sparql import values
from inspectkg.remote.endpoint import push
from inspectkg.store.embedded import Store

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
XSD = "http://www.w3.org/2001/XMLSchema#"


def typed(value: str, datatype: str) -> Literal:
    return Literal(value, datatype=NamedNode(XSD + datatype))


def test_all_is_complete_and_sorted():
    import types

    public = {name for name in dir(inspectkg)
              if not name.startswith("_") and not isinstance(getattr(inspectkg, name), types.ModuleType)}
    assert inspectkg.__all__ == sorted(inspectkg.__all__)
    assert public <= set(inspectkg.__all__)
    for name in inspectkg.__all__:
        assert getattr(inspectkg, name) is not None


def test_saved_query_rows_are_python_values(fixture_store_dir):
    with inspectkg.open(fixture_store_dir) as kg:
        result = kg.query("inspections-of-force", force="Kent")
    assert result.columns[:2] == ("inspection", "programme")
    first = result.as_dicts()[0]
    assert isinstance(first["inspection"], str) and first["inspection"].startswith("https://")
    assert isinstance(first["rated_areas"], int) and isinstance(first["documents"], int)
    assert KENT_2122 in {inspectkg_key(row["inspection"]) for row in result}
    assert len(result) == len(result.rows) == len(result.table().rows)


def inspectkg_key(iri: str) -> str:
    from inspectkg import iris

    return iris.key_of(iri)


def test_frame_has_typed_columns(fixture_store_dir):
    kg = inspectkg.open(fixture_store_dir)
    frame = kg.frame("inspections-of-force", force="kent")
    assert str(frame["rated_areas"].dtype) == "Int64" and str(frame["documents"].dtype) == "Int64"
    assert pd.api.types.is_datetime64_any_dtype(frame["published"])
    assert str(frame["inspection"].dtype) == "string"
    assert frame["published"].notna().any()
    documents = kg.frame("documents", since=dt.date(2022, 1, 1))
    assert (documents["published"] >= pd.Timestamp("2022-01-01")).all()
    assert len(documents) < len(kg.frame("documents"))


def test_sparql_select_and_ask(fixture_store_dir):
    kg = inspectkg.open(fixture_store_dir)
    (row,) = kg.sparql("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows
    assert row[0] == len(Store(fixture_store_dir, read_only=True))
    assert kg.sparql("ASK { GRAPH ?g { ?s ?p ?o } }") is True
    with pytest.raises(UsageError, match="SELECT and ASK"):
        kg.sparql("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1")
    with pytest.raises(UsageError, match="no saved query"):
        kg.query("ratings-over-tme", force="kent")


def test_opens_read_only_while_serve_holds_the_store(fixture_store_dir, tmp_path):
    import shutil

    store = tmp_path / "store"
    shutil.copytree(fixture_store_dir, store)
    port = free_port()
    process = subprocess.Popen([str(BIN / "inspectkg"), "serve", "--store", str(store), "--port", str(port),
                                "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for(f"http://127.0.0.1:{port}/api/queries", process=process)
        kg = inspectkg.open(store)
        assert len(kg.query("ratings-over-time", force="kent")) > 0
    finally:
        stop(process)


def test_endpoint_frames_equal_embedded_frames(fixture_store_dir, oxigraph_server):
    push(Store(fixture_store_dir, read_only=True), f"{oxigraph_server}/store")
    local = inspectkg.open(fixture_store_dir).frame("inspections-of-force", force="kent")
    remote = inspectkg.open(endpoint=f"{oxigraph_server}/query").frame("inspections-of-force", force="kent")
    pd.testing.assert_frame_equal(local, remote)


def test_own_folder_of_queries(fixture_store_dir, tmp_path):
    (tmp_path / "count-graphs.rq").write_text(
        "#+ summary: Graphs\n#+ returns: [n]\nSELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }\n",
        encoding="utf-8")
    kg = inspectkg.open(fixture_store_dir, queries=tmp_path)
    assert list(kg.saved_queries) == ["count-graphs"]
    assert kg.query("count-graphs").rows[0][0] > 1


@pytest.mark.parametrize("term, value", [
    (typed("42", "integer"), 42), (typed("7", "nonNegativeInteger"), 7), (typed("1.50", "decimal"), Decimal("1.50")),
    (typed("2.5E0", "double"), 2.5), (typed("true", "boolean"), True), (typed("2022-04-14", "date"), dt.date(2022, 4, 14)),
    (typed("2022-04-14T10:00:00Z", "dateTime"), dt.datetime(2022, 4, 14, 10, tzinfo=dt.timezone.utc)),
    (typed("2022-04", "gYearMonth"), "2022-04"), (typed("x", "integer"), "x"), (Literal("plain"), "plain"),
    (NamedNode("https://w3id.org/inspectkg/id/force/kent"), "https://w3id.org/inspectkg/id/force/kent"),
    (BlankNode("b1"), "_:b1"), (None, None),
])
def test_python_values(term, value):
    assert values.python_value(term) == value


def test_column_types():
    column = values.column
    assert str(column([typed("1", "integer"), None]).dtype) == "Int64"
    assert str(column([typed("1", "integer"), typed("0.5", "decimal")]).dtype) == "Float64"
    assert str(column([typed("true", "boolean"), None]).dtype) == "boolean"
    dates = column([Literal("2022-04-14"), Literal("2021"), Literal("2021-09"), None])
    assert str(dates.dtype).startswith("datetime64") and dates[1] == pd.Timestamp("2021-01-01")
    assert dates[2] == pd.Timestamp("2021-09-01") and pd.isna(dates[3])
    assert str(column([typed("2021", "gYear")]).dtype).startswith("datetime64")
    assert str(column([Literal("2021/22"), Literal("2022-04")]).dtype) == "string"  # a period is no date
    assert str(column([Literal("2021"), Literal("2022")]).dtype) == "string"  # years alone: no date
    huge = typed("9" * 5000, "integer")
    assert str(column([huge]).dtype) == "string"  # too big for Int64: kept as text
    assert str(column([NamedNode("http://x/a"), Literal("b")]).dtype) == "string"


def test_the_example_notebook_runs(tmp_path):
    store = tmp_path / "store"
    built = subprocess.run([str(BIN / "inspectkg"), "build", str(ROOT / "examples" / "corpus"), "--store", str(store)],
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    ran = subprocess.run([sys.executable, str(ROOT / "examples" / "notebook.py"), str(store)],
                         capture_output=True, text=True, timeout=300, env={**os.environ, "PYTHONWARNINGS": "error"})
    assert ran.returncode == 0, ran.stderr
    assert "15 saved queries" in ran.stdout or "saved queries:" in ran.stdout
    assert "documents     Int64" in ran.stdout.replace("\t", " ") or "Int64" in ran.stdout
    assert "quads:" in ran.stdout and "has findings: True" in ran.stdout
