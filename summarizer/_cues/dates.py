"""Dates as the article writes them -> ISO 8601, resolved against the article's own date.

The output is the most precise ISO 8601 form the words support:

- a day ``2024-10-27``, a month ``2024-10``, a year ``2024``, an ISO week ``2024-W43``;
- an interval ``2024-05-01/2024-05-10`` for "early May", a quarter, a half year or a
  Solar Hijri (Iranian calendar) period.

Relative words ("on Monday", "last week", "November 28" without a year) need the date
the article was published; without one, :func:`resolve_date` returns None and callers
keep the text as written. Solar Hijri dates are converted with ``jdatetime``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

import jdatetime

from summarizer._cues.lexicon import MONTH_NUMBERS, MONTH_WORDS, WEEKDAYS, alternation

_MONTHS = MONTH_NUMBERS
_MONTH = r"(?P<month>" + alternation(MONTH_WORDS) + r")\.?"
_WEEKDAYS = list(WEEKDAYS)
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3}
_ORDINALS_HALF = {"first": 1, "second": 2, "1st": 1, "2nd": 2}
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_IRANIAN = r"(?:iranian|persian|solar hijri|hijri shamsi)(?:\s+calendar)?\s+year"


def _pattern(text: str) -> re.Pattern[str]:
    return re.compile(text, re.IGNORECASE)


_ISO_DAY = _pattern(r"\b(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)\b")
_MONTH_DAY_YEAR = _pattern(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b")
_DAY_MONTH_YEAR = _pattern(rf"\b{_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}\b")
_PART_OF_MONTH = _pattern(
    rf"\b(?P<part>early|mid|middle of|late|end of|beginning of|start of)[\s-]+{_MONTH}"
    rf"(?:,?\s+{_YEAR})?\b"
)
_PART_OF_YEAR = _pattern(
    rf"\b(?P<part>early|mid|middle of|late|end of|beginning of|start of)[\s-]+{_YEAR}\b"
)
_MONTH_YEAR = _pattern(rf"\b{_MONTH},?\s+{_YEAR}\b")
_MONTH_DAY = _pattern(rf"\b{_MONTH}\s+{_DAY}\b(?!\s*(?:,\s*)?\d)")
_DAY_MONTH = _pattern(rf"\b{_DAY}(?:\s+of)?\s+{_MONTH}\b")
_QUARTER = _pattern(
    rf"\b(?:(?P<ordinal>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter|Q(?P<q>[1-4]))"
    rf"(?:\s+(?:of\s+)?(?P<which>this|last|next)\s+year|\s+(?:of\s+)?{_YEAR})?\b"
)
_HALF = _pattern(
    rf"\b(?:(?P<ordinal>first|second|1st|2nd)\s+half|H(?P<h>[12]))"
    rf"(?:\s+(?:of\s+)?(?P<which>this|last|next)\s+year|\s+(?:of\s+)?{_YEAR})?\b"
)
_RELATIVE_DAY = _pattern(r"\b(?P<word>today|yesterday|tomorrow)\b")
_WEEKDAY = _pattern(r"\b(?P<last>last\s+)?(?P<weekday>" + "|".join(_WEEKDAYS) + r")\b")
_RELATIVE_PERIOD = _pattern(
    r"\b(?P<which>last|this|next|current|past|previous|coming)\s+(?P<unit>week|month|year)\b"
)
_LONE_MONTH = _pattern(rf"\b(?:in|since|until|by|from|during)\s+{_MONTH}\b(?!\s+\d)")
_LONE_YEAR = _pattern(rf"\b{_YEAR}\b")
# Solar Hijri: "the Iranian calendar year of 1398", "first half of the current Iranian
# calendar year", "the first seven months of the current Iranian year".
_IRANIAN_YEAR = _pattern(rf"\b{_IRANIAN}\s+(?:of\s+)?(?P<year>1[34]\d\d)\b")
_IRANIAN_YEAR_BEFORE = _pattern(rf"\b(?P<year>1[34]\d\d)\s+(?:{_IRANIAN}|SH|AP)\b")
_IRANIAN_PART = _pattern(
    rf"\b(?:(?P<half>first|second|1st|2nd)\s+half|(?P<quarter>first|second|third|fourth)\s+"
    rf"quarter|first\s+(?P<months>\w+)\s+months)\s+of\s+(?:the\s+)?"
    rf"(?P<which>current|last|previous|past|this)?\s*{_IRANIAN}(?:\s+(?:of\s+)?(?P<year>1[34]\d\d))?"
)
_IRANIAN_CURRENT = _pattern(rf"\b(?P<which>current|last|previous|past|this)\s+{_IRANIAN}\b")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date as written (``text[start:end]``) and its ISO 8601 form."""

    start: int
    end: int
    text: str
    iso: str


