"""Saved queries: the header contract, and what each query answers on the fixture graph."""

from __future__ import annotations

import re

import pyoxigraph
import pytest

from support.sample_graph import A_CONCERN_KEY, EXTRACTIONS, build_store
from inspectkg import iris, reference
from inspectkg.errors import QueryError, UsageError
from inspectkg.sparql import queries

ALL = queries.load_all()
REQUIRED_QUESTIONS = {
    "who-responded", "ratings-over-time", "latest-grades", "grade-changes", "officials-and-roles",
    "role-changes", "quotations-by-person", "unanswered-findings", "inspections-of-force", "about-entity",
    "source-disagreements", "statistics-by-measure", "organisations-quoted", "causes-of-concern",
}


def examples(saved) -> dict[str, str]:
    return {name: p.example for name, p in saved.params.items() if p.required}


def rows(memory_store, name, **params):
    return queries.run(ALL[name], params, memory_store).as_dicts()


def test_every_question_has_a_saved_query():
    assert REQUIRED_QUESTIONS <= set(ALL)
    assert len(ALL) >= 14


@pytest.mark.parametrize("name", sorted(ALL))
def test_query_header_is_complete(name):
    saved = ALL[name]
    assert saved.summary and saved.description and saved.tags
    for param in saved.params.values():
        assert param.example is not None, f"{name}: parameter {param.name} has no example"
        assert param.description


@pytest.mark.parametrize("name", sorted(ALL))
def test_query_runs_with_its_examples_and_returns_its_columns(name, memory_store):
    saved = ALL[name]
    table = queries.run(saved, examples(saved), memory_store)
    assert table.columns == saved.returns
    assert table.rows, f"{name} has no rows on the fixture graph"


@pytest.mark.parametrize("name", sorted(ALL))
def test_every_optional_parameter_filters(name, memory_store):
    saved = ALL[name]
    everything = queries.run(saved, examples(saved), memory_store)
    for param in saved.params.values():
        if param.required:
            continue
        narrowed = queries.run(saved, {**examples(saved), param.name: param.example}, memory_store)
        assert narrowed.rows, f"{name}: example {param.name}={param.example} gives no rows"
        assert set(narrowed.rows) <= set(everything.rows) or param.type in ("string", "integer", "date")


def test_query_text_is_valid_sparql_on_an_empty_store():
    empty = pyoxigraph.Store()
    for saved in ALL.values():
        empty.query(saved.text)  # raises SyntaxError if not


def test_grade_ranks_in_grade_changes_match_the_reference_data():
    text = ALL["grade-changes"].text
    table = set(re.findall(r"grade/(peel-[45]tier)/([a-z-]+)> \"(peel-[45]tier)\" (\d)", text))
    expected = {
        (g.scale.replace("_", "-"), iris.slug(g.id), g.scale.replace("_", "-"), str(g.rank))
        for g in reference.load().grades if g.scale in ("peel_4tier", "peel_5tier")
    }
    assert table == expected


# --- what the questions answer ----------------------------------------------------------------

def test_who_responded(memory_store):
    answers = rows(memory_store, "who-responded", force="Kent")
    concern = [r for r in answers if r["target_kind"] == "cause_of_concern"]
    assert [(r["responder_label"], r["stance"]) for r in concern] == [("Tom Ridley", "accepts")]
    assert concern[0]["target_text"] == "the force does not answer emergency calls quickly enough"
    assert all(r["force"] == iris.iri("force/kent") for r in answers)


def test_ratings_over_time_are_in_round_order_and_show_the_scale(memory_store):
    answers = rows(memory_store, "ratings-over-time", force="kent")
    assert [r["period"] for r in answers] == sorted(r["period"] for r in answers)
    assert {r["scale"] for r in answers if r["period"] == "2018/19"} == {"peel-4tier"}
    assert {r["scale"] for r in answers if r["period"] == "2021/22"} == {"peel-5tier"}
    assert not any(r["period"] == "2021/22" and r["area"] == "pillar_efficiency" for r in answers)


