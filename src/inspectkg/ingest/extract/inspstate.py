"""What the inspection-side steps share beyond the Context's own fields.

Declared as the Context field ``inspection_state`` (like ``state.py`` of the
entity steps); ``get(ctx)`` returns it.  Filled by the inspections step; read
by ratings, findings, statistics and responses.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field


@dataclass
class InspectionState:
    main: str | None = None  # key of the inspection the document is about
    main_force: str | None = None  # force key the document is about (ours when ctx.main_force is None)
    doc_date: str | None = None  # document date: ctx.published or a date in the first lines
    by_sentence: dict[int, str] = field(default_factory=dict)  # sentence index -> other inspection key
    # sentence index -> further inspections it grades alike ("Suffolk and Norfolk were both rated good")
    also_by_sentence: dict[int, list[str]] = field(default_factory=dict)
    rounds: dict[str, str | None] = field(default_factory=dict)  # inspection key -> period / PEEL round
    force_mentions: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, force key)
    report_like: bool = False  # the text is (part of) a report page rather than news
    announced: set[str] = field(default_factory=set)  # keys of inspections still to come: they grade nothing


def get(ctx) -> InspectionState:
    return ctx.inspection_state


def inspection_of_sentence(ctx, index: int) -> str | None:
    state = get(ctx)
    return state.by_sentence.get(index, state.main)


def sentence_index(ctx, position: int) -> int | None:
    """Index of the sentence holding a character position (binary search)."""
    sents = ctx.sentences
    i = bisect.bisect_right(ctx.sentence_starts, position) - 1
    return i if i >= 0 and position < sents[i].end else None
