"""Evidence alignment: exact, then normalised, then fuzzy; offsets always point at the text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from summarizer._grounding import Match, locate, sentence_around

ARTICLE = (
    "Cruz for his part, underlined his country\u2019s significant mineral reserves "
    "including nickel, cobalt and iron ore and reiterated: \u201cAfter exploring common "
    "areas of cooperation, a group of Iranian specialists will travel to Cuba.\u201d"
)


def test_an_exact_fragment_is_found_where_it_is() -> None:
    span = locate("nickel, cobalt and iron ore", ARTICLE)
    assert span is not None and span.match is Match.EXACT
    assert ARTICLE[span.start : span.end] == "nickel, cobalt and iron ore"


def test_quote_styles_whitespace_and_case_are_folded() -> None:
    span = locate("his country's  SIGNIFICANT mineral reserves", ARTICLE)
    assert span is not None and span.match is Match.NORMALISED
    assert span.text == "his country\u2019s significant mineral reserves"


def test_a_near_copy_is_found_by_the_fuzzy_stage() -> None:
    span = locate("a group of Iranian specialist will travel to Cuba", ARTICLE)
    assert span is not None and span.match is Match.FUZZY
    assert ARTICLE[span.start : span.end] == span.text
    assert "Iranian specialists will travel to Cuba" in span.text


def test_an_invented_fragment_is_not_found() -> None:
    assert locate("the president signed a trade treaty in Paris", ARTICLE) is None
    assert locate("Petrov", ARTICLE) is None


def test_the_sentence_around_a_span_keeps_its_closing_quote() -> None:
    text = "First one. Second one!\n\nThird \u201cquoted.\u201d Fourth"
    assert sentence_around(text, 14, 17).text == "Second one!"
    assert sentence_around(text, 31, 37).text == "Third \u201cquoted.\u201d"
    assert sentence_around(text, 0, 3).text == "First one."
    assert sentence_around(text, 11, 12).text == "Second one!"  # a span opening a sentence


@given(st.text(min_size=1, max_size=300), st.data())
def test_any_located_span_points_exactly_at_its_text(article: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(article) - 1))
    end = data.draw(st.integers(start + 1, len(article)))
    span = locate(article[start:end], article)
    if article[start:end].strip():
        assert span is not None
        assert article[span.start : span.end] == span.text
