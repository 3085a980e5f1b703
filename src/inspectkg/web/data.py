"""Reading the store for the pages: labels, kinds, evidence spans, document text.

A ``Lookup`` lives for one request and caches what it read, so a page asks for
each label or document text once.  Values are bound with ``substitutions`` or
written as IRIs checked by pyoxigraph; text from a request never enters a query.
"""

from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import NamedNode

from .. import iris
from ..store.terms import DCTERMS, IK, PROV, RDF, RDFS, SKOS

IK_BASE = iris.ONT

# a node's display kind, from its classes (first match wins)
KIND_OF_CLASS = [
    ("Quotation", "quotation"), ("Claim", "claim"), ("Person", "person"), ("Rating", "rating"),
    ("Finding", "finding"), ("Statistic", "statistic"), ("Appointment", "appointment"),
    ("Inspection", "inspection"), ("PoliceForce", "organisation"), ("Inspectorate", "organisation"),
    ("PccOffice", "organisation"), ("GovernmentBody", "organisation"), ("Charity", "organisation"),
    ("StaffAssociation", "organisation"), ("Organisation", "organisation"), ("Document", "document"),
    ("TextSpan", "span"),
]
_KIND_RANK = {kind: i for i, (_, kind) in enumerate(KIND_OF_CLASS)}
_KIND_BY_CLASS = {IK_BASE + cls: kind for cls, kind in KIND_OF_CLASS}

# the graphs that hold shared entities and vocabularies, each fact once
_SHARED_GRAPHS = "VALUES ?g { " + " ".join(
    str(NamedNode(iris.iri(g))) for g in (iris.ENTITIES_GRAPH, iris.REFERENCE_GRAPH)) + " }"

# label properties, best first
_LABEL_PROPS = [RDFS.label, SKOS.prefLabel, DCTERMS.title, IK.text, IK.exact]
LABEL_PROP_VALUES = {p.value for p in _LABEL_PROPS}


def kind_of(types: set[str]) -> str:
    kinds = [_KIND_BY_CLASS[t] for t in types if t in _KIND_BY_CLASS]
    if kinds:
        return min(kinds, key=_KIND_RANK.__getitem__)
    return "concept" if any(t.startswith(SKOS.base) or t.startswith(IK_BASE) for t in types) else "thing"


def _values(nodes) -> str:
    return " ".join(str(NamedNode(n)) for n in sorted(set(nodes)))


def short_name(label: str) -> str:
    """A name without its spelled-out expansion: "PEEL (police effectiveness, ...)" -> "PEEL"."""
    return label.split(" (", 1)[0].strip() or label


def bound(sparql: str, **bindings) -> str:
    """The query with ``bindings`` (name -> RDF term) as a VALUES row at the top of its first WHERE."""
    if not bindings:
        return sparql
    names = " ".join(f"?{k}" for k in bindings)
    row = " ".join(str(v) for v in bindings.values())
    head, brace, rest = sparql.partition("WHERE {")
    return f"{head}{brace} VALUES ({names}) {{ ({row}) }} {rest}"


@dataclass(frozen=True)
class Evidence:
    span: str
    doc: str
    start: int
    end: int


