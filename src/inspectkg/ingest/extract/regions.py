"""Which of a set of text regions (start, end) hold a position, in O(log n) a look.

Quotation regions are asked about once per speech verb, mark and mention; a scan
of every region each time made long texts of many quotes quadratic.
"""

from __future__ import annotations

import bisect


class Containing:
    """Which quotation regions hold a position: a bisect over the regions sorted by start, with the
    two farthest-reaching regions of each prefix (so one region can be left out), O(log n) a look."""

    def __init__(self, regions):
        self.regions = sorted(set(regions))
        self.starts = [s for s, _ in self.regions]
        self.reach: list[tuple[tuple[int, int] | None, tuple[int, int] | None]] = []
        first = second = None  # the regions of the prefix reaching farthest, and next farthest
        for region in self.regions:
            if first is None or region[1] > first[1]:
                first, second = region, first
            elif second is None or region[1] > second[1]:
                second = region
            self.reach.append((first, second))

    def holds(self, pos: int, leave_out: tuple[int, int] | None = None) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        if i < 0:
            return False
        first, second = self.reach[i]
        region = second if first == leave_out else first
        return region is not None and region != leave_out and pos < region[1]
