"""The research pages' data: what a force, inspection and person page, the lists and the matrix show.

Read from a store holding the hand-made corpus of ``test_web_research_corpus``.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

import support.research_corpus as corpus
from inspectkg import iris
from inspectkg.sparql import queries
from inspectkg.store.embedded import Store
from inspectkg.web.data import Lookup
from inspectkg.web.research import examples, force, inspection, lists, matrix, person, rounds

CUMBRIA, DORSET = iris.iri(corpus.CUMBRIA), iris.iri(corpus.DORSET)
TEXTS = {extraction.document.id: extraction.document.text for extraction in corpus.EXTRACTIONS}


@pytest.fixture(scope="module")
def store():
    return corpus.build(Store())


@pytest.fixture
def lookup(store):
    return Lookup(store)


def stated(source) -> str:
    """The words a source link points at, read from the corpus text."""
    match = re.fullmatch(r"/id/doc/([0-9a-f]+)#span-(\d+)-(\d+)", source.href)
    assert match, source.href
    return TEXTS[match[1]][int(match[2]):int(match[3])]


def test_rounds_are_named_apart_and_in_time_order(lookup):
    found = rounds.read(lookup, force=CUMBRIA)
    assert [r.heading for r in found] == [
        "PEEL 2018/19", "Crime data integrity, published 2020", "PEEL 2021/22", "PEEL 2023/25"]
    assert [r.scale for r in found] == ["peel-4tier", "peel-4tier", "peel-5tier", "peel-5tier"]
    assert found[2].title == "PEEL 2021/22 of Cumbria Constabulary"
    assert found[1].title == "Crime data integrity of Cumbria Constabulary, published 2020"
    assert found[2].href == "/id/inspection/cumbria/peel/2021-22"
    dorset = [r.heading for r in rounds.read(lookup, force=DORSET)]
    assert dorset == ["PEEL, undated (peel/2016)", "PEEL, undated (peel/2017)", "PEEL 2023/25"]
    (one,) = rounds.read(lookup, inspection=iris.iri(corpus.D_UNDATED_B))
    assert one.heading == dorset[1]  # the same heading on the inspection's own page


def test_force_page_leads_with_grades_by_area_and_round(lookup):
    page = force.read(lookup, CUMBRIA)
    table = page.grades
    assert table.scales == ("peel-4tier", "peel-5tier")
    assert [r.heading for r in table.rounds][-1] == "PEEL 2023/25"
    row = {a.label: a for a in table.areas}["Investigating crime"]
    cells = dict(zip([r.heading for r in table.rounds], row.cells))
    assert cells["PEEL 2018/19"] is None
    disputed = cells["PEEL 2021/22"]
    assert disputed.disputed and [g.label for g in disputed.grades] == ["Good", "Adequate"]
    assert {stated(s) for g in disputed.grades for s in g.sources} == {
        "good at investigating crime", "adequate at investigating crime"}
    # no snake_case or IRIs in what a reader sees
    labels = [a.label for a in table.areas] + [g.label for a in table.areas for c in a.cells if c for g in c.grades]
    assert not [x for x in labels if "_" in x or x.startswith("http")]


def test_latest_grade_per_area_has_its_round_date_and_source(lookup):
    latest = {area.label: cell for area, cell in force.read(lookup, CUMBRIA).latest}
    cell = latest["Investigating crime"]
    assert cell.round.heading == "PEEL 2023/25" and cell.round.date == "2024-05-20"
    assert [g.label for g in cell.grades] == ["Good"]
    assert stated(cell.grades[0].sources[0]) == "now good at investigating crime"
    assert latest["Responding to the public"].round.heading == "PEEL 2021/22"


def test_findings_name_who_answered_and_which_went_unanswered(lookup):
    sections = {s.round.heading: s for s in force.read(lookup, CUMBRIA).inspections}
    assert list(sections)[0] == "PEEL 2023/25"  # newest first
    concern, afi = sections["PEEL 2021/22"].findings
    assert (concern.kind_label, afi.kind_label) == ("Cause of concern", "Area for improvement")
    assert stated(concern.sources[0]) == concern.text
    (answer,) = concern.responses
    assert (answer.speaker.label, answer.stance, answer.date) == ("Alys Penrose", "Accepts", "2022-03-12")
    assert any(stated(s) == answer.text for s in answer.sources)
    assert not concern.unanswered and afi.unanswered and afi.responses == ()
    (whole,) = sections["PEEL 2023/25"].responses
    assert whole.stance == "Commits to action" and whole.speaker.label == "Alys Penrose"


def test_office_holders_carry_attested_dates_and_sources(lookup):
    (office,) = force.read(lookup, CUMBRIA).offices
    assert (office.person.label, office.role, office.first_attested, office.last_attested) == (
        "Alys Penrose", "Chief Constable", "2022-03-10", "2024-05-20")
    assert {stated(s) for s in office.sources} == {"Chief Constable Alys Penrose"}


def test_statistics_and_documents_of_a_force(lookup):
    page = force.read(lookup, CUMBRIA)
    (stat,) = page.statistics
    assert stat.value == "88" and stated(stat.sources[0]) == stat.text
    assert [d.published for d in page.documents] == ["2024-05-20", "2022-03-12", "2022-03-10", "2019-05-02"]
    assert len({d.iri for d in page.documents}) == 4  # one list, no repeats


def test_inspection_page(lookup):
    page = inspection.read(lookup, iris.iri(corpus.C_2122))
    assert page.round.title == "PEEL 2021/22 of Cumbria Constabulary"
    assert {a.label: [g.label for g in a.cells[0].grades] for a in page.grades} == {
        "Investigating crime": ["Good", "Adequate"], "Responding to the public": ["Requires improvement"]}
    assert [f.kind for f in page.findings] == ["cause_of_concern", "area_for_improvement"]
    assert [d.title for d in page.documents] == ["Cumbria told to attend calls faster", "PEEL 2021/22: Cumbria Constabulary"]
    assert [r.heading for r in page.others] == ["PEEL 2018/19", "Crime data integrity, published 2020", "PEEL 2023/25"]
    assert inspection.read(lookup, iris.iri("inspection/cumbria/peel/1999-00")) is None


def test_person_page_groups_quotations_by_the_inspection_they_answer(lookup):
    page = person.read(lookup, iris.iri(corpus.PENROSE))
    assert [o.role for o in page.offices] == ["Chief Constable"]
    assert [g.round.heading for g in page.groups] == ["PEEL 2023/25", "PEEL 2021/22"]
    (answer,) = page.groups[1].said
    assert answer.quotation and [a.label for a in answer.answers] == ["callers wait too long for an officer to attend"]
    assert stated(answer.sources[-1]) == answer.text
    groups = person.read(lookup, iris.iri(corpus.OKAFOR)).groups
    assert [(g.round, [s.text for s in g.said]) for g in groups] == [(None, ["I welcome the report."])]


def test_counts_are_of_the_store_not_the_reference_forces(lookup):
    counts = {c.name: c for c in lists.counts(lookup)}
    assert {k: counts[k].number for k in ("forces", "people", "inspections", "documents")} == {
        "forces": 2, "people": 3, "inspections": 7, "documents": 5}
    assert counts["forces"].href == "/forces" and counts["ratings"].href is None


def test_lists_are_labelled_and_paged(lookup):
    assert [(e.entity.label, e.detail) for e in lists.forces(lookup)] == [
        ("Cumbria Constabulary", "4 inspections"), ("Dorset Police", "3 inspections")]
    assert ("Marten Quill", "Chief Constable, Dorset Police") in [(e.entity.label, e.detail) for e in lists.people(lookup)]
    assert lists.inspections(lookup)[-1].title == "PEEL, undated (peel/2016) of Dorset Police"
    page = lists.paged(lists.documents(lookup), 2, size=3)
    assert (page.number, page.pages, page.total, len(page.items)) == (2, 2, 5, 2)
    assert lists.paged([], 7).number == 1


def test_matrix_has_the_latest_grade_per_force_and_area_and_sorts(lookup):
    grid = matrix.read(lookup)
    assert [r.force.label for r in grid.rows] == ["Cumbria Constabulary", "Dorset Police"]
    at = [c.id for c in grid.columns].index("investigating_crime")
    cumbria = grid.rows[0].cells[at]
    assert (cumbria.grades[0].label, cumbria.round.heading) == ("Good", "PEEL 2023/25")
    best_first = matrix.read(lookup, sort="investigating_crime")
    assert [r.force.label for r in best_first.rows] == ["Dorset Police", "Cumbria Constabulary"]
    only_cumbria = matrix.read(lookup, sort="overall", descending=True)
    assert [r.force.label for r in only_cumbria.rows][0] == "Cumbria Constabulary"  # ungraded forces stay last
    assert matrix.read(lookup, sort="no such column'}").sort == "force"


def test_saved_query_examples_come_from_the_store_and_give_rows(lookup, store):
    for name, saved in queries.load_all().items():
        given = examples.examples(lookup, saved)
        assert set(given) >= {p for p, spec in saved.params.items() if spec.required}, name
        result = queries.run(saved, given, store)
        if name not in ("role-changes",):  # nobody in this corpus changes role
            assert result.rows, name
    saved = queries.load_all()["ratings-over-time"]
    assert examples.examples(lookup, saved) == {"force": "Cumbria Constabulary"}


def test_results_are_labelled_without_iris_or_snake_case(lookup, store):
    saved = queries.load_all()["who-responded"]
    result = queries.run(saved, {}, store)
    shown = examples.labelled(lookup, result.columns, result.rows)
    assert "responder label" not in shown.headers and shown.headers[:2] == ("force", "target kind")
    texts = [c.text for row in shown.rows for c in row]
    assert "cause of concern" in texts and "Alys Penrose" in texts
    assert not [t for t in texts if t.startswith("http") or re.fullmatch(r"[a-z]+_[a-z_]+", t)]
    unanswered = queries.run(queries.load_all()["unanswered-findings"], {}, store)
    shown = examples.labelled(lookup, unanswered.columns, unanswered.rows)
    (row,) = shown.rows
    link = row[shown.headers.index("document")].href
    assert link.endswith("#span-253-310") and stated(type("S", (), {"href": link})) == row[3].text


def test_an_undated_round_sorts_into_the_era_of_its_grade_scale(lookup):
    dated = {r.heading: r for r in rounds.read(lookup, force=CUMBRIA)}
    undated_five = replace(dated["PEEL 2021/22"], iri="x", period=None, published=None, date=None, year=None, heading="PEEL, undated")
    order = sorted([*dated.values(), undated_five], key=rounds.sort_key)
    assert [r.heading for r in order] == ["PEEL 2018/19", "Crime data integrity, published 2020", "PEEL, undated",
                                          "PEEL 2021/22", "PEEL 2023/25"]
    assert (dated["PEEL 2023/25"].dated, undated_five.dated) == ("2023/25", "undated")  # mentioned later, dated by its round


def test_matrix_can_keep_the_most_graded_areas(lookup):
    grid = matrix.read(lookup, columns=1)
    assert [c.id for c in grid.columns] == ["investigating_crime"]
    assert [r.force.label for r in grid.rows] == ["Cumbria Constabulary", "Dorset Police"]


def test_a_statement_answering_two_things_is_listed_once(lookup):
    (group,) = person.read(lookup, iris.iri(corpus.QUILL)).groups
    (said,) = group.said
    assert group.round.title == "PEEL 2023/25 of Dorset Police"
    assert [a.label for a in said.answers] == ["PEEL 2023/25 of Dorset Police", "Rating: Investigating crime (2023-25)"]
    (section,) = [s for s in force.read(lookup, DORSET).inspections if s.round.heading == "PEEL 2023/25"]
    assert [r.text for r in section.responses] == ["Outstanding is what our officers earned."]
