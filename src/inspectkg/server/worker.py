"""The query worker: a process that opens a store snapshot read-only and does the work of a request.

Runs in a child process (spawned, so it inherits no RocksDB handle) under the
server's memory cap and cut off from the network (:mod:`.sandbox`), and talks
to the server over a pipe.  Its first message says what isolated it:

    hello    {"hello": True, "isolation": ["namespace", "seccomp"], "problems": [str]}

then it answers requests until the pipe closes:

    {"op": "query", "sparql": str, "snapshot": path, "max_rows": int, "max_bytes": int,
     "default_graphs": [iri] | None, "named_graphs": [iri] | None}
    {"op": "update-check", "sparql": str}          # the engine runs it on an empty store
    {"op": "update-trial", "sparql": str, "copy": path}   # ... and on a writable copy of the store
    {"op": "page", "snapshot": path, "route": name, "method", "target", "headers", ...}

    answer   {"ok": True, "kind": "solutions" | "boolean" | "graph" | "checked" | "page", "body": bytes, ...}
             {"ok": False, "status": 400 | 406 | 422 | 503, "message": str, "form": str | None}

Everything that reads a request's text — the guard, the parser, the engine, a
web page's lookups — happens here, so the server's time and memory limits hold
for all of it.  Solutions and booleans come back as SPARQL JSON results, graphs
as N-Triples; the server converts them to what the client asked for.
pyoxigraph cannot cancel a query, so the server kills this process when the
time limit passes.  If the engine tries to open a network connection (a
SERVICE or LOAD, however it is spelt), the sandbox refuses the system call and
this worker refuses the request: the engine's own reading of the query decides.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from .. import iris
from . import sandbox

LOCAL = (iris.BASE,)
NETWORK_REFUSED = ("the query tried to reach the network (SERVICE, LOAD or another remote call) and was "
                   "refused: this endpoint answers only from its own store")


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


@dataclass(frozen=True)
class Dataset:
    """The graphs a request names (the protocol's ``default-graph-uri`` and ``named-graph-uri``).

    When either is given they replace the query's own FROM / FROM NAMED; None or
    empty, the query's dataset holds.
    """

    default_graphs: list[str] | None = None
    named_graphs: list[str] | None = None


class TooManyRows(Exception):
    pass


def _refusal(status: int, message: str, form: str | None = None) -> dict:
    return {"ok": False, "status": status, "message": message, "form": form}


def too_many_rows(max_rows: int) -> dict:
    return _refusal(422, f"the result has more than {max_rows} rows (the server's row limit); "
                         "add a LIMIT or narrow the query")


def _dataset(union: bool, dataset: Dataset) -> dict:
    """Keyword arguments for Store.query: the protocol's graphs, the query's FROM, or the union."""
    import pyoxigraph

    default_graphs, named_graphs = dataset.default_graphs, dataset.named_graphs
    if default_graphs or named_graphs:  # the protocol's parameters override the query's dataset
        return {"default_graph": [pyoxigraph.NamedNode(g) for g in default_graphs or []] or None,
                "named_graphs": [pyoxigraph.NamedNode(g) for g in named_graphs or []]}
    return {"use_default_graph_as_union": union}


def execute(store, sparql: str, max_rows: int, *, union: bool = True, dataset: Dataset = Dataset()) -> dict:
    """Run one query on an open pyoxigraph store; never raises.

    ``union``: the default graph is the union of all graphs (False when the query has FROM);
    ``dataset``: the graphs the request names, which win over both.
    """
    import pyoxigraph

    try:
        result = store.query(sparql, **_dataset(union, dataset))
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
        return too_many_rows(max_rows)
    except SyntaxError as exc:
        return _refusal(400, f"SPARQL syntax error: {exc}")
    except (OSError, ValueError, RuntimeError, TypeError) as exc:
        return _refusal(400, f"query failed: {exc}")


def guarded_query(store, request: dict) -> dict:
    """The guard's reading first (a clear message for the plain cases), then the engine's."""
    from ..errors import QueryError
    from ..sparql.text import check_local, names_dataset, query_form, tokenize

    sparql = request["sparql"]
    try:
        tokens = tokenize(sparql)
        if query_form(sparql, tokens) == "update":
            return _refusal(400, "this is an update; send it as 'update=' with POST", form="update")
        check_local(sparql, LOCAL, tokens=tokens)
        union = not names_dataset(sparql, tokens)
    except QueryError as exc:
        return _refusal(400, str(exc))
    del tokens
    for graph in (request.get("default_graphs") or []) + (request.get("named_graphs") or []):
        if not graph.startswith(LOCAL):
            return _refusal(400, f"the graph {graph} is refused: only graphs of this store "
                                 f"({', '.join(LOCAL)}…) can be named")
    return execute(store, sparql, int(request.get("max_rows", 10000)), union=union,
                   dataset=Dataset(request.get("default_graphs"), request.get("named_graphs")))


def check_update(sparql: str) -> dict:
    """Run an update on an empty in-memory store: a LOAD the engine reads in it is caught here."""
    import pyoxigraph

    from ..errors import QueryError
    from ..sparql.text import check_local

    try:
        check_local(sparql, LOCAL, allow_update=True)
    except QueryError as exc:
        return _refusal(400, str(exc))
    try:
        pyoxigraph.Store().update(sparql)
    except SyntaxError as exc:
        return _refusal(400, f"SPARQL syntax error: {exc}")
    except (OSError, ValueError, RuntimeError, TypeError):
        pass  # may fail on an empty store (DROP of a missing graph) and still be fine on the real one
    return {"ok": True, "kind": "checked", "body": b""}


def trial_update(sparql: str, copy: str) -> dict:
    """Run an update on a writable copy of the store: the server applies it only if this ends in time."""
    import pyoxigraph

    checked = check_update(sparql)
    if not checked["ok"]:
        return checked
    try:
        store = pyoxigraph.Store(copy)
    except OSError as exc:
        return _refusal(503, f"cannot open a copy of the store to try the update ({exc})")
    try:
        store.update(sparql)
    except SyntaxError as exc:
        return _refusal(400, f"SPARQL syntax error: {exc}")
    except (OSError, ValueError, RuntimeError, TypeError) as exc:
        return _refusal(400, f"update failed: {exc}")
    finally:
        del store
    return {"ok": True, "kind": "checked", "body": b""}


def limit_memory(limit: int | None) -> None:
    """Cap this process's address space: a runaway query dies here, not the server."""
    if not limit:
        return
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # not on this platform, or above the hard limit
        pass


def negotiated(answer: dict, accept: str, format_arg: str | None) -> dict:
    """The answer written in the client's format (Accept header or ``format=``), or the refusal."""
    from .formats import choose, render
    from .pool import Answer, HttpError

    kind = "graph" if answer["kind"] == "graph" else "results"
    try:
        name = choose(kind, accept, format_arg)
    except HttpError as exc:
        return _refusal(exc.status, exc.message)
    content_type, body = render(Answer(answer["kind"], answer["body"]), name)
    return {**answer, "body": body, "content_type": content_type}


def _handle(request: dict, store) -> dict:
    op = request.get("op", "query")
    if op == "update-check":
        return check_update(request["sparql"])
    if op == "update-trial":
        return trial_update(request["sparql"], request["copy"])
    if op == "page":
        from .pages import render

        return render(store, request)
    answer = guarded_query(store, request)
    if answer.get("ok") and request.get("accept") is not None:
        answer = negotiated(answer, request["accept"], request.get("format"))
    max_bytes = int(request.get("max_bytes", 0))
    if answer.get("ok") and max_bytes and len(answer["body"]) > max_bytes:
        answer = _refusal(422, f"the result is larger than the server's limit of {max_bytes} bytes; "
                               "select fewer or shorter values")
    return answer


def main(conn, memory: int | None = None) -> None:
    """The worker loop: isolate, reopen the store when the snapshot changes, answer until the pipe closes."""
    held = sandbox.isolate("trap")
    limit_memory(memory)
    import pyoxigraph

    try:
        conn.send({"hello": True, "isolation": held, "problems": sandbox.problems()})
    except (OSError, EOFError):
        return
    store = None
    opened = None
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if "snapshot" in request and request["snapshot"] != opened:
            store = None
            try:
                store = pyoxigraph.Store.read_only(request["snapshot"])
                opened = request["snapshot"]
            except OSError as exc:
                conn.send(_refusal(503, f"cannot open the store snapshot ({exc})"))
                continue
        before = sandbox.attempts()
        try:
            answer = _handle(request, store)
        except MemoryError:
            answer = _refusal(422, "the request needed more memory than a query worker may use; narrow it")
        if sandbox.attempts() != before:
            answer = _refusal(400, NETWORK_REFUSED)
        conn.send(answer)
