"""What the command line accepts as articles: files, directories, globs, stdin and JSONL.

Inputs are expanded lazily and in a stable order (sorted within a directory or a glob),
so a batch of thousands starts at once and a re-run meets the articles in the same order.
An input that cannot be read yields its :class:`InputError` in place, and the batch goes
on with the others.
"""

from __future__ import annotations

import glob
import json
from collections.abc import Iterator
from pathlib import Path

from summarizer._errors import InputError
from summarizer._read.article import Article, read_article

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
_GLOB_CHARACTERS = frozenset("*?[")


def expand_inputs(
    locations: list[str], *, text_field: str = "text", id_field: str = "id"
) -> Iterator[Article | InputError]:
    """Every article the ``locations`` name, in order; unreadable ones as errors."""
    for item in expand_locations(locations, text_field=text_field, id_field=id_field):
        yield _read(item) if isinstance(item, str) else item


def expand_locations(
    locations: list[str], *, text_field: str = "text", id_field: str = "id"
) -> Iterator[str | Article | InputError]:
    """What ``expand_inputs`` yields, with article files as their paths, unread: for a
    runner that reads them elsewhere (Ray actors, on the nodes). Standard input and the
    lines of JSONL files are read here, as articles."""
    for location in locations:
        if location == "-":
            yield _read(location)
        elif _GLOB_CHARACTERS & set(location):
            matches = sorted(glob.glob(location, recursive=True))
            if not matches:
                yield InputError(f"{location}: no file matches this pattern")
            for match in matches:
                yield from _expand_path(Path(match), text_field, id_field)
        else:
            path = Path(location)
            if not path.exists():
                yield InputError(f"{location}: no such file")
            else:
                yield from _expand_path(path, text_field, id_field)


def _expand_path(
    path: Path, text_field: str, id_field: str
) -> Iterator[str | Article | InputError]:
    if path.is_dir():
        found = False
        for child in sorted(path.rglob("*")):
            if child.is_file() and child.suffix.lower() in ARTICLE_SUFFIXES:
                found = True
                yield str(child)
        if not found:
            suffixes = ", ".join(f"*{s}" for s in ARTICLE_SUFFIXES)
            yield InputError(f"{path}: is a directory with no article files ({suffixes})")
    elif path.suffix.lower() == ".jsonl":
        yield from _jsonl_articles(path, text_field, id_field)
    else:
        yield str(path)


def _read(location: str) -> Article | InputError:
    try:
        return read_article(location)
    except InputError as error:
        return error


def _jsonl_articles(path: Path, text_field: str, id_field: str) -> Iterator[Article | InputError]:
    """One article per line: ``{"id": ..., "text": ...}``; other keys are ignored."""
    try:
        lines = path.open(encoding="utf-8")
    except OSError as error:
        yield InputError(f"{path}: cannot be read ({error.strerror})")
        return
    with lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                item = json.loads(line)
            except json.JSONDecodeError as error:
                yield InputError(f"{where}: not JSON ({error.msg})")
                continue
            if not isinstance(item, dict):
                yield InputError(f"{where}: not a JSON object")
                continue
            text = item.get(text_field)
            if not isinstance(text, str):
                yield InputError(f"{where}: no {text_field!r} string (see --text-field)")
                continue
            identifier = item.get(id_field)
            try:
                yield Article.from_text(
                    text, id=str(identifier) if identifier is not None else None, path=where
                )
            except InputError as error:
                yield error


def count_inputs(locations: list[str]) -> int:
    """How many articles ``expand_inputs`` will yield, without reading them (for an ETA)."""
    total = 0
    for location in locations:
        if location == "-":
            total += 1
            continue
        paths = (
            [Path(p) for p in glob.glob(location, recursive=True)]
            if _GLOB_CHARACTERS & set(location)
            else [Path(location)]
        )
        for path in paths:
            if path.is_dir():
                total += (
                    sum(
                        1
                        for child in path.rglob("*")
                        if child.is_file() and child.suffix.lower() in ARTICLE_SUFFIXES
                    )
                    or 1
                )
            elif path.suffix.lower() == ".jsonl" and path.is_file():
                with path.open("rb") as lines:
                    total += sum(1 for line in lines if line.strip())
            else:
                total += 1
    return total
