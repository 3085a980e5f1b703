"""Rows that tie on a query's first sort keys come back in the same order from every engine.

A small corpus of our own where rows tie: one force inspected under two programmes
in the same round (grade-changes: same force, area, first round and grades, different
next rounds), a person known by two names (role-changes: one row per label), a document
that gives one rating two grades (source-disagreements: two rows per pair of documents).
Pushed to ``oxigraph serve`` and Debian's Virtuoso, every saved query must return the
rows of the embedded store in the same order; that holds only if each ORDER BY is total
(a last tie-breaker over every projected variable).
"""

from __future__ import annotations

import re

import pytest

from inspectkg import iris
from inspectkg.model import Appointment, Document, Extraction, Inspection, Organisation, Person, Rating, Span
from inspectkg.remote.endpoint import Endpoint, push
from inspectkg.remote.http import Credentials
from inspectkg.schema.reference_graph import reference_quads, reference_version
from inspectkg.sparql import queries
from inspectkg.store.embedded import Store
from inspectkg.store.mapping import to_quads
from support.remote_servers import available, oxigraph, virtuoso

ALL = queries.load_all()
KENT, HMICFRS = iris.force("kent"), iris.org("hmicfrs")
RIDLEY = iris.person("Tom Ridley")


def sp(text: str, fragment: str) -> Span:
    start = text.index(fragment)
    return Span(start, start + len(fragment), fragment)


def inspection(programme: str, period: str, text: str) -> Inspection:
    return Inspection(iris.inspection("kent", programme, period), KENT, HMICFRS, programme, period,
                      evidence=(sp(text, "Kent Police"),))


def rating(programme: str, period: str, grade: str, scale: str, text: str, fragment: str) -> Rating:
    key = iris.inspection("kent", programme, period)
    return Rating(iris.rating(key, "overall"), key, "overall", grade, "overall", scale=scale,
                  evidence=(sp(text, fragment),))


def extraction(source: str, published: str, text: str, *, person: str, role: str, inspections, ratings) -> Extraction:
    return Extraction(
        document=Document(text, source, title=source, publisher="Tie Test", published=published),
        organisations=(Organisation(KENT, "Kent Police", "police_force", (sp(text, "Kent Police"),)),),
        people=(Person(RIDLEY, person, (sp(text, person),)),),
        appointments=(Appointment(RIDLEY, role, KENT, evidence=(sp(text, person),)),),
        inspections=tuple(inspections), ratings=tuple(ratings), main_force=KENT)


def tie_extractions() -> list[Extraction]:
    one = "Kent Police was good overall in PEEL 2018/19 and good overall for crime data. Tom Ridley, deputy."
    two = ("Kent Police was good overall in PEEL 2021/22 and good overall for crime data in 2019/20. "
           "Thomas Ridley, chief constable.")
    three = "Kent Police: adequate overall, or outstanding overall, in PEEL 2021/22. Tom Ridley, chief constable."
    return [
        extraction("ties/one.txt", "2019-01-10", one, person="Tom Ridley", role="deputy_chief_constable",
                   inspections=[inspection("PEEL", "2018/19", one), inspection("crime_data_integrity", "2018/19", one)],
                   ratings=[rating("PEEL", "2018/19", "good", "peel_4tier", one, "good overall in PEEL"),
                            rating("crime_data_integrity", "2018/19", "good", "peel_4tier", one,
                                   "good overall for crime data")]),
        extraction("ties/two.txt", "2022-05-01", two, person="Thomas Ridley", role="chief_constable",
                   inspections=[inspection("PEEL", "2021/22", two),
                                inspection("crime_data_integrity", "2019/20", two)],
                   ratings=[rating("PEEL", "2021/22", "good", "peel_5tier", two, "good overall in PEEL"),
                            rating("crime_data_integrity", "2019/20", "good", "peel_4tier", two,
                                   "good overall for crime data")]),
        extraction("ties/three.txt", "2022-06-01", three, person="Tom Ridley", role="chief_constable",
                   inspections=[inspection("PEEL", "2021/22", three)],
                   ratings=[rating("PEEL", "2021/22", "adequate", "peel_5tier", three, "adequate overall"),
                            rating("PEEL", "2021/22", "outstanding", "peel_5tier", three, "outstanding overall")]),
    ]


