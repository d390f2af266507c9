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

from summarizer._digest.entities import Resolved, build_entities
from summarizer._digest.figures import Stated, build_figures
from summarizer._digest.links import build_links
from summarizer._digest.mentions import Local, find_local, locals_of
from summarizer._digest.model import ArticleInfo, Digest
from summarizer._digest.names import fold
from summarizer._digest.records import DigestRecord
from summarizer._digest.resolve import Clusters, resolve
from summarizer._digest.timeline import Dated, build_timeline
from summarizer._records import Event, Evidence


class DigestBuilder:
    """Add records one by one, then :meth:`build` the digest.

    A record whose article is already in the batch (the same ``content_hash``: a batch
    resumed twice, a file given twice) is counted in :attr:`duplicates` and skipped.
    """

    def __init__(self) -> None:
        self.duplicates = 0
        self._articles: list[ArticleInfo] = []
        self._hashes: set[str] = set()
        self._ids: set[str] = set()
        self._locals: list[Local] = []
        self._by_article: list[list[int]] = []  # article -> indices of its locals
        self._dated: list[Dated] = []
        self._figures: list[Stated] = []

    @property
    def articles(self) -> int:
        """How many articles were added."""
        return len(self._articles)

    def add(self, record: DigestRecord) -> bool:
        """Take in one record; False when its article was already added."""
        content_hash = record.source.content_hash
        if content_hash is not None and content_hash in self._hashes:
            self.duplicates += 1
            return False
        if content_hash is not None:
            self._hashes.add(content_hash)
        article = len(self._articles)
        self._articles.append(self._info(record))
        found = locals_of(record, article)
        self._by_article.append(list(range(len(self._locals), len(self._locals) + len(found))))
        self._locals.extend(found)
        self._dated.extend(Dated(article, event) for event in record.events)
        self._dated.extend(Dated(article, figure) for figure in record.figures)
        self._figures.extend(Stated(article, figure) for figure in record.figures)
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
        clusters = resolve(self._locals)
        self._participants_named(clusters)
        resolved = build_entities(self._locals, clusters, self._articles)
        names = _Names(self._locals, self._by_article, resolved)
        article_ids = [a.id for a in self._articles]
        timeline = build_timeline(self._dated, article_ids=article_ids, resolve=names.entity)
        index = {identifier: n for n, identifier in enumerate(article_ids)}
        in_events = [
            (index[entry.article], {p.entity for p in entry.participants if p.entity})
            for entry in timeline
            if entry.kind != "figure"
        ]
        in_articles: dict[int, set[str]] = defaultdict(set)
        for local, entity in zip(self._locals, resolved.entity_of, strict=True):
            in_articles[local.article].add(entity)
        return Digest(
            entities=resolved.entities,
            timeline=timeline,
            figures=build_figures(self._figures, article_ids=article_ids, subject_of=names.name),
            links=build_links(in_articles, in_events, article_ids=article_ids),
            articles=self._articles,
        )

    def _participants_named(self, clusters: Clusters) -> None:
        """An event's participant that the article's lists leave out ("Yukos" in an event
        of an article whose organisations omit it) is a mention of the entity of that
        name elsewhere in the batch, when one entity has that name and the event's
        evidence writes it: that is the mention's evidence."""
        owners: dict[str, set[int]] = defaultdict(set)
        for index, local in enumerate(self._locals):
            for name in local.names:
                owners[fold(name)].add(clusters.find(index))
        named = {name: roots.pop() for name, roots in owners.items() if len(roots) == 1}
        for item in self._dated:
            if not isinstance(item.fact, Event):
                continue
            for name in item.fact.participants:
                root = named.get(fold(name.strip()))
                article_locals = [self._locals[i] for i in self._by_article[item.article]]
                if root is None or find_local(name, article_locals) is not None:
                    continue
                if (evidence := _within(name, item.fact.evidence)) is not None:
                    model = self._locals[root]
                    self._by_article[item.article].append(clusters.add_to(root))
                    self._locals.append(
                        Local(item.article, model.kind, [name], evidence, person=model.person)
                    )


def _within(name: str, evidence: Evidence) -> Evidence | None:
    """The span of ``name`` inside ``evidence``, as a whole word, if it is written there."""
    match = re.search(rf"(?<!\w){re.escape(name.strip())}(?!\w)", evidence.text, re.IGNORECASE)
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
