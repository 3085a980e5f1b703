"""The sentence a span sits in, with the span marked and a link to it in its document."""

from __future__ import annotations

import re

from .data import Evidence, Lookup
from .templating import entity_path

_END = re.compile(r"[.!?](?=[\s\"'”’)\]]|$)|\n\s*\n|\n(?=\s*[-*#•])")
_MAX_SIDE = 220


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or paragraph line) around [start, end), at most ~220 characters each side."""
    lo = max(0, start - _MAX_SIDE)
    left = lo
    for match in _END.finditer(text, lo, start):
        left = match.end()
    hi = min(len(text), end + _MAX_SIDE)
    match = _END.search(text, end, hi)
    right = match.end() if match else hi
    while left < start and text[left].isspace():
        left += 1
    return left, max(right, end)


def span_anchor(ev: Evidence) -> str:
    return f"{entity_path(ev.doc)}#span-{ev.start}-{ev.end}"


def snippet(lookup: Lookup, ev: Evidence) -> dict:
    """The sentence around a span as the ``evidence`` macro shows it: before, exact, after, and the link."""
    text = lookup.text(ev.doc)
    source = lookup.label(ev.doc)
    out = {"before": "", "exact": f"{ev.start}–{ev.end}", "after": "", "href": span_anchor(ev),
           "source": source, "start": ev.start, "end": ev.end}
    if text and ev.end <= len(text) and ev.start < ev.end:
        left, right = sentence_bounds(text, ev.start, ev.end)
        before = ("…" if left > 0 and not text[left - 1].isspace() else "") + text[left:ev.start]
        out.update(before=" ".join(before.split("\n")), exact=text[ev.start:ev.end],
                   after=" ".join(text[ev.end:right].rstrip().split("\n")))
    return out


def snippets(lookup: Lookup, evidence: list[Evidence]) -> list[dict]:
    return [snippet(lookup, ev) for ev in evidence]
