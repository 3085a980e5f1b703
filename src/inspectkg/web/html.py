"""HTML building blocks: escaping, the page layout, links to entities, tables.

Everything that came from a document or the store goes through :func:`esc`.
"""

from __future__ import annotations

from functools import cache
from html import escape
from importlib import resources
from string import Template
from urllib.parse import quote

from .. import iris
from ..store.terms import PREFIXES


def esc(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


@cache
def _template(name: str) -> Template:
    return Template(resources.files(__package__).joinpath("templates", name).read_text(encoding="utf-8"))


def page(title: str, body: str, *, active: str = "", q: str = "", scripts: tuple[str, ...] = ()) -> str:
    """A whole HTML page; ``body`` is already HTML, ``title`` and ``q`` are text."""
    current = ' aria-current="page"'
    return _template("layout.html").substitute(
        title=esc(title),
        body=body,
        q=esc(q),
        nav_home=current if active == "home" else "",
        nav_queries=current if active == "queries" else "",
        nav_sparql=current if active == "sparql" else "",
        scripts="".join(f'<script src="/static/{esc(s)}"></script>' for s in scripts),
    )


def is_local(iri_value: str) -> bool:
    return iri_value.startswith(iris.BASE)


def entity_path(iri_value: str) -> str:
    """``https://w3id.org/inspectkg/id/force/kent`` -> ``/id/force/kent``."""
    return "/id/" + quote(iris.key_of(iri_value), safe="/-_.~")


def compact(iri_value: str) -> str:
    """A prefixed name when a known prefix fits, else the IRI."""
    best = ""
    for prefix, base in PREFIXES.items():
        if iri_value.startswith(base) and len(base) > len(best):
            best, name = base, prefix
    return f"{name}:{iri_value[len(best):]}" if best else iri_value


def link(iri_value: str, label: str | None = None, *, kind: str | None = None) -> str:
    """A link to an entity page, or the compact name of a term we have no page for."""
    text = label or compact(iri_value)
    if is_local(iri_value):
        cls = f' class="ent k-{esc(kind)}"' if kind else ""
        return f'<a href="{esc(entity_path(iri_value))}"{cls} title="{esc(compact(iri_value))}">{esc(text)}</a>'
    return f'<code title="{esc(iri_value)}">{esc(text)}</code>'


def table(columns, rows, *, cls: str = "grid") -> str:
    """Columns are text; each row is a sequence of HTML cells."""
    head = "".join(f"<th>{esc(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"
