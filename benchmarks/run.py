"""Measure inspectkg on synthetic corpora and write the tables into benchmarks/README.md.

    python -m benchmarks.run --sizes 1000,10000          # the full run
    python -m benchmarks.run --quick --out /tmp/bench.md # <= 60 s, for CI
    python -m benchmarks.run --profile 1000              # pyinstrument over one build

Every section is measured in this one run on this machine; a section whose
piece of inspectkg does not exist yet is skipped with a note.  Tables go
between ``<!-- results:start -->`` and ``<!-- results:end -->`` of ``--out``
(the profile between ``<!-- profile:start/end -->``); the prose is kept.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import machine, measure
from .engines import Engine, Timing, wait_for
from .generate import generate
from .markdown import fmt_mb, fmt_ms, fmt_rate, fmt_s, replace_block, table
from .saved_queries import discover

REPO = Path(__file__).resolve().parent.parent
SECTIONS = ("Machine", "Extraction", "End-to-end build", "Incremental rebuild", "Saved queries",
            "Export and re-import", "Push to a SPARQL server")
RDFLIB_KB_PER_QUAD = 2.0  # MEASURED.md: ~1.8 KB per quad in memory
RDFLIB_QUADS_PER_S = 20_000
FULL = {"sizes": "1000,10000", "reps": 5, "extract_n": 1000, "query_timeout": 300.0, "rdflib_budget": None}
QUICK = {"sizes": "100", "reps": 2, "extract_n": 100, "query_timeout": 5.0, "rdflib_budget": 10.0}


@dataclass
class Config:
    sizes: list[int]
    jobs: int
    reps: int
    extract_n: int
    seed: int
    query_timeout: float
    rdflib_max_quads: int
    rdflib_budget: float | None
    work: Path
    out: Path
    quick: bool = False
    notes: list[str] = field(default_factory=list)


def inspectkg_cmd() -> list[str]:
    script = Path(sys.executable).parent / "inspectkg"
    if script.exists():
        return [str(script)]
    found = shutil.which("inspectkg")
    return [found] if found else [sys.executable, "-c", "from inspectkg.cli import main; main()"]


# --- corpora and builds ---------------------------------------------------------------------------

_corpora: dict[int, Path] = {}


def corpus(cfg: Config, n: int) -> Path:
    if n not in _corpora:
        folder = cfg.work / f"corpus-{n}"
        if folder.exists():
            shutil.rmtree(folder)
        generate(n, cfg.seed, folder)
        _corpora[n] = folder
    return _corpora[n]


def words_in(folder: Path) -> tuple[int, int]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    return len(texts), sum(len(t.split()) for t in texts)


_fresh_builds: dict[tuple[int, int], dict] = {}  # (docs, jobs) -> a build into an empty store
_SUMMARY = re.compile(r"(\d+) added, (\d+) replaced, (\d+) unchanged, (\d+) failed")


def build(cfg: Config, folder: Path, store: Path, jobs: int, *, fresh: bool = True) -> dict:
    if fresh and store.exists():
        shutil.rmtree(store)
    cmd = [*inspectkg_cmd(), "build", str(folder), "--store", str(store), "--jobs", str(jobs)]
    m = measure.run(cmd, log=cfg.work / f"build-{store.name}-j{jobs}")
    summary = _SUMMARY.search(m.stderr)
    if m.rc not in (0, 2) or summary is None:
        tail = m.stderr.strip().splitlines()[-3:]
        raise RuntimeError(f"build exited {m.rc}: {' / '.join(tail)}")
    added, replaced, unchanged, failed = (int(x) for x in summary.groups())
    return {"wall": m.wall_s, "rss": m.max_rss_kb, "tree_rss": m.tree_rss_kb, "added": added,
            "replaced": replaced, "unchanged": unchanged, "failed": failed, "summary": summary.group(0)}


def quads_in(store: Path) -> int:
    import pyoxigraph

    return len(pyoxigraph.Store.read_only(str(store)))


# --- sections -------------------------------------------------------------------------------------


def section_machine(cfg: Config) -> str:
    info = machine.describe(REPO)
    return table(["", ""], [[k, v] for k, v in info.items()])


def section_extraction(cfg: Config, results: dict) -> str:
    from inspectkg.store.mapping import to_quads
    from inspectkg.ingest.extract import extract
    from inspectkg.ingest.read import discover as discover_sources, read

    folder = corpus(cfg, cfg.extract_n)
    docs = [read(s) for s in discover_sources([folder])]
    news = {d.source for d in docs if "_news_" in d.source}
    for d in docs[:3]:  # warm-up: spaCy, gazetteers, patterns
        extract(d)
    timings, map_timings, failures = [], [], 0
    for d in docs:
        t = time.perf_counter()
        try:
            extraction = extract(d)
        except Exception:
            failures += 1
            continue
        t1 = time.perf_counter()
        to_quads(extraction)
        timings.append((d, t1 - t))
        map_timings.append(time.perf_counter() - t1)
    ok_words = sum(len(d.text.split()) for d, _ in timings)
    total = sum(t for _, t in timings)
    news_t = [(d, t) for d, t in timings if d.source in news]
    news_total = sum(t for _, t in news_t)
    news_words = sum(len(d.text.split()) for d, _ in news_t)
    mapped = total + sum(map_timings)
    rows = [
        ["`extract()`, pre-read documents, 1 process", len(timings), f"{ok_words:,}", fmt_s(total),
         fmt_rate(len(timings), total), fmt_rate(ok_words, total)],
        ["… news articles only (≈550 words)", len(news_t), f"{news_words:,}", fmt_s(news_total),
         fmt_rate(len(news_t), news_total), fmt_rate(news_words, news_total)],
        ["`extract()` + `to_quads()`, 1 process", len(timings), f"{ok_words:,}", fmt_s(mapped),
         fmt_rate(len(timings), mapped), fmt_rate(ok_words, mapped)],
    ]
    n, words = words_in(folder)
    for jobs in (1, 2):
        b = build(cfg, folder, cfg.work / f"store-{n}-j{jobs}", jobs)
        _fresh_builds[(n, jobs)] = b
        rows.append([f"`inspectkg build --jobs {jobs}` (end to end, subprocess)", n, f"{words:,}", fmt_s(b["wall"]),
                     fmt_rate(n, b["wall"]), fmt_rate(words, b["wall"])])
        results.setdefault("extraction_builds", {})[jobs] = b
    results["extraction"] = {"docs": len(timings), "seconds": total, "news_docs": len(news_t),
                             "news_seconds": news_total, "failures": failures}
    text = table(["what", "docs", "words", "seconds", "docs/s", "words/s"], rows)
    if failures:
        text += f"\n\n{failures} document(s) raised inside `extract()` and are left out of the rates."
    return text


def section_builds(cfg: Config, results: dict) -> str:
    rows = []
    for n in cfg.sizes:
        folder = corpus(cfg, n)
        docs, words = words_in(folder)
        store = cfg.work / f"store-{n}-j{cfg.jobs}"
        b = _fresh_builds.get((n, cfg.jobs)) or build(cfg, folder, store, cfg.jobs)
        size = measure.du_bytes(store)
        quads = quads_in(store)
        results.setdefault("builds", {})[n] = {**b, "store_bytes": size, "quads": quads, "store": str(store)}
        rows.append([docs, f"{words:,}", cfg.jobs, fmt_s(b["wall"]), fmt_rate(docs, b["wall"]),
                     fmt_mb(b["rss"]), fmt_mb(b["tree_rss"]), fmt_mb(size, kb=False), f"{quads:,}",
                     b["failed"]])
    return table(["docs", "words", "jobs", "wall s", "docs/s", "peak RSS (largest process)",
                  "peak RSS (all processes)", "store on disk", "quads", "failed docs"], rows)


def section_incremental(cfg: Config, results: dict) -> str:
    rows = []
    for n in cfg.sizes:
        built = results.get("builds", {}).get(n)
        if not built:
            rows.append([n, "–", "–", "no build at this size"])
            continue
        folder, store = corpus(cfg, n), Path(built["store"])
        same = build(cfg, folder, store, cfg.jobs, fresh=False)
        rows.append([n, "nothing changed", fmt_s(same["wall"]), same["summary"]])
        victim = sorted(folder.glob("*.txt"))[n // 2]
        with victim.open("a", encoding="utf-8") as handle:
            handle.write("\nThe force said it would respond to the report in full next month.\n")
        one = build(cfg, folder, store, cfg.jobs, fresh=False)
        rows.append([n, "one document changed", fmt_s(one["wall"]), one["summary"]])
        results.setdefault("incremental", {})[n] = {"unchanged": same, "one": one}
    return table(["docs", "change", "wall s", "build summary"], rows)


def _rdflib_ok(cfg: Config, quads: int) -> str:
    if quads > cfg.rdflib_max_quads:
        return (f"rdflib skipped: {quads:,} quads > --rdflib-max-quads {cfg.rdflib_max_quads:,} "
                f"(≈ {quads * RDFLIB_KB_PER_QUAD / 1024 / 1024:.1f} GB and "
                f"≈ {quads / RDFLIB_QUADS_PER_S:.0f} s to load)")
    return ""


def picks(folder: Path) -> dict[str, str]:
    """Parameter values that exist in a generated corpus: its most frequent force and person."""
    forces, people = Counter(), Counter()
    for line in (folder / "facts.jsonl").read_text(encoding="utf-8").splitlines():
        known = json.loads(line)
        forces[known["force"].removeprefix("force/")] += 1
        people.update({p["name"] for p in known["people"]})
    out = {"org": "hmicfrs"}
    if forces:
        out["force"] = forces.most_common(1)[0][0]
    if people:
        out["person"] = people.most_common(1)[0][0]
    return out


def section_queries(cfg: Config, results: dict) -> str:
    import pyoxigraph

    parts = [f"Median of {cfg.reps} runs, the first included (one run when the first took > 10 s); each "
             f"engine runs in its own process, killed after {cfg.query_timeout:.0f} s. rdflib: "
             "`Dataset(default_union=True)` loaded from the N-Quads export. Parameters bound to the corpus's "
             "most frequent force and person; the same query text runs on both engines."]
    for n in cfg.sizes:
        built = results.get("builds", {}).get(n)
        if not built:
            continue
        store = built["store"]
        chosen = picks(corpus(cfg, n))
        queries, origin = discover(REPO, store, chosen)
        skip_rdflib = _rdflib_ok(cfg, built["quads"])
        nq = cfg.work / f"export-{n}.nq"
        if not skip_rdflib:
            pyoxigraph.Store.read_only(store).dump(output=str(nq), format=pyoxigraph.RdfFormat.N_QUADS)
        rows = []
        with Engine("oxigraph", store, load_timeout=600, query_timeout=cfg.query_timeout) as ox, \
                Engine("rdflib", str(nq), load_timeout=1800, query_timeout=cfg.query_timeout) as rdf:
            ox_loaded = ox.start()
            spent = time.perf_counter()
            rdf_loaded = {} if skip_rdflib else rdf.start()
            spent = time.perf_counter() - spent
            for q in queries:
                if q.problem:
                    rows.append([q.name, q.scope, "–", "–", "–", "–", q.problem])
                    continue
                a = ox.time(q, cfg.reps)
                b = None
                if not skip_rdflib and cfg.rdflib_budget is not None and spent > cfg.rdflib_budget:
                    b = Timing(note="not run")
                elif not skip_rdflib:
                    t = time.perf_counter()
                    b = rdf.time(q, cfg.reps)
                    spent += time.perf_counter() - t
                ratio = (f"{b.median_s / a.median_s:,.1f}×" if b and a.median_s and b.median_s else "–")
                note = "; ".join(x for x in (a.note and f"oxigraph: {a.note}",
                                             b and b.note and b.note != "not run" and f"rdflib: {b.note}") if x)
                if b and a.rows is not None and b.rows is not None and a.rows != b.rows:
                    note = (note + "; " if note else "") + f"rows differ: rdflib {b.rows}"
                rows.append([q.name, q.scope, a.rows if a.rows is not None else "–", fmt_ms(a.median_s),
                             fmt_ms(b.median_s) if b else "skipped", ratio, note])
                print(f"[bench]   {n} docs, {q.name}: oxigraph {fmt_ms(a.median_s)} ms, rdflib "
                      f"{fmt_ms(b.median_s) if b else '–'} ms {note}", file=sys.stderr, flush=True)
                if b and b.note.startswith("not run"):
                    rows[-1][4] = "not run"
                results.setdefault("queries", {}).setdefault(n, {})[q.name] = {
                    "oxigraph_s": a.median_s, "rdflib_s": b.median_s if b else None, "rows": a.rows}
        if any(r[4] == "not run" for r in rows):
            skip_rdflib = (f"rdflib stopped after its --rdflib-budget of {cfg.rdflib_budget:.0f} s; "
                           f"loaded in {fmt_s(rdf_loaded.get('loaded_s'))} s")
        load_note = (f"oxigraph store opened in {fmt_s(ox_loaded.get('loaded_s'))} s ({ox_loaded.get('quads', 0):,} "
                     f"quads); " + (skip_rdflib or f"rdflib loaded in {fmt_s(rdf_loaded.get('loaded_s'))} s, "
                                    f"{fmt_mb(rdf_loaded.get('rss_kb', 0))} RSS."))
        parts.append(f"**{n:,} documents** — {origin}; {load_note}\n\n" + table(
            ["query", "scope", "rows", "oxigraph ms", "rdflib ms", "rdflib / oxigraph", "note"], rows))
    return "\n\n".join(parts)


def section_export(cfg: Config, results: dict) -> str:
    import pyoxigraph

    from inspectkg.store.export import FORMATS, serialize
    from inspectkg.store.embedded import Store

    rows = []
    for n in cfg.sizes:
        built = results.get("builds", {}).get(n)
        if not built:
            continue
        store = Store(built["store"], read_only=True)
        quads = len(store)
        for fmt in ("turtle", "nquads"):
            t = time.perf_counter()
            data = serialize(store.quads(), fmt)
            export_s = time.perf_counter() - t
            t = time.perf_counter()
            parsed = list(pyoxigraph.parse(data, format=FORMATS[fmt]))
            parse_s = time.perf_counter() - t
            target = cfg.work / f"reimport-{n}-{fmt}"
            if target.exists():
                shutil.rmtree(target)
            fresh = pyoxigraph.Store(str(target))
            t = time.perf_counter()
            fresh.extend(parsed)
            fresh.flush()
            extend_s = time.perf_counter() - t
            del fresh
            shutil.rmtree(target, ignore_errors=True)
            rows.append([n, fmt, f"{quads:,}", fmt_s(export_s), fmt_rate(quads, export_s), fmt_mb(len(data), kb=False),
                         f"{len(parsed):,}", fmt_s(parse_s), fmt_s(extend_s), fmt_rate(len(parsed), parse_s + extend_s)])
            del data, parsed
        store.close()
    return ("Export: `inspectkg.store.export.serialize` (sorted; Turtle is the de-duplicated union). "
            "Re-import: `pyoxigraph.parse` + `Store.extend` into a new on-disk store.\n\n" + table(
                ["docs", "format", "quads in store", "export s", "export quads/s", "file",
                 "statements parsed", "parse s", "extend s", "re-import statements/s"], rows))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _push_command(help_text: str, store: str, base: str) -> list[str]:
    """Guess the push invocation from its --help (the command is being written by others)."""
    target = base + "/query" if "/query" in help_text else base + "/store" if "/store" in help_text else base
    if "--endpoint" in help_text:
        return [*inspectkg_cmd(), "push", "--store", store, "--endpoint", target]
    if "--url" in help_text:
        return [*inspectkg_cmd(), "push", "--store", store, "--url", target]
    return [*inspectkg_cmd(), "push", target, "--store", store]


def section_push(cfg: Config, results: dict) -> str:
    probe = subprocess.run([*inspectkg_cmd(), "push", "--help"], capture_output=True, text=True, timeout=60)
    if probe.returncode != 0:
        return "_Skipped: `inspectkg push` does not exist yet._"
    server = Path(sys.executable).parent / "oxigraph"
    if not server.exists():
        return "_Skipped: no `oxigraph` server binary in the venv (`pip install oxigraph`)._"
    rows = []
    for n in cfg.sizes:
        built = results.get("builds", {}).get(n)
        if not built:
            continue
        location = cfg.work / f"server-{n}"
        shutil.rmtree(location, ignore_errors=True)
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        proc = subprocess.Popen([str(server), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            if not wait_for(lambda: _port_open(port), 30):
                rows.append([n, "–", "–", "–", "oxigraph serve did not start"])
                continue
            cmd = _push_command(probe.stdout, built["store"], base)
            m = measure.run(cmd, log=cfg.work / f"push-{n}", timeout=1800)
            count = _server_count(base)
            note = "" if m.rc == 0 else f"exit {m.rc}: {m.stderr.strip().splitlines()[-1:]}"
            rows.append([n, f"{count:,}" if count is not None else "?", fmt_s(m.wall_s),
                         fmt_rate(count or 0, m.wall_s), note or "`" + " ".join(cmd[1:]) + "`"])
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            shutil.rmtree(location, ignore_errors=True)
    return table(["docs", "quads on server", "push s", "quads/s", "note / command"], rows)


def _port_open(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def _server_count(base: str) -> int | None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
    url = base + "/query?" + urllib.parse.urlencode({"query": query})
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"}),
                                    timeout=120) as response:
            data = json.load(response)
        return int(data["results"]["bindings"][0]["n"]["value"])
    except (OSError, ValueError, KeyError, IndexError):
        return None


# --- the run --------------------------------------------------------------------------------------


def run_all(cfg: Config) -> str:
    results: dict = {}
    started = time.perf_counter()
    steps = (
        ("Machine", lambda: section_machine(cfg)),
        ("Extraction", lambda: section_extraction(cfg, results)),
        ("End-to-end build", lambda: section_builds(cfg, results)),
        ("Incremental rebuild", lambda: section_incremental(cfg, results)),
        ("Export and re-import", lambda: section_export(cfg, results)),
        ("Saved queries", lambda: section_queries(cfg, results)),
        ("Push to a SPARQL server", lambda: section_push(cfg, results)),
    )
    body: dict[str, str] = {}
    for name, step in steps:
        t = time.perf_counter()
        print(f"[bench] {name} …", file=sys.stderr, flush=True)
        try:
            body[name] = step()
        except Exception as exc:  # one missing piece must not lose the other sections
            (cfg.work / "errors.log").open("a").write(traceback.format_exc())
            body[name] = f"_Skipped: {type(exc).__name__}: {str(exc)[:300]}_"
        print(f"[bench] {name}: {time.perf_counter() - t:.1f} s", file=sys.stderr, flush=True)
    (cfg.work / "results.json").write_text(json.dumps(results, indent=1, default=str))
    sizes = ", ".join(f"{n:,}" for n in cfg.sizes)
    head = (f"Run: `python -m benchmarks.run {' '.join(sys.argv[1:])}` — sizes {sizes} documents (seed {cfg.seed}), "
            f"build `--jobs {cfg.jobs}`, {time.perf_counter() - started:.0f} s in all.")
    return head + "\n\n" + "\n\n".join(f"### {name}\n\n{body[name]}" for name in SECTIONS)


def default_rdflib_max_quads() -> int:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable"):
                return int(int(line.split()[1]) * 0.4 / RDFLIB_KB_PER_QUAD)
    except OSError:
        pass
    return 2_000_000


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", help="comma-separated corpus sizes in documents (default 1000,10000)")
    parser.add_argument("--jobs", type=int, default=2, help="--jobs of the end-to-end builds")
    parser.add_argument("--reps", type=int, help="query repetitions, median taken (default 5)")
    parser.add_argument("--extract-n", type=int, help="documents for the extraction rates (default 1000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--query-timeout", type=float, help="seconds per query run (default 300)")
    parser.add_argument("--rdflib-max-quads", type=int, default=None,
                        help="skip rdflib above this many quads (default: 40%% of free memory)")
    parser.add_argument("--rdflib-budget", type=float, help="seconds of rdflib loading and querying per size, "
                        "after which its remaining queries are not run (default: no limit; --quick: 10)")
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("README.md"))
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    parser.add_argument("--quick", action="store_true",
                        help="a <= 60 s run: 100 documents, 2 repetitions, 5 s query timeout, 10 s of rdflib "
                        "(options given override)")
    parser.add_argument("--profile", type=int, default=None, metavar="N",
                        help="instead: profile a build of N documents with pyinstrument")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    defaults = QUICK if args.quick else FULL
    for key, value in defaults.items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    work = args.work or Path(tempfile.mkdtemp(prefix="inspectkg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        if args.profile:
            from .profile import profile_build

            replace_block(args.out, "profile", profile_build(args.profile, args.seed, work))
            print(f"profile of {args.profile} documents -> {args.out}")
            return
        cfg = Config(
            sizes=[int(s) for s in args.sizes.split(",") if s.strip()], jobs=args.jobs, reps=args.reps,
            extract_n=args.extract_n, seed=args.seed, query_timeout=args.query_timeout,
            rdflib_max_quads=args.rdflib_max_quads or default_rdflib_max_quads(), rdflib_budget=args.rdflib_budget,
            work=work, out=args.out,
            quick=args.quick,
        )
        replace_block(args.out, "results", run_all(cfg))
        print(f"results -> {args.out}")
    finally:
        if not args.keep and args.work is None:
            shutil.rmtree(work, ignore_errors=True)
        elif args.keep:
            print(f"scratch kept in {work}", file=sys.stderr)


if __name__ == "__main__":
    main()
