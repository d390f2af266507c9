"""The digest of a batch, built as its records stream in.

:meth:`DigestBuilder.add` keeps, of each record, only what the digest uses: its entities
grouped within the article (``mentions``), its events and figures, and a line about the
article. :meth:`DigestBuilder.build` resolves entities across articles (``resolve``) and
lays out the timeline, figures and links. No model is called: the digest is computed
from the records, and the same records give the same digest.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from summarizer._digest.entities import Resolved, build_entities
from summarizer._digest.figures import Stated, build_figures
from summarizer._digest.links import build_links
from summarizer._digest.mentions import Local, find_local, locals_of
from summarizer._digest.model import ArticleInfo, Digest
from summarizer._digest.names import fold
from summarizer._digest.records import DigestRecord
from summarizer._digest.resolve import Clusters, resolve
from summarizer._digest.timeline import Dated, build_timeline
from summarizer._records import Event, Evidence, Figure


@dataclass(slots=True)
class _Article:
    """What the digest keeps of one record until it is built."""

    info: ArticleInfo
    locals: list[Local]
    events: list[Event]
    figures: list[Figure]
    partial: bool


class DigestBuilder:
    """Add records one by one, then :meth:`build` the digest.

    An article is digested once: a record of a text already added (the same
    ``content_hash``: a file given twice, a duplicate in the corpus) is counted in
    :attr:`duplicates` and skipped, unless the record kept was partial (a section failed)
    and this one is complete (``summarize --resume`` redid it): then it takes its place.
    """

    def __init__(self) -> None:
        self.duplicates = 0
        self._kept: dict[str, _Article] = {}  # content hash (or a number) -> its article
        self._ids: set[str] = set()

    @property
    def articles(self) -> int:
        """How many articles were added."""
        return len(self._kept)

    @property
    def partial(self) -> int:
        """How many of them are partial records (a section failed: its facts are missing)."""
        return sum(1 for article in self._kept.values() if article.partial)

    def add(self, record: DigestRecord) -> bool:
        """Take in one record; False when its article was already added."""
        key = record.source.content_hash or f"#{len(self._kept)}"
        kept = self._kept.get(key)
        if kept is not None and not (kept.partial and not record.partial):
            self.duplicates += 1
            return False
        info = kept.info if kept is not None else self._info(record)
        self._kept[key] = _Article(
            info,
            locals_of(record, 0),  # numbered in the batch when the digest is built
            record.events,
            record.figures,
            record.partial,
        )
        return True

    def _info(self, record: DigestRecord) -> ArticleInfo:
        """The article as the digest cites it; an id two articles share gets a suffix."""
        source = record.source
        identifier, number = source.id, 1
        while identifier in self._ids:
            number += 1
            identifier = f"{source.id}~{number}"
        self._ids.add(identifier)
        return ArticleInfo(
            id=identifier,
            title=record.headline or source.title,
            published=source.published,
            outlet=source.outlet,
            path=source.path,
            content_hash=source.content_hash,
        )

    def build(self) -> Digest:
        """Resolve the entities and lay out the timeline, figures and links."""
        batch = _Batch(list(self._kept.values()))
        clusters = resolve(batch.locals)
        batch.name_participants(clusters)
        infos = [article.info for article in batch.articles]
        resolved = build_entities(batch.locals, clusters, infos)
        names = _Names(batch.locals, batch.by_article, resolved)
        article_ids = [a.id for a in infos]
        timeline = build_timeline(batch.dated, article_ids=article_ids, resolve=names.entity)
        index = {identifier: n for n, identifier in enumerate(article_ids)}
        in_events = [
            (index[entry.article], {p.entity for p in entry.participants if p.entity})
            for entry in timeline
            if entry.kind != "figure"
        ]
        in_articles: dict[int, set[str]] = defaultdict(set)
        for local, entity in zip(batch.locals, resolved.entity_of, strict=True):
            in_articles[local.article].add(entity)
        return Digest(
            entities=resolved.entities,
            timeline=timeline,
            figures=build_figures(batch.figures, article_ids=article_ids, subject_of=names.name),
            links=build_links(in_articles, in_events, article_ids=article_ids),
            articles=infos,
        )


class _Batch:
    """The kept articles numbered in order, their locals, events and figures in lists."""

    def __init__(self, articles: list[_Article]) -> None:
        self.articles = articles
        self.locals: list[Local] = []
        self.by_article: list[list[int]] = []  # article -> indices of its locals
        self.dated: list[Dated] = []
        self.figures: list[Stated] = []
        for number, article in enumerate(articles):
            start = len(self.locals)
            self.locals.extend(replace(local, article=number) for local in article.locals)
            self.by_article.append(list(range(start, len(self.locals))))
            self.dated.extend(Dated(number, event) for event in article.events)
            self.dated.extend(Dated(number, figure) for figure in article.figures)
            self.figures.extend(Stated(number, figure) for figure in article.figures)

    def name_participants(self, clusters: Clusters) -> None:
        """An event's participant that the article's lists leave out ("Yukos" in an event
        of an article whose organisations omit it) is a mention of the entity of that
        name elsewhere in the batch, when one entity has that name and the event's
        evidence writes it: that is the mention's evidence."""
        owners: dict[str, set[int]] = defaultdict(set)
        for index, local in enumerate(self.locals):
            for name in local.names:
                owners[fold(name)].add(clusters.find(index))
        named = {name: roots.pop() for name, roots in owners.items() if len(roots) == 1}
        for item in self.dated:
            if not isinstance(item.fact, Event):
                continue
            for name in item.fact.participants:
                root = named.get(fold(name.strip()))
                article_locals = [self.locals[i] for i in self.by_article[item.article]]
                if root is None or find_local(name, article_locals) is not None:
                    continue
                if (evidence := _within(name, item.fact.evidence)) is not None:
                    model = self.locals[root]
                    self.by_article[item.article].append(clusters.add_to(root))
                    self.locals.append(
                        Local(item.article, model.kind, [name], evidence, person=model.person)
                    )


