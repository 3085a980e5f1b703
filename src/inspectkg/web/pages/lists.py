"""``/forces``, ``/people``, ``/inspections``, ``/documents``: paged lists (content in :mod:`inspectkg.web.research.lists`)."""

from __future__ import annotations

from ..data import Lookup
from ..research import lists
from ..research.examples import Cell


def _number(page: str | None) -> int:
    return int(page) if page and page.isdigit() and len(page) < 7 else 1


def _reply(heading: str, active: str, headers, items, page: str | None, row):
    found = lists.paged(items, _number(page))
    return "list.html", {"heading": heading, "active": active, "headers": headers, "page": found,
                         "rows": [row(item) for item in found.items]}


def forces(store, page: str | None = None):
    return _reply("Forces", "forces", ("Force", "Inspections"), lists.forces(Lookup(store)), page,
                  lambda e: (Cell(e.entity.label, e.entity.href), Cell(e.detail)))


def people(store, page: str | None = None):
    return _reply("People", "people", ("Person", "Roles"), lists.people(Lookup(store)), page,
                  lambda e: (Cell(e.entity.label, e.entity.href), Cell(e.detail)))


def inspections(store, page: str | None = None):
    return _reply("Inspections", "inspections", ("Inspection", "Force", "Date", "Grade scale"),
                  lists.inspections(Lookup(store)), page,
                  lambda r: (Cell(r.heading, r.href), Cell(r.force.label, r.force.href), Cell(r.date or "undated"),
                             Cell(r.scale_label)))


def documents(store, page: str | None = None):
    return _reply("Documents", "documents", ("Title", "Published", "Publisher", "Source"),
                  lists.documents(Lookup(store)), page,
                  lambda d: (Cell(d.title, d.href), Cell(d.published or "undated"), Cell(d.publisher or ""),
                             Cell(d.source)))
