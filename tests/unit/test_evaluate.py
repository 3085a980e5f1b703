"""The evaluator: scorer on hand-made gold/predictions, predict on a hand-made store, the CLI."""

from __future__ import annotations

import copy
import json
from decimal import Decimal

import pytest
from typer.testing import CliRunner

import inspectkg.cli.commands  # noqa: F401  registers the commands
from inspectkg import iris
from inspectkg.cli import app
from inspectkg.evaluate import CATEGORIES, score_document
from inspectkg.evaluate.gold import load_gold
from inspectkg.evaluate.match import greedy
from inspectkg.evaluate.names import area_score, gold_role, period
from inspectkg.evaluate.predict import predict
from inspectkg.errors import InputError
from inspectkg.store.mapping import to_quads
from inspectkg.store.embedded import Store
from inspectkg.model import (
    Appointment, Claim, Document, Extraction, Finding, Inspection, Organisation, Person, Rating, Span,
    Statistic,
)

TEXT = (
    "Westshire Rangers were told by the inspectorate that they were good at preventing crime.\n"
    "Temporary Chief Constable Olu Adebayo said: \"We welcome the findings and will act on them.\"\n"
    "The inspectors said the force \"must speed up its investigations\".\n"
    "Some 1,250 calls went unanswered last year."
)


def at(part: str) -> Span:
    start = TEXT.index(part)
    return Span.of(TEXT, start, start + len(part))


def gold_doc() -> dict:
    return {
        "doc": "west.txt",
        "forces": [{"name": "Kent Police", "mentions": []}],
        "organisations": [{"name": "HMICFRS", "kind": "inspectorate", "mentions": []}],
        "people": [{"name": "Olu Adebayo", "mentions": [],
                    "roles": [{"role": "temporary_chief_constable", "title_text": "Temporary Chief Constable",
                               "organisation": "Kent Police"}]}],
        "inspections": [{"id": "i1", "force": "Kent Police", "inspectorate": "HMICFRS", "programme": "PEEL",
                         "period": "2021/22", "published": "2022-04", "evidence": "x"}],
        "ratings": [{"inspection": "i1", "force": "Kent Police", "area": "preventing crime", "grade": "good",
                     "evidence": "x"}],
        "findings": [{"id": "f1", "inspection": "i1", "kind": "area_for_improvement", "topic": "speed",
                      "text": "must speed up its investigations"}],
        "quotes": [
            {"id": "q1", "speaker": "Olu Adebayo", "text": "We welcome the findings and will act on them.",
             "responds_to": ["i1"]},
            {"id": "q2", "speaker": "HMICFRS", "text": "must speed up its investigations", "responds_to": ["f1"]},
        ],
        "statistics": [{"text": "1,250 calls", "value": 1250, "measure": "calls unanswered", "period": None}],
    }


def pred_doc() -> dict:
    """A perfect prediction, in the shape predict() returns."""
    insp = "inspection/kent/peel/2021-22"
    f_span, s_span = at("must speed up its investigations"), at("1,250 calls")
    return {
        "doc": "west.txt", "content": TEXT,
        "forces": [{"name": "Kent Police", "id": "force/kent"}],
        "organisations": [{"name": "HMICFRS", "id": "org/hmicfrs", "kind": "inspectorate"}],
        "people": [{"name": "Olu Adebayo", "id": "person/olu-adebayo", "roles": [
            {"role": gold_role("chief_constable", "temporary"), "organisation": "Kent Police",
             "organisation_id": "force/kent"}]}],
        "inspections": [{"id": insp, "force": "Kent Police", "force_id": "force/kent", "programme": "PEEL",
                         "period": "2021-22", "published": "2022-04-14"}],
        "ratings": [{"id": "rating/x", "inspection": insp, "force_id": "force/kent", "area": "Preventing crime",
                     "area_id": "preventing_crime", "area_text": None, "area_count": None, "grade": "good"}],
        "findings": [{"id": "finding/d/1-2", "inspection": insp, "kind": "area_for_improvement",
                      "text": f_span.exact, "start": f_span.start, "end": f_span.end}],
        "quotes": [
            {"id": "claim/d/1", "text": "We welcome the findings and will act on them", "speaker": "Olu Adebayo",
             "speaker_id": "person/olu-adebayo", "responds_to": [insp]},
            {"id": "claim/d/2", "text": "must speed up its investigations", "speaker": "HMICFRS",
             "speaker_id": "org/hmicfrs", "responds_to": ["finding/d/1-2"]},
        ],
        "statistics": [{"id": "statistic/d/1", "text": s_span.exact, "value": 1250, "start": s_span.start,
                        "end": s_span.end}],
    }


