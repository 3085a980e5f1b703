"""The person page's content: roles over time, and quotations grouped by the inspection they answer."""

from __future__ import annotations

from dataclasses import dataclass

from ..data import Lookup
from . import people as people_mod
from . import rounds as rounds_mod
from .common import Ref, Source, node, ref, rows, sources

_SAID = """
SELECT DISTINCT ?claim ?text ?quotation ?stance ?published ?target ?inspection WHERE {
  GRAPH ?g { ?claim a ik:Claim ; ik:speaker ?person ; ik:text ?text . ?doc a ik:Document }
  BIND (EXISTS { GRAPH ?g { ?claim a ik:Quotation } } AS ?quotation)
  OPTIONAL { GRAPH ?g { ?claim ik:stance ?stance } }
  OPTIONAL { GRAPH ?g { ?doc ik:published ?published } }
  OPTIONAL { GRAPH ?g { ?claim ik:respondsTo ?target }
             OPTIONAL { GRAPH ikg:entities { ?target a ik:Inspection } BIND (?target AS ?inspection0) }
             OPTIONAL { GRAPH ?tg { ?target ik:inspection ?inspection1 } } }
  BIND (COALESCE(?inspection0, ?inspection1) AS ?inspection)
}
"""


@dataclass(frozen=True)
class Said:
    claim: str
    text: str
    quotation: bool  # a direct quotation, else reported speech
    stance: str | None
    date: str | None
    answers: tuple[Ref, ...]  # the findings, ratings or inspection of this group's inspection it answers
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class SaidGroup:
    round: rounds_mod.Round | None  # None: statements that answer no inspection
    said: tuple[Said, ...]  # oldest first


@dataclass(frozen=True)
class PersonPage:
    person: Ref
    offices: tuple[people_mod.Office, ...]
    groups: tuple[SaidGroup, ...]  # newest inspection first, unattached statements last


def said(lookup: Lookup, person: str) -> tuple[SaidGroup, ...]:
    found = rows(lookup, _SAID, person=node(person))
    spans = sources(lookup, {r["claim"] for r in found})
    lookup.load({r["stance"] for r in found if r["stance"]} | {r["target"] for r in found if r["target"]})
    claims: dict[tuple[str | None, str], list[dict]] = {}  # (inspection, claim) -> its rows, one per target
    for r in found:
        claims.setdefault((r["inspection"], r["claim"]), []).append(r)
    grouped: dict[str | None, list[Said]] = {}
    for (inspection, claim), each in claims.items():
        r = each[0]
        answers = tuple(sorted({ref(lookup, x["target"]) for x in each if x["target"]}, key=lambda a: a.label))
        grouped.setdefault(inspection, []).append(Said(
            claim, r["text"], r["quotation"] == "true", lookup.label(r["stance"]) if r["stance"] else None,
            r["published"], answers, spans.get(claim, ())))
    known = {r.iri: r for i in grouped if i for r in rounds_mod.read(lookup, inspection=i)}
    order = sorted((i for i in grouped if i in known), key=lambda i: rounds_mod.sort_key(known[i]), reverse=True)
    order += [i for i in grouped if i not in known]  # unattached (None) or an inspection with no record
    return tuple(SaidGroup(known.get(i), tuple(sorted(grouped[i], key=lambda s: (s.date or "", s.text, s.claim))))
                 for i in order)


def read(lookup: Lookup, person: str) -> PersonPage:
    return PersonPage(ref(lookup, person), tuple(people_mod.offices(lookup, person=person)), said(lookup, person))
