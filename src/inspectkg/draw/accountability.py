"""Who responded to the findings of one inspection, as a figure for an A4 page.

Two columns: the findings (grouped by kind, the report as a whole first) on the
left, the people and bodies who responded on the right, one line per response
coloured by its stance.  Both columns are ordered to cut crossings (barycentre
sweeps), responders sit level with what they answered, and every label is
wrapped to its column by measured width, so the page is A4 portrait at print
size (9 pt text).  Too many findings for one page: the last are left out and
the figure says how many.
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from ..errors import UsageError
from ..network.view import resolve_focus
from .layout import (
    LINE, MARGIN, PAD_X, TITLE_SIZE, Box, Column, Label, LegendItem, Link, Scene, lay_out, place_legend, spread,
    wrap_points,
)
from .rounds import order, round_label
from .palette import INSPECTION_BOX, KIND_COLOURS, KIND_PLURALS, ROLE_COLOURS, STANCE_COLOURS, clip

A4 = (595.0, 842.0)  # portrait, points
FINDINGS_W, GAP = 300.0, 75.0
RESPONDERS_W = A4[0] - 2 * MARGIN - FINDINGS_W - GAP
WHOLE = "The report as a whole"


def _inspection_of(graph: nx.MultiDiGraph, target: str) -> str:
    data = graph.nodes[target]
    return target if data["type"] == "Inspection" else data.get("inspection") or ""


def responses(graph: nx.MultiDiGraph) -> dict[str, dict[tuple[str, str], list[dict]]]:
    """inspection -> (speaker, finding or inspection) -> the claims; inspections in time order."""
    found: dict[str, dict[tuple[str, str], list[dict]]] = defaultdict(lambda: defaultdict(list))
    for u, v, d in graph.edges(data=True):
        if d["type"] == "said":
            inspection = _inspection_of(graph, v)
            if inspection in graph:
                found[inspection][(u, v)].append(d)
    return {i: dict(found[i]) for i in sorted(found, key=lambda i: order(graph.nodes[i]))}


def inspections_about(graph: nx.MultiDiGraph, focus: str | None) -> list[str]:
    """The inspections with responses that ``focus`` concerns (all of them without one)."""
    found = responses(graph)
    if focus is None:
        return list(found)
    centre = resolve_focus(graph, focus)
    return [i for i, pairs in found.items()
            if centre == i or graph.has_edge(i, centre) or any(centre in pair for pair in pairs)]


def accountability(graph: nx.MultiDiGraph, focus: str | None) -> Scene:
    """The figure of the one inspection ``focus`` names (or the only one with responses)."""
    chosen = inspections_about(graph, focus)
    if not chosen:
        where = f" about {focus!r}" if focus else ""
        raise UsageError(f"no responses to findings or inspections{where} in the store: nothing to draw")
    if len(chosen) > 1:
        names = ", ".join(graph.nodes[i]["key"] for i in chosen[:8])
        raise UsageError(f"the accountability drawing shows one inspection; give --focus one of {names}"
                         f"{' …' if len(chosen) > 8 else ''}, or --output FOLDER/ for one file each")
    return inspection_figure(graph, chosen[0])


def inspection_figure(graph: nx.MultiDiGraph, inspection: str) -> Scene:
    """One inspection's figure, fitted to an A4 page: fewer lines per finding, then fewer findings."""
    pairs = responses(graph).get(inspection, {})
    data = graph.nodes[inspection]
    body = next((graph.nodes[v]["label"] for _, v, d in graph.out_edges(inspection, data=True)
                 if d["type"] == "inspected"), "")
    title = f"Who responded to {round_label(data)}" + (f" · {body}" if body else "")
    targets, speakers = _order(graph, pairs)
    shown = list(targets)
    for lines in (3, 2, 1):
        scene = _page(graph, title, (pairs, shown, speakers), lines, 0)
        if scene.height <= A4[1]:
            return scene
    while scene.height > A4[1] and len(shown) > 1:
        shown = shown[:-1]
        kept = {pair: claims for pair, claims in pairs.items() if pair[1] in shown}
        scene = _page(graph, title, (kept, shown, [s for s in speakers if any(u == s for u, _ in kept)]), 1,
                      len(targets) - len(shown))
    return scene


def _kind(graph: nx.MultiDiGraph, node: str) -> str:
    data = graph.nodes[node]
    if data["type"] == "Inspection":
        return WHOLE
    kind = data.get("kind", "statement")
    return kind if kind in KIND_COLOURS else "statement"


def _order(graph: nx.MultiDiGraph, pairs) -> tuple[list[str], list[str]]:
    """Findings (kinds in a fixed order) and speakers, each sorted by the mean place of what it is
    linked to; four sweeps of the barycentre heuristic for two layers."""
    kinds = [WHOLE, *KIND_COLOURS]
    targets = sorted({v for _, v in pairs}, key=lambda n: (kinds.index(_kind(graph, n)), graph.nodes[n]["label"]))
    speakers = sorted({u for u, _ in pairs}, key=lambda n: graph.nodes[n]["label"])
    links = defaultdict(set)
    for u, v in pairs:
        links[u].add(v)
        links[v].add(u)

    def mean(node, place):
        return sum(place[m] for m in links[node]) / len(links[node])

    for _ in range(4):
        place = {n: i for i, n in enumerate(targets)}
        speakers.sort(key=lambda n: (mean(n, place), graph.nodes[n]["label"]))
        place = {n: i for i, n in enumerate(speakers)}
        targets.sort(key=lambda n: (kinds.index(_kind(graph, n)), mean(n, place), graph.nodes[n]["label"]))
    return targets, speakers


