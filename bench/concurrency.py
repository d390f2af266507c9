"""Concurrency efficiency against a loopback stub with a fixed latency.

    python bench/concurrency.py                      # 500 articles, 500 ms, concurrency 64
    python bench/concurrency.py --articles 1000 --latency 0.5 --concurrency 16 64 128

For each concurrency: the `summarize` command over the BBC corpus (start-up included),
its wall time against the ideal (requests x latency / concurrency), and whether the output
has exactly one valid record per article. Then, at the same latency over a few articles,
a plain sequential instructor loop over the same templates, as the anchor to beat.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import platform
import tempfile
import time
import warnings
from pathlib import Path

import instructor
import openai
from _common import StubThread, corpus, records, run_timed, summarize_command

from summarizer._read.article import read_article
from summarizer._templates import load_templates
from summarizer.sections import SectionContext, Sections


def ours(stub: StubThread, files: list[Path], concurrency: int, latency: float) -> None:
    with tempfile.TemporaryDirectory() as directory:
        out = Path(directory) / "out.jsonl"
        before, stub.stub.first_request = stub.stub.requests, None
        started = time.perf_counter()
        timed = run_timed(
            summarize_command(
                "--backend", "openai", "--base-url", stub.url, "--model", "m", "--no-cache",
                "--concurrency", str(concurrency), "-q", "-o", str(out), *map(str, files),
            )
        )  # fmt: skip
        written = records(out) if out.exists() else []
        # Counted where they arrive: a duplicate article's record repeats its original's meta.
        requests = stub.stub.requests - before
        ideal = requests * latency / concurrency
        first = (stub.stub.first_request or started) - started
        ids = {r["source"]["id"] for r in written}
        print(
            f"| ours | {concurrency} | {len(files)} | {len(written)} ({len(ids)} distinct) "
            f"| {requests} | {ideal:.1f} | {timed.wall:.1f} | {ideal / timed.wall:.2f} "
            f"| {first:.1f} | {ideal / (timed.wall - first):.2f} "
            f"| {1000 * timed.cpu / len(files):.0f} |",
            flush=True,
        )
        if timed.returncode not in (0,):
            print(f"summarize exited {timed.returncode}: {timed.stderr.strip()[-300:]}")


async def plain_loop(stub: StubThread, files: list[Path], latency: float) -> None:
    """The anchor: one request at a time, each template in turn, as a plain loop does."""
    client = instructor.from_openai(
        openai.AsyncOpenAI(base_url=stub.url, api_key="none", max_retries=0),
        mode=instructor.Mode.JSON_SCHEMA,
    )
    templates = load_templates()
    requests = 0
    started = time.perf_counter()
    for path in files:
        article = read_article(str(path))
        context = SectionContext.for_article(article.text)
        for section in Sections().values():
            if not section.needs_call(context):
                continue
            messages = templates[section.name].render(section.calls(context)[0].variables)
            hooks = instructor.hooks.Hooks()

            def count(*_: object) -> None:
                nonlocal requests
                requests += 1

            hooks.on("completion:response", count)
            await client.chat.completions.create(
                model="m",
                messages=messages,  # type: ignore[arg-type]
                response_model=section.output_type(context),
                max_retries=1,
                hooks=hooks,
            )
    wall = time.perf_counter() - started
    ideal = requests * latency
    print(
        f"| plain instructor loop | 1 | {len(files)} | {len(files)} | {requests} | {ideal:.1f} "
        f"| {wall:.1f} | {ideal / wall:.2f} | - | - | - |"
    )
    await client.client.close()  # type: ignore[union-attr]


def langextract_run(stub: StubThread, files: list[Path], workers: int, latency: float) -> None:
    """LangExtract's own concurrency (max_workers) against the same stub, when installed."""
    try:
        import langextract as lx
    except ImportError:
        print("| LangExtract | - | - | - | - | - | - | not installed | - | - | - |")
        return
    logging.getLogger("absl").setLevel(logging.ERROR)
    examples = [
        lx.data.ExampleData(
            text="Roman Chekushov met Eloy Alvarez in Havana.",
            extractions=[
                lx.data.Extraction(extraction_class="person", extraction_text="Roman Chekushov")
            ],
        )
    ]
    documents = [
        lx.data.Document(text=p.read_text(encoding="utf-8"), document_id=p.stem) for p in files
    ]
    before = stub.stub.requests
    started = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        lx.extract(
            text_or_documents=documents, prompt_description="Extract the people named.",
            examples=examples, model_id="gpt-4o-mini", api_key="none", model_url=stub.url,
            max_workers=workers, batch_length=workers, fence_output=False,
            use_schema_constraints=False, show_progress=False,
        )  # fmt: skip
    wall = time.perf_counter() - started
    requests = stub.stub.requests - before
    ideal = requests * latency / workers
    print(
        f"| LangExtract (max_workers) | {workers} | {len(files)} | - | {requests} | {ideal:.1f} "
        f"| {wall:.1f} | {ideal / wall:.2f} | - | - | - |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--latency", type=float, default=0.5)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[64])
    parser.add_argument("--plain-articles", type=int, default=5)
    options = parser.parse_args()
    stub = StubThread(options.latency)
    files = corpus(options.articles)
    print(f"Machine: {platform.machine()}, Python {platform.python_version()}, latency "
          f"{options.latency * 1000:.0f} ms\n")  # fmt: skip
    print("| runner | concurrency | articles | records | requests | ideal s | wall s "
          "| efficiency | first request s | efficiency after it | CPU ms/article |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for concurrency in options.concurrency:
        ours(stub, files, concurrency, options.latency)
    langextract_run(stub, files, max(options.concurrency), options.latency)
    asyncio.run(plain_loop(stub, files[: options.plain_articles], options.latency))


if __name__ == "__main__":
    main()