def test_latest_grades_take_the_latest_round_and_show_disagreement(memory_store):
    answers = {(r["force"].rsplit("/", 1)[1], r["area"]): r for r in rows(memory_store, "latest-grades")}
    assert answers[("essex", "investigating_crime")]["grades"] == "requires_improvement"
    assert answers[("kent", "overall")]["period"] == "2021/22"
    assert answers[("kent", "investigating_crime")]["grades"] == "good / adequate"  # best first, on every engine


def test_grade_changes_flag_scales_that_cannot_be_compared(memory_store):
    answers = {(r["force"].rsplit("/", 1)[1], r["area"]): r["change"] for r in rows(memory_store, "grade-changes")}
    assert answers == {("essex", "investigating_crime"): "improved",
                       ("kent", "overall"): "not comparable (4-tier vs 5-tier scale)"}


def test_grade_changes_do_not_need_the_reference_graph():
    bare = build_store(reference=False)
    assert len(queries.run(ALL["grade-changes"], {}, bare).rows) == 2


def test_officials_and_role_changes(memory_store):
    ridley = rows(memory_store, "officials-and-roles", person="Tom Ridley")
    assert [(r["role"], r["first_attested"], r["last_attested"], r["documents"]) for r in ridley] == [
        ("deputy_chief_constable", "2019-09", "2019-09", "1"),
        ("chief_constable", "2022-04-14", "2022-04-15", "2"),
    ]
    in_kent_pcc = rows(memory_store, "officials-and-roles", in_organisation="org/kent-pcc")
    assert [r["person_label"] for r in in_kent_pcc] == ["Sarah Pell"]
    changes = rows(memory_store, "role-changes")
    assert [(c["from_role"], c["to_role"]) for c in changes] == [("deputy_chief_constable", "chief_constable")]


def test_quotations_by_person_point_at_the_exact_words(memory_store):
    (quote,) = rows(memory_store, "quotations-by-person", person="tom ridley")
    text = EXTRACTIONS["kent-2122-news"].document.text
    assert text[int(quote["start"]):int(quote["end"])] == quote["quotation"]
    assert quote["responds_to"] == iris.iri(A_CONCERN_KEY)


def test_unanswered_findings_leave_out_the_answered_one(memory_store):
    findings = {r["finding"] for r in rows(memory_store, "unanswered-findings")}
    assert "the force does not answer emergency calls quickly enough" not in findings
    assert "the force does not understand demand for its services" in findings
    only_concerns = rows(memory_store, "unanswered-findings", kind="cause_of_concern", force="kent")
    assert [r["finding_kind"] for r in only_concerns] == ["cause_of_concern"]


def test_inspections_of_a_force_in_time_order(memory_store):
    answers = rows(memory_store, "inspections-of-force", force="Kent Police")
    assert [r["period"] for r in answers] == ["2018/19", "2021/22"]
    assert answers[1]["documents"] == "2" and answers[1]["rated_areas"] == "4"


def test_about_entity_gives_exact_text_and_offsets(memory_store):
    texts = {e.document.id: e.document.text for e in EXTRACTIONS.values()}
    answers = rows(memory_store, "about-entity", entity="Tom Ridley")
    assert len({r["document"] for r in answers}) == 3
    for row in answers:
        doc_id = row["document"].rsplit("/", 1)[1]
        assert texts[doc_id][int(row["start"]):int(row["end"])] == row["exact"]


def test_source_disagreements(memory_store):
    (row,) = rows(memory_store, "source-disagreements")
    assert {row["grade_1"], row["grade_2"]} == {"adequate", "good"}
    assert row["area"] == "investigating_crime"
    assert not rows(memory_store, "source-disagreements", force="essex")
    assert rows(memory_store, "source-disagreements", inspection="ikd:inspection/kent/peel/2021-22")


def test_statistics_by_measure_filters(memory_store):
    assert [r["value"] for r in rows(memory_store, "statistics-by-measure", measure_contains="CALLS")] == ["71"]
    assert {r["value"] for r in rows(memory_store, "statistics-by-measure", min_value="0")} == {"71", "60"}
    assert [r["subject"] for r in rows(memory_store, "statistics-by-measure", force="essex")] == [
        iris.iri("force/essex")]


