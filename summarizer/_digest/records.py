"""Reading a batch's records for the digest: JSONL or JSON, files, directories or stdin.

Records stream in one at a time, so a batch of any size is read in constant memory. The
digest reads only the facts it uses, through the record's own models (the contract), and
is indifferent to the summary's shape: ``summary`` is read for its headline alone, so
records written before or after a change to it digest alike.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from summarizer._errors import InputError
from summarizer._records import Country, Event, Figure, Organization, Person, Source

RECORD_SUFFIXES = (".jsonl", ".json")
_ERRORS_SUFFIX = ".errors.jsonl"  # what `summarize -o` writes beside its records
_ERRORS_PREFIX = "errors-"  # the error shards `summarize --engine ray -o DIR` writes


class DigestRecord(BaseModel):
    """The parts of an :class:`~summarizer.ArticleSummary` that the digest reads."""

    model_config = ConfigDict(extra="ignore")

    source: Source
    summary: dict[str, Any] | None = None
    people: list[Person] = Field(default_factory=list)
    organizations: list[Organization] = Field(default_factory=list)
    countries: list[Country] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    meta: dict[str, Any] | None = None

    @property
    def partial(self) -> bool:
        """Whether a section failed (``meta.failed``): the record lacks its facts."""
        return bool((self.meta or {}).get("failed"))

    @property
    def headline(self) -> str | None:
        """The summary's headline when the record has one."""
        headline = (self.summary or {}).get("headline")
        return headline if isinstance(headline, str) and headline.strip() else None


def read_records(locations: Sequence[str]) -> Iterator[DigestRecord]:
    """Every record the ``locations`` hold, in order: JSONL or JSON files (a record or a
    list of records), directories of them (``*.errors.jsonl`` skipped), ``-`` for stdin.

    Raises:
        InputError: a location that is missing or unreadable, a line that is not JSON, or
            JSON that is not a record; the message says where.
    """
    for location in locations:
        if location == "-":
            yield from _parse(sys.stdin, "<stdin>")
            continue
        path = Path(location)
        if path.is_dir():
            files = [p for p in sorted(path.rglob("*")) if _is_records_file(p)]
            if not files:
                raise InputError(f"{location}: is a directory with no *.jsonl or *.json records")
            for file in files:
                yield from _read_file(file)
        elif path.exists():
            yield from _read_file(path)
        else:
            raise InputError(f"{location}: no such file")


def _is_records_file(path: Path) -> bool:
    name = path.name.lower()
    errors = name.endswith(_ERRORS_SUFFIX) or name.startswith(_ERRORS_PREFIX)
    return path.is_file() and name.endswith(RECORD_SUFFIXES) and not errors


def _read_file(path: Path) -> Iterator[DigestRecord]:
    try:
        with path.open(encoding="utf-8") as lines:
            yield from _parse(lines, str(path))
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror})") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: is not UTF-8 text") from None


def _parse(lines: Iterable[str], where: str) -> Iterator[DigestRecord]:
    """JSONL, streamed line by line; or, when the first line is not a whole JSON value,
    one JSON document (a record, or a list of records; as ``summarize --format json``)."""
    numbered = enumerate(lines, start=1)
    for number, line in numbered:
        if not line.strip():
            continue
        try:
            first = json.loads(line)
        except json.JSONDecodeError:
            text = line + "".join(rest for _, rest in numbered)
            yield from _document(_json(text, where), where)
            return
        yield from _document(first, f"{where}:{number}")
        for later, rest in numbered:
            if rest.strip():
                yield _record(_json(rest, f"{where}:{later}"), f"{where}:{later}")
        return


def _document(document: Any, where: str) -> Iterator[DigestRecord]:
    if not isinstance(document, list):
        yield _record(document, where)
        return
    for index, item in enumerate(document):
        yield _record(item, f"{where}[{index}]")


def _json(line: str, where: str) -> Any:
    try:
        return json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(f"{where}: not JSON ({error.msg})") from None


def _record(item: Any, where: str) -> DigestRecord:
    if not isinstance(item, dict) or "source" not in item:
        raise InputError(f"{where}: not a record (an object with a 'source')")
    try:
        return DigestRecord.model_validate(item)
    except ValidationError as error:
        first = error.errors()[0]
        place = ".".join(str(part) for part in first["loc"])
        raise InputError(f"{where}: not a valid record ({place}: {first['msg']})") from None
