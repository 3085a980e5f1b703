"""Forces, organisations, people and roles: phenomena met in news about other forces (our own texts)."""

from __future__ import annotations

from inspectkg.ingest.extract import extract
from inspectkg.model import Document


def run(text: str, published: str | None = None):
    return extract(Document(text, "test.txt", published=published))


def forces(ex) -> set[str]:
    return {o.key for o in ex.organisations if o.kind == "police_force"}


def test_a_list_of_force_areas_names_forces():
    text = ("The inspectorate graded police forces on how they handle calls.\n"
            "Rated good:\nNorfolk, Suffolk, Essex & Kent and Dorset\n"
            "Rated inadequate:\nGwent\n")
    got = forces(run(text))
    assert {"force/norfolk", "force/suffolk", "force/essex", "force/kent", "force/dorset", "force/gwent"} <= got


def test_places_in_prose_are_not_forces_unless_listed_with_others():
    ex = run("Police said the storm crossed Kent and Sussex overnight, Essex Police reported flooding.")
    assert "force/kent" not in forces(ex) and "force/sussex" not in forces(ex)
    assert "force/essex" in forces(ex)
    assert not forces(run("Storms hit Norfolk, Suffolk and Essex on Tuesday.\nKent\n"))
