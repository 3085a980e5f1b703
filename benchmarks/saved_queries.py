"""Find the saved queries to measure, with parameter values to bind.

In this order: ``inspectkg.graph.queries.load_all()`` (the library's own
loader), else the ``queries/*.rq`` files (``#+`` YAML header, ``defaults``),
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


def _attr(obj, *names, default=None):
    for name in names:
        if isinstance(obj, dict) and name in obj:
            return obj[name]
        if hasattr(obj, name):
            return getattr(obj, name)
    return default


def from_library() -> list[BenchQuery] | None:
    try:
        from inspectkg.graph import queries  # type: ignore[attr-defined]
    except ImportError:
        return None
    loader = getattr(queries, "load_all", None)
    if loader is None:
        return None
    loaded = loader()
    items = list(loaded.values()) if isinstance(loaded, dict) else list(loaded)
    out = []
    for item in items:
        name = str(_attr(item, "name", "id", default="?"))
        sparql = _attr(item, "sparql", "text", "query", "source", default="")
        meta = _attr(item, "meta", "metadata", "header", default={}) or {}
        defaults = _attr(item, "defaults", default=None) or (meta.get("defaults") if isinstance(meta, dict) else None)
        params = _attr(item, "parameters", "params", default=()) or ()
        if isinstance(params, dict):
            defaults = {**{k: v for k, v in params.items() if not isinstance(v, dict)}, **(defaults or {})}
            params = list(params)
        params = [_attr(p, "name", default=p) for p in params]
        bindings, problem = _bindings(defaults, params)
        out.append(BenchQuery(name, str(sparql), bindings, _scope(meta if isinstance(meta, dict) else {}, bindings),
                              "saved", problem if sparql else "no query text found"))
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


def discover(repo: Path) -> tuple[list[BenchQuery], str]:
    """(queries, where they came from)."""
    try:
        found = from_library()
    except Exception as exc:  # a loader being written right now may still break
        found, note = None, f"inspectkg.graph.queries.load_all() failed ({type(exc).__name__}: {exc}); "
    else:
        note = ""
    if found:
        return found, note + "saved queries from inspectkg.graph.queries.load_all()"
    files = from_files(repo / "queries")
    if files:
        return files, note + f"saved queries from {repo.name}/queries/*.rq"
    return list(PROBES), note + "no saved queries yet: built-in probe queries instead"
