"""Inspections as rounds: a heading that tells them apart, a date, a grade scale, a time order.

Three PEEL inspections of one force are "PEEL 2018/19", "PEEL 2021/22" and
"PEEL 2023/25"; an inspection with no period is named by its publication date
("Crime data integrity, published 2020").  Rounds sort by the first year their
period names, else their publication date, else the first dated document that
mentions them; a round with no date at all sorts first and is marked undated,
so it is never taken for the latest.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ... import iris

from ..data import Lookup, short_name
from .common import Ref, node, ref, rows, year_of

SCALES = {"peel-4tier": "four-grade scale (to 2018/19)", "peel-5tier": "five-grade scale (from 2021/22)"}

# one row per inspection (an inspection stated by two inspectorates or with two periods is still one round);
# its dates and grade scales are read in their own grouped queries, so they do not multiply each other
_ROUNDS = """
SELECT ?inspection ?force (MIN(STR(?programme0)) AS ?programme) (MIN(STR(?period0)) AS ?period)
       (MIN(STR(?inspectorate0)) AS ?inspectorate) WHERE {
  GRAPH ikg:entities { ?inspection a ik:Inspection ; ik:inspectedBody ?force ; ik:programme ?programme0 .
                       OPTIONAL { ?inspection ik:period ?period0 } OPTIONAL { ?inspection ik:conductedBy ?inspectorate0 } }
} GROUP BY ?inspection ?force
"""
_EXTRA = {
    "published": """SELECT ?inspection (MIN(STR(?pub)) AS ?value) WHERE {
      GRAPH ikg:entities { ?inspection ik:inspectedBody ?force } GRAPH ?g { ?inspection ik:published ?pub } } GROUP BY ?inspection""",
    "mentioned": """SELECT ?inspection (MIN(STR(?pub)) AS ?value) WHERE {
      GRAPH ikg:entities { ?inspection ik:inspectedBody ?force }
      GRAPH ?g { ?doc ik:mentions ?inspection ; ik:published ?pub } } GROUP BY ?inspection""",
    "scales": """SELECT ?inspection (GROUP_CONCAT(DISTINCT ?scale; separator=" ") AS ?value) WHERE {
      GRAPH ikg:entities { ?inspection ik:inspectedBody ?force . ?rating ik:inspection ?inspection }
      GRAPH ?g { ?rating ik:grade ?grade } BIND (REPLACE(STR(?grade), "^.*/grade/([^/]+)/.*$", "$1") AS ?scale)
    } GROUP BY ?inspection""",
}


@dataclass(frozen=True)
class Round:
    """One inspection, named and dated for a reader."""

    iri: str
    force: Ref
    inspectorate: Ref | None
    programme: str  # the programme's label: "PEEL"
    period: str | None  # as stated: "2021/22"
    published: str | None  # the inspection's publication date, if a document states it
    date: str | None  # what the round is dated by: published, else the first document mentioning it
    year: int | None
    scale: str  # "peel-4tier", "peel-5tier", "" (no grades), or both separated by a space
    heading: str  # "PEEL 2021/22"; "Crime data integrity, published 2020"
    when: str = ""  # ", published 2020" when the period is unknown

    @property
    def href(self) -> str:
        return _path(self.iri)

    @property
    def scale_label(self) -> str:
        return "; ".join(SCALES.get(s, s) for s in self.scale.split()) if self.scale else ""

    @property
    def dated(self) -> str:
        """When, for a reader: the publication date, else the period (a later document that
        mentions the round does not date it), else when it was first reported, else "undated"."""
        if self.published:
            return self.published
        if self.period:
            return self.period
        return f"first reported {self.date}" if self.date else "undated"

    @property
    def title(self) -> str:
        """The heading with the force: "PEEL 2021/22 of Cumbria Constabulary"."""
        name = self.heading.removesuffix(self.when) if self.when else self.heading
        return f"{name} of {self.force.label}{self.when}"


def _path(iri_value: str) -> str:
    from .common import path

    return path(iri_value)


# where an undated round falls: its grade scale says which era it belongs to
SCALE_YEAR = {"peel-4tier": 2014, "peel-5tier": 2021}


def sort_key(r: Round) -> tuple:
    """Oldest first by the year the round names; an undated round by its scale's era, else first."""
    hint = min((SCALE_YEAR[s] for s in r.scale.split() if s in SCALE_YEAR), default=0)
    return (r.year or hint, r.year is not None, r.period or "", r.date or "", r.heading, r.iri)


def read(lookup: Lookup, *, force: str | None = None, inspection: str | None = None) -> list[Round]:
    """The rounds of one force, one inspection, or all, oldest first; headings are unique within a force."""
    if inspection:
        owner = rows(lookup, "SELECT ?force WHERE { GRAPH ikg:entities { ?inspection ik:inspectedBody ?force } }",
                     inspection=node(inspection))
        if not owner:
            return []
        return [r for r in read(lookup, force=owner[0]["force"]) if r.iri == inspection]
    bindings = {"force": node(force)} if force else {}
    found = rows(lookup, _ROUNDS, **bindings)
    for name, sparql in _EXTRA.items():
        values = {r["inspection"]: r["value"] for r in rows(lookup, sparql, **bindings)}
        for r in found:
            r[name] = values.get(r["inspection"])
    lookup.load([r["programme"] for r in found] + [r["force"] for r in found]
                + [r["inspectorate"] for r in found if r["inspectorate"]])
    out = []
    for r in found:
        programme = short_name(lookup.label(r["programme"]))
        date = r["published"] or r["mentioned"]
        year = year_of(r["period"], r["published"], r["mentioned"])
        when = ("" if r["period"] else f", published {r['published']}" if r["published"] else
                f", reported {r['mentioned']}" if r["mentioned"] else ", undated")
        heading = f"{programme} {r['period']}" if r["period"] else programme + when
        out.append(Round(r["inspection"], ref(lookup, r["force"]), ref(lookup, r["inspectorate"]), programme,
                         r["period"], r["published"], date, year, " ".join(sorted(set((r["scales"] or "").split()))),
                         heading, when))
    return sorted(_apart(out), key=sort_key)


def _apart(found: list[Round]) -> list[Round]:
    """Rounds of one force that would share a heading get their identifier added to it."""
    seen: dict[tuple[str, str], int] = {}
    for r in found:
        seen[(r.force.iri, r.heading)] = seen.get((r.force.iri, r.heading), 0) + 1
    return [replace(r, heading=f"{r.heading} ({iris.key_of(r.iri).split('/', 2)[-1]})", when="")
            if seen[(r.force.iri, r.heading)] > 1 else r for r in found]
