"""Entities as one article names them: its people, organisations and countries grouped.

Within one article a surname alone ("Mr Khodorkovsky") is the person whose full name the
article gives, when exactly one fits; an acronym is the body the record pairs it with.
Each group is a :class:`Local`; resolution across articles (``resolve``) joins them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from summarizer._cues.countries import country_code
from summarizer._digest.model import EntityKind
from summarizer._digest.names import (
    PersonName,
    acronym_key,
    compatible,
    fold,
    initials,
    is_acronym,
    organization_key,
    parse_person,
    same_word,
    sex_of,
)
from summarizer._digest.records import DigestRecord
from summarizer._records import Country, Evidence, Organization, Person

T = TypeVar("T")


@dataclass(slots=True)
class Local:
    """One entity in one article: the facts of the record that name it.

    Attributes:
        article: The article's index in the batch.
        kind: person, organization or country.
        names: The forms the article names it by, first mention first.
        evidence: The earliest evidence span among its facts.
        person: A person's fullest name, parsed.
        key: An organisation's name key (``organization_key``), "" for an acronym alone.
        acronyms: An organisation's acronyms (``acronym_key``).
        code: A country's ISO 3166-1 alpha-2 code.
        titles: A person's titles, as the record gives them.
    """

    article: int
    kind: EntityKind
    names: list[str]
    evidence: Evidence
    person: PersonName | None = None
    key: str = ""
    acronyms: set[str] = field(default_factory=set)
    code: str | None = None
    titles: list[str] = field(default_factory=list)

    def add(self, name: str, evidence: Evidence) -> None:
        """Another fact naming this entity: its name, and its span if earlier."""
        if name not in self.names:
            self.names.append(name)
        if evidence.start < self.evidence.start:
            self.evidence = evidence


def locals_of(record: DigestRecord, article: int) -> list[Local]:
    """The record's people, organisations and countries, each entity once."""
    return [
        *_people(record.people, article),
        *_organizations(record.organizations, article),
        *_countries(record.countries, article),
    ]


def _people(people: list[Person], article: int) -> list[Local]:
    full: list[Local] = []
    partial: list[tuple[Person, PersonName]] = []
    for fact in people:
        name = parse_person(fact.name)
        if name is None:
            continue
        if not name.full:
            partial.append((fact, name))
            continue
        same = next((local for local in full if _same_person(local.person, name)), None)
        if same is None:
            full.append(Local(article, "person", [fact.name], fact.evidence, person=name))
        else:
            same.add(fact.name, fact.evidence)
            if len(name.given) > len(same.person.given if same.person else ()):
                same.person = name
        _add_title(same or full[-1], fact.title)
    return full + _partial_people(partial, full, article)


def _same_person(known: PersonName | None, name: PersonName) -> bool:
    """Two full names of one article that are one person ("Alexei Miller", "Aleksey
    Miller"; "George W Bush", "George Bush")."""
    return known is not None and (known.key == name.key or compatible(known, name))


def _partial_people(
    partial: list[tuple[Person, PersonName]], full: list[Local], article: int
) -> list[Local]:
    """Surnames or given names alone: the one full name of the article they fit, or a
    group of their own (one per name)."""
    alone: list[Local] = []
    for fact, name in partial:
        # Within one article a bare word may be a given name too: a headline's "Cherie".
        fits = fitting(
            name, [(local, local.person) for local in full if local.person], given_too=True
        )
        if len(fits) != 1:
            fits = [local for local in alone if local.person and local.person.key == name.key]
        if fits:
            fits[0].add(fact.name, fact.evidence)
            _add_title(fits[0], fact.title)
            continue
        alone.append(Local(article, "person", [fact.name], fact.evidence, person=name))
        _add_title(alone[-1], fact.title)
    return alone


def fits_full_name(part: PersonName, full: PersonName, *, given_too: bool = False) -> bool:
    """Whether a surname alone ("Mrs Blair") or a given name alone ("Sir Ian") can be the
    person of a full name: the name matches, and the sex an honorific states does not
    contradict the full name's ("Mrs Blair" is not Tony Blair). With ``given_too``, a
    bare word may be either name ("Cherie" for Cherie Blair in her own article)."""
    bare = given_too and part.honorific is None and not part.given
    if part.surname:
        matches = same_word(part.surname, full.surname) or (
            bare and bool(full.given) and same_word(part.surname, full.given[0])
        )
    else:
        matches = bool(full.given) and same_word(part.given[0], full.given[0])
    if not matches:
        return False
    if part.sex is None:
        return True
    other = sex_of(full)
    return other is None or other == part.sex


