"""Parameters: entity lookup, typed terms, and values that try to become SPARQL."""

from __future__ import annotations

import hashlib

import pyoxigraph
import pytest
from pyoxigraph import Literal, NamedNode

from support.sample_graph import build_store
from inspectkg import iris
from inspectkg.errors import QueryError, UsageError
from inspectkg.sparql import queries
from inspectkg.sparql.params import Param, resolve_entity, to_term
from inspectkg.sparql.queries import StoreTarget
from inspectkg.sparql.text import check_local, projection, tokenize, with_values

ALL = queries.load_all()
LOCAL = (iris.BASE,)


@pytest.fixture(scope="module")
def store():
    return build_store()


@pytest.fixture(scope="module")
def target(store):
    return StoreTarget(store)


def digest(store) -> str:
    lines = sorted(str(q) for q in store.quads())
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


# --- entity lookup -------------------------------------------------------------------------

@pytest.mark.parametrize("value, key", [
    ("kent", "force/kent"),
    ("KENT", "force/kent"),
    ("Kent Police", "force/kent"),
    ("kent constabulary", "force/kent"),             # an alias in forces.csv
    ("force/essex", "force/essex"),
    ("ikd:force/essex", "force/essex"),
    (iris.iri("force/essex"), "force/essex"),
    ("Tom Ridley", "person/tom-ridley"),             # a label in the store
    ("tom-ridley", "person/tom-ridley"),             # an id
    ("HMIC", "org/hmic"),                            # an id beats an alias of hmicfrs
    ("Kent Police Federation", "org/kent-police-federation"),
    ("Office of the Kent Police and Crime Commissioner", "org/kent-pcc"),
])
def test_entities_by_id_name_or_alias(target, value, key):
    assert resolve_entity(value, target) == NamedNode(iris.iri(key))


def test_entity_kind_narrows_the_lookup(target):
    with pytest.raises(UsageError, match="no person called 'kent'"):
        resolve_entity("kent", target, kind="person")


def test_unknown_entity_lists_close_matches(target):
    with pytest.raises(UsageError, match=r"did you mean 'Tom Ridley' \(person/tom-ridley\)"):
        resolve_entity("Tom Ridly", target)
    with pytest.raises(UsageError, match=r"did you mean .*force/essex"):
        resolve_entity("Esex Police", target, kind="force")


def test_a_name_two_entities_share_is_ambiguous():
    store = pyoxigraph.Store()
    entities = NamedNode(iris.iri(iris.ENTITIES_GRAPH))
    label = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    for key in ("org/acme-north", "org/acme-south"):
        store.add(pyoxigraph.Quad(NamedNode(iris.iri(key)), label, Literal("Acme Trust"), entities))

    class Target:
        def select(self, sparql):
            from inspectkg.sparql.tables import Table
            return Table.from_solutions(store.query(sparql))

    with pytest.raises(UsageError, match="ambiguous: org/acme-north, org/acme-south"):
        resolve_entity("acme trust", Target())
    # a canonical name beats an alias: hmic's name is also an alias of hmicfrs
    assert resolve_entity("Her Majesty's Inspectorate of Constabulary") == NamedNode(iris.iri("org/hmic"))


