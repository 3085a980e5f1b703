"""Our graph, per document, in the gold format (SPARQL over each document graph).

    predict(store) -> {dcterms:source: {"doc", "content", "forces", "organisations", "people",
                                        "inspections", "ratings", "findings", "quotes", "statistics"}}

Every query is scoped with ``GRAPH <ikd:graph/<doc id>>`` and follows
docs/graph-layout.md.  Concept IRIs are turned back into concept ids through
``skos:notation`` in the reference graph when it is there, else through the
IRI slug (:func:`names.concept_id`).  Beside the gold fields each item keeps
what the scorer needs to compare it: our keys (``id``, ``force_id``,
``speaker_id`` …), concept ids and character offsets (``start``/``end`` from
the fact's ``<kind>/<doc>/<start>-<end>`` IRI).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from .. import iris, kinds
from pyoxigraph import NamedNode

from ..store.embedded import REFERENCE, Store
from ..store.mapping import as_said
from ..store.terms import PREFIXES
from . import names

_PREFIX = "".join(f"PREFIX {p}: <{base}>\n" for p, base in PREFIXES.items())
_OFFSETS = re.compile(r"/(\d+)-(\d+)$")
ORG_KINDS = kinds.kind_of_class()  # PoliceForce -> police_force


class _Doc:
    """Queries over one document graph."""

    def __init__(self, store: Store, graph: str, notations: dict[str, str], labels: dict[str, str]):
        # the document graph as the document said it (shared-entity facts are kept once, in
        # graph/entities: see docs/graph-layout.md), in a store of its own
        self.store = Store(None)
        self.store.raw.extend(as_said(store.quads(NamedNode(graph))))
        self.graph = graph
        self.notations = notations
        self.all_labels = labels
        self.labels = {row["s"]: row["l"] for row in self.rows("SELECT ?s ?l WHERE { GRAPH $g { ?s rdfs:label ?l } }")}

    def rows(self, sparql: str, one_per: str | None = None) -> list[dict[str, str | None]]:
        """Solutions as dicts of strings, sorted; ``one_per``: keep the first row per value of that variable."""
        text = _PREFIX + sparql.replace("$g", f"<{self.graph}>")
        result = self.store.query(text)
        columns = [v.value for v in result.variables]
        out = [{c: (row[c].value if row[c] is not None else None) for c in columns} for row in result]
        out.sort(key=lambda r: tuple(r[c] or "" for c in columns))
        if one_per is not None:
            seen: set[str | None] = set()
            out = [r for r in out if not (r[one_per] in seen or seen.add(r[one_per]))]
        return out

    def label(self, iri_value: str | None) -> str | None:
        if not iri_value:
            return None
        return self.labels.get(iri_value) or self.all_labels.get(iri_value)

    def concept(self, scheme: str, iri_value: str | None) -> str | None:
        if iri_value in self.notations:
            return self.notations[iri_value]
        return names.concept_id(scheme, iri_value)


def _key(iri_value: str | None) -> str | None:
    if iri_value and iri_value.startswith(iris.BASE):
        return iri_value[len(iris.BASE):]
    return iri_value


def _offsets(iri_value: str) -> tuple[int | None, int | None]:
    found = _OFFSETS.search(iri_value or "")
    return (int(found.group(1)), int(found.group(2))) if found else (None, None)


def _force_of_key(key: str | None) -> str | None:
    """``inspection/kent/peel/2021-22`` or ``rating/kent/…`` -> ``force/kent``."""
    parts = (key or "").split("/")
    return f"force/{parts[1]}" if len(parts) > 2 and parts[0] in ("inspection", "rating") else None


def _number(value: str | None) -> float | int | None:
    try:
        number = Decimal(value or "")
    except InvalidOperation:
        return None
    return int(number) if number == number.to_integral_value() else float(number)


def _reference_lookups(store: Store) -> tuple[dict[str, str], dict[str, str]]:
    notations = {}
    labels = {}
    for row in store.query(f"SELECT ?c ?n WHERE {{ GRAPH {REFERENCE} {{ ?c <{PREFIXES['skos']}notation> ?n }} }}"):
        notations.setdefault(row["c"].value, row["n"].value)
    for row in store.query(f"SELECT ?s ?l WHERE {{ ?s <{PREFIXES['rdfs']}label> ?l }}"):
        labels.setdefault(row["s"].value, row["l"].value)
    return notations, labels


def predict(store: Store) -> dict[str, dict]:
    """Every stored document, in the gold format, by its ``dcterms:source``."""
    notations, labels = _reference_lookups(store)
    out = {}
    for source, stored in sorted(store.documents().items()):
        out[source] = predict_document(_Doc(store, stored.graph.value, notations, labels), source)
    return out


_ORGANISATION_CLASSES = " ".join(f"ik:{cls}" for cls in kinds.organisation_classes() if cls != "PoliceForce")


def predict_document(doc: _Doc, source: str) -> dict:
    """One document graph in the gold format: a key per category, in the gold file's order."""
    content = doc.rows("SELECT ?c WHERE { GRAPH $g { ?d a ik:Document ; ik:content ?c } }")
    result = {"doc": source, "content": content[0]["c"] if content else ""}
    for category, read in (("forces", _forces), ("organisations", _organisations), ("people", _people),
                           ("inspections", _inspections), ("ratings", _ratings), ("findings", _findings),
                           ("quotes", _quotes), ("statistics", _statistics)):
        result[category] = read(doc)
    return result


