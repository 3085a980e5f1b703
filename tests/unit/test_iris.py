import re

import pytest
from hypothesis import given, strategies as st
from pyoxigraph import NamedNode

from inspectkg import iris


@given(st.text(min_size=1))
def test_slug_is_idempotent_and_url_safe(text):
    try:
        value = iris.slug(text)
    except ValueError:
        return  # nothing alphanumeric to keep
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", value)
    assert iris.slug(value) == value
    NamedNode(iris.iri(iris.key("person", text)))  # accepted by pyoxigraph


def test_slug_of_nothing_is_an_error():
    with pytest.raises(ValueError):
        iris.slug(" --- ")


def test_keys_follow_the_ontology_contract():
    assert iris.iri(iris.force("kent")) == "https://w3id.org/inspectkg/id/force/kent"
    assert iris.person("Matthew Scott") == "person/matthew-scott"
    assert iris.inspection("kent", "PEEL", "2021/22") == "inspection/kent/peel/2021-22"
    assert iris.graph("0123456789abcdef") == "graph/0123456789abcdef"
    assert iris.rating("inspection/kent/peel/2021-22", "investigating_crime") == (
        "rating/kent/peel/2021-22/investigating-crime"
    )


def test_accented_names_fold_to_ascii():
    assert iris.person("Zoë Billingham") == "person/zoe-billingham"
