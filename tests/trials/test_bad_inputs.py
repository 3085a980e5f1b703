"""Nothing lost, nothing let in: the real ``inspectkg build`` on every bad input.

Each case of ``tests/trials/bad_inputs/make.py`` is written into a folder next to two
good documents, and the folder is built by a child process (RLIMIT_AS 2 GB,
wall-clock timeout) into a copy of a store that already holds another
document.  Each case must end with exit code 0 or 2, one ``Error:`` line per
refused file naming it and the problem, the good documents built, the earlier
document's graph untouched, and nothing else stored.  Cases run two at a time;
time and max RSS are recorded per case (set ``INSPECTKG_RELIABILITY_TABLE`` to
a path to get them as a Markdown table).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bad_inputs.harness import MEMORY_LIMIT, Run, build_command, run
from bad_inputs.make import (GOOD_DOCUMENTS, PRIOR_DOCUMENT, Case, cases, entity_bomb_rdfxml, write_case,
                             write_good)
from inspectkg.errors import UsageError
from inspectkg.store.export import parse_file
from inspectkg.store.embedded import ENTITIES, REFERENCE, Store
from inspectkg.ingest.read import discover
from inspectkg.pipeline import process

CASES = cases()
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
FIXED = {f"prior/{PRIOR_DOCUMENT[0]}", *(f"docs/{name}" for name in GOOD_DOCUMENTS)}  # source names: folder/file
SLOW = os.environ.get("INSPECTKG_SLOW") == "1"  # scripts/test-long.sh sets it


def _param(case: Case):
    marks = []
    if case.slow:
        marks.append(pytest.mark.skipif(not SLOW, reason="slow: scripts/test-long.sh runs it"))
    if case.xfail:
        marks.append(pytest.mark.xfail(reason=case.xfail, strict=True))
    return pytest.param(case, id=case.id, marks=marks)


def graph_quads(store: Store) -> dict[str, set[str]]:
    graphs: dict[str, set[str]] = {}
    for q in store.quads():
        graphs.setdefault(str(q.graph_name), set()).add(str(q))
    return graphs


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """A store holding one earlier document; its graphs."""
    root = tmp_path_factory.mktemp("bad-inputs")
    prior = root / "prior"
    prior.mkdir()
    (prior / PRIOR_DOCUMENT[0]).write_text(PRIOR_DOCUMENT[1], encoding="utf-8")
    store = root / "base-store"
    done = run(build_command([str(prior)], store), root / "base.log")
    assert done.code == 0, done.stderr
    with Store(store, read_only=True) as kg:
        graphs = graph_quads(kg)
        prior_graph = str(kg.documents()[f"prior/{PRIOR_DOCUMENT[0]}"].graph)
    return root, store, graphs, prior_graph


def _run_case(case: Case, root: Path, base_store: Path) -> tuple[Run, Path]:
    work = root / case.id
    folder = work / "docs"
    write_case(case, folder)
    write_good(folder)
    store = work / "store"
    shutil.copytree(base_store, store)
    if case.preload:
        old = work / "old" / "docs"  # the same folder name: an earlier version of these documents
        old.mkdir(parents=True)
        for name, data in case.preload.items():
            (old / name).write_bytes(data)
        done = run(build_command([str(old)], store), work / "preload.log")
        assert done.code == 0, done.stderr
    result = run(build_command([str(folder)], store), work / "build.log", timeout=case.timeout)
    for path in folder.rglob("*"):  # let pytest clean up
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() else 0o644)
    return result, store


@pytest.fixture(scope="module")
def results(base, request):
    """Run every selected case, two at a time; case id -> (Run, store)."""
    root, base_store, _, _ = base
    selected = [item.callspec.params["case"] for item in request.session.items
                if getattr(item, "callspec", None) and isinstance(item.callspec.params.get("case"), Case)
                and (SLOW or not item.callspec.params["case"].slow)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {case.id: pool.submit(_run_case, case, root, base_store) for case in selected}
        out = {key: future.result() for key, future in futures.items()}
    table = os.environ.get("INSPECTKG_RELIABILITY_TABLE")
    if table:
        with open(table, "a", encoding="utf-8") as handle:
            for case in selected:
                r, _ = out[case.id]
                message = "; ".join(line.removeprefix("Error: ") for line in r.error_lines()) or "-"
                handle.write(f"| {case.id} | {case.what} | exit {r.code}{' TIMEOUT' if r.timed_out else ''} | "
                             f"{message.replace('|', '/')[:160]} | {r.seconds:.1f} | {r.max_rss_mb:.0f} |\n")
    return out


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_bad_input(case: Case, results, base):
    _, _, base_graphs, prior_graph = base
    result, store_path = results[case.id]
    assert not result.timed_out, f"{case.id}: no result after {case.timeout:.0f} s"
    assert "Traceback" not in result.stderr and "Internal error" not in result.stderr, result.stderr
    expect, built, refused = case.expect, {f"docs/{name}" for name in case.built}, list(case.refused)
    if case.root_reads and IS_ROOT:  # root reads a mode-000 file
        expect, built, refused = "built", {"docs/locked.txt"}, []
    errors = result.error_lines()
    if expect == "refused":
        assert result.code == 2, result.stderr
        assert len(errors) == len(refused), result.stderr
        for name in refused:
            lines = [line for line in errors if line.startswith(f"Error: docs/{name}: ")]
            assert len(lines) == 1, f"no one-line message naming {name!r}:\n{result.stderr}"
            assert re.search(case.problem, lines[0][len(f"Error: docs/{name}: "):]), lines[0]
    else:
        assert result.code == 0 and not errors, result.stderr
    with Store(store_path, read_only=True) as kg:
        stored = set(kg.documents())
        graphs = graph_quads(kg)
    assert stored == FIXED | built, f"stored {sorted(stored)}"
    assert graphs[prior_graph] == base_graphs[prior_graph], "the earlier document's graph changed"
    assert graphs[str(REFERENCE)] == base_graphs[str(REFERENCE)]
    assert base_graphs[str(ENTITIES)] <= graphs[str(ENTITIES)]
    if case.preload:  # the old version is gone: one graph per source
        doc_graphs = set(graphs) - {str(REFERENCE), str(ENTITIES)}
        assert len(doc_graphs) == len(stored), "an old version of a replaced document is still stored"
    assert result.max_rss_mb * 1024**2 < MEMORY_LIMIT


def test_a_file_that_vanishes_between_discover_and_read(tmp_path):
    folder = tmp_path / "docs"
    write_good(folder)
    (folder / "gone.txt").write_text("Westvale Constabulary was rated good.\n", encoding="utf-8")
    sources = discover([folder])
    (folder / "gone.txt").unlink()
    outcome = {s.name: process(s) for s in sources}
    assert outcome["docs/gone.txt"].status == "failed"
    assert outcome["docs/gone.txt"].message == "docs/gone.txt: no such file"
    assert {outcome[f"docs/{name}"].status for name in GOOD_DOCUMENTS} == {"extracted"}


def test_a_missing_target_stops_before_anything_changes(base, tmp_path):
    _, base_store, base_graphs, _ = base
    write_good(tmp_path / "docs")
    store = tmp_path / "store"
    shutil.copytree(base_store, store)
    result = run(build_command([str(tmp_path / "docs"), str(tmp_path / "missing.txt")], store), tmp_path / "log")
    assert result.code == 2
    assert [line for line in result.stderr.splitlines() if line.strip()] == [
        f"Error: {tmp_path / 'missing.txt'}: no such file or folder"]
    with Store(store, read_only=True) as kg:
        assert graph_quads(kg) == base_graphs


IMPORT_SUFFIXES = [".rdf", ".xml", ".owl", ".ttl", ".nq", ".trig", ".jsonld"]


@pytest.mark.parametrize("suffix", IMPORT_SUFFIXES)
def test_import_refuses_rdfxml_entity_expansion(base, tmp_path, suffix):
    """MEASURED.md: 748 bytes of RDF/XML entities aborted the whole process inside pyoxigraph."""
    _, base_store, base_graphs, _ = base
    bomb = tmp_path / f"bomb{suffix}"
    bomb.write_bytes(entity_bomb_rdfxml())
    store = tmp_path / "store"
    shutil.copytree(base_store, store)
    command = [sys.executable, "-m", "inspectkg.cli.__main__", "import", str(bomb), "--store", str(store)]
    result = run(command, tmp_path / "log", timeout=60)
    assert not result.timed_out and result.code == 2, (result.code, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(f"Error: {bomb}: "), result.stderr
    with Store(store, read_only=True) as kg:
        assert graph_quads(kg) == base_graphs


def test_parse_file_has_no_rdfxml_format(tmp_path):
    bomb = tmp_path / "bomb.ttl"
    bomb.write_bytes(entity_bomb_rdfxml())
    with pytest.raises(UsageError):
        parse_file(bomb, "rdfxml")
    with pytest.raises(UsageError):
        parse_file(bomb, "xml")


def test_cli_error_lines_are_not_wrapped_when_piped(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    name = "a-rather-long-file-name-for-a-report-" + "x" * 60 + ".txt"
    (folder / name).write_bytes(b"")
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    done = subprocess.run(build_command([str(folder)], tmp_path / "store"), capture_output=True, text=True,
                          env=env, timeout=120)
    assert f"Error: docs/{name}: empty document" in done.stderr.splitlines(), done.stderr
