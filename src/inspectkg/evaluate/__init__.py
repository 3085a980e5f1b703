"""Evaluation against gold annotations: ``inspectkg eval GOLD_DIR``.

:func:`evaluate_folder` builds a folder in memory, reads each document's graph
back in the gold format and scores it per category (P/R/F1).  It reads only
what the store holds, so it scores the mapping too; it must not call the
extractor's internals or tune anything to the gold.

    gold.py     read and check NAME.gold.json
    predict.py  the store's document graphs in the gold format (SPARQL)
    names.py    normalising names, roles, periods and areas
    match.py    one-to-one greedy matching and pair scores
    score.py    per-category tp/fp/fn, P/R/F1; the matching rules
    run.py      build a folder in memory and score it
"""

from .run import evaluate_folder
from .score import CATEGORIES, FACTS, Counts, Report, score_document

__all__ = ["evaluate_folder", "CATEGORIES", "FACTS", "Counts", "Report", "score_document"]
