"""inspectkg shard: extraction on a Dask cluster into N-Quads shards (see :mod:`inspectkg.scale`)."""

from __future__ import annotations

import time
from pathlib import Path

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..cli import app, err
from ..printable import one_line
from .run import DEFAULT_BATCH, ShardOptions, cluster, shard_corpus


@app.command()
def shard(
    targets: list[str] = typer.Argument(..., help="Files, folders (recursive) or http(s) URLs, as for build."),
    out: Path = typer.Option(..., "--out", "-o", help="New (or empty) folder for the shards, on storage every worker reaches."),
    scheduler: str = typer.Option("local", "--scheduler", help="A Dask scheduler's address (tcp://host:8786), or 'local' for a cluster on this machine."),
    workers: int = typer.Option(2, "--workers", "-w", min=1, help="Worker processes of the local cluster."),
    batch: int = typer.Option(DEFAULT_BATCH, "--batch", min=1, help="Documents per task (one shard each)."),
    load_store: Path = typer.Option(None, "--load-store", help="Then bulk-load the shards into this new store with 'oxigraph load'."),
    exclude: list[str] = typer.Option([], "--exclude", "-x", metavar="GLOB", help="As for build."),
    follow_symlinks: bool = typer.Option(False, "--follow-symlinks", help="As for build."),
) -> None:
    """Extract documents on a Dask cluster into N-Quads shards for a server's bulk loader."""
    started = time.perf_counter()
    with cluster(scheduler, workers=workers) as client, Progress(
        TextColumn("[bold]sharding"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=True,
    ) as progress:
        task = progress.add_task("shard", total=None)
        report = shard_corpus(
            targets, out, client, batch=batch,
            options=ShardOptions(exclude=exclude, follow_symlinks=follow_symlinks,
                                 on_start=lambda n: progress.update(task, total=n),
                                 on_batch=lambda n: progress.update(task, advance=n)),
        )
    for name, message in report.failed:
        err.print(f"[red]Error:[/] {escape(message)}", highlight=False)
    err.print(escape(one_line(f"{report.summary()} → {out} in {time.perf_counter() - started:.1f} s")), highlight=False)
    if load_store is not None:
        from .load import load_oxigraph

        started = time.perf_counter()
        load_oxigraph(out, load_store)
        err.print(escape(one_line(f"loaded into {load_store} in {time.perf_counter() - started:.1f} s")), highlight=False)
    if not report.ok:
        raise typer.Exit(2)