def find_date(text: str | None, reference: date | None = None) -> DateMention | None:
    """The most precise date ``text`` names, with where it is written, or None.

    ``reference`` is the article's publication date: it resolves relative words and
    dates without a year. Absolute dates need no reference.
    """
    if not text or not text.strip():
        return None
    for resolver in _RESOLVERS:
        if (found := resolver(text, reference)) is not None:
            match, iso = found
            return DateMention(match.start(), match.end(), match.group(0), iso)
    return None


def resolve_date(text: str | None, reference: date | None = None) -> str | None:
    """The ISO 8601 form of the most precise date ``text`` names, or None."""
    mention = find_date(text, reference)
    return mention.iso if mention else None


def parse_iso_day(text: str | None) -> date | None:
    """``text`` as a date when it is a plain ISO day (``2024-10-27``), else None."""
    try:
        return date.fromisoformat(text) if text and len(text) == 10 else None
    except ValueError:
        return None


# -- resolvers, most specific first ----------------------------------------------------

_Found = tuple[re.Match[str], str] | None


def _found(match: re.Match[str], iso: str | None) -> _Found:
    return (match, iso) if iso is not None else None


def _solar_hijri(text: str, reference: date | None) -> _Found:
    if match := _IRANIAN_PART.search(text):
        year = _iranian_year(match["year"], match["which"], reference)
        if year is None:
            return None
        if match["half"]:
            first = 1 if _ORDINALS_HALF[match["half"].lower()] == 1 else 7
            return _found(match, _jalali_interval(year, first, first + 5))
        if match["quarter"]:
            first = 3 * (_ORDINALS[match["quarter"].lower()] - 1) + 1
            return _found(match, _jalali_interval(year, first, first + 2))
        months = _count(match["months"])
        if months and months <= 12:
            return _found(match, _jalali_interval(year, 1, months))
        return None
    if match := (_IRANIAN_YEAR.search(text) or _IRANIAN_YEAR_BEFORE.search(text)):
        return _found(match, _jalali_interval(int(match["year"]), 1, 12))
    if match := _IRANIAN_CURRENT.search(text):
        year = _iranian_year(None, match["which"], reference)
        return _found(match, _jalali_interval(year, 1, 12) if year else None)
    return None


def _iranian_year(stated: str | None, which: str | None, reference: date | None) -> int | None:
    if stated:
        return int(stated)
    if reference is None:
        return None
    current = int(jdatetime.date.fromgregorian(date=reference).year)
    return current - 1 if which and which.lower() in {"last", "previous", "past"} else current


def _jalali_interval(year: int, first_month: int, last_month: int) -> str:
    start = jdatetime.date(year, first_month, 1).togregorian()
    if last_month == 12:
        end = jdatetime.date(year + 1, 1, 1).togregorian() - timedelta(days=1)
    else:
        end = jdatetime.date(year, last_month + 1, 1).togregorian() - timedelta(days=1)
    return f"{start.isoformat()}/{end.isoformat()}"


def _full_date(text: str, reference: date | None) -> _Found:
    for pattern in (_ISO_DAY, _MONTH_DAY_YEAR, _DAY_MONTH_YEAR):
        if match := pattern.search(text):
            day = _day(int(match["year"]), _month(match["month"]), int(match["day"]))
            return _found(match, day)
    return None


def _part_of_month(text: str, reference: date | None) -> _Found:
    if not (match := _PART_OF_MONTH.search(text)):
        return None
    month = _month(match["month"])
    year = int(match["year"]) if match["year"] else _nearest_year(month, 15, reference)
    if year is None:
        return None
    last = calendar.monthrange(year, month)[1]
    first_day, last_day = {
        "early": (1, 10),
        "beginning of": (1, 10),
        "start of": (1, 10),
        "mid": (11, 20),
        "middle of": (11, 20),
        "late": (21, last),
        "end of": (21, last),
    }[match["part"].lower()]
    return _found(match, f"{date(year, month, first_day)}/{date(year, month, last_day)}")


def _part_of_year(text: str, reference: date | None) -> _Found:
    if not (match := _PART_OF_YEAR.search(text)):
        return None
    year, part = int(match["year"]), match["part"].lower()
    if part == "end of":
        return _found(match, f"{year}-12-31")
    thirds = {"early": (1, 4), "beginning of": (1, 4), "start of": (1, 4), "late": (9, 12)}
    first, last = thirds.get(part, (5, 8))
    return _found(match, _months_interval(year, first, last))


