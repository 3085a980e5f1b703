"""tests/slow.csv, the one list of what the quick run (``pytest -m "not slow"``) leaves out."""

from __future__ import annotations

from pathlib import Path

from support.slow import SLOW, names, slow_rows

TESTS = SLOW.parent


def test_a_row_may_name_a_folder_a_file_a_test_or_one_parameter_set():
    assert names("store/test_cli_integrity.py::test_missing[command1]") == {
        "store/",
        "store/test_cli_integrity.py",
        "store/test_cli_integrity.py::test_missing",
        "store/test_cli_integrity.py::test_missing[command1]",
    }
    assert "extraction/golden/" in names("extraction/golden/test_x.py::test_y")


def test_every_row_names_a_folder_file_or_test_that_exists():
    missing = []
    for row in slow_rows():
        path, _, name = row.partition("::")
        target = TESTS / path
        if not target.exists() or (row.endswith("/") and not target.is_dir()):
            missing.append(row)
        elif name and f"def {name.split('[', 1)[0]}(" not in Path(target).read_text(encoding="utf-8"):
            missing.append(row)
    assert not missing, f"{SLOW.name} names tests that are gone (rename or remove these rows): {missing}"
