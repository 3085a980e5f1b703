"""The schema room: the ontology, its vocabularies, and checking data against them.

``validate.validate(data)`` runs the SHACL shapes (``ontology/shapes.ttl``, pySHACL)
and the span checks; ``reason.check_ontology()`` runs HermiT in a killable
subprocess; ``vocab.write_all()`` regenerates ``ontology/vocab/*.ttl`` from the
CSV files in ``inspectkg/data`` (``python -m inspectkg.schema.vocab``);
``reference_graph.reference_quads()`` is the ontology plus vocabularies as one
named graph for the store.  It must not extract or write to a store itself.
"""
