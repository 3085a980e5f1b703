"""A force bound to `unanswered-findings` narrows its "answered" sets too, with the same rows.

Its two MINUS sub-selects (claims that answer a finding, or its inspection) project ?force,
so ``queries.into_subqueries`` copies a bound force into them and they are computed for that
force's findings only (at 1,000 generated documents: 161 ms -> 17 ms of CPU for one force;
benchmarks/README.md), instead of for the whole graph and then subtracted.
"""

from __future__ import annotations

from inspectkg.sparql import queries
from inspectkg.sparql.text import tokenize

SAVED = queries.load_all()["unanswered-findings"]


def _values_in_minus(text: str) -> int:
    """How many MINUS groups start with a VALUES block binding ?force."""
    tokens = tokenize(text)
    found = 0
    for i, tok in enumerate(tokens):
        if tok.keyword != "MINUS":
            continue
        window = [t.value for t in tokens[i + 1 : i + 12]]
        if "VALUES" in [w.upper() for w in window] and "?force" in window:
            found += 1
    return found


def test_a_bound_force_narrows_both_answered_sets_and_keeps_the_rows(memory_store):
    text = queries.prepare(SAVED, {"force": "kent"}, memory_store)
    assert _values_in_minus(text) == 2, text
    everything = queries.run(SAVED, {}, memory_store).as_dicts()
    assert any(r["force"].endswith("/force/kent") for r in everything)
    for force in ("kent", "essex"):
        bound = queries.run(SAVED, {"force": force}, memory_store).as_dicts()
        assert bound == [r for r in everything if r["force"].endswith(f"/force/{force}")]
