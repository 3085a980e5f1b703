"""The values that cross from one pipeline stage to the next.

    read(source)            -> Document
    extract(Document)       -> Extraction     (ingest/extract)
    to_quads(Extraction)    -> list[Quad]     (store/mapping)
    Store.replace(...)      -> one transaction (store/embedded)

Every extracted fact carries ``evidence``: one or more :class:`Span` whose
``exact`` text equals ``document.text[start:end]``; :meth:`Extraction.check`
asserts it.  Entity references between facts are *keys*: the IRI path of the
entity below ``ikd:`` (``force/kent``, ``person/matthew-scott``), minted only by
:mod:`inspectkg.iris`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property


@dataclass(frozen=True, order=True)
class Span:
    """An exact stretch of a document's text: ``text[start:end] == exact``."""

    start: int
    end: int
    exact: str

    def __post_init__(self) -> None:
        if self.start < 0 or self.end <= self.start:
            raise ValueError(f"bad span offsets {self.start}..{self.end}")
        if len(self.exact) != self.end - self.start:
            raise ValueError(f"span text length {len(self.exact)} != {self.end - self.start}")

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Span":
        return cls(start, end, text[start:end])


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Document:
    """A source document as read: its plain text and what we know about it."""

    text: str
    source: str  # path relative to the folder given to build, or the URL
    title: str | None = None
    publisher: str | None = None
    published: str | None = None  # YYYY-MM-DD, YYYY-MM or YYYY
    url: str | None = None
    media_type: str = "text/plain"

    @cached_property
    def sha256(self) -> str:
        return sha256_hex(self.text)

    @property
    def id(self) -> str:
        """First 16 hex digits of the sha256 of the text: the stable document id."""
        return self.sha256[:16]


@dataclass(frozen=True)
class Organisation:
    """A police force, inspectorate or other body named in a document."""

    key: str  # force/<id> or org/<id>
    name: str  # canonical name
    kind: str  # an organisation kind of data/organisation_kinds.csv (police_force, inspectorate, ..., other)
    mentions: tuple[Span, ...] = ()
    confidence: float = 1.0


@dataclass(frozen=True)
class Person:
    key: str  # person/<slug of full name>
    name: str
    mentions: tuple[Span, ...] = ()
    confidence: float = 1.0


@dataclass(frozen=True)
class Appointment:
    """A person holding a role in an organisation, as attested by one document."""

    person: str  # person key
    role: str  # role concept id (roles.csv role_id), e.g. deputy_chief_constable
    organisation: str | None  # organisation key
    title_text: str | None = None  # the title as written
    qualifier: str | None = None  # temporary | acting
    evidence: tuple[Span, ...] = ()
    confidence: float = 1.0


@dataclass(frozen=True)
class Inspection:
    key: str  # inspection/<force id>/<programme>/<period or year>
    inspected: str  # organisation key of the inspected body
    inspectorate: str  # organisation key of the inspectorate
    programme: str  # programme concept id: PEEL, crime_data_integrity, ...
    period: str | None = None  # as stated ("2021/22")
    published: str | None = None
    evidence: tuple[Span, ...] = ()
    confidence: float = 1.0


@dataclass(frozen=True)
class Rating:
    key: str  # rating/<inspection path>/<area>
    inspection: str  # inspection key
    area: str  # area concept id, "overall", or "unspecified"
    grade: str  # grade id: outstanding, good, adequate, requires_improvement, inadequate
    area_text: str | None = None  # the area as the text names it
    area_count: int | None = None  # for unnamed areas: "good in four other areas" -> 4
    scale: str | None = None  # grades.csv scale_id: peel_4tier (to 2018/19) or peel_5tier (2021/22 on)
    evidence: tuple[Span, ...] = ()
    confidence: float = 1.0


@dataclass(frozen=True)
class Finding:
    key: str  # finding/<doc id>/<start>-<end>
    inspection: str | None
    kind: str  # cause_of_concern, area_for_improvement, recommendation, strength, statement
    text: Span
    topic: str | None = None
    evidence: tuple[Span, ...] = ()
    confidence: float = 1.0


@dataclass(frozen=True)
class Claim:
    """A statement attributed to an agent; ``quotation`` for direct speech."""

    key: str  # claim/<doc id>/<start>-<end>
    text: Span
    speaker: str | None  # person or organisation key
    quotation: bool = True
    responds_to: tuple[str, ...] = ()  # finding, rating or inspection keys
    stance: str | None = None  # accepts, disputes, commits_to_action
    evidence: tuple[Span, ...] = ()  # the attribution, when separate from the text
    confidence: float = 1.0


@dataclass(frozen=True)
class Statistic:
    key: str  # statistic/<doc id>/<start>-<end>
    text: Span
    value: Decimal
    measure: str
    unit: str = "count"  # count, percent, gbp, rate_per_100k
    period: str | None = None
    subject: str | None = None  # organisation key the number is about
    confidence: float = 1.0


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one document."""

    document: Document
    organisations: tuple[Organisation, ...] = ()
    people: tuple[Person, ...] = ()
    appointments: tuple[Appointment, ...] = ()
    inspections: tuple[Inspection, ...] = ()
    ratings: tuple[Rating, ...] = ()
    findings: tuple[Finding, ...] = ()
    claims: tuple[Claim, ...] = ()
    statistics: tuple[Statistic, ...] = ()
    main_force: str | None = None  # the force the document is about

    def spans(self):
        """Every span this extraction cites."""
        for group in (self.organisations, self.people):
            for entity in group:
                yield from entity.mentions
        for fact in (*self.appointments, *self.inspections, *self.ratings):
            yield from fact.evidence
        for fact in (*self.findings, *self.claims):
            yield fact.text
            yield from fact.evidence
        for stat in self.statistics:
            yield stat.text

    def check(self) -> None:
        """Raise ValueError when a span does not match the document's text."""
        text = self.document.text
        for span in self.spans():
            if span.end > len(text) or text[span.start : span.end] != span.exact:
                raise ValueError(
                    f"{self.document.source}: span {span.start}..{span.end} "
                    f"{span.exact!r} does not match the document text"
                )
