"""The grade drawings as grids: ``grades`` (one force: areas by inspection round,
a timeline) and ``matrix`` (every force: latest grade by area, on each scale).

Rounds are in time order (:mod:`.rounds`); the rounds of each grade scale form
a band of their own, so 4-grade and 5-grade results are never side by side
without a divide, and undated rounds come last, in a band that says so.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import networkx as nx

from ..errors import UsageError
from ..reference import load as load_reference
from ..network.view import resolve_focus
from .layout import Cell, Grid, LegendItem, wrap
from .rounds import era_of, eras, order, round_label, scale_of, start

GRADE_COLOURS = {  # grade id -> (fill, text colour)
    "outstanding": ("#1a7a3c", "#ffffff"),
    "good": ("#8cc97a", "#111111"),
    "adequate": ("#f3e27a", "#111111"),
    "requires_improvement": ("#f4a259", "#111111"),
    "inadequate": ("#c62f33", "#ffffff"),
}
OVERALL, UNNAMED = "Overall", "Other areas (not named)"
NOT_COMPARABLE = ("The {scales} are not comparable: a grade on one does not mean the same as the same word on "
                  "the other.")


def grade_label(grade_id: str) -> str:
    found = next((g.label for g in load_reference().grades if g.id == grade_id), None)
    return found or grade_id.replace("_", " ").capitalize()


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


def _scales(graph: nx.MultiDiGraph) -> dict[str, str]:
    """inspection -> its grade scale id ('' when not known)."""
    found: dict[str, set[str]] = defaultdict(set)
    for inspection, _, d in _ratings(graph):
        found[inspection].add(d.get("scale", ""))
    return {i: scale_of(graph.nodes[i], s) for i, s in found.items()}


def _era_rank(scale: str) -> int:
    era = era_of(scale)
    return eras().index(era) if era else len(eras())


def _era_title(scale: str) -> str:
    era = era_of(scale)
    return era.title if era else "grade scale not known"


def _cell(assertions: list[dict], extra: str = "") -> Cell:
    """The grade most sources give; a note when sources differ."""
    by_source = {(d.get("source", ""), d.get("grade", "")): d for d in assertions}
    votes = Counter(grade for _, grade in by_source)
    grade = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    lines = wrap(grade_label(grade), 12, 2)
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


def _legend(codes: bool = False) -> list[tuple[str, list[LegendItem]]]:
    return [(era.title, [LegendItem((f"{grade_code(g)} " if codes else "") + grade_label(g),
                                    GRADE_COLOURS.get(g, ("#dddddd",))[0], "#555555")
                         for g in era.grades]) for era in eras()]


def _notes(bands: list[tuple[str, int]]) -> list[str]:
    titles = sorted({t for t, _ in bands if not t.startswith("Undated")})
    notes = [NOT_COMPARABLE.format(scales=" and the ".join(titles))] if len(titles) > 1 else []
    if any(t.startswith("Undated") for t, _ in bands):
        notes.append("Undated rounds (no period or date in the documents) come last, in no particular order.")
    return notes


def _bands(keys: list[tuple[bool, int, str]]) -> list[tuple[str, int]]:
    """Consecutive columns with the same (undated, era) key form one band."""
    bands: list[tuple[str, int]] = []
    last = None
    for undated, _, scale in keys:
        era = era_of(scale)
        title = (f"Undated, {len(era.grades)}-grade scale" if era else "Undated") if undated else _era_title(scale)
        if (undated, scale) == last:
            bands[-1] = (bands[-1][0], bands[-1][1] + 1)
        else:
            bands.append((title, 1))
        last = (undated, scale)
    return bands


def _force_of(graph: nx.MultiDiGraph, focus: str | None) -> str:
    forces = sorted({force for _, force, _ in _ratings(graph)})
    if not forces:
        raise UsageError("the store holds no grades: nothing to draw")
    if focus is None:
        if len(forces) > 1:
            names = ", ".join(graph.nodes[f]["key"] for f in forces[:10])
            raise UsageError(f"the grades drawing shows one force; give --focus (one of {names})")
        return forces[0]
    force = resolve_focus(graph, focus)
    if force not in forces:
        raise UsageError(f"no grades for {graph.nodes[force]['label']} in the store")
    return force


def grades(graph: nx.MultiDiGraph, focus: str | None) -> Grid:
    """One force: a row per area, a column per inspection round in time order, a band per scale."""
    force = _force_of(graph, focus)
    cells: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for inspection, target, d in _ratings(graph):
        if target == force:
            cells[(area_group(d.get("area", "")), inspection)].append(d)
    scales = _scales(graph)
    rows = sorted({a for a, _ in cells}, key=_row_order)

    def key(i: str) -> tuple:
        data = graph.nodes[i]
        return (start(data) is None, _era_rank(scales.get(i, "")), order(data))

    columns = sorted({i for _, i in cells}, key=key)
    bands = _bands([(start(graph.nodes[i]) is None, 0, scales.get(i, "")) for i in columns])
    grid = Grid(
        f"Grades of {graph.nodes[force]['label']} by inspection round",
        row_labels=[wrap(r, 34, 2) for r in rows],
        col_labels=[wrap(round_label(graph.nodes[i]), 14, 3) for i in columns],
        cells=[[_cell(cells[(r, i)]) if (r, i) in cells else None for i in columns] for r in rows],
        corner="area \\ round",
    )
    grid.bands = bands
    grid.legend_rows = _legend()
    grid.notes = _notes(bands) + [
        "Where documents disagree, the grade most of them give is shown and the cell says so.",
        "Areas of different rounds that measure the same thing share a row."]
    return grid


def _latest(graph: nx.MultiDiGraph) -> dict[tuple[str, str, str], tuple[tuple, str, list[dict]]]:
    """(force, scale, area) -> (recency, inspection, ratings) of the latest round grading it on that scale."""
    scales = _scales(graph)
    latest: dict[tuple[str, str, str], tuple[tuple, str, list[dict]]] = {}
    for inspection, force, d in _ratings(graph):
        data = graph.nodes[inspection]
        when = start(data)
        recency = (when is not None, when or "", data.get("key", ""))  # dated beats undated
        cell = (force, scales.get(inspection, ""), area_group(d.get("area", "")))
        known = latest.get(cell)
        if known is None or recency > known[0]:
            latest[cell] = (recency, inspection, [d])
        elif inspection == known[1]:
            known[2].append(d)
    return latest


def grade_code(grade_id: str) -> str:
    """"RI" for requires improvement: the initials of the grade's label."""
    return "".join(word[0].upper() for word in grade_label(grade_id).split())


