"""Figures: the article's numbers with their unit, what they measure, period and change."""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping
from typing import Any, ClassVar

from pydantic import BaseModel, Field

from summarizer._cues.changes import stated_change
from summarizer._cues.dates import find_date, resolve_date
from summarizer._cues.lexicon import MONTH_WORDS, WEEKDAYS, alternation
from summarizer._cues.numbers import first_number, fraction_in
from summarizer._cues.quantities import SHARE_UNIT, NumberCandidate
from summarizer._eval.matching import Gold, GoldFigure, Tally, match
from summarizer._eval.units import unit_key
from summarizer._grounding import sentence_around
from summarizer._read.language import without_foreign_words
from summarizer._records import ArticleSummary, Evidence, Figure, FigureChange
from summarizer.sections._base import (
    GoldKind,
    Output,
    Section,
    SectionCall,
    VerifiedItems,
    narrowed,
    one_of,
)
from summarizer.sections._common import stated_in
from summarizer.sections._context import SectionContext
from summarizer.sections._render import markdown_table

# The 0.5B model, given a list of numbers, sometimes answers with the first few and stops
# (on one sample it gave "12 percent" and left "145,000 tons" of the same sentence). As
# LangExtract runs further extraction passes for recall, the candidates a first answer
# left out are listed once more, alone: the model decides on each again, and what it
# skipped on purpose (a number in a name, a rank) it skips again.
FOLLOW_UP_KEY = "rest"


class FigureOutput(BaseModel):
    id: int
    metric: str = Field(max_length=80)
    period: str | None = Field(default=None, max_length=80)
    change: str | None = Field(default=None, max_length=60)
    subject: str | None = Field(default=None, max_length=60)


class FiguresOutput(VerifiedItems):
    figures: list[FigureOutput] = Field(max_length=20)

    section: ClassVar[str] = "figures"

    @staticmethod
    def problem(figure: FigureOutput, context: SectionContext) -> str | None:
        if not 1 <= figure.id <= len(context.numbers):
            return f"id {figure.id} is not in the list of numbers (1 to {len(context.numbers)})"
        return None

    @staticmethod
    def describe(figure: FigureOutput) -> str:
        return f"[{figure.id}] {figure.metric}"


def figure_records(output: FiguresOutput, context: SectionContext) -> list[Figure]:
    figures: dict[int, Figure] = {}
    for item in output.figures:
        candidate = context.numbers[item.id - 1]
        if item.id in figures:
            continue
        evidence = sentence_around(context.article, candidate.span.start, candidate.span.end)
        # The model's period when the sentence states it; else the date the sentence names.
        period = stated_in(item.period, evidence.text)
        if period is not None and not _TIME_WORDS.search(period):
            period = None  # "MENAFN", "working visit": words of the sentence, not a period
        if period is None and (mention := find_date(evidence.text, context.published)):
            period = mention.text
        figures[item.id] = Figure(
            metric=_metric(item.metric, candidate),
            value=candidate.value,
            unit=candidate.unit,
            surface=candidate.surface,
            period=period,
            period_iso=resolve_date(period, context.published),
            change=_change_of(candidate, item.change, context),
            subject=_subject(stated_in(item.subject, evidence.text), candidate),
            evidence=Evidence.of(evidence),
        )
    return [figures[key] for key in sorted(figures)]


