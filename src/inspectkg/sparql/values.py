"""RDF terms as Python values, and query results as typed pandas DataFrames.

    python_value(Literal("3", datatype=xsd:integer)) -> 3
    to_dataframe(columns, rows_of_terms) -> pandas.DataFrame

A column becomes the narrowest pandas type that holds all its values:

- integers (``xsd:integer`` and its derived types) -> ``Int64`` (nullable);
- any mix of integers, decimals, floats and doubles -> ``Float64``;
- booleans -> ``boolean``;
- dates and date-times (``xsd:date``, ``xsd:gYearMonth``, ``xsd:gYear``, ...), or
  plain strings that are ISO dates (``2022-04-14``, ``2022-04``; a bare ``2022``
  only beside one of those) -> ``datetime64``, a partial date as the first day of
  its month or year;
- everything else, IRIs included (their full text) -> ``string``.

An unbound value is a missing value (``<NA>`` / ``NaT``).  pandas is an optional
extra: ``pip install 'inspectkg[pandas]'``.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from pyoxigraph import BlankNode, Literal, NamedNode

from ..errors import UsageError

_XSD = "http://www.w3.org/2001/XMLSchema#"
INTEGER_TYPES = frozenset(_XSD + t for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte"))
FLOAT_TYPES = frozenset(_XSD + t for t in ("double", "float"))
DECIMAL = _XSD + "decimal"
BOOLEAN = _XSD + "boolean"
DATE = _XSD + "date"
DATETIME = _XSD + "dateTime"
_DATE_TYPES = frozenset(_XSD + t for t in ("date", "gYearMonth", "gYear"))
_ISO_DATE = re.compile(r"\d{4}-(?:0[1-9]|1[0-2])(?:-\d{2})?")
_YEAR = re.compile(r"\d{4}")


def kind(term) -> str | None:
    """integer, decimal, float, boolean, date, datetime, year, string or iri (None: unbound)."""
    if term is None:
        return None
    if isinstance(term, (NamedNode, BlankNode)):
        return "iri"
    if not isinstance(term, Literal):
        return "string"
    datatype, value = term.datatype.value, term.value
    if datatype in INTEGER_TYPES and re.fullmatch(r"\s*[+-]?\d+\s*", value):
        return "integer"
    if datatype == DECIMAL:
        return "decimal"
    if datatype in FLOAT_TYPES:
        return "float"
    if datatype == BOOLEAN and value in ("true", "false", "1", "0"):
        return "boolean"
    if datatype == DATETIME:
        return "datetime"
    if datatype in _DATE_TYPES or _ISO_DATE.fullmatch(value):
        return "date"
    if _YEAR.fullmatch(value):
        return "year"  # a date only in a column that also has dates
    return "string"


def python_value(term):
    """A term as a Python value: int, Decimal, float, bool, date, datetime or str (IRIs: the IRI)."""
    if term is None:
        return None
    if isinstance(term, NamedNode):
        return term.value
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    if not isinstance(term, Literal):
        return str(term)
    datatype, value = term.datatype.value, term.value
    try:
        if datatype in INTEGER_TYPES:
            return int(value)
        if datatype == DECIMAL:
            return Decimal(value)
        if datatype in FLOAT_TYPES:
            return float(value)
        if datatype == BOOLEAN:
            return value in ("true", "1")
        if datatype == DATE:
            return dt.date.fromisoformat(value)
        if datatype == DATETIME:
            return dt.datetime.fromisoformat(value)
    except (ValueError, InvalidOperation):
        pass  # an ill-typed literal keeps its text
    return value


def _pandas():
    try:
        import pandas
    except ImportError:
        raise UsageError("DataFrames need pandas: pip install 'inspectkg[pandas]'") from None
    return pandas


def column(terms: list, pd=None):
    """One column of terms as a typed pandas Series."""
    pd = pd or _pandas()
    kinds = {kind(t) for t in terms} - {None}
    texts = [None if t is None else python_value(t) for t in terms]
    try:
        if kinds == {"integer"}:
            return pd.array(texts, dtype="Int64")
        if kinds and kinds <= {"integer", "decimal", "float"}:
            return pd.array([None if v is None else float(v) for v in texts], dtype="Float64")
        if kinds == {"boolean"}:
            return pd.array(texts, dtype="boolean")
        if kinds and kinds <= {"date", "year", "datetime"} and kinds & {"date", "datetime"}:
            raw = [None if t is None else t.value for t in terms]
            return pd.to_datetime(pd.Series(raw, dtype="object"), format="ISO8601", utc=_has_zone(raw)).array
    except (ValueError, TypeError, OverflowError):
        pass  # out of range for the type (a huge integer, year 0): kept as text below
    strings = [None if t is None else (t.value if isinstance(t, (NamedNode, Literal)) else python_value(t))
               for t in terms]
    return pd.array(strings, dtype="string")


def _has_zone(values: list[str | None]) -> bool:
    return any(v is not None and re.search(r"(Z|[+-]\d{2}:\d{2})$", v) and "T" in v for v in values)


def to_dataframe(columns, rows):
    """A DataFrame with one typed column per variable; ``rows`` are tuples of terms (or None)."""
    pd = _pandas()
    data = {name: column([row[i] for row in rows], pd) for i, name in enumerate(columns)}
    return pd.DataFrame(data, columns=list(columns))