def test_organisations_quoted_about_a_force(memory_store):
    answers = {(r["organisation"].split("/id/")[1], r["via"]) for r in rows(memory_store, "organisations-quoted", force="kent")}
    assert ("org/kent-police-federation", "quoted directly") in answers
    assert ("org/kent-pcc", "through a person in a role there") in answers
    assert not any(org.startswith("force/essex") for org, _ in answers)


def test_causes_of_concern_count_responses(memory_store):
    answers = {r["cause_of_concern"]: r["responses"] for r in rows(memory_store, "causes-of-concern", force="kent")}
    assert answers == {"the force does not answer emergency calls quickly enough": "1",
                       "the force does not understand demand for its services": "0"}


def test_documents_since_a_date(memory_store):
    assert len(rows(memory_store, "documents", since="2022-04-15")) == 2
    assert len(rows(memory_store, "documents", since="2022")) == 3
    assert [r["source"] for r in rows(memory_store, "documents", about="essex")] == ["news/essex-chronicle-2024.txt"]


# --- the header contract -------------------------------------------------------------------

GOOD = """#+ summary: Test
#+ returns: [s]
#+ params:
#+   force: {type: entity, required: true, example: kent}
SELECT ?s WHERE { ?s ?p ?force }
"""


def write(tmp_path, text, name="test-query"):
    path = tmp_path / f"{name}.rq"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_header_parses(tmp_path):
    saved = queries.parse(write(tmp_path, GOOD))
    assert saved.returns == ("s",) and saved.params["force"].required


@pytest.mark.parametrize("text, problem", [
    (GOOD.replace("#+ summary: Test", "#+ summary: Test\n#+ title: Extra"), "unknown header key"),
    (GOOD.replace("#+ returns: [s]", "#+ returns: [s"), "not valid YAML"),
    (GOOD.replace("#+ returns: [s]", "#+ returns: [s, o]"), "does not match the SELECT columns"),
    (GOOD.replace("?s ?p ?force", "?s ?p ?o"), "is not used as ?force"),
    (GOOD.replace("?s ?p ?force", "?s ?p ?o # ?force"), "is not used as ?force"),
    (GOOD.replace("type: entity", "type: thing"), "type must be one of"),
    (GOOD.replace("required: true", "required: true, default: kent"), "unknown key"),
    (GOOD.replace("SELECT ?s", "SELECT *"), "SELECT * is not allowed"),
    (GOOD.replace("#+ summary: Test\n", ""), "'summary' is required"),
    ("SELECT ?s WHERE { ?s ?p ?o }", "no '#+ ' header"),
    (GOOD.replace("SELECT ?s WHERE", "CONSTRUCT { ?s ?p ?force } WHERE"), "must be SELECT"),
])
def test_bad_headers_name_the_file(tmp_path, text, problem):
    path = write(tmp_path, text)
    with pytest.raises(QueryError, match=re.escape(problem)) as info:
        queries.parse(path)
    assert str(path) in str(info.value)


def test_names_are_kebab_case(tmp_path):
    with pytest.raises(QueryError, match="kebab-case"):
        queries.parse(write(tmp_path, GOOD, name="Bad_Name"))


def test_unknown_query_name_suggests_close_ones():
    with pytest.raises(UsageError, match="did you mean grade-changes"):
        queries.get("grade-change")


def test_parameters_are_checked(memory_store):
    with pytest.raises(UsageError, match="missing required parameter"):
        queries.run(ALL["ratings-over-time"], {}, memory_store)
    with pytest.raises(UsageError, match="unknown parameter"):
        queries.run(ALL["ratings-over-time"], {"force": "kent", "colour": "red"}, memory_store)
    with pytest.raises(UsageError, match="not an integer"):
        queries.run(ALL["statistics-by-measure"], {"min_value": "ten"}, memory_store)
    with pytest.raises(UsageError, match="not a date"):
        queries.run(ALL["documents"], {"since": "2022-02-30"}, memory_store)


# --- parameters reach into sub-selects --------------------------------------------------------

