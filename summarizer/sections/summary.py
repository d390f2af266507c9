"""The summary: a headline, a lede and key points, each stating what a sentence of the
article states, with that sentence as its evidence.

The code proposes, the model decides, the code verifies. The article's first sentences
that carry news are listed, numbered (not a meeting's protocol, a repeat or a quotation:
``sections/_news.py``); the model picks the one that states the most important fact (the
lede) and the next most important ones (key points), and writes a short statement of
each in the article's words. When a later listed sentence holds a figure that the
sentences a lede and two points most often state do not, that sentence is proposed for
one more key point, which the model states too. A statement is kept when it is whole
(not cut mid-word or after a function word), short, has a verb, states its own sentence,
names only names and numbers its sentence states, and is not our instructions; else the
model is asked again with the reasons, and after the last re-ask the sentence itself,
trimmed at a clause boundary, takes its place (listed in ``meta.dropped``). Lengths are
checked in words here, never cut by the grammar: its bounds are far above the targets.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, create_model, model_validator
from pydantic.json_schema import SkipJsonSchema

from summarizer._cues.numbers import states_value
from summarizer._cues.quantities import NumberCandidate
from summarizer._cues.recogniser import has_a_tagged_verb
from summarizer._eval.matching import Gold
from summarizer._eval.summaries import lead, named, rouge
from summarizer._grounding import Span
from summarizer._read.article import title_line
from summarizer._read.language import foreign_words, without_foreign_words
from summarizer._records import ArticleSummary, Dropped, Evidence, Statement, Summary
from summarizer._templates import load_templates
from summarizer.sections._base import (
    GoldKind,
    Output,
    Section,
    SectionCall,
    context_of,
    narrowed,
    one_of,
)
from summarizer.sections._context import SectionContext
from summarizer.sections._news import (
    figure_point,
    figure_sentence,
    figures_in,
    quantities,
)
from summarizer.sections._render import html_text, markdown_cell
from summarizer.sections._statements import (
    copies,
    cut_off,
    has_a_finite_verb,
    has_a_verb,
    headline_of,
    states_its_sentence,
    trimmed,
    unsupported,
    words,
)

_LISTED_WORDS = 60  # a longer sentence is listed cut (its id still means all of it)
# Targets, in words: what a statement may be before it is asked again.
LEDE_WORDS, POINT_WORDS, HEADLINE_WORDS = 35, 30, 16
# The figure's point is kept as short as a point or not at all: on FRANK valid's
# CNN/DailyMail articles a figure point of at most 30 words raises ROUGE-1 over the
# lead's three statements alone (0.416 against 0.412), and the figure's sentence kept
# whole however long lowers it (0.403): the highlights quote the figure, not the long
# sentence around it (bench/quality.md).
FIGURE_WORDS = POINT_WORDS
# Key points kept: the prompt asks for two. A lede and two points are three statements,
# as many as the lead they distil: on FRANK valid's CNN/DailyMail articles, three
# statements of at most 30 words score above four (Lead-3 0.410 ROUGE-1 against Lead-4
# 0.396, both trimmed so), and our lede with two points above it with three (0.421
# against 0.401, 12 articles; bench/quality.md).
KEY_POINTS = 2
# The figure is proposed from past the sentences a lede and two points most often state.
_STATED = 1 + KEY_POINTS


class Pick(BaseModel):
    """A statement of the article's sentence ``sentence``, in a few of its words."""

    sentence: int
    text: str = Field(max_length=400)


class SummaryOutput(Output):
    headline: str = Field(min_length=3, max_length=200)
    lede: Pick
    key_points: list[Pick] = Field(min_length=1, max_length=6)
    # A statement of the sentence the code proposes for a figure (None when it proposes
    # none); kept as the last key point when it adds a figure the others do not state.
    figure: Pick | None = None
    topics: list[Annotated[str, Field(max_length=40)]] = Field(min_length=1, max_length=5)

    @model_validator(mode="after")
    def _verify(self, info: ValidationInfo) -> SummaryOutput:
        context = context_of(info)
        if context is None:
            return self
        self.key_points = _distinct(self, len(context.news_sentences))[:KEY_POINTS]
        if self.figure is not None and not _new_figures(self.figure.sentence, self, context):
            self.figure = None
        # A headline that ends on a colon or comma lost what came after, and one that
        # opens on one lost what came before: the rest stands.
        self.headline = self.headline.strip(" .:;,\u2013\u2014-")
        problems = _problems(self, context)
        if problems and not context.lenient:
            raise ValueError("; ".join(f"{p.part}: {p.reason}" for p in problems))
        if problems:
            _repair(self, {p.part: p for p in problems}, context)
        _fill(self, context)
        return self


