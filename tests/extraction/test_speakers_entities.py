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


def test_inspector_x_of_an_inspection_is_an_inspector_of_constabulary():
    text = ("Dorset Police rated good by HMICFRS\n\n"
            "HMICFRS published its PEEL report on Dorset Police today.\n\n"
            "Inspector Hana Voss said: \u201cI am pleased with the progress Dorset Police has made.\n\n"
            "\u201cSince our last inspection, the force has improved how it answers calls.\u201d\n\n"
            "Inspector Tom Hale of Dorset Police said the patrols went well.")
    got = roles(run(text))
    assert ("person/hana-voss", "hm_inspector_of_constabulary", "org/hmicfrs") in got
    assert ("person/tom-hale", "inspector", "force/dorset") in got
    match = roles(run("Insp Jo Lake said the crowd at the Dorset derby was calm and Dorset Police made no arrests."))
    assert ("person/jo-lake", "inspector", "force/dorset") in match


def test_a_caption_rank_gives_way_to_the_inspectorate_role():
    text = ("New report on the PSNI\n\nChief Inspector Ama Reyes\n\n"
            "Criminal Justice Inspection Northern Ireland published the review. "
            "Ama Reyes, chief inspector of criminal justice in Northern Ireland, said the PSNI had made progress.")
    got = roles(run(text))
    assert {r for r in got if r[0] == "person/ama-reyes"} == {
        ("person/ama-reyes", "chief_inspector_cji_ni", "org/cjini")}


def test_an_officer_s_force_named_earlier_in_the_sentence():
    text = ("Kent Police detectives win awards\n\nKent Police officers won three awards.\n\n"
            "A team from the Metropolitan Police was led by Detective Superintendent Ivo Grant.\n\n"
            "Kent Police Detective Sergeant Lola Finch won the top prize.")
    got = roles(run(text))
    assert ("person/ivo-grant", "superintendent", "force/metropolitan") in got
    assert ("person/lola-finch", "sergeant", "force/kent") in got


def test_a_detective_chief_inspector_says_nothing_of_an_inspection():
    ex = run("Detective Chief Inspector Ed Mayo of Essex Police led the murder investigation.")
    assert not [o for o in ex.organisations if o.kind == "inspectorate"]


def test_a_sentence_opening_word_is_not_part_of_an_organisation_name():
    ex = run("Drawing on the Home Office Safer Streets Fund, Cumbria Constabulary bought new cameras. "
             "Funding came from the Office of the Police and Crime Commissioner for Cumbria.")
    keys = {o.key for o in ex.organisations}
    assert "org/home-office" in keys
    assert not [k for k in keys if k.startswith("org/drawing")]
    assert any(k.startswith("org/office-of-the-police-and-crime-commissioner") for k in keys)


def test_roles_from_appositions_naming_the_force_or_county():
    ex = run("Lancashire Constabulary was rated good. Joan Ashby, the force's chief constable, said she was proud. "
             "Pat Doyle, the county's police and crime commissioner, welcomed it.")
    got = roles(ex)
    assert ("person/joan-ashby", "chief_constable", "force/lancashire") in got
    assert ("person/pat-doyle", "police_and_crime_commissioner", "force/lancashire") in got


def test_an_inspector_of_another_inspectorate_belongs_to_it():
    ex = run("Cleveland Police custody suites were inspected. Ravi Lal, deputy chief inspector of prisons, "
             "and Una Kerr, HM inspector of constabulary, published the joint report in 2019.")
    got = roles(ex)
    assert ("person/ravi-lal", "other_inspector", "org/hmi-prisons") in got
    assert ("person/una-kerr", "hm_inspector_of_constabulary", "org/hmicfrs") in got
    assert "org/hmi-prisons" in {o.key for o in ex.organisations}


def test_a_full_first_name_without_a_cue_joins_the_short_one():
    ex = run("Detective Chief Superintendent Dave Rourke of Kent Police won.\n"
             "The prize went to former Kent Police detective, David Rourke.\n"
             "Chief Constable Michael Ennis of Essex Police presented it; Mike Ennis thanked the judges.\n"
             "David Moss of Essex Police came second.")
    assert {p.key: sorted(m.exact for m in p.mentions) for p in ex.people if "moss" not in p.key} == {
        "person/david-rourke": ["Dave Rourke", "David Rourke"],
        "person/michael-ennis": ["Michael Ennis", "Mike Ennis"]}


def test_a_word_kept_out_of_names_is_a_surname_after_a_first_name():
    ex = run("Pictured: Mayor of Greater Manchester, Sam Oduya, and Deputy Mayor for Policing and Crime, "
             "Sarah Green, at Greater Manchester Police HQ. The Green Party was not invited.")
    got = roles(ex)
    assert ("person/sarah-green", "deputy_mayor_for_policing", "force/greater-manchester") in got
    assert ("person/sam-oduya", "mayor", "force/greater-manchester") in got
    assert {p.name for p in ex.people} == {"Sarah Green", "Sam Oduya"}
