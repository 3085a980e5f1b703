"""``/forces``, ``/people``, ``/inspections``, ``/documents``: paged lists (content in :mod:`inspectkg.web.research.lists`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..data import Lookup
from ..research import lists
from ..research.examples import Cell


@dataclass(frozen=True)
class ListPage:
    """One list page: its heading, the navigation item it belongs to, its column headers, and one row per item."""

    heading: str
    active: str
    headers: tuple[str, ...]
    row: Callable


FORCES = ListPage("Forces", "forces", ("Force", "Inspections"),
                  lambda e: (Cell(e.entity.label, e.entity.href), Cell(e.detail)))
PEOPLE = ListPage("People", "people", ("Person", "Roles"),
                  lambda e: (Cell(e.entity.label, e.entity.href), Cell(e.detail)))
INSPECTIONS = ListPage("Inspections", "inspections", ("Inspection", "Force", "Date", "Grade scale"),
                       lambda r: (Cell(r.heading, r.href), Cell(r.force.label, r.force.href),
                                  Cell(r.date or "undated"), Cell(r.scale_label)))
DOCUMENTS = ListPage("Documents", "documents", ("Title", "Published", "Publisher", "Source"),
                     lambda d: (Cell(d.title, d.href), Cell(d.published or "undated"), Cell(d.publisher or ""),
                                Cell(d.source)))


def _number(page: str | None) -> int:
    return int(page) if page and page.isdigit() and len(page) < 7 else 1


def _reply(kind: ListPage, items, page: str | None):
    found = lists.paged(items, _number(page))
    return "list.html", {"heading": kind.heading, "active": kind.active, "headers": kind.headers, "page": found,
                         "rows": [kind.row(item) for item in found.items]}


def forces(store, page: str | None = None):
    return _reply(FORCES, lists.forces(Lookup(store)), page)


def people(store, page: str | None = None):
    return _reply(PEOPLE, lists.people(Lookup(store)), page)


def inspections(store, page: str | None = None):
    return _reply(INSPECTIONS, lists.inspections(Lookup(store)), page)


def documents(store, page: str | None = None):
    return _reply(DOCUMENTS, lists.documents(Lookup(store)), page)