def counts(score, name):
    c = score.categories[name].counts
    return c.tp, c.fp, c.fn


# --- scorer ------------------------------------------------------------------------------

def test_perfect_prediction_scores_one_everywhere():
    score = score_document(gold_doc(), pred_doc())
    for name in CATEGORIES:
        c = score.categories[name].counts
        assert c.f1 == 1.0, (name, c)
    assert (score.kinds_right, score.kinds_matched) == (1, 1)


def test_a_missed_item_lowers_recall_only():
    pred = pred_doc()
    pred["statistics"] = []
    pred["people"][0]["roles"] = []
    score = score_document(gold_doc(), pred)
    assert counts(score, "statistics") == (0, 0, 1)
    assert counts(score, "roles") == (0, 0, 1)
    assert score.categories["statistics"].misses == ["1250: 1,250 calls"]
    assert score.categories["people"].counts.f1 == 1.0


def test_wrong_speaker_is_an_extra_and_a_miss():
    pred = pred_doc()
    pred["quotes"][0].update(speaker="Someone Else", speaker_id="person/someone-else")
    score = score_document(gold_doc(), pred)
    assert counts(score, "quotes") == (2, 0, 0)
    assert counts(score, "speakers") == (1, 1, 1)


def test_duplicate_predictions_count_as_extras():
    pred = pred_doc()
    pred["quotes"].append(dict(pred["quotes"][0], id="claim/d/3"))
    pred["forces"].append({"name": "Kent Police", "id": "force/kent"})
    score = score_document(gold_doc(), pred)
    assert counts(score, "quotes") == (2, 1, 0)
    assert counts(score, "forces") == (1, 1, 0)


def test_quote_containment_needs_sixty_percent():
    pred = pred_doc()
    pred["quotes"][0]["text"] = "will act on them"  # contained, but much shorter than the gold quote
    score = score_document(gold_doc(), pred)
    assert counts(score, "quotes") == (1, 1, 1)


def test_finding_kind_is_not_required_but_is_reported():
    pred = pred_doc()
    pred["findings"][0]["kind"] = "statement"
    score = score_document(gold_doc(), pred)
    assert counts(score, "findings") == (1, 0, 0)
    assert (score.kinds_right, score.kinds_matched) == (0, 1)


def test_finding_overlap_below_half_is_no_match():
    pred = pred_doc()
    span = at("speed up")  # 8 of 32 characters of the gold span
    pred["findings"][0].update(text="Westshire Rangers were told by", start=0, end=30)
    score = score_document(gold_doc(), pred)
    assert counts(score, "findings") == (0, 1, 1)
    pred["findings"][0].update(text=span.exact + " its investigations", start=span.start, end=span.end + 19)
    assert counts(score_document(gold_doc(), pred), "findings") == (1, 0, 0)


def test_responses_follow_the_finding_and_inspection_matchings():
    pred = pred_doc()
    pred["quotes"][1]["responds_to"] = ["inspection/kent/peel/2021-22"]
    score = score_document(gold_doc(), pred)
    assert counts(score, "responses") == (1, 1, 1)
    assert score.categories["responses"].misses == ["q2 \u2192 f1"]


def test_area_paraphrase_and_token_overlap_match():
    assert area_score("treatment of the public", "treatment_of_the_public", None, None) == 1.0
    assert area_score("how it treats the public", None, "treatment of the public", None) >= 0.5
    assert area_score("recording of crime", None, "recording crime", None) == 1.0
    assert area_score("preventing crime", "investigating_crime", None, None) == 0.0
    # a fragment of the area in the text, joined with our concept's name
    assert area_score("helping vulnerable young people and supporting victims", "protecting_vulnerable_people",
                      "supporting victims", None) >= 0.5
    assert area_score("helping vulnerable young people and supporting victims", None, "supporting victims", None) == 0.0


