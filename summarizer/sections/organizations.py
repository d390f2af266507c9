"""Organisations: ministries, companies, agencies, plants, news outlets the article names."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, ClassVar

from pydantic import BaseModel, Field

from summarizer._cues.countries import country_code
from summarizer._cues.names import ORGANISATION_WORDS
from summarizer._cues.organisations import acronym_expansions
from summarizer._eval.matching import Gold, GoldName, Tally, match, same_organization
from summarizer._grounding import fold, locate
from summarizer._records import ArticleSummary, Evidence, Organization
from summarizer.sections._base import GoldKind, Section, VerifiedItems
from summarizer.sections._common import clean, proper_name, richer, written_as
from summarizer.sections._context import IN_INSTRUCTIONS, SectionContext
from summarizer.sections._render import markdown_table
from summarizer.sections.people import gold_name


class OrganizationOutput(BaseModel):
    name: str = Field(max_length=120)
    acronym: str | None = Field(default=None, max_length=12)
    kind: str | None = Field(default=None, max_length=20)
    country: str | None = Field(default=None, max_length=40)


class OrganizationsOutput(VerifiedItems):
    organizations: list[OrganizationOutput] = Field(max_length=12)

    section: ClassVar[str] = "organizations"

    @staticmethod
    def problem(organization: OrganizationOutput, context: SectionContext) -> str | None:
        name, _ = _split_acronym(organization.name, context.article)
        if not name:
            return "no name"
        if name.isupper() and name in context.article[:40] and len(name) > 5:
            return "the dateline's place, not an organisation"
        if country_code(name) and not ORGANISATION_WORDS.search(name):
            return "names a country, not an organisation"
        if context.only_in_instructions(name):
            return IN_INSTRUCTIONS
        if not written_as(name, context.article):
            return "this name is not written so in the article (check its capitals)"
        if not proper_name(name):
            return "a description, not an organisation's proper name"
        if person := next((p for p in context.people if p in name), None):
            return f"includes the person {person}: give the organisation's own name"
        return None

    @staticmethod
    def describe(organization: OrganizationOutput) -> str:
        return organization.name


_WITH_ACRONYM = re.compile(r"^(?P<name>.+?)\s*\((?P<acronym>[A-Z][A-Za-z]{1,9})\)$")


def _split_acronym(name: str, article: str) -> tuple[str, str | None]:
    """ "Name (ACR)", the form the hint lists, as the article's own expansion and acronym;
    any other name unchanged."""
    name = name.strip()
    match = _WITH_ACRONYM.match(name)
    if match is None:
        return name, None
    acronym = match["acronym"]
    expansion = acronym_expansions(article).get(acronym)
    return (expansion or match["name"].strip()), acronym


def organization_records(
    output: OrganizationsOutput, context: SectionContext
) -> list[Organization]:
    expansions = acronym_expansions(context.article)
    by_acronym = {v.lower(): k for k, v in expansions.items()}
    organizations: list[Organization] = []
    for item in output.organizations:
        name, stated = _split_acronym(item.name, context.article)
        acronym = stated or clean(item.acronym)
        if acronym and not re.search(rf"\b{re.escape(acronym)}\b", context.article):
            acronym = None  # an acronym the article never uses is the model's invention
        if name in expansions:  # the model gave the acronym as the name
            name, acronym = expansions[name], name
        acronym = acronym or by_acronym.get(name.lower())
        span = locate(name, context.article) or (acronym and locate(acronym, context.article))
        if not span:
            continue
        record = Organization(
            name=name,
            acronym=acronym,
            kind=clean(item.kind),
            country=clean(item.country),
            evidence=Evidence.of(span),
        )
        _merge_organization(organizations, record)
    return organizations


def _merge_organization(organizations: list[Organization], new: Organization) -> None:
    keys = {fold(new.name)} | ({fold(new.acronym)} if new.acronym else set())
    for index, known in enumerate(organizations):
        known_keys = {fold(known.name)} | ({fold(known.acronym)} if known.acronym else set())
        if keys & known_keys:
            organizations[index] = known.model_copy(
                update={
                    "acronym": known.acronym or new.acronym,
                    "kind": richer(known.kind, new.kind),
                    "country": richer(known.country, new.country),
                }
            )
            return
    organizations.append(new)


class OrganizationsSection(Section):
    name = "organizations"
    title = "Organisations"
    fields = ("organizations",)
    output = OrganizationsOutput
    colour = "#9fd3ff"
    csv_columns = ("name", "acronym", "kind", "country")

    def records(self, output: Any, context: SectionContext) -> dict[str, Any]:
        return {"organizations": organization_records(output, context)}

    def merge(self, fields: dict[str, Any], more: dict[str, Any]) -> None:
        known = fields.setdefault("organizations", [])
        for organization in more.get("organizations", []):
            _merge_organization(known, organization)

    def label(self, fact: Organization) -> str:
        return f"{fact.name} ({fact.acronym})" if fact.acronym else fact.name

    def markdown(self, record: ArticleSummary) -> list[str]:
        rows = [(o.name, o.acronym, o.country) for o in record.organizations]
        return markdown_table(self.title, ("Name", "Acronym", "Country"), rows)

    def gold(self, data: Mapping[str, Any], kind: GoldKind) -> list[Any] | None:
        if kind == "conll":
            names = [e["text"] for e in data.get("entities", []) if e["type"] == "ORG"]
            return [GoldName(names=(name,)) for name in dict.fromkeys(names)]
        items = data.get("organizations") if kind == "gold" else None
        return None if items is None else [gold_name(item) for item in items]

    def score(self, record: ArticleSummary, gold: Gold) -> dict[str, Tally] | None:
        items = gold.of(self.name)
        if items is None:
            return None
        names = [[o.name, o.acronym] for o in record.organizations]
        return {self.name: match(items, names, same_organization)}
