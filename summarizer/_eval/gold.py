"""Gold annotations to score records against, and the datasets that provide them.

Three sources, one shape (:class:`Gold`):

- a directory of hand-made annotations, one JSON file per article, in the format of
  ``../shared/gold`` (people with aliases and titles, organisations, ISO country codes,
  figures with value and unit, quotes by their opening words, events, published date);
- CoNLL-2003 (JSONL with ``entities``): people <- PER, organisations <- ORG,
  countries <- LOC (and nationalities, MISC, as optional); prose documents only;
- NewsQuant (JSONL with ``quantities``): figures <- value and unit;
- Commodity News (JSONL with ``entities`` and ``events``): figures <- its money, price,
  production, quantity, percentage and number entities, value and unit read from the
  entity's own text and type; only the sentences that hold one.

A section a source does not annotate is ``None`` and is not scored.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeVar

from summarizer._cues.countries import country_code
from summarizer._cues.numbers import first_number, fraction_in
from summarizer._cues.quantities import SHARE_UNIT, currency_named, is_unit, unit_of_word
from summarizer._errors import InputError

DatasetKind = Literal["gold", "conll", "newsquant", "commodity"]
_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class GoldName:
    """A person or organisation: any of ``names`` refers to it."""

    names: tuple[str, ...]
    optional: bool = False

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


@dataclass
class Gold:
    """What an article contains, for the sections its source annotates."""

    people: list[GoldName] | None = None
    organizations: list[GoldName] | None = None
    countries: list[str] | None = None
    optional_countries: list[str] = field(default_factory=list)
    figures: list[GoldFigure] | None = None
    quotes: list[GoldQuote] | None = None
    events: list[GoldEvent] | None = None
    published: str | None = None
    has_published: bool = False

    @property
    def sections(self) -> list[str]:
        """The record sections needed to score this gold (template names)."""
        needed = {
            "people": self.people is not None or self.quotes is not None,
            "organizations": self.organizations is not None,
            "countries": self.countries is not None,
            "events": self.events is not None,
            "figures": self.figures is not None,
            "quotes": self.quotes is not None,
        }
        return [name for name, wanted in needed.items() if wanted]


@dataclass(frozen=True)
class Case:
    """One article to summarise and the gold to score its record against."""

    id: str
    text: str
    gold: Gold


# -- units ---------------------------------------------------------------------------

# Gold and dataset unit names -> our unit vocabulary (docs/units.md).
_UNIT_ALIASES = {
    "percentage": "percent",
    "%": "percent",
    "per cent": "percent",
    "ton": "tonne",
    "tons": "tonne",
    "tonnes": "tonne",
    "metric ton": "tonne",
    "dollar": "USD",
    "dollars": "USD",
    "$": "USD",
    "united states dollar": "USD",
    "euro": "EUR",
    "pound sterling": "GBP",
    "japanese yen": "JPY",
    "chinese yuan": "CNY",
    "yuan": "CNY",
    "indian rupee": "INR",
    "russian ruble": "RUB",
    "hong kong dollar": "HKD",
    "shekel": "ILS",
    "israeli new shekel": "ILS",
    "cent": "cent",
    "-": "count",  # a bare number: what our vocabulary calls a count
    # A share of a whole ("a third of"): NewsQuant writes it as a bare number (0.333, "-").
    "fraction": "count",
    "year of age": "year",
    "month of age": "month",
    "mega british thermal unit": "million btu",
    "megabit per second": "megabit per second",
    "brake horsepower": "horsepower",
    "foot pound-force": "pound-foot",
    "revolutions per minute": "revolution per minute",
    "parts-per-billion": "part per billion",
    "parts-per-million": "part per million",
    "people": "count",
    "person": "count",
    "unit": "count",
    "barrel per day": "barrel per day",
    "kilometre": "kilometre",
    "mile": "mile",
    "point": "point",  # of an index or a score; "percentage point" is its own unit
    "percentage point": "percentage point",
}


def unit_key(unit: str) -> str:
    """A unit in our vocabulary when we know it; a rate keeps its parts ("dollar per
    barrel" -> "USD per barrel"), money, a share or a count per month is money, a share
    or a count (docs/units.md), "barrel of oil" is a barrel.
    Any other unit names what is counted ("public housing property", "times"), which our
    vocabulary calls a count."""
    head, per, rest = unit.strip().partition(" per ")
    head = _unit_of(head) or _unit_of(head.partition(" of ")[0]) or head.lower()
    rest = _UNIT_ALIASES.get(rest.lower(), rest.lower())
    if per and (currency_named(head) or head in _PERIODIC) and rest in _TIMES:
        return head  # money per month, 5% a year: the time is the figure's period
    if whole := _unit_of(unit.strip()):
        return whole  # "megabit per second", "mile per hour"
    if per and is_unit(head):
        return f"{head} per {rest}"
    return head if is_unit(head) else "count"


_TIMES = frozenset({"second", "minute", "hour", "day", "week", "month", "year"})
_PERIODIC = frozenset({"percent", "percentage point", "count"})


def _unit_of(name: str) -> str | None:
    """Our unit for a dataset's unit name ("dollar", "barrel" of "barrel of oil",
    "square feet")."""
    unit = (
        _UNIT_ALIASES.get(name.lower())
        or currency_named(name)
        or unit_of_word(name.lower())
        or name.lower()
    )
    return unit if is_unit(unit) else None


# -- loading ---------------------------------------------------------------------------


def load_cases(
    gold: str | Path, articles: str | Path | None = None, kind: DatasetKind | None = None
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
        if kind == "gold":
            yield from _gold_directory(path, Path(articles or ""))
        elif kind == "conll":
            yield from _conll(path)
        elif kind == "commodity":
            yield from _commodity(path)
        else:
            yield from _newsquant(path)
    except (KeyError, TypeError, ValueError) as error:
        # A line or file of another shape than the dataset's: one line, not a traceback.
        raise InputError(f"{path}: not {kind} data as expected ({error!r})") from None


def _detect(path: Path) -> DatasetKind:
    if path.is_dir():
        return "gold"
    first = _first_object(path)
    if "entities" in first and "events" in first:
        return "commodity"
    if "entities" in first:
        return "conll"
    if "quantities" in first:
        return "newsquant"
    raise InputError(
        f"{path}: not a gold directory, CoNLL-2003 JSONL (entities), NewsQuant JSONL "
        "(quantities) or Commodity News JSONL (entities and events)"
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


def _gold_directory(directory: Path, articles: Path) -> Iterator[Case]:
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
        yield Case(id=article.stem, text=article.read_text(encoding="utf-8"), gold=_gold(data))


def _name(item: dict[str, Any]) -> GoldName:
    return GoldName(
        names=(item["name"], *item.get("aliases", [])), optional=bool(item.get("optional", False))
    )


def _gold(data: dict[str, Any]) -> Gold:
    """A gold file's annotations; a section it leaves out is not annotated (not scored),
    while an empty list says the article has none."""

    def section(key: str, read: Callable[[Any], _T]) -> list[_T] | None:
        items = data.get(key)
        return None if items is None else [read(item) for item in items]

    return Gold(
        people=section("people", _name),
        organizations=section("organizations", _name),
        countries=section("countries", str.upper),
        figures=section(
            "figures",
            lambda f: GoldFigure(
                value=float(f["value"]),
                unit=unit_key(f["unit"]),
                optional=bool(f.get("optional", False)),
            ),
        ),
        quotes=section("quotes", lambda q: GoldQuote(speaker=q["speaker"], starts=q["starts"])),
        events=section(
            "events",
            lambda e: GoldEvent(kind=e["kind"], participants=tuple(e.get("participants", []))),
        ),
        published=data.get("published"),
        has_published="published" in data,
    )


_CONLL_DATELINE = re.compile(r"^[A-Z][A-Z .'-]+\s+(\d{4}-\d\d-\d\d)\s*$", re.MULTILINE)


def _conll(path: Path) -> Iterator[Case]:
    for document in _jsonl(path):
        if document.get("likely_table_or_results"):
            continue  # sports tables and price lists: not prose
        text = document["text"]
        entities = document.get("entities", [])
        people = _people_from_mentions([e["text"] for e in entities if e["type"] == "PER"])
        organizations = list(dict.fromkeys(e["text"] for e in entities if e["type"] == "ORG"))
        countries = _codes(e["text"] for e in entities if e["type"] == "LOC")
        nationalities = _codes(e["text"] for e in entities if e["type"] == "MISC")
        dateline = _CONLL_DATELINE.search("\n".join(text.splitlines()[:3]))
        yield Case(
            id=document["id"],
            text=text,
            gold=Gold(
                people=people,
                organizations=[GoldName(names=(name,)) for name in organizations],
                countries=countries,
                optional_countries=[c for c in nationalities if c not in countries],
                published=dateline.group(1) if dateline else None,
                has_published=dateline is not None,
            ),
        )


def _people_from_mentions(mentions: list[str]) -> list[GoldName]:
    """Distinct people, as a reader counts them: "Simmons" and "SIMMONS" are "Phil
    Simmons" mentioned earlier; 'Roberto "Hands of Stone" Duran' is "Roberto Duran"."""
    people: dict[str, list[str]] = {}

    def words(name: str) -> list[str]:
        return re.findall(r"[\w'-]+", name.lower())

    for mention in sorted(dict.fromkeys(mentions), key=lambda m: -len(words(m))):
        mine = words(mention)
        owner = next(
            (
                name
                for name in people
                if (len(mine) == 1 and mine[0] in words(name))
                or (len(mine) > 1 and {mine[0], mine[-1]} <= set(words(name)))
                or (len(mine) > 1 and words(name)[0] == mine[0] and words(name)[-1] == mine[-1])
            ),
            None,
        )
        if owner is None:
            people[mention] = []
        else:
            people[owner].append(mention)
    order = {m: i for i, m in enumerate(dict.fromkeys(mentions))}
    ranked = sorted(people.items(), key=lambda item: order[item[0]])
    return [GoldName(names=(name, *aliases)) for name, aliases in ranked]


