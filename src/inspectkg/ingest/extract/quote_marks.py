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

from .regions import Containing

DOUBLE = "\"“”„«»"
# a double mark: one of DOUBLE, or two single marks typed for one ('' ’’ ‘‘ ``)
_DOUBLE_RE = re.compile("(?:’’|''|‘‘|``|[" + DOUBLE + "])")
# Each begins with the mark itself and looks back from after it: a regex that begins with a
# character set is scanned for that set at C speed, one that begins with a lookbehind is tried
# at every position.
# an opener: at the start of the text or after a space, bracket or dash; before a word
_SINGLE_OPEN = re.compile(r"['‘](?<![^\s(\[—–-]['‘])(?=[^\s'‘’])")
# a closer: after anything but a space or another mark; not before a word character
_SINGLE_CLOSE = re.compile(r"['’](?<=[^\s'‘’]['’])(?![\w'’])")
_TRIM = " \t\u00a0,;:-–—"
_CLOSING_FORMS = "”\"’'»"
_CLOSERS_ONLY = "”»’"  # marks that never open a quote
# text that may follow the closing mark of a quote that ends its paragraph
_AFTER_LAST = re.compile(r"[\s.,;:!?)]*")
_CONTINUE_LIMIT = 6  # paragraphs a quote may run on without marks, waiting for its closing mark


@dataclass(frozen=True)
class QuoteMarks:
    open: int  # position of the opening mark (the paragraph's start for a quote continued without one)
    close: int | None  # position of the closing mark (None: runs to the paragraph's end)
    start: int  # the quoted words, without marks, spaces and a trailing comma
    end: int
    paragraph: int  # index into the paragraph list
    single: bool
    nested: bool = False  # inside another quotation ("the report recognises the 'clear strategy'")
    continued: bool = False  # a paragraph of a quote opened above, written without an opening mark

    @property
    def region(self) -> tuple[int, int]:
        return (self.open, (self.close + 1) if self.close is not None else self.end)


