"""Functions fit on a screen: none in src/ over 60 lines, none with more than 5 parameters.

An exception carries its reason beside it: a comment ``# long: <why>`` on the
line just above the ``def`` (above its decorators, if any).  A typer command is
exempt from the parameter count (each parameter is a command-line option).  A
``# long:`` comment that is no longer needed fails too, so the exceptions only
shrink.
"""

from __future__ import annotations

import ast
from pathlib import Path

import inspectkg

SRC = Path(inspectkg.__file__).parent
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


LONG_MARK = "# long:"


def _reason_beside(node, lines: list[str]) -> str | None:
    """The text of a ``# long: why`` comment on the line above the function (above its decorators)."""
    first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
    above = lines[first - 2].strip() if first >= 2 else ""
    if above.startswith(LONG_MARK):
        return above[len(LONG_MARK):].strip()
    return None


def _scan():
    """(offenders, reasons beside functions) over every module of the package."""
    found, beside = {}, {}
    for path in sorted(SRC.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        tree, lines = ast.parse(text), text.splitlines()
        for name, node in _functions(tree):
            key = f"{path.relative_to(SRC).as_posix()}:{name}"
            problem = _too_big(node)
            if problem:
                found[key] = problem
            reason = _reason_beside(node, lines)
            if reason is not None:
                beside[key] = reason
    return found, beside


def offenders() -> dict[str, str]:
    return _scan()[0]


def reasons_beside() -> dict[str, str]:
    return _scan()[1]


def test_no_function_is_longer_than_a_screen_or_wider_than_five_parameters():
    excused = set(reasons_beside())
    unlisted = {name: problem for name, problem in offenders().items() if name not in excused}
    assert not unlisted, (f"split these, or write '{LONG_MARK} <why>' on the line above the def: "
                          + "; ".join(f"{name} ({problem})" for name, problem in sorted(unlisted.items())))


def test_every_reason_beside_a_function_is_needed_and_says_something():
    beside = reasons_beside()
    empty = sorted(name for name, why in beside.items() if len(why.split()) < 3)
    assert not empty, f"say why in a few words after '{LONG_MARK}': {', '.join(empty)}"
    stale = sorted(set(beside) - set(offenders()))
    assert not stale, f"remove the '{LONG_MARK}' comment (now short enough): {', '.join(stale)}"
