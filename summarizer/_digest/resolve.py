"""Entities resolved across articles: which articles' entities are one.

Every comparison is between candidates that share a blocking key (a surname's
consonants, the start of its transliteration, an organisation's name key), never
between all pairs, so resolution stays near-linear in the number of names:

- countries are one by ISO code;
- organisations by their name without legal form ("Menatep Group" = "Menatep"), by
  spelling variants of it, and by acronym: an acronym joins the body the records pair
  it with, or whose initials spell it, when that body is the only one;
- people by full names that match part by part (``names.compatible``); "Tony Blair"
  and "Ian Blair" share a surname and stay two;
- a surname or a given name alone ("Mr Blair", "Sir Ian") joins the one person it can
  be; among several, the one whose titles and company in other articles are those of
  the article that names it, when one stands out; otherwise it stays apart.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable
from itertools import combinations

from summarizer._digest.mentions import Local, fitting
from summarizer._digest.names import (
    PersonName,
    compatible,
    consonants,
    initials,
    same_organization_name,
    transliteration,
    words_of,
)

# A blocking key shared by more names than this says too little to compare them all.
_LARGEST_BLOCK = 400
_TITLE_WEIGHT = 2.0


class Clusters:
    """Union-find over the batch's locals (by index), with each cluster's members (in no
    particular order)."""

    def __init__(self, size: int) -> None:
        self._parent = list(range(size))
        self.members: dict[int, list[int]] = {i: [i] for i in range(size)}

    def find(self, item: int) -> int:
        root = item
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[item] != root:
            self._parent[item], item = root, self._parent[item]
        return root

    def add_to(self, item: int) -> int:
        """A new item, at once in ``item``'s cluster; its index."""
        new = len(self._parent)
        self._parent.append(new)
        self.members[new] = [new]
        self.union(item, new)
        return new

    def union(self, a: int, b: int) -> int:
        """Join the clusters of ``a`` and ``b``; the smaller index stays the root, so the
        result does not depend on the order of the unions."""
        root_a, root_b = sorted((self.find(a), self.find(b)))
        if root_a != root_b:
            self._parent[root_b] = root_a
            # The shorter list joins the longer: no member is copied more than log n times.
            first, second = self.members.pop(root_a), self.members.pop(root_b)
            longer, shorter = (first, second) if len(first) >= len(second) else (second, first)
            longer.extend(shorter)
            self.members[root_a] = longer
        return root_a


def resolve(locals_: list[Local]) -> Clusters:
    """Cluster the batch's locals into entities (see the module's docstring)."""
    clusters = Clusters(len(locals_))
    by_kind: dict[str, list[int]] = defaultdict(list)
    for index, local in enumerate(locals_):
        by_kind[local.kind].append(index)
    _join_by(clusters, by_kind["country"], lambda i: locals_[i].code)
    _resolve_organizations(clusters, locals_, by_kind["organization"])
    _resolve_people(clusters, locals_, by_kind["person"])
    return clusters


def _join_by(clusters: Clusters, items: Iterable[int], key: Callable[[int], Hashable]) -> None:
    first: dict[Hashable, int] = {}
    for item in items:
        value = key(item)
        if value is not None and value != "":
            clusters.union(first.setdefault(value, item), item)


def _blocks(items: Iterable[int], keys: Callable[[int], Iterable[str]]) -> list[list[int]]:
    """Items grouped by each of their blocking keys; blocks too big to say anything dropped."""
    grouped: dict[str, list[int]] = defaultdict(list)
    for item in items:
        for key in set(keys(item)):
            grouped[key].append(item)
    return [block for block in grouped.values() if 1 < len(block) <= _LARGEST_BLOCK]


# -- organisations ----------------------------------------------------------------------


