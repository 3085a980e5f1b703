"""inspectkg build / remove: put documents into the store, or take them out."""

from __future__ import annotations

import shutil
from pathlib import Path

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..store.embedded import Store
from ..ingest.read_folder import discover
from ..pipeline import BuildProgress, build_sources
from ..printable import one_line
from . import StoreOption, app, err, out, store_path


@app.command()
def build(
    targets: list[str] = typer.Argument(..., help="Files, folders (recursive) or http(s) URLs."),
    store: Path = StoreOption,
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes for reading and extraction."),
    memory: bool = typer.Option(False, "--memory", help="Build in memory only (nothing written to disk)."),
    exclude: list[str] = typer.Option(
        [], "--exclude", "-x", metavar="GLOB",
        help="Leave out files in folders matching this gitignore-style pattern (repeatable); "
             "added to each folder's .inspectkgignore and the defaults (README*, LICENSE*, ...).",
    ),
    follow_symlinks: bool = typer.Option(
        False, "--follow-symlinks", help="Read symbolic links in folders that point outside the folder.",
    ),
) -> None:
    """Read documents, extract facts and store one graph per document."""
    sources = discover(targets, exclude=exclude, follow_symlinks=follow_symlinks)  # before the store: a bad target writes nothing
    path = None if memory else store_path(store)
    created = path is not None and not path.exists()
    kg = Store(path)
    with Progress(
        TextColumn("[bold]building"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.fields[current]}"), console=err, transient=True,
    ) as progress:
        task = progress.add_task("build", total=None, current="")
        report = build_sources(sources, kg, jobs=jobs, progress=BuildProgress(
            on_start=lambda n: progress.update(task, total=n),
            on_done=lambda name, status: progress.update(task, advance=1, current=escape(name[-40:])),
            on_optimize=lambda: progress.update(task, current="compacting the store"),
        ))
    for name, message in report.failed:
        err.print(f"[red]Error:[/] {escape(message)}", highlight=False)
    err.print(escape(one_line(f"{report.summary()} → {'memory' if memory else kg.path}")), highlight=False)
    kg.close()
    if created and not (report.added or report.replaced or report.unchanged):
        shutil.rmtree(path, ignore_errors=True)  # a build that stored nothing leaves no empty store behind
        err.print(escape(one_line(f"nothing was stored, so no store was created at {path}")), highlight=False)
    if not report.ok:
        raise typer.Exit(2)


@app.command()
def remove(
    sources: list[str] = typer.Argument(
        ..., help="Source names as stored (dcterms:source): folder name and path below it, file name, or URL."),
    store: Path = StoreOption,
) -> None:
    """Remove the graphs of documents whose source has gone (one source name, one document)."""
    kg = Store(store_path(store), create=False)
    missing: list[tuple[str, list[str]]] = []
    for source in sources:
        removed = kg.remove_source(source)
        if removed:
            out.print(escape(one_line(f"removed {source} ({', '.join(removed)})")), highlight=False)
        else:
            missing.append((source, kg.sources_ending_with(source)))
    kg.close()
    for source, near in missing:
        hint = f"; did you mean {', '.join(near[:5])}{' ...' if len(near) > 5 else ''}?" if near else ""
        err.print(f"[red]Error:[/] {escape(one_line(f'{source}: no document with this source in the store{hint}'))}",
                  highlight=False)
    if missing:
        raise typer.Exit(2)
