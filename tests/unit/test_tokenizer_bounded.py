"""Tokenizing takes time linear in the text, whatever the text (issue 12: a 1 MB run of quote
marks hung a build), with token offsets exact and ordinary prose tokenized as spaCy does."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from inspectkg.ingest.extract import extract
from inspectkg.ingest.nlp import hostile, pipeline
from inspectkg.ingest.segment import sentences
from inspectkg.model import Document

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "corpus"
RUN_CHARS = ['"', "'", "(", ")", "%", "$", "#", "*", ".", "-", "\u2026", "\u201c", "\u2018", "\U0001F46E", "http://"]
PIECES = [*RUN_CHARS, " ", "\n", "  ", "\t", "Kent Police", "said", "x", "a" * 70]
texts_with_runs = st.lists(
    st.one_of(st.sampled_from(PIECES), st.builds(lambda c, n: c * n, st.sampled_from(RUN_CHARS), st.integers(2, 300))),
    max_size=40,
).map("".join)


@given(texts_with_runs)
def test_cut_tokens_cover_the_text_exactly(text):
    doc = pipeline().tokenizer.cut(text)
    assert doc.text == text
    for token in doc:
        assert text[token.idx : token.idx + len(token)] == token.text


def test_ordinary_prose_goes_to_spacy_unchanged():
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.iterdir()) if p.suffix in (".txt", ".md")]
    assert texts and not any(hostile(t) for t in texts)
    inner = pipeline().tokenizer.inner
    for text in texts:
        assert [t.text for t in pipeline().make_doc(text)] == [t.text for t in inner(text)]


def test_a_million_quote_marks_segment_in_seconds():
    text = "Kent Police said " + '"' * 1_000_000  # spaCy alone: about a day
    start = time.monotonic()
    sents, _ = sentences(text)
    assert time.monotonic() - start < 30
    assert sents and all(text[s.start : s.end] == s.exact for s in sents)


ADVERSARIAL_5MB = {
    "one run of quote marks": lambda n: ("Kent Police said " + '"' * n)[:n],
    "runs of brackets": lambda n: (("(" * 5000 + " ") * (n // 5001 + 1))[:n],
    "runs of curly quotes between words": lambda n: (("\u2018" * 3000 + " Kent ") * (n // 3006 + 1))[:n],
    "runs of mixed symbols": lambda n: (("%$#*(" * 40 + " said ") * (n // 206 + 1))[:n],
}
# Not here yet: 5 MB with hundreds of thousands of quote marks spread through it takes far longer, in
# extract/quotes.py (each quote scans every quote mark after it), not in the tokenizer; see docs/reliability.md.


@pytest.mark.parametrize("name", sorted(ADVERSARIAL_5MB))
def test_five_megabytes_of_adversarial_text_extract_in_under_a_minute(name):
    text = ADVERSARIAL_5MB[name](5_000_000)
    start = time.monotonic()
    extraction = extract(Document(text=text, source="adversarial.txt"))
    elapsed = time.monotonic() - start
    extraction.check()
    assert elapsed < 60, f"{name}: {elapsed:.1f} s"
