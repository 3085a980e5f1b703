"""Building is idempotent, and an edit changes only what it must.

* Three builds by three processes (each with its own hash seed), one of them
  re-run twice over the same store, export identical sorted N-Quads.
* Editing one sentence of one document and building again changes only that
  document's graph: every other document graph is identical, and the entities
  graph changes only by facts that the old or the new version of the edited
  document contributes.  The incrementally updated store equals a fresh build.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from inspectkg.store.embedded import ENTITIES, REFERENCE, Store
from inspectkg.pipeline import build

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "corpus"
EDITED = "2022-04_kent-peel-2021-22-grades.txt"
NEW_SENTENCE = "Chief Constable Robin Ashdown said the force would publish a plan within a month."


def corpus(folder: Path) -> Path:
    shutil.copytree(EXAMPLES, folder)
    return folder


def cli(*args: str, seed: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    return subprocess.run([sys.executable, "-m", "inspectkg.cli.__main__", *args], capture_output=True,
                          env=env, timeout=300)


def exported(store: Path, seed: str) -> list[bytes]:
    done = cli("export", "--format", "nquads", "--store", str(store), seed=seed)
    assert done.returncode == 0, done.stderr.decode()
    return sorted(done.stdout.splitlines())


def test_three_builds_export_identical_nquads(tmp_path):
    docs = corpus(tmp_path / "docs")
    exports = []
    for run, seed in enumerate(("1", "2", "3")):
        store = tmp_path / f"store-{run}"
        done = cli("build", str(docs), "--store", str(store), seed=seed)
        assert done.returncode == 0, done.stderr.decode()
        exports.append(exported(store, seed))
    again = cli("build", str(docs), "--store", str(tmp_path / "store-0"), seed="4")  # twice more, same store
    assert again.returncode == 0 and b"0 added, 0 replaced" in again.stderr, again.stderr.decode()
    again = cli("build", str(docs), "--store", str(tmp_path / "store-0"), seed="5")
    assert again.returncode == 0, again.stderr.decode()
    exports.append(exported(tmp_path / "store-0", "6"))
    assert len(exports[0]) > 1000
    assert all(e == exports[0] for e in exports[1:])


def graphs(store: Store) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for q in store.quads():
        out.setdefault(str(q.graph_name), set()).add(str(q))
    return out


def contribution(store: Store, graph) -> set[str]:
    """The entities-graph quads a document graph contributes, as strings."""
    return {str(q) for q in store.contribution(graph)}


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    root = tmp_path_factory.mktemp("edit")
    docs = corpus(root / "docs")
    store = Store(None)
    assert build([str(docs)], store).ok
    before = graphs(store)
    old_doc = store.documents()[f"docs/{EDITED}"]
    old_contribution = contribution(store, old_doc.graph)
    path = docs / EDITED
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    target = next(i for i, line in enumerate(lines) if line.count(".") >= 1 and len(line) > 60)
    first_sentence_end = lines[target].index(".") + 1
    lines[target] = NEW_SENTENCE + lines[target][first_sentence_end:]
    path.write_text("\n".join(lines), encoding="utf-8")
    report = build([str(docs)], store)
    assert report.ok and report.replaced == [f"docs/{EDITED}"] and report.added == [], report
    new_doc = store.documents()[f"docs/{EDITED}"]
    fresh = Store(None)
    assert build([str(docs)], fresh).ok
    return store, fresh, before, old_doc, new_doc, old_contribution


def test_edit_changes_only_that_documents_graph(edited):
    store, _, before, old_doc, new_doc, _ = edited
    after = graphs(store)
    assert old_doc.graph != new_doc.graph
    assert str(old_doc.graph) not in after, "the old version is still stored"
    assert str(new_doc.graph) in after
    untouched = set(before) - {str(old_doc.graph), str(ENTITIES)}
    assert untouched == set(after) - {str(new_doc.graph), str(ENTITIES)}
    for graph in untouched:
        assert after[graph] == before[graph], f"{graph} changed"
    assert after[str(REFERENCE)] == before[str(REFERENCE)]


def test_entities_change_only_by_the_edited_documents_contribution(edited):
    store, _, before, _, new_doc, old_contribution = edited
    after = graphs(store)
    new_contribution = contribution(store, new_doc.graph)
    changed = before[str(ENTITIES)] ^ after[str(ENTITIES)]
    assert changed, "the edit was meant to change the document's entity facts"
    assert changed <= old_contribution | new_contribution
    assert new_contribution <= after[str(ENTITIES)]


def test_incremental_update_equals_a_fresh_build(edited):
    store, fresh, *_ = edited
    assert sorted(str(q) for q in store.quads()) == sorted(str(q) for q in fresh.quads())
