"""inspectkg serve: the SPARQL endpoint, REST API and web explorer over the store (Starlette, served by uvicorn)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..errors import StoreError, UsageError
from ..store.embedded import Store
from . import StoreOption, app, err, store_path


@app.command()
def serve(
    store: Path = StoreOption,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (loopback unless told otherwise)."),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="Port (0: any free port)."),
    timeout: float = typer.Option(10.0, "--timeout", min=0.1, help="Seconds a query or page may run before it is stopped (422)."),
    max_rows: int = typer.Option(10000, "--max-rows", min=1, help="Rows a query may return before it is refused (422)."),
    workers: int = typer.Option(2, "--workers", min=1, help="Query worker processes."),
    allow_update: bool = typer.Option(False, "--allow-update", help="Accept SPARQL UPDATE and Graph Store writes (needs --token)."),
    token: str = typer.Option(None, "--token", envvar="INSPECTKG_TOKEN", help="Bearer token that writes must carry."),
    get: str = typer.Option(None, "--get", help="Print the response to one GET of this path and exit, without opening a socket (e.g. /api/queries)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Do not log requests."),
    queries: Path = typer.Option(None, "--queries", file_okay=False,
                                 help="Serve your own folder of saved queries (.rq, grlc style) as /api/queries."),
) -> None:
    """Serve /sparql (SPARQL 1.1 Protocol), /store (Graph Store Protocol), /api (saved queries) and the explorer (/)."""
    from ..server import Settings, create_app
    from ..server.http import get as get_once, make_server, serve_until_stopped

    if allow_update and not token:
        raise UsageError("--allow-update needs --token T (writes must carry 'Authorization: Bearer T')")
    path = store_path(store)
    if not path.exists():
        raise StoreError(f"{path}: no store here; run 'inspectkg build' first")
    kg = Store(path)  # read-write: holds the store's lock, so a build stops at once while we serve
    settings = Settings(timeout=timeout, max_rows=max_rows, workers=workers, allow_update=allow_update, token=token)
    server_app = create_app(kg, settings)
    if queries is not None:
        from .query import queries_folder

        server_app.queries_folder = queries_folder(queries)
    try:
        if get is not None:
            response = get_once(server_app, get)
            sys.stdout.buffer.write(response.body)
            sys.stdout.buffer.flush()
            if response.status >= 400:
                raise typer.Exit(1)
            return
        if host not in ("127.0.0.1", "localhost", "::1"):
            err.print(f"[yellow]Note:[/] listening on {host}: reachable from other machines", highlight=False)

        def ready(address) -> None:
            err.print(f"inspectkg serving {path} at http://{address[0]}:{address[1]}/ "
                      f"(/sparql, /api/queries; {'updates with token' if allow_update else 'read-only'})",
                      highlight=False)

        log = None if quiet else (lambda line: err.print(line, highlight=False, markup=False))
        try:
            server = make_server(server_app, host, port, log)
        except OSError as exc:
            raise UsageError(f"cannot listen on {host}:{port} ({exc.strerror or exc}); "
                             "is another server using that port? Choose another with --port") from exc
        _cut_off_network(server_app)
        serve_until_stopped(server, on_ready=ready)
    finally:
        server_app.close()
        kg.close()


def _cut_off_network(server_app) -> None:
    """No new Internet sockets for this process (it only accepts), and say if the workers are not isolated.

    The workers cut themselves off (network namespace + seccomp); this process keeps its
    listening socket and refuses to open others, so an update the engine reads as a LOAD
    fails here too.  Where the system offers neither, the guard still refuses SERVICE and
    LOAD by their text, and we say so.
    """
    from ..server import sandbox

    held = sandbox.isolate("errno", namespace=False, all_threads=True)
    problems = sandbox.problems()
    workers = server_app.pool.isolation()
    if not held or not workers.get("isolation"):
        reasons = "; ".join([*problems, *workers.get("problems", [])]) or "unknown reason"
        err.print(f"[yellow]Note:[/] the query workers are not cut off from the network here ({reasons}); "
                  "SERVICE and LOAD are still refused by the query guard", highlight=False)
