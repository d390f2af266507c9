"""The ``summarize`` command: parse arguments, call the library, print.

Expected failures become one line on stderr and an exit code, never a traceback:

    0  every article summarised
    1  some article failed (the others are still printed)
    2  usage error: bad options, or no article could be read at all
    3  configuration error: backend, model files, templates
  130  interrupted (Ctrl-C); the records written so far are complete
  141  the reader of standard output went away (`| head`)
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import sys
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from summarizer._backends.cache import default_response_cache
from summarizer._console import (
    EXIT_BROKEN_PIPE,
    EXIT_CONFIG,
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_USAGE,
    configure_logging,
    fail,
    run_exit_code,
)
from summarizer._errors import ConfigurationError, InputError, TemplateError
from summarizer._read.article import Article
from summarizer._read.inputs import count_inputs, expand_inputs
from summarizer._records import ArticleSummary
from summarizer._reports import FORMATS, ReportWriter, csv_sections, open_report
from summarizer._run.batch import Failure, Progress, RunStats, run_batch
from summarizer._run.resume import Resumed
from summarizer._run.summarizer import Summarizer
from summarizer._run.workers import WorkerPool
from summarizer._settings import BACKENDS, Settings
from summarizer.sections import SECTION_NAMES, Sections


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="summarize",
        description="Structured, grounded summaries of news articles.",
        epilog=(
            "Subcommands: summarize fixtures check|refresh (see `summarize fixtures -h`); "
            "summarize eval GOLD [ARTICLES] (see `summarize eval -h`); "
            "summarize digest RECORDS... (see `summarize digest -h`)."
        ),
    )
    parser.add_argument(
        "articles",
        nargs="+",
        metavar="ARTICLE",
        help="files, directories (*.txt, *.md, *.html inside), globs, JSONL files, - for stdin",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="json for one article, jsonl for several (the defaults); markdown briefs; "
        "csv rows of one --section; html: one self-contained evidence view",
    )
    parser.add_argument(
        "--section",
        help="with --format csv: the section whose facts are the rows "
        f"({'|'.join(csv_sections(Sections()))}, or one of your own)",
    )
    parser.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    parser.add_argument(
        "--resume",
        action="store_true",
        help="with -o: continue it: articles already in it are skipped (matched by id and "
        "content hash), partial records get their failed sections asked again",
    )
    parser.add_argument(
        "--errors", type=Path, help="failures as JSONL (default with -o: OUTPUT.errors.jsonl)"
    )
    parser.add_argument(
        "--concurrency", type=int, help="model calls in flight (default: 1 local, 16 HTTP)"
    )
    parser.add_argument(
        "--workers",
        type=int,
        help="processes summarising for an HTTP backend, this one included (default: one "
        "per core, up to 4, at --concurrency 32 or more; else 1)",
    )
    parser.add_argument(
        "--unordered", action="store_true", help="write records as they finish, not in input order"
    )
    parser.add_argument(
        "--cache-dir",
        type=Path,
        help="response cache (default: $SUMMARIZER_CACHE_DIR, ~/.cache/news-summarizer/responses)",
    )
    parser.add_argument("--no-cache", action="store_true", help="always ask the model")
    parser.add_argument(
        "--prices",
        type=Path,
        help='JSON price table for meta.cost_usd: {"MODEL": {"prompt": USD, "completion": USD}} '
        "per million tokens",
    )
    parser.add_argument(
        "--languages",
        default="en",
        help="comma-separated ISO 639-1 codes to summarise, or * for any (default: en)",
    )
    parser.add_argument("--text-field", default="text", help="JSONL inputs: the article's key")
    parser.add_argument("--id-field", default="id", help="JSONL inputs: the id's key")
    parser.add_argument(
        "--backend",
        choices=BACKENDS,
        help="default: openai when OPENAI_BASE_URL or OPENAI_API_KEY is set, else local",
    )
    parser.add_argument("--model", help="model name (openai) or embedded model (local)")
    parser.add_argument(
        "--base-url",
        action="append",
        help="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1; several (repeated "
        "or comma-separated) serving one model share the articles",
    )
    parser.add_argument("--model-path", type=Path, help="a GGUF file for the local backend")
    parser.add_argument(
        "--max-reasks",
        type=int,
        metavar="N",
        help="re-asks after an invalid answer, per section (default: none for the embedded "
        "0.5B model, which repeats its faults; 2 otherwise, and for a digest's overview)",
    )
    parser.add_argument(
        "--templates",
        help=f"comma-separated sections to fill ({','.join(SECTION_NAMES)}, and your own)",
    )
    parser.add_argument(
        "--prompts-dir", type=Path, help="prompt templates to use instead of the shipped ones"
    )
    parser.add_argument(
        "--sections",
        type=Path,
        dest="sections_dir",
        metavar="DIR",
        help="your own sections: a directory of section files (*.toml, JSON Schema *.json); "
        "their items go under extra.NAME (default: $SUMMARIZER_SECTIONS_DIR)",
    )
    parser.add_argument("--recordings-dir", type=Path, help="recordings for --backend replay")
    parser.add_argument(
        "--engine",
        choices=("local", "ray"),
        default="local",
        help="ray: actors on a Ray cluster write JSONL shards into the -o directory",
    )
    parser.add_argument("--ray-address", help="--engine ray: the cluster (default: $RAY_ADDRESS)")
    parser.add_argument("--actors", type=int, help="--engine ray: actors (default: one per CPU)")
    parser.add_argument(
        "--article-timeout",
        type=float,
        default=900.0,
        help="--engine ray: seconds one article may take before it is an error (default 900)",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress, no run summary")
    parser.add_argument("-v", "--verbose", action="store_true", help="logs on stderr")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    code = _command(list(sys.argv[1:] if argv is None else argv))
    if argv is None:
        # The process ends next. Its last garbage collection would walk every object the
        # run built (openai's types, pydantic's schemas): most of a second of tearing
        # down after the work is done. Frozen objects are left to the operating system.
        gc.freeze()
    return code


def _command(arguments: list[str]) -> int:
    if arguments[:1] == ["fixtures"]:
        from summarizer._cli.fixtures import fixtures_main

        return fixtures_main(arguments[1:])
    if arguments[:1] == ["eval"]:
        from summarizer._cli.eval import eval_main

        return eval_main(arguments[1:])
    if arguments[:1] == ["digest"]:
        from summarizer._cli.digest import digest_main

        return digest_main(arguments[1:])
    options = build_parser().parse_args(arguments)
    configure_logging(verbose=options.verbose)
    if options.resume and options.output is None:
        return fail("--resume needs -o/--output: the records it continues", EXIT_USAGE)
    if options.concurrency is not None and options.concurrency < 1:
        return fail("--concurrency must be at least 1", EXIT_USAGE)
    if options.max_reasks is not None and options.max_reasks < 0:
        return fail("--max-reasks must be 0 or more", EXIT_USAGE)
    if options.engine == "local" and (options.actors is not None or options.ray_address):
        return fail("--actors and --ray-address are for --engine ray", EXIT_USAGE)
    # Usage errors before the backend is built: loading a local model takes a while.
    single = len(options.articles) == 1 and _is_single_article(options.articles[0])
    output_format = options.format or ("json" if single and not options.resume else "jsonl")
    if options.resume and output_format != "jsonl":
        return fail("--resume continues JSONL output only (--format jsonl)", EXIT_USAGE)
    if output_format == "csv" and options.section is None:
        return fail(
            "--format csv needs --section (the facts to list: people, figures, ...)", EXIT_USAGE
        )
    if options.section is not None and output_format != "csv":
        return fail("--section applies to --format csv only", EXIT_USAGE)
    try:
        prices = _prices(options.prices) if options.prices else None
    except InputError as error:
        return fail(str(error), EXIT_USAGE)
    try:
        settings = replace(
            _settings(options),
            response_cache=None
            if options.no_cache
            else options.cache_dir or default_response_cache(),
            prices=prices,
            languages=tuple(c.strip() for c in options.languages.split(",") if c.strip()),
        )
        summarizer = Summarizer(settings)
    except (ConfigurationError, TemplateError) as error:
        return fail(str(error), EXIT_CONFIG)
    listed = csv_sections(summarizer.registry)
    if options.section is not None and options.section not in listed:
        return fail(f"--section {options.section}: choose from {', '.join(listed)}", EXIT_USAGE)
    if options.engine == "ray":
        from summarizer._cli.on_ray import ray_main

        return ray_main(options, settings)
    try:
        resume = Resumed.read(options.output) if options.resume else None
        # Before the event loop starts, so that workers can be forked (see _workers).
        workers = _workers(options, settings)
        pool = WorkerPool(settings, workers) if workers > 1 else None
        stats = asyncio.run(_run(summarizer, pool, settings, options, output_format, resume))
    except KeyboardInterrupt:
        return fail("interrupted; records written so far are complete", EXIT_INTERRUPTED)
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except OSError as error:
        return fail(f"{error.filename or options.output}: {error.strerror}", EXIT_USAGE)
    return run_exit_code(stats)


def _settings(options: argparse.Namespace) -> Settings:
    sections = None
    if options.templates:
        sections = tuple(s.strip() for s in options.templates.split(",") if s.strip())
    urls = [url.strip() for given in options.base_url or [] for url in given.split(",")]
    urls = [url for url in urls if url]
    return Settings.from_env(
        backend=options.backend,
        model=options.model,
        base_url=urls[0] if urls else None,
        base_urls=tuple(urls[1:]),
        model_path=options.model_path,
        sections=sections,
        prompts_dir=options.prompts_dir,
        recordings_dir=options.recordings_dir,
        concurrency=options.concurrency,
        sections_dir=options.sections_dir,
        max_reasks=options.max_reasks,
    )


def _workers(options: argparse.Namespace, settings: Settings) -> int:
    """Processes summarising, this one included: as asked; by default one per core (up
    to four) for an HTTP backend at high concurrency, where our own CPU work would
    otherwise set the pace."""
    if settings.backend not in ("openai",):
        return 1  # the in-process model is one CPU-bound model; replay is cheap
    if options.workers is not None:
        return max(1, int(options.workers))
    if settings.effective_concurrency >= 32:
        return max(1, min(os.cpu_count() or 1, 4))
    return 1


def _prices(path: Path) -> dict[str, tuple[float, float]]:
    try:
        table = json.loads(path.read_text(encoding="utf-8"))
        return {
            str(model): (float(price["prompt"]), float(price["completion"]))
            for model, price in table.items()
        }
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror})") from None
    except (ValueError, TypeError, KeyError, AttributeError):
        raise InputError(
            f'{path}: not a price table ({{"MODEL": {{"prompt": USD, "completion": USD}}}})'
        ) from None


def _is_single_article(location: str) -> bool:
    path = Path(location)
    return location == "-" or (path.is_file() and path.suffix.lower() != ".jsonl")


async def _run(
    summarizer: Summarizer,
    pool: WorkerPool | None,
    settings: Settings,
    options: argparse.Namespace,
    output_format: str,
    resume: Resumed | None,
) -> RunStats:
    output: Path | None = options.output
    errors_path: Path | None = options.errors
    if errors_path is None and output is not None:
        errors_path = output.with_name(output.name + ".errors.jsonl")
    mode = "a" if options.resume else "w"
    with ExitStack() as stack:
        if resume is not None:
            # Last, once the output is closed: partial lines whose completed records are
            # written go, Ctrl-C included.
            stack.callback(resume.compact)
        out: TextIO = sys.stdout
        if output is not None:
            # newline="": the csv module writes its own line ends.
            newline = "" if output_format == "csv" else None
            file = (
                output.open("a", encoding="utf-8", newline=newline)
                if options.resume
                else output.open("w", encoding="utf-8", newline=newline)
            )
            out = stack.enter_context(file)
        report: ReportWriter = open_report(
            output_format, out, section=options.section, sections=summarizer.registry
        )
        # Closed even on Ctrl-C: an HTML report of the articles done so far is still whole.
        stack.callback(report.close)
        errors = (
            stack.enter_context(errors_path.open(mode, encoding="utf-8")) if errors_path else None
        )

        def note_error(article: str, path: str | None, reason: str, **more: object) -> None:
            fail(f"{path or article}: {reason}", EXIT_FAILED)
            if errors is not None:
                line = {"article": article, "path": path, "error": reason, **more}
                errors.write(json.dumps(line, ensure_ascii=False) + "\n")
                errors.flush()

        def on_record(record: ArticleSummary, article: Article) -> None:
            report.add(record, article.text)
            if not record.complete:  # written, and still an error: --resume redoes it
                failed = record.meta.failed
                reason = "; ".join(f"section {f.section!r} failed: {f.reason}" for f in failed)
                sections = [f.section for f in failed]
                note_error(article.id, article.path, reason, sections=sections)

        def on_failure(failure: Failure) -> None:
            note_error(failure.article, failure.path, failure.reason)
            report.fail(failure.path or failure.article, failure.reason)

        show_progress = not options.quiet and sys.stderr.isatty()
        try:
            stats = await run_batch(
                pool or summarizer,
                expand_inputs(
                    options.articles, text_field=options.text_field, id_field=options.id_field
                ),
                on_record=on_record,
                on_failure=on_failure,
                concurrency=settings.effective_concurrency,
                ordered=not options.unordered,
                resume=resume,
                progress=Progress(count_inputs(options.articles)) if show_progress else None,
            )
        except asyncio.CancelledError:
            # Ctrl-C: the workers stop now, mid-article; what they had not handed back
            # was not written, and --resume does it again.
            if pool is not None:
                pool.terminate()
            raise
        finally:
            if pool is not None:
                await pool.aclose()
            await summarizer.aclose()
    if not options.quiet and (stats.articles > 1 or sys.stderr.isatty()):
        print(f"summarize: {stats.summary()}", file=sys.stderr)
    return stats


if __name__ == "__main__":
    raise SystemExit(main())
