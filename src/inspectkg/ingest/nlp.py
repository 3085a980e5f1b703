"""The spaCy pipeline: a blank English tokenizer with a rule-based sentencizer.

No model is downloaded.  Texts longer than spaCy's ``max_length`` are not
passed whole: callers split them into paragraphs first (see ``segment``).

The English tokenizer exceptions include special cases for single whitespace
characters ("\\n", " ", "\\t", "\\xa0").  Any special case found in a text turns
off spaCy's token cache for the rest of that text (``has_special`` is kept per
call), so every text with a line break was tokenized the slow way, affix
regexes and all: ~20x slower.  Those four cases only restate the default
tokenization (one whitespace token; only the NORM of "\\xa0" differed), so they
are dropped; the abbreviation and contraction exceptions stay.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

_WHITESPACE_CASES = ("\t", "\n", " ", "\xa0")


@cache
def pipeline() -> Language:
    nlp = spacy.blank("en")
    tokenizer = nlp.tokenizer
    tokenizer.rules = {k: v for k, v in tokenizer.rules.items() if k not in _WHITESPACE_CASES}
    nlp.add_pipe("sentencizer")
    return nlp
