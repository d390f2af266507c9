"""Resolved clusters of locals written out as entities: a name, aliases, titles over
time, and one mention (the earliest evidence span) per article."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from summarizer._cues.countries import country_name
from summarizer._digest.mentions import Local
from summarizer._digest.model import ArticleInfo, Entity, Mention, Title
from summarizer._digest.names import fold, is_acronym, parse_person
from summarizer._digest.resolve import Clusters

_KIND_ORDER = {"person": 0, "organization": 1, "country": 2}
_NOT_IN_AN_ID = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Resolved:
    """The entities, and the id of the entity each local (by index) belongs to."""

    entities: list[Entity]
    entity_of: list[str]


def build_entities(
    locals_: list[Local], clusters: Clusters, articles: list[ArticleInfo]
) -> Resolved:
    """One :class:`Entity` per cluster: most articles first, then by kind and name."""
    drafts = [
        (_entity([locals_[i] for i in sorted(members)], articles), members)
        for members in clusters.members.values()
    ]
    drafts.sort(key=lambda d: (-len(d[0].articles), _KIND_ORDER[d[0].kind], fold(d[0].name)))
    entity_of = [""] * len(locals_)
    taken: set[str] = set()
    entities = []
    for draft, members in drafts:
        identifier = _unique(draft.id, taken)
        entities.append(draft.model_copy(update={"id": identifier}))
        for member in members:
            entity_of[member] = identifier
    return Resolved(entities, entity_of)


def _unique(identifier: str, taken: set[str]) -> str:
    candidate, number = identifier, 1
    while candidate in taken:
        number += 1
        candidate = f"{identifier}-{number}"
    taken.add(candidate)
    return candidate


def _entity(members: list[Local], articles: list[ArticleInfo]) -> Entity:
    kind = members[0].kind
    names: Counter[str] = Counter(n for local in members for n in local.names)
    name = _name(kind, names, members)
    by_article: dict[int, list[Local]] = defaultdict(list)
    for local in members:
        by_article[local.article].append(local)
    mentions = [_mention(by_article[a], articles[a].id) for a in sorted(by_article)]
    return Entity(
        id=f"{kind}:{_slug(_short_name(members, name))}",
        name=name,
        kind=kind,
        aliases=[n for n, _ in names.most_common() if n != name],
        titles=_titles(members, articles),
        articles=[m.article for m in mentions],
        mentions=mentions,
    )


def _name(kind: str, names: Counter[str], members: list[Local]) -> str:
    """The name most articles use: a country's short name; a person's full name and an
    organisation's name rather than an acronym, when the articles give one."""
    if kind == "country" and members[0].code:
        return country_name(members[0].code)
    ranked = [n for n, _ in sorted(names.items(), key=lambda item: (-item[1], -len(item[0])))]
    if kind == "person":
        full = [n for n in ranked if (p := parse_person(n)) is not None and p.full]
    else:
        full = [n for n in ranked if not is_acronym(n)]
    return (full or ranked)[0]


def _mention(locals_: list[Local], article: str) -> Mention:
    names = list(dict.fromkeys(n for local in locals_ for n in local.names))
    evidence = min((local.evidence for local in locals_), key=lambda e: (e.start, e.end))
    return Mention(article=article, names=names, evidence=evidence)


def _titles(members: list[Local], articles: list[ArticleInfo]) -> list[Title]:
    """Each title once (case and spacing aside), with the dates of the articles that give
    it; dated titles first, earliest first."""
    seen: dict[str, tuple[str, set[int]]] = {}
    for local in members:
        for title in local.titles:
            key = " ".join(fold(title).split())
            seen.setdefault(key, (title, set()))[1].add(local.article)
    titles = []
    for shown, where in seen.values():
        dates = sorted(d for a in where if (d := articles[a].published))
        ids = [articles[a].id for a in sorted(where)]
        titles.append(
            Title(
                title=shown,
                first=dates[0] if dates else None,
                last=dates[-1] if dates else None,
                articles=ids,
            )
        )
    return sorted(titles, key=lambda t: (t.first is None, t.first or "", t.last or "", t.title))


def _short_name(members: list[Local], name: str) -> str:
    """What an id is made of: a country's code, a body's acronym, else the name."""
    if members[0].code:
        return members[0].code
    acronyms = sorted(a for local in members for a in local.acronyms)
    return Counter(acronyms).most_common(1)[0][0] if acronyms else name


def _slug(name: str) -> str:
    return _NOT_IN_AN_ID.sub("-", fold(name)).strip("-")[:60].strip("-") or "unnamed"
