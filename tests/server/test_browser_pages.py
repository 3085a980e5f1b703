"""The data behind the YASGUI editor and the Cytoscape graph view, read from a built example store.

(The pages in a real browser are in tests/test_browser.py.)
"""

from __future__ import annotations

import re
import shutil

import pytest


from inspectkg.errors import UsageError
from inspectkg.server.errors import HttpError
from inspectkg.sparql import queries
from inspectkg.web.pages import network, yasgui


@pytest.fixture(scope="module")
def store(web_store, tmp_path_factory):
    from inspectkg.store.embedded import Store

    path = tmp_path_factory.mktemp("pages") / "kg"
    shutil.copytree(web_store, path)
    store = Store(path)
    yield store
    store.close()


def test_neighbourhood_is_the_focus_and_what_lies_within_depth(store):
    one = network.neighbourhood(store, "force/kent", 1)
    assert one["focus"] == "force/kent" and one["depth"] == 1
    assert one["nodes"][0]["id"] == "force/kent" and one["nodes"][0]["distance"] == 0
    assert {n["distance"] for n in one["nodes"][1:]} == {1}
    ids = {n["id"] for n in one["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in one["edges"])
    two = network.neighbourhood(store, "force/kent", "2")
    assert ids < {n["id"] for n in two["nodes"]}
    assert max(n["distance"] for n in two["nodes"]) == 2
    for n in one["nodes"]:
        assert n["href"] == "/id/" + n["id"] and n["graph"] == "/graph/" + n["id"]


def test_parallel_edges_are_one_line_with_a_count(store):
    data = network.neighbourhood(store, "force/kent", 2)
    pairs = [(e["source"], e["target"], e["kind"]) for e in data["edges"]]
    assert len(pairs) == len(set(pairs))
    assert any(e["count"] > 1 for e in data["edges"]), "several statements or grades share one line"
    # one line per pair where one edge already implies the other
    kinds_by_pair: dict[tuple[str, str], set[str]] = {}
    for s, t, k in pairs:
        kinds_by_pair.setdefault((s, t), set()).add(k)
    assert not any({"rated", "inspected"} <= ks or {"responds_to", "said"} <= ks for ks in kinds_by_pair.values())


def test_labels_are_words_for_readers(store):
    data = network.neighbourhood(store, "force/kent", 3)
    assert data["kinds"], "the kinds present are listed for the filters"
    for kind in data["kinds"]:
        assert kind["count"] > 0
        assert not re.search(r"[a-z][A-Z]|_", kind["label"]), kind  # "Police force", not PoliceForce
        assert kind["label"][0].isupper()
    for edge in data["edges"]:
        assert "_" not in edge["label"], edge
    for node in data["nodes"]:
        assert node["short"] and not node["short"].startswith("http"), node


def test_bad_depth_and_keys_outside_the_network_are_refused(store):
    with pytest.raises(UsageError, match="depth must be one of 1, 2, 3"):
        network.neighbourhood(store, "force/kent", "9")
    with pytest.raises(UsageError, match="depth"):
        network.neighbourhood(store, "force/kent", "deep")
    with pytest.raises(HttpError, match="ikd:grade/peel-5tier/good .*entity page") as refused:
        network.neighbourhood(store, "grade/peel-5tier/good", 1)
    assert refused.value.status == 404


def test_yasgui_examples_are_the_saved_queries_and_run(store):
    examples = yasgui.examples(store)
    assert sorted(e["name"] for e in examples) == sorted(queries.load_all())
    assert examples[0]["bound"], "the first tab opens on a query that runs as it is"
    for example in examples:
        assert not re.search(r"^#\+", example["query"], re.M), "the #+ header is on the page, not in the tab"
        assert example["query"].startswith(f"# {example['title']}\n")
        if example["bound"]:
            list(store.query(example["query"]))  # runs on the served store


def test_pages_say_how_to_install_missing_browser_libraries(store, tmp_path):
    name, context = yasgui.render(store, vendor_dir=tmp_path)
    assert name == "yasgui.html" and context["installed"] is False
    name, context = network.render(store, "force/kent", vendor_dir=tmp_path)
    assert name == "network.html" and context["installed"] is False and context["label"]


def test_yasgui_examples_follow_the_served_queries_folder(store, tmp_path):
    text = queries.load_all()["documents"].text.replace("#+ summary: Documents in the store", "#+ summary: Mine")
    (tmp_path / "my-documents.rq").write_text(text, encoding="utf-8")
    reply = yasgui.show(store, folder=str(tmp_path))
    assert reply.status == 200 and "'unsafe-inline'" in reply.headers["Content-Security-Policy"]
    assert [e["name"] for e in yasgui.examples(store, tmp_path)] == ["my-documents"]
    assert b"# Mine" in reply.body or b"Mine" in reply.body
