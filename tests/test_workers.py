"""Worker processes for HTTP backends: the same records, in the same order, errors intact."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT

from summarizer._cli.main import main

from loopback import Stub, start_stub

SPANISH = (
    "El presidente de la república dijo el lunes que la economía del país crecerá más de lo "
    "esperado en los próximos meses, según los datos del banco central y las previsiones."
)


@pytest.fixture
def stub_url() -> str:
    """The loopback stub server on its own event loop, for this test."""
    return _start_stub(0.0)


def _start_stub(latency: float) -> str:
    return start_stub(Stub(latency))


def _ids(path: Path) -> list[str]:
    return [json.loads(line)["source"]["id"] for line in path.read_text().splitlines()]


def test_workers_give_the_records_of_one_process_in_input_order(
    stub_url: str, tmp_path: Path, fixtures_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import summarizer._backends.build as backends

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


def test_this_process_takes_articles_while_workers_start_then_the_least_busy_does(
    stub_url: str, fixtures_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import summarizer._backends.build as backends
    from summarizer._read.article import Article
    from summarizer._run.workers import WorkerPool
    from summarizer._settings import Settings

    monkeypatch.setattr(backends, "ALLOW_MODEL_REQUESTS", True)  # the loopback stub only
    text = (fixtures_dir / "articles" / "002_39b5d57e1b64ae26.txt").read_text(encoding="utf-8")
    settings = Settings(
        backend="openai", base_url=stub_url, model="m", response_cache=None, concurrency=8
    )
    here: list[str] = []

    async def run() -> list[object]:
        pool = WorkerPool(settings, 2)
        # Each process holds half the concurrency: the calls in flight stay within it.
        assert pool._local.settings.effective_concurrency == 4
        summarize_here = pool._local.asummarize

        async def counted(article: Article, **options: object) -> object:
            here.append(article.id)
            return await summarize_here(article, **options)  # type: ignore[arg-type]

        pool._local.asummarize = counted  # type: ignore[method-assign,assignment]
        try:
            # The worker process is still importing its modules: this one is done here.
            early = await pool.asummarize(Article("early", text))
            for _ in range(1200):  # the worker's "ready" arrives through the reader
                if len(pool._in_hand) > 1:
                    break
                await asyncio.sleep(0.05)
            assert len(pool._in_hand) > 1, "the worker never became ready"
            # Two at once: one each, since each goes to whoever holds fewer.
            pair = await asyncio.gather(
                pool.asummarize(Article("a", text)), pool.asummarize(Article("b", text))
            )
            return [early, *pair]
        finally:
            await pool.aclose()

    records = asyncio.run(run())
    assert here == ["early", "a"]
    assert [r.source.id for r in records] == ["early", "a", "b"]  # type: ignore[attr-defined]
    assert all(r.people for r in records)  # type: ignore[attr-defined]


def test_a_lost_worker_loses_no_article(
    fixtures_dir: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A worker killed with articles in hand: they are summarised here instead, and the
    pool still closes (no queue left waiting for a reader that is gone)."""
    import summarizer._backends.build as backends
    from summarizer._read.article import Article
    from summarizer._run.workers import WorkerPool
    from summarizer._settings import Settings

    monkeypatch.setattr(backends, "ALLOW_MODEL_REQUESTS", True)  # the loopback stub only
    # Answers take a second: the worker is killed while its requests wait for them.
    url = _start_stub(1.0)
    text = (fixtures_dir / "articles" / "002_39b5d57e1b64ae26.txt").read_text(encoding="utf-8")
    settings = Settings(backend="openai", base_url=url, model="m", response_cache=None)

    async def run() -> list[object]:
        pool = WorkerPool(settings, 2)
        try:
            # The first article starts the reader, through which the worker's "ready" comes.
            early = await pool.asummarize(Article("early", text))
            for _ in range(1200):
                if len(pool._in_hand) > 1:
                    break
                await asyncio.sleep(0.05)
            assert len(pool._in_hand) > 1, "the worker never became ready"
            jobs = [
                asyncio.ensure_future(pool.asummarize(Article(f"a{i}", text))) for i in range(4)
            ]
            for _ in range(200):
                if pool._sent:
                    break
                await asyncio.sleep(0.01)
            assert pool._sent, "no article went to the worker"
            pool._processes[0].kill()
            # Bounded: without the pool noticing, the worker's articles would never end.
            return [early, *await asyncio.wait_for(asyncio.gather(*jobs), 120)]
        finally:
            await pool.aclose()

    with caplog.at_level("WARNING", logger="summarizer._run.workers"):
        records = asyncio.run(run())
    ids = [r.source.id for r in records]  # type: ignore[attr-defined]
    assert ids == ["early", "a0", "a1", "a2", "a3"]
    assert "worker process 0 exited" in caplog.text