def _forces(doc: _Doc) -> list[dict]:
    return [
        {"name": doc.label(r["f"]), "id": _key(r["f"])}
        for r in doc.rows("SELECT DISTINCT ?f WHERE { GRAPH $g { ?f a ik:PoliceForce } }")
    ]


def _organisations(doc: _Doc) -> list[dict]:
    orgs = {}
    for r in doc.rows(
        "SELECT ?o ?cls WHERE { GRAPH $g { ?o a ?cls } VALUES ?cls { %s } }" % _ORGANISATION_CLASSES
    ):
        kind = ORG_KINDS.get(r["cls"].rsplit("#", 1)[-1], "other")
        orgs.setdefault(r["o"], {"name": doc.label(r["o"]), "id": _key(r["o"]), "kind": kind})
    return list(orgs.values())


def _people(doc: _Doc) -> list[dict]:
    people = {
        r["p"]: {"name": doc.label(r["p"]), "id": _key(r["p"]), "roles": []}
        for r in doc.rows("SELECT DISTINCT ?p WHERE { GRAPH $g { ?p a ik:Person } }")
    }
    for r in doc.rows(
        "SELECT ?a ?p ?r ?o ?q ?t WHERE { GRAPH $g { ?a a ik:Appointment ; ik:person ?p ; ik:role ?r . "
        "OPTIONAL { ?a ik:organisation ?o } OPTIONAL { ?a ik:qualifier ?q } OPTIONAL { ?a ik:titleText ?t } } }", one_per="a"
    ):
        person = people.setdefault(r["p"], {"name": doc.label(r["p"]), "id": _key(r["p"]), "roles": []})
        role_id = doc.concept("role", r["r"])
        person["roles"].append({
            "role": names.gold_role(role_id, r["q"]), "role_id": role_id, "qualifier": r["q"],
            "title_text": r["t"], "organisation": doc.label(r["o"]), "organisation_id": _key(r["o"]),
        })
    return list(people.values())


def _inspections(doc: _Doc) -> list[dict]:
    inspections = []
    evidence: dict[str, list[str]] = {}
    for r in doc.rows(
        "SELECT ?i ?exact WHERE { GRAPH $g { ?i a ik:Inspection ; prov:wasDerivedFrom ?s . ?s ik:exact ?exact } }"
    ):
        evidence.setdefault(r["i"], []).append(r["exact"])
    for r in doc.rows(
        "SELECT ?i ?b ?prog ?by ?period ?pub WHERE { GRAPH $g { ?i a ik:Inspection ; ik:inspectedBody ?b ; "
        "ik:programme ?prog . OPTIONAL { ?i ik:conductedBy ?by } OPTIONAL { ?i ik:period ?period } "
        "OPTIONAL { ?i ik:published ?pub } } }", one_per="i"
    ):
        programme = doc.concept("programme", r["prog"])
        inspections.append({
            "id": _key(r["i"]), "force": doc.label(r["b"]), "force_id": _key(r["b"]),
            "inspectorate": doc.label(r["by"]), "programme": names.gold_programme(programme),
            "programme_id": programme, "period": r["period"], "published": r["pub"],
            "evidence": sorted(evidence.get(r["i"], [])),
        })
    return inspections


