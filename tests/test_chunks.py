"""Articles longer than one request: overlapping chunks, merged into one grounded record."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_summarizer import GOOD_ANSWERS, summarizer_over

from summarizer import InputError
from summarizer._read.chunks import chunk_text

from scripted import completion, script

paragraph = (
    st.text(alphabet=st.sampled_from("abcdefghij klmnop. QRST"), min_size=1, max_size=300)
    .map(str.strip)
    .filter(bool)
)


@given(st.lists(paragraph, min_size=1, max_size=30), st.integers(200, 2000))
def test_chunks_cover_the_text_in_order_and_point_at_it(paragraphs: list[str], size: int) -> None:
    text = "\n\n".join(paragraphs)
    chunks = chunk_text(text, size, overlap=size // 10)
    assert chunks[0].start == 0
    for chunk in chunks:
        assert text[chunk.start : chunk.start + len(chunk.text)] == chunk.text
        assert len(chunk.text) <= max(size, len(text) if len(chunks) == 1 else size)
    for before, after in itertools.pairwise(chunks):
        assert before.start < after.start <= before.start + len(before.text) + 2
    covered = max(c.start + len(c.text) for c in chunks)
    assert text[covered:].strip() == ""


def test_a_long_article_is_summarised_in_parts_into_one_record(article_002: str) -> None:
    # Figure and quote ids differ from part to part; these answers hold in every part.
    first_part = {
        "headline": "Russia and Cuba discuss cooperation",
        "lede": {
            "sentence": 1,
            "text": "Russia and Cuba discussed cooperation in the civilian aircraft and "
            "automotive industries.",
        },
        "key_points": [
            {  # 2 and 3 report meetings (protocol), 4 and 5 quote: only the lede is listed
                "sentence": 1,
                "text": "Russia and Cuba discussed cooperation in pharmaceuticals.",
            }
        ],
        "topics": ["trade"],
    }
    answers = {
        **GOOD_ANSWERS,
        "summary": completion(first_part),  # its sentences are the first part's
        "figures": completion({"figures": []}),
        "quotes": completion({"quotes": []}),
    }
    scripted = script(**answers)
    summarizer = summarizer_over(scripted.transport(), chunk_chars=1200)
    record = summarizer.summarize(article_002)
    parts = len(scripted.requests["people"])
    assert parts >= 2
    assert len(scripted.requests["summary"]) == 1  # the summary comes from the first part
    assert [p.name for p in record.people] == ["Roman Chekushov"]  # found in each, kept once
    for section in ("people", "countries", "figures", "quotes", "events"):
        for item in getattr(record, section):
            span = item.evidence
            assert article_002[span.start : span.end] == span.text
    assert len({(f.value, f.evidence.start) for f in record.figures}) == len(record.figures)


def test_without_chunking_a_long_article_is_refused_naming_the_limit(article_002: str) -> None:
    summarizer = summarizer_over(
        script(**GOOD_ANSWERS).transport(), chunk_chars=1000, chunking=False
    )
    with pytest.raises(InputError, match="more than the 1000 one request takes"):
        summarizer.summarize(article_002)
