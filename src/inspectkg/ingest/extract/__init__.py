"""Rule-based extraction: one Document in, one Extraction out.

The steps run in the order of :data:`STEPS`; each is a module with
``run(ctx)``.  Patterns, gazetteers and vocabularies are data
(``ingest/patterns``, ``inspectkg/data``), not code.
"""

from __future__ import annotations

import importlib

from ...model import Document, Extraction
from ...reference import load as load_reference
from ..segment import lines, sentences
from .context import Context

STEPS: tuple[str, ...] = (
    "organisations",  # forces, inspectorates, other bodies; the document's main force
    "people",  # named people, their roles and organisations; "Mr Scott", pronouns
    "inspections",  # which inspections the text refers to
    "ratings",  # area x grade judgements
    "findings",  # the inspectorate's statements
    "quotes",  # direct quotations and reported claims with their speakers
    "statistics",  # numbers with what they measure
    "responses",  # which finding / inspection each claim answers
)


def _step(name: str):
    try:
        return importlib.import_module(f"{__name__}.{name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"{__name__}.{name}":
            return None  # a step not written yet
        raise


def extract(document: Document) -> Extraction:
    """Run every step over the document and return what they found."""
    sents, nlp_doc = sentences(document.text)
    ctx = Context(
        document=document,
        reference=load_reference(),
        nlp_doc=nlp_doc,
        sentences=sents,
        paragraphs=lines(document.text),
        published=document.published,
    )
    for name in STEPS:
        module = _step(name)
        if module is not None:
            module.run(ctx)
    extraction = ctx.to_extraction()
    extraction.check()
    return extraction
