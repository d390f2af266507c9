"""``summarize digest RECORDS...``: what a batch of articles says together.

Reads records (JSONL or JSON, as ``summarize`` writes them) and writes the digest:
entities resolved across articles, a timeline, figures over time and links, as JSON,
Markdown or one HTML page. No model is called, unless ``--overview`` asks for a paragraph
written from the digest. ``--articles`` gives the articles' texts so that the HTML page
shows each cited span in its article.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from summarizer._backends.cache import default_response_cache
from summarizer._console import (
    EXIT_BROKEN_PIPE,
    EXIT_CONFIG,
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    configure_logging,
    fail,
)
from summarizer._digest import (
    Digest,
    DigestBuilder,
    Overview,
    read_records,
    render_markdown,
    summary_line,
    write_html,
)
from summarizer._digest.overview import write_overview
from summarizer._errors import ConfigurationError, InputError, SummarizerError, TemplateError
from summarizer._read.inputs import expand_inputs
from summarizer._run.summarizer import Summarizer
from summarizer._settings import BACKENDS, Settings

FORMATS = ("json", "markdown", "html")
_MODEL_OPTIONS = (
    "--backend",
    "--model",
    "--base-url",
    "--model-path",
    "--recordings-dir",
    "--no-cache",
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="summarize digest",
        description="What a batch of articles says together: entities across articles, "
        "a timeline, figures over time and links, from the records alone (no model call).",
    )
    parser.add_argument(
        "records",
        nargs="+",
        metavar="RECORDS",
        help="JSONL or JSON records (files, directories of them, - for stdin)",
    )
    parser.add_argument("--format", choices=FORMATS, default="json", help="default: json")
    parser.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    parser.add_argument(
        "--articles",
        action="extend",
        nargs="+",
        default=[],
        metavar="ARTICLE",
        help="the articles the records were made from (as `summarize` takes them), matched "
        "by content hash: the HTML page then shows every cited span in its article's text",
    )
    parser.add_argument("--title", default="Digest", help="the title of the page or brief")
    model = parser.add_argument_group(
        "overview",
        "a paragraph the model writes from the digest, each sentence citing and "
        "checked against digest items (off by default; the only model call)",
    )
    model.add_argument("--overview", action="store_true", help="write the overview")
    model.add_argument("--backend", choices=BACKENDS)
    model.add_argument("--model")
    model.add_argument("--base-url")
    model.add_argument("--model-path", type=Path)
    model.add_argument("--recordings-dir", type=Path)
    model.add_argument("--no-cache", action="store_true", help="always ask the model")
    parser.add_argument("-q", "--quiet", action="store_true", help="no summary on stderr")
    parser.add_argument("-v", "--verbose", action="store_true", help="logs on stderr")
    return parser


def digest_main(argv: Sequence[str]) -> int:
    options = _parser().parse_args(list(argv))
    configure_logging(verbose=options.verbose)
    model_options = [o for o in _MODEL_OPTIONS if getattr(options, o.lstrip("-").replace("-", "_"))]
    if model_options and not options.overview:
        return fail(f"{', '.join(model_options)}: only with --overview", EXIT_USAGE)
    started = time.perf_counter()
    builder = DigestBuilder()
    try:
        for record in read_records(options.records):
            builder.add(record)
        if builder.articles == 0:
            return fail(f"no records in {' '.join(options.records)}", EXIT_USAGE)
        digest = builder.build()
        texts = _texts(options.articles, digest) if options.articles else {}
        failed = _add_overview(digest, options) if options.overview else None
        _output(digest, options, texts)
    except InputError as error:
        return fail(str(error), EXIT_USAGE)
    except KeyboardInterrupt:
        return fail("interrupted; no output written", EXIT_INTERRUPTED)
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except OSError as error:  # the output: the records' and articles' are InputErrors
        return fail(f"{options.output or error.filename}: {error.strerror}", EXIT_USAGE)
    if not options.quiet:
        _report(digest, builder, texts, options, time.perf_counter() - started)
    return failed if failed is not None else EXIT_OK


def _add_overview(digest: Digest, options: argparse.Namespace) -> int | None:
    """Ask the model for the overview; on failure say why and go on without it (the
    digest is still written): the exit code to end with, or None."""
    try:
        settings = Settings.from_env(
            backend=options.backend,
            model=options.model,
            base_url=options.base_url,
            model_path=options.model_path,
            recordings_dir=options.recordings_dir,
        )
        settings = replace(
            settings, response_cache=None if options.no_cache else default_response_cache()
        )
        summarizer = Summarizer(settings)
    except (ConfigurationError, TemplateError) as error:
        return fail(str(error), EXIT_CONFIG)

    async def ask() -> Overview:
        async with summarizer:
            return await write_overview(digest, summarizer)

    try:
        digest.overview = asyncio.run(ask())
    except (SummarizerError, ConfigurationError) as error:
        return fail(f"no overview: {error}", EXIT_FAILED)
    return None


def _output(digest: Digest, options: argparse.Namespace, texts: dict[str, str]) -> None:
    """Write the digest to stdout, or to ``-o`` whole: into a file beside it, then renamed,
    so that an interrupted run never leaves half a page where a digest was."""
    if options.output is None:
        _write(digest, sys.stdout, options, texts)
        return
    partial = options.output.with_name(options.output.name + ".partial")
    try:
        with partial.open("w", encoding="utf-8") as out:
            _write(digest, out, options, texts)
        partial.replace(options.output)
    finally:
        partial.unlink(missing_ok=True)


def _write(digest: Digest, out: TextIO, options: argparse.Namespace, texts: dict[str, str]) -> None:
    if options.format == "json":
        out.write(digest.to_json() + "\n")
    elif options.format == "markdown":
        out.write(render_markdown(digest, title=options.title))
    else:
        write_html(digest, out, texts=texts, title=options.title)


def _texts(locations: list[str], digest: Digest) -> dict[str, str]:
    """Article id -> text, for the digest's articles among ``locations``: by content hash
    (what the record's offsets refer to), or by id for a record without one (the page
    then checks every cited span against the text)."""
    by_hash = {a.content_hash: a.id for a in digest.articles if a.content_hash}
    by_id = {a.id: a.id for a in digest.articles if not a.content_hash}
    texts: dict[str, str] = {}
    for article in expand_inputs(locations):
        if isinstance(article, InputError):
            # The digest stands without it: that article's view lists its spans only.
            print(f"summarize digest: warning: {article}", file=sys.stderr)
            continue
        identifier = by_hash.get(article.content_hash) or by_id.get(article.id)
        if identifier is not None:
            texts.setdefault(identifier, article.text)
    return texts


def _report(
    digest: Digest,
    builder: DigestBuilder,
    texts: dict[str, str],
    options: argparse.Namespace,
    elapsed: float,
) -> None:
    line = f"summarize digest: {summary_line(digest)} in {elapsed:.2f} s"
    if duplicates := builder.duplicates:
        line += f"; {duplicates} duplicate record{'s' if duplicates != 1 else ''} skipped"
    print(line, file=sys.stderr)
    if partial := builder.partial:
        print(
            f"summarize digest: {partial} partial record{'s' if partial != 1 else ''} (a section "
            "failed; `summarize --resume` completes them): the digest lacks their facts",
            file=sys.stderr,
        )
    missing = len(digest.articles) - len(texts)
    if options.format == "html" and missing:
        print(
            f"summarize digest: {missing} of {len(digest.articles)} articles have no text "
            "(--articles): their views list the cited spans only",
            file=sys.stderr,
        )