def test_a_bound_parameter_is_repeated_in_sub_selects_that_project_it():
    text = ("SELECT ?force ?n WHERE { { SELECT ?force (COUNT(?x) AS ?n) WHERE { ?x <p:a> ?force } GROUP BY ?force }"
            " { SELECT ?y WHERE { ?y <p:b> ?force } } { SELECT (MIN(?z) AS ?force2) WHERE { ?z <p:c> ?z } } }")
    out = queries.into_subqueries(text, {"force": pyoxigraph.NamedNode("https://e/kent")})
    assert out.count("VALUES (?force) { (<https://e/kent>) }") == 1
    assert "GROUP BY ?force } WHERE" not in out and "WHERE { VALUES (?force)" in out
    assert queries.into_subqueries(text, {}) == text


def test_a_basil_parameter_is_bound_in_every_sub_select_that_uses_it_as_grlc_pastes_it():
    text = ("SELECT ?n WHERE { { SELECT (COUNT(?x) AS ?n) WHERE { ?x <p:a> ?_force_iri } }"
            " { SELECT ?y WHERE { ?y <p:b> ?other } } }")
    out = queries.into_subqueries(text, {"_force_iri": pyoxigraph.NamedNode("https://e/kent")})
    assert out.count("VALUES (?_force_iri) { (<https://e/kent>) }") == 1
    assert "WHERE { VALUES (?_force_iri) { (<https://e/kent>) } ?x <p:a> ?_force_iri }" in out


@pytest.mark.parametrize("name", ["latest-grades", "grade-changes", "source-disagreements", "inspections-of-force",
                                  "statistics-by-measure"])
def test_bound_force_gives_the_rows_of_that_force(name, memory_store):
    saved = ALL[name]
    if not any(p.required for p in saved.params.values()):
        everything = [r for r in queries.run(saved, {}, memory_store).as_dicts()
                      if r.get("force", r.get("subject")) == iris.iri("force/kent")]
        bound = queries.run(saved, {"force": "kent"}, memory_store).as_dicts()
        assert bound == everything
    else:
        assert queries.run(saved, {"force": "kent"}, memory_store).rows


# --- grlc compatibility: BASIL variables and grlc's decorator keys -----------------------------

DECLARED = """#+ summary: Documents about a force
#+ params:
#+   force: {type: iri, required: true}
#+   since: {type: date}
PREFIX ik: <https://w3id.org/inspectkg/ontology#>
SELECT ?doc WHERE {
  GRAPH ?g { ?doc a ik:Document ; ik:about ?force }
  OPTIONAL { GRAPH ?g { ?doc ik:published ?pub } }
  FILTER (!BOUND(?since) || (BOUND(?pub) && STR(?pub) >= STR(?since)))
} ORDER BY ?doc
"""
BASIL = (DECLARED.replace("#+ params:\n#+   force: {type: iri, required: true}\n#+   since: {type: date}\n", "")
         .replace("?force", "?_force_iri").replace("?since", "?__since_xsd_date"))


@pytest.mark.parametrize("given", [{"force": "ikd:force/kent"}, {"force": "ikd:force/kent", "since": "2022"},
                                   {"force": "ikd:force/essex", "since": "2023-01-01"}])
def test_basil_variables_are_parameters_bound_like_declared_ones(tmp_path, memory_store, given):
    declared = queries.parse(write(tmp_path, DECLARED, "declared"))
    basil = queries.parse(write(tmp_path, BASIL, "basil"))
    assert {n: (p.type, p.required) for n, p in basil.params.items()} == {"force": ("iri", True),
                                                                          "since": ("date", False)}
    assert basil.returns == ("doc",)  # 'returns' is optional: the SELECT columns
    rows = queries.run(basil, given, memory_store).rows
    assert rows == queries.run(declared, given, memory_store).rows
    assert rows or "since" in given
    with pytest.raises(UsageError, match="missing required parameter"):
        queries.run(basil, {}, memory_store)


def test_a_header_entry_refines_a_basil_variable(tmp_path, memory_store):
    text = BASIL.replace("#+ summary: Documents about a force\n",
                         "#+ summary: Documents about a force\n#+ params:\n#+   force: {type: entity, kind: force}\n")
    saved = queries.parse(write(tmp_path, text))
    assert saved.params["force"].type == "entity" and saved.params["force"].variable == "_force_iri"
    assert queries.run(saved, {"force": "Kent"}, memory_store).rows


