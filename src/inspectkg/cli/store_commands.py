"""inspectkg stats / export / import / sparql: look at and move the stored graph."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.table import Table

from ..errors import UsageError
from ..graph.export import FORMATS, export as run_export, parse_file
from ..graph.stats import stats as store_stats
from ..graph.store import Store
from ..graph.tables import Table as ResultTable, FORMATS as TABLE_FORMATS, render
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
    """Load exported RDF into the store, one transaction per file."""
    kg = Store(store_path(store))
    for path in files:
        quads = parse_file(path)
        kg.load_quads(quads)
        out.print(f"{path}: {len(quads)} quads", highlight=False, markup=False)
    kg.close()


@app.command()
def sparql(
    query: str = typer.Argument(..., help="A SPARQL query, or the path of a .rq file."),
    fmt: str = typer.Option("table", "--format", "-f", help=f"One of {', '.join(TABLE_FORMATS)}."),
    store: Path = StoreOption,
    endpoint: str = typer.Option(None, "--endpoint", help="Send the query to this SPARQL endpoint instead."),
) -> None:
    """Run a SPARQL SELECT or ASK query over the union of all graphs (or the graphs its FROM / FROM NAMED name)."""
    from .query import target_for

    text = Path(query).read_text(encoding="utf-8") if query.endswith(".rq") and Path(query).is_file() else query
    kg = target_for(store, endpoint)
    result = kg.query(text)
    if isinstance(result, bool):
        out.print("true" if result else "false")
        return
    if not hasattr(result, "variables"):
        raise UsageError("sparql prints SELECT and ASK results; use 'export' for graphs")
    render(ResultTable.from_solutions(result), fmt, out)