def test_overall_and_unspecified_only_match_themselves():
    assert area_score("overall", "overall", None, None) == 1.0
    assert area_score("overall", "preventing_crime", "overall", None) == 0.0
    assert area_score("unspecified (4 areas)", "unspecified", None, 4) == 1.0
    assert area_score("unspecified (4 areas)", "unspecified", None, 3) == 0.0
    assert area_score("preventing crime", "unspecified", "preventing crime", 4) == 0.0


def test_wrong_grade_is_no_rating_match():
    pred = pred_doc()
    pred["ratings"][0]["grade"] = "adequate"
    assert counts(score_document(gold_doc(), pred), "ratings") == (0, 1, 1)


def test_period_normalisation_and_null_periods():
    assert period("2021/22") == period("2021-22") == period("2021/2022") == "2021-22"
    gold = gold_doc()
    pred = pred_doc()
    pred["inspections"][0]["period"] = "2021/2022"
    assert counts(score_document(gold, pred), "inspections") == (1, 0, 0)
    pred["inspections"][0].update(period="2018/19", published=None)
    assert counts(score_document(gold, pred), "inspections") == (0, 1, 1)
    gold["inspections"][0]["period"] = None  # the gold states no period: ours matches when the years agree
    pred["inspections"][0]["published"] = "2022-04-14"
    assert counts(score_document(gold, pred), "inspections") == (1, 0, 0)
    pred["inspections"][0]["published"] = "2019"
    assert counts(score_document(gold, pred), "inspections") == (0, 1, 1)


def test_an_undated_inspection_of_ours_misses_a_gold_period():
    pred = pred_doc()
    pred["inspections"][0]["period"] = None  # the published years still agree: not enough
    assert counts(score_document(gold_doc(), pred), "inspections") == (0, 1, 1)


def test_rating_periods_count_matched_ratings_whose_gold_inspection_has_a_period():
    assert counts(score_document(gold_doc(), pred_doc()), "rating_periods") == (1, 0, 0)
    pred = pred_doc()
    pred["inspections"][0]["period"] = "2018/19"  # wrong round: the rating still matches, its period does not
    score = score_document(gold_doc(), pred)
    assert counts(score, "ratings") == (1, 0, 0)
    assert counts(score, "rating_periods") == (0, 1, 1)
    pred["inspections"][0]["period"] = None  # no period: a miss only
    assert counts(score_document(gold_doc(), pred), "rating_periods") == (0, 0, 1)
    pred["inspections"][0]["period"] = "2022"  # a year inside the split-year round agrees
    assert counts(score_document(gold_doc(), pred), "rating_periods") == (1, 0, 0)
    gold = gold_doc()
    gold["inspections"][0]["period"] = None  # nothing to check against
    assert counts(score_document(gold, pred_doc()), "rating_periods") == (0, 0, 0)


def test_a_rating_pairs_with_the_one_of_the_same_round():
    gold = gold_doc()
    gold["inspections"].append(dict(gold["inspections"][0], id="i0", period="2018/19", published="2019-05"))
    gold["ratings"].insert(0, dict(gold["ratings"][0], inspection="i0"))
    pred = pred_doc()
    old = "inspection/kent/peel/2018-19"
    pred["inspections"].insert(0, dict(pred["inspections"][0], id=old, period="2018/19", published="2019-05"))
    pred["ratings"].append(dict(pred["ratings"][0], id="rating/y", inspection=old))
    score = score_document(gold, pred)
    assert counts(score, "inspections") == (2, 0, 0)
    assert counts(score, "rating_periods") == (2, 0, 0)


def test_roles_lenient_on_a_null_gold_organisation():
    gold = gold_doc()
    gold["people"][0]["roles"][0]["organisation"] = None
    assert counts(score_document(gold, pred_doc()), "roles") == (1, 0, 0)
    pred = pred_doc()
    pred["people"][0]["roles"][0]["role"] = gold_role("chief_constable")  # qualifier lost
    assert counts(score_document(gold_doc(), pred), "roles") == (0, 1, 1)