def _ratings(doc: _Doc) -> list[dict]:
    ratings = []
    for r in doc.rows(
        "SELECT ?r ?i ?area ?grade ?text ?count ?b WHERE { GRAPH $g { ?r a ik:Rating ; ik:inspection ?i ; "
        "ik:area ?area ; ik:grade ?grade . OPTIONAL { ?r ik:areaText ?text } OPTIONAL { ?r ik:areaCount ?count } "
        "OPTIONAL { ?i ik:inspectedBody ?b } } }", one_per="r"
    ):
        area_id = doc.concept("area", r["area"])
        count = _number(r["count"])
        force_key = _key(r["b"]) or _force_of_key(_key(r["i"])) or _force_of_key(_key(r["r"]))
        if area_id == "unspecified":
            area = f"unspecified ({count} areas)" if count is not None else "unspecified"
        else:
            strings = names.area_strings(area_id, r["text"])
            area = strings[0] if strings else area_id
        ratings.append({
            "id": _key(r["r"]), "inspection": _key(r["i"]), "force": doc.label(iris.iri(force_key)) if force_key else None,
            "force_id": force_key, "area": area, "area_id": area_id, "area_text": r["text"], "area_count": count,
            "grade": names.gold_grade(doc.concept("grade", r["grade"])),
        })
    return ratings


def _findings(doc: _Doc) -> list[dict]:
    findings = []
    for r in doc.rows(
        "SELECT ?f ?text ?kind ?i WHERE { GRAPH $g { ?f a ik:Finding ; ik:text ?text . "
        "OPTIONAL { ?f ik:findingKind ?kind } OPTIONAL { ?f ik:inspection ?i } } }", one_per="f"
    ):
        start, end = _offsets(r["f"])
        findings.append({
            "id": _key(r["f"]), "inspection": _key(r["i"]), "kind": doc.concept("finding-kind", r["kind"]),
            "text": r["text"], "start": start, "end": end,
        })
    return findings


def _quotes(doc: _Doc) -> list[dict]:
    targets: dict[str, list[str]] = {}
    for r in doc.rows("SELECT ?c ?t WHERE { GRAPH $g { ?c a ik:Quotation ; ik:respondsTo ?t } }"):
        targets.setdefault(r["c"], []).append(_key(r["t"]))
    quotes = []
    for r in doc.rows(
        "SELECT ?c ?text ?speaker WHERE { GRAPH $g { ?c a ik:Quotation ; ik:text ?text . "
        "OPTIONAL { ?c ik:speaker ?speaker } } }", one_per="c"
    ):
        start, end = _offsets(r["c"])
        quotes.append({
            "id": _key(r["c"]), "text": r["text"], "speaker": doc.label(r["speaker"]),
            "speaker_id": _key(r["speaker"]), "responds_to": targets.get(r["c"], []), "start": start, "end": end,
        })
    return quotes


def _statistics(doc: _Doc) -> list[dict]:
    statistics = []
    for r in doc.rows(
        "SELECT ?s ?text ?value ?measure ?period WHERE { GRAPH $g { ?s a ik:Statistic ; ik:text ?text ; "
        "ik:value ?value . OPTIONAL { ?s ik:measure ?measure } OPTIONAL { ?s ik:period ?period } } }", one_per="s"
    ):
        start, end = _offsets(r["s"])
        statistics.append({
            "id": _key(r["s"]), "text": r["text"], "value": _number(r["value"]), "measure": r["measure"],
            "period": r["period"], "start": start, "end": end,
        })
    return statistics
