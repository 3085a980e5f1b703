"""Organisations and people steps: gazetteers, the main force, names and roles."""

from __future__ import annotations

import pytest

from inspectkg.errors import RuleError
from inspectkg.ingest.extract import era, extract, lexicon, names
from inspectkg.model import Document


def run(text: str, published: str | None = None):
    return extract(Document(text, "test.txt", published=published))


def orgs(ex):
    return {o.key: o for o in ex.organisations}


def test_hmic_resolved_by_document_date():
    text = "West Mercia Police was rated good by HMIC, the report said after an inspection."
    assert "org/hmic" in orgs(run(text, published="2016-05-01"))
    assert "org/hmicfrs" in orgs(run(text, published="2019-05-01"))
    assert "org/hmic" not in orgs(run(text, published="2019-05-01"))


def test_hmic_resolved_by_years_when_undated():
    assert era.before_rename(None, "The inspection in 2014 and again in 2015.", None) is True
    assert era.before_rename(None, "Published in 2022 after the 2021/22 inspection.", None) is False
    assert era.before_rename(None, "No years here.", None) is None
    assert era.header_date("Title\n10:00, 4 June 2015\nBody") == "2015-06-04"


def test_his_majesty_means_hmicfrs():
    ex = run("His Majesty's Inspectorate of Constabulary inspected Dorset Police in 2013.")
    assert "org/hmicfrs" in orgs(ex)


def test_bare_county_possessive_is_the_force_but_a_council_is_not():
    ex = run("Kent's deputy chief constable spoke. Kent County Council met in Maidstone.")
    kent = orgs(ex)["force/kent"]
    assert [m.exact for m in kent.mentions] == ["Kent"]
    assert kent.mentions[0].start == 0
    assert "org/kent-county-council" in orgs(ex)


def test_bare_place_alone_does_not_invent_a_force():
    ex = run("Officers from Norfolk Constabulary travelled through Essex to help.")
    assert "force/essex" not in orgs(ex)
    assert ex.main_force == "force/norfolk"


def test_main_force_weights_the_title():
    text = "Cleveland Police told to improve\n\nDurham Constabulary and Durham Constabulary helped Cleveland Police. The force said thanks."
    ex = run(text)
    assert ex.main_force == "force/cleveland"
    the_force = [m for m in orgs(ex)["force/cleveland"].mentions if m.exact == "The force"]
    assert the_force


def test_watchdog_needs_an_inspection_context():
    assert "org/hmicfrs" not in orgs(run("The watchdog barked at the postman in 2023."))
    assert "org/hmicfrs" in orgs(run("Avon and Somerset Police was rated inadequate, the watchdog said in 2023."))


def test_names_keep_particles_hyphens_apostrophes():
    found = names.pieces("Ludwig van Beethoven met Sean O'Connor-Hughes and Mr McAllister.", [])
    assert [p.text for p in found] == ["Ludwig van Beethoven", "Sean O'Connor-Hughes", "McAllister"]


def test_title_name_roles_and_qualifiers():
    ex = run("T/Chief Constable Rhys Ellery of Gwent Police said the plan was working. "
             "Acting Assistant Chief Constable Lena Voss said more. Sir Tom Caddick said hello.")
    got = {(a.person, a.role, a.organisation, a.qualifier) for a in ex.appointments}
    assert ("person/rhys-ellery", "chief_constable", "force/gwent", "temporary") in got
    assert ("person/lena-voss", "assistant_chief_constable", "force/gwent", "acting") in got
    assert "person/tom-caddick" in {p.key for p in ex.people}
    assert not any(a.person == "person/tom-caddick" for a in ex.appointments)


def test_appositive_and_possessive_titles():
    ex = run("Dafydd Llewellyn, Dyfed-Powys Police and Crime Commissioner, said it was fair. "
             "Merseyside's chief constable, Joanne Pike, said more.")
    got = {(a.person, a.role, a.organisation) for a in ex.appointments}
    assert ("person/dafydd-llewellyn", "police_and_crime_commissioner", "force/dyfed-powys") in got
    assert ("person/joanne-pike", "chief_constable", "force/merseyside") in got


def test_hard_negatives_are_not_people():
    ex = run("Victim Support said it was worried. Police Scotland said nothing. "
             "The Chief Constable said. Crime Data Integrity was graded. Monday March said.")
    assert ex.people == ()


def test_honorific_surname_is_a_mention():
    ex = run("Chief Constable Amara Quist spoke. Later Ms Quist and Quist again.")
    person = {p.key: p for p in ex.people}["person/amara-quist"]
    assert {m.exact for m in person.mentions} == {"Amara Quist", "Ms Quist", "Quist"}


def test_pattern_file_errors_name_file_and_line(tmp_path, monkeypatch):
    (tmp_path / "lexicon.csv").write_text("kind,value\nhonorific,Mr\nbogus,Thing\n", encoding="utf-8")
    (tmp_path / "organisations.csv").write_text("id,name,kind,aliases\n", encoding="utf-8")
    (tmp_path / "titles.csv").write_text("role_id,title_form\n", encoding="utf-8")
    monkeypatch.setattr(lexicon, "patterns_dir", lambda: tmp_path)
    lexicon.load.cache_clear()
    try:
        with pytest.raises(RuleError, match=r"lexicon\.csv:3"):
            lexicon.load()
    finally:
        lexicon.load.cache_clear()


def test_the_context_declares_every_piece_of_state():
    """Per-document state lives in declared Context fields: hanging an attribute on it fails."""
    from inspectkg.ingest.extract.context import Context
    from inspectkg.reference import load as load_reference

    ctx = Context(document=Document("Kent Police.", "t.txt"), reference=load_reference(), nlp_doc=None)
    with pytest.raises(AttributeError):
        ctx.some_new_state = 1


def test_inspectors_are_found_by_the_role_kind_in_roles_csv():
    from inspectkg.reference import load as load_reference
    inspector_roles = load_reference().role_ids_of_kind("inspector")
    assert "hm_inspector_of_constabulary" in inspector_roles
    assert "hm_chief_inspector_of_constabulary" in inspector_roles
    assert "chief_constable" not in inspector_roles
