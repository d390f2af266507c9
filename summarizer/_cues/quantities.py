"""Quantities in the text: every number with its unit, value and sentence, proposed to
the figures template as numbered candidates.

The unit vocabulary is documented in docs/units.md.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pycountry

from summarizer._cues.countries import country_code
from summarizer._cues.lexicon import MONTH_WORDS, alternation
from summarizer._cues.numbers import (
    SCALE_WORDS,
    SPELLED_WORDS,
    WordQuantity,
    is_number_word,
    parse_number,
    scale_factor,
    states_value,
    word_quantities,
)
from summarizer._grounding import Match, Span, sentence_around

# Money written before its number, spaces removed: "$5", "US$5", "US $5", "$US5", "HK$5".
_CURRENCY_SIGNS = {
    "$": "USD",
    "US$": "USD",
    "$US": "USD",
    "HK$": "HKD",
    "$HK": "HKD",
    "A$": "AUD",
    "AU$": "AUD",
    "$A": "AUD",
    "NZ$": "NZD",
    "$NZ": "NZD",
    "C$": "CAD",
    "S$": "SGD",
    "R$": "BRL",
    "Rs": "INR",
    "Rs.": "INR",
    "RM": "MYR",
    "£": "GBP",
    "€": "EUR",
    "¥": "JPY",
    # As scraped feeds render signs: "PS2.7m" is £2.7m, Reuters' "Y=590 billion" is yen.
    "PS": "GBP",
    "Y=": "JPY",
}
# ISO 4217 codes that are also English words, and so are not read as money in capitals
# ("SALES TOP 5 MILLION").
_CODES_THAT_ARE_WORDS = frozenset({"ALL", "TOP", "CUP", "MOP", "BOB", "SOS", "MAD", "GEL"})
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
    "inch": ("inch", "inches", "\u2033"),  # the double prime: 25.5\u2033
    "foot": ("foot", "feet", "ft", "\u2032"),  # the prime
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
    "pound-mass": ("lb", "lbs"),
    "ounce": ("ounce", "ounces", "oz"),
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
    "millilitre": ("millilitre", "millilitres", "milliliter", "milliliters", "ml"),
    "milligram": ("milligram", "milligrams", "mg"),
    "basis point": ("basis point", "basis points", "bps", "bp"),
    "kilowatt hour": ("kwh",),
    "megawatt hour": ("mwh",),
    "gigawatt hour": ("gwh",),
    "terawatt hour": ("twh",),
    # Torque, as car news gives it.
    "pound-foot": ("lb-ft", "lb ft", "lb-feet", "pound-feet", "pound-foot", "pound feet"),
    "newton metre": ("newton metres", "newton meters", "newton-metres", "newton-meters"),
    "revolution per minute": ("rpm",),
    "point per game": ("ppg",),
    "rebound per game": ("rpg",),
    "assist per game": ("apg",),
    "cubic foot": ("cubic feet", "cubic foot"),
    "cubic metre": ("cubic metres", "cubic meters", "cubic metre", "cubic meter"),
    "part per million": ("ppm", "parts per million"),
    "part per billion": ("ppb", "parts per billion"),
    "nanometre": ("nanometre", "nanometres", "nanometer", "nanometers"),
    "micrometre": (
        "micrometre",
        "micrometres",
        "micrometer",
        "micrometers",
        "microns",
        "\u03bcm",
        "\u00b5m",
    ),
    "calorie": ("calorie", "calories"),
    "mile per hour": ("mph", "m.p.h"),
    "kilometre per hour": ("kph", "km/h", "km/hr", "kmh"),
    "mile per gallon": ("mpg",),
    "kilobit per second": ("kbps",),
    "megabit per second": ("mbps",),
    "gigabit per second": ("gbps",),
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
    "mmbtu": "million btu",
    "ounce": "ounce",
    "oz": "ounce",
    "gram": "gram",
    "kilogram": "kilogram",
    "kg": "kilogram",
    "litre": "litre",
    "liter": "litre",
    "game": "game",
    "square foot": "square foot",
    "square feet": "square foot",
    "sq ft": "square foot",
    "square metre": "square metre",
    "square meter": "square metre",
    "sq m": "square metre",
}
_TIMES = frozenset({"hour", "day", "year", "month", "week", "second"})
# A share of a whole written in words ("a third of", "one in five"), as a number from 0 to 1.
SHARE_UNIT = "fraction"
_VOCABULARY = frozenset({*_UNIT_WORDS.values(), *_MEASURES, *_CURRENCY_SIGNS.values(), SHARE_UNIT})
MONTH_NAMES = alternation(MONTH_WORDS, capitalised=True)
_NUMBER = re.compile(
    # A sign only where it is written against the number: "-1.3%", "+0.2%".
    r"(?P<sign>[-+\u2212](?=[$£€¥\d]))?"
    r"(?P<currency>(?:US|HK|NZ|AU|C|S)\s?\$|(?:A|R)\$|\$(?:US|HK|NZ|A)(?=\d)|"
    r"(?:Rs\.?|RM)(?=\s?\d)|[$£€¥]|Y=(?=\d)|"
    # "PS" for £ only before what is money-like: "PS2.7m", "PS21,700"; "PS5" is a console.
    rf"PS(?=\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?\s?(?:{SCALE_WORDS}|[mk])\b)|"
    r"[A-Z]{3}(?=\s?\d))?"
    # A sign after the sign of money: "$-50.8bn".
    r"(?P<late_sign>(?<=[$£€¥])[-\u2212](?=\d))?\s?"
    # ".001 per cent" too, where nothing before makes the dot an abbreviation's.
    r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|(?<![\w.])\.\d+)"
    rf"(?:\s?(?P<scale>{SCALE_WORDS}|[mbkMBK](?!\.\w))\b)?"
    # "percentage points" before "percent", which would match its first seven letters.
    r"(?:(?:\s|-)?(?P<unit>%|per cent|percentage points?|percent|pc\b|basis points?|"
    r"[\u03bc\u00b5]m\b|[\u2033\u2032]|"
    r"(?:lb|pound)[\s-](?:ft|feet|foot)\b|newton[\s-]met(?:re|er)s?|cubic [a-z]+|"
    r"parts? per [mb]illion|"
    # Temperatures as scraped text writes the degree sign too: "25\u00b0C", "2.14degF".
    r"(?:\u00b0|deg(?:rees?)?)\s?(?:[Cc]elsius|[Ff]ahrenheit|C|F)\b|\u00b0|"
    r"[€£](?!\w)|km/hr?\b|m\.p\.h\b|sq ?m\b|sq ?ft\b|(?:k?m|ft)[2\u00b2](?!\w)|square [A-Za-z]+|"
    r"(?!(?:per|an?)\s)[A-Za-z]+))?"
    # "52,000 barrel-a-day" too.
    rf"(?:[\s-](?:per|an?)[\s-](?P<per>(?i:{'|'.join(_PER)}))\b)?"
)
# Small numbers spelled out before a unit: "seven miles", "three million barrels".
_SPELLED_NUMBER = re.compile(
    rf"\b(?P<number>{SPELLED_WORDS})"
    r"(?:\s(?P<scale>(?:hundred\s)?(?:thousand|million|billion)|hundred))?"
    r"(?P<joint>[\s-])(?P<unit>per cent|percentage points?|[a-z]+)\b",
    re.IGNORECASE,
)
# Between the two ends of a range: "15-22 mph", "200,000 to 260,000 years", "5 or 6 percent".
_RANGE = re.compile(r"-?\s?(?:[-\u2013]|to-?|and|or)\s?")  # "7- or 8-inch" too
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


@dataclass(slots=True)
class _Reading:
    """One number as read from the text, before ranges lend their units."""

    start: int
    end: int
    number_start: int
    value: float
    unit: str | None  # None: a bare number, which the vocabulary calls a count
    scaled: bool
    joined: bool  # hyphened to the word or number before: "now-18", the 22 of "15-22"
    spelled: bool = False  # "eight" of "eight or nine euros" is no quantity without a unit


def number_candidates(article: str) -> list[NumberCandidate]:
    """Every quantity mention that is not a date, a year, part of a code or part of a
    name ("Stoxx 50"), numbered from 1 in the order of the text."""
    in_words = list(word_quantities(article))
    numerals = [
        *filter(None, (_read(article, m) for m in _NUMBER.finditer(article))),
        *_spelled(article),
    ]
    readings = sorted(
        [
            # "five" of "one in five adults", "thirds" of "two thirds of": the quantity in
            # words is the figure.
            *(
                n
                for n in numerals
                if not any(q.start < n.end and n.start < q.end for q in in_words)
            ),
            *(reading for quantity in in_words for reading in _word_readings(article, quantity)),
        ],
        key=lambda reading: reading.start,
    )
    _lend_range_units(article, readings)
    _lend_level_units(article, readings)
    _lend_converted_units(article, readings)
    for reading in readings:
        if reading.unit is None and _is_age(article, reading):
            reading.unit = "year"
    readings = [r for r in readings if r.unit is not None or not r.spelled]
    # "2019-20", a score "3-1", "covid-19": a bare number hyphened to the one before is
    # no quantity of anything, and neither is a bare number it is hyphened to.
    unitless = {
        index
        for index, reading in enumerate(readings)
        if reading.joined and reading.unit is None and not reading.scaled
    }
    unitless |= {
        index - 1
        for index in unitless
        if index > 0
        and readings[index - 1].unit is None
        and not readings[index - 1].scaled
        and readings[index - 1].end == readings[index].start - 1
    }
    found: list[NumberCandidate] = []
    for index, reading in enumerate(readings):
        if index in unitless:
            continue
        context = sentence_around(article, reading.start, reading.end)
        # A figure's evidence is this sentence, and a record holds only values its
        # evidence states: a reading the sentence cannot be shown to state ("thousands"
        # read as 1000) would fail the record, so it is no candidate.
        if not states_value(context.text, reading.value):
            continue
        span = Span(reading.start, reading.end, article[reading.start : reading.end], Match.EXACT)
        found.append(
            NumberCandidate(
                id=len(found) + 1,
                surface=span.text,
                value=reading.value,
                unit=reading.unit or "count",
                span=span,
                context=context,
            )
        )
    return found


def _read(article: str, match: re.Match[str]) -> _Reading | None:
    """The reading of one match of _NUMBER, or None when it is no quantity."""
    sign = match["sign"] or match["late_sign"]
    currency = _currency(match["currency"])
    # Capitals before a number that are no currency are the text's ("GDP 5"): not ours.
    lead = match.start() if currency or sign else match.start("number")
    before = article[lead - 1] if lead else " "
    joined = False
    if sign and (before.isalnum() or before in "-/"):
        if sign != "-" or before.isupper() or not before.isalnum():
            return None  # "COVID-19", "F-16", "2+2"
        joined, sign, lead = True, None, lead + 1  # "15-22", "now-18", "to-260,000"
    elif not sign and (before.isalpha() or before in "-/:."):
        return None  # part of a code, a ratio, a time or a version ("Q4", "24/7", "v2.1")
    start = lead
    if _is_date_year_or_code(article, match, scaled=bool(currency or match["scale"])):
        return None
    scale = match["scale"]
    # After a currency's number a word is the sentence's, not a unit ("$5bn in aid").
    unit_word = "" if currency else (match["unit"] or "")
    known_unit = (
        unit_of_word(unit_word.lower())
        or _currency_code(unit_word)
        or _SYMBOLS.get(unit_word)  # "45g", "5 W"; "5G" is a network
    )
    if unit_word.lower() in _NOT_UNITS:
        return None  # a time of day ("1.56pm", "0401 GMT") or a rank ("10th place")
    if (
        match["unit"]
        and not currency
        and not scale
        and not joined  # a score: "the 2-0 Uefa Cup win"
        and not _GROUPED.fullmatch(match["number"])  # "25,000 Community Support Officers"
        and _IN_A_TITLE.match(article, match.start("unit"))
        and not _national_money(article, match.start("unit"))  # "9.99 New Zealand dollars"
    ):
        return None  # "24 Hour Party People", "The 39 Steps Ahead": a title
    if known_unit is None and not currency and _is_counted_noun(match["unit"]):
        known_unit = "count"  # "233 individuals", "37 entities"
    unit_end = match.end("unit")
    if scale and len(scale) == 1 and not currency:
        # "5m" is five million after a currency sign; alone it is a million only before
        # what it counts ("35m viewers", "8 B people", "10m years"), else metres ("a 100m
        # sprint") or nothing we can tell ("5 m").
        word_unit = known_unit
        scale, known_unit = _letter_scale(match, known_unit)
        if (scale is None and known_unit == "metre") or (scale and word_unit is None):
            # The "m" of "100m" is its unit; "35m of its devices" counts, but "of" is
            # no unit.
            unit_end = match.end("scale")
    attached = match["unit"] and match.start("unit") == match.end("number")
    if known_unit is None and attached and unit_word.isupper():
        return None  # a code: "5G", "3D", "4K"
    if known_unit is None and not currency and match["unit"]:
        # "7,199 Chinese yuan", "517 rushing yards": the unit is one word further on.
        found = _national_money(article, match.start("unit")) or _unit_after_word(
            article, unit_word, unit_end
        )
        if found:
            known_unit, unit_end = found
    unit = currency or known_unit
    end = match.end("number")
    if scale:
        end = match.end("scale")
    if known_unit and (scale or not match["scale"] or unit_end == match.end("scale")):
        end = unit_end
    # A rate right after the unit ("barrels per day") or a price per thing ("$58 a
    # barrel"); money, a share or a count per year or month is the figure's period, not
    # its unit ("growing five percent a year").
    per = _PER.get((match["per"] or "").lower())
    if per and (
        (known_unit and end == match.end("unit") and not (per in _TIMES and _periodic(known_unit)))
        or (currency and per not in _TIMES and match["unit"] is None)
    ):
        unit = f"{unit} per {per}"
        end = match.end("per")
    if (
        unit is None
        and not scale
        and not sign
        and (_names_it(article, start) or _ADDRESS_AFTER.match(article, end))
    ):
        return None
    value = parse_number(match["number"], scale)
    if _MINUS.search(article, max(0, start - 6), start):
        sign = "-"  # "minus 387 Fahrenheit"
    return _Reading(
        start=start,
        end=end,
        number_start=match.start("number"),
        value=-value if sign in ("-", "\u2212") else value,
        unit=unit,
        scaled=bool(scale),
        joined=joined,
    )


def _periodic(unit: str) -> bool:
    """Whether a time after ``unit`` is the figure's period ("5% a year", "$3,500 a
    month", "78,000 times a minute") rather than part of a rate ("barrels per day")."""
    return unit in ("percent", "percentage point", "count") or unit in _iso_currencies()


