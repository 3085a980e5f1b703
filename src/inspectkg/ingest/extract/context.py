"""The state one document's extraction steps share.

Each step module under ``ingest/extract`` has ``run(ctx: Context) -> None``: it
reads what earlier steps found and adds its own facts.  :data:`STEPS` in
``ingest/extract/__init__.py`` fixes the order.  At the end
:meth:`Context.to_extraction` freezes everything into a
:class:`inspectkg.model.Extraction`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...model import (
    Appointment, Claim, Document, Extraction, Finding, Inspection, Organisation, Person, Rating,
    Span, Statistic,
)
from ...reference import Reference
from .inspstate import InspectionState
from .state import EntityState


@dataclass(slots=True)  # no attribute can be hung on a Context from outside its fields
class Context:
    document: Document
    reference: Reference
    nlp_doc: object  # spacy.tokens.Doc over document.text (or None for an empty text)
    sentences: list[Span] = field(default_factory=list)
    paragraphs: list[Span] = field(default_factory=list)
    published: str | None = None  # the document's date, YYYY[-MM[-DD]], when known

    # --- filled by the steps -------------------------------------------------------
    organisations: dict[str, Organisation] = field(default_factory=dict)  # key -> entity
    people: dict[str, Person] = field(default_factory=dict)
    appointments: list[Appointment] = field(default_factory=list)
    main_force: str | None = None  # key of the force the document is about
    inspections: dict[str, Inspection] = field(default_factory=dict)
    ratings: dict[str, Rating] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    statistics: list[Statistic] = field(default_factory=list)
    # mention spans resolved to an entity key (people, organisations, pronouns, "the force")
    mentions: dict[tuple[int, int], str] = field(default_factory=dict)
    # --- what steps share beyond the facts: every piece of per-document state is a field here ---
    entity_state: EntityState = field(default_factory=EntityState)  # organisations, people -> quotes
    inspection_state: InspectionState = field(default_factory=InspectionState)  # inspections -> later steps
    sentence_starts: list[int] = field(init=False)  # sentences' starts, for bisect lookups

    def __post_init__(self) -> None:
        self.sentence_starts = [s.start for s in self.sentences]

    @property
    def text(self) -> str:
        return self.document.text

    def span(self, start: int, end: int) -> Span:
        return Span.of(self.document.text, start, end)

    def to_extraction(self) -> Extraction:
        return Extraction(
            document=self.document,
            organisations=tuple(sorted(self.organisations.values(), key=lambda o: o.key)),
            people=tuple(sorted(self.people.values(), key=lambda p: p.key)),
            appointments=tuple(sorted(set(self.appointments), key=lambda a: (a.person, a.role, a.organisation or ""))),
            inspections=tuple(sorted(self.inspections.values(), key=lambda i: i.key)),
            ratings=tuple(sorted(self.ratings.values(), key=lambda r: r.key)),
            findings=tuple(sorted(self.findings, key=lambda f: f.key)),
            claims=tuple(sorted(self.claims, key=lambda c: c.key)),
            statistics=tuple(sorted(self.statistics, key=lambda s: s.key)),
            main_force=self.main_force,
        )
