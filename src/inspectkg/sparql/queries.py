"""Saved queries: ``queries/<name>.rq`` files with a strict ``#+`` YAML header.

    #+ summary: Ratings of one force over time
    #+ description: Each graded area per inspection, oldest first.
    #+ tags: [ratings]
    #+ params:
    #+   force: {type: entity, kind: force, required: true, example: kent}
    #+ returns: [period, area, grade]
    SELECT ...

The file stays valid SPARQL.  Parameters are declared in ``params`` or the
BASIL way by their variable's name (``?_force_iri``, ``?__since_xsd_date``: see
:mod:`.params`), and are bound as RDF terms in a ``VALUES`` block
(:mod:`.sparql_text`), the same way for the embedded store and for a remote
endpoint, so both give the same rows.  grlc's decorator keys are accepted:
``endpoint`` (a default endpoint, shown), ``pagination`` (rows per page of the
REST API), ``method`` (GET or POST), ``defaults`` (``- force: kent``) and
``enumerate`` (``- force: [kent, essex]`` restricts the values; a bare name
only marks it).  ``returns`` is optional: by default the SELECT columns.  A
bad header is a :class:`QueryError` naming the file.

    load_all() -> dict[str, SavedQuery]
    run(saved, {"force": "Kent"}, store_or_endpoint) -> Table
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import QueryError, UsageError
from ..resources import queries_dir
from . import params as params_mod
from .params import Param
from .text import closing, projection, query_form, tokenize, variables, with_values
from .tables import Table

HEADER_KEYS = {"summary", "description", "tags", "params", "returns", "engine_pragmas",
               "endpoint", "pagination", "method", "defaults", "enumerate"}  # the last five: grlc's
_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class SavedQuery:
    name: str
    path: Path
    summary: str
    description: str
    tags: tuple[str, ...]
    params: dict[str, Param] = field(hash=False)
    returns: tuple[str, ...]
    text: str  # the whole file: header comments and the query
    endpoint: str | None = None  # grlc: the endpoint the query was written for
    pagination: int | None = None  # grlc: rows per page in the REST API
    method: str = "GET"  # grlc: the HTTP method of its REST route
    # lines put before the query for one engine only, by the product its endpoint names (``Endpoint.engine``):
    # a planner hint that engine needs to answer the query right (see grade-changes.rq)
    engine_pragmas: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False)

    def describe(self) -> dict:
        """The query as ``inspectkg queries --json`` and ``GET /api/queries`` list it."""
        return {
            "name": self.name, "summary": self.summary, "description": self.description,
            "tags": list(self.tags), "returns": list(self.returns), "url": f"/api/queries/{self.name}",
            "params": {p.name: p.describe() for p in self.params.values()},
        }


def parse(path: Path, text: str | None = None) -> SavedQuery:
    """Read and check one saved query."""
    path = Path(path)
    where = str(path)
    if not _NAME.match(path.stem):
        raise QueryError(f"{where}: saved-query names are kebab-case (a-z, 0-9, '-')")
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise QueryError(f"{where}: cannot read ({exc.strerror or exc})") from exc
    header = _header(text, where)
    summary, tags = _summary_and_tags(header, where)
    declared = _declared(header, where)
    returns, used = _columns(header, text, where)
    declared = _params(header, declared, used, where)
    endpoint, pagination, method = _grlc_options(header, where)
    return SavedQuery(path.stem, path, summary, str(header.get("description") or "").strip(),
                      tags, declared, returns, text, endpoint, pagination, method, _engine_pragmas(header, where))


def _header(text: str, where: str) -> dict:
    """The ``#+`` lines before the query, read as a YAML mapping of known keys."""
    header_lines = []
    for line in text.splitlines():
        if line.startswith("#+ ") or line == "#+":
            header_lines.append(line[3:])
        elif line.strip() and not line.startswith("#"):
            break
    if not header_lines:
        raise QueryError(f"{where}: no '#+ ' header (summary, returns, ...)")
    try:
        header = yaml.safe_load("\n".join(header_lines))
    except yaml.YAMLError as exc:
        raise QueryError(f"{where}: the '#+' header is not valid YAML ({exc})") from None
    if not isinstance(header, dict):
        raise QueryError(f"{where}: the '#+' header must be a YAML mapping")
    unknown = set(header) - HEADER_KEYS
    if unknown:
        raise QueryError(f"{where}: unknown header key(s) {', '.join(sorted(map(str, unknown)))}; "
                         f"allowed: {', '.join(sorted(HEADER_KEYS))}")
    return header


