"""Counting what a record got right against gold items, the same way for every section.

- recall = required gold items a record item matches / required gold items;
- precision = record items that match some gold item (required or optional) / record items.

Optional gold items (``"optional": true``, CoNLL nationalities) never count as missed and
never count against precision. Names match after folding case, accents, quote and dash
styles; a surname alone matches the full name ("Cruz" ~ "Liván Arronte Cruz"), and an
organisation matches by any alias or by its acronym.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from summarizer._grounding import fold

_G = TypeVar("_G")
_P = TypeVar("_P")


@dataclass(frozen=True, slots=True)
class GoldName:
    """A person or organisation: any of ``names`` refers to it. A person may have a title
    (any of ``titles`` is right), an organisation a ``kind``."""

    names: tuple[str, ...]
    optional: bool = False
    titles: tuple[str, ...] = ()
    kind: str | None = None

    @property
    def name(self) -> str:
        return self.names[0]


@dataclass(frozen=True, slots=True)
class GoldFigure:
    value: float
    unit: str
    optional: bool = False


@dataclass(frozen=True, slots=True)
class GoldQuote:
    speaker: str
    starts: str


@dataclass(frozen=True, slots=True)
class GoldEvent:
    kind: str
    participants: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GoldCode:
    """A country by its ISO code; a CoNLL nationality is optional."""

    code: str
    optional: bool = False


@dataclass
class Gold:
    """What an article contains, for the sections its source annotates: each section's
    gold items, or None where the source does not annotate it (then it is not scored)."""

    items: dict[str, list[Any] | None] = field(default_factory=dict)
    published: str | None = None
    has_published: bool = False

    def of(self, section: str) -> list[Any] | None:
        return self.items.get(section)


@dataclass
class Tally:
    """Counts for one section, summed over articles."""

    gold: int = 0
    found: int = 0
    predicted: int = 0
    correct: int = 0
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float | None:
        return self.found / self.gold if self.gold else None

    @property
    def precision(self) -> float | None:
        return self.correct / self.predicted if self.predicted else None

    @property
    def f1(self) -> float | None:
        recall, precision = self.recall, self.precision
        if recall is None or precision is None:
            return None
        if recall + precision == 0:
            return 0.0
        return 2 * recall * precision / (recall + precision)

    def add(self, other: Tally) -> None:
        self.gold += other.gold
        self.found += other.found
        self.predicted += other.predicted
        self.correct += other.correct
        self.missed += other.missed
        self.wrong += other.wrong


def pairs(
    gold: Sequence[_G], predicted: Sequence[_P], same: Callable[[_G, _P], bool]
) -> list[tuple[_G, int | None]]:
    """Each required gold item with the index of the prediction that finds it (None: missed),
    one-to-one where it can: a prediction not used yet first, then any that matches."""
    used: set[int] = set()
    found: list[tuple[_G, int | None]] = []
    for item in gold:
        if getattr(item, "optional", False):
            continue
        hit = next((i for i, p in enumerate(predicted) if i not in used and same(item, p)), None)
        if hit is None:
            hit = next((i for i, p in enumerate(predicted) if same(item, p)), None)
        if hit is not None:
            used.add(hit)
        found.append((item, hit))
    return found


def match(gold: Sequence[_G], predicted: Sequence[_P], same: Callable[[_G, _P], bool]) -> Tally:
    """One-to-one where it can: each gold item is found by a prediction not used yet;
    a prediction is correct when it matches any gold item (repeats count once)."""
    missed = [describe(item) for item, hit in pairs(gold, predicted, same) if hit is None]
    required = sum(not getattr(item, "optional", False) for item in gold)
    wrong = [describe(p) for p in predicted if not any(same(item, p) for item in gold)]
    return Tally(
        gold=required,
        found=required - len(missed),
        predicted=len(predicted),
        correct=len(predicted) - len(wrong),
        missed=missed,
        wrong=wrong,
    )


def describe(item: object) -> str:
    """A short label for a missed or wrong item, for ``summarize eval --show-errors``."""
    if isinstance(item, GoldName):
        return item.name
    if isinstance(item, GoldCode):
        return item.code
    if isinstance(item, GoldFigure):
        return f"{item.value:g} {item.unit}"
    if isinstance(item, GoldEvent):
        return f"{item.kind}: {', '.join(item.participants)}"
    if isinstance(item, tuple | list):
        return " / ".join(str(part)[:40] for part in item if part)
    for fields in (("value", "unit"), ("kind", "participants"), ("speaker", "starts")):
        if all(hasattr(item, name) for name in fields):
            return " ".join(str(getattr(item, name)) for name in fields)
    return str(item)


def attribute_tally(
    found: Sequence[tuple[str, str | None, Sequence[str]]], right: Callable[[str, str], bool]
) -> Tally:
    """How a found fact's attribute (a person's title, an organisation's kind) compares with
    the gold's, over the ``(fact, predicted value, gold values)`` of facts whose gold states
    one: recall is the share given a right value, precision the share of values given that
    are right."""
    tally = Tally()
    for fact, value, expected in found:
        tally.gold += 1
        tally.predicted += value is not None
        if value is not None and any(right(value, gold) for gold in expected):
            tally.found += 1
            tally.correct += 1
        else:
            tally.missed.append(f"{fact}: {expected[0]!r}, got {value!r}")
    return tally


def covers_title(predicted: str, gold: str) -> bool:
    """A found title is right when it holds every word of the gold title (in any order; a
    note the annotator put in brackets, "(Russia)", is not a word of the title, nor is
    an article or a possessive one copied with it: "its founder" is the role "founder")."""
    gold = re.sub(r"\([^)]*\)", " ", gold)
    wanted = set(name_key(gold).split()) - _TITLE_FILLERS
    return bool(wanted) and wanted <= set(name_key(predicted).split())


_TITLE_FILLERS = frozenset({"of", "and", "for", "a", "an", "its", "his", "her", "their", "our"})


def name_key(name: str) -> str:
    """A name folded for comparison: case, accents, quotes, dashes, possessives, "the"."""
    name = unicodedata.normalize("NFKD", fold(name))
    name = "".join(c for c in name if not unicodedata.combining(c))
    name = re.sub(r"['\u2019]s\b", "", name.lower())
    name = re.sub(r"[^\w\s]", " ", name)
    return " ".join(w for w in name.split() if w != "the")


def same_person(gold: GoldName, predicted: str) -> bool:
    """Equal keys, or one name's words within the other's with the same surname."""
    words = name_key(predicted).split()
    if not words:
        return False
    for name in gold.names:
        known = name_key(name).split()
        if words == known:
            return True
        if (
            known
            and words[-1] == known[-1]
            and (set(words) <= set(known) or set(known) <= set(words))
        ):
            return True
    return False


def same_organization(gold: GoldName, predicted: Sequence[str | None]) -> bool:
    keys = {name_key(n) for n in predicted if n}
    for name in gold.names:
        known = name_key(name)
        if known in keys:
            return True
        for key in keys:
            shorter, longer = sorted((key.split(), known.split()), key=len)
            # "Industry and Trade Ministry" within "Russian Industry and Trade Ministry".
            contained = len(shorter) >= 2 and " ".join(shorter) in " ".join(longer)
            if contained and len(shorter) / len(longer) >= 0.6:
                return True
    return False
