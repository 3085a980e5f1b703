"""``/sparql-editor``: a SPARQL textarea with highlighting, examples, and a results table."""

from __future__ import annotations

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


def render(store=None, query: str | None = None, endpoint: str = "/sparql"):
    return "editor.html", {"active": "sparql", "query": query or EXAMPLES[0][1], "examples": EXAMPLES,
                           "endpoint": endpoint}