def _inner(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return (start, end) if end > start else None


def _singles(text: str, start: int, end: int, regions) -> list[tuple[int, int | None, bool]]:
    """Single-mark quotes in text[start:end] as (open, close or None, nested), outside ``regions``.

    Openers and closers pair like brackets, so a quote may hold quoted words of its own
    ("'HMIC changed the 'requires improvement' grade'"); an opener at ``start`` left
    unclosed runs to ``end``.
    """
    events = []
    quoted = Containing(regions)
    for m in _SINGLE_OPEN.finditer(text, start, end):
        if not quoted.holds(m.start()):
            events.append((m.start(), 1))
    for m in _SINGLE_CLOSE.finditer(text, start, end):
        if not quoted.holds(m.start()):
            events.append((m.start(), -1))
    events.sort()
    out: list[tuple[int, int | None, bool]] = []
    stack: list[int] = []
    for pos, kind in events:
        if kind == 1:
            if stack and pos == stack[-1]:
                continue
            stack.append(pos)
        elif stack and pos > stack[-1]:
            opened = stack.pop()
            out.append((opened, pos, bool(stack)))
    if stack and stack[0] == start:
        out.append((start, None, False))
        # quotes opened inside it and never closed are no quotes
    return out


_ANY_MARK = re.compile("[" + DOUBLE + "'‘’`]")


def find(text: str, paragraphs) -> list[QuoteMarks]:
    out: list[QuoteMarks] = []
    open_until: int | None = None  # a double quote left open runs on, unmarked, to this paragraph
    closes_first = False  # ... and closes there at its first mark (a line break), else at its last
    for index, para in enumerate(paragraphs):
        if open_until is None and not _ANY_MARK.search(text, para.start, para.end):
            continue  # most paragraphs: no mark at all
        marks = [(m.start(), m.end()) for m in _DOUBLE_RE.finditer(text, para.start, para.end)]
        continued = False  # the paragraph lies inside a quote opened above ...
        nested_until = para.start  # ... up to here: quotes before it are quotes inside that quote
        if open_until is not None and index <= open_until:
            continued = True
            if index == open_until:  # the paragraph that closes it
                closer = marks.pop(0) if closes_first else marks.pop()
                opened = out[-1] if closes_first and out and out[-1].paragraph == index - 1 else None
                if opened is not None and opened.close is None and not opened.single:
                    # a line broken inside the quote: one quote over both lines
                    out[-1] = QuoteMarks(opened.open, closer[1] - 1, opened.start,
                                         _inner(text, opened.start, closer[0])[1], index, False)
                else:
                    inner = _inner(text, para.start, closer[0])
                    if inner:
                        out.append(QuoteMarks(para.start, closer[1] - 1, *inner, index, False, continued=True))
                nested_until = closer[0]
                open_until = None
            else:
                inner = _inner(text, para.start, para.end)
                if inner:
                    out.append(QuoteMarks(para.start, None, *inner, index, False, continued=True))
                nested_until = para.end
        regions: list[tuple[int, int]] = []
        for i in range(0, len(marks), 2):
            open_at, open_end = marks[i]
            close = marks[i + 1] if i + 1 < len(marks) else None
            close_at = close[1] - 1 if close is not None else None
            inner = _inner(text, open_end, close[0] if close is not None else para.end)
            regions.append((open_at, (close_at + 1) if close_at is not None else para.end))
            if inner:
                out.append(QuoteMarks(open_at, close_at, *inner, index, False, nested=open_at < nested_until))
            if close is None and open_at >= nested_until:
                open_until, closes_first = _runs_on(text, paragraphs, index)
        for open_at, close_at, nested in _singles(text, para.start, para.end, regions):
            inner = _inner(text, open_at + 1, close_at if close_at is not None else para.end)
            if inner:
                out.append(QuoteMarks(open_at, close_at, *inner, index, True,
                                      nested=nested or open_at < nested_until))
        for open_at, close_at in regions:  # single-mark quotes inside a double-mark one
            stop = close_at if close_at <= para.end else para.end
            for s_open, s_close, _ in _singles(text, open_at + 1, stop, []):
                if s_close is None:
                    continue
                inner = _inner(text, s_open + 1, s_close)
                if inner:
                    out.append(QuoteMarks(s_open, s_close, *inner, index, True, nested=True))
    out.sort(key=lambda q: q.open)
    return out


def has_marks(text: str) -> bool:
    """Does ``text`` hold a double quote mark or a single mark that opens a quote?"""
    return bool(_DOUBLE_RE.search(text) or _SINGLE_OPEN.search(text))


def _runs_on(text: str, paragraphs, index: int) -> tuple[int | None, bool]:
    """A double quote opened in paragraph ``index`` and not closed there: (the paragraph it
    closes in, whether at that paragraph's first mark), when the next paragraphs carry no
    opening mark at their start and one holds an odd number of marks:

    - its first mark a closing one before more text (a line broken inside the quote:
      ``"We will\nimprove," he said.``) -> closes at the first mark;
    - its last mark a closing one that ends it (a statement quoted as a block, with quotes
      of its own inside) -> closes at the last mark.

    (None, False) otherwise: the news habit of opening every paragraph of a long quote
    needs nothing more."""
    for j in range(index + 1, min(len(paragraphs), index + 1 + _CONTINUE_LIMIT)):
        para = paragraphs[j]
        if text[para.start : para.start + 1] in DOUBLE or text[para.start : para.start + 2] in ("’’", "''", "‘‘", "``"):
            return None, False
        marks = [m for m in _DOUBLE_RE.finditer(text, para.start, para.end)]
        if len(marks) % 2 == 0:
            continue
        first, last = marks[0], marks[-1]
        at_end = _AFTER_LAST.fullmatch(text, last.end(), para.end) is not None
        if text[last.start()] in _CLOSING_FORMS and at_end and not (
                len(marks) > 1 and text[first.start()] in _CLOSERS_ONLY):
            return j, False
        # a closing mark: one that never opens, or a straight one right after a word or a comma
        closing = text[first.start()] in _CLOSERS_ONLY or (
            text[first.start()] in _CLOSING_FORMS and first.start() > para.start
            and not text[first.start() - 1].isspace())
        if closing and (len(marks) > 1 or not at_end):
            return j, True
        return None, False
    return None, False
