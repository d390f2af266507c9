"""Scoring records against gold annotations: recall, precision, published date, grounding.

Each section counts its own facts against its gold items (``Section.score``, with the
counting rules of ``matching``); this module sums them over articles.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from summarizer._eval.matching import Gold, Tally
from summarizer._records import ArticleSummary, Evidence
from summarizer.sections import Sections


@dataclass
class Scores:
    """The figures of one evaluation run."""

    articles: int = 0
    failed: list[str] = field(default_factory=list)
    sections: dict[str, Tally] = field(default_factory=dict)
    published_right: int = 0
    published_total: int = 0
    spans_exact: int = 0
    spans_total: int = 0
    errors: dict[str, dict[str, Tally]] = field(default_factory=dict)
    # Measures that are not counts (ROUGE, shares of statements), per article.
    measures: dict[str, list[float]] = field(default_factory=dict)

    def mean(self, measure: str) -> float | None:
        values = self.measures.get(measure, [])
        return sum(values) / len(values) if values else None

    @property
    def grounding(self) -> float | None:
        return self.spans_exact / self.spans_total if self.spans_total else None

    def add_record(
        self, record: ArticleSummary, gold: Gold, article: str, *, sections: Sections
    ) -> None:
        self.articles += 1
        tallies = score_record(record, gold, sections)
        for section, tally in tallies.items():
            self.sections.setdefault(section, Tally()).add(tally)
        self.errors[record.source.id] = {
            section: tally for section, tally in tallies.items() if tally.missed or tally.wrong
        }
        if gold.has_published:
            self.published_total += 1
            self.published_right += record.source.published == gold.published
        for measured in sections.values():
            for name, value in measured.measure(record, gold, article).items():
                self.measures.setdefault(name, []).append(value)
        spans = list(evidence_spans(record, sections))
        self.spans_total += len(spans)
        self.spans_exact += sum(article[e.start : e.end] == e.text for e in spans)

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "failed": self.failed,
            "sections": {
                name: {
                    "gold": t.gold,
                    "found": t.found,
                    "predicted": t.predicted,
                    "correct": t.correct,
                    "recall": t.recall,
                    "precision": t.precision,
                    "f1": t.f1,
                }
                for name, t in self.sections.items()
            },
            "published": {"right": self.published_right, "total": self.published_total},
            "measures": {name: self.mean(name) for name in self.measures},
            "grounding": {
                "exact": self.spans_exact,
                "total": self.spans_total,
                "share": self.grounding,
            },
        }


def score_record(record: ArticleSummary, gold: Gold, sections: Sections) -> dict[str, Tally]:
    """Per-section counts for one record; sections the gold does not annotate are left out."""
    tallies: dict[str, Tally] = {}
    for section in sections.values():
        tallies.update(section.score(record, gold) or {})
    return tallies


def evidence_spans(record: ArticleSummary, sections: Sections) -> Iterable[Evidence]:
    for section in sections.values():
        for fact in section.facts(record):
            yield fact.evidence
