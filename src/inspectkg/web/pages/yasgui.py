"""``/sparql-editor``: YASGUI against this server's ``/sparql``, the saved queries as its examples.

Each saved query becomes an example with its required parameters bound to values
the served store holds (the gallery's choice: :func:`web.research.examples.examples`),
through :func:`inspectkg.sparql.queries.prepare`; a query whose parameters cannot
be filled from this store is offered unbound, which still runs (over every value).  ``?query=`` in the address is read
by YASGUI itself.  Without the vendor files the page says how to install them.

This page alone relaxes the Content-Security-Policy: ``style-src`` also allows inline
styles, because YASGUI's results table (its column resizer) adds a ``<style>``
element; scripts stay ``'self'`` only, and every other page keeps the strict policy.
"""

from __future__ import annotations

from pathlib import Path

from ...errors import InspectkgError
from ...server.asgi import SECURITY_HEADERS
from ...sparql import queries
from .. import vendor
from ..data import Lookup
from ..research.examples import examples as store_examples
from ..response import Reply
from ..templating import render as fill

ENDPOINT = "/sparql"
CSP = "Content-Security-Policy"
RELAXED_CSP = SECURITY_HEADERS[CSP].replace("style-src 'self'", "style-src 'self' 'unsafe-inline'", 1)


def examples(store, folder: Path | None = None) -> list[dict[str, str]]:
    out, lookup, picks = [], Lookup(store), {}
    for saved in queries.load_all(folder).values():
        given = store_examples(lookup, saved, picks=picks)
        try:
            text, bound = queries.prepare(saved, given, store), True
        except InspectkgError:
            text, bound = saved.text, not any(p.required for p in saved.params.values())
        out.append({"name": saved.name, "title": saved.summary, "description": saved.description,
                    "query": _without_header(text, saved.summary), "bound": bound})
    # the first tab opens on a query that runs as it is
    out.sort(key=lambda e: not e["bound"])
    return out


def _without_header(text: str, summary: str) -> str:
    """The query without its ``#+`` header (shown on the page already), under a one-line title."""
    body = [line for line in text.splitlines() if not (line.startswith("#+ ") or line == "#+")]
    while body and not body[0].strip():
        body.pop(0)
    return "\n".join([f"# {summary}", *body]) + "\n"


def show(store, folder: str | None = None) -> Reply:
    """``/sparql-editor``: the page, under the policy YASGUI needs (``folder``: ``serve --queries DIR``)."""
    template, context = render(store, folder=None if folder is None else Path(folder))
    return Reply.html(fill(template, **context), **{CSP: RELAXED_CSP})


def render(store, *, folder: Path | None = None, vendor_dir: Path | None = None) -> tuple[str, dict]:
    return "yasgui.html", {
        "active": "sparql",
        "endpoint": ENDPOINT,
        "examples": examples(store, folder),
        "installed": vendor.installed(vendor.YASGUI, vendor_dir),
    }
