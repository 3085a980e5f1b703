"""Paragraphs and sentences as character spans of the document's text."""

from __future__ import annotations

import re

from ..model import Span
from .nlp import pipeline

_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")  # blocks separated by blank lines
_LINE = re.compile(r"[^\n]+")
MAX_CHUNK = 100_000  # characters given to spaCy at once


def lines(text: str) -> list[Span]:
    """Every non-blank line (news copy puts one paragraph on a line)."""
    out = []
    for match in _LINE.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append(Span.of(text, start, end))
    return out


def sentences(text: str) -> tuple[list[Span], object]:
    """Sentence spans of the text, never crossing a line break, and the spaCy Doc.

    The Doc is returned only when the text fits in one chunk (else None).
    """
    nlp = pipeline()
    out: list[Span] = []
    doc = None
    if len(text) <= MAX_CHUNK:
        doc = nlp(text)
        for sent in doc.sents:
            _add_sentence(text, sent.start_char, sent.end_char, out)
        return out, doc
    for line in lines(text):
        for start in range(line.start, line.end, MAX_CHUNK):
            end = min(line.end, start + MAX_CHUNK)
            chunk = nlp(text[start:end])
            for sent in chunk.sents:
                _add_sentence(text, start + sent.start_char, start + sent.end_char, out)
    return out, doc


def _add_sentence(text: str, start: int, end: int, out: list[Span]) -> None:
    # spaCy's sentencizer may run a sentence across a newline: split there too.
    for match in _LINE.finditer(text, start, end):
        s, e = match.span()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append(Span.of(text, s, e))