def _within(name: str, evidence: Evidence) -> Evidence | None:
    """The span of ``name`` inside ``evidence``, as a whole word, if it is written there:
    as written first; in another case only for a name not in capitals ("US" is never
    the "us" of "told us")."""
    pattern = rf"(?<!\w){re.escape(name.strip())}(?!\w)"
    match = re.search(pattern, evidence.text)
    if match is None and not name.strip().isupper():
        match = re.search(pattern, evidence.text, re.IGNORECASE)
    if match is None:
        return None
    start = evidence.start + match.start()
    return Evidence(text=match.group(0), start=start, end=start + len(match.group(0)))


class _Names:
    """Names the records give (participants, subjects) resolved to entities: within their
    article first, else to the one entity of the batch that has that name."""

    def __init__(
        self, locals_: list[Local], by_article: list[list[int]], resolved: Resolved
    ) -> None:
        self._locals = locals_
        self._by_article = by_article
        self._entity_of = resolved.entity_of
        owners: dict[str, set[str]] = defaultdict(set)
        for entity in resolved.entities:
            for name in (entity.name, *entity.aliases):
                owners[fold(name)].add(entity.id)
        self._by_name = {name: ids.pop() for name, ids in owners.items() if len(ids) == 1}
        self._names = {entity.id: entity.name for entity in resolved.entities}

    def entity(self, article: int, name: str) -> str | None:
        """The id of the entity ``name`` refers to in ``article``, if one."""
        indices = self._by_article[article]
        found = find_local(name, [self._locals[i] for i in indices])
        if found is not None:
            return self._entity_of[indices[found]]
        return self._by_name.get(fold(name.strip()))

    def name(self, article: int, subject: str) -> str | None:
        """The name of the entity ``subject`` refers to in ``article``, if one."""
        entity = self.entity(article, subject)
        return self._names[entity] if entity else None


def build_digest(records: Iterable[DigestRecord]) -> Digest:
    """The digest of ``records`` (see :class:`DigestBuilder`)."""
    builder = DigestBuilder()
    for record in records:
        builder.add(record)
    return builder.build()
