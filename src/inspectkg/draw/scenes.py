"""The network drawings as scenes: ``accountability`` (who responded to which
finding) and ``neighbourhood`` (one entity and what is linked to it, by distance)."""

from __future__ import annotations

import re
from collections import defaultdict

import networkx as nx

from ..errors import UsageError
from .layout import (
    FONT_SIZE, LINE, MARGIN, TITLE_SIZE, Box, Column, LegendItem, Link, Scene, lay_out, place_legend, spread, wrap,
)
from ..network.view import neighbourhood, resolve_focus

ROLE_COLOURS = {
    "chief_officer": ("#dbe9f6", "#1f5fa8", "chief officer / force"),
    "pcc": ("#ead9f2", "#7b3294", "PCC / mayor"),
    "inspector": ("#fde3c8", "#d46a00", "inspector / inspectorate"),
    "other": ("#e8e8e8", "#666666", "other speaker"),
}
KIND_COLOURS = {
    "cause_of_concern": ("#f8d0d0", "#b2182b", "cause of concern"),
    "area_for_improvement": ("#fdebc8", "#b07800", "area for improvement"),
    "recommendation": ("#d6eaf8", "#2874a6", "recommendation"),
    "strength": ("#d5efd5", "#2e7d32", "strength"),
    "statement": ("#f2f2f2", "#777777", "statement"),
}
STANCE_COLOURS = {
    "accepts": ("#2e7d32", "accepts"),
    "disputes": ("#b2182b", "disputes"),
    "commits_to_action": ("#1f5fa8", "commits to action"),
    "": ("#8a8a8a", "no stance stated / mixed"),
}
TYPE_COLOURS = {
    "PoliceForce": ("#cfe8e3", "#00796b", "police force"),
    "Inspectorate": ("#fde3c8", "#d46a00", "inspectorate"),
    "Organisation": ("#f0f0d8", "#7a7a3a", "other organisation"),
    "Inspection": ("#ffffff", "#333333", "inspection"),
}
EDGE_COLOURS = {
    "holds_role": ("#7b3294", "holds a role in"),
    "inspected": ("#00796b", "inspected (and graded)"),
    "conducted_by": ("#d46a00", "conducted by"),
    "finding_of": ("#9a9a9a", "finding of"),
    "said": ("#444444", "responded to"),
}
INSPECTION_BOX = ("#ffffff", "#333333")


def inspection_order(data: dict) -> tuple:
    """Chronological sort key of an inspection node: its round, else its publication date."""
    found = re.search(r"\d{4}", data.get("period", "") or data.get("key", ""))
    year = found.group() if found else (data.get("published", "") or "0000")[:4]
    return (year, data.get("published", ""), data.get("key", ""))


def _header(graph: nx.MultiDiGraph, inspection: str) -> str:
    data = graph.nodes[inspection]
    body = next((graph.nodes[v]["label"] for _, v, d in graph.out_edges(inspection, data=True)
                 if d["type"] == "inspected"), "")
    return f"{data.get('short_label') or data['label']}" + (f" · {body}" if body else "")


