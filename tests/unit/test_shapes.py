"""The SHACL shapes accept a hand-made good graph and catch hand-made faults."""

from __future__ import annotations

import hashlib

import pyoxigraph
import pytest
import rdflib

from inspectkg.schema.validate import ValidationReport, shapes_graph, validate

TEXT = 'Kent Police was rated good for investigating crime. "We accept this," said Tim Smith.'
QUOTE_END = TEXT.index(',"')
DOC_ID = hashlib.sha256(TEXT.encode()).hexdigest()[:16]

PREFIXES = """
@prefix ik: <https://w3id.org/inspectkg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
"""


def i(key: str) -> str:
    return f"<https://w3id.org/inspectkg/id/{key}>"


def lit(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def span(start: int, end: int) -> tuple[str, str]:
    node = i(f"span/{DOC_ID}/{start}-{end}")
    exact = lit(TEXT[start:end])
    return node, (f'{node} a ik:TextSpan ; ik:document {i("doc/" + DOC_ID)} ; ik:start {start} ; '
                  f'ik:end {end} ; ik:exact {exact} .\n')


def good_trig() -> str:
    rating_start = TEXT.index("rated good")
    quote_start = TEXT.index("We accept")
    quote_end = QUOTE_END
    s_force, t_force = span(0, len("Kent Police"))
    s_rating, t_rating = span(rating_start, TEXT.index("."))
    s_quote, t_quote = span(quote_start, quote_end)
    s_person, t_person = span(TEXT.index("Tim Smith"), TEXT.index("Tim Smith") + 9)
    sha = hashlib.sha256(TEXT.encode()).hexdigest()
    inspection = i("inspection/kent/peel/2021-22")
    rating = i("rating/kent/peel/2021-22/investigating-crime")
    claim = i(f"claim/{DOC_ID}/{quote_start}-{quote_end}")
    body = f"""
{i("doc/" + DOC_ID)} a ik:Document ; dcterms:source "kent.txt" ; ik:content {lit(TEXT)} ;
    ik:sha256 "{sha}" ; ik:published "2022-04"^^xsd:gYearMonth ; ik:about {i("force/kent")} .
{t_force}{t_rating}{t_quote}{t_person}
{i("force/kent")} a ik:PoliceForce ; rdfs:label "Kent Police" ; prov:wasDerivedFrom {s_force} .
{i("person/tim-smith")} a ik:Person ; rdfs:label "Tim Smith" ; prov:wasDerivedFrom {s_person} .
{inspection} a ik:Inspection ; ik:inspectedBody {i("force/kent")} ; ik:conductedBy {i("org/hmicfrs")} ;
    ik:programme {i("programme/peel")} ; ik:period "2021/22" ; prov:wasDerivedFrom {s_rating} .
{rating} a ik:Rating ; ik:inspection {inspection} ; ik:area {i("area/investigating-crime")} ;
    ik:grade {i("grade/peel-5tier/good")} ; prov:wasDerivedFrom {s_rating} ; ik:confidence 0.9 .
{claim} a ik:Claim , ik:Quotation ; ik:text "We accept this" ; ik:speaker {i("person/tim-smith")} ;
    ik:respondsTo {rating} ; ik:stance {i("stance/accepts")} ; prov:wasDerivedFrom {s_quote} ;
    ik:confidence 0.8 .
"""
    return PREFIXES + f"{i('graph/' + DOC_ID)} {{\n{body}\n}}\n"


def quads(trig: str) -> list[pyoxigraph.Quad]:
    return list(pyoxigraph.parse(trig, format=pyoxigraph.RdfFormat.TRIG))


def messages(report: ValidationReport) -> str:
    return "\n".join(v.line() for v in report.violations)


def test_shapes_parse():
    assert len(shapes_graph()) > 100


def test_good_graph_conforms():
    report = validate(quads(good_trig()))
    assert report.conforms, messages(report)
    assert report.errors == []


def test_good_graph_as_rdflib_dataset_conforms():
    dataset = rdflib.Dataset()
    dataset.parse(data=good_trig(), format="trig")
    report = validate(dataset)
    assert report.conforms, messages(report)


def _bad(extra: str) -> ValidationReport:
    """The good graph plus some extra triples in the same document graph."""
    trig = good_trig().rstrip().removesuffix("}") + extra + "\n}\n"
    return validate(quads(trig))


def test_quotation_with_two_speakers_is_caught():
    claim = i(f"claim/{DOC_ID}/{TEXT.index('We accept')}-{QUOTE_END}")
    report = _bad(f'{i("org/kent-police-federation")} a ik:StaffAssociation ; rdfs:label "Kent Police Federation" .\n'
                  f"{claim} ik:speaker {i('org/kent-police-federation')} .")
    assert not report.conforms
    assert any(v.path == "ik:speaker" and "at most one" in v.message for v in report.errors), messages(report)


def test_span_with_start_not_before_end_is_caught():
    node = i(f"span/{DOC_ID}/9-3")
    report = _bad(f'{node} a ik:TextSpan ; ik:document {i("doc/" + DOC_ID)} ; ik:start 9 ; ik:end 3 ; ik:exact "x" .')
    assert not report.conforms
    assert any(v.path == "ik:start" and "less than" in v.message for v in report.errors), messages(report)


def test_rating_without_grade_is_caught():
    rating = i("rating/kent/peel/2021-22/responding-to-the-public")
    report = _bad(f'{rating} a ik:Rating ; ik:inspection {i("inspection/kent/peel/2021-22")} ; '
                  f'ik:area {i("area/responding-to-the-public")} ; '
                  f'prov:wasDerivedFrom {i(f"span/{DOC_ID}/0-11")} .')
    assert not report.conforms
    assert [v.path for v in report.errors] == ["ik:grade"], messages(report)


def test_grade_outside_the_vocabulary_is_caught():
    rating = i("rating/kent/peel/2021-22/investigating-crime")
    report = _bad(f'{rating} ik:grade {i("grade/peel-5tier/poor")} .')
    assert any(v.path == "ik:grade" and v.value.endswith("poor") for v in report.errors), messages(report)


def test_inspection_by_a_non_inspectorate_is_caught():
    report = _bad(f'{i("inspection/kent/peel/2021-22")} ik:conductedBy {i("org/home-office")} .')
    assert any(v.path == "ik:conductedBy" for v in report.errors), messages(report)


def test_confidence_out_of_range_and_bad_sha_are_caught():
    report = _bad(f'{i(f"claim/{DOC_ID}/0-11")} ik:confidence 1.5 .\n'
                  f'{i("doc/" + DOC_ID)} ik:sha256 "XYZ" .')
    paths = {v.path for v in report.errors}
    assert {"ik:confidence", "ik:sha256"} <= paths, messages(report)


def test_span_text_not_matching_the_document_is_caught():
    node = i(f"span/{DOC_ID}/0-4")
    report = _bad(f'{node} a ik:TextSpan ; ik:document {i("doc/" + DOC_ID)} ; ik:start 0 ; ik:end 4 ; ik:exact "Essx" .')
    assert any(v.path == "ik:exact" and v.focus.endswith("0-4") for v in report.errors), messages(report)


def test_extracted_node_without_evidence_is_caught():
    report = _bad(f'{i(f"finding/{DOC_ID}/0-11")} a ik:Finding ; ik:findingKind {i("finding-kind/strength")} ; '
                  f'ik:text "Kent Police" .')
    assert any(v.path == "<http://www.w3.org/ns/prov#wasDerivedFrom>" for v in report.errors), messages(report)


@pytest.mark.parametrize("unit,severity", [("count", None), ("furlongs", "Warning")])
def test_unknown_unit_is_only_a_warning(unit, severity):
    stat = i(f"statistic/{DOC_ID}/0-11")
    report = _bad(f'{stat} a ik:Statistic ; ik:text "Kent Police" ; ik:value 12.0 ; ik:measure "officers" ; '
                  f'ik:unit "{unit}" ; prov:wasDerivedFrom {i(f"span/{DOC_ID}/0-11")} .')
    assert report.conforms, messages(report)
    found = [v.severity for v in report.violations if v.path == "ik:unit"]
    assert found == ([severity] if severity else [])


def _store_with(tmp_path, trig: str):
    from inspectkg.store.embedded import open_store

    path = tmp_path / "store"
    kg = open_store(path)
    kg.load_quads(quads(trig))
    kg.close()
    del kg
    return path


def test_cli_validate_exit_codes(tmp_path):
    from typer.testing import CliRunner

    import inspectkg.cli.commands  # noqa: F401  (registers the commands)
    from inspectkg.cli import app

    runner = CliRunner()
    good = _store_with(tmp_path / "good", good_trig())
    result = runner.invoke(app, ["validate", "--store", str(good)])
    assert result.exit_code == 0, result.output

    bad_trig = good_trig().rstrip().removesuffix("}") + (
        f'{i("rating/kent/peel/2021-22/investigating-crime")} ik:grade {i("grade/peel-5tier/poor")} .\n}}\n')
    bad = _store_with(tmp_path / "bad", bad_trig)
    result = runner.invoke(app, ["validate", "--store", str(bad)])
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("Violation:")]
    assert len(lines) == 1 and "ik:grade" in lines[0] and "poor" in lines[0], result.output

    result = runner.invoke(app, ["validate", "--store", str(tmp_path / "nowhere")])
    assert result.exit_code not in (0, 1)


def test_the_bundled_example_store_conforms(example_store_dir):
    """What a newcomer builds first validates: each inspection has one inspectorate even where
    documents of different years tell of the 2017 inspection (the year HMIC became HMICFRS)."""
    from typer.testing import CliRunner

    import inspectkg.cli.commands  # noqa: F401  (registers the commands)
    from inspectkg.cli import app

    result = CliRunner().invoke(app, ["validate", "--store", str(example_store_dir)])
    assert result.exit_code == 0, result.output