@dataclass(frozen=True)
class _Problem:
    """What is wrong with a part of the answer; ``unusable`` when its sentence cannot
    stand in for it (an id not listed, a sentence another part already cites)."""

    part: str
    reason: str
    unusable: bool = False


def _problems(output: SummaryOutput, context: SectionContext) -> list[_Problem]:
    """What is wrong with each part of the answer."""
    problems: list[_Problem] = []
    sentences = context.sentences
    cited: dict[int, str] = {}
    for part, pick, limit in _picks(output):
        if not 1 <= pick.sentence <= len(sentences):
            reason = f"sentence {pick.sentence} is not in the list"
            problems.append(_Problem(part, reason, unusable=True))
            continue
        if pick.sentence in cited:
            reason = f"repeats the {cited[pick.sentence]}: pick another sentence"
            problems.append(_Problem(part, reason, unusable=True))
            continue
        cited[pick.sentence] = part
        sentence = sentences[pick.sentence - 1].text
        if wrong := _statement_problem(pick.text, sentence, limit, context):
            problems.append(_Problem(part, wrong))
        elif part == "figure" and (missing := _figure_left_out(pick, output, context)):
            problems.append(_Problem(part, f"state its figure, {missing!r}, as the sentence does"))
    lede = sentences[output.lede.sentence - 1].text if cited.get(output.lede.sentence) else ""
    if wrong := _headline_problem(output.headline, lede, context):
        problems.append(_Problem("headline", wrong))
    foreign = [run for topic in output.topics for run in foreign_words(topic, context.article)]
    if foreign:
        reason = f"write in the language of the article: {foreign[0]} is not"
        problems.append(_Problem("topics", reason))
    return problems


def _distinct(output: SummaryOutput, listed: int) -> list[Pick]:
    """The key points that cite a sentence the lede and earlier points do not: a second
    statement of one sentence adds no fact, so it is passed over rather than re-asked
    (unless every point repeats, and another sentence was listed to state)."""
    cited = {output.lede.sentence}
    points = []
    for pick in output.key_points:
        if pick.sentence not in cited:
            cited.add(pick.sentence)
            points.append(pick)
    return points or (output.key_points[:1] if listed > 1 else [])


def _new_figures(
    number: int, output: SummaryOutput, context: SectionContext
) -> list[NumberCandidate]:
    """The quantities sentence ``number`` holds that no sentence the lede and key points
    cite holds (none when a key point cites it: the model may pick it itself)."""
    sentences, numbers = context.sentences, context.numbers
    cited = _cited_spans(output, context)
    if not 1 <= number <= len(sentences) or sentences[number - 1] in cited:
        return []
    have = quantities(cited, numbers)
    return [f for f in figures_in(sentences[number - 1], numbers) if (f.value, f.unit) not in have]


def _cited_spans(output: SummaryOutput, context: SectionContext) -> list[Span]:
    """The sentences the lede and key points cite (an id out of range cites none)."""
    sentences = context.sentences
    numbers = {pick.sentence for pick in (output.lede, *output.key_points)}
    return [sentences[n - 1] for n in sorted(numbers) if 1 <= n <= len(sentences)]


def _figure_left_out(pick: Pick, output: SummaryOutput, context: SectionContext) -> str | None:
    """The new figure of the proposed sentence, when its statement states none of them."""
    new = _new_figures(pick.sentence, output, context)
    if not new or any(states_value(pick.text, f.value) for f in new):
        return None
    return str(new[0].surface)


def _picks(output: SummaryOutput) -> list[tuple[str, Pick, int]]:
    points = [(f"key point {n}", pick, POINT_WORDS) for n, pick in enumerate(output.key_points, 1)]
    figure = [("figure", output.figure, FIGURE_WORDS)] if output.figure is not None else []
    return [("lede", output.lede, LEDE_WORDS), *points, *figure]


