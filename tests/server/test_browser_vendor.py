"""The explorer's browser libraries: pinned by package.json and its lock, copied by
scripts/frontend.sh into the package (not committed), and packed into the wheel."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "src" / "inspectkg" / "web" / "static" / "vendor"
NEEDED = ("yasgui.min.js", "yasgui.min.css", "cytoscape.min.js")


def test_package_json_and_lock_pin_the_same_libraries():
    declared = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert set(declared) == {"@zazuko/yasgui", "cytoscape"}
    assert lock["packages"][""]["dependencies"] == declared
    for name, version in declared.items():
        assert lock["packages"][f"node_modules/{name}"]["version"] == version
    # the lock names no registry: npm ci installs from whichever registry the machine is set up for
    assert all("resolved" not in entry for entry in lock["packages"].values())


def test_vendor_files_are_ignored_by_git():
    for name in NEEDED:
        done = subprocess.run(["git", "check-ignore", "-q", f"src/inspectkg/web/static/vendor/{name}"], cwd=ROOT)
        assert done.returncode == 0, f"{name} must stay out of git (.gitignore)"


def test_wheel_packs_the_vendor_files(tmp_path):
    missing = [name for name in NEEDED if not (VENDOR / name).is_file()]
    assert not missing, f"{VENDOR} lacks {missing}: run bash scripts/frontend.sh"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True, timeout=600)
    (wheel,) = tmp_path.glob("inspectkg-*.whl")
    with zipfile.ZipFile(wheel) as packed:
        names = set(packed.namelist())
        for name in NEEDED:
            entry = f"inspectkg/web/static/vendor/{name}"
            assert entry in names, f"{entry} is not in the wheel"
            assert packed.read(entry) == (VENDOR / name).read_bytes()
