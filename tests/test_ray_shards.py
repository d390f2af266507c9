"""JSONL shards: records and errors apart, whole files, a re-run task writes the same names."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

pytest.importorskip("ray", reason="the ray extra is not installed")

from ray.data.datasource.datasink import WriteResult

from summarizer._records import ArticleSummary
from summarizer.ray import ArticleRow, JsonlShards
from summarizer.ray._rows import rows_table

ARTICLE = "002_39b5d57e1b64ae26"


@pytest.fixture
def record(fixtures_dir: Path) -> ArticleSummary:
    path = fixtures_dir / "expected" / f"{ARTICLE}.json"
    return ArticleSummary.model_validate_json(path.read_text(encoding="utf-8"))


def _rows(record: ArticleSummary) -> list[ArticleRow]:
    return [
        ArticleRow.of_record(record),
        ArticleRow("gone", "gone.txt", None, "unreadable", error="gone.txt: no such file"),
        ArticleRow("slow", None, "ab" * 32, "failed", error="no record within 900 s"),
        ArticleRow("old", None, "cd" * 32, "skipped"),
    ]


def test_records_and_errors_go_to_their_own_shards_and_skips_nowhere(
    tmp_path: Path, record: ArticleSummary
) -> None:
    sink = JsonlShards(tmp_path / "out")
    sink.on_write_start()
    stats = sink.write([rows_table(_rows(record))], SimpleNamespace(task_idx=7))
    [records] = (tmp_path / "out").glob("records-*.jsonl")
    [errors] = (tmp_path / "out").glob("errors-*.jsonl")
    assert records.name == f"records-{sink.run}-000007.jsonl"
    assert [json.loads(line)["source"]["id"] for line in records.read_text().splitlines()] == [
        ARTICLE
    ]
    assert [json.loads(line) for line in errors.read_text().splitlines()] == [
        {"article": "gone", "path": "gone.txt", "error": "gone.txt: no such file"},
        {"article": "slow", "path": None, "error": "no record within 900 s"},
    ]
    assert (stats.articles, stats.summarised, stats.failed, stats.unreadable, stats.skipped) == (
        4, 1, 2, 1, 1
    )  # fmt: skip
    assert stats.calls == record.meta.calls and stats.attempts == record.meta.attempts
    assert stats.prompt_tokens == record.meta.usage.prompt_tokens


def test_a_task_run_again_rewrites_its_shard_rather_than_adding_one(
    tmp_path: Path, record: ArticleSummary
) -> None:
    sink = JsonlShards(tmp_path)
    for _ in range(2):  # Ray runs a write task again when its node died
        sink.write([rows_table(_rows(record)[:1])], SimpleNamespace(task_idx=0))
    assert len(list(tmp_path.glob("records-*.jsonl"))) == 1
    assert len((tmp_path / f"records-{sink.run}-000000.jsonl").read_text().splitlines()) == 1
    assert not list(tmp_path.glob(".*.tmp"))


def test_the_run_s_account_is_the_sum_of_its_shards(tmp_path: Path, record: ArticleSummary) -> None:
    sink = JsonlShards(tmp_path)
    parts = [
        sink.write([rows_table(_rows(record))], SimpleNamespace(task_idx=index))
        for index in range(3)
    ]
    sink.on_write_complete(WriteResult(num_rows=12, size_bytes=0, write_returns=parts))
    assert (sink.stats.articles, sink.stats.summarised, sink.stats.failed) == (12, 3, 6)
    assert sink.stats.completion_tokens == 3 * record.meta.usage.completion_tokens
    assert "12 articles in" in sink.stats.summary() and "3 skipped" in sink.stats.summary()
