"""inspectkg eval: score the extractor against one or more folders of gold annotations."""

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


def _table(report: Report, folder: Path, seconds: float, dated: bool) -> Table:
    right, matched = report.kind_accuracy
    kinds = f"finding kind right in {right}/{matched} matched findings" if matched else "no finding matched"
    table = Table(
        "category", "tp", "fp", "fn", "P", "R", "F1",
        title=f"inspectkg eval {folder} ({len(report.documents)} documents, {_dates(dated)}, {seconds:.1f} s)",
        caption=f"micro-averaged over the folder; macro = mean F1 of the categories above rating periods; {kinds}",
    )
    for name, counts in report.totals().items():
        table.add_row(TITLES.get(name, name), str(counts.tp), str(counts.fp), str(counts.fn),
                      f"{counts.precision:.2f}", f"{counts.recall:.2f}", f"{counts.f1:.2f}")
    table.add_row("macro", "", "", "", "", "", f"{report.macro_f1:.2f}")
    return table


def _side_by_side(reports: list[tuple[Path, Report]], seconds: float, dated: bool) -> Table:
    table = Table("F1", *(f"{folder.name or folder} ({len(r.documents)})" for folder, r in reports),
                  title=f"inspectkg eval, {len(reports)} sets ({_dates(dated)}, {seconds:.1f} s)",
                  caption="micro-averaged F1 per set; macro = mean F1 of the categories above rating periods")
    totals = [r.totals() for _, r in reports]
    for name in CATEGORIES:
        table.add_row(TITLES.get(name, name), *(f"{t[name].f1:.2f}" for t in totals))
    table.add_row("macro", *(f"{r.macro_f1:.2f}" for _, r in reports))
    return table


def _dates(dated: bool) -> str:
    return "publication dates from the gold" if dated else "publication dates found by the extractor"


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
    gold_dirs: list[Path] = typer.Argument(..., help="Folders of NAME.txt with NAME.gold.json beside each."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List every miss and extra per document."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
    dated: bool = typer.Option(False, "--dated", help="Give the extractor each gold source.published as the "
                               "document's publication date (as a corpus's metadata would)."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes for reading and extraction."),
) -> None:
    """Build each folder in memory and score it against its gold: P/R/F1 per category, sets side by side."""
    started = time.perf_counter()
    reports: list[tuple[Path, Report, float]] = []
    for folder in gold_dirs:
        began = time.perf_counter()
        try:
            report = evaluate_folder(folder, jobs=jobs, dated=dated)
        except InspectkgError as exc:
            raise fail(exc)
        reports.append((folder, report, time.perf_counter() - began))
        for doc in report.documents:
            if doc.error:
                err.print(f"[red]Error:[/] {escape(str(doc.error))}", highlight=False)
    seconds = time.perf_counter() - started
    if as_json:
        sets = [{"folder": str(folder), "seconds": round(took, 2), "dated": dated, **report.as_dict(verbose=verbose)}
                for folder, report, took in reports]
        data = sets[0] if len(sets) == 1 else {"seconds": round(seconds, 2), "dated": dated, "sets": sets}
        out.file.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return
    for folder, report, took in reports:
        if verbose:
            if len(reports) > 1:
                out.print(f"\n[bold underline]{escape(str(folder))}[/]", highlight=False)
            _details(report)
            out.print()
        if len(reports) == 1 or verbose:
            out.print(_table(report, folder, took, dated))
    if len(reports) > 1:
        out.print(_side_by_side([(f, r) for f, r, _ in reports], seconds, dated))
