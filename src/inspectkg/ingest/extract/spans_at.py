"""Spans looked up by position, so that a step's time stays linear in the text.

A step that asks, for each of N names, "which hit starts right here?" by
scanning every hit costs N x hits: on a text dense with names (5 MB of
"Kent Police said ...") that is hours.  :class:`SpansAt` answers such
questions from dictionaries and a sorted list instead.  Every query returns
the items in the order they were given, so ``next(...)`` and ``any(...)``
over its answer pick what a scan of the whole list would have picked.

    >>> from collections import namedtuple
    >>> H = namedtuple("H", "start end")
    >>> at = SpansAt([H(0, 4), H(5, 9), H(5, 7)])
    >>> at.starting(5)
    [H(start=5, end=9), H(start=5, end=7)]
    >>> at.covering(6)
    [H(start=5, end=9), H(start=5, end=7)]
"""

from __future__ import annotations

import bisect
from typing import Callable, Generic, Iterable, TypeVar

T = TypeVar("T")


def _start(item) -> int:
    return item.start


def _end(item) -> int:
    return item.end


class SpansAt(Generic[T]):
    """Items with a start and an end (attributes, or the two functions given), indexed by position.

    Each index is built the first time a query needs it (most documents ask few questions)."""

    __slots__ = ("items", "_start", "_end", "_by_start", "_by_end", "_starts", "_order", "_ends", "_end_order",
                 "_longest", "_index")

    def __init__(self, items: Iterable[T], start: Callable[[T], int] = _start, end: Callable[[T], int] = _end):
        self.items = list(items)
        self._start = start
        self._end = end
        self._by_start = self._by_end = self._starts = self._ends = self._index = None
        self._order = self._end_order = None
        self._longest = 0

    def _position_maps(self) -> None:
        by_start: dict[int, list[int]] = {}
        by_end: dict[int, list[int]] = {}
        start, end = self._start, self._end
        for i, item in enumerate(self.items):
            by_start.setdefault(start(item), []).append(i)
            by_end.setdefault(end(item), []).append(i)
        self._by_start, self._by_end = by_start, by_end

    def _sorted(self) -> None:
        starts = [self._start(x) for x in self.items]
        ends = [self._end(x) for x in self.items]
        order = sorted(range(len(starts)), key=starts.__getitem__)
        end_order = sorted(range(len(ends)), key=ends.__getitem__)
        self._starts = [starts[i] for i in order]
        self._order = order
        self._ends = [ends[i] for i in end_order]
        self._end_order = end_order
        self._longest = max((e - s for s, e in zip(starts, ends)), default=0)

    def __len__(self) -> int:
        return len(self.items)

    def starting(self, pos: int) -> list[T]:
        """The items that start at ``pos``."""
        if self._by_start is None:
            self._position_maps()
        return [self.items[i] for i in self._by_start.get(pos, ())]

    def ending(self, pos: int) -> list[T]:
        """The items that end at ``pos``."""
        if self._by_end is None:
            self._position_maps()
        return [self.items[i] for i in self._by_end.get(pos, ())]

    def starting_in(self, lo: int, hi: int) -> list[T]:
        """The items that start at ``lo`` .. ``hi`` (both included)."""
        if self._starts is None:
            self._sorted()
        found = self._order[bisect.bisect_left(self._starts, lo):bisect.bisect_right(self._starts, hi)]
        return [self.items[i] for i in sorted(found)]

    def ending_in(self, lo: int, hi: int) -> list[T]:
        """The items that end at ``lo`` .. ``hi`` (both included)."""
        if self._ends is None:
            self._sorted()
        found = self._end_order[bisect.bisect_left(self._ends, lo):bisect.bisect_right(self._ends, hi)]
        return [self.items[i] for i in sorted(found)]

    def covering(self, pos: int) -> list[T]:
        """The items with start <= ``pos`` < end (found among those starting at most
        the longest item's length before ``pos``)."""
        if self._starts is None:
            self._sorted()
        lo = bisect.bisect_left(self._starts, pos - self._longest)
        hi = bisect.bisect_right(self._starts, pos)
        end = self._end
        found = [i for i in self._order[lo:hi] if pos < end(self.items[i])]
        return [self.items[i] for i in sorted(found)]

    def union(self, *answers: list[T]) -> list[T]:
        """The items of several answers, each once, in the order they were given."""
        index = self._index
        if index is None:
            index = self._index = {id(item): i for i, item in enumerate(self.items)}
        found = {index[id(item)] for answer in answers for item in answer}
        return [self.items[i] for i in sorted(found)]


class Taken:
    """Disjoint spans, kept sorted: does a new span overlap one of them? (``findings.add`` adds a
    span only when it overlaps none, so the spans stay disjoint and their ends sorted too.)

        >>> taken = Taken([(10, 20)])
        >>> taken.overlaps(0, 10), taken.overlaps(19, 30)
        (False, True)
    """

    __slots__ = ("_starts", "_ends")

    def __init__(self, spans=()):
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in spans:
            self.append((start, end))

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self._starts, end) - 1  # the last span starting before ``end``
        return i >= 0 and self._ends[i] > start

    def append(self, span: tuple[int, int]) -> None:
        start, end = span
        i = bisect.bisect_left(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)
