"""Numbers in running text: parse "38,476", "16%", "£2.5m", "91.3 percent".

    >>> parse("38,476"), parse("2.5", "m"), parse("1.2", "billion")
    (Decimal('38476'), Decimal('2500000.0'), Decimal('1200000000.0'))
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_MULT = {"k": 1_000, "thousand": 1_000, "m": 1_000_000, "million": 1_000_000, "bn": 1_000_000_000,
         "billion": 1_000_000_000}

NUMBER = re.compile(
    r"(?<![\w.,/£$:+-])(?:(?<=\+/- )|(?<=\+/-))?(?P<cur>£|\$|€)?\s?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<mult>\s?(?:bn|m|k|million|billion|thousand)\b)?(?P<pct>\s?(?:%|per ?cent\b|percent\b))?(?![\w/:]|\.\d|,\d)",
    re.IGNORECASE)


def parse(number: str, multiplier: str | None = None) -> Decimal | None:
    try:
        value = Decimal(number.replace(",", ""))
    except InvalidOperation:
        return None
    if multiplier:
        value *= Decimal(_MULT[multiplier.strip().lower()])
    return value
