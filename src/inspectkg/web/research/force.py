"""The force page's content: grades first, then findings and who answered them, people, numbers, documents."""

from __future__ import annotations

from dataclasses import dataclass

from ..data import Lookup
from . import documents as documents_mod
from . import findings as findings_mod
from . import grades as grades_mod
from . import people as people_mod
from . import rounds as rounds_mod
from .common import Ref, Source, node, ref, rows, sources

_STATISTICS = """
SELECT DISTINCT ?stat ?text ?value ?measure ?unit ?period WHERE {
  GRAPH ?g { ?stat a ik:Statistic ; ik:about ?force ; ik:text ?text ; ik:value ?value ; ik:measure ?measure .
             OPTIONAL { ?stat ik:unit ?unit } OPTIONAL { ?stat ik:period ?period } }
}
"""


@dataclass(frozen=True)
class Statistic:
    text: str
    value: str
    measure: str
    unit: str | None
    period: str | None
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class InspectionSection:
    round: rounds_mod.Round
    findings: tuple[findings_mod.Finding, ...]
    responses: tuple[findings_mod.Response, ...]  # to the inspection as a whole or its grades


@dataclass(frozen=True)
class ForcePage:
    force: Ref
    grades: grades_mod.GradeTable
    inspections: tuple[InspectionSection, ...]  # newest first
    offices: tuple[people_mod.Office, ...]
    statistics: tuple[Statistic, ...]
    documents: tuple[documents_mod.Doc, ...]

    @property
    def latest(self) -> tuple[tuple[grades_mod.AreaRow, grades_mod.Cell], ...]:
        """(area, its latest graded cell) per area, newest round first."""
        pairs = [(a, a.latest) for a in self.grades.areas if a.latest is not None]
        order = {r.iri: i for i, r in enumerate(self.grades.rounds)}
        return tuple(sorted(pairs, key=lambda p: (-order[p[1].round.iri], p[0].label)))


def statistics(lookup: Lookup, force: str) -> list[Statistic]:
    found = rows(lookup, _STATISTICS, force=node(force))
    spans = sources(lookup, {r["stat"] for r in found})
    out = [Statistic(r["text"], r["value"], r["measure"], r["unit"], r["period"], spans.get(r["stat"], ()))
           for r in found]
    return sorted(out, key=lambda s: (s.period or "", s.measure, s.text))


def read(lookup: Lookup, force: str) -> ForcePage:
    found = findings_mod.by_inspection(lookup, force=force)
    sections = tuple(
        InspectionSection(r, found[r.iri].findings if r.iri in found else (),
                          found[r.iri].responses if r.iri in found else ())
        for r in reversed(rounds_mod.read(lookup, force=force)))
    return ForcePage(ref(lookup, force), grades_mod.table(lookup, force), sections,
                     tuple(people_mod.offices(lookup, organisation=force)), tuple(statistics(lookup, force)),
                     tuple(documents_mod.about(lookup, force)))