def _statement_problem(text: str, sentence: str, limit: int, context: SectionContext) -> str | None:
    count = len(words(text))
    if count < 4:
        return "too short: state the sentence's fact"
    if count > limit:
        return f"{count} words: state it in at most {limit}"
    if reason := cut_off(text, context.article):
        return reason
    if copies(text, _instructions(), context.article):
        return "repeats the instructions, not the article"
    # A finite verb, or one the tagger reads: "The Iranian mining sector" has neither.
    if not (has_a_finite_verb(text) or has_a_tagged_verb(text)):
        return "give it a verb: state the fact, not a topic"
    if not states_its_sentence(text, sentence):
        return "it does not state the sentence it cites: state that sentence's fact"
    if missing := unsupported(text, sentence):
        return f"{', '.join(repr(m) for m in missing[:3])} not in the sentence it cites"
    if foreign := foreign_words(text, context.article):
        return f"write in the language of the article: {foreign[0]} is not"
    return None


def _headline_problem(headline: str, lede: str, context: SectionContext) -> str | None:
    count = len(words(headline))
    if not 3 <= count <= HEADLINE_WORDS:
        return f"{count} words: a headline has 3 to {HEADLINE_WORDS}"
    if reason := cut_off(headline.rstrip("."), context.article):
        return reason
    if _SENTENCE_BREAK.search(headline):
        return "one sentence: a headline states one thing"
    if copies(headline, _instructions(), context.article):
        return "repeats the instructions, not the article"
    if not (has_a_verb(headline) or has_a_tagged_verb(headline)):
        return "give it a verb: say what happened"
    if missing := unsupported(headline, context.article):
        return f"{', '.join(repr(m) for m in missing[:3])} not in the article"
    if lede and not set(map(str.lower, words(headline))) & set(map(str.lower, words(lede))):
        return "name what the lede is about"
    if foreign := foreign_words(headline, context.article):
        return f"write in the language of the article: {foreign[0]} is not"
    return None


def _repair(output: SummaryOutput, problems: dict[str, _Problem], context: SectionContext) -> None:
    """After the last re-ask: each broken statement becomes its sentence, trimmed; a
    repeated or unknown pick goes; a broken headline is made shorter, or is the
    article's title, or is made of the lede. Each repair is listed in ``meta.dropped``."""
    sentences = context.sentences

    def drop(part: str, text: str, instead: str) -> None:
        _dropped(context, part, text, f"{problems[part].reason}; {instead}")

    kept: list[tuple[str, Pick]] = []
    for part, pick, limit in _picks(output):
        if part not in problems:
            kept.append((part, pick))
        elif problems[part].unusable:
            drop(part, pick.text, "left out")
        elif part == "figure":
            if instead := _figure_instead(pick.sentence, output, context):
                drop(
                    part, pick.text, f"sentence {pick.sentence}, up to its figure, is used instead"
                )
                kept.append((part, instead))
            else:
                reason = f"no clause of sentence {pick.sentence} states its figure in"
                drop(part, pick.text, f"{reason} {FIGURE_WORDS} words; left out")
        else:
            drop(part, pick.text, f"sentence {pick.sentence} itself is used instead")
            text = trimmed(sentences[pick.sentence - 1].text, limit)
            kept.append((part, _sentence_pick(pick.sentence, text)))
    figure = [pick for part, pick in kept if part == "figure"]
    kept = [(part, pick) for part, pick in kept if part != "figure"]
    if not kept or kept[0][0] != "lede":  # the lede was unusable: the first sentence leads
        first = sentences[0].text
        kept.insert(0, ("lede", _sentence_pick(1, trimmed(first, LEDE_WORDS))))
        kept = [kept[0], *(k for k in kept[1:] if k[1].sentence != 1)]
    output.lede = kept[0][1]
    output.key_points = [pick for _, pick in kept[1:]]
    output.figure = next((f for f in figure if f.sentence != output.lede.sentence), None)
    if "headline" in problems:
        output.headline = _headline_instead(output, drop, context)
    article = context.article
    topics = (without_foreign_words(t, article) for t in output.topics)
    output.topics = [t for t in topics if t] or output.topics


