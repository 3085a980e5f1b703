"""Building twice, or in another order, gives identical sorted N-Quads; exports round-trip."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st
from pyoxigraph import Literal, NamedNode, Quad

from inspectkg.store.export import FORMATS, parse_file, serialize, sorted_quads
from inspectkg.store.embedded import Store
from inspectkg.pipeline import build

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "corpus"


def nquads(store: Store) -> list[str]:
    return sorted(str(q) for q in store.quads())


def example_files() -> list[Path]:
    return sorted(p for p in EXAMPLES.iterdir() if p.suffix in {".txt", ".md", ".html"})


@pytest.fixture(scope="module")
def built() -> Store:
    store = Store(None)
    report = build([str(EXAMPLES)], store)
    assert report.ok, report.failed
    return store


def test_building_twice_gives_identical_quads(built):
    again = Store(None)
    build([str(EXAMPLES)], again)
    assert nquads(again) == nquads(built)


def test_building_in_another_order_gives_identical_quads(tmp_path):
    files = example_files()
    forward, backward = Store(None), Store(None)
    build([str(p) for p in files], forward)
    build([str(p) for p in reversed(files)], backward)
    assert nquads(forward) == nquads(backward)


def test_rebuild_skips_unchanged_documents(built):
    report = build([str(EXAMPLES)], built)
    assert report.added == [] and report.replaced == []
    assert len(report.unchanged) == len(example_files())


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_then_import_round_trips(built, fmt, tmp_path):
    suffix = {"turtle": ".ttl", "trig": ".trig", "nquads": ".nq", "jsonld": ".jsonld"}[fmt]
    path = tmp_path / f"export{suffix}"
    path.write_bytes(serialize(built.quads(), fmt))
    back = parse_file(path)
    if fmt == "turtle":  # the union: every distinct triple once
        assert {str(q.triple) for q in back} == {str(q.triple) for q in built.quads()}
    else:
        assert sorted(str(q) for q in back) == nquads(built)


_literal_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40,
)


@settings(max_examples=40)
@given(st.lists(_literal_text, min_size=1, max_size=5))
def test_awkward_literals_round_trip_in_every_format(texts):
    graph = NamedNode("https://w3id.org/inspectkg/id/graph/test")
    quads = [
        Quad(NamedNode(f"https://w3id.org/inspectkg/id/x/{i}"), NamedNode("https://w3id.org/inspectkg/ontology#text"),
             Literal(t), graph)
        for i, t in enumerate(texts)
    ]
    import pyoxigraph

    for fmt in ("trig", "nquads", "jsonld"):
        data = serialize(quads, fmt)
        back = list(pyoxigraph.parse(data, format=FORMATS[fmt]))
        assert sorted(map(str, back)) == sorted(map(str, sorted_quads(quads))), fmt
