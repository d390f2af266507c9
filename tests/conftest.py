"""Test-suite guards: no live model, no network. Tests that need a model opt in (`-m live`)."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

import summarizer._backends.build as backends

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--refresh-fixtures",
        action="store_true",
        help="re-record stale fixtures with the configured backend before the tests run",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Before anything imports Ray: its nodes on loopback (Ray otherwise names this
    machine by the address of its route outwards), and no usage report sent anywhere."""
    os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")


def pytest_sessionstart(session: pytest.Session) -> None:
    """``pytest --refresh-fixtures``: the same as ``summarize fixtures refresh``, first."""
    if not session.config.getoption("--refresh-fixtures"):
        return
    from summarizer import Settings
    from summarizer._run.fixtures import Fixtures, refresh

    report = refresh(Fixtures(FIXTURES), Settings.from_env())
    for item in report.recorded:
        print(f"re-recorded: {item}")
    if report.failed:
        pytest.exit(f"fixtures refresh failed: {report.failed}", returncode=1)


@pytest.fixture(autouse=True)
def _block_model_requests(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """As pydantic-ai's ALLOW_MODEL_REQUESTS: live backends refuse to be built, and any
    socket connection beyond loopback fails, unless the test is marked ``live``."""
    if request.node.get_closest_marker("live"):
        yield
        return
    monkeypatch.setattr(backends, "ALLOW_MODEL_REQUESTS", False)
    real_connect = socket.socket.connect

    def guarded_connect(self: socket.socket, address: object) -> None:
        host = address[0] if isinstance(address, tuple) else address
        if host not in ("127.0.0.1", "::1", "localhost") and self.family != socket.AF_UNIX:
            raise RuntimeError(f"network access in a test: {address!r}")
        real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    yield


@pytest.fixture
def no_endpoint_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    """No endpoint, key, backend or model from the developer's environment."""
    for name in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "SUMMARIZER_BACKEND", "SUMMARIZER_MODEL"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture
def article_002() -> str:
    return (FIXTURES / "articles" / "002_39b5d57e1b64ae26.txt").read_text(encoding="utf-8")
