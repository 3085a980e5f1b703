"""inspectkg stats / export / import / sparql: look at and move the stored graph."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import typer
from rich.table import Table

from ..errors import InputError, UsageError
from ..store.export import FORMATS, export as run_export, import_file
from ..store.stats import stats as store_stats
from ..store.embedded import Store
from ..sparql.tables import Table as ResultTable, FORMATS as TABLE_FORMATS, render
from ..printable import one_line
from . import StoreOption, app, out, store_path


@app.command()
def stats(
    store: Path = StoreOption,
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
) -> None:
    """Counts of documents, quads and extracted facts by kind."""
    kg = Store(store_path(store), read_only=True)
    figures = store_stats(kg)
    if as_json:
        out.print(json.dumps(figures, indent=2, sort_keys=True), highlight=False, markup=False)
        return
    table = Table("what", "count", title=f"inspectkg store {kg.path}")
    for name, value in figures.items():
        table.add_row(name, str(value))
    out.print(table)


@app.command("export")
def export_command(
    fmt: str = typer.Option("turtle", "--format", "-f", help=f"One of {', '.join(FORMATS)}."),
    output: Path = typer.Option(None, "--output", "-o", help="File to write (default: stdout)."),
    store: Path = StoreOption,
    endpoint: str = typer.Option(None, "--endpoint", help="Export the named graphs of a SPARQL endpoint instead."),
) -> None:
    """Export the whole graph (Turtle: the union; TriG, N-Quads, JSON-LD: every named graph)."""
    from .query import target_for

    kg = target_for(store, endpoint) if endpoint else Store(store_path(store), read_only=True)
    if output is None:
        sys.stdout.buffer.write(run_export(kg, fmt))
    else:
        run_export(kg, fmt, output)


@app.command("import")
def import_command(
    files: list[Path] = typer.Argument(..., help="N-Quads, TriG, Turtle or JSON-LD files (an earlier export)."),
    store: Path = StoreOption,
) -> None:
    """Load exported RDF with named graphs (N-Quads, TriG, JSON-LD) into the store, one transaction per file."""
    for path in files:  # every file exists before the store is opened (or created)
        if not path.is_file():
            raise InputError(str(path), "no such file" if not path.exists() else "not a file")
    target = store_path(store)
    created = not target.exists()
    kg = Store(target)
    imported = 0
    try:
        for path in files:
            count = import_file(kg, path)
            imported += 1
            out.print(one_line(f"{path}: {count} quads"), highlight=False, markup=False)
    finally:
        kg.close()
        if created and not imported:
            shutil.rmtree(target, ignore_errors=True)  # a refused import leaves no empty store behind


@app.command()
def sparql(
    query: str = typer.Argument(..., help="A SPARQL query, or the path of a .rq file."),
    fmt: str = typer.Option("table", "--format", "-f", help=f"One of {', '.join(TABLE_FORMATS)}."),
    store: Path = StoreOption,
    endpoint: str = typer.Option(None, "--endpoint", help="Send the query to this SPARQL endpoint instead."),
) -> None:
    """Run a SPARQL SELECT or ASK query over the union of all graphs (or the graphs its FROM / FROM NAMED name)."""
    from .query import target_for

    text = _query_text(query)
    kg = target_for(store, endpoint)
    result = kg.query(text)
    if isinstance(result, bool):
        out.print("true" if result else "false")
        return
    if not hasattr(result, "variables"):
        raise UsageError("sparql prints SELECT and ASK results; use 'export' for graphs")
    render(ResultTable.from_solutions(result), fmt, out)


def _query_text(query: str) -> str:
    """The query itself, or the text of the .rq file it names."""
    if not query.rstrip().lower().endswith(".rq"):
        return query
    path = Path(query.strip())
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(str(path), "no such query file") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a folder, not a query file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read the query file ({exc})") from None
