"""The record contract: JSON round trips, and grounding checked against the article."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from summarizer._cues.numbers import states_value
from summarizer._records import ArticleSummary


def _expected(fixtures_dir: Path) -> list[tuple[str, str]]:
    pairs = []
    for path in sorted((fixtures_dir / "expected").glob("*.json")):
        article = (fixtures_dir / "articles" / f"{path.stem}.txt").read_text(encoding="utf-8")
        pairs.append((path.read_text(encoding="utf-8"), article))
    return pairs


def test_every_expected_record_round_trips_and_verifies_against_its_article(
    fixtures_dir: Path,
) -> None:
    for text, article in _expected(fixtures_dir):
        record = ArticleSummary.model_validate_json(text, context={"article": article})
        again = ArticleSummary.model_validate_json(record.model_dump_json())
        assert again == record


def test_a_span_that_does_not_point_at_its_text_is_refused(fixtures_dir: Path) -> None:
    text, article = _expected(fixtures_dir)[0]
    with pytest.raises(ValidationError, match="is not at"):
        ArticleSummary.model_validate_json(text, context={"article": " " + article})


def test_a_person_the_article_does_not_name_is_refused(fixtures_dir: Path) -> None:
    text, article = _expected(fixtures_dir)[2]
    record = ArticleSummary.model_validate_json(text)
    data = record.model_dump()
    data["people"][0]["name"] = "Zbigniew Quondamson"
    with pytest.raises(ValidationError, match="not named in the article"):
        ArticleSummary.model_validate(data, context={"article": article})


def test_a_figure_whose_value_its_evidence_does_not_state_is_refused(fixtures_dir: Path) -> None:
    text, _ = _expected(fixtures_dir)[2]
    data = ArticleSummary.model_validate_json(text).model_dump()
    data["figures"][0]["value"] = 123456.0
    with pytest.raises(ValidationError, match="not stated in its evidence"):
        ArticleSummary.model_validate(data)


@given(
    st.integers(min_value=1, max_value=999_999_999),
    st.sampled_from([("", 1), (" thousand", 1e3), (" million", 1e6), (" billion", 1e9)]),
)
def test_a_written_number_states_its_value(number: int, scale: tuple[str, float]) -> None:
    word, factor = scale
    written = f"{number:,}{word}"
    assert states_value(f"output of {written} tons", number * factor)
    assert not states_value(f"output of {written} tons", number * factor + 7 * factor)


@given(st.floats(min_value=0.01, max_value=9999, allow_nan=False).map(lambda v: round(v, 2)))
def test_decimals_with_a_scale_word_state_the_scaled_value(value: float) -> None:
    assert states_value(f"${value} billion", value * 1e9)
