"""Words of the calendar that several cue finders and sections use, defined once."""

from __future__ import annotations

# Each month by number, with its abbreviations ("sept" as well as "sep").
MONTHS: tuple[tuple[str, ...], ...] = (
    ("january", "jan"),
    ("february", "feb"),
    ("march", "mar"),
    ("april", "apr"),
    ("may",),
    ("june", "jun"),
    ("july", "jul"),
    ("august", "aug"),
    ("september", "sep", "sept"),
    ("october", "oct"),
    ("november", "nov"),
    ("december", "dec"),
)
MONTH_NUMBERS: dict[str, int] = {
    name: number for number, names in enumerate(MONTHS, start=1) for name in names
}
WEEKDAYS: tuple[str, ...] = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"
)  # fmt: skip


def alternation(words: tuple[str, ...] | list[str], *, capitalised: bool = False) -> str:
    """A regex alternation of ``words``, longest first (so "sept" wins over "sep")."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(word.capitalize() if capitalised else word for word in ordered)


MONTH_WORDS: tuple[str, ...] = tuple(MONTH_NUMBERS)
