"""``/sparql-editor``: a SPARQL textarea with highlighting, examples, and a results table."""

from __future__ import annotations

from ..html import esc, page

EXAMPLES = [
    ("Ratings and grades", """PREFIX ik: <https://w3id.org/inspectkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
# Every rating: inspection, area and grade (each document's own grade)
SELECT DISTINCT ?inspection ?area ?grade WHERE {
  ?rating a ik:Rating ; ik:inspection ?inspection ; ik:area ?a ; ik:grade ?g .
  ?a rdfs:label ?area . ?g rdfs:label ?grade .
}
ORDER BY ?inspection ?area
LIMIT 100"""),
    ("People and their roles", """PREFIX ik: <https://w3id.org/inspectkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?name ?role ?organisation WHERE {
  GRAPH <https://w3id.org/inspectkg/id/graph/entities> {
    ?a a ik:Appointment ; ik:person ?p ; ik:role ?r .
    ?p rdfs:label ?name .
    OPTIONAL { ?a ik:organisation ?o }
  }
  OPTIONAL { ?o rdfs:label ?organisation }
  ?r rdfs:label ?role .
}
ORDER BY ?name"""),
    ("Quotations with speakers", """PREFIX ik: <https://w3id.org/inspectkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?speaker ?text WHERE {
  ?q a ik:Quotation ; ik:text ?text ; ik:speaker ?s .
  ?s rdfs:label ?speaker .
}
ORDER BY ?speaker
LIMIT 50"""),
    ("Documents per force", """PREFIX ik: <https://w3id.org/inspectkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?force (COUNT(DISTINCT ?doc) AS ?documents) WHERE {
  ?doc a ik:Document ; ik:about ?f .
  ?f rdfs:label ?force .
}
GROUP BY ?force
ORDER BY DESC(?documents)"""),
    ("Describe a force (CONSTRUCT)", """PREFIX ik: <https://w3id.org/inspectkg/ontology#>
CONSTRUCT { <https://w3id.org/inspectkg/id/force/kent> ?p ?o }
WHERE { VALUES ?g { <https://w3id.org/inspectkg/id/graph/entities> <https://w3id.org/inspectkg/id/graph/reference> }
        GRAPH ?g { <https://w3id.org/inspectkg/id/force/kent> ?p ?o } }"""),
]


def render(query: str | None = None, endpoint: str = "/sparql") -> str:
    text = query if query else EXAMPLES[0][1]
    buttons = "".join(
        f'<button type="button" class="example" data-query="{esc(q)}">{esc(name)}</button>' for name, q in EXAMPLES
    )
    body = (
        "<h1>SPARQL editor</h1>"
        f'<p>Queries run against <code>{esc(endpoint)}</code> (read-only; time and row limits apply). '
        "The default graph is the union of all graphs. Ctrl+Enter runs the query.</p>"
        f'<div class="examples"><span>Examples:</span> {buttons}</div>'
        f'<form id="sparql-form" data-endpoint="{esc(endpoint)}">'
        '<div class="editor"><pre class="hl-mirror" aria-hidden="true"><code id="sparql-mirror"></code></pre>'
        f'<textarea id="sparql-query" name="query" spellcheck="false" aria-label="SPARQL query">{esc(text)}</textarea></div>'
        '<p><button type="submit" id="sparql-run">Run query</button> <span id="sparql-status" role="status"></span></p>'
        "</form>"
        '<section id="sparql-results" class="results"></section>'
    )
    return page("SPARQL editor", body, active="sparql", scripts=("editor.js",))