def _codes(mentions: Iterable[str]) -> list[str]:
    codes = (country_code(m) for m in mentions)
    return list(dict.fromkeys(c for c in codes if c))


def _newsquant(path: Path) -> Iterator[Case]:
    for sentence in _jsonl(path):
        figures = [
            GoldFigure(value=value, unit=unit_key(q.get("normalized_unit") or q["unit"]))
            for q in sentence.get("quantities", [])
            for value in _newsquant_values(str(q["value"]))
        ]
        yield Case(id=sentence["id"], text=sentence["text"], gold=Gold(figures=figures))


def _commodity(path: Path) -> Iterator[Case]:
    for sentence in _jsonl(path):
        figures = [
            figure
            for entity in sentence["entities"]
            if entity["type"] in _COMMODITY_FIGURES
            and (figure := _commodity_figure(entity["type"], entity["text"])) is not None
        ]
        if figures:
            yield Case(id=sentence["id"], text=sentence["text"], gold=Gold(figures=figures))


# Commodity News entity types that are figures.
_COMMODITY_FIGURES = frozenset(
    {"Percentage", "Money", "Price_unit", "Production_unit", "Quantity", "Number"}
)
_COMMODITY_THINGS = (
    ("tonne", r"\bton"),
    ("gallon", r"\bgallon"),
    ("cubic foot", r"cubic f"),
    ("million btu", r"thermal unit|mmbtu"),
)


