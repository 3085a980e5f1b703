"""The one place that mints IRIs.

Keys are the IRI path below ``ikd:`` (``force/kent``); :func:`iri` expands a
key and checks it with pyoxigraph's ``NamedNode``, which rejects what would
break an export later (spaces, angle brackets).

    >>> slug("Police and Crime Commissioner")
    'police-and-crime-commissioner'
    >>> inspection("kent", "PEEL", "2021/22")
    'inspection/kent/peel/2021-22'
    >>> iri("force/kent")
    'https://w3id.org/inspectkg/id/force/kent'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pyoxigraph import NamedNode

ONT = "https://w3id.org/inspectkg/ontology#"
BASE = "https://w3id.org/inspectkg/id/"

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@lru_cache(maxsize=16_384)  # the same ids, kinds and names come back in every document
def slug(text: str) -> str:
    """NFKD, ASCII, lower case, runs of anything else -> '-'. Empty -> ValueError."""
    if _SLUG.fullmatch(text):  # already a slug (document ids, concept ids): the common case
        return text
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    out = _NON_ALNUM.sub("-", folded.lower()).strip("-")
    if not out:
        raise ValueError(f"cannot make an IRI slug from {text!r}")
    return out


def key(kind: str, *parts: str) -> str:
    return "/".join([kind, *(slug(p) for p in parts)])


def iri(entity_key: str) -> str:
    """The full IRI of a key, checked by pyoxigraph."""
    return named_node(entity_key).value


def named_node(entity_key: str) -> NamedNode:
    """The IRI of a key as a pyoxigraph ``NamedNode`` (which checks it)."""
    return NamedNode(BASE + entity_key)


def ont(term: str) -> str:
    return NamedNode(ONT + term).value


def key_of(iri_value: str) -> str:
    if not iri_value.startswith(BASE):
        raise ValueError(f"not an inspectkg instance IRI: {iri_value}")
    return iri_value[len(BASE) :]


# --- entities shared across documents -------------------------------------------------

def force(force_id: str) -> str:
    return key("force", force_id)


def org(org_id: str) -> str:
    return key("org", org_id)


def person(name: str) -> str:
    return key("person", name)


def concept(scheme: str, concept_id: str) -> str:
    """A vocabulary concept: ``role/chief-constable``, ``grade/good`` …"""
    return key(scheme, concept_id)


def inspection(force_id: str, programme: str, period: str) -> str:
    return key("inspection", force_id, programme, period)


def rating(inspection_key: str, area: str) -> str:
    return f"rating/{inspection_key.removeprefix('inspection/')}/{slug(area)}"


def appointment(person_key: str, role: str, organisation_key: str | None) -> str:
    parts = [person_key.removeprefix("person/"), slug(role)]
    if organisation_key:
        parts.append(organisation_key.replace("/", "-"))
    return "appointment/" + "/".join(parts)


# --- things that belong to one document ----------------------------------------------

def document(doc_id: str) -> str:
    return key("doc", doc_id)


def graph(doc_id: str) -> str:
    """The named graph holding one document and everything extracted from it."""
    return key("graph", doc_id)


ENTITIES_GRAPH = "graph/entities"  # shared entity facts, kept once, maintained with the doc graphs
REFERENCE_GRAPH = "graph/reference"  # ontology, vocabularies and gazetteers


def attestation(doc_id: str, entity_key: str) -> str:
    """What one document says of a shared entity (its grade, title, date, confidence):
    ``attestation/<doc>/rating/kent/peel/2021-22/overall``."""
    return f"attestation/{slug(doc_id)}/{entity_key}"


def in_document(kind: str, doc_id: str, start: int, end: int) -> str:
    """A fact located in one document: ``claim/<doc>/<start>-<end>``."""
    return f"{slug(kind)}/{slug(doc_id)}/{start}-{end}"


def span(doc_id: str, start: int, end: int) -> str:
    return in_document("span", doc_id, start, end)
