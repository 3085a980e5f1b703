"""Real SPARQL servers on loopback for the remote tests: ``oxigraph serve`` and Debian's Virtuoso.

    with virtuoso(tmp_path, max_rows=1000) as server:   # a temporary database, random free ports
        server.query_url, server.store_url, server.user, server.password

Virtuoso (``virtuoso-t``, Debian package virtuoso-opensource-7-bin, installed by
scripts/system-deps.sh) gets its own ini: SQL and HTTP on free 127.0.0.1 ports,
the answer cap ``ResultSetMaxRows`` as given, and a user with a random password
who may update, for the Digest-protected Graph Store (``/sparql-graph-crud-auth``).
"""

from __future__ import annotations

import contextlib
import secrets
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from support.processes import OXIGRAPH, free_port, stop, wait_for
VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt")

INI = """[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
MaxClientConnections = 10
CheckpointInterval = 60
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
DirsAllowed = ., {dir}{allowed}

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
MaxClientConnections = 5
ServerThreads = 5
EnabledDavVSP = 0

[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryCostEstimationTime = {cost_limit}
MaxQueryExecutionTime = {time_limit}
"""
# Virtuoso refuses a query whose *estimated* cost passes MaxQueryCostEstimationTime (seconds)
# before running it; its estimates for whole-graph saved queries at 10,000 documents ran from
# 428 s to 1.9e9 s (and overflowed) for queries that answer in seconds, so 0 switches the
# estimate off and MaxQueryExecutionTime (seconds actually spent) is the bound.
COST_LIMIT = 0
TIME_LIMIT = 120


@dataclass(frozen=True)
class Server:
    name: str
    base: str
    query_url: str
    store_url: str
    user: str | None = None
    password: str | None = None
    max_rows: int | None = None
    sql_port: int | None = None


@contextlib.contextmanager
def virtuoso(folder: Path, *, max_rows: int = 1000, buffers: int = 20000, allowed: tuple[Path, ...] = (),
             time_limit: int = TIME_LIMIT):
    """A Virtuoso server with a fresh database in ``folder``; yields a :class:`Server`.

    ``allowed``: more folders its bulk loader may read (``DirsAllowed``).
    """
    folder.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(INI.format(dir=folder, sql_port=sql_port, http_port=http_port, max_rows=max_rows,
                              buffers=buffers, dirty=buffers * 3 // 4, cost_limit=COST_LIMIT, time_limit=time_limit,
                              allowed="".join(f", {Path(a).resolve()}" for a in allowed)), encoding="utf-8")
    process = subprocess.Popen([VIRTUOSO, "+foreground", "+configfile", str(ini)], cwd=folder,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{http_port}"
    try:
        wait_for(f"{base}/sparql?query=ASK%7B%7D", seconds=120, process=process)
        user, password = "inspectkg", secrets.token_urlsafe(12)
        sql = (f"DB.DBA.USER_CREATE('{user}', '{password}'); GRANT SPARQL_UPDATE TO \"{user}\"; "
               f"GRANT SPARQL_SELECT TO \"{user}\";")
        for attempt in range(20):  # the SQL port may open a moment after HTTP
            done = subprocess.run([ISQL, f"127.0.0.1:{sql_port}", "dba", "dba", f"exec={sql}"],
                                  capture_output=True, text=True, timeout=60)
            if done.returncode == 0 and "Error" not in done.stdout + done.stderr:
                break
            time.sleep(0.5)
        else:
            raise RuntimeError(f"cannot create the Virtuoso user: {done.stdout[-500:]} {done.stderr[-500:]}")
        yield Server("virtuoso", base, f"{base}/sparql", f"{base}/sparql-graph-crud-auth", user, password,
                     max_rows, sql_port)
    finally:
        stop(process)


@contextlib.contextmanager
def oxigraph(folder: Path, *, read_only: bool = False):
    """``oxigraph serve`` (or ``serve-read-only`` over an existing store) on a free loopback port;
    yields a :class:`Server`."""
    binary = str(OXIGRAPH) if OXIGRAPH.exists() else shutil.which("oxigraph")
    port = free_port()
    command = "serve-read-only" if read_only else "serve"
    process = subprocess.Popen([binary, command, "--location", str(folder), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/query?query=ASK%7B%7D", process=process)
        yield Server("oxigraph", base, f"{base}/query", f"{base}/store")
    finally:
        stop(process)


def available(name: str) -> bool:
    if name == "virtuoso":
        return VIRTUOSO is not None and ISQL is not None
    return OXIGRAPH.exists() or shutil.which("oxigraph") is not None
