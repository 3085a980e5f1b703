"""The web explorer through a real HTTP server on a loopback port (no browser)."""

from __future__ import annotations

import csv
import io
import json
import re
import urllib.error
import urllib.request
from html.parser import HTMLParser

import pyoxigraph
import pytest
from hypothesis import given
from hypothesis import strategies as st

from inspectkg.sparql import queries
from inspectkg.web.highlight import Mark, render
from support.web import EVIL_TITLE, serving


@pytest.fixture(scope="module")
def base(web_store):
    with serving(web_store) as url:
        yield url


def get(url: str, accept: str = "text/html") -> tuple[int, str, str]:
    request = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers["Content-Type"], response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers["Content-Type"], exc.read().decode("utf-8")


class Balance(HTMLParser):
    """Checks that non-void tags nest properly; collects ids, links and text."""

    VOID = {"meta", "link", "input", "br", "img", "hr", "source", "wbr", "area", "base", "col"}

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.text: list[str] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "script":
            self.scripts.append(attrs.get("src") or "(inline)")
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> Balance:
    parser = Balance()
    parser.feed(html)
    parser.close()
    assert not parser.errors, parser.errors[:5]
    assert not parser.stack, f"unclosed: {parser.stack}"
    return parser


def html_ok(base: str, path: str) -> Balance:
    status, ctype, body = get(base + path)
    assert status == 200, (path, status, body[-600:])
    assert ctype.startswith("text/html"), ctype
    page = parse(body)
    assert page.scripts == [] or all(s.startswith("/static/") for s in page.scripts), page.scripts
    return page


# --- pages -------------------------------------------------------------------------------

def test_home_counts_and_latest_documents(base):
    status, ctype, body = get(base + "/")
    assert status == 200 and ctype.startswith("text/html")
    page = parse(body)
    text = " ".join(" ".join(page.text).split())
    for what in ("documents", "forces", "people", "inspections", "ratings", "findings", "quotations"):
        assert re.search(rf"\d+ {what}", text, re.I), what
    documents = int(re.search(r"(\d+) documents", text, re.I).group(1))
    assert documents >= 10
    assert len({link for link in page.links if link.startswith("/id/doc/")}) == min(documents, 20)
    assert "Kent Police rated inadequate in three areas" in text
    # the newest dated document comes first (the example summary dated December 2022)
    first_doc = next(link for link in page.links if link.startswith("/id/doc/"))
    assert "Alan Pughsley steps down" in body[body.index(first_doc):body.index(first_doc) + 300]


def test_search_finds_names_and_aliases_case_insensitively(base):
    page = html_ok(base, "/search?q=KENT%20pol")
    assert "/id/force/kent" in page.links
    page = html_ok(base, "/search?q=tim%20sm")
    assert "/id/person/tim-smith" in page.links
    page = html_ok(base, "/search?q=a/cc")  # an alias (skos:altLabel) of a role
    assert any(link.startswith("/id/role/") for link in page.links)
    page = html_ok(base, "/search?q=zzzz-no-such-name")
    assert not any(link.startswith("/id/") for link in page.links)


def test_search_query_is_escaped_and_not_sparql(base):
    status, _, body = get(base + "/search?q=%22%29%20%7D%20%3Cscript%3Ealert%281%29%3C%2Fscript%3E")
    assert status == 200
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_person_page_lists_appointments_quotations_and_provenance(base):
    status, _, body = get(base + "/id/person/tim-smith")
    assert status == 200
    page = parse(body)
    assert "Tim Smith" in body and "<mark>" in body
    assert any(link.startswith("/id/appointment/tim-smith/") for link in page.links)
    assert any(link.startswith("/id/role/") for link in page.links)
    assert any(link.startswith("/id/claim/") for link in page.links), "quotations by him"
    evidence = [link for link in page.links if re.match(r"^/id/doc/[0-9a-f]{16}#span-\d+-\d+$", link)]
    assert evidence
    # every provenance link lands on an anchor of its document page
    for link in sorted(set(evidence))[:10]:
        path, anchor = link.split("#")
        doc = html_ok(base, path)
        assert anchor in doc.ids, link


def test_force_and_inspection_pages(base):
    page = html_ok(base, "/id/force/kent")
    assert any(link.startswith("/id/inspection/kent/") for link in page.links)
    page = html_ok(base, "/id/inspection/kent/peel/2021-22")
    assert any(link.startswith("/id/rating/kent/peel/2021-22/") for link in page.links)
    assert any(link.startswith("/id/grade/") for link in page.links)
    assert any(link.startswith("/id/finding/") for link in page.links)


@pytest.mark.parametrize("path", ["/id/grade/peel-5tier/good", "/id/role/chief-constable", "/id/org/hmicfrs"])
def test_concept_and_organisation_pages(base, path):
    html_ok(base, path)


