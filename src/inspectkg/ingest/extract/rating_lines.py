"""Grades laid out in lines rather than sentences: tables and graded lists of forces.

Two layouts, read line by line (``ctx.paragraphs``: one line each):

- a table row: an area and a grade and nothing else ("| Investigating crime |
  Requires improvement |", "Responding to the public: Good", a PDF table's text
  "Protecting vulnerable people   Adequate", or a table flattened to an area's line
  then its grade's line); the area must cover most of the words that are not the grade;
- a grade heading over a list of forces ("Good" or ":: Requires improvement" alone
  on a line, then "Avon & Somerset, Cambridgeshire and Cheshire"): each force of
  the list is given the grade, for the area the lines before the first heading
  name ("graded forces for their overall effectiveness as follows:"), else overall.
  A force's inspection is modelled on the document's own inspection.

Called by the ratings step (``run(ctx, grades_in, add)``: the grade words it found,
and its way to record one rating), so the two keep one notion of keys, counts and scales.
"""

from __future__ import annotations

import re

from . import areas, dates, rating_targets as targets
from .inspstate import get as get_state, inspection_of_sentence, sentence_index
from .state import get as entity_state

_MARKS = r"[\s|:•*·▪►–—\-#>]*"
_HEADING = re.compile(r"^" + _MARKS + r"$")  # what may surround a grade heading
_ROW_SEP = re.compile(r"\||\t| {2,}|:|\s[–—-]\s")
_MAX_ROW = 160  # characters: a longer line is prose
_LIST_SEP = re.compile(r"\s*(?:,|;|\band\b|&(?=\s*$)|\||\n)\s*", re.IGNORECASE)


def run(ctx, grades_in, add) -> None:
    """``grades_in(start, end)``: the (grade, start, end) found in text[start:end]."""
    lines = ctx.paragraphs
    if not lines:
        return
    text = ctx.text
    block: dict | None = None  # the grade heading being read: {"area": ..., "grade": ...}
    for n, line in enumerate(lines):
        found = grades_in(line.start, line.end)
        if len(found) == 1:
            grade, g_start, g_end = found[0]
            if _HEADING.match(text[line.start:g_start]) and _HEADING.match(text[g_end:line.end]):
                if block is None and n > 0 and not grades_in(lines[n - 1].start, lines[n - 1].end) \
                        and _area_line(ctx, add, lines[n - 1], grade, g_start):
                    continue  # a table flattened to lines: "Investigating crime" / "Requires improvement"
                if block is None:
                    block = {"area": _intro_area(ctx, lines, n)}
                block["grade"] = grade
                continue
        if block is not None and not found and _force_list(ctx, add, line, block):
            continue
        block = None
        if len(found) == 1 and line.end - line.start <= _MAX_ROW:
            _table_row(ctx, add, line, found[0])


def _table_row(ctx, add, line, found) -> None:
    """Rate the area named beside the one grade ``found`` (grade, start, end) on a table's row."""
    grade, g_start, g_end = found
    text = ctx.text
    if not (_ROW_SEP.search(text, line.start, g_start) or _ROW_SEP.search(text, g_end, line.end)):
        return
    index = sentence_index(ctx, g_start)
    if index is None:
        return
    insp = inspection_of_sentence(ctx, index)
    if insp is None:
        return
    round_ = get_state(ctx).rounds.get(insp)
    rest = [(line.start, g_start), (g_end, line.end)]
    content = [t for s, e in rest for t in areas.tokens(text, s, e) if t[0] not in ",;:.()"]
    hits = [h for s, e in rest for h in areas.find(text, s, e, round_)]
    if not content or len(hits) != 1:
        return
    covered = sum(1 for t in content if hits[0].start <= t[1] and t[2] <= hits[0].end)
    if covered * 5 < len(content) * 3:  # the area must be most of the row
        return
    add(insp, hits[0].area, grade, ctx.sentences[index], text[hits[0].start:hits[0].end])


def _area_line(ctx, add, line, grade, g_start) -> bool:
    """Rate the area that is the whole of the line above a grade standing alone; False when it is none."""
    text = ctx.text
    if line.end - line.start > _MAX_ROW:
        return False
    index = sentence_index(ctx, g_start)
    insp = inspection_of_sentence(ctx, index) if index is not None else None
    if insp is None:
        return False
    hits = areas.find(text, line.start, line.end, get_state(ctx).rounds.get(insp))
    content = [t for t in areas.tokens(text, line.start, line.end) if t[0] not in ",;:.()"]
    if len(hits) != 1 or not content:
        return False
    covered = sum(1 for t in content if hits[0].start <= t[1] and t[2] <= hits[0].end)
    if covered * 5 < len(content) * 3 or text[line.start:line.end].rstrip().endswith(":"):
        return False
    add(insp, hits[0].area, grade, ctx.sentences[index], text[hits[0].start:hits[0].end])
    return True


def _intro_area(ctx, lines, n: int) -> tuple[str, str | None]:
    """The area the line(s) before a grade heading name, else overall."""
    text = ctx.text
    for line in reversed(lines[max(0, n - 6):n]):
        if not text[line.start:line.end].rstrip().endswith(":"):
            continue
        state = get_state(ctx)
        round_ = state.rounds.get(state.main) if state.main else None
        if round_ is None and state.doc_date:
            round_ = dates.peel_round(state.doc_date, published=True)
        hits = areas.find(text, line.start, line.end, round_)
        if hits:
            return hits[0].area, text[hits[0].start:hits[0].end]
        return "overall", None
    return "overall", None


def _force_list(ctx, add, line, block) -> bool:
    """Each force of a list line under a grade heading; False when the line is no such list."""
    state = get_state(ctx)
    if state.main is None or state.main not in ctx.inspections:
        return False
    text = ctx.text
    hits = [h for h in entity_state(ctx).hits
            if line.start <= h.start and h.end <= line.end and h.label in ("force", "place") and len(h.ids) == 1]
    hits = _longest(hits)
    if not hits:
        return False
    # the names must be the line: what is left between them is list punctuation
    pos = line.start
    for hit in hits:
        if not _LIST_SEP.fullmatch(text[pos:hit.start]) and text[pos:hit.start].strip():
            return False
        pos = hit.end
    if text[pos:line.end].strip(" .;,"):
        return False
    index = sentence_index(ctx, line.start)
    sentence = ctx.sentences[index] if index is not None else line
    area, area_text = block["area"]
    for hit in hits:
        force = "force/" + hit.ids[0]
        insp = targets.ensure_inspection(ctx, state.main, sentence, force=force)
        add(insp, area, block["grade"], sentence, area_text)
    return True


def _longest(hits):
    out = []
    for hit in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        if out and hit.start < out[-1].end:
            continue
        out.append(hit)
    return out
