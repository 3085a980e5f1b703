"""SIGKILL a build at seeded random moments: the store always opens, every document
graph is complete (one version or the other) or absent, and a re-run completes it."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from inspectkg import iris
from inspectkg.store.mapping import to_quads
from inspectkg.store.embedded import ENTITIES, REFERENCE, Store
from inspectkg.ingest.extract import extract
from inspectkg.ingest.read import discover, read

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "corpus"
TRIALS = int(os.environ.get("INSPECTKG_CRASH_TRIALS", "50"))


def write_corpus(folder: Path, version: str) -> None:
    """Twelve documents from the examples; version B edits one sentence in half of them."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = sorted(p for p in EXAMPLES.iterdir() if p.suffix == ".txt")
    for i in range(12):
        base = texts[i % len(texts)].read_text(encoding="utf-8")
        text = f"{base}\nCopy {i} of the corpus."
        if version == "B" and i % 2 == 0:
            text += "\nA sentence added in the second version."
        (folder / f"doc-{i:02d}.txt").write_text(text, encoding="utf-8")


def expected_graphs(folder: Path) -> dict[str, tuple[str, set[str]]]:
    """source name -> (graph IRI, its quads) as the pipeline would write them."""
    out = {}
    for source in discover([str(folder)]):
        document = read(source)
        quads = to_quads(extract(document))
        out[source.name] = (iris.iri(iris.graph(document.id)), {str(q) for q in quads})
    return out


def graphs_in(store: Store) -> dict[str, set[str]]:
    graphs: dict[str, set[str]] = {}
    for q in store.quads():
        g = q.graph_name.value if hasattr(q.graph_name, "value") else ""
        graphs.setdefault(g, set()).add(str(q))
    return graphs


def build_command(folder: Path, store: Path) -> list[str]:
    return [sys.executable, "-m", "inspectkg.cli.__main__", "build", str(folder), "--store", str(store)]


@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    root = tmp_path_factory.mktemp("crash")
    a, b = root / "A" / "corpus", root / "B" / "corpus"  # one folder name: B is a new version of A's documents
    write_corpus(a, "A")
    write_corpus(b, "B")
    base_store = root / "base-store"
    done = subprocess.run(build_command(a, base_store), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return root, a, b, base_store, expected_graphs(a), expected_graphs(b)


def check_store(store_path: Path, exp_a, exp_b) -> int:
    """Every document graph equals version A or B of its source; returns how many are there."""
    store = Store(store_path)  # opens after a kill (RocksDB recovers its log)
    try:
        graphs = graphs_in(store)
        present = 0
        for name in exp_a:
            ga, qa = exp_a[name]
            gb, qb = exp_b[name]
            have_a, have_b = graphs.get(ga), graphs.get(gb)
            if ga == gb:
                assert have_a in (None, qa), f"{name}: graph is partial"
            else:
                assert have_a in (None, qa) and have_b in (None, qb), f"{name}: graph is partial"
                assert not (have_a and have_b), f"{name}: both versions stored"
            present += bool(have_a or have_b)
        doc_graphs = {g for g in graphs if g not in (ENTITIES.value, REFERENCE.value)}
        known = {g for e in (exp_a, exp_b) for g, _ in e.values()}
        assert doc_graphs <= known, f"unknown graphs {doc_graphs - known}"
        return present
    finally:
        store.close()


def test_kill_during_rebuild_never_leaves_a_partial_graph(versions, tmp_path):
    root, _, b, base_store, exp_a, exp_b = versions
    rng = random.Random(20261122)
    survived = 0
    for trial in range(TRIALS):
        store = tmp_path / f"store-{trial}"
        shutil.copytree(base_store, store)
        child = subprocess.Popen(build_command(b, store), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 3.0))
        child.send_signal(signal.SIGKILL)
        child.wait()
        check_store(store, exp_a, exp_b)
        survived += 1
        if trial % 10 == 0:  # a re-run completes the store
            done = subprocess.run(build_command(b, store), capture_output=True, text=True)
            assert done.returncode == 0, done.stderr
            assert check_store(store, exp_a, exp_b) == len(exp_b)
            with Store(store, read_only=True) as s:
                graphs = graphs_in(s)
            assert all(graphs.get(g) == q for g, q in exp_b.values())
        shutil.rmtree(store)
    assert survived == TRIALS


def test_kill_during_a_fresh_build_leaves_nothing_half_written_once_reopened(versions, tmp_path):
    """New documents are bulk-loaded (not atomic): a writer's open drops what a kill half-wrote."""
    root, a, _, _, exp_a, _ = versions
    rng = random.Random(20261123)
    for trial in range(max(1, TRIALS // 2)):
        store = tmp_path / f"fresh-{trial}"
        child = subprocess.Popen(build_command(a, store), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.5, 4.0))
        child.send_signal(signal.SIGKILL)
        child.wait()
        if store.exists():
            check_store(store, exp_a, exp_a)
        if trial % 10 == 0:  # a re-run completes the store
            done = subprocess.run(build_command(a, store), capture_output=True, text=True)
            assert done.returncode == 0, done.stderr
            assert check_store(store, exp_a, exp_a) == len(exp_a)
        shutil.rmtree(store, ignore_errors=True)