def _figure_instead(number: int, output: SummaryOutput, context: SectionContext) -> Pick | None:
    """In place of a broken figure statement: its sentence up to the clause that holds
    its new figure, when that is short enough to be a figure's point; else none."""
    sentences = context.sentences
    if not _new_figures(number, output, context):
        return None
    cited = _cited_spans(output, context)
    text = figure_point(sentences[number - 1], cited, context.numbers, FIGURE_WORDS)
    return _sentence_pick(number, text) if text else None


def _fill(output: SummaryOutput, context: SectionContext) -> None:
    """Key points the answer left out (it gave one where two were asked): the next listed
    sentences no part cites, trimmed at a clause boundary, each listed in ``meta.dropped``.
    The figure's sentence is left to the figure."""
    cited = {p.sentence for p in (output.lede, *output.key_points, output.figure) if p}
    for number in context.news_sentences:
        if len(output.key_points) >= KEY_POINTS:
            return
        if number in cited:
            continue
        text = trimmed(context.sentences[number - 1].text, POINT_WORDS)
        output.key_points.append(_sentence_pick(number, text))
        cited.add(number)
        reason = f"the answer gave none; sentence {number} itself is used instead"
        _dropped(context, f"key point {len(output.key_points)}", "(none)", reason)


def _dropped(context: SectionContext, part: str, text: str, reason: str) -> None:
    """Say in ``meta.dropped`` what became of a part of the answer (once per try)."""
    dropped = Dropped(section="summary", item=f"{part}: {text[:80]}", reason=reason)
    if dropped not in context.dropped:
        context.dropped.append(dropped)


def _sentence_pick(sentence: int, text: str) -> Pick:
    """A pick of the article's own words, which the bound on what the model writes does not
    bind: a sentence kept whole may be longer than any statement it would write."""
    return Pick.model_construct(sentence=sentence, text=text)


def _headline_instead(
    output: SummaryOutput, drop: Callable[[str, str, str], None], context: SectionContext
) -> str:
    """After the last re-ask, a headline in place of a broken one: the model's own, too
    long, made shorter by dropping phrases when nothing else is wrong with what is left;
    else the title the article opens with (its outlet's headline, in its own words),
    when it passes as a headline;
    else the lede's statement made shorter."""
    lede = context.sentences[output.lede.sentence - 1].text
    if len(words(output.headline)) > HEADLINE_WORDS:
        shorter = headline_of(output.headline, HEADLINE_WORDS)
        if _headline_problem(shorter, lede, context) is None:
            drop("headline", output.headline, "made shorter")
            return shorter
    # The title, when it reads as a headline should: not a bare name or a label.
    title = title_line(context.article)
    if title and _headline_problem(title, lede, context) is None:
        drop("headline", output.headline, "the article's title is used instead")
        return title
    drop("headline", output.headline, "the lede, made shorter, is used instead")
    return headline_of(output.lede.text, HEADLINE_WORDS)


# A full stop, ! or ? then a capital: a second sentence, unless the stop ends an initial
# or a title ("U.S. Army", "Mr. Trump").
_SENTENCE_BREAK = re.compile(r"(?<![A-Z])(?<!\b(?:Mr|Ms|Dr|St))(?<!\bMrs)[.!?]\s+[A-Z]")


@functools.cache
def _instructions() -> tuple[str, ...]:
    """What our summary prompt says in its own words (the shipped template with its
    preamble, without what it fills in: "The article is between <article> and ..."): a
    statement that repeats it repeats us, not the article."""
    template = load_templates()["summary"]
    return tuple(_TEMPLATE_CODE.sub("\n", m.content) for m in template.messages)


_TEMPLATE_CODE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)


def _statement(pick: Pick, context: SectionContext) -> Statement:
    span = context.sentences[pick.sentence - 1]
    return Statement(text=pick.text.strip(), evidence=[Evidence.of(span)])


def summary_records(output: SummaryOutput, context: SectionContext) -> tuple[Summary, list[str]]:
    summary = Summary(
        headline=output.headline.strip().rstrip("."),
        lede=_statement(output.lede, context),
        key_points=[
            _statement(pick, context)
            for pick in [*output.key_points, *([output.figure] if output.figure else [])]
        ],
    )
    topics = list(dict.fromkeys(t.strip().lower() for t in output.topics if t.strip()))
    return summary, topics


