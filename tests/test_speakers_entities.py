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


def people(ex) -> set[str]:
    return {p.key for p in ex.people}


def roles(ex) -> set[tuple]:
    return {(a.person, a.role, a.organisation) for a in ex.appointments}


def test_a_title_with_its_area_or_abbreviation_before_the_name():
    ex = run("Police and Crime Commissioner for Devon and Torbay Elin Marsh welcomed the report.\n"
             "Gwent Police and Crime Commissioner (PCC) Ruth Ostler said she was pleased.")
    assert "person/elin-marsh" in people(ex) and "person/torbay-elin-marsh" not in people(ex)
    assert ("person/ruth-ostler", "police_and_crime_commissioner", "force/gwent") in roles(ex)


def test_a_list_of_titled_people_with_long_titles():
    ex = run("Pictured: Mayor of Greater Manchester, Sam Oduya, and Deputy Mayor for Police, Crime, "
             "Fire and Criminal Justice, Lena Brook, at Greater Manchester Police HQ.")
    assert ("person/lena-brook", "deputy_mayor_for_policing", "force/greater-manchester") in roles(ex)


def test_a_short_first_name_and_its_full_form_are_one_person():
    ex = run("Chief Constable Steve Ranger of Essex Police says the grade hurts.\n"
             "The force must do better, writes Chief Constable Stephen Ranger.")
    assert people(ex) == {"person/stephen-ranger"}
    assert {c.speaker for c in ex.claims if c.quotation} == {"person/stephen-ranger"}
    assert not people(run("Steve Ranger and Stephen Rangel, both of Essex Police, said so."))  >= {"person/stephen-ranger"}


def test_the_chair_of_a_body_and_an_age_before_a_name():
    ex = run("Below is the response from BTPA Chair Ola Dimka:\n\n"
             "\u201cWe welcome the report.\u201d\n\nThe gunman, 31-year-old Rory Quaid, was shot.")
    assert ("person/ola-dimka", "chair", "org/btpa") in roles(ex)
    assert "person/rory-quaid" in people(ex)
