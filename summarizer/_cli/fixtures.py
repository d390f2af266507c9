"""``summarize fixtures check|refresh``: keep recorded fixtures in step with the prompts."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from summarizer._console import configure_logging
from summarizer._errors import SummarizerError
from summarizer._run.fixtures import Fixtures, check, refresh
from summarizer._settings import BACKENDS, Settings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="summarize fixtures", description="Check or re-record the recorded fixtures."
    )
    parser.add_argument("action", choices=("check", "refresh"))
    parser.add_argument("--fixtures-dir", type=Path, default=Path("fixtures"))
    parser.add_argument(
        "--prompts-dir", type=Path, help="templates to use instead of the shipped ones"
    )
    parser.add_argument("--all", action="store_true", help="refresh: re-record everything")
    parser.add_argument("--backend", choices=[b for b in BACKENDS if b != "replay"])
    parser.add_argument("--model")
    parser.add_argument("--base-url")
    parser.add_argument("-v", "--verbose", action="store_true", help="progress and logs on stderr")
    return parser


def fixtures_main(argv: Sequence[str]) -> int:
    options = _parser().parse_args(list(argv))
    configure_logging(verbose=options.verbose)
    fixtures = Fixtures(options.fixtures_dir)
    if not fixtures.articles_dir.is_dir():
        print(f"summarize: error: {fixtures.articles_dir}: no such directory", file=sys.stderr)
        return 2
    try:
        # Inside the try: a setting that does not resolve (the openai backend without a
        # model name) is a one-line error, as everywhere else.
        settings = Settings.from_env(
            backend=options.backend,
            model=options.model,
            base_url=options.base_url,
            prompts_dir=options.prompts_dir,
        )
        if options.action == "check":
            problems = check(fixtures, settings)
            for problem in problems:
                print(f"stale: {problem}")
            if problems:
                print(
                    "run `summarize fixtures refresh` to re-record, then review "
                    f"`git diff {fixtures.expected_dir}`",
                    file=sys.stderr,
                )
                return 1
            print(f"fixtures are fresh ({len(fixtures.articles())} articles)")
            return 0
        report = refresh(fixtures, settings, everything=options.all)
    except SummarizerError as error:
        print(f"summarize: error: {error}", file=sys.stderr)
        return 1
    for item in report.recorded:
        print(f"re-recorded: {item}")
    for article, reason in report.failed.items():
        print(f"summarize: error: {article}: {reason}", file=sys.stderr)
    print(f"expected records rewritten in {fixtures.expected_dir}")
    return 1 if report.failed else 0
