"""Optional parameters the grlc way: every optional parameter that grlc can name (no '_' in its
name) is also a BASIL variable (``?__force_iri``), and the query gives the same rows whether we
bind it or grlc pastes its value over that variable (or leaves it out).  grlc itself runs these in
tests/server/test_grlc.py (slow); here the pasting is done as grlc does it, on the fixture store."""

from __future__ import annotations

import re

import pytest

from inspectkg.sparql import params as params_mod, queries
from inspectkg.sparql.queries import as_target

ALL = queries.load_all()


def optional_cases():
    for name, saved in sorted(ALL.items()):
        for param in saved.params.values():
            if not param.required and "_" not in param.name and param.example:
                yield name, param.name


def test_every_optional_parameter_grlc_can_name_is_a_basil_variable():
    plain = [f"{name}:{p}" for name, p in optional_cases() if not ALL[name].params[p].variable.startswith("__")]
    assert not plain, f"declare these the BASIL way too (?__name_type): {', '.join(plain)}"


def _rows(store, text: str) -> list[tuple[str, ...]]:
    result = store.query(text)
    return sorted(tuple("" if s[v] is None else s[v].value for v in result.variables) for s in result)


def _pasted(text: str, variable: str, term) -> str:
    """The query as grlc sends it: the value written over every occurrence of the variable."""
    return re.sub(r"\?" + re.escape(variable) + r"\b", str(term), text)


@pytest.mark.parametrize("name,param", list(optional_cases()))
def test_a_value_pasted_the_grlc_way_gives_our_rows(memory_store, name, param):
    saved = ALL[name]
    spec = saved.params[param]
    required = {p.name: p.example for p in saved.params.values() if p.required}
    text = saved.text
    for key, term in params_mod.bind(saved.params, required, as_target(memory_store)).items():
        text = _pasted(text, saved.params[key].variable, term)
    term = params_mod.bind(saved.params, {param: spec.example}, as_target(memory_store))[param]
    assert _rows(memory_store, _pasted(text, spec.variable, term)) == \
        sorted(queries.run(saved, {**required, param: spec.example}, memory_store).rows)
    assert _rows(memory_store, text) == sorted(queries.run(saved, required, memory_store).rows)
