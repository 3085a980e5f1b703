"""The ``inspectkg`` command.  Data goes to stdout; progress and errors to stderr.

Each command lives in its own module in this package (``commands.py`` imports
them all) and registers itself on :data:`app`; every command is a thin wrapper
over a library function: ``build`` over :mod:`inspectkg.pipeline`, ``query`` over
:mod:`inspectkg.sparql`, ``serve`` over :mod:`inspectkg.server`, ``graph`` and
``draw`` over :mod:`inspectkg.network` and :mod:`inspectkg.draw`.  Only this
package prints to the terminal and turns an :class:`~inspectkg.errors.InspectkgError`
into ``Error: ...`` and an exit code; it must not hold logic a notebook would
need, nor import another package's private names.
Exit codes: 0 ok, 1 not conformant, 2 bad input or usage, 3 internal error.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape

from ..errors import InspectkgError

app = typer.Typer(
    name="inspectkg",
    help="Build and query a knowledge graph of police inspections and the news about them.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
ontology_app = typer.Typer(help="Check the OWL ontology.", no_args_is_help=True)
app.add_typer(ontology_app, name="ontology")

err = Console(stderr=True, soft_wrap=True)  # one error, one line, also in CI logs
out = Console(soft_wrap=True)

DEFAULT_STORE = "./inspectkg-store"

StoreOption = typer.Option(
    None, "--store", help="Store directory (default: $INSPECTKG_STORE or ./inspectkg-store).",
)


def store_path(given: Path | None) -> Path:
    return Path(given or os.environ.get("INSPECTKG_STORE") or DEFAULT_STORE)


def fail(exc: InspectkgError) -> "typer.Exit":
    err.print(f"[bold red]Error:[/] {escape(str(exc))}", highlight=False)
    return typer.Exit(exc.exit_code)


def main() -> None:
    from . import commands  # noqa: F401  (registers the commands)

    try:
        app()
    except InspectkgError as exc:
        err.print(f"[bold red]Error:[/] {escape(str(exc))}", highlight=False)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # pragma: no cover - the last line of defence
        err.print(f"[bold red]Internal error:[/] {type(exc).__name__}: {escape(str(exc))}", highlight=False)
        sys.exit(3)
