"""Candidates computed from the text: numbers with units, quoted passages, names."""

from __future__ import annotations

import pytest

from summarizer._candidates import name_candidates, number_candidates, quote_candidates


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("a total output of 145,000 tons of copper", "145,000 tons", 145000, "tonne"),
        ("production surged by 12 percent in", "12 percent", 12, "percent"),
        ("approximately 70% complete", "70%", 70, "percent"),
        ("a deal worth $8.5 billion was", "$8.5 billion", 8.5e9, "USD"),
        ("profits of \u00a32bn last year", "\u00a32bn", 2e9, "GBP"),
        ("output of 1.2 million barrels", "1.2 million barrels", 1.2e6, "barrel"),
        ("hired 300 workers", "300 workers", 300, "count"),
    ],
)
def test_a_quantity_is_parsed_with_its_unit(
    text: str, surface: str, value: float, unit: str
) -> None:
    [candidate] = number_candidates(text)
    assert (candidate.surface, candidate.value, candidate.unit) == (surface, value, unit)
    assert text[candidate.span.start : candidate.span.end] == surface


@pytest.mark.parametrize(
    "text",
    [
        "MOSCOW, November 28. /TASS/.",
        "by the end of 2026 as",
        "on 5 March the",
        "Q4 results",
        "open 24/7 now",
    ],
)
def test_dates_years_and_codes_are_not_quantities(text: str) -> None:
    assert number_candidates(text) == []


def test_quoted_passages_are_found_and_scare_quotes_skipped() -> None:
    text = (
        'He said: \u201cWe will build the plant by next year.\u201d A "win-win" deal. '
        '"Prices will rise sharply," she added.'
    )
    found = quote_candidates(text)
    assert [q.span.text for q in found] == [
        "We will build the plant by next year.",
        "Prices will rise sharply,",
    ]


def test_names_are_listed_once_in_order_of_mention() -> None:
    text = "Roman Chekushov met Eloy Alvarez. Later Chekushov visited the plant. The IMIDRO head."
    assert name_candidates(text) == ["Roman Chekushov", "Eloy Alvarez", "Chekushov", "IMIDRO"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            'Eloy Alvarez met Roman Chekushov. "We will finish the plant soon," Chekushov said.',
            "Roman Chekushov",
        ),
        (
            'Roman Chekushov met Eloy Alvarez. "We will finish the plant soon," he said.',
            "Eloy Alvarez",
        ),
        (
            'The Trade Ministry said Roman Chekushov met officials. "Talks covered aircraft and '
            'cars," the statement noted.',
            "Trade Ministry",
        ),
    ],
)
def test_the_attribution_suggests_the_speaker(text: str, speaker: str) -> None:
    [quote] = quote_candidates(text)
    people = ["Roman Chekushov", "Eloy Alvarez"]
    assert quote.suggested_speaker(text, people, ["Trade Ministry"]) == speaker
