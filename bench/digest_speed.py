"""How fast `summarize digest` is over the 2,225 BBC records, and how it scales.

    flock /tmp/model.lock python bench/digest_speed.py

1. Records for the whole BBC corpus, made without a model: the corpus goes through the
   loopback stub server (`summarize --backend openai --base-url <stub> --model stub
   --no-cache`), which answers every section with names, countries and figures taken
   from the request. Kept in bench/.records/bbc-stub.jsonl (git-ignored) for later runs.
2. `summarize digest` over them in each format: wall and CPU seconds, peak RSS, with the
   command's start-up (imports) measured apart on a one-record digest.
3. The digest built in-process over the records copied 1, 4 and 9 times (each copy a
   different article with the same names, so blocks grow with the batch): seconds per
   1,000 records should stay flat if nothing is quadratic.
"""

from __future__ import annotations

import argparse
import platform
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import ROOT, StubThread, corpus, run_timed, summarize_command

from summarizer._digest import DigestBuilder, DigestRecord, read_records

RECORDS = ROOT / "bench" / ".records" / "bbc-stub.jsonl"


def make_records(path: Path) -> None:
    stub = StubThread(0.0)
    with tempfile.TemporaryDirectory() as directory:
        links = Path(directory) / "articles"  # keeps the command line short
        links.mkdir()
        for file in corpus():
            (links / file.name).symlink_to(file)
        path.parent.mkdir(parents=True, exist_ok=True)
        timed = run_timed(
            summarize_command(
                "--backend", "openai", "--base-url", stub.url, "--model", "stub",
                "--no-cache", "--concurrency", "64", "-q", "-o", str(path), str(links),
            )
        )  # fmt: skip
    print(f"Records made through the stub in {timed.wall:.0f} s (exit {timed.returncode})\n")


def time_command(records: Path) -> None:
    print("| format | records | wall s | CPU s | peak RSS MB |")
    print("|---|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as directory:
        one = Path(directory) / "one.jsonl"
        one.write_text(records.open(encoding="utf-8").readline(), encoding="utf-8")
        count = sum(1 for line in records.open(encoding="utf-8") if line.strip())
        for label, source, output_format in [
            ("start-up (json, one record)", one, "json"),
            ("json", records, "json"),
            ("markdown", records, "markdown"),
            ("html", records, "html"),
        ]:
            out = Path(directory) / f"digest.{output_format}"
            command = ["digest", str(source), "--format", output_format, "-o", str(out), "-q"]
            timed = run_timed(summarize_command(*command))
            size = 1 if source == one else count
            print(
                f"| {label} | {size} | {timed.wall:.2f} | {timed.cpu:.2f} | "
                f"{timed.peak_rss_mb:.0f} |",
                flush=True,
            )


def scaling(records: Path) -> None:
    base = [r.model_dump() for r in read_records([str(records)])]
    print("\n| copies | records | build s | s per 1,000 records | entities | links |")
    print("|---:|---:|---:|---:|---:|---:|")
    for copies in (1, 4, 9):
        batch = [_copy(r, n) for n in range(copies) for r in base]
        started = time.perf_counter()
        builder = DigestBuilder()
        for data in batch:
            builder.add(DigestRecord.model_validate(data))
        digest = builder.build()
        elapsed = time.perf_counter() - started
        print(
            f"| {copies} | {len(batch)} | {elapsed:.2f} | {1000 * elapsed / len(batch):.3f} | "
            f"{len(digest.entities)} | {len(digest.links)} |",
            flush=True,
        )


def _copy(record: dict[str, Any], number: int) -> dict[str, Any]:
    """The record as another article's: its own id and content hash, the same names."""
    if number == 0:
        return record
    source = record["source"]
    copied = {
        "id": f"{source['id']}-copy{number}",
        "content_hash": f"copy{number}-{source['content_hash']}",
    }
    return {**record, "source": {**source, **copied}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=Path, default=RECORDS)
    options = parser.parse_args()
    print(f"Machine: {platform.machine()}, Python {platform.python_version()}\n")
    if not options.records.exists():
        make_records(options.records)
    time_command(options.records)
    scaling(options.records)


if __name__ == "__main__":
    main()
