"""Grades by area and round, for one force, one inspection or every force.

A rating's grade is stated per document; two documents that state different
grades for one rating both appear (the sources disagree), each with the spans
that state it.  Rounds come from :mod:`.rounds` in time order; the four-grade
and five-grade scales are kept apart (``Round.scale``) because their grades do
not compare.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..data import Lookup
from . import rounds as rounds_mod
from .common import Source, doc_id, node, rows, sources
from .rounds import Round

_RATINGS = """
SELECT DISTINCT ?force ?inspection ?rating ?area ?grade ?g WHERE {
  GRAPH ikg:entities { ?inspection ik:inspectedBody ?force . ?rating ik:inspection ?inspection ; ik:area ?area }
  GRAPH ?g { ?attestation ik:attests ?rating ; ik:grade ?grade }
}
"""
# the ten grades' ranks, read once (joined to every rating they took half the time of the query above)
_RANKS = "SELECT ?grade ?rank WHERE { GRAPH ikg:reference { ?grade ik:rank ?rank } }"


@dataclass(frozen=True)
class Grade:
    iri: str  # the grade concept
    label: str  # "Requires improvement"
    rank: int  # higher is better, within one scale
    sources: tuple[Source, ...]
    rating: str = ""  # the rating that gives it (its page has the details)
    docs: tuple[str, ...] = ()  # the ids of the documents that state it

    @property
    def key(self) -> str:
        """The grade's id within its scale ("requires-improvement"): the same word looks the same on both scales."""
        return self.iri.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Cell:
    """The grade(s) one round gave one area: several when the documents disagree."""

    round: Round
    grades: tuple[Grade, ...]

    @property
    def disputed(self) -> bool:
        return len(self.grades) > 1


@dataclass(frozen=True)
class AreaRow:
    area: str
    label: str
    cells: tuple[Cell | None, ...]  # one per round of the table, None where the round did not grade it

    @property
    def latest(self) -> Cell | None:
        """The cell of the most recent dated round that graded this area (an undated one if none is dated)."""
        graded = [c for c in self.cells if c is not None]
        dated = [c for c in graded if c.round.year is not None]
        return (dated or graded or [None])[-1]


@dataclass(frozen=True)
class GradeTable:
    rounds: tuple[Round, ...]  # graded rounds, oldest first
    areas: tuple[AreaRow, ...]  # sorted by label

    @property
    def scales(self) -> tuple[str, ...]:
        return tuple(sorted({s for r in self.rounds for s in r.scale.split()}))


def _cells(lookup: Lookup, found: list[dict]) -> dict[tuple[str, str], list[Grade]]:
    """(inspection, area) -> its grades, each with the documents that state it (no spans yet: see with_sources)."""
    lookup.load({r["grade"] for r in found})
    ranks = {r["grade"]: int(r["rank"]) for r in rows(lookup, _RANKS)}
    by_key: dict[tuple[str, str], dict[str, Grade]] = {}
    for r in found:
        grades = by_key.setdefault((r["inspection"], r["area"]), {})
        old = grades.get(r["grade"])
        docs = tuple(sorted(set((old.docs if old else ()) + (r["g"].rsplit("/", 1)[-1],))))
        rank = ranks.get(r["grade"], 0)
        grades[r["grade"]] = Grade(r["grade"], lookup.label(r["grade"]), rank, (), r["rating"], docs)
    return {k: sorted(v.values(), key=lambda g: (-g.rank, g.label)) for k, v in by_key.items()}


def with_sources(lookup: Lookup, cells) -> dict[int, Cell]:
    """id(cell) -> the cell with each grade's spans (from the documents that state that grade)."""
    cells = [c for c in cells if c is not None]
    spans = sources(lookup, {g.rating for c in cells for g in c.grades})
    return {id(c): replace(c, grades=tuple(
        replace(g, sources=tuple(s for s in spans.get(g.rating, ()) if doc_id(s.doc) in g.docs)) for g in c.grades))
        for c in cells}


def _sourced(lookup: Lookup, table: GradeTable) -> GradeTable:
    done = with_sources(lookup, [c for a in table.areas for c in a.cells])
    return replace(table, areas=tuple(replace(a, cells=tuple(done.get(id(c)) for c in a.cells)) for a in table.areas))


def tables(lookup: Lookup, *, force: str | None = None, inspection: str | None = None,
           spans: bool = True) -> dict[str, GradeTable]:
    """force IRI -> its grade table (areas x rounds), for one force, one inspection or all forces.

    ``spans=False`` leaves out where each grade is stated (``with_sources`` adds it to the cells
    a page shows): reading the spans of every rating of every force is most of the time.
    """
    bindings = {}
    if force:
        bindings["force"] = node(force)
    if inspection:
        bindings["inspection"] = node(inspection)
    found = rows(lookup, _RATINGS, **bindings)
    cells = _cells(lookup, found)
    all_rounds = rounds_mod.read(lookup, force=force, inspection=inspection)
    lookup.load({r["area"] for r in found})
    graded_inspections = {inspection for inspection, _ in cells}
    out = {}
    for force_iri in sorted({r["force"] for r in found}):
        graded = tuple(r for r in all_rounds if r.force.iri == force_iri and r.iri in graded_inspections)
        areas = sorted({r["area"] for r in found if r["force"] == force_iri}, key=lookup.label)
        out[force_iri] = GradeTable(graded, tuple(
            AreaRow(a, lookup.label(a), tuple(
                Cell(rd, tuple(cells[(rd.iri, a)])) if (rd.iri, a) in cells else None for rd in graded))
            for a in areas))
    return {f: _sourced(lookup, t) for f, t in out.items()} if spans else out


def table(lookup: Lookup, force: str) -> GradeTable:
    """One force's grades (an empty table when it has none)."""
    return tables(lookup, force=force).get(force, GradeTable((), ()))