def test_typed_terms():
    assert to_term(Param("n", "integer"), " 42") == Literal("42", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    assert to_term(Param("d", "date"), "2022-04").datatype.value.endswith("#gYearMonth")
    assert to_term(Param("i", "iri"), "ik:Rating") == NamedNode(iris.ONT + "Rating")
    for bad in ("http://ex.org/a b", "http://ex.org/a>b", "not an iri", "<http://x>"):
        with pytest.raises(UsageError):
            to_term(Param("i", "iri"), bad)


# --- injection -------------------------------------------------------------------------------

ATTACKS = [
    'x" } UNION { GRAPH ?g { ?s ?p ?o } } #',
    "x' } UNION { GRAPH ?g { ?s ?p ?o } } #",
    'calls\\u0022 ) || true || ( "',
    'calls" ) || true || ( "',
    "calls\n} UNION { GRAPH ?g { ?stat ?p ?o } }\n#",
    '> } ; DROP ALL ; INSERT DATA { <http://e/a> <http://e/b> "c" }',
    '""" } ; DROP ALL ; #',
    "{ } } } ) ) ) .",
]


def test_the_attacks_would_work_if_spliced(store):
    """The negative control: pasted into the text, the first attack leaks every graph."""
    text = ALL["statistics-by-measure"].text.replace(
        "FILTER (!BOUND(?measure_contains) ||",
        'FILTER (!BOUND(?measure_contains) || CONTAINS(?measure, "%s") ||' % ATTACKS[3].replace("calls", ""),
    )
    spliced = with_values(text, {"measure_contains": Literal("no such measure")})
    assert len(StoreTarget(store).select(spliced).rows) == 3  # the spliced `|| true ||` matched everything


@pytest.mark.parametrize("value", ATTACKS)
def test_string_parameters_stay_strings(store, value):
    before = digest(store)
    table = queries.run(ALL["statistics-by-measure"], {"measure_contains": value}, store)
    assert table.rows == ()  # no statistic's measure contains the attack text
    table = queries.run(ALL["unanswered-findings"], {"kind": value}, store)
    assert table.rows == ()
    assert digest(store) == before


@pytest.mark.parametrize("value", ATTACKS + ["http://example.org/a b", "ikd:force/kent> } UNION { ?s ?p ?o"])
def test_entity_and_iri_parameters_refuse_what_is_not_one(store, value):
    before = digest(store)
    with pytest.raises(UsageError):
        queries.run(ALL["ratings-over-time"], {"force": value}, store)
    with pytest.raises(UsageError):
        queries.run(ALL["source-disagreements"], {"inspection": value}, store)
    assert digest(store) == before


@pytest.mark.parametrize("value", ATTACKS)
def test_values_block_is_well_formed_sparql(value):
    sparql = with_values("SELECT ?x WHERE { ?s ?p ?x }", {"x": Literal(value)})
    solutions = list(pyoxigraph.Store().query(sparql))
    assert solutions == []  # the empty store has no triple; a leak would need one
    check = pyoxigraph.Store()
    check.add(pyoxigraph.Quad(NamedNode("http://e/s"), NamedNode("http://e/p"), Literal(value)))
    check.add(pyoxigraph.Quad(NamedNode("http://e/s"), NamedNode("http://e/p"), Literal("other")))
    assert [s["x"].value for s in check.query(sparql)] == [value]


# --- the tokeniser and the guard ---------------------------------------------------------------

def test_tokens_skip_strings_iris_and_comments():
    text = 'SELECT ?x { ?x <http://e/p> "SERVICE { }" . } # SERVICE <http://evil/>'
    assert [t.value for t in tokenize(text)] == ["SELECT", "?x", "{", "?x", "<http://e/p>", '"SERVICE { }"', ".", "}"]
    assert check_local(text, LOCAL) == "select"
    assert check_local("SELECT ?x { ?x ?p '''SERVICE\n''' } ", LOCAL) == "select"


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "select * where { service <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE SILENT ?endpoint { ?s ?p ?o } } }",
    "SELECT * FROM <http://example.org/data.ttl> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <http://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "PREFIX ex: <http://example.org/> SELECT * FROM ex:data WHERE { ?s ?p ?o }",
    "BASE <http://example.org/> SELECT * FROM <data> WHERE { ?s ?p ?o }",
    "SELECT * FROM <relative> WHERE { ?s ?p ?o }",
    "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }",
])
def test_guard_refuses_remote_access_and_updates(query):
    with pytest.raises(QueryError):
        check_local(query, LOCAL)


def test_guard_allows_local_graphs():
    query = f"PREFIX ikd: <{iris.BASE}> SELECT * FROM <{iris.iri('graph/entities')}> WHERE {{ ?s ?p ?o }}"
    assert check_local(query, LOCAL) == "select"
    update = "LOAD <http://example.org/x.ttl>"
    with pytest.raises(QueryError, match="LOAD"):
        check_local(update, LOCAL, allow_update=True)


def test_oxigraph_does_not_decode_escapes_outside_strings():
    """Why the guard may read the raw text: an escaped keyword is a syntax error, not a SERVICE."""
    with pytest.raises(SyntaxError):
        pyoxigraph.Store().query(r"SELECT * WHERE { SERV\u0049CE <http://127.0.0.1:9/> { ?s ?p ?o } }")


def test_projection():
    assert projection("SELECT ?a ?b WHERE { ?a ?p ?b }") == ["a", "b"]
    assert projection("SELECT DISTINCT ?a (MIN(?b) AS ?m) (STR(?c) AS ?s) { ?a ?b ?c }") == ["a", "m", "s"]
    assert projection("SELECT * { ?a ?b ?c }") is None
    with pytest.raises(QueryError, match="unterminated"):
        tokenize('SELECT ?a { ?a ?b "oops }')


def test_a_huge_integer_is_a_usage_error_not_a_crash():
    from inspectkg.sparql.params import Param, to_term

    param = Param("min_value", "integer")
    with pytest.raises(UsageError, match="5000 digits is too long"):
        to_term(param, "9" * 5000)
    assert to_term(param, "+007").value == "7" and to_term(param, "-0").value == "0"
    assert to_term(param, "-12").value == "-12"
    with pytest.raises(UsageError, match="not an integer"):
        to_term(param, "1e3")


@pytest.mark.parametrize("value", ATTACKS)
def test_values_block_placed_last_is_inside_the_outer_group_and_well_formed(value):
    text = "SELECT ?x WHERE { { SELECT ?s ?x WHERE { ?s ?p ?x } } FILTER (?x != \"}\") } ORDER BY ?x"
    sparql = with_values(text, {"x": Literal(value)}, last=True)
    assert sparql.index("VALUES") > sparql.index("FILTER") and sparql.rstrip().endswith("ORDER BY ?x")
    check = pyoxigraph.Store()
    check.add(pyoxigraph.Quad(NamedNode("http://e/s"), NamedNode("http://e/p"), Literal(value)))
    check.add(pyoxigraph.Quad(NamedNode("http://e/s"), NamedNode("http://e/p"), Literal("other")))
    assert [s["x"].value for s in check.query(sparql)] == ([value] if value != "}" else [])