def _commodity_figure(kind: str, text: str) -> GoldFigure | None:
    """A figure from an entity's text: "1.8 million barrels a day (bpd)" is 1800000
    barrel per day, "$110.19 a barrel" 110.19 USD per barrel, "55 cents" 55 cent."""
    # The corpus's tokenisation: "USD91 .52", "1.9-million-barrel".
    text = re.sub(r"(\d) \.(\d)", r"\1.\2", text).replace("-", " ")
    if kind == "Number" and (share := fraction_in(text)) is not None:
        return GoldFigure(value=share, unit=unit_key(SHARE_UNIT))  # "almost three quarters"
    if re.search(r"quarters?|thirds?|\bhalf\b", text):
        return None  # a fraction of a measure: "half a million barrels" is no value we read
    value = first_number(text)
    if value is None:
        return None
    lowered = text.lower()
    thing = next((name for name, pattern in _COMMODITY_THINGS if re.search(pattern, lowered)), None)
    money = "cent" if "cent" in lowered else "USD"
    if kind == "Money":
        unit = money
    elif kind == "Price_unit":
        unit = f"{money} per {thing or 'barrel'}"
    elif kind == "Quantity":
        unit = thing or "barrel"
    elif kind == "Production_unit":  # oil output, per day unless the text says otherwise
        unit = "barrel per day" if re.search(r"bpd|day", lowered) else (thing or "barrel")
    else:
        unit = "percent" if kind == "Percentage" else "count"
    return GoldFigure(value=value, unit=unit)


def _newsquant_values(value: str) -> list[float]:
    """A NewsQuant value: a number, or a range "252.0-287.0" whose ends the article
    states as two numbers (each one a figure for us)."""
    ends = re.fullmatch(r"\s*(-?[\d.]+)\s*-\s*(-?[\d.]+)\s*", value)
    try:
        return [float(end) for end in ends.groups()] if ends else [float(value)]
    except ValueError:
        return []  # not a number we can score against