# Length units, which a one-letter "m" after a number is not a scale for, and words
# that make that "m" metres.
_LENGTHS = frozenset({"metre", "foot", "inch", "yard", "centimetre", "millimetre", "kilometre"})
_METRES_BEFORE = frozenset(
    "high tall long wide deep away above below sprint race hurdles freestyle backstroke "
    "butterfly breaststroke medley relay dash drop fall champion champions final "
    "finals heats gold silver bronze record title titles medal medals personal runner "
    "runners specialist hurdler hurdlers swimmer swimmers finalist".split()
)
# The distances races are run over, in a sentence about a race: "the 1500m at the
# games", "800m and 1500m" ("net users number 100m" is a count).
_RACE_METRES = frozenset({60, 100, 110, 200, 400, 800, 1000, 1500, 3000, 5000, 10000})
_RACE_WORDS = re.compile(
    r"\b(?:men's|women's|olympics?|indoor|outdoor|athlet\w*|race[sd]?|ran|run|won|win|"
    r"champion\w*|medal\w*|gold|silver|bronze|titles?|finals?|heats?|seconds)\b",
    re.IGNORECASE,
)
# Part of a known set ("35m of its Echo devices", "1.1m of the homes"): a count.
_PART_OF = re.compile(r"\s+of\s+(?:the|its|their|his|her|these|those|our|all)\b")
# Up to four words, then what is counted: "2.7m combined digital and physical sales".
_WORDS_AHEAD = re.compile(r"(?:\s+[a-z]+\b){1,5}")
# Where the words stop describing the number's noun: a preposition, an article or a verb.
# Not _FUNCTION_WORDS: "and" goes on ("digital and physical sales").
_CLAUSE_WORDS = frozenset(
    "to the a an of in on at for by with from that which who is was were are be been has "
    "have had will would could can may".split()
)
# Metres given in feet too: "the 37m (121ft)-long skeleton".
_IN_FEET = re.compile(r"\s*\(\s*[\d.,]+\s?(?:ft|feet|foot|yards?|yd)\b")


