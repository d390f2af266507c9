"""ISO 8601 dates as the records write them, as the days they span.

Records resolve dates to a day (``2024-10-27``), a month (``2024-10``), an ISO week
(``2024-W43``), a year (``2024``) or an interval of these (``2024-03-20/2024-09-21``).
A period is the interval from its first day to its last, so that a month sorts before
the days of the next one and a year contains its months. Anything else is no date:
the digest never guesses one.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)$")
_MONTH = re.compile(r"^(\d{4})-(\d\d)$")
_WEEK = re.compile(r"^(\d{4})-W(\d\d)$")
_YEAR = re.compile(r"^(\d{4})$")


def span_of(iso: str | None) -> tuple[date, date] | None:
    """The first and last day ``iso`` covers, or None when it is not an ISO date."""
    if not iso:
        return None
    text = iso.strip()
    if "/" in text:
        first, _, last = text.partition("/")
        start, end = _period(first), _period(last)
        if start is None or end is None or end[1] < start[0]:
            return None
        return start[0], end[1]
    return _period(text)


def _period(text: str) -> tuple[date, date] | None:
    try:
        if match := _DAY.match(text):
            day = date(int(match[1]), int(match[2]), int(match[3]))
            return day, day
        if match := _MONTH.match(text):
            year, month = int(match[1]), int(match[2])
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        if match := _WEEK.match(text):
            year, week = int(match[1]), int(match[2])
            return date.fromisocalendar(year, week, 1), date.fromisocalendar(year, week, 7)
        if match := _YEAR.match(text):
            year = int(match[1])
            return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None  # "2024-02-30", week 54: not a date
    return None
