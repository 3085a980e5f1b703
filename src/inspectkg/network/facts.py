"""The SPARQL reads behind :mod:`inspectkg.network.view`: plain records, sorted.

Shared entity structure is read from ``graph/entities`` (once per fact; the
types of gazetteer forces and inspectorates from the reference graph);
per-document facts (grades and titles on each document's attestations,
findings, claims) from the document graphs, each with the ``dcterms:source``
of its document.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .. import iris, kinds
from ..store.terms import DCTERMS, IK, RDF, RDFS, SKOS

E = f"<{iris.iri(iris.ENTITIES_GRAPH)}>"
R = f"<{iris.iri(iris.REFERENCE_GRAPH)}>"
PREFIXES = (
    f"PREFIX ik: <{IK.base}> PREFIX rdfs: <{RDFS.base}> PREFIX skos: <{SKOS.base}> "
    f"PREFIX dcterms: <{DCTERMS.base}> PREFIX rdf: <{RDF.base}>\n"
)
AGENT_CLASSES = ("Person", *kinds.organisation_classes())


@dataclass(frozen=True)
class Concept:
    notation: str
    label: str
    rank: int | None = None


@dataclass
class AppointmentFact:
    iri: str
    person: str
    role: str
    organisation: str | None
    titles: set[str] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class InspectionFact:
    iri: str
    body: str | None
    inspectorate: str | None
    programme: str | None
    period: str | None
    published: str | None


@dataclass(frozen=True)
class RatingFact:
    iri: str
    inspection: str
    area: str
    grade: str
    source: str
    area_text: str | None
    area_count: int | None


@dataclass(frozen=True)
class FindingFact:
    iri: str
    kind: str
    text: str
    inspection: str | None
    topic: str | None
    source: str


@dataclass(frozen=True)
class ClaimFact:
    iri: str
    speaker: str
    target: str
    text: str
    quotation: bool
    stance: str | None
    source: str


@dataclass
class Facts:
    agents: dict[str, tuple[str, str]]  # IRI -> (type, label)
    labels: dict[str, str]
    concepts: dict[str, Concept]
    appointments: list[AppointmentFact]
    inspections: list[InspectionFact]
    ratings: list[RatingFact]
    findings: list[FindingFact]
    claims: list[ClaimFact]


def _select(store, sparql: str) -> list[dict[str, str | None]]:
    result = store.query(PREFIXES + sparql)
    names = [v.value for v in result.variables]
    return [{n: (s[n].value if s[n] is not None else None) for n in names} for s in result]


def read_facts(store) -> Facts:
    """Everything the network view shows, read from the store with one query per kind of fact."""
    labels = _labels(store)
    return Facts(_agents(store, labels), labels, _concepts(store), _appointments(store),
                 _inspections(store), _ratings(store), _findings(store), _claims(store))


def _concepts(store) -> dict[str, Concept]:
    """Reference concepts by IRI: notation, label, rank."""
    concepts = {
        r["c"]: Concept(r["n"], r["l"] or r["n"], int(r["rank"]) if r["rank"] and r["rank"].isdigit() else None)
        for r in _select(store, f"""SELECT ?c (SAMPLE(?n0) AS ?n) (MIN(?l0) AS ?l) (MIN(?rank0) AS ?rank)
            WHERE {{ GRAPH {R} {{ ?c skos:notation ?n0 . OPTIONAL {{ ?c rdfs:label ?l0 }}
            OPTIONAL {{ ?c ik:rank ?rank0 }} }} }} GROUP BY ?c""")
    }
    return concepts


def _labels(store) -> dict[str, str]:
    """A label per node; the documents' labels first, then the reference graph's."""
    labels: dict[str, str] = {}
    for r in _select(store, f"""SELECT ?s (MIN(?l) AS ?label) WHERE {{ GRAPH ?g {{ ?s rdfs:label ?l }}
            FILTER (?g != {R}) }} GROUP BY ?s"""):
        labels[r["s"]] = r["label"]
    for r in _select(store, f"""SELECT ?s (MIN(?l) AS ?label) WHERE {{ GRAPH {R} {{ ?s rdfs:label ?l }} }}
            GROUP BY ?s"""):
        labels.setdefault(r["s"], r["label"])
    return labels


def _agents(store, labels: dict[str, str]) -> dict[str, tuple[str, str]]:
    """People and organisations: (most specific class, label)."""
    agents: dict[str, tuple[str, str]] = {}
    classes = " ".join(f"ik:{c}" for c in AGENT_CLASSES)
    found: dict[str, set[str]] = defaultdict(set)
    # a gazetteer force's or inspectorate's type is in the reference graph (kept once)
    for r in _select(store, f"""SELECT DISTINCT ?s ?cls WHERE {{
            {{ SELECT DISTINCT ?s WHERE {{ GRAPH ?g {{ ?d ik:mentions ?s }} }} }}
            VALUES ?tg {{ {E} {R} }} GRAPH ?tg {{ ?s a ?cls }} VALUES ?cls {{ {classes} }} }}"""):
        found[r["s"]].add(r["cls"][len(IK.base):])
    for node, classes_of_node in found.items():
        node_type = next(c for c in AGENT_CLASSES if c in classes_of_node)
        agents[node] = (node_type, labels.get(node) or node.rsplit("/", 1)[-1])
    return agents


def _appointments(store) -> list[AppointmentFact]:
    """Who holds which role where, with the titles, sources and dates that attest it."""
    appointments: dict[str, AppointmentFact] = {}
    for r in _select(store, f"""SELECT DISTINCT ?a ?p ?role ?o ?title ?source ?pub WHERE {{
            GRAPH {E} {{ ?a a ik:Appointment ; ik:person ?p ; ik:role ?role . OPTIONAL {{ ?a ik:organisation ?o }} }}
            OPTIONAL {{ GRAPH ?g {{ ?a ik:attestedIn ?doc . OPTIONAL {{ ?att ik:attests ?a ; ik:titleText ?title }}
                OPTIONAL {{ ?doc dcterms:source ?source }} OPTIONAL {{ ?doc ik:published ?pub }} }} }}
            }} ORDER BY ?a"""):
        appt = appointments.setdefault(r["a"], AppointmentFact(r["a"], r["p"], r["role"], r["o"]))
        for attr, value in (("titles", r["title"]), ("sources", r["source"]), ("dates", r["pub"])):
            if value:
                getattr(appt, attr).add(value)
    return sorted(appointments.values(), key=lambda a: a.iri)


def _inspections(store) -> list[InspectionFact]:
    """Inspections with their body, inspectorate, programme, period and first publication."""
    published: dict[str, str] = {}
    for r in _select(store, """SELECT ?i (MIN(STR(?p)) AS ?pub) WHERE { ?i a ik:Inspection ; ik:published ?p }
            GROUP BY ?i"""):
        if r["pub"]:
            published[r["i"]] = r["pub"]
    inspections = [
        InspectionFact(r["i"], r["body"], r["by"], r["prog"], r["period"], published.get(r["i"]))
        for r in _select(store, f"""SELECT ?i (MIN(?b) AS ?body) (MIN(?c) AS ?by) (MIN(?pr) AS ?prog)
            (MIN(?pe) AS ?period) WHERE {{ GRAPH {E} {{ ?i a ik:Inspection .
            OPTIONAL {{ ?i ik:inspectedBody ?b }} OPTIONAL {{ ?i ik:conductedBy ?c }}
            OPTIONAL {{ ?i ik:programme ?pr }} OPTIONAL {{ ?i ik:period ?pe }} }} }} GROUP BY ?i ORDER BY ?i""")
    ]
    return inspections


def _ratings(store) -> list[RatingFact]:
    """Ratings as each document states them."""
    ratings = [
        RatingFact(r["r"], r["i"], r["area"], r["grade"], r["source"] or "", r["t"],
                   int(r["n"]) if r["n"] and r["n"].isdigit() else None)
        for r in _select(store, f"""SELECT DISTINCT ?r ?i ?area ?grade ?source ?t ?n WHERE {{
            GRAPH {E} {{ ?r a ik:Rating ; ik:inspection ?i ; ik:area ?area }}
            GRAPH ?g {{ ?att ik:attests ?r ; ik:grade ?grade .
            OPTIONAL {{ ?att ik:areaText ?t }} OPTIONAL {{ ?att ik:areaCount ?n }}
            OPTIONAL {{ ?doc a ik:Document ; dcterms:source ?source }} }} }}
            ORDER BY ?r ?source ?grade""")
    ]
    return ratings


def _findings(store) -> list[FindingFact]:
    """Findings with their kind (statement when none is stated)."""
    findings = [
        FindingFact(r["f"], r["kind"] or iris.iri("finding-kind/statement"), r["text"], r["i"], r["topic"], r["source"] or "")
        for r in _select(store, """SELECT ?f (MIN(?k) AS ?kind) (MIN(?t) AS ?text) (MIN(?in) AS ?i)
            (MIN(?tp) AS ?topic) (MIN(?src) AS ?source) WHERE { GRAPH ?g { ?f a ik:Finding ; ik:text ?t .
            OPTIONAL { ?f ik:findingKind ?k } OPTIONAL { ?f ik:inspection ?in } OPTIONAL { ?f ik:topic ?tp }
            OPTIONAL { ?doc a ik:Document ; dcterms:source ?src } } } GROUP BY ?f ORDER BY ?f""")
    ]
    return findings


def _claims(store) -> list[ClaimFact]:
    """Claims that answer something: speaker, target, stance."""
    claims = [
        ClaimFact(r["c"], r["sp"], r["target"], r["text"], r["q"] is not None, r["stance"], r["source"] or "")
        for r in _select(store, """SELECT ?c (MIN(?s) AS ?sp) ?target (MIN(?t) AS ?text)
            (SAMPLE(?qt) AS ?q) (MIN(?st) AS ?stance) (MIN(?src) AS ?source)
            WHERE { GRAPH ?g { ?c a ik:Claim ; ik:speaker ?s ; ik:respondsTo ?target ; ik:text ?t .
            OPTIONAL { ?c ik:stance ?st } OPTIONAL { ?c a ?qt FILTER (?qt = ik:Quotation) }
            OPTIONAL { ?doc a ik:Document ; dcterms:source ?src } } }
            GROUP BY ?c ?target ORDER BY ?c ?target""")
    ]
    return claims
