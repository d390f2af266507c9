"""Section verification: what the model says is kept only where the article supports it."""

from __future__ import annotations

import pytest

from summarizer._records import Person
from summarizer.sections import SectionContext, Sections
from summarizer.sections.figures import FiguresOutput, figure_records
from summarizer.sections.people import (
    PeopleOutput,
    PersonOutput,
    people_records,
    title_from_text,
)

SECTIONS = Sections()

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


def test_a_metric_that_restates_a_change_names_what_changed() -> None:
    for text, metric in [
        (
            "Iran's copper cathode production surged by 12 percent in May.",
            "copper cathode production",
        ),
        ("Sales have fallen 3% this year.", "Sales"),
        ("Kenya's tea exports rose 9 percent.", "tea exports"),
        ("Codelco said on Monday its output fell 8.3 percent.", "output"),
        ("It rose 5 percent.", "percent"),  # nothing named: the model's word stays
    ]:
        context = SectionContext.for_article(text)
        output = FiguresOutput.model_validate({"figures": [{"id": 1, "metric": "percent"}]})
        assert figure_records(output, context)[0].metric == metric, text


def test_a_subject_that_copies_the_figures_clause_keeps_what_changed_or_nothing() -> None:
    for text, subject, expected in [
        (
            "Iran's copper cathode production surged by 12 percent in May.",
            "Iran's copper cathode production surged by 12 percent in",
            "Iran's copper cathode production",
        ),
        (
            "This resulted in a total output of 145,000 tons of copper cathode.",
            "This resulted in a total output of 145,000 tons of copper",
            None,  # a clause, and no words before a verb of change
        ),
        ("Iran's output surged by 12 percent in May.", "Iran", "Iran"),
    ]:
        context = SectionContext.for_article(text)
        figure = {"id": 1, "metric": "production", "subject": subject}
        output = FiguresOutput.model_validate({"figures": [figure]})
        assert figure_records(output, context)[0].subject == expected, subject


def test_a_metric_that_repeats_the_number_keeps_only_its_words() -> None:
    context = SectionContext.for_article("The ministry listed 233 individuals on Monday.")
    output = FiguresOutput.model_validate({"figures": [{"id": 1, "metric": "233 individuals"}]})
    [figure] = figure_records(output, context)
    assert (figure.metric, figure.value, figure.unit) == ("individuals", 233, "count")
    copied = {"id": 1, "metric": "233 individuals (value 233, unit count): The ministry"}
    output = FiguresOutput.model_validate({"figures": [copied]})
    assert figure_records(output, context)[0].metric == "individuals"


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
    figures = SECTIONS["figures"].output_type(context).model_json_schema()
    quotes = SECTIONS["quotes"].output_type(context).model_json_schema()
    assert figures["$defs"]["FigureOutput"]["properties"]["id"]["const"] == 1
    assert figures["properties"]["figures"]["maxItems"] == 1
    speakers = quotes["$defs"]["QuoteOutput"]["properties"]["speaker"]["enum"]
    assert {"Eloy Alvarez", "Roman Chekushov"} <= set(speakers)


def test_a_second_pass_lists_only_the_numbers_the_first_answer_left_out() -> None:
    context = SectionContext.for_article(
        "Output rose 5 percent. The plant made 160,000 tons. It cost $8.5 billion."
    )
    assert [c.value for c in context.numbers] == [5, 160000, 8.5e9]
    first = FiguresOutput.model_validate({"figures": [{"id": 2, "metric": "output"}]})

    call = SECTIONS["figures"].follow_up(first, context)

    assert call is not None and (call.key, call.ids) == ("figures.rest", (1, 3))
    assert [hint.split()[0] for hint in call.variables["candidates"]] == ["[1]", "[3]"]
    schema = SECTIONS["figures"].output_type(context, call.ids).model_json_schema()
    assert schema["$defs"]["FigureOutput"]["properties"]["id"]["enum"] == [1, 3]
    assert schema["properties"]["figures"]["maxItems"] == 2
    # Nothing left out, or nothing taken (the same list would get the same answer): no pass.
    every = FiguresOutput.model_validate({"figures": [{"id": i, "metric": "m"} for i in (1, 2, 3)]})
    assert SECTIONS["figures"].follow_up(every, context) is None
    assert SECTIONS["figures"].follow_up(FiguresOutput(figures=[]), context) is None


