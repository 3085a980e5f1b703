"""Rule-based extraction: one Document in, one Extraction out.

The steps run in the order of :data:`STEPS`; each is a module with
``run(ctx)``, imported by name here so that a misspelt or missing step fails
at import time rather than being skipped.  Patterns, gazetteers and vocabularies are data
(``ingest/patterns``, ``inspectkg/data``), not code.
"""

from __future__ import annotations

from types import ModuleType

from ...model import Document, Extraction
from ...reference import load as load_reference
from ..segment import lines, sentences
from . import findings, inspections, organisations, people, prefilter, quotes, ratings, redate, responses, statistics
from .context import Context

STEPS: tuple[ModuleType, ...] = (
    organisations,  # forces, inspectorates, other bodies; the document's main force
    people,  # named people, their roles and organisations; "Mr Scott", pronouns
    inspections,  # which inspections the text refers to
    ratings,  # area x grade judgements
    redate,  # inspections still undated, dated by the rounds their ratings' areas and grades belong to
    findings,  # the inspectorate's statements
    quotes,  # direct quotations and reported claims with their speakers
    statistics,  # numbers with what they measure
    responses,  # which finding / inspection each claim answers
)


def extract(document: Document) -> Extraction:
    """Run every step over the document and return what they found."""
    sents, nlp_doc = sentences(document.text)
    prefilter.CueWords.index(document.text, sents)
    ctx = Context(
        document=document,
        reference=load_reference(),
        nlp_doc=nlp_doc,
        sentences=sents,
        paragraphs=lines(document.text),
        published=document.published,
    )
    for step in STEPS:
        step.run(ctx)
    extraction = ctx.to_extraction()
    extraction.check()
    return extraction
