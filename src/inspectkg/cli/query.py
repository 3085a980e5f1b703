"""inspectkg queries / query / push: saved queries, on the store or a remote endpoint."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from ..errors import UsageError
from ..sparql import queries as saved_queries
from ..remote.endpoint import DEFAULT_TIMEOUT, Endpoint, graph_store_url, push as push_store
from ..store.embedded import Store
from ..sparql.tables import FORMATS as TABLE_FORMATS, render
from . import StoreOption, app, err, out, store_path

EndpointOption = typer.Option(
    None, "--endpoint", help="A SPARQL endpoint URL to query instead of the store (e.g. http://127.0.0.1:7878/query).",
)
TimeoutOption = typer.Option(DEFAULT_TIMEOUT, "--timeout", min=1, help="Seconds to wait for a remote endpoint.")
QueriesOption = typer.Option(
    None, "--queries", file_okay=False, help="A folder of your own saved queries (.rq, grlc style) instead of ours.",
)


def queries_folder(folder: Path | None) -> Path | None:
    if folder is not None and not folder.is_dir():
        raise UsageError(f"{folder}: --queries takes a folder of .rq files, and there is none here")
    return folder


def parse_params(pairs: list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--param {pair!r}: write NAME=VALUE, e.g. --param force=kent")
        params[name.strip()] = value
    return params


def target_for(store: Path | None, endpoint: str | None, timeout: float = DEFAULT_TIMEOUT):
    """The remote endpoint if given, else the store opened read-only."""
    if endpoint:
        if store is not None:
            raise UsageError("give --store or --endpoint, not both")
        return Endpoint(endpoint, timeout=timeout)
    return Store(store_path(store), read_only=True)


@app.command("queries")
def list_queries(
    as_json: bool = typer.Option(False, "--json", help="Print the list as JSON."),
    folder: Path = QueriesOption,
) -> None:
    """List the saved queries: name, summary, parameters (* = required)."""
    loaded = saved_queries.load_all(queries_folder(folder))
    if as_json:
        import json

        out.print(json.dumps([q.describe() for q in loaded.values()], indent=2), highlight=False, markup=False)
        return
    table = Table("name", "summary", "params")
    for saved in loaded.values():
        params = ", ".join(f"{p.name}{'*' if p.required else ''}:{p.type}" for p in saved.params.values())
        table.add_row(saved.name, saved.summary, params)
    out.print(table)


@app.command("query")
def run_saved_query(
    name: str = typer.Argument(..., help="A saved query (see 'inspectkg queries')."),
    param: list[str] = typer.Option([], "--param", "-p", help="NAME=VALUE; repeat for several."),
    fmt: str = typer.Option("table", "--format", "-f", help=f"One of {', '.join(TABLE_FORMATS)}."),
    store: Path = StoreOption,
    endpoint: str = EndpointOption,
    timeout: float = TimeoutOption,
    folder: Path = QueriesOption,
    page: int = typer.Option(None, "--page", min=1, help="Print only this page of the rows (1, 2, ...)."),
    per_page: int = typer.Option(
        None, "--per-page", min=1,
        help=f"Rows a page (default: the query's grlc 'pagination', else {saved_queries.DEFAULT_PER_PAGE}); implies --page 1."),
) -> None:
    """Run a saved query with parameters (an entity may be given by id, name or alias)."""
    if fmt not in TABLE_FORMATS:
        raise UsageError(f"unknown result format {fmt!r}; choose one of {', '.join(TABLE_FORMATS)}")
    saved = saved_queries.get(name, queries_folder(folder))
    target = target_for(store, endpoint, timeout)
    if page is None and per_page is None:
        render(saved_queries.run(saved, parse_params(param), target), fmt, out)
        return
    answer = saved_queries.run_page(saved, parse_params(param), target, page or 1, per_page)
    render(answer.table, fmt, out)
    following = f"; next: --page {answer.number + 1}" if answer.more else " (the last)"
    err.print(f"page {answer.number}, {answer.per_page} rows a page{following}", highlight=False, markup=False)


@app.command("push")
def push(
    endpoint: str = typer.Option(..., "--endpoint", help="The remote query endpoint, e.g. http://127.0.0.1:7878/query."),
    graph_store: str = typer.Option(
        None, "--graph-store", help="Graph Store Protocol URL (default: the endpoint with /query or /sparql -> /store)."),
    token: str = typer.Option(None, "--token", envvar="INSPECTKG_TOKEN", help="Bearer token for the remote store."),
    store: Path = StoreOption,
    timeout: float = TimeoutOption,
    jobs: int = typer.Option(1, "--jobs", min=1, max=32, help="PUT requests in flight at once (oxigraph serve: 4 is ~2x faster; Virtuoso: keep 1, it drops concurrent unauthenticated uploads)."),
) -> None:
    """Upload every graph of the store (HTTP PUT per graph: pushing again replaces, never duplicates).

    Credentials for a server that wants them (Basic or Digest): INSPECTKG_USER and
    INSPECTKG_PASSWORD, a netrc entry for the host, or user:password@ in the URL.
    """
    import time

    from ..remote.http import split_userinfo

    kg = Store(store_path(store), read_only=True)
    url = graph_store or graph_store_url(endpoint)
    started = time.perf_counter()
    report = push_store(kg, url, timeout=timeout, token=token, jobs=jobs)
    seconds = time.perf_counter() - started
    err.print(f"pushed {report.graphs} graphs, {report.triples} triples in {seconds:.1f} s "
              f"({report.triples / max(seconds, 1e-9):,.0f} triples/s) → {split_userinfo(url)[0]}",
              highlight=False, markup=False)