def _summary_and_tags(header: dict, where: str) -> tuple[str, tuple[str, ...]]:
    summary = header.get("summary")
    if not isinstance(summary, str) or not summary.strip():
        raise QueryError(f"{where}: 'summary' is required (one line)")
    returns = header.get("returns")
    if returns is not None and (not isinstance(returns, list) or not returns
                                or not all(isinstance(r, str) for r in returns)):
        raise QueryError(f"{where}: 'returns' must be the list of result columns")
    tags = header.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise QueryError(f"{where}: 'tags' must be a list of strings")
    return summary.strip(), tuple(tags)


def _columns(header: dict, text: str, where: str) -> tuple[tuple[str, ...], set[str]]:
    """The result columns (the SELECT's, equal to ``returns`` when given) and the variables used."""
    returns = header.get("returns")
    try:
        if query_form(text) != "select":
            raise QueryError("saved queries must be SELECT queries")
        projected = projection(text)
        used = variables(text)
    except QueryError as exc:
        raise QueryError(f"{where}: {exc}") from None
    if projected is None:
        raise QueryError(f"{where}: SELECT * is not allowed; list the columns (they must equal 'returns')")
    if returns is None:
        returns = projected
    if projected != returns:
        raise QueryError(f"{where}: 'returns' {returns} does not match the SELECT columns {projected}")
    return tuple(returns), used


def _declared(header: dict, where: str) -> dict[str, Param]:
    """The parameters the header's ``params`` declares."""
    raw_params = header.get("params") or {}
    if not isinstance(raw_params, dict):
        raise QueryError(f"{where}: 'params' must be a mapping of name to {{type, required, ...}}")
    return {str(k): params_mod.parse_spec(str(k), v, where) for k, v in raw_params.items()}


def _params(header: dict, declared: dict[str, Param], used: set[str], where: str) -> dict[str, Param]:
    """The declared parameters plus the BASIL variables, each used, with grlc's defaults and enumerations."""
    declared = _with_basil(declared, used, where)
    for param in declared.values():
        if param.variable not in used:
            raise QueryError(f"{where}: parameter {param.name!r} is not used as ?{param.name} in the query")
    return _grlc_values(header, declared, where)


def _with_basil(declared: dict[str, Param], used: set[str], where: str) -> dict[str, Param]:
    """The header's parameters plus those declared the BASIL way; a header entry refines its variable."""
    found: dict[str, Param] = {}
    for variable in sorted(used):
        param = params_mod.basil(variable, where)
        if param is None:
            continue
        if param.name in found:
            raise QueryError(f"{where}: ?{found[param.name].variable} and ?{variable} both declare "
                             f"parameter {param.name!r}")
        found[param.name] = param
    result = dict(declared)
    for name, param in found.items():
        if name in declared:
            if name in used and param.required:
                raise QueryError(f"{where}: parameter {name!r} is used both as ?{name} and as ?{param.variable}")
            result[name] = params_mod.refine(declared[name], param, plain_too=name in used)
        else:
            result[name] = param
    return result


def _pairs(raw, key: str, where: str) -> dict:
    """grlc writes ``defaults``/``enumerate`` as a list of one-key mappings (or bare names); a mapping also works."""
    if isinstance(raw, dict):
        return dict(raw)
    if not isinstance(raw, list):
        raise QueryError(f"{where}: '{key}' must be a list such as '- force: kent'")
    pairs: dict = {}
    for item in raw:
        if isinstance(item, str):
            pairs[item] = None
        elif isinstance(item, dict):
            pairs.update(item)
        else:
            raise QueryError(f"{where}: '{key}': {item!r} is neither a name nor 'name: value'")
    return pairs


def _grlc_values(header: dict, declared: dict[str, Param], where: str) -> dict[str, Param]:
    from dataclasses import replace

    result = dict(declared)
    for key in ("defaults", "enumerate"):
        for name, value in _pairs(header.get(key) or [], key, where).items():
            name = str(name)
            if name not in result:
                raise QueryError(f"{where}: '{key}' names {name!r}, which is not a parameter of this query "
                                 f"({', '.join(result) or 'it has none'})")
            if key == "defaults":
                if value is None or isinstance(value, (list, dict)):
                    raise QueryError(f"{where}: 'defaults': give one value for {name!r}")
                result[name] = replace(result[name], default=str(value))
            elif value is not None:
                if not isinstance(value, list) or not value:
                    raise QueryError(f"{where}: 'enumerate': {name!r} takes a list of values")
                result[name] = replace(result[name], enum=tuple(str(v) for v in value))
    return result


