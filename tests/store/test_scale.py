"""inspectkg shard: extraction on a Dask cluster into N-Quads shards, loaded by a server's bulk loader.

The cluster is a real ``LocalCluster`` of two worker processes on 127.0.0.1 (the client
code is the one a remote scheduler gets); the loaders are the real ``oxigraph load`` and
Debian's Virtuoso (``ld_dir`` + ``rdf_loader_run``).  The store ``inspectkg build`` makes of
the same corpus is the reference: the union of the shards must hold exactly its quads.
There is no build-time metadata to leave out of the comparison: every quad a build stores
(the reference graph's version marker included) depends only on the documents and the code.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph
import pytest

from inspectkg.errors import UsageError
from inspectkg.remote.endpoint import Endpoint
from inspectkg.scale.load import VirtuosoSql, load_oxigraph, load_virtuoso
from inspectkg.scale.run import cluster, shard_corpus
from inspectkg.sparql import queries
from inspectkg.store.embedded import Store
from support.remote_servers import available, virtuoso

pytest.importorskip("distributed")
ROOT = Path(__file__).resolve().parents[2]
INSPECTKG = str(Path(sys.executable).parent / "inspectkg")
EXAMPLES = ROOT / "examples" / "corpus"
PARAMS = {"force": "kent", "person": "Matthew Scott", "entity": "Matthew Scott", "in_organisation": "kent"}
BATCH = 4  # 11 documents: three shards, so entity facts and one text repeat across shards


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The example corpus plus a copy of its first document under a name discovered last."""
    folder = tmp_path_factory.mktemp("corpus") / "corpus"
    shutil.copytree(EXAMPLES, folder)
    first = sorted(EXAMPLES.iterdir())[0]
    shutil.copy(first, folder / f"zz-copy-of-{first.name}")
    return folder


@pytest.fixture(scope="module")
def built(corpus, tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("built") / "store"
    done = subprocess.run([INSPECTKG, "build", str(corpus), "--store", str(store)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return store


@pytest.fixture(scope="module")
def shards(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("sharded") / "shards"
    with cluster("local", workers=2) as client:
        report = shard_corpus([corpus], out, client, batch=BATCH)
    return out, report


def sorted_nquads(store: Path) -> list[str]:
    dump = pyoxigraph.Store.read_only(str(store)).dump(format=pyoxigraph.RdfFormat.N_QUADS)
    return sorted(dump.decode("utf-8").splitlines())


def test_shards_loaded_with_oxigraph_load_equal_the_built_store(shards, built, tmp_path):
    out, report = shards
    assert report.ok and report.shards == 3
    assert len(report.extracted) == 10 and [Path(s).name for s in report.duplicates] == [
        f"zz-copy-of-{sorted(EXAMPLES.iterdir())[0].name}"]
    store = tmp_path / "loaded"
    load_oxigraph(out, store)
    assert sorted_nquads(store) == sorted_nquads(built)


def test_every_quad_is_in_one_shard_once(shards, built):
    out, _ = shards
    lines = [line for f in sorted(out.glob("*.nq")) for line in f.read_bytes().splitlines()]
    assert len(lines) == len(set(lines)) == len(sorted_nquads(built))
    assert not list(out.glob("*.part")) and not list(out.glob(".*"))


def test_a_store_loaded_from_shards_takes_a_later_build(shards, built, tmp_path):
    out, _ = shards
    store = tmp_path / "loaded"
    load_oxigraph(out, store, optimize=False)
    done = subprocess.run([INSPECTKG, "build", str(EXAMPLES), "--store", str(store)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "0 added" in done.stderr


def test_shard_refuses_a_folder_holding_files(tmp_path):
    out = tmp_path / "shards"
    out.mkdir()
    (out / "old.nq").write_text("", encoding="utf-8")
    with pytest.raises(UsageError, match="not empty"):
        shard_corpus([EXAMPLES], out, client=None)


def test_the_cli_shards_and_loads(tmp_path, built):
    done = subprocess.run([INSPECTKG, "shard", str(EXAMPLES), "--out", str(tmp_path / "shards"), "--workers", "1",
                           "--load-store", str(tmp_path / "store")], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "10 extracted, 0 unchanged (same text), 0 failed; 1 shards" in done.stderr
    with Store(tmp_path / "store", read_only=True) as loaded, Store(built, read_only=True) as reference:
        assert sorted(loaded.documents()) == sorted(
            name for name in reference.documents() if not Path(name).name.startswith("zz-copy-of-"))


def test_the_cli_says_how_to_reach_a_scheduler(tmp_path):
    done = subprocess.run([INSPECTKG, "shard", str(EXAMPLES), "--out", str(tmp_path / "shards"),
                           "--scheduler", "tcp://127.0.0.1:9"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 2
    assert "cannot reach the Dask scheduler" in done.stderr


@pytest.mark.server
def test_shards_loaded_into_virtuoso_answer_every_saved_query_as_the_built_store(shards, built, tmp_path):
    if not available("virtuoso"):
        pytest.skip("virtuoso is not installed (scripts/system-deps.sh installs it)")
    out, _ = shards
    with virtuoso(tmp_path / "virtuoso", max_rows=100_000, allowed=(out,)) as server:
        load_virtuoso(out, VirtuosoSql(server.sql_port, "dba"), loaders=2)
        endpoint = Endpoint(server.query_url, timeout=60)
        (row,) = endpoint.select('SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } '
                                 'FILTER (STRSTARTS(STR(?g), "https://w3id.org/inspectkg/id/graph/")) }').rows
        with Store(built, read_only=True) as reference:
            assert int(row[0]) == len(reference)
            for name, saved in sorted(queries.load_all().items()):
                params = {k: PARAMS[k] for k, p in saved.params.items() if p.required}
                local = queries.run(saved, params, reference)
                remote = queries.run(saved, params, endpoint)
                assert remote.rows == local.rows, name
