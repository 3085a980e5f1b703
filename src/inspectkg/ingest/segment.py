"""Paragraphs and sentences as character spans of the document's text.

Sentence boundaries are those of spaCy's rule-based ``sentencizer`` (the
pipeline of ``nlp.py``), computed here from the tokenizer's output (``Doc.to_array``)
rather than by running the component, whose loop over Token objects cost
more than the tokenizer itself.  The rule, as in the sentencizer: a sentence
starts at the first token that is neither punctuation nor a sentence-final
character after a sentence-final character ("." "!" "?" ...), except that
an opening quote mark (white space before it, none after it) starts the next
sentence instead of closing the previous one: in 'waiting times. "We know',
the quote belongs to "We know".

A "sentence" longer than :data:`MAX_SENTENCE` characters (no prose has one:
it is a table row, a list or a page run together) is cut at white space into
pieces of at most that length, so that work done per sentence, or per word
of a sentence, stays linear in the text.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.attrs import IDX, IS_PUNCT, LENGTH, ORTH

from ..model import Span
from .nlp import pipeline

_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")  # blocks separated by blank lines
# a line's text without its outer white space: from its first to its last non-space character
_TRIMMED_LINE = re.compile(r"\S(?:[^\n]*\S)?")
MAX_CHUNK = 100_000  # characters given to spaCy at once
MAX_SENTENCE = 2_000  # characters; a longer sentence is cut at white space (the longest in our corpora: 375)
_LAST_SPACE = re.compile(r".*\s", re.DOTALL)
_ATTRS = [ORTH, IS_PUNCT, IDX, LENGTH]
_QUOTE_MARKS = "\"“‘'«"  # marks that can open a quotation


def lines(text: str) -> list[Span]:
    """Every non-blank line (news copy puts one paragraph on a line), without its outer white space."""
    return [Span(m.start(), m.end(), m.group()) for m in _TRIMMED_LINE.finditer(text)]


@cache
def _final_chars() -> frozenset[int]:
    """ORTH hashes of the sentencizer's sentence-final characters."""
    nlp = pipeline()
    chars = nlp.get_pipe("sentencizer").punct_chars
    return frozenset(nlp.vocab.strings.add(c) for c in chars)


@cache
def _opening_marks() -> frozenset[int]:
    nlp = pipeline()
    return frozenset(nlp.vocab.strings.add(c) for c in _QUOTE_MARKS)


def sentence_bounds(doc) -> list[tuple[int, int]]:
    """(start_char, end_char) of each sentence of a tokenized Doc, as the sentencizer splits it."""
    n = len(doc)
    if n == 0:
        return []
    arr = doc.to_array(_ATTRS)
    orth = arr[:, 0].tolist()
    punct = arr[:, 1].tolist()
    finals = _final_chars()
    opening = _opening_marks()
    idx = arr[:, 2].tolist()
    length = arr[:, 3].tolist()
    starts = []
    seen = False
    for i in range(n):
        if orth[i] in finals:
            seen = True
        elif seen and (not punct[i] or (
                orth[i] in opening and i + 1 < n
                and idx[i] > idx[i - 1] + length[i - 1]  # white space before the mark
                and idx[i + 1] == idx[i] + length[i])):  # and none after it: it opens a quote
            starts.append(i)
            seen = False
    bounds = []
    first = 0
    for start in starts:
        bounds.append((idx[first], idx[start - 1] + length[start - 1]))
        first = start
    bounds.append((idx[first], idx[n - 1] + length[n - 1]))
    return bounds


def sentences(text: str) -> tuple[list[Span], object]:
    """Sentence spans of the text, never crossing a line break, and the spaCy Doc (tokens only).

    The Doc is returned only when the text fits in one chunk (else None).
    """
    nlp = pipeline()
    out: list[Span] = []
    doc = None
    if len(text) <= MAX_CHUNK:
        doc = nlp.make_doc(text)
        for start, end in sentence_bounds(doc):
            _add_sentence(text, start, end, out)
        return out, doc
    for line in lines(text):
        for start in range(line.start, line.end, MAX_CHUNK):
            end = min(line.end, start + MAX_CHUNK)
            chunk = nlp.make_doc(text[start:end])
            for s, e in sentence_bounds(chunk):
                _add_sentence(text, start + s, start + e, out)
    return out, doc


def _add_sentence(text: str, start: int, end: int, out: list[Span]) -> None:
    # without outer white space; spaCy's sentencizer may run a sentence across a newline: split there too
    for m in _TRIMMED_LINE.finditer(text, start, end):
        if m.end() - m.start() <= MAX_SENTENCE:
            out.append(Span(m.start(), m.end(), m.group()))
        else:
            _cut(text, m.start(), m.end(), out)


def _cut(text: str, start: int, end: int, out: list[Span]) -> None:
    """A run-on sentence as pieces of at most MAX_SENTENCE characters, cut at white space where there is some."""
    while end - start > MAX_SENTENCE:
        space = _LAST_SPACE.match(text, start, start + MAX_SENTENCE)
        cut = space.end() if space and space.end() - start > MAX_SENTENCE // 2 else start + MAX_SENTENCE
        out.extend(Span(m.start(), m.end(), m.group()) for m in _TRIMMED_LINE.finditer(text, start, cut))
        start = cut
    out.extend(Span(m.start(), m.end(), m.group()) for m in _TRIMMED_LINE.finditer(text, start, end))