def _resolve_organizations(clusters: Clusters, locals_: list[Local], items: list[int]) -> None:
    named = [i for i in items if locals_[i].key]
    _join_by(clusters, named, lambda i: locals_[i].key)
    representatives = list({locals_[i].key: i for i in reversed(named)}.values())
    for block in _blocks(representatives, lambda i: _organization_blocks(locals_[i].key)):
        for a, b in combinations(sorted(block), 2):
            if same_organization_name(locals_[a].key, locals_[b].key):
                clusters.union(a, b)
    _resolve_acronyms(clusters, locals_, items)


def _organization_blocks(key: str) -> list[str]:
    joined = key.replace(" ", "")
    return [consonants(joined), transliteration(joined)[:6]]


def _resolve_acronyms(clusters: Clusters, locals_: list[Local], items: list[int]) -> None:
    """Each acronym joins the one body it stands for in the batch: the bodies the records
    pair it with (one, or several whose names share most of their words), else the one
    body whose initials spell it."""
    paired: dict[str, set[int]] = defaultdict(set)
    spelt: dict[str, set[int]] = defaultdict(set)
    for i in items:
        local = locals_[i]
        if local.key:
            for acronym in local.acronyms:
                paired[acronym].add(clusters.find(i))
            for spelling in initials(local.names[0]):
                spelt[spelling].add(clusters.find(i))
    for _, roots in sorted(paired.items()):
        names = {r: set(words_of(locals_[r].key)) for r in roots}
        pairs = combinations(sorted(roots), 2)
        if len(roots) > 1 and all(_most_words_shared(names[a], names[b]) for a, b in pairs):
            for root in roots:
                clusters.union(min(roots), root)
    alone = [i for i in items if not locals_[i].key]
    _join_by(clusters, alone, lambda i: min(locals_[i].acronyms, default=""))
    for i in alone:
        acronym = min(locals_[i].acronyms, default="")
        # Initials alone join a body only for an acronym of three letters or more: two
        # spell too many names ("EU" is not "Energy UK").
        spelt_ok = spelt.get(acronym, set()) if len(acronym) >= 3 else set()
        targets = {clusters.find(r) for r in paired.get(acronym) or spelt_ok}
        if len(targets) == 1:
            clusters.union(targets.pop(), i)


def _most_words_shared(a: set[str], b: set[str]) -> bool:
    return bool(a and b) and len(a & b) * 2 >= min(len(a), len(b)) + 1


# -- people -----------------------------------------------------------------------------


def _resolve_people(clusters: Clusters, locals_: list[Local], items: list[int]) -> None:
    full = [i for i in items if (p := locals_[i].person) is not None and p.full]
    _join_by(clusters, full, lambda i: _person(locals_, i).key)
    # One local per distinct name stands for all that share it from here on.
    names = list({_person(locals_, i).key: i for i in reversed(full)}.values())
    spelled: dict[int, list[int]] = {clusters.find(i): [i] for i in names}
    blocks = _blocks(names, lambda i: _surname_blocks(_person(locals_, i).surname))
    for a, b in sorted({pair for block in blocks for pair in combinations(sorted(block), 2)}):
        root_a, root_b = clusters.find(a), clusters.find(b)
        if root_a != root_b and _all_compatible(locals_, spelled[root_a], spelled[root_b]):
            joined = spelled.pop(root_a) + spelled.pop(root_b)
            spelled[clusters.union(a, b)] = joined
    partial = [i for i in items if (p := locals_[i].person) is not None and not p.full]
    _resolve_partial_names(clusters, locals_, names, partial)


def _person(locals_: list[Local], index: int) -> PersonName:
    person = locals_[index].person
    if person is None:
        raise ValueError(f"local {index} is not a person")  # callers pass people only
    return person


def _surname_blocks(surname: str) -> list[str]:
    return [consonants(surname), transliteration(surname)[:4]]


def _all_compatible(locals_: list[Local], names_a: list[int], names_b: list[int]) -> bool:
    """Whether every name of one cluster fits every name of the other: joins never
    chain two people through a third name that fits both."""
    return all(
        compatible(_person(locals_, x), _person(locals_, y)) for x in names_a for y in names_b
    )


