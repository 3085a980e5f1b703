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
from ..html import entity_path, esc, page

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


def render(store, node: str) -> str:
    lookup = Lookup(store)
    edges = neighbours(lookup, node)
    lookup.load([node, *edges])
    ordered = sorted(edges, key=lambda x: (lookup.kind(x), lookup.label(x).lower()))
    hidden = len(ordered) - MAX_NEIGHBOURS
    ordered = ordered[:MAX_NEIGHBOURS]
    cx, cy = WIDTH / 2, HEIGHT / 2
    lines, nodes = [], []
    for x, (px, py) in zip(ordered, layout(len(ordered))):
        names = ", ".join(sorted({f"{d} {name}" if d == "←" else name for name, d in edges[x]}))
        mx, my = (cx + px) / 2, (cy + py) / 2
        lines.append(f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{px:.1f}" y2="{py:.1f}"/>'
                     f'<text class="edge" x="{mx:.1f}" y="{my:.1f}">{esc(_short(names, 34))}</text>')
        kind = lookup.kind(x)
        anchor = "start" if px > cx + 5 else ("end" if px < cx - 5 else "middle")
        dx = 14 if anchor == "start" else (-14 if anchor == "end" else 0)
        dy = 4 if anchor != "middle" else (22 if py > cy else -14)
        nodes.append(
            f'<a href="{esc(entity_path(x))}" class="node k-{esc(kind)}"><title>{esc(kind)}: {esc(lookup.label(x))}</title>'
            f'<circle cx="{px:.1f}" cy="{py:.1f}" r="10"/>'
            f'<text x="{px + dx:.1f}" y="{py + dy:.1f}" text-anchor="{anchor}">{esc(_short(lookup.label(x)))}</text></a>'
        )
    kind = lookup.kind(node)
    label = lookup.label(node)
    centre = (f'<a href="{esc(entity_path(node))}" class="node centre k-{esc(kind)}"><title>{esc(label)}</title>'
              f'<circle cx="{cx}" cy="{cy}" r="16"/><text x="{cx}" y="{cy + 34}" text-anchor="middle">'
              f"{esc(_short(label, 40))}</text></a>")
    svg = (f'<svg class="graph" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="Neighbourhood of {esc(label)}">'
           f'<g class="edges">{"".join(lines)}</g><g class="nodes">{"".join(nodes)}{centre}</g></svg>')
    listing = "".join(
        f'<li><span class="badge k-{esc(lookup.kind(x))}">{esc(lookup.kind(x))}</span> '
        f'<a href="{esc(entity_path(x))}">{esc(lookup.label(x))}</a> '
        f'<a class="small" href="/graph/{esc(entity_path(x)[4:])}">(graph)</a></li>'
        for x in ordered
    )
    kinds = sorted({lookup.kind(x) for x in ordered} | {kind})
    legend = ('<p class="hint graph-legend">' + " ".join(f'<span class="badge k-{esc(k)}">{esc(k)}</span>' for k in kinds)
              + " · an edge “← p” means the neighbour has property p pointing here; “p” means this entity points to it.</p>")
    more = f"<p>{hidden} more neighbours are not drawn; see the entity page.</p>" if hidden > 0 else ""
    body = (f'<p class="kicker"><span class="badge k-{esc(kind)}">{esc(kind)}</span> graph view</p>'
            f'<h1>{esc(label)}</h1><p class="actions"><a href="{esc(entity_path(node))}">Entity page</a></p>'
            f"{svg}{legend}{more}<h2>Neighbours</h2><ul class=\"neighbours\">{listing}</ul>")
    return page(f"Graph: {label}", body)


def show(store, key: str):
    """``/graph/<key>``."""
    from ..rdf import resolve

    return render(store, resolve(store, key))
