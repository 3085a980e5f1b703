"""Responses: claims answering findings or the inspection; stance; robustness of all steps."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from inspectkg.ingest.extract import extract
from inspectkg.ingest.extract.responses import stance_of
from inspectkg.ingest.extract.similarity import bag, cosine
from inspectkg.model import Document


def test_stance_cues():
    assert stance_of("We are disappointed by the report.") == "disputes"
    assert stance_of("We accept the findings in full.") == "accepts"
    assert stance_of("We are committed to improving our control room.") == "commits_to_action"
    assert stance_of("The sun shone.") is None


def test_similarity_prefers_shared_content_words():
    claim = bag("We have recruited more call handlers for the control room")
    assert cosine(claim, bag("the control room lacks call handlers")) > cosine(claim, bag("stalking victims wait"))


TEXT = ("Staffordshire Police leaves stalking victims without support, inspectors said.\n"
        "The inspection also found that the force answers 999 calls quickly.\n"
        "Commissioner Ben Adams said: \"Stalking victims deserve better support and I will make sure they get it.\"\n"
        "Chief Constable Chris Noble said: \"We welcome this report.\"\n")


def test_claims_respond_to_findings_and_inspection():
    ex = extract(Document(TEXT, "t.txt"))
    findings = {f.key: f.text.exact for f in ex.findings}
    by_text = {c.text.exact: c for c in ex.claims}
    adams = next(c for t, c in by_text.items() if t.startswith("Stalking victims deserve"))
    assert any("stalking victims without support" in findings.get(k, "") for k in adams.responds_to)
    noble = next(c for t, c in by_text.items() if t.startswith("We welcome"))
    assert any(k.startswith("inspection/") for k in noble.responds_to) and noble.stance == "accepts"


_ALPHABET = st.sampled_from(list("abc XYZ.,;:'\"“”‘’-–•\n\t0123456789%£/()") + [
    "rated ", "good ", "inadequate ", "Kent Police ", "HMICFRS said ", "the report found ", "Areas for improvement\n",
    "- ", "requires improvement in ", "per cent ", "2021/22 ", "in 2014 ", "said: \"", "four other areas ",
    "investigating crime", "per 100,000 ", "re-visit ", "special measures "])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_steps_never_raise_and_spans_match(text):
    ex = extract(Document(text, "fuzz.txt"))  # extract() runs Extraction.check(): every span matches
    for rating in ex.ratings:
        assert rating.inspection in {i.key for i in ex.inspections}
    for span in ex.spans():
        assert text[span.start:span.end] == span.exact