def test_titles_come_from_the_words_next_to_the_name() -> None:
    text = "Codelco said so. Chief executive Andre Sougarret told reporters it would invest."
    assert title_from_text("Andre Sougarret", text) == "Chief executive"
    text = "Demand came from Pakistan and Egypt.\n\nBoard chief executive Willy Mutai said so."
    assert title_from_text("Willy Mutai", text) == "Board chief executive"
    text = "He met U.S. Secretary of State Antony Blinken."  # "U.S." ends no sentence
    assert title_from_text("Antony Blinken", text) == "U.S. Secretary of State"
    text = "according to Mohammad Aghajanlou, the new head of IMIDRO. Output rose."
    assert title_from_text("Mohammad Aghajanlou", text) == "new head of IMIDRO"
    assert title_from_text("Aghajanlou", text) is None  # a bare surname is not looked up


def _strict(output_type: type, data: dict[str, object], context: SectionContext) -> str:
    """The re-ask message a strict validation gives (empty when the answer holds)."""
    from pydantic import ValidationError

    try:
        output_type.model_validate(data, context={"section": context})
    except ValidationError as error:
        return str(error)
    return ""


PLANT = (
    "Russia and Cuba met in Havana. The Antillana de Acero plant will be modernised, "
    "Cuba's steel industry said. The Mining Investment Insurance Fund (MIIF) paid. "
    "Russian expertise is in demand, said Roman Chekushov of the Industry Ministry."
)


def test_a_name_always_written_after_the_is_not_a_person() -> None:
    context = SectionContext.for_article(PLANT)
    message = _strict(PeopleOutput, {"people": [{"name": "Antillana de Acero"}]}, context)
    assert "not a person" in message
    assert _strict(PeopleOutput, {"people": [{"name": "Roman Chekushov"}]}, context) == ""


def _organisation_ids(context: SectionContext) -> dict[str, int]:
    return {c.name: i for i, c in enumerate(context.organisation_hints, start=1)}


def test_an_organisation_whose_words_settle_it_is_kept_though_the_model_skips_it() -> None:
    from summarizer.sections.organizations import OrganizationsOutput, organization_records

    context = SectionContext.for_article(PLANT)
    ids = _organisation_ids(context)
    output = OrganizationsOutput.model_validate(
        {"organizations": [{"id": ids["Antillana de Acero"], "kind": "company"}]},
        context={"section": context},
    )
    # The ministry ("Ministry" settles it) is kept; the fund ("Fund" does not) is not.
    names = [o.name for o in organization_records(output, context)]
    assert names == ["Antillana de Acero", "Industry Ministry"]


def test_organisations_are_picked_by_id_with_a_kind_of_the_vocabulary() -> None:
    from summarizer.sections.organizations import OrganizationsOutput

    context = SectionContext.for_article(PLANT)
    count = len(context.organisation_hints)
    answer = {"organizations": [{"id": count + 1, "kind": "company"}]}
    assert "not in the list of names" in _strict(OrganizationsOutput, answer, context)
    answer = {"organizations": [{"id": 1, "kind": "plant"}]}
    assert "is not one of government, ministry" in _strict(OrganizationsOutput, answer, context)
    # The schema the model is given allows only the candidates' ids and the kinds.
    schema = SECTIONS["organizations"].output_type(context).model_json_schema()
    item = schema["$defs"]["OrganizationOutput"]["properties"]
    assert item["id"]["enum"] == list(range(1, count + 1))
    assert "ministry" in item["kind"]["enum"] and "plant" not in item["kind"]["enum"]


def test_an_organisation_record_keeps_the_articles_names_and_a_kind_its_name_settles() -> None:
    from summarizer.sections.organizations import OrganizationsOutput, organization_records

    context = SectionContext.for_article(PLANT)
    ids = _organisation_ids(context)
    output = OrganizationsOutput.model_validate(
        {
            "organizations": [
                {"id": ids["Mining Investment Insurance Fund"], "kind": "government"},
                {"id": ids["Industry Ministry"], "kind": "company", "country": "Russian"},
                {"id": ids["Antillana de Acero"], "kind": "company", "country": "Cuba"},
                {"id": ids["Industry Ministry"], "kind": "government"},  # twice: once
            ]
        },
        context={"section": context},
    )
    records = {o.name: o for o in organization_records(output, context)}
    assert list(records) == [
        "Antillana de Acero",
        "Mining Investment Insurance Fund",
        "Industry Ministry",
    ]
    fund, ministry = records["Mining Investment Insurance Fund"], records["Industry Ministry"]
    plant = records["Antillana de Acero"]
    assert (fund.name, fund.acronym, fund.kind) == (
        "Mining Investment Insurance Fund",
        "MIIF",
        "government",  # "Fund" settles nothing: the model's kind
    )
    assert (ministry.kind, ministry.country) == ("ministry", "Russian Federation")
    assert (plant.kind, plant.country) == ("company", "Cuba")
    assert PLANT[plant.evidence.start : plant.evidence.end] == "Antillana de Acero"


