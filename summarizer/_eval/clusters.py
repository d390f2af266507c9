"""Scores of a clustering against a gold one: B-cubed and pairwise precision and recall.

Both compare which items are put together. B-cubed (Bagga and Baldwin, 1998) scores each
item: precision is the share of its predicted cluster that is in its gold cluster, recall
the share of its gold cluster that is in its predicted cluster, averaged over items.
Pairwise scores count the pairs of items put together: precision is the share of
predicted pairs that gold puts together too, recall the share of gold pairs predicted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ClusterScores:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def bcubed(
    predicted: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]
) -> ClusterScores:
    """B-cubed precision and recall over the items both mappings (item -> cluster) hold."""
    items = [item for item in gold if item in predicted]
    if not items:
        return ClusterScores(0.0, 0.0)
    together = Counter((predicted[i], gold[i]) for i in items)
    in_predicted = Counter(predicted[i] for i in items)
    in_gold = Counter(gold[i] for i in items)
    precision = sum(together[(predicted[i], gold[i])] / in_predicted[predicted[i]] for i in items)
    recall = sum(together[(predicted[i], gold[i])] / in_gold[gold[i]] for i in items)
    return ClusterScores(precision / len(items), recall / len(items))


def pairwise(
    predicted: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]
) -> ClusterScores:
    """Pairwise precision and recall over the items both mappings hold; 1.0 where there is
    no pair to get wrong."""
    items = [item for item in gold if item in predicted]

    def pairs(counts: Counter[Hashable]) -> int:
        return sum(n * (n - 1) // 2 for n in counts.values())

    both = pairs(Counter((predicted[i], gold[i]) for i in items))
    predicted_pairs = pairs(Counter(predicted[i] for i in items))
    gold_pairs = pairs(Counter(gold[i] for i in items))
    return ClusterScores(
        both / predicted_pairs if predicted_pairs else 1.0,
        both / gold_pairs if gold_pairs else 1.0,
    )