def _letter_scale(match: re.Match[str], unit: str | None) -> tuple[str | None, str | None]:
    """The scale and unit of a number with a one-letter scale and no currency sign.

    "35m viewers", "8 B people", "2m barrels", "25k" (thousands), "35m of its devices",
    "2.7m combined sales"; "a 100m sprint", "5m high" and "the 1500m at the games" are
    metres; "5 m" and "a 2.7m wall" are left unscaled."""
    letter = match["scale"]
    attached = match.start("scale") == match.end("number")
    if letter == "m" and attached and (match["unit"] or "").lower() in _METRES_BEFORE:
        return None, "metre"  # before the count: "110m hurdles" is no 110 million
    counts = unit is not None and unit not in _LENGTHS and unit != "percent"
    if letter in "mbB" and counts:
        return letter, unit
    if letter == "k" and unit is None:
        return letter, None
    if letter != "m" or not attached or unit is not None:
        return None, unit
    after = match.string[match.end("scale") :]
    if _PART_OF.match(after):
        return letter, "count"
    if _IN_FEET.match(after) or _a_race(match):
        return None, "metre"
    for word in ahead.group().split() if (ahead := _WORDS_AHEAD.match(after)) else []:
        if _is_counted_noun(word):
            return letter, "count"
        if word in _CLAUSE_WORDS:
            break  # "a 40m penalty to give the visitors": the noun is another's
    return None, None


