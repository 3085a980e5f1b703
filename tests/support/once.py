"""Something expensive made once per test run, even when pytest-xdist runs the tests in several workers.

    once(tmp_path_factory, worker_id, "examples", make) -> Path

``make(folder)`` fills ``folder`` (an empty folder); the first worker to ask
makes it while the others wait on a lock, then all of them get the same folder.
Treat what is in it as read-only: copy it before writing.  Without xdist
(``worker_id == "master"``) it is simply made in this run's temporary folder.
"""

from __future__ import annotations

import fcntl
import shutil
from collections.abc import Callable
from pathlib import Path


def once(tmp_path_factory, worker_id: str, name: str, make: Callable[[Path], None]) -> Path:
    if worker_id == "master":
        folder = tmp_path_factory.mktemp(name)
        make(folder)
        return folder
    shared = tmp_path_factory.getbasetemp().parent  # this run's folder, above every worker's own
    folder, made = shared / name, shared / f"{name}.made"  # made: written last, once the folder is whole
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not made.exists():
            shutil.rmtree(folder, ignore_errors=True)  # half made by a worker that failed
            folder.mkdir()
            make(folder)
            made.touch()
    return folder
