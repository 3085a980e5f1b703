"""An organisation name followed by "of" and only connecting words ("Kent Council of and the ...")
broke the extractor (IndexError in orgnames.find): it must extract, and find no name in the connectors."""

from __future__ import annotations

import pytest

from inspectkg.ingest.extract import extract
from inspectkg.model import Document


@pytest.mark.parametrize("text", [
    "The Kent Council of and the report.",
    "Sussex Trust for the and",
    "Durham Council of the\tand more",
])
def test_a_name_followed_by_connectors_only_extracts(text):
    extraction = extract(Document(text=text, source="connectors.txt"))
    extraction.check()
    assert all(not o.name.endswith((" of", " and", " the", " for")) for o in extraction.organisations)
