"""Our own overhead and memory over the whole BBC corpus, with the replay backend.

    python bench/overhead.py                 # all 2,225 articles
    python bench/overhead.py --articles 300

1. Records every article once through the loopback stub (no latency) into a temporary
   recordings directory, so the replay backend has an answer for every request.
2. Replays the corpus with `summarize --backend replay`: articles per second and the CPU
   milliseconds per article, which is all our own stack (templates, openai, instructor,
   verification, records), since replay answers from disk.
3. Peak RSS of the full batch against a batch a tenth of its size: records are written
   as they finish, not held, so the two should be close.
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import tempfile
from pathlib import Path

from _common import StubThread, corpus, records, run_timed, summarize_command

from summarizer import Settings, Summarizer
from summarizer._cli.main import configure_logging
from summarizer._read.inputs import expand_inputs
from summarizer._run.batch import run_batch

TYPICAL_MODEL_SECONDS = {"embedded 0.5B model": 90.0, "a remote model (7 calls of 2 s)": 14.0}


async def record_corpus(files: list[Path], recordings: Path, url: str) -> int:
    settings = Settings(
        backend="openai", base_url=url, model="m", record=True, recordings_dir=recordings,
        concurrency=64,
    )  # fmt: skip
    async with Summarizer(settings) as summarizer:
        stats = await run_batch(
            summarizer,
            expand_inputs([str(f) for f in files]),
            on_record=lambda record, article: None,
            on_failure=lambda f: print(f"recording failed: {f.article}: {f.reason}"),
            concurrency=64,
        )
    return stats.summarised


def main() -> None:
    configure_logging(verbose=False)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=None)
    options = parser.parse_args()
    files = corpus(options.articles)
    stub = StubThread(0.0)
    with tempfile.TemporaryDirectory() as directory:
        recordings = Path(directory) / "recordings"
        recorded = asyncio.run(record_corpus(files, recordings, stub.url))
        print(f"Machine: {platform.machine()}, Python {platform.python_version()}")
        print(f"{recorded} of {len(files)} articles recorded through the stub\n")
        print("| replayed articles | wall s | articles/s | CPU ms/article | peak RSS MB |")
        print("|---:|---:|---:|---:|---:|")
        results = {}
        for subset in (files[: max(1, len(files) // 10)], files):
            out = Path(directory) / f"out-{len(subset)}.jsonl"
            # A directory of links keeps the command line short for thousands of files.
            links = Path(directory) / f"articles-{len(subset)}"
            links.mkdir()
            for path in subset:
                (links / path.name).symlink_to(path)
            timed = run_timed(
                summarize_command(
                    "--backend", "replay", "--model", "m", "--recordings-dir", str(recordings),
                    "-q", "-o", str(out), str(links),
                )
            )  # fmt: skip
            done = len(records(out)) if out.exists() else 0
            results[len(subset)] = timed
            print(
                f"| {done} | {timed.wall:.1f} | {done / timed.wall:.1f} "
                f"| {1000 * timed.cpu / max(done, 1):.1f} | {timed.peak_rss_mb:.0f} |",
                flush=True,
            )
        tenth = max(1, len(files) // 10)
        small, large = results[tenth], results[len(files)]
        # Per article without start-up: the difference of the two runs.
        per_article_ms = 1000 * (large.cpu - small.cpu) / max(len(files) - tenth, 1)
        print(f"\nCPU per article, start-up excluded: {per_article_ms:.1f} ms")
        print(f"Peak RSS, full batch / a tenth of it: {large.peak_rss_mb / small.peak_rss_mb:.2f}")
        for name, seconds in TYPICAL_MODEL_SECONDS.items():
            share = per_article_ms / (1000 * seconds)
            print(f"Our CPU per article against {name}: {100 * share:.2f}%")


if __name__ == "__main__":
    main()
