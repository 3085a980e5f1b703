"""Documents as a reader sees them: title, date, publisher, where read from."""

from __future__ import annotations

from dataclasses import dataclass

from ..data import Lookup
from .common import node, path, rows

_DOCS = """
SELECT ?doc (SAMPLE(?src) AS ?source) (SAMPLE(?t) AS ?title) (MIN(STR(?pub)) AS ?published)
       (SAMPLE(?pb) AS ?publisher) WHERE {
  GRAPH ?g { ?doc a ik:Document ; dcterms:source ?src . FILTER_ABOUT
    OPTIONAL { ?doc dcterms:title ?t } OPTIONAL { ?doc ik:published ?pub } OPTIONAL { ?doc dcterms:publisher ?pb } }
} GROUP BY ?doc
"""
ABOUT = "{ ?doc ik:about ?entity } UNION { ?doc ik:mentions ?entity }"


@dataclass(frozen=True)
class Doc:
    iri: str
    title: str  # the headline, else where it was read from
    source: str
    published: str | None
    publisher: str | None

    @property
    def href(self) -> str:
        return path(self.iri)


def _read(lookup: Lookup, about: str | None) -> list[Doc]:
    sparql = _DOCS.replace("FILTER_ABOUT", ABOUT if about else "")
    found = rows(lookup, sparql, **({"entity": node(about)} if about else {}))
    docs = [Doc(r["doc"], r["title"] or r["source"], r["source"], r["published"], r["publisher"]) for r in found]
    return sorted(docs, key=lambda d: (d.published is None, "" if d.published is None else _neg(d.published), d.source))


def _neg(date: str) -> str:
    """A key that sorts dates newest first."""
    return "".join(chr(0x10FFFF - ord(c)) for c in date)


def about(lookup: Lookup, entity: str) -> list[Doc]:
    """Documents about or mentioning an entity, newest first (undated last)."""
    return _read(lookup, entity)


def every(lookup: Lookup) -> list[Doc]:
    """Every document, newest first (undated last)."""
    return _read(lookup, None)
