"""inspectkg build / remove: put documents into the store, or take them out."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..graph.store import Store
from ..pipeline import build as run_build
from . import StoreOption, app, err, out, store_path


@app.command()
def build(
    targets: list[str] = typer.Argument(..., help="Files, folders (recursive) or http(s) URLs."),
    store: Path = StoreOption,
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes for reading and extraction."),
    memory: bool = typer.Option(False, "--memory", help="Build in memory only (nothing written to disk)."),
) -> None:
    """Read documents, extract facts and store one graph per document."""
    kg = Store(None if memory else store_path(store))
    with Progress(
        TextColumn("[bold]building"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.fields[current]}"), console=err, transient=True,
    ) as progress:
        task = progress.add_task("build", total=None, current="")
        report = run_build(
            targets, kg, jobs=jobs,
            on_start=lambda n: progress.update(task, total=n),
            on_done=lambda name, status: progress.update(task, advance=1, current=escape(name[-40:])),
            on_optimize=lambda: progress.update(task, current="compacting the store"),
        )
    for name, message in report.failed:
        err.print(f"[red]Error:[/] {escape(message)}", highlight=False)
    err.print(escape(f"{report.summary()} → {'memory' if memory else kg.path}"), highlight=False)
    kg.close()
    if not report.ok:
        raise typer.Exit(2)


@app.command()
def remove(
    sources: list[str] = typer.Argument(..., help="Source names as stored (dcterms:source), e.g. a relative path or URL."),
    store: Path = StoreOption,
) -> None:
    """Remove the graphs of documents whose source has gone."""
    kg = Store(store_path(store))
    missing = []
    for source in sources:
        removed = kg.remove_source(source)
        if removed:
            out.print(escape(f"removed {source} ({', '.join(removed)})"), highlight=False)
        else:
            missing.append(source)
    kg.close()
    for source in missing:
        err.print(f"[red]Error:[/] {escape(source)}: no document with this source in the store", highlight=False)
    if missing:
        raise typer.Exit(2)
