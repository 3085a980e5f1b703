"""What holds each open target of issue 16 back: CPU time of the pieces, in one process.

    python -m benchmarks.open_targets first-page --store /tmp/kg10k [--reps 3] [--only who-responded]
    python -m benchmarks.open_targets pieces     --store /tmp/kg10k [--reps 1] [--only who-responded]
    python -m benchmarks.open_targets reordered  --store /tmp/kg10k [--reps 3]
    python -m benchmarks.open_targets engine     --store /tmp/kg10k [--reps 1]
    python -m benchmarks.open_targets one-entity --store /tmp/kg10k [--reps 3]
    python -m benchmarks.open_targets build      --folder /tmp/g1k --store /tmp/new-store
    python -m benchmarks.open_targets predicates --store /tmp/g1k-store

Every query time is ``time.process_time()`` (CPU of this process) around
``queries.as_target(store).select(text)``, which is what ``queries.run`` and
``queries.run_page`` do (the engine's evaluation and turning the solutions into a
Table); the store is opened read-only. Medians of ``--reps`` runs.

- ``first-page``: each saved query without required parameters: ``run_page(saved, {}, store,
  1, 100)``, the whole query (``run``), the same prepared text without its final ORDER BY, and
  without it plus ``LIMIT 101`` (what ``run_page`` asks for).
- ``pieces``: who-responded and unanswered-findings built up piece by piece (core pattern,
  + the OPTIONALs / MINUS sets, + GROUP BY / DISTINCT, + ORDER BY).
- ``reordered``: unanswered-findings as saved and with its unanswered findings found before their
  spans are read (a text for the engine to try, not the saved query), rows and order compared.
- ``engine``: the four slow whole-graph tables as ``run`` makes them (a Table) and with the
  engine's solutions only iterated, to tell the engine's time from the Table's.
- ``one-entity``: the variants of ``benchmarks.query_times --scope "one entity"`` (most frequent
  force and person), CPU ms.
- ``build``: one process over a folder, each phase of a build timed per document (read + hash,
  ``extract()``, ``to_quads()``, ``document_payload``, the writer's plan, the bulk load in
  batches of ``pipeline.BATCH_BYTES``, the final compaction), into a new store.
- ``predicates``: quads of every named graph by predicate, documents and spans, of a store.
"""

from __future__ import annotations

import argparse
import statistics
import time

IK = "https://w3id.org/inspectkg/ontology#"


def _cpu(fn, reps: int):
    """(median CPU ms, rows, all CPU ms) of ``fn()`` (which returns the rows) over ``reps`` runs."""
    times, rows = [], None
    for _ in range(reps):
        t0 = time.process_time()
        rows = fn()
        times.append((time.process_time() - t0) * 1000)
    return statistics.median(times), rows, times


def without_final_order(text: str) -> str:
    """The query without its last top-level ORDER BY clause (the text from it to the end)."""
    from inspectkg.sparql.text import tokenize

    tokens = tokenize(text)
    depth, at = 0, None
    for i, tok in enumerate(tokens):
        depth += tok.value == "{"
        depth -= tok.value == "}"
        if depth == 0 and tok.keyword == "ORDER" and i + 1 < len(tokens) and tokens[i + 1].keyword == "BY":
            at = tok.start
    if at is None:
        raise ValueError("no final ORDER BY")
    return text[:at].rstrip() + "\n"


def _open(path):
    from inspectkg.store.embedded import Store

    return Store(path, read_only=True)


