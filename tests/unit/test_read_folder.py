"""Which files a build reads, and the source name each is stored under (issue 12: nothing lost, nothing invented)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from inspectkg.errors import InputError
from inspectkg.ingest.read import read
from inspectkg.ingest.read_folder import discover


def write(path: Path, text: str = "Kent Police was rated good.") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def names(sources) -> list[str]:
    return [s.name for s in sources]


def test_discover_two_folders_with_the_same_file_keep_two_names(tmp_path):
    write(tmp_path / "a" / "report.txt")
    write(tmp_path / "b" / "report.txt")
    assert names(discover([tmp_path / "a", tmp_path / "b"])) == ["a/report.txt", "b/report.txt"]


def test_discover_the_current_folder_is_named_after_itself(tmp_path, monkeypatch):
    write(tmp_path / "corpus" / "one.txt")
    monkeypatch.chdir(tmp_path / "corpus")
    assert names(discover(["."])) == ["corpus/one.txt"]
    assert names(discover([str(tmp_path / "corpus") + "/"])) == ["corpus/one.txt"]


def test_discover_refuses_two_files_that_would_share_a_name(tmp_path):
    one = write(tmp_path / "x" / "corpus" / "r.txt")
    two = write(tmp_path / "y" / "corpus" / "r.txt")
    with pytest.raises(InputError, match=r"^corpus/r\.txt: two files would be stored under this one source name"):
        discover([tmp_path / "x" / "corpus", tmp_path / "y" / "corpus"])
    with pytest.raises(InputError, match=r"^r\.txt: two files"):
        discover([one, two])


def test_discover_leaves_out_readme_and_licence_by_default(tmp_path):
    for name in ["README.md", "README.txt", "LICENSE.txt", "sub/README.md", "news.txt", "readme-not.txt"]:
        write(tmp_path / "c" / name)
    assert names(discover([tmp_path / "c"])) == ["c/news.txt", "c/readme-not.txt"]


def test_discover_ignore_file_in_gitignore_syntax_can_exclude_and_bring_back(tmp_path):
    folder = tmp_path / "c"
    for name in ["README.md", "drafts/a.txt", "keep.txt", "notes/x.md", "notes/y.md"]:
        write(folder / name)
    (folder / ".inspectkgignore").write_text("drafts/\nnotes/*.md\n!notes/y.md\n!README.md\n", encoding="utf-8")
    assert names(discover([folder])) == ["c/README.md", "c/keep.txt", "c/notes/y.md"]


def test_discover_exclude_globs_add_to_the_ignore_rules(tmp_path):
    folder = tmp_path / "c"
    for name in ["2021/a.txt", "2022/b.txt", "2022/c.html", "top.md"]:
        write(folder / name)
    assert names(discover([folder], exclude=["2021/", "*.html"])) == ["c/2022/b.txt", "c/top.md"]


def test_discover_a_file_named_on_its_own_is_read_even_if_a_default_would_skip_it(tmp_path):
    readme = write(tmp_path / "README.md")
    assert names(discover([readme])) == ["README.md"]


def test_discover_an_empty_folder_is_an_input_error(tmp_path):
    (tmp_path / "empty").mkdir()
    write(tmp_path / "only-readme" / "README.md")
    with pytest.raises(InputError, match=r"empty: no documents to read in this folder"):
        discover([tmp_path / "empty"])
    with pytest.raises(InputError, match=r"only-readme: no documents to read"):
        discover([tmp_path / "only-readme"])


def test_discover_refuses_a_symlink_leaving_the_folder_unless_asked(tmp_path):
    secret = write(tmp_path / "private" / "secret.txt", "not for publishing")
    folder = tmp_path / "corpus"
    write(folder / "news.txt")
    write(folder / "inner.txt")
    os.symlink(secret, folder / "passwd.txt")
    os.symlink(folder / "inner.txt", folder / "alias.txt")  # inside the folder: fine
    sources = {s.name: s for s in discover([folder])}
    assert sources["corpus/passwd.txt"].problem and sources["corpus/alias.txt"].problem is None
    with pytest.raises(InputError, match=r"^corpus/passwd\.txt: symbolic link to a file outside the folder; refused "
                                         r"\(pass --follow-symlinks"):
        read(sources["corpus/passwd.txt"])
    assert read(sources["corpus/alias.txt"]).text
    followed = {s.name: s for s in discover([folder], follow_symlinks=True)}
    assert followed["corpus/passwd.txt"].problem is None
    assert "not for publishing" in read(followed["corpus/passwd.txt"]).text
