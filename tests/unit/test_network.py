"""The networkx view of the store: exact nodes and edges, focus, and the exports."""

from __future__ import annotations

import csv

import networkx as nx
import pytest
from support.network_graph import B, PEEL18, PEEL22, rich_store

from inspectkg.errors import UsageError
from inspectkg.network.view import to_networkx
from inspectkg.network.export import node_table, write
from inspectkg.store.embedded import Store


@pytest.fixture(scope="module")
def graph():
    return to_networkx(rich_store())


def edges(g, kind):
    found = [(u.removeprefix(B), v.removeprefix(B), d) for u, v, d in g.edges(data=True) if d["type"] == kind]
    return sorted(found, key=lambda e: (e[0], e[1], sorted(map(str, e[2].items()))))


def test_nodes_are_exactly_the_agents_inspections_and_findings(graph):
    kinds = {n.removeprefix(B): d["type"] for n, d in graph.nodes(data=True)}
    assert {k: t for k, t in kinds.items() if not k.startswith("finding/")} == {
        "force/kent": "PoliceForce", "org/hmicfrs": "Inspectorate", "person/alan-pughsley": "Person",
        "person/matthew-scott": "Person", "person/roy-wilsher": "Person",
        "inspection/kent/peel/2018-19": "Inspection", "inspection/kent/peel/2021-22": "Inspection",
    }
    findings = {d["kind"] for n, d in graph.nodes(data=True) if d["type"] == "Finding"}
    assert findings == {"cause_of_concern", "area_for_improvement", "strength"}
    assert graph.nodes[B + PEEL22]["short_label"] == "PEEL 2021/22"
    assert graph.nodes[B + "force/kent"]["label"] == "Kent Police"
    groups = {n.removeprefix(B): d["role_group"] for n, d in graph.nodes(data=True) if d["type"] == "Person"}
    assert groups == {"person/alan-pughsley": "chief_officer", "person/matthew-scott": "pcc",
                      "person/roy-wilsher": "inspector"}


def test_edges_carry_typed_attributes(graph):
    counts = {}
    for *_, d in graph.edges(data=True):
        counts[d["type"]] = counts.get(d["type"], 0) + 1
    assert counts == {"holds_role": 3, "inspected": 2, "conducted_by": 2, "rated": 4, "finding_of": 3,
                      "said": 5, "responds_to": 3}
    pughsley = [d for u, v, d in edges(graph, "holds_role") if u == "person/alan-pughsley"]
    assert len(pughsley) == 1
    assert pughsley[0]["role"] == "chief_constable" and pughsley[0]["title"] == "Chief Constable"
    assert (pughsley[0]["first_attested"], pughsley[0]["last_attested"]) == ("2019-05", "2022-04-14")
    assert pughsley[0]["sources"] == "news/2018.txt; news/2022.txt"
    rated = {(u, d["area"]): d for u, v, d in edges(graph, "rated")}
    old = rated[(PEEL18, "eff_investigating_reoffending")]
    assert (old["grade"], old["scale"], old["source"]) == ("good", "peel-4tier", "news/2018.txt")
    new = rated[("inspection/kent/peel/2021-22", "investigating_crime")]
    assert (new["grade"], new["scale"], new["grade_rank"]) == ("inadequate", "peel-5tier", 1)
    said = {(u, v.split("/")[0], d["stance"], d["quotation"]) for u, v, d in edges(graph, "said")}
    assert ("person/alan-pughsley", "finding", "accepts", True) in said
    assert ("person/matthew-scott", "inspection", "disputes", False) in said
    assert ("person/roy-wilsher", "inspection", "", False) in said
    assert all(v.startswith("finding/") for _, v, _ in edges(graph, "responds_to"))
    assert all(v.startswith("inspection/") for _, v, _ in edges(graph, "finding_of"))


def test_focus_and_depth():
    store = rich_store()
    scott = to_networkx(store, focus="Matthew Scott", depth=1)
    assert {n.removeprefix(B).split("/")[0] for n in scott} == {"person", "force", "finding", "inspection"}
    assert len(scott) == 4
    assert set(to_networkx(store, focus="kent", depth=0)) == {B + "force/kent"}
    assert set(to_networkx(store, focus=B + "force/kent", depth=0)) == {B + "force/kent"}
    deeper = to_networkx(store, focus="force/kent", depth=2)
    assert len(deeper) > len(to_networkx(store, focus="kent", depth=1)) > 1
    with pytest.raises(UsageError, match="names nothing"):
        to_networkx(store, focus="atlantis")


def test_empty_store_focus_is_a_usage_error():
    assert to_networkx(Store(None)).number_of_nodes() == 0
    with pytest.raises(UsageError):
        to_networkx(Store(None), focus="kent")


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graphml_and_gexf_round_trip(graph, fmt, tmp_path):
    path = write(graph, fmt, tmp_path / f"kg.{fmt}")[0]
    back = nx.read_graphml(path, force_multigraph=True) if fmt == "graphml" else nx.read_gexf(path)
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    assert "None" not in path.read_text()


def test_csv_tables(graph, tmp_path):
    nodes, edges_file = write(graph, "csv", tmp_path / "kg")
    assert (nodes.name, edges_file.name) == ("kg-nodes.csv", "kg-edges.csv")
    node_rows = list(csv.reader(nodes.open()))
    edge_rows = list(csv.reader(edges_file.open()))
    assert node_rows[0][:4] == ["id", "label", "type", "kind"]
    assert edge_rows[0][:3] == ["source", "target", "type"]
    assert len(node_rows) - 1 == graph.number_of_nodes()
    assert len(edge_rows) - 1 == graph.number_of_edges()
    assert node_table(graph)[0] == node_rows[0]
