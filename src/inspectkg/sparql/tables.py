"""Query results as a plain table, and its renderings: table, csv, tsv, json."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from pyoxigraph import BlankNode, Literal, NamedNode

FORMATS = ("table", "csv", "tsv", "json")


def term_value(term) -> str | None:
    """A term as a plain string: the IRI, or the literal's lexical form."""
    if term is None:
        return None
    if isinstance(term, (NamedNode, Literal)):
        return term.value
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    return str(term)


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str | None, ...], ...]

    @classmethod
    def from_solutions(cls, solutions) -> "Table":
        columns = tuple(v.value for v in solutions.variables)
        rows = tuple(tuple(term_value(solution[c]) for c in columns) for solution in solutions)
        return cls(columns, rows)

    def as_dicts(self) -> list[dict[str, str | None]]:
        return [dict(zip(self.columns, row)) for row in self.rows]

    def to_csv(self, delimiter: str = ",") -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
        writer.writerow(self.columns)
        for row in self.rows:
            writer.writerow(["" if v is None else v for v in row])
        return buffer.getvalue()

    def to_json(self) -> str:
        return json.dumps({"columns": list(self.columns), "rows": self.as_dicts()}, indent=2, ensure_ascii=False)


def render(table: Table, fmt: str, console) -> None:
    """Print a table to a rich console in one of FORMATS."""
    if fmt == "csv":
        console.file.write(table.to_csv())
    elif fmt == "tsv":
        console.file.write(table.to_csv("\t"))
    elif fmt == "json":
        console.file.write(table.to_json() + "\n")
    elif fmt == "table":
        from rich.table import Table as RichTable

        rich_table = RichTable(*table.columns, caption=f"{len(table.rows)} rows")
        for row in table.rows:
            rich_table.add_row(*("" if v is None else _short(v) for v in row))
        console.print(rich_table)
    else:
        from ..errors import UsageError

        raise UsageError(f"unknown result format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _short(value: str) -> str:
    """A cell for the terminal: IRIs shortened, long text cut, control characters and markup escaped."""
    from rich.markup import escape

    from .. import iris
    from ..printable import one_line

    if value.startswith(iris.BASE):
        value = "ikd:" + value[len(iris.BASE):]
    elif len(value) > 120:
        value = value[:117] + "…"
    return escape(one_line(value))
