"""Dataset units in our unit vocabulary (docs/units.md), so gold figures compare."""

from __future__ import annotations

from summarizer._cues.quantities import currency_named, is_unit, unit_of_word

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