def _a_race(match: re.Match[str]) -> bool:
    """Whether "100m" is a race's distance: one of theirs, in a sentence about races."""
    if parse_number(match["number"], None) not in _RACE_METRES:
        return False
    text = match.string
    return bool(_RACE_WORDS.search(text, max(0, match.start() - 80), match.end() + 80))


# An adjective of a country before its money: "Australian dollars", "U.S. dollars",
# "Hong Kong dollars", "Danish crowns".
_NATIONAL_MONEY = re.compile(
    r"(?P<country>U\.S\.|[A-Z][a-z]+(?: [A-Z][a-z]+)?) (?P<money>[a-z]+)\b"
)
_MONEY_WORDS = frozenset(
    {word for word, unit in _UNIT_WORDS.items() if unit.isupper() and len(unit) == 3}
    | set(
        "dollar crown crowns krone kroner krona franc peso rupee riyal dirham dinar dinars "
        "rouble ruble shekel pound renminbi real rand".split()
    )
)


def _national_money(article: str, start: int) -> tuple[str, int] | None:
    """The ISO 4217 code and end of "<country adjective> <money>" at ``start``."""
    match = _NATIONAL_MONEY.match(article, start)
    if match is None or match["money"] not in _MONEY_WORDS:
        return None
    country = country_code(match["country"])
    code = _national_currency(country, match["money"]) if country else None
    return (code, match.end()) if code else None


@functools.lru_cache(maxsize=256)
def _national_currency(country: str, money: str) -> str | None:
    """The currency of ``country`` (ISO 3166 alpha-2) that ``money`` names.

    ISO 4217 codes open with the country's code; where a country has several (funds,
    indexed units), the one whose name or code letter agrees with the word is it."""
    codes = sorted(c for c in _iso_currencies() if c.startswith(country))
    if len(codes) == 1:
        return codes[0]
    stem = money[:3]
    named = [code for code in codes if stem in _currency_name(code).lower()]
    lettered = [code for code in named if code[2] == money[0].upper()]
    return next(iter(lettered or named), None)