# What a period names: a number (a year, a day) or a word of time.
_TIME_WORDS = re.compile(
    r"\d|\b(?:year|month|quarter|week|day|half|annual|season|decade|century|period|fiscal|"
    r"today|yesterday|tomorrow|morning|evening|night|spring|summer|autumn|fall|winter|"
    + alternation(MONTH_WORDS)
    + "|"
    + alternation(WEEKDAYS)
    + r"|q[1-4]|h[12])",
    re.IGNORECASE,
)
_UNIT_LIKE = re.compile(
    r"^(?:value|number|amount|figure|percent|percentage|tonnes?|tons?|count|"
    r"usd|eur|gbp|jpy|cny|rub|irr|inr|pen|dollars?|barrels?|units?)$",
    re.IGNORECASE,
)
_LEADING_NUMBER = re.compile(r"^[$£€¥]?\d[\d.,]*\s+(?=[A-Za-z])")
_OF_PHRASE = re.compile(r"^\s+of\s+((?:[\w'-]+\s+){0,3}[\w'-]+)")
_PHRASE_STOP = re.compile(
    r"\s+(?:in|per|for|at|on|by|to|from|this|that|and|was|were|while|a|an|the)\b.*"
)
# What changed, in the words before the verb: "copper cathode production surged by 12%".
# Where the noun phrase before the verb begins: after a determiner, a possessive
# ("Kenya's tea exports"), a preposition or a reporting verb ("said on Monday its output").
_PHRASE_START = frozenset(
    "the a an its their his her our this that these those which it they on in at of for "
    "said says by and while as".split()
)
_CHANGED_BEFORE = re.compile(
    r"((?:[\w'\u2019-]+\s+){0,3}?[\w'\u2019-]+)\s+(?:has\s+|have\s+|had\s+)?"
    r"(?:r[io]se|risen|rises|surged?|jump(?:ed|s)|gr[eo]w|grown|grows|f[ae]ll|fallen|falls|"
    r"drop(?:ped|s)|declin(?:ed|es)|increas(?:ed|es)|decreas(?:ed|es)|climb(?:ed|s)|"
    r"gain(?:ed|s)|slipp?(?:ed|s)|slid|plunged?|soared?|edged\s+(?:up|down))\s+"
    r"(?:by\s+|to\s+)?(?:(?:about|almost|nearly|some|around|over)\s+)?$",
    re.IGNORECASE,
)


def _metric(metric: str, candidate: NumberCandidate) -> str:
    """The model's metric, unless it only restates the unit; then the words the article
    puts after the number ("160,000 tons of rolled steel" -> "rolled steel"), or names
    as what changed ("production surged by 12 percent" -> "production")."""
    # The hint copied back ("cents per share (value 63, unit cent per share): ...") is
    # cut to its words; "233 individuals" loses its number.
    metric = _LEADING_NUMBER.sub("", metric.partition(" (value ")[0].strip())
    metric = without_foreign_words(metric, candidate.context.text)
    if metric and not _UNIT_LIKE.match(metric) and not metric[0].isdigit():
        return metric
    after = candidate.context.text[candidate.span.end - candidate.context.start :]
    if match := _OF_PHRASE.match(after):
        return _PHRASE_STOP.sub("", match.group(1))
    before = candidate.context.text[: candidate.span.start - candidate.context.start]
    if match := _CHANGED_BEFORE.search(before):
        phrase: list[str] = []
        for word in reversed(match.group(1).split()):
            if word.lower() in _PHRASE_START or word.endswith(("'s", "\u2019s")):
                break
            phrase.insert(0, word)
        if phrase:
            return " ".join(phrase)
    return metric or candidate.unit


_DIRECTION_WORD = re.compile(
    r"\b(?:(?P<up>up|rise|rose|increase\w*|grow\w*|grew|surge\w*|jump\w*|gain\w*|higher)|"
    r"(?P<down>down|fall|fell|drop\w*|declin\w*|decreas\w*|lower|cut|slump\w*|plung\w*))\b",
    re.IGNORECASE,
)


def _change_of(
    candidate: NumberCandidate, proposed: str | None, context: SectionContext
) -> FigureChange | None:
    """The change the article's words state next to the number; failing that, the model's
    reading when the sentence states it and it names a direction (amount unknown)."""
    if stated := stated_change(candidate, context.numbers):
        return FigureChange(
            direction=stated.direction, amount=stated.amount, unit=stated.unit, text=stated.text
        )
    proposed = stated_in(proposed, candidate.context.text)
    if proposed and (word := _DIRECTION_WORD.search(proposed)):
        return FigureChange(direction="up" if word["up"] else "down", text=proposed)
    return None


