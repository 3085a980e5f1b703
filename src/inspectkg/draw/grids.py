"""The grade drawings as grids: ``grades`` (one force, areas by inspection round)
and ``matrix`` (every force, latest grade by area)."""

from __future__ import annotations

from collections import Counter, defaultdict

import networkx as nx

from ..errors import UsageError
from ..reference import load as load_reference
from .layout import Cell, Grid, LegendItem, wrap
from .scenes import inspection_order
from ..network.view import resolve_focus

GRADE_COLOURS = {  # grade id -> (fill, text colour)
    "outstanding": ("#1a7a3c", "#ffffff"),
    "good": ("#8cc97a", "#111111"),
    "adequate": ("#f3e27a", "#111111"),
    "requires_improvement": ("#f4a259", "#111111"),
    "inadequate": ("#c62f33", "#ffffff"),
}
GRADE_LABELS = {"outstanding": "Outstanding", "good": "Good", "adequate": "Adequate",
                "requires_improvement": "Requires improvement", "inadequate": "Inadequate"}
SCALES = (
    ("4-tier scale (PEEL to 2018/19, crime data integrity)", ("outstanding", "good", "requires_improvement",
                                                             "inadequate")),
    ("5-tier scale (PEEL 2021/22 on)", ("outstanding", "good", "adequate", "requires_improvement", "inadequate")),
)
OVERALL, UNNAMED = "Overall", "Other areas (not named)"


def area_group(area_id: str) -> str:
    """Areas of different rounds that measure the same thing share a row: peel_areas.csv gold_area."""
    if area_id == "overall":
        return OVERALL
    if area_id == "unspecified":
        return UNNAMED
    areas = {a.id: a for a in load_reference().areas}
    area = areas.get(area_id)
    name = (area.gold_area or area.label) if area else area_id.replace("_", " ")
    return name[:1].upper() + name[1:]


def _row_order(name: str) -> tuple:
    return (name != OVERALL, name == UNNAMED, name)


def _ratings(graph: nx.MultiDiGraph):
    for u, force, d in graph.edges(data=True):
        if d["type"] == "rated":
            yield u, force, d


def _cell(assertions: list[dict], extra: str = "") -> Cell:
    """The grade most sources give; a note when sources differ."""
    by_source = {(d.get("source", ""), d.get("grade", "")): d for d in assertions}
    votes = Counter(grade for _, grade in by_source)
    ranked = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))
    grade = ranked[0][0]
    lines = wrap(GRADE_LABELS.get(grade, grade.replace("_", " ")), 12, 2)
    counts = {d.get("area_count") for d in assertions if d.get("area_count")}
    if counts:
        lines[-1] += f" ×{max(counts)}"
    if len(votes) > 1:
        lines.append("(sources differ)")
    if extra:
        lines.extend(wrap(extra, 16, 2))
    tip = "\n".join(sorted(f"{d.get('grade_label') or d.get('grade')}: {d.get('area_text') or d.get('area_label', '')}"
                           f" ({source})" for (source, _), d in by_source.items()))
    return Cell(lines, GRADE_COLOURS.get(grade, ("#dddddd", "#111111"))[0], tooltip=tip)


def _legend() -> list[tuple[str, list[LegendItem]]]:
    return [(title, [LegendItem(GRADE_LABELS[g], GRADE_COLOURS[g][0], "#555555") for g in grades])
            for title, grades in SCALES]


def grades(graph: nx.MultiDiGraph, focus: str | None) -> Grid:
    forces = sorted({force for _, force, _ in _ratings(graph)})
    if not forces:
        raise UsageError("the store holds no grades: nothing to draw")
    if focus is None:
        if len(forces) > 1:
            names = ", ".join(graph.nodes[f]["key"] for f in forces[:10])
            raise UsageError(f"the grades drawing shows one force; give --focus (one of {names})")
        force = forces[0]
    else:
        force = resolve_focus(graph, focus)
        if force not in forces:
            raise UsageError(f"no grades for {graph.nodes[force]['label']} in the store")
    cells: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for inspection, target, d in _ratings(graph):
        if target == force:
            cells[(area_group(d.get("area", "")), inspection)].append(d)
    rows = sorted({a for a, _ in cells}, key=_row_order)
    columns = sorted({i for _, i in cells}, key=lambda i: inspection_order(graph.nodes[i]))
    grid = Grid(
        f"Grades of {graph.nodes[force]['label']} by inspection round",
        row_labels=[wrap(r, 34, 2) for r in rows],
        col_labels=[wrap(graph.nodes[i].get("short_label", graph.nodes[i]["label"]), 14, 3) for i in columns],
        cells=[[_cell(cells[(r, i)]) if (r, i) in cells else None for i in columns] for r in rows],
        corner="area \\ round",
    )
    grid.legend_rows = _legend()
    grid.notes = ["Where documents disagree, the grade most of them give is shown and the cell says so.",
                  "Areas of different rounds that measure the same thing share a row."]
    return grid


def matrix(graph: nx.MultiDiGraph) -> Grid:
    latest: dict[tuple[str, str], tuple[tuple, str, list[dict]]] = {}
    for inspection, force, d in _ratings(graph):
        area = area_group(d.get("area", ""))
        order = inspection_order(graph.nodes[inspection])
        known = latest.get((force, area))
        if known is None or order > known[0]:
            latest[(force, area)] = (order, inspection, [d])
        elif order == known[0] and inspection == known[1]:
            known[2].append(d)
    if not latest:
        raise UsageError("the store holds no grades: nothing to draw")
    forces = sorted({f for f, _ in latest}, key=lambda f: graph.nodes[f]["label"])
    areas = sorted({a for _, a in latest}, key=_row_order)
    cells = []
    for force in forces:
        row = []
        for area in areas:
            if (force, area) not in latest:
                row.append(None)
                continue
            _, inspection, assertions = latest[(force, area)]
            row.append(_cell(assertions, graph.nodes[inspection].get("short_label", "")))
        cells.append(row)
    grid = Grid("Latest grade of each force by area", row_labels=[wrap(graph.nodes[f]["label"], 30, 2) for f in forces],
                col_labels=[wrap(a, 14, 4) for a in areas], cells=cells, corner="force \\ area")
    grid.legend_rows = _legend()
    grid.notes = ["Each cell shows the grade of the latest inspection round that graded the area, and that round."]
    return grid
