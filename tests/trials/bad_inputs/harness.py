"""Run the real ``inspectkg build`` in a child process under resource limits and measure it."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

MEMORY_LIMIT = 2 * 1024**3  # RLIMIT_AS for the build
TIMEOUT = float(os.environ.get("INSPECTKG_BAD_INPUT_TIMEOUT", "120"))  # wall clock, seconds


@dataclass(frozen=True)
class Run:
    code: int  # exit code; -N when killed by signal N (-9 after a timeout)
    stderr: str
    seconds: float
    max_rss_mb: float
    timed_out: bool

    def error_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.startswith("Error:")]


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def build_command(targets: list[str], store: Path) -> list[str]:
    return [sys.executable, "-m", "inspectkg.cli.__main__", "build", *targets, "--store", str(store)]


def run(command: list[str], log: Path, timeout: float = TIMEOUT) -> Run:
    """Run ``command`` with RLIMIT_AS and a wall-clock timeout; max RSS from wait4."""
    env = dict(os.environ, COLUMNS="100000", TERM="dumb", NO_COLOR="1")
    with log.open("wb") as err:
        start = time.monotonic()
        child = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err,
                                 preexec_fn=_limits, env=env)
        timed_out = False
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > timeout:
                child.send_signal(signal.SIGKILL)
                timed_out = True
                pid, status, usage = os.wait4(child.pid, 0)
                break
            time.sleep(0.02)
        seconds = time.monotonic() - start
    child.returncode = os.waitstatus_to_exitcode(status)  # keep Popen from waiting again
    return Run(child.returncode, log.read_bytes().decode("utf-8", "replace"), seconds,
               usage.ru_maxrss / 1024, timed_out)