def _subject(subject: str | None, candidate: NumberCandidate) -> str | None:
    """What a figure is about: a name or a noun phrase, not the clause that states the
    figure. A small model sometimes copies the clause ("Iran's copper cathode production
    surged by 12 percent in the"): then what changed, as the words before the verb say,
    or nothing."""
    if subject is None or candidate.surface not in subject:
        return subject
    before = subject[: subject.index(candidate.surface)]
    if match := _CHANGED_BEFORE.search(before):
        return match.group(1)
    return None


# Building a pydantic model costs milliseconds; articles share the few shapes there are.
@functools.lru_cache(maxsize=256)
def _figures_type(ids: tuple[int, ...]) -> type[Output]:
    figure = narrowed(FigureOutput, id=one_of(ids))
    # At most one figure per candidate: a model that repeats itself hits the bound,
    # which the grammar enforces, long before the token budget.
    bound = Field(max_length=len(ids))
    return narrowed(FiguresOutput, figures=(list[figure], bound))  # type: ignore[valid-type]


def _same_value(gold: GoldFigure, predicted: Any) -> bool:
    return math.isclose(gold.value, predicted.value, rel_tol=1e-6, abs_tol=1e-9)


def _same_figure(gold: GoldFigure, predicted: Any) -> bool:
    return _same_value(gold, predicted) and unit_key(predicted.unit) == gold.unit


# Commodity News entity types that are figures.
_COMMODITY_FIGURES = frozenset(
    {"Percentage", "Money", "Price_unit", "Production_unit", "Quantity", "Number"}
)
_COMMODITY_THINGS = (
    ("tonne", r"\bton"),
    ("gallon", r"\bgallon"),
    ("cubic foot", r"cubic f"),
    ("million btu", r"thermal unit|mmbtu"),
)


def _commodity_figure(kind: str, text: str) -> GoldFigure | None:
    """A figure from an entity's text: "1.8 million barrels a day (bpd)" is 1800000
    barrel per day, "$110.19 a barrel" 110.19 USD per barrel, "55 cents" 55 cent."""
    # The corpus's tokenisation: "USD91 .52", "1.9-million-barrel".
    text = re.sub(r"(\d) \.(\d)", r"\1.\2", text).replace("-", " ")
    if kind == "Number" and (share := fraction_in(text)) is not None:
        return GoldFigure(value=share, unit=unit_key(SHARE_UNIT))  # "almost three quarters"
    if re.search(r"quarters?|thirds?|\bhalf\b", text):
        return None  # a fraction of a measure: "half a million barrels" is no value we read
    value = first_number(text)
    if value is None:
        return None
    lowered = text.lower()
    thing = next((name for name, pattern in _COMMODITY_THINGS if re.search(pattern, lowered)), None)
    money = "cent" if "cent" in lowered else "USD"
    if kind == "Money":
        unit = money
    elif kind == "Price_unit":
        unit = f"{money} per {thing or 'barrel'}"
    elif kind == "Quantity":
        unit = thing or "barrel"
    elif kind == "Production_unit":  # oil output, per day unless the text says otherwise
        unit = "barrel per day" if re.search(r"bpd|day", lowered) else (thing or "barrel")
    else:
        unit = "percent" if kind == "Percentage" else "count"
    return GoldFigure(value=value, unit=unit)


def _newsquant_values(value: str) -> list[float]:
    """A NewsQuant value: a number, or a range "252.0-287.0" whose ends the article
    states as two numbers (each one a figure for us)."""
    ends = re.fullmatch(r"\s*(-?[\d.]+)\s*-\s*(-?[\d.]+)\s*", value)
    try:
        return [float(end) for end in ends.groups()] if ends else [float(value)]
    except ValueError:
        return []  # not a number we can score against


