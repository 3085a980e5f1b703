"""``/graph/<key>``: an entity's neighbourhood, drawn in the browser with Cytoscape.js;
``/graph/<key>.json``: the same neighbourhood as nodes and edges for that drawing.

The neighbourhood is :func:`inspectkg.network.view.to_networkx` around the entity
(people, organisations, inspections and findings; ratings and statements are edges),
``depth`` steps out ignoring direction.  Parallel edges of one type between two
nodes (the areas one inspection rated, the statements one person made about it)
become one edge that says how many.  Node kinds are labelled from the ontology
(``rdfs:label`` of the class, read from the store), never by their class names.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from pyoxigraph import Literal

from ... import iris
from ...errors import UsageError
from ...server.errors import HttpError, as_http_error
from ...network.view import neighbourhood as cut
from ...network.view import _project
from ...network.facts import read_facts
from .. import vendor
from ..data import IK_BASE, Lookup
from ..response import Reply

DEPTHS = (1, 2, 3)
MAX_NODES = 250  # nearest first; the rest are counted, not drawn
# the kinds of web.data.Lookup.kind that are nodes of the network (others have no graph view)
GRAPH_KINDS = ("person", "organisation", "inspection", "finding")


@dataclass(frozen=True)
class Edge:
    kind: str
    label: str


def _depth(raw: str | int | None) -> int:
    if raw in (None, ""):
        return 1
    try:
        depth = int(raw)
    except (TypeError, ValueError):
        raise UsageError(f"depth must be one of {', '.join(map(str, DEPTHS))}, not {raw!r}") from None
    if depth not in DEPTHS:
        raise UsageError(f"depth must be one of {', '.join(map(str, DEPTHS))}, not {depth}")
    return depth


def _edge_label(kind: str, datas: list[dict], stance_labels: dict[str, str]) -> str:
    """Words for one or more parallel edges of one kind, from their own attributes."""
    n = len(datas)
    if kind == "holds_role":
        roles = sorted({d.get("role_label") or d.get("role", "") for d in datas} - {""})
        return ", ".join(roles) or "holds a role"
    if kind == "rated":
        areas = {d.get("area") for d in datas}
        return f"graded {len(areas)} area" + ("" if len(areas) == 1 else "s")
    if kind == "said":
        return f"{n} statement" + ("" if n == 1 else "s")
    if kind == "responds_to":
        stances = sorted({s for d in datas for s in d.get("stances", "").split("; ") if s})
        named = [stance_labels.get(s, s).lower() for s in stances]
        return "responded" + (f" ({', '.join(named)})" if named else "")
    return {"inspected": "inspection of", "conducted_by": "conducted by", "finding_of": "finding of"}.get(kind, kind)


def neighbourhood(store, key: str, depth: str | int | None = 1) -> dict:
    """The JSON body of ``/graph/<key>.json``: focus, depth, kinds, nodes, edges, hidden."""
    depth = _depth(depth)
    node = iris.BASE + key.strip("/")
    whole = _project(read_facts(store))
    if node not in whole:
        raise HttpError(404,
            f"ikd:{key} is not a person, organisation, inspection or finding, so it has no network "
            "neighbourhood; its entity page lists what it is linked to")
    graph = cut(whole, node, depth)
    nodes = sorted(graph.nodes(data=True), key=lambda nd: (nd[1]["distance"], -graph.degree(nd[0]),
                                                            nd[1]["short_label"].lower(), nd[0]))
    kept = {n for n, _ in nodes[:MAX_NODES]}
    lookup = Lookup(store)
    kinds = Counter(d["type"] for n, d in nodes if n in kept)
    lookup.load(IK_BASE + k for k in kinds)
    grouped: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for source, target, data in graph.edges(data=True):
        if source in kept and target in kept:
            grouped[(source, target, data["type"])].append(data)
    for source, target, kind in list(grouped):  # one line per pair where one edge already says the other
        if kind == "responds_to":  # a response counts the statements it is made of
            grouped.pop((source, target, "said"), None)
        if kind == "rated":  # grades are only given by an inspection of that body
            grouped.pop((source, target, "inspected"), None)
    stance_labels = _concept_labels(lookup, {s for (_, _, k), ds in grouped.items() if k == "responds_to"
                                             for d in ds for s in d.get("stances", "").split("; ") if s})
    return {
        "focus": key.strip("/"),
        "depth": depth,
        "depths": list(DEPTHS),
        "kinds": [{"id": k, "label": _kind_label(lookup, k), "count": c} for k, c in sorted(kinds.items())],
        "nodes": [
            {"id": d["key"], "label": d["label"], "short": d["short_label"], "kind": d["type"],
             "distance": d["distance"], "href": "/id/" + d["key"], "graph": "/graph/" + d["key"]}
            for n, d in nodes if n in kept
        ],
        "edges": [
            {"id": f"e{i}", "source": graph.nodes[s]["key"], "target": graph.nodes[t]["key"], "kind": kind,
             "label": _edge_label(kind, datas, stance_labels), "count": len(datas)}
            for i, ((s, t, kind), datas) in enumerate(sorted(grouped.items()))
        ],
        "hidden": len(nodes) - len(kept),
    }


def _kind_label(lookup: Lookup, kind: str) -> str:
    label = lookup.label(IK_BASE + kind) if lookup.has_label(IK_BASE + kind) else kind
    return label[:1].upper() + label[1:]


def _concept_labels(lookup: Lookup, notations: set[str]) -> dict[str, str]:
    """skos:notation -> skos:prefLabel of the vocabulary concepts with these notations."""
    labels: dict[str, str] = {}
    for notation in sorted(notations):
        rows = lookup.select("SELECT ?l WHERE { ?c <http://www.w3.org/2004/02/skos/core#notation> ?n ; "
                             "<http://www.w3.org/2004/02/skos/core#prefLabel> ?l } LIMIT 1", n=Literal(notation))
        if rows:
            labels[notation] = rows[0]["l"].value
    return labels


def show(store, key: str, depth: str | None = None):
    """``/graph/<key>``; an entity that is not a node of the network gets a page saying so."""
    try:
        return render(store, key, depth)
    except HttpError as exc:
        lookup = Lookup(store)
        node = iris.BASE + key.strip("/")
        if exc.status != 404 or not lookup.exists(node):
            raise
        return "network.html", {"label": lookup.label(node), "data": None, "message": exc.message,
                                "focus_href": "/id/" + key.strip("/"), "installed": False, "kinds": {}, "active": ""}


def show_json(store, key: str, depth: str | None = None) -> Reply:
    """``/graph/<key>.json``: the neighbourhood, or ``{"error", "status"}`` with the status."""
    try:
        return Reply.json(neighbourhood(store, key, depth))
    except Exception as exc:  # noqa: BLE001 - the drawing script reads the sentence
        error = as_http_error(exc)
        return Reply.json(error.payload(), error.status)


def render(store, key: str, depth: str | int | None = None, *, vendor_dir=None) -> tuple[str, dict]:
    """The page around the drawing: depth and kind controls, and the nodes as a table."""
    data = neighbourhood(store, key, depth)
    return "network.html", {
        "label": data["nodes"][0]["label"],
        "data": data,
        "message": "",
        "focus_href": "/id/" + data["focus"],
        "kinds": {k["id"]: k["label"] for k in data["kinds"]},
        "installed": vendor.installed(vendor.CYTOSCAPE, vendor_dir),
        "active": "",
    }
