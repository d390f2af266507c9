"""Organisations: ministries, companies, agencies, plants, news outlets the article names.

The code lists the names that may be organisations (``_cues/organisations``), numbered;
the model picks the organisations among them and says which kind each is; the code keeps
the names as the article writes them, with the acronym and aliases the article gives.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import islice
from typing import Any, ClassVar

from pydantic import BaseModel, Field

from summarizer._cues.organisations import KINDS, OrganisationCandidate, whole_mentions
from summarizer._eval.matching import (
    Gold,
    GoldName,
    Tally,
    attribute_tally,
    match,
    pairs,
    same_organization,
)
from summarizer._grounding import Match, Span, fold, locate
from summarizer._records import ArticleSummary, Evidence, Organization
from summarizer.sections._base import (
    GoldKind,
    Output,
    Section,
    SectionCall,
    VerifiedItems,
    in_parts,
    narrowed,
    one_of,
)
from summarizer.sections._common import country_of, richer
from summarizer.sections._context import SectionContext
from summarizer.sections._render import markdown_table
from summarizer.sections.people import gold_name

# As for people: given three dozen candidates the 0.5B model answers for the first and
# stops; given a dozen it checks each. A longer list is asked in parts.
ORGANISATIONS_PER_CALL = 12


class OrganizationOutput(BaseModel):
    id: int
    kind: str = Field(max_length=20)
    country: str | None = Field(default=None, max_length=40)


class OrganizationsOutput(VerifiedItems):
    organizations: list[OrganizationOutput] = Field(max_length=40)

    section: ClassVar[str] = "organizations"

    @staticmethod
    def problem(organization: OrganizationOutput, context: SectionContext) -> str | None:
        count = len(context.organisation_hints)
        if not 1 <= organization.id <= count:
            return f"id {organization.id} is not in the list of names (1 to {count})"
        if organization.kind not in KINDS:
            return f"kind {organization.kind!r} is not one of {', '.join(KINDS)}"
        return None

    @staticmethod
    def describe(organization: OrganizationOutput) -> str:
        return f"[{organization.id}] {organization.kind}"


# Candidates whose own words make them organisations: a name with a head word that
# settles its kind ("Ministry", "Party", "Inc"), a defined acronym's, a news agency's, a
# known body's. One the model skips is kept all the same (a small model stops early), as
# a quote the article attributes is kept with its speaker.
_SURE_CUES = frozenset(
    {"organisation word", "acronym", "news agency", "digest paper", "known body"}
)


def organization_records(
    output: OrganizationsOutput, context: SectionContext
) -> list[Organization]:
    picked = {item.id: item for item in reversed(output.organizations)}  # first answer wins
    for id_, candidate in enumerate(context.organisation_hints, start=1):
        if id_ not in picked and candidate.kind and candidate.cue in _SURE_CUES:
            picked[id_] = OrganizationOutput(id=id_, kind=candidate.kind)
    organizations: list[Organization] = []
    for id_ in sorted(picked):
        item, candidate = picked[id_], context.organisation_hints[id_ - 1]
        span = _first_mention(candidate, context.article)
        if span is None:
            continue
        record = Organization(
            name=candidate.name,
            acronym=candidate.acronym,
            aliases=list(candidate.aliases),
            # What the name settles ("Ministry", "TASS") beats the model's reading.
            kind=candidate.kind or item.kind,
            country=country_of(item.country) or _country_in_name(candidate.name),
            evidence=Evidence.of(span),
        )
        _merge_organization(organizations, record)
    return organizations


def _first_mention(candidate: OrganisationCandidate, article: str) -> Span | None:
    """The first place the article writes one of the candidate's names as whole words
    ("UN", never the "UN" of "UNICEF"); else where ``locate`` finds one."""
    whole = [
        Span(start, end, article[start:end], Match.EXACT)
        for name in candidate.names
        for start, end in islice(whole_mentions(name, article), 1)
    ]
    spans = whole or [span for name in candidate.names if (span := locate(name, article))]
    return min(spans, key=lambda span: span.start, default=None)


def _country_in_name(name: str) -> str | None:
    """The country a name opens with: "Russian Industry and Trade Ministry" is Russia's."""
    return country_of(name.split()[0]) if name.split()[0][:1].isupper() else None


