"""Past one machine: extraction on a Dask cluster, N-Quads shards, a server's bulk loader.

Extraction is a pure function of a document (:func:`inspectkg.pipeline.process`), so
a corpus splits into batches that any worker can take:

- :mod:`.shard` is one task: a batch of documents in, one N-Quads shard out (their
  graphs with their completion markers, exactly as ``inspectkg build`` stores them)
  plus the batch's sorted entity-graph facts;
- :mod:`.run` sends the batches to a Dask scheduler (``Client(address)``, or a
  ``LocalCluster`` on this machine), then drops cross-batch repeats of one text and
  merges the entity facts into one deduplicated ``entities.nq``, beside ``reference.nq``;
- :mod:`.load` hands the folder to a server's bulk loader: ``oxigraph load`` into a
  store inspectkg opens, or Virtuoso's ``ld_dir`` + ``rdf_loader_run``.

Dask is an optional extra: ``pip install 'inspectkg[scale]'``.
"""
