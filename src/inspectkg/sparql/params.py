"""Saved-query parameters: their declaration, and turning ``--param k=v`` into RDF terms.

A value becomes a pyoxigraph term (``NamedNode`` or typed ``Literal``) and is
bound by :func:`inspectkg.sparql.text.with_values`; it is never pasted
into the query text.  ``entity`` parameters accept an IRI, ``ikd:force/kent``,
a key (``force/kent``), an id (``kent``), a name or an alias, resolved through
the reference data and the labels in the store, case-insensitively.

A parameter is declared in the ``params`` header, or the BASIL way, as grlc
reads it, by its variable's name: ``?_force_iri`` (one underscore: required;
``_iri``: an IRI), ``?__since_xsd_date`` (two: optional; ``_xsd_date``: a date),
``?_n_integer``, ``?_name`` (a string), ``?_label_en`` (a string tagged ``en``).
Either way it is bound the same way, as a term in a ``VALUES`` block on its
variable; a header entry of the same name refines a BASIL variable (``type:
entity`` lets ``?_force_iri`` take ``kent``).  An optional parameter that is also
a result column is used twice: ``?force`` (bound by us, narrowing every
sub-SELECT) and ``?__force_iri`` (what grlc pastes its value over), tied by
``FILTER (COALESCE(?force = ?__force_iri, STR(?__force_iri) = "", true))``:
true when no value is given, the comparison when one is.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode

from .. import iris, reference
from ..errors import QueryError, UsageError
from ..store.terms import PREFIXES, XSD

TYPES = ("iri", "entity", "string", "integer", "date")
ENTITY_KINDS = ("force", "org", "person", "inspection", "rating", "appointment")
_SPEC_KEYS = {"type", "required", "example", "description", "kind"}
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    required: bool = False
    example: str | None = None
    description: str = ""
    kind: str | None = None  # entity params: only keys of this kind (force, org, person, ...)
    variable: str = ""  # the SPARQL variable it binds (default: its name; ``_force_iri`` the BASIL way)
    lang: str | None = None  # a string parameter's language tag (BASIL ``?_label_en``)
    default: str | None = None  # grlc ``defaults``: the value when none is given
    enum: tuple[str, ...] | None = None  # grlc ``enumerate``: the values allowed
    also: tuple[str, ...] = ()  # other variables bound to the same value (the plain ``?force`` of ``?__force_iri``)

    def __post_init__(self):
        if not self.variable:
            object.__setattr__(self, "variable", self.name)

    def describe(self) -> dict:
        """type, required, example, description (and kind, for entity parameters)."""
        return {"type": self.type, "required": self.required, "example": self.example,
                "description": self.description, **({"kind": self.kind} if self.kind else {})}


# grlc's reading of BASIL variable names (its gquery.get_parameters), whole-name matches only
_BASIL = re.compile(r"(?P<required>_{1,2})(?P<name>[A-Za-z0-9]+)"
                    r"(?:_(?P<type>iri|number|literal|integer|string)"
                    r"|_(?P<prefix>[A-Za-z0-9]+)_(?P<datatype>[A-Za-z0-9]+)"
                    r"|_(?P<lang>[A-Za-z0-9]+))?")
_BASIL_XSD = {"date": "date", "integer": "integer", "string": "string", "gYear": "date", "gYearMonth": "date"}


def basil(variable: str, where: str) -> Param | None:
    """The parameter a BASIL variable name declares (None if it is an ordinary variable)."""
    match = _BASIL.fullmatch(variable)
    if not match or not variable.startswith("_"):
        return None
    required = len(match["required"]) == 1
    name, kind, lang = match["name"], match["type"], None
    if kind == "iri":
        ptype = "iri"
    elif kind in ("integer", "number"):
        ptype = "integer"
    elif kind in ("literal", "string"):
        ptype = "string"
    elif match["prefix"]:
        if match["prefix"] != "xsd" or match["datatype"] not in _BASIL_XSD:
            raise QueryError(f"{where}: ?{variable}: the BASIL type {match['prefix']}:{match['datatype']} is not "
                             f"supported here (xsd: {', '.join(sorted(_BASIL_XSD))}; or _iri, _integer, _literal)")
        ptype = _BASIL_XSD[match["datatype"]]
    else:
        ptype, lang = "string", match["lang"]
        if lang is not None and not re.fullmatch(r"[A-Za-z]{2,3}", lang):
            raise QueryError(f"{where}: ?{variable} reads, the BASIL way, as parameter {name!r} with language tag "
                             f"{lang!r}; parameter names have no '_' (e.g. ?_{name}{lang.capitalize()})")
    return Param(name, ptype, required, variable=variable, lang=lang)


def refine(declared: Param, found: Param, plain_too: bool = False) -> Param:
    """A header declaration bound to the BASIL variable of the same name (and to its plain
    variable too, when the query also uses that: ``?force`` narrows, ``?__force_iri`` is grlc's)."""
    from dataclasses import replace

    return replace(declared, variable=found.variable, lang=declared.lang or found.lang,
                   also=(declared.name,) if plain_too else ())


def parse_spec(name: str, raw: object, where: str) -> Param:
    """One entry of a saved query's ``params`` header; QueryError naming ``where``."""
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", str(name)):
        raise QueryError(f"{where}: parameter name {name!r} is not a SPARQL variable name")
    if not isinstance(raw, dict):
        raise QueryError(f"{where}: parameter {name!r} must be a mapping with at least 'type'")
    unknown = set(raw) - _SPEC_KEYS
    if unknown:
        raise QueryError(f"{where}: parameter {name!r}: unknown key(s) {', '.join(sorted(unknown))}; "
                         f"allowed: {', '.join(sorted(_SPEC_KEYS))}")
    ptype = raw.get("type")
    if ptype not in TYPES:
        raise QueryError(f"{where}: parameter {name!r}: type must be one of {', '.join(TYPES)}, got {ptype!r}")
    required = raw.get("required", False)
    if not isinstance(required, bool):
        raise QueryError(f"{where}: parameter {name!r}: 'required' must be true or false")
    kind = raw.get("kind")
    if kind is not None and (ptype != "entity" or kind not in ENTITY_KINDS):
        raise QueryError(f"{where}: parameter {name!r}: 'kind' is for entity parameters, one of "
                         f"{', '.join(ENTITY_KINDS)}")
    example = raw.get("example")
    return Param(str(name), ptype, required, None if example is None else str(example),
                 str(raw.get("description") or ""), kind)


def bind(declared: dict[str, Param], given: dict[str, str], target=None) -> dict[str, NamedNode | Literal]:
    """Check the given values against the declaration and convert them to terms."""
    unknown = [k for k in given if k not in declared]
    if unknown:
        raise UsageError(f"unknown parameter(s) {', '.join(unknown)}; this query takes "
                         f"{', '.join(declared) or 'no parameters'}")
    given = dict(given)
    for param in declared.values():
        if not given.get(param.name) and param.default is not None:
            given[param.name] = param.default
    missing = [p.name for p in declared.values() if p.required and not given.get(p.name)]
    if missing:
        raise UsageError(f"missing required parameter(s) {', '.join(missing)} (give each as NAME=VALUE)")
    for name, value in given.items():
        allowed = declared[name].enum
        if allowed is not None and value != "" and value not in allowed:
            raise UsageError(f"parameter {name}: {value!r} is not one of {', '.join(allowed)}")
    return {name: to_term(declared[name], value, target) for name, value in given.items() if value != ""}


def to_term(param: Param, value: str, target=None) -> NamedNode | Literal:
    if param.type == "string":
        return Literal(value, language=param.lang) if param.lang else Literal(value)
    if param.type == "integer":
        return integer_term(param.name, value)
    if param.type == "date":
        return date_term(param.name, value)
    if param.type == "iri":
        return iri_term(param.name, value)
    return resolve_entity(value, target, kind=param.kind, name=param.name)


MAX_INTEGER_DIGITS = 100


def integer_term(name: str, value: str) -> Literal:
    """An xsd:integer in canonical form, never through int() (a 5,000-digit value is refused, not a crash)."""
    match = re.fullmatch(r"([+-]?)0*(\d+)", value.strip())
    if not match:
        raise UsageError(f"parameter {name}: {value[:40]!r}{'…' if len(value) > 40 else ''} is not an integer")
    sign, digits = match.groups()
    if len(digits) > MAX_INTEGER_DIGITS:
        raise UsageError(f"parameter {name}: an integer of {len(digits)} digits is too long "
                         f"(at most {MAX_INTEGER_DIGITS})")
    return Literal(("-" if sign == "-" and digits != "0" else "") + digits, datatype=XSD.integer)


def date_term(name: str, value: str) -> Literal:
    value = value.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            dt.date.fromisoformat(value)
            return Literal(value, datatype=XSD.date)
        if re.fullmatch(r"\d{4}-\d{2}", value) and 1 <= int(value[5:]) <= 12:
            return Literal(value, datatype=XSD.gYearMonth)
        if re.fullmatch(r"\d{4}", value):
            return Literal(value, datatype=XSD.gYear)
    except ValueError:
        pass
    raise UsageError(f"parameter {name}: {value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")


def iri_term(name: str, value: str) -> NamedNode:
    value = value.strip()
    prefix, colon, local = value.partition(":")
    if colon and prefix in PREFIXES and not local.startswith("//"):
        value = PREFIXES[prefix] + local
    elif not _SCHEME.match(value):
        raise UsageError(f"parameter {name}: {value!r} is not an absolute IRI (or ikd:…, ik:… name)")
    try:
        return NamedNode(value)
    except ValueError as exc:
        raise UsageError(f"parameter {name}: {value!r} is not a valid IRI ({exc})") from None


# --- entity lookup ---------------------------------------------------------------------

_LABELS = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?s ?l ?pref WHERE {
  VALUES ?g { <%(entities)s> <%(reference)s> }
  VALUES ?pref { rdfs:label skos:altLabel }
  GRAPH ?g { ?s ?pref ?l }
  FILTER (STRSTARTS(STR(?s), STR(?base)))
  %(filter)s
}"""


def _label_query(match: bool) -> str:
    filt = "FILTER (LCASE(STR(?l)) = LCASE(STR(?needle)))" if match else ""
    return _LABELS % {"entities": iris.iri(iris.ENTITIES_GRAPH), "reference": iris.iri(iris.REFERENCE_GRAPH),
                      "filter": filt}


def _known_keys(target, keys: list[str]) -> set[str]:
    """Those of the keys the store has facts about."""
    if target is None or not keys:
        return set()
    from .text import with_values

    found: set[str] = set()
    for key in keys:
        sparql = with_values("SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1", {"s": NamedNode(iris.iri(key))})
        if target.select(sparql).rows:
            found.add(key)
    return found


def resolve_entity(value: str, target=None, *, kind: str | None = None, name: str = "entity") -> NamedNode:
    """An entity IRI from an IRI, key, id, name or alias; UsageError with close matches if unknown."""
    value = value.strip()
    if not value:
        raise UsageError(f"parameter {name}: empty value")
    if value.startswith(("http://", "https://", "urn:")) or value.startswith("ikd:"):
        return iri_term(name, value)
    kinds = (kind,) if kind else ENTITY_KINDS[:3]
    if "/" in value and value.split("/", 1)[0] in ENTITY_KINDS:
        try:
            return NamedNode(iris.iri(value))
        except ValueError:
            raise UsageError(f"parameter {name}: {value!r} is not a valid key") from None
    ref = reference.load()
    needle = value.casefold()
    # tier 0: an id or slug; tier 1: a canonical name; tier 2: an alias
    tiers: list[set[str]] = [set(), set(), set()]
    try:
        slug = iris.slug(value)
    except ValueError:
        slug = None
    ref_keys = {iris.force(f.id) for f in ref.forces} | {iris.org(b.id) for b in ref.bodies}
    candidates = [f"{k}/{slug}" for k in kinds] if slug else []
    tiers[0] |= {k for k in candidates if k in ref_keys}
    tiers[0] |= _known_keys(target, [k for k in candidates if k not in ref_keys])
    for key_kind, items in (("force", ref.forces), ("org", ref.bodies)):
        if key_kind not in kinds:
            continue
        for item in items:
            key = f"{key_kind}/{iris.slug(item.id)}"
            if item.name.casefold() == needle:
                tiers[1].add(key)
            elif any(a.casefold() == needle for a in item.aliases):
                tiers[2].add(key)
    if target is not None:
        from .text import with_values

        sparql = with_values(_label_query(True), {"needle": Literal(value), "base": Literal(iris.BASE)})
        for s, _label, pref in target.select(sparql).rows:
            key = iris.key_of(s)
            if key.split("/", 1)[0] in kinds:
                tiers[1 if pref.endswith("#label") else 2].add(key)
    for tier in tiers:
        if len(tier) == 1:
            return NamedNode(iris.iri(next(iter(tier))))
        if len(tier) > 1:
            raise UsageError(f"parameter {name}: {value!r} is ambiguous: {', '.join(sorted(tier))}; "
                             "pass one of these keys")
    raise UsageError(f"parameter {name}: no {' or '.join(kinds)} called {value!r}"
                     + _close_matches(value, target, kinds, ref))


def _close_matches(value: str, target, kinds: tuple[str, ...], ref) -> str:
    names: dict[str, str] = {}
    for key_kind, items in (("force", ref.forces), ("org", ref.bodies)):
        if key_kind in kinds:
            for item in items:
                for label in (item.id, *item.labels):
                    names[label] = f"{key_kind}/{iris.slug(item.id)}"
    if target is not None:
        from .text import with_values

        for key_kind in kinds:  # only the labels of the kinds asked for: a server caps the rows it answers
            sparql = with_values(_label_query(False), {"base": Literal(f"{iris.BASE}{key_kind}/")})
            for s, label, _pref in target.select(sparql).rows:
                names.setdefault(label, iris.key_of(s))
    lowered = {n.casefold(): n for n in names}
    close = difflib.get_close_matches(value.casefold(), list(lowered), n=5, cutoff=0.6)
    if not close:
        return ""
    return "; did you mean " + ", ".join(f"{lowered[c]!r} ({names[lowered[c]]})" for c in close) + "?"
