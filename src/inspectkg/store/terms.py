"""Namespaces as pyoxigraph terms: ``IK.Rating`` is ``NamedNode(ik:Rating)``."""

from __future__ import annotations

from pyoxigraph import NamedNode

from .. import iris


class Namespace:
    def __init__(self, base: str):
        self._base = base

    def __getattr__(self, name: str) -> NamedNode:
        if name.startswith("_"):
            raise AttributeError(name)
        term = NamedNode(self._base + name)
        setattr(self, name, term)  # made once: later lookups are plain attribute reads
        return term

    def __getitem__(self, name: str) -> NamedNode:
        return NamedNode(self._base + name)

    @property
    def base(self) -> str:
        return self._base


IK = Namespace(iris.ONT)
IKD = Namespace(iris.BASE)
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
PROV = Namespace("http://www.w3.org/ns/prov#")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
OA = Namespace("http://www.w3.org/ns/oa#")

PREFIXES = {
    "ik": iris.ONT,
    "ikd": iris.BASE,
    "rdf": RDF.base,
    "rdfs": RDFS.base,
    "xsd": XSD.base,
    "owl": OWL.base,
    "skos": SKOS.base,
    "dcterms": DCTERMS.base,
    "prov": PROV.base,
    "org": ORG.base,
    "schema": SCHEMA.base,
    "foaf": FOAF.base,
    "oa": OA.base,
}
