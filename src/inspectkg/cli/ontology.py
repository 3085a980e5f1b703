"""inspectkg ontology check: is the OWL ontology consistent, with no unsatisfiable class?"""

from __future__ import annotations

import typer

from ..errors import InspectkgError
from ..schema.reason import check_ontology
from . import err, fail, ontology_app, out


@ontology_app.command("check")
def check(
    timeout: float = typer.Option(120, "--timeout", help="Seconds to give HermiT before killing it."),
    vocab: bool = typer.Option(True, "--vocab/--no-vocab", help="Include the vocabularies and gazetteer individuals."),
) -> None:
    """Run HermiT over ontology/inspectkg.ttl (and ontology/vocab); exit 0 when consistent."""
    try:
        report = check_ontology(timeout=timeout, include_vocab=vocab)
    except InspectkgError as exc:
        raise fail(exc) from exc
    out.print(f"reasoner: {report.reasoner} ({report.triples} triples, {report.seconds:.1f} s; "
              f"{report.skipped} date literals left out)", highlight=False)
    out.print(f"consistent: {'yes' if report.consistent else 'NO'}", highlight=False)
    out.print(f"unsatisfiable classes: {len(report.unsatisfiable)}", highlight=False)
    for iri in report.unsatisfiable:
        out.print(f"  {iri}", highlight=False, markup=False)
    if not report.ok:
        err.print("the ontology has problems", highlight=False)
        raise typer.Exit(1)
