"""The query worker: a process that opens a store snapshot read-only and answers queries.

Runs in a child process (spawned, so it inherits no RocksDB handle), imports
only pyoxigraph and the standard library, and talks to the server over a pipe:

    request  {"sparql": str, "snapshot": path, "max_rows": int}
    answer   {"ok": True, "kind": "solutions" | "boolean" | "graph", "body": bytes}
             {"ok": False, "status": 400 | 503, "message": str}

Solutions and booleans come back as SPARQL JSON results, graphs as N-Triples;
the server converts them to what the client asked for.  pyoxigraph cannot
cancel a query, so the server kills this process when the time limit passes.
"""

from __future__ import annotations

import json


def _term_json(term) -> dict:
    import pyoxigraph

    if isinstance(term, pyoxigraph.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, pyoxigraph.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, pyoxigraph.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, pyoxigraph.Triple):
        return {"type": "triple", "value": {"subject": _term_json(term.subject),
                                            "predicate": _term_json(term.predicate),
                                            "object": _term_json(term.object)}}
    raise TypeError(f"unexpected term {term!r}")


class TooManyRows(Exception):
    pass


def execute(store, sparql: str, max_rows: int) -> dict:
    """Run one query on an open pyoxigraph store; never raises."""
    import pyoxigraph

    try:
        result = store.query(sparql, use_default_graph_as_union=True)
        if isinstance(result, pyoxigraph.QueryBoolean):
            body = json.dumps({"head": {}, "boolean": bool(result)})
            return {"ok": True, "kind": "boolean", "body": body.encode()}
        if isinstance(result, pyoxigraph.QuerySolutions):
            names = [v.value for v in result.variables]
            bindings = []
            for solution in result:
                if len(bindings) >= max_rows:
                    raise TooManyRows
                row = {}
                for name in names:
                    term = solution[name]
                    if term is not None:
                        row[name] = _term_json(term)
                bindings.append(row)
            body = json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False)
            return {"ok": True, "kind": "solutions", "body": body.encode("utf-8")}
        triples = []
        for triple in result:
            if len(triples) >= max_rows:
                raise TooManyRows
            triples.append(triple)
        body = pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES) or b""
        return {"ok": True, "kind": "graph", "body": body}
    except TooManyRows:
        return {"ok": False, "status": 503,
                "message": f"the result has more than {max_rows} rows (the server's row limit); "
                           "add a LIMIT or narrow the query"}
    except SyntaxError as exc:
        return {"ok": False, "status": 400, "message": f"SPARQL syntax error: {exc}"}
    except (OSError, ValueError, RuntimeError, TypeError) as exc:
        return {"ok": False, "status": 400, "message": f"query failed: {exc}"}


def limit_memory(limit: int | None) -> None:
    """Cap this process's address space: a runaway query dies here, not the server."""
    if not limit:
        return
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # not on this platform, or above the hard limit
        pass


def main(conn, memory: int | None = None) -> None:
    """The worker loop: reopen the store when the snapshot changes, answer until the pipe closes."""
    import pyoxigraph

    limit_memory(memory)
    store = None
    opened = None
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if request.get("snapshot") != opened:
            store = None
            try:
                store = pyoxigraph.Store.read_only(request["snapshot"])
                opened = request["snapshot"]
            except OSError as exc:
                conn.send({"ok": False, "status": 503, "message": f"cannot open the store snapshot ({exc})"})
                continue
        try:
            answer = execute(store, request["sparql"], int(request.get("max_rows", 10000)))
        except MemoryError:
            answer = {"ok": False, "status": 503, "message": "the query needed more memory than a worker may use"}
        max_bytes = int(request.get("max_bytes", 0))
        if answer.get("ok") and max_bytes and len(answer["body"]) > max_bytes:
            answer = {"ok": False, "status": 503,
                      "message": f"the result is larger than the server's limit of {max_bytes} bytes; "
                                 "select fewer or shorter values"}
        conn.send(answer)