class FiguresSection(Section):
    name = "figures"
    title = "Figures"
    fields = ("figures",)
    output = FiguresOutput
    colour = "#ffb3a7"
    csv_columns = (
        "metric", "value", "unit", "surface", "period", "period_iso",
        "change_direction", "change_amount", "change_unit", "subject",
    )  # fmt: skip

    def needs_call(self, context: SectionContext) -> bool:
        return bool(context.numbers)

    def hints(self, context: SectionContext) -> list[str]:
        return [c.hint() for c in context.numbers]

    def output_type(
        self, context: SectionContext, ids: tuple[int, ...] | None = None
    ) -> type[Output]:
        """Figure ids become an enum: a grammar-constrained model can only answer with a
        real candidate. ``ids`` narrows them to the candidates one call lists."""
        if not context.numbers:
            return self.output
        return _figures_type(ids or tuple(range(1, len(context.numbers) + 1)))

    def follow_up(self, output: Output, context: SectionContext) -> SectionCall | None:
        """The candidates the first answer left out, listed once more; None when it took
        every candidate or none of them (the same list again gets the same answer)."""
        if not isinstance(output, FiguresOutput):
            return None
        taken = {figure.id for figure in output.figures}
        rest = [c for c in context.numbers if c.id not in taken]
        if not taken or not rest:
            return None
        variables = context.variables([c.hint() for c in rest])
        key = f"{self.name}.{FOLLOW_UP_KEY}"
        return SectionCall(self.name, key, variables, ids=tuple(c.id for c in rest))

    def possible_keys(self, context: SectionContext) -> list[str]:
        keys = super().possible_keys(context)
        if len(context.numbers) > 1:
            keys.append(f"{self.name}.{FOLLOW_UP_KEY}")
        return keys

    def records(self, output: Any, context: SectionContext) -> dict[str, Any]:
        return {"figures": figure_records(output, context)}

    def label(self, fact: Figure) -> str:
        period = fact.period_iso or fact.period
        when = f", {period}" if period else ""
        return f"{fact.metric}: {fact.surface} ({fact.value:,.10g} {fact.unit}{when})"

    def csv_cells(self, fact: Figure) -> list[object]:
        change = fact.change
        return [
            fact.metric, fact.value, fact.unit, fact.surface, fact.period, fact.period_iso,
            change.direction if change else None,
            change.amount if change else None,
            change.unit if change else None,
            fact.subject,
        ]  # fmt: skip

    def markdown(self, record: ArticleSummary) -> list[str]:
        rows = [
            (
                f.metric,
                f"{f.value:,.10g}",
                f.unit,
                f.period_iso or f.period,
                f.change.text if f.change else None,
                f.evidence.text,
            )
            for f in record.figures
        ]
        header = ("Metric", "Value", "Unit", "Period", "Change", "Evidence")
        return markdown_table(self.title, header, rows)

    def gold(self, data: Mapping[str, Any], kind: GoldKind) -> list[Any] | None:
        if kind == "newsquant":
            return [
                GoldFigure(value=value, unit=unit_key(q.get("normalized_unit") or q["unit"]))
                for q in data.get("quantities", [])
                for value in _newsquant_values(str(q["value"]))
            ]
        if kind == "commodity":
            return [
                figure
                for entity in data["entities"]
                if entity["type"] in _COMMODITY_FIGURES
                and (figure := _commodity_figure(entity["type"], entity["text"])) is not None
            ]
        items = data.get("figures") if kind == "gold" else None
        if items is None:
            return None
        return [
            GoldFigure(
                value=float(f["value"]), unit=unit_key(f["unit"]), optional=bool(f.get("optional"))
            )
            for f in items
        ]

    def score(self, record: ArticleSummary, gold: Gold) -> dict[str, Tally] | None:
        items = gold.of(self.name)
        if items is None:
            return None
        return {
            self.name: match(items, record.figures, _same_figure),
            "figure values": match(items, record.figures, _same_value),
        }
