"""Figures over time: the batch's figures grouped by subject, metric and unit.

A subject that names an entity ("IMIDRO", "Iran's") is grouped under the entity's name,
so articles that write it differently add to one series. Each value keeps its period,
its change as stated ("up 12%" stays a change of 12 percent, not a level), its article
and its evidence; values are in period order, undated ones last.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from summarizer._digest.dates import span_of
from summarizer._digest.model import FigureSeries, FigureValue
from summarizer._digest.names import fold
from summarizer._records import Figure

# (article index, a subject as the record gives it) -> the entity's name, if it is one
SubjectResolver = Callable[[int, str], str | None]

_POSSESSIVE_END = re.compile(r"(?:'s|\u2019s|'|\u2019)$")


@dataclass(frozen=True, slots=True)
class Stated:
    """A figure of an article."""

    article: int
    figure: Figure


def build_figures(
    figures: list[Stated], *, article_ids: list[str], subject_of: SubjectResolver
) -> list[FigureSeries]:
    """The series, the longest first; values in period order, each value once."""
    series: dict[tuple[str, str, str], tuple[FigureSeries, list[tuple[object, ...]]]] = {}
    seen: set[tuple[int, int, int, float]] = set()
    for order, item in enumerate(figures):
        figure = item.figure
        once = (item.article, figure.evidence.start, figure.evidence.end, figure.value)
        if once in seen:
            continue
        seen.add(once)
        subject = figure_subject(figure)
        subject = subject_of(item.article, subject) or subject if subject else None
        metric = " ".join(fold(figure.metric).split())
        key = (fold(subject or ""), metric, figure.unit)
        if subject is None and _says_nothing(metric, figure.unit):
            # "count", "amount", "USD" and no subject: nothing says two such figures
            # measure one thing, so each stands alone.
            key = (f"{item.article}:{figure.evidence.start}", metric, figure.unit)
        group, keys = series.setdefault(
            key,
            (FigureSeries(subject=subject, metric=figure.metric, unit=figure.unit, values=[]), []),
        )
        group.values.append(_value(figure, article_ids[item.article]))
        span = span_of(figure.period_iso)
        keys.append(
            (0, span[0], span[1], item.article, order) if span else (1, item.article, order)
        )
    ordered = []
    for group, keys in series.values():
        ranked = sorted(range(len(keys)), key=lambda i: keys[i])
        ordered.append(group.model_copy(update={"values": [group.values[i] for i in ranked]}))
    return sorted(
        ordered,
        key=lambda s: (
            -len(s.values),
            -len({v.article for v in s.values}),
            fold(s.subject or "~"),
            fold(s.metric),
            s.unit,
        ),
    )


def figure_subject(figure: Figure) -> str | None:
    """The figure's subject without the metric it may repeat: "Iran's copper cathode
    production" with the metric "copper cathode production" is Iran."""
    subject = (figure.subject or "").strip()
    metric = figure.metric.strip()
    if metric and fold(subject).endswith(fold(metric)) and len(subject) > len(metric):
        subject = _POSSESSIVE_END.sub("", subject[: len(subject) - len(metric)].strip())
    return subject or None


# Metrics that only restate a unit: they do not say what is measured.
_NO_METRIC = frozenset("count amount number value total figure percentage percent share".split())


def _says_nothing(metric: str, unit: str) -> bool:
    return metric in _NO_METRIC or metric == fold(unit)  # "tonne" in tonnes, "usd" in USD


def _value(figure: Figure, article: str) -> FigureValue:
    span = span_of(figure.period_iso)
    return FigureValue(
        period=figure.period_iso if span else None,
        period_text=figure.period,
        value=figure.value,
        surface=figure.surface,
        change=figure.change,
        article=article,
        evidence=figure.evidence,
    )
