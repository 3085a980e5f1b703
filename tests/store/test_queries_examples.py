"""Every saved query on the example corpus: its columns, and a row that examples/FACTS.md states."""

from __future__ import annotations

from pathlib import Path

import pytest

from inspectkg.sparql import queries
from inspectkg.store.embedded import Store
from inspectkg.pipeline import build

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"
KENT = "https://w3id.org/inspectkg/id/force/kent"

# parameters for queries that need one: entities named in examples/FACTS.md
PARAMS = {"force": "kent", "person": "Matthew Scott", "entity": "Matthew Scott"}


def has(rows, **expected):
    """A row whose columns contain (case-insensitively) the expected values."""
    return any(all(v.lower() in (row.get(k) or "").lower() for k, v in expected.items()) for row in rows)


# a row each query must return on the example corpus (facts from examples/FACTS.md)
KNOWN = {
    "about-entity": lambda rows: any("Scott" in (r.get("exact") or r.get("text") or "") for r in rows),
    "causes-of-concern": lambda rows: has(rows, force=KENT),
    "documents": lambda rows: len(rows) == len([p for p in CORPUS.iterdir() if p.is_file()]),
    "grade-changes": lambda rows: has(rows, force=KENT, earlier_grade="inadequate", later_grade="outstanding",
                                      change="improved")
                                  and not has(rows, area="unspecified"),  # unnamed areas have nothing to compare
    "inspections-of-force": lambda rows: has(rows, inspection="inspection/kent/peel/2021-22"),
    "latest-grades": lambda rows: has(rows, force=KENT, grades="outstanding"),
    "officials-and-roles": lambda rows: has(rows, person_label="Alan Pughsley", role="chief_constable"),
    "organisations-quoted": lambda rows: has(rows, organisation_label="Kent Police"),
    "quotations-by-person": lambda rows: len(rows) >= 1,
    "ratings-over-time": lambda rows: has(rows, period="2021/22", area="investigating", grade="inadequate"),
    "role-changes": lambda rows: has(rows, person_label="Tim Smith", from_role="deputy_chief_constable",
                                     to_role="chief_constable"),
    "source-disagreements": lambda rows: all(r["grade_1"] != r["grade_2"] for r in rows),
    "statistics-by-measure": lambda rows: any((r.get("value") or "").startswith("24") for r in rows),
    "unanswered-findings": lambda rows: has(rows, force=KENT),
    "who-responded": lambda rows: has(rows, responder_label="Matthew Scott"),
}


@pytest.fixture(scope="module")
def store() -> Store:
    kg = Store(None)
    report = build([str(CORPUS)], kg)
    assert report.ok, report.failed
    return kg


def test_every_saved_query_has_a_known_row():
    assert sorted(KNOWN) == sorted(queries.load_all())


@pytest.mark.parametrize("name", sorted(queries.load_all()))
def test_saved_query_on_the_example_corpus(name, store):
    saved = queries.load_all()[name]
    params = {p: PARAMS[p] for p, spec in saved.params.items() if spec.required}
    table = queries.run(saved, params, store)
    assert table.columns == saved.returns
    rows = table.as_dicts()
    assert rows, f"{name} returned no rows on the example corpus"
    assert KNOWN[name](rows), f"{name}: no known row in {rows[:3]}"
