"""Office-holders: who held which role where, with the dates documents attest it.

The saved query ``officials-and-roles`` is the one definition of an attested
role (first and last publication date of the documents that attest it); this
module labels its rows and adds the spans that state each appointment.
"""

from __future__ import annotations

from dataclasses import dataclass

from ... import iris
from ...sparql import queries
from ..data import Lookup
from .common import Ref, Source, concept_label, ref, saved, sources


@dataclass(frozen=True)
class Office:
    person: Ref
    role: str  # "Chief constable"
    organisation: Ref | None
    title: str | None  # the title as a document writes it
    first_attested: str | None
    last_attested: str | None
    documents: int
    sources: tuple[Source, ...]
    appointment: str = ""  # its page has the details
    role_iri: str = ""


def offices(lookup: Lookup, *, person: str | None = None, organisation: str | None = None) -> list[Office]:
    """Appointments of one person or in one organisation, earliest attested first."""
    given = {k: v for k, v in (("person", person), ("in_organisation", organisation)) if v}
    table = queries.run(saved("officials-and-roles"), given, lookup.store).as_dicts()
    keys = {}
    for row in table:
        org_key = iris.key_of(row["organisation"]) if row["organisation"] else None
        keys[id(row)] = iris.iri(iris.appointment(iris.key_of(row["person"]), row["role"], org_key))
    spans = sources(lookup, keys.values())
    roles = {row["role"]: iris.iri(iris.concept("role", row["role"])) for row in table}
    lookup.load(list(roles.values()) + [r["person"] for r in table] + [r["organisation"] for r in table if r["organisation"]])
    out = []
    for row in table:
        role = roles[row["role"]]
        out.append(Office(ref(lookup, row["person"]), concept_label(lookup, role, row["role"]),
                          ref(lookup, row["organisation"]), row["title"], row["first_attested"], row["last_attested"],
                          int(row["documents"] or 0), spans.get(keys[id(row)], ()), keys[id(row)], role))
    return sorted(out, key=lambda o: (o.first_attested or "", o.last_attested or "", o.person.label, o.role))