def _resolve_partial_names(
    clusters: Clusters, locals_: list[Local], names: list[int], partial: list[int]
) -> None:
    """A surname or given name alone joins the person it can only be; with no candidate,
    the same name alone in other articles; with several, the one its article's context
    points to, if any. ``names`` holds one local per distinct full name."""
    index: dict[str, list[int]] = defaultdict(list)
    for i in names:
        person = _person(locals_, i)
        for key in {*_surname_blocks(person.surname), "given:" + person.given[0]}:
            index[key].append(i)
    context = _Context(clusters, locals_)
    unplaced: list[int] = []
    for i in partial:
        name = _person(locals_, i)
        keys = _surname_blocks(name.surname) if name.surname else ["given:" + name.given[0]]
        near = sorted({j for key in keys for j in index.get(key, ())})
        fits = fitting(name, [(j, _person(locals_, j)) for j in near])
        roots = sorted({clusters.find(j) for j in fits})
        chosen = roots[0] if len(roots) == 1 else context.choose(i, roots)
        if chosen is not None:
            clusters.union(chosen, i)
        elif not roots:
            unplaced.append(i)
    _join_by(clusters, unplaced, lambda i: _alone_key(_person(locals_, i)))


def _alone_key(name: PersonName) -> str:
    word = name.surname or name.given[0]
    return f"{'s' if name.surname else 'g'}:{transliteration(word)}:{name.sex or ''}"


class _Context:
    """What an article says around a name, against what other articles say around each
    candidate: shared words of titles, and the other entities named beside it (bodies,
    countries, people named in full), each weighted by how rare it is in the batch (idf).
    A candidate's profile is computed once, so many mentions of a common surname cost
    one pass over each candidate's articles."""

    def __init__(self, clusters: Clusters, locals_: list[Local]) -> None:
        self._clusters = clusters
        self._locals = locals_
        self._by_article: dict[int, list[int]] = defaultdict(list)
        for i, local in enumerate(locals_):
            if local.kind != "person" or (local.person is not None and local.person.full):
                self._by_article[local.article].append(i)
        articles = max(len(self._by_article), 1)
        frequency = Counter(
            root for members in self._by_article.values() for root in self._roots(members)
        )
        self._weight = {root: math.log(1 + articles / n) for root, n in frequency.items()}
        self._profiles: dict[int, tuple[set[int], set[str]]] = {}

    def choose(self, item: int, roots: list[int]) -> int | None:
        """The candidate that stands out by score, if one does."""
        if not roots:
            return None
        scores = sorted(((self._score(item, root), root) for root in roots), reverse=True)
        best, runner_up = scores[0][0], scores[1][0] if len(scores) > 1 else 0.0
        return scores[0][1] if best > 0 and best > runner_up else None

    def _score(self, item: int, root: int) -> float:
        local = self._locals[item]
        around = self._roots(self._by_article.get(local.article, ()))
        theirs, titles = self._profile(root)
        shared = sum(self._weight.get(r, 0.0) for r in around & theirs)
        own = {w for t in local.titles for w in words_of(t)}
        return shared + _TITLE_WEIGHT * len(own & titles - _TITLE_STOPWORDS)

    def _profile(self, root: int) -> tuple[set[int], set[str]]:
        """The entities around a candidate in its articles, and its titles' words."""
        if root not in self._profiles:
            members = self._clusters.members[self._clusters.find(root)]
            articles = {self._locals[m].article for m in members}
            around = self._roots(i for a in articles for i in self._by_article.get(a, ()))
            titles = {w for m in members for t in self._locals[m].titles for w in words_of(t)}
            self._profiles[root] = (around, titles)
        return self._profiles[root]

    def _roots(self, items: Iterable[int]) -> set[int]:
        return {self._clusters.find(i) for i in items}


_TITLE_STOPWORDS = frozenset("the of and for a an to in on at s".split())
