"""The Ray Data actor, called as Ray calls it: every row comes out, whatever happened."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("ray", reason="the ray extra is not installed")

import pyarrow as pa

from summarizer._read.article import Article
from summarizer._records import ArticleSummary, Failed
from summarizer._settings import Settings
from summarizer.ray import OUTPUT_SCHEMA, ArticleActor, ArticleRow, DoneIndex
from summarizer.ray._resume import _write_bucket

ARTICLE = "002_39b5d57e1b64ae26"


@pytest.fixture
def settings(fixtures_dir: Path) -> Settings:
    return Settings(backend="replay", recordings_dir=fixtures_dir / "recordings")


@pytest.fixture
def text(fixtures_dir: Path) -> str:
    return (fixtures_dir / "articles" / f"{ARTICLE}.txt").read_text(encoding="utf-8")


def _row(**given: Any) -> dict[str, Any]:
    return {"id": None, "path": None, "text": None, "error": None, **given}


def _call(actor: ArticleActor, *rows: dict[str, Any]) -> list[dict[str, Any]]:
    table = pa.Table.from_pylist(list(rows))
    out = asyncio.run(actor(table))
    assert out.schema == OUTPUT_SCHEMA
    return out.to_pylist()  # type: ignore[no-any-return]


def test_every_row_comes_out_with_its_status(
    settings: Settings, text: str, fixtures_dir: Path, tmp_path: Path
) -> None:
    actor = ArticleActor(settings, article_timeout=None)
    rows = _call(
        actor,
        _row(id=ARTICLE, text=text),
        _row(path=str(fixtures_dir / "articles" / f"{ARTICLE}.txt")),
        _row(path=str(tmp_path / "missing.txt")),
        _row(path="feed.jsonl:3", error="feed.jsonl:3: not JSON (Expecting value)"),
        _row(id="unrecorded", text="LONDON - A story no recording answers. It is short."),
    )
    assert [row["status"] for row in rows] == ["ok", "ok", "unreadable", "unreadable", "failed"]
    expected = json.loads((fixtures_dir / "expected" / f"{ARTICLE}.json").read_text())
    record = json.loads(rows[0]["record"])
    assert record["summary"] == expected["summary"] and record["people"] == expected["people"]
    assert rows[0]["content_hash"] == Article(ARTICLE, text).content_hash
    assert rows[1]["id"] == ARTICLE and rows[1]["record"] is not None
    assert "missing.txt" in rows[2]["error"] and rows[2]["record"] is None
    assert rows[3]["error"].startswith("feed.jsonl:3: not JSON")
    assert "no recording for article 'unrecorded'" in rows[4]["error"]


def test_an_article_past_its_timeout_is_an_error_row_and_the_others_finish(
    settings: Settings, text: str, fixtures_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    actor = ArticleActor(settings, article_timeout=0.05)
    done = ArticleSummary.model_validate_json(
        (fixtures_dir / "expected" / f"{ARTICLE}.json").read_text(encoding="utf-8")
    )

    async def stuck_on_one(article: Article) -> ArticleSummary:
        if article.id == "stuck":
            await asyncio.Event().wait()  # never set: only the timeout ends it
        return done

    monkeypatch.setattr(actor._summarizer, "asummarize", stuck_on_one)
    rows = _call(actor, _row(id="stuck", text=text + " "), _row(id=ARTICLE, text=text))
    assert rows[0]["status"] == "failed"
    assert rows[0]["error"].startswith("no record within 0.05 s")
    assert rows[1]["status"] == "ok"


def test_a_bug_on_one_article_is_its_error_row_not_the_batch_s(
    settings: Settings, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    actor = ArticleActor(settings, article_timeout=None)
    real = actor._summarizer.asummarize

    async def broken_on_one(article: Article) -> ArticleSummary:
        if article.id == "bug":
            raise KeyError("surprise")
        return await real(article)

    monkeypatch.setattr(actor._summarizer, "asummarize", broken_on_one)
    rows = _call(actor, _row(id="bug", text=text + " "), _row(id=ARTICLE, text=text))
    assert rows[0]["status"] == "failed"
    assert rows[0]["error"] == "internal error: KeyError: 'surprise'"
    assert rows[1]["status"] == "ok"


def test_articles_already_done_are_skipped_without_a_model_call(
    settings: Settings, text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    done = Article(ARTICLE, text).content_hash
    _write_bucket(tmp_path, {"bucket": [done[:2]], "key": [done[:32]]})  # type: ignore[dict-item]
    actor = ArticleActor(settings, article_timeout=None, done=DoneIndex(tmp_path))

    async def no_call(article: Article) -> ArticleSummary:
        raise AssertionError(f"{article.id} was summarised again")

    monkeypatch.setattr(actor._summarizer, "asummarize", no_call)
    [row] = _call(actor, _row(id=ARTICLE, text=text))
    assert (row["status"], row["record"], row["error"]) == ("skipped", None, None)


def test_the_api_key_comes_from_the_actor_s_environment(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-runtime-env")
    actor = ArticleActor(settings, article_timeout=None)
    assert actor._summarizer.settings.api_key == "sk-from-runtime-env"


def test_a_record_with_failed_sections_is_a_partial_row_with_its_error(
    fixtures_dir: Path,
) -> None:
    record = ArticleSummary.model_validate_json(
        (fixtures_dir / "expected" / f"{ARTICLE}.json").read_text()
    )
    assert ArticleRow.of_record(record).status == "ok"
    failure = Failed(section="figures", error="TransportError", reason="HTTP 500 after every retry")
    failed = record.meta.model_copy(update={"failed": [failure]})
    row = ArticleRow.of_record(record.model_copy(update={"meta": failed}))
    assert row.status == "partial" and row.record is not None
    assert row.error == "sections failed: figures: HTTP 500 after every retry"


def test_a_row_with_neither_text_nor_path_is_unreadable(settings: Settings) -> None:
    actor = ArticleActor(settings, article_timeout=None)
    [row] = _call(actor, _row(id="empty-row"))
    assert row["status"] == "unreadable"
    assert row["error"] == "empty-row: a row needs a 'text' or a 'path'"
