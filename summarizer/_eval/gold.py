"""Gold annotations to score records against, and the datasets that provide them.

Four sources, one shape (:class:`Gold`, each section's gold items):

- a directory of hand-made annotations, one JSON file per article, in the format of
  ``../shared/gold`` (people with aliases and titles, organisations, ISO country codes,
  figures with value and unit, quotes by their opening words, events, published date,
  and a user section's items under its name);
- CoNLL-2003 (JSONL with ``entities``), prose documents only;
- NewsQuant (JSONL with ``quantities``);
- Commodity News (JSONL with ``entities`` and ``events``), the sentences with a gold item.

This module reads files and rows; each section reads its own items from a row
(``Section.gold``). A section a source does not annotate is ``None`` and is not scored.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarizer._errors import InputError
from summarizer._eval.matching import Gold
from summarizer.sections import GoldKind, Section


@dataclass(frozen=True)
class Case:
    """One article to summarise and the gold to score its record against."""

    id: str
    text: str
    gold: Gold


def sections_to_run(gold: Gold, sections: Sequence[Section]) -> list[str]:
    """The sections a record needs to be scored against ``gold``, in registry order."""
    scored = {s.name for s in sections if gold.of(s.name) is not None}
    needed = scored | {other for s in sections if s.name in scored for other in s.scored_with}
    return [s.name for s in sections if s.name in needed]


def load_cases(
    gold: str | Path,
    articles: str | Path | None = None,
    kind: GoldKind | None = None,
    *,
    sections: Sequence[Section],
    split: str | None = None,
    subset: str | None = None,
) -> Iterator[Case]:
    """The cases of a gold directory (with its articles directory) or of a dataset file.

    Raises:
        InputError: a missing path, an unknown dataset format, or a gold file whose
            article is not in ``articles``.
    """
    path = Path(gold)
    if not path.exists():
        raise InputError(f"{path}: no such file or directory")
    kind = kind or _detect(path)
    if kind == "gold" and articles is None:
        raise InputError("a gold directory needs the directory of its articles too")
    try:
        rows = (
            _gold_directory(path, Path(articles or ""))
            if kind == "gold"
            else ((str(row["id"]), str(row["text"]), row) for row in _jsonl(path))
        )
        for case_id, text, row in rows:
            if kind == "conll" and row.get("likely_table_or_results"):
                continue  # sports tables and price lists: not prose
            if split and row.get("frank_split") != split:
                continue  # FRANK: tune on "valid", report on "test"
            if subset and row.get("dataset") != subset:
                continue  # FRANK: "cnndm" or "xsum"
            annotated = _gold(row, kind, text, sections)
            if kind == "commodity" and not any(annotated.items.values()):
                continue  # only the sentences that hold something to find
            yield Case(id=case_id, text=text, gold=annotated)
    except (KeyError, TypeError, ValueError) as error:
        # A line or file of another shape than the dataset's: one line, not a traceback.
        raise InputError(f"{path}: not {kind} data as expected ({error!r})") from None


def _detect(path: Path) -> GoldKind:
    if path.is_dir():
        return "gold"
    first = _first_object(path)
    if "reference_summary" in first:
        return "frank"
    if "entities" in first and "events" in first:
        return "commodity"
    if "entities" in first:
        return "conll"
    if "quantities" in first:
        return "newsquant"
    raise InputError(
        f"{path}: not a gold directory, CoNLL-2003 JSONL (entities), NewsQuant JSONL "
        "(quantities), Commodity News JSONL (entities and events) or FRANK JSONL "
        "(reference_summary)"
    )


def _first_object(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                try:
                    value = json.loads(line)
                except json.JSONDecodeError as error:
                    raise InputError(f"{path}: line 1 is not JSON ({error.msg})") from None
                if isinstance(value, dict):
                    return value
                break
    raise InputError(f"{path}: no JSON object on its first line")


def _jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as error:
                raise InputError(f"{path}:{number}: not JSON ({error.msg})") from None


def _gold_directory(directory: Path, articles: Path) -> Iterator[tuple[str, str, dict[str, Any]]]:
    if not articles.is_dir():
        raise InputError(f"{articles}: not a directory of articles")
    for path in sorted(directory.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            raise InputError(f"{path}: not JSON ({error.msg})") from None
        article = articles / data.get("article", f"{path.stem}.txt")
        if not article.is_file():
            raise InputError(f"{path}: its article {article} does not exist")
        yield article.stem, article.read_text(encoding="utf-8"), data


_CONLL_DATELINE = re.compile(r"^[A-Z][A-Z .'-]+\s+(\d{4}-\d\d-\d\d)\s*$", re.MULTILINE)


def _gold(row: Mapping[str, Any], kind: GoldKind, text: str, sections: Sequence[Section]) -> Gold:
    """A row's gold: each section's items (a gold file that leaves a section out does not
    annotate it; an empty list says the article has none), and the published date."""
    items = {section.name: section.gold(row, kind) for section in sections}
    if kind == "gold":
        return Gold(items, published=row.get("published"), has_published="published" in row)
    if kind == "conll":
        dateline = _CONLL_DATELINE.search("\n".join(text.splitlines()[:3]))
        published = dateline.group(1) if dateline else None
        return Gold(items, published=published, has_published=dateline is not None)
    return Gold(items)
