"""What every section is: the ``Section`` protocol, and the answer types sections share.

A section has a model-facing *output type* (small, so a 0.5B model can fill it and a
grammar can constrain it) and a conversion into record fields. Output types validate
against the article's ``SectionContext``, given as pydantic's validation context
(``{"section": context}``) or, for calls through instructor, set by ``verifying``:

- strict (the first attempts): any unverifiable fact raises, and instructor re-asks the
  model with the reasons;
- lenient (the answer kept after the last re-ask): unverifiable facts are removed and
  listed as dropped, so nothing is silently kept and nothing silently lost.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationInfo, create_model, model_validator
from pydantic import json_schema as pydantic_json_schema

from summarizer._records import ArticleSummary, Dropped
from summarizer.sections._render import markdown_table

if TYPE_CHECKING:
    from summarizer._eval.matching import Gold, Tally
    from summarizer.sections._context import SectionContext

_M = TypeVar("_M", bound=BaseModel)
# Where a gold annotation comes from: a directory of hand-made files, or a dataset.
GoldKind = Literal["gold", "conll", "newsquant", "commodity", "frank"]


class Output(BaseModel):
    """Base of the model-facing types: what the model must return for a section."""

    model_config = ConfigDict(extra="ignore")

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """pydantic builds the schema afresh on every call, and instructor asks for it on
        every request (about a millisecond each); a type's schema never changes. Callers
        get their own copy, so none can alter another's."""
        return copy.deepcopy(_json_schema(cls, *args, **kwargs))


@functools.lru_cache(maxsize=512)
def _json_schema(output_type: type[Output], *args: Any, **kwargs: Any) -> dict[str, Any]:
    return pydantic_json_schema.model_json_schema(output_type, *args, **kwargs)


# The context of the section call being validated. instructor renders every message as a
# Jinja template whenever it is given a validation ``context``: an article holding "{{" or
# "{%" would be rewritten or fail. So calls pass no context to instructor, and validators
# find theirs here; each section call runs in its own asyncio task, hence its own value.
_CURRENT: ContextVar[SectionContext | None] = ContextVar("section_context", default=None)


@contextmanager
def verifying(context: SectionContext) -> Iterator[None]:
    """Validation inside the block checks answers against ``context``."""
    token = _CURRENT.set(context)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def context_of(info: ValidationInfo) -> SectionContext | None:
    """The context an answer is being validated against, or None (no article at hand)."""
    context = info.context
    if isinstance(context, dict) and "section" in context:
        return context["section"]  # type: ignore[no-any-return]
    return _CURRENT.get()


def keep_verified(
    items: list[Any],
    problem: Callable[[Any, SectionContext], str | None],
    info: ValidationInfo,
    *,
    section: str,
    describe: Callable[[Any], str],
) -> list[Any]:
    """The items whose ``problem`` is None; the others raise (strict) or are dropped (lenient)."""
    context = context_of(info)
    if context is None:
        return items
    kept, problems = [], []
    for item in items:
        reason = problem(item, context)
        if reason is None:
            kept.append(item)
        elif context.lenient:
            dropped = Dropped(section=section, item=describe(item), reason=reason)
            if dropped not in context.dropped:  # re-asks propose the same item again
                context.dropped.append(dropped)
        else:
            problems.append(f"{describe(item)}: {reason}")
    if problems:
        raise ValueError("; ".join(problems))
    return kept


class VerifiedItems(Output):
    """An output holding one list, named after its section, verified item by item.

    Subclasses name their ``section`` (also the list's field name), the ``problem`` that
    refutes an item (None when it holds) and how to ``describe`` an item in a re-ask or in
    ``meta.dropped``.
    """

    section: ClassVar[str]

    @staticmethod
    def problem(item: Any, context: SectionContext) -> str | None:
        raise NotImplementedError

    @staticmethod
    def describe(item: Any) -> str:
        raise NotImplementedError

    @model_validator(mode="after")
    def _verify(self, info: ValidationInfo) -> VerifiedItems:
        items = getattr(self, self.section)
        kept = keep_verified(
            items, self.problem, info, section=self.section, describe=self.describe
        )
        setattr(self, self.section, kept)
        return self