def _merge_organization(organizations: list[Organization], new: Organization) -> None:
    """Each organisation once: two records sharing a name, an acronym or an alias are one."""
    keys = _keys(new)
    for index, known in enumerate(organizations):
        if keys & _keys(known):
            aliases = [*known.aliases, *new.aliases, new.name]
            organizations[index] = known.model_copy(
                update={
                    "acronym": known.acronym or new.acronym,
                    "aliases": list(dict.fromkeys(a for a in aliases if a != known.name)),
                    "kind": known.kind or new.kind,
                    "country": richer(known.country, new.country),
                }
            )
            return
    organizations.append(new)


def _keys(organization: Organization) -> set[str]:
    names = (organization.name, organization.acronym, *organization.aliases)
    return {fold(name) for name in names if name}


def _organizations_type(ids: tuple[int, ...]) -> type[Output]:
    item = narrowed(OrganizationOutput, id=one_of(ids), kind=one_of(KINDS))
    bound = Field(max_length=len(ids))
    return narrowed(OrganizationsOutput, organizations=(list[item], bound))  # type: ignore[valid-type]


class OrganizationsSection(Section):
    name = "organizations"
    title = "Organisations"
    fields = ("organizations",)
    output = OrganizationsOutput
    colour = "#9fd3ff"
    csv_columns = ("name", "acronym", "kind", "country")

    def needs_call(self, context: SectionContext) -> bool:
        return bool(context.organisation_hints)

    def hints(self, context: SectionContext) -> list[str]:
        return [c.hint(i) for i, c in enumerate(context.organisation_hints, start=1)]

    def calls(self, context: SectionContext) -> list[SectionCall]:
        """One call, or parts of a long list (``organizations.2`` and on), each with its
        own ids: recall comes first, and a small model reads a dozen names with care."""
        hints = self.hints(context)
        parts = in_parts(self.name, len(hints), ORGANISATIONS_PER_CALL)
        if len(parts) == 1:
            return [SectionCall(self.name, self.name, context.variables(hints))]
        return [
            SectionCall(
                self.name,
                key,
                context.variables(hints[part.start : part.stop]),
                ids=tuple(i + 1 for i in part),
            )
            for key, part in parts
        ]

    def output_type(
        self, context: SectionContext, ids: tuple[int, ...] | None = None
    ) -> type[Output]:
        """Candidate ids and kinds become enums: a grammar-constrained model can only
        answer with a name the article gives and a kind of the vocabulary."""
        if not context.organisation_hints:
            return self.output
        return _organizations_type(ids or tuple(range(1, len(context.organisation_hints) + 1)))

    def records(self, output: Any, context: SectionContext) -> dict[str, Any]:
        return {"organizations": organization_records(output, context)}

    def merge(self, fields: dict[str, Any], more: dict[str, Any]) -> None:
        known = fields.setdefault("organizations", [])
        for organization in more.get("organizations", []):
            _merge_organization(known, organization)

    def label(self, fact: Organization) -> str:
        name = f"{fact.name} ({fact.acronym})" if fact.acronym else fact.name
        return f"{name} — {fact.kind}" if fact.kind else name

    def markdown(self, record: ArticleSummary) -> list[str]:
        rows = [(o.name, o.acronym, o.kind, o.country) for o in record.organizations]
        return markdown_table(self.title, ("Name", "Acronym", "Kind", "Country"), rows)

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
        names = [[o.name, o.acronym, *o.aliases] for o in record.organizations]
        tallies = {self.name: match(items, names, same_organization)}
        kinds = [
            (organization.name, record.organizations[hit].kind, (organization.kind,))
            for organization, hit in pairs(items, names, same_organization)
            if hit is not None and organization.kind
        ]
        if kinds:
            tallies["org kinds"] = attribute_tally(kinds, lambda found, gold: found == gold)
        return tallies
