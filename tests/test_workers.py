"""Worker processes for HTTP backends: the same records, in the same order, errors intact."""

from __future__ import annotations

import asyncio
import json
import sys
import threading
from pathlib import Path

import pytest
from conftest import ROOT

from summarizer._cli import main

sys.path.insert(0, str(ROOT / "bench"))
from stub_server import Stub, serve

SPANISH = (
    "El presidente de la república dijo el lunes que la economía del país crecerá más de lo "
    "esperado en los próximos meses, según los datos del banco central y las previsiones."
)


@pytest.fixture
def stub_url() -> str:
    """The loopback stub server on its own event loop, for this test."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    ready = threading.Event()

    def run() -> None:
        loop = asyncio.new_event_loop()
        started = asyncio.Event()
        server = loop.create_task(serve(Stub(0.0), port, started))
        loop.run_until_complete(started.wait())
        assert not server.done()
        ready.set()
        loop.run_forever()

    threading.Thread(target=run, daemon=True).start()
    assert ready.wait(10)
    try:
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
    except OSError as error:  # a network namespace whose loopback is down
        pytest.skip(f"loopback unreachable here: {error}")
    return f"http://127.0.0.1:{port}/v1"


def _ids(path: Path) -> list[str]:
    return [json.loads(line)["source"]["id"] for line in path.read_text().splitlines()]


def test_workers_give_the_records_of_one_process_in_input_order(
    stub_url: str, tmp_path: Path, fixtures_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import summarizer._backends as backends

    monkeypatch.setattr(backends, "ALLOW_MODEL_REQUESTS", True)  # the loopback stub only
    articles = tmp_path / "articles"
    articles.mkdir()
    for path in sorted((fixtures_dir / "articles").glob("*.txt")):
        (articles / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (articles / "999_spanish.txt").write_text(SPANISH, encoding="utf-8")
    common = ["--backend", "openai", "--base-url", stub_url, "--model", "m", "--no-cache", "-q"]
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main([str(articles), *common, "--workers", "1", "-o", str(one)]) == 1
    assert main([str(articles), *common, "--workers", "2", "-o", str(two)]) == 1
    assert _ids(two) == _ids(one) == sorted(p.stem for p in articles.glob("0*.txt"))

    def facts(path: Path) -> list[dict[str, object]]:
        return [
            {k: v for k, v in json.loads(line).items() if k != "meta"}
            for line in path.read_text().splitlines()
        ]

    assert facts(two) == facts(one)
    errors = (tmp_path / "two.jsonl.errors.jsonl").read_text()
    assert "999_spanish" in errors and "Spanish (es)" in errors


def test_articles_are_summarised_here_until_a_worker_is_ready(
    stub_url: str, fixtures_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import summarizer._backends as backends
    from summarizer._article import Article
    from summarizer._settings import Settings
    from summarizer._workers import WorkerPool

    monkeypatch.setattr(backends, "ALLOW_MODEL_REQUESTS", True)  # the loopback stub only
    text = (fixtures_dir / "articles" / "002_39b5d57e1b64ae26.txt").read_text(encoding="utf-8")
    settings = Settings(backend="openai", base_url=stub_url, model="m", response_cache=None)
    local_ids: list[str] = []

    class Local:
        async def asummarize(self, article: Article) -> object:
            local_ids.append(article.id)
            return article.id

    async def run() -> object:
        pool = WorkerPool(settings, 1, local=Local())  # type: ignore[arg-type]
        try:
            # A worker process is still importing its modules: this one is done here.
            assert await pool.asummarize(Article("early", text)) == "early"
            for _ in range(1200):  # the worker's "ready" arrives through the reader
                if pool._ready:
                    break
                await asyncio.sleep(0.05)
            assert pool._ready, "the worker never became ready"
            return await pool.asummarize(Article("late", text))
        finally:
            await pool.aclose()

    record = asyncio.run(run())
    assert local_ids == ["early"]
    assert record.source.id == "late" and record.people  # type: ignore[attr-defined]
