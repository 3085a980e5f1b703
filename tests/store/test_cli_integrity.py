"""Build, remove, import, stats and sparql as a user runs them: nothing lost, nothing invented,
no empty store left behind, exit codes as the README says (issue 12)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from inspectkg.store.embedded import Store

KENT = "Kent Police was rated good by HMICFRS in its PEEL 2021/22 inspection.\n"
ESSEX = "Essex Police was rated inadequate at responding to the public in 2019.\n"


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "inspectkg.cli.__main__", *args],
                          capture_output=True, text=True, cwd=cwd, timeout=300)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def sources_in(store: Path) -> list[str]:
    with Store(store, read_only=True) as kg:
        return sorted(kg.documents())


def test_build_two_folders_with_the_same_file_name_keeps_both_and_remove_takes_one(tmp_path):
    write(tmp_path / "a" / "report.txt", KENT)
    write(tmp_path / "b" / "report.txt", ESSEX)
    store = tmp_path / "kg"
    for expected in ("2 added", "2 unchanged"):
        done = cli("build", str(tmp_path / "a"), str(tmp_path / "b"), "--store", str(store))
        assert done.returncode == 0, done.stderr
        assert expected in done.stderr
    assert sources_in(store) == ["a/report.txt", "b/report.txt"]
    ambiguous = cli("remove", "report.txt", "--store", str(store))
    assert ambiguous.returncode == 2
    assert "did you mean a/report.txt, b/report.txt?" in ambiguous.stderr
    assert sources_in(store) == ["a/report.txt", "b/report.txt"]
    done = cli("remove", "a/report.txt", "--store", str(store))
    assert done.returncode == 0, done.stderr
    assert sources_in(store) == ["b/report.txt"]


def test_build_a_folder_readme_is_not_read_but_can_be_asked_for(tmp_path):
    corpus = tmp_path / "corpus"
    write(corpus / "README.md", "Kent Police was rated inadequate. (An annotation guide, not news.)\n")
    write(corpus / "news.txt", ESSEX)
    write(corpus / "drafts" / "old.txt", KENT)
    store = tmp_path / "kg"
    done = cli("build", str(corpus), "--exclude", "drafts/", "--store", str(store))
    assert done.returncode == 0, done.stderr
    assert sources_in(store) == ["corpus/news.txt"]
    (corpus / ".inspectkgignore").write_text("!README.md\n", encoding="utf-8")
    done = cli("build", str(corpus), "--store", str(store))
    assert done.returncode == 0, done.stderr
    assert sources_in(store) == ["corpus/README.md", "corpus/drafts/old.txt", "corpus/news.txt"]


def test_build_refuses_a_symlink_out_of_the_folder(tmp_path):
    secret = write(tmp_path / "home" / "secret.txt", "Kent Police private key material.\n")
    corpus = tmp_path / "corpus"
    write(corpus / "news.txt", ESSEX)
    (corpus / "passwd.txt").symlink_to(secret)
    store = tmp_path / "kg"
    done = cli("build", str(corpus), "--store", str(store))
    assert done.returncode == 2
    assert "corpus/passwd.txt: symbolic link to a file outside the folder" in done.stderr
    assert sources_in(store) == ["corpus/news.txt"]
    done = cli("build", str(corpus), "--follow-symlinks", "--store", str(store))
    assert done.returncode == 0, done.stderr
    assert sources_in(store) == ["corpus/news.txt", "corpus/passwd.txt"]


def test_build_an_empty_folder_is_exit_2_and_creates_no_store(tmp_path):
    (tmp_path / "empty").mkdir()
    store = tmp_path / "kg"
    done = cli("build", str(tmp_path / "empty"), "--store", str(store))
    assert done.returncode == 2
    assert "empty: no documents to read in this folder" in done.stderr
    assert not store.exists()


def test_a_build_that_stores_nothing_creates_no_store(tmp_path):
    write(tmp_path / "bad" / "x.txt", "   \n")
    store = tmp_path / "kg"
    done = cli("build", str(tmp_path / "bad"), "--store", str(store))
    assert done.returncode == 2
    assert "1 failed" in done.stderr
    assert not store.exists()


@pytest.mark.parametrize("command", [["remove", "x.txt"], ["stats"], ["query", "documents"], ["sparql", "ASK {}"]])
def test_a_missing_store_is_exit_2_with_a_sentence_and_is_not_created(tmp_path, command):
    store = tmp_path / "nowhere"
    done = cli(*command, "--store", str(store))
    assert done.returncode == 2, done.stderr
    assert f"{store}: no store here; run 'inspectkg build' first" in done.stderr
    assert "Internal error" not in done.stderr
    assert not store.exists()


def test_sparql_names_a_missing_query_file(tmp_path):
    write(tmp_path / "a" / "one.txt", KENT)
    store = tmp_path / "kg"
    assert cli("build", str(tmp_path / "a"), "--store", str(store)).returncode == 0
    done = cli("sparql", str(tmp_path / "missing.rq"), "--store", str(store))
    assert done.returncode == 2
    assert "missing.rq: no such query file" in done.stderr
    assert "syntax" not in done.stderr.lower()


def test_file_names_with_control_characters_print_escaped(tmp_path):
    name = "evil\x1b[2J\x1b]0;owned\x07.txt"
    write(tmp_path / "c" / name, KENT)
    store = tmp_path / "kg"
    done = cli("build", str(tmp_path / "c"), "--store", str(store))
    assert done.returncode == 0, done.stderr
    table = cli("query", "documents", "--store", str(store))
    assert table.returncode == 0, table.stderr
    assert "\x1b" not in table.stdout and "\x07" not in table.stdout
    assert "\\x1b" in table.stdout
    removed = cli("remove", f"c/{name}", "--store", str(store))
    assert removed.returncode == 0, removed.stderr
    assert "\x1b" not in removed.stdout and "\\x1b[2J" in removed.stdout
    missing = cli("remove", f"c/{name}", "--store", str(store))
    assert missing.returncode == 2 and "\x1b" not in missing.stderr


def test_import_keeps_graphs_refuses_turtle_and_accepts_nquads_suffix(tmp_path):
    write(tmp_path / "a" / "one.txt", KENT)
    store = tmp_path / "kg"
    assert cli("build", str(tmp_path / "a"), "--store", str(store)).returncode == 0
    ttl, nq = tmp_path / "kg.ttl", tmp_path / "kg.nquads"
    assert cli("export", "--format", "turtle", "-o", str(ttl), "--store", str(store)).returncode == 0
    assert cli("export", "--format", "nquads", "-o", str(nq), "--store", str(store)).returncode == 0

    other = tmp_path / "kg2"
    refused = cli("import", str(ttl), "--store", str(other))
    assert refused.returncode == 2
    assert "in no named graph" in refused.stderr and "nothing was imported" in refused.stderr
    assert not other.exists()

    done = cli("import", str(nq), "--store", str(other))
    assert done.returncode == 0, done.stderr
    rows = json.loads(cli("query", "documents", "--format", "json", "--store", str(other)).stdout)["rows"]
    assert [r["source"] for r in rows] == ["a/one.txt"]


def test_documents_since_says_it_leaves_out_undated_documents():
    from inspectkg.sparql import queries

    saved = queries.get("documents")
    assert "undated" in saved.description and "without since" in saved.description
    assert "undated documents are left out" in saved.params["since"].description