@pytest.fixture(scope="module")
def tie_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("ties") / "store"
    store = Store(path)
    store.ensure_reference(reference_quads(), reference_version())
    for one in tie_extractions():
        one.check()
        store.put_document(one.document.id, one.document.source, to_quads(one))
    store.close()
    return Store(path, read_only=True)


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def tie_server(request, tmp_path_factory, tie_store):
    if not available(request.param):
        pytest.skip(f"{request.param} is not installed (scripts/system-deps.sh installs it)")
    folder = tmp_path_factory.mktemp(request.param)
    with (virtuoso(folder) if request.param == "virtuoso" else oxigraph(folder)) as running:
        login = Credentials(running.user, running.password) if running.user else None
        push(tie_store, running.store_url, timeout=60, credentials=login)
        yield running


def run_both(name: str, store, server, params=None):
    local = queries.run(ALL[name], params or {}, store)
    remote = queries.run(ALL[name], params or {}, Endpoint(server.query_url, timeout=60))
    return local, remote


def ties(table, keys: int) -> int:
    """How many neighbouring rows agree on the first ``keys`` columns of a table but differ elsewhere."""
    return sum(a[:keys] == b[:keys] and a != b for a, b in zip(table.rows, table.rows[1:]))


def test_the_corpus_has_the_ties_it_is_built_for(tie_store):
    """Each query below has at least one pair of rows that its old sort keys did not tell apart."""
    grades = queries.run(ALL["grade-changes"], {}, tie_store)
    assert [r for r in grades.rows if r[1] == "overall" and r[2] == "2018/19"][1:], grades.rows
    roles = queries.run(ALL["role-changes"], {}, tie_store)
    assert len({r[1] for r in roles.rows}) == 2, roles.rows  # two labels, one person
    disagreements = queries.run(ALL["source-disagreements"], {}, tie_store)
    assert ties(disagreements, 3) >= 1, disagreements.rows


@pytest.mark.server
@pytest.mark.parametrize("name", sorted(ALL))
def test_tied_rows_come_back_in_the_embedded_order(tie_store, tie_server, name):
    saved = ALL[name]
    params = {k: "kent" if p.kind in ("force", None) else "Tom Ridley"
              for k, p in saved.params.items() if p.required}
    local, remote = run_both(name, tie_store, tie_server, params)
    assert remote.columns == local.columns
    assert remote.rows == local.rows


_SELECT = re.compile(r"^SELECT\s+(?:DISTINCT\s+)?(.*?)\bWHERE\b", re.S | re.M)
_ORDER = re.compile(r"^ORDER BY (.*)$", re.M)
_SORT_KEY = re.compile(r"BIND \(CONCAT\((.*?)\) AS \?sort_key\)", re.S)
_GROUP = re.compile(r"^GROUP BY (.*)$", re.M)


def projected(text: str) -> set[str]:
    """The outer SELECT's variables: plain ones and the names of its (expression AS ?name)."""
    head = re.sub(r"#[^\n]*", "", _SELECT.search(text).group(1))
    named = set(re.findall(r"AS \?(\w+)\)", head))
    while "(" in head:  # strip the expressions, innermost first
        head = re.sub(r"\([^()]*\)", " ", head)
    return named | set(re.findall(r"\?(\w+)", head))


@pytest.mark.parametrize("name", sorted(ALL))
def test_every_order_by_ends_with_every_projected_variable(name):
    """A total order: each projected variable (or, for a grouped query, each group key) is a sort key."""
    text = ALL[name].text
    order = _ORDER.findall(text)[-1]
    keys = set(re.findall(r"\?(\w+)", order))
    if "sort_key" in keys:
        keys |= set(re.findall(r"\?(\w+)", _SORT_KEY.search(text).group(1)))
    groups = _GROUP.findall(text)
    needed = set(re.findall(r"\?(\w+)", groups[-1])) if groups else set(projected(text))
    assert needed <= keys, f"{name}: ORDER BY lacks {sorted(needed - keys)}"