def _currency_name(code: str) -> str:
    currency = pycountry.currencies.get(alpha_3=code)
    return str(currency.name) if currency else ""


# Words that never stand between a number and its unit.
_FUNCTION_WORDS = frozenset(
    "of to in on at by for from and or than per a an the as with into over under "
    "between about after before last next this that these those each every its their his "
    "her our my your some any no".split()
)
_NEXT_WORD = re.compile(r" (?P<word>[a-z]+)\b")
_WORD_AHEAD = re.compile(r" (?P<word>[A-Za-z]+)\b")


def _unit_after_word(article: str, word: str, start: int) -> tuple[str, int] | None:
    """The unit one word after the number: "517 rushing yards", "50 previous years"."""
    if not word.isalpha() or not word.islower() or word in _FUNCTION_WORDS:
        return None
    following = _NEXT_WORD.match(article, start)
    unit = unit_of_word(following["word"]) if following else None
    if following is None or unit is None or unit == "count":
        return None
    return unit, following.end()


def _word_readings(article: str, quantity: WordQuantity) -> Iterator[_Reading]:
    """One reading per value of a quantity written in words alone: a share is a
    `fraction`; the others count what follows them, in its unit ("hundreds of miles",
    "a million dollar house", "dozens of people")."""
    unit, end = SHARE_UNIT, quantity.end
    if not quantity.share:
        unit = "count"
        counted = _COUNTED_AFTER.match(article, quantity.end)
        if counted and (known := unit_of_word(counted["word"].lower())):
            unit = known
            if not counted["of"]:
                end = counted.end()  # "a million dollar": the unit is part of the mention
    for value in quantity.values:
        yield _Reading(quantity.start, end, quantity.start, value, unit, True, False, True)


# What an order of magnitude or "a" and a scale count: "of miles", "of the dollars", "people".
_COUNTED_AFTER = re.compile(r"(?P<of>\sof(?:\s(?:the|their|its))?)?\s(?P<word>[A-Za-z]+)\b")


def _spelled(article: str) -> Iterator[_Reading]:
    """Spelled-out numbers before a unit ("seven miles", "three million barrels") or
    before what they count ("two kids", "seven European countries"). A count after a
    determiner refers back to things already named ("the two countries", "both sides"),
    and "one" is mostly a word ("one day he"): neither is offered."""
    for match in _SPELLED_NUMBER.finditer(article):
        word, unit_word = match["number"].lower(), match["unit"]
        unit: str | None = unit_of_word(unit_word.lower())
        if match["joint"] == "-" and unit in (None, "count"):
            continue  # "two-way", "five-star": a description, not a measure
        # "one of the", "one day": a word, unless a range's far end lends it a unit ("one
        # to two years"); "one per cent" is a quantity.
        if (
            word in ("zero", "one")
            and not match["scale"]
            and unit in (None, "count", "day")
            and unit_word.lower() not in ("or", "to")
        ):
            continue
        end = match.end()
        if unit is None or unit == "count":
            if _DETERMINER_BEFORE.search(article, max(0, match.start() - 12), match.start()):
                continue
            counted = ("count", end) if unit else _spelled_count(article, match)
            if (
                counted is None
                and match["scale"]
                and match["unit"].lower() not in ("or", "to", "and")
                and not is_number_word(match["unit"])  # "thousand six hundred"
            ):
                # "three million PSPs", "five million by 2010": a scale makes a count, of
                # the plural that follows or of nothing named.
                plural = match["unit"].endswith("s") and match["unit"].lower() not in _NOT_COUNTED
                counted = ("count", end if plural else match.start("joint"))
            if counted is None:
                continue
            unit, end = counted
        value = parse_number(word, match["scale"])
        scaled = bool(match["scale"])
        yield _Reading(match.start(), end, match.start(), value, unit, scaled, False, True)


_DETERMINER_BEFORE = re.compile(
    r"\b(?:the|these|those|its|their|his|her|our|my|your|both|all|other|another|first|"
    r"last|next|every|each)\s$",
    re.IGNORECASE,
)
_IRREGULAR_PLURALS = frozenset({"men", "women", "children"})


def _spelled_count(article: str, match: re.Match[str]) -> tuple[str | None, int] | None:
    """What a spelled number counts, and where its mention ends: "eight changes", "four
    different bosses"; or no unit yet before a range's far end ("eight or nine euros")."""
    unit_word = match["unit"]
    if unit_word.lower() in ("or", "to"):
        return None, match.start("unit") - 1
    if _is_counted_noun(unit_word) or unit_word in _IRREGULAR_PLURALS:
        return "count", match.end()
    if unit_word.lower() in _FUNCTION_WORDS:
        return None
    # Up to two words describe what is counted: "four different bosses", "eight straight
    # World Cups".
    previous, position = unit_word, match.end()
    for _ in range(2):
        noun = _WORD_AHEAD.match(article, position)
        if noun is None:
            break
        word = noun["word"]
        if _is_counted_noun(word) or word in _IRREGULAR_PLURALS or _a_names_plural(previous, word):
            return "count", noun.end()
        if word.lower() in _FUNCTION_WORDS:
            break
        previous, position = word, noun.end()
    return None