def _target_box(graph: nx.MultiDiGraph, node: str, lines: int) -> Box:
    data = graph.nodes[node]
    if data["type"] == "Inspection":
        return Box(node, [WHOLE.lower()], *INSPECTION_BOX, tooltip=data["label"], bold=True, min_w=FINDINGS_W)
    fill, edge, kind_label = KIND_COLOURS[_kind(graph, node)]
    text = wrap_points(data["text"], FINDINGS_W - 2 * PAD_X, lines)
    return Box(node, text, fill, edge, tooltip=f"{kind_label}: {data['text']}\n({data.get('source', '')})",
               min_w=FINDINGS_W)


def _speaker_box(graph: nx.MultiDiGraph, node: str) -> Box:
    data = graph.nodes[node]
    fill, edge, _ = ROLE_COLOURS.get(data.get("role_group", "other"), ROLE_COLOURS["other"])
    roles = sorted({d.get("role_label", "") for _, _, d in graph.out_edges(node, data=True)
                    if d["type"] == "holds_role"} - {""})
    return Box(node, wrap_points(data["label"], RESPONDERS_W - 2 * PAD_X, 2, bold=True), fill, edge, bold=True,
               tooltip=data["label"] + (f" ({'; '.join(roles)})" if roles else ""))


def _page(graph, title, content, lines: int, left_out: int) -> Scene:
    """Lay out one page: title, legend, the findings column, the responders column, the links.
    ``content`` is (responses by (speaker, target), targets in order, speakers in order)."""
    pairs, targets, speakers = content
    scene = Scene("\n".join(wrap_points(title, A4[0] - 2 * MARGIN, 2, bold=True, size=TITLE_SIZE)))
    groups: dict[str, list[Box]] = defaultdict(list)
    for node in targets:
        groups[_kind(graph, node)].append(_target_box(graph, node, lines))
    columns = [Column("Findings of the report", [("" if k == WHOLE else KIND_PLURALS[k].capitalize(), b)
                                                 for k, b in groups.items()]),
               Column("Who responded", [("", [_speaker_box(graph, s) for s in speakers])])]
    for (u, v), claims in sorted(pairs.items()):
        scene.links.append(_link(graph, u, v, claims))
    top = MARGIN + TITLE_SIZE * 1.3 * scene.title.count("\n") + TITLE_SIZE * 1.6
    below = place_legend(scene, _legend(graph, scene, speakers), top, A4[0] - MARGIN)
    lay_out(scene, columns, below, gap=GAP, widths=[FINDINGS_W, RESPONDERS_W])
    centres = {b.id: b.y + b.h / 2 for b in scene.boxes}
    speaker_boxes = columns[1].groups[0][1]
    spread(scene, speaker_boxes, {s: sum(centres[v] for u, v in pairs if u == s)
                                  / sum(1 for u, _ in pairs if u == s) for s in speakers})
    if left_out:
        scene.labels.append(Label(f"{left_out} more finding{'s' if left_out > 1 else ''} with responses left out "
                                  "for space: inspectkg query who-responded lists them all.",
                                  MARGIN, scene.height - MARGIN, color="#555555"))
        scene.height += LINE
    scene.width = A4[0]
    return scene


def _link(graph: nx.MultiDiGraph, speaker: str, target: str, claims: list[dict]) -> Link:
    stances = {d.get("stance", "") for d in claims}
    stance = stances.pop() if len(stances) == 1 else ""
    quotes = "\n".join(f"“{clip(d['text'], 160)}” ({d.get('source', '')})" for d in claims)
    return Link(speaker, target, STANCE_COLOURS.get(stance, STANCE_COLOURS[""])[0],
                width=1.2 + 0.6 * min(len(claims) - 1, 3), dashed=not any(d.get("quotation") for d in claims),
                tooltip=f"{graph.nodes[speaker]['label']}:\n{quotes}")


def _legend(graph: nx.MultiDiGraph, scene: Scene, speakers: list[str]) -> list[LegendItem]:
    groups = {graph.nodes[s].get("role_group", "other") for s in speakers}
    legend = [LegendItem(t, f, e) for key, (f, e, t) in ROLE_COLOURS.items() if key in groups]
    used = {link.color for link in scene.links}
    legend += [LegendItem(f"response: {t}", c, c, line=True) for c, t in STANCE_COLOURS.values() if c in used]
    if any(link.dashed for link in scene.links):
        legend.append(LegendItem("reported speech, not a quotation", "#444444", "#444444", line=True, dashed=True))
    return legend


__all__ = ["accountability", "inspection_figure", "inspections_about", "responses", "A4"]
