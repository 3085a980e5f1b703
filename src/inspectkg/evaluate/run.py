"""The evaluation run: build a throw-away in-memory store from a gold folder and score it.

    evaluate_folder(folder, jobs=1) -> Report

Only the ``NAME.txt`` files with a ``NAME.gold.json`` beside them are built.
Every gold file is loaded (and checked) before anything is built, so a broken
one fails fast with an :class:`~inspectkg.errors.InputError` naming it.  A
document that cannot be read or extracted is scored as an empty prediction
and its error is kept on its :class:`DocumentScore`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..graph.store import Store
from ..pipeline import build
from .gold import gold_folder
from .predict import predict
from .score import DocumentScore, Report, score_document


def evaluate_folder(
    folder: Path | str,
    *,
    jobs: int = 1,
    on_start: Callable[[int], None] | None = None,
    on_done: Callable[[str, str], None] | None = None,
) -> Report:
    """Build, predict and score every gold document of ``folder``."""
    documents = gold_folder(Path(folder))
    store = Store(None)
    built = build([d.text_path for d in documents], store, jobs=jobs, on_start=on_start, on_done=on_done)
    failures = dict(built.failed)
    predictions = {Path(source).name: pred for source, pred in predict(store).items()}
    scores: list[DocumentScore] = []
    for doc in documents:
        pred = predictions.get(doc.name)
        error = None
        if pred is None:
            error = failures.get(doc.name) or "no document graph was built"
            pred = {"doc": doc.name}
        content = pred.get("content")
        if not content:
            content = doc.text_path.read_text(encoding="utf-8", errors="replace")
        result = score_document(doc.gold, pred, content)
        result.doc = doc.name
        result.error = error
        scores.append(result)
    return Report(scores)