def test_a_long_list_of_organisations_is_asked_in_parts_with_their_own_ids() -> None:
    from summarizer.sections.organizations import ORGANISATIONS_PER_CALL

    text = " ".join(f"The {c}{c}{c} Bank of Nowhere said so." for c in "ABCDEFGHIJKLMNOPQRST")
    context = SectionContext.for_article(text)
    assert len(context.organisation_hints) == 20 > ORGANISATIONS_PER_CALL
    calls = SECTIONS["organizations"].calls(context)
    assert [c.key for c in calls] == ["organizations", "organizations.2"]
    assert [c.ids for c in calls] == [tuple(range(1, 11)), tuple(range(11, 21))]
    assert calls[1].variables["candidates"][0].startswith("11. KKK Bank of Nowhere")
    narrowed = SECTIONS["organizations"].output_type(context, calls[1].ids)
    schema = narrowed.model_json_schema()
    assert schema["$defs"]["OrganizationOutput"]["properties"]["id"]["enum"][0] == 11


QUOTED = (
    "Liv\u00e1n Arronte Cruz visited Tehran. Vajihollah Jafari welcomed the plan. "
    "\u201cLarge companies in the Iranian steel industry can invest in Cuba,\u201d he said. "
    "Cruz for his part reiterated: \u201cA group of Iranian experts will travel to Cuba soon.\u201d"
)


def test_a_speaker_against_the_article_attribution_is_re_asked_then_corrected() -> None:
    from summarizer.sections.quotes import QuotesOutput, quote_records

    context = SectionContext.for_article(QUOTED)
    assert context.attributions == {1: "Vajihollah Jafari", 2: "Liv\u00e1n Arronte Cruz"}
    swapped = {
        "quotes": [
            {"id": 1, "speaker": "Liv\u00e1n Arronte Cruz"},
            {"id": 2, "speaker": "Vajihollah Jafari"},
        ]
    }
    assert "attributes passage [1] to Vajihollah Jafari" in _strict(QuotesOutput, swapped, context)
    from dataclasses import replace

    lenient = replace(context, lenient=True)
    output = QuotesOutput.model_validate(swapped, context={"section": lenient})
    speakers = [quote.speaker for quote in quote_records(output, context)]
    assert speakers == ["Vajihollah Jafari", "Liv\u00e1n Arronte Cruz"]


def test_events_get_their_participants_and_kind_from_their_sentence() -> None:
    from summarizer.sections.events import EventsOutput, event_records

    text = (
        "MOSCOW, November 28. /TASS/. Deputy Minister Roman Chekushov met with Cuban Minister "
        "of Industry Eloy Alvarez in Havana. The two countries signed a memorandum on steel."
    )
    context = SectionContext.for_article(text)
    output = EventsOutput.model_validate(
        {
            "events": [
                {
                    "kind": "visit",
                    "description": "Chekushov met with Eloy Alvarez in Havana",
                    "evidence": "met with Cuban Minister",
                },
                {
                    "kind": "meeting",
                    "description": "The two countries signed a memorandum",
                    "evidence": "signed a memorandum",
                },
            ]
        },
        context={"section": context},
    )
    meeting, agreement = event_records(output, context)
    assert meeting.kind == "meeting"  # "met": no word of a visit in the sentence
    assert {"Roman Chekushov", "Eloy Alvarez"} <= set(meeting.participants)
    assert agreement.kind == "agreement"


