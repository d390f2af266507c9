"""``summarize --engine ray``: the same inputs, summarised by actors on a Ray cluster
into JSONL shards in the ``-o`` directory."""

from __future__ import annotations

import argparse
import logging
import socket
import sys

from summarizer._console import (
    EXIT_CONFIG,
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_USAGE,
    fail,
    run_exit_code,
)
from summarizer._settings import Settings

# Options of the local engine, and what to use on Ray instead.
_LOCAL_ONLY = {
    "workers": "--actors",
    "unordered": "nothing (shards are unordered)",
    "errors": "the errors-*.jsonl shards beside the records",
}


def ray_main(options: argparse.Namespace, settings: Settings) -> int:
    """Run the command on Ray; the exit code."""
    problem = _usage_problem(options)
    if problem:
        return fail(problem, EXIT_USAGE)
    try:
        import ray

        from summarizer.ray import input_dataset, summarize_to_shards
    except ImportError:
        return fail("--engine ray needs Ray: pip install 'news-summarizer[ray]'", EXIT_CONFIG)
    try:
        _connect(options)
    except (ConnectionError, RuntimeError, ValueError) as error:
        where = options.ray_address or "auto"
        return fail(f"--ray-address {where}: cannot connect ({_first_line(error)})", EXIT_CONFIG)
    try:
        stats = summarize_to_shards(
            input_dataset(
                options.articles, text_field=options.text_field, id_field=options.id_field
            ),
            options.output,
            settings,
            resume=options.resume,
            actors=options.actors,
            article_timeout=options.article_timeout,
            verbose=options.verbose,
        )
    except KeyboardInterrupt:
        return fail(
            "interrupted; the shards written so far are whole (--resume continues)",
            EXIT_INTERRUPTED,
        )
    except ray.exceptions.RayError as error:
        return fail(f"the Ray job failed: {_first_line(error)}", EXIT_FAILED)
    if not options.quiet:
        print(f"summarize: {stats.summary()}", file=sys.stderr)
        if stats.failed:
            print(f"summarize: failures in {options.output}/errors-*.jsonl", file=sys.stderr)
    return run_exit_code(stats)


def _usage_problem(options: argparse.Namespace) -> str | None:
    if options.output is None:
        return "--engine ray writes JSONL shards into a directory: give it with -o DIR"
    if options.output.exists() and not options.output.is_dir():
        return f"{options.output}: not a directory (--engine ray writes shards into one)"
    if options.format not in (None, "jsonl"):
        return "--engine ray writes JSONL shards only (--format jsonl)"
    for name, instead in _LOCAL_ONLY.items():
        if getattr(options, name) not in (None, False):
            return f"--{name} is for the local engine; with --engine ray use {instead}"
    if options.actors is not None and options.actors < 1:
        return "--actors must be at least 1"
    return None


def _connect(options: argparse.Namespace) -> None:
    """Join the cluster at ``--ray-address`` (or $RAY_ADDRESS; else start a local one),
    unless this process is already connected; Ray's progress bars unless ``-q``."""
    import ray
    from ray.data import DataContext

    if not ray.is_initialized():
        _check_reachable(options.ray_address)
        ray.init(
            address=options.ray_address,
            logging_level=logging.INFO if options.verbose else logging.WARNING,
        )
    context = DataContext.get_current()
    context.enable_progress_bars = not options.quiet
    if not options.verbose:
        # Ray Data's own account of its plan and operators: for -v.
        logging.getLogger("ray.data").setLevel(logging.WARNING)


def _check_reachable(address: str | None) -> None:
    """Refuse at once an address where nothing listens: Ray itself retries for minutes."""
    if address in (None, "auto", "local"):
        return
    host, _, port = address.removeprefix("ray://").rpartition(":")
    if not host or not port.isdigit():
        raise ValueError("expected HOST:PORT, ray://HOST:PORT or auto")
    try:
        socket.create_connection((host, int(port)), timeout=5).close()
    except OSError as error:
        raise ConnectionError(
            f"nothing answers at {host}:{port}: {error.strerror or error}"
        ) from None


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
