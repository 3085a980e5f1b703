"""Lexical similarity of short texts: weighted overlap of content-word stems.

    >>> round(cosine(bag("domestic abuse teams lack capacity"), bag("our detective capacity for domestic abuse")), 2)
    0.67
"""

from __future__ import annotations

import math

from .areas import STOP, tokens

GENERIC = frozenset("force police constabulary report inspect inspection inspector inspectorate hmic hmicfrs said "
                    "say will would can could need ne make made also very more some all our we they he she you "
                    "i me my us not but year time people".split())


def bag(text: str) -> set[str]:
    return {t for t, _, _ in tokens(text) if t not in ",;:.()" and t not in STOP and t not in GENERIC
            and len(t) > 2 and not t.isdigit()}


def cosine(a: set[str], b: set[str], weight=None) -> float:
    if not a or not b:
        return 0.0
    w = weight or (lambda t: 1.0)
    shared = sum(w(t) ** 2 for t in a & b)
    return shared / math.sqrt(sum(w(t) ** 2 for t in a) * sum(w(t) ** 2 for t in b))