def _grlc_options(header: dict, where: str) -> tuple[str | None, int | None, str]:
    endpoint = header.get("endpoint")
    if endpoint is not None and (not isinstance(endpoint, str) or not endpoint.startswith(("http://", "https://"))):
        raise QueryError(f"{where}: 'endpoint' must be an http(s) URL")
    pagination = header.get("pagination")
    if pagination is not None and (not isinstance(pagination, int) or isinstance(pagination, bool) or pagination < 1):
        raise QueryError(f"{where}: 'pagination' must be a whole number of rows per page")
    method = str(header.get("method") or "GET").upper()
    if method not in ("GET", "POST"):
        raise QueryError(f"{where}: 'method' must be GET or POST")
    return endpoint, pagination, method


def _engine_pragmas(header: dict, where: str) -> dict[str, tuple[str, ...]]:
    raw = header.get("engine_pragmas") or {}
    if not isinstance(raw, dict) or not all(
            isinstance(engine, str) and isinstance(lines, list) and lines
            and all(isinstance(line, str) and line.strip() and "\n" not in line for line in lines)
            for engine, lines in raw.items()):
        raise QueryError(f"{where}: 'engine_pragmas' maps an engine's name (lower case, as its endpoint's "
                         "Server header names it: virtuoso) to a list of one-line pragmas")
    return {engine.lower(): tuple(lines) for engine, lines in raw.items()}


def load_all(folder: Path | None = None) -> dict[str, SavedQuery]:
    """Every saved query in the folder (default: the shipped ``queries/``), by name."""
    folder = Path(folder) if folder is not None else queries_dir()
    return {path.stem: parse(path) for path in sorted(folder.glob("*.rq"))}