def _a_names_plural(previous: str, word: str) -> bool:
    """ "World Cups", "Grand Slams": the plural ending a capitalised name."""
    return previous[:1].isupper() and word[:1].isupper() and word.endswith("s") and len(word) > 3


def _lend_range_units(article: str, readings: list[_Reading]) -> None:
    """The two ends of a range share what one of them states: "15-22 miles per hour" is
    two speeds, "$3-4 billion" two sums of billions of dollars. "and" makes a range only
    after "between" ("aged 21 and 144 days" is one age)."""
    for first, second in itertools.pairwise(readings):
        between = _RANGE.fullmatch(article, first.end, second.start)
        if between is None:
            continue
        if between.group(0).strip() == "and" and not _BETWEEN.search(
            article, max(0, first.start - 9), first.start
        ):
            continue
        if first.unit is None and second.unit is not None:
            first.unit = second.unit
        elif second.unit is None and first.unit is not None and second.joined:
            second.unit = first.unit  # "$3-4 billion": the second end has no sign
        elif first.unit and second.unit and second.unit.startswith(f"{first.unit} per "):
            first.unit = second.unit  # "between $62 and $68 per share"
        far = _SCALE_AFTER.match(article, second.number_start)
        # "rose 296,000 to 28.52 million" is no range of millions: a range's ends rise.
        if (
            far
            and not first.scaled
            and first.unit == second.unit
            and 0 < first.value < parse_number(far["number"])
        ):
            first.value *= scale_factor(far["scale"])
            first.scaled = True


# Between a change and the level it reaches: "rose 64.06 points to 4,577.10".
_TO_LEVEL = re.compile(r"\s(?:to|at)(?:\s(?:end|close)\sat|\sa\sclose\sof)?\s")


# "from about 14-18 mpg to 24", "from 5 tonnes in 2019 to 7": the far end of a span.
_FROM_BEFORE = re.compile(r"\bfrom\s(?:\D{0,12}\s)?[\d,.]*[-\u2013]?$", re.IGNORECASE)
_FROM_TO = re.compile(r"(?:\s(?:in|on|at)\s\S+)?\sto\s")
# "280 million of the 1.5 billion shekels": a part, in the whole's unit.
_PART_OF_WHOLE = re.compile(r"\s(?:out\s)?of\s(?:the\s|its\s|their\s|a\s|an\s)?")


def _lend_level_units(article: str, readings: list[_Reading]) -> None:
    """A bare number reached by a change in points or money is in the same unit: "rose
    64.06 points to 4,577.10" (an index level), "fell $2 to 75". A change in percent
    says nothing of the level's unit ("rose 6.5% to 164"). The far end of a span "from"
    one measure is in its unit ("from 14-18 mpg to 24"), and a part "of" a whole
    measure in the whole's ("280 million of the 1.5 billion shekels")."""
    for first, second in itertools.pairwise(readings):
        if first.spelled or second.spelled or (first.unit is None) == (second.unit is None):
            continue
        if first.unit is not None:
            change, level = first, second
            moved = (
                change.unit == "point" or change.unit in _iso_currencies()
            ) and _TO_LEVEL.fullmatch(article, change.end, level.start)
            spanned = _FROM_TO.fullmatch(article, change.end, level.start) and (
                _FROM_BEFORE.search(article, max(0, change.start - 30), change.start)
            )
            if moved or spanned:
                level.unit = change.unit
            elif _an_index_level(article, change, level):
                level.unit = "point"
        elif (
            second.unit != "percent"
            and first.scaled == second.scaled
            and _PART_OF_WHOLE.fullmatch(article, first.end, second.start)
        ) or (
            second.unit == "point"
            and _LEVEL_THEN_CHANGE.fullmatch(article, first.end, second.start)
        ):
            first.unit = second.unit  # "(16369.03 up 58.06 points)": a level, then its change


# An index a change in percent moves: its level is in points ("the TA-125 climbed 0.1% to
# 1,333.18", "the dollar index was up 0.2% at 96.088").
_INDEX_NAMED = re.compile(
    r"\b(?:index|indices|benchmark|FTSE|Dow|Nikkei|Nasdaq|S&P|Hang\sSeng|DAX|CAC|TOPIX|"
    r"Sensex|Nifty|Kospi|Stoxx|TSX|Composite|ASX|Straits\sTimes|TA-\d+)\b"
)
_LEVEL_THEN_CHANGE = re.compile(r"\s(?:up|down)\s")
# Where the clause naming what moved begins: "..., while the TA-125 climbed 0.1%".
_CLAUSE_START = re.compile(r"[.;!?]\s|,\s(?:while|and|but)\s")


def _an_index_level(article: str, change: _Reading, level: _Reading) -> bool:
    """Whether ``level`` is what an index reached after a change in percent."""
    if change.unit != "percent" or not _TO_LEVEL.fullmatch(article, change.end, level.start):
        return False
    before = article[max(0, change.start - 60) : change.start]
    clause = _CLAUSE_START.split(before)[-1]
    return bool(_INDEX_NAMED.search(clause))


