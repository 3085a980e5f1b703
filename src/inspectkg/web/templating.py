"""Jinja2 templates for the explorer's pages (autoescape on: text from documents is never markup).

    from inspectkg.web.templating import render
    html = render("home.html", counts=..., documents=...)

Templates live in ``web/templates/``; each extends ``base.html`` and fills
``{% block title %}`` and ``{% block main %}`` (``{% block scripts %}`` for a page
script from ``/static/``, ``{% block head %}`` for extra links).  The filters that
turn the graph's values into what a reader sees are registered here, once:

    {{ node | path }}            /id/force/kent for an IRI of this store
    {{ iri | compact }}          ik:grade, or the IRI when no prefix fits
    {{ "commits_to_action" | words }}   "commits to action" (snake_case, camelCase and IRIs' last parts)
    {{ value | label }}          a snake_case code as words, other text unchanged
    {{ n | plural("row") }}      "1 row", "3 rows"
    {{ text | short(40) }}       cut at 40 characters with an ellipsis

and the macros in ``_macros.html`` (``entity_link``, ``badge``, ``table``).
"""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from .. import iris
from ..store.terms import PREFIXES

# what a reader sees for a kind of node (the kind names of web.data.KIND_OF_CLASS)
KIND_LABELS = {"organisation": "organisation", "span": "text span", "claim": "reported claim", "thing": "other"}


def entity_path(iri_value: str) -> str:
    """``https://w3id.org/inspectkg/id/force/kent`` -> ``/id/force/kent``."""
    return "/id/" + quote(iris.key_of(iri_value), safe="/-_.~")


def is_local(iri_value: str) -> bool:
    return isinstance(iri_value, str) and iri_value.startswith(iris.BASE)


def compact(iri_value: str) -> str:
    """A prefixed name when a known prefix fits, else the IRI."""
    best, name = "", ""
    for prefix, base in PREFIXES.items():
        if iri_value.startswith(base) and len(base) > len(best):
            best, name = base, prefix
    return f"{name}:{iri_value[len(best):]}" if best else iri_value


_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def words(value: object) -> str:
    """A value as words for a reader: 'commits_to_action' -> 'commits to action', 'inspectedBody' -> 'inspected body'.

    An IRI gives its last part; text that already has spaces is left alone.
    """
    text = "" if value is None else str(value)
    if text.startswith(("http://", "https://", "urn:")):
        text = re.split(r"[#/]", text.rstrip("/#"))[-1]
    elif ":" in text and " " not in text:
        text = text.split(":", 1)[1]
    if " " in text.strip():
        return text
    return _CAMEL.sub(" ", text).replace("_", " ").replace("-", " ").lower() if text else text


_SNAKE = re.compile(r"[a-z]+(?:_[a-z0-9]+)+")


def label(value: object) -> str:
    """A value shown to a reader: a snake_case code as words ('commits_to_action' -> 'commits to action'),
    any other text as it is."""
    text = "" if value is None else str(value)
    return text.replace("_", " ") if _SNAKE.fullmatch(text) else text


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def short(text: object, limit: int = 40) -> str:
    text = "" if text is None else str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


# the main navigation, in order: (key for context["active"], path, text); an item shows once its path is a route
NAV = [("home", "/", "Home"), ("forces", "/forces", "Forces"), ("people", "/people", "People"),
       ("inspections", "/inspections", "Inspections"), ("documents", "/documents", "Documents"),
       ("queries", "/queries", "Queries"), ("sparql", "/sparql-editor", "SPARQL")]


@cache
def nav() -> list[tuple[str, str, str]]:
    from .routes import ROUTES

    paths = {route.path for route in ROUTES}
    return [item for item in NAV if item[1] in paths]


@cache
def environment() -> Environment:
    env = Environment(loader=PackageLoader("inspectkg.web", "templates"), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(path=entity_path, compact=compact, words=words, label=label, plural=plural, short=short,
                       kind_label=kind_label)
    env.tests["local"] = is_local
    env.globals["nav"] = nav
    return env


def render(template: str, **context) -> str:
    """The page: ``template`` (a file in web/templates/) filled with ``context``, escaped."""
    return environment().get_template(template).render(**context)