def accountability(graph: nx.MultiDiGraph, focus: str | None = None) -> Scene:
    said = [(u, v, d) for u, v, d in graph.edges(data=True) if d["type"] == "said"]
    if focus is not None:
        centre = resolve_focus(graph, focus)
        said = [(u, v, d) for u, v, d in said if _concerns(graph, centre, u, v)]
    if not said:
        where = f" about {focus!r}" if focus else ""
        raise UsageError(f"no responses to findings or inspections{where} in the store: nothing to draw")
    pairs: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for u, v, d in said:
        pairs[(u, v)].append(d)

    targets_by_inspection: dict[str, set[str]] = defaultdict(set)
    for _, v in pairs:
        data = graph.nodes[v]
        targets_by_inspection[v if data["type"] == "Inspection" else data.get("inspection") or ""].add(v)
    groups, rank = [], {}
    order = sorted(targets_by_inspection, key=lambda i: inspection_order(graph.nodes[i]) if i in graph else ("~",))
    for inspection in order:
        header = _header(graph, inspection) if inspection in graph else "findings of no stated inspection"
        boxes = []
        targets = sorted(targets_by_inspection[inspection], key=lambda n: (
            graph.nodes[n]["type"] != "Inspection", list(KIND_COLOURS).index(graph.nodes[n].get("kind", "statement"))
            if graph.nodes[n].get("kind") in KIND_COLOURS else 9, graph.nodes[n]["label"]))
        for node in targets:
            data = graph.nodes[node]
            if data["type"] == "Inspection":
                fill, edge = INSPECTION_BOX
                boxes.append(Box(node, ["the report as a whole"], fill, edge, tooltip=data["label"], bold=True))
            else:
                fill, edge, kind_label = KIND_COLOURS.get(data.get("kind", ""), KIND_COLOURS["statement"])
                boxes.append(Box(node, wrap(data["text"], 58, 2), fill, edge,
                                 tooltip=f"{kind_label}: {data['text']}\n({data.get('source', '')})"))
            rank[node] = len(rank)
        groups.append((header, boxes))

    speakers = sorted({u for u, _ in pairs}, key=lambda s: (
        sum(rank[v] for u, v in pairs if u == s) / sum(1 for u, _ in pairs if u == s), graph.nodes[s]["label"]))
    speaker_boxes = []
    for s in speakers:
        data = graph.nodes[s]
        fill, edge, _ = ROLE_COLOURS.get(data.get("role_group", "other"), ROLE_COLOURS["other"])
        roles = sorted({d.get("role_label", "") for _, _, d in graph.out_edges(s, data=True)
                        if d["type"] == "holds_role"} - {""})
        speaker_boxes.append(Box(s, wrap(data["label"], 34, 2), fill, edge, bold=True,
                                 tooltip=data["label"] + (f" ({'; '.join(roles)})" if roles else "")))

    scene = Scene(f"Who responded to which finding{_about(graph, focus)}")
    legend = [LegendItem(t, f, e) for key, (f, e, t) in ROLE_COLOURS.items()
              if any(graph.nodes[s].get("role_group", "other") == key for s in speakers)]
    kinds = {graph.nodes[v].get("kind") for _, v in pairs}
    legend += [LegendItem(t, f, e) for key, (f, e, t) in KIND_COLOURS.items() if key in kinds]
    for (u, v), claims in sorted(pairs.items()):
        stances = {d.get("stance", "") for d in claims}
        stance = stances.pop() if len(stances) == 1 else ""
        colour = STANCE_COLOURS.get(stance, STANCE_COLOURS[""])[0]
        quotes = "\n".join(f"“{_clip(d['text'], 160)}” ({d.get('source', '')})" for d in claims)
        scene.links.append(Link(u, v, colour, width=1.0 + 0.8 * min(len(claims) - 1, 4),
                                dashed=not any(d.get("quotation") for d in claims),
                                tooltip=f"{graph.nodes[u]['label']}:\n{quotes}"))
    used = {link.color for link in scene.links}
    legend += [LegendItem(f"response: {t}", c, c, line=True) for c, t in STANCE_COLOURS.values() if c in used]
    if any(link.dashed for link in scene.links):
        legend.append(LegendItem("reported speech (not a quotation)", "#444444", "#444444", line=True, dashed=True))
    columns = [Column("Speakers", [("", speaker_boxes)]), Column("Findings, by inspection", groups)]
    _finish(scene, columns, legend)
    centres = {b.id: b.y + b.h / 2 for _, group in groups for b in group}
    desired = {}
    for s in speakers:
        ys = [centres[v] for u, v in pairs if u == s]
        desired[s] = sum(ys) / len(ys)
    spread(scene, speaker_boxes, desired)
    return scene


def _concerns(graph: nx.MultiDiGraph, centre: str, speaker: str, target: str) -> bool:
    if centre in (speaker, target):
        return True
    data = graph.nodes[target]
    inspection = target if data["type"] == "Inspection" else data.get("inspection", "")
    if inspection == centre:
        return True
    return inspection in graph and graph.has_edge(inspection, centre)


def _about(graph: nx.MultiDiGraph, focus: str | None) -> str:
    return f": {graph.nodes[resolve_focus(graph, focus)]['label']}" if focus else ""


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _finish(scene: Scene, columns: list[Column], legend: list[LegendItem]) -> None:
    top = MARGIN + TITLE_SIZE * 1.6
    lay_out(scene, columns, top)  # a first pass for the width
    scene.labels.clear()
    width = max(scene.width, 700.0)
    below = place_legend(scene, legend, top, width - MARGIN)
    lay_out(scene, columns, below)
    scene.width = max(scene.width, width)


