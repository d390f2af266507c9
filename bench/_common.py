"""Shared by the benchmarks: the corpus, a stub server in a thread, timing a command."""

from __future__ import annotations

import asyncio
import json
import re
import resource
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "bbc"
sys.path.insert(0, str(ROOT / "bench"))

from stub_server import Faults, Stub, serve  # noqa: E402


def corpus(limit: int | None = None) -> list[Path]:
    files = sorted(CORPUS.glob("*.txt"))
    if not files:
        sys.exit(f"no articles in {CORPUS}")
    return files[:limit] if limit else files


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class StubThread:
    """The stub server on its own event loop in a thread, for the length of a benchmark."""

    def __init__(self, latency: float, faults: Faults | None = None) -> None:
        self.stub = Stub(latency, faults or Faults())
        self.port = free_port()
        started = threading.Event()

        def run() -> None:
            loop = asyncio.new_event_loop()
            ready = asyncio.Event()
            self._server = loop.create_task(serve(self.stub, self.port, ready))

            async def signal() -> None:
                await ready.wait()
                started.set()

            loop.run_until_complete(signal())
            loop.run_forever()

        threading.Thread(target=run, daemon=True).start()
        started.wait(10)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"


@dataclass
class Timed:
    wall: float
    cpu: float
    peak_rss_mb: float
    returncode: int
    stderr: str


def run_timed(command: list[str], **kwargs: Any) -> Timed:
    """Run ``command`` to its end: wall time, and its CPU time and peak RSS (a child's)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False, **kwargs)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    peak = re.findall(r"peak_rss_kb=(\d+)", done.stderr)
    peak_mb = int(peak[-1]) / 1024 if peak else float("nan")
    return Timed(wall, cpu, peak_mb, done.returncode, done.stderr)


def summarize_command(*arguments: str) -> list[str]:
    """The `summarize` command, reporting its own peak RSS (bench/_peak.py)."""
    return [sys.executable, str(ROOT / "bench" / "_peak.py"), *arguments]


def records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
