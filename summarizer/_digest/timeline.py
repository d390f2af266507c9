"""The timeline: events and the figures of a stated period, in date order.

A date is what the record resolved (``date_iso``, ``period_iso``); periods are intervals
and sort by their first day, then their last. Entries without a date the records could
resolve come after the dated ones, in article order: never placed by a guess.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from summarizer._digest.dates import span_of
from summarizer._digest.figures import figure_subject
from summarizer._digest.model import Participant, TimelineEntry
from summarizer._records import Event, Figure

# (article index, a name the record gives) -> the entity it resolves to, if any
Resolver = Callable[[int, str], str | None]


@dataclass(frozen=True, slots=True)
class Dated:
    """A fact of an article that may go on the timeline."""

    article: int
    fact: Event | Figure


def build_timeline(
    facts: list[Dated], *, article_ids: list[str], resolve: Resolver
) -> list[TimelineEntry]:
    """Every event, and every figure with a period, as timeline entries: dated ones in
    date order, then the undated events in article order (each event once per article)."""
    entries: list[tuple[tuple[object, ...], TimelineEntry]] = []
    seen: set[tuple[int, str, int, int]] = set()
    for order, item in enumerate(facts):
        fact = item.fact
        key = (item.article, _kind(fact), fact.evidence.start, fact.evidence.end)
        if key in seen or (isinstance(fact, Figure) and span_of(fact.period_iso) is None):
            continue
        seen.add(key)
        entry = _entry(item, article_ids[item.article], resolve)
        span = span_of(entry.date)
        when = (0, span[0], span[1]) if span else (1,)
        entries.append(((*when, item.article, fact.evidence.start, order), entry))
    return [entry for _, entry in sorted(entries, key=lambda pair: pair[0])]


def _kind(fact: Event | Figure) -> str:
    return fact.kind if isinstance(fact, Event) else "figure"


def _entry(item: Dated, article: str, resolve: Resolver) -> TimelineEntry:
    fact = item.fact
    if isinstance(fact, Event):
        iso, description, names = fact.date_iso, fact.description, fact.participants
    else:
        iso, description = fact.period_iso, figure_description(fact)
        subject = figure_subject(fact)
        names = [subject] if subject else []
    span = span_of(iso)
    return TimelineEntry(
        date=iso if span else None,
        start=span[0].isoformat() if span else None,
        end=span[1].isoformat() if span else None,
        kind=_kind(fact),
        description=description,
        participants=[
            Participant(name=n, entity=resolve(item.article, n)) for n in dict.fromkeys(names)
        ],
        article=article,
        evidence=fact.evidence,
    )


def figure_description(figure: Figure) -> str:
    """A figure in words: "Codelco output: 8.5 percent (fell 8.5 percent), 2022"."""
    subject = figure_subject(figure)
    subject = f"{subject} " if subject else ""
    change = f" ({figure.change.text})" if figure.change else ""
    period = f", {figure.period}" if figure.period else ""
    return f"{subject}{figure.metric}: {figure.surface}{change}{period}"
