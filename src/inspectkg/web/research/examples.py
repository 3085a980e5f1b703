"""Saved queries for readers: example parameters taken from the store being served, results with labels.

``examples(lookup, saved)`` fills each parameter with something the store
holds (the force with the most grades, the person with the most statements),
so running a query from the gallery gives rows.  ``labelled(lookup, table)``
turns a result table into headers and cells a reader can follow: an entity is
its label linked to its page, a vocabulary value (``requires_improvement``) its
label, a column ``x_label`` is folded into ``x``, and a ``document`` with
``start`` and ``end`` links to its span.
"""

from __future__ import annotations

from dataclasses import dataclass

from ... import iris
from ...sparql.queries import SavedQuery
from ..data import Lookup, short_name
from ..templating import words
from .common import path, rows
from .rounds import SCALES

_BUSIEST = {
    "force": """SELECT ?x (COUNT(DISTINCT ?r) AS ?n) WHERE { GRAPH ikg:entities {
                  ?i ik:inspectedBody ?x . ?r ik:inspection ?i } } GROUP BY ?x""",
    "person": """SELECT ?x (COUNT(DISTINCT ?c) AS ?n) WHERE { GRAPH ikg:entities { ?x a ik:Person }
                  GRAPH ?g { ?c ik:speaker ?x } } GROUP BY ?x""",
}
# parameters with no declared kind: which kind their name asks for
_NAMED = {"person": "person", "speaker": "person", "force": "force", "about": "force", "organisation": "force",
          "entity": "force"}


@dataclass(frozen=True)
class Cell:
    text: str
    href: str | None = None


@dataclass(frozen=True)
class Labelled:
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


def busiest(lookup: Lookup, kind: str) -> str | None:
    """The label of the entity of this kind with the most facts (ratings, statements) in the store."""
    if kind not in _BUSIEST:
        return None
    found = rows(lookup, _BUSIEST[kind])
    if not found:
        return None
    lookup.load(r["x"] for r in found)
    best = min(found, key=lambda r: (-int(r["n"]), lookup.label(r["x"]).casefold(), r["x"]))
    return lookup.label(best["x"])


def examples(lookup: Lookup, saved: SavedQuery, *, required_only: bool = True,
             picks: dict[str, str | None] | None = None) -> dict[str, str]:
    """Parameter -> example value: entities from the store, other values as the query declares them.

    Only required parameters by default: an optional one left empty narrows nothing.
    ``picks`` (kind -> entity label) keeps the store's answers across the queries of one page.
    """
    picks = {} if picks is None else picks
    out = {}
    for name, param in saved.params.items():
        if required_only and not param.required:
            continue
        if param.type == "entity":
            kind = param.kind or next((k for word, k in _NAMED.items() if word in name), None)
            if kind and kind not in picks:
                picks[kind] = busiest(lookup, kind)
            value = picks.get(kind) if kind else None
            if value:
                out[name] = value
        elif param.example and param.type != "iri":  # an IRI example names an entity of the authors' store
            out[name] = str(param.example)
    return out


def _notations(lookup: Lookup) -> dict[str, str]:
    found = rows(lookup, """SELECT ?n (MIN(STR(?l)) AS ?label) WHERE { GRAPH ikg:reference {
                 ?c skos:notation ?n ; skos:prefLabel ?l } } GROUP BY ?n""")
    names = {r["n"]: _in_text(short_name(r["label"])) for r in found}
    names |= {n.replace("_", "-"): label for n, label in names.items() if "_" in n}  # crime-data-integrity
    return names | SCALES


def _in_text(label: str) -> str:
    """A label as a table cell shows a code, in lower case as the explorer's tables do ("commits to action");
    an acronym keeps its capitals ("PEEL")."""
    return label[:1].lower() + label[1:] if label[1:2].islower() else label


def labelled(lookup: Lookup, columns, table_rows) -> Labelled:
    """Headers and cells for a reader (see the module docstring)."""
    columns = list(columns)
    folded = {c for c in columns if c.endswith("_label") and c.removesuffix("_label") in columns}
    shown = [i for i, c in enumerate(columns) if c not in folded]
    lookup.load(v for row in table_rows for v in row if v and v.startswith(iris.BASE))
    names = _notations(lookup)
    at = {c: i for i, c in enumerate(columns)}
    out = []
    for row in table_rows:
        cells = []
        for i in shown:
            value, column = row[i], columns[i]
            if value is None or value == "":
                cells.append(Cell(""))
            elif value.startswith(iris.BASE):
                span = ""
                if column == "document" and {"start", "end"} <= set(at) and row[at["start"]] and row[at["end"]]:
                    span = f"#span-{row[at['start']]}-{row[at['end']]}"
                label_col = at.get(f"{column}_label")
                text = row[label_col] if label_col is not None and row[label_col] else lookup.label(value)
                cells.append(Cell(text, path(value) + span))
            else:
                cells.append(Cell(names.get(value, value)))
        out.append(tuple(cells))
    return Labelled(tuple(words(columns[i]) for i in shown), tuple(out))  # headers as the explorer says codes