def fitting(
    part: PersonName, candidates: list[tuple[T, PersonName]], *, given_too: bool = False
) -> list[T]:
    """The candidates a surname or given name alone can be (``fits_full_name``); when it
    states a sex ("Mrs Blair"), those known to be of that sex before those not known."""
    fits = [
        (item, name) for item, name in candidates if fits_full_name(part, name, given_too=given_too)
    ]
    if part.sex is not None:
        known = [(item, name) for item, name in fits if sex_of(name) == part.sex]
        fits = known or fits
    return [item for item, _ in fits]


def _add_title(local: Local, title: str | None) -> None:
    if title and title.strip() and title.strip() not in local.titles:
        local.titles.append(title.strip())


def _organizations(organizations: list[Organization], article: int) -> list[Local]:
    found: list[Local] = []
    for fact in organizations:
        alone = is_acronym(fact.name) and (
            not fact.acronym or acronym_key(fact.acronym) == acronym_key(fact.name)
        )
        key = "" if alone else organization_key(fact.name)
        acronyms = {acronym_key(a) for a in (fact.acronym, fact.name if alone else None) if a}
        same = next((o for o in found if (key and o.key == key) or (acronyms & o.acronyms)), None)
        if same is None:
            found.append(Local(article, "organization", [], fact.evidence, key=key))
            same = found[-1]
        same.add(fact.name, fact.evidence)
        if fact.acronym and fact.acronym != fact.name:
            same.add(fact.acronym, fact.evidence)
        same.key = same.key or key
        same.acronyms |= acronyms
    return _acronyms_to_names(found)


def _acronyms_to_names(found: list[Local]) -> list[Local]:
    """An acronym alone joins the one name of the article whose initials spell it."""
    named = [o for o in found if o.key]
    kept = []
    for local in found:
        spelt = [o for o in named if local.acronyms & initials(o.names[0])] if not local.key else []
        if len(spelt) == 1:
            for name in local.names:
                spelt[0].add(name, local.evidence)
            spelt[0].acronyms |= local.acronyms
        else:
            kept.append(local)
    return kept


def _countries(countries: list[Country], article: int) -> list[Local]:
    found: dict[str, Local] = {}
    for fact in countries:
        local = found.setdefault(
            fact.code, Local(article, "country", [], fact.evidence, code=fact.code)
        )
        local.add(fact.name, fact.evidence)
        local.add(fact.evidence.text, fact.evidence)
    return list(found.values())


def find_local(name: str, article_locals: list[Local]) -> int | None:
    """Which of an article's entities ``name`` (an event's participant, a figure's
    subject) refers to, by its position: a name the article uses, a country word, an
    acronym, a body's name or a person's; None when none, or more than one, fits."""
    folded = fold(name.strip())
    for test in _FINDERS:
        fits = [n for n, local in enumerate(article_locals) if test(name, folded, local)]
        if len(fits) == 1:
            return fits[0]
        if fits:
            return None
    return None


def _by_name(name: str, folded: str, local: Local) -> bool:
    return any(fold(n) == folded for n in local.names)


def _by_country(name: str, folded: str, local: Local) -> bool:
    return local.code is not None and country_code(name) == local.code


def _by_organization(name: str, folded: str, local: Local) -> bool:
    if local.kind != "organization":
        return False
    if is_acronym(name):
        return acronym_key(name) in local.acronyms
    return bool(local.key) and organization_key(name) == local.key


def _by_person(name: str, folded: str, local: Local) -> bool:
    if local.kind != "person" or local.person is None:
        return False
    parsed = parse_person(name)
    if parsed is None:
        return False
    if parsed.full:
        # "Texas Judge Letitia Clark" is Letitia Clark: words before the name may be a
        # description the parser cannot tell from given names.
        return local.person.full and (
            _same_person(local.person, parsed)
            or (
                same_word(parsed.surname, local.person.surname)
                and local.person.given[0] in parsed.given
            )
        )
    return fits_full_name(parsed, local.person) if local.person.full else parsed == local.person


_FINDERS: tuple[Callable[[str, str, Local], bool], ...] = (
    _by_name,
    _by_country,
    _by_organization,
    _by_person,
)
