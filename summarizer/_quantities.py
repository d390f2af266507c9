"""Quantities in the text: every number with its unit, value and sentence, proposed to
the figures template as numbered candidates.

The unit vocabulary is documented in docs/units.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer._grounding import Match, Span, sentence_around
from summarizer._numbers import parse_number

_CURRENCY_SIGNS = {
    "$": "USD",
    "US$": "USD",
    "HK$": "HKD",
    "A$": "AUD",
    "C$": "CAD",
    "S$": "SGD",
    "£": "GBP",
    "€": "EUR",
    "¥": "JPY",
}
# Surface words after a number -> unit of the documented vocabulary (see docs/units.md).
_UNIT_WORDS = {
    "percent": "percent",
    "per cent": "percent",
    "%": "percent",
    "pc": "percent",
    "percentage points": "percentage point",
    "percentage point": "percentage point",
    "tons": "tonne",
    "ton": "tonne",
    "tonnes": "tonne",
    "tonne": "tonne",
    "mt": "tonne",
    "barrels": "barrel",
    "barrel": "barrel",
    "bpd": "barrel per day",
    "dollars": "USD",
    "dollar": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "rubles": "RUB",
    "roubles": "RUB",
    "rials": "IRR",
    "rupees": "INR",
    "soles": "PEN",
    "rand": "ZAR",
    "francs": "CHF",
    "lira": "TRY",
    "naira": "NGN",
    "riyals": "SAR",
    "dirhams": "AED",
    "kronor": "SEK",
    "pesos": "MXN",
    "reais": "BRL",
    "km": "kilometre",
    "kilometres": "kilometre",
    "kilometers": "kilometre",
    "miles": "mile",
    "megawatts": "megawatt",
    "mw": "megawatt",
    "gigawatts": "gigawatt",
    "people": "count",
    "workers": "count",
    "jobs": "count",
    "employees": "count",
    "users": "count",
    "customers": "count",
    "homes": "count",
    "units": "count",
    "cars": "count",
    "vehicles": "count",
    "copies": "count",
    "votes": "count",
    "years": "year",
    "year": "year",
    "months": "month",
    "month": "month",
    "days": "day",
    "day": "day",
    "points": "point",
    "pts": "point",
    "cents": "cent",
    "shekels": "ILS",
    "won": "KRW",
    "rupiah": "IDR",
    "ringgit": "MYR",
    "baht": "THB",
}
# Measures, written singular or plural, spelled out or abbreviated: "47-foot", "3.5 seconds",
# "600 hp", "120 decibels". Each becomes its singular spelled-out name.
_MEASURES = {
    "inch": ("inch", "inches"),
    "foot": ("foot", "feet", "ft"),
    "yard": ("yard", "yards", "yd"),
    "metre": ("metre", "metres", "meter", "meters"),
    "centimetre": ("centimetre", "centimetres", "centimeter", "centimeters", "cm"),
    "millimetre": ("millimetre", "millimetres", "millimeter", "millimeters", "mm"),
    "kilometre": ("kilometre", "kilometer"),
    "mile": ("mile",),
    "litre": ("litre", "litres", "liter", "liters"),
    "gallon": ("gallon", "gallons"),
    "kilogram": ("kilogram", "kilograms", "kg", "kilos"),
    "gram": ("gram", "grams"),
    "horsepower": ("horsepower", "hp", "bhp"),
    "watt": ("watt", "watts"),
    "kilowatt": ("kilowatt", "kilowatts", "kw"),
    "megawatt": ("megawatt",),
    "hertz": ("hertz", "hz"),
    "kilohertz": ("kilohertz", "khz"),
    "megahertz": ("megahertz", "mhz"),
    "gigahertz": ("gigahertz", "ghz"),
    "decibel": ("decibel", "decibels", "db"),
    "degree": ("degree", "degrees"),
    "celsius": ("celsius",),
    "fahrenheit": ("fahrenheit",),
    "second": ("second", "seconds", "secs"),
    "minute": ("minute", "minutes", "mins", "min"),
    "hour": ("hour", "hours", "hrs"),
    "week": ("week", "weeks"),
    "megabyte": ("megabyte", "megabytes", "mb"),
    "gigabyte": ("gigabyte", "gigabytes", "gb"),
    "terabyte": ("terabyte", "terabytes", "tb"),
    "acre": ("acre", "acres"),
    "hectare": ("hectare", "hectares"),
    "mile per hour": ("mph",),
    "kilometre per hour": ("kph", "km/h"),
    "mile per gallon": ("mpg",),
}
_UNIT_WORDS.update({word: unit for unit, words in _MEASURES.items() for word in words})
# "1.2 million barrels per day", "$58.24 per barrel", "160 miles an hour": a rate.
_PER = {
    "hour": "hour",
    "day": "day",
    "gallon": "gallon",
    "barrel": "barrel",
    "year": "year",
    "month": "month",
    "week": "week",
    "tonne": "tonne",
    "ton": "tonne",
    "share": "share",
    "head": "person",
    "person": "person",
    "capita": "person",
    "second": "second",
}
_TIMES = frozenset({"hour", "day", "year", "month", "week", "second"})
MONTH_NAMES = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_NUMBER = re.compile(
    r"(?P<currency>(?:US|HK|A|C|S)\$|[$£€¥])?\s?"
    r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion|mln|mn|bn|tn|[mbk])\b)?"
    # "percentage points" before "percent", which would match its first seven letters.
    r"(?:(?:\s|-|\s?\u00b0)?(?P<unit>%|per cent|percentage points?|percent|pc\b|km/h\b|"
    r"sq ?m\b|sq ?ft\b|square [A-Za-z]+|(?!(?:per|an?)\s)[A-Za-z]+))?"
    rf"(?:\s(?:per|an?)\s(?P<per>{'|'.join(_PER)})\b)?"
)
_DATE_BEFORE = re.compile(rf"(?:{MONTH_NAMES})\.?\s*$")
_DATE_AFTER = re.compile(rf"^(?:st|nd|rd|th)?\s*(?:of\s+)?(?:{MONTH_NAMES})\b")


@dataclass(frozen=True, slots=True)
class NumberCandidate:
    """A number mention: ``surface`` is verbatim at ``span``; ``context`` is its sentence."""

    id: int
    surface: str
    value: float
    unit: str
    span: Span
    context: Span

    def hint(self) -> str:
        return (
            f"[{self.id}] {self.surface} (value {self.value:g}, unit {self.unit}): {self.window()}"
        )

    def window(self, words: int = 12) -> str:
        before = self.context.text[: self.span.start - self.context.start].split()[-words:]
        after = self.context.text[self.span.end - self.context.start :].split()[:words]
        return " ".join([*before, self.surface, *after])


def number_candidates(article: str) -> list[NumberCandidate]:
    """Every quantity mention that is not a date, a year or part of a code, numbered from 1."""
    found: list[NumberCandidate] = []
    for match in _NUMBER.finditer(article):
        if _is_date_year_or_code(article, match):
            continue
        currency = _CURRENCY_SIGNS.get(match["currency"] or "")
        scale = match["scale"]
        # "5m" is five million only after a currency sign; "5 m" alone may be metres.
        if scale and len(scale) == 1 and not currency:
            scale = None
        # After a currency's number a word is the sentence's, not a unit ("$5bn in aid").
        unit_word = "" if currency else (match["unit"] or "").lower()
        known_unit = _unit_of(unit_word)
        if known_unit is None and _is_counted_noun(match["unit"]):
            known_unit = "count"  # "233 individuals", "37 entities"
        unit = currency or known_unit or "count"
        start = match.start("currency") if currency else match.start("number")
        end = match.end("number")
        if scale:
            end = match.end("scale")
        if known_unit and (scale or not match["scale"]):
            end = match.end("unit")
        # A rate right after the unit ("barrels per day") or a price per thing ("$58 a
        # barrel"); money per year or month is the figure's period, not its unit.
        per = _PER.get(match["per"] or "")
        if per and (
            (known_unit and end == match.end("unit"))
            or (currency and per not in _TIMES and match["unit"] is None)
        ):
            unit = f"{unit} per {per}"
            end = match.end("per")
        span = Span(start, end, article[start:end], Match.EXACT)
        found.append(
            NumberCandidate(
                id=len(found) + 1,
                surface=span.text,
                value=parse_number(match["number"], scale),
                unit=unit,
                span=span,
                context=sentence_around(article, start, end),
            )
        )
    return found


# Words that end in "s" after a number without being what it counts ("$4.8 billion this year").
_NOT_COUNTED = frozenset(
    "this thus his its was has is as us plus less across always towards versus unless "
    "whereas perhaps besides afterwards nevertheless".split()
)


_SQUARE_SHORT = {
    "sq m": "square metre",
    "sqm": "square metre",
    "sq ft": "square foot",
    "sqft": "square foot",
}


def _unit_of(word: str) -> str | None:
    """The vocabulary's unit for the word after a number: "feet" -> "foot", "square
    metres" -> "square metre"; None for a word the vocabulary does not know."""
    word = _SQUARE_SHORT.get(word, word)
    if word.startswith("square "):
        measure = _UNIT_WORDS.get(word.removeprefix("square "))
        return f"square {measure}" if measure in _MEASURES else None
    return _UNIT_WORDS.get(word)


def _is_counted_noun(word: str | None) -> bool:
    return (
        word is not None
        and word.isalpha()
        and word.islower()
        and len(word) > 3
        and word.endswith("s")
        and word not in _NOT_COUNTED
    )


def _is_date_year_or_code(article: str, match: re.Match[str]) -> bool:
    start, end = match.start("number"), match.end("number")
    if start > 0 and (article[start - 1].isalpha() or article[start - 1] in "-/:."):
        return True  # part of a code, a ratio, a time or a version ("Q4", "24/7", "v2.1")
    if end < len(article) and article[end] in "/:":
        return True
    if _DATE_BEFORE.search(article, max(0, start - 12), start):
        return True
    if _DATE_AFTER.match(article[end : end + 20].lstrip()):
        return True
    number = match["number"]
    is_year = len(number) == 4 and number.isdigit() and 1900 <= int(number) <= 2100
    return is_year and not (match["currency"] or match["scale"])
