"""Fault injection: a batch against a stub that fails often, and nothing lost or doubled.

    python bench/faults.py                 # 200 articles
    python bench/faults.py --articles 500 --stall 5

The stub serves about 10% 429s (Retry-After 0.2 s), 5% 500s, 5% answers that are not
JSON, 3% answers cut at max_tokens and 3% stalls. Every article must end up exactly once
in the output (complete, or partial with its failed sections in ``meta.failed``) or in
the errors file, and the output must be valid JSONL. Then ``--resume`` against a healthy
stub must complete every partial record, asking only for the sections that failed.
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
        command = summarize_command(
            "--backend", "openai", "--base-url", stub.url, "--model", "m", "--no-cache",
            "--concurrency", str(options.concurrency), "-q", "-o", str(out), *map(str, files),
        )  # fmt: skip
        timed = run_timed(command)
        records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        errors_path = Path(f"{out}.errors.jsonl")
        failed = [json.loads(line) for line in errors_path.read_text().splitlines()]
        healthy = StubThread(options.latency)
        resumed_command = [part if part != stub.url else healthy.url for part in command]
        resumed = run_timed([*resumed_command, "--resume"])
        final = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    written = [r["source"]["id"] for r in records]
    partial = [r for r in records if r["meta"]["failed"]]
    lost = [f for f in failed if "sections" not in f]  # no record at all
    expected = {path.stem for path in files}
    ended = collections.Counter(written + [f["article"] for f in lost])
    print(f"Machine: {platform.machine()}, Python {platform.python_version()}")
    print(f"{len(files)} articles, concurrency {options.concurrency}, exit {timed.returncode}, "
          f"{timed.wall:.1f} s\n")  # fmt: skip
    print("| stub served | requests |")
    print("|---|---:|")
    for kind, count in sorted(stub.stub.served.items()):
        print(f"| {kind} | {count} |")
    print(f"\n- records: {len(written)} ({len(partial)} partial), articles without a record: "
          f"{len(lost)}")  # fmt: skip
    print(f"- every article exactly once: {set(ended) == expected and max(ended.values()) == 1}")
    print(f"- lost: {len(expected - set(ended))}, duplicated: "
          f"{sum(1 for c in ended.values() if c > 1)}")  # fmt: skip
    sections = collections.Counter(f["section"] for r in partial for f in r["meta"]["failed"])
    reasons = collections.Counter(
        f"{f['section']}: {f['reason'][:60]}" for r in partial for f in r["meta"]["failed"]
    )
    reasons.update(f["error"].split(": ", 1)[-1][:70] for f in lost)
    for reason, count in reasons.most_common():
        print(f"- failed {count}x: {reason}")
    redo = {(r["source"]["id"], f["section"]) for r in partial for f in r["meta"]["failed"]}
    partial_ids = {r["source"]["id"] for r in partial}
    for_partial = [(a, s) for a, s in healthy.stub.asked if a.split(".part")[0] in partial_ids]
    print(f"\nResumed against a healthy stub: exit {resumed.returncode}, {resumed.wall:.1f} s")
    one_each = sorted(r["source"]["id"] for r in final) == sorted(expected)
    left = sum(1 for r in final if r["meta"]["failed"])
    print(f"- lines: {len(final)}, one per article: {one_each}, partial left: {left}")
    print(
        f"- failed sections redone: {dict(sections)}; requests for the partial records: "
        f"{len(for_partial)}, of them for a section that had not failed: "
        f"{sum(1 for a, s in for_partial if (a.split('.part')[0], s) not in redo)}"
    )
    print(
        f"- requests for the {len(lost)} articles without a record: "
        f"{len(healthy.stub.asked) - len(for_partial)}"
    )


if __name__ == "__main__":
    main()
