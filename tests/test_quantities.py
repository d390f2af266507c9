"""Quantities found in the text: numbers with their units, values and spans."""

from __future__ import annotations

import pytest

from summarizer._quantities import number_candidates


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
        ("a 47-foot boat", "47-foot", 47, "foot"),
        ("it reached 75 mph on", "75 mph", 75, "mile per hour"),
        ("1.2 million barrels per day", "1.2 million barrels per day", 1.2e6, "barrel per day"),
        ("oil at US$58.24 per barrel", "US$58.24 per barrel", 58.24, "USD per barrel"),
        ("an office of 570 sq m", "570 sq m", 570, "square metre"),
        ("growth slowed 1.3 percentage points", "1.3 percentage points", 1.3, "percentage point"),
        ("HK$3.7 billion in loans", "HK$3.7 billion", 3.7e9, "HKD"),
        # Money per year is the figure's period, and a word after money is not a unit.
        ("revenue of $7.39 billion a year", "$7.39 billion", 7.39e9, "USD"),
        ("\u00a545 billion in aid", "\u00a545 billion", 45e9, "JPY"),
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
