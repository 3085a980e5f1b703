"""Reading gold annotations (``NAME.gold.json`` beside ``NAME.txt``).

The format is described in the gold corpus README: one JSON object per
document with the lists ``forces``, ``organisations``, ``people``,
``inspections``, ``ratings``, ``findings``, ``quotes`` and ``statistics``.
:func:`load_gold` checks the shape the scorer relies on and raises
:class:`~inspectkg.errors.InputError` naming the file and the problem.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

GOLD_SUFFIX = ".gold.json"
LISTS = ("forces", "organisations", "people", "inspections", "ratings", "findings", "quotes", "statistics")
# fields each item of a list must have (as strings unless said otherwise)
REQUIRED = {
    "forces": ("name",),
    "organisations": ("name",),
    "people": ("name",),
    "inspections": ("id", "force", "programme"),
    "ratings": ("force", "area", "grade"),
    "findings": ("id", "text"),
    "quotes": ("id", "text"),
    "statistics": ("text",),
}


@dataclass(frozen=True)
class GoldDocument:
    text_path: Path
    gold_path: Path
    gold: dict

    @property
    def name(self) -> str:
        return self.text_path.name


def _check(path: Path, data: object) -> dict:
    if not isinstance(data, dict):
        raise InputError(str(path), "broken gold file: the top level is not a JSON object")
    for name in LISTS:
        items = data.setdefault(name, [])
        if not isinstance(items, list):
            raise InputError(str(path), f"broken gold file: '{name}' is not a list")
        for number, item in enumerate(items):
            where = f"{name}[{number}]"
            if not isinstance(item, dict):
                raise InputError(str(path), f"broken gold file: {where} is not an object")
            for field in REQUIRED[name]:
                if not isinstance(item.get(field), str) or not item[field].strip():
                    raise InputError(str(path), f"broken gold file: {where} has no '{field}' string")
        if name == "people":
            for number, person in enumerate(items):
                roles = person.setdefault("roles", [])
                if not isinstance(roles, list) or not all(
                    isinstance(r, dict) and isinstance(r.get("role"), str) for r in roles
                ):
                    raise InputError(str(path), f"broken gold file: people[{number}].roles is not a list of roles")
        if name == "quotes":
            for number, quote in enumerate(items):
                targets = quote.setdefault("responds_to", [])
                if not isinstance(targets, list) or not all(isinstance(t, str) for t in targets):
                    raise InputError(str(path), f"broken gold file: quotes[{number}].responds_to is not a list of ids")
        if name == "statistics":
            for number, stat in enumerate(items):
                value = stat.get("value")
                if isinstance(value, bool) or not isinstance(value, (int, float)):
                    raise InputError(str(path), f"broken gold file: statistics[{number}] has no numeric 'value'")
    return data


def load_gold(path: Path) -> dict:
    """One gold annotation, checked."""
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(str(path), f"cannot read gold file ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise InputError(str(path), "broken gold file: not UTF-8") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(str(path), f"broken gold file: invalid JSON ({exc.msg} at line {exc.lineno})") from None
    return _check(path, data)


def gold_folder(folder: Path) -> list[GoldDocument]:
    """Every ``NAME.txt`` of the folder that has ``NAME.gold.json`` beside it, gold loaded, by name."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(str(folder), "no such folder" if not folder.exists() else "not a folder")
    out = []
    for gold_path in sorted(folder.glob("*" + GOLD_SUFFIX)):
        text_path = gold_path.with_name(gold_path.name.removesuffix(GOLD_SUFFIX) + ".txt")
        if text_path.is_file():
            out.append(GoldDocument(text_path, gold_path, load_gold(gold_path)))
    if not out:
        raise InputError(str(folder), "no NAME.txt with a NAME.gold.json beside it")
    return out
