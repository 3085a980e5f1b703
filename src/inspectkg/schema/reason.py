"""Check the OWL ontology with HermiT (through owlready2), in a killable subprocess.

    check_ontology(timeout=120) -> ReasonerReport(consistent, unsatisfiable, seconds)

owlready2 runs Java with no timeout of its own, so the whole owlready2 call
runs in a child Python process started in its own process group; on timeout
the group (the child and its Java) is killed.  The ontology and the generated
vocabularies (``ontology/vocab/*.ttl``, individuals included) are merged with
rdflib and written as N-Triples, which owlready2 reads.

HermiT supports only the OWL 2 datatype map, which lacks xsd:date, xsd:gYear
and xsd:gYearMonth; the few facts with such literals (ik:validFrom, ik:validTo,
dcterms:date of the gazetteer) are left out of the reasoner's input and
counted in :attr:`ReasonerReport.skipped`.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import rdflib

from ..errors import ReasonerError
from ..resources import ontology_dir

ONTOLOGY_FILE = "inspectkg.ttl"
_XSD = "http://www.w3.org/2001/XMLSchema#"
NOT_OWL2_DATATYPES = frozenset(rdflib.URIRef(_XSD + t) for t in ("date", "gYear", "gYearMonth"))


@dataclass(frozen=True)
class ReasonerReport:
    consistent: bool
    unsatisfiable: tuple[str, ...]  # IRIs of classes equivalent to owl:Nothing
    seconds: float
    triples: int
    skipped: int = 0  # facts left out: literals outside the OWL 2 datatype map
    reasoner: str = "HermiT"

    @property
    def ok(self) -> bool:
        return self.consistent and not self.unsatisfiable


def ontology_files(include_vocab: bool = True) -> list[Path]:
    folder = ontology_dir()
    files = [folder / ONTOLOGY_FILE]
    if include_vocab:
        files += sorted((folder / "vocab").glob("*.ttl"))
    return files


def _merged(files: list[Path], extra: rdflib.Graph | None) -> tuple[rdflib.Graph, int]:
    graph = rdflib.Graph()
    for path in files:
        try:
            graph.parse(path, format="turtle")
        except Exception as exc:  # rdflib raises many kinds of parse errors
            raise ReasonerError(f"{path}: cannot parse ({exc})") from exc
    if extra is not None:
        graph += extra
    skipped = [t for t in graph if isinstance(t[2], rdflib.Literal) and t[2].datatype in NOT_OWL2_DATATYPES]
    for triple in skipped:
        graph.remove(triple)
    return graph, len(skipped)


def check_ontology(
    timeout: float = 120,
    include_vocab: bool = True,
    extra: rdflib.Graph | None = None,
) -> ReasonerReport:
    """Run HermiT over the ontology (+ vocabularies, + ``extra`` axioms or facts)."""
    if shutil.which("java") is None:
        raise ReasonerError("java is not on PATH; install a Java runtime (17 or later) to run HermiT")
    graph, skipped = _merged(ontology_files(include_vocab), extra)
    with tempfile.TemporaryDirectory(prefix="inspectkg-reason-") as tmp:
        source = Path(tmp) / "ontology.nt"
        result = Path(tmp) / "result.json"
        graph.serialize(source, format="nt", encoding="utf-8")
        command = [sys.executable, "-m", "inspectkg.schema.reason", str(source), str(result)]
        started = time.monotonic()
        child = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
        )
        try:
            output, _ = child.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)  # the child's own group: it and its Java
            child.communicate()
            raise ReasonerError(f"HermiT did not finish within {timeout:g} s; try a longer --timeout")
        seconds = time.monotonic() - started
        if child.returncode != 0 or not result.exists():
            lines = output.decode("utf-8", "replace").strip().splitlines()
            cause = [line for line in lines if "Exception" in line and not line.lstrip().startswith("at ")]
            raise ReasonerError("HermiT failed: " + (cause[-1].strip() if cause else
                                                     " | ".join(lines[-3:]) or f"exit code {child.returncode}"))
        data = json.loads(result.read_text(encoding="utf-8"))
    return ReasonerReport(
        consistent=data["consistent"],
        unsatisfiable=tuple(sorted(data["unsatisfiable"])),
        seconds=round(seconds, 2),
        triples=len(graph),
        skipped=skipped,
    )


def _worker(source: str, result: str) -> None:  # pragma: no cover - runs in the child process
    import owlready2

    world = owlready2.World()
    with open(source, "rb") as handle:
        world.get_ontology("https://w3id.org/inspectkg/check").load(fileobj=handle, format="ntriples")
    consistent = True
    unsatisfiable: list[str] = []
    try:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        unsatisfiable = [c.iri for c in world.inconsistent_classes() if c is not owlready2.Nothing]
    except owlready2.OwlReadyInconsistentOntologyError:
        consistent = False
    Path(result).write_text(json.dumps({"consistent": consistent, "unsatisfiable": unsatisfiable}))


if __name__ == "__main__":  # pragma: no cover
    _worker(sys.argv[1], sys.argv[2])
