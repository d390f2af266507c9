"""Fault injection: a batch against a stub that fails often, and nothing lost or doubled.

    python bench/faults.py                 # 200 articles
    python bench/faults.py --articles 500 --stall 5

The stub serves about 10% 429s (Retry-After 0.2 s), 5% 500s, 5% answers that are not
JSON, 3% answers cut at max_tokens and 3% stalls. Every article must end up exactly once,
in the output or in the errors file, and the output must be valid JSONL.
"""

from __future__ import annotations

import argparse
import collections
import json
import platform
import tempfile
from pathlib import Path

from _common import StubThread, corpus, run_timed, summarize_command
from stub_server import Faults


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--stall", type=float, default=10.0, help="seconds a stalled answer takes")
    parser.add_argument("--concurrency", type=int, default=64)
    options = parser.parse_args()
    faults = Faults(0.10, 0.05, 0.05, 0.03, 0.03, stall_seconds=options.stall)
    stub = StubThread(options.latency, faults)
    files = corpus(options.articles)
    with tempfile.TemporaryDirectory() as directory:
        out = Path(directory) / "out.jsonl"
        timed = run_timed(
            summarize_command(
                "--backend", "openai", "--base-url", stub.url, "--model", "m", "--no-cache",
                "--concurrency", str(options.concurrency), "-q", "-o", str(out),
                *map(str, files),
            )
        )  # fmt: skip
        lines = out.read_text(encoding="utf-8").splitlines()
        written = [json.loads(line)["source"]["id"] for line in lines]  # raises if not JSONL
        errors_path = Path(f"{out}.errors.jsonl")
        failed = [json.loads(line) for line in errors_path.read_text().splitlines()]
    expected = {path.stem for path in files}
    ended = collections.Counter(written + [f["article"] for f in failed])
    print(f"Machine: {platform.machine()}, Python {platform.python_version()}")
    print(f"{len(files)} articles, concurrency {options.concurrency}, exit {timed.returncode}, "
          f"{timed.wall:.1f} s\n")  # fmt: skip
    print("| stub served | requests |")
    print("|---|---:|")
    for kind, count in sorted(stub.stub.served.items()):
        print(f"| {kind} | {count} |")
    print(f"\n- records: {len(written)}, errors: {len(failed)}")
    print(f"- every article exactly once: {set(ended) == expected and max(ended.values()) == 1}")
    print(f"- lost: {len(expected - set(ended))}, duplicated: "
          f"{sum(1 for c in ended.values() if c > 1)}")  # fmt: skip
    reasons = collections.Counter(f["error"].split(": ", 1)[-1][:70] for f in failed)
    for reason, count in reasons.most_common():
        print(f"- failed {count}x: {reason}")


if __name__ == "__main__":
    main()
