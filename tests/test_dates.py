"""Dates as written -> ISO 8601, resolved against the article's own date."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summarizer._cues.dates import find_date, parse_iso_day, resolve_date

PUBLISHED = date(2024, 10, 27)  # a Sunday; 1403-08-06 in the Solar Hijri calendar


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on Monday", "2024-10-21"),
        ("last Sunday", "2024-10-20"),
        ("on Sunday", "2024-10-27"),
        ("yesterday", "2024-10-26"),
        ("last week", "2024-W42"),
        ("last month", "2024-09"),
        ("this year", "2024"),
        ("in early May", "2024-05-01/2024-05-10"),
        ("in late November", "2024-11-21/2024-11-30"),
        ("November 28", "2024-11-28"),
        ("28 November", "2024-11-28"),
        ("in May", "2024-05"),
        ("in the third quarter", "2024-07-01/2024-09-30"),
        ("in the first half of last year", "2023-01-01/2023-06-30"),
    ],
)
def test_relative_dates_resolve_against_the_article_date(text: str, expected: str) -> None:
    assert resolve_date(text, PUBLISHED) == expected


@pytest.mark.parametrize(
    "text", ["on Monday", "last week", "November 28", "in early May", "yesterday"]
)
def test_relative_dates_without_an_article_date_stay_unresolved(text: str) -> None:
    assert resolve_date(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("November 28, 2024", "2024-11-28"),
        ("28 November 2023", "2023-11-28"),
        ("2019-03-05", "2019-03-05"),
        ("Oct. 3, 2021", "2021-10-03"),
        ("by the end of 2026", "2026-12-31"),
        ("in March 2025", "2025-03"),
        ("Q2 2023", "2023-04-01/2023-06-30"),
        ("in 2026", "2026"),
    ],
)
def test_absolute_dates_need_no_reference(text: str, expected: str) -> None:
    assert resolve_date(text) == expected


def test_a_date_near_new_year_takes_the_nearest_year() -> None:
    assert resolve_date("December 30", date(2025, 1, 3)) == "2024-12-30"
    assert resolve_date("January 2", date(2024, 12, 30)) == "2025-01-02"


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        # Farvardin 1, 1398 = 21 March 2019; Esfand 29, 1398 = 19 March 2020.
        ("the current Iranian calendar year of 1398", None, "2019-03-21/2020-03-19"),
        ("1402 Iranian calendar year", None, "2023-03-21/2024-03-19"),
        (
            "the first half of the current Iranian calendar year (March 20\u2013September 21)",
            PUBLISHED,
            "2024-03-20/2024-09-21",
        ),
        ("the first seven months of the current Iranian year", PUBLISHED, "2024-03-20/2024-10-21"),
        ("the last Iranian calendar year", PUBLISHED, "2023-03-21/2024-03-19"),
    ],
)
def test_solar_hijri_periods_become_gregorian_ranges(
    text: str, reference: date | None, expected: str
) -> None:
    assert resolve_date(text, reference) == expected


def test_a_current_iranian_year_needs_the_article_date() -> None:
    assert resolve_date("the first half of the current Iranian calendar year") is None


def test_find_date_reports_the_words_it_read() -> None:
    sentence = "Output rose 12 percent in the first half of 2024, the ministry said."
    mention = find_date(sentence)
    assert mention is not None
    assert sentence[mention.start : mention.end] == mention.text == "first half of 2024"
    assert mention.iso == "2024-01-01/2024-06-30"


def test_an_impossible_day_keeps_only_what_is_certain() -> None:
    assert resolve_date("February 30, 2024") == "2024"


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)))
def test_any_written_date_round_trips(day: date) -> None:
    written = f"{day:%B} {day.day}, {day.year}"
    assert resolve_date(written) == day.isoformat()
    assert resolve_date(f"{day.day} {day:%B} {day.year}") == day.isoformat()
    assert parse_iso_day(day.isoformat()) == day


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)), st.integers(0, 6))
def test_a_weekday_resolves_to_that_weekday_within_the_week_before(
    reference: date, weekday: int
) -> None:
    name = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][weekday]
    resolved = parse_iso_day(resolve_date(f"on {name}", reference))
    assert resolved is not None
    assert resolved.weekday() == weekday
    assert 0 <= (reference - resolved).days <= 6


@given(st.text(max_size=80))
def test_any_text_resolves_to_none_or_an_iso_form(text: str) -> None:
    resolved = resolve_date(text, PUBLISHED)
    if resolved is not None:
        for part in resolved.split("/"):
            assert part[:4].isdigit()
