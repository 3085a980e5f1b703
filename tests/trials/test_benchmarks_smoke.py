"""The benchmark harness still works: seeded generator, and a tiny ``run --quick`` writing every section.

Checks correctness, not speed (benchmarks are measured runs, see benchmarks/README.md).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from benchmarks.generate import generate
from benchmarks.run import SECTIONS

REPO = Path(__file__).resolve().parents[2]


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_generator_same_seed_same_files_other_seed_other_files(tmp_path):
    a, b, c = (generate(12, seed, tmp_path / name) for name, seed in (("a", 7), ("b", 7), ("c", 8)))
    assert len(a) == 12
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")
    facts = [json.loads(line) for line in (tmp_path / "a" / "facts.jsonl").read_text().splitlines()]
    assert [f["file"] for f in facts] == sorted(p.name for p in a)
    assert all(f["force"].startswith("force/") and f["inspection"]["scale"] in ("peel_4tier", "peel_5tier")
               for f in facts)


def test_generator_document_i_does_not_depend_on_n(tmp_path):
    generate(3, 7, tmp_path / "small")
    generate(6, 7, tmp_path / "big")
    small, big = _files(tmp_path / "small"), _files(tmp_path / "big")
    assert all(big[name] == data for name, data in small.items() if name.endswith(".txt"))


def test_generator_scales_follow_the_rounds(tmp_path):
    generate(60, 3, tmp_path / "c")
    for line in (tmp_path / "c" / "facts.jsonl").read_text().splitlines():
        fact = json.loads(line)
        period, scale = fact["inspection"]["period"], fact["inspection"]["scale"]
        assert scale == ("peel_5tier" if period in ("2021/22", "2023-25") else "peel_4tier"), fact["file"]
        if scale == "peel_4tier":
            assert all(r["grade"] != "adequate" for r in fact["ratings"])


def test_quick_run_writes_every_section(tmp_path):
    out = tmp_path / "bench.md"
    out.write_text("# prose kept\n\n<!-- results:start -->\nold\n<!-- results:end -->\n\nmore prose\n")
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--quick", "--sizes", "20", "--extract-n", "20",
         "--rdflib-budget", "5", "--out", str(out), "--work", str(tmp_path / "work")],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    text = out.read_text()
    assert text.startswith("# prose kept") and text.rstrip().endswith("more prose")
    assert "\nold\n" not in text
    for section in SECTIONS:
        assert f"### {section}\n" in text
    machine = text.split("### Machine", 1)[1].split("###", 1)[0]
    for row in ("nproc", "CPU", "Python", "pyoxigraph", "rdflib", "date"):
        assert f"| {row} |" in machine
    build = text.split("### End-to-end build", 1)[1].split("###", 1)[0]
    assert "\n| 20 |" in build  # a measured row, not a skip note
