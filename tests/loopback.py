"""The benchmark's stub OpenAI server (bench/stub_server.py) on loopback, for tests."""

from __future__ import annotations

import asyncio
import socket
import sys
import threading

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from stub_server import Faults, Stub, serve

__all__ = ["Faults", "Stub", "start_stub"]


def start_stub(stub: Stub) -> str:
    """Serve ``stub`` on its own event loop in a thread; its base URL. Skips the test
    where loopback is down (a network namespace without ``lo``)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    ready = threading.Event()

    def run() -> None:
        loop = asyncio.new_event_loop()
        started = asyncio.Event()
        server = loop.create_task(serve(stub, port, started))
        loop.run_until_complete(started.wait())
        assert not server.done()
        ready.set()
        loop.run_forever()

    threading.Thread(target=run, daemon=True).start()
    assert ready.wait(10)
    try:
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
    except OSError as error:
        pytest.skip(f"loopback unreachable here: {error}")
    return f"http://127.0.0.1:{port}/v1"
