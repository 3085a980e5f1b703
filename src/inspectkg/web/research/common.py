"""Reading helpers shared by the research pages: rows as dicts, sources, labels, dates."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pyoxigraph import NamedNode

from ... import iris
from ...store.terms import DCTERMS, IK, PROV, RDFS, SKOS
from ..data import Lookup, bound

PREFIXES = " ".join(f"PREFIX {name}: <{base}>" for name, base in (
    ("ik", IK.base), ("rdfs", RDFS.base), ("prov", PROV.base), ("dcterms", DCTERMS.base), ("skos", SKOS.base),
    ("ikg", iris.iri("graph/")),  # ikg:entities, ikg:reference
)) + " "
_YEAR = re.compile(r"(1[89]|20)\d\d")


@dataclass(frozen=True)
class Source:
    """A span of a document that states a value: one click away at ``href``."""

    doc: str  # the document's IRI
    start: int
    end: int

    @property
    def href(self) -> str:
        return f"{path(self.doc)}#span-{self.start}-{self.end}"


@dataclass(frozen=True)
class Ref:
    """A labelled link to an entity page."""

    iri: str
    label: str

    @property
    def href(self) -> str:
        return path(self.iri)


def path(iri_value: str) -> str:
    """``https://w3id.org/inspectkg/id/force/kent`` -> ``/id/force/kent``."""
    from ..templating import entity_path

    return entity_path(iri_value)


def node(iri_value: str) -> NamedNode:
    return NamedNode(iri_value)


def rows(lookup: Lookup, sparql: str, **bindings) -> list[dict[str, str | None]]:
    """A SELECT's rows as dicts of plain strings (None when unbound); bindings are RDF terms."""
    result = lookup.store.query(bound(PREFIXES + sparql, **bindings))
    names = [v.value for v in result.variables]
    return [{name: (row[name].value if row[name] is not None else None) for name in names} for row in result]


def saved(name: str):
    """One shipped saved query, parsed from its file (not the whole folder: parsing every header takes ~0.2 s)."""
    from ...resources import queries_dir
    from ...sparql import queries

    return queries.parse(queries_dir() / f"{name}.rq")


def sources(lookup: Lookup, nodes) -> dict[str, tuple[Source, ...]]:
    """The spans each node was derived from, in document order."""
    found = lookup.evidence(sorted(set(nodes)))
    return {n: tuple(Source(ev.doc, ev.start, ev.end) for ev in spans) for n, spans in found.items()}


def ref(lookup: Lookup, iri_value: str | None) -> Ref | None:
    if not iri_value:
        return None
    return Ref(iri_value, lookup.label(iri_value))


def concept_label(lookup: Lookup, concept: str, code: str) -> str:
    """A vocabulary concept's label; its code as words when the vocabulary does not label it."""
    return lookup.label(concept) if lookup.has_label(concept) else humanise(code)


def humanise(value: str) -> str:
    """``requires_improvement`` -> ``Requires improvement`` (for values no vocabulary labels)."""
    text = value.replace("_", " ").replace("-", " ").strip()
    return text[:1].upper() + text[1:]


def year_of(*values: str | None) -> int | None:
    """The first year named by the first value that names one ("2021/22" -> 2021)."""
    for value in values:
        found = _YEAR.search(value or "")
        if found:
            return int(found.group(0))
    return None


def doc_id(doc_iri: str) -> str:
    return iris.key_of(doc_iri).removeprefix("doc/")
