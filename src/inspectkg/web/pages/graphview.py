"""``/graph/<key>``: an entity's neighbourhood as an inline SVG, laid out on the server.

The entity sits in the middle; the nodes it links to and the nodes linking to
it sit on one or two rings around it.  Evidence spans are left out (they are on
the entity page), and so are terms we have no page for (classes, literals).
"""

from __future__ import annotations

import math

from pyoxigraph import NamedNode

from ... import iris
from ...store.terms import IK, PROV
from ..data import Lookup
from ..templating import words

WIDTH, HEIGHT = 1100, 660
MAX_NEIGHBOURS = 40
_SKIP = {PROV.wasDerivedFrom.value, IK.document.value}


def neighbours(lookup: Lookup, node: str) -> dict[str, list[tuple[str, str]]]:
    """neighbour -> [(predicate local name, direction '→' out / '←' in)]."""
    n = NamedNode(node)
    edges: dict[str, list[tuple[str, str]]] = {}
    rows = lookup.select(
        f"SELECT DISTINCT ?x ?p ?dir WHERE {{ {{ {n} ?p ?x BIND('out' AS ?dir) }} UNION "
        f"{{ ?x ?p {n} BIND('in' AS ?dir) }} FILTER(isIRI(?x) && ?x != {n}) }}"
    )
    for row in rows:
        x, p = row["x"].value, row["p"].value
        if p in _SKIP or not x.startswith(iris.BASE):
            continue
        name = p.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        edges.setdefault(x, []).append((name, "→" if row["dir"].value == "out" else "←"))
    return edges


def layout(count: int) -> list[tuple[float, float]]:
    cx, cy = WIDTH / 2, HEIGHT / 2
    if count == 0:
        return []
    rings = [(250, 0)] if count <= 14 else [(175, 0), (285, 0.5)]
    out = []
    for i in range(count):
        radius, shift = rings[i % len(rings)]
        angle = 2 * math.pi * (i + shift) / count - math.pi / 2
        out.append((cx + radius * 1.25 * math.cos(angle), cy + radius * math.sin(angle)))
    return out


def _short(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _node(lookup: Lookup, x: str, px: float, py: float, edges) -> dict:
    cx, cy = WIDTH / 2, HEIGHT / 2
    anchor = "start" if px > cx + 5 else ("end" if px < cx - 5 else "middle")
    dx = 14 if anchor == "start" else (-14 if anchor == "end" else 0)
    dy = 4 if anchor != "middle" else (22 if py > cy else -14)
    names = ", ".join(sorted({f"{d} {words(name)}" if d == "←" else words(name) for name, d in edges[x]}))
    return {"iri": x, "kind": lookup.kind(x), "label": lookup.label(x), "x": f"{px:.1f}", "y": f"{py:.1f}",
            "tx": f"{px + dx:.1f}", "ty": f"{py + dy:.1f}", "anchor": anchor, "edge": names,
            "mx": f"{(cx + px) / 2:.1f}", "my": f"{(cy + py) / 2:.1f}"}


def render(store, node: str):
    lookup = Lookup(store)
    edges = neighbours(lookup, node)
    lookup.load([node, *edges])
    ordered = sorted(edges, key=lambda x: (lookup.kind(x), lookup.label(x).lower()))
    hidden = len(ordered) - MAX_NEIGHBOURS
    ordered = ordered[:MAX_NEIGHBOURS]
    nodes = [_node(lookup, x, px, py, edges) for x, (px, py) in zip(ordered, layout(len(ordered)))]
    kind = lookup.kind(node)
    return "graph.html", {
        "node": node, "label": lookup.label(node), "kind": kind, "nodes": nodes, "hidden": max(0, hidden),
        "width": WIDTH, "height": HEIGHT, "cx": WIDTH / 2, "cy": HEIGHT / 2,
        "kinds": sorted({n["kind"] for n in nodes} | {kind}),
    }


def show(store, key: str):
    """``/graph/<key>``."""
    from ..rdf import resolve

    return render(store, resolve(store, key))
