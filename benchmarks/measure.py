"""Run a command and measure it: wall time, peak RSS (largest process and whole process tree)."""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

POLL_S = 0.05


@dataclass(frozen=True)
class Measured:
    wall_s: float
    rc: int
    max_rss_kb: int  # largest single process (wait4 ru_maxrss, includes reaped workers)
    tree_rss_kb: int  # peak of the summed RSS of the process and its descendants (sampled)
    stdout: str
    stderr: str


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                out.extend(int(c) for c in handle.read().split())
    except OSError:
        pass
    return out


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    except (OSError, IndexError, ValueError):
        return 0


def tree_rss_kb(pid: int) -> int:
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += _rss_kb(current)
        todo.extend(_children(current))
    return total


def run(cmd: list[str], *, cwd: Path | None = None, env: dict | None = None, timeout: float | None = None,
        log: Path | None = None) -> Measured:
    """Run ``cmd`` to completion; stdout/stderr go to files (no pipe can fill up)."""
    log = log or Path(os.devnull)
    out_path, err_path = log.with_suffix(".out"), log.with_suffix(".err")
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err)
        peak = 0
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            peak = max(peak, tree_rss_kb(proc.pid))
            if timeout is not None and time.perf_counter() - start > timeout:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(POLL_S)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    read = lambda p: p.read_text(encoding="utf-8", errors="replace")  # noqa: E731
    return Measured(wall, proc.returncode, usage.ru_maxrss, max(peak, usage.ru_maxrss),
                    read(out_path), read(err_path))


def du_bytes(path: Path) -> int:
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            try:
                total += os.stat(os.path.join(root, name)).st_size
            except OSError:
                pass
    return total


def rss_self_kb() -> int:
    return _rss_kb(os.getpid())
