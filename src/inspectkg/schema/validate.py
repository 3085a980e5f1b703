"""Validate instance data against ``ontology/shapes.ttl`` (pySHACL).

    validate(quads_or_graph) -> ValidationReport(conforms, violations)

The input (pyoxigraph quads, triples, or an rdflib Graph/Dataset) is merged
into one rdflib Graph together with the reference graph (ontology and
vocabularies), so ``sh:class`` sees subclasses (``rdfs:subClassOf`` is in the
data) and concept IRIs resolve to their vocabulary entries.  No inference is
run: the ontology's subclass axioms are enough for SHACL's class checks, and
RDFS closure in Python is far too slow at our sizes (see MEASURED.md).

One more check runs in Python, because a SPARQL constraint per span would be
slow: every span's ``ik:exact`` must equal its document's ``ik:content``
between ``ik:start`` and ``ik:end``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

import pyoxigraph
import rdflib
from rdflib.namespace import SH

from .. import iris
from ..errors import RuleError
from ..resources import ontology_dir
from .reference_graph import reference_quads

SHAPES_FILE = "shapes.ttl"
IK = rdflib.Namespace(iris.ONT)


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str | None
    message: str
    severity: str  # Violation, Warning or Info
    value: str | None = None
    shape: str | None = None

    def line(self) -> str:
        where = f" {self.path}" if self.path else ""
        value = f" (value: {self.value})" if self.value is not None else ""
        return f"{self.severity}: {self.focus}{where}: {self.message}{value}"


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)

    @property
    def errors(self) -> list[Violation]:
        return [v for v in self.violations if v.severity == "Violation"]


@cache
def shapes_graph() -> rdflib.Graph:
    path = ontology_dir() / SHAPES_FILE
    try:
        return rdflib.Graph().parse(path, format="turtle")
    except Exception as exc:  # rdflib raises several parse error types
        raise RuleError(path, f"cannot parse the SHACL shapes ({exc})") from exc


def _triples_text(items: Iterable) -> str:
    triples = (item.triple if isinstance(item, pyoxigraph.Quad) else item for item in items)
    return pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES).decode("utf-8")


def data_graph(data) -> rdflib.Graph:
    """One rdflib Graph: every graph of ``data`` merged, plus the reference graph."""
    graph = rdflib.Graph()
    graph.parse(data=_triples_text(reference_quads()), format="nt")
    if isinstance(data, rdflib.Graph):  # Graph, ConjunctiveGraph and Dataset
        if isinstance(data, rdflib.ConjunctiveGraph):  # Dataset too: every named graph
            for s, p, o, _graph in data.quads((None, None, None, None)):
                graph.add((s, p, o))
        else:
            graph += data
    else:
        text = _triples_text(data)
        if text:
            graph.parse(data=text, format="nt")
    return graph


def _short(term) -> str | None:
    if term is None:
        return None
    if isinstance(term, rdflib.URIRef):
        for prefix, base in (("ikd:", iris.BASE), ("ik:", iris.ONT)):
            if str(term).startswith(base):
                return prefix + str(term)[len(base):]
        return f"<{term}>"
    if isinstance(term, rdflib.BNode):
        return "[]"
    return repr(str(term))


def _shacl_violations(report: rdflib.Graph) -> list[Violation]:
    out = []
    for result in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        get = lambda p: report.value(result, p)  # noqa: E731
        severity = get(SH.resultSeverity)
        out.append(Violation(
            focus=_short(get(SH.focusNode)) or "?",
            path=_short(get(SH.resultPath)),
            message=str(get(SH.resultMessage) or "does not conform"),
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            value=_short(get(SH.value)),
            shape=_short(get(SH.sourceShape)),
        ))
    return out


def _span_violations(graph: rdflib.Graph) -> list[Violation]:
    """Spans whose ik:exact is not the document text between their offsets."""
    out = []
    contents: dict = {}
    for span in set(graph.subjects(rdflib.RDF.type, IK.TextSpan)):
        doc, start, end, exact = (graph.value(span, IK[p]) for p in ("document", "start", "end", "exact"))
        if None in (doc, start, end, exact):
            continue  # the shapes report what is missing
        if doc not in contents:
            contents[doc] = graph.value(doc, IK.content)
        text = contents[doc]
        try:
            s, e = int(start), int(end)
        except (TypeError, ValueError):
            continue
        if text is None or str(text)[s:e] != str(exact) or e > len(str(text)):
            out.append(Violation(_short(span) or "?", "ik:exact",
                                 "the span's ik:exact is not its document's ik:content[start:end]",
                                 "Violation", _short(exact)))
    return out


def validate(data, *, check_spans: bool = True) -> ValidationReport:
    """SHACL-validate quads (or an rdflib graph) merged with the reference graph."""
    from pyshacl import validate as shacl_validate

    graph = data_graph(data)
    _conforms, report, _text = shacl_validate(
        graph, shacl_graph=shapes_graph(), inference="none", allow_warnings=True,
        advanced=False, inplace=True,
    )
    violations = _shacl_violations(report)
    if check_spans:
        violations += _span_violations(graph)
    violations.sort(key=lambda v: (v.severity != "Violation", v.focus, v.path or "", v.message))
    conforms = not any(v.severity == "Violation" for v in violations)
    return ValidationReport(conforms, violations)
