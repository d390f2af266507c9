"""The digest as a Markdown brief an editor can paste: who, when, how much, with whom.

Every item names its article and quotes its evidence (cut to a line); the JSON has
the spans' offsets. Text from the records is escaped so that it stays text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from summarizer._digest.model import ArticleInfo, Digest, Entity, FigureSeries, TimelineEntry
from summarizer._records import Evidence

LINKS_SHOWN = 100
_QUOTE_CHARS = 200
# Characters Markdown may read as syntax; "_" only where it can open or close emphasis.
_SPECIAL = re.compile(r"([\\`*{}\[\]<>#|~]|(?<!\w)_|_(?!\w))")


def render_markdown(digest: Digest, *, title: str = "Digest") -> str:
    """The whole brief: counts, entities, timeline, figures, links, articles."""
    return "\n".join(_lines(digest, title)).rstrip() + "\n"


def _lines(digest: Digest, title: str) -> Iterator[str]:
    yield f"# {text(title)}"
    yield ""
    yield summary_line(digest)
    yield ""
    yield from _overview(digest)
    yield from _entities(digest.entities)
    yield from _timeline(digest.timeline)
    yield from _figures(digest.figures)
    yield from _links(digest)
    yield from _articles(digest.articles)


def summary_line(digest: Digest) -> str:
    """Counts of what the digest holds, for a heading."""
    kinds = {k: sum(1 for e in digest.entities if e.kind == k) for k in _KIND_TITLES}
    return (
        f"{len(digest.articles)} articles · {len(digest.entities)} entities "
        f"({kinds['person']} people, {kinds['organization']} organisations, "
        f"{kinds['country']} countries) · {len(digest.timeline)} timeline entries · "
        f"{len(digest.figures)} figure series · {len(digest.links)} links"
    )


_KIND_TITLES = {"person": "People", "organization": "Organisations", "country": "Countries"}


def _overview(digest: Digest) -> Iterator[str]:
    """The model's paragraph, each sentence with the items it cites, and those items."""
    overview = digest.overview
    if overview is None:
        return
    yield "## Overview"
    yield ""
    yield " ".join(f"{text(s.text)} [{', '.join(s.cites)}]" for s in overview.sentences)
    yield ""
    yield from (f"- {item}: {text(line)}" for item, line in overview.items.items())
    yield from (f"- dropped: {text(d.text)} ({text(d.reason)})" for d in overview.dropped)
    yield ""
    yield f"Written by {text(overview.model)} from the digest's items; checked against them."
    yield ""


def _entities(entities: list[Entity]) -> Iterator[str]:
    yield "## Entities"
    for kind, heading in _KIND_TITLES.items():
        chosen = [e for e in entities if e.kind == kind]
        if not chosen:
            continue
        yield ""
        yield f"### {heading}"
        yield ""
        for entity in chosen:
            yield from _entity(entity)
    yield ""


def _entity(entity: Entity) -> Iterator[str]:
    also = f" (also {', '.join(text(a) for a in entity.aliases)})" if entity.aliases else ""
    count = len(entity.articles)
    yield f"- **{text(entity.name)}**{also} — {count} article{'s' if count != 1 else ''}"
    for title in entity.titles:
        when = _period(title.first, title.last)
        yield f"  - title: {text(title.title)}{f' ({when})' if when else ''}"
    for mention in entity.mentions:
        yield f"  - {text(mention.article)}: {quote(mention.evidence)}"


def _period(first: str | None, last: str | None) -> str:
    if first is None:
        return ""
    return first if first == last else f"{first} to {last}"


def _timeline(entries: list[TimelineEntry]) -> Iterator[str]:
    dated = [e for e in entries if e.date]
    undated = [e for e in entries if not e.date]
    yield "## Timeline"
    yield ""
    if not dated:
        yield "No dated events or figures."
    yield from (_entry(e) for e in dated)
    if undated:
        yield ""
        yield "### Undated"
        yield ""
        yield from (_entry(e) for e in undated)
    yield ""


def _entry(entry: TimelineEntry) -> str:
    when = f"**{text(entry.date)}** · " if entry.date else ""
    who = ", ".join(text(p.name) for p in entry.participants)
    return (
        f"- {when}{text(entry.kind)}: {text(entry.description)}"
        + (f" — with {who}" if who else "")
        + f" — {text(entry.article)}: {quote(entry.evidence)}"
    )


def _figures(series: list[FigureSeries]) -> Iterator[str]:
    yield "## Figures over time"
    yield ""
    if not series:
        yield "No figures."
        yield ""
    for group in series:
        yield f"### {text(series_title(group))}"
        yield ""
        yield "| Period | Value | Change | Article | Evidence |"
        yield "|---|---:|---|---|---|"
        for value in group.values:
            period = value.period or value.period_text or "undated"
            change = value.change.text if value.change else ""
            yield (
                f"| {text(period)} | {text(value.surface)} | {text(change)} | "
                f"{text(value.article)} | {text(_cut(value.evidence.text))} |"
            )
        yield ""


def series_title(group: FigureSeries) -> str:
    """ "Iran — copper cathode production (tonne)"."""
    subject = f"{group.subject} — " if group.subject else ""
    return f"{subject}{group.metric} ({group.unit})"


def _links(digest: Digest) -> Iterator[str]:
    names = {e.id: e.name for e in digest.entities}
    yield "## Links"
    yield ""
    if not digest.links:
        yield "No two entities appear together."
        yield ""
        return
    yield "| Entity | Entity | Articles | Events | Where |"
    yield "|---|---|---:|---:|---|"
    for link in digest.links[:LINKS_SHOWN]:
        where = ", ".join(link.articles)
        yield (
            f"| {text(names[link.a])} | {text(names[link.b])} | {link.weight} | "
            f"{link.events} | {text(where)} |"
        )
    if len(digest.links) > LINKS_SHOWN:
        yield ""
        yield f"The {LINKS_SHOWN} heaviest of {len(digest.links)} links; the JSON has them all."
    yield ""


def _articles(articles: list[ArticleInfo]) -> Iterator[str]:
    yield "## Articles"
    yield ""
    for article in articles:
        about = ", ".join(x for x in (article.published, article.outlet, article.path) if x)
        headline = f" — {text(article.title)}" if article.title else ""
        yield f"- {text(article.id)}{headline}" + (f" ({text(about)})" if about else "")


def quote(evidence: Evidence) -> str:
    """Evidence as a quotation of at most a line, with its offsets."""
    return f"“{text(_cut(evidence.text))}” [{evidence.start}:{evidence.end}]"


def _cut(value: str) -> str:
    flat = " ".join(value.split())
    return flat if len(flat) <= _QUOTE_CHARS else flat[: _QUOTE_CHARS - 1].rstrip() + "…"


def text(value: str | None) -> str:
    """Record text as inert Markdown on one line: no emphasis, links, HTML or table cells
    it did not mean."""
    return _SPECIAL.sub(r"\\\1", " ".join((value or "").split()))
