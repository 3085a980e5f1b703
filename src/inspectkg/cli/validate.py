"""inspectkg validate: check the stored graph against the SHACL shapes."""

from __future__ import annotations

from pathlib import Path

import typer

from ..errors import InspectkgError
from ..schema.validate import validate
from . import StoreOption, app, err, fail, out, store_path


@app.command("validate")
def validate_command(
    store: Path = StoreOption,
    warnings: bool = typer.Option(True, "--warnings/--no-warnings", help="Also list warnings."),
) -> None:
    """Validate every graph of the store (with the reference graph) against ontology/shapes.ttl.

    Prints one line per problem (severity, focus node, path, message); exits 1
    when the graph does not conform, 0 when it does.
    """
    from ..store.embedded import open_store

    try:
        kg = open_store(store_path(store), read_only=True)
        try:
            report = validate(kg.quads())
        finally:
            kg.close()
    except InspectkgError as exc:
        raise fail(exc) from exc
    shown = report.violations if warnings else report.errors
    for violation in shown:
        out.print(violation.line(), highlight=False, markup=False)
    problems = len(report.errors)
    if report.conforms:
        err.print(f"conforms ({len(report.violations)} warning(s))", highlight=False)
        return
    err.print(f"does not conform: {problems} violation(s)", highlight=False)
    raise typer.Exit(1)
