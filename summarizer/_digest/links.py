"""Who appears with whom: pairs of entities named in one article or taking part in one
event, weighted by the number of articles that put them together."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations

from summarizer._digest.model import Link


def build_links(
    in_articles: dict[int, set[str]],
    in_events: Iterable[tuple[int, set[str]]],
    *,
    article_ids: list[str],
) -> list[Link]:
    """Links from the entities of each article (``in_articles``: article index -> entity
    ids) and of each event (article index, its participants' entity ids); the heaviest
    first. An event's participants are linked even when the article's lists leave one
    of them out."""
    together: dict[tuple[str, str], set[int]] = defaultdict(set)
    events: dict[tuple[str, str], int] = defaultdict(int)
    for article, entities in in_articles.items():
        for pair in combinations(sorted(entities), 2):
            together[pair].add(article)
    for article, entities in in_events:
        for pair in combinations(sorted(entities), 2):
            together[pair].add(article)
            events[pair] += 1
    links = [
        Link(
            a=a,
            b=b,
            weight=len(articles),
            events=events.get((a, b), 0),
            articles=[article_ids[i] for i in sorted(articles)],
        )
        for (a, b), articles in together.items()
    ]
    return sorted(links, key=lambda link: (-link.weight, -link.events, link.a, link.b))
