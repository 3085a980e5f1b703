"""Find the saved queries to measure, with parameter values to bind.

In this order: ``inspectkg.sparql.queries.load_all()`` (the library's own
loader; parameters bound by its ``prepare()`` with values that exist in the
generated corpus), else the ``queries/*.rq`` files (``#+`` YAML header, ``defaults``),
else built-in probe queries of the shapes the targets talk about (one entity;
whole graph), labelled as probes in the tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

IKD = "https://w3id.org/inspectkg/id/"
_HEADER = re.compile(r"^#\+ ?(.*)$")


@dataclass(frozen=True)
class BenchQuery:
    name: str
    sparql: str
    bindings: dict[str, dict] = field(default_factory=dict)  # var -> {"iri": ...} | {"literal": ...}
    scope: str = ""  # "one entity", "whole graph" or "" (unknown)
    origin: str = "saved"  # saved | probe
    problem: str = ""  # why it cannot be run, if so


def _term(value) -> dict:
    text = str(value)
    if text.startswith(("http://", "https://")):
        return {"iri": text}
    if re.fullmatch(r"[a-z][a-z-]*/[^\s\"<>]+", text):  # an entity key: force/kent
        return {"iri": IKD + text}
    return {"literal": text}


def _bindings(defaults: dict | None, params) -> tuple[dict[str, dict], str]:
    defaults = dict(defaults or {})
    out = {str(k).lstrip("?$"): _term(v) for k, v in defaults.items() if v is not None}
    missing = [str(p).lstrip("?$") for p in (params or ()) if str(p).lstrip("?$") not in out]
    problem = f"no default for parameter(s) {', '.join(missing)}" if missing else ""
    return out, problem


def _scope(meta: dict, bindings: dict) -> str:
    scope = str(meta.get("scope") or meta.get("benchmark") or "")
    if scope:
        return scope
    return "one entity" if bindings else "whole graph"


def _value(param, picks: dict[str, str]) -> str | None:
    """A value for ``param`` that exists in the generated corpus (else the declared example)."""
    if param.type == "entity":
        return picks.get(param.kind or "person") or param.example
    return param.example


def from_library(store_path: str | Path, picks: dict[str, str]) -> list[BenchQuery] | None:
    """The library's saved queries, parameters bound by its own ``prepare`` (a VALUES block).

    A query with required parameters is measured once with values ("one entity"); one without
    is measured unbound ("whole graph") and, if it takes an entity, also bound to one.
    """
    try:
        from inspectkg.sparql import queries
        from inspectkg.store.embedded import Store
    except ImportError:
        return None
    if not hasattr(queries, "load_all") or not hasattr(queries, "prepare"):
        return None
    saved_all = queries.load_all()
    store = Store(store_path, read_only=True)
    out = []
    for name, saved in saved_all.items():
        required = [p for p in saved.params.values() if p.required]
        variants = []
        if required:
            variants.append(("one entity", {p.name: _value(p, picks) for p in required}))
        else:
            variants.append(("whole graph", {}))
            entity = next((p for p in saved.params.values() if p.type == "entity"), None)
            if entity is not None:
                variants.append(("one entity", {entity.name: _value(entity, picks)}))
        for scope, given in variants:
            label = name + (" (" + ", ".join(f"{k}={v}" for k, v in given.items()) + ")" if given else "")
            missing = [k for k, v in given.items() if v is None]
            if missing:
                out.append(BenchQuery(label, "", scope=scope, problem=f"no value for {', '.join(missing)}"))
                continue
            try:
                text = queries.prepare(saved, given, store)
            except Exception as exc:  # an unknown entity, a parameter the loader rejects
                out.append(BenchQuery(label, "", scope=scope, problem=f"{type(exc).__name__}: {exc}"))
                continue
            out.append(BenchQuery(label, text, {}, scope, "saved"))
    store.close()
    return out


def from_files(folder: Path) -> list[BenchQuery]:
    out = []
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        header = "\n".join(m.group(1) for line in text.splitlines() if (m := _HEADER.match(line)))
        try:
            meta = yaml.safe_load(header) or {} if header else {}
        except yaml.YAMLError as exc:
            out.append(BenchQuery(path.stem, text, problem=f"bad #+ header ({exc})"))
            continue
        meta = meta if isinstance(meta, dict) else {}
        params = meta.get("parameters") or meta.get("params") or ()
        if isinstance(params, dict):
            params = list(params)
        params = [p.get("name") if isinstance(p, dict) else p for p in params]
        bindings, problem = _bindings(meta.get("defaults"), params)
        out.append(BenchQuery(path.stem, text, bindings, _scope(meta, bindings), "saved", problem))
    return out


_P = """PREFIX ik: <https://w3id.org/inspectkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
PROBES = (
    BenchQuery("probe: ratings of one force", _P + """SELECT DISTINCT ?inspection ?area ?grade ?doc WHERE {
  GRAPH <%sgraph/entities> { ?inspection ik:inspectedBody ?force . ?rating ik:inspection ?inspection ; ik:area ?area . }
  GRAPH ?g { ?rating ik:grade ?grade . ?doc a ik:Document . }
}""" % IKD, {"force": {"iri": IKD + "force/kent"}}, "one entity", "probe"),
    BenchQuery("probe: quotations by people of one force", _P + """SELECT DISTINCT ?person ?text WHERE {
  GRAPH <%sgraph/entities> { ?a ik:organisation ?force ; ik:person ?person . }
  GRAPH ?g { ?claim a ik:Quotation ; ik:speaker ?person ; ik:text ?text . }
}""" % IKD, {"force": {"iri": IKD + "force/kent"}}, "one entity", "probe"),
    BenchQuery("probe: documents per force", _P + """SELECT ?force (COUNT(DISTINCT ?doc) AS ?n) WHERE {
  GRAPH ?g { ?doc a ik:Document ; ik:about ?force . }
} GROUP BY ?force ORDER BY DESC(?n)""", {}, "whole graph", "probe"),
    BenchQuery("probe: grade counts by area", _P + """SELECT ?area ?grade (COUNT(*) AS ?n) WHERE {
  GRAPH ?g { ?rating ik:grade ?grade . }
  GRAPH <%sgraph/entities> { ?rating ik:area ?area . }
} GROUP BY ?area ?grade""" % IKD, {}, "whole graph", "probe"),
)


def discover(repo: Path, store_path: str | Path, picks: dict[str, str]) -> tuple[list[BenchQuery], str]:
    """(queries, where they came from)."""
    note = ""
    try:
        found = from_library(store_path, picks)
    except Exception as exc:  # a loader being written right now may still break
        found, note = None, f"inspectkg.sparql.queries failed ({type(exc).__name__}: {exc}); "
    if found:
        return found, note + "the saved queries of `inspectkg.sparql.queries.load_all()`, bound with `prepare()`"
    files = from_files(repo / "queries")
    if files:
        return files, note + f"saved queries read from {repo.name}/queries/*.rq (no library loader)"
    return list(PROBES), note + "no saved queries yet: built-in probe queries instead"