def test_a_worker_leaves_ctrl_c_to_the_command(
    fixtures_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A terminal's Ctrl-C reaches the workers too: they ignore it, so none prints a
    traceback, and the command stops them and prints its one line."""
    import summarizer._backends.build as backends
    from summarizer._read.article import Article
    from summarizer._run.workers import WorkerPool
    from summarizer._settings import Settings

    monkeypatch.setattr(backends, "ALLOW_MODEL_REQUESTS", True)  # the loopback stub only
    text = (fixtures_dir / "articles" / "002_39b5d57e1b64ae26.txt").read_text(encoding="utf-8")
    settings = Settings(backend="openai", base_url=_start_stub(0.0), model="m")

    def ignores_sigint(pid: int) -> bool:
        status = Path(f"/proc/{pid}/status")
        if not status.exists():
            pytest.skip("no /proc here to read a process's signal dispositions from")
        mask = next(line for line in status.read_text().splitlines() if line.startswith("SigIgn"))
        return bool(int(mask.split()[1], 16) & (1 << (signal.SIGINT - 1)))

    async def run() -> tuple[bool, list[str]]:
        pool = WorkerPool(settings, 2)
        try:
            await pool.asummarize(Article("early", text))  # starts the reader
            for _ in range(1200):
                if len(pool._in_hand) > 1:
                    break
                await asyncio.sleep(0.05)
            assert len(pool._in_hand) > 1, "the worker never became ready"
            ignored = ignores_sigint(pool._processes[0].pid or 0)
            os.kill(pool._processes[0].pid or 0, signal.SIGINT)
            records = [pool.asummarize(Article(f"a{i}", text)) for i in range(3)]
            return ignored, [r.source.id for r in await asyncio.gather(*records)]
        finally:
            await pool.aclose()

    assert asyncio.run(run()) == (True, ["a0", "a1", "a2"])


def test_workers_are_forked_only_when_no_event_loop_or_other_thread_runs() -> None:
    import subprocess

    from summarizer._run.workers import _process_context

    async def inside_a_loop() -> str:
        return _process_context().get_start_method()

    assert asyncio.run(inside_a_loop()) == "spawn"
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert _process_context().get_start_method() == "spawn"
    finally:
        stop.set()
        other.join()
    # A fresh interpreter, as the command is: nothing else runs yet.
    probe = (
        "from summarizer._run.workers import _process_context as c; print(c().get_start_method())"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == ("fork" if sys.platform == "linux" else "spawn")


@contextlib.contextmanager
def _stub_process(latency: float = 0.0) -> Iterator[str]:
    """The loopback stub in a process of its own: its base URL. Skips where loopback is
    down (a network namespace made without `ip link set lo up`), as the others do."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, str(ROOT / "bench" / "stub_server.py"), "--port", str(port)]
    with subprocess.Popen(
        [*command, "--latency", str(latency)], stdout=subprocess.PIPE, text=True
    ) as stub:
        try:
            assert stub.stdout is not None and "stub OpenAI server" in stub.stdout.readline()
            try:
                socket.create_connection(("127.0.0.1", port), timeout=5).close()
            except OSError as error:
                pytest.skip(f"loopback unreachable here: {error}")
            yield f"http://127.0.0.1:{port}/v1"
        finally:
            stub.terminate()


def test_the_command_with_forked_workers_gives_the_records_of_one_process(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    """The command as users run it: its own process, so its workers are forked (Linux)."""
    with _stub_process() as url:
        common = [
            "--backend", "openai", "--base-url", url, "--model", "m",
            "--no-cache", "-q", "--concurrency", "8", str(fixtures_dir / "articles"),
        ]  # fmt: skip
        for workers in ("1", "2"):
            done = subprocess.run(
                [sys.executable, "-m", "summarizer", *common, "--workers", workers,
                 "-o", str(tmp_path / f"{workers}.jsonl")],
                capture_output=True, text=True, cwd=ROOT, timeout=300,
            )  # fmt: skip
            assert done.returncode == 0, done.stderr
            assert done.stderr == ""

    def facts(path: Path) -> list[dict[str, object]]:
        return [
            {k: v for k, v in json.loads(line).items() if k != "meta"}
            for line in path.read_text().splitlines()
        ]

    one, two = facts(tmp_path / "1.jsonl"), facts(tmp_path / "2.jsonl")
    assert len(one) == len(list((fixtures_dir / "articles").glob("*.txt")))
    assert two == one


def _interruptible() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_with_workers_prints_one_line_and_resume_gives_the_whole_runs_lines(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    """Ctrl-C as a terminal sends it, to the whole process group, workers included."""
    articles = tmp_path / "articles"
    articles.mkdir()
    for source in sorted((fixtures_dir / "articles").glob("*.txt")):
        for copy in ("a", "b", "c"):  # the b and c copies are duplicates by content
            shutil.copy(source, articles / f"{copy}_{source.name}")
    whole, cut = tmp_path / "whole.jsonl", tmp_path / "cut.jsonl"
    with _stub_process(latency=0.1) as url:
        common = [
            sys.executable, "-m", "summarizer", str(articles), "--backend", "openai",
            "--base-url", url, "--model", "m", "--no-cache", "-q",
            "--workers", "2", "--concurrency", "4",
        ]  # fmt: skip
        done = subprocess.run(
            [*common, "-o", str(whole)], capture_output=True, text=True, cwd=ROOT, timeout=300
        )
        assert done.returncode == 0, done.stderr
        with subprocess.Popen(
            [*common, "-o", str(cut)],
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            start_new_session=True,  # its own process group, as a terminal's job is
            # Ctrl-C's default action, as in a terminal: a job a non-interactive shell put
            # in the background (`cmd &`, as some CI runners do) inherits SIGINT ignored,
            # and Python then never raises KeyboardInterrupt.
            preexec_fn=_interruptible,
        ) as run:
            for _ in range(600):  # until the first records are written
                if cut.exists() and len(cut.read_text().splitlines()) >= 2:
                    break
                time.sleep(0.05)
            os.killpg(run.pid, signal.SIGINT)
            _, stderr = run.communicate(timeout=60)
        assert run.returncode == 130
        assert stderr.splitlines() == [
            "summarize: error: interrupted; records written so far are complete"
        ]
        written = len(cut.read_text().splitlines())
        assert 2 <= written < 3 * 8, "the interrupt came too late to test anything"
        resumed = subprocess.run(
            [*common, "-o", str(cut), "--resume"], capture_output=True, text=True, cwd=ROOT,
            timeout=300,
        )  # fmt: skip
        assert resumed.returncode == 0, resumed.stderr

    def lines(path: Path) -> list[tuple[str, str]]:
        records = [json.loads(line) for line in path.read_text().splitlines()]
        return sorted((r["source"]["id"], r["source"]["content_hash"]) for r in records)

    assert lines(cut) == lines(whole)
    assert len(lines(whole)) == 3 * 8
