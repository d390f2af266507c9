"""B-cubed and pairwise scores of a clustering, on examples worked by hand."""

from __future__ import annotations

import pytest

from summarizer._eval.clusters import bcubed, pairwise

# Gold: {a, b, c} and {d, e}. Predicted: {a, b} and {c, d, e}.
GOLD = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}
PREDICTED = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}


def test_bcubed_averages_each_items_share_of_its_clusters() -> None:
    scores = bcubed(PREDICTED, GOLD)
    # precision: a, b 2/2; c 1/3; d, e 2/3 -> (1 + 1 + 1/3 + 2/3 + 2/3) / 5
    assert scores.precision == pytest.approx((2 + 1 / 3 + 4 / 3) / 5)
    # recall: a, b 2/3; c 1/3; d, e 2/2 -> (2/3 + 2/3 + 1/3 + 1 + 1) / 5
    assert scores.recall == pytest.approx((5 / 3 + 2) / 5)
    assert scores.f1 == pytest.approx(
        2 * scores.precision * scores.recall / (scores.precision + scores.recall)
    )


def test_pairwise_counts_the_pairs_put_together() -> None:
    scores = pairwise(PREDICTED, GOLD)
    # predicted pairs: ab, cd, ce, de (4); gold pairs: ab, ac, bc, de (4); shared: ab, de
    assert (scores.precision, scores.recall) == (0.5, 0.5)


def test_a_perfect_clustering_scores_one_and_only_shared_items_count() -> None:
    assert bcubed(GOLD, GOLD).f1 == 1.0 and pairwise(GOLD, GOLD).f1 == 1.0
    assert bcubed({"a": 1}, {"a": 1, "zzz": 3}).f1 == 1.0  # zzz was never predicted
    everything_apart = {item: item for item in GOLD}
    assert bcubed(everything_apart, GOLD).precision == 1.0
    assert pairwise(everything_apart, GOLD).recall == 0.0
    assert bcubed({}, GOLD).f1 == 0.0
