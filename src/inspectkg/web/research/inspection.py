"""The inspection page's content: its grades, its findings with who answered them, its documents."""

from __future__ import annotations

from dataclasses import dataclass

from ..data import Lookup
from . import documents as documents_mod
from . import findings as findings_mod
from . import grades as grades_mod
from . import rounds as rounds_mod


@dataclass(frozen=True)
class InspectionPage:
    round: rounds_mod.Round
    grades: tuple[grades_mod.AreaRow, ...]  # each with one cell: this inspection's grade(s) for the area
    findings: tuple[findings_mod.Finding, ...]
    responses: tuple[findings_mod.Response, ...]  # to the inspection as a whole or to its grades
    documents: tuple[documents_mod.Doc, ...]
    others: tuple[rounds_mod.Round, ...]  # the force's other inspections, oldest first


def read(lookup: Lookup, inspection: str) -> InspectionPage | None:
    """None when the store knows no inspection with this IRI."""
    found = rounds_mod.read(lookup, inspection=inspection)
    if not found:
        return None
    this = found[0]
    table = grades_mod.tables(lookup, inspection=inspection).get(this.force.iri)
    answered = findings_mod.by_inspection(lookup, inspection=inspection).get(inspection)
    others = tuple(r for r in rounds_mod.read(lookup, force=this.force.iri) if r.iri != inspection)
    return InspectionPage(this, table.areas if table else (), answered.findings if answered else (),
                          answered.responses if answered else (), tuple(documents_mod.about(lookup, inspection)),
                          others)
