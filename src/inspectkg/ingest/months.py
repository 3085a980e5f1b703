"""The one home of month names: full names, their short forms and their numbers.

    >>> month_number("Sept"), month_number("april"), month_number("Maybe")
    (9, 4, None)
    >>> import re; bool(re.fullmatch(FULL, "November")), bool(re.fullmatch(ANY, "Nov."))
    (True, True)

``FULL`` and ``ANY`` are regular-expression alternations (no groups, match case
as written: add ``re.IGNORECASE`` where a text may shout); ``ANY`` takes the
short forms too, with an optional full stop.
"""

from __future__ import annotations

NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
         "November", "December")
SHORT = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
         "nov": 11, "dec": 12}
NUMBERS: dict[str, int] = {**{name.lower(): n for n, name in enumerate(NAMES, 1)}, **SHORT}

FULL = "(?:" + "|".join(NAMES) + ")"
ANY = "(?:" + "|".join(sorted((*NAMES, *(s.capitalize() for s in SHORT)), key=len, reverse=True)) + r")\.?"
ANY_LOWER = "(?:" + "|".join(sorted(NUMBERS, key=len, reverse=True)) + r")\.?"  # for lower-cased text


def month_number(name: str) -> int | None:
    """1-12 for a month's name or short form (any case, a trailing full stop allowed), else None."""
    return NUMBERS.get(name.strip().rstrip(".").lower())