def test_a_copied_phrase_or_sentence_is_not_a_persons_name() -> None:
    text = (
        "Police said the seven men, who freed all their hostages, would be charged. "
        "Luiz Inácio Lula da Silva met Han Zheng."
    )
    context = SectionContext.for_article(text)
    phrase = {"people": [{"name": "Police said the seven men, who freed all their hostages"}]}
    assert "not a name" in _strict(PeopleOutput, phrase, context)
    names = {"people": [{"name": "Luiz Inácio Lula da Silva"}, {"name": "Han Zheng"}]}
    assert _strict(PeopleOutput, names, context) == ""


def test_a_name_cut_from_a_longer_one_is_re_asked_with_the_whole_name() -> None:
    text = (
        "Andy Pettitte won as the New York Yankees beat the Angels. "
        "But Le Matin newspaper said seven died."
    )
    context = SectionContext.for_article(text)
    tail = _strict(PeopleOutput, {"people": [{"name": "York Yankees"}]}, context)
    assert "'New York Yankees'" in tail
    assert "not a person" in _strict(PeopleOutput, {"people": [{"name": "Le Matin"}]}, context)
    assert _strict(PeopleOutput, {"people": [{"name": "Andy Pettitte"}]}, context) == ""


def _one_person(text: str, name: str) -> Person:
    """The record of the one person the model named ``name`` in ``text``."""
    context = SectionContext.for_article(text)
    output = PeopleOutput.model_validate({"people": [{"name": name}]}, context={"section": context})
    [person] = people_records(output, context)
    return person


def test_a_title_written_into_a_name_becomes_the_title() -> None:
    text = "Interfax said Judge Olga Lavrentyeva, 28, fined the vendor 38,000 roubles."
    person = _one_person(text, "Judge Olga Lavrentyeva")
    assert (person.name, person.title) == ("Olga Lavrentyeva", "Judge")
    assert text[person.evidence.start : person.evidence.end] == "Olga Lavrentyeva"


def test_a_section_schema_is_built_once_and_each_caller_gets_its_own_copy() -> None:
    from pydantic.json_schema import model_json_schema

    first = PeopleOutput.model_json_schema()
    first["properties"].clear()  # a caller altering its copy
    second = PeopleOutput.model_json_schema()
    assert second == model_json_schema(PeopleOutput)  # what pydantic itself builds
    assert second["properties"] and second is not PeopleOutput.model_json_schema()


def test_a_misspelt_name_takes_the_articles_spelling() -> None:
    text = "Former Governor Carroll Campbell will head the team, the campaign said."
    person = _one_person(text, "Carlroll Campbell")
    assert person.name == person.evidence.text == "Carroll Campbell"


def test_people_candidates_past_a_dozen_are_split_into_even_parts() -> None:
    from summarizer.sections import section_of_call
    from summarizer.sections.people import PEOPLE_PER_CALL

    given = ["Maria", "John", "Anna", "Peter", "Laura", "David", "Sofia", "James", "Elena",
             "Thomas", "Julia", "Michael", "Sarah", "Robert", "Clara", "Felix", "Nina",
             "Oscar", "Paula", "Victor", "Irene", "Hugo", "Lena", "Marco", "Rosa"]  # fmt: skip
    names = [f"{first} Smithson{index}" for index, first in enumerate(given)]
    short = SectionContext.for_article("Maria Lopez and John Carter met on Tuesday.")
    [only] = SECTIONS["people"].calls(short)
    assert only.key == "people" and only.variables["people"] == short.people

    context = SectionContext.for_article(" ".join(f"{n} spoke on Tuesday." for n in names))
    assert len(context.people) == 25 > 2 * PEOPLE_PER_CALL
    calls = SECTIONS["people"].calls(context)
    assert [c.key for c in calls] == ["people", "people.2", "people.3"]
    parts = [c.variables["people"] for c in calls]
    assert [len(p) for p in parts] == [9, 9, 7]
    assert [n for part in parts for n in part] == context.people
    assert {section_of_call(c.key) for c in calls} == {"people"}
    # Other sections are asked once, whatever the number of names.
    assert [c.key for c in SECTIONS["organizations"].calls(context)] == ["organizations"]