class Lookup:
    def __init__(self, store):
        self.store = store
        self._labels: dict[str, str] = {}
        self._types: dict[str, set[str]] = {}
        self._texts: dict[str, str] = {}

    def select(self, sparql: str, **bindings):
        """Rows of a SELECT; ``bindings`` (name -> term) become a VALUES row at the top of WHERE.

        Terms print themselves in N-Triples syntax (pyoxigraph escapes literals), so a
        value from a request is data, never query text.
        """
        return list(self.store.query(bound(sparql, **bindings)))

    # --- labels and kinds --------------------------------------------------------------

    def load(self, nodes) -> None:
        """Fetch labels and types of IRIs not seen yet.

        Shared entities (forces, people, inspections, ...) and vocabulary concepts are read from
        the entities and reference graphs, which hold each of their facts once; only what those
        do not know (documents, findings, claims) is read from the union of every document's
        graph, where a force's label is repeated once per document that names it.
        """
        todo = [n for n in set(nodes) if n not in self._types and n.startswith(("http://", "https://"))]
        if not todo:
            return
        for n in todo:
            self._types[n] = set()
        for chunk in _chunks(sorted(todo), 200):
            known = self._read(chunk, _SHARED_GRAPHS)
            self._read([n for n in chunk if n not in known], "")
        self._derive_labels([n for n in todo if n not in self._labels])

    def _read(self, chunk, graphs: str) -> set[str]:
        """Types and labels of ``chunk`` (from ``graphs``, a VALUES ?g clause, or all graphs); the nodes found."""
        if not chunk:
            return set()
        values = _values(chunk)
        where = f"{graphs} GRAPH ?g {{ ?s ?p ?l }}" if graphs else "?s ?p ?l"
        found_types = self.select(
            f"SELECT DISTINCT ?s ?t WHERE {{ VALUES ?s {{ {values} }} VALUES ?p {{ {RDF.type} }} "
            f"{where.replace('?l', '?t')} }}")
        for row in found_types:
            self._types[row["s"].value].add(row["t"].value)
        props = " ".join(str(p) for p in _LABEL_PROPS)
        found: dict[str, dict[str, str]] = {}
        for row in self.select(
            f"SELECT ?s ?p (MIN(STR(?l)) AS ?label) WHERE {{ VALUES ?s {{ {values} }} VALUES ?p {{ {props} }} "
            f"{where} }} GROUP BY ?s ?p"
        ):
            found.setdefault(row["s"].value, {})[row["p"].value] = row["label"].value
        for s, by_prop in found.items():
            for p in _LABEL_PROPS:
                if p.value in by_prop:
                    self._labels[s] = _short(by_prop[p.value])
                    break
        return {row["s"].value for row in found_types} | set(found)

    def _derive_labels(self, nodes) -> None:
        """Names for appointments, inspections and ratings, which have no rdfs:label."""
        kinds = {n: kind_of(self._types.get(n, set())) for n in nodes}
        wanted = [n for n, k in kinds.items() if k in ("appointment", "inspection", "rating")]
        if not wanted:
            return
        parts: dict[str, dict[str, str]] = {}
        props = f"{IK.person} {IK.role} {IK.organisation} {IK.inspectedBody} {IK.programme} {IK.period} {IK.area} {IK.inspection}"
        for chunk in _chunks(sorted(wanted), 200):
            for row in self.select(
                f"SELECT ?s ?p (MIN(STR(?v)) AS ?value) WHERE {{ VALUES ?s {{ {_values(chunk)} }} VALUES ?p {{ {props} }} "
                f"?s ?p ?o OPTIONAL {{ ?o {RDFS.label} ?l }} BIND(COALESCE(?l, ?o) AS ?v) }} GROUP BY ?s ?p"
            ):
                local = row["p"].value[len(IK_BASE):]
                parts.setdefault(row["s"].value, {})[local] = row["value"].value
        for n in wanted:
            got = parts.get(n, {})
            kind = kinds[n]
            if kind == "appointment" and "person" in got:
                where = f", {got['organisation']}" if "organisation" in got else ""
                self._labels[n] = f"{got['person']}: {got.get('role', 'role')}{where}"
            elif kind == "inspection" and "programme" in got:
                body = f" of {got['inspectedBody']}" if "inspectedBody" in got else ""
                self._labels[n] = f"{short_name(got['programme'])} {got.get('period', '')}".strip() + body
            elif kind == "rating" and "area" in got:
                key = iris.key_of(n).split("/")
                period = f" ({key[3]})" if len(key) > 3 else ""
                self._labels[n] = f"Rating: {got['area']}{period}"

    def label(self, node: str) -> str:
        self.load([node])
        if node in self._labels:
            return self._labels[node]
        if node.startswith(iris.BASE):
            return iris.key_of(node)
        from .html import compact

        return compact(node)

    def has_label(self, node: str) -> bool:
        self.load([node])
        return node in self._labels

    def types(self, node: str) -> set[str]:
        self.load([node])
        return self._types.get(node, set())

    def kind(self, node: str) -> str:
        return kind_of(self.types(node))

    # --- evidence -----------------------------------------------------------------------

    def evidence(self, nodes) -> dict[str, list[Evidence]]:
        """The TextSpans each node was derived from, in document order."""
        out: dict[str, list[Evidence]] = {n: [] for n in nodes}
        for chunk in _chunks(sorted(out), 200):
            rows = self.select(
                f"SELECT DISTINCT ?n ?span ?doc ?s ?e WHERE {{ VALUES ?n {{ {_values(chunk)} }} "
                f"?n {PROV.wasDerivedFrom} ?span . ?span {IK.document} ?doc ; {IK.start} ?s ; {IK.end} ?e }}"
            )
            for row in rows:
                out[row["n"].value].append(
                    Evidence(row["span"].value, row["doc"].value, int(row["s"].value), int(row["e"].value))
                )
        for spans in out.values():
            spans.sort(key=lambda ev: (ev.doc, ev.start, ev.end))
        return out

    def text(self, doc: str) -> str:
        if doc not in self._texts:
            rows = self.select(f"SELECT ?c WHERE {{ {NamedNode(doc)} {IK.content} ?c }} LIMIT 1")
            self._texts[doc] = rows[0]["c"].value if rows else ""
        return self._texts[doc]

    def exists(self, node: str) -> bool:
        n = NamedNode(node)
        raw = self.store.raw
        return any(True for _ in raw.quads_for_pattern(n, None, None, None)) or any(
            True for _ in raw.quads_for_pattern(None, None, n, None)
        )


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _chunks(items, size):
    for i in range(0, len(items), size):
        yield items[i : i + size]