def _quarter_or_half(text: str, reference: date | None) -> _Found:
    for pattern, size in ((_QUARTER, 3), (_HALF, 6)):
        if match := pattern.search(text):
            ordinals = _ORDINALS if size == 3 else _ORDINALS_HALF
            index = int(match[2]) if match[2] else ordinals[match["ordinal"].lower()]
            year = _year_of(match["year"], match["which"], reference)
            if year is None:
                return None
            return _found(match, _months_interval(year, size * (index - 1) + 1, size * index))
    return None


def _month_and_year(text: str, reference: date | None) -> _Found:
    if match := _MONTH_YEAR.search(text):
        return _found(match, f"{int(match['year']):04d}-{_month(match['month']):02d}")
    return None


def _month_and_day(text: str, reference: date | None) -> _Found:
    match = _MONTH_DAY.search(text) or _DAY_MONTH.search(text)
    if match is None:
        return None
    month, day = _month(match["month"]), int(match["day"])
    year = _nearest_year(month, day, reference)
    return _found(match, _day(year, month, day) if year is not None else None)


def _relative_day(text: str, reference: date | None) -> _Found:
    if reference is None:
        return None
    if match := _RELATIVE_DAY.search(text):
        offset = {"today": 0, "yesterday": -1, "tomorrow": 1}[match["word"].lower()]
        return _found(match, (reference + timedelta(days=offset)).isoformat())
    if match := _WEEKDAY.search(text):
        # News reports the past: "on Monday" is the latest Monday up to the article's date
        # (the day itself included); "last Monday" is the one before that if it is today.
        weekday = _WEEKDAYS.index(match["weekday"].lower())
        back = (reference.weekday() - weekday) % 7
        if back == 0 and match["last"]:
            back = 7
        return _found(match, (reference - timedelta(days=back)).isoformat())
    return None


def _relative_period(text: str, reference: date | None) -> _Found:
    if reference is None or not (match := _RELATIVE_PERIOD.search(text)):
        return None
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(
        match["which"].lower(), 0
    )
    unit = match["unit"].lower()
    if unit == "week":
        year, week, _ = (reference + timedelta(weeks=step)).isocalendar()
        return _found(match, f"{year}-W{week:02d}")
    if unit == "month":
        index = reference.year * 12 + reference.month - 1 + step
        return _found(match, f"{index // 12:04d}-{index % 12 + 1:02d}")
    return _found(match, f"{reference.year + step:04d}")


def _lone_month(text: str, reference: date | None) -> _Found:
    if not (match := _LONE_MONTH.search(text)):
        return None
    month = _month(match["month"])
    year = _nearest_year(month, 15, reference)
    return _found(match, f"{year:04d}-{month:02d}" if year is not None else None)


def _lone_year(text: str, reference: date | None) -> _Found:
    match = _LONE_YEAR.search(text)
    return _found(match, match["year"]) if match else None


_RESOLVERS = (
    _solar_hijri,
    _full_date,
    _part_of_month,
    _part_of_year,
    _quarter_or_half,
    _month_and_year,
    _month_and_day,
    _relative_day,
    _relative_period,
    _lone_month,
    _lone_year,
)


# -- helpers ---------------------------------------------------------------------------


def _month(name: str) -> int:
    return int(name) if name.isdigit() else _MONTHS[name.lower().rstrip(".")]


def _day(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None  # "February 30": not a date, so not a guess either


def _count(word: str) -> int | None:
    word = word.lower()
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word)


def _months_interval(year: int, first: int, last: int) -> str:
    end = calendar.monthrange(year, last)[1]
    return f"{date(year, first, 1)}/{date(year, last, end)}"


def _year_of(stated: str | None, which: str | None, reference: date | None) -> int | None:
    if stated:
        return int(stated)
    if reference is None:
        return None
    return reference.year + {"last": -1, "next": 1}.get((which or "").lower(), 0)


def _nearest_year(month: int, day: int, reference: date | None) -> int | None:
    """The year that puts month/day closest to the article's date: "November 28" in an
    article of 2 December is last week, in one of 3 January it is last year's."""
    if reference is None:
        return None
    day = min(day, 28) if month == 2 else min(day, 30)
    options = [date(reference.year + delta, month, day) for delta in (-1, 0, 1)]
    return min(options, key=lambda option: abs((option - reference).days)).year
