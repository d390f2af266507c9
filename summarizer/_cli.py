"""The ``summarize`` command: parse arguments, call the library, print.

Expected failures become one line on stderr and an exit code, never a traceback:

    0  every article summarised
    1  some article failed (the others are still printed)
    2  usage error: bad options, or no article could be read at all
    3  configuration error: backend, model files, templates
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from contextlib import nullcontext
from pathlib import Path
from typing import TextIO

from summarizer._article import Article, read_article
from summarizer._errors import (
    ConfigurationError,
    InputError,
    SummarizerError,
    TemplateError,
)
from summarizer._records import ArticleSummary
from summarizer._render import render_markdown
from summarizer._sections import SECTION_NAMES
from summarizer._settings import BACKENDS, Settings
from summarizer._summarizer import Summarizer

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_CONFIG = 0, 1, 2, 3


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="summarize",
        description="Structured, grounded summaries of news articles.",
        epilog=(
            "Subcommands: summarize fixtures check|refresh (see `summarize fixtures -h`); "
            "summarize eval GOLD [ARTICLES] (see `summarize eval -h`)."
        ),
    )
    parser.add_argument("articles", nargs="+", metavar="ARTICLE", help="article files; - for stdin")
    parser.add_argument(
        "--format",
        choices=("json", "jsonl", "markdown"),
        default=None,
        help="json for one article, jsonl for several (the defaults), or markdown",
    )
    parser.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    parser.add_argument(
        "--backend",
        choices=BACKENDS,
        help="default: openai when OPENAI_BASE_URL or OPENAI_API_KEY is set, else local",
    )
    parser.add_argument("--model", help="model name (openai) or embedded model (local)")
    parser.add_argument(
        "--base-url", help="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1"
    )
    parser.add_argument("--model-path", type=Path, help="a GGUF file for the local backend")
    parser.add_argument("--templates", help=f"comma-separated sections ({','.join(SECTION_NAMES)})")
    parser.add_argument(
        "--prompts-dir", type=Path, help="prompt templates to use instead of the shipped ones"
    )
    parser.add_argument("--recordings-dir", type=Path, help="recordings for --backend replay")
    parser.add_argument("-v", "--verbose", action="store_true", help="progress and logs on stderr")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["fixtures"]:
        from summarizer._fixtures_cli import fixtures_main

        return fixtures_main(arguments[1:])
    if arguments[:1] == ["eval"]:
        from summarizer._eval_cli import eval_main

        return eval_main(arguments[1:])
    options = build_parser().parse_args(arguments)
    configure_logging(verbose=options.verbose)
    try:
        summarizer = Summarizer(_settings(options))
    except (ConfigurationError, TemplateError) as error:
        return _fail(str(error), EXIT_CONFIG)
    articles, failures = _read_all(options.articles)
    if not articles:
        return EXIT_USAGE
    output_format = options.format or ("json" if len(articles) == 1 else "jsonl")
    try:
        output = options.output.open("w", encoding="utf-8") if options.output else None
        with output or nullcontext(sys.stdout) as out:
            failures += asyncio.run(
                _summarise_all(summarizer, articles, output_format, out, verbose=options.verbose)
            )
    except KeyboardInterrupt:
        return _fail("interrupted; records written so far are complete", 130)
    except OSError as error:
        return _fail(f"{options.output}: {error.strerror}", EXIT_USAGE)
    return EXIT_FAILED if failures else EXIT_OK


def configure_logging(*, verbose: bool) -> None:
    """Logs on stderr with -v; otherwise only our own one-line errors are printed."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.ERROR,
        format="summarize: %(levelname)s: %(message)s",
    )
    # instructor logs every failed attempt as an error; we report outcomes ourselves.
    logging.getLogger("instructor").setLevel(logging.INFO if verbose else logging.CRITICAL)


def _settings(options: argparse.Namespace) -> Settings:
    sections = None
    if options.templates:
        sections = tuple(s.strip() for s in options.templates.split(",") if s.strip())
    return Settings.from_env(
        backend=options.backend,
        model=options.model,
        base_url=options.base_url,
        model_path=options.model_path,
        sections=sections,
        prompts_dir=options.prompts_dir,
        recordings_dir=options.recordings_dir,
    )


def _read_all(locations: list[str]) -> tuple[list[Article], int]:
    articles, failures = [], 0
    for location in locations:
        try:
            articles.append(read_article(location))
        except InputError as error:
            _fail(str(error), EXIT_USAGE)
            failures += 1
    return articles, failures


async def _summarise_all(
    summarizer: Summarizer,
    articles: list[Article],
    output_format: str,
    out: TextIO,
    *,
    verbose: bool,
) -> int:
    failures = 0
    try:
        for index, article in enumerate(articles, start=1):
            if verbose:
                print(f"summarize: [{index}/{len(articles)}] {article.id}", file=sys.stderr)
            try:
                record = await summarizer.asummarize(article)
            except SummarizerError as error:
                _fail(f"{article.path or article.id}: {error}", EXIT_FAILED)
                failures += 1
                continue
            out.write(_format(record, output_format))
            out.flush()
    finally:
        await summarizer.aclose()
    return failures


def _format(record: ArticleSummary, output_format: str) -> str:
    if output_format == "json":
        return record.model_dump_json(indent=2) + "\n"
    if output_format == "markdown":
        return render_markdown(record) + "\n"
    return record.model_dump_json() + "\n"


def _fail(message: str, code: int) -> int:
    print(f"summarize: error: {message}", file=sys.stderr)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