def test_content_negotiation(base):
    iri = "https://w3id.org/inspectkg/id/person/tim-smith"
    status, ctype, body = get(base + "/id/person/tim-smith", "text/turtle")
    assert status == 200 and ctype.startswith("text/turtle")
    triples = [q.triple for q in pyoxigraph.parse(body.encode(), format=pyoxigraph.RdfFormat.TURTLE)]
    label = pyoxigraph.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    assert pyoxigraph.Triple(pyoxigraph.NamedNode(iri), label, pyoxigraph.Literal("Tim Smith")) in triples
    assert all(iri in (t.subject.value, getattr(t.object, "value", None)) for t in triples)

    status, ctype, body = get(base + "/id/person/tim-smith", "application/ld+json")
    assert status == 200 and ctype.startswith("application/ld+json")
    data = json.loads(body)
    nodes = data if isinstance(data, list) else data.get("@graph", [data])
    assert any(n.get("@id") == iri for n in nodes)

    status, ctype, _ = get(base + "/id/person/tim-smith", "text/html,application/xhtml+xml,*/*;q=0.8")
    assert status == 200 and ctype.startswith("text/html")
    status, ctype, _ = get(base + "/id/person/tim-smith?format=ttl", "text/html")
    assert status == 200 and ctype.startswith("text/turtle")


@pytest.mark.parametrize("path", ["/id/person/nobody-at-all", "/id/force/atlantis", "/graph/person/nobody-at-all",
                                  "/queries/no-such-query", "/id/bad%20key<>"])
def test_unknown_things_are_404(base, path):
    status, ctype, body = get(base + path)
    assert status == 404, (path, status)
    assert ctype.startswith("text/html")
    parse(body)


def test_document_page_highlights_every_span(base):
    status, _, body = get(base + "/")
    doc_path = "/id/doc/" + re.search(r'/id/doc/([0-9a-f]{16})">Kent Police reports progress', body).group(1)
    status, _, body = get(base + doc_path)
    assert status == 200
    page = parse(body)
    turtle = get(base + doc_path, "text/turtle")[2]
    assert "Kent Police reports progress on domestic abuse" in body
    for kind in ("person", "organisation", "rating", "finding", "quotation", "statistic"):
        assert f'class="hl k-{kind}"' in body, f"legend/highlight for {kind}"
    marks = set(re.findall(r'id="(span-\d+-\d+)"', body))
    assert len(marks) > 10
    assert {a.split("#")[1] for a in page.links if a.startswith("#span-")} <= page.ids
    # the text shown is the document's text, whole
    text = "".join(page.text)
    assert "It's still early days" in text
    assert "ik:content" in turtle


def test_hostile_document_is_shown_as_text(base):
    page = html_ok(base, "/search?q=bold")
    doc = next(link for link in page.links if link.startswith("/id/doc/"))
    status, _, body = get(base + doc)
    assert status == 200
    assert "<script>alert(1)</script>" not in body and "<img src=x" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    parsed = parse(body)
    assert parsed.scripts == []
    assert EVIL_TITLE in "".join(parsed.text)
    home = get(base + "/")[2]
    assert "<script>alert(1)</script>" not in home and "&lt;b&gt;bold&lt;/b&gt;" in home


def test_saved_query_gallery_has_a_form_per_query(base):
    status, _, body = get(base + "/queries")
    assert status == 200
    parse(body)
    saved = queries.load_all()
    assert saved
    for name, query in saved.items():
        assert f'action="/queries/{name}"' in body, name
        for param in query.params:
            assert f'name="{param}"' in body


def test_saved_query_results_and_downloads(base):
    saved = queries.load_all()
    name = "officials-and-roles" if "officials-and-roles" in saved else sorted(saved)[0]
    page = html_ok(base, f"/queries/{name}")
    downloads = [link for link in page.links if link.startswith(f"/api/queries/{name}.csv")]
    assert downloads
    status, ctype, body = get(base + downloads[0], "*/*")
    assert status == 200 and ctype.startswith("text/csv")
    header = next(csv.reader(io.StringIO(body)))
    assert tuple(header) == saved[name].returns
    # a query with required parameters opens as a form; submitted without them, the error is on the page
    required = next((q for q in saved.values() if any(p.required for p in q.params.values())), None)
    if required is not None:
        status, _, body = get(base + f"/queries/{required.name}")
        assert status == 200 and 'class="error"' not in body and "<form" in body
        empty = "&".join(f"{p}=" for p in required.params)
        status, ctype, body = get(base + f"/queries/{required.name}?{empty}")
        assert status == 400 and 'class="error"' in body


def test_sparql_editor_and_its_examples_run(base):
    status, _, body = get(base + "/sparql-editor")
    assert status == 200
    found = re.search(r'<script type="application/json" id="saved-queries">(.*?)</script>', body, re.S)
    if found is None:  # the browser libraries are not installed: the page says how to
        assert "scripts/frontend.sh" in body
        return
    assert "/static/js/sparql.js" in parse(body).scripts
    for example in json.loads(found.group(1)):
        accept = "application/sparql-results+json, text/turtle;q=0.9"
        status, ctype, answer = get(base + "/sparql?" + urllib.parse.urlencode({"query": example["query"]}), accept)
        assert status == 200, (example["name"], answer)


