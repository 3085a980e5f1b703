"""Where the quotations of a text are: pairs of quote marks, paragraph by paragraph.

Double marks (straight or curly) pair up in order within a paragraph; an odd
one out opens a quote that runs to the end of the paragraph (news copy opens
each paragraph of a long quote and closes only the last).  Single marks count
only where they cannot be apostrophes: an opener at the start of a word, a
closer after a word and before a space or punctuation ("force's", "haven't"
and "officers' workloads" never open a quote).  Nothing here raises on odd
input: unmatched marks are simply left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE = "\"“”„«»"
_DOUBLE_RE = re.compile("[" + DOUBLE + "]")
# Each begins with the mark itself and looks back from after it: a regex that begins with a
# character set is scanned for that set at C speed, one that begins with a lookbehind is tried
# at every position.
# an opener: at the start of the text or after a space, bracket or dash; before a word
_SINGLE_OPEN = re.compile(r"['‘](?<![^\s(\[—–-]['‘])(?=[^\s'‘’])")
# a closer: after anything but a space or another mark; not before a word character
_SINGLE_CLOSE = re.compile(r"['’](?<=[^\s'‘’]['’])(?![\w])")
_TRIM = " \t\u00a0,;:-–—"


@dataclass(frozen=True)
class QuoteMarks:
    open: int  # position of the opening mark
    close: int | None  # position of the closing mark (None: runs to the paragraph's end)
    start: int  # the quoted words, without marks, spaces and a trailing comma
    end: int
    paragraph: int  # index into the paragraph list
    single: bool

    @property
    def region(self) -> tuple[int, int]:
        return (self.open, (self.close + 1) if self.close is not None else self.end)


def _inner(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return (start, end) if end > start else None


def find(text: str, paragraphs) -> list[QuoteMarks]:
    out: list[QuoteMarks] = []
    for index, para in enumerate(paragraphs):
        marks = [m.start() for m in _DOUBLE_RE.finditer(text, para.start, para.end)]
        regions: list[tuple[int, int]] = []
        for i in range(0, len(marks), 2):
            open_at = marks[i]
            close_at = marks[i + 1] if i + 1 < len(marks) else None
            inner = _inner(text, open_at + 1, close_at if close_at is not None else para.end)
            regions.append((open_at, (close_at + 1) if close_at is not None else para.end))
            if inner:
                out.append(QuoteMarks(open_at, close_at, *inner, index, False))
        pos = para.start
        while True:
            m = _SINGLE_OPEN.search(text, pos, para.end)
            if not m:
                break
            open_at = m.start()
            pos = open_at + 1
            if any(s <= open_at < e for s, e in regions):
                continue
            close = _SINGLE_CLOSE.search(text, open_at + 2, para.end)
            if close is None:
                if open_at == para.start:
                    inner = _inner(text, open_at + 1, para.end)
                    if inner:
                        out.append(QuoteMarks(open_at, None, *inner, index, True))
                break
            if any(s <= close.start() < e for s, e in regions):
                continue
            inner = _inner(text, open_at + 1, close.start())
            if inner:
                out.append(QuoteMarks(open_at, close.start(), *inner, index, True))
            pos = close.start() + 1
    out.sort(key=lambda q: q.open)
    return out
