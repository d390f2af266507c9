"""What the command line and worker processes share: exit codes, one-line errors, logging.

Kept apart from the CLI so that the library (worker processes) and the subcommands can
use it without importing the command's own module.
"""

from __future__ import annotations

import logging
import sys
from typing import Protocol

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_CONFIG = 0, 1, 2, 3
EXIT_INTERRUPTED = 130  # 128 + SIGINT
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, as a shell reports a command killed by it


def fail(message: str, code: int) -> int:
    """Print ``message`` as the command's one-line error on stderr; return ``code``."""
    print(f"summarize: error: {message}", file=sys.stderr)
    return code


def run_exit_code(stats: _Counts) -> int:
    """A batch's exit code: 2 when no input could be read, 1 when any article failed or
    has a failed section, else 0."""
    if stats.articles and stats.unreadable == stats.articles:
        return EXIT_USAGE
    return EXIT_FAILED if stats.failed or stats.partial else EXIT_OK


class _Counts(Protocol):
    """What a run's account (RunStats) says of its outcomes."""

    articles: int
    failed: int
    partial: int
    unreadable: int


def configure_logging(*, verbose: bool) -> None:
    """Logs on stderr with -v; otherwise only our own one-line errors are printed."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.ERROR,
        format="summarize: %(levelname)s: %(message)s",
    )
    # instructor logs every failed attempt as an error; we report outcomes ourselves.
    logging.getLogger("instructor").setLevel(logging.INFO if verbose else logging.CRITICAL)
