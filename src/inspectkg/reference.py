"""Reference data: forces, inspectorates, roles, grades and PEEL areas.

Loaded once from the CSV files in ``inspectkg/data`` (see ``data/SOURCES.md``).
Multi-valued cells use "; ".  Both the extractor (gazetteers) and the
vocabulary builder (SKOS in ``ontology/vocab``) read these, so one file feeds
both the matcher and the reference graph.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .errors import RuleError
from .resources import data_dir


def _split(cell: str | None) -> tuple[str, ...]:
    if not cell:
        return ()
    return tuple(part.strip() for part in cell.split(";") if part.strip())


def _rows(name: str, required: tuple[str, ...]) -> list[dict[str, str]]:
    path: Path = data_dir() / name
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in required if c not in (reader.fieldnames or ())]
            if missing:
                raise RuleError(path, f"missing column(s) {', '.join(missing)}")
            rows = []
            for line_no, row in enumerate(reader, start=2):
                for column in required:
                    if column.endswith("_id") or column == "id":
                        if not (row.get(column) or "").strip():
                            raise RuleError(f"{path}:{line_no}", f"empty {column}")
                rows.append(row)
            return rows
    except OSError as exc:
        raise RuleError(path, f"cannot read reference data ({exc.strerror})") from exc


@dataclass(frozen=True)
class Force:
    id: str
    name: str
    aliases: tuple[str, ...]
    country: str
    governance: str
    force_type: str

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Body:
    """An inspectorate or another body quoted alongside them (inspectorates.csv)."""

    id: str
    name: str
    aliases: tuple[str, ...]
    ambiguous_aliases: tuple[str, ...]
    kind: str  # gold_kind: an organisation kind of data/organisation_kinds.csv
    valid_from: str | None
    valid_to: str | None
    successor_of: str | None
    jurisdiction: str

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Role:
    id: str
    title_forms: tuple[str, ...]
    rank_order: int | None
    kind: str  # elected_official, police_officer, inspector, government, appointed_official, police_staff, other, modifier
    gold_role: str
    scope: str
    notes: str


@dataclass(frozen=True)
class Grade:
    scale: str  # peel_4tier, peel_5tier, none, informal
    id: str
    label: str
    rank: int | None
    periods: tuple[str, ...]
    paraphrases: tuple[str, ...]
    gold_grade: str | None
    definition: str


@dataclass(frozen=True)
class Area:
    id: str
    label: str
    periods: tuple[str, ...]
    paraphrases: tuple[str, ...]
    level: str  # pillar, question, area, ...
    pillar: str
    graded: str
    gold_area: str
    official_wording: str


@dataclass(frozen=True)
class Reference:
    forces: tuple[Force, ...]
    bodies: tuple[Body, ...]
    roles: tuple[Role, ...]
    grades: tuple[Grade, ...]
    areas: tuple[Area, ...]

    def force(self, force_id: str) -> Force:
        for force in self.forces:
            if force.id == force_id:
                return force
        raise KeyError(force_id)

    def body(self, body_id: str) -> Body:
        for body in self.bodies:
            if body.id == body_id:
                return body
        raise KeyError(body_id)

    def role(self, role_id: str) -> Role:
        for role in self.roles:
            if role.id == role_id:
                return role
        raise KeyError(role_id)

    def role_ids_of_kind(self, kind: str) -> frozenset[str]:
        """The ids of the roles of one ``kind`` column value of ``roles.csv`` (e.g. ``inspector``)."""
        return frozenset(role.id for role in self.roles if role.kind == kind)

    def area(self, area_id: str) -> Area:
        for area in self.areas:
            if area.id == area_id:
                return area
        raise KeyError(area_id)


def _int(cell: str | None) -> int | None:
    cell = (cell or "").strip()
    return int(cell) if cell.isdigit() else None


@cache
def load() -> Reference:
    forces = tuple(
        Force(r["id"], r["name"], _split(r["aliases"]), r["country"], r["governance"], r["force_type"])
        for r in _rows("forces.csv", ("id", "name", "aliases", "country", "governance", "force_type"))
    )
    bodies = tuple(
        Body(
            r["id"], r["name"], _split(r["aliases"]), _split(r["ambiguous_aliases"]), r["gold_kind"],
            r["valid_from"] or None, r["valid_to"] or None, r["successor_of"] or None, r["jurisdiction"],
        )
        for r in _rows("inspectorates.csv", ("id", "name", "aliases", "ambiguous_aliases", "gold_kind"))
    )
    roles = tuple(
        Role(r["role_id"], _split(r["title_forms"]), _int(r["rank_order"]), r["kind"], r["gold_role"],
             r["scope"], r["notes"])
        for r in _rows("roles.csv", ("role_id", "title_forms", "kind", "gold_role"))
    )
    grades = tuple(
        Grade(r["scale_id"], r["grade_id"], r["label"], _int(r["rank"]), _split(r["periods"]),
              _split(r["paraphrases"]), r["gold_grade"] or None, r["definition_summary"])
        for r in _rows("grades.csv", ("scale_id", "grade_id", "label", "rank", "paraphrases"))
    )
    areas = tuple(
        Area(r["area_id"], r["label"], _split(r["periods"]), _split(r["paraphrases"]), r["level"],
             r["pillar"], r["graded"], r["gold_area"], r["official_wording"])
        for r in _rows("peel_areas.csv", ("area_id", "label", "paraphrases", "level"))
    )
    return Reference(forces, bodies, roles, grades, areas)
