"""API keys never reach logs, error messages, records, recordings or the cache."""

from __future__ import annotations

import logging
import socket
from pathlib import Path

import pytest

from summarizer import Settings, Summarizer, SummarizerError
from summarizer._backends.transports import RetryPolicy
from summarizer._cli.main import main

KEY = "sk-test-secret-0123456789"


async def _no_wait(seconds: float) -> None:
    return None


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # closed again when the block ends


def test_an_unreachable_server_fails_without_showing_the_key(
    article_002: str,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import summarizer._backends.build as backends

    monkeypatch.setattr(backends, "ALLOW_MODEL_REQUESTS", True)  # loopback only
    settings = Settings(
        backend="openai",
        base_url=f"http://127.0.0.1:{_closed_port()}/v1",
        api_key=KEY,
        model="m",
        response_cache=tmp_path / "cache",
        retry=RetryPolicy(attempts=2, sleep=_no_wait),
    )
    caplog.set_level(logging.DEBUG)
    with pytest.raises(SummarizerError) as failure, Summarizer(settings) as summarizer:
        summarizer.summarize(article_002, sections=["people"])
    assert KEY not in str(failure.value)
    assert KEY not in repr(settings)
    assert KEY not in caplog.text
    assert not any(KEY.encode() in p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())


def test_the_command_line_never_prints_the_key(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    fixtures_dir: Path,
) -> None:
    import summarizer._backends.build as backends

    monkeypatch.setattr(backends, "ALLOW_MODEL_REQUESTS", True)
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{_closed_port()}/v1")
    article = fixtures_dir / "articles" / "013_very_short.txt"
    out = tmp_path / "out.jsonl"
    code = main(
        [str(article), "--model", "m", "--cache-dir", str(tmp_path / "cache"), "-v", "-o", str(out)]
    )
    captured = capsys.readouterr()
    assert code == 1
    assert KEY not in captured.out + captured.err
    errors = tmp_path / "out.jsonl.errors.jsonl"
    assert errors.exists() and KEY not in errors.read_text(encoding="utf-8")
