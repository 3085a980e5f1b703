"""The home page's counts and the lists they link to: forces, people, inspections, documents (paged).

Counts are of what documents in the store state, never of the reference data
(the gazetteer knows every force; the store may hold nine).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from ..data import Lookup
from . import documents as documents_mod
from . import rounds as rounds_mod
from .common import Ref, ref, rows

T = TypeVar("T")
PAGE_SIZE = 50

# a force the store's documents name: its type is in the entity graph, or (a gazetteer force)
# only in the reference graph, which knows every force; the mention is what puts it in the store
FORCES = ("VALUES ?tg { ikg:entities ikg:reference } GRAPH ?tg { ?x a ik:PoliceForce } "
          "FILTER EXISTS { GRAPH ?mg { ?md ik:mentions ?x } }")

# list name -> (what one is called, how to count them: a pattern over one graph ?g)
COUNTED = {
    "forces": ("force", FORCES),
    "people": ("person", "GRAPH ikg:entities { ?x a ik:Person }"),
    "inspections": ("inspection", "GRAPH ikg:entities { ?x a ik:Inspection }"),
    "documents": ("document", "GRAPH ?g { ?x a ik:Document }"),
    "ratings": ("rating", "GRAPH ikg:entities { ?x a ik:Rating }"),
    "findings": ("finding", "GRAPH ?g { ?x a ik:Finding }"),
    "quotations": ("quotation", "GRAPH ?g { ?x a ik:Quotation }"),
}
LISTED = ("forces", "people", "inspections", "documents")  # the counts that link to a list


@dataclass(frozen=True)
class Count:
    name: str  # "forces"
    number: int
    href: str | None  # the list page, for the kinds that have one


@dataclass(frozen=True)
class Page(Generic[T]):
    items: tuple[T, ...]
    number: int  # 1-based
    pages: int
    total: int


@dataclass(frozen=True)
class Entry:
    """One line of the forces or people list."""

    entity: Ref
    detail: str  # "3 inspections" / "Chief Constable, Cumbria Constabulary"


def counts(lookup: Lookup) -> tuple[Count, ...]:
    parts = " ".join(f"{{ SELECT (COUNT(DISTINCT ?x) AS ?n_{name}) WHERE {{ {pattern} }} }}"
                     for name, (_, pattern) in COUNTED.items())
    row = rows(lookup, f"SELECT * WHERE {{ {parts} }}")[0]
    return tuple(Count(name, int(row[f"n_{name}"]), f"/{name}" if name in LISTED else None) for name in COUNTED)


def paged(items, number: int, size: int = PAGE_SIZE) -> Page:
    """Page ``number`` (1-based; out-of-range numbers give the nearest page) of a list."""
    pages = max(1, -(-len(items) // size))
    number = min(max(1, number), pages)
    return Page(tuple(items[(number - 1) * size: number * size]), number, pages, len(items))


def forces(lookup: Lookup) -> list[Entry]:
    found = rows(lookup, f"""SELECT ?force (COUNT(DISTINCT ?i) AS ?n) WHERE {{ {FORCES}
      BIND (?x AS ?force) OPTIONAL {{ GRAPH ikg:entities {{ ?i ik:inspectedBody ?force }} }} }} GROUP BY ?force""")
    lookup.load(r["force"] for r in found)
    out = [Entry(ref(lookup, r["force"]), _plural(int(r["n"]), "inspection")) for r in found]
    return sorted(out, key=lambda e: (e.entity.label.casefold(), e.entity.iri))


def people(lookup: Lookup) -> list[Entry]:
    found = rows(lookup, """SELECT ?person (GROUP_CONCAT(DISTINCT ?what; separator="|") AS ?roles) WHERE {
      GRAPH ikg:entities { ?person a ik:Person
        OPTIONAL { ?a ik:person ?person ; ik:role ?role OPTIONAL { ?a ik:organisation ?org }
                   BIND (CONCAT(STR(?role), " ", COALESCE(STR(?org), "")) AS ?what) } } } GROUP BY ?person""")
    pairs = {r["person"]: [w.split(" ") for w in (r["roles"] or "").split("|") if w] for r in found}
    lookup.load(set(pairs) | {x for ws in pairs.values() for w in ws for x in w if x})
    out = []
    for person, roles in pairs.items():
        detail = "; ".join(sorted(lookup.label(role) + (f", {lookup.label(org)}" if org else "") for role, org in roles))
        out.append(Entry(ref(lookup, person), detail))
    return sorted(out, key=lambda e: (e.entity.label.casefold(), e.entity.iri))


def inspections(lookup: Lookup) -> list[rounds_mod.Round]:
    """Every inspection, newest first."""
    return list(reversed(rounds_mod.read(lookup)))


def documents(lookup: Lookup) -> list[documents_mod.Doc]:
    return documents_mod.every(lookup)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")
