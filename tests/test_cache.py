"""The response cache: unchanged input costs no model call; only complete answers are kept."""

from __future__ import annotations

import json
from pathlib import Path

import httpx2
from test_summarizer import GOOD_ANSWERS, GOOD_CALLS, summarizer_over

from scripted import completion, script


def _requests(scripted: object) -> int:
    return sum(len(seen) for seen in scripted.requests.values())  # type: ignore[attr-defined]


def test_a_second_run_is_answered_from_the_cache(article_002: str, tmp_path: Path) -> None:
    first = script(**GOOD_ANSWERS)
    record = summarizer_over(first.transport(), response_cache=tmp_path).summarize(article_002)
    assert _requests(first) == GOOD_CALLS and record.meta.cached == 0

    second = script(**GOOD_ANSWERS)
    again = summarizer_over(second.transport(), response_cache=tmp_path).summarize(article_002)
    assert _requests(second) == 0
    assert again.meta.cached == GOOD_CALLS
    assert again.model_dump(exclude={"meta"}) == record.model_dump(exclude={"meta"})


def test_a_changed_setting_is_a_new_key(article_002: str, tmp_path: Path) -> None:
    summarizer_over(script(**GOOD_ANSWERS).transport(), response_cache=tmp_path).summarize(
        article_002
    )
    other = script(**GOOD_ANSWERS)
    summarizer_over(other.transport(), response_cache=tmp_path, seed=7).summarize(article_002)
    assert _requests(other) == GOOD_CALLS


def test_truncated_and_failed_answers_are_not_cached(article_002: str, tmp_path: Path) -> None:
    cut = completion('{"headline": "Cut', finish_reason="length")
    answers = {**GOOD_ANSWERS, "summary": cut, "people": httpx2.Response(400, json={})}
    summarizer = summarizer_over(script(**answers).transport(), response_cache=tmp_path)
    record = summarizer.summarize(article_002)
    assert [f.section for f in record.meta.failed] == ["summary", "people"]
    stored = [json.loads(p.read_text()) for p in tmp_path.rglob("*.json")]
    assert stored and all(a["choices"][0]["finish_reason"] == "stop" for a in stored)
    assert not any("Cut" in json.dumps(a) for a in stored)


def test_the_cache_never_holds_the_api_key(article_002: str, tmp_path: Path) -> None:
    summarizer_over(
        script(**GOOD_ANSWERS).transport(), response_cache=tmp_path, api_key="sk-secret-123"
    ).summarize(article_002)
    files = list(tmp_path.rglob("*"))
    assert files
    assert not any(b"sk-secret-123" in p.read_bytes() for p in files if p.is_file())


def test_a_damaged_entry_is_asked_again(article_002: str, tmp_path: Path) -> None:
    summarizer_over(script(**GOOD_ANSWERS).transport(), response_cache=tmp_path).summarize(
        article_002
    )
    for path in tmp_path.rglob("*.json"):
        path.write_text("{not json", encoding="utf-8")
    again = script(**GOOD_ANSWERS)
    summarizer_over(again.transport(), response_cache=tmp_path).summarize(article_002)
    assert _requests(again) == GOOD_CALLS


def test_cost_follows_the_price_table_and_cached_calls_are_free(
    article_002: str, tmp_path: Path
) -> None:
    prices = {"scripted": (1.0, 2.0)}  # USD per million prompt / completion tokens
    record = summarizer_over(
        script(**GOOD_ANSWERS).transport(), response_cache=tmp_path, prices=prices
    ).summarize(article_002)
    # Calls of 100 prompt and 20 completion tokens each (tests/scripted.py).
    assert record.meta.cost_usd == GOOD_CALLS * (100 * 1.0 + 20 * 2.0) / 1e6
    again = summarizer_over(
        script(**GOOD_ANSWERS).transport(), response_cache=tmp_path, prices=prices
    ).summarize(article_002)
    assert again.meta.cost_usd == 0.0


def test_answers_decoded_another_way_are_not_served(article_002: str, tmp_path: Path) -> None:
    # The embedded model's transport names its decoding (its grammar): a change in it
    # makes old answers misses, though every request is the same.
    first = script(**GOOD_ANSWERS)
    summarizer_over(first.transport(), response_cache=tmp_path).summarize(article_002)

    again = script(**GOOD_ANSWERS)
    same = again.transport()
    summarizer_over(same, response_cache=tmp_path).summarize(article_002)
    assert _requests(again) == 0

    other = script(**GOOD_ANSWERS)
    renamed = other.transport()
    renamed.cache_namespace = "llama-grammar-3"  # type: ignore[attr-defined]
    summarizer_over(renamed, response_cache=tmp_path).summarize(article_002)
    assert _requests(other) == GOOD_CALLS