def test_names_ignore_honorifics_accents_and_aliases():
    gold = gold_doc()
    gold["people"][0]["name"] = "Mr Olú Adebayo"
    gold["organisations"][0]["name"] = "Her Majesty's Inspectorate of Constabulary and Fire & Rescue Services"
    score = score_document(gold, pred_doc())
    assert counts(score, "people") == (1, 0, 0)
    assert counts(score, "organisations") == (1, 0, 0)


def test_greedy_takes_the_best_pair_first():
    pairs = greedy(["a", "b"], ["x", "y"], lambda g, p: {("a", "x"): 0.6, ("a", "y"): 0.9, ("b", "y"): 0.8}.get((g, p), 0))
    assert sorted((i, j) for i, j, _ in pairs) == [(0, 1)]


# --- predict ------------------------------------------------------------------------------

def hand_made_extraction() -> Extraction:
    doc = Document(TEXT, "west.txt", published="2022-04-14")
    insp = iris.inspection("kent", "PEEL", "2021/22")
    f_span, q_span, s_span = at("must speed up its investigations"), at("We welcome the findings and will act on them."), at("1,250 calls")
    finding = Finding(iris.in_document("finding", doc.id, f_span.start, f_span.end), insp, "area_for_improvement", f_span)
    return Extraction(
        document=doc,
        organisations=(Organisation("force/kent", "Kent Police", "police_force", (at("Westshire Rangers"),)),
                       Organisation("org/hmicfrs", "HMICFRS", "inspectorate")),
        people=(Person("person/olu-adebayo", "Olu Adebayo", (at("Olu Adebayo"),)),),
        appointments=(Appointment("person/olu-adebayo", "chief_constable", "force/kent", "Chief Constable",
                                  qualifier="temporary"),),
        inspections=(Inspection(insp, "force/kent", "org/hmicfrs", "PEEL", "2021/22", "2022-04"),),
        ratings=(Rating(iris.rating(insp, "preventing_crime"), insp, "preventing_crime", "good",
                        "preventing crime", scale="peel_5tier"),),
        findings=(finding,),
        claims=(
            Claim(iris.in_document("claim", doc.id, q_span.start, q_span.end), q_span, "person/olu-adebayo",
                  responds_to=(insp,)),
            Claim(iris.in_document("claim", doc.id, f_span.start, f_span.end), f_span, "org/hmicfrs",
                  responds_to=(finding.key,)),
        ),
        statistics=(Statistic(iris.in_document("statistic", doc.id, s_span.start, s_span.end), s_span,
                              Decimal("1250"), "calls unanswered"),),
        main_force="force/kent",
    )


@pytest.fixture(scope="module")
def predicted() -> dict:
    extraction = hand_made_extraction()
    store = Store(None)
    store.put_document(extraction.document.id, "west.txt", to_quads(extraction))
    return predict(store)


def test_predict_turns_the_graph_into_the_gold_format(predicted):
    pred = predicted["west.txt"]
    assert pred["content"] == TEXT
    assert pred["forces"] == [{"name": "Kent Police", "id": "force/kent"}]
    assert pred["people"][0]["roles"][0]["role"] == "temporary_chief_constable"
    insp = pred["inspections"][0]
    assert (insp["programme"], insp["period"], insp["published"]) == ("PEEL", "2021/22", "2022-04")
    assert pred["ratings"][0]["area_id"] == "preventing_crime" and pred["ratings"][0]["grade"] == "good"
    assert pred["findings"][0]["kind"] == "area_for_improvement"
    assert pred["findings"][0]["start"] == TEXT.index("must speed")
    assert {q["speaker"] for q in pred["quotes"]} == {"Olu Adebayo", "HMICFRS"}
    assert pred["statistics"][0]["value"] == 1250


def test_predicted_store_scores_perfectly_against_matching_gold(predicted):
    score = score_document(gold_doc(), predicted["west.txt"])
    for name in CATEGORIES:
        assert score.categories[name].counts.f1 == 1.0, (name, score.categories[name])


# --- gold files and the CLI -----------------------------------------------------------------