# Money given in a second currency in brackets: "C$6 (US$4.46) per share",
# "2,380,000 ($21,972)".
_CONVERTED = re.compile(r"\s?\(\s?")
_AFTER_CONVERSION = re.compile(r"\s?\)\s?(?:per|a|an)\s(?P<thing>[a-z]+)\b")


def _lend_converted_units(article: str, readings: list[_Reading]) -> None:
    """A price per thing stated after a conversion is the price of both sums, and a bare
    number converted into money is money, in the currency the text converts from."""
    currencies = _iso_currencies()
    for index, (first, second) in enumerate(itertools.pairwise(readings)):
        if second.unit not in currencies or not _CONVERTED.fullmatch(
            article, first.end, second.start
        ):
            continue
        if first.unit in currencies and (per := _AFTER_CONVERSION.match(article, second.end)):
            thing = _PER.get(per["thing"])
            if thing and thing not in _TIMES:
                first.unit, second.unit = f"{first.unit} per {thing}", f"{second.unit} per {thing}"
        elif first.unit is None and not first.spelled:
            # The currency of an earlier sum converted the same way: "2,435,000 yen
            # ($22,480) ... and 2,380,000 ($21,972)".
            earlier = [
                r.unit for r in readings[:index] if r.unit in currencies and r.unit != second.unit
            ]
            if earlier:
                first.unit = earlier[-1]


# Ages as news writes them: "aged 43", "at the age of 12", "Mr Hague, 43, told", "who
# was 10.".
_AGED = re.compile(r"\b(?:[Aa]ged|age of)\s$")
_WHO_WAS = re.compile(r"\b(?:who|he|she)\s(?:is|was|turns|turned)\s$", re.IGNORECASE)
_CLAUSE_ENDS = re.compile(r"\s?(?:[.,;:)]|$|\swhen\b|\sat\sthe\stime\b)")
_NAME_AND_COMMA = re.compile(r"[A-Z][\w'\u2019-]*,\s$")


def _is_age(article: str, reading: _Reading) -> bool:
    """Whether a bare whole number is someone's age in years."""
    if reading.scaled or reading.value != int(reading.value) or not 0 < reading.value < 125:
        return False
    window = max(0, reading.start - 30)
    if _AGED.search(article, window, reading.start):
        return True
    if _WHO_WAS.search(article, window, reading.start) and _CLAUSE_ENDS.match(article, reading.end):
        return True  # "his daughter Maria, who was 10." ("who was 10 minutes late" is not)
    return bool(_NAME_AND_COMMA.search(article, window, reading.start)) and (
        article[reading.end : reading.end + 1] == ","
    )


