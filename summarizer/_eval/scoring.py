"""Scoring records against gold annotations: recall, precision, published date, grounding.

Counting rules, the same for every section:

- recall = required gold items a record item matches / required gold items;
- precision = record items that match some gold item (required or optional) / record items.

Optional gold items (``"optional": true``, CoNLL nationalities) never count as missed and
never count against precision. Names match after folding case, accents, quote and dash
styles; a surname alone matches the full name ("Cruz" ~ "Liván Arronte Cruz"), and an
organisation matches by any alias or by its acronym.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from summarizer._eval.gold import Gold, GoldEvent, GoldFigure, GoldName, unit_key
from summarizer._grounding import fold
from summarizer._records import ArticleSummary, Evidence

_G = TypeVar("_G")
_P = TypeVar("_P")
SCORED_SECTIONS = ("people", "organizations", "countries", "figures", "quotes", "events")


@dataclass
class Tally:
    """Counts for one section, summed over articles."""

    gold: int = 0
    found: int = 0
    predicted: int = 0
    correct: int = 0
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float | None:
        return self.found / self.gold if self.gold else None

    @property
    def precision(self) -> float | None:
        return self.correct / self.predicted if self.predicted else None

    @property
    def f1(self) -> float | None:
        recall, precision = self.recall, self.precision
        if recall is None or precision is None:
            return None
        if recall + precision == 0:
            return 0.0
        return 2 * recall * precision / (recall + precision)

    def add(self, other: Tally) -> None:
        self.gold += other.gold
        self.found += other.found
        self.predicted += other.predicted
        self.correct += other.correct
        self.missed += other.missed
        self.wrong += other.wrong


@dataclass
class Scores:
    """The figures of one evaluation run."""

    articles: int = 0
    failed: list[str] = field(default_factory=list)
    sections: dict[str, Tally] = field(default_factory=dict)
    figure_values: Tally = field(default_factory=Tally)
    published_right: int = 0
    published_total: int = 0
    spans_exact: int = 0
    spans_total: int = 0
    errors: dict[str, dict[str, Tally]] = field(default_factory=dict)

    @property
    def grounding(self) -> float | None:
        return self.spans_exact / self.spans_total if self.spans_total else None

    def add_record(self, record: ArticleSummary, gold: Gold, article: str) -> None:
        self.articles += 1
        tallies = score_record(record, gold)
        for section, tally in tallies.items():
            self.sections.setdefault(section, Tally()).add(tally)
        self.errors[record.source.id] = {
            section: tally for section, tally in tallies.items() if tally.missed or tally.wrong
        }
        if gold.figures is not None:
            self.figure_values.add(_match(gold.figures, record.figures, _same_value))
        if gold.has_published:
            self.published_total += 1
            self.published_right += record.source.published == gold.published
        spans = list(evidence_spans(record))
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
            "figure_values_recall": self.figure_values.recall,
            "published": {"right": self.published_right, "total": self.published_total},
            "grounding": {
                "exact": self.spans_exact,
                "total": self.spans_total,
                "share": self.grounding,
            },
        }


def score_record(record: ArticleSummary, gold: Gold) -> dict[str, Tally]:
    """Per-section counts for one record; sections the gold does not annotate are left out."""
    tallies: dict[str, Tally] = {}
    if gold.people is not None:
        tallies["people"] = _match(gold.people, [p.name for p in record.people], same_person)
    if gold.organizations is not None:
        names = [[o.name, o.acronym] for o in record.organizations]
        tallies["organizations"] = _match(gold.organizations, names, _same_organization)
    if gold.countries is not None:
        tallies["countries"] = _match_codes(
            gold.countries, gold.optional_countries, [c.code for c in record.countries]
        )
    if gold.figures is not None:
        tallies["figures"] = _match(gold.figures, record.figures, _same_figure)
    if gold.quotes is not None:
        people = [*(gold.people or []), *(gold.organizations or [])]
        quotes = [(q.text, q.speaker) for q in record.quotes]
        tallies["quotes"] = _match(
            gold.quotes, quotes, lambda g, p: _same_quote(g.starts, g.speaker, p, people)
        )
    if gold.events is not None:
        tallies["events"] = _match(gold.events, record.events, _same_event)
    return tallies


def evidence_spans(record: ArticleSummary) -> Iterable[Evidence]:
    for section in ("people", "organizations", "countries", "events", "figures", "quotes"):
        for item in getattr(record, section):
            yield item.evidence


# -- matching --------------------------------------------------------------------------


def _match(gold: Sequence[_G], predicted: Sequence[_P], same: Callable[[_G, _P], bool]) -> Tally:
    """One-to-one where it can: each gold item is found by a prediction not used yet;
    a prediction is correct when it matches any gold item (repeats count once)."""
    used: set[int] = set()
    missed = []
    for item in gold:
        if getattr(item, "optional", False):
            continue
        hit = next((i for i, p in enumerate(predicted) if i not in used and same(item, p)), None)
        if hit is None:
            hit = next((i for i, p in enumerate(predicted) if same(item, p)), None)
        if hit is None:
            missed.append(_describe(item))
        else:
            used.add(hit)
    required = sum(not getattr(item, "optional", False) for item in gold)
    wrong = [_describe(p) for p in predicted if not any(same(item, p) for item in gold)]
    return Tally(
        gold=required,
        found=required - len(missed),
        predicted=len(predicted),
        correct=len(predicted) - len(wrong),
        missed=missed,
        wrong=wrong,
    )


def _describe(item: object) -> str:
    """A short label for a missed or wrong item, for ``summarize eval --show-errors``."""
    if isinstance(item, GoldName):
        return item.name
    if isinstance(item, GoldFigure):
        return f"{item.value:g} {item.unit}"
    if isinstance(item, GoldEvent):
        return f"{item.kind}: {', '.join(item.participants)}"
    if isinstance(item, tuple | list):
        return " / ".join(str(part)[:40] for part in item if part)
    for fields in (("value", "unit"), ("kind", "participants"), ("speaker", "starts")):
        if all(hasattr(item, name) for name in fields):
            return " ".join(str(getattr(item, name)) for name in fields)
    return str(item)


def _match_codes(gold: list[str], optional: list[str], predicted: list[str]) -> Tally:
    unique = list(dict.fromkeys(predicted))
    missed = [code for code in gold if code not in unique]
    wrong = [code for code in unique if code not in gold and code not in optional]
    return Tally(
        gold=len(gold),
        found=len(gold) - len(missed),
        predicted=len(unique),
        correct=len(unique) - len(wrong),
        missed=missed,
        wrong=wrong,
    )


def name_key(name: str) -> str:
    """A name folded for comparison: case, accents, quotes, dashes, possessives, "the"."""
    name = unicodedata.normalize("NFKD", fold(name))
    name = "".join(c for c in name if not unicodedata.combining(c))
    name = re.sub(r"['\u2019]s\b", "", name.lower())
    name = re.sub(r"[^\w\s]", " ", name)
    return " ".join(w for w in name.split() if w != "the")


def same_person(gold: GoldName, predicted: str) -> bool:
    """Equal keys, or one name's words within the other's with the same surname."""
    words = name_key(predicted).split()
    if not words:
        return False
    for name in gold.names:
        known = name_key(name).split()
        if words == known:
            return True
        if (
            known
            and words[-1] == known[-1]
            and (set(words) <= set(known) or set(known) <= set(words))
        ):
            return True
    return False


def _same_organization(gold: GoldName, predicted: Sequence[str | None]) -> bool:
    keys = {name_key(n) for n in predicted if n}
    for name in gold.names:
        known = name_key(name)
        if known in keys:
            return True
        for key in keys:
            shorter, longer = sorted((key.split(), known.split()), key=len)
            # "Industry and Trade Ministry" within "Russian Industry and Trade Ministry".
            contained = len(shorter) >= 2 and " ".join(shorter) in " ".join(longer)
            if contained and len(shorter) / len(longer) >= 0.6:
                return True
    return False


def _same_value(gold: GoldFigure, predicted: Any) -> bool:
    return math.isclose(gold.value, predicted.value, rel_tol=1e-6, abs_tol=1e-9)


def _same_figure(gold: GoldFigure, predicted: Any) -> bool:
    return _same_value(gold, predicted) and unit_key(predicted.unit) == gold.unit


def _same_quote(
    starts: str, speaker: str, predicted: tuple[str, str], people: list[GoldName]
) -> bool:
    text, said_by = predicted
    if not name_key(text).startswith(name_key(starts)):
        return False
    # The gold's speaker by any of its names: a person's or a body's ("WSIS" is the
    # "World Summit for the Information Society").
    person = next((p for p in people if speaker in p.names), GoldName(names=(speaker,)))
    return same_person(person, said_by) or _same_organization(person, [said_by])


def _same_event(gold: GoldEvent, predicted: Any) -> bool:
    if predicted.kind != gold.kind:
        return False
    if not gold.participants:
        return True
    named = [name_key(p) for p in predicted.participants]
    return any(
        any(_overlaps(name_key(participant), other) for other in named)
        for participant in gold.participants
    )


def _overlaps(first: str, second: str) -> bool:
    """Two participants' names that share their last word or contain each other."""
    if not first or not second:
        return False
    return first in second or second in first or first.split()[-1] == second.split()[-1]
