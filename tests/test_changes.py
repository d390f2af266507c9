"""The change a figure states, read from the article's words."""

from __future__ import annotations

import pytest

from summarizer._cues.changes import stated_change
from summarizer._cues.numbers import states_value
from summarizer._cues.quantities import number_candidates


def _change_of(sentence: str, surface: str) -> tuple[str, float | None, str | None] | None:
    numbers = number_candidates(sentence)
    candidate = next(n for n in numbers if n.surface == surface)
    change = stated_change(candidate, numbers)
    return None if change is None else (change.direction, change.amount, change.unit)


@pytest.mark.parametrize(
    ("sentence", "surface", "expected"),
    [
        ("Production surged by 12 percent in the first half.", "12 percent", ("up", 12, "percent")),
        ("Exports fell 8.5 percent last year.", "8.5 percent", ("down", 8.5, "percent")),
        ("It reported a 3% decline in sales.", "3%", ("down", 3, "percent")),
        (
            "The company cut its workforce by 1,200 employees.",
            "1,200 employees",
            ("down", 1200, "count"),
        ),
        (
            "Output reached 145,000 tons, up 12 percent on a year earlier.",
            "145,000 tons",
            ("up", 12, "percent"),
        ),
        ("Revenue dropped to $1.75 billion.", "$1.75 billion", ("down", None, None)),
        ("Rates were unchanged at 5%.", "5%", ("unchanged", None, None)),
        ("In Europe: Stoxx 50 -1.3% FTSE -0.6%.", "-0.6%", ("down", 0.6, "percent")),
        ("On Wall St: Dow +0.2% Nasdaq +0.8%.", "+0.2%", ("up", 0.2, "percent")),
    ],
)
def test_the_stated_change_is_found(
    sentence: str, surface: str, expected: tuple[str, float | None, str | None]
) -> None:
    assert _change_of(sentence, surface) == expected


def test_a_level_without_a_change_has_none() -> None:
    assert (
        _change_of("The plant will produce 160,000 tons of rolled steel a year.", "160,000 tons")
        is None
    )


@pytest.mark.parametrize(
    ("text", "value", "stated"),
    [
        ("a total output of 145,000 tons", 145000, True),
        ("145 thousand tonnes", 145000, True),
        ("$8.5 billion", 8.5e9, True),
        ("$8.5 billion", 8.5, True),
        ("12 percent", 12, True),
        ("a total output of 145,000 tons", 14500, False),
        # The near end of a range shares the far end's scale; words and signs are numbers.
        ("a deal worth $3-4 billion", 3e9, True),
        ("between $1.3 and $1.5bn", 1.3e9, True),
        ("some seven miles long", 7, True),
        ("FTSE -0.6%", -0.6, True),
        ("rose 296,000 to 28.52 million", 296000e6, False),
    ],
)
def test_states_value_reads_scales_and_separators(text: str, value: float, stated: bool) -> None:
    assert states_value(text, value) is stated
