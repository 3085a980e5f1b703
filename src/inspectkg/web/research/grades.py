"""Grades by area and round, for one force, one inspection or every force.

A rating's grade is stated per document; two documents that state different
grades for one rating both appear (the sources disagree), each with the spans
that state it.  Rounds come from :mod:`.rounds` in time order; the four-grade
and five-grade scales are kept apart (``Round.scale``) because their grades do
not compare.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..data import Lookup
from . import rounds as rounds_mod
from .common import Source, doc_id, node, rows, sources
from .rounds import Round

_RATINGS = """
SELECT DISTINCT ?force ?inspection ?rating ?area ?grade ?rank ?g WHERE {
  GRAPH ikg:entities { ?inspection ik:inspectedBody ?force . ?rating ik:inspection ?inspection ; ik:area ?area }
  GRAPH ?g { ?rating ik:grade ?grade }
  OPTIONAL { GRAPH ikg:reference { ?grade ik:rank ?rank } }
}
"""


@dataclass(frozen=True)
class Grade:
    iri: str  # the grade concept
    label: str  # "Requires improvement"
    rank: int  # higher is better, within one scale
    sources: tuple[Source, ...]
    rating: str = ""  # the rating that gives it (its page has the details)

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
    """(inspection, area) -> its grades, each with the spans of the document that states it."""
    spans = sources(lookup, {r["rating"] for r in found})
    lookup.load({r["grade"] for r in found})
    by_key: dict[tuple[str, str], dict[str, Grade]] = {}
    for r in found:
        graph_doc = r["g"].rsplit("/", 1)[-1]
        stated = tuple(s for s in spans.get(r["rating"], ()) if doc_id(s.doc) == graph_doc)
        grades = by_key.setdefault((r["inspection"], r["area"]), {})
        old = grades.get(r["grade"])
        merged = tuple(sorted(set((old.sources if old else ()) + stated), key=lambda s: (s.doc, s.start)))
        rank = int(r["rank"]) if r["rank"] else 0
        grades[r["grade"]] = Grade(r["grade"], lookup.label(r["grade"]), rank, merged, r["rating"])
    return {k: sorted(v.values(), key=lambda g: (-g.rank, g.label)) for k, v in by_key.items()}


def tables(lookup: Lookup, *, force: str | None = None, inspection: str | None = None) -> dict[str, GradeTable]:
    """force IRI -> its grade table (areas x rounds), for one force, one inspection or all forces."""
    bindings = {}
    if force:
        bindings["force"] = node(force)
    if inspection:
        bindings["inspection"] = node(inspection)
    found = rows(lookup, _RATINGS, **bindings)
    cells = _cells(lookup, found)
    all_rounds = rounds_mod.read(lookup, force=force, inspection=inspection)
    lookup.load({r["area"] for r in found})
    out = {}
    for force_iri in sorted({r["force"] for r in found}):
        graded = tuple(r for r in all_rounds if r.force.iri == force_iri and any(k[0] == r.iri for k in cells))
        areas = sorted({r["area"] for r in found if r["force"] == force_iri}, key=lookup.label)
        out[force_iri] = GradeTable(graded, tuple(
            AreaRow(a, lookup.label(a), tuple(
                Cell(rd, tuple(cells[(rd.iri, a)])) if (rd.iri, a) in cells else None for rd in graded))
            for a in areas))
    return out


def table(lookup: Lookup, force: str) -> GradeTable:
    """One force's grades (an empty table when it has none)."""
    return tables(lookup, force=force).get(force, GradeTable((), ()))