def test_event_participants_are_the_names_the_article_gives(article_002: str) -> None:
    from summarizer._cues.countries import country_name
    from summarizer.sections.events import _participants

    context = SectionContext.for_article(article_002)
    proposed = [
        "State Secretary and Deputy Industry and Trade Minister Roman Chekushov",
        "Russian Expert",  # the article says "Russian expertise"
        "Production",
        "contractors",
        "Cuba's",
        "Russian",
        "Trade Ministry",  # part of a longer name the article gives
    ]
    sentence = "He met with Cuban Deputy Prime Minister Oscar Perez-Oliva Fraga."
    assert _participants(proposed, sentence, context) == [
        "Roman Chekushov",
        country_name("CU"),
        country_name("RU"),  # the country, not its adjective
        "Russian Industry and Trade Ministry",
        "Oscar Perez-Oliva Fraga",
    ]


@pytest.mark.parametrize(
    ("kind", "sentence", "expected"),
    [
        ("agreement", "Output rose 12 percent, according to the head of IMIDRO.", "production"),
        ("agreement", "IMIDRO supports contractors and upgrading.", "other"),
        ("agreement", "The two sides signed a memorandum.", "agreement"),
        ("announcement", "The plant is 70% complete.", "other"),
        ("meeting", "He met the minister in Havana.", "meeting"),
    ],
)
def test_an_events_kind_is_one_its_sentence_reports(
    kind: str, sentence: str, expected: str
) -> None:
    from summarizer.sections.events import _event_kind

    assert _event_kind(kind, sentence) == expected  # type: ignore[arg-type]


def test_a_one_word_person_must_be_a_surname_the_article_gives_or_titles() -> None:
    context = SectionContext.for_article(
        "Children earned 775 pounds a year, said market analyst Datamonitor. Lib Dem leader "
        "Charles Kennedy said the Euro would fall. Kennedy spoke to President Suharto."
    )

    def problem(name: str) -> str | None:
        return PeopleOutput.problem(PersonOutput(name=name), context)

    assert problem("Kennedy") is None  # the surname of Charles Kennedy
    assert problem("Suharto") is None  # after a title
    assert problem("Datamonitor") is not None  # a firm
    assert problem("Euro") is not None
    assert problem("Lib Dem") is not None  # qualifies a role: a party


def test_a_quote_hint_suggests_the_speaker_verification_holds_it_to() -> None:
    # Alone, "He said:" would point to the last person named (Chekushov); the run's last
    # quote names Alvarez, and the prompt must not suggest one speaker and check another.
    text = (
        'Eloy Alvarez tackled Roman Chekushov.\n\nHe said: "It was a horrendous moment. '
        '"It was a blur, " added Alvarez.'
    )
    context = SectionContext.for_article(text)
    hints = SECTIONS["quotes"].hints(context)
    assert len(hints) == 2
    assert all(hint.endswith("suggested speaker: Eloy Alvarez") for hint in hints)


def test_a_country_the_article_writes_as_us_is_found_and_grounded_there() -> None:
    from summarizer._cues.countries import country_words
    from summarizer.sections.countries import CountriesOutput, country_records

    text = "They told us that the US and the UK agreed. Northern Ireland too."
    assert country_words(text) == ["US", "UK", "Northern Ireland"]
    context = SectionContext.for_article(text)
    # The model's "United States" is the article's "US", not the pronoun "us".
    output = CountriesOutput.model_validate(
        {"countries": [{"name": "United States", "mention": "United States"}]},
        context={"section": context},
    )
    [country] = country_records(output, context)
    assert (country.code, country.evidence.text, country.evidence.start) == ("US", "US", 22)
    assert "does not mention" in _strict(
        CountriesOutput,
        {"countries": [{"name": "USA", "mention": "US"}]},
        SectionContext.for_article("They told us."),
    )


def test_dotted_abbreviations_and_a_capital_acting_as_its_state_are_countries() -> None:
    from summarizer._cues.countries import capital_acting, country_words
    from summarizer.sections.countries import CountriesOutput, country_records

    text = (
        "MOSCOW, Nov 28. The U.S. and the U.K. met in Paris. Washington imposed new "
        "sanctions on Friday."
    )
    assert country_words(text) == ["U.S.", "U.K.", "Washington"]
    assert capital_acting("Moscow", text) is None  # the dateline
    assert capital_acting("Paris", text) is None  # a place: "in Paris"
    assert capital_acting("Washington", text) == "US"
    context = SectionContext.for_article(text.replace("The U.S. and the ", "The "))
    output = CountriesOutput.model_validate(
        {"countries": [{"name": "Washington", "mention": "Washington"}]},
        context={"section": context},
    )
    [country] = country_records(output, context)
    assert (country.code, country.evidence.text) == ("US", "Washington")