def _programme_name(data: dict) -> str:
    """"Crime data integrity" from the round's label, its period and any note taken off."""
    label = data.get("short_label") or data.get("label", "")
    return label.replace(data.get("period", "") or "\0", "").split("(")[0].strip(" ,")


def _initials(name: str) -> str:
    words = name.split()
    return words[0] if len(words) == 1 else "".join(w[0].upper() for w in words)


def _short_round(data: dict, common: str) -> str:
    """The round in a few characters: "2021/22", or "CDI 2017" for a programme other than ``common``."""
    period = data.get("period", "") if start(data) is not None else ""
    head = "" if data.get("programme", "") == common else _initials(_programme_name(data))
    return " ".join(x for x in (head, period or "undated") if x)


def _compact_cell(assertions: list[dict], data: dict, common: str) -> Cell:
    """Grade code (×N for N unnamed areas, * where sources differ) over the round."""
    cell = _cell(assertions)
    grade = next(g for g in GRADE_COLOURS if GRADE_COLOURS[g][0] == cell.fill) if cell.fill != "#dddddd" else ""
    counts = {d.get("area_count") for d in assertions if d.get("area_count")}
    code = (grade_code(grade) if grade else "?") + (f"×{max(counts)}" if counts else "")
    code += "*" if "(sources differ)" in cell.lines else ""
    return Cell([code, _short_round(data, common)], cell.fill, tooltip=f"{round_label(data)}\n{cell.tooltip}")


def matrix(graph: nx.MultiDiGraph) -> Grid:
    """Every force: for each grade scale, a band of areas with the latest grade and its round."""
    latest = _latest(graph)
    if not latest:
        raise UsageError("the store holds no grades: nothing to draw")
    forces = sorted({f for f, _, _ in latest}, key=lambda f: graph.nodes[f]["label"])
    columns = sorted({(s, a) for _, s, a in latest}, key=lambda sa: (_era_rank(sa[0]), _row_order(sa[1])))
    common = Counter(graph.nodes[i].get("programme", "") for _, i, _ in latest.values()).most_common(1)[0][0]
    cells = [[_compact_cell(found[2], graph.nodes[found[1]], common) if (found := latest.get((f, s, a))) else None
              for s, a in columns] for f in forces]
    grid = Grid("Latest grade of each force by area, on each grade scale",
                row_labels=[wrap(graph.nodes[f]["label"], 30, 2) for f in forces],
                col_labels=[wrap(a, 18, 3) for _, a in columns], cells=cells, corner="force \\ area",
                turned_heads=True)
    grid.bands = _bands([(False, 0, s) for s, _ in columns])
    grid.legend_rows = _legend(codes=True)
    grid.notes = _notes(grid.bands) + _matrix_notes(graph, latest, common)
    return grid


def _matrix_notes(graph: nx.MultiDiGraph, latest, common: str) -> list[str]:
    rounds = [graph.nodes[i] for _, i, _ in latest.values()]
    common_name = next((_programme_name(d) for d in rounds if d.get("programme", "") == common), common)
    others = sorted({_programme_name(d) for d in rounds if d.get("programme", "") != common})
    named = "; ".join(f"{_initials(n)}: {n}" for n in others)
    return [f"Each cell: the grade of the latest round that graded the area on that scale, over that round "
            f"({common_name} unless named{': ' + named if named else ''}).",
            "An undated round counts only where no dated one graded the area. ×n: n areas not named;"
            " *: the documents disagree, the grade most give is shown."]
