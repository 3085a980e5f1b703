"""The Python API: open a store (or an endpoint), run saved queries or SPARQL, get rows or DataFrames.

    >>> import inspectkg
    >>> kg = inspectkg.open("inspectkg-store")                      # read-only
    >>> kg.query("ratings-over-time", force="kent").rows[0]         # doctest: +SKIP
    ('2014', ...)
    >>> kg.frame("documents", since="2022-01-01")                   # doctest: +SKIP
    >>> kg.sparql("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows   # doctest: +SKIP

The store is opened read-only, so a notebook can read it while ``inspectkg
serve`` holds it; it sees the store as it was when opened (open it again to
see a later build).  ``inspectkg.open(endpoint=URL)`` runs the same calls on a
SPARQL endpoint; ``queries=DIR`` uses a folder of your own saved queries.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass
from pathlib import Path

from .errors import QueryError, StoreError, UsageError
from .sparql import queries as saved_queries
from .sparql.tables import Table, term_value
from .sparql.values import python_value, to_dataframe

DEFAULT_STORE = "./inspectkg-store"


@dataclass(frozen=True)
class Result:
    """The answer to a SELECT: column names and rows of RDF terms (pyoxigraph; None if unbound)."""

    columns: tuple[str, ...]
    terms: tuple[tuple, ...]

    @property
    def rows(self) -> list[tuple]:
        """Rows of Python values: int, Decimal, float, bool, date, str (an IRI is its text)."""
        return [tuple(python_value(t) for t in row) for row in self.terms]

    def as_dicts(self) -> list[dict]:
        return [dict(zip(self.columns, row)) for row in self.rows]

    def table(self) -> Table:
        """The rows as text, as ``inspectkg query`` prints them."""
        return Table(self.columns, tuple(tuple(term_value(t) for t in row) for row in self.terms))

    def to_dataframe(self):
        """A pandas DataFrame with typed columns (see :mod:`inspectkg.sparql.values`)."""
        return to_dataframe(self.columns, self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def __iter__(self):
        return iter(self.as_dicts())


class KnowledgeGraph:
    """A store or endpoint to ask: ``query`` (saved queries), ``sparql``, ``frame``."""

    def __init__(self, target, *, queries: str | Path | None = None, description: str = ""):
        self._target = target
        self._folder = Path(queries) if queries is not None else None
        self._saved = saved_queries.load_all(self._folder)
        self.description = description

    def __repr__(self) -> str:
        return f"<inspectkg.KnowledgeGraph {self.description}>"

    @property
    def saved_queries(self) -> dict[str, saved_queries.SavedQuery]:
        """The saved queries by name: summary, params, returns."""
        return dict(self._saved)

    def query(self, name: str, /, **params) -> Result:
        """Run a saved query; parameters as keywords (``force="kent"``, ``since=date(2022, 1, 1)``)."""
        saved = self._saved.get(name)
        if saved is None:
            saved_queries.get(name, self._folder)  # raises UsageError with close names
        given = {key: _text(value) for key, value in params.items() if value is not None}
        result = self._select(saved_queries.prepare(saved, given, self._target))
        if result.columns != saved.returns:
            raise QueryError(f"{saved.path}: got columns {list(result.columns)}, expected {list(saved.returns)}")
        return result

    def frame(self, name: str, /, **params):
        """``query(name, **params).to_dataframe()``."""
        return self.query(name, **params).to_dataframe()

    def sparql(self, text: str) -> Result | bool:
        """Run a SELECT (-> Result) or ASK (-> bool) over the union of all graphs."""
        answer = self._target.query(text)
        if isinstance(answer, bool):
            return answer
        if hasattr(answer, "variables"):
            return _result(answer)
        if type(answer).__name__ == "QueryBoolean":
            return bool(answer)
        raise UsageError("sparql() answers SELECT and ASK queries; use 'inspectkg export' for graphs")

    def _select(self, sparql: str) -> Result:
        answer = self._target.query(sparql)
        if not hasattr(answer, "variables"):
            raise QueryError("expected a SELECT query")
        return _result(answer)

    def close(self) -> None:
        close = getattr(self._target, "close", None)
        if close is not None:
            close()

    def __enter__(self) -> "KnowledgeGraph":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _result(solutions) -> Result:
    columns = tuple(v.value for v in solutions.variables)
    return Result(columns, tuple(tuple(solution[c] for c in columns) for solution in solutions))


def _text(value) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, bool):
        raise UsageError(f"a parameter value cannot be a bool ({value!r})")
    return str(value)


def open(store: str | Path | None = None, *, endpoint: str | None = None,  # noqa: A001 - inspectkg.open
         queries: str | Path | None = None, timeout: float = 30.0) -> KnowledgeGraph:
    """Open a store read-only (default: $INSPECTKG_STORE or ./inspectkg-store), or an endpoint URL."""
    if endpoint is not None:
        if store is not None:
            raise UsageError("give a store path or an endpoint, not both")
        from .remote.endpoint import Endpoint

        return KnowledgeGraph(Endpoint(endpoint, timeout=timeout), queries=queries, description=endpoint)
    path = Path(store or os.environ.get("INSPECTKG_STORE") or DEFAULT_STORE)
    return KnowledgeGraph(_open_read_only(path), queries=queries, description=str(path))


def _open_read_only(path: Path):
    from .store.embedded import Store

    for attempt in range(5):
        try:
            return Store(path, read_only=True)
        except RuntimeError as exc:
            # a writer that has just opened the store may be rewriting its file list; ask again
            if attempt == 4:
                raise StoreError(f"{path}: cannot open the store read-only ({exc})") from None
            time.sleep(0.2 * (attempt + 1))
    raise AssertionError("unreachable")
