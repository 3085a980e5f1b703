"""Server processes for the tests: a free loopback port, waiting for a URL to answer, stopping a process.

    OXIGRAPH                 the ``oxigraph`` binary installed next to this Python (``oxigraph`` package)
    free_port() -> int       a free TCP port on 127.0.0.1
    wait_for(url)            poll until the URL answers (any HTTP status)
    stop(process)            terminate, then kill
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

OXIGRAPH = Path(sys.executable).parent / "oxigraph"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: float = 30.0, process: subprocess.Popen | None = None) -> None:
    """Poll a URL until it answers (any HTTP status) or fail."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}: {process.stderr.read().decode()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"{url} did not answer within {seconds} s")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(10)