@functools.lru_cache(maxsize=64)
def _summary_type(listed: tuple[int, ...], figure: int | None) -> type[Output]:
    """The answer type with sentence ids an enum of the listed sentences, and a figure
    that can cite only the sentence proposed for it (no figure field when none is)."""
    pick = narrowed(Pick, sentence=one_of(listed))
    # One sentence listed: nothing but the lede to state, so no key point is required.
    points = Field(min_length=1 if len(listed) > 1 else 0, max_length=6)
    base: type[SummaryOutput] = SummaryOutput
    figure_field: tuple[Any, Any] = (SkipJsonSchema[None], None)  # type: ignore[misc]
    if figure is not None:
        # Its own name, so that the schema's two kinds of pick read apart. Required in the
        # schema, so that a grammar writes it; but an answer from a backend that enforces
        # no schema and leaves it out (or sends null) is an answer without a figure
        # point, not a failure of the whole summary.
        figure_pick = create_model("FigurePick", __base__=Pick, sentence=one_of([figure]))
        figure_field = (figure_pick | SkipJsonSchema[None], None)  # type: ignore[misc]
        base = _FigureAsked
    return create_model(
        SummaryOutput.__name__,
        __base__=base,
        lede=(pick, ...),
        key_points=(list[pick], points),  # type: ignore[valid-type]
        figure=figure_field,
    )


def _figure_required(schema: dict[str, Any]) -> None:
    """The answer schema with ``figure`` required, as a field without a default is: the
    same schema the grammar and the recorded requests had before the default."""
    for key in ("default", "title"):
        schema["properties"]["figure"].pop(key, None)
    required = schema.setdefault("required", [])
    if "figure" not in required:
        # In the fields' order, as pydantic lists a required field.
        required.insert(list(schema["properties"]).index("figure"), "figure")


class _FigureAsked(SummaryOutput):
    """The answer when a figure is proposed: the schema requires it, validation does not."""

    model_config = ConfigDict(json_schema_extra=_figure_required)


def _proposed_figure(context: SectionContext) -> int | None:
    return figure_sentence(context.sentences, context.news_sentences, _STATED, context.numbers)


