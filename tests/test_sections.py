"""Section verification: what the model says is kept only where the article supports it."""

from __future__ import annotations

from summarizer._sections import (
    FiguresOutput,
    PeopleOutput,
    SectionContext,
    figure_records,
    output_type_for,
    people_records,
    title_from_text,
)

ARTICLE = (
    "MOSCOW, November 28. /TASS/. He met with Cuban Minister of Industry Eloy Alvarez. "
    "Completion of the project will enable the production of approximately 160,000 tons "
    "of rolled steel per year, the deputy minister noted."
)


def test_a_metric_that_only_restates_the_unit_is_taken_from_the_text() -> None:
    context = SectionContext.for_article(ARTICLE)
    output = FiguresOutput.model_validate(
        {"figures": [{"id": 1, "metric": "tonne", "period": "per year", "subject": "Mars"}]}
    )
    [figure] = figure_records(output, context)
    assert (figure.metric, figure.value, figure.unit) == ("rolled steel", 160000, "tonne")
    assert figure.period == "per year"  # stated in the evidence sentence
    assert figure.subject is None  # not stated there: not kept


def test_an_employer_glued_to_a_name_or_a_country_is_not_kept() -> None:
    context = SectionContext.for_article(ARTICLE)
    output = PeopleOutput.model_validate(
        {"people": [{"name": "Eloy Alvarez", "organization": "Cuba", "country": "Cuban"}]}
    )
    [person] = people_records(output, context)
    assert person.organization is None
    assert person.country == "Cuba"
    assert person.title == "Cuban Minister of Industry"


def test_figure_ids_and_quote_speakers_are_enums_of_the_candidates() -> None:
    context = SectionContext.for_article(
        "Eloy Alvarez met Roman Chekushov in Havana. Alvarez said: "
        '"We will build the plant by next year." Output rose 5 percent.'
    )
    figures = output_type_for("figures", context).model_json_schema()
    quotes = output_type_for("quotes", context).model_json_schema()
    assert figures["$defs"]["FigureOutput"]["properties"]["id"]["const"] == 1
    assert figures["properties"]["figures"]["maxItems"] == 1
    speakers = quotes["$defs"]["QuoteOutput"]["properties"]["speaker"]["enum"]
    assert {"Eloy Alvarez", "Roman Chekushov"} <= set(speakers)


def test_titles_come_from_the_words_next_to_the_name() -> None:
    text = "Codelco said so. Chief executive Andre Sougarret told reporters it would invest."
    assert title_from_text("Andre Sougarret", text) == "Chief executive"
    text = "according to Mohammad Aghajanlou, the new head of IMIDRO. Output rose."
    assert title_from_text("Mohammad Aghajanlou", text) == "new head of IMIDRO"
    assert title_from_text("Aghajanlou", text) is None  # a bare surname is not looked up
