"""A clean install: a wheel installed into a fresh venv outside the checkout builds the example corpus.

Marked slow (the full suite and CI run it, ``-m "not slow"`` does not).  The install is the
one a user makes, with the pip that comes with Python and the tested versions of
constraints.txt, from the registry or pip's own cache; ``--no-compile`` leaves out writing
bytecode for every installed module (the install then took 2m01s wall, 27 s of CPU, here).
Measured on the shared 2-core machine (load 7-9), the whole test took 7m42s wall and 93 s of
CPU before that change.  Decoy
``queries/`` and ``ontology/`` folders in the working directory and two levels above the
installed package must not be read: package data comes from the package only.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path


ROOT = Path(__file__).resolve().parents[2]
DECOY = "#+ summary: a decoy that must not be loaded\n#+ returns: [x]\nSELECT ?x WHERE { ?x ?p ?o }\n"


def run(args, **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=1200, **kwargs)
    assert done.returncode == 0, f"{args}: {done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done


def plant_decoys(folder: Path) -> None:
    (folder / "queries").mkdir(parents=True, exist_ok=True)
    (folder / "queries" / "decoy.rq").write_text(DECOY, encoding="utf-8")
    (folder / "ontology").mkdir(exist_ok=True)
    (folder / "ontology" / "shapes.ttl").write_text("this is not turtle", encoding="utf-8")


def test_wheel_in_a_fresh_venv_builds_the_example_corpus(tmp_path):
    dist = tmp_path / "dist"
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", dist, ROOT])
    (wheel,) = dist.glob("inspectkg-*.whl")
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", venv])
    python = venv / "bin" / "python"
    run([python, "-m", "pip", "install", "-q", "--no-compile", "-c", ROOT / "constraints.txt", wheel])
    package = Path(run([python, "-c", "import inspectkg, os; print(os.path.dirname(inspectkg.__file__))"],
                       cwd=tmp_path).stdout.strip())
    assert venv in package.parents and ROOT not in package.parents
    plant_decoys(package.parent.parent)  # where resources.py used to look first
    work = tmp_path / "work"
    work.mkdir()
    plant_decoys(work)
    shutil.copytree(ROOT / "examples" / "corpus", work / "corpus")
    inspectkg = venv / "bin" / "inspectkg"
    built = run([inspectkg, "build", "corpus", "--store", "store"], cwd=work)
    assert " 0 failed" in built.stdout + built.stderr
    listed = run([inspectkg, "queries", "--json"], cwd=work).stdout
    assert "decoy" not in listed and "ratings-over-time" in listed
    validated = subprocess.run([str(inspectkg), "validate", "--store", "store"], cwd=work, capture_output=True,
                               text=True, timeout=600)
    assert validated.returncode in (0, 1), validated.stderr  # read the packaged shapes, not the decoy
    assert "not turtle" not in validated.stderr
    rows = run([inspectkg, "query", "ratings-over-time", "--param", "force=kent", "--format", "csv",
                "--store", "store"], cwd=work).stdout
    assert len(rows.splitlines()) > 1
