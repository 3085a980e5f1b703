"""Write a :func:`inspectkg.network.view.to_networkx` view as GraphML, GEXF or CSV tables.

GraphML and GEXF keep only strings, numbers and booleans, never None.  GEXF
reserves the edge attribute ``type`` (directed/undirected) and ``start``/``end``
(dynamics), so there the relation is written as ``relation``.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx

from ..errors import UsageError

FORMATS = ("graphml", "gexf", "csv")
_GEXF_RESERVED = {"type": "relation", "start": "start_at", "end": "end_at", "id": "ident", "weight": "weight_"}


def _plain(value):
    if value is None:
        return ""
    if isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def clean(graph: nx.MultiDiGraph, rename: dict[str, str] | None = None) -> nx.MultiDiGraph:
    """A copy whose attributes are all str/int/float/bool (None -> "")."""
    rename = rename or {}
    out = nx.MultiDiGraph()
    out.graph.update({k: _plain(v) for k, v in graph.graph.items()})
    for node, data in graph.nodes(data=True):
        out.add_node(node, **{k: _plain(v) for k, v in data.items()})
    for u, v, key, data in graph.edges(keys=True, data=True):
        out.add_edge(u, v, key=key, **{rename.get(k, k): _plain(val) for k, val in data.items()})
    return out


def node_table(graph: nx.MultiDiGraph) -> tuple[list[str], list[list]]:
    first = ["id", "label", "type", "kind"]
    extra = sorted({k for _, d in graph.nodes(data=True) for k in d} - set(first))
    columns = first + extra
    rows = [[node, *(_plain(data.get(c, "")) for c in columns[1:])] for node, data in sorted(graph.nodes(data=True))]
    return columns, rows


def edge_table(graph: nx.MultiDiGraph) -> tuple[list[str], list[list]]:
    first = ["source", "target", "type"]
    extra = sorted({k for *_, d in graph.edges(keys=True, data=True) for k in d} - set(first))
    columns = first + extra
    edges = sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2])))
    rows = [[u, v, *(_plain(d.get(c, "")) for c in columns[2:])] for u, v, _, d in edges]
    return columns, rows


def _csv(columns, rows) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue()


def write(graph: nx.MultiDiGraph, fmt: str, output: Path | str) -> list[Path]:
    """Write the graph; returns the files written (csv: ``<output>-nodes.csv``, ``-edges.csv``)."""
    output = Path(output)
    if fmt == "graphml":
        nx.write_graphml(clean(graph), output)
        return [output]
    if fmt == "gexf":
        nx.write_gexf(clean(graph, _GEXF_RESERVED), output)
        return [output]
    if fmt == "csv":
        base = str(output)
        for suffix in (".csv",):
            base = base.removesuffix(suffix)
        nodes, edges = Path(base + "-nodes.csv"), Path(base + "-edges.csv")
        nodes.write_text(_csv(*node_table(graph)), encoding="utf-8")
        edges.write_text(_csv(*edge_table(graph)), encoding="utf-8")
        return [nodes, edges]
    raise UsageError(f"unknown graph format {fmt!r}; choose one of {', '.join(FORMATS)}")


def to_text(graph: nx.MultiDiGraph, fmt: str) -> str:
    """GraphML or GEXF as a string (for stdout)."""
    if fmt == "graphml":
        return "\n".join(nx.generate_graphml(clean(graph)))
    if fmt == "gexf":
        return "\n".join(nx.generate_gexf(clean(graph, _GEXF_RESERVED)))
    raise UsageError(f"--format {fmt} needs --output (it writes two files)")
