"""The neighbourhood drawing: one entity and what is linked to it, a column per
step away, fitted to an A4 landscape page.

Findings are many and say little in a network, so each inspection's findings
become one box that counts them by kind (the accountability figure shows them
one by one); a column with more boxes than the page holds keeps the first and
says how many it left out.  Labels are wrapped to the column by measured width.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import networkx as nx

from ..errors import UsageError
from ..network.view import neighbourhood, resolve_focus
from .layout import (
    MARGIN, PAD_X, TITLE_SIZE, Box, Column, LegendItem, Link, Scene, lay_out, place_legend, wrap_points,
)
from .rounds import order, round_label
from .palette import EDGE_COLOURS, KIND_COLOURS, KIND_PLURALS, ROLE_COLOURS, TYPE_COLOURS, clip

A4_LANDSCAPE = (842.0, 595.0)
GAP = 70.0
TYPE_ORDER = ["PoliceForce", "Inspectorate", "Organisation", "Person", "Inspection", "Findings", "Finding"]
SUMMARY_BOX = ("#f7f7f7", "#777777")
MORE, MORE_BOX = "more ", ("#ffffff", "#bbbbbb")


def neighbourhood_scene(graph: nx.MultiDiGraph, focus: str | None, depth: int) -> Scene:
    if focus is None:
        raise UsageError("the neighbourhood drawing needs --focus (an id such as kent, a name or an IRI)")
    centre = resolve_focus(graph, focus)
    sub = neighbourhood(graph, centre, depth)
    items, links = _collapse(sub, centre)
    _name_inspections(items)
    layers: dict[int, list[str]] = defaultdict(list)
    for node, data in items.items():
        layers[data["distance"]].append(node)
    _order_layers(items, links, layers)
    width = (A4_LANDSCAPE[0] - 2 * MARGIN - GAP * (len(layers) - 1)) / len(layers)
    title = f"Neighbourhood of {items[centre]['label']} (depth {depth})"
    hidden: dict[int, int] = defaultdict(int)
    while True:
        scene = _page(title, (items, links), layers, hidden, width)
        tall = {_column_of(b.id, items) for b in scene.boxes if b.y + b.h > A4_LANDSCAPE[1] - MARGIN}
        if not tall or all(len(layers[d]) <= 1 for d in tall):
            return scene
        for d in tall:
            if len(layers[d]) > 1:
                layers[d].pop()
                hidden[d] += 1


def _column_of(box_id: str, items: dict[str, dict]) -> int:
    return int(box_id.split(" ", 1)[1]) if box_id.startswith(MORE) else items[box_id]["distance"]


def _name_inspections(items: dict[str, dict]) -> None:
    """"PEEL 2021/22", or "PEEL 2021/22, Kent Police" when the drawing shows inspections of several bodies."""
    inspections = [d for d in items.values() if d["type"] == "Inspection"]
    bodies = {d["label"][len(d.get("short_label", "")):] for d in inspections}
    for d in inspections:
        body = d["label"][len(d.get("short_label", "")):] if len(bodies) > 1 else ""
        d["display"] = round_label(d) + body
    for d in items.values():
        if d["type"] == "Findings" and d["owner"]:
            d["label"] = d["label"].replace(d["round"], items[d["owner"]]["display"], 1)


def _kind_of(data: dict) -> str:
    t = data["type"]
    return t if t in TYPE_ORDER else "Organisation"


def _collapse(sub: nx.MultiDiGraph, centre: str) -> tuple[dict[str, dict], list[tuple[str, str, str, str]]]:
    """Nodes to draw (each inspection's findings as one summary node) and the links between them."""
    items = {n: dict(d) for n, d in sub.nodes(data=True) if d["type"] != "Finding" or n == centre}
    rep = {n: n for n in items}
    for n, d in sub.nodes(data=True):
        if n in rep:
            continue
        owner = d.get("inspection") if d.get("inspection") in items else ""
        sid = f"findings of {owner}"
        summary = items.setdefault(sid, {"type": "Findings", "label": "", "distance": d["distance"], "kinds": Counter(),
                                         "texts": [], "owner": owner})
        summary["distance"] = min(summary["distance"], d["distance"])
        summary["kinds"][d.get("kind", "statement")] += 1
        summary["texts"].append(d.get("text", ""))
        rep[n] = sid
    for data in items.values():
        if data["type"] == "Findings":
            data["round"] = round_label(items[data["owner"]]) if data["owner"] else "No inspection stated"
            data["label"] = _summary_label(data)
    links, seen = [], set()
    for u, v, d in sorted(sub.edges(data=True), key=lambda e: (e[0], e[1], e[2]["type"])):
        ru, rv, kind = rep[u], rep[v], d["type"]
        if kind in ("responds_to", "rated") or ru == rv or (ru, rv, kind) in seen:
            continue
        seen.add((ru, rv, kind))
        links.append((ru, rv, kind, _edge_tip(sub, u, v, kind, d) if (ru, rv) == (u, v) else ""))
    return items, links


def _summary_label(data: dict) -> str:
    kinds = data["kinds"]
    parts = [f"{kinds[k]} {KIND_COLOURS[k][2] if kinds[k] == 1 else KIND_PLURALS[k]}" for k in KIND_COLOURS
             if kinds.get(k)]
    parts += [f"{n} {k.replace('_', ' ')}" for k, n in sorted(kinds.items()) if k not in KIND_COLOURS]
    total = sum(kinds.values())
    return f"{data['round']}: {total} finding{'s' if total > 1 else ''} (" + ", ".join(parts) + ")"


def _order_layers(items: dict[str, dict], links, layers: dict[int, list[str]]) -> None:
    """Each column by kind, then by the mean place of its neighbours in earlier columns (fewer crossings)."""
    near = defaultdict(list)
    for u, v, _, _ in links:
        near[u].append(v)
        near[v].append(u)
    position: dict[str, float] = {}
    for distance in sorted(layers):
        def key(n):
            data = items[n]
            placed = [position[m] for m in ([data["owner"]] if data.get("owner") else near[n]) if m in position]
            return (TYPE_ORDER.index(_kind_of(data)), sum(placed) / len(placed) if placed else 0.0,
                    order(data) if data["type"] == "Inspection" else (), data["label"])

        layers[distance].sort(key=key)
        position.update({n: i for i, n in enumerate(layers[distance])})


def _page(title, network, layers, hidden, width) -> Scene:
    """Lay out the columns of ``layers`` (``hidden``: how many each leaves out); ``network`` is (items, links)."""
    items, links = network
    scene = Scene(title)
    columns = []
    for distance in sorted(layers):
        head = "focus" if distance == 0 else f"{distance} step{'s' if distance > 1 else ''} away"
        boxes = [_box(items, n, distance == 0, width) for n in layers[distance]]
        if hidden.get(distance):
            more = f"… and {hidden[distance]} more, not shown for space"
            boxes.append(Box(f"{MORE}{distance}", wrap_points(more, width - 2 * PAD_X, 2), *MORE_BOX, tooltip=more))
        columns.append(Column(head, [("", boxes)]))
    shown = {n for nodes in layers.values() for n in nodes}
    for u, v, kind, tip in links:
        if u in shown and v in shown:
            scene.links.append(Link(u, v, EDGE_COLOURS.get(kind, ("#888888", kind))[0], tooltip=tip))
    below = place_legend(scene, _legend(items, shown, links), MARGIN + TITLE_SIZE * 1.6,
                         A4_LANDSCAPE[0] - MARGIN)
    lay_out(scene, columns, below, gap=GAP, widths=[width] * len(columns))
    scene.width = A4_LANDSCAPE[0]
    return scene


def _box(items: dict[str, dict], node: str, is_focus: bool, width: float) -> Box:
    data = items[node]
    t = data["type"]
    if t == "Person":
        fill, edge, _ = ROLE_COLOURS.get(data.get("role_group", "other"), ROLE_COLOURS["other"])
    elif t == "Finding":
        fill, edge, _ = KIND_COLOURS.get(data.get("kind", ""), KIND_COLOURS["statement"])
    elif t == "Findings":
        fill, edge = SUMMARY_BOX
    else:
        fill, edge, _ = TYPE_COLOURS.get(t, TYPE_COLOURS["Organisation"])
    text = data.get("text") if t == "Finding" else (
        data["display"] if t == "Inspection" else data.get("short_label") or data["label"])
    tip = "\n".join(clip(x, 120) for x in data["texts"][:12]) if t == "Findings" else f"{t}: {text}\n{data.get('key', '')}"
    lines = wrap_points(text, width - 2 * PAD_X, 2, bold=is_focus)
    return Box(node, lines, fill, edge, tooltip=tip, bold=is_focus)


def _legend(items: dict[str, dict], shown: set[str], links) -> list[LegendItem]:
    kinds = {_kind_of(items[n]) for n in shown}
    groups = {items[n].get("role_group") for n in shown if items[n]["type"] == "Person"}
    legend = [LegendItem(f"person: {t}", f, e) for k, (f, e, t) in ROLE_COLOURS.items() if k in groups]
    legend += [LegendItem(t, f, e) for k, (f, e, t) in TYPE_COLOURS.items() if k in kinds]
    if "Findings" in kinds:
        legend.append(LegendItem("findings of an inspection, counted", *SUMMARY_BOX))
    used = {kind for u, v, kind, _ in links if u in shown and v in shown}
    legend += [LegendItem(t, c, c, line=True) for k, (c, t) in EDGE_COLOURS.items() if k in used]
    return legend


def _edge_tip(graph: nx.MultiDiGraph, u: str, v: str, kind: str, d: dict) -> str:
    head = f"{graph.nodes[u]['label']} → {graph.nodes[v]['label']}"
    if kind == "holds_role":
        return f"{head}\n{d.get('role_label', '')} ({d.get('title', '')})\n{d.get('sources', '')}"
    if kind == "inspected":
        grades = sorted({f"{r.get('area_label', '')}: {r.get('grade_label', '')}"
                         for _, _, r in graph.edges(u, data=True) if r["type"] == "rated"})
        return head + ("\n" + "\n".join(grades) if grades else "")
    if kind == "said":
        return f"{head}\n“{clip(d.get('text', ''), 200)}”\n({d.get('source', '')})"
    return head
