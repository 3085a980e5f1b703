"""inspectkg eval: score the extractor against a folder of gold annotations."""

from __future__ import annotations

import json
import time
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from ..errors import InspectkgError
from ..evaluate import CATEGORIES, evaluate_folder
from ..evaluate.score import TITLES, Report
from . import app, err, fail, out


def _table(report: Report, folder: Path, seconds: float) -> Table:
    right, matched = report.kind_accuracy
    kinds = f"finding kind right in {right}/{matched} matched findings" if matched else "no finding matched"
    table = Table(
        "category", "tp", "fp", "fn", "P", "R", "F1",
        title=f"inspectkg eval {folder} ({len(report.documents)} documents, {seconds:.1f} s)",
        caption=f"micro-averaged over the folder; {kinds}",
    )
    for name, counts in report.totals().items():
        table.add_row(TITLES.get(name, name), str(counts.tp), str(counts.fp), str(counts.fn),
                      f"{counts.precision:.2f}", f"{counts.recall:.2f}", f"{counts.f1:.2f}")
    return table


def _details(report: Report) -> None:
    for doc in report.documents:
        out.print(f"\n[bold]{escape(doc.doc)}[/]", highlight=False)
        if doc.error:
            out.print(f"  [red]not built:[/] {escape(str(doc.error))}", highlight=False)
        for name in CATEGORIES:
            result = doc.categories[name]
            for item in result.misses:
                out.print(f"  [red]miss[/]  {TITLES.get(name, name)}: {escape(str(item))}", highlight=False, markup=True)
            for item in result.extras:
                out.print(f"  [yellow]extra[/] {TITLES.get(name, name)}: {escape(str(item))}", highlight=False, markup=True)


@app.command("eval")
def evaluate(
    gold_dir: Path = typer.Argument(..., help="Folder of NAME.txt with NAME.gold.json beside each."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List every miss and extra per document."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes for reading and extraction."),
) -> None:
    """Build the folder in memory and score it against its gold: P/R/F1 per category."""
    started = time.perf_counter()
    try:
        report = evaluate_folder(gold_dir, jobs=jobs)
    except InspectkgError as exc:
        raise fail(exc)
    seconds = time.perf_counter() - started
    for doc in report.documents:
        if doc.error:
            err.print(f"[red]Error:[/] {escape(str(doc.error))}", highlight=False)
    if as_json:
        data = {"folder": str(gold_dir), "seconds": round(seconds, 2), **report.as_dict(verbose=verbose)}
        out.file.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return
    if verbose:
        _details(report)
        out.print()
    out.print(_table(report, gold_dir, seconds))
