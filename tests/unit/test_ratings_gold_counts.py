"""The evaluator reads the count of a gold 'unspecified' rating however the annotator wrote it."""

from __future__ import annotations

from inspectkg.evaluate.names import area_score


def test_singular_and_qualified_counts_of_unnamed_areas():
    assert area_score("unspecified (1 area)", "unspecified", "one", 1) == 1.0
    assert area_score("unspecified (4 further areas of the six judged good)", "unspecified", "six", 4) == 1.0
    assert area_score("unspecified (4 further areas of the six judged good)", "unspecified", "six", 6) == 0.0
    assert area_score("unspecified (majority of the remaining areas)", "unspecified", "the majority", None) == 1.0
