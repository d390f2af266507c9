"""Many articles: inputs, bounded concurrency, ordered output, duplicates, resume, errors."""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path
from typing import Any

import httpx2
import pytest
from test_summarizer import GOOD_ANSWERS

from summarizer._cli.main import main
from summarizer._errors import InputError, ModelCallError
from summarizer._read.article import Article
from summarizer._read.inputs import expand_inputs, expand_locations
from summarizer._records import ArticleSummary, Meta, Source
from summarizer._run.batch import Failure, RunStats, run_batch

from scripted import script

FIXTURE_IDS = [
    "000_e4a2d466ecf2517c",
    "001_e881001fa6066b09",
    "002_39b5d57e1b64ae26",
    "010_no_quotes",
    "011_many_figures",
    "012_foreign_dateline",
    "013_very_short",
    "014_prompt_injection",
]


@pytest.fixture(autouse=True)
def _at_repo_root(
    fixtures_dir: Path, monkeypatch: pytest.MonkeyPatch, no_endpoint_configured: None
) -> None:
    monkeypatch.chdir(fixtures_dir.parent)


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# -- inputs ----------------------------------------------------------------------------


def test_directories_globs_and_jsonl_expand_in_a_stable_order(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("Second article text.", encoding="utf-8")
    (tmp_path / "sub" / "a.md").write_text("Nested article text.", encoding="utf-8")
    (tmp_path / "skip.pdf").write_bytes(b"%PDF-1.4")
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "x1", "body": "From a feed."}) + "\n" + "not json\n"
        + json.dumps({"id": "x2"}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    items = list(
        expand_inputs(
            [str(tmp_path / "sub"), str(tmp_path / "*.txt"), str(feed)], text_field="body"
        )
    )
    assert [i.id if isinstance(i, Article) else "error" for i in items] == [
        "a", "b", "x1", "error", "error"
    ]  # fmt: skip
    errors = [str(i) for i in items if isinstance(i, InputError)]
    assert "feed.jsonl:2: not JSON" in errors[0]
    assert "no 'body' string" in errors[1]


def test_locations_name_article_files_unread_for_readers_elsewhere(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("An article.", encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text(json.dumps({"id": "x1", "text": "Fed."}) + "\n")
    items = list(expand_locations([str(tmp_path), str(tmp_path / "feed.jsonl"), "nowhere.txt"]))
    assert items[0] == str(tmp_path / "a.txt")  # a path: Ray actors read it on their node
    assert isinstance(items[1], Article) and items[1].id == "x1"  # the feed's lines are read
    assert isinstance(items[2], InputError) and "no such file" in str(items[2])


def test_a_pattern_that_matches_nothing_is_an_error(tmp_path: Path) -> None:
    [item] = list(expand_inputs([str(tmp_path / "*.txt")]))
    assert isinstance(item, InputError) and "no file matches" in str(item)


# -- the runner, with a summarizer whose articles finish when the test says so -------------


class Gated:
    """A stand-in summarizer: each article waits for its gate; in-flight calls counted."""

    def __init__(self, ids: list[str], fail: set[str] = frozenset()) -> None:  # type: ignore[assignment]
        self.gates = {i: asyncio.Event() for i in ids}
        self.started: list[str] = []
        self.in_flight = 0
        self.most_in_flight = 0
        self.fail = fail

    async def asummarize(self, article: Article) -> ArticleSummary:
        self.started.append(article.id)
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            await self.gates[article.id].wait()
        finally:
            self.in_flight -= 1
        if article.id in self.fail:
            raise ModelCallError("the model gave up", section="people", attempts=3)
        return ArticleSummary(
            source=Source(id=article.id, content_hash=article.content_hash),
            meta=Meta(model="m", backend="b", templates={}, calls=7, attempts=7),
        )


def _run_released(
    gated: Gated, articles: list[Article], *, concurrency: int
) -> tuple[list[tuple[str, str]], list[Failure], RunStats]:
    """A batch with every gate open: (id, text of its article) for each record, in the
    order reported, its failures, and its account."""
    for gate in gated.gates.values():
        gate.set()
    records: list[tuple[str, str]] = []
    failures: list[Failure] = []
    stats = asyncio.run(
        run_batch(
            gated,  # type: ignore[arg-type]
            articles,
            on_record=lambda record, article: records.append((record.source.id, article.text)),
            on_failure=failures.append,
            concurrency=concurrency,
        )
    )
    return records, failures, stats


async def _release_in_reverse(gated: Gated, ids: list[str]) -> None:
    for article_id in reversed(ids):
        while article_id not in gated.started:
            await asyncio.sleep(0)  # yield until the runner has started it
        gated.gates[article_id].set()
        await asyncio.sleep(0)


@pytest.mark.parametrize("ordered", [True, False])
def test_records_follow_input_order_unless_unordered_and_concurrency_is_bounded(
    ordered: bool,
) -> None:
    ids = [f"a{i}" for i in range(6)]
    articles = [Article.from_text(f"Article number {i}.", id=i) for i in ids]
    gated = Gated(ids)
    written: list[str] = []

    async def run() -> None:
        batch = run_batch(
            gated,  # type: ignore[arg-type]
            articles,
            on_record=lambda r, a: written.append(r.source.id),
            on_failure=lambda f: None,
            concurrency=6,
            ordered=ordered,
        )
        await asyncio.gather(batch, _release_in_reverse(gated, ids))

    asyncio.run(run())
    assert written == (ids if ordered else list(reversed(ids)))
    assert gated.most_in_flight == 6


def test_a_failing_article_does_not_block_the_others_and_is_reported_once() -> None:
    ids = ["ok1", "bad", "ok2"]
    articles = [Article.from_text(f"Text of {i}.", id=i) for i in ids]
    gated = Gated(ids, fail={"bad"})
    records, failures, stats = _run_released(gated, articles, concurrency=1)
    assert [article_id for article_id, _ in records] == ["ok1", "ok2"]
    assert [(f.article, "gave up" in f.reason) for f in failures] == [("bad", True)]
    assert (stats.summarised, stats.failed, stats.calls) == (2, 1, 14)
    assert gated.most_in_flight == 1


def test_identical_articles_are_summarised_once() -> None:
    articles = [
        Article.from_text("The same text.", id="first"),
        Article.from_text("The same text.", id="copy"),
    ]
    gated = Gated(["first", "copy"])
    records, _, stats = _run_released(gated, articles, concurrency=4)
    assert gated.started == ["first"]
    # Each record with its own article's id and text.
    assert records == [("first", "The same text."), ("copy", "The same text.")]
    assert (stats.duplicates, stats.calls) == (1, 7)


# -- the command, over the recorded fixtures --------------------------------------------


def test_a_directory_becomes_jsonl_with_an_account_of_the_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.jsonl"
    assert main(["fixtures/articles", "--backend", "replay", "-o", str(out)]) == 0
    assert [r["source"]["id"] for r in _lines(out)] == FIXTURE_IDS
    assert f"{len(FIXTURE_IDS)} articles in" in capsys.readouterr().err


def test_resume_skips_what_is_done_and_redoes_a_torn_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.jsonl"
    assert main(["fixtures/articles", "--backend", "replay", "-o", str(out), "-q"]) == 0
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    # A crash in the middle of the fourth record.
    out.write_text("".join(lines[:3]) + lines[3][:50], encoding="utf-8")
    assert main(["fixtures/articles", "--backend", "replay", "-o", str(out), "--resume"]) == 0
    assert sorted(r["source"]["id"] for r in _lines(out)) == FIXTURE_IDS
    assert "3 skipped" in capsys.readouterr().err
    # Everything done: a re-run makes no model call (an empty recordings dir would fail one).
    empty = tmp_path / "no-recordings"
    empty.mkdir()
    arguments = ["fixtures/articles", "--backend", "replay", "--recordings-dir", str(empty)]
    assert main([*arguments, "-o", str(out), "--resume"]) == 0
    assert len(_lines(out)) == len(FIXTURE_IDS)


def test_failures_go_to_the_errors_file_and_the_exit_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    articles = tmp_path / "articles"
    shutil.copytree("fixtures/articles", articles)
    (articles / "999_unrecorded.txt").write_text("An article nobody recorded.", encoding="utf-8")
    (articles / "998_empty.txt").write_text("   \n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main([str(articles), "--backend", "replay", "-o", str(out), "-q"]) == 1
    assert len(_lines(out)) == len(FIXTURE_IDS)
    errors = {e["article"]: e["error"] for e in _lines(tmp_path / "out.jsonl.errors.jsonl")}
    assert set(errors) == {"999_unrecorded", str(articles / "998_empty.txt")}
    assert "no recording" in errors["999_unrecorded"]
    assert "empty" in errors[str(articles / "998_empty.txt")]


def test_resume_needs_an_output_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fixtures/articles", "--backend", "replay", "--resume"]) == 2
    assert "--resume needs -o" in capsys.readouterr().err


def test_inputs_are_counted_without_reading_them(tmp_path: Path) -> None:
    from summarizer._read.inputs import count_inputs

    (tmp_path / "a.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "b.md").write_text("Two.", encoding="utf-8")
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": 1, "text": "x"}\n\n{"id": 2, "text": "y"}\n', encoding="utf-8")
    locations = [str(tmp_path / "*.txt"), str(tmp_path), str(feed), "-"]
    assert count_inputs(locations) == 1 + 2 + 2 + 1


def test_progress_shows_done_failed_rate_and_eta() -> None:
    import io

    from summarizer._run.batch import Progress, RunStats

    stream = io.StringIO()
    stats = RunStats(summarised=3, failed=1, prompt_tokens=900, completion_tokens=100)
    Progress(8, stream).update(stats)
    line = stream.getvalue()
    assert line.startswith("\r4/8 articles") and "1 failed" in line and "1000 tokens" in line
    assert "ETA" in line


def test_a_long_batch_keeps_a_bounded_number_of_records_for_duplicates(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import summarizer._run.batch as batch

    monkeypatch.setattr(batch, "ORIGINALS_KEPT", 2)
    # The copy of "One." comes long after it, beyond the runner's window of 16 articles.
    texts = ["One.", *(f"Text {n}." for n in range(20)), "One.", "Text 19."]
    articles = [Article.from_text(t, id=f"a{n}") for n, t in enumerate(texts)]
    gated = Gated([a.id for a in articles])
    records, _, stats = _run_released(gated, articles, concurrency=1)
    assert [article_id for article_id, _ in records] == [a.id for a in articles]
    assert "a21" in gated.started  # "One." was forgotten, so its copy was summarised again
    assert stats.duplicates == len(articles) - len(gated.started)


# -- partial records and --resume --------------------------------------------------------


def _scripted_backend(monkeypatch: pytest.MonkeyPatch, answers: dict[str, Any]) -> Any:
    """The command's backend replaced by a script (the real openai + instructor stack)."""
    import summarizer._run.summarizer as pipeline

    scripted = script(**answers)
    monkeypatch.setattr(
        pipeline, "build_transport", lambda settings, **_: (scripted.transport(), "http://s/v1")
    )
    return scripted


def _copies_of_002(tmp_path: Path, article_002: str) -> Path:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text(article_002, encoding="utf-8")
    (articles / "b.txt").write_text(article_002, encoding="utf-8")  # a duplicate of a
    (articles / "c.txt").write_text(article_002 + "\n\nMore talks follow.", encoding="utf-8")
    return articles


def test_a_failed_section_leaves_a_partial_record_that_resume_completes(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    article_002: str,
) -> None:
    articles = _copies_of_002(tmp_path, article_002)
    out = tmp_path / "out.jsonl"
    common = [str(articles), "--backend", "openai", "--model", "m", "--no-cache", "-o", str(out)]
    refused = httpx2.Response(400, json={"error": {"message": "bad request"}})
    _scripted_backend(monkeypatch, {**GOOD_ANSWERS, "people": refused})
    assert main([*common, "-q"]) == 1

    first = _lines(out)
    assert [r["source"]["id"] for r in first] == ["a", "b", "c"]
    assert all(r["people"] == [] and r["summary"] for r in first)
    assert {f["section"] for r in first for f in r["meta"]["failed"]} == {"people"}
    errors = _lines(tmp_path / "out.jsonl.errors.jsonl")
    assert [(e["article"], e["sections"]) for e in errors] == [
        ("a", ["people"]), ("b", ["people"]), ("c", ["people"])
    ]  # fmt: skip
    assert "section 'people' failed" in capsys.readouterr().err

    healthy = _scripted_backend(monkeypatch, GOOD_ANSWERS)
    assert main([*common, "--resume"]) == 0
    assert set(healthy.requests) == {"people"}  # only the failed section is asked again
    final = _lines(out)
    assert sorted(r["source"]["id"] for r in final) == ["a", "b", "c"]  # each line replaced
    assert all(r["meta"]["failed"] == [] for r in final)
    assert all([p["name"] for p in r["people"]] == ["Roman Chekushov"] for r in final)


def test_an_interrupted_run_resumed_gives_the_lines_of_one_uninterrupted_run(
    tmp_path: Path,
) -> None:
    articles = tmp_path / "articles"
    shutil.copytree("fixtures/articles", articles)
    for name in ("000_e4a2d466ecf2517c", "002_39b5d57e1b64ae26"):  # copies come later
        shutil.copy(articles / f"{name}.txt", articles / f"zz_copy_of_{name}.txt")
    whole, cut = tmp_path / "whole.jsonl", tmp_path / "cut.jsonl"
    assert main([str(articles), "--backend", "replay", "-q", "-o", str(whole)]) == 0
    lines = whole.read_text(encoding="utf-8").splitlines(keepends=True)
    assert len(lines) == len(FIXTURE_IDS) + 2
    # Interrupted after the originals were written, before their copies.
    cut.write_text("".join(lines[:4]), encoding="utf-8")
    empty = tmp_path / "no-recordings"
    empty.mkdir()
    resumed = [str(articles), "--backend", "replay", "-q", "-o", str(cut), "--resume"]
    assert main(resumed) == 0

    def keyed(path: Path) -> list[tuple[str, str, str]]:
        return sorted(
            (r["source"]["id"], r["source"]["content_hash"], json.dumps(r["people"]))
            for r in _lines(path)
        )

    assert keyed(cut) == keyed(whole)
    # The copies' lines come from their originals' lines: no model call is needed.
    originals_only = [line for line in lines if "zz_copy" not in line]
    cut.write_text("".join(originals_only), encoding="utf-8")
    assert main([*resumed, "--recordings-dir", str(empty)]) == 0
    assert keyed(cut) == keyed(whole)


def test_a_bug_on_one_article_fails_that_article_and_the_batch_goes_on() -> None:
    """Not our own error (a ValidationError of a record, say): the article is listed as
    failed with an internal error, and the others are written; the batch never waits for
    it for ever."""

    class Buggy(Gated):
        async def asummarize(self, article: Article) -> ArticleSummary:
            if article.id == "b":
                raise ValueError("figure value 1000 is not stated in its evidence")
            return await super().asummarize(article)

    articles = [Article(i, f"Text {i}.") for i in "abc"]
    records, failures, stats = _run_released(Buggy(["a", "b", "c"]), articles, concurrency=2)
    assert [r for r, _ in records] == ["a", "c"]
    [failure] = failures
    assert failure.article == "b" and failure.reason.startswith("internal error (ValueError)")
    assert (stats.summarised, stats.failed) == (2, 1)
