"""The evaluation run: build a throw-away in-memory store from a gold folder and score it.

    evaluate_folder(folder, jobs=1, dated=False) -> Report

Only the ``NAME.txt`` files with a ``NAME.gold.json`` beside them are built.
Every gold file is loaded (and checked) before anything is built, so a broken
one fails fast with an :class:`~inspectkg.errors.InputError` naming it.  A
document that cannot be read or extracted is scored as an empty prediction
and its error is kept on its :class:`DocumentScore`.

``dated=True`` gives the extractor each gold ``source.published`` as the
document's publication date, as a real corpus's metadata would; without it
the extractor finds the date in the document itself, or goes without.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..errors import InputError
from ..store.mapping import to_quads
from ..store.embedded import Store
from ..ingest.read import Source, read
from ..pipeline import build, load_reference
from .gold import GoldDocument, gold_folder
from .predict import predict
from .score import DocumentScore, Report, score_document


def evaluate_folder(
    folder: Path | str,
    *,
    jobs: int = 1,
    dated: bool = False,
    on_start: Callable[[int], None] | None = None,
    on_done: Callable[[str, str], None] | None = None,
) -> Report:
    """Build, predict and score every gold document of ``folder``."""
    documents = gold_folder(Path(folder))
    store = Store(None)
    if dated:
        failures = _build_dated(documents, store, jobs=jobs, on_start=on_start, on_done=on_done)
    else:
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


def gold_published(doc: GoldDocument) -> str | None:
    """The gold ``source.published`` (YYYY-MM-DD, YYYY-MM or YYYY), or None."""
    source = doc.gold.get("source")
    value = source.get("published") if isinstance(source, dict) else None
    return value.strip() if isinstance(value, str) and value.strip() else None


def _extract_dated(location: str, name: str, published: str | None):
    """Read one document, give it the publication date, extract and map it (runs in a worker)."""
    from ..ingest.extract import extract  # here, not at the top: a command that only imports this module needs no spaCy

    try:
        document = read(Source(location, name))
        if published:
            document = dataclasses.replace(document, published=published)
        return name, document.id, to_quads(extract(document)), None
    except InputError as exc:
        return name, None, None, str(exc)
    except Exception as exc:  # an extractor bug is scored as an empty prediction
        return name, None, None, f"{name}: extraction failed ({type(exc).__name__}: {exc})"


def _build_dated(documents: list[GoldDocument], store: Store, *, jobs: int, on_start, on_done) -> dict[str, str]:
    load_reference(store)
    if on_start:
        on_start(len(documents))
    work = [(str(d.text_path), d.name, gold_published(d)) for d in documents]
    if jobs > 1 and len(work) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(_extract_dated, *zip(*work)))
    else:
        results = [_extract_dated(*item) for item in work]
    failures = {}
    for name, doc_id, quads, error in results:
        if error is not None:
            failures[name] = error
        else:
            store.put_document(doc_id, name, quads)
        if on_done:
            on_done(name, "failed" if error else "extracted")
    store.flush()
    return failures