def gold_folder(tmp_path, gold=None):
    (tmp_path / "west.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "west.gold.json").write_text(json.dumps(gold or gold_doc()), encoding="utf-8")
    (tmp_path / "ungraded.txt").write_text("No gold beside this one.", encoding="utf-8")
    return tmp_path


def test_cli_prints_every_category_and_exits_zero(tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["eval", str(gold_folder(tmp_path))])
    assert result.exit_code == 0, result.output
    for title in ("forces", "organisations", "people", "roles", "inspections", "ratings", "findings",
                  "quotes", "speaker attribution", "responses", "statistics"):
        assert title in result.output
    assert "1 documents" in result.output


def test_cli_json_and_verbose(tmp_path):
    result = CliRunner().invoke(app, ["eval", str(gold_folder(tmp_path)), "--json", "--verbose"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data["categories"]) == set(CATEGORIES)
    assert data["documents"] == 1
    assert "west.txt" in data["details"]


def test_cli_broken_gold_names_the_file(tmp_path):
    gold_folder(tmp_path)
    (tmp_path / "west.gold.json").write_text('{"forces": [', encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(tmp_path)])
    assert result.exit_code == 2
    assert "west.gold.json" in result.output


def test_cli_prints_several_sets_side_by_side_with_a_macro_row(tmp_path):
    first, second = tmp_path / "seeds", tmp_path / "dev"
    first.mkdir()
    second.mkdir()
    result = CliRunner().invoke(app, ["eval", str(gold_folder(first)), str(gold_folder(second))])
    assert result.exit_code == 0, result.output
    header = next(line for line in result.output.splitlines() if "seeds" in line and "dev" in line)
    assert header.index("seeds") < header.index("dev")
    assert "rating periods" in result.output
    assert "macro" in result.output
    data = json.loads(CliRunner().invoke(app, ["eval", str(first), str(second), "--json"]).output)
    assert [s["folder"] for s in data["sets"]] == [str(first), str(second)]
    assert all(0 <= s["macro_f1"] <= 1 and "rating_periods" in s["categories"] for s in data["sets"])


def test_dated_gives_the_extractor_the_gold_publication_date(tmp_path):
    from inspectkg.evaluate.run import _extract_dated

    text = tmp_path / "undated.txt"
    text.write_text("Kent Police was rated good at preventing crime by HMICFRS.", encoding="utf-8")
    *_, quads, error = _extract_dated(str(text), "undated.txt", "2019-05-02")
    assert error is None and any("2019-05-02" in str(q.object) for q in quads)
    *_, quads, error = _extract_dated(str(text), "undated.txt", None)
    assert error is None and not any("2019-05-02" in str(q.object) for q in quads)
    gold = gold_doc()
    gold["source"] = {"published": "2022-04-14"}
    result = CliRunner().invoke(app, ["eval", str(gold_folder(tmp_path, gold)), "--dated", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["dated"] is True


def test_cli_missing_folder_exits_two(tmp_path):
    result = CliRunner().invoke(app, ["eval", str(tmp_path / "nowhere")])
    assert result.exit_code == 2


def test_gold_with_a_wrong_shape_is_refused(tmp_path):
    broken = copy.deepcopy(gold_doc())
    broken["statistics"][0]["value"] = "many"
    path = tmp_path / "x.gold.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(InputError, match="x.gold.json.*statistics"):
        load_gold(path)


def test_a_stated_year_matches_the_split_year_round_it_belongs_to():
    from inspectkg.evaluate.match import inspection_score

    gold = {"force": "Kent Police", "programme": "PEEL", "period": "2019", "published": None}
    ours = {"force": "Kent Police", "force_id": "force/kent", "programme": "PEEL", "period": "2018/19"}
    exact = dict(ours, period="2019")
    assert 0 < inspection_score(gold, ours) < inspection_score(gold, exact)
    assert inspection_score(gold, dict(ours, period="2021/22")) == 0.0


def test_shared_evidence_breaks_a_tie_between_undated_inspections():
    from inspectkg.evaluate.match import inspection_score

    earlier = {"force": "Kent Police", "programme": "PEEL", "period": None, "published": None,
               "evidence": "The force was rated inadequate five years ago"}
    current = {"force": "Kent Police", "programme": "PEEL", "period": None, "published": None,
               "evidence": "Inspectors published their report on Tuesday"}
    ours = {"force": "Kent Police", "force_id": "force/kent", "programme": "PEEL", "period": None,
            "evidence": ["rated inadequate five years ago"]}
    assert inspection_score(earlier, ours) > inspection_score(current, ours) > 0
