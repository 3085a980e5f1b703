"""The research pages as a reader gets them from the real server: force, inspection, person, lists, matrix.

The store holds the hand-made corpus of ``test_web_research_corpus``; pages are
fetched over HTTP from the same server ``inspectkg serve`` runs.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser

import pytest

import support.research_corpus as corpus
from inspectkg.store.embedded import Store
from support.web import serving


class Page(HTMLParser):
    """What a reader sees (text, headings) and what a page links to."""

    def __init__(self, html: str):
        super().__init__()
        self.text: list[str] = []
        self.headings: list[tuple[str, str]] = []
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.inline: list[str] = []  # inline scripts, style attributes and event handlers (CSP forbids them)
        self._heading: str | None = None
        self._in_script = False
        self._raw = 0  # inside <details class="raw"> or "sparql": identifiers and query text, folded away
        self.raw: list[str] = []
        self.forms: list[tuple[str, dict[str, str]]] = []
        self.current: str | None = None  # the main navigation item marked as the current page  # (action, the values its inputs start with)
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
            if "aria-current" in attrs and attrs.get("aria-current") == "page":
                self.current = attrs["href"]
        if tag == "form":
            self.forms.append((attrs.get("action") or "", {}))
        if tag == "input" and self.forms and attrs.get("name"):
            self.forms[-1][1][attrs["name"]] = attrs.get("value") or ""
        if tag == "details" and (self._raw or {"raw", "sparql"} & set((attrs.get("class") or "").split())):
            self._raw += 1
        if tag == "script":
            self._in_script = True
            if not attrs.get("src"):
                self.inline.append("<script> without src")
        self.inline += [name for name in attrs if name == "style" or name.startswith("on")]
        if re.fullmatch(r"h[1-4]", tag):
            self._heading, self._parts = tag, []

    def handle_endtag(self, tag):
        if tag == "details" and self._raw:
            self._raw -= 1
        if tag == "script":
            self._in_script = False
        if tag == self._heading:
            self.headings.append((tag, " ".join("".join(self._parts).split())))
            self._heading = None

    def handle_data(self, data):
        if self._raw:
            self.raw.append(data)
        elif not self._in_script:
            self.text.append(data)
            if self._heading:
                self._parts.append(data)

    def heads(self, level: str) -> list[str]:
        return [text for tag, text in self.headings if tag == level]

    @property
    def words(self) -> str:
        return " ".join(" ".join(self.text).split())


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    path = tmp_path_factory.mktemp("research") / "kg"
    corpus.build(Store(path)).close()
    with serving(path) as url:
        yield url


def get(base: str, path: str) -> tuple[int, str, dict]:
    try:
        with urllib.request.urlopen(base + path, timeout=60) as reply:
            return reply.status, reply.read().decode(), {k.lower(): v for k, v in reply.headers.items()}
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), {k.lower(): v for k, v in error.headers.items()}


def page(base: str, path: str, codes: bool = False) -> Page:
    """The page at ``path``, checked: no inline script or style, no IRIs (and no snake_case unless ``codes``)."""
    status, body, _ = get(base, path)
    assert status == 200, (path, status, body[:300])
    found = Page(body)
    assert not found.inline, (path, found.inline)
    assert "https://w3id.org" not in found.words, path  # labels, never IRIs
    assert codes or not re.search(r"\b[a-z]+_[a-z_]+\b", found.words), (path, re.findall(r"\b[a-z]+_[a-z_]+\b", found.words))
    return found


def test_force_page_leads_with_grades_and_names_each_inspection(base):
    force = page(base, "/id/force/cumbria")
    assert force.heads("h1") == ["Cumbria Constabulary"]
    assert force.heads("h2")[0] == "Grades"
    assert force.heads("h3")[1:5] == ["PEEL 2023/25", "PEEL 2021/22", "Crime data integrity, published 2020",
                                      "PEEL 2018/19"]
    assert "not comparable" in force.words and "the documents disagree" in force.words
    assert "Unanswered:" in force.words and "Accepts" in force.words
    assert "/id/person/alys-penrose" in force.links and "/id/force/cumbria?format=ttl" in force.links
    assert "https://w3id.org/inspectkg/id/force/cumbria" in force.raw  # the identifier, one click away
    assert force.current == "/forces"


def test_every_source_link_lands_on_its_span(base):
    force = page(base, "/id/force/cumbria")
    spans = [link for link in force.links if "#span-" in link]
    assert len(spans) >= 10
    for link in sorted(set(spans)):
        path, anchor = link.split("#")
        status, body, _ = get(base, path)  # the document page (not ours: no label checks)
        assert status == 200 and anchor in Page(body).ids, link


def test_force_rdf_is_one_click_away(base):
    status, body, headers = get(base, "/id/force/cumbria?format=ttl")
    assert status == 200 and headers["content-type"].startswith("text/turtle") and "Cumbria Constabulary" in body
    assert get(base, "/id/force/atlantis")[0] == 404


def test_inspection_page(base):
    inspection = page(base, "/id/inspection/cumbria/peel/2021-22")
    assert inspection.heads("h1") == ["PEEL 2021/22 of Cumbria Constabulary"]
    assert "Requires improvement" in inspection.words and "Area for improvement" in inspection.words
    assert "/id/inspection/cumbria/peel/2023-25" in inspection.links


def test_person_page_groups_what_they_said_by_inspection(base):
    person = page(base, "/id/person/alys-penrose")
    assert person.heads("h2") == ["Appointments: roles over time", "What Alys Penrose said, by the inspection it answers"]
    assert person.heads("h3") == ["How the documents state these roles", "PEEL 2023/25 of Cumbria Constabulary",
                                  "PEEL 2021/22 of Cumbria Constabulary"]
    assert "2022-03-10" in person.words and "2024-05-20" in person.words


def test_lists_link_to_their_pages(base):
    forces = page(base, "/forces")
    assert [link for link in forces.links if link.startswith("/id/")] == ["/id/force/cumbria", "/id/force/dorset"]
    assert "/id/person/marten-quill" in page(base, "/people").links
    assert "/id/inspection/cumbria/crime-data-integrity/2020" in page(base, "/inspections").links
    documents = page(base, "/documents?page=not-a-number")
    assert len([link for link in documents.links if link.startswith("/id/doc/")]) == 5


def test_matrix_sorts_on_the_server(base):
    by_force = page(base, "/matrix")
    forces = [link for link in by_force.links if link.startswith("/id/force/")]
    assert forces == ["/id/force/cumbria", "/id/force/dorset"]
    best = page(base, "/matrix?sort=investigating_crime")
    assert [link for link in best.links if link.startswith("/id/force/")] == ["/id/force/dorset", "/id/force/cumbria"]
    assert "?sort=investigating_crime&order=desc#matrix" in best.links


def test_home_counts_the_store_and_links_to_lists_and_the_matrix(base):
    home = page(base, "/")
    assert "2 forces" in home.words and "3 people" in home.words and "7 inspections" in home.words
    assert {"/forces", "/people", "/inspections", "/documents"} <= set(home.links)
    assert "/matrix?sort=investigating_crime#matrix" in home.links
    assert [link for link in home.links if link.startswith("/id/force/")][:2] == ["/id/force/cumbria", "/id/force/dorset"]


def test_saved_queries_start_with_examples_from_the_served_store(base):
    gallery = Page(get(base, "/queries")[1])
    forms = {action: values for action, values in gallery.forms if action.startswith("/queries/")}
    assert forms["/queries/ratings-over-time"] == {"force": "Cumbria Constabulary"}
    assert forms["/queries/quotations-by-person"] == {"person": "Alys Penrose"}
    for action, values in sorted(forms.items()):  # each runs as it stands, from its form
        query = urllib.parse.urlencode({k: v for k, v in values.items() if v})
        status, body, _ = get(base, f"{action}?{query}" if query else action)
        assert status == 200 and 'role="alert"' not in body, (action, values, body[-400:])


def test_saved_query_results_are_labelled_and_linked(base):
    shown = page(base, "/queries/who-responded?force=Cumbria+Constabulary")
    assert "responder" in shown.words and "responder label" not in shown.words
    assert "cause of concern" in shown.words and "/id/person/alys-penrose" in shown.links
    # (the form's hint lists the finding kinds a reader may type, as codes; the table shows their labels)
    unanswered = page(base, "/queries/unanswered-findings?force=cumbria", codes=True)
    assert "area for improvement" in unanswered.words
    assert any(re.fullmatch(r"/id/doc/[0-9a-f]{16}#span-253-310", link) for link in unanswered.links)
    assert "/api/queries/unanswered-findings.csv?force=cumbria" in unanswered.links


@pytest.mark.parametrize("path", ["/documents", "/id/force/dorset"])
def test_text_from_documents_is_escaped(base, path):
    status, body, _ = get(base, path)
    assert status == 200 and corpus.HOSTILE not in body and "<script>alert" not in body
    assert "Dorset inspected twice &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in body
    assert corpus.HOSTILE in page(base, path).words  # shown as the words it is