def get(name: str, folder: Path | None = None) -> SavedQuery:
    saved = load_all(folder)
    if name in saved:
        return saved[name]
    close = difflib.get_close_matches(name, list(saved), n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else "; 'inspectkg queries' lists them"
    raise UsageError(f"no saved query called {name!r}{hint}")


# --- where queries run -----------------------------------------------------------------

class StoreTarget:
    """The embedded store, seen as something that answers SELECT with a Table."""

    def __init__(self, store):
        self.store = store

    def select(self, sparql: str) -> Table:
        result = self.store.query(sparql)
        if not hasattr(result, "variables"):
            raise QueryError("expected a SELECT query")
        return Table.from_solutions(result)


def as_target(target):
    """A Store, an endpoint URL, or anything with ``select(sparql) -> Table``."""
    if hasattr(target, "select"):
        return target
    if isinstance(target, str) and target.startswith(("http://", "https://")):
        from ..remote.endpoint import Endpoint

        return Endpoint(target)
    if hasattr(target, "query"):
        return StoreTarget(target)
    raise TypeError(f"cannot run a query on {target!r}")


def prepare(saved: SavedQuery, given: dict[str, str], target) -> str:
    """The query text with the parameters bound (entities resolved against ``target``).

    The outer ``VALUES`` block goes first in the WHERE clause for the embedded store and an
    ``oxigraph serve``, last for other endpoints (``Endpoint.values_last``): the answer is the
    same, the plans are not.  Oxigraph starts its joins from a block that comes first
    (ratings-over-time for one force at 1,000 documents: 4 ms first, 619 ms last; at 10,000 on
    ``oxigraph serve``, 24.6 s last); Virtuoso's planner never finished grade-changes for one
    force with the block first (60 s timeout on the 11-document example graph; 6 ms last).
    An endpoint's engine also gets the lines the query's ``engine_pragmas`` give it.
    """
    target = as_target(target)
    terms = params_mod.bind(saved.params, given, target)
    terms = {variable: term for name, term in terms.items()
             for variable in (saved.params[name].variable, *saved.params[name].also)}
    text = with_values(into_subqueries(saved.text, terms), terms, last=getattr(target, "values_last", False))
    # an endpoint names its engine (the embedded store none); asked only when the query has pragmas
    pragmas = saved.engine_pragmas.get(getattr(target, "engine", None)) if saved.engine_pragmas else None
    return "\n".join((*pragmas, text)) if pragmas else text


def into_subqueries(text: str, bindings: dict[str, object]) -> str:
    """Also bind each parameter first in every sub-SELECT that projects it as a plain variable.

    Oxigraph evaluates a sub-SELECT on its own and joins its result afterwards, so a
    ``VALUES`` block in the outer WHERE clause does not narrow it: a grouped subquery
    ("latest period per force and area") would be computed for every force and then
    joined to one.  A sub-SELECT that projects ``?force`` itself (a group key, or a
    plain variable of an ungrouped select) gives the same rows for ``?force = X``
    whether the restriction is applied to its input or to its output, so the block is
    repeated at the start of its WHERE clause.  Variables a sub-SELECT computes
    (``(MAX(?p) AS ?force)``) or does not project are left alone, except a BASIL
    variable (``?_force_iri``): grlc pastes its value over every occurrence, so it is
    bound in every sub-SELECT that uses it, projected or not, and grlc and we agree.
    """
    if not bindings:
        return text
    tokens = tokenize(text)
    inserts: list[tuple[int, str]] = []
    for j in range(1, len(tokens)):
        if tokens[j].keyword != "SELECT" or tokens[j - 1].value != "{":
            continue
        plain: set[str] = set()
        depth = 0
        for k in range(j + 1, len(tokens)):
            tok = tokens[k]
            if depth == 0 and (tok.value == "{" or tok.keyword == "WHERE"):
                while tokens[k].value != "{":
                    k += 1
                names = [n for n in bindings if n in plain or (n.startswith("_") and n in _body_variables(tokens, k))]
                if names:
                    vars_ = " ".join(f"?{n}" for n in names)
                    terms = " ".join(_nt(bindings[n]) for n in names)
                    inserts.append((tokens[k].end, f" VALUES ({vars_}) {{ ({terms}) }}"))
                break
            if tok.value == "(":
                depth += 1
            elif tok.value == ")":
                depth -= 1
            elif tok.kind == "var" and depth == 0:
                plain.add(tok.value[1:])
    for pos, block in sorted(inserts, reverse=True):
        text = text[:pos] + block + text[pos:]
    return text


def _body_variables(tokens, start: int) -> set[str]:
    """The variables used in the group that opens at ``tokens[start]`` (a ``{``)."""
    return {tok.value[1:] for tok in tokens[start:closing(tokens, start)] if tok.kind == "var"}


def _nt(term) -> str:
    from pyoxigraph import Literal, NamedNode

    if not isinstance(term, (NamedNode, Literal)):
        raise TypeError(f"cannot bind {term!r}: only IRIs and literals")
    return str(term)  # pyoxigraph's N-Triples form: escaped, never syntax


DEFAULT_PER_PAGE = 100  # rows a page when a query is paged without its own grlc ``pagination``


def limited(sparql: str, limit: int, offset: int) -> str:
    """The query with LIMIT/OFFSET appended (refused if it has its own, which would be ambiguous)."""
    depth = 0
    for tok in tokenize(sparql):
        depth += tok.value == "{"
        depth -= tok.value == "}"
        if depth == 0 and tok.keyword in ("LIMIT", "OFFSET"):
            raise UsageError("this query has its own LIMIT/OFFSET, so it cannot be paged")
    return f"{sparql}\nLIMIT {limit} OFFSET {offset}"


@dataclass(frozen=True)
class Page:
    """One page of a saved query's rows (grlc-style ``page``/``per_page``; pages count from 1)."""

    table: Table
    number: int
    per_page: int
    more: bool  # a next page exists


def run_page(saved: SavedQuery, given: dict[str, str], target, page: int = 1, per_page: int | None = None) -> Page:
    """One page of a saved query: asks the engine for ``per_page + 1`` rows from ``(page - 1) * per_page``
    (the extra row says whether a next page exists), so a first page costs what its rows cost."""
    per_page = per_page or saved.pagination or DEFAULT_PER_PAGE
    if page < 1 or per_page < 1:
        raise UsageError(f"page must be 1, 2, ... and per_page at least 1 (got page {page}, per_page {per_page})")
    target = as_target(target)
    table = target.select(limited(prepare(saved, given, target), per_page + 1, (page - 1) * per_page))
    if table.columns != saved.returns:
        raise QueryError(f"{saved.path}: the endpoint returned columns {list(table.columns)}, "
                         f"expected {list(saved.returns)}")
    more = len(table.rows) > per_page
    return Page(Table(table.columns, tuple(table.rows[:per_page])), page, per_page, more)


def run(saved: SavedQuery, given: dict[str, str], target) -> Table:
    """Run a saved query with parameters on a store or endpoint."""
    target = as_target(target)
    table = target.select(prepare(saved, given, target))
    if table.columns != saved.returns:
        raise QueryError(f"{saved.path}: the endpoint returned columns {list(table.columns)}, "
                         f"expected {list(saved.returns)}")
    return table