def neighbourhood_scene(graph: nx.MultiDiGraph, focus: str | None, depth: int,
                        max_boxes: int = 160) -> Scene:
    if focus is None:
        raise UsageError("the neighbourhood drawing needs --focus (an id such as kent, a name or an IRI)")
    centre = resolve_focus(graph, focus)
    sub = neighbourhood(graph, centre, depth)
    layers: dict[int, list[str]] = defaultdict(list)
    for node, data in sub.nodes(data=True):
        layers[data["distance"]].append(node)
    hidden = 0
    while sub.number_of_nodes() > max_boxes:  # drop the farthest findings first
        far = max(layers)
        findings = [n for n in layers[far] if sub.nodes[n]["type"] == "Finding"] or layers[far]
        drop = findings[: sub.number_of_nodes() - max_boxes]
        sub.remove_nodes_from(drop)
        layers[far] = [n for n in layers[far] if n not in drop]
        hidden += len(drop)
        if not layers[far]:
            del layers[far]

    type_order = ["PoliceForce", "Inspectorate", "Organisation", "Person", "Inspection", "Finding"]
    position: dict[str, float] = {}
    columns = []
    for distance in sorted(layers):
        nodes = layers[distance]

        def sort_key(n):
            data = sub.nodes[n]
            t = data["type"] if data["type"] in type_order else "Organisation"
            near = [position[m] for m in nx.all_neighbors(sub, n) if m in position]
            return (type_order.index(t), sum(near) / len(near) if near else 0.0,
                    inspection_order(data) if t == "Inspection" else (), data["label"])

        nodes.sort(key=sort_key)
        groups = []
        for t in type_order:
            members = [n for n in nodes if (sub.nodes[n]["type"] if sub.nodes[n]["type"] in type_order
                                            else "Organisation") == t]
            if members:
                groups.append(("", [_box(sub, n, n == centre) for n in members]))
        for i, n in enumerate(nodes):
            position[n] = i
        header = "focus" if distance == 0 else f"{distance} step{'s' if distance > 1 else ''} away"
        columns.append(Column(header, groups))

    scene = Scene(f"Neighbourhood of {sub.nodes[centre]['label']} (depth {depth})"
                  + (f" — {hidden} far findings not shown" if hidden else ""))
    seen = set()
    for u, v, d in sorted(sub.edges(data=True), key=lambda e: (e[0], e[1], e[2]["type"])):
        kind = d["type"]
        if kind in ("responds_to", "rated") or (u, v, kind) in seen:
            continue
        seen.add((u, v, kind))
        tip = _edge_tip(sub, u, v, kind, d)
        scene.links.append(Link(u, v, EDGE_COLOURS.get(kind, ("#888888", kind))[0], tooltip=tip))
    types = {sub.nodes[n]["type"] for n in sub}
    legend = []
    groups_used = {sub.nodes[n].get("role_group") for n in sub if sub.nodes[n]["type"] == "Person"}
    legend += [LegendItem(f"person: {t}", f, e) for k, (f, e, t) in ROLE_COLOURS.items() if k in groups_used]
    legend += [LegendItem(t, f, e) for k, (f, e, t) in TYPE_COLOURS.items()
               if k in types or (k == "Organisation" and types - set(type_order))]
    kinds = {sub.nodes[n].get("kind") for n in sub if sub.nodes[n]["type"] == "Finding"}
    legend += [LegendItem(f"finding: {t}", f, e) for k, (f, e, t) in KIND_COLOURS.items() if k in kinds]
    kinds_used = {kind for *_, kind in seen}
    legend += [LegendItem(t, c, c, line=True) for k, (c, t) in EDGE_COLOURS.items() if k in kinds_used]
    _finish(scene, columns, legend)
    return scene


def _box(graph: nx.MultiDiGraph, node: str, is_focus: bool) -> Box:
    data = graph.nodes[node]
    t = data["type"]
    if t == "Person":
        fill, edge, _ = ROLE_COLOURS.get(data.get("role_group", "other"), ROLE_COLOURS["other"])
    elif t == "Finding":
        fill, edge, _ = KIND_COLOURS.get(data.get("kind", ""), KIND_COLOURS["statement"])
    else:
        fill, edge, _ = TYPE_COLOURS.get(t, TYPE_COLOURS["Organisation"])
    text = data["text"] if t == "Finding" else data.get("short_label") or data["label"]
    lines = wrap(text, 48, 1) if t == "Finding" else wrap(text, 36, 2)
    return Box(node, lines, fill, edge, tooltip=f"{t}: {text}\n{data.get('key', '')}", bold=is_focus)


def _edge_tip(graph: nx.MultiDiGraph, u: str, v: str, kind: str, d: dict) -> str:
    head = f"{graph.nodes[u]['label']} → {graph.nodes[v]['label']}"
    if kind == "holds_role":
        return f"{head}\n{d.get('role_label', '')} ({d.get('title', '')})\n{d.get('sources', '')}"
    if kind == "inspected":
        grades = sorted({f"{r.get('area_label', '')}: {r.get('grade_label', '')}"
                         for _, _, r in graph.edges(u, data=True) if r["type"] == "rated"})
        return head + ("\n" + "\n".join(grades) if grades else "")
    if kind == "said":
        return f"{head}\n“{_clip(d.get('text', ''), 200)}”\n({d.get('source', '')})"
    return head


__all__ = ["accountability", "neighbourhood_scene", "FONT_SIZE", "LINE"]
