"""The closed lists the code branches on, each defined once in a data file.

    data/organisation_kinds.csv  kind -> ik: class, role group   (police_force -> PoliceForce, chief_officer)
    data/role_groups.csv         who speaks: chief_officer, pcc, inspector, other (first wins)
    data/grade_scales.csv        grade scale -> concept scheme    (peel_5tier -> peel-5tier)
    data/grades.csv              the grade words of those scales  (outstanding ... inadequate)

An organisation's ``kind`` (the gold format's word, :class:`inspectkg.model.Organisation`)
and its class in the ontology are two names of one thing: the mapping writes the
class, the evaluation reads it back as the kind, the network and the explorer group
by it.  Add a kind by adding a row here and the class in ``ontology/inspectkg.ttl``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from .errors import RuleError
from .resources import data_dir


@dataclass(frozen=True)
class OrganisationKind:
    kind: str  # police_force, inspectorate, ..., other
    cls: str  # the local name of its class in ik: (PoliceForce, ...)
    role_group: str  # the role group its spokespeople fall in (see ROLE_GROUPS)


def _read(name: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    path = data_dir() / name
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in columns if c not in (reader.fieldnames or ())]
            if missing:
                raise RuleError(path, f"missing column(s) {', '.join(missing)}")
            rows = list(reader)
    except OSError as exc:
        raise RuleError(path, f"cannot read the list ({exc.strerror})") from exc
    for line_no, row in enumerate(rows, start=2):
        empty = [c for c in columns if not (row.get(c) or "").strip()]
        if empty:
            raise RuleError(f"{path}:{line_no}", f"empty {', '.join(empty)}")
    return rows


@cache
def organisation_kinds() -> tuple[OrganisationKind, ...]:
    """Every organisation kind in file order; the last, ``other``, is plain ik:Organisation."""
    kinds = tuple(OrganisationKind(r["kind"], r["class"], r["role_group"])
                  for r in _read("organisation_kinds.csv", ("kind", "class", "role_group")))
    unknown = [k.kind for k in kinds if k.role_group not in role_groups()]
    if unknown:
        raise RuleError(data_dir() / "organisation_kinds.csv",
                        f"kind(s) {', '.join(unknown)} name a role group not in role_groups.csv")
    return kinds


@cache
def role_groups() -> tuple[str, ...]:
    """The role groups in order of precedence (a person in two groups shows as the first)."""
    return tuple(r["group"] for r in _read("role_groups.csv", ("group",)))


@cache
def grade_scales() -> dict[str, tuple[str, str]]:
    """Scale id of grades.csv -> (concept scheme name, label): the scales whose grades are ik:Grade."""
    return {r["scale_id"]: (r["scheme"], r["label"])
            for r in _read("grade_scales.csv", ("scale_id", "scheme", "label"))}


@cache
def grade_ids() -> frozenset[str]:
    """The official grade words (``requires_improvement`` ...): the grades of the scales above."""
    from .reference import load

    return frozenset(g.id for g in load().grades if g.scale in grade_scales())


def kind_ids() -> frozenset[str]:
    return frozenset(k.kind for k in organisation_kinds())


def class_of_kind() -> dict[str, str]:
    """``police_force`` -> ``PoliceForce`` for every kind (``other`` -> ``Organisation``)."""
    return {k.kind: k.cls for k in organisation_kinds()}


def kind_of_class() -> dict[str, str]:
    """``PoliceForce`` -> ``police_force``: the inverse of :func:`class_of_kind`."""
    return {k.cls: k.kind for k in organisation_kinds()}


def organisation_classes() -> tuple[str, ...]:
    """The local names of the organisation classes, in file order (``Organisation`` last)."""
    return tuple(k.cls for k in organisation_kinds())


def role_group_of_class(cls: str) -> str:
    """The role group of an organisation class's spokespeople (``other`` for any other class)."""
    return next((k.role_group for k in organisation_kinds() if k.cls == cls), "other")


ROLE_GROUPS: tuple[str, ...] = role_groups()
