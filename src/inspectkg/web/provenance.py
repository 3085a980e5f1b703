"""The sentence a span sits in, with the span marked and a link to it in its document."""

from __future__ import annotations

import re

from .data import Evidence, Lookup
from .html import entity_path, esc

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


def snippet(lookup: Lookup, ev: Evidence) -> str:
    """HTML: '…before <mark>span</mark> after…' and a link to the document at the span."""
    text = lookup.text(ev.doc)
    if not text or ev.end > len(text) or ev.start >= ev.end:
        body = f"<mark>{esc(ev.start)}–{esc(ev.end)}</mark>"
    else:
        left, right = sentence_bounds(text, ev.start, ev.end)
        before = ("…" if left > 0 and not text[left - 1].isspace() else "") + text[left:ev.start]
        after = text[ev.end:right].rstrip()
        body = (f"{esc(' '.join(before.split(chr(10))))}<mark>{esc(text[ev.start:ev.end])}</mark>"
                f"{esc(' '.join(after.split(chr(10))))}")
    source = lookup.label(ev.doc)
    return (f'<blockquote class="evidence">{body} '
            f'<a class="src" href="{esc(span_anchor(ev))}" title="{esc(source)}">'
            f'[{esc(_short(source))}, {ev.start}–{ev.end}]</a></blockquote>')


def snippets(lookup: Lookup, evidence: list[Evidence], limit: int = 4) -> str:
    shown = "".join(snippet(lookup, ev) for ev in evidence[:limit])
    rest = len(evidence) - limit
    if rest > 0:
        hidden = "".join(snippet(lookup, ev) for ev in evidence[limit:])
        shown += f'<details class="more"><summary>{rest} more</summary>{hidden}</details>'
    return shown


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
