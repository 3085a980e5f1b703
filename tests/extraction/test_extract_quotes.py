"""Quotes step: quote marks, scare quotes, attribution; extract() never raises."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from inspectkg.ingest.extract import extract, quote_marks
from inspectkg.ingest.segment import lines
from inspectkg.model import Document


def quotes(text: str):
    ex = extract(Document(text, "test.txt"))
    return {c.text.exact: c for c in ex.claims if c.quotation}


def test_apostrophes_are_not_quote_marks():
    text = "The force's officers haven't said the officers' plan was 'fully costed and agreed by all'."
    found = [text[q.start : q.end] for q in quote_marks.find(text, lines(text))]
    assert found == ["fully costed and agreed by all"]


def test_curly_single_quotes_in_a_headline_with_a_speech_verb():
    text = "‘We failed victims’ says Warwickshire chief\n\nChief Constable Ada Brook said sorry."
    got = quotes(text)
    assert got["We failed victims"].speaker == "person/ada-brook"


def test_multi_paragraph_quote_one_claim_per_paragraph():
    text = ('Chief Constable Ian Moss said: "First paragraph of the quote goes here.\n\n'
            '"Second paragraph continues it.\n\n"Third and last paragraph."\n\nNext story.')
    got = quotes(text)
    assert set(got) == {"First paragraph of the quote goes here.", "Second paragraph continues it.",
                        "Third and last paragraph."}
    assert {c.speaker for c in got.values()} == {"person/ian-moss"}


def test_claim_span_excludes_marks_and_evidence_is_attribution():
    text = 'Police Scotland was praised. "We are pleased with this," said Chief Constable Ola Reid.'
    claim = quotes(text)["We are pleased with this"]
    start, end = text.index("We"), text.index(',"')
    assert claim.key.endswith(f"/{start}-{end}")
    assert claim.evidence and "said" in claim.evidence[0].exact
    assert claim.speaker == "person/ola-reid"


def test_pronoun_attribution_has_lower_confidence():
    text = ('Chief Constable Nia Hale said: "We will improve our call handling."\n\n'
            'She added: "The public deserve better."')
    got = quotes(text)
    assert got["The public deserve better."].speaker == "person/nia-hale"
    assert got["The public deserve better."].confidence < got["We will improve our call handling."].confidence


def test_the_report_and_the_force_as_speakers():
    text = ('Leicestershire Police was inspected in 2022. "Too many calls go unanswered," the report said.\n\n'
            '"We accept the findings in full," the force said.')
    got = quotes(text)
    assert got["Too many calls go unanswered"].speaker == "org/hmicfrs"
    assert got["We accept the findings in full"].speaker == "force/leicestershire"


def test_scare_quotes_are_not_quotations():
    text = ('Wiltshire Police was rated "good" and "requires improvement" in a report. '
            'Its "Operation Fairway" scheme was a "success", officers said.')
    assert quotes(text) == {}


def test_reported_speech_is_a_claim_not_a_quotation():
    ex = extract(Document("Chief Constable Sam Ure said the force had begun to make changes.", "t.txt"))
    claims = [c for c in ex.claims if not c.quotation]
    assert [(c.text.exact, c.speaker) for c in claims] == [
        ("the force had begun to make changes", "person/sam-ure")]


def test_odd_marks_never_raise():
    for text in ['"', '“', '”', "'", "‘", "’", '"a"b"c', '““”', "he said: \"", ":\n\"\n'", "a\u00a0\"b"]:
        extract(Document(text, "odd.txt")).check()


_ALPHABET = st.sampled_from(list("abc XYZ.,:;'\"“”‘’\n–-") + ["Mr ", "said ", "Kent ", "Chief Constable ",
                                                          "HMIC ", "the force ", "He added: ", "\n\n", "é", "🙂"])


@settings(max_examples=60, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_extract_never_raises_and_spans_match(text):
    ex = extract(Document(text, "fuzz.txt"))
    ex.check()
    for claim in ex.claims:
        assert text[claim.text.start : claim.text.end] == claim.text.exact


@settings(max_examples=30, deadline=None)
@given(st.text(max_size=300))
def test_extract_never_raises_on_arbitrary_unicode(text):
    extract(Document(text, "fuzz.txt")).check()


def test_sentences_are_those_of_the_spacy_sentencizer():
    """Where no quote opens after a sentence end (that case is below)."""
    from inspectkg.ingest.nlp import pipeline
    from inspectkg.ingest.segment import sentence_bounds

    nlp = pipeline()
    for text in ["", "One. Two! Three? (Four.) Five.\" six", "Mr. Smith said: \"It's fine.\"\n\nNext line.",
                 "...", ". . a", "No stop at the end", "Rated 'good'. Then 2.5% fell.\tEnd.\u00a0Last"]:
        doc = nlp(text)
        want = [(s.start_char, s.end_char) for s in doc.sents] if len(doc) else []
        assert sentence_bounds(nlp.make_doc(text)) == want


def test_a_quote_opening_after_a_sentence_end_starts_the_next_sentence():
    from inspectkg.ingest.segment import sentences

    text = 'She said the force accepted the findings. "We know we let people down." He left. \u201cNext,\u201d he said.'
    got = [s.exact for s in sentences(text)[0]]
    assert got == ["She said the force accepted the findings.", '"We know we let people down."', "He left.",
                   "\u201cNext,\u201d he said."]


def test_tokenizer_keeps_its_cache_across_line_breaks():
    from inspectkg.ingest.nlp import pipeline

    rules = pipeline().tokenizer.rules
    assert "\n" not in rules and " " not in rules and "Mr." in rules and "don't" in rules


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 30)), max_size=12), st.integers(0, 90),
       st.one_of(st.none(), st.tuples(st.integers(0, 60), st.integers(1, 30))))
def test_the_quotation_index_agrees_with_a_scan_of_every_region(spans, pos, leave_out):
    from inspectkg.ingest.extract.regions import Containing
    regions = [(s, s + n) for s, n in spans]
    leave_out = (leave_out[0], leave_out[0] + leave_out[1]) if leave_out else None
    scan = any(s <= pos < e and (s, e) != leave_out for s, e in regions)
    assert Containing(regions).holds(pos, leave_out) == scan