def test_grlc_decorator_keys(tmp_path, memory_store):
    text = BASIL.replace("#+ summary: Documents about a force\n", """#+ summary: Documents about a force
#+ endpoint: http://example.org/sparql
#+ pagination: 2
#+ method: get
#+ tags: [documents]
#+ defaults:
#+   - force: ikd:force/kent
#+ enumerate:
#+   - force: [ikd:force/kent, ikd:force/essex]
#+   - since
""")
    saved = queries.parse(write(tmp_path, text))
    assert (saved.endpoint, saved.pagination, saved.method) == ("http://example.org/sparql", 2, "GET")
    assert saved.params["force"].default == "ikd:force/kent"
    assert queries.run(saved, {}, memory_store).rows == queries.run(saved, {"force": "ikd:force/kent"},
                                                                    memory_store).rows
    with pytest.raises(UsageError, match="is not one of"):
        queries.run(saved, {"force": "ikd:force/surrey"}, memory_store)


def test_engine_pragmas_are_read_and_go_before_the_query_for_their_engine_only(tmp_path, memory_store):
    path = write(tmp_path, BASIL.replace("#+ summary: Documents about a force\n", "#+ summary: Documents about a force\n"
                                         "#+ engine_pragmas: {Virtuoso: ['DEFINE sql:select-option \"order\"']}\n"))
    saved = queries.parse(path)
    assert saved.engine_pragmas == {"virtuoso": ('DEFINE sql:select-option "order"',)}
    # the embedded store is no endpoint: it never gets an engine's pragma
    assert queries.prepare(saved, {"force": "ikd:force/kent"}, memory_store).startswith("#+ summary")


@pytest.mark.parametrize("extra, problem", [
    ("#+ pagination: many\n", "'pagination' must be a whole number"),
    ("#+ method: PUT\n", "'method' must be GET or POST"),
    ("#+ endpoint: ftp://x\n", "'endpoint' must be an http(s) URL"),
    ("#+ defaults:\n#+   - colour: red\n", "not a parameter of this query"),
    ("#+ enumerate:\n#+   - force: kent\n", "takes a list of values"),
    ("#+ engine_pragmas: {virtuoso: 'DEFINE x'}\n", "'engine_pragmas' maps an engine's name"),
    ("#+ engine_pragmas: [virtuoso]\n", "'engine_pragmas' maps an engine's name"),
])
def test_bad_grlc_keys_name_the_file(tmp_path, extra, problem):
    path = write(tmp_path, BASIL.replace("#+ summary: Documents about a force\n",
                                         "#+ summary: Documents about a force\n" + extra))
    with pytest.raises(QueryError, match=re.escape(problem)) as info:
        queries.parse(path)
    assert str(path) in str(info.value)


def test_a_basil_name_with_an_underscore_is_refused_with_the_reason(tmp_path):
    path = write(tmp_path, "#+ summary: x\nSELECT ?s WHERE { ?s ?p ?_in_organisation }\n")
    with pytest.raises(QueryError, match="language tag 'organisation'"):
        queries.parse(path)


def test_cli_runs_a_users_own_folder_of_queries(tmp_path, memory_store):
    from typer.testing import CliRunner

    from support.sample_graph import build_store
    from inspectkg.cli import app
    from inspectkg.cli import commands  # noqa: F401

    folder = tmp_path / "mine"
    folder.mkdir()
    write(folder, BASIL, "docs-about")
    store = tmp_path / "store"
    build_store(store).close()
    runner = CliRunner()
    listed = runner.invoke(app, ["queries", "--queries", str(folder)])
    assert listed.exit_code == 0 and "docs-about" in listed.stdout and "ratings-over-time" not in listed.stdout
    ran = runner.invoke(app, ["query", "docs-about", "--queries", str(folder), "--store", str(store),
                              "-p", "force=ikd:force/kent", "--format", "csv"])
    assert ran.exit_code == 0, ran.output
    assert ran.stdout.splitlines()[0] == "doc" and len(ran.stdout.splitlines()) > 1
