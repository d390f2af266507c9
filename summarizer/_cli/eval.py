"""``summarize eval GOLD [ARTICLES]``: summarise annotated articles and score the records.

GOLD is a directory of gold annotations (then ARTICLES is the directory of their
articles), or a CoNLL-2003, NewsQuant or Commodity News JSONL file. With ``--records FILE``
the records are kept: records already in the file are scored without calling the model
again (so an interrupted run resumes), new ones are appended as they are made.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO, TypeVar

from pydantic import ValidationError

from summarizer._console import (
    EXIT_CONFIG,
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    configure_logging,
    fail,
)
from summarizer._errors import ConfigurationError, InputError, SummarizerError, TemplateError
from summarizer._eval.gold import Case, load_cases, sections_to_run
from summarizer._eval.scoring import Scores
from summarizer._read.article import Article
from summarizer._records import ArticleSummary
from summarizer._run.summarizer import Summarizer
from summarizer._settings import BACKENDS, Settings

_T = TypeVar("_T")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="summarize eval",
        description="Score records against gold annotations (recall, precision, grounding).",
    )
    parser.add_argument(
        "gold", type=Path, help="gold directory, or CoNLL-2003 / NewsQuant / Commodity News JSONL"
    )
    parser.add_argument("articles", type=Path, nargs="?", help="the gold directory's articles")
    parser.add_argument(
        "--dataset",
        choices=("gold", "conll", "newsquant", "commodity", "frank"),
        help="default: detect",
    )
    parser.add_argument(
        "--split", choices=("valid", "test"), help="FRANK: tune on valid, report on test"
    )
    parser.add_argument("--subset", choices=("cnndm", "xsum"), help="FRANK: one of its sources")
    parser.add_argument("--limit", type=int, help="score the first N articles only")
    parser.add_argument(
        "--sample", type=int, help="score N articles spread evenly over the dataset"
    )
    parser.add_argument("--records", type=Path, help="JSONL of records: reused, and appended to")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument(
        "--show-errors", action="store_true", help="list each article's missed and wrong facts"
    )
    parser.add_argument("--backend", choices=BACKENDS)
    parser.add_argument("--model")
    parser.add_argument("--base-url")
    parser.add_argument("--model-path", type=Path)
    parser.add_argument(
        "--max-reasks",
        type=int,
        metavar="N",
        help="re-asks after an invalid answer (default: the model's own; none for the 0.5B)",
    )
    parser.add_argument("--recordings-dir", type=Path)
    parser.add_argument(
        "--sections",
        type=Path,
        dest="sections_dir",
        metavar="DIR",
        help="your own sections (section files); a gold file's items for them are scored too",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="progress on stderr")
    return parser


def even_sample(items: Sequence[_T], size: int) -> list[_T]:
    """``size`` items spread evenly over ``items`` (``--sample``), the first one included."""
    step = max(len(items) / size, 1.0)
    return [items[int(i * step)] for i in range(min(size, len(items)))]


def eval_main(argv: Sequence[str]) -> int:
    options = _parser().parse_args(list(argv))
    configure_logging(verbose=options.verbose)
    if (options.limit is not None and options.limit < 1) or (
        options.sample is not None and options.sample < 1
    ):
        return fail("--limit and --sample must be at least 1", EXIT_USAGE)
    try:
        settings = Settings.from_env(
            backend=options.backend,
            model=options.model,
            base_url=options.base_url,
            model_path=options.model_path,
            recordings_dir=options.recordings_dir,
            sections_dir=options.sections_dir,
            max_reasks=options.max_reasks,
        )
        summarizer = Summarizer(settings)
    except (ConfigurationError, TemplateError) as error:
        return fail(str(error), EXIT_CONFIG)
    try:
        cases = list(
            itertools.islice(
                load_cases(
                    options.gold,
                    options.articles,
                    options.dataset,
                    sections=list(summarizer.registry.values()),
                    split=options.split,
                    subset=options.subset,
                ),
                options.limit,
            )
        )
        if options.sample:
            cases = even_sample(cases, options.sample)
        known = _read_records(options.records) if options.records else {}
    except InputError as error:
        return fail(str(error), EXIT_USAGE)
    try:
        scores = asyncio.run(
            _evaluate(summarizer, cases, known, options.records, verbose=options.verbose)
        )
    except KeyboardInterrupt:
        return fail("interrupted; the records file keeps what was done", EXIT_INTERRUPTED)
    except OSError as error:
        return fail(f"{options.records}: {error.strerror}", EXIT_USAGE)
    if options.json:
        print(json.dumps(scores.as_dict(), indent=2))
    else:
        if options.show_errors:
            print(format_errors(scores))
        print(format_scores(scores, model=str(settings.model), backend=str(settings.backend)))
    return EXIT_FAILED if scores.failed else EXIT_OK


async def _evaluate(
    summarizer: Summarizer,
    cases: list[Case],
    known: dict[str, ArticleSummary],
    records_path: Path | None,
    *,
    verbose: bool,
) -> Scores:
    scores = Scores()
    out: TextIO | None = records_path.open("a", encoding="utf-8") if records_path else None
    try:
        for index, case in enumerate(cases, start=1):
            record = known.get(case.id)
            if record is None:
                if verbose:
                    print(f"summarize: [{index}/{len(cases)}] {case.id}", file=sys.stderr)
                try:
                    record = await summarizer.asummarize(
                        Article.from_text(case.text, id=case.id),
                        sections=sections_to_run(case.gold, list(summarizer.registry.values())),
                    )
                except SummarizerError as error:
                    fail(f"{case.id}: {error}", EXIT_FAILED)
                    scores.failed.append(case.id)
                    continue
                if out is not None:
                    out.write(record.model_dump_json() + "\n")
                    out.flush()
            scores.add_record(record, case.gold, case.text, sections=summarizer.registry)
    finally:
        if out is not None:
            out.close()
        await summarizer.aclose()
    return scores


def _read_records(path: Path) -> dict[str, ArticleSummary]:
    if not path.exists():
        return {}
    records = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = ArticleSummary.model_validate_json(line)
        except ValidationError as error:
            problem = f"not a record ({error.error_count()} errors)"
            raise InputError(f"{path}:{number}: {problem}") from None
        records[record.source.id] = record
    return records


def format_scores(scores: Scores, *, model: str, backend: str) -> str:
    lines = [f"{scores.articles} articles scored ({backend} backend, model {model})"]
    if scores.failed:
        lines.append(f"{len(scores.failed)} failed: {', '.join(scores.failed)}")
    lines.append(
        f"{'section':<14}{'gold':>6}{'found':>7}{'recall':>8}{'output':>8}{'precision':>11}{'F1':>7}"
    )
    for name, tally in scores.sections.items():
        lines.append(
            f"{name:<14}{tally.gold:>6}{tally.found:>7}{_share(tally.recall):>8}"
            f"{tally.predicted:>8}{_share(tally.precision):>11}{_share(tally.f1):>7}"
        )
    for name in scores.measures:
        mean = scores.mean(name)
        lines.append(f"{name}: {'-' if mean is None else f'{mean:.3f}'}")
    if scores.published_total:
        lines.append(f"published date right: {scores.published_right}/{scores.published_total}")
    lines.append(
        f"grounding: {scores.spans_exact}/{scores.spans_total} evidence spans point exactly "
        f"at their text ({_share(scores.grounding)})"
    )
    return "\n".join(lines)


def format_errors(scores: Scores) -> str:
    lines = []
    for article, sections in scores.errors.items():
        for section, tally in sections.items():
            for item in tally.missed:
                lines.append(f"{article}  {section:<13} missed  {item}")
            for item in tally.wrong:
                lines.append(f"{article}  {section:<13} wrong   {item}")
    return "\n".join(lines)


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"
