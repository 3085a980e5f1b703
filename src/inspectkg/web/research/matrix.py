"""The grade matrix of every force: the latest grade per force and area, with its round.

Sorting happens here, by a column id the page offers (``force`` or an area's
id); an unknown id sorts by force.  Grades sort by rank within a scale; a
four-grade and a five-grade rank are not the same thing, so a column mixes
them only when forces were last graded in different rounds (the round is shown).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ... import iris
from ..data import Lookup
from . import grades as grades_mod
from .common import Ref, ref


@dataclass(frozen=True)
class Column:
    id: str  # "investigating_crime": what ?sort= takes
    area: str  # the area's IRI
    label: str


@dataclass(frozen=True)
class Row:
    force: Ref
    cells: tuple[grades_mod.Cell | None, ...]  # one per column: the latest grade(s), or None


@dataclass(frozen=True)
class Matrix:
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    sort: str  # the column id sorted by
    descending: bool


def column_id(area_iri: str) -> str:
    return iris.key_of(area_iri).removeprefix("area/").replace("-", "_")


def _rank(cell: grades_mod.Cell | None) -> tuple:
    if cell is None:
        return (0, 0)
    return (1, max(g.rank for g in cell.grades))


def read(lookup: Lookup, sort: str = "force", descending: bool = False, columns: int | None = None,
         spans: bool = True) -> Matrix:
    """The matrix; ``columns`` keeps only that many areas, those graded for the most forces;
    ``spans=False`` leaves out where each grade is stated (the home page links to /matrix for that)."""
    tables = grades_mod.tables(lookup, spans=False)
    areas = {a.area: a.label for t in tables.values() for a in t.areas}
    if columns is not None:
        graded = {a: sum(any(r.area == a for r in t.areas) for t in tables.values()) for a in areas}
        keep = sorted(areas, key=lambda a: (-graded[a], areas[a].casefold()))[:columns]
        areas = {a: areas[a] for a in keep}
    columns = tuple(sorted((Column(column_id(a), a, label) for a, label in areas.items()),
                           key=lambda c: (c.label.casefold(), c.id)))
    rows = []
    for force, table in tables.items():
        if not any(a.area in areas for a in table.areas):
            continue
        latest = {a.area: a.latest for a in table.areas}
        rows.append(Row(ref(lookup, force), tuple(latest.get(c.area) for c in columns)))
    if spans:  # the spans of the cells shown only
        done = grades_mod.with_sources(lookup, [c for r in rows for c in r.cells])
        rows = [replace(r, cells=tuple(done.get(id(c)) for c in r.cells)) for r in rows]
    ids = [c.id for c in columns]
    if sort not in ids:
        sort = "force"
    by_force = sorted(rows, key=lambda r: (r.force.label.casefold(), r.force.iri), reverse=descending)
    if sort != "force":
        at = ids.index(sort)
        # missing grades stay last whichever way the column is sorted
        graded = sorted((r for r in by_force if r.cells[at] is not None), key=lambda r: _rank(r.cells[at]),
                        reverse=not descending)
        by_force = graded + [r for r in by_force if r.cells[at] is None]
    return Matrix(columns, tuple(by_force), sort, descending)
