"""Hand-made extractions for store and mapping tests (our own text)."""

from __future__ import annotations

from decimal import Decimal

from inspectkg import iris
from inspectkg.model import (
    Appointment, Claim, Document, Extraction, Finding, Inspection, Organisation, Person, Rating, Span,
    Statistic,
)


def find(text: str, part: str) -> Span:
    start = text.index(part)
    return Span.of(text, start, start + len(part))


def sample_extraction(text: str | None = None, source: str = "sample.txt") -> Extraction:
    text = text or (
        "Inspectors rated Exampleshire Police good at investigating crime in 2022.\n"
        "Chief Constable Jane Roe said: \"We accept the report in full.\"\n"
        "The report found 12 per cent of crimes were not recorded."
    )
    doc = Document(text, source, title="A sample", published="2022-04-14")
    insp = iris.inspection("kent", "PEEL", "2021/22")
    finding = Finding(
        iris.in_document("finding", doc.id, *_bounds(text, "12 per cent of crimes were not recorded")),
        insp, "statement", find(text, "12 per cent of crimes were not recorded"), topic="crime recording",
    )
    claim_span = find(text, "We accept the report in full.")
    return Extraction(
        document=doc,
        organisations=(
            Organisation("force/kent", "Kent Police", "police_force", (find(text, "Exampleshire Police"),)),
            Organisation("org/hmicfrs", "HMICFRS", "inspectorate"),
        ),
        people=(Person("person/jane-roe", "Jane Roe", (find(text, "Jane Roe"),)),),
        appointments=(
            Appointment("person/jane-roe", "chief_constable", "force/kent", "Chief Constable",
                        evidence=(find(text, "Chief Constable Jane Roe"),), confidence=0.9),
        ),
        inspections=(Inspection(insp, "force/kent", "org/hmicfrs", "PEEL", "2021/22", "2022-04",
                                (find(text, "Inspectors rated Exampleshire Police good"),)),),
        ratings=(Rating(iris.rating(insp, "investigating_crime"), insp, "investigating_crime", "good",
                        "investigating crime", scale="peel_5tier",
                        evidence=(find(text, "rated Exampleshire Police good at investigating crime"),)),),
        findings=(finding,),
        claims=(Claim(iris.in_document("claim", doc.id, claim_span.start, claim_span.end), claim_span,
                      "person/jane-roe", responds_to=(insp,), stance="accepts",
                      evidence=(find(text, "Chief Constable Jane Roe said"),)),),
        statistics=(Statistic(iris.in_document("statistic", doc.id, *_bounds(text, "12 per cent")),
                              find(text, "12 per cent"), Decimal("12"), "crimes not recorded", "percent",
                              "2022", "force/kent"),),
        main_force="force/kent",
    )


def _bounds(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)
