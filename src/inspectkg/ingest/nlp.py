"""The spaCy pipeline: a blank English tokenizer with a rule-based sentencizer.

No model is downloaded.  Texts longer than spaCy's ``max_length`` are not
passed whole: callers split them into paragraphs first (see ``segment``).
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language


@cache
def pipeline() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp
