"""Functions fit on a screen: none in src/ over 60 lines, none with more than 5 parameters.

Exceptions are listed, each with its reason, in ``long_functions.csv`` next to
this file.  A typer command is exempt from the parameter count (each parameter
is a command-line option).  An entry that no longer needs to be listed fails
too, so the list only shrinks.
"""

from __future__ import annotations

import ast
import csv
from pathlib import Path

import inspectkg

SRC = Path(inspectkg.__file__).parent
ALLOWED = Path(__file__).with_name("long_functions.csv")
MAX_LINES = 60
MAX_PARAMS = 5


def _functions(tree: ast.AST, prefix: str = ""):
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield prefix + node.name, node
            yield from _functions(node, prefix + node.name + ".")
        elif isinstance(node, ast.ClassDef):
            yield from _functions(node, prefix + node.name + ".")
        else:
            yield from _functions(node, prefix)


def _is_command(node) -> bool:
    return any(isinstance(d, ast.Call) and isinstance(d.func, ast.Attribute) and d.func.attr == "command"
               for d in node.decorator_list)


def _too_big(node) -> str | None:
    lines = node.end_lineno - node.lineno + 1
    args = node.args
    params = [a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs) if a.arg not in ("self", "cls")]
    if lines > MAX_LINES:
        return f"{lines} lines"
    if len(params) > MAX_PARAMS and not _is_command(node):
        return f"{len(params)} parameters"
    return None


def offenders() -> dict[str, str]:
    found = {}
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for name, node in _functions(tree):
            problem = _too_big(node)
            if problem:
                found[f"{path.relative_to(SRC).as_posix()}:{name}"] = problem
    return found


def allowed() -> dict[str, str]:
    with ALLOWED.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    missing = [row["function"] for row in rows if not (row.get("reason") or "").strip()]
    assert not missing, f"{ALLOWED.name}: give a reason for {', '.join(missing)}"
    return {row["function"]: row["reason"] for row in rows}


def test_no_function_is_longer_than_a_screen_or_wider_than_five_parameters():
    unlisted = {name: problem for name, problem in offenders().items() if name not in allowed()}
    assert not unlisted, (f"split these, or list them with a reason in tests/unit/{ALLOWED.name}: "
                          + "; ".join(f"{name} ({problem})" for name, problem in sorted(unlisted.items())))


def test_the_allow_list_lists_only_functions_still_too_big():
    stale = sorted(set(allowed()) - set(offenders()))
    assert not stale, f"remove from tests/unit/{ALLOWED.name} (now short enough, or gone): {', '.join(stale)}"