@dataclass(frozen=True)
class SectionCall:
    """One request of a section: the section, its key (the recording's name,
    ``people.2`` for a second part) and the variables its template is rendered with."""

    section: str
    key: str
    variables: dict[str, Any]
    # The candidate ids this call lists and may answer with; None: all of them.
    ids: tuple[int, ...] | None = None


def in_parts(section: str, count: int, most: int) -> list[tuple[str, range]]:
    """A list of ``count`` candidates asked in as few parts of at most ``most`` as can be,
    of even size (13 names are 7 and 6, not 12 and 1): each part's key (``people``,
    ``people.2``, ...) and the indices of its candidates."""
    parts = max(1, -(-count // most))
    size = -(-count // parts)
    return [
        (
            section if part == 0 else f"{section}.{part + 1}",
            range(part * size, min((part + 1) * size, count)),
        )
        for part in range(parts)
    ]


def section_of_call(key: str) -> str:
    """The section a call's key belongs to (``people.2`` -> ``people``)."""
    return key.partition(".")[0]


def combined(outputs: Sequence[Output]) -> Output:
    """One output from the answers to a section's calls: their lists joined in order
    (the section's records merge what two parts both found)."""
    first = outputs[0]
    if len(outputs) == 1:
        return first
    lists = {
        name: [item for output in outputs for item in getattr(output, name)]
        for name, value in first
        if isinstance(value, list)
    }
    return first.model_copy(update=lists)


def one_of(values: Iterable[object]) -> Any:
    """A required field that accepts only ``values`` (a JSON-schema enum)."""
    return (Literal.__getitem__(tuple(values)), ...)


def narrowed(base: type[_M], **fields: Any) -> type[_M]:
    """A subclass of ``base`` with the same name and narrower ``fields``."""
    return create_model(base.__name__, __base__=base, **fields)


class Section:
    """One section of the record, its whole story: what it asks the model and with which
    hints, how the answer is verified, the record fields it fills and how they merge across
    chunks, how reports show them and how ``summarize eval`` scores them.

    The pipeline, the reports and eval iterate over the registered sections and never name
    one. A subclass sets the class attributes and overrides what differs from the defaults.

    Attributes:
        name: The section's name: its template's, and its key in ``--templates``.
        title: How reports head it ("People").
        fields: The ``ArticleSummary`` fields it fills (a user section's go in ``extra``).
        output: Its answer type (output_type may narrow it to the article's candidates).
        colour: Its evidence marks' colour in the HTML report.
        csv_columns: The fact columns of ``--format csv --section NAME``.
        scored_with: Sections ``summarize eval`` must also run to score this one.
        first_chunk_only: Asked of a long article's first chunk only (the summary: news
            puts what matters first).
    """

    name: ClassVar[str]
    title: ClassVar[str]
    fields: ClassVar[tuple[str, ...]]
    output: ClassVar[type[Output]]
    colour: ClassVar[str] = "#e0e0e0"
    csv_columns: ClassVar[tuple[str, ...]] = ()
    scored_with: ClassVar[tuple[str, ...]] = ()
    first_chunk_only: ClassVar[bool] = False

    # -- asking the model ---------------------------------------------------------------

    def needs_call(self, context: SectionContext) -> bool:
        """Whether there is anything to ask (no numbers in the article, no figures)."""
        return True

    def hints(self, context: SectionContext) -> list[str]:
        """The numbered candidates its template lists (none for a free-form section)."""
        return []

    def calls(self, context: SectionContext) -> list[SectionCall]:
        """The requests it makes for this article: one, or the parts of a long list."""
        return [SectionCall(self.name, self.name, context.variables(self.hints(context)))]

    def output_type(
        self, context: SectionContext, ids: tuple[int, ...] | None = None
    ) -> type[Output]:
        """Its answer type, narrowed to this article's candidates where it has them."""
        return self.output

    def follow_up(self, output: Output, context: SectionContext) -> SectionCall | None:
        """A second request for what the first answer left out, or None."""
        return None

    def possible_keys(self, context: SectionContext) -> list[str]:
        """Every key it may call for this article: its calls and any follow-up."""
        return [call.key for call in self.calls(context)]

    def count(self, output: Output) -> int:
        """How many facts an answer holds (the items of its lists), to keep the answer with
        the most after the last re-ask."""
        return sum(len(value) for _, value in output if isinstance(value, list))

    # -- the record ---------------------------------------------------------------------

    def records(self, output: Output, context: SectionContext) -> dict[str, Any]:
        """The record fields its verified answer fills."""
        raise NotImplementedError

    def merge(self, fields: dict[str, Any], more: dict[str, Any]) -> None:
        """Add what a later chunk found to ``fields``, each fact once. By default a fact is
        known when one at the same place of the article says the same."""
        for name in self.fields:
            if name not in more:
                continue
            if name not in fields:  # the first chunk's facts, as they are
                fields[name] = list(more[name])
                continue
            known = fields[name]
            known.extend(f for f in more[name] if not any(_same_place(k, f) for k in known))
            known.sort(key=lambda fact: fact.evidence.start)

    def facts(self, record: ArticleSummary) -> list[Any]:
        """The facts it holds in ``record`` that carry evidence."""
        return [
            fact
            for name in self.fields
            for fact in (getattr(record, name, None) or [])
            if hasattr(fact, "evidence")
        ]

    # -- reports ------------------------------------------------------------------------

    def label(self, fact: Any) -> str:
        """One line for a fact in the HTML report's facts panel."""
        return str(fact)

    def csv_cells(self, fact: Any) -> list[object]:
        """A fact's cells, in ``csv_columns`` order."""
        return [getattr(fact, column, None) for column in self.csv_columns]

    def markdown(self, record: ArticleSummary) -> list[str]:
        """Its part of a Markdown brief: a table of its facts by default."""
        header = [column.replace("_", " ").capitalize() for column in self.csv_columns]
        return markdown_table(self.title, header, map(self.csv_cells, self.facts(record)))

    def headline(self, record: ArticleSummary) -> str | None:
        """A headline for the article, if this section writes one."""
        return None

    def html_header(self, record: ArticleSummary) -> str:
        """HTML for the head of the article's view, under its headline (escaped here)."""
        return ""

    def index_values(self, record: ArticleSummary) -> list[tuple[str, str]]:
        """(value, text) pairs the HTML report's index filters articles by (none)."""
        return []

    index_label: ClassVar[str | None] = None

    # -- eval ---------------------------------------------------------------------------

    def gold(self, data: Mapping[str, Any], kind: GoldKind) -> list[Any] | None:
        """Its gold items in one annotated article or dataset row; None: not annotated."""
        return None

    def measure(self, record: ArticleSummary, gold: Gold, article: str) -> dict[str, float]:
        """Measures of its part of ``record`` that are not counts (ROUGE, shares), by
        name; ``summarize eval`` reports their mean over the articles."""
        return {}

    def score(self, record: ArticleSummary, gold: Gold) -> dict[str, Tally] | None:
        """Its counts against ``gold`` by name (a section may count more than one way:
        figures by value and unit, and by value alone); None when the gold does not
        annotate it."""
        return None


def _same_place(first: Any, second: Any) -> bool:
    """Two facts of one section read from the same words (a chunks' overlap)."""
    if first.evidence.start != second.evidence.start:
        return False
    return all(
        getattr(first, name, None) == getattr(second, name, None) for name in ("value", "kind")
    )