_MINUS = re.compile(r"\bminus[\s-]$", re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween\s\D{0,3}$", re.IGNORECASE)
_SCALE_AFTER = re.compile(
    rf"(?P<number>\d[\d,]*(?:\.\d+)?|(?i:{SPELLED_WORDS}))\s?"
    rf"(?P<scale>{SCALE_WORDS}|[mbkMBK])\b"
)


def is_unit(unit: str) -> bool:
    """Whether ``unit`` belongs to the vocabulary: a unit, an ISO 4217 code, a square
    measure, or a rate of one of those per something."""
    if unit in _VOCABULARY:
        return True
    head = unit.partition(" per ")[0]
    if head.startswith("square "):
        return head.removeprefix("square ") in _MEASURES
    return head in _VOCABULARY or _currency_code(head) is not None


def currency_named(name: str) -> str | None:
    """The ISO 4217 code of a currency by its code or English name ("Australian dollar")."""
    try:
        return str(pycountry.currencies.lookup(name.strip()).alpha_3)
    except LookupError:
        return None


def _currency(written: str | None) -> str | None:
    """The ISO 4217 code of money written before a number ("US $", "$US", "HK$", "EUR")."""
    if not written:
        return None
    written = "".join(written.split())
    return _CURRENCY_SIGNS.get(written) or _currency_code(written)


def _currency_code(word: str) -> str | None:
    """``word`` when it is an ISO 4217 code in capitals ("JPY", "USD"), else None."""
    if len(word) == 3 and word.isupper() and word not in _CODES_THAT_ARE_WORDS:
        return word if word in _iso_currencies() else None
    return None


@functools.lru_cache(maxsize=1)
def _iso_currencies() -> frozenset[str]:
    return frozenset(currency.alpha_3 for currency in pycountry.currencies)


# "49 Zorro Ranch Road", "9 E 71st St", "10 Downing Street": an address.
_ADDRESS_AFTER = re.compile(
    r"\s(?:[A-Z0-9][\w.]*\s){0,3}(?:Road|Rd|Street|St|Avenue|Ave|Way|Lane|Drive|Boulevard|Blvd|"
    r"Place|Court|Terrace|Crescent|Close|Row|Highway)\b"
)


# A capitalised word (not an abbreviation) followed by another: a title's words.
# A headline in title case goes on with small words ("Up 5 Percent In March").
_IN_A_TITLE = re.compile(
    r"[A-Z][a-z]+[ \t]+(?!(?:In|Of|On|At|To|For|By|And|As|From|With|The|A|An|Since|After|"
    r"Before|Over|Under|Per|Or)\b)[A-Z][a-z]"
)
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+")


def _names_it(article: str, start: int) -> bool:
    """Whether the bare number at ``start`` is part of a name: it follows a capitalised
    word that does not open a sentence ("the Stoxx 50", "Section 427", "Windows 10"), or
    an acronym ("FTSE 100", "S&P 500"). A list after a colon names things too ("In
    Europe: Stoxx 50 -1.3%")."""
    if _GROUPED.match(article, start):
        return False  # "in Scotland 53,000": names number with small integers
    window = article[max(0, start - 40) : start]
    word = re.search(r"(\S*\w) $", window)  # "Hague, 43" is an age, not a name
    if word is None or word.group(1).islower():
        return False
    name = word.group(1)
    if (len(name) > 1 and name.isupper() and name.isalpha()) or "&" in name:
        return True
    if not name[0].isupper() and any(c.isupper() for c in name):
        return True  # "iPhone 14", "eBay 5"
    before = window[: word.start()].rstrip()
    return bool(before) and before[-1] not in '.!?"\u201c\u201d(\n'


# Unit symbols whose case matters: "45g" is grams where "5G" is a network.
_SYMBOLS = {
    "g": "gram",
    "W": "watt",
    "\u20ac": "EUR",  # "1,200\u20ac"
    "\u00a3": "GBP",
    "Nm": "newton metre",  # torque, where "7nm" is a chip's nanometres
    "nm": "nanometre",
    "PS": "horsepower",  # metric horsepower (Pferdest\u00e4rke): "300 PS"
}
# Words after a number that make it a time of day or a rank.
_NOT_UNITS = frozenset("am pm gmt utc bst edt est cet st nd rd th".split())
# Words that end in "s" after a number without being what it counts ("$4.8 billion this year").
_NOT_COUNTED = frozenset(
    "this thus his its was has is as us plus less across always towards versus unless "
    "whereas perhaps besides afterwards nevertheless "
    # Fractions: "two thirds of the economy" is no count of thirds.
    "halves thirds quarters fifths sixths sevenths eighths ninths tenths".split()
)


_SQUARE_SHORT = {
    "sq m": "square metre",
    "sqm": "square metre",
    "m2": "square metre",
    "m\u00b2": "square metre",
    "km2": "square kilometre",
    "km\u00b2": "square kilometre",
    "sq ft": "square foot",
    "sqft": "square foot",
    "ft2": "square foot",
    "ft\u00b2": "square foot",
}
# "25\u00b0C", "25 \u00b0F", "1.5 degrees Celsius", "2.14degF" (a degree sign lost in scraping).
_TEMPERATURE = re.compile(r"(?:\u00b0|deg(?:rees?)?)\s?(?P<scale>celsius|fahrenheit|c|f)")


def unit_of_word(word: str) -> str | None:
    """The vocabulary's unit for the word after a number: "feet" -> "foot", "square
    metres" -> "square metre"; None for a word the vocabulary does not know."""
    word = _SQUARE_SHORT.get(word, word)
    if temperature := _TEMPERATURE.fullmatch(word):
        return "celsius" if temperature["scale"].startswith("c") else "fahrenheit"
    if word == "\u00b0":
        return "degree"
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


def _is_date_year_or_code(article: str, match: re.Match[str], *, scaled: bool) -> bool:
    """A date ("November 28", "5 March"), a bare year, or a number a code continues
    ("24/7", "10:30")."""
    start, end = match.start("number"), match.end("number")
    if end < len(article) and article[end] in "/:":
        return True
    if _DATE_BEFORE.search(article, max(0, start - 12), start):
        return True
    if _DATE_AFTER.match(article[end : end + 20].lstrip()):
        return True
    number = match["number"]
    is_year = len(number) == 4 and number.isdigit() and _is_year(int(number))
    return is_year and not scaled and not _ranges_with_other_than_year(article, start, end)


def _is_year(number: int) -> bool:
    return 1900 <= number <= 2100


_RANGE_BEFORE = re.compile(r"(?<![\d,.])(?P<number>\d[\d,]*)\s?(?:[-\u2013]|to|and)\s?$")
_RANGE_AFTER = re.compile(r"\s?[-\u2013]\s?(?P<number>\d[\d,]*)(?![\d,.])")


def _ranges_with_other_than_year(article: str, start: int, end: int) -> bool:
    """Whether the year-like number at ``start:end`` is one end of a rising range whose
    other end is a whole number but no year: "from 1000 to 2000 hires", "2000 - 2500
    Calories". After a year only a dash makes a range: "in 2022 to 1,450 tonnes" is not."""
    year = int(article[start:end])
    before = _RANGE_BEFORE.search(article, max(0, start - 16), start)
    after = _RANGE_AFTER.match(article, end)
    ends = [(int(before["number"].replace(",", "")), year)] if before else []
    ends += [(year, int(after["number"].replace(",", "")))] if after else []
    return any(low < high and not (_is_year(low) and _is_year(high)) for low, high in ends)