def test_graph_view_draws_neighbours_that_link_to_pages(base):
    status, _, body = get(base + "/graph/person/tim-smith")
    assert status == 200 and 'id="graph"' in body or "scripts/frontend.sh" in body
    status, ctype, body = get(base + "/graph/person/tim-smith.json")
    assert status == 200 and ctype.startswith("application/json")
    node_links = {n["href"] for n in json.loads(body)["nodes"]}
    assert "/id/person/tim-smith" in node_links and len(node_links) >= 3
    for link in node_links:
        assert get(base + link)[0] == 200, link


def test_static_files(base):
    for path, ctype in [("/static/style.css", "text/css"), ("/static/js/sparql.js", "text/javascript"),
                        ("/favicon.ico", "image/svg+xml")]:
        status, got, _ = get(base + path, "*/*")
        assert status == 200 and got.startswith(ctype), path
    assert get(base + "/static/../routes.py")[0] == 404


# --- highlighting --------------------------------------------------------------------------

TEXT = "Chief Constable Tim Smith said \"it is <early> days\" & more."


@given(st.lists(st.tuples(st.integers(0, len(TEXT)), st.integers(0, len(TEXT)),
                          st.sampled_from(["person", "finding", "quotation"])), max_size=12))
def test_overlapping_spans_keep_html_balanced_and_text_whole(spans):
    marks = [Mark(min(a, b), max(a, b), kind) for a, b, kind in spans]
    html = render(TEXT, marks)
    parser = parse(f"<div>{html}</div>")
    assert "".join(parser.text) == TEXT
    expected = {f"span-{m.start}-{m.end}" for m in marks if m.start < m.end}
    assert parser.ids == expected


# --- what a reader sees (issue 14 item 4) ----------------------------------------------------------

def section_links(body: str) -> dict[str, set[str]]:
    """Each <section>'s h2 title (without its count) -> the entity links in it."""
    out = {}
    for match in re.finditer(r"<section[^>]*>\s*<h2>(.*?)</h2>(.*?)</section>", body, re.S):
        title = re.sub(r"<span class=\"count\">.*?</span>", "", match.group(1)).strip()
        out[title] = set(re.findall(r'href="(/id/[^"#]+)"', match.group(2)))
    return out


def test_a_force_page_shows_labels_not_rdf(base):
    status, _, body = get(base + "/id/force/kent")
    assert status == 200
    parse(body)
    names = re.findall(r'<th scope="row">(.*?)</th>', body) + re.findall(r'<span class="k">(.*?)</span>', body)
    assert names and not [n for n in names if "type" in n or "confidence" in n or "derived" in n], names
    assert "rdf:type" not in body
    kicker = re.sub(r"<[^>]+>", "", re.search(r'<p class="kicker">(.*?)</p>', body, re.S).group(1))
    assert "police force" in kicker and "organisation" not in kicker
    sections = section_links(body)
    about = sections.get("Documents about Kent Police", set())
    mentioning = sections.get("Documents mentioning Kent Police", set())
    assert about and not about & mentioning, "a document listed twice"
    assert "/id/force/kent?format=ttl" in body  # the raw RDF one click away


def test_an_appointment_page_hides_confidences(base):
    person = html_ok(base, "/id/person/tim-smith")
    appointment = next(link for link in person.links if link.startswith("/id/appointment/"))
    status, _, body = get(base + appointment)
    assert status == 200
    facts = re.search(r'<table class="facts">(.*?)</table>', body, re.S).group(1)
    assert "confidence" not in facts.lower() and "rdf:type" not in facts and "prov:" not in facts


def test_saved_query_results_show_codes_as_words(base):
    status, _, body = get(base + "/queries/who-responded")
    assert status == 200
    table = re.search(r"<tbody>(.*?)</tbody>", body, re.S).group(1)
    cells = " ".join(parse(f"<table>{table}</table>").text)
    assert "commits to action" in cells
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", cells), re.findall(r"\b[a-z]+_[a-z_]+\b", cells)[:5]
    head = re.search(r"<thead>(.*?)</thead>", body, re.S).group(1)
    assert "_" not in head


def test_templates_escape_and_filters_speak_words():
    from inspectkg.web.templating import environment, label, words

    assert words("commits_to_action") == "commits to action"
    assert words("https://w3id.org/inspectkg/ontology#inspectedBody") == "inspected body"
    assert label("crime_data_integrity") == "crime data integrity" and label("Kent Police") == "Kent Police"
    html = environment().from_string("{{ x }}").render(x=EVIL_TITLE)
    assert "<script>" not in html and "&lt;script&gt;" in html