class SummarySection(Section):
    """The summary, from the first chunk of a long article: news puts what matters first."""

    name = "summary"
    title = "Summary"
    fields = ("summary", "topics")
    output = SummaryOutput
    first_chunk_only = True
    colour = "#ffe9a8"
    index_label = "Topic"

    def needs_call(self, context: SectionContext) -> bool:
        """A summary states sentences of the article: with none (a headline and a byline
        alone), there is nothing it could cite, and no summary."""
        return bool(context.sentences)

    def hints(self, context: SectionContext) -> list[str]:
        sentences = context.sentences
        return [f"[{number}] {_listed(sentences[number - 1])}" for number in context.news_sentences]

    def calls(self, context: SectionContext) -> list[SectionCall]:
        variables = context.variables(self.hints(context))
        variables["figure"] = _proposed_figure(context) or ""
        return [SectionCall(self.name, self.name, variables)]

    def output_type(
        self, context: SectionContext, ids: tuple[int, ...] | None = None
    ) -> type[Output]:
        listed = context.news_sentences
        return _summary_type(listed, _proposed_figure(context)) if listed else self.output

    def count(self, output: Output) -> int:
        return 1  # one summary, whatever its lists hold

    def records(self, output: Any, context: SectionContext) -> dict[str, Any]:
        summary, topics = summary_records(output, context)
        return {"summary": summary, "topics": topics}

    def merge(self, fields: dict[str, Any], more: dict[str, Any]) -> None:
        for name in self.fields:
            if name in more:
                fields.setdefault(name, more[name])

    def facts(self, record: ArticleSummary) -> list[Any]:
        """The lede and key points, each with its evidence: clickable in the HTML view."""
        if record.summary is None:
            return []
        statements = [record.summary.lede, *record.summary.key_points]
        return [_Cited(s.text, e) for s in statements for e in s.evidence]

    def label(self, fact: Any) -> str:
        return str(fact.text)

    def headline(self, record: ArticleSummary) -> str | None:
        return record.summary.headline if record.summary else None

    def markdown(self, record: ArticleSummary) -> list[str]:
        lines: list[str] = []
        if record.summary:
            lede = record.summary.lede
            lines += [f"{markdown_cell(lede.text)} {_sources(lede)}", ""]
            lines += [
                f"- {markdown_cell(point.text)} {_sources(point)}"
                for point in record.summary.key_points
            ] + [""]
        if record.topics:
            lines += [f"**Topics:** {markdown_cell(', '.join(record.topics))}", ""]
        return lines

    def html_header(self, record: ArticleSummary) -> str:
        summary = record.summary
        if summary is None:
            return ""
        points = "".join(f"<li>{html_text(point.text)}</li>" for point in summary.key_points)
        return f'<p class="lede">{html_text(summary.lede.text)}</p><ul>{points}</ul>'

    def index_values(self, record: ArticleSummary) -> list[tuple[str, str]]:
        return [(topic, topic) for topic in record.topics]

    def gold(self, data: Mapping[str, Any], kind: GoldKind) -> list[Any] | None:
        """A reference summary (FRANK: CNN/DailyMail highlights, or an XSum sentence), or
        the key facts a hand-made gold file says a summary should name."""
        if kind == "frank":
            one = data.get("dataset") == "xsum"
            return [SummaryGold(reference=str(data["reference_summary"]), one_sentence=one)]
        if kind == "gold" and data.get("key_facts") is not None:
            return [SummaryGold(key_facts=tuple(map(str, data["key_facts"])))]
        return None

    def measure(self, record: ArticleSummary, gold: Gold, article: str) -> dict[str, float]:
        items = gold.of(self.name)
        if not items or record.summary is None:
            return {}
        expected: SummaryGold = items[0]
        summary = record.summary
        statements = [summary.lede, *summary.key_points]
        measures: dict[str, float] = {}
        if expected.reference:
            # XSum's reference is one sentence: the lede against it, and Lead-1.
            scored = [summary.lede] if expected.one_sentence else statements
            baseline = lead(article, 1 if expected.one_sentence else 3)
            name = "lead-1" if expected.one_sentence else "lead-3"
            for key, value in rouge(expected.reference, [s.text for s in scored]).items():
                measures[f"summary {key}"] = value
            for key, value in rouge(expected.reference, baseline).items():
                measures[f"{name} {key}"] = value
        if expected.key_facts:
            text = " ".join([summary.headline, *(s.text for s in statements)])
            hits = sum(named(fact, text) for fact in expected.key_facts)
            measures["key facts named"] = hits / len(expected.key_facts)
        measures.update(_faithfulness(record, statements, article))
        return measures


@dataclass(frozen=True)
class SummaryGold:
    """What a summary is measured against: a reference, or the key facts to name."""

    reference: str = ""
    one_sentence: bool = False
    key_facts: tuple[str, ...] = ()


def _faithfulness(
    record: ArticleSummary, statements: list[Statement], article: str
) -> dict[str, float]:
    """Shares of the statements (lede and key points): whose names and numbers their
    evidence states (entity precision, as Nan et al. 2021), cut off, copying our
    instructions, and the model's own (not a sentence put in their place)."""
    count = len(statements)
    replaced = sum("itself is used instead" in d.reason for d in record.meta.dropped)
    evidence = [" ".join(e.text for e in s.evidence) for s in statements]
    return {
        "statements supported by their evidence": sum(
            not unsupported(s.text, e) for s, e in zip(statements, evidence, strict=True)
        )
        / count,
        "statements cut off": sum(cut_off(s.text, article) is not None for s in statements) / count,
        "statements copying instructions": sum(
            copies(s.text, _instructions(), article) for s in statements
        )
        / count,
        "statements in the model's words": 1 - min(replaced, count) / count,
    }


class _Cited:
    """A statement as the reports see a fact: its text and one span of its evidence."""

    def __init__(self, text: str, evidence: Evidence) -> None:
        self.text = text
        self.evidence = evidence


def _listed(span: Span) -> str:
    found = span.text.split()
    return span.text if len(found) <= _LISTED_WORDS else " ".join(found[:_LISTED_WORDS]) + " …"


def _sources(statement: Statement) -> str:
    """Where a statement comes from, for a Markdown brief: the offsets of its evidence."""
    spans = ", ".join(f"{e.start}-{e.end}" for e in statement.evidence)
    return f"*(chars {spans})*"