def first_page(args):
    from inspectkg.sparql import queries

    store = _open(args.store)
    target = queries.as_target(store)
    saved_all = queries.load_all()
    print(f"store {args.store}; CPU ms (time.process_time), median of {args.reps}\n")
    print("| query | rows | first page of 100 (`run_page`) | whole query (`run`) | no ORDER BY | "
          "no ORDER BY, LIMIT 101 | first page / whole |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, saved in saved_all.items():
        if any(p.required for p in saved.params.values()) or (args.only and name not in args.only):
            continue
        text = queries.prepare(saved, {}, store)
        bare = without_final_order(text)
        page, _, _ = _cpu(lambda: len(queries.run_page(saved, {}, store, 1, 100).table.rows), args.reps)
        whole, rows, _ = _cpu(lambda: len(queries.run(saved, {}, store).rows), args.reps)
        unsorted, rows2, _ = _cpu(lambda: len(target.select(bare).rows), args.reps)
        limited, _, _ = _cpu(lambda: len(target.select(bare + "LIMIT 101").rows), args.reps)
        same = "" if rows2 == rows else f" (unsorted: {rows2})"
        print(f"| {name} | {rows:,}{same} | {page:,.0f} | {whole:,.0f} | {unsorted:,.0f} | {limited:,.0f} | "
              f"{page / whole:.2f} |", flush=True)


# --- pieces of the two largest tables ---------------------------------------------------------

PREFIXES = """PREFIX ik: <https://w3id.org/inspectkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""


def _between(text: str, start: str, end: str) -> str:
    i = text.index(start)
    return text[i:text.index(end, i)]


def who_responded_pieces(text: str) -> list[tuple[str, str]]:
    """who-responded, built up: the saved text cut at its comment lines (the query is unbound)."""
    union = _between(text, "  {\n    SELECT ?force ?g ?claim", "  # optional parts last")
    published = "  OPTIONAL { GRAPH ?g { ?document ik:published ?pub } }\n"
    rest = _between(text, "  OPTIONAL { GRAPH ?g { ?claim ik:speaker", "  # grlc passes")
    group = "GROUP BY ?force ?target_kind ?target_text ?responder ?stance ?response ?document\n"
    order = text[text.index("ORDER BY STR(?force)"):]
    head = ("SELECT ?force ?target_kind ?target_text ?responder (MIN(STR(?label)) AS ?responder_label) ?stance "
            "?response ?document (STR(MIN(?pub)) AS ?published)\nWHERE {\n")
    plain = "SELECT ?force ?target_kind ?target_text ?response ?document ?claim ?pub ?responder ?stance ?label WHERE {\n"
    no_label = rest.split("  OPTIONAL { VALUES ?lg")[0] + rest.split("GRAPH ?lg { ?responder rdfs:label ?label } }\n")[1]
    return [
        ("the three target sub-SELECTs (UNION)", PREFIXES + plain + union + "}"),
        ("+ `?document ik:published` OPTIONAL", PREFIXES + plain + union + published + "}"),
        ("+ speaker, stance, label OPTIONALs (no GROUP BY, no ORDER BY)",
         PREFIXES + plain + union + published + rest + "}"),
        ("+ GROUP BY (no ORDER BY)", PREFIXES + head + union + published + rest + "}\n" + group),
        ("+ ORDER BY: the saved query", PREFIXES + head + union + published + rest + "}\n" + group + order),
        ("the saved query without the label OPTIONAL",
         PREFIXES + head + union + published + no_label + "}\n" + group + order),
        ("the saved query, ORDER BY without STR() (the terms)",
         PREFIXES + head + union + published + rest + "}\n" + group
         + "ORDER BY ?force ?published ?target_text ?response ?target_kind ?responder ?stance ?document\n"),
    ]


def unanswered_pieces(text: str) -> list[tuple[str, str]]:
    core = _between(text, "  GRAPH ?g {\n    ?f a ik:Finding", "  GRAPH <https://w3id.org/inspectkg/id/graph/entities> {\n    ?inspection")
    force = _between(text, "  GRAPH <https://w3id.org/inspectkg/id/graph/entities> {\n    ?inspection", "  # answered")
    minus_f = _between(text, "  MINUS { SELECT DISTINCT ?force ?f WHERE", "  MINUS { SELECT DISTINCT ?force ?inspection")
    minus_i = _between(text, "  MINUS { SELECT DISTINCT ?force ?inspection", "  BIND (REPLACE")
    tail = _between(text, "  BIND (REPLACE", "}\nORDER BY")
    order = text[text.index("ORDER BY STR(?force)"):]
    sel = "SELECT ?force ?period ?finding_kind ?finding ?document ?start ?end WHERE {\n"
    core_sel = "SELECT ?f ?inspection ?kindC ?finding ?document ?start ?end WHERE {\n"
    dist = "SELECT DISTINCT ?force ?period ?finding_kind ?finding ?document ?start ?end WHERE {\n"
    # not the saved query: the unanswered findings first (no text, no span), their spans joined after
    first = ("SELECT DISTINCT ?force ?period ?finding_kind ?finding ?document ?start ?end WHERE {\n"
             "  { SELECT ?g ?f ?force ?inspection ?kindC WHERE {\n"
             "    GRAPH ?g { ?f a ik:Finding ; ik:inspection ?inspection ; ik:findingKind ?kindC }\n"
             "    GRAPH <https://w3id.org/inspectkg/id/graph/entities> { ?inspection ik:inspectedBody ?force }\n"
             + minus_f + minus_i + "  } }\n"
             "  GRAPH ?g { ?f ik:text ?finding ; prov:wasDerivedFrom ?span .\n"
             "    ?span ik:exact ?finding ; ik:start ?start ; ik:end ?end ; ik:document ?document . }\n"
             "  OPTIONAL { GRAPH <https://w3id.org/inspectkg/id/graph/entities> { ?inspection ik:period ?period } }\n"
             + tail + "}\n" + order)
    return [
        ("findings alone (no text, no span)", PREFIXES + "SELECT ?f ?inspection ?kindC WHERE {\n"
         "  GRAPH ?g { ?f a ik:Finding ; ik:inspection ?inspection ; ik:findingKind ?kindC }\n}"),
        ("findings and their spans (document graphs)", PREFIXES + core_sel + core + "}"),
        ("+ inspected force and period (entity graph)", PREFIXES + sel + core + force + tail + "}"),
        ("+ MINUS: claims answering the finding", PREFIXES + sel + core + force + minus_f + tail + "}"),
        ("+ MINUS: claims answering its inspection", PREFIXES + sel + core + force + minus_f + minus_i + tail + "}"),
        ("+ DISTINCT (no ORDER BY)", PREFIXES + dist + core + force + minus_f + minus_i + tail + "}"),
        ("+ ORDER BY: the saved query", PREFIXES + dist + core + force + minus_f + minus_i + tail + "}\n" + order),
        ("the saved query, ORDER BY without STR() (the terms)",
         PREFIXES + dist + core + force + minus_f + minus_i + tail + "}\n"
         + "ORDER BY ?force ?period ?finding_kind ?finding ?document ?start ?end\n"),
        ("not saved: the unanswered findings first, their spans after", PREFIXES + first),
    ]


def pieces(args):
    from inspectkg.sparql import queries

    store = _open(args.store)
    target = queries.as_target(store)
    saved_all = queries.load_all()
    print(f"store {args.store}; CPU ms (time.process_time), median of {args.reps}")
    for name, build in (("who-responded", who_responded_pieces), ("unanswered-findings", unanswered_pieces)):
        if args.only and name not in args.only:
            continue
        text = queries.prepare(saved_all[name], {}, store)
        print(f"\n{name}\n\n| piece | rows | CPU ms | ms per 1,000 rows |\n|---|---:|---:|---:|")
        for label, sparql in build(text):
            if args.show:
                print(sparql)
            ms, rows, _ = _cpu(lambda: len(target.select(sparql).rows), args.reps)
            print(f"| {label} | {rows:,} | {ms:,.0f} | {1000 * ms / max(rows, 1):,.0f} |", flush=True)


def reordered(args):
    """unanswered-findings as saved against the reordered text of ``pieces`` (not saved): rows and order compared."""
    from inspectkg.sparql import queries

    store = _open(args.store)
    target = queries.as_target(store)
    text = queries.prepare(queries.load_all()["unanswered-findings"], {}, store)
    alt = dict(unanswered_pieces(text))["not saved: the unanswered findings first, their spans after"]
    print(f"store {args.store}; CPU ms (time.process_time), median of {args.reps}\n")
    print("| unanswered-findings | rows | CPU ms | the saved query's rows, in its order |\n|---|---:|---:|---|")
    ref = None
    for label, sparql in (("as saved", text), ("unanswered findings first, spans after", alt)):
        ms, rows, _ = _cpu(lambda: target.select(sparql).rows, args.reps)
        ref = rows if ref is None else ref
        print(f"| {label} | {len(rows):,} | {ms:,.0f} | {'yes' if rows == ref else 'NO'} |", flush=True)


def engine(args):
    """The whole query as ``run`` does it (a Table) against the engine alone (its solutions iterated)."""
    from inspectkg.sparql import queries

    store = _open(args.store)
    target = queries.as_target(store)
    saved_all = queries.load_all()
    names = args.only or ["who-responded", "unanswered-findings", "source-disagreements", "statistics-by-measure"]
    print(f"store {args.store}; CPU ms (time.process_time), median of {args.reps}\n")
    print("| query | rows | `run` (a Table) | solutions iterated, no Table | ms per 1,000 rows (`run`) |")
    print("|---|---:|---:|---:|---:|")
    for name in names:
        text = queries.prepare(saved_all[name], {}, store)
        whole, rows, _ = _cpu(lambda: len(target.select(text).rows), args.reps)
        bare, _, _ = _cpu(lambda: sum(1 for _ in store.query(text)), args.reps)
        print(f"| {name} | {rows:,} | {whole:,.0f} | {bare:,.0f} | {1000 * whole / rows:,.0f} |", flush=True)


def one_entity(args):
    from inspectkg.sparql import queries

    from .query_times import most_frequent, variants

    picks = most_frequent(args.store, "most")
    store = _open(args.store)
    target = queries.as_target(store)
    saved_all = queries.load_all()
    print(f"store {args.store}; force={picks.get('force')}, person={picks.get('person')}; "
          f"CPU ms (time.process_time), median of {args.reps}\n")
    print("| query | rows | CPU ms | ms per row |\n|---|---:|---:|---:|")
    for name, scope, given in variants(saved_all, picks):
        if scope != "one entity":
            continue
        text = queries.prepare(saved_all[name], given, store)
        ms, rows, _ = _cpu(lambda: len(target.select(text).rows), args.reps)
        label = name + " (" + ", ".join(f"{k}={v.rsplit('/', 1)[-1]}" for k, v in given.items()) + ")"
        print(f"| {label} | {rows:,} | {ms:,.1f} | {ms / max(rows, 1):.3f} |", flush=True)


# --- the build, phase by phase ------------------------------------------------------------------

def build_phases(args):
    from inspectkg import pipeline
    from inspectkg.ingest.extract import extract
    from inspectkg.ingest.read import discover, read
    from inspectkg.store.embedded import Store, document_payload
    from inspectkg.store.mapping import to_quads

    clock = time.process_time
    sources = discover([args.folder])
    phases = dict.fromkeys(["read + SHA-256", "extract()", "to_quads()", "N-Quads payload (document_payload)",
                            "plan (stored? new?)", "bulk load (Store.add_documents)", "final compaction (optimize)"], 0.0)
    quads_total, batches = 0, 0
    extract(read(sources[0]))  # the extractor's one-time set-up (spaCy, patterns) is not a per-document cost
    wall = time.perf_counter()
    with Store(args.store) as store:
        pipeline.load_reference(store)
        pending, pending_bytes = [], 0
        for source in sources:
            t0 = clock()
            document = read(source)
            t1 = clock()
            extraction = extract(document)
            t2 = clock()
            quads = to_quads(extraction)
            t3 = clock()
            payload = document_payload(quads)
            t4 = clock()
            plan = store.plan(document.id, source.name)
            t5 = clock()
            assert plan == "new", plan
            phases["read + SHA-256"] += t1 - t0
            phases["extract()"] += t2 - t1
            phases["to_quads()"] += t3 - t2
            phases["N-Quads payload (document_payload)"] += t4 - t3
            phases["plan (stored? new?)"] += t5 - t4
            quads_total += len(quads)
            pending.append(payload)
            pending_bytes += len(payload.body)
            if pending_bytes >= pipeline.BATCH_BYTES:
                t0 = clock()
                store.add_documents(pending)
                phases["bulk load (Store.add_documents)"] += clock() - t0
                pending, pending_bytes, batches = [], 0, batches + 1
        t0 = clock()
        store.add_documents(pending)
        store.flush()
        phases["bulk load (Store.add_documents)"] += clock() - t0
        batches += 1
        t0 = clock()
        store.optimize()
        phases["final compaction (optimize)"] += clock() - t0
        stored = len(store)
    wall = time.perf_counter() - wall
    n = len(sources)
    total = sum(phases.values())
    print(f"{n:,} documents from {args.folder} into {args.store}, one process; CPU (time.process_time, "
          f"every thread of the process) per document; {batches} bulk loads; {wall:.1f} s wall, {total:.1f} s CPU\n")
    print("| phase | ms per document | share |\n|---|---:|---:|")
    for phase, seconds in phases.items():
        print(f"| {phase} | {1000 * seconds / n:.2f} | {100 * seconds / total:.0f} % |")
    print(f"| **total** | **{1000 * total / n:.2f}** | |")
    print(f"\nquads from to_quads(): {quads_total / n:,.0f} a document; quads in the store: {stored:,}")
    print(f"implied lower bound for 10,000 documents on 2 cores (total x 10,000 / 2): {total / n * 10000 / 2:.0f} s")


def predicates(args):
    store = _open(args.store)
    q = """SELECT ?p (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?p ORDER BY DESC(?n)"""
    rows = [(sol[0].value, int(sol[1].value)) for sol in store.query(q, use_default_graph_as_union=False)]
    graphs = {sol[0].value: int(sol[1].value) for sol in store.query(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", use_default_graph_as_union=False)}
    docs = int(next(iter(store.query(
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?d a <{IK}Document> }} }}")))[0].value)
    spans = int(next(iter(store.query(
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s a <{IK}TextSpan> }} }}")))[0].value)
    total = sum(n for _, n in rows)
    big = {g: n for g, n in graphs.items() if g.endswith("/graph/entities") or g.endswith("/graph/reference")}
    print(f"store {args.store}: {total:,} quads, {docs:,} documents, {total / docs:,.0f} a document; "
          f"spans {spans:,} ({spans / docs:,.0f} a document); "
          + ", ".join(f"{g.rsplit('/', 1)[-1]} graph {n:,}" for g, n in big.items()) + "\n")
    print("| predicate | quads | a document | share |\n|---|---:|---:|---:|")
    for p, n in rows:
        print(f"| {p.replace(IK, 'ik:')} | {n:,} | {n / docs:,.1f} | {100 * n / total:.1f} % |")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("what", choices=["first-page", "pieces", "reordered", "engine", "one-entity", "build", "predicates"])
    ap.add_argument("--store", required=True)
    ap.add_argument("--folder")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--show", action="store_true", help="print each piece's text (pieces)")
    args = ap.parse_args(argv)
    {"first-page": first_page, "pieces": pieces, "reordered": reordered, "engine": engine, "one-entity": one_entity, "build": build_phases,
     "predicates": predicates}[args.what](args)


if __name__ == "__main__":
    main()
