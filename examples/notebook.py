"""A notebook in script form: open the store, run saved queries and SPARQL, get typed DataFrames.

Run it after ``bash scripts/quickstart.sh`` (which builds ./inspectkg-store from
examples/corpus/):

    .venv/bin/python examples/notebook.py [STORE]

Each block below is one notebook cell.  pandas comes with
``pip install 'inspectkg[pandas]'``.
"""

import sys

import inspectkg

# --- open the store: read-only, so this also works while `inspectkg serve` is running ---------
kg = inspectkg.open(sys.argv[1] if len(sys.argv) > 1 else "inspectkg-store")
print(f"{len(kg.saved_queries)} saved queries:", ", ".join(kg.saved_queries))

# --- a saved query as rows: IRIs are strings, counts are ints ---------------------------------
ratings = kg.query("ratings-over-time", force="kent")
print(ratings.columns)
for row in ratings.rows[:3]:
    print(row)

# --- the same as a DataFrame with typed columns -----------------------------------------------
frame = kg.frame("ratings-over-time", force="kent")
print(frame.dtypes.to_string())
print(frame.groupby("grade")["documents"].sum().sort_values(ascending=False).to_string())

# --- dates are datetime64: documents per year of publication ----------------------------------
documents = kg.frame("documents")
print(documents["published"].dt.year.astype("Int64").value_counts(dropna=False).sort_index().to_string())

# --- any SPARQL query over the union of all graphs --------------------------------------------
count = kg.sparql("SELECT (COUNT(*) AS ?quads) WHERE { GRAPH ?g { ?s ?p ?o } }")
print("quads:", count.rows[0][0])
print("has findings:", kg.sparql("PREFIX ik: <https://w3id.org/inspectkg/ontology#> ASK { GRAPH ?g { ?f a ik:Finding } }"))
kg.close()
